//! Turning views into text blocks and JSON values. All output formats live here so that every
//! subcommand prints an entry the same way.

use std::io::Write;

use dicom_map::{Sources, TagView, VrSet};
use serde_json::{json, Value};

use crate::Failure;

/// Writes `value` as pretty JSON and a newline.
pub fn write_json(out: &mut dyn Write, value: &Value) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(Failure::error)?;
    writeln!(out, "{text}").map_err(Failure::output)
}

fn vrs_json(vr: VrSet) -> Value {
    vr.iter_display()
        .map(|v| v.as_str())
        .collect::<Vec<_>>()
        .into()
}

fn sources_json(sources: Sources<'_>) -> Value {
    sources
        .map(|s| json!({ "id": s.id, "document": s.document, "page": s.page }))
        .collect::<Vec<_>>()
        .into()
}

/// The JSON object of one entry. Keys are stable; absent values are `null`.
pub fn view_json(v: &TagView<'_>) -> Value {
    let candidates: Vec<Value> = v
        .candidates()
        .map(|c| {
            json!({
                "vr": c.vr.to_string(),
                "vrs": vrs_json(c.vr),
                "vm": c.vm,
                "chosen": c.chosen,
                "sources_summary": c.sources.summary(),
                "sources": sources_json(c.sources.clone()),
            })
        })
        .collect();
    json!({
        "tag": format!("({:04X},{:04X})", v.group(), v.element()),
        "group": format!("{:04X}", v.group()),
        "element": format!("{:04X}", v.element()),
        "kind": v.kind().as_str(),
        "pattern": v.pattern(),
        "keyword": v.keyword(),
        "name": v.name(),
        "vr": v.vr().to_string(),
        "vrs": vrs_json(v.vr()),
        "vm": v.vm(),
        "retired": v.retired(),
        "description": v.description(),
        "creator": v.creator(),
        "creator_match": v.creator_match().map(|m| m.as_str()),
        "vendor": v.vendor(),
        "block_offset": v.block_offset(),
        "block": v.block().map(|b| format!("{b:02X}")),
        "confidence": v.confidence(),
        "conflict": v.conflict(),
        "candidates": candidates,
        "keyword_generated": v.keyword_generated(),
        "has_real_name": v.has_real_name(),
        "entry_id": v.entry_id(),
        "sources_summary": v.sources_summary(),
        "sources": sources_json(v.sources()),
    })
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The human-readable block for one entry.
pub fn write_view(out: &mut dyn Write, v: &TagView<'_>) -> Result<(), Failure> {
    let mut lines: Vec<(&str, String)> = vec![
        ("tag", format!("({:04X},{:04X})", v.group(), v.element())),
        ("pattern", format!("{} ({})", v.pattern(), v.kind())),
        ("keyword", v.keyword().into_owned()),
        ("name", v.name().to_owned()),
        ("VR", v.vr().to_string()),
        ("VM", v.vm().to_owned()),
    ];
    if let Some(creator) = v.creator() {
        let how = v.creator_match().map_or("", |m| m.as_str());
        let vendor = v
            .vendor()
            .map_or(String::new(), |x| format!(", vendor {x}"));
        lines.push(("creator", format!("{creator} ({how} match{vendor})")));
        let block = match v.block() {
            Some(b) => format!("{b:02X} only"),
            None => "any (block offset)".to_owned(),
        };
        lines.push(("block", block));
    }
    lines.push(("retired", yes_no(v.retired()).to_owned()));
    if !v.description().is_empty() {
        lines.push(("description", v.description().to_owned()));
    }
    lines.push(("confidence", v.confidence().to_string()));
    lines.push(("conflict", yes_no(v.conflict()).to_owned()));
    for c in v.candidates() {
        let mark = if c.chosen { "chosen" } else { "rejected" };
        lines.push((
            "candidate",
            format!("{} {} ({mark}; {})", c.vr, c.vm, c.sources.summary()),
        ));
    }
    lines.push(("sources", v.sources_summary().to_owned()));
    for s in v.sources() {
        let page = if s.page > 0 {
            format!(" p. {}", s.page)
        } else {
            String::new()
        };
        lines.push(("", format!("{}: {}{page}", s.id, s.document)));
    }
    for (key, value) in lines {
        let label = if key.is_empty() {
            String::new()
        } else {
            format!("{key}:")
        };
        writeln!(out, "{label:<13}{value}").map_err(Failure::output)?;
    }
    Ok(())
}

/// One line per entry, for lists: tag or pattern, VR, keyword, name, creator.
pub fn write_line(out: &mut dyn Write, v: &TagView<'_>) -> Result<(), Failure> {
    let creator = v.creator().map_or(String::new(), |c| format!("  [{c}]"));
    let retired = if v.retired() { "  (retired)" } else { "" };
    writeln!(
        out,
        "{:<18} {:<9} {:<40} {}{creator}{retired}",
        v.pattern(),
        v.vr().to_string(),
        v.keyword(),
        v.name()
    )
    .map_err(Failure::output)
}
