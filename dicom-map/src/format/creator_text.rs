//! The text rules behind the creator sections: how a creator given to a lookup is normalised
//! (`CSPL` holds normalised spellings) and folded (`CFLD` holds the folded form of each).
//!
//! They are rules of the format, so the indexes built from `CSPL` and `CFLD` and the lookups that
//! search them share one definition (the lookup's word-at-a-time fold is tested against
//! [`fold_creator`]).

/// Removes leading and trailing `' '` and `'\0'`: `" SIEMENS CSA HEADER\0"` → `"SIEMENS CSA HEADER"`.
pub fn normalise_creator(creator: &str) -> &str {
    // Byte-wise: both characters are ASCII, so trimming bytes keeps the rest valid UTF-8.
    let bytes = creator.as_bytes();
    let pad = |b: &u8| *b == b' ' || *b == 0;
    let start = bytes.iter().position(|b| !pad(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !pad(b)).map_or(start, |i| i + 1);
    creator.get(start..end).unwrap_or("")
}

/// Folds a normalised creator: deletes ASCII whitespace (`09`–`0D`, `20`) and upper-cases
/// `a`–`z`; other characters are kept: `"Siemens MR  Header"` → `"SIEMENSMRHEADER"`.
///
/// Lookups do not call this (it allocates): they fold on the stack, or compare the folded bytes
/// as they produce them.
pub fn fold_creator(normalised: &str) -> String {
    // Folding deletes and changes ASCII bytes only, so the bytes left are still UTF-8 (the lossy
    // conversion never replaces anything).
    let folded: Vec<u8> = folded_bytes(normalised.as_bytes()).collect();
    String::from_utf8_lossy(&folded).into_owned()
}

/// The bytes of [`fold_creator`]`(normalised)`, produced lazily: whitespace and case are ASCII,
/// so folding byte by byte keeps every other (multi-byte) character as it is.
pub(crate) fn folded_bytes(normalised: &[u8]) -> impl Iterator<Item = u8> + '_ {
    normalised
        .iter()
        .filter(|&&b| !is_fold_space(b))
        .map(|b| b.to_ascii_uppercase())
}

/// Whether folding deletes `b`: ASCII whitespace, `09`–`0D` and `20`.
#[inline]
pub(crate) const fn is_fold_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_trims_spaces_and_nuls_only() {
        assert_eq!(
            normalise_creator(" \0SIEMENS CSA HEADER \0\0"),
            "SIEMENS CSA HEADER"
        );
        assert_eq!(normalise_creator("\tGEMS\t"), "\tGEMS\t");
        assert_eq!(normalise_creator("  \0 "), "");
    }

    #[test]
    fn fold_deletes_ascii_whitespace_and_upper_cases() {
        assert_eq!(
            fold_creator("Siemens MR\tHeader\x0B\x0C\r\n"),
            "SIEMENSMRHEADER"
        );
        assert_eq!(fold_creator("gems_ident_01"), "GEMS_IDENT_01");
        assert_eq!(fold_creator("caf\u{e9} \u{a0}x"), "CAF\u{e9}\u{a0}X");
        assert_eq!(fold_creator("A\0b"), "A\0B");
    }

    #[test]
    fn lazy_folding_is_fold_creator() {
        for s in [
            "Siemens MR\tHeader\x0B\x0C\r\n",
            "gems_ident_01",
            "caf\u{e9} \u{a0}x",
            "A\0b",
            "",
            "   ",
        ] {
            let lazy: Vec<u8> = folded_bytes(s.as_bytes()).collect();
            assert_eq!(lazy, fold_creator(s).as_bytes(), "{s:?}");
        }
    }
}
