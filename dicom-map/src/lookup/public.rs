//! Rule 1: public tags, by binary search of `PUBL` (strictly ascending by tag).

use crate::format::records::{EntryRef, Reader, Table};

/// The `PUBL` entry with exactly `tag`.
pub(crate) fn find(r: Reader<'_>, tag: u32) -> Option<EntryRef> {
    let index = Reader::search(r.layout.publ.count, &tag, |i| r.public_tag(i))?;
    Some(EntryRef {
        table: Table::Publ,
        index,
    })
}
