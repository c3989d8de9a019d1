//! Valid `.dmap` files shaped to be the worst case of `verify`'s sort checks (issue 10), at any
//! size: many entries whose keywords (sorted in `KWIX`) are long strings that compare equal or
//! nearly so. Written directly with `builder::assemble`, because the general test builder copies
//! and compares every string per entry, which is itself quadratic on these shapes.

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
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 3] = [
        Shape::SharedReference,
        Shape::AlternatingCopies,
        Shape::Tails,
    ];
}

/// Bytes per entry: a `PUBL` record (20) and its `KWIX` record (4).
const PER_ENTRY: usize = 24;

/// A valid file of about `len` bytes (at least a few hundred) with entries of `shape`.
pub fn worst_case(shape: Shape, len: usize) -> Vec<u8> {
    let mut pool = Pool(vec![0]);
    let (n, keywords, name): (usize, Vec<u32>, u32) = match shape {
        Shape::SharedReference => {
            // Half the file for the records, a quarter each for the name and the keyword.
            let n = (len / 2 / PER_ENTRY).max(2);
            let keyword = pool.add(&"Ab".repeat(len / 8));
            let name = pool.add(&"x ".repeat(len / 8));
            (n, vec![keyword; n], name)
        }
        Shape::AlternatingCopies => {
            let n = (len / 2 / PER_ENTRY).max(2);
            let text = "Ab".repeat(len / 8);
            let first = pool.add(&text);
            let second = pool.add(&text);
            let keywords = (0..n).map(|i| if i % 2 == 0 { first } else { second });
            (n, keywords.collect(), first)
        }
        Shape::Tails => {
            let n = (len / (PER_ENTRY + 1)).max(2);
            let whole = pool.add(&"a".repeat(n));
            (n, (0..n as u32).map(|i| whole + i).collect(), whole)
        }
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

    let payload = |out: &mut Vec<u8>, name: u32, keyword: u32| {
        out.extend(name.to_le_bytes());
        out.extend(keyword.to_le_bytes());
        out.extend(0u32.to_le_bytes()); // provenance
        out.extend(0u16.to_le_bytes()); // type
        out.extend((100u16 << 8).to_le_bytes()); // confidence 100, no flags
    };
    let mut publ = Vec::with_capacity(n * 20);
    for (i, &keyword) in keywords.iter().enumerate() {
        let tag = ((0x0010 + 2 * (i as u32 >> 16)) << 16) | (i as u32 & 0xFFFF);
        publ.extend(tag.to_le_bytes());
        payload(&mut publ, name, keyword);
    }
    let mut synt = Vec::new();
    payload(&mut synt, 0, group_length);
    payload(&mut synt, 0, private_creator);
    // KWIX: entry ids by (keyword, id). Equal keywords keep id order; the tails are shortest
    // (highest id) first.
    let kwix: Vec<u32> = match shape {
        Shape::Tails => (0..n as u32).rev().collect(),
        _ => (0..n as u32).collect(),
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
        (*b"CRTR", 8, Vec::new()),
        (*b"CSPL", 8, Vec::new()),
        (*b"CFLD", 8, Vec::new()),
        (*b"TYPE", 16, types),
        (*b"PROV", 12, prov),
        (*b"PITM", 8, pitm),
        (*b"SRCS", 24, srcs),
        (*b"CAND", 12, Vec::new()),
        (*b"KWIX", 4, kwix),
        (*b"META", 8, meta),
        (*b"DESC", 8, Vec::new()),
    ];
    assemble(&sections, "2025b", [n as u32, 0, 0, 0])
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
    for shape in Shape::ALL {
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
