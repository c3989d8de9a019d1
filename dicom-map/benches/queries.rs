//! The real query sets of `queries.txt` (written by `make_queries.py` from the DICOM files of
//! pinned test data), split by the kind of lookup each question makes, for the benchmarks: every
//! set is asked whole in one iteration, so one hot cache line cannot flatter a kind of lookup.
//!
//! Shared by `lookup.rs` and `dicom-map-ffi/benches/ffi.rs` (by `#[path]`).

use dicom_map::{CreatorMatch, Dict, Kind};

/// One question: group, element and the creator given with it.
pub type Query = (u16, u16, Option<String>);

/// The questions of `queries.txt`, by what the dictionary answers them with.
pub struct Sets {
    /// Public tags the dictionary has (`Kind::Public`).
    pub public: Vec<Query>,
    /// Private elements `(gggg,BBEE)` found with the creator written in the file, matched exactly.
    pub full_element: Vec<Query>,
    /// The same elements given as their low byte `(gggg,00EE)`.
    pub low_byte: Vec<Query>,
    /// The same elements with the creator in lower case (found by its folded form).
    pub folded: Vec<Query>,
    /// Private elements with a creator the dictionary does not know (a miss): the creators of
    /// the files it does not know (few), and every known one with its last character replaced
    /// by `#`, so the unknown creators are as long as real ones.
    pub unknown_creator: Vec<Query>,
    /// Private elements with an unknown creator that looks like a known one: every known creator
    /// (of at least five characters) with a middle character replaced by `#`, so its first two
    /// and last two characters are a known creator's (the private index's filter of folded ends
    /// lets it through, and it is folded before it misses: the unknown creator's worst case).
    pub unknown_lookalike: Vec<Query>,
    /// The keywords of the public tags.
    pub keywords: Vec<String>,
}

impl Sets {
    /// The tag-lookup sets with the names the benchmarks report them under, public hit first.
    pub fn by_kind(&self) -> [(&'static str, &[Query]); 6] {
        [
            ("public hit", &self.public),
            ("private hit, full element", &self.full_element),
            ("private hit, low byte", &self.low_byte),
            ("folded-creator hit", &self.folded),
            ("miss, unknown creator", &self.unknown_creator),
            ("miss, unknown creator, look-alike", &self.unknown_lookalike),
        ]
    }
}

const TEXT: &str = include_str!("queries.txt");

/// Splits `queries.txt` by the answers of `dict`.
pub fn load<S: AsRef<[u8]>>(dict: &Dict<S>) -> Sets {
    let mut sets = Sets {
        public: Vec::new(),
        full_element: Vec::new(),
        low_byte: Vec::new(),
        folded: Vec::new(),
        unknown_creator: Vec::new(),
        unknown_lookalike: Vec::new(),
        keywords: Vec::new(),
    };
    for line in TEXT.lines() {
        let mut fields = line.splitn(4, ' ');
        let (Some(kind), Some(g), Some(e)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let (Ok(g), Ok(e)) = (u16::from_str_radix(g, 16), u16::from_str_radix(e, 16)) else {
            continue;
        };
        if kind == "P" {
            if let Some(v) = dict.lookup(g, e, None).filter(|v| v.kind() == Kind::Public) {
                sets.public.push((g, e, None));
                if !v.stored_keyword().is_empty() {
                    sets.keywords.push(v.stored_keyword().to_owned());
                }
            }
            continue;
        }
        let Some(creator) = fields.next() else {
            continue;
        };
        let hit = |e: u16, c: &str| dict.lookup(g, e, Some(c)).and_then(|v| v.creator_match());
        if dict.creator(creator).is_empty() {
            sets.unknown_creator.push((g, e, Some(creator.to_owned())));
            continue;
        }
        if hit(e, creator) != Some(CreatorMatch::Exact) {
            continue;
        }
        sets.full_element.push((g, e, Some(creator.to_owned())));
        if hit(e & 0x00FF, creator) == Some(CreatorMatch::Exact) {
            sets.low_byte
                .push((g, e & 0x00FF, Some(creator.to_owned())));
        }
        let lower = creator.to_ascii_lowercase();
        if hit(e, &lower) == Some(CreatorMatch::Folded) {
            sets.folded.push((g, e, Some(lower)));
        }
        let mut unknown = creator.trim_end().to_owned();
        unknown.pop();
        unknown.push('#');
        if dict.creator(&unknown).is_empty() && dict.lookup(g, e, Some(&unknown)).is_none() {
            sets.unknown_creator.push((g, e, Some(unknown)));
        }
        let chars: Vec<char> = creator.trim_end().chars().collect();
        if chars.len() >= 5 {
            let mut lookalike = chars;
            let middle = lookalike.len() / 2;
            lookalike[middle] = if lookalike[middle] == '#' { '%' } else { '#' };
            let lookalike: String = lookalike.into_iter().collect();
            if dict.creator(&lookalike).is_empty() && dict.lookup(g, e, Some(&lookalike)).is_none()
            {
                sets.unknown_lookalike.push((g, e, Some(lookalike)));
            }
        }
    }
    sets
}
