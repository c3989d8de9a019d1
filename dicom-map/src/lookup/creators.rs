//! Private creators: normalising, folding, resolving a spelling to creator ids, and listing.
//!
//! A creator given to a lookup is first *normalised* (leading and trailing spaces and NULs
//! removed, as DICOM pads values) and searched as an exact spelling in `CSPL`; only if that fails
//! is its *folded* form (ASCII whitespace deleted, `a`–`z` upper-cased) searched in `CFLD`, where
//! one folded form may name several creators. Both searches compare whole strings.
//!
//! Both are one hash probe of the private index ([`crate::index::private`]), and [`resolve`]
//! avoids folding wherever it can: the exact probe also answers a known spelling but for ASCII
//! case; two filters of the folded forms (their ends, in constant time, then a digest of their
//! bytes, in one branch-free pass) turn away nearly every unknown creator; and a creator without
//! whitespace, whose folded form is itself upper-cased, is probed unfolded. Resolving never
//! allocates: the folded form of a creator up to [`FOLD_BUFFER`] bytes is built on the stack; a
//! longer one is produced byte by byte ([`folded_bytes`]) while a binary search of `CFLD` compares
//! it with the stored forms.

use std::cmp::Ordering;

use crate::dict::Dict;
#[cfg(test)]
use crate::format::creator_text::fold_creator;
use crate::format::creator_text::{folded_bytes, normalise_creator};
use crate::format::records::{Reader, Table};
use crate::index::hash::hash_caseless;
use crate::index::private::{folded_digest, FoldedRun, SpellingMatch, MAX_INDEXED_LEN};
use crate::index::Indexed;
use crate::lookup::fold::{fold_hashed, folded_ends};
use crate::view::{CreatorMatch, TagView};

/// Compares a stored folded form with the folded form of `normalised`, as `&[u8]` compare
/// (lexicographically, a proper prefix first), without building the latter.
fn cmp_folded(stored: &[u8], normalised: &str) -> Ordering {
    stored
        .iter()
        .copied()
        .cmp(folded_bytes(normalised.as_bytes()))
}

/// The creator ids a creator text resolves to, and how.
#[derive(Clone, Debug)]
pub(crate) enum Resolution {
    /// No spelling matched.
    None,
    /// `CSPL` had the normalised spelling.
    Exact(u32),
    /// `CFLD[start..end]` hold the folded form; `first` is the creator id of `CFLD[start]`.
    Folded {
        start: usize,
        end: usize,
        first: u32,
    },
}

impl Resolution {
    /// The resolution to the `CFLD` records of `run`.
    fn folded(run: FoldedRun) -> Resolution {
        Resolution::Folded {
            start: run.start as usize,
            end: run.end as usize,
            first: run.first,
        }
    }

    /// How the creator matched, if it did.
    pub fn how(&self) -> Option<CreatorMatch> {
        match self {
            Resolution::None => None,
            Resolution::Exact(_) => Some(CreatorMatch::Exact),
            Resolution::Folded { .. } => Some(CreatorMatch::Folded),
        }
    }

    /// The creator ids, in file order, that fit in a `u16` (the width of `PRIV`'s creator field).
    pub fn ids<'a>(&self, r: Reader<'a>) -> impl Iterator<Item = u16> + 'a {
        let (first, rest) = match *self {
            Resolution::None => (None, 0..0),
            Resolution::Exact(id) => (Some(id), 0..0),
            Resolution::Folded { start, end, first } => (Some(first), start + 1..end),
        };
        first
            .into_iter()
            .chain(rest.filter_map(move |i| r.folded(i).map(|(_, id)| id)))
            .filter_map(|id| u16::try_from(id).ok())
    }
}

/// The longest folded creator built on the stack: DICOM's `LO` holds at most 64 characters (a
/// longer one, or one of multi-byte characters, is resolved by [`resolve_in_file`]).
const FOLD_BUFFER: usize = 64;

/// Resolves `creator` (not yet normalised) against the dictionary's spellings, by the private
/// index. Never allocates, whatever the creator's length. The steps, each cheaper than the next
/// and than the fold they may spare, are listed in DEVELOPMENT.md ("Lookup rules").
#[inline]
pub(crate) fn resolve(r: Indexed<'_>, creator: &str) -> Resolution {
    let normal = normalise_creator(creator);
    if normal.len() > MAX_INDEXED_LEN {
        // The index holds no spelling this long; the file's searches answer both questions.
        return resolve_in_file(r.reader, normal);
    }
    let index = r.private();
    let pool = r.pool();
    let h = hash_caseless(normal.as_bytes());
    match index.spelling(pool, normal.as_bytes(), h) {
        Some(SpellingMatch::Exact(id)) => return Resolution::Exact(id),
        // A known spelling but for case: its folded form is this creator's, found unfolded.
        Some(SpellingMatch::Cased(run)) => return Resolution::folded(run),
        None => {}
    }
    if folded_ends(normal.as_bytes()).is_some_and(|ends| !index.may_fold_to(ends)) {
        // No folded form starts and ends so: no need to fold.
        return Resolution::None;
    }
    if let Some(run) = index.folded_unfolded(pool, normal.as_bytes(), h) {
        // Without whitespace, upper-cased: already its folded form.
        return Resolution::folded(run);
    }
    let digest = folded_digest(normal.as_bytes());
    if digest >> 48 == normal.len() as u64 || !index.may_fold_to_digest(digest) {
        // No whitespace: its folded form is itself upper-cased, which the probe above did not
        // find. Or no folded form has this length and these bytes.
        return Resolution::None;
    }
    let mut buf = [0u8; FOLD_BUFFER];
    let Some((len, h)) = fold_hashed(normal.as_bytes(), &mut buf) else {
        return resolve_in_file(r.reader, normal);
    };
    let folded = buf.get(..len).unwrap_or_default();
    index
        .folded_hashed(pool, folded, h)
        .map_or(Resolution::None, Resolution::folded)
}

/// [`resolve`] by binary search of the file's `CSPL` and `CFLD` (for a creator too long to fold
/// on the stack, and the reference the index is tested against): `normal` is normalised.
pub(crate) fn resolve_in_file(r: Reader<'_>, normal: &str) -> Resolution {
    let exact = Reader::search(r.layout.cspl.count, &normal.as_bytes(), |i| {
        r.spelling(i).and_then(|(s, _)| r.str_bytes(s))
    });
    if let Some((_, id)) = exact.and_then(|i| r.spelling(i)) {
        return Resolution::Exact(id);
    }
    // The CFLD range whose folded form equals the creator's; an unreadable record counts as
    // "not less" and "not equal" (only an unverified file has one).
    let order = |i| {
        r.folded(i)
            .and_then(|(s, _)| r.str_bytes(s))
            .map(|stored| cmp_folded(stored, normal))
    };
    let count = r.layout.cfld.count;
    let start = Reader::partition_point(0, count, |i| order(i) == Some(Ordering::Less));
    // One folded form names one creator or a few: scan rather than search for the end.
    let end = start
        + (start..count)
            .take_while(|&i| order(i) == Some(Ordering::Equal))
            .count();
    match r.folded(start).filter(|_| start < end) {
        Some((_, first)) => Resolution::Folded { start, end, first },
        None => Resolution::None,
    }
}

/// A private creator of the dictionary.
#[derive(Clone, Copy)]
pub struct Creator<'a> {
    r: Indexed<'a>,
    id: u16,
    how: CreatorMatch,
}

impl<'a> Creator<'a> {
    /// The creator id (index into the file's creator table).
    pub fn id(&self) -> u16 {
        self.id
    }

    /// The canonical spelling.
    pub fn name(&self) -> &'a str {
        self.r
            .creator(self.id.into())
            .map_or("", |(name, _)| self.r.str(name))
    }

    /// The vendor, when the file names one.
    pub fn vendor(&self) -> Option<&'a str> {
        let (_, vendor) = self.r.creator(self.id.into())?;
        Some(self.r.str(vendor)).filter(|v| !v.is_empty())
    }

    /// How the name given to [`Dict::creator`] matched (`Exact` when listed by [`Dict::creators`]).
    pub fn matched(&self) -> CreatorMatch {
        self.how
    }

    /// Every spelling that resolves exactly to this creator (canonical and aliases).
    pub fn spellings(&self) -> impl Iterator<Item = &'a str> + 'a {
        let (r, id) = (self.r, u32::from(self.id));
        (0..r.layout.cspl.count)
            .filter_map(move |i| r.spelling(i).filter(|s| s.1 == id).map(|s| r.str(s.0)))
    }

    /// The creator's entries: `PRIV` (by group, element, block) then `PRPT`.
    pub fn entries(&self) -> impl Iterator<Item = TagView<'a>> + 'a {
        let (r, id) = (self.r, self.id);
        r.entries_of(&[Table::Priv, Table::Prpt])
            .filter(move |e| {
                r.private_key(e.table, e.index)
                    .is_some_and(|k| k.creator == id)
            })
            .filter_map(move |e| TagView::of_entry(r, e))
    }
}

impl std::fmt::Debug for Creator<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Creator")
            .field("id", &self.id)
            .field("name", &self.name())
            .field("vendor", &self.vendor())
            .field("matched", &self.how)
            .finish()
    }
}

impl<S: AsRef<[u8]>> Dict<S> {
    /// Every creator, in creator-id order.
    pub fn creators(&self) -> impl Iterator<Item = Creator<'_>> + '_ {
        let r = self.reader();
        (0..r.layout.crtr.count.min(usize::from(u16::MAX))).map(move |id| Creator {
            r,
            id: id as u16,
            how: CreatorMatch::Exact,
        })
    }

    /// The creators `name` resolves to, by the lookup rules: its exact spelling, or else every
    /// creator sharing its folded form. Empty when the name is unknown.
    pub fn creator(&self, name: &str) -> Vec<Creator<'_>> {
        let r = self.reader();
        let res = resolve(r, name);
        let Some(how) = res.how() else {
            return Vec::new();
        };
        res.ids(r.reader).map(|id| Creator { r, id, how }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_comparison_is_byte_order() {
        let cases = [
            ("SIEMENS", "siemens"),
            ("SIEMENS", "siemens mr"),
            ("SIEMENSMR", "siemens"),
            ("ACME1", "acme 2"),
            ("ACME2", "acme 1"),
            ("", ""),
            ("", "x"),
            ("CAF\u{e9}", "caf\u{e9}"),
            ("CAF\u{e9}", "cafe"),
        ];
        for (stored, given) in cases {
            assert_eq!(
                cmp_folded(stored.as_bytes(), given),
                stored.as_bytes().cmp(fold_creator(given).as_bytes()),
                "{stored:?} vs {given:?}"
            );
        }
    }

    #[test]
    fn the_index_resolves_like_the_file() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap");
        let dict = Dict::from_bytes(std::fs::read(path).expect("dicom-map/tags.dmap")).unwrap();
        let r = dict.reader();
        let key = |res: Resolution| match res {
            Resolution::None => (0, 0, 0),
            Resolution::Exact(id) => (1, id as usize, 0),
            Resolution::Folded { start, end, first } => (2 + first as usize, start, end),
        };
        let spellings: Vec<String> = (0..r.layout.cspl.count)
            .map(|i| r.str(r.spelling(i).unwrap().0).to_owned())
            .collect();
        let mut folded = 0;
        for s in &spellings {
            let long = format!("{s}{}", " x".repeat(FOLD_BUFFER));
            for given in [
                s.clone(),
                format!(" {s}\0"),
                s.to_lowercase(),
                s.replace(' ', "\t"),
                format!("{s}?"),
                long,
            ] {
                let got = key(resolve(r, &given));
                folded += usize::from(got.0 >= 2);
                assert_eq!(
                    got,
                    key(resolve_in_file(r.reader, normalise_creator(&given))),
                    "{given:?}"
                );
            }
        }
        assert!(folded > 100, "{folded}");
    }

    /// Every shortcut of `resolve` (the case-blind walk, both filters, the unfolded probe) gives
    /// the in-file search's answer on creators mutated at random from every spelling: cases
    /// flipped, whitespace added or removed (one byte, or all of it), a character changed (so
    /// that most miss, many after passing the filters).
    #[test]
    fn mutated_spellings_resolve_like_the_file() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap");
        let dict = Dict::from_bytes(std::fs::read(path).expect("dicom-map/tags.dmap")).unwrap();
        let r = dict.reader();
        // xorshift64*: deterministic, so a failure reproduces.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
        };
        let (mut folded, mut none) = (0, 0);
        for i in 0..r.layout.cspl.count {
            let spelling: Vec<char> = r.str(r.spelling(i).unwrap().0).chars().collect();
            for _ in 0..8 {
                let mut c = spelling.clone();
                for _ in 0..1 + next(3) {
                    let at = next(c.len() + 1);
                    match next(6) {
                        0 if at < c.len() => c[at] = c[at].to_ascii_lowercase(),
                        1 if at < c.len() => c[at] = c[at].to_ascii_uppercase(),
                        2 => c.insert(at, ['\t', ' ', '\r', '\x0B'][next(4)]),
                        3 if at < c.len() && c[at].is_ascii_whitespace() => {
                            c.remove(at);
                        }
                        4 if at < c.len() => c[at] = ['#', 'x', '0', '\u{e9}'][next(4)],
                        5 => c.retain(|ch| !ch.is_ascii_whitespace() && *ch != '\x0B'),
                        _ => {}
                    }
                }
                let given: String = c.into_iter().collect();
                let got = resolve(r, &given);
                folded += usize::from(matches!(got, Resolution::Folded { .. }));
                none += usize::from(matches!(got, Resolution::None));
                assert_eq!(
                    format!("{got:?}"),
                    format!("{:?}", resolve_in_file(r.reader, normalise_creator(&given))),
                    "{given:?}"
                );
            }
        }
        assert!(
            folded > 500 && none > 500,
            "{folded} folded, {none} unknown"
        );
    }
}
