//! `dmap_open` and `dmap_open_mmap` on paths that are not regular files (no blocking), and on a
//! file truncated while open (`dmap_open` survives; the mapped variant's documented risk).

use std::ffi::{CStr, CString};
use std::mem::MaybeUninit;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use dicom_map_ffi::*;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../dicom-map/tags.dmap");

type Opener = unsafe extern "C" fn(*const std::ffi::c_char, *mut dmap_status) -> *mut dmap_dict;

/// Opens `path` with `open`; returns the status and the last error message.
fn try_open(open: Opener, path: &Path) -> (dmap_status, String) {
    let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    let mut status = dmap_status::DMAP_OK;
    // SAFETY: valid arguments.
    let d = unsafe { open(c.as_ptr(), &mut status) };
    // SAFETY: the message is a valid C string owned by the library.
    let message = unsafe { CStr::from_ptr(dmap_last_error_message()) }
        .to_string_lossy()
        .into_owned();
    if !d.is_null() {
        // SAFETY: opened above, closed once.
        unsafe { dmap_close(d) };
    }
    (status, message)
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_fail_at_once_with_an_io_status() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tags.dmap");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for (name, open) in [
        ("dmap_open", dmap_open as Opener),
        ("dmap_open_mmap", dmap_open_mmap),
    ] {
        for (path, kind) in [
            (fifo.clone(), "FIFO"),
            (PathBuf::from("/dev/zero"), "character device"),
            (dir.path().to_owned(), "directory"),
        ] {
            let (tx, rx) = mpsc::channel();
            let p = path.clone();
            std::thread::spawn(move || {
                let _ = tx.send(try_open(open, &p));
            });
            let (status, message) = rx
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("{name}({}) blocked", path.display()));
            assert_eq!(status, dmap_status::DMAP_ERR_IO, "{name}: {message}");
            assert!(message.contains(kind), "{name}: {message}");
        }
    }
}

const CHILD_ENV: &str = "DMAP_FFI_TRUNCATE_CHILD";

/// In the child: opens with `how`, truncates the file, looks up (0008,0005), verifies; exits 0
/// when both worked.
fn child(how: &str, path: &Path) -> ! {
    let open: Opener = if how == "open" {
        dmap_open
    } else {
        dmap_open_mmap
    };
    let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    let mut status = dmap_status::DMAP_ERR_PANIC;
    // SAFETY: valid arguments.
    let d = unsafe { open(c.as_ptr(), &mut status) };
    assert_eq!(status, dmap_status::DMAP_OK);
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(1000)
        .unwrap();
    let mut ok = true;
    // Entries spread over the whole file, so some live on pages the truncation removed.
    let mut count = 0usize;
    // SAFETY: `d` is open; `count` is valid.
    ok &= unsafe { dmap_count(d, &mut count) } == dmap_status::DMAP_OK;
    for i in (0..count).step_by(7) {
        let mut e = MaybeUninit::<dmap_entry>::uninit();
        // SAFETY: `d` is open and `e` is writable.
        ok &= unsafe { dmap_entry_at(d, i, e.as_mut_ptr()) } == dmap_status::DMAP_OK;
    }
    let mut e = MaybeUninit::<dmap_entry>::uninit();
    // SAFETY: as above; a NULL creator is allowed.
    ok &= unsafe { dmap_lookup(d, 0x0008, 0x0005, std::ptr::null(), e.as_mut_ptr()) }
        == dmap_status::DMAP_OK;
    // SAFETY: `d` is open.
    ok &= unsafe { dmap_verify(d) } == dmap_status::DMAP_OK;
    // SAFETY: opened above, closed once.
    unsafe { dmap_close(d) };
    std::process::exit(if ok { 0 } else { 3 })
}

fn run_child(test: &str, how: &str) -> std::process::ExitStatus {
    if let Some(v) = std::env::var_os(CHILD_ENV) {
        let v = v.to_string_lossy().into_owned();
        let (how, path) = v.split_once(':').unwrap();
        child(how, Path::new(path));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tags.dmap");
    std::fs::copy(PATH, &path).unwrap();
    std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{how}:{}", path.display()))
        .status()
        .unwrap()
}

#[test]
fn dmap_open_survives_truncation() {
    let status = run_child("dmap_open_survives_truncation", "open");
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn dmap_open_mmap_is_killed_by_truncation_as_documented() {
    use std::os::unix::process::ExitStatusExt;
    let status = run_child(
        "dmap_open_mmap_is_killed_by_truncation_as_documented",
        "mmap",
    );
    assert_eq!(status.signal(), Some(7), "expected SIGBUS, got {status:?}");
}
