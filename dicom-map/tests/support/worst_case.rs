//! Valid `.dmap` files shaped to be the worst case of reading strings once per entry (issue 10),
//! at any size: many entries whose keywords (sorted in `KWIX`) are long strings that compare
//! equal or nearly so (the worst case of `verify`'s sort checks), or whose generated keywords
//! (flag bit 2, derived from the name) come from one long name or its tails (the worst case of
//! deriving them). Written directly with `builder::assemble`, because the general test builder
//! copies and compares every string per entry, which is itself quadratic on these shapes.

use super::builder::assemble;

/// How the entries' keywords share bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every entry references one long name and one long keyword (issue 10's files).
    SharedReference,
    /// Two copies of one long keyword in the pool; entries alternate between them, so no two
    /// neighbours in `KWIX` share a reference but every pair compares equal only at the end.
    AlternatingCopies,
    /// One long string `"aa…a"`; entry `i` references its tail of length `L - i`, so every pair
    /// of neighbours in `KWIX` shares a prefix as long as the shorter of the two.
    Tails,
    /// Every entry's keyword is generated (flag bit 2; odd entries also suffixed, flag bit 4)
    /// from one shared name far longer than the keyword rule reads (256 bytes).
    GeneratedLongName,
    /// Every entry's keyword is generated (odd entries suffixed) from one shared name of exactly
    /// 256 bytes, all letters: the longest keyword the rule derives, for every entry. The
    /// plain ones are one keyword; the suffixed ones are all distinct.
    GeneratedAtLimit,
    /// Every entry's keyword is generated (odd entries suffixed); entry `i`'s name is the tail of
    /// length `L - i` of one long string `"Ab Ab …"`, so the names run through every length,
    /// above and below the rule's limit.
    GeneratedTails,
    /// A few entries, one creator, and its spellings (`CSPL`) the tails of one long string
    /// `"AA…A"` (ascending: shortest first): the worst case of reading every spelling.
    SpellingTails,
    /// A few entries and as many creators as the format allows (65,535) or the size holds, all
    /// with one long folded form (`CFLD`): the worst case of grouping equal folded forms.
    SharedFolded,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 6] = [
        Shape::SharedReference,
        Shape::AlternatingCopies,
        Shape::Tails,
        Shape::GeneratedLongName,
        Shape::GeneratedAtLimit,
        Shape::GeneratedTails,
    ];

    /// The shapes whose keywords are stored (in the pool and `KWIX`).
    pub const STORED: [Shape; 3] = [
        Shape::SharedReference,
        Shape::AlternatingCopies,
        Shape::Tails,
    ];

    /// The shapes whose keywords are generated (flag bit 2): not in `KWIX`.
    pub const GENERATED: [Shape; 3] = [
        Shape::GeneratedLongName,
        Shape::GeneratedAtLimit,
        Shape::GeneratedTails,
    ];

    /// The shapes whose long strings are creators' spellings and folded forms: not in
    /// [`Shape::ALL`], which is for the entries' strings.
    pub const CREATORS: [Shape; 2] = [Shape::SpellingTails, Shape::SharedFolded];

    /// Whether the entries' keywords are generated.
    pub fn generated(self) -> bool {
        Shape::GENERATED.contains(&self)
    }
}

/// Bytes per entry: a `PUBL` record (20) and, for a stored keyword, its `KWIX` record (4).
const PER_ENTRY: usize = 24;

/// Flag bit 2: the keyword is generated.
const GENERATED: u16 = 1 << 2;
/// Flag bit 4: the generated keyword carries the tag suffix.
const SUFFIXED: u16 = 1 << 4;

/// A valid file of about `len` bytes (at least a few hundred) with entries of `shape`.
pub fn worst_case(shape: Shape, len: usize) -> Vec<u8> {
    let mut pool = Pool(vec![0]);
    // (entry count, each entry's stored keyword, each entry's name): generated keywords are
    // stored as 0.
    let (n, keywords, names): (usize, Vec<u32>, Vec<u32>) = match shape {
        Shape::SharedReference => {
            // Half the file for the records, a quarter each for the name and the keyword.
            let n = (len / 2 / PER_ENTRY).max(2);
            let keyword = pool.add(&"Ab".repeat(len / 8));
            let name = pool.add(&"x ".repeat(len / 8));
            (n, vec![keyword; n], vec![name; n])
        }
        Shape::AlternatingCopies => {
            let n = (len / 2 / PER_ENTRY).max(2);
            let text = "Ab".repeat(len / 8);
            let first = pool.add(&text);
            let second = pool.add(&text);
            let keywords = (0..n).map(|i| if i % 2 == 0 { first } else { second });
            (n, keywords.collect(), vec![first; n])
        }
        Shape::Tails => {
            let n = (len / (PER_ENTRY + 1)).max(2);
            let whole = pool.add(&"a".repeat(n));
            let tails: Vec<u32> = (0..n as u32).map(|i| whole + i).collect();
            (n, tails.clone(), tails)
        }
        Shape::GeneratedLongName => {
            // Three quarters of the file for the records, a quarter for the name.
            let n = (len * 3 / 4 / 20).max(2);
            let name = pool.add(&"Ab ".repeat((len / 12).max(100)));
            (n, vec![0; n], vec![name; n])
        }
        Shape::GeneratedAtLimit => {
            let n = (len / 20).max(2);
            let name = pool.add(&"Ab".repeat(128));
            (n, vec![0; n], vec![name; n])
        }
        Shape::GeneratedTails => {
            let n = (len / 21).max(2);
            let text = "Ab ".repeat(n.div_ceil(3));
            let whole = pool.add(&text[..n]);
            (n, vec![0; n], (0..n as u32).map(|i| whole + i).collect())
        }
        Shape::SpellingTails | Shape::SharedFolded => (2, vec![0; 2], vec![0; 2]),
    };
    // CRTR (name, vendor), CSPL (spelling, creator id), CFLD (folded form, creator id).
    let pair = |a: u32, b: u32| a.to_le_bytes().into_iter().chain(b.to_le_bytes());
    let (creators, crtr, cspl, cfld): (usize, Vec<u8>, Vec<u8>, Vec<u8>) = match shape {
        Shape::SpellingTails => {
            let n = (len / 9).max(2);
            let whole = pool.add(&"A".repeat(n));
            let tails = (0..n as u32).rev().flat_map(|i| pair(whole + i, 0));
            (1, pair(whole, 0).collect(), tails.collect(), Vec::new())
        }
        Shape::SharedFolded => {
            // A quarter of the file (at least) for the folded form, the rest for the records.
            let creators = (len * 3 / 4 / 16).clamp(2, 65_535);
            let folded = pool.add(&"A".repeat((len - 16 * creators).max(len / 4)));
            let crtr = (0..creators).flat_map(|_| pair(folded, 0));
            let cfld = (0..creators as u32).flat_map(|id| pair(folded, id));
            (creators, crtr.collect(), Vec::new(), cfld.collect())
        }
        _ => (0, Vec::new(), Vec::new(), Vec::new()),
    };
    let vm = pool.add("1");
    let source = pool.add("test");
    let document = pool.add("test.txt");
    let version = pool.add("1.0");
    let url = pool.add("https://example.org/test");
    let license = pool.add("MIT");
    let group_length = pool.add("GroupLength");
    let private_creator = pool.add("PrivateCreator");
    let meta = [
        (pool.add("edition"), pool.add("2025b")),
        (pool.add("generator"), pool.add("worst case")),
    ];

    let payload = |out: &mut Vec<u8>, name: u32, keyword: u32, flags: u16| {
        out.extend(name.to_le_bytes());
        out.extend(keyword.to_le_bytes());
        out.extend(0u32.to_le_bytes()); // provenance
        out.extend(0u16.to_le_bytes()); // type
        out.extend((100u16 << 8 | flags).to_le_bytes()); // confidence 100
    };
    let mut publ = Vec::with_capacity(n * 20);
    for (i, (&keyword, &name)) in keywords.iter().zip(&names).enumerate() {
        let tag = ((0x0010 + 2 * (i as u32 >> 16)) << 16) | (i as u32 & 0xFFFF);
        publ.extend(tag.to_le_bytes());
        let flags = match (shape.generated(), i % 2) {
            (false, _) => 0,
            (true, 0) => GENERATED,
            (true, _) => GENERATED | SUFFIXED,
        };
        payload(&mut publ, name, keyword, flags);
    }
    let mut synt = Vec::new();
    payload(&mut synt, 0, group_length, 0);
    payload(&mut synt, 0, private_creator, 0);
    // KWIX: entry ids by (keyword, id), for the entries with a stored keyword. Equal keywords
    // keep id order; the tails are shortest (highest id) first.
    let kwix: Vec<u32> = match shape {
        Shape::Tails => (0..n as u32).rev().collect(),
        _ => (0..n as u32)
            .filter(|&i| keywords[i as usize] != 0)
            .collect(),
    };
    let kwix: Vec<u8> = kwix.iter().flat_map(|id| id.to_le_bytes()).collect();
    let mut types = Vec::new();
    types.extend((1u64 << 3).to_le_bytes()); // CS
    types.extend(vm.to_le_bytes());
    types.extend(0u32.to_le_bytes());
    let mut prov = Vec::new();
    for v in [0u32, 1, source] {
        prov.extend(v.to_le_bytes());
    }
    let mut pitm = Vec::new();
    pitm.extend(0u16.to_le_bytes());
    pitm.extend(0u16.to_le_bytes());
    pitm.extend(document.to_le_bytes());
    let mut srcs = Vec::new();
    for v in [source, source, version, url, license] {
        srcs.extend(v.to_le_bytes());
    }
    srcs.extend(1u16.to_le_bytes());
    srcs.extend(0u16.to_le_bytes());
    let meta: Vec<u8> = meta
        .iter()
        .flat_map(|(k, v)| k.to_le_bytes().into_iter().chain(v.to_le_bytes()))
        .collect();
    let sections: Vec<([u8; 4], u32, Vec<u8>)> = vec![
        (*b"STRS", 1, pool.0),
        (*b"PUBL", 20, publ),
        (*b"RPTR", 24, Vec::new()),
        (*b"PRIV", 24, Vec::new()),
        (*b"PRPT", 24, Vec::new()),
        (*b"SYNT", 16, synt),
        (*b"CRTR", 8, crtr),
        (*b"CSPL", 8, cspl),
        (*b"CFLD", 8, cfld),
        (*b"TYPE", 16, types),
        (*b"PROV", 12, prov),
        (*b"PITM", 8, pitm),
        (*b"SRCS", 24, srcs),
        (*b"CAND", 12, Vec::new()),
        (*b"KWIX", 4, kwix),
        (*b"META", 8, meta),
        (*b"DESC", 8, Vec::new()),
    ];
    assemble(&sections, "2025b", [n as u32, 0, 0, creators as u32])
}

/// A string pool that appends every string (copies are what some shapes want).
struct Pool(Vec<u8>);

impl Pool {
    fn add(&mut self, s: &str) -> u32 {
        let at = self.0.len() as u32;
        self.0.extend(s.as_bytes());
        self.0.push(0);
        at
    }
}

/// Asserts that `work` (the file's length and the units of work some check did on it) stays
/// below `max_per_byte` units per byte on every shape at 64, 128 and 256 KiB, and flat as the
/// file quadruples (the last size's rate under 1.25 times the first's plus `slack`).
#[cfg(test)]
pub fn assert_linear_work(
    max_per_byte: f64,
    slack: f64,
    work: impl Fn(Shape, usize) -> (u64, u64),
) {
    assert_linear_work_on(&Shape::ALL, max_per_byte, slack, work);
}

/// [`assert_linear_work`] on some of the shapes, for checks whose constant differs by shape.
#[cfg(test)]
pub fn assert_linear_work_on(
    shapes: &[Shape],
    max_per_byte: f64,
    slack: f64,
    work: impl Fn(Shape, usize) -> (u64, u64),
) {
    for &shape in shapes {
        let sizes = [1 << 16, 1 << 17, 1 << 18];
        let per_byte: Vec<f64> = sizes
            .iter()
            .map(|&size| {
                let (len, units) = work(shape, size);
                assert!(len as usize >= size * 9 / 10, "{shape:?}: {len} bytes");
                units as f64 / len as f64
            })
            .collect();
        for &w in &per_byte {
            assert!(
                w < max_per_byte,
                "{shape:?}: {w:.2} units per byte ({per_byte:?})"
            );
        }
        let (first, last) = (per_byte[0], per_byte[2]);
        assert!(
            last < first * 1.25 + slack,
            "{shape:?}: work per byte grew from {first:.2} to {last:.2} as the file quadrupled"
        );
    }
}
