//! Opening by path: non-regular files fail at once, a file truncated while open cannot kill the
//! process that opened it with `Dict::open`, and oversized files are refused before any read.

mod support;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use dicom_map::{Dict, Error, MAX_READ_LEN};

/// Runs `f` on another thread and fails the test if it has not returned within 20 s (the bug was
/// a call that never returned).
fn within_deadline<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("{what} did not return within 20 s"))
}

type Opener = fn(&Path) -> Result<Dict, Error>;

/// `Dict::open` and `Dict::open_mmap`.
const OPENERS: [Opener; 2] = [|p| Dict::open(p), |p| Dict::open_mmap(p)];

fn assert_not_regular(path: &Path, kind: &str) {
    for (name, open) in [("open", OPENERS[0]), ("open_mmap", OPENERS[1])] {
        let p = path.to_owned();
        let result = within_deadline(&format!("{name}({})", path.display()), move || open(&p));
        match result {
            Err(Error::Io { path: got, source }) => {
                assert_eq!(got, path);
                assert_eq!(source.kind(), ErrorKind::InvalidInput, "{source}");
                assert!(source.to_string().contains(kind), "{source}");
            }
            other => panic!("{name}({}): {other:?}", path.display()),
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tags.dmap");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    assert_not_regular(&fifo, "FIFO");
}

#[cfg(unix)]
#[test]
fn sockets_devices_and_directories_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("tags.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    assert_not_regular(&socket, "socket");
    assert_not_regular(Path::new("/dev/null"), "character device");
    assert_not_regular(Path::new("/dev/zero"), "character device");
    assert_not_regular(dir.path(), "directory");
}

#[test]
fn a_symlink_to_a_regular_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.dmap");
    #[cfg(unix)]
    std::os::unix::fs::symlink(support::real_path(), &link).unwrap();
    #[cfg(not(unix))]
    std::fs::copy(support::real_path(), &link).unwrap();
    let dict = Dict::open(&link).unwrap();
    assert!(dict.lookup(0x0008, 0x0005, None).is_some());
}

#[test]
fn missing_files_keep_their_os_error() {
    let err = Dict::open("/nonexistent/dir/tags.dmap").unwrap_err();
    assert!(matches!(&err, Error::Io { source, .. } if source.kind() == ErrorKind::NotFound));
}

#[test]
fn files_over_the_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.dmap");
    // Sparse: no disk space and no reading, because the size is checked first.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(MAX_READ_LEN + 1).unwrap();
    match Dict::open(&big) {
        Err(Error::TooLarge { path, size, limit }) => {
            assert_eq!(
                (path, size, limit),
                (big.clone(), MAX_READ_LEN + 1, MAX_READ_LEN)
            );
        }
        other => panic!("{other:?}"),
    }
    let err = Dict::open(&big).unwrap_err().to_string();
    assert!(err.contains("open_mmap"), "{err}");
    // Mapping has no limit: the zeros are then simply not a .dmap file.
    assert!(matches!(Dict::open_mmap(&big), Err(Error::BadMagic { .. })));
    // At the limit it is read (and is not a .dmap either).
    f.set_len(MAX_READ_LEN).unwrap();
    assert!(matches!(Dict::open(&big), Err(Error::BadMagic { .. })));
}

#[test]
fn open_and_open_mmap_give_the_same_dictionary() {
    let a = Dict::open(support::real_path()).unwrap();
    let b = Dict::open_mmap(support::real_path()).unwrap();
    assert_eq!(a.as_bytes(), b.as_bytes());
    assert_eq!(a.as_bytes(), support::real_bytes());
    a.verify().unwrap();
    b.verify().unwrap();
    assert!(format!("{:?}", a.into_inner()).starts_with("Storage::Owned("));
    assert!(format!("{:?}", b.into_inner()).starts_with("Storage::Mapped("));
    let empty = tempfile::NamedTempFile::new().unwrap();
    for open in OPENERS {
        assert!(matches!(
            open(empty.path()),
            Err(Error::Truncated { need: 64, have: 0 })
        ));
    }
}

// The truncation tests run in a child process (this test binary, re-run on one test with
// `TRUNCATE_CHILD` set) so that a SIGBUS kills the child, not the test run.

const CHILD_ENV: &str = "DICOM_MAP_TRUNCATE_CHILD";

/// In the child: opens the file `how`, truncates it to 1000 bytes, then reads every entry and
/// verifies. Never returns.
fn child(how: &str, path: &Path) -> ! {
    let dict = match how {
        "open" => Dict::open(path),
        _ => Dict::open_mmap(path),
    }
    .unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(1000)
        .unwrap();
    let mut seen = 0usize;
    for v in dict.entries() {
        seen += v.name().len() + v.keyword().len() + v.sources().count();
    }
    let found = dict
        .lookup(0x0008, 0x0005, None)
        .map(|v| v.keyword().to_string());
    let verified = dict.verify().is_ok();
    println!("child: {seen} {found:?} verified={verified}");
    std::process::exit(if found.is_some() && verified { 0 } else { 3 })
}

/// Runs `test` of this binary in a child with `how` and a fresh copy of the real file.
fn run_child(test: &str, how: &str) -> std::process::ExitStatus {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("tags.dmap");
    std::fs::copy(support::real_path(), &path).unwrap();
    std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{how}:{}", path.display()))
        .status()
        .unwrap()
}

fn child_mode() -> Option<(String, PathBuf)> {
    let v = std::env::var(CHILD_ENV).ok()?;
    let (how, path) = v.split_once(':')?;
    Some((how.to_owned(), PathBuf::from(path)))
}

#[test]
fn truncating_the_file_under_open_is_harmless() {
    if let Some((how, path)) = child_mode() {
        child(&how, &path);
    }
    let status = run_child("truncating_the_file_under_open_is_harmless", "open");
    assert_eq!(status.code(), Some(0), "{status:?}");
}

/// The documented risk of `open_mmap` is real: the same sequence kills the process with SIGBUS.
#[cfg(target_os = "linux")]
#[test]
fn truncating_a_mapped_file_raises_sigbus() {
    use std::os::unix::process::ExitStatusExt;
    if let Some((how, path)) = child_mode() {
        child(&how, &path);
    }
    let status = run_child("truncating_a_mapped_file_raises_sigbus", "mmap");
    assert_eq!(status.signal(), Some(7), "expected SIGBUS, got {status:?}"); // SIGBUS = 7 on Linux
}
