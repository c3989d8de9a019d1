//! Ranked search: [`Dict::search`]'s hits, best first.
//!
//! [`Dict::search`] finds every entry whose name or keyword contains the text, in file order, so
//! `search("b value")` lists sixteen "CIELab Value" entries before the two "B Value" ones.
//! [`Dict::search_ranked`] keeps the same hits and orders them by how well they match, so that
//! the `dicom-lookup` CLI, the Python CLI and `dicom_map.Dict.search` all put what the user meant
//! first. The tiers, best first (file order within a tier):
//!
//! 1. the name or the keyword *is* the text (ignoring case; for the keyword also ignoring spaces:
//!    `b value` is `BValue`);
//! 2. the text is a whole phrase of the name: it starts and ends at word boundaries
//!    (`b value` in `Diffusion B Value`, not in `CIELab Value`);
//! 3. the text's words are whole words of the keyword, split at its capitals (`b value` in
//!    `DiffusionBValue`: `Diffusion`, `B`, `Value`);
//! 4. any other hit (the text inside a word).

use crate::{Dict, TagView};

/// How well an entry matches; lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Exact,
    NamePhrase,
    KeywordWords,
    Substring,
}

impl<S: AsRef<[u8]>> Dict<S> {
    /// The hits of [`Dict::search`], best match first (see the module docs for the order).
    pub fn search_ranked(&self, text: &str) -> Vec<TagView<'_>> {
        let query = Query::new(text);
        let mut hits: Vec<(Tier, TagView<'_>)> = self
            .search(text)
            .map(|v| (query.tier(v.name(), &v.keyword()), v))
            .collect();
        // Stable: file order within a tier.
        hits.sort_by_key(|(tier, _)| *tier);
        hits.into_iter().map(|(_, v)| v).collect()
    }
}

/// The search text, prepared once.
struct Query {
    /// Lower-cased, with runs of whitespace as one space, trimmed.
    phrase: String,
    /// The words of `phrase`.
    words: Vec<String>,
    /// `phrase` without spaces.
    compact: String,
}

impl Query {
    fn new(text: &str) -> Query {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        Query {
            phrase: words.join(" "),
            compact: words.concat(),
            words,
        }
    }

    fn tier(&self, name: &str, keyword: &str) -> Tier {
        if self.phrase.is_empty() {
            return Tier::Substring;
        }
        let name = name.to_lowercase();
        let keyword_lower = keyword.to_lowercase();
        if name.split_whitespace().collect::<Vec<_>>().join(" ") == self.phrase
            || keyword_lower == self.compact
        {
            Tier::Exact
        } else if contains_phrase(&name, &self.phrase) {
            Tier::NamePhrase
        } else if contains_words(&keyword_words(keyword), &self.words) {
            Tier::KeywordWords
        } else {
            Tier::Substring
        }
    }
}

/// Whether `phrase` occurs in `text` starting and ending at word boundaries (both lower-cased).
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(at, m)| {
        let before = text[..at].chars().next_back();
        let after = text[at + m.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}

/// A keyword's words, lower-cased: split before each capital that follows a lower-case letter or
/// digit, and before the last capital of a run followed by a lower-case letter
/// (`CIELabValue` -> `cie`, `lab`, `value`; `DiffusionBValue` -> `diffusion`, `b`, `value`);
/// underscores separate too (`Private_0019_xx0C`).
fn keyword_words(keyword: &str) -> Vec<String> {
    let chars: Vec<char> = keyword.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c.is_whitespace() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether `needle` appears as consecutive items of `haystack`.
fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_words_split_at_capitals() {
        assert_eq!(keyword_words("CIELabValue"), ["cie", "lab", "value"]);
        assert_eq!(
            keyword_words("DiffusionBValue"),
            ["diffusion", "b", "value"]
        );
        assert_eq!(keyword_words("BValue"), ["b", "value"]);
        assert_eq!(
            keyword_words("Private_0019_xx0C"),
            ["private", "0019", "xx0", "c"]
        );
    }

    #[test]
    fn tiers() {
        let q = Query::new("  B   value ");
        assert_eq!(q.tier("B Value", "BValue"), Tier::Exact);
        assert_eq!(q.tier("Something", "BValue"), Tier::Exact);
        assert_eq!(q.tier("Diffusion B Value", "X"), Tier::NamePhrase);
        assert_eq!(q.tier("Other", "DiffusionBValue"), Tier::KeywordWords);
        assert_eq!(q.tier("CIELab Value", "CIELabValue"), Tier::Substring);
        assert!(contains_phrase("b value, x", "b value"));
        assert!(!contains_phrase("cielab value", "b value"));
        assert!(contains_phrase("größe b", "b"));
    }
}
