//! Timing kinds of lookup interleaved, for a shared, noisy machine: each round times a few passes
//! of every kind, one kind after another, so that every kind sees the same moments of the
//! machine; the ratio of two kinds is taken within each round and the median over the rounds is
//! reported (criterion times each benchmark alone, minutes apart, and its ratios moved by a third
//! between runs here).
//!
//! Shared by `ratios.rs` (the lookups' ratios) and `dicom-map-ffi/benches/ratios.rs` (the C ABI
//! against the Rust call), by `#[path]`.

use std::time::Instant;

/// Rounds (after one warm-up round), and passes over each kind's questions per round.
const ROUNDS: usize = 41;
const PASSES: usize = 40;

/// One kind of lookup: its name, how many questions one call of `run` asks, and `run`.
pub struct Kind {
    pub name: String,
    pub questions: usize,
    pub run: Box<dyn Fn()>,
}

impl Kind {
    pub fn new(name: impl Into<String>, questions: usize, run: impl Fn() + 'static) -> Kind {
        Kind {
            name: name.into(),
            questions,
            run: Box::new(run),
        }
    }
}

/// Per kind, the time per question (ns) of each round.
pub struct Times<'a> {
    kinds: &'a [Kind],
    rounds: Vec<Vec<f64>>,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn quartiles(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 4], v[v.len() * 3 / 4])
}

/// Times every kind, interleaved, for [`ROUNDS`] rounds.
pub fn time(kinds: &[Kind]) -> Times<'_> {
    let mut rounds: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    for round in 0..=ROUNDS {
        for (i, kind) in kinds.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..PASSES {
                (kind.run)();
            }
            let ns = start.elapsed().as_nanos() as f64 / (PASSES * kind.questions) as f64;
            if round > 0 {
                rounds[i].push(ns); // round 0 warms up
            }
        }
    }
    Times { kinds, rounds }
}

impl Times<'_> {
    /// Prints a Markdown table of the median time per question of every kind.
    pub fn print_medians(&self, heading: &str) {
        println!("| {heading} | questions | median per lookup |");
        println!("| --- | --- | --- |");
        for (kind, times) in self.kinds.iter().zip(&self.rounds) {
            let m = median(&mut times.clone());
            println!("| {} | {} | {m:.1} ns |", kind.name, kind.questions);
        }
    }

    /// Prints a Markdown table of the ratio `a / b` of each `(a, b, target)`: the median of the
    /// per-round ratios, and the middle half of the rounds.
    pub fn print_ratios(&self, pairs: &[(usize, usize, &str)]) {
        println!();
        println!(
            "| ratio, interleaved ({ROUNDS} rounds) | target | median | middle half of the rounds |"
        );
        println!("| --- | --- | --- | --- |");
        for &(a, b, target) in pairs {
            let mut r: Vec<f64> = self.rounds[a]
                .iter()
                .zip(&self.rounds[b])
                .map(|(x, y)| x / y)
                .collect();
            let m = median(&mut r);
            let (lo, hi) = quartiles(&mut r);
            println!(
                "| {} / {} | {target} | {m:.2} | {lo:.2}–{hi:.2} |",
                self.kinds[a].name, self.kinds[b].name
            );
        }
    }
}
