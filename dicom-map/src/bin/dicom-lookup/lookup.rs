//! The default command: look one tag (or keyword) up.

use std::io::Write;

use dicom_map::{parse_group_element, parse_tag, Dict, Kind, TagText};

use crate::render;
use crate::{Failure, Outcome};

/// What to look up.
#[derive(Debug, PartialEq, Eq)]
pub struct Query {
    /// A tag or a keyword.
    pub what: What,
    /// The private creator, if given.
    pub creator: Option<String>,
    /// Whether the element was written by its low byte with `xx` (`0019 xx0C`, `(0019,xx10)`):
    /// a private data element of any block, never the creator element `(0019,0010)`.
    pub low_byte: bool,
}

/// A tag or a keyword.
#[derive(Debug, PartialEq, Eq)]
pub enum What {
    /// `(group, element)`.
    Tag(u16, u16),
    /// A keyword.
    Keyword(String),
}

/// Whether `s` is written like a lone group: one to four hex digits, maybe after `0x`.
fn looks_like_group(s: &str) -> bool {
    let d = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    (1..=4).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Query {
    /// Reads `TAG [ELEMENT] [CREATOR]`: a lone hex group followed by more arguments is a group
    /// and an element (then maybe a creator); anything else is a whole tag or keyword (then maybe
    /// a creator).
    pub fn from_args(args: &[String], creator_opt: Option<&str>) -> Result<Query, Failure> {
        let written_xx = |s: &str| s.to_ascii_lowercase().contains("xx");
        let (what, rest, low_byte) = match args {
            [g, e, rest @ ..] if looks_like_group(g) => {
                let (group, element) = parse_group_element(g, e).map_err(Failure::usage)?;
                (What::Tag(group, element), rest, written_xx(e))
            }
            [one, rest @ ..] => match parse_tag(one).map_err(Failure::usage)? {
                TagText::Tag { group, element } => {
                    (What::Tag(group, element), rest, written_xx(one))
                }
                TagText::Keyword(k) => (What::Keyword(k.to_owned()), rest, false),
            },
            [] => return Err(Failure::usage("no tag given")),
        };
        let creator = match (rest, creator_opt) {
            ([], c) => c.map(str::to_owned),
            ([c], None) => Some(c.clone()),
            ([_], Some(_)) => {
                return Err(Failure::usage(
                    "the creator is given twice (argument and --creator)",
                ))
            }
            _ => return Err(Failure::usage(format!("unexpected argument {:?}", rest[1]))),
        };
        Ok(Query {
            what,
            creator,
            low_byte,
        })
    }
}

/// Looks the query up and prints the entry.
pub fn run(dict: &Dict, q: &Query, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let creator = q.creator.as_deref();
    let view = match &q.what {
        // `0019 xx10` without a creator asks for a data element, not the creator element.
        What::Tag(g, _) if q.low_byte && creator.is_none() && is_private_group(*g) => None,
        What::Tag(g, e) => dict.lookup(*g, *e, creator),
        What::Keyword(k) => dict.lookup_keyword(k, creator),
    };
    let Some(view) = view else {
        not_found(dict, q);
        return Ok(Outcome::NotFound);
    };
    if let (What::Keyword(k), None) = (&q.what, creator) {
        warn_other_entries(dict, k, &view);
    }
    if json {
        render::write_json(out, &render::view_json(&view))?;
    } else {
        render::write_view(out, &view)?;
    }
    Ok(Outcome::Found)
}

/// Says on stderr that nothing matched. A private element asked for without its creator gets
/// the reason and the creators that define it, one per line.
fn not_found(dict: &Dict, q: &Query) {
    let creator = q.creator.as_deref();
    if let (What::Tag(g, e), None) = (&q.what, creator) {
        if let Some(text) = missing_creator(dict, *g, *e, q.low_byte) {
            eprintln!("dicom-lookup: {text}");
            return;
        }
    }
    let what = match &q.what {
        What::Tag(g, e) => format!("({g:04X},{e:04X})"),
        What::Keyword(k) => k.clone(),
    };
    let with = creator.map_or(String::new(), |c| format!(" with creator {c:?}"));
    eprintln!("dicom-lookup: {what}{with}: not found");
}

/// Whether `group` is a private group (odd, and not one of the reserved groups 0001-0007, FFFF).
fn is_private_group(group: u16) -> bool {
    group & 1 == 1 && group > 0x0007 && group != 0xFFFF
}

/// For a private data element asked for without a creator, `(gggg,BBEE)` or by its low byte
/// (`xxEE` written, or an element 0001-000F, which no private group uses: `0019 0C`): the element
/// as asked, why it cannot be answered, and which creators define `(gggg,xxEE)` (the same text
/// as `python -m dicom_map lookup`). `None` for any other question.
pub fn missing_creator(dict: &Dict, group: u16, element: u16, low_byte: bool) -> Option<String> {
    if !is_private_group(group) {
        return None;
    }
    let low = element & 0xFF;
    let pattern = format!("({group:04X},xx{low:02X})");
    let (shown, creator_element, ask) = if element >= 0x1000 {
        let block = element >> 8;
        let at = format!("({group:04X},00{block:02X})");
        (format!("({group:04X},{element:04X})"), at, element)
    } else if element <= 0x00FF && (low_byte || (0x01..=0x0F).contains(&element)) {
        // The block is unknown: list the creators of block 10's element, as for `gggg 10EE`.
        let at = format!("the ({group:04X},0010-00FF) element that reserves its block");
        (pattern.clone(), at, 0x1000 | low)
    } else {
        return None;
    };
    let head = format!(
        "{shown}: not found without a creator: a private element needs its creator, the value \
         of {creator_element} in the file: give it after the tag"
    );
    let creators = dict.creators_defining(group, ask);
    if creators.is_empty() {
        return Some(format!(
            "{head}; no creator in the dictionary defines {pattern}"
        ));
    }
    let noun = if creators.len() == 1 {
        "creator"
    } else {
        "creators"
    };
    let mut text = format!("{head}; {} {noun} define {pattern}:", creators.len());
    for c in creators {
        text.push_str("\n  ");
        text.push_str(c);
    }
    Some(text)
}

/// A keyword shared by several entries: when the one chosen is private (no public entry has the
/// keyword), says on stderr how many others there are. A public entry is the obvious answer and
/// gets no warning.
fn warn_other_entries(dict: &Dict, keyword: &str, chosen: &dicom_map::TagView<'_>) {
    if matches!(chosen.kind(), Kind::Public | Kind::Repeater) {
        return;
    }
    let others = dict.entries_for_keyword(keyword).count().saturating_sub(1);
    if others > 0 {
        let entries = if others == 1 {
            "entry has"
        } else {
            "entries have"
        };
        eprintln!(
            "dicom-lookup: {others} more private {entries} keyword {keyword}; give a creator to \
             choose"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(args: &[&str]) -> Result<Query, Failure> {
        Query::from_args(
            &args.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            None,
        )
    }

    #[test]
    fn argument_forms() {
        let tag = |g, e, c: Option<&str>| Query {
            what: What::Tag(g, e),
            creator: c.map(str::to_owned),
            low_byte: false,
        };
        let low = |g, e, c: Option<&str>| Query {
            low_byte: true,
            ..tag(g, e, c)
        };
        assert_eq!(q(&["0008", "0005"]).unwrap(), tag(8, 5, None));
        assert_eq!(q(&["0x0008", "0x0005"]).unwrap(), tag(8, 5, None));
        assert_eq!(q(&["(0010,0010)"]).unwrap(), tag(0x10, 0x10, None));
        assert_eq!(q(&["00100010"]).unwrap(), tag(0x10, 0x10, None));
        assert_eq!(
            q(&["0019", "xx0C", "SIEMENS MR HEADER"]).unwrap(),
            low(0x19, 0x0C, Some("SIEMENS MR HEADER"))
        );
        assert_eq!(
            q(&["(0019,XX0C)", "SIEMENS MR HEADER"]).unwrap(),
            low(0x19, 0x0C, Some("SIEMENS MR HEADER"))
        );
        assert_eq!(q(&["0019", "0C"]).unwrap(), tag(0x19, 0x0C, None));
        assert_eq!(
            q(&["0019 100C", "X"]).unwrap(),
            tag(0x19, 0x100C, Some("X"))
        );
        assert_eq!(
            q(&["PatientName"]).unwrap(),
            Query {
                what: What::Keyword("PatientName".into()),
                creator: None,
                low_byte: false,
            }
        );
        assert!(q(&["0008", "00G5"]).is_err());
        assert!(q(&["00G8", "0005"]).is_err());
        assert!(q(&["(0008,0005)", "A", "B"]).is_err());
        assert!(Query::from_args(&["00080005".into(), "A".into()], Some("B")).is_err());
    }
}
