//! The types a front end hands to the classifier: one text buffer and a
//! list of [`Line`] spans into it.
//!
//! Lines are small `Copy` records of offsets and hints rather than owned
//! strings, so a page of ten thousand lines is one allocation for the text
//! and one for the spans.

use std::ops::Range;

/// One block of text on the page, as a span of [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// Byte offset of the first character (edge whitespace excluded).
    pub start: u32,
    /// Byte offset one past the last character.
    pub end: u32,
    /// Where the line came from: the 1-based input line of a text page.
    pub source_line: u32,
    /// Whether a block gap (one or more blank lines) precedes the line.
    pub gap_before: bool,
}

impl Line {
    /// The byte range of the line in [`Document::text`].
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A page as the front ends produce it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    /// The page text; every [`Line`] is a span of it.
    pub text: String,
    /// The non-blank lines in page order.
    pub lines: Vec<Line>,
}

impl Document {
    /// The original (not normalised) text of `line`.
    pub fn line_text(&self, line: &Line) -> &str {
        &self.text[line.span()]
    }
}
