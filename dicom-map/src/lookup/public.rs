//! Rule 1: public tags, from the tag index (a hash table of `PUBL`, see
//! [`crate::index::tags`]), or by binary search of `PUBL` (strictly ascending by tag) in a file
//! too large to index.

use crate::format::records::{EntryRef, Reader, Table};
use crate::index::Indexed;

/// The `PUBL` entry with exactly `tag`. Always inlined: it is most of a public hit, and once the
/// private rules grew, the compiler stopped inlining it, and the call (its result returned
/// through memory) cost a public hit a fifth of its time.
#[inline(always)]
pub(crate) fn find(r: Indexed<'_>, tag: u32) -> Option<EntryRef> {
    let index = match r.tags().public(tag) {
        Ok(index) => index?,
        Err(()) => Reader::search(r.layout.publ.count, &tag, |i| r.public_tag(i))?,
    };
    Some(EntryRef {
        table: Table::Publ,
        index,
    })
}
