//! Listing the dictionary: every entry, entries by keyword, and substring search.

use crate::dict::Dict;
use crate::view::TagView;

impl<S: AsRef<[u8]>> Dict<S> {
    /// Every numbered entry, in entry-id order: public, repeaters, private, private repeaters.
    /// (The synthetic group-length and private-creator entries are not listed.) Each view's
    /// `group()`/`element()` is the entry's own key; for private entries the element is `00EE`
    /// (any block) or `BBEE` (block-specific) and the creator is the canonical one.
    pub fn entries(&self) -> impl Iterator<Item = TagView<'_>> + '_ {
        let r = self.reader();
        r.entries().filter_map(move |e| TagView::of_entry(r, e))
    }

    /// The entry with global id `id` (see [`TagView::entry_id`]).
    pub fn entry(&self, id: u32) -> Option<TagView<'_>> {
        let r = self.reader();
        TagView::of_entry(r, r.entry_by_id(id)?)
    }

    /// Number of numbered entries (public, repeater and private).
    pub fn len(&self) -> usize {
        self.reader().layout.entry_count()
    }

    /// Whether the dictionary has no numbered entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entry with exactly `keyword` (stored or generated), in entry-id order, each under
    /// its own key (as [`Dict::entries`] lists it): for the private keywords several creators
    /// share. [`Dict::lookup_keyword`] gives the first, or the one of a creator.
    ///
    /// The first keyword question on a dictionary builds its keyword index: it derives the
    /// generated keywords and sorts every keyword, once ([`Dict::prepare`] does it up
    /// front). Every lookup after that is one probe of the index's hash table (and one
    /// comparison of the keyword) and allocates nothing.
    ///
    /// ```no_run
    /// # let dict = dicom_map::Dict::open("dicom-map/tags.dmap")?;
    /// for v in dict.entries_for_keyword("CSAImageHeaderInfo") {
    ///     println!("{} {:?}", v.pattern(), v.creator());
    /// }
    /// # Ok::<(), dicom_map::Error>(())
    /// ```
    pub fn entries_for_keyword(
        &self,
        keyword: &str,
    ) -> impl Iterator<Item = TagView<'_>> + Clone + '_ {
        let r = self.reader();
        r.keywords()
            .find(r.pool(), keyword)
            .iter()
            .filter_map(move |rec| TagView::of_entry(r, r.entry_by_id(rec.id)?))
    }

    /// Entries whose name or keyword contains `text`, ignoring case, in entry-id order.
    ///
    /// ```no_run
    /// # let dict = dicom_map::Dict::open("dicom-map/tags.dmap")?;
    /// let hits: Vec<u32> = dict.search("character set").map(|v| v.tag()).collect();
    /// assert!(hits.contains(&0x0008_0005));
    /// # Ok::<(), dicom_map::Error>(())
    /// ```
    pub fn search<'a>(&'a self, text: &str) -> impl Iterator<Item = TagView<'a>> + 'a {
        let needle = text.to_lowercase();
        self.entries().filter(move |v| {
            contains_ignore_case(v.name(), &needle) || contains_ignore_case(&v.keyword(), &needle)
        })
    }
}

/// Whether `haystack` contains `needle_lower` (already lower-cased), ignoring case; allocation-free
/// for ASCII text.
fn contains_ignore_case(haystack: &str, needle_lower: &str) -> bool {
    if needle_lower.is_empty() {
        return true;
    }
    if haystack.is_ascii() && needle_lower.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle_lower.as_bytes());
        return h
            .windows(n.len())
            .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b));
    }
    haystack.to_lowercase().contains(needle_lower)
}

#[cfg(test)]
mod tests {
    use super::contains_ignore_case;

    #[test]
    fn case_insensitive_contains() {
        assert!(contains_ignore_case("Specific Character Set", "character"));
        assert!(contains_ignore_case("SpecificCharacterSet", "specificchar"));
        assert!(!contains_ignore_case("Patient", "patients"));
        assert!(contains_ignore_case("Größe", "grö"));
        assert!(contains_ignore_case("x", ""));
    }
}
