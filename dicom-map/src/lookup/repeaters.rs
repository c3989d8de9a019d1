//! Rule 3: repeating groups and ranges (`(60xx,3000)`, `(0028,04x0)`, `(1000,xxx0)`).
//!
//! `RPTR` is ordered most specific mask first, so the first record with `tag & mask == value`
//! is the answer. The tag index ([`crate::index::tags`]) finds it without scanning the table: one
//! hash probe per distinct mask whose group filter admits the tag.

use crate::format::records::{EntryRef, Table};
use crate::index::Indexed;

/// The first `RPTR` entry matching `tag`, with its `(mask, value)`.
#[inline]
pub(crate) fn find(r: Indexed<'_>, tag: u32) -> Option<(EntryRef, u32, u32)> {
    let index = r.tags().repeater(tag)?;
    let (mask, value) = r.repeater(index)?;
    Some((
        EntryRef {
            table: Table::Rptr,
            index,
        },
        mask,
        value,
    ))
}
