//! The panic boundary and the per-thread error message behind every export.
//!
//! Each export runs its body through [`status`] or [`pointer()`]: a Rust panic is caught there and
//! becomes `DMAP_ERR_PANIC` (or a NULL pointer), so no unwind ever crosses into C. A failing call
//! records a detailed message for `dmap_last_error_message`; messages for NULL and invalid
//! arguments are `'static` so reporting them never allocates.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::dmap_status;

/// A message for `dmap_last_error_message`.
pub(crate) enum Message {
    /// A literal ending in `"\0"` (see [`fail_static`]).
    Static(&'static str),
    /// A formatted message (an I/O or format error, a panic).
    Owned(CString),
}

impl Message {
    fn as_ptr(&self) -> *const c_char {
        match self {
            Message::Static(s) => s.as_ptr().cast(),
            Message::Owned(s) => s.as_ptr(),
        }
    }
}

thread_local! {
    // `const` initialisation: touching it never allocates, so static messages stay free.
    static LAST_ERROR: RefCell<Message> = const { RefCell::new(Message::Static("\0")) };
}

/// Why a call failed: the status to return and the message to record.
pub(crate) struct Failure {
    pub status: dmap_status,
    pub message: Message,
}

/// A failure with a literal message, which must end in `"\0"`.
pub(crate) fn fail_static(status: dmap_status, message: &'static str) -> Failure {
    debug_assert!(message.ends_with('\0') && !message[..message.len() - 1].contains('\0'));
    Failure {
        status,
        message: Message::Static(message),
    }
}

/// A failure with a formatted message (interior NULs, impossible in practice, become spaces).
pub(crate) fn fail(status: dmap_status, message: String) -> Failure {
    Failure {
        status,
        message: Message::Owned(to_cstring(message)),
    }
}

fn to_cstring(message: String) -> CString {
    CString::new(message).unwrap_or_else(|e| {
        let bytes: Vec<u8> = e
            .into_vec()
            .into_iter()
            .map(|b| if b == 0 { b' ' } else { b })
            .collect();
        CString::new(bytes).unwrap_or_default()
    })
}

fn record(message: Message) {
    // `try_with`: during thread teardown the slot may be gone; the message is then dropped.
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = message;
        }
    });
}

/// The current thread's last error message (`""` if none).
pub(crate) fn last_error_ptr() -> *const c_char {
    LAST_ERROR
        .try_with(|slot| {
            slot.try_borrow()
                .map(|m| m.as_ptr())
                .unwrap_or(crate::EMPTY.as_ptr().cast())
        })
        .unwrap_or(crate::EMPTY.as_ptr().cast())
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    format!("internal error (a Rust panic was caught at the C boundary; please report it): {text}")
}

/// Runs `body` behind the panic boundary. `Err` records its message and returns its status; a
/// panic records a message and returns `DMAP_ERR_PANIC`.
pub(crate) fn status(body: impl FnOnce() -> Result<dmap_status, Failure>) -> dmap_status {
    // AssertUnwindSafe: the bodies only read an immutable dictionary and write to out-parameters
    // after all work is done, so a panic cannot leave shared state half-updated.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(status)) => status,
        Ok(Err(failure)) => {
            record(failure.message);
            failure.status
        }
        Err(payload) => {
            record(Message::Owned(to_cstring(panic_message(&*payload))));
            dmap_status::DMAP_ERR_PANIC
        }
    }
}

/// Runs `body`, which returns a pointer, behind the panic boundary: on `Err` or a panic the
/// message is recorded, the status stored in `*out_status` when it is not NULL, and NULL returned.
pub(crate) fn pointer<T>(
    out_status: *mut dmap_status,
    body: impl FnOnce() -> Result<*mut T, Failure>,
) -> *mut T {
    let mut result = std::ptr::null_mut();
    let status = status(|| {
        result = body()?;
        Ok(dmap_status::DMAP_OK)
    });
    if status != dmap_status::DMAP_OK {
        result = std::ptr::null_mut();
    }
    if !out_status.is_null() {
        // SAFETY: the caller passes NULL or a pointer to writable `dmap_status` storage, as the
        // header requires; NULL was excluded above.
        unsafe { out_status.write(status) };
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn last() -> String {
        // SAFETY: `last_error_ptr` always returns a NUL-terminated string owned by this thread.
        unsafe { CStr::from_ptr(last_error_ptr()) }
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let got = status(|| panic!("boom"));
        assert_eq!(got, dmap_status::DMAP_ERR_PANIC);
        assert!(last().contains("boom"), "{}", last());
        let mut st = dmap_status::DMAP_OK;
        let p: *mut u8 = pointer(&mut st, || panic!("{}", String::from("owned boom")));
        assert!(p.is_null());
        assert_eq!(st, dmap_status::DMAP_ERR_PANIC);
        assert!(last().contains("owned boom"));
    }

    #[test]
    fn failures_record_their_message_and_success_keeps_it() {
        let got = status(|| Err(fail_static(dmap_status::DMAP_ERR_NULL_ARG, "x is NULL\0")));
        assert_eq!(got, dmap_status::DMAP_ERR_NULL_ARG);
        assert_eq!(last(), "x is NULL");
        assert_eq!(
            status(|| Ok(dmap_status::DMAP_NOT_FOUND)),
            dmap_status::DMAP_NOT_FOUND
        );
        assert_eq!(last(), "x is NULL");
        let _ = status(|| Err(fail(dmap_status::DMAP_ERR_IO, "a\0b".to_owned())));
        assert_eq!(last(), "a b");
    }

    #[test]
    fn the_message_is_per_thread() {
        let _ = status(|| Err(fail_static(dmap_status::DMAP_ERR_IO, "main\0")));
        std::thread::spawn(|| assert_eq!(last(), ""))
            .join()
            .unwrap();
        assert_eq!(last(), "main");
    }
}
