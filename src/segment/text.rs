//! The text front end: a page a scraper already flattened to text, one block
//! per line.
//!
//! Lines are split where Python's `str.splitlines()` splits them (`\n`,
//! `\r\n`, `\r`, `\v`, `\f`, `\x1c`–`\x1e`, U+0085, U+2028, U+2029) so that
//! line numbers agree with the labels tools produce for such dumps. Blank
//! and whitespace-only lines become no [`Line`]; they mark a block gap on
//! the next one.

use crate::chunk_masks::{terminator_starts, CHUNK};
use crate::document::{Document, Line};
use crate::normalize::trimmed_span;

/// Splits `text` into a [`Document`] of its non-blank lines.
pub(crate) fn segment_text(text: &str) -> Document {
    let mut lines = Vec::new();
    let mut gap_before = false;
    for (index, range) in line_ranges(text).enumerate() {
        let (trimmed_start, trimmed_end) = trimmed_span(&text[range.clone()]);
        if trimmed_start == trimmed_end {
            gap_before = true;
            continue;
        }
        let (start, end) = (
            offset(range.start + trimmed_start),
            offset(range.start + trimmed_end),
        );
        lines.push(Line {
            start,
            end,
            // A text page is its own text: the line is where it stands.
            source_start: start,
            source_end: end,
            source_line: offset(index + 1),
            gap_before,
            ..Line::default()
        });
        gap_before = false;
    }
    Document {
        text: text.to_owned(),
        lines,
        ..Document::default()
    }
}

/// Byte offsets are stored as `u32`; the extractor refuses inputs over
/// 4 GiB long before this point (see `Config::max_input_bytes`).
fn offset(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The byte ranges of the lines of `text`, terminators excluded. A final
/// terminator does not start an empty last line (as in `splitlines`).
fn line_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut position = 0;
    std::iter::from_fn(move || {
        if position >= bytes.len() {
            return None;
        }
        let start = position;
        let mut index = position;
        loop {
            index = next_possible_terminator(bytes, index);
            if index >= bytes.len() {
                position = bytes.len();
                return Some(start..bytes.len());
            }
            if let Some(terminator_len) = terminator_at(bytes, index) {
                position = index + terminator_len;
                return Some(start..index);
            }
            index += 1;
        }
    })
}

/// The first index at or after `from` whose byte may start a line
/// terminator (see [`MAY_START_TERMINATOR`]) or is another control byte
/// (a tab: [`terminator_at`] tells them apart), or `bytes.len()`. Sixteen
/// bytes are classed at a time ([`terminator_starts`]): a line's bytes
/// are almost all letters and spaces, and a byte-by-byte lookup cost the
/// text front end nine instructions a byte.
fn next_possible_terminator(bytes: &[u8], from: usize) -> usize {
    let mut index = from;
    while let Some(chunk) = bytes.get(index..index + CHUNK) {
        let marks = terminator_starts(chunk.try_into().expect("a chunk"));
        if marks != 0 {
            return index + marks.trailing_zeros() as usize;
        }
        index += CHUNK;
    }
    bytes[index.min(bytes.len())..]
        .iter()
        .position(|&byte| MAY_START_TERMINATOR[usize::from(byte)])
        .map_or(bytes.len(), |offset| index + offset)
}

/// The bytes a line terminator can start with (see [`terminator_at`]).
static MAY_START_TERMINATOR: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [b'\n', b'\r', 0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0xc2, 0xe2];
    let mut index = 0;
    while index < starts.len() {
        table[starts[index] as usize] = true;
        index += 1;
    }
    table
};

/// The length in bytes of the line terminator starting at `index`, if any.
fn terminator_at(bytes: &[u8], index: usize) -> Option<usize> {
    match bytes[index] {
        b'\r' if bytes.get(index + 1) == Some(&b'\n') => Some(2),
        b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1e => Some(1),
        0xc2 if bytes.get(index + 1) == Some(&0x85) => Some(2),
        0xe2 if bytes.get(index + 1) == Some(&0x80)
            && matches!(bytes.get(index + 2), Some(0xa8 | 0xa9)) =>
        {
            Some(3)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(document: &Document) -> Vec<(u32, &str, bool)> {
        document
            .lines
            .iter()
            .map(|line| (line.source_line, document.line_text(line), line.gap_before))
            .collect()
    }

    #[test]
    fn blank_lines_are_gaps_and_numbers_are_kept() {
        let document = segment_text("Title\n\n  Body text. \r\nMore\n");
        assert_eq!(
            texts(&document),
            vec![
                (1, "Title", false),
                (3, "Body text.", true),
                (4, "More", false)
            ]
        );
    }

    #[test]
    fn unicode_separators_split_like_splitlines() {
        let document = segment_text("a\u{2028}b\u{85}c\rd");
        let numbers: Vec<_> = texts(&document).iter().map(|t| t.0).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4]);
    }

    #[test]
    fn terminators_are_found_at_every_offset_of_a_word() {
        for terminator in [
            "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1e", "\u{85}", "\u{2029}",
        ] {
            for before in 0..40 {
                let text = format!("{}{terminator}é–b\tc", "a".repeat(before));
                let ranges: Vec<_> = line_ranges(&text).collect();
                let second = before + terminator.len();
                assert_eq!(ranges, vec![0..before, second..text.len()], "{text:?}");
            }
        }
    }

    #[test]
    fn empty_and_blank_input_has_no_lines() {
        assert!(segment_text("").lines.is_empty());
        assert!(segment_text(" \n\t\n").lines.is_empty());
    }
}
