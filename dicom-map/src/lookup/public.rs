//! Rule 1: public tags, from the tag index (a hash table of `PUBL`, see [`super::index`]), or
//! by binary search of `PUBL` (strictly ascending by tag) in a file too large to index.

use crate::format::records::{EntryRef, Reader, Table};

/// The `PUBL` entry with exactly `tag`.
#[inline]
pub(crate) fn find(r: Reader<'_>, tag: u32) -> Option<EntryRef> {
    let index = match r.tag_index().public(tag) {
        Ok(index) => index?,
        Err(()) => Reader::search(r.layout.publ.count, &tag, |i| r.public_tag(i))?,
    };
    Some(EntryRef {
        table: Table::Publ,
        index,
    })
}
