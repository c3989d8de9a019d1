//! The in-memory indexes a [`Dict`](crate::Dict) owns, built from the format layer (a
//! [`Reader`]) once each, lazily, by the first call that needs it, or all at once by
//! [`Dict::prepare`](crate::Dict::prepare):
//!
//! - [`tags`]: public tags and repeating-group masks (rules 1 and 3);
//! - [`private`]: creator spellings, folded forms, `PRIV` and `PRPT` keys (rule 2);
//! - [`keywords`]: every keyword, stored or generated.
//!
//! The file alone answers every question (by binary search); the indexes answer the same
//! questions in one or two hash probes, and hand out nothing that the file does not hold. Opening
//! stays O(1) because nothing here is built until asked for.
//!
//! Above this layer, code sees an [`Indexed`]: the reader with the dictionary's indexes.

pub(crate) mod hash;
pub(crate) mod keywords;
pub(crate) mod private;
pub(crate) mod tags;

use std::ops::Deref;
use std::sync::OnceLock;

use crate::format::records::Reader;
use keywords::KeywordIndex;
use private::PrivateIndex;
use tags::TagIndex;

/// The indexes of one dictionary, each built at most once (thread-safe).
#[derive(Debug, Default)]
pub(crate) struct Indexes {
    tags: OnceLock<TagIndex>,
    private: OnceLock<PrivateIndex>,
    keywords: OnceLock<KeywordIndex>,
}

impl Indexes {
    /// Heap bytes held by the indexes built so far: `(tag and private indexes, keyword index)`.
    pub(crate) fn heap_bytes(&self) -> (usize, usize) {
        (
            self.tags.get().map_or(0, TagIndex::heap_bytes)
                + self.private.get().map_or(0, PrivateIndex::heap_bytes),
            self.keywords.get().map_or(0, KeywordIndex::heap_bytes),
        )
    }
}

/// A dictionary's reader together with its indexes: what the lookup rules and the views use.
/// `Copy`; dereferences to the [`Reader`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Indexed<'a> {
    pub(crate) reader: Reader<'a>,
    indexes: &'a Indexes,
}

impl<'a> Indexed<'a> {
    pub(crate) fn new(reader: Reader<'a>, indexes: &'a Indexes) -> Indexed<'a> {
        Indexed { reader, indexes }
    }

    /// The tag index, built now if nothing has needed it yet.
    #[inline]
    pub(crate) fn tags(self) -> &'a TagIndex {
        self.indexes
            .tags
            .get_or_init(|| TagIndex::build(self.reader))
    }

    /// The private index, built now if nothing has needed it yet.
    #[inline]
    pub(crate) fn private(self) -> &'a PrivateIndex {
        self.indexes
            .private
            .get_or_init(|| PrivateIndex::build(self.reader))
    }

    /// The keyword index, built now if nothing has needed it yet.
    pub(crate) fn keywords(self) -> &'a KeywordIndex {
        self.indexes
            .keywords
            .get_or_init(|| KeywordIndex::build(self.reader))
    }
}

impl<'a> Deref for Indexed<'a> {
    type Target = Reader<'a>;

    fn deref(&self) -> &Reader<'a> {
        &self.reader
    }
}
