//! The speed ratios measured interleaved, for a shared, noisy machine: each round times
//! one pass of every kind of lookup over its real query set ([`queries`]), one kind after another,
//! so that every kind sees the same moments of the machine; the ratio of two kinds is taken within
//! each round and the median over the rounds is reported (criterion times each benchmark alone,
//! minutes apart, and its ratios moved by a third between runs here).
//!
//!     cargo bench -p dicom-map --features embedded --bench ratios
//!
//! Prints a Markdown table: per kind the median time per lookup, and each target's ratio (median
//! of the per-round ratios, with the spread of the middle half of the rounds).

mod queries;

use std::hint::black_box;
use std::time::Instant;

use dicom_core::dictionary::DataDictionary;
use dicom_core::Tag;
use dicom_dictionary_std::StandardDataDictionary;

/// Rounds, and passes over each set per round.
const ROUNDS: usize = 41;
const PASSES: usize = 40;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn quartiles(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 4], v[v.len() * 3 / 4])
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench` asks harness=false benches to list their tests
    }
    let ours = dicom_map::embedded();
    ours.prepare();
    let theirs = StandardDataDictionary;
    let sets = queries::load(ours);
    let tags: Vec<Tag> = sets.public.iter().map(|&(g, e, _)| Tag(g, e)).collect();

    type Kind = (&'static str, usize, Box<dyn Fn()>);
    let sets: &'static queries::Sets = Box::leak(Box::new(sets));
    let keywords: &'static [String] = &sets.keywords;
    let tags: &'static [Tag] = Box::leak(tags.into_boxed_slice());
    let mut kinds: Vec<Kind> = sets
        .by_kind()
        .into_iter()
        .map(|(name, set)| -> Kind {
            let f = move || {
                for (g, e, c) in set {
                    black_box(ours.lookup(black_box(*g), *e, c.as_deref()));
                }
            };
            (name, set.len(), Box::new(f))
        })
        .collect();
    kinds.extend::<[Kind; 3]>([
        (
            "public hit, dicom-rs by_tag",
            tags.len(),
            Box::new(move || {
                for &t in tags {
                    black_box(theirs.by_tag(black_box(t)));
                }
            }),
        ),
        (
            "keyword -> tag",
            keywords.len(),
            Box::new(move || {
                for k in keywords {
                    black_box(ours.lookup_keyword(black_box(k), None));
                }
            }),
        ),
        (
            "keyword -> tag, dicom-rs by_name",
            keywords.len(),
            Box::new(move || {
                for k in keywords {
                    black_box(theirs.by_name(black_box(k)));
                }
            }),
        ),
    ]);
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    for round in 0..=ROUNDS {
        for (i, (_, n, f)) in kinds.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..PASSES {
                f();
            }
            let ns = start.elapsed().as_nanos() as f64 / (PASSES * n) as f64;
            if round > 0 {
                times[i].push(ns); // round 0 warms up
            }
        }
    }
    println!("| kind (real query set) | questions | median per lookup |");
    println!("| --- | --- | --- |");
    for (i, (name, n, _)) in kinds.iter().enumerate() {
        println!("| {name} | {n} | {:.1} ns |", median(&mut times[i].clone()));
    }
    let ratio = |a: usize, b: usize| -> (f64, f64, f64) {
        let mut r: Vec<f64> = times[a].iter().zip(&times[b]).map(|(x, y)| x / y).collect();
        let m = median(&mut r);
        let (lo, hi) = quartiles(&mut r);
        (m, lo, hi)
    };
    println!();
    println!(
        "| ratio, interleaved ({ROUNDS} rounds) | target | median | middle half of the rounds |"
    );
    println!("| --- | --- | --- | --- |");
    for (a, b, target) in [
        (1, 0, "≤ 3"),
        (2, 0, "≤ 3"),
        (3, 0, "≤ 4"),
        (4, 0, "≤ 2"),
        (0, 5, ""),
        (6, 7, "≤ 2"),
    ] {
        let (m, lo, hi) = ratio(a, b);
        println!(
            "| {} / {} | {target} | {m:.2} | {lo:.2}–{hi:.2} |",
            kinds[a].0, kinds[b].0
        );
    }
}
