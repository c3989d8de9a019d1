//! The speed ratios measured interleaved ([`interleave`]): each round times one pass of
//! every kind of lookup over its real query set ([`queries`]), and each target's ratio is the
//! median of the per-round ratios.
//!
//!     cargo bench -p dicom-map --features embedded --bench ratios
//!
//! Prints Markdown tables: per kind the median time per lookup, and each target's ratio (median
//! of the per-round ratios, with the spread of the middle half of the rounds). The one-question
//! kinds of `lookup.rs` are timed here too, in the same rounds as their public hit.

mod interleave;
mod queries;

use std::hint::black_box;

use dicom_core::dictionary::DataDictionary;
use dicom_core::Tag;
use dicom_dictionary_std::StandardDataDictionary;
use interleave::Kind;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench` asks harness=false benches to list their tests
    }
    let ours = dicom_map::embedded();
    ours.prepare();
    let theirs = StandardDataDictionary;
    let sets: &'static queries::Sets = Box::leak(Box::new(queries::load(ours)));
    let keywords: &'static [String] = &sets.keywords;
    let tags: &'static [Tag] = sets
        .public
        .iter()
        .map(|&(g, e, _)| Tag(g, e))
        .collect::<Vec<_>>()
        .leak();

    let mut kinds: Vec<Kind> = sets
        .by_kind()
        .into_iter()
        .map(|(name, set)| {
            Kind::new(name, set.len(), move || {
                for (g, e, c) in set {
                    black_box(ours.lookup(black_box(*g), *e, c.as_deref()));
                }
            })
        })
        .collect();
    kinds.push(Kind::new(
        "public hit, dicom-rs by_tag",
        tags.len(),
        move || {
            for &t in tags {
                black_box(theirs.by_tag(black_box(t)));
            }
        },
    ));
    kinds.push(Kind::new("keyword -> tag", keywords.len(), move || {
        for k in keywords {
            black_box(ours.lookup_keyword(black_box(k), None));
        }
    }));
    kinds.push(Kind::new(
        "keyword -> tag, dicom-rs by_name",
        keywords.len(),
        move || {
            for k in keywords {
                black_box(theirs.by_name(black_box(k)));
            }
        },
    ));
    // One question of each kind, asked REPEAT times a pass (the one-question benchmarks of
    // lookup.rs, timed here in the same rounds as their public hit).
    let first_single = kinds.len();
    for (name, group, element, creator) in SINGLE {
        kinds.push(Kind::new(name, REPEAT, move || {
            for _ in 0..REPEAT {
                black_box(ours.lookup(black_box(group), black_box(element), black_box(creator)));
            }
        }));
    }
    let single = |i: usize| first_single + i;
    let times = interleave::time(&kinds);
    times.print_medians("kind (real query set, then one question)");
    times.print_ratios(&[
        (1, 0, "≤ 3"),
        (2, 0, "≤ 3"),
        (3, 0, "≤ 4"),
        (4, 0, "≤ 2"),
        (5, 0, "≤ 2"),
        (0, 6, ""),
        (7, 8, "≤ 2"),
        (single(1), single(0), "≤ 3"),
        (single(2), single(0), "≤ 3"),
        (single(3), single(0), "≤ 4"),
        (single(4), single(0), "≤ 2"),
    ]);
}

/// How many times a one-question kind asks its question per pass.
const REPEAT: usize = 500;

/// `(name, group, element, creator)`: one question of each kind, public hit first.
const SINGLE: [(&str, u16, u16, Option<&str>); 5] = [
    ("one question: public hit (0008,0005)", 0x0008, 0x0005, None),
    (
        "one question: full element (0029,1010)",
        0x0029,
        0x1010,
        Some("SIEMENS CSA HEADER"),
    ),
    (
        "one question: low byte (0029,0010)",
        0x0029,
        0x0010,
        Some("SIEMENS CSA HEADER"),
    ),
    (
        "one question: folded (0029,1010) siemens csa header",
        0x0029,
        0x1010,
        Some("siemens csa header"),
    ),
    (
        "one question: unknown creator (0029,1010) NO SUCH CREATOR",
        0x0029,
        0x1010,
        Some("NO SUCH CREATOR"),
    ),
];
