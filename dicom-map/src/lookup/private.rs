//! Rule 2: private groups (odd groups above `0x0008`, except `FFFF`).
//!
//! With a creator, the element is read as a low byte `EE` (elements up to `0x00FF`, the block
//! offset form `xxEE`) or as block `BB` and low byte `EE` (elements `BBEE` from `0x1000`). For each
//! creator id the creator resolves to, in order: the block-specific `PRIV` entry, the any-block
//! `PRIV` entry, then `PRPT` entries of that creator and low byte whose group mask matches (again
//! block-specific before any-block).

use crate::format::records::{EntryRef, PrivKey, Reader, Table};
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

/// The first private entry for `(group, element)` among the resolved creators.
pub(crate) fn find(
    r: Reader<'_>,
    group: u16,
    element: u16,
    creators: &Resolution,
) -> Option<(EntryRef, PrivKey, u16)> {
    let (ee, bb) = split_element(element)?;
    creators.ids(r).find_map(|id| {
        let blocks = bb.into_iter().chain([0]);
        let priv_hit = blocks
            .clone()
            .find_map(|block| find_priv(r, group, id, ee, block));
        priv_hit
            .or_else(|| {
                blocks
                    .clone()
                    .find_map(|block| find_prpt(r, group, id, ee, block))
            })
            .map(|(e, k)| (e, k, id))
    })
}

/// `PRIV (group, id, ee, block)` by binary search.
fn find_priv(r: Reader<'_>, group: u16, id: u16, ee: u8, block: u8) -> Option<(EntryRef, PrivKey)> {
    let target = (group, id, ee, block);
    let index = Reader::search(r.layout.priv_.count, &target, |i| {
        r.private_key(Table::Priv, i)
            .map(|k| (k.group, k.creator, k.element, k.block))
    })?;
    let key = r.private_key(Table::Priv, index)?;
    Some((
        EntryRef {
            table: Table::Priv,
            index,
        },
        key,
    ))
}

/// The first `PRPT` entry of `(id, ee, block)` whose group mask matches `group`.
fn find_prpt(r: Reader<'_>, group: u16, id: u16, ee: u8, block: u8) -> Option<(EntryRef, PrivKey)> {
    let count = r.layout.prpt.count;
    let key3 = |i| {
        r.private_key(Table::Prpt, i)
            .map(|k| (k.creator, k.element, k.block))
    };
    let start = Reader::lower_bound(count, &(id, ee, block), key3);
    (start..count)
        .map_while(|index| {
            let k = r.private_key(Table::Prpt, index)?;
            ((k.creator, k.element, k.block) == (id, ee, block)).then_some((index, k))
        })
        .find(|(_, k)| group & k.group_mask == k.group)
        .map(|(index, k)| {
            (
                EntryRef {
                    table: Table::Prpt,
                    index,
                },
                k,
            )
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
