//! "Lookups never allocate", measured: a global allocator counts the allocations of the current
//! thread around every creator path of `Dict::lookup` (exact, padded, folded, several creators of
//! one folded form, unknown, empty, non-ASCII, overlong) and every keyword lookup, and the count
//! must not move. Opening allocates nothing per lookup either; deriving the generated keywords
//! and building the tag index allocate once per dictionary, which `Dict::prepare` does before
//! counting starts.

mod counting_alloc;
mod support;

use std::hint::black_box;

use counting_alloc::allocations;
use dicom_map::{CreatorMatch, Dict, Kind};
use support::builder::Builder;

/// Runs `f`, which must not allocate, and returns its result; fails naming `what` otherwise.
fn without_allocating<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let before = allocations();
    let out = f();
    let during = allocations() - before;
    assert_eq!(during, 0, "{what}: {during} allocations");
    out
}

const CSA: &str = "SIEMENS CSA HEADER";

/// Every creator path of `Dict::lookup`, on the bundled dictionary.
#[test]
fn lookups_allocate_nothing_for_any_creator() {
    let dict = Dict::from_bytes(support::real_bytes()).unwrap();
    // Made before counting: the overlong inputs, and a private-repeater entry to ask for.
    let overlong_unknown = "X".repeat(100_000);
    let overlong_padded = format!("{}{CSA}{}", " ".repeat(50_000), "\0".repeat(50_000));
    let overlong_folded = "siemens csa header".replace(' ', &" \t".repeat(20_000));
    let prpt = dict
        .entries()
        .find(|v| v.kind() == Kind::PrivateRepeater)
        .expect("the bundled dictionary has private repeating groups");
    let (prpt_group, prpt_element) = (prpt.group() | 1, 0x1000 | (prpt.element() & 0xFF));
    let prpt_creator = prpt.creator().unwrap().to_owned();
    dict.prepare(); // the tag index, built once per dictionary

    type Case<'c> = (&'c str, u16, u16, Option<&'c str>, Option<CreatorMatch>);
    let exact = Some(CreatorMatch::Exact);
    let folded = Some(CreatorMatch::Folded);
    let cases: Vec<Case<'_>> = vec![
        ("public", 0x0008, 0x0005, None, None),
        ("public with a creator", 0x0008, 0x0005, Some(CSA), None),
        ("public miss", 0x0008, 0x0003, None, None),
        ("repeater", 0x6002, 0x3000, None, None),
        ("group length", 0x0029, 0x0000, None, None),
        ("private creator element", 0x0029, 0x0010, None, None),
        ("private, no creator", 0x0029, 0x1010, None, None),
        ("exact, full element", 0x0029, 0x1010, Some(CSA), exact),
        ("exact, low byte", 0x0029, 0x0010, Some(CSA), exact),
        ("exact, no such element", 0x0029, 0x10FE, Some(CSA), None),
        (
            "padded",
            0x0029,
            0x1010,
            Some(" SIEMENS CSA HEADER \0"),
            exact,
        ),
        (
            "folded",
            0x0029,
            0x1010,
            Some("siemens  csa header"),
            folded,
        ),
        (
            "folded, whitespace",
            0x0029,
            0x1010,
            Some("Siemens\tCSA\nHeader"),
            folded,
        ),
        ("unknown", 0x0029, 0x1010, Some("NO SUCH CREATOR"), None),
        (
            "unknown, low byte",
            0x0029,
            0x0010,
            Some("NO SUCH CREATOR"),
            None,
        ),
        ("empty", 0x0029, 0x1010, Some(""), None),
        ("only padding", 0x0029, 0x1010, Some("  \0 "), None),
        ("non-ASCII", 0x0029, 0x1010, Some("Größe der Zelle"), None),
        (
            "overlong unknown",
            0x0029,
            0x1010,
            Some(&overlong_unknown),
            None,
        ),
        (
            "overlong padded",
            0x0029,
            0x1010,
            Some(&overlong_padded),
            exact,
        ),
        (
            "overlong folded",
            0x0029,
            0x1010,
            Some(&overlong_folded),
            folded,
        ),
        (
            "private repeating group",
            prpt_group,
            prpt_element,
            Some(&prpt_creator),
            exact,
        ),
        ("no fall-through", 0x6001, 0x3000, Some(CSA), None),
    ];
    for &(what, group, element, creator, how) in &cases {
        let found = without_allocating(what, || {
            let v = dict.lookup(black_box(group), black_box(element), black_box(creator));
            v.map(|v| {
                (
                    v.kind(),
                    v.creator_match(),
                    v.vr(),
                    v.vm().len(),
                    v.name().len(),
                )
            })
        });
        assert_eq!(found.and_then(|f| f.1), how, "{what}");
        if how.is_some() {
            let kind = found.unwrap().0;
            assert!(
                matches!(kind, Kind::Private | Kind::PrivateRepeater),
                "{what}: {kind:?}"
            );
        }
    }
    let misses = [
        "public miss",
        "private, no creator",
        "unknown",
        "no fall-through",
    ];
    for what in misses {
        let &(_, g, e, c, _) = cases.iter().find(|c| c.0 == what).unwrap();
        assert!(dict.lookup(g, e, c).is_none(), "{what} is a miss");
    }
}

/// Several creators sharing one folded form ("ACME 1" and "Acme1"): each is tried in turn.
#[test]
fn folded_form_of_several_creators_allocates_nothing() {
    let mut b = Builder::new();
    b.creator("ACME 1", "Acme", &[]).creator("Acme1", "", &[]);
    b.private(0x0009, "ACME 1", 0x01, 0, "AcmeOne", "LO", "1");
    b.private(0x0009, "Acme1", 0x02, 0, "AcmeTwo", "LO", "1");
    let dict = Dict::from_bytes(b.build()).unwrap();
    dict.prepare();
    dict.verify().unwrap();
    for (element, creator) in [(0x1001, "ACME 1"), (0x1002, "Acme1")] {
        let v = without_allocating("folded, several creators", || {
            dict.lookup(0x0009, element, Some("acme 1"))
        })
        .unwrap();
        assert_eq!(
            (v.creator(), v.creator_match()),
            (Some(creator), Some(CreatorMatch::Folded))
        );
    }
}

/// Keyword lookups (stored and generated, with and without a creator) and keywords themselves,
/// once the generated keywords are derived.
#[test]
fn keyword_lookups_allocate_nothing() {
    let dict = Dict::from_bytes(support::real_bytes()).unwrap();
    let generated = dict
        .entries()
        .find(|v| v.keyword_generated() && v.creator().is_some())
        .expect("the bundled dictionary has generated keywords");
    let generated_kw = generated.keyword().into_owned();
    let generated_creator = generated.creator().unwrap().to_owned();
    let csa_kw = dict
        .lookup(0x0029, 0x1010, Some(CSA))
        .unwrap()
        .keyword()
        .into_owned();
    dict.prepare();

    let public = without_allocating("public keyword", || {
        dict.lookup_keyword("PatientName", None)
    });
    assert_eq!(public.unwrap().tag(), 0x0010_0010);
    let hit = without_allocating("generated keyword", || {
        dict.lookup_keyword(black_box(&generated_kw), None)
    });
    assert_eq!(&*hit.unwrap().keyword(), generated_kw);
    assert!(without_allocating("missing keyword", || dict
        .lookup_keyword("NoSuchKeywordAnywhere", None)
        .is_none()));
    let n = without_allocating("entries_for_keyword", || {
        dict.entries_for_keyword(&csa_kw).count()
    });
    assert!(n >= 1);
    for (creator, how) in [
        (CSA, Some(CreatorMatch::Exact)),
        ("siemens csa header", Some(CreatorMatch::Folded)),
        ("NO SUCH CREATOR", None),
    ] {
        let v = without_allocating("keyword with a creator", || {
            dict.lookup_keyword(&csa_kw, Some(creator))
        });
        assert_eq!(v.and_then(|v| v.creator_match()), how, "{creator}");
    }
    let v = without_allocating("generated keyword with its creator", || {
        dict.lookup_keyword(&generated_kw, Some(&generated_creator))
    });
    assert_eq!(v.unwrap().entry_id(), generated.entry_id());
    without_allocating("keyword(), keyword_cstr()", || {
        for v in [generated, public.unwrap()] {
            assert!(matches!(v.keyword(), std::borrow::Cow::Borrowed(_)));
            assert_eq!(v.keyword_cstr().to_bytes(), v.keyword().as_bytes());
        }
    });
}

/// The counter works: the same harness sees an allocation.
#[test]
fn the_counter_sees_allocations() {
    let before = allocations();
    black_box(dicom_map::fold_creator(black_box("siemens csa header")));
    assert!(allocations() > before);
}
