//! Text normalisation for scoring: Unicode NFC, collapsed whitespace and
//! no invisible format characters.
//!
//! The extractor never rewrites what it returns here; it normalises a
//! *copy* of each line so that cue matching and repetition checks see `é`
//! and `e\u{301}` alike, ignore runs of spaces, tabs and no-break spaces,
//! and read a word hyphenated with soft hyphens as the word. Clean input
//! (ASCII or already NFC, single spaces, no edge whitespace) is borrowed
//! as it is: the common case costs one scan and no allocation. (What is
//! returned is cleaned once, in `article`.)

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `text` in NFC with every whitespace run folded to one space,
/// the ends trimmed and [invisible format characters](is_invisible_format)
/// dropped. Borrows when nothing needs to change.
pub(crate) fn normalize(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    let whitespace_clean = !has_irregular_whitespace(trimmed);
    let unicode_clean = trimmed.is_ascii()
        || (is_nfc_quick(trimmed.chars()) == IsNormalized::Yes
            && !trimmed.chars().any(is_invisible_format));
    if whitespace_clean && unicode_clean {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    normalize_into(trimmed, &mut out);
    Cow::Owned(out)
}

/// Writes the normalised, lowercased form of `text` into `out` (cleared
/// first). Used by the feature pass with one reused buffer per page, so
/// normalising a line allocates nothing once the buffer has grown. The
/// feature pass takes a one-pass path of its own for lines already in NFC
/// (see `features::scan_line`); this is the general one.
pub(crate) fn lowercase_normalized_into(text: &str, out: &mut String) {
    out.clear();
    let normalized = normalize(text);
    for ch in normalized.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

/// Where `line` starts and ends without its white space at either end
/// (`str::trim`), stepping over ASCII spaces as bytes: only a non-ASCII
/// byte at an edge needs the Unicode test.
#[inline]
pub(crate) fn trimmed_span(line: &str) -> (usize, usize) {
    let bytes = line.as_bytes();
    let mut start = 0;
    while start < bytes.len() && is_ascii_space(bytes[start]) {
        start += 1;
    }
    if start < bytes.len() && !bytes[start].is_ascii() {
        start = line.len() - line.trim_start().len();
    }
    let mut end = bytes.len();
    while end > start && is_ascii_space(bytes[end - 1]) {
        end -= 1;
    }
    if end > start && !bytes[end - 1].is_ascii() {
        end = line.trim_end().len().max(start);
    }
    (start, end)
}

/// `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form
/// feed, carriage return and space.
pub(crate) const fn is_ascii_space(byte: u8) -> bool {
    // One shift and test instead of six comparisons: this runs per byte.
    const SPACES: u64 = 1 << b'\t' | 1 << b'\n' | 1 << 0x0b | 1 << 0x0c | 1 << b'\r' | 1 << b' ';
    byte <= b' ' && SPACES >> byte & 1 == 1
}

/// Characters that are never seen and never change how text reads: the
/// soft hyphen (U+00AD, a hyphenation point), the zero-width space
/// (U+200B), the word joiner (U+2060) and the byte-order mark (U+FEFF,
/// the old zero-width no-break space). The zero-width (non-)joiner is
/// not among them: some scripts need it (see `article`).
pub(crate) fn is_invisible_format(ch: char) -> bool {
    matches!(ch, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

fn normalize_into(text: &str, out: &mut String) {
    let mut pending_space = false;
    for ch in text.nfc().filter(|&ch| !is_invisible_format(ch)) {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(ch);
    }
}

fn has_irregular_whitespace(text: &str) -> bool {
    if text.is_ascii() {
        let bytes = text.as_bytes();
        return bytes
            .iter()
            .any(|&byte| byte.is_ascii_whitespace() && byte != b' ')
            || bytes.windows(2).any(|pair| pair == b"  ")
            || bytes.contains(&0x0b);
    }
    let mut previous_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            if ch != ' ' || previous_space {
                return true;
            }
            previous_space = true;
        } else {
            previous_space = false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            normalize("Hello world"),
            Cow::Borrowed("Hello world")
        ));
        assert!(matches!(normalize("Trần Đại Quang"), Cow::Borrowed(_)));
    }

    #[test]
    fn decomposed_text_is_composed() {
        let decomposed = "Tra\u{302}\u{300}n";
        assert_eq!(normalize(decomposed), "Trần");
    }

    #[test]
    fn invisible_format_characters_are_dropped() {
        assert_eq!(normalize("Ver\u{ad}wal\u{ad}tung"), "Verwaltung");
        assert_eq!(normalize("\u{feff}zero\u{200b}width\u{2060}"), "zerowidth");
    }

    #[test]
    fn whitespace_is_collapsed_and_trimmed() {
        assert_eq!(normalize("  a \t b\u{a0}\u{a0}c  "), "a b c");
    }

    #[test]
    fn lowercase_form_reuses_the_buffer() {
        let mut buffer = String::new();
        for (text, lowercase) in [
            ("  Đọc  NHIỀU ", "đọc nhiều"),
            (" \t Read\x0b\x0c  MORE\r\n", "read more"),
            ("  “Ça VA”\u{2003}— Đà Nẵng ", "“ça va” — đà nẵng"),
            // A Greek singleton: U+0387 is U+00B7 in NFC.
            ("α\u{387}Β", "α\u{b7}β"),
            // A combining mark: composed, then lowercased.
            ("CAFE\u{301} Noir", "café noir"),
        ] {
            lowercase_normalized_into(text, &mut buffer);
            assert_eq!(buffer, lowercase);
        }
    }

    #[test]
    fn spans_are_those_of_trim() {
        for line in [
            "",
            " ",
            "a",
            " a b ",
            "\u{a0}a\u{3000}",
            "\u{2003} \t",
            "é ",
            " \u{85}x\u{85} ",
        ] {
            let (start, end) = trimmed_span(line);
            assert_eq!(&line[start..end], line.trim(), "{line:?}");
        }
    }

    #[test]
    fn ascii_spaces_are_the_ascii_whitespace_of_char() {
        for byte in 0..=127u8 {
            assert_eq!(
                is_ascii_space(byte),
                char::from(byte).is_whitespace(),
                "{byte}"
            );
        }
    }
}
