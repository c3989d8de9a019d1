//! Rule 2: private groups (odd groups above `0x0008`, except `FFFF`).
//!
//! With a creator, the element is read as a low byte `EE` (elements up to `0x00FF`, the block
//! offset form `xxEE`) or as block `BB` and low byte `EE` (elements `BBEE` from `0x1000`). For each
//! creator id the creator resolves to, in order: the block-specific `PRIV` entry, the any-block
//! `PRIV` entry, then `PRPT` entries of that creator and low byte whose group mask matches (again
//! block-specific before any-block).

use crate::format::records::{EntryRef, PrivKey, Table};
use crate::index::Indexed;
use crate::lookup::creators::Resolution;

/// Whether `group` is a private group: odd, above `0x0008`, not `0xFFFF`.
pub(crate) fn is_private_group(group: u16) -> bool {
    group % 2 == 1 && group > 0x0008 && group != 0xFFFF
}

/// `(EE, BB)` of a private element given with a creator: `(EE, None)` for `0x0000`–`0x00FF`,
/// `(EE, Some(BB))` for `0x1000`–`0xFFFF`, `None` for the reserved `0x0100`–`0x0FFF`.
pub(crate) fn split_element(element: u16) -> Option<(u8, Option<u8>)> {
    match element {
        0x0000..=0x00FF => Some((element as u8, None)),
        0x0100..=0x0FFF => None,
        _ => Some((element as u8, Some((element >> 8) as u8))),
    }
}

/// The first private entry for `(group, element)` among the resolved creators: for each creator
/// id in order, the block-specific `PRIV` entry, the any-block one, then the `PRPT` entries
/// (block-specific first), each one probe of the private index.
#[inline]
pub(crate) fn find(
    r: Indexed<'_>,
    group: u16,
    element: u16,
    creators: &Resolution,
) -> Option<(EntryRef, PrivKey, u16)> {
    let (ee, bb) = split_element(element)?;
    let (found, id) = match *creators {
        Resolution::None => return None,
        Resolution::Exact(id) => {
            let id = u16::try_from(id).ok()?;
            (find_of(r, group, id, ee, bb)?, id)
        }
        Resolution::Folded { start, end, first } => {
            // The run's first creator as the index kept it (no read of CFLD), then the rest.
            let of = |id: u16| Some((find_of(r, group, id, ee, bb)?, id));
            match u16::try_from(first).ok().and_then(of) {
                Some(hit) => hit,
                None => (start + 1..end).find_map(|i| of(u16::try_from(r.folded(i)?.1).ok()?))?,
            }
        }
    };
    let key = r.private_key(found.table, found.index)?;
    Some((found, key, id))
}

/// [`find`] for one creator id: straight-line probes, the block-specific ones only for a
/// creator that has block-specific records. Returns only the record (two words, in registers):
/// a wider result went through memory, and reading it back whole stalled store forwarding.
#[inline]
fn find_of(r: Indexed<'_>, group: u16, id: u16, ee: u8, bb: Option<u8>) -> Option<EntryRef> {
    let index = r.private();
    let bb = bb.filter(|_| index.has_blocks(id));
    bb.and_then(|bb| index.entry(group, id, ee, bb))
        .or_else(|| index.entry(group, id, ee, 0))
        .map(|index| EntryRef {
            table: Table::Priv,
            index,
        })
        .or_else(|| {
            bb.and_then(|bb| index.repeater(group, id, ee, bb))
                .or_else(|| index.repeater(group, id, ee, 0))
                .map(|index| EntryRef {
                    table: Table::Prpt,
                    index,
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_groups() {
        assert!(is_private_group(0x0009));
        assert!(is_private_group(0x0019));
        assert!(is_private_group(0x7FE1));
        assert!(!is_private_group(0x0007));
        assert!(!is_private_group(0x0008));
        assert!(!is_private_group(0x0010));
        assert!(!is_private_group(0xFFFF));
        assert!(is_private_group(0xFFFD));
    }

    #[test]
    fn element_forms() {
        assert_eq!(split_element(0x000C), Some((0x0C, None)));
        assert_eq!(split_element(0x0010), Some((0x10, None)));
        assert_eq!(split_element(0x00FF), Some((0xFF, None)));
        assert_eq!(split_element(0x0100), None);
        assert_eq!(split_element(0x0FFF), None);
        assert_eq!(split_element(0x100C), Some((0x0C, Some(0x10))));
        assert_eq!(split_element(0xFFFF), Some((0xFF, Some(0xFF))));
    }
}
