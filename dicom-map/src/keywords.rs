//! Generated keywords: the format's rule for private entries whose sources give no keyword.
//!
//! Such keywords are not stored (they would be a quarter of the file): the payload's keyword is
//! `0` and flag bit 2 is set, and every reader derives the keyword from the name and the key with
//! the rule below, the same rule the compiler uses for `tags.csv`:
//!
//! 1. `base` = the name's maximal runs of ASCII letters and digits, each with its first letter
//!    upper-cased, concatenated (`Number of images` → `NumberOfImages`); if `base` starts with a
//!    digit, prefix `X`; if it is empty, `base` = `Private`;
//! 2. if flag bit 4 is set, or `base` is `Private` because it was empty, append `_`, the group
//!    text, `_`, the element text: `Private_0019_xx0C`, `CsaImageHeaderInfo_0029_1010`.
//!
//! A dictionary derives them all once, into its keyword index (`KeywordIndex`), which also
//! sorts every keyword for the keyword lookups.

use std::cmp::Ordering;
use std::ffi::CStr;

use crate::format::records::{EntryRef, Reader, Table};
use crate::view::{Key, TagView};

/// `KeywordIndex::at` value of an entry whose keyword is not generated.
const NONE: u32 = u32::MAX;

/// The `SYNT` records a lookup can return (group length, private creator), which are the only
/// ones that can be asked for a keyword.
const SYNT_VIEWS: usize = 2;

/// The dictionary's keyword index, built once (lazily, by the first call that needs it: see
/// `Reader::keyword_index`) and shared by [`TagView::keyword`], the keyword lookups and the C ABI.
///
/// Every keyword, stored or generated, is copied once into one text, each followed by `0x00`
/// (generated keywords are then borrowed from it as `&str` and as `&CStr`), in sorted order; the
/// records list the numbered entries sorted by (keyword bytes, entry id), each with its keyword's
/// first eight bytes as a big-endian `u64`. A binary search compares those integers, in one
/// array, and reads a keyword itself only when they tie; the keywords that tie lie side by side in
/// the text. (The file's `KWIX` sorts the stored keywords too, but each of its probes reads three
/// places of the file, and the generated keywords are not in it.)
#[derive(Default)]
pub(crate) struct KeywordIndex {
    /// Every distinct keyword followed by `0x00`, the sorted ones first, then those of the
    /// synthetic entries (keywords are ASCII without `0x00` by the rule; stored ones are UTF-8).
    text: String,
    /// By slot (see [`TagView::keyword_slot`]): where its generated keyword starts in `text`, or
    /// [`NONE`] when its keyword is stored (and borrowed from the file).
    at: Box<[u32]>,
    /// Every numbered entry with a keyword, ascending by (keyword bytes, entry id).
    records: Box<[Record]>,
    /// The prefix of every [`BLOCK`]-th record: small enough to stay in cache, so a search
    /// narrows to one block of records before it touches them.
    summary: Box<[u64]>,
}

/// Records per entry of [`KeywordIndex::summary`].
const BLOCK: usize = 32;

/// One keyword of one entry in [`KeywordIndex::records`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record {
    /// [`prefix`] of the keyword.
    prefix: u64,
    /// Where the keyword starts in the text.
    start: u32,
    /// The entry id.
    pub id: u32,
}

/// The first eight bytes of `keyword`, zero-padded, as a big-endian integer: ordering these is
/// ordering the keywords, except that keywords sharing them tie.
fn prefix(keyword: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    let n = keyword.len().min(8);
    bytes[..n].copy_from_slice(&keyword[..n]);
    u64::from_be_bytes(bytes)
}

/// Compares the NUL-terminated keyword at `start` of `text` with `target`, which holds no
/// `0x00`, as `&[u8]` compare: one `memcmp` of up to `target.len()` bytes (the keyword's
/// terminator, if it comes first, differs from `target` there and decides), then its length.
/// `None` if the text ends before a terminator (it ends with one, so only for a bad `start`).
fn cmp_text(text: &[u8], start: u32, target: &[u8]) -> Option<Ordering> {
    let tail = text.get(usize::try_from(start).ok()?..)?;
    let n = target.len().min(tail.len());
    match tail[..n].cmp(&target[..n]) {
        Ordering::Equal => match *tail.get(target.len())? {
            0 => Some(Ordering::Equal),
            _ => Some(Ordering::Greater), // `target` is a proper prefix of the keyword
        },
        other => Some(other),
    }
}

impl KeywordIndex {
    /// Derives every generated keyword of the file (the numbered entries, then the synthetic
    /// ones) and sorts every keyword. Linear in the number of entries, plus the sort (a few
    /// milliseconds for the bundled dictionary).
    pub(crate) fn build(r: Reader<'_>) -> KeywordIndex {
        let entries = r.layout.entry_count();
        let synthetic = r.layout.synt.count.min(SYNT_VIEWS);
        let mut at = vec![NONE; entries + synthetic].into_boxed_slice();
        let numbered = [Table::Publ, Table::Rptr, Table::Priv, Table::Prpt]
            .into_iter()
            .flat_map(|table| {
                (0..r.section(table).count)
                    .filter_map(move |index| TagView::of_entry(r, EntryRef { table, index }))
            });
        let synthetic = (0..synthetic).filter_map(|index| {
            let key = [Key::GroupLength, Key::PrivateCreator][index];
            TagView::new(
                r,
                EntryRef {
                    table: Table::Synt,
                    index,
                },
                0,
                0,
                key,
                None,
            )
        });
        // The generated keywords, each followed by 0x00, while they are derived.
        let mut derived = String::new();
        // (slot, where in `derived` its keyword starts) of every generated keyword.
        let mut generated: Vec<(usize, usize)> = Vec::new();
        // (entry id, stored keyword) of every numbered entry with a stored keyword.
        let mut stored: Vec<(u32, &str)> = Vec::new();
        let mut buf = String::new();
        for view in numbered.chain(synthetic) {
            if !view.keyword_generated() {
                let keyword = view.stored_keyword();
                if let (Some(id), false) = (view.entry_id(), keyword.is_empty()) {
                    stored.push((id, keyword));
                }
                continue;
            }
            if let Some(slot) = view.keyword_slot().filter(|&slot| slot < at.len()) {
                generated.push((slot, derived.len()));
                let keyword = view.derive_keyword_into(&mut buf);
                derived.extend(keyword.chars().filter(|&c| c != '\0'));
                derived.push('\0');
            }
        }
        let of = |start: usize| derived.get(start..).and_then(|t| t.split('\0').next());
        // (keyword, entry id or NONE, slot or NONE as usize): all of them, numbered ones sorted.
        let mut sorted: Vec<(&str, u32, usize)> = stored
            .iter()
            .map(|&(id, k)| (k, id, usize::MAX))
            .chain(generated.iter().map(|&(slot, start)| {
                let id = if slot < entries { slot as u32 } else { NONE };
                (of(start).unwrap_or(""), id, slot)
            }))
            .collect();
        // Synthetic entries (id NONE) sort last, so the records are a prefix of this list.
        sorted.sort_unstable_by(|a, b| (a.1 == NONE, a.0, a.1).cmp(&(b.1 == NONE, b.0, b.1)));

        let mut text = String::new();
        let mut records = Vec::with_capacity(sorted.len());
        let mut previous: Option<(&str, u32)> = None;
        for (keyword, id, slot) in sorted {
            let start = match previous {
                Some((p, start)) if p == keyword => start,
                _ => {
                    let Ok(start) = u32::try_from(text.len()) else {
                        break; // more than 4 GiB of keywords: the rest are not indexed
                    };
                    text.push_str(keyword);
                    text.push('\0');
                    start
                }
            };
            previous = Some((keyword, start));
            if let Some(slot) = at.get_mut(slot) {
                *slot = start;
            }
            if id != NONE {
                records.push(Record {
                    prefix: prefix(keyword.as_bytes()),
                    start,
                    id,
                });
            }
        }
        let summary = records
            .iter()
            .step_by(BLOCK)
            .map(|rec| rec.prefix)
            .collect();
        KeywordIndex {
            text,
            at,
            records: records.into_boxed_slice(),
            summary,
        }
    }

    /// The text at `slot`'s generated keyword, up to and including its `0x00`.
    fn tail(&self, slot: usize) -> Option<&str> {
        let start = *self.at.get(slot)?;
        if start == NONE {
            return None;
        }
        self.text.get(start as usize..)
    }

    /// The generated keyword of `slot`, if it has one.
    pub(crate) fn keyword(&self, slot: usize) -> Option<&str> {
        self.tail(slot)?.split('\0').next()
    }

    /// [`KeywordIndex::keyword`] as a C string.
    pub(crate) fn keyword_cstr(&self, slot: usize) -> Option<&CStr> {
        CStr::from_bytes_until_nul(self.tail(slot)?.as_bytes()).ok()
    }

    /// The first record whose prefix is not less than `key`: a binary search of the summary
    /// finds its block, a binary search of the block finds the record.
    fn lower_bound(&self, key: u64) -> usize {
        // summary[b - 1] < key <= summary[b]: the answer is in (BLOCK * (b - 1), BLOCK * b].
        let b = self.summary.partition_point(|&p| p < key);
        let lo = BLOCK * b.saturating_sub(1);
        let hi = (BLOCK * b).min(self.records.len());
        let block = self.records.get(lo..hi).unwrap_or_default();
        lo + block.partition_point(|rec| rec.prefix < key)
    }

    /// The records of the entries whose keyword (stored or generated) is `keyword`, ascending by
    /// entry id: a binary search of the prefixes, then of the keywords that share the prefix.
    pub(crate) fn find(&self, keyword: &str) -> &[Record] {
        let target = keyword.as_bytes();
        if target.contains(&0) {
            return &[]; // no keyword holds a 0x00 (and `cmp_text` relies on that)
        }
        let key = prefix(target);
        let start = self.lower_bound(key);
        let end = key
            .checked_add(1)
            .map_or(self.records.len(), |k| self.lower_bound(k));
        let tied = self.records.get(start..end).unwrap_or_default();
        if target.len() < 8 {
            return tied; // zero padding: a tie is an equal keyword
        }
        let order = |rec: &Record| cmp_text(self.text.as_bytes(), rec.start, target);
        let first = tied.partition_point(|rec| order(rec) == Some(Ordering::Less));
        let rest = &tied[first..];
        let len = rest
            .iter()
            .take_while(|rec| order(rec) == Some(Ordering::Equal))
            .count();
        &rest[..len]
    }
}

impl std::fmt::Debug for KeywordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeywordIndex")
            .field("keywords", &self.records.len())
            .field("text_bytes", &self.text.len())
            .finish()
    }
}

/// Derives a generated keyword.
///
/// `group_text` is four upper-case hex digits with `x` for masked digits (`0019`, `70xx`);
/// `element_text` is `xx` plus the low byte (any-block entries) or the block byte plus the low
/// byte (block-specific entries); `suffixed` is flag bit 4.
///
/// ```
/// use dicom_map::derive_keyword;
/// assert_eq!(derive_keyword("Number of images", "0019", "xx0C", false), "NumberOfImages");
/// assert_eq!(derive_keyword("", "0019", "xx0C", false), "Private_0019_xx0C");
/// assert_eq!(derive_keyword("CSA Image Header Info", "0029", "1010", true), "CSAImageHeaderInfo_0029_1010");
/// assert_eq!(derive_keyword("3D flag", "70xx", "xx04", false), "X3DFlag");
/// ```
pub fn derive_keyword(name: &str, group_text: &str, element_text: &str, suffixed: bool) -> String {
    let mut out = String::with_capacity(name.len() + 12);
    derive_into(&mut out, name, group_text, element_text, suffixed);
    out
}

/// [`derive_keyword`] into a reused buffer (cleared first).
pub(crate) fn derive_into(
    out: &mut String,
    name: &str,
    group_text: &str,
    element_text: &str,
    suffixed: bool,
) {
    out.clear();
    for run in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|r| !r.is_empty())
    {
        if out.is_empty() && run.as_bytes()[0].is_ascii_digit() {
            out.push('X');
        }
        let mut chars = run.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    let empty = out.is_empty();
    if empty {
        out.push_str("Private");
    }
    if suffixed || empty {
        out.push('_');
        out.push_str(group_text);
        out.push('_');
        out.push_str(element_text);
    }
}

#[cfg(test)]
mod tests {
    use super::{cmp_text, derive_keyword, prefix};

    #[test]
    fn text_comparison_is_byte_order() {
        let text = b"Acme\0AcmeTest\0AcmeTestLonger\0Zoo\0";
        let starts = [0u32, 5, 14, 29];
        for &start in &starts {
            let end = text[start as usize..].iter().position(|&b| b == 0).unwrap();
            let keyword = &text[start as usize..start as usize + end];
            for target in [
                &b""[..],
                b"A",
                b"Acme",
                b"AcmeT",
                b"AcmeTest",
                b"AcmeTestLonger",
                b"AcmeTestLongerStill",
                b"Zoo",
                b"ZooKeeperOfTheZoo",
                b"Zz",
            ] {
                assert_eq!(
                    cmp_text(text, start, target),
                    Some(keyword.cmp(target)),
                    "{keyword:?} vs {target:?}"
                );
            }
        }
        assert_eq!(cmp_text(text, 100, b"A"), None);
        assert_eq!(cmp_text(b"Ab", 0, b"Ab"), None, "no terminator");
    }

    #[test]
    fn prefixes_order_like_the_keywords() {
        let words: [&[u8]; 7] = [b"", b"A", b"Acme", b"AcmeTest", b"AcmeTestX", b"Acmf", b"B"];
        for a in words {
            for b in words {
                if prefix(a) != prefix(b) {
                    assert_eq!(prefix(a).cmp(&prefix(b)), a.cmp(b), "{a:?} {b:?}");
                }
            }
        }
        assert_eq!(prefix(b"AcmeTest"), prefix(b"AcmeTestX"));
    }

    #[test]
    fn the_rule() {
        assert_eq!(
            derive_keyword("Number of images", "0019", "xx0C", false),
            "NumberOfImages"
        );
        assert_eq!(
            derive_keyword("number of images", "0019", "xx0C", false),
            "NumberOfImages"
        );
        assert_eq!(
            derive_keyword("B_value (s/mm2)", "0019", "xx0C", false),
            "BValueSMm2"
        );
        assert_eq!(
            derive_keyword("", "0019", "xx0C", false),
            "Private_0019_xx0C"
        );
        assert_eq!(
            derive_keyword("---", "0019", "100C", false),
            "Private_0019_100C"
        );
        assert_eq!(derive_keyword("Private", "0019", "xx0C", false), "Private");
        assert_eq!(
            derive_keyword("Private", "0019", "xx0C", true),
            "Private_0019_xx0C"
        );
        assert_eq!(
            derive_keyword("2nd echo", "0019", "xx0C", false),
            "X2ndEcho"
        );
        assert_eq!(
            derive_keyword("Größe der Zelle", "0019", "xx0C", false),
            "GrEDerZelle"
        );
        assert_eq!(
            derive_keyword("CSA Image Header Info", "0029", "1010", true),
            "CSAImageHeaderInfo_0029_1010"
        );
    }
}
