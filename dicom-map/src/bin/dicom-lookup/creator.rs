//! `dicom-lookup creator NAME`: a private creator and its entries.

use std::io::Write;

use dicom_map::Dict;
use serde_json::json;

use crate::render;
use crate::{Failure, Outcome};

/// Prints each creator NAME resolves to (exact spelling, else every folded match).
pub fn run(dict: &Dict, name: &str, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let found = dict.creator(name);
    if found.is_empty() {
        eprintln!("dicom-lookup: no private creator {name:?}");
        return Ok(Outcome::NotFound);
    }
    let io = Failure::output;
    if json {
        // One JSON object per creator, one per line (the JSON contract).
        for c in &found {
            let value = json!({
                "id": c.id(),
                "name": c.name(),
                "vendor": c.vendor(),
                "match": c.matched().as_str(),
                "spellings": c.spellings().collect::<Vec<_>>(),
                "entries": c.entries().map(|v| render::view_json(&v)).collect::<Vec<_>>(),
            });
            render::write_json(out, &value)?;
        }
        return Ok(Outcome::Found);
    }
    for (i, c) in found.iter().enumerate() {
        if i > 0 {
            writeln!(out).map_err(io)?;
        }
        let vendor = c
            .vendor()
            .map_or(String::new(), |v| format!(", vendor {v}"));
        writeln!(
            out,
            "creator:     {} ({} match{vendor})",
            c.name(),
            c.matched()
        )
        .map_err(io)?;
        writeln!(
            out,
            "spellings:   {}",
            c.spellings()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
        .map_err(io)?;
        let entries: Vec<_> = c.entries().collect();
        writeln!(out, "entries:     {}", entries.len()).map_err(io)?;
        for v in &entries {
            render::write_line(out, v)?;
        }
    }
    Ok(Outcome::Found)
}
