//! `dicom-lookup` on hostile input (issue 10): text that is not a tag exits 2 with one line and no
//! panic; a `--file` that is not a regular file exits 1 at once instead of blocking.
#![cfg(feature = "cli")]

mod support;

use std::time::Duration;

use assert_cmd::Command;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("dicom-lookup").unwrap();
    c.env_remove("DMAP_FILE").timeout(Duration::from_secs(60));
    c
}

/// Runs the CLI and returns (exit code, stdout, stderr).
fn run(c: &mut Command) -> (Option<i32>, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn text_that_is_not_a_tag_exits_2_with_one_line() {
    for text in [
        "000ö000",
        "0x000ö000",
        "(000ö,0000)",
        "0019 xxö",
        "😀😀",
        "ö",
    ] {
        let (code, stdout, stderr) = run(cmd().arg(text));
        assert_eq!(code, Some(2), "{text:?}: {stderr}");
        assert_eq!(stdout, "", "{text:?}");
        assert_eq!(stderr.lines().count(), 1, "{text:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{text:?}: {stderr}");
        assert!(stderr.contains(text), "{text:?}: {stderr}");
    }
    // Group and element given separately.
    let (code, _, stderr) = run(cmd().args(["000ö", "0005"]));
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_file_that_is_not_regular_exits_1_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.dmap");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for (path, kind) in [
        (fifo.clone(), "FIFO"),
        ("/dev/zero".into(), "character device"),
        (dir.path().to_owned(), "directory"),
    ] {
        // `timeout` fails the test instead of hanging it if the CLI blocks.
        let (code, _, stderr) = run(cmd().arg("--file").arg(&path).args(["0008", "0005"]));
        assert_eq!(code, Some(1), "{}: {stderr}", path.display());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(kind), "{stderr}");
    }
}
