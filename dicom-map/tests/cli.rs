//! The `dicom-lookup` CLI: every input form, `--json`, the subcommands, and every exit code.
#![cfg(feature = "cli")]

mod support;

use assert_cmd::Command;
use predicates::prelude::*;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("dicom-lookup").unwrap();
    c.env_remove("DMAP_FILE");
    c
}

fn with_file() -> Command {
    let mut c = cmd();
    c.arg("--file").arg(support::real_path());
    c
}

/// The JSON objects a run prints, one per line (the JSON contract).
fn json_lines(args: &[&str]) -> Vec<serde_json::Value> {
    let out = with_file().arg("--json").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The one JSON object a run prints.
fn json(args: &[&str]) -> serde_json::Value {
    let mut all = json_lines(args);
    assert_eq!(all.len(), 1, "{args:?}");
    all.remove(0)
}

#[test]
fn every_public_input_form() {
    for args in [
        &["0008", "0005"][..],
        &["(0008,0005)"],
        &["00080005"],
        &["0x0008", "0x0005"],
        &["0008,0005"],
        &["SpecificCharacterSet"],
    ] {
        with_file()
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("SpecificCharacterSet"))
            .stdout(predicate::str::contains("CS"));
    }
    with_file()
        .arg("(0010,0010)")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("PatientName"));
    with_file()
        .arg("00100010")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("PN"));
}

#[test]
fn private_input_forms_reach_the_same_entry() {
    let a = json(&["0019", "xx0C", "SIEMENS MR HEADER"]);
    let b = json(&["0019", "100C", "SIEMENS MR HEADER"]);
    let c = json(&["(0019,xx0C)", "SIEMENS MR HEADER"]);
    let d = json(&["0019", "100C", "--creator", "siemens mr header"]);
    assert_eq!(a["pattern"], "(0019,xx0C)");
    assert_eq!(a["keyword"], "BValue");
    assert_eq!(a["creator"], "SIEMENS MR HEADER");
    assert_eq!(a["creator_match"], "exact");
    assert_eq!(b["tag"], "(0019,100C)");
    for other in [&b, &c, &d] {
        assert_eq!(other["entry_id"], a["entry_id"]);
    }
    assert_eq!(d["creator_match"], "folded");
    with_file()
        .args(["0019", "100C", "SIEMENS MR HEADER"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("(0019,xx0C)"))
        .stdout(predicate::str::contains("SIEMENS MR HEADER (exact match"));
}

#[test]
fn creator_element() {
    let v = json(&["0019", "0010"]);
    assert_eq!(v["kind"], "private-creator");
    assert_eq!(v["vr"], "LO");
    with_file()
        .args(["0019", "0010"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("(gggg,0010-00FF)"));
}

#[test]
fn json_keys_are_stable() {
    let v = json(&["0008", "0005"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "block",
        "block_offset",
        "candidates",
        "confidence",
        "conflict",
        "creator",
        "creator_match",
        "description",
        "element",
        "entry_id",
        "group",
        "has_real_name",
        "keyword",
        "keyword_generated",
        "kind",
        "name",
        "pattern",
        "retired",
        "sources",
        "tag",
        "vendors",
        "vm",
        "vr",
        "vrs",
    ];
    let mut got = keys.clone();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected);
    assert_eq!(v["vrs"], serde_json::json!(["CS"]));
    assert!(v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "pydicom"));
    assert!(v["sources"][0].get("document").is_some() && v["sources"][0].get("page").is_some());
    assert_eq!(v["creator"], serde_json::Value::Null);
    // Numbers for group and element (the text is in `tag`), a list of vendors, no page as null.
    assert_eq!(
        (v["group"].as_u64(), v["element"].as_u64()),
        (Some(8), Some(5))
    );
    assert_eq!(v["vendors"], serde_json::json!([]));
    assert!(v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["page"].is_null() || s["page"].as_u64().unwrap() > 0));
    let p = json(&["0019", "100C", "SIEMENS MR HEADER"]);
    assert_eq!(p["block"], serde_json::Value::Null);
    assert!(p["vendors"][0]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("siemens"));
}

#[test]
fn json_is_one_compact_line_with_sorted_keys() {
    let out = with_file()
        .args(["--json", "0008", "0005"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with("{\"block\":null,\"block_offset\":false,"));
}

#[test]
fn a_private_entry_asked_by_its_low_byte_shows_its_pattern() {
    for args in [
        &["0019", "xx0C", "SIEMENS MR HEADER"][..],
        &["(0019,xx0C)", "SIEMENS MR HEADER"],
        &["BValue"],
    ] {
        with_file()
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("tag:         (0019,xx0C)"))
            .stdout(predicate::str::contains("(0019,000C)").not());
        assert_eq!(json(args)["tag"], "(0019,xx0C)");
    }
    // Asked as found in a file: the element as asked.
    assert_eq!(
        json(&["0019", "100C", "SIEMENS MR HEADER"])["tag"],
        "(0019,100C)"
    );
}

#[test]
fn a_private_element_without_its_creator_lists_the_creators() {
    let out = with_file().args(["0029", "1010"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("needs its creator"), "{err}");
    assert!(
        err.contains("(0029,0010)") && err.contains("(0029,xx10)"),
        "{err}"
    );
    assert!(
        err.lines().any(|l| l.trim() == "SIEMENS CSA HEADER"),
        "{err}"
    );
    // Each creator listed really defines the element.
    for line in err.lines().skip(1) {
        json(&["0029", "1010", line.trim()]);
    }
}

#[test]
fn a_private_element_by_its_low_byte_without_its_creator_lists_the_creators() {
    let mut lists = Vec::new();
    for args in [
        &["0019", "xx0C"][..],
        &["(0019,xx0C)"],
        &["0019xx0C"],
        &["0019", "0C"],
    ] {
        let out = with_file().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        let head = err.lines().next().unwrap_or_default();
        assert!(
            head.starts_with("dicom-lookup: (0019,xx0C): not found without a creator")
                && head.contains("needs its creator")
                && head.ends_with("define (0019,xx0C):"),
            "{err}"
        );
        assert!(
            err.lines().any(|l| l.trim() == "SIEMENS MR HEADER"),
            "{err}"
        );
        lists.push(err.lines().skip(1).map(str::to_owned).collect::<Vec<_>>());
    }
    // Every form lists the same creators, and each really defines the element (in block 10).
    assert!(lists.windows(2).all(|w| w[0] == w[1]));
    for line in &lists[0] {
        json(&["0019", "100C", line.trim()]);
    }
    // Written with `xx`, a low byte that is also a creator element's asks for the data element.
    let out = with_file().args(["0019", "xx10"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("define (0019,xx10):"));
    assert_eq!(json(&["0019", "0010"])["kind"], "private-creator");
}

#[test]
fn a_public_keyword_gets_no_warning_a_shared_private_one_does() {
    with_file().arg("PatientName").assert().code(0).stderr("");
    with_file().arg("BValue").assert().code(0).stderr(
        predicate::str::is_match(r"\d+ more private entr(y|ies) (has|have) keyword BValue")
            .unwrap(),
    );
}

#[test]
fn search_ranks_whole_phrases_above_substrings() {
    let hits = json_lines(&["search", "b value"]);
    let names: Vec<String> = hits
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_lowercase())
        .collect();
    let last_b_value = names.iter().rposition(|n| n == "b value").unwrap();
    let first_cielab = names.iter().position(|n| n.contains("cielab")).unwrap();
    assert!(last_b_value < first_cielab, "{names:?}");
}

#[test]
fn write_errors_exit_1_and_a_closed_pipe_ends_quietly() {
    // `>&-`: descriptor 1 closed before the program starts.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} --file {} search a >&- 2>/dev/null",
            assert_cmd::cargo::cargo_bin("dicom-lookup").display(),
            support::real_path().display()
        ))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    if std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("dicom-lookup"))
            .arg("--file")
            .arg(support::real_path())
            .args(["search", "a"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("cannot write output"));
    }
    // `| head -1`: the reader goes away; no message, no failure status.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} --file {} search a | head -1 >/dev/null",
            assert_cmd::cargo::cargo_bin("dicom-lookup").display(),
            support::real_path().display()
        ))
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn repeaters() {
    assert_eq!(json(&["6002", "3000"])["keyword"], "OverlayData");
    assert_eq!(json(&["6002", "3000"])["pattern"], "(60xx,3000)");
    assert_eq!(json(&["7F02", "0010"])["keyword"], "VariablePixelData");
}

#[test]
fn private_groups_do_not_fall_through_to_repeaters() {
    // (6001,3000) is in a private group: not Overlay Data, with or without a creator.
    for args in [
        &["6001", "3000"][..],
        &["(6001,3000)"],
        &["6001", "3000", "NO SUCH CREATOR"],
        &["6001", "3000", "SIEMENS CSA HEADER"],
    ] {
        with_file()
            .args(args)
            .assert()
            .code(3)
            .stdout("")
            .stderr(predicate::str::contains("not found"));
    }
    assert_eq!(json(&["6001", "0010"])["kind"], "private-creator");
    assert_eq!(json(&["6001", "0000"])["kind"], "group-length");
}

#[test]
fn not_found_exits_3() {
    with_file()
        .args(["0008", "0007"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains("not found"));
    with_file()
        .args(["0019", "100C", "NO SUCH CREATOR"])
        .assert()
        .code(3);
    with_file().arg("NoSuchKeyword").assert().code(3);
    with_file().args(["search", "zzzzqqqq"]).assert().code(3);
    with_file()
        .args(["creator", "NO SUCH CREATOR"])
        .assert()
        .code(3);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["00G8", "0005"][..],
        &["0008", "00G5"],
        &["(0008,0005"],
        &["0008"],
        &["60xx", "3000"],
        &["(0008,0005)", "A", "B"],
        &["--no-such-flag"],
        &["search"],
        &["0008", "info"],
    ] {
        with_file().args(args).assert().code(2).stdout("");
    }
    cmd().assert().code(2);
}

#[test]
fn subcommands() {
    with_file()
        .args(["search", "character set"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("SpecificCharacterSet"));
    let hits = json_lines(&["search", "specificcharacterset"]);
    assert_eq!(hits[0]["tag"], "(0008,0005)");
    with_file()
        .arg("info")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("bytes/tag"));
    let info = json(&["info"]);
    assert_eq!(info["version"], 1);
    assert!(info["total_entries"].as_u64().unwrap() > 10_000);
    assert!(info["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "pydicom"));
    with_file()
        .arg("verify")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ok"));
    assert_eq!(json(&["verify"])["ok"], true);
    with_file()
        .args(["creator", "SIEMENS MR HEADER"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("(0019,xx0C)"));
    let c = json_lines(&["creator", "hologic"]);
    assert_eq!(c[0]["name"], "HOLOGIC");
    assert_eq!(c[0]["match"], "folded");
}

#[test]
fn corrupt_or_missing_files_exit_1_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = support::real_bytes();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xFF;
    let flipped = dir.path().join("flipped.dmap");
    std::fs::write(&flipped, &bytes).unwrap();
    let truncated = dir.path().join("truncated.dmap");
    std::fs::write(&truncated, &bytes[..1000]).unwrap();
    let text = dir.path().join("text.dmap");
    std::fs::write(&text, "hello").unwrap();
    for (path, message) in [
        (flipped, "checksum mismatch"),
        (truncated, "truncated"),
        (text, "truncated"),
        (dir.path().join("missing.dmap"), "cannot read"),
    ] {
        let out = cmd()
            .arg("--file")
            .arg(&path)
            .args(["0008", "0005"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn dmap_file_environment_variable() {
    cmd()
        .env("DMAP_FILE", support::real_path())
        .args(["0008", "0005"])
        .assert()
        .code(0);
    cmd()
        .env("DMAP_FILE", "/nonexistent/tags.dmap")
        .args(["0008", "0005"])
        .assert()
        .code(1);
    // --file wins over the environment.
    cmd()
        .env("DMAP_FILE", "/nonexistent/tags.dmap")
        .arg("--file")
        .arg(support::real_path())
        .args(["0008", "0005"])
        .assert()
        .code(0);
}

#[cfg(feature = "embedded")]
#[test]
fn embedded_dictionary_is_the_fallback() {
    cmd()
        .args(["0008", "0005"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("SpecificCharacterSet"));
    cmd()
        .arg("info")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("embedded"));
}

#[test]
fn help_and_version_exit_0() {
    cmd()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit status"));
    // The package version, then the dictionary's edition and build.
    let info = json(&["info"]);
    let build = info["metadata"]["build"].as_str().unwrap().to_owned();
    cmd()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(format!(
            "dicom-lookup {}\ndictionary: bundled, edition {}, build {build}\n",
            env!("CARGO_PKG_VERSION"),
            info["edition"].as_str().unwrap()
        )));
}

/// An undecided entry says so, and marks its tied candidates as tied, not rejected.
#[test]
fn an_undecided_entry_shows_its_tied_candidates() {
    with_file()
        .args(["0019", "xx10", "AGFA"])
        .assert()
        .success()
        .stdout(predicate::str::contains("conflict:    yes, undecided"))
        .stdout(predicate::str::contains("candidate:   SH 1 (tied;"))
        .stdout(predicate::str::contains("candidate:   ST 1 (tied;"))
        .stdout(predicate::str::contains("candidate:   LO 3 (rejected;"));
}
