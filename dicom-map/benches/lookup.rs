//! Lookup speed on the embedded dictionary: public hit, private hit with its creator, a miss,
//! and a creator that only matches folded. Run with `cargo bench -p dicom-map --features embedded`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

fn lookups(c: &mut Criterion) {
    let dict = dicom_map::embedded();
    let mut g = c.benchmark_group("lookup");
    g.bench_function("public hit (0008,0005)", |b| {
        b.iter(|| dict.lookup(black_box(0x0008), black_box(0x0005), None))
    });
    g.bench_function("private hit (0019,100C) SIEMENS MR HEADER", |b| {
        b.iter(|| {
            dict.lookup(
                black_box(0x0019),
                black_box(0x100C),
                black_box(Some("SIEMENS MR HEADER")),
            )
        })
    });
    g.bench_function("miss (0008,0007)", |b| {
        b.iter(|| dict.lookup(black_box(0x0008), black_box(0x0007), None))
    });
    g.bench_function("folded creator (0019,100C) siemens mr header", |b| {
        b.iter(|| {
            dict.lookup(
                black_box(0x0019),
                black_box(0x100C),
                black_box(Some("siemens  mr header")),
            )
        })
    });
    g.bench_function("keyword PatientName", |b| {
        b.iter(|| dict.tag_for_keyword(black_box("PatientName")))
    });
    g.finish();
}

fn open(c: &mut Criterion) {
    c.bench_function("open embedded (O(1) checks)", |b| {
        b.iter(dicom_map::Dict::embedded)
    });
}

criterion_group!(benches, lookups, open);
criterion_main!(benches);
