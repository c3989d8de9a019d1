//! `dicom-lookup info`: counts, edition, metadata and sources of the dictionary.

use std::io::Write;

use serde_json::{json, Map, Value};

use crate::open::Opened;
use crate::render;
use crate::{Failure, Outcome};

/// Prints the summary.
pub fn run(opened: &Opened, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let info = opened.dict.info();
    if json {
        let metadata: Map<String, Value> = info
            .metadata
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
        let sources: Vec<Value> = info
            .sources
            .iter()
            .map(|s| {
                json!({
                    "id": s.id, "title": s.title, "version": s.version, "url": s.url,
                    "license": s.license, "weight": s.weight, "is_copy": s.is_copy,
                })
            })
            .collect();
        // The keys of `dicom_map.Dict.info()` in Python.
        let value = json!({
            "path": opened.path_json(),
            "version": info.version,
            "edition": info.edition,
            "file_len": info.file_len,
            "public_count": info.public_count,
            "repeater_count": info.repeater_count,
            "private_count": info.private_count,
            "private_repeater_count": info.private_repeater_count,
            "creator_count": info.creator_count,
            "spelling_count": info.spelling_count,
            "conflict_count": info.conflict_count,
            "keyword_count": info.keyword_count,
            "total_entries": info.total_entries,
            "bytes_per_tag": info.bytes_per_tag,
            "metadata": metadata,
            "sources": sources,
        });
        render::write_json(out, &value)?;
        return Ok(Outcome::Found);
    }
    let io = Failure::output;
    let rows = [
        ("file", opened.origin()),
        ("version", info.version.to_string()),
        ("edition", info.edition.to_owned()),
        ("size", format!("{} bytes", info.file_len)),
        ("public", info.public_count.to_string()),
        ("repeaters", info.repeater_count.to_string()),
        ("private", info.private_count.to_string()),
        ("private rpt", info.private_repeater_count.to_string()),
        (
            "creators",
            format!("{} ({} spellings)", info.creator_count, info.spelling_count),
        ),
        ("conflicts", info.conflict_count.to_string()),
        ("keywords", info.keyword_count.to_string()),
        ("entries", info.total_entries.to_string()),
        ("bytes/tag", format!("{:.1}", info.bytes_per_tag)),
    ];
    for (k, v) in rows {
        writeln!(out, "{:<13}{v}", format!("{k}:")).map_err(io)?;
    }
    for (k, v) in &info.metadata {
        writeln!(out, "{:<13}{v}", format!("meta {k}: ")).map_err(io)?;
    }
    for s in &info.sources {
        let copy = if s.is_copy { ", copy" } else { "" };
        writeln!(
            out,
            "{:<13}{} {} ({}, weight {}{copy})",
            "source:", s.id, s.version, s.license, s.weight
        )
        .map_err(io)?;
    }
    Ok(Outcome::Found)
}
