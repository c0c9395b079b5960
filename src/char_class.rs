//! Character classes for the feature pass's one-pass line scan, looked up
//! in tables instead of asked of Unicode's per character.
//!
//! ASCII bytes take one lookup in [`ascii_class`]. The non-ASCII
//! characters the scan handles, those NFC leaves alone
//! ([`crate::normalize::is_composition_inert`]: Latin, Greek, Cyrillic,
//! Vietnamese, typographic punctuation), take one lookup in
//! [`inert_char`]: a table filled once from the standard library's own
//! answers, so it cannot disagree with them. Asking the standard library
//! per character (a binary search for the lowercase, another for
//! "alphabetic") cost the scan of a Vietnamese or Russian page more than
//! the rest of the scan together.

use crate::normalize::{is_ascii_space, is_composition_inert};
use std::sync::LazyLock;

/// An ASCII space (`char::is_whitespace`).
pub(crate) const SPACE: u8 = 1;
/// A decimal digit (`char::is_numeric`).
pub(crate) const DIGIT: u8 = 2;
pub(crate) const UPPERCASE: u8 = 4;
pub(crate) const LOWERCASE: u8 = 8;
/// Punctuation inside sentences: `,` `;` `:` `"` `(` `)`, `«` `»`, curly
/// quotes (see `features::is_inner_punctuation`).
pub(crate) const INNER_PUNCTUATION: u8 = 16;
/// Alphabetic (`char::is_alphabetic`); on ASCII, the letters.
pub(crate) const ALPHABETIC: u8 = 32;
/// Lowercasing leaves the character as it is.
pub(crate) const LOWERCASE_IS_SELF: u8 = 64;

/// The classes of ASCII byte `byte` (below 128).
pub(crate) fn ascii_class(byte: u8) -> u8 {
    ASCII_CLASSES[usize::from(byte & 0x7f)]
}

static ASCII_CLASSES: [u8; 128] = ascii_classes();

const fn ascii_classes() -> [u8; 128] {
    let mut classes = [0u8; 128];
    let mut index = 0;
    while index < 128 {
        let byte = index as u8;
        classes[index] = if is_ascii_space(byte) {
            SPACE
        } else if byte.is_ascii_digit() {
            DIGIT
        } else if byte.is_ascii_uppercase() {
            UPPERCASE | ALPHABETIC
        } else if byte.is_ascii_lowercase() {
            LOWERCASE | ALPHABETIC
        } else if matches!(byte, b',' | b';' | b':' | b'"' | b'(' | b')') {
            INNER_PUNCTUATION
        } else {
            0
        };
        index += 1;
    }
    classes
}

/// What the scan needs of a non-ASCII character that NFC leaves alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InertChar {
    /// The class bits above (never [`SPACE`]: white space is not inert
    /// text but a word break, told by `is_whitespace`).
    pub classes: u8,
    /// Whitespace (`char::is_whitespace`): no-break and typographic
    /// spaces.
    pub is_whitespace: bool,
}

/// The blocks of non-ASCII characters in the table, as (first, end).
/// Together they hold every non-ASCII character `is_composition_inert`
/// accepts, and the white space of general punctuation.
const BLOCKS: [(u32, u32); 3] = [(0x80, 0x530), (0x1E00, 0x1F00), (0x2000, 0x2070)];

static INERT_CHARS: LazyLock<Vec<Option<InertChar>>> = LazyLock::new(|| {
    BLOCKS
        .iter()
        .flat_map(|&(first, end)| first..end)
        .map(|code| char::from_u32(code).and_then(describe))
        .collect()
});

/// The table's entry for `ch`, from the standard library: `None` for
/// characters that are neither inert nor white space.
fn describe(ch: char) -> Option<InertChar> {
    let is_whitespace = ch.is_whitespace();
    if !is_whitespace && !is_composition_inert(ch) {
        return None;
    }
    let mut lowercase = ch.to_lowercase();
    let flags = [
        (ch.is_numeric(), DIGIT),
        (ch.is_uppercase(), UPPERCASE),
        (ch.is_lowercase(), LOWERCASE),
        (crate::features::is_inner_punctuation(ch), INNER_PUNCTUATION),
        (ch.is_alphabetic(), ALPHABETIC),
        (
            lowercase.len() == 1 && lowercase.next() == Some(ch),
            LOWERCASE_IS_SELF,
        ),
    ];
    let classes = flags
        .iter()
        .filter(|(is_set, _)| *is_set)
        .fold(0, |classes, (_, bit)| classes | bit);
    Some(InertChar {
        classes,
        is_whitespace,
    })
}

/// The entry of non-ASCII `ch`: `None` when NFC may change it or a
/// neighbour (the scan then leaves the line to the general path) and it
/// is not white space either.
pub(crate) fn inert_char(ch: char) -> Option<InertChar> {
    let code = ch as u32;
    let mut offset = 0;
    for (first, end) in BLOCKS {
        if (first..end).contains(&code) {
            return INERT_CHARS[offset + (code - first) as usize];
        }
        offset += (end - first) as usize;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes_are_those_of_char() {
        for byte in 0..128u8 {
            let ch = char::from(byte);
            let class = ascii_class(byte);
            assert_eq!(class & SPACE != 0, ch.is_whitespace(), "{ch:?}");
            assert_eq!(class & DIGIT != 0, ch.is_numeric(), "{ch:?}");
            assert_eq!(class & ALPHABETIC != 0, ch.is_alphabetic(), "{ch:?}");
            assert_eq!(class & UPPERCASE != 0, ch.is_uppercase(), "{ch:?}");
            assert_eq!(class & LOWERCASE != 0, ch.is_lowercase(), "{ch:?}");
            assert_eq!(
                class & INNER_PUNCTUATION != 0,
                crate::features::is_inner_punctuation(ch),
                "{ch:?}"
            );
        }
    }

    #[test]
    fn the_table_covers_every_inert_character() {
        for ch in ('\u{80}'..='\u{3000}').chain('\u{FF00}'..='\u{FFFF}') {
            let entry = inert_char(ch);
            if is_composition_inert(ch) {
                assert!(entry.is_some(), "{ch:?}");
            }
            if entry.is_some() {
                assert!(is_composition_inert(ch) || ch.is_whitespace(), "{ch:?}");
            }
            if let Some(entry) = entry {
                assert_eq!(entry.is_whitespace, ch.is_whitespace(), "{ch:?}");
                assert_eq!(entry.classes & ALPHABETIC != 0, ch.is_alphabetic());
                assert_eq!(entry.classes & UPPERCASE != 0, ch.is_uppercase());
            }
        }
        assert_eq!(
            inert_char('Đ').map(|entry| entry.classes & LOWERCASE_IS_SELF),
            Some(0)
        );
        assert!(inert_char('\u{a0}').is_some_and(|entry| entry.is_whitespace));
        assert_eq!(inert_char('\u{301}'), None);
        assert_eq!(inert_char('中'), None);
    }
}
