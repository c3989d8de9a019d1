//! `dicom-lookup search TEXT`: entries whose name or keyword contains TEXT, best match first.

use std::io::Write;

use dicom_map::Dict;

use crate::render;
use crate::{Failure, Outcome};

/// Prints every hit (with `--json`, one JSON object per line); not found (3) when there is none.
/// The order is [`Dict::search_ranked`]'s: whole names and keywords, then whole phrases, then
/// whole keyword words, then substrings.
pub fn run(dict: &Dict, text: &str, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let hits = dict.search_ranked(text);
    for v in &hits {
        if json {
            render::write_json(out, &render::view_json(v))?;
        } else {
            render::write_line(out, v)?;
        }
    }
    if hits.is_empty() {
        eprintln!("dicom-lookup: no entry matches {text:?}");
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}
