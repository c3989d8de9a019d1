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
        let (what, rest) = match args {
            [g, e, rest @ ..] if looks_like_group(g) => {
                let (group, element) = parse_group_element(g, e).map_err(Failure::usage)?;
                (What::Tag(group, element), rest)
            }
            [one, rest @ ..] => {
                let what = match parse_tag(one).map_err(Failure::usage)? {
                    TagText::Tag { group, element } => What::Tag(group, element),
                    TagText::Keyword(k) => What::Keyword(k.to_owned()),
                };
                (what, rest)
            }
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
        Ok(Query { what, creator })
    }
}

/// Looks the query up and prints the entry.
pub fn run(dict: &Dict, q: &Query, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let creator = q.creator.as_deref();
    let view = match &q.what {
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
    let what = match &q.what {
        What::Tag(g, e) => format!("({g:04X},{e:04X})"),
        What::Keyword(k) => k.clone(),
    };
    if let (What::Tag(g, e), None) = (&q.what, creator) {
        if let Some(text) = missing_creator(dict, *g, *e) {
            eprintln!("dicom-lookup: {what}: {text}");
            return;
        }
    }
    let with = creator.map_or(String::new(), |c| format!(" with creator {c:?}"));
    eprintln!("dicom-lookup: {what}{with}: not found");
}

/// For a private element `(gggg,BBEE)` asked for without a creator: why it cannot be answered and
/// which creators define `(gggg,xxEE)` (the same text as `python -m dicom_map lookup`).
pub fn missing_creator(dict: &Dict, group: u16, element: u16) -> Option<String> {
    let private_data = group & 1 == 1 && group > 0x0007 && group != 0xFFFF && element >= 0x1000;
    if !private_data {
        return None;
    }
    let block = element >> 8;
    let pattern = format!("({group:04X},xx{:02X})", element & 0xFF);
    let head = format!(
        "not found without a creator: a private element needs its creator, the value of \
         ({group:04X},00{block:02X}) in the \
         file: give it after the tag"
    );
    let creators = dict.creators_defining(group, element);
    if creators.is_empty() {
        return Some(format!(
            "{head}; no creator in the dictionary defines {pattern}"
        ));
    }
    let mut text = format!(
        "{head}; {} {} define {pattern}:",
        creators.len(),
        if creators.len() == 1 {
            "creator"
        } else {
            "creators"
        }
    );
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
        };
        assert_eq!(q(&["0008", "0005"]).unwrap(), tag(8, 5, None));
        assert_eq!(q(&["0x0008", "0x0005"]).unwrap(), tag(8, 5, None));
        assert_eq!(q(&["(0010,0010)"]).unwrap(), tag(0x10, 0x10, None));
        assert_eq!(q(&["00100010"]).unwrap(), tag(0x10, 0x10, None));
        assert_eq!(
            q(&["0019", "xx0C", "SIEMENS MR HEADER"]).unwrap(),
            tag(0x19, 0x0C, Some("SIEMENS MR HEADER"))
        );
        assert_eq!(
            q(&["(0019,xx0C)", "SIEMENS MR HEADER"]).unwrap(),
            tag(0x19, 0x0C, Some("SIEMENS MR HEADER"))
        );
        assert_eq!(
            q(&["0019 100C", "X"]).unwrap(),
            tag(0x19, 0x100C, Some("X"))
        );
        assert_eq!(
            q(&["PatientName"]).unwrap(),
            Query {
                what: What::Keyword("PatientName".into()),
                creator: None
            }
        );
        assert!(q(&["0008", "00G5"]).is_err());
        assert!(q(&["00G8", "0005"]).is_err());
        assert!(q(&["(0008,0005)", "A", "B"]).is_err());
        assert!(Query::from_args(&["00080005".into(), "A".into()], Some("B")).is_err());
    }
}
