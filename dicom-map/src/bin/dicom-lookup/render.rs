//! Turning views into text blocks and JSON values. All output formats live here so that every
//! subcommand prints an entry the same way.

use std::io::Write;

use dicom_map::{Kind, Sources, TagView, VrSet};
use serde_json::{json, Value};

use crate::Failure;

/// Writes `value` as one line of JSON: compact, keys sorted, non-ASCII as UTF-8. This is the
/// JSON contract's text form (DEVELOPMENT.md, "The JSON contract"); `python -m dicom_map` writes
/// the same bytes (`json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`).
pub fn write_json(out: &mut dyn Write, value: &Value) -> Result<(), Failure> {
    // serde_json's map is ordered by key (the `preserve_order` feature is off).
    let text = serde_json::to_string(value).map_err(Failure::error)?;
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
        .map(|s| json!({ "id": s.id, "document": s.document, "page": (s.page > 0).then_some(s.page) }))
        .collect::<Vec<_>>()
        .into()
}

/// The tag as shown: `(GGGG,EEEE)` as asked, except for a private entry asked for by its low
/// byte (`0019 xx0C`, a keyword, a listing), where `(0019,000C)` would name a reserved element:
/// there the entry's pattern, `(0019,xx0C)`. The Python bindings show the same.
pub fn shown_tag(v: &TagView<'_>) -> String {
    if matches!(v.kind(), Kind::Private | Kind::PrivateRepeater) && v.element() <= 0x00FF {
        v.pattern()
    } else {
        format!("({:04X},{:04X})", v.group(), v.element())
    }
}

/// The JSON object of one entry: the keys and values of `dicom_map.Dict.lookup()` in Python
/// (schema: `dicom-map/schema/lookup.schema.json`). Absent values are `null`.
pub fn view_json(v: &TagView<'_>) -> Value {
    let candidates: Vec<Value> = if v.conflict() {
        v.candidates()
            .map(|c| {
                json!({
                    "vr": c.vr.to_string(),
                    "vm": c.vm,
                    "chosen": c.chosen,
                    "sources": sources_json(c.sources.clone()),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "group": v.group(),
        "element": v.element(),
        "tag": shown_tag(v),
        "pattern": v.pattern(),
        "kind": v.kind().as_str(),
        "creator": v.creator(),
        "creator_match": v.creator_match().map(|m| m.as_str()),
        "keyword": v.keyword(),
        "keyword_generated": v.keyword_generated(),
        "name": v.name(),
        "has_real_name": v.has_real_name(),
        "vr": v.vr().to_string(),
        "vrs": vrs_json(v.vr()),
        "vm": v.vm(),
        "description": v.description(),
        "retired": v.retired(),
        "block_offset": v.block_offset(),
        "block": v.block(),
        "sources": sources_json(v.sources()),
        "vendors": v.vendor().into_iter().collect::<Vec<_>>(),
        "confidence": v.confidence(),
        "conflict": v.conflict(),
        "candidates": candidates,
        "entry_id": v.entry_id(),
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
        ("tag", shown_tag(v)),
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
    let undecided = v.undecided();
    let conflict = if undecided {
        "yes, undecided (the sources tie: the VR is the union of the tied candidates)"
    } else {
        yes_no(v.conflict())
    };
    lines.push(("conflict", conflict.to_owned()));
    for c in v.candidates() {
        let tied = undecided && c.vr.bits() & !v.vr().bits() == 0;
        let mark = match (c.chosen, tied) {
            (true, _) => "chosen",
            (false, true) => "tied",
            (false, false) => "rejected",
        };
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
