//! Speed of the reader on the bundled dictionary (`dicom-map/tags.dmap`), and of dicom-rs's standard
//! dictionary (`dicom-dictionary-std`) asked the same public questions in the same run.
//!
//! Group `dicom-map`: every kind of lookup (public, private by full element and by low byte,
//! folded creator, misses, repeater), keyword → tag, opening (`Dict::from_bytes`, the O(1)
//! checks), the first tag lookup and the first keyword lookup (which build the tag index and the
//! keyword index) and `verify()` (the full
//! check). Groups `public by tag` and `public by keyword`: the
//! same question to both dictionaries; `benches/summary.py` turns the run into the table of
//! BENCHMARKS.md with the ratios. Run both with `make bench`.
//!
//! Group `real query sets`: the same kinds of lookup asked over the questions of real files
//! ([`queries`]: the public tags present in them, their private elements with the creators
//! written there, folded and unknown variants of those), each set whole per iteration, and
//! dicom-rs asked the public ones; the summary gives the time per lookup.

mod queries;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dicom_core::dictionary::DataDictionary;
use dicom_core::Tag;
use dicom_dictionary_std::StandardDataDictionary;
use dicom_map::Dict;

const CSA: &str = "SIEMENS CSA HEADER";

fn ours(c: &mut Criterion) {
    let dict = dicom_map::embedded();
    // Build the indexes before timing (done once per dictionary).
    dict.prepare();
    let generated = dict
        .entries()
        .find(|v| v.keyword_generated())
        .map(|v| v.keyword().into_owned())
        .expect("the bundled dictionary has generated keywords");
    let lookup = |g: u16, e: u16, creator: Option<&'static str>| {
        move || dict.lookup(black_box(g), black_box(e), black_box(creator))
    };
    let mut g = c.benchmark_group("dicom-map");
    for (name, g_, e, creator, hit) in [
        ("public hit (0008,0005)", 0x0008, 0x0005, None, true),
        (
            "private hit, full element (0029,1010)",
            0x0029,
            0x1010,
            Some(CSA),
            true,
        ),
        (
            "private hit, low byte (0029,0010)",
            0x0029,
            0x0010,
            Some(CSA),
            true,
        ),
        (
            "folded-creator hit (0029,1010) siemens csa header",
            0x0029,
            0x1010,
            Some("siemens csa header"),
            true,
        ),
        ("repeater hit (6002,3000)", 0x6002, 0x3000, None, true),
        ("miss, public (0008,0003)", 0x0008, 0x0003, None, false),
        (
            "miss, unknown creator (0029,1010)",
            0x0029,
            0x1010,
            Some("NO SUCH CREATOR"),
            false,
        ),
    ] {
        let f = lookup(g_, e, creator);
        assert_eq!(f().is_some(), hit, "{name}");
        g.bench_function(name, |b| b.iter(&f));
    }
    assert!(dict.lookup_keyword("PatientName", None).is_some());
    g.bench_function("keyword -> tag, public (PatientName)", |b| {
        b.iter(|| dict.lookup_keyword(black_box("PatientName"), None))
    });
    assert!(dict.lookup_keyword(&generated, None).is_some());
    g.bench_function("keyword -> tag, private generated", |b| {
        b.iter(|| dict.lookup_keyword(black_box(&generated), None))
    });

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap");
    let bytes = std::fs::read(path).expect("dicom-map/tags.dmap");
    g.bench_function("open: Dict::from_bytes (O(1) checks)", |b| {
        b.iter(|| Dict::from_bytes(black_box(&bytes[..])).map(|d| d.len()))
    });
    g.sample_size(20);
    g.bench_function("tag index: first tag lookup after open", |b| {
        b.iter(|| {
            let d = Dict::from_bytes(black_box(&bytes[..])).unwrap();
            d.lookup(0x0008, 0x0005, None).map(|v| v.tag())
        })
    });
    g.bench_function("keyword index: first keyword lookup after open", |b| {
        b.iter(|| {
            let d = Dict::from_bytes(black_box(&bytes[..])).unwrap();
            d.lookup_keyword("PatientName", None).map(|v| v.tag())
        })
    });
    let opened = Dict::from_bytes(&bytes[..]).unwrap();
    opened.prepare();
    let (tags, keywords) = opened.index_bytes();
    eprintln!("index heap bytes: tag index {tags}, keyword index {keywords}");
    g.bench_function("verify() (full check)", |b| {
        b.iter(|| black_box(&opened).verify())
    });
    g.finish();
}

/// Public lookups asked of both dictionaries, side by side.
fn versus_dicom_rs(c: &mut Criterion) {
    let ours = dicom_map::embedded();
    ours.prepare();
    let theirs = StandardDataDictionary;
    assert_eq!(
        theirs.by_tag(Tag(0x0008, 0x0005)).map(|e| e.alias),
        ours.lookup(0x0008, 0x0005, None)
            .map(|v| v.stored_keyword())
    );
    assert_eq!(
        theirs.by_name("PatientName").map(|e| e.tag.inner()),
        ours.lookup_keyword("PatientName", None)
            .map(|v| Tag(v.group(), v.element()))
    );

    let mut g = c.benchmark_group("public by tag (0008,0005)");
    g.bench_function("dicom-map", |b| {
        b.iter(|| ours.lookup(black_box(0x0008), black_box(0x0005), None))
    });
    g.bench_function("dicom-rs", |b| {
        b.iter(|| theirs.by_tag(black_box(Tag(0x0008, 0x0005))))
    });
    g.finish();

    let mut g = c.benchmark_group("public by keyword (PatientName)");
    g.bench_function("dicom-map", |b| {
        b.iter(|| ours.lookup_keyword(black_box("PatientName"), None))
    });
    g.bench_function("dicom-rs", |b| {
        b.iter(|| theirs.by_name(black_box("PatientName")))
    });
    g.finish();
}

/// Every kind of lookup over the real query sets, and dicom-rs over the public ones.
fn real_query_sets(c: &mut Criterion) {
    let ours = dicom_map::embedded();
    ours.prepare();
    let theirs = StandardDataDictionary;
    let sets = queries::load(ours);
    let mut g = c.benchmark_group("real query sets");
    for (name, set) in sets.by_kind() {
        assert!(set.len() >= 20, "{name}: {} questions", set.len());
        eprintln!("real query set {name}: {} questions", set.len());
        g.throughput(Throughput::Elements(set.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                for (group, element, creator) in set {
                    black_box(ours.lookup(black_box(*group), *element, creator.as_deref()));
                }
            })
        });
    }
    let tags: Vec<Tag> = sets.public.iter().map(|&(g, e, _)| Tag(g, e)).collect();
    g.throughput(Throughput::Elements(tags.len() as u64));
    g.bench_function("public hit, dicom-rs by_tag", |b| {
        b.iter(|| {
            for &tag in &tags {
                black_box(theirs.by_tag(black_box(tag)));
            }
        })
    });
    let keywords = &sets.keywords;
    g.throughput(Throughput::Elements(keywords.len() as u64));
    g.bench_function("keyword -> tag", |b| {
        b.iter(|| {
            for k in keywords {
                black_box(ours.lookup_keyword(black_box(k), None));
            }
        })
    });
    g.bench_function("keyword -> tag, dicom-rs by_name", |b| {
        b.iter(|| {
            for k in keywords {
                black_box(theirs.by_name(black_box(k)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, ours, versus_dicom_rs, real_query_sets);
criterion_main!(benches);
