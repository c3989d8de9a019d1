//! Standard output that reports every failure.
//!
//! When a program starts with descriptor 1 closed (`dicom-lookup search a >&-`), Rust's runtime
//! opens `/dev/null` read-write in its place before `main`, so every write succeeds and the output
//! is lost with exit status 0. [`stdout`] detects that case: on Linux, descriptor 1 being
//! `/dev/null` opened read-write (a shell's `>/dev/null` opens it write-only; only the exotic
//! `1<>/dev/null` looks the same) means it was closed, and every write then fails, which the caller
//! turns into exit status 1 and one line on stderr. Otherwise it writes through a duplicate of
//! descriptor 1, so that any write error (a full disk, a revoked terminal) reaches the caller too.
//! A closed pipe (`| head`) still ends the run quietly ([`crate::Failure::output`]).

use std::io::{self, BufWriter, Write};

/// Buffered standard output whose writes and flush report every error.
pub struct Stdout {
    inner: Result<Box<dyn Write>, io::ErrorKind>,
}

/// Standard output (see the module docs).
#[cfg(unix)]
pub fn stdout() -> Stdout {
    use std::os::fd::AsFd;
    if was_closed_at_start() {
        return Stdout {
            inner: Err(io::ErrorKind::Other),
        };
    }
    let inner = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map(|fd| Box::new(BufWriter::new(std::fs::File::from(fd))) as Box<dyn Write>)
        .map_err(|e| e.kind());
    Stdout { inner }
}

/// Standard output (elsewhere than Unix, the standard library's own).
#[cfg(not(unix))]
pub fn stdout() -> Stdout {
    Stdout {
        inner: Ok(Box::new(BufWriter::new(io::stdout()))),
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Ok(w) => w.write(buf),
            Err(kind) => Err(closed(*kind)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Ok(w) => w.flush(),
            Err(kind) => Err(closed(*kind)),
        }
    }
}

/// Whether descriptor 1 is the `/dev/null` Rust's runtime put in place of a closed one (see the
/// module docs). Linux only: elsewhere `false`.
fn was_closed_at_start() -> bool {
    let is_null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p.as_os_str() == "/dev/null");
    if !is_null {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|flags| flags & 0o3 == 0o2)
}

fn closed(kind: io::ErrorKind) -> io::Error {
    io::Error::new(kind, "standard output is closed")
}
