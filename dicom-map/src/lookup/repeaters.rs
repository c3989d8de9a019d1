//! Rule 3: repeating groups and ranges (`(60xx,3000)`, `(0028,04x0)`, `(1000,xxx0)`).
//!
//! `RPTR` is ordered most specific mask first, so the first record with `tag & mask == value`
//! is the answer. The table is a few dozen records; a linear scan is the simplest correct search.

use crate::format::records::{EntryRef, Reader, Table};

/// The first `RPTR` entry matching `tag`, with its `(mask, value)`.
pub(crate) fn find(r: Reader<'_>, tag: u32) -> Option<(EntryRef, u32, u32)> {
    (0..r.layout.rptr.count).find_map(|index| {
        let (mask, value) = r.repeater(index)?;
        (tag & mask == value).then_some((
            EntryRef {
                table: Table::Rptr,
                index,
            },
            mask,
            value,
        ))
    })
}
