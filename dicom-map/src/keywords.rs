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

use std::ffi::CStr;

use crate::format::records::{EntryRef, Reader, Table};
use crate::view::{Key, TagView};

/// `KeywordIndex::at` value of an entry whose keyword is not generated.
const NONE: u32 = u32::MAX;

/// The `SYNT` records a lookup can return (group length, private creator), which are the only
/// ones that can be asked for a keyword.
const SYNT_VIEWS: usize = 2;

/// The dictionary's generated keywords, derived once (lazily, on the first call that needs one:
/// see `Reader::keyword_index`) and shared by [`TagView::keyword`], the keyword searches and the
/// C ABI.
///
/// The keywords are kept in one text, each followed by `0x00`, so that they can be borrowed as
/// `&str` and as `&CStr`. Finding them by keyword is a binary search of `sorted`; stored keywords
/// are found in the file's own index, `KWIX`.
#[derive(Default)]
pub(crate) struct KeywordIndex {
    /// Every generated keyword followed by `0x00` (the rule makes them ASCII without `0x00`).
    text: String,
    /// By slot (see [`TagView::keyword_slot`]): the start of its keyword in `text`, or [`NONE`].
    at: Box<[u32]>,
    /// Ids of the numbered entries with a generated keyword, ascending by (keyword, entry id).
    sorted: Box<[u32]>,
}

impl KeywordIndex {
    /// Derives every generated keyword of the file: the numbered entries, then the synthetic
    /// ones. Linear in the number of entries (a few milliseconds for the bundled dictionary).
    pub(crate) fn build(r: Reader<'_>) -> KeywordIndex {
        let entries = r.layout.entry_count();
        let synthetic = r.layout.synt.count.min(SYNT_VIEWS);
        let mut index = KeywordIndex {
            text: String::new(),
            at: vec![NONE; entries + synthetic].into_boxed_slice(),
            sorted: Box::default(),
        };
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
        let mut ids = Vec::new();
        let mut buf = String::new();
        for view in numbered.chain(synthetic) {
            let Some(slot) = view.keyword_slot() else {
                continue;
            };
            if !view.keyword_generated() || slot >= index.at.len() {
                continue;
            }
            let Ok(start) = u32::try_from(index.text.len()) else {
                break; // more than 4 GiB of keywords: the rest are derived on demand
            };
            let keyword = view.derive_keyword_into(&mut buf);
            index.text.extend(keyword.chars().filter(|&c| c != '\0'));
            index.text.push('\0');
            index.at[slot] = start;
            if let Some(id) = view.entry_id() {
                ids.push(id);
            }
        }
        ids.sort_unstable_by(|&a, &b| {
            index
                .keyword(a as usize)
                .cmp(&index.keyword(b as usize))
                .then(a.cmp(&b))
        });
        index.sorted = ids.into_boxed_slice();
        index
    }

    /// The text at `slot`'s keyword, up to and including its `0x00`.
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

    /// Ids of the numbered entries whose generated keyword is `keyword`, ascending.
    pub(crate) fn ids(&self, keyword: &str) -> &[u32] {
        let key = |id: u32| self.keyword(id as usize).unwrap_or("");
        let start = self.sorted.partition_point(|&id| key(id) < keyword);
        let len = self.sorted[start..].partition_point(|&id| key(id) == keyword);
        &self.sorted[start..start + len]
    }
}

impl std::fmt::Debug for KeywordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeywordIndex")
            .field("generated", &self.sorted.len())
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
    use super::derive_keyword;

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
