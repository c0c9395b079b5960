//! Character classes for the feature pass's one-pass line scan, looked up
//! in tables instead of asked of Unicode's per character.
//!
//! Bytes take one lookup in [`byte_class`] (ASCII characters' classes,
//! or "not ASCII"). Other characters take one lookup in [`char_class`]:
//! a table of the Basic Multilingual Plane whose entries are filled the
//! first time their character is met, from the standard library's and
//! `unicode-normalization`'s own answers, so the table cannot disagree
//! with them. Asking per character (a binary search for
//! the lowercase, others for "alphabetic", "numeric" and the
//! normalisation data) cost the scan of a Vietnamese, Russian or Chinese
//! page more than the rest of the scan together.

use crate::features::is_inner_punctuation;
use crate::normalize::{is_ascii_space, is_invisible_format};
use std::sync::atomic::{AtomicU16, Ordering};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// White space (`char::is_whitespace`).
pub(crate) const SPACE: u16 = 1;
/// A number (`char::is_numeric`).
pub(crate) const DIGIT: u16 = 1 << 1;
pub(crate) const UPPERCASE: u16 = 1 << 2;
pub(crate) const LOWERCASE: u16 = 1 << 3;
/// Punctuation inside sentences (`,` `;` `:` `"` `(` `)` `«` `»`, curly
/// quotes, `、` …), counted as such: not also a number or an unspaced
/// script's character.
pub(crate) const INNER_PUNCTUATION: u16 = 1 << 4;
/// Alphabetic (`char::is_alphabetic`).
pub(crate) const ALPHABETIC: u16 = 1 << 5;
/// Lowercasing leaves the character as it is.
pub(crate) const LOWERCASE_IS_SELF: u16 = 1 << 6;
/// A letter or number of a script written with spaces: it makes its word
/// a word.
pub(crate) const SPACED_ALPHANUMERIC: u16 = 1 << 7;
/// A character of a script written without spaces (Chinese, Japanese,
/// Thai), not a number: two of them count as a word.
pub(crate) const UNSPACED: u16 = 1 << 8;

/// Set for bytes 128 and above in [`byte_class`]: the start or the
/// inside of a non-ASCII character, which [`char_class`] describes.
pub(crate) const NOT_ASCII: u16 = 1 << 9;
/// Lowercasing gives one other character, as many bytes long in UTF-8
/// (`М` to `м`, `É` to `é`): a line's lowercased copy keeps its byte
/// offsets.
pub(crate) const LOWERCASE_SAME_LENGTH: u16 = 1 << 10;

/// The classes of any byte: an ASCII character's, or [`NOT_ASCII`]. One
/// lookup and one test tell the scan's usual byte (ASCII, no space) from
/// the rest.
pub(crate) fn byte_class(byte: u8) -> u16 {
    BYTE_CLASSES[usize::from(byte)]
}

/// What ASCII byte `byte` adds to a line's digits (low half) and inner
/// punctuation (high half): one addition a byte keeps both counts.
pub(crate) fn byte_counts(byte: u8) -> u64 {
    BYTE_COUNTS[usize::from(byte)]
}

/// The two counts summed by [`byte_counts`]: digits and inner
/// punctuation.
pub(crate) fn split_counts(counts: u64) -> (u32, u32) {
    (counts as u32, (counts >> 32) as u32)
}

static ASCII_CLASSES: [u16; 128] = ascii_classes();

static BYTE_CLASSES: [u16; 256] = {
    let mut classes = [NOT_ASCII; 256];
    let mut index = 0;
    while index < 128 {
        classes[index] = ASCII_CLASSES[index];
        index += 1;
    }
    classes
};

static BYTE_COUNTS: [u64; 256] = {
    let mut counts = [0u64; 256];
    let mut index = 0;
    while index < 128 {
        let classes = ASCII_CLASSES[index];
        counts[index] =
            (classes & DIGIT != 0) as u64 | ((classes & INNER_PUNCTUATION != 0) as u64) << 32;
        index += 1;
    }
    counts
};

const fn ascii_classes() -> [u16; 128] {
    let mut classes = [0u16; 128];
    let mut index = 0;
    while index < 128 {
        let byte = index as u8;
        // Every ASCII character but a capital is its own lowercase.
        classes[index] = if is_ascii_space(byte) {
            SPACE | LOWERCASE_IS_SELF
        } else if byte.is_ascii_digit() {
            DIGIT | SPACED_ALPHANUMERIC | LOWERCASE_IS_SELF
        } else if byte.is_ascii_uppercase() {
            UPPERCASE | ALPHABETIC | SPACED_ALPHANUMERIC | LOWERCASE_SAME_LENGTH
        } else if byte.is_ascii_lowercase() {
            LOWERCASE | ALPHABETIC | SPACED_ALPHANUMERIC | LOWERCASE_IS_SELF
        } else if matches!(byte, b',' | b';' | b':' | b'"' | b'(' | b')') {
            INNER_PUNCTUATION | LOWERCASE_IS_SELF
        } else {
            LOWERCASE_IS_SELF
        };
        index += 1;
    }
    classes
}

/// Set in every stored entry of [`BMP_CLASSES`]: 0 means "not yet asked".
const KNOWN: u16 = 1 << 15;
/// The stored entry of a character the scan cannot take.
const NOT_INERT: u16 = KNOWN | 1 << 14;

/// The classes of each character of the Basic Multilingual Plane (all
/// but a few emoji and rare ideographs of real text), each worked out the
/// first time it is met. 128 KiB of zeros until then: a page touches a
/// few hundred entries, and filling whole blocks ahead cost a Chinese
/// page 10 ms.
static BMP_CLASSES: [AtomicU16; 0x10000] = [const { AtomicU16::new(0) }; 0x10000];

/// The classes of non-ASCII `ch`, or `None` when Unicode normalisation
/// (NFC) may change it or a character beside it, or its order: the scan
/// then leaves the line to the general path.
///
/// A text whose every character passes the NFC quick check on its own
/// ("yes": no decomposition NFC applies, no composing with a neighbour)
/// with combining class 0 (nothing to reorder) is in NFC: the scan may
/// fold its white space and lowercase it as it stands. White space always
/// has classes: it is folded, never kept.
pub(crate) fn char_class(ch: char) -> Option<u16> {
    let Some(entry) = BMP_CLASSES.get(ch as usize) else {
        return describe(ch);
    };
    // Relaxed: an entry is one value, the same whichever thread wrote it.
    let mut stored = entry.load(Ordering::Relaxed);
    if stored == 0 {
        stored = describe(ch).map_or(NOT_INERT, |classes| classes | KNOWN);
        entry.store(stored, Ordering::Relaxed);
    }
    classes_of_entry(stored)
}

/// The classes a filled entry of [`BMP_CLASSES`] holds, or `None` for a
/// character the scan cannot take.
fn classes_of_entry(stored: u16) -> Option<u16> {
    Some(stored & !KNOWN).filter(|_| stored != NOT_INERT)
}

/// [`char_class`] of the character that starts at byte `at` of `text`,
/// decoded from its bytes: a character of two or three bytes (all of the
/// Basic Multilingual Plane beyond ASCII) is looked up without the
/// general decoder's checks, which `text` being UTF-8 makes needless.
/// Other characters, and an `at` that starts none, take [`char_class`].
#[inline]
pub(crate) fn char_class_at(text: &str, at: usize) -> Option<u16> {
    let bytes = text.as_bytes();
    let continuation =
        |offset: usize| u32::from(bytes.get(at + offset).copied().unwrap_or(0) & 0x3f);
    let lead = u32::from(*bytes.get(at)?);
    let code_point = match lead {
        0xc0..=0xdf => (lead & 0x1f) << 6 | continuation(1),
        0xe0..=0xef => (lead & 0x0f) << 12 | continuation(1) << 6 | continuation(2),
        _ => return text.get(at..)?.chars().next().and_then(char_class),
    };
    let stored = BMP_CLASSES[code_point as usize].load(Ordering::Relaxed);
    if stored == 0 {
        return char::from_u32(code_point).and_then(char_class);
    }
    classes_of_entry(stored)
}

/// The classes of `ch` from the standard library and the normalisation
/// data; `None` for characters NFC may touch (see [`char_class`]).
fn describe(ch: char) -> Option<u16> {
    if ch.is_whitespace() {
        return Some(SPACE | LOWERCASE_IS_SELF);
    }
    // Normalisation drops soft hyphens and the like (`normalize`): a line
    // holding one takes that path, so `Ver&shy;wal&shy;tung` is measured
    // as the word it is.
    if is_invisible_format(ch) {
        return None;
    }
    let leaves_alone = is_nfc_quick(std::iter::once(ch)) == IsNormalized::Yes
        && canonical_combining_class(ch) == 0;
    if !leaves_alone {
        return None;
    }
    let mut lowercase = ch.to_lowercase();
    let same_length_lowercase = lowercase.len() == 1
        && lowercase
            .clone()
            .next()
            .is_some_and(|lower| lower != ch && lower.len_utf8() == ch.len_utf8());
    let is_unspaced = crate::cues::is_unspaced_script(ch);
    let numeric = ch.is_numeric();
    let flags = [
        (numeric, DIGIT),
        (ch.is_uppercase(), UPPERCASE),
        (ch.is_lowercase(), LOWERCASE),
        (
            is_inner_punctuation(ch) && !numeric && !is_unspaced,
            INNER_PUNCTUATION,
        ),
        (ch.is_alphabetic(), ALPHABETIC),
        (
            lowercase.len() == 1 && lowercase.next() == Some(ch),
            LOWERCASE_IS_SELF,
        ),
        (ch.is_alphanumeric() && !is_unspaced, SPACED_ALPHANUMERIC),
        (is_unspaced && !numeric, UNSPACED),
        (same_length_lowercase, LOWERCASE_SAME_LENGTH),
    ];
    Some(
        flags
            .iter()
            .filter(|(is_set, _)| *is_set)
            .fold(0, |classes, (_, bit)| classes | bit),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What every class bit says, asked of `char` directly.
    fn expected(ch: char) -> [bool; 7] {
        let lowercase: Vec<char> = ch.to_lowercase().collect();
        [
            ch.is_whitespace(),
            ch.is_numeric(),
            ch.is_uppercase(),
            ch.is_lowercase(),
            ch.is_alphabetic(),
            lowercase == [ch],
            matches!(lowercase[..], [lower] if lower != ch && lower.len_utf8() == ch.len_utf8()),
        ]
    }

    fn bits(classes: u16) -> [bool; 7] {
        [
            SPACE,
            DIGIT,
            UPPERCASE,
            LOWERCASE,
            ALPHABETIC,
            LOWERCASE_IS_SELF,
            LOWERCASE_SAME_LENGTH,
        ]
        .map(|bit| classes & bit != 0)
    }

    #[test]
    fn bytes_past_ascii_are_told_apart() {
        for byte in 128..=255u8 {
            assert_eq!(byte_class(byte), NOT_ASCII);
            assert_eq!(byte_counts(byte), 0);
        }
        assert_eq!(split_counts(byte_counts(b'7') + byte_counts(b',')), (1, 1));
    }

    #[test]
    fn ascii_classes_are_those_of_char() {
        for byte in 0..128u8 {
            let ch = char::from(byte);
            assert_eq!(bits(byte_class(byte)), expected(ch), "{ch:?}");
            assert_eq!(
                byte_class(byte) & INNER_PUNCTUATION != 0,
                is_inner_punctuation(ch),
                "{ch:?}"
            );
            assert_eq!(
                byte_class(byte) & SPACED_ALPHANUMERIC != 0,
                ch.is_alphanumeric()
            );
        }
    }

    #[test]
    fn non_ascii_classes_are_those_of_char() {
        let samples = ('\u{80}'..='\u{3100}')
            .chain('\u{4E00}'..='\u{4F00}')
            .chain('\u{AC00}'..='\u{AD00}')
            .chain('\u{FF00}'..='\u{FFFF}')
            .chain('\u{1F600}'..='\u{1F650}');
        for ch in samples {
            let Some(classes) = char_class(ch) else {
                assert!(
                    canonical_combining_class(ch) != 0
                        || is_nfc_quick(std::iter::once(ch)) != IsNormalized::Yes
                        || is_invisible_format(ch),
                    "{ch:?}"
                );
                continue;
            };
            if classes & SPACE == 0 {
                assert_eq!(bits(classes), expected(ch), "{ch:?}");
            }
        }
    }

    #[test]
    fn classes_read_from_bytes_are_those_of_the_character() {
        let samples = ('\u{80}'..='\u{3100}')
            .chain('\u{4E00}'..='\u{4F00}')
            .chain('\u{D7F0}'..='\u{FFFF}')
            .chain('\u{1F600}'..='\u{1F650}');
        for ch in samples {
            let text = format!("a{ch}b");
            assert_eq!(char_class_at(&text, 1), char_class(ch), "{ch:?}");
        }
        // Not at a character's start, or past the end: no panic.
        assert_eq!(char_class_at("é", 1), None);
        assert_eq!(char_class_at("é", 2), None);
    }

    #[test]
    fn what_nfc_may_change_is_left_to_the_general_path() {
        // A combining acute, a Greek singleton (U+0387 is U+00B7 in NFC),
        // a CJK compatibility ideograph, and the kana voicing mark.
        for ch in ['\u{301}', '\u{387}', '\u{F900}', '\u{3099}'] {
            assert_eq!(char_class(ch), None, "{ch:?}");
        }
        assert_eq!(
            char_class('Đ').map(|classes| classes & LOWERCASE_IS_SELF),
            Some(0)
        );
        assert_eq!(
            char_class('\u{a0}').map(|classes| classes & SPACE),
            Some(SPACE)
        );
        assert_eq!(
            char_class('中').map(|classes| classes & UNSPACED),
            Some(UNSPACED)
        );
        assert_eq!(
            char_class('한').map(|classes| classes & SPACED_ALPHANUMERIC),
            Some(SPACED_ALPHANUMERIC)
        );
    }
}
