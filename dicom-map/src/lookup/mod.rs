//! The lookup rules of DEVELOPMENT.md, in their order:
//!
//! 1. public exact ([`public`]);
//! 2. private groups ([`private`], with the creator resolved by [`creators`]): group length,
//!    the creator's entries, private creator elements; nothing else in a private group matches
//!    (it never falls through to rule 3);
//! 3. repeating groups ([`repeaters`]), first match;
//! 4. group length of any other group.

pub(crate) mod creators;
mod fold;
pub(crate) mod private;
pub(crate) mod public;
pub(crate) mod repeaters;
#[cfg(test)]
mod tests;

use crate::dict::Dict;
use crate::format::records::Key;
use crate::index::Indexed;
use crate::tag::{parse_tag, TagParseError, TagText};
use crate::view::TagView;

/// A view of the synthetic entry `key` (group length or private creator) as asked for.
fn synthetic(r: Indexed<'_>, key: Key, group: u16, element: u16) -> Option<TagView<'_>> {
    TagView::new(r, key.synthetic_entry()?, group, element, key, None)
}

impl<S: AsRef<[u8]>> Dict<S> {
    /// Looks up `(group, element)`, with the private creator that reserved the element's block
    /// when the group is private.
    ///
    /// The rules, in order (the first that matches wins):
    ///
    /// 1. **Public**: the exact tag.
    /// 2. **Private groups** (odd, above `0x0008`, not `FFFF`):
    ///    `(gggg,0000)` is the group length; with a `creator`, an element up to `0x00FF` is read
    ///    as the low byte `EE` (pass `0x000C` for `xx0C`) and an element `BBEE` from `0x1000` as
    ///    block `BB`, low byte `EE`; the creator is normalised (leading and trailing spaces and
    ///    NULs removed) and matched by its exact spelling, else by its folded form (reported by
    ///    [`TagView::creator_match`]); a block-specific entry beats the any-block entry, which
    ///    beats the creator's repeating-group entries. Otherwise `(gggg,0010-00FF)` is a private
    ///    creator element (`LO`); nothing else in a private group matches (the reserved elements
    ///    `0001-000F` and `0100-0FFF`, and `(gggg,BBEE)` without a creator or with one the
    ///    dictionary does not know or that has no such entry). A private group never falls
    ///    through to rule 3: `(6001,3000)` is not Overlay Data.
    /// 3. **Repeating groups**: the first matching mask (`(60xx,3000)`, `(0028,04x0)`, ...).
    /// 4. **Group length** `(gggg,0000)` of any other group.
    ///
    /// Creators are found by hash and always compared as whole strings. A lookup never
    /// allocates, whatever the creator (exact, padded, folded, unknown or of any length): the
    /// folded form is built on the stack (or, for a creator longer than any `LO` value, compared
    /// byte by byte as it is produced).
    ///
    /// ```no_run
    /// # let dict = dicom_map::Dict::open("dicom-map/tags.dmap")?;
    /// let v = dict.lookup(0x0019, 0x100C, Some("SIEMENS MR HEADER")).unwrap();
    /// assert_eq!(v.pattern(), "(0019,xx0C)");
    /// # Ok::<(), dicom_map::Error>(())
    /// ```
    pub fn lookup(&self, group: u16, element: u16, creator: Option<&str>) -> Option<TagView<'_>> {
        let r = self.reader();
        let tag = u32::from(group) << 16 | u32::from(element);
        let private_group = private::is_private_group(group);
        // Private groups are odd: when no public tag has an odd group, rule 1 cannot match one.
        if !private_group || r.tags().may_have_odd_groups() {
            if let Some(e) = public::find(r, tag) {
                return TagView::new(r, e, group, element, Key::Tag(tag), None);
            }
        }
        if private_group {
            if element == 0 {
                return synthetic(r, Key::GroupLength, group, element);
            }
            if let Some(creator) = creator {
                let res = creators::resolve(r, creator);
                if let Some(how) = res.how() {
                    if let Some((e, k, id)) = private::find(r, group, element, &res) {
                        return TagView::new(
                            r,
                            e,
                            group,
                            element,
                            Key::Private(k),
                            Some((id, how)),
                        );
                    }
                }
            }
            if (0x0010..=0x00FF).contains(&element) {
                return synthetic(r, Key::PrivateCreator, group, element);
            }
            // Reserved elements (0001-000F, 0100-0FFF) and (gggg,BBEE) without a creator that
            // has it: a private group never falls through to the public repeaters.
            return None;
        }
        if let Some((e, mask, value)) = repeaters::find(r, tag) {
            return TagView::new(r, e, group, element, Key::Mask { mask, value }, None);
        }
        if element == 0 {
            return synthetic(r, Key::GroupLength, group, element);
        }
        None
    }

    /// Parses `text` with [`parse_tag`] and looks it up: a tag by [`Dict::lookup`], a keyword by
    /// [`Dict::lookup_keyword`].
    ///
    /// ```no_run
    /// # let dict = dicom_map::Dict::open("dicom-map/tags.dmap")?;
    /// let a = dict.lookup_text("(0019,xx0C)", Some("SIEMENS MR HEADER")).unwrap().unwrap();
    /// let b = dict.lookup_text("0019 100C", Some("SIEMENS MR HEADER")).unwrap().unwrap();
    /// assert_eq!(a.entry_id(), b.entry_id());
    /// # Ok::<(), dicom_map::Error>(())
    /// ```
    pub fn lookup_text(
        &self,
        text: &str,
        creator: Option<&str>,
    ) -> Result<Option<TagView<'_>>, TagParseError> {
        Ok(match parse_tag(text)? {
            TagText::Tag { group, element } => self.lookup(group, element, creator),
            TagText::Keyword(keyword) => self.lookup_keyword(keyword, creator),
        })
    }

    /// The entry with exactly `keyword` (case-sensitive, stored or generated), the keyword
    /// counterpart of [`Dict::lookup`].
    ///
    /// Without a creator: the entry with the lowest entry id, so a public keyword gives the public
    /// entry (private keywords are unique per creator only; [`Dict::entries_for_keyword`] lists
    /// them all). With a creator: the entry of that creator with that keyword, the creator resolved
    /// as a lookup's is (exact spelling, else every creator of its folded form, in creator-id
    /// order), and the view reports how it matched.
    ///
    /// The first keyword question on a dictionary builds its keyword index (see
    /// [`Dict::prepare`]); after that this is one hash probe and allocates nothing.
    ///
    /// ```no_run
    /// # let dict = dicom_map::Dict::open("dicom-map/tags.dmap")?;
    /// assert_eq!(dict.lookup_keyword("PatientName", None).unwrap().tag(), 0x0010_0010);
    /// let v = dict.lookup_keyword("CSAImageHeaderInfo", Some("SIEMENS CSA HEADER")).unwrap();
    /// assert_eq!(v.pattern(), "(0029,xx10)");
    /// # Ok::<(), dicom_map::Error>(())
    /// ```
    pub fn lookup_keyword(&self, keyword: &str, creator: Option<&str>) -> Option<TagView<'_>> {
        let Some(creator) = creator else {
            let r = self.reader();
            let keywords = r.keywords();
            let (_, id) = keywords.first(r.pool(), keyword)?;
            return TagView::of_entry(r, r.entry_by_id(id)?);
        };
        let r = self.reader();
        let res = creators::resolve(r, creator);
        let how = res.how()?;
        let hits = self.entries_for_keyword(keyword);
        res.ids(r.reader).find_map(|id| {
            hits.clone()
                .find(|v| v.creator_id() == Some(id))
                .map(|mut v| {
                    v.creator = Some((id, how));
                    v
                })
        })
    }
}
