//! Reading a tag from text, as people and other tools write it.
//!
//! Accepted, case-insensitively, with surrounding whitespace ignored:
//!
//! | text | means |
//! | --- | --- |
//! | `0008 0005`, `0008,0005`, `(0008,0005)`, `(0008, 0005)` | group `0008`, element `0005` |
//! | `00080005`, `0x00080005` | the same, as eight hex digits |
//! | `0x0008 0x0005`, `0x8,0x5` | hex with `0x` prefixes, one to four digits each |
//! | `0019 xx0C`, `(0019,xx0C)` | a private block-offset element: element `000C` (the low byte) |
//! | `SpecificCharacterSet` | a keyword |
//!
//! The library, the `dicom-lookup` CLI and the bindings all parse tags here, so they agree.

use std::fmt;

/// What a piece of text names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagText<'a> {
    /// A tag. A private element written `xxEE` is given as `00EE`, which is how
    /// [`Dict::lookup`](crate::Dict::lookup) reads a block-offset element.
    Tag {
        /// The group.
        group: u16,
        /// The element.
        element: u16,
    },
    /// A keyword such as `SpecificCharacterSet` (an identifier: a letter or `_`, then letters,
    /// digits and `_`).
    Keyword(&'a str),
}

/// Why text is not a tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagParseError {
    text: String,
    reason: &'static str,
}

impl TagParseError {
    fn new(text: &str, reason: &'static str) -> TagParseError {
        TagParseError {
            text: text.to_owned(),
            reason,
        }
    }

    /// The text that failed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Why it failed.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for TagParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid tag {:?}: {}", self.text, self.reason)
    }
}

impl std::error::Error for TagParseError {}

/// Parses one piece of text: a whole tag in any accepted form, or a keyword.
///
/// ```
/// use dicom_map::{parse_tag, TagText};
/// let t = TagText::Tag { group: 0x0010, element: 0x0010 };
/// assert_eq!(parse_tag("(0010,0010)"), Ok(t));
/// assert_eq!(parse_tag("00100010"), Ok(t));
/// assert_eq!(parse_tag("0x0010 0x0010"), Ok(t));
/// assert_eq!(parse_tag("(0019,xx0C)"), Ok(TagText::Tag { group: 0x0019, element: 0x000C }));
/// assert_eq!(parse_tag("PatientName"), Ok(TagText::Keyword("PatientName")));
/// assert!(parse_tag("(0010,001G)").is_err());
/// ```
pub fn parse_tag(text: &str) -> Result<TagText<'_>, TagParseError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(TagParseError::new(text, "empty"));
    }
    let inner = match (t.strip_prefix('('), t.strip_suffix(')')) {
        (Some(_), Some(_)) if t.len() >= 2 => &t[1..t.len() - 1],
        (None, None) => t,
        _ => return Err(TagParseError::new(text, "unbalanced parentheses")),
    };
    let parts: Vec<&str> = inner
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [g, e] => {
            let (group, element) = parse_group_element(g, e).map_err(|err| TagParseError {
                text: text.to_owned(),
                ..err
            })?;
            Ok(TagText::Tag { group, element })
        }
        [one] if inner.len() == t.len() && is_keyword(one) && !is_hex_tag(one) => {
            Ok(TagText::Keyword(one))
        }
        [one] => {
            let digits = strip_0x(one);
            // ASCII first: `split_at(4)` below must not fall inside a multi-byte character.
            if digits.len() != 8 || !digits.is_ascii() {
                return Err(TagParseError::new(
                    text,
                    "expected a keyword, eight hex digits, or a group and an element",
                ));
            }
            let (g, e) = digits.split_at(4);
            let (group, element) = parse_group_element(g, e).map_err(|err| TagParseError {
                text: text.to_owned(),
                ..err
            })?;
            Ok(TagText::Tag { group, element })
        }
        _ => Err(TagParseError::new(text, "expected a group and an element")),
    }
}

/// Parses a group and an element given separately (`"0019"`, `"xx0C"`; `0x` prefixes allowed).
///
/// ```
/// use dicom_map::parse_group_element;
/// assert_eq!(parse_group_element("0x0008", "0x0005"), Ok((0x0008, 0x0005)));
/// assert_eq!(parse_group_element("0019", "xx0C"), Ok((0x0019, 0x000C)));
/// assert!(parse_group_element("60xx", "3000").is_err());
/// ```
pub fn parse_group_element(group: &str, element: &str) -> Result<(u16, u16), TagParseError> {
    let g = strip_0x(group.trim());
    if g.contains(['x', 'X']) {
        return Err(TagParseError::new(
            group,
            "a group with x digits is a pattern, not a tag",
        ));
    }
    let group_value =
        hex16(g).ok_or_else(|| TagParseError::new(group, "the group is not 1-4 hex digits"))?;
    let e = strip_0x(element.trim());
    let element_value = match e.get(..2) {
        Some("xx" | "XX" | "xX" | "Xx") if e.len() == 4 => e.get(2..).and_then(hex16),
        _ => hex16(e),
    }
    .ok_or_else(|| TagParseError::new(element, "the element is not 1-4 hex digits (or xxEE)"))?;
    Ok((group_value, element_value))
}

fn strip_0x(s: &str) -> &str {
    s.strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s)
}

/// One to four hex digits.
fn hex16(s: &str) -> Option<u16> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(s, 16).ok()
}

fn is_keyword(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Eight hex digits, possibly with `xx` for the element's block: read as a tag, not a keyword.
fn is_hex_tag(s: &str) -> bool {
    s.len() == 8
        && s.bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_hexdigit() || ((i == 4 || i == 5) && b | 0x20 == b'x'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(group: u16, element: u16) -> Result<TagText<'static>, TagParseError> {
        Ok(TagText::Tag { group, element })
    }

    #[test]
    fn every_documented_form() {
        assert_eq!(parse_tag("0008 0005"), tag(8, 5));
        assert_eq!(parse_tag("0008,0005"), tag(8, 5));
        assert_eq!(parse_tag(" (0010,0010) "), tag(0x10, 0x10));
        assert_eq!(parse_tag("(0010, 0010)"), tag(0x10, 0x10));
        assert_eq!(parse_tag("00100010"), tag(0x10, 0x10));
        assert_eq!(parse_tag("0x00100010"), tag(0x10, 0x10));
        assert_eq!(parse_tag("0x0008 0x0005"), tag(8, 5));
        assert_eq!(parse_tag("0x8,0x5"), tag(8, 5));
        assert_eq!(parse_tag("0019 xx0C"), tag(0x19, 0x0C));
        assert_eq!(parse_tag("(0019,XX0c)"), tag(0x19, 0x0C));
        assert_eq!(parse_tag("0019xx0C"), tag(0x19, 0x0C));
        assert_eq!(parse_tag("(7fe0,0010)"), tag(0x7FE0, 0x10));
        assert_eq!(
            parse_tag("SpecificCharacterSet"),
            Ok(TagText::Keyword("SpecificCharacterSet"))
        );
        assert_eq!(parse_tag("_x1"), Ok(TagText::Keyword("_x1")));
    }

    #[test]
    fn eight_hex_letters_are_a_tag() {
        assert_eq!(parse_tag("DEADBEEF"), tag(0xDEAD, 0xBEEF));
        assert_eq!(parse_tag("ABCDEF01"), tag(0xABCD, 0xEF01));
    }

    #[test]
    fn rejects() {
        for bad in [
            "",
            "  ",
            "(0010,0010",
            "0010,0010)",
            "(0010,001G)",
            "0010 00100",
            "00100",
            "001000100",
            "60xx 3000",
            "0010 xx",
            "0010 xx0",
            "0010 xx00C",
            "(PatientName)",
            "1abc",
            "0010 0010 0010",
            "Patient-Name",
            "0x",
            "0x 0x",
        ] {
            assert!(parse_tag(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn non_ascii_text_is_an_error_not_a_panic() {
        // Byte 4 falls inside `ö` (two bytes): splitting there used to panic.
        for bad in [
            "000ö000",
            "0x000ö000",
            "00ö00000",
            "(000ö,0000)",
            "0019 xxö",
            "0019 xö",
            "ö",
            "😀😀",
            "0008\u{0}0005",
            "0008\u{2028}0005x",
        ] {
            let err = parse_tag(bad).unwrap_err();
            assert_eq!(err.text(), bad);
        }
        assert!(parse_group_element("000ö", "0000").is_err());
        assert!(parse_group_element("0019", "xxö").is_err());
        assert!(parse_group_element("0019", "öx0C").is_err());
    }

    #[test]
    fn error_names_the_text() {
        let err = parse_tag("(0010,001G)").unwrap_err();
        assert_eq!(err.text(), "(0010,001G)");
        assert!(err.to_string().contains("(0010,001G)"));
    }
}
