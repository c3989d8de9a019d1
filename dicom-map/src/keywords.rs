//! Generated keywords: the format's rule for private entries whose sources give no keyword.
//!
//! Such keywords are not stored (they would be a quarter of the file): the payload's keyword is
//! `0` and flag bit 2 is set, and every reader derives the keyword from the name and the key with
//! the rule below, the same rule the compiler uses for `tags.csv`:
//!
//! 0. a name longer than [`NAME_LIMIT`] (256) bytes of UTF-8 is read as empty;
//! 1. `base` = the name's maximal runs of ASCII letters and digits, each with its first letter
//!    upper-cased, concatenated (`Number of images` → `NumberOfImages`); if `base` starts with a
//!    digit, prefix `X`; if it is empty, `base` = `Private`;
//! 2. if flag bit 4 is set, or `base` is `Private` because it was empty, append `_`, the group
//!    text, `_`, the element text: `Private_0019_xx0C`, `CsaImageHeaderInfo_0029_1010`.
//!
//! The rule is a pure function of the entry's name, key and flag bit 4 ([`derive_into`]); the
//! group and element texts are the key's pattern texts ([`crate::pattern`]). A dictionary derives
//! every generated keyword once, into its keyword index ([`crate::index::keywords`]).
//!
//! Step 0 bounds the work: a reader needs at most the first 257 bytes of a name to tell whether
//! the rule reads it, so deriving a keyword costs a constant however long the name, and a file
//! whose many entries share one long name cannot make the keyword index slow (issue 10). Real
//! names are far shorter (the longest in the bundled dictionary is 142 bytes).

use crate::format::records::Key;
use crate::pattern;

/// The longest name, in bytes of UTF-8, the rule reads; a longer one derives as if empty
/// (`Private_gggg_eeee`).
pub(crate) const NAME_LIMIT: usize = 256;

/// Derives a generated keyword.
///
/// `group_text` is four upper-case hex digits with `x` for masked digits (`0019`, `70xx`);
/// `element_text` is `xx` plus the low byte (any-block entries) or the block byte plus the low
/// byte (block-specific entries); `suffixed` is flag bit 4. A `name` longer than 256 bytes is
/// read as empty.
///
/// ```
/// use dicom_map::derive_keyword;
/// assert_eq!(derive_keyword("Number of images", "0019", "xx0C", false), "NumberOfImages");
/// assert_eq!(derive_keyword("", "0019", "xx0C", false), "Private_0019_xx0C");
/// assert_eq!(derive_keyword("CSA Image Header Info", "0029", "1010", true), "CSAImageHeaderInfo_0029_1010");
/// assert_eq!(derive_keyword("3D flag", "70xx", "xx04", false), "X3DFlag");
/// assert_eq!(derive_keyword(&"x".repeat(257), "0019", "xx0C", false), "Private_0019_xx0C");
/// ```
pub fn derive_keyword(name: &str, group_text: &str, element_text: &str, suffixed: bool) -> String {
    let mut out = String::with_capacity(name.len() + 12);
    derive_with(&mut out, name, suffixed, |out| {
        out.push_str(group_text);
        out.push('_');
        out.push_str(element_text);
    });
    out
}

/// The generated keyword of an entry stored under `key`, into a reused buffer (cleared first).
/// A caller that reads names from a file need not read past [`NAME_LIMIT`] + 1 bytes: any longer
/// name may be passed as `""`.
pub(crate) fn derive_into(out: &mut String, name: &str, key: Key, suffixed: bool) {
    derive_with(out, name, suffixed, |out| {
        pattern::push_group(out, key);
        out.push('_');
        pattern::push_element(out, key);
    });
}

/// The rule, with the suffix's `group_element` texts written by `texts`.
fn derive_with(out: &mut String, name: &str, suffixed: bool, texts: impl FnOnce(&mut String)) {
    out.clear();
    let name = if name.len() > NAME_LIMIT { "" } else { name };
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
        texts(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::records::PrivKey;

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

    #[test]
    fn names_over_256_bytes_read_as_empty() {
        let at_limit = "ab ".repeat(85) + "c"; // 256 bytes
        assert_eq!(at_limit.len(), NAME_LIMIT);
        let expected = "Ab".repeat(85) + "C";
        assert_eq!(derive_keyword(&at_limit, "0019", "xx0C", false), expected);
        assert_eq!(
            derive_keyword(&at_limit, "0019", "xx0C", true),
            expected + "_0019_xx0C"
        );
        let over = at_limit + "d"; // 257 bytes
        assert_eq!(
            derive_keyword(&over, "0019", "xx0C", false),
            "Private_0019_xx0C"
        );
        assert_eq!(
            derive_keyword(&over, "0019", "xx0C", true),
            "Private_0019_xx0C"
        );
        // Bytes of UTF-8, not characters: 254 letters and one two-byte letter are 256 bytes,
        // 255 letters and one are 257.
        let x254 = "x".repeat(254) + "é";
        assert_eq!(
            derive_keyword(&x254, "0019", "xx0C", false),
            "X".to_owned() + &"x".repeat(253)
        );
        let x255 = "x".repeat(255) + "é";
        assert_eq!(
            derive_keyword(&x255, "0019", "xx0C", false),
            "Private_0019_xx0C"
        );
        let mut out = String::new();
        derive_into(&mut out, &"y".repeat(1 << 20), Key::Tag(0x0011_0001), true);
        assert_eq!(out, "Private_0011_0001");
    }

    #[test]
    fn the_rule_on_keys_spells_the_key_as_its_pattern() {
        let key = Key::Private(PrivKey {
            group: 0x7000,
            group_mask: 0xFF00,
            creator: 3,
            element: 0x04,
            block: 0,
        });
        let mut out = String::new();
        derive_into(&mut out, "", key, false);
        assert_eq!(out, "Private_70xx_xx04");
        let key = Key::Private(PrivKey {
            group: 0x0029,
            group_mask: 0xFFFF,
            creator: 3,
            element: 0x10,
            block: 0x10,
        });
        derive_into(&mut out, "CSA Image Header Info", key, true);
        assert_eq!(out, "CSAImageHeaderInfo_0029_1010");
        derive_into(&mut out, "3D flag", key, false);
        assert_eq!(out, "X3DFlag");
    }
}
