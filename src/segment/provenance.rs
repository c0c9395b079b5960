//! Where each line of an HTML page came from: its byte range in the page
//! as given, and a CSS selector path of its element.
//!
//! **Offsets.** html5ever gives no source positions for text, and the
//! parser reads the pre-scanned markup, not the page's (see `prescan`).
//! So the lines are found afterwards, in the page's own markup: one scan
//! reads its text as the tokenizer does — tags, comments, doctypes and
//! the bodies of raw-text elements (scripts, styles, titles, text areas,
//! `noscript`) skipped, character references decoded — keeping, for each
//! character that is not white space, the byte range it was written in.
//! Lines come in document order, so each is looked for after the one
//! before: first whole, its white space aside (almost every line), then
//! piece by piece, each piece close after the last, for a line whose
//! pieces have text between them that the walk leaves out (a button's
//! label, a hidden element). A line found nowhere after its predecessor
//! is looked for from the page's start once (the parser moves text out
//! of tables, before them); a line found nowhere gets an empty range. The
//! scan is one pass over the bytes, far cheaper than the parse.
//!
//! The scan needs only the markup and the lines' text: any front end can
//! call [`locate_lines`] on the [`Document`] it built.
//!
//! **Paths.** The walk knows each line's element; [`ElementPaths`] turns
//! elements into selectors, counting `:nth-of-type` among siblings of the
//! parsed tree. The pre-scan removes only code and unread attributes from
//! a real page, which leaves every element and so every count as the
//! page's own parse would have them; on the rare page it reshapes (past a
//! nesting cap or a node budget) or whose `<title>` it had to close, the
//! counts could differ, and lines get no path.
//!
//! **Bytes.** Offsets are found in the decoded page; [`to_input_offsets`]
//! takes them back to the bytes given, through the decoder.

use super::prescan::{end_of_raw_text, end_of_script, end_of_tag, next_tag_with};
use crate::document::{Document, NO_ELEMENT};
use ego_tree::{NodeId, NodeRef};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use memchr::memmem;
use scraper::Node;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

/// What becomes of the content of `noscript` elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoscriptText {
    /// Raw text, as the parser reads it (scripting on): not page text.
    Skip,
    /// Markup: for the lines of the page's `noscript` content.
    Read,
}

/// How far (in bytes of the page's text, white space aside) the next
/// piece of a line may be from the piece before it.
const MAX_PIECE_GAP: usize = 4096;

/// How many places a line's first piece is tried at before the line is
/// looked for from the page's start.
const MAX_ANCHORS: usize = 8;

/// How far ahead a line is looked for once searches that found nothing
/// have read more than [`FAILED_SEARCH_FACTOR`] times the page's text
/// (and past twice that, no line is looked for): a page of many lines
/// its markup does not hold (none of the benchmark pages has one) costs
/// in proportion to its size, not its square.
const NEAR_WINDOW: usize = 64 * 1024;
/// See [`NEAR_WINDOW`].
const FAILED_SEARCH_FACTOR: usize = 4;

/// Sets every line's `source_start` and `source_end` to its byte range in
/// `html`, the markup `document` was built from.
pub(crate) fn locate_lines(html: &str, document: &mut Document, noscript: NoscriptText) {
    let text = PageText::of(html, noscript);
    let mut cursor = 0;
    let mut key = Key::default();
    let mut failed_reading = 0;
    let reading_limit = FAILED_SEARCH_FACTOR * text.text.len() + NEAR_WINDOW;
    for index in 0..document.lines.len() {
        let line = document.lines[index];
        key.set(document.line_text(&line));
        let within_budget = failed_reading <= reading_limit;
        let end = match within_budget {
            true => text.text.len(),
            false if failed_reading <= 2 * reading_limit => {
                text.text.len().min(cursor + NEAR_WINDOW)
            }
            // Past twice the budget: the rest is not looked for.
            false => cursor,
        };
        let mut found = text.find(&key, cursor, end);
        if found.is_none() {
            failed_reading += end.saturating_sub(cursor);
            if within_budget {
                // Out of order: the parser moves text out of tables.
                found = text.find_whole(&key.text, 0, text.text.len());
                failed_reading += found.as_ref().map_or(text.text.len(), |found| found.end);
            }
        }
        let range = match found {
            Some(found) => {
                // Back, too, when the line was found before the cursor:
                // the line that moved it on was more likely found in the
                // wrong place (the next of a text that repeats) than
                // this one out of order.
                cursor = found.end;
                text.source_range(found)
            }
            None => {
                let at = text.source_start_at(cursor, html.len());
                (at, at)
            }
        };
        let line = &mut document.lines[index];
        line.source_start = offset(range.0);
        line.source_end = offset(range.1);
    }
}

/// A line's text as it is looked for: its characters but white space,
/// and where each of its words ends.
#[derive(Default)]
struct Key {
    text: Vec<u8>,
    word_ends: Vec<usize>,
}

impl Key {
    fn set(&mut self, line: &str) {
        self.text.clear();
        self.word_ends.clear();
        for word in line.split(char::is_whitespace) {
            let mut buffer = [0u8; 4];
            for ch in word.chars().filter(|&ch| !is_skipped_char(ch)) {
                self.text
                    .extend_from_slice(ch.encode_utf8(&mut buffer).as_bytes());
            }
            if self.word_ends.last() != Some(&self.text.len()) {
                self.word_ends.push(self.text.len());
            }
        }
    }

    /// The rest of the word that byte `at` is in.
    fn rest_of_word(&self, at: usize) -> &[u8] {
        let end = self
            .word_ends
            .iter()
            .copied()
            .find(|&end| end > at)
            .unwrap_or(self.text.len());
        &self.text[at..end]
    }
}

/// Characters a line's text and the page's text are compared without:
/// white space, which the walk collapses, and NUL, which the parser drops.
fn is_skipped_char(ch: char) -> bool {
    ch.is_whitespace() || ch == '\0'
}

fn offset(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A page's text as the tokenizer reads it, white space left out, with
/// where in the markup each byte of it was written.
struct PageText {
    text: Vec<u8>,
    /// For each byte of `text`, the markup range of its character.
    sources: Vec<(u32, u32)>,
}

impl PageText {
    fn of(html: &str, noscript: NoscriptText) -> PageText {
        let mut page = PageText {
            text: Vec::with_capacity(html.len() / 4),
            sources: Vec::with_capacity(html.len() / 4),
        };
        let bytes = html.as_bytes();
        let mut position = 0;
        loop {
            let mut text_from = position;
            let tag = next_tag_with(html, position, |start, end| {
                page.read_text(html, text_from, start);
                text_from = end;
            });
            let Some(tag) = tag else {
                page.read_text(html, text_from, html.len());
                break;
            };
            page.read_text(html, text_from, tag.start);
            position = end_of_tag(bytes, tag.name_end, |_| {});
            if tag.is_end {
                continue;
            }
            let body_end = match raw_text_kind(tag.name, noscript) {
                RawText::No => continue,
                RawText::Plaintext => {
                    page.read_literal(html, position, html.len());
                    break;
                }
                RawText::Script => end_of_script(bytes, position),
                RawText::Other => end_of_raw_text(bytes, position, tag.name),
                RawText::Shown => {
                    let end = end_of_raw_text(bytes, position, tag.name);
                    page.read_literal(html, position, end);
                    end
                }
            };
            if body_end == html.len() && tag.name.eq_ignore_ascii_case("title") {
                // A title never closed: closed where `title_repair`
                // closes it, at the first tag or line break.
                position += bytes[position..]
                    .iter()
                    .position(|&byte| matches!(byte, b'<' | b'\n' | b'\r'))
                    .unwrap_or(html.len() - position);
                continue;
            }
            position = match body_end < html.len() {
                true => end_of_tag(bytes, body_end + 2 + tag.name.len(), |_| {}),
                false => html.len(),
            };
        }
        page
    }

    /// Reads the text between `from` and `to`, character references
    /// decoded.
    fn read_text(&mut self, html: &str, from: usize, to: usize) {
        let mut position = from;
        while let Some(at) = memchr::memchr(b'&', &html.as_bytes()[position..to]) {
            let amp = position + at;
            self.read_literal(html, position, amp);
            position = match character_reference(&html[amp..to]) {
                Some((chars, length)) => {
                    for ch in chars.into_iter().flatten() {
                        self.push(ch, amp, amp + length);
                    }
                    amp + length
                }
                None => {
                    self.push('&', amp, amp + 1);
                    amp + 1
                }
            };
        }
        self.read_literal(html, position, to);
    }

    /// Reads `html[from..to]` as it stands.
    fn read_literal(&mut self, html: &str, from: usize, to: usize) {
        let text = &html[from..to];
        if text.is_ascii() {
            for (index, &byte) in text.as_bytes().iter().enumerate() {
                if !byte.is_ascii_whitespace() && byte != 0 && byte != 0x0b {
                    self.text.push(byte);
                    let at = offset(from + index);
                    self.sources.push((at, at + 1));
                }
            }
            return;
        }
        for (index, ch) in text.char_indices() {
            self.push(ch, from + index, from + index + ch.len_utf8());
        }
    }

    fn push(&mut self, ch: char, start: usize, end: usize) {
        if is_skipped_char(ch) {
            return;
        }
        let mut buffer = [0u8; 4];
        let encoded = ch.encode_utf8(&mut buffer).as_bytes();
        self.text.extend_from_slice(encoded);
        let source = (offset(start), offset(end));
        self.sources
            .extend(std::iter::repeat_n(source, encoded.len()));
    }

    /// Where `key` is, at or after byte `from` of the text: whole, else
    /// piece by piece.
    fn find(&self, key: &Key, from: usize, to: usize) -> Option<Range<usize>> {
        self.find_whole(&key.text, from, to)
            .or_else(|| self.find_in_pieces(key, from, to))
    }

    /// Where `key` stands whole, starting between `from` and `to`.
    fn find_whole(&self, key: &[u8], from: usize, to: usize) -> Option<Range<usize>> {
        let haystack_end = self.text.len().min(to + key.len());
        if key.is_empty() || from >= haystack_end {
            return None;
        }
        let at = from + memmem::find(&self.text[from..haystack_end], key)?;
        Some(at..at + key.len())
    }

    /// [`PageText::find`] for a line with text between its pieces (a
    /// button's label, a hidden element's text). A piece is at least the
    /// rest of a word of the line, or the longest start of it found,
    /// and each is looked for within [`MAX_PIECE_GAP`] bytes of the one
    /// before; the first is tried at up to [`MAX_ANCHORS`] places.
    fn find_in_pieces(&self, key: &Key, from: usize, to: usize) -> Option<Range<usize>> {
        let haystack = self.text.get(from..to)?;
        let (first, _) = longest_found(key.rest_of_word(0), haystack)?;
        let finder = memmem::Finder::new(first);
        for anchor in finder.find_iter(haystack).take(MAX_ANCHORS) {
            if let Some(end) = self.match_pieces(key, from + anchor) {
                return Some(from + anchor..end);
            }
        }
        None
    }

    /// The end of `key` matched piece by piece from `start`, if it is.
    fn match_pieces(&self, key: &Key, start: usize) -> Option<usize> {
        let mut matched = 0;
        let mut position = start;
        while matched < key.text.len() {
            let common = common_prefix(&key.text[matched..], &self.text[position..]);
            if common > 0 {
                matched += common;
                position += common;
                continue;
            }
            let window_end = self.text.len().min(position + MAX_PIECE_GAP);
            let window = &self.text[position..window_end];
            let (_, at) = longest_found(key.rest_of_word(matched), window)?;
            position += at;
        }
        Some(position)
    }

    /// The markup range of the text bytes `found`.
    fn source_range(&self, found: Range<usize>) -> (usize, usize) {
        let start = self.sources[found.start].0 as usize;
        let end = self.sources[found.end - 1].1 as usize;
        (start, end.max(start))
    }

    /// Where the text byte `at` was written (`end` past the text).
    fn source_start_at(&self, at: usize, end: usize) -> usize {
        self.sources.get(at).map_or(end, |source| source.0 as usize)
    }
}

/// How many leading bytes of `a` and `b` agree, whole characters only.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut length = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    // Back to a character boundary of `a` (both are UTF-8).
    while length > 0 && length < a.len() && a[length] & 0xC0 == 0x80 {
        length -= 1;
    }
    length
}

/// The longest start of `needle` (halved until found, down to one
/// character) that `haystack` holds, and where it first is.
fn longest_found<'a>(needle: &'a [u8], haystack: &[u8]) -> Option<(&'a [u8], usize)> {
    let is_boundary = |at: usize| at == needle.len() || needle[at] & 0xC0 != 0x80;
    let first_char = (1..=needle.len()).find(|&at| is_boundary(at))?;
    let mut length = needle.len();
    loop {
        let piece = &needle[..length];
        if let Some(at) = memmem::find(haystack, piece) {
            return Some((piece, at));
        }
        if length == first_char {
            return None;
        }
        length = (1..=length / 2)
            .rev()
            .find(|&at| is_boundary(at))
            .unwrap_or(first_char)
            .max(first_char);
    }
}

/// What the tokenizer reads after a start tag.
enum RawText {
    No,
    /// Raw text the walk reads as page text.
    Shown,
    Script,
    Other,
    Plaintext,
}

fn raw_text_kind(name: &str, noscript: NoscriptText) -> RawText {
    let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
    if is("script") {
        RawText::Script
    } else if is("plaintext") {
        RawText::Plaintext
    } else if is("xmp") || is("noembed") || is("noframes") {
        RawText::Shown
    } else if ["style", "title", "textarea", "iframe"]
        .iter()
        .any(|&wanted| is(wanted))
        || (noscript == NoscriptText::Skip && is("noscript"))
    {
        RawText::Other
    } else {
        RawText::No
    }
}

/// The characters a character reference at the start of `text` (which
/// starts with `&`) stands for, and its length; `None` when the `&` is
/// text. As the tokenizer reads references in text: numeric ones with
/// the standard's replacements, named ones by the longest name the
/// table holds, with or without their `;`.
fn character_reference(text: &str) -> Option<([Option<char>; 2], usize)> {
    let bytes = text.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        return numeric_reference(bytes);
    }
    let name_length = bytes[1..]
        .iter()
        .take(MAX_ENTITY_NAME)
        .take_while(|byte| byte.is_ascii_alphanumeric())
        .count();
    let with_semicolon = bytes.get(1 + name_length) == Some(&b';');
    let candidates = (1..=name_length + usize::from(with_semicolon)).rev();
    for length in candidates {
        let name = &text[1..1 + length];
        if let Some(&(first, second)) = NAMED_ENTITIES.get(name) {
            if first != 0 {
                let chars = [
                    char::from_u32(first),
                    char::from_u32(second).filter(|_| second != 0),
                ];
                return Some((chars, 1 + length));
            }
        }
    }
    None
}

/// The longest entity name in the standard's table (`&CounterClockwiseContourIntegral;`).
const MAX_ENTITY_NAME: usize = 32;

fn numeric_reference(bytes: &[u8]) -> Option<([Option<char>; 2], usize)> {
    let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
    let digits_start = 2 + usize::from(hex);
    let radix = if hex { 16 } else { 10 };
    let digits = bytes[digits_start.min(bytes.len())..]
        .iter()
        .take_while(|&&byte| (byte as char).is_digit(radix))
        .count();
    if digits == 0 {
        return None;
    }
    let mut value: u32 = 0;
    for &byte in &bytes[digits_start..digits_start + digits] {
        let digit = (byte as char).to_digit(radix).unwrap_or(0);
        value = value.saturating_mul(radix).saturating_add(digit);
    }
    let mut length = digits_start + digits;
    if bytes.get(length) == Some(&b';') {
        length += 1;
    }
    let ch = match value {
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize].unwrap_or('\u{fffd}'),
        0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{fffd}',
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    };
    Some(([Some(ch), None], length))
}

/// Selector paths of elements of a parsed page, `:nth-of-type` counted
/// once per parent.
#[derive(Default)]
pub(crate) struct ElementPaths {
    /// Each element's 1-based place among its siblings of its tag, and
    /// whether it is the only one.
    places: HashMap<NodeId, (u32, bool)>,
    /// Elements already given a path, by their index in `paths`.
    indexes: HashMap<NodeId, u32>,
    /// The path of every element a path went through.
    prefixes: HashMap<NodeId, String>,
    paths: Vec<String>,
}

impl ElementPaths {
    /// The index of `node`'s path in [`ElementPaths::into_paths`].
    pub(crate) fn index_of(&mut self, node: NodeRef<'_, Node>) -> u32 {
        if let Some(&index) = self.indexes.get(&node.id()) {
            return index;
        }
        let path = self.path_of(node);
        let index = u32::try_from(self.paths.len()).unwrap_or(NO_ELEMENT);
        self.paths.push(path);
        self.indexes.insert(node.id(), index);
        index
    }

    pub(crate) fn into_paths(self) -> Vec<String> {
        self.paths
    }

    /// `html > body > div.story > p:nth-of-type(3)`: the path of the
    /// nearest element above whose path is known, and a step for each
    /// element below it, each path kept for the lines further down.
    fn path_of(&mut self, node: NodeRef<'_, Node>) -> String {
        let mut below = Vec::new();
        let mut path = String::new();
        let mut current = Some(node);
        while let Some(element) = current {
            if element.value().is_element() {
                if let Some(known) = self.prefixes.get(&element.id()) {
                    path.clone_from(known);
                    break;
                }
                below.push(element);
            }
            current = element.parent();
        }
        for step in below.into_iter().rev() {
            if !path.is_empty() {
                path.push_str(" > ");
            }
            self.write_step(&mut path, step);
            self.prefixes.insert(step.id(), path.clone());
        }
        path
    }

    fn write_step(&mut self, path: &mut String, node: NodeRef<'_, Node>) {
        let Some(element) = node.value().as_element() else {
            return;
        };
        let name = element.name();
        write_identifier(path, name);
        if !matches!(name, "html" | "body") {
            // Classes for the reader only: the element has them, so they
            // never change what the path selects.
            let classes = element.attr("class").unwrap_or("");
            for class in classes
                .split_ascii_whitespace()
                .filter(|class| is_plain_class(class))
                .take(2)
            {
                path.push('.');
                path.push_str(class);
            }
        }
        let (place, is_only) = self.place_of(node);
        if !is_only {
            let _ = write!(path, ":nth-of-type({place})");
        }
    }

    /// `node`'s place among its siblings of its tag, counted for all its
    /// siblings at once, so that a list of ten thousand items costs ten
    /// thousand steps, not fifty million.
    fn place_of(&mut self, node: NodeRef<'_, Node>) -> (u32, bool) {
        if let Some(&place) = self.places.get(&node.id()) {
            return place;
        }
        let Some(parent) = node.parent() else {
            return (1, true);
        };
        let siblings: Vec<(NodeId, &str)> = parent
            .children()
            .filter_map(|child| Some((child.id(), child.value().as_element()?.name())))
            .collect();
        let mut totals: HashMap<&str, u32> = HashMap::new();
        for &(_, name) in &siblings {
            *totals.entry(name).or_default() += 1;
        }
        let mut seen: HashMap<&str, u32> = HashMap::new();
        for &(id, name) in &siblings {
            let count = seen.entry(name).or_default();
            *count += 1;
            self.places.insert(id, (*count, totals[name] == 1));
        }
        self.places.get(&node.id()).copied().unwrap_or((1, true))
    }
}

/// Whether `class` reads well in a selector as it stands: a CSS
/// identifier needing no escape, and short.
fn is_plain_class(class: &str) -> bool {
    let mut chars = class.chars();
    let starts_well = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_');
    starts_well
        && class.len() <= 40
        && chars.all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
}

/// Writes `name` as a CSS identifier, escaping what needs it (`o:p`, a
/// Word export's tag, is `o\:p`).
fn write_identifier(out: &mut String, name: &str) {
    for (index, ch) in name.chars().enumerate() {
        let plain = ch.is_ascii_alphabetic()
            || ch == '_'
            || !ch.is_ascii()
            || (index > 0 && (ch.is_ascii_digit() || ch == '-'));
        if plain {
            out.push(ch);
        } else if ch.is_ascii_control() || ch.is_ascii_digit() {
            let _ = write!(out, "\\{:x} ", u32::from(ch));
        } else {
            out.push('\\');
            out.push(ch);
        }
    }
}

/// How the page's bytes were decoded to the text the lines were found in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decoding {
    pub(crate) encoding: &'static Encoding,
    /// Bytes before the decoded text (a byte-order mark).
    pub(crate) skipped: usize,
}

/// Turns offsets into `decoded` (the text `bytes` decoded to as
/// `decoding` says) into offsets into `bytes`, in place. Offsets must be
/// character boundaries of `decoded`.
pub(crate) fn to_input_offsets(
    bytes: &[u8],
    decoded: &str,
    decoding: Decoding,
    offsets: &mut [&mut usize],
) {
    let base = bytes.as_ptr() as usize;
    let at = decoded.as_ptr() as usize;
    if at >= base && at + decoded.len() <= base + bytes.len() {
        // The text is the bytes themselves (UTF-8, or ASCII).
        let shift = at - base;
        offsets.iter_mut().for_each(|offset| **offset += shift);
        return;
    }
    offsets.sort_unstable_by_key(|offset| **offset);
    let encoding = decoding.encoding;
    if encoding.is_single_byte() || encoding == UTF_16LE || encoding == UTF_16BE {
        let bytes_per_unit = if encoding.is_single_byte() { 1 } else { 2 };
        map_by_units(decoded, decoding.skipped, bytes_per_unit, offsets);
    } else {
        map_by_decoding(&bytes[decoding.skipped..], decoding, offsets);
    }
}

/// For decoders whose every character comes from a fixed number of bytes
/// per unit (a byte; a UTF-16 code unit): counts units.
fn map_by_units(decoded: &str, skipped: usize, bytes_per_unit: usize, offsets: &mut [&mut usize]) {
    let mut units = 0;
    let mut position = 0;
    for offset in offsets.iter_mut() {
        let target = (**offset).min(decoded.len());
        let chars = decoded.get(position..target).unwrap_or("");
        units += match bytes_per_unit {
            1 => chars.chars().count(),
            _ => chars.encode_utf16().count(),
        };
        position = position.max(target);
        **offset = skipped + units * bytes_per_unit;
    }
}

/// For the other decoders: feeds the bytes one at a time and notes how
/// much text each has produced. A character at `d` in the text starts at
/// the first byte after which the decoder had produced `d` bytes of text.
fn map_by_decoding(bytes: &[u8], decoding: Decoding, offsets: &mut [&mut usize]) {
    let mut decoder = decoding.encoding.new_decoder_without_bom_handling();
    let mut produced = 0;
    let mut buffer = [0u8; 64];
    let mut next = 0;
    for (index, byte) in bytes.iter().enumerate() {
        while next < offsets.len() && *offsets[next] <= produced {
            *offsets[next] = decoding.skipped + index;
            next += 1;
        }
        if next == offsets.len() {
            return;
        }
        let (_, _, written, _) =
            decoder.decode_to_utf8(std::slice::from_ref(byte), &mut buffer, false);
        produced += written;
    }
    for offset in &mut offsets[next..] {
        **offset = decoding.skipped + bytes.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::html::{segment_html_with, HiddenText};

    /// The page's document, with provenance.
    fn traced(html: &str) -> Document {
        segment_html_with(html, HiddenText::Skip, true)
    }

    /// Each line's text and the markup its range holds.
    fn ranges(html: &str) -> Vec<(String, String)> {
        let document = traced(html);
        document
            .lines
            .iter()
            .map(|line| {
                let source = &html[line.source_start as usize..line.source_end as usize];
                (document.line_text(line).to_owned(), source.to_owned())
            })
            .collect()
    }

    #[test]
    fn lines_are_found_in_the_markup() {
        let html = "<html><head><title>Ports</title><style>p{}</style></head><body>\
            <p>Storm <b>closes</b>\n   ports</p><!-- Storm --><p>Fish &amp; chips&nbsp;&#x41;</p></body></html>";
        assert_eq!(
            ranges(html),
            [
                (
                    "Storm closes ports".into(),
                    "Storm <b>closes</b>\n   ports".into()
                ),
                (
                    "Fish & chips A".into(),
                    "Fish &amp; chips&nbsp;&#x41;".into()
                ),
            ]
        );
    }

    #[test]
    fn text_the_walk_leaves_out_lies_between_pieces() {
        let html = "<p>Share<button>Tweet</button>this story</p><p>Tweet this</p>";
        assert_eq!(
            ranges(html)[0],
            (
                "Sharethis story".into(),
                "Share<button>Tweet</button>this story".into()
            )
        );
        assert_eq!(ranges(html)[1].1, "Tweet this");
    }

    #[test]
    fn raw_text_the_walk_reads_is_found() {
        let html = "<xmp>a &amp; <b>b</b></xmp><p>after</p>";
        let document = traced(html);
        assert_eq!(document.line_text(&document.lines[0]), "a &amp; <b>b</b>");
        assert_eq!(ranges(html)[0].1, "a &amp; <b>b</b>");
    }

    #[test]
    fn lines_the_markup_does_not_hold_cost_no_square() {
        // Text the walk reads but the scan cannot find, many times over:
        // each line is looked for near the last once failures add up.
        let mut document = crate::segment::text::segment_text(&"Found here\n".repeat(20_000));
        let missing = document.lines.len();
        let html = "<p>Nothing</p>".repeat(50_000);
        let started = std::time::Instant::now();
        locate_lines(&html, &mut document, NoscriptText::Skip);
        assert!(document
            .lines
            .iter()
            .all(|line| line.source_start == line.source_end));
        // Unbounded, the searches would read 20,000 times 350 kB, a few
        // times over.
        assert!(missing == 20_000 && started.elapsed().as_secs() < 3);
    }

    #[test]
    fn repeated_lines_are_found_in_order() {
        let html = "<ul><li>More</li><li>More</li></ul><script>var s = 'More';</script><p>More</p>";
        let document = traced(html);
        let starts: Vec<usize> = document
            .lines
            .iter()
            .map(|line| line.source_start as usize)
            .collect();
        let expected: Vec<usize> = html.match_indices("More").map(|(at, _)| at).collect();
        assert_eq!(starts, [expected[0], expected[1], expected[3]]);
    }

    #[test]
    fn references_are_read_as_the_tokenizer_reads_them() {
        let read = |text: &str| {
            character_reference(text)
                .map(|(chars, length)| (chars.into_iter().flatten().collect::<String>(), length))
        };
        assert_eq!(read("&amp;x"), Some(("&".into(), 5)));
        assert_eq!(read("&ampx"), Some(("&".into(), 4)));
        assert_eq!(read("&notin;"), Some(("∉".into(), 7)));
        assert_eq!(read("&notit;"), Some(("¬".into(), 4)));
        assert_eq!(read("&#8212;"), Some(("—".into(), 7)));
        assert_eq!(read("&#x80;"), Some(("€".into(), 6)));
        assert_eq!(read("&#0;"), Some(("\u{fffd}".into(), 4)));
        assert_eq!(read("&nosuch;"), None);
        assert_eq!(read("&# x"), None);
    }

    #[test]
    fn paths_count_siblings_of_a_tag() {
        let html = "<body><div class='story main'><h1>Title</h1><p>One</p><div><p>Deep</p></div>\
            <p>Two <b>bold</b></p></div><div><p>Other</p></div></body>";
        let document = traced(html);
        let paths: Vec<Option<&str>> = document
            .lines
            .iter()
            .map(|line| document.line_path(line))
            .collect();
        assert_eq!(
            paths,
            [
                Some("html > body > div.story.main:nth-of-type(1) > h1"),
                Some("html > body > div.story.main:nth-of-type(1) > p:nth-of-type(1)"),
                Some("html > body > div.story.main:nth-of-type(1) > div > p"),
                Some("html > body > div.story.main:nth-of-type(1) > p:nth-of-type(2)"),
                Some("html > body > div:nth-of-type(2) > p"),
            ]
        );
    }

    #[test]
    fn names_are_escaped() {
        let mut out = String::new();
        write_identifier(&mut out, "o:p");
        assert_eq!(out, "o\\:p");
        assert!(
            is_plain_class("story-body_2") && !is_plain_class("2col") && !is_plain_class("a:b")
        );
    }

    #[test]
    fn a_title_never_closed_ends_at_the_next_tag() {
        let html = "<title>Ports\n<p>The storm closed the ports.</p>";
        let document = traced(html);
        assert!(document.lines.iter().all(|line| line.element == NO_ELEMENT));
        assert_eq!(
            ranges(html).last().map(|range| range.1.as_str()),
            Some("The storm closed the ports.")
        );
    }

    #[test]
    fn reshaped_pages_have_no_paths() {
        let deep = format!("{}<p>Deep text here</p>", "<div>".repeat(300));
        let document = traced(&deep);
        assert!(!document.lines.is_empty());
        assert!(document.lines.iter().all(|line| line.element == NO_ELEMENT));
        assert_eq!(ranges(&deep)[0].1, "Deep text here");
    }

    #[test]
    fn decoded_offsets_go_back_to_the_bytes() {
        for (label, sample, skipped) in [
            ("windows-1252", "Caf\u{e9} cr\u{e8}me", 0),
            ("shift_jis", "\u{65e5}\u{672c} end \u{ff71}", 0),
            ("utf-16le", "Caf\u{e9} \u{65e5} \u{1f600}", 2),
            ("gb18030", "Caf\u{e9} \u{65e5}\u{672c} \u{1f600}", 0),
            ("utf-8", "Caf\u{e9}\u{fffd} end", 0),
        ] {
            let encoding = Encoding::for_label(label.as_bytes()).expect("a label");
            let mut bytes = if skipped == 2 {
                vec![0xFF, 0xFE]
            } else {
                Vec::new()
            };
            if encoding == UTF_16LE {
                bytes.extend(sample.encode_utf16().flat_map(u16::to_le_bytes));
            } else if label == "utf-8" {
                // Invalid UTF-8: a lone continuation byte, decoded as U+FFFD.
                bytes.extend_from_slice(b"Caf\xc3\xa9\x80 end");
            } else {
                bytes.extend_from_slice(&encoding.encode(sample).0);
            }
            let decoded = encoding.decode_without_bom_handling(&bytes[skipped..]).0;
            assert_eq!(decoded, sample, "{label}");
            let boundaries: Vec<usize> = sample
                .char_indices()
                .map(|(at, _)| at)
                .chain([sample.len()])
                .collect();
            let mut mapped = boundaries.clone();
            let mut offsets: Vec<&mut usize> = mapped.iter_mut().collect();
            to_input_offsets(
                &bytes,
                &decoded,
                Decoding { encoding, skipped },
                &mut offsets,
            );
            // Each character's bytes decode to the character alone.
            for (text, source) in boundaries.windows(2).zip(mapped.windows(2)) {
                let piece = encoding
                    .decode_without_bom_handling(&bytes[source[0]..source[1]])
                    .0;
                assert_eq!(piece, &sample[text[0]..text[1]], "{label}");
            }
            assert_eq!(mapped.last(), Some(&bytes.len()), "{label}");
        }
    }
}
