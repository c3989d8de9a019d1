//! The speed ratios measured interleaved ([`interleave`]): each round times one pass of
//! every kind of lookup over its real query set ([`queries`]), and each target's ratio is the
//! median of the per-round ratios.
//!
//!     cargo bench -p dicom-map --features embedded --bench ratios
//!
//! Prints Markdown tables: per kind the median time per lookup, and each target's ratio (median
//! of the per-round ratios, with the spread of the middle half of the rounds).

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
    let times = interleave::time(&kinds);
    times.print_medians("kind (real query set)");
    times.print_ratios(&[
        (1, 0, "≤ 3"),
        (2, 0, "≤ 3"),
        (3, 0, "≤ 4"),
        (4, 0, "≤ 2"),
        (0, 5, ""),
        (6, 7, "≤ 2"),
    ]);
}
