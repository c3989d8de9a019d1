//! The text of a key as PS3.6 and the vendors write tag patterns: `(0008,0005)`, `(60xx,3000)`,
//! `(0028,04x0)`, `(0019,xx0C)` (any block), `(0029,110C)` (block `11`), `(70xx,xx04)`,
//! `(gggg,0000)`, `(gggg,0010-00FF)`.
//!
//! One spelling serves two jobs: [`TagView::pattern`](crate::TagView::pattern) shows it, and the
//! keyword rule ([`crate::keywords`]) appends its group and element texts to a generated keyword
//! (`Private_0019_xx0C`). Both write straight into a `String`, with no intermediate text.

use crate::format::records::Key;

/// Appends `digits` hex digits of `value`, upper case, with `x` for each digit `mask` leaves out.
fn push_masked_hex(out: &mut String, value: u32, mask: u32, digits: u32) {
    for i in (0..digits).rev() {
        let shift = 4 * i;
        out.push(if (mask >> shift) & 0xF == 0xF {
            char::from_digit((value >> shift) & 0xF, 16).map_or('?', |c| c.to_ascii_uppercase())
        } else {
            'x'
        });
    }
}

/// Appends the group text of `key`: `0019`, `60xx`, `gggg`.
pub(crate) fn push_group(out: &mut String, key: Key) {
    match key {
        Key::Tag(tag) => push_masked_hex(out, tag >> 16, 0xFFFF, 4),
        Key::Mask { mask, value } => push_masked_hex(out, value >> 16, mask >> 16, 4),
        Key::Private(k) => push_masked_hex(out, k.group.into(), k.group_mask.into(), 4),
        Key::GroupLength | Key::PrivateCreator => out.push_str("gggg"),
    }
}

/// Appends the element text of `key`: `0005`, `04x0`, `xx0C`, `110C`, `0000`, `0010-00FF`.
pub(crate) fn push_element(out: &mut String, key: Key) {
    match key {
        Key::Tag(tag) => push_masked_hex(out, tag, 0xFFFF, 4),
        Key::Mask { mask, value } => push_masked_hex(out, value, mask, 4),
        Key::Private(k) => {
            if k.block == 0 {
                out.push_str("xx");
            } else {
                push_masked_hex(out, k.block.into(), 0xFF, 2);
            }
            push_masked_hex(out, k.element.into(), 0xFF, 2);
        }
        Key::GroupLength => out.push_str("0000"),
        Key::PrivateCreator => out.push_str("0010-00FF"),
    }
}

/// The whole pattern: `(`, group, `,`, element, `)`.
pub(crate) fn pattern(key: Key) -> String {
    let mut out = String::with_capacity(16);
    out.push('(');
    push_group(&mut out, key);
    out.push(',');
    push_element(&mut out, key);
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::records::PrivKey;

    #[test]
    fn every_kind_of_key() {
        let private = |group, group_mask, element, block| {
            Key::Private(PrivKey {
                group,
                group_mask,
                creator: 0,
                element,
                block,
            })
        };
        for (key, want) in [
            (Key::Tag(0x0008_0005), "(0008,0005)"),
            (
                Key::Mask {
                    mask: 0xFF00_FFFF,
                    value: 0x6000_3000,
                },
                "(60xx,3000)",
            ),
            (
                Key::Mask {
                    mask: 0xFFFF_FF0F,
                    value: 0x0028_0400,
                },
                "(0028,04x0)",
            ),
            (private(0x0019, 0xFFFF, 0x0C, 0), "(0019,xx0C)"),
            (private(0x0029, 0xFFFF, 0x0C, 0x11), "(0029,110C)"),
            (private(0x7000, 0xFF00, 0x04, 0), "(70xx,xx04)"),
            (
                Key::Mask {
                    mask: 0xFFFF_000F,
                    value: 0x1000_0000,
                },
                "(1000,xxx0)",
            ),
            (private(0x7001, 0xFF01, 0x01, 0), "(70xx,xx01)"),
            (private(0x7F01, 0xFF00, 0xFF, 0xFF), "(7Fxx,FFFF)"),
            (Key::GroupLength, "(gggg,0000)"),
            (Key::PrivateCreator, "(gggg,0010-00FF)"),
        ] {
            assert_eq!(pattern(key), want);
        }
    }
}
