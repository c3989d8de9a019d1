//! Facts about a file: counts, edition, metadata (`META`) and the sources (`SRCS`).

use crate::dict::Dict;
use crate::format::records::Reader;

/// One source dictionary that fed the file (`SRCS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source<'a> {
    /// Short id, e.g. `pydicom`.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Version or commit.
    pub version: &'a str,
    /// Where it comes from.
    pub url: &'a str,
    /// Its licence.
    pub license: &'a str,
    /// Its weight in the merge.
    pub weight: u16,
    /// Whether it is a copy of another source and does not vote independently.
    pub is_copy: bool,
}

/// Summary of a dictionary file, from [`Dict::info`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Info<'a> {
    /// Format version.
    pub version: u32,
    /// The PS3.6 edition (`2025b`).
    pub edition: &'a str,
    /// File length in bytes.
    pub file_len: u64,
    /// Public entries.
    pub public_count: usize,
    /// Repeating-group entries.
    pub repeater_count: usize,
    /// Private entries of one group (`PRIV`).
    pub private_count: usize,
    /// Private entries of repeating groups (`PRPT`).
    pub private_repeater_count: usize,
    /// Creators.
    pub creator_count: usize,
    /// Known creator spellings (canonical and aliases).
    pub spelling_count: usize,
    /// Entries whose sources disagree.
    pub conflict_count: usize,
    /// Numbered entries with a keyword, stored or generated (the few without either are not
    /// counted).
    pub keyword_count: usize,
    /// Of those, the entries whose keyword is generated (derived by the format's rule, not
    /// stored).
    pub generated_keyword_count: usize,
    /// All numbered entries.
    pub total_entries: usize,
    /// `file_len / total_entries` (0 for an empty dictionary).
    pub bytes_per_tag: f64,
    /// `META` key/value pairs, ascending by key.
    pub metadata: Vec<(&'a str, &'a str)>,
    /// The sources.
    pub sources: Vec<Source<'a>>,
}

impl<S: AsRef<[u8]>> Dict<S> {
    /// Counts, edition, metadata and sources.
    pub fn info(&self) -> Info<'_> {
        let r = self.reader();
        let l = r.layout;
        let total = l.entry_count();
        let (mut conflict_count, mut keyword_count, mut generated_keyword_count) = (0, 0, 0);
        for v in self.entries() {
            conflict_count += usize::from(v.conflict());
            if v.keyword_generated() {
                generated_keyword_count += 1;
                keyword_count += 1;
            } else if !v.stored_keyword().is_empty() {
                keyword_count += 1;
            }
        }
        Info {
            version: l.header.version,
            edition: l.header.edition(),
            file_len: l.header.file_len,
            public_count: l.publ.count,
            repeater_count: l.rptr.count,
            private_count: l.priv_.count,
            private_repeater_count: l.prpt.count,
            creator_count: l.crtr.count,
            spelling_count: l.cspl.count,
            conflict_count,
            keyword_count,
            generated_keyword_count,
            total_entries: total,
            bytes_per_tag: if total == 0 {
                0.0
            } else {
                l.header.file_len as f64 / total as f64
            },
            metadata: self.metadata().collect(),
            sources: self.sources().collect(),
        }
    }

    /// The PS3.6 edition from the header (`""` if not ASCII).
    pub fn edition(&self) -> &str {
        self.reader().layout.header.edition()
    }

    /// Whether the header says the file has private entries (flag bit 0).
    pub fn has_private_entries(&self) -> bool {
        self.reader().layout.header.has_private()
    }

    /// The value of metadata `key` (`edition`, `generator`, `sources`, `build`).
    pub fn metadata_value(&self, key: &str) -> Option<&str> {
        let r = self.reader();
        let i = Reader::search(r.layout.meta.count, &key.as_bytes(), |i| {
            r.meta(i).and_then(|(k, _)| r.str_bytes(k))
        })?;
        r.meta(i).map(|(_, v)| r.str(v))
    }

    /// Every metadata pair, in file order (ascending by key).
    pub fn metadata(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let r = self.reader();
        (0..r.layout.meta.count).filter_map(move |i| r.meta(i).map(|(k, v)| (r.str(k), r.str(v))))
    }

    /// The sources, in source-index order.
    pub fn sources(&self) -> impl Iterator<Item = Source<'_>> + '_ {
        let r = self.reader();
        (0..r.layout.srcs.count).filter_map(move |i| {
            let s = r.source(i)?;
            Some(Source {
                id: r.str(s.id),
                title: r.str(s.title),
                version: r.str(s.version),
                url: r.str(s.url),
                license: r.str(s.license),
                weight: s.weight,
                is_copy: s.flags & 1 != 0,
            })
        })
    }
}
