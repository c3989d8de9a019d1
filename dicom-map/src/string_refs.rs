//! [`StringRefs`]: where an entry's strings lie in the file's string pool, for bindings.
//!
//! The `.dmap` string pool holds every string NUL-terminated precisely so that bindings can hand
//! out pointers into it (the C ABI's `const char *`). The `&str` accessors of [`TagView`] find
//! each string's end and check its UTF-8 on every call; a binding that fills a table for every
//! entry at open would repeat that scan once per entry, which is `entries × length` on a file
//! whose entries share one long name (issue 10). The offsets need no scan: a [verified] file
//! guarantees that each names a NUL-terminated, valid UTF-8 string.
//!
//! [verified]: crate::Dict::verify

use crate::dict::Dict;
use crate::format::records::Reader;
use crate::view::TagView;

/// The byte offsets into [`Dict::string_pool`] of a [`TagView`]'s strings, from
/// [`TagView::string_refs`].
///
/// Offset `0` is the empty string (the pool starts with `0x00`). In a file that passes
/// [`Dict::verify`], every offset is inside the pool and the bytes from it up to the next `0x00`
/// are the string, valid UTF-8, equal to what the matching accessor returns; so
/// `&pool[offset..]` is a NUL-terminated C string that lives as long as the dictionary. In a file
/// that was not verified an offset may lie outside the pool or name bytes that are not UTF-8:
/// check them (or verify the file) before trusting them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StringRefs {
    /// [`TagView::name`].
    pub name: u32,
    /// [`TagView::stored_keyword`]: `0` when the keyword is generated (the pool does not hold
    /// generated keywords; [`TagView::keyword_cstr`] borrows them from the dictionary) or absent.
    pub stored_keyword: u32,
    /// [`TagView::vm`].
    pub vm: u32,
    /// [`TagView::description`] (`0` when the entry has none).
    pub description: u32,
    /// [`TagView::creator`] (`0` for entries without a creator).
    pub creator: u32,
    /// [`TagView::vendor`] (`0` when the file names none).
    pub vendor: u32,
    /// [`TagView::sources_summary`].
    pub sources_summary: u32,
}

impl TagView<'_> {
    /// Where this entry's strings lie in the file's string pool ([`Dict::string_pool`]), for
    /// bindings that hand out pointers into the pool instead of copies. Constant time (plus a
    /// binary search of the descriptions when the entry has one); reads no string. See
    /// [`StringRefs`] for what a verified file guarantees about the offsets.
    pub fn string_refs(&self) -> StringRefs {
        let r: Reader<'_> = self.r.reader;
        let p = &self.payload;
        let ty = r.type_rec(p.type_.into());
        let (creator, vendor) = self
            .creator
            .and_then(|(id, _)| r.creator(id.into()))
            .unwrap_or_default();
        StringRefs {
            name: p.name,
            stored_keyword: if self.keyword_generated() {
                0
            } else {
                p.keyword
            },
            vm: ty.map_or(0, |t| t.vm),
            description: self.description_ref(),
            creator,
            vendor,
            sources_summary: r.prov(p.prov as usize).map_or(0, |s| s.summary),
        }
    }

    /// The offset of the description in `DESC`, `0` when the entry has none (flag bit 5 clear,
    /// or no `DESC` record for its id).
    fn description_ref(&self) -> u32 {
        if !self.has_description_flag() {
            return 0;
        }
        let r = self.r.reader;
        self.entry_id()
            .and_then(|id| {
                let i = Reader::search(r.layout.desc.count, &id, |i| r.desc(i).map(|(e, _)| e))?;
                r.desc(i).map(|(_, s)| s)
            })
            .unwrap_or(0)
    }

    fn has_description_flag(&self) -> bool {
        self.flags() & crate::format::records::flag::HAS_DESCRIPTION != 0
    }
}

impl<S: AsRef<[u8]>> Dict<S> {
    /// The file's string pool (the `STRS` section): every string of the file, each followed by
    /// `0x00`, the first byte `0x00` (the empty string at offset 0). The offsets of
    /// [`TagView::string_refs`] index it.
    pub fn string_pool(&self) -> &[u8] {
        self.reader().reader.pool()
    }
}

#[cfg(test)]
mod tests {
    use crate::builder::Builder;
    use crate::format::strings::str_at;
    use crate::{Dict, TagView};

    /// Every offset names the string its accessor returns: the same bytes, and the same place.
    fn check(dict: &Dict<Vec<u8>>, v: &TagView<'_>) {
        let pool = dict.string_pool();
        let refs = v.string_refs();
        let ctx = format!("{v:?}");
        let same = |offset: u32, s: &str| {
            assert_eq!(str_at(pool, offset), s, "{ctx}");
            if !s.is_empty() {
                assert_eq!(pool[offset as usize..].as_ptr(), s.as_ptr(), "{ctx}");
            }
        };
        same(refs.name, v.name());
        same(refs.stored_keyword, v.stored_keyword());
        same(refs.vm, v.vm());
        same(refs.description, v.description());
        same(refs.creator, v.creator().unwrap_or(""));
        same(refs.vendor, v.vendor().unwrap_or(""));
        same(refs.sources_summary, v.sources_summary());
        if v.keyword_generated() {
            assert_eq!(refs.stored_keyword, 0, "{ctx}");
        }
    }

    #[test]
    fn offsets_name_the_strings_the_accessors_return() {
        let mut b = Builder::new();
        b.source("pydicom", 100, false);
        b.source("vendor", 50, true);
        b.creator("ACME 1", "Acme", &[]);
        b.creator("NOVEND", "", &[]);
        b.public(0x0008_0005, "SpecificCharacterSet", "CS", "1-n")
            .name("Specific Character Set")
            .description("Character set of the text.");
        b.public(0x0008_0008, "", "CS", "2-n")
            .name("Image Type")
            .sources(&[("vendor", "doc.pdf", 3)]);
        b.private(0x0019, "ACME 1", 0x0C, 0, "", "US", "1")
            .name("Number of images")
            .generated(false);
        b.private(0x0021, "NOVEND", 0x01, 0x10, "Thing", "LO", "1")
            .name("Thing");
        let dict = Dict::from_bytes(b.build()).unwrap();
        dict.verify().unwrap();
        let mut n = 0;
        for v in dict.entries() {
            check(&dict, &v);
            n += 1;
        }
        assert_eq!(n, 4);
        for (g, e, creator) in [(0x0019, 0x0000, None), (0x0019, 0x0010, None)] {
            check(&dict, &dict.lookup(g, e, creator).unwrap());
        }
        let v = dict.lookup(0x0019, 0x100C, Some("ACME 1")).unwrap();
        check(&dict, &v);
        assert_ne!(v.string_refs().vendor, 0);
        assert_eq!(v.string_refs().stored_keyword, 0);
        assert_ne!(
            dict.lookup(0x0008, 0x0005, None)
                .unwrap()
                .string_refs()
                .description,
            0
        );
    }

    #[test]
    fn the_pool_starts_with_the_empty_string() {
        let dict = Dict::from_bytes(Builder::new().build()).unwrap();
        assert_eq!(dict.string_pool().first(), Some(&0));
        assert_eq!(dict.string_pool().last(), Some(&0));
    }
}
