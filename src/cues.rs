//! The one owner of cue lexicons and patterns, each compiled once.
//!
//! The phrases of [`crate::lexicon`] are read in two ways, each with
//! matchers of its own, built on first use and shared by all threads:
//!
//! - *opening* phrases (section headings, widget labels, "read more:"
//!   leads, bylines, sources) count only where the line's text starts, so
//!   they are matched by an **anchored** Aho–Corasick search from that
//!   point. It stops as soon as no phrase can continue, after a few bytes
//!   on most lines, however long the line; and a lookup of the phrases
//!   keyed by their first four bytes spares the search the lines no phrase
//!   opens (nine in ten).
//! - *contained* markers (legal lines, photo credits) and date words count
//!   anywhere, so they are looked for all along the line, but only on
//!   lines short enough for them to mean anything: credits and legal text
//!   on lines of at most [`CONTAINED_MAX_WORDS`], date words on lines of at
//!   most [`DATE_MAX_WORDS`] that hold a digit (a date line without a day
//!   or a year is not one). Long paragraphs, most of a page's bytes, are
//!   not scanned at all. Both go through a [`WindowSet`], a filter of
//!   the text's 3- or 4-byte windows, three times faster than an NFA
//!   here: the markers alone keyed by 4 bytes, and on lines that may be
//!   dates the markers with the date words (some only three bytes long,
//!   and counted only as whole words) keyed by 3.
//!
//! The opening automaton is a contiguous NFA: as a DFA it ran 10–20%
//! faster but took 42 MB, doubling the peak memory of extracting a large
//! page.

use crate::char_class::{char_class, ALPHABETIC, DIGIT};
use crate::lexicon;
use crate::window_set::WindowSet;
use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use std::sync::LazyLock;

/// Bit flags: which cues a line carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CueSet(u16);

impl CueSet {
    /// The line opens a list of other stories ("Related", "Most read").
    pub const RELATED_HEADING: CueSet = CueSet(1);
    /// The line is an inline link to another story ("Read more: …").
    pub const RELATED_LEAD: CueSet = CueSet(1 << 1);
    /// The line is a widget or menu label ("Share", "Sign in").
    pub const NAVIGATION: CueSet = CueSet(1 << 2);
    /// The line carries legal or cookie text ("All rights reserved").
    pub const LEGAL: CueSet = CueSet(1 << 3);
    /// The line carries a photo or video credit ("Photo:", "Ảnh:").
    pub const CAPTION: CueSet = CueSet(1 << 4);
    /// The line is an author line ("By …", "Par …").
    pub const BYLINE: CueSet = CueSet(1 << 5);
    /// The line is an attribution line ("Source: …", "Theo …").
    pub const SOURCE: CueSet = CueSet(1 << 6);
    /// The line is a date or time line.
    pub const DATE: CueSet = CueSet(1 << 7);
    /// The line opens a reader-comments section ("Comments", "12 comments").
    pub const COMMENT_HEADING: CueSet = CueSet(1 << 8);
    /// Headings the article never continues past.
    pub const SECTION_WALL: CueSet = CueSet::RELATED_HEADING.union(CueSet::COMMENT_HEADING);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: CueSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any flag of `other` is set.
    pub fn intersects(self, other: CueSet) -> bool {
        self.0 & other.0 != 0
    }

    /// Both sets' flags.
    pub const fn union(self, other: CueSet) -> CueSet {
        CueSet(self.0 | other.0)
    }

    /// The flags of `self` that `other` does not have.
    pub const fn difference(self, other: CueSet) -> CueSet {
        CueSet(self.0 & !other.0)
    }

    fn insert(&mut self, other: CueSet) {
        self.0 |= other.0;
    }
}

/// The lexicons of phrases that open a line, each read its own way.
#[derive(Clone, Copy)]
enum Opening {
    RelatedHeading,
    CommentHeading,
    RelatedLead,
    Navigation,
    Byline,
    Source,
}

/// Longest line (in words) that a heading phrase may open.
const HEADING_MAX_WORDS: u32 = 6;
/// Longest line (in words) that a counted comment heading may open: the
/// count, the phrase, and the post's title after it.
const COUNTED_HEADING_MAX_WORDS: u32 = 24;
/// Share of a heading line a related-stories phrase must cover: "Most
/// read in Science" is a heading, "Popular languages include:" a sentence
/// of the article that happens to open with one.
const HEADING_MIN_COVER: f32 = 0.4;
/// Share of a heading line a comments phrase must cover: "Comment on this
/// story" heads the comments, "Comment engagement score (0-50 points)" is
/// the article's own subheading. Lower than [`HEADING_MIN_COVER`]: the
/// comment phrases are shorter. Swept 0, 0.25, 0.4 on the six HTML sets:
/// 0.25 changed four pages, three of them up (WCXB articles +0.0004,
/// CleanEval +0.0003); 0.4 also cut real comment headings (Dragnet
/// -0.0005).
const COMMENT_HEADING_MIN_COVER: f32 = 0.25;
/// Longest line (in words) a contained marker (legal text, a credit)
/// still marks: in a paragraph longer than this, "copyright" or "photo"
/// is a word of the story.
const CONTAINED_MAX_WORDS: u32 = 40;
/// Longest line (in words) that a widget label may open.
const NAVIGATION_MAX_WORDS: u32 = 4;
/// Longest line (in words) that may be a byline.
const BYLINE_MAX_WORDS: u32 = 8;
/// Longest line (in words) that may be a source line.
const SOURCE_MAX_WORDS: u32 = 10;
/// Longest line (in words) that may be a date line.
const DATE_MAX_WORDS: u32 = 12;

/// How the opening phrases are read, by lexicon.
const OPENING_LEXICONS: [(&[&str], Opening); 6] = [
    (lexicon::RELATED_HEADINGS, Opening::RelatedHeading),
    (lexicon::COMMENT_HEADINGS, Opening::CommentHeading),
    (lexicon::RELATED_LEADS, Opening::RelatedLead),
    (lexicon::NAVIGATION_LINES, Opening::Navigation),
    (lexicon::BYLINE_PREFIXES, Opening::Byline),
    (lexicon::SOURCE_PREFIXES, Opening::Source),
];

struct CueMatcher {
    /// The opening phrases, searched anchored at the line's start.
    opening: AhoCorasick,
    /// The lexicon of each opening phrase, by pattern id.
    opening_lexicons: Vec<Opening>,
    /// The opening phrases keyed by their first four bytes: whether any
    /// opens the line, for a fraction of the cost of the anchored search,
    /// which then runs only on the lines one does open (a tenth).
    opening_filter: WindowSet<4>,
    /// Legal markers (group 0) and caption markers (group 1).
    contained: WindowSet<4>,
    /// Consent and cookie notice phrases, for the start of long lines.
    consent: WindowSet<4>,
    /// The contained markers, then the date words, for short lines with a
    /// digit.
    contained_and_dates: WindowSet<3>,
    /// Numeric dates and clock times: 05/11/2024, 2024-11-05, 17:12.
    numeric_date: Regex,
    /// A day of the month or a year, as it stands beside a month name.
    day_or_year: Regex,
}

static MATCHER: LazyLock<CueMatcher> = LazyLock::new(CueMatcher::new);

impl CueMatcher {
    fn new() -> Self {
        let mut opening_patterns = Vec::new();
        let mut opening_lexicons = Vec::new();
        for (phrases, lexicon) in OPENING_LEXICONS {
            opening_patterns.extend_from_slice(phrases);
            opening_lexicons.extend(std::iter::repeat_n(lexicon, phrases.len()));
        }
        let opening = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&opening_patterns)
            .expect("the opening phrases are valid patterns");
        let opening_filter = WindowSet::new(&[&opening_patterns]);
        let contained = WindowSet::new(&[lexicon::LEGAL_MARKERS, lexicon::CAPTION_MARKERS]);
        let consent = WindowSet::new(&[lexicon::CONSENT_PHRASES]);
        let contained_and_dates = WindowSet::new(&[
            lexicon::LEGAL_MARKERS,
            lexicon::CAPTION_MARKERS,
            lexicon::DATE_WORDS,
        ]);
        let numeric_date =
            Regex::new(r"(?-u:\b)(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2})(?-u:\b)")
                .expect("valid regex");
        let day_or_year =
            Regex::new(r"(?-u:\b)(\d{1,2}|1[89]\d\d|20\d\d)(?-u:\b)").expect("valid regex");
        CueMatcher {
            opening,
            opening_lexicons,
            opening_filter,
            contained,
            consent,
            contained_and_dates,
            numeric_date,
            day_or_year,
        }
    }
}

/// Finds the cues of one line.
///
/// `lowercase` is the line normalised and lowercased
/// ([`crate::normalize::lowercase_normalized_into`]); `words` its word
/// count; `has_digit` whether it holds any digit (a date needs one).
pub(crate) fn match_cues(lowercase: &str, words: u32, has_digit: bool) -> CueSet {
    let matcher = &*MATCHER;
    let core = core_span(lowercase);
    let mut cues = opening_cues(matcher, lowercase, &core, words);
    // "12 comments": a comment heading may open after a count. Only lines
    // with a digit carry a count; with one, the heading may go on to name
    // the post ("59 comments on “…”", "12 Kommentare zu „…“").
    if has_digit && words <= COUNTED_HEADING_MAX_WORDS {
        let counted_start = skip_count(lowercase, core.start);
        if counted_start != core.start {
            for (lexicon, end) in opening_hits(matcher, lowercase, counted_start) {
                if matches!(lexicon, Opening::CommentHeading) && ends_on_boundary(lowercase, end) {
                    cues.insert(CueSet::COMMENT_HEADING);
                }
            }
            let counted = &lowercase[counted_start..];
            let heads_comments = lexicon::COUNTED_COMMENT_HEADINGS.iter().any(|phrase| {
                counted.starts_with(phrase) && ends_on_boundary(counted, phrase.len())
            });
            if heads_comments {
                cues.insert(CueSet::COMMENT_HEADING);
            }
        }
    }
    if words > CONTAINED_MAX_WORDS {
        // A consent banner's long paragraph says what it is early on.
        if matcher.consent.groups_in(consent_window(lowercase), 0b1) != 0 {
            cues.insert(CueSet::LEGAL);
        }
        return cues;
    }
    let may_be_date = has_digit && words <= DATE_MAX_WORDS;
    let (contained, date_words) = contained_cues(matcher, lowercase, may_be_date);
    cues.insert(contained);
    if may_be_date
        && ((may_hold_numeric_date(lowercase) && matcher.numeric_date.is_match(lowercase))
            || (date_words && matcher.day_or_year.is_match(lowercase)))
    {
        cues.insert(CueSet::DATE);
    }
    cues
}

/// How far into a long line a consent phrase is looked for: about its
/// first sentence or two.
const CONSENT_WINDOW_BYTES: usize = 240;

/// The start of `text`, up to [`CONSENT_WINDOW_BYTES`] and a character
/// boundary.
fn consent_window(text: &str) -> &str {
    let mut end = text.len().min(CONSENT_WINDOW_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether `text` may hold what `numeric_date` matches: every such match
/// has a digit right before a `.`, `/`, `-` or `:`, and the last byte of
/// a digit is an ASCII digit or, for other scripts' digits, a byte over
/// 0x7f. Most short lines with a number have no such pair ("12
/// comments"), and this byte loop rules them out for a fraction of what
/// starting the regex costs. Every pair is tested, with no early exit and
/// no branch: the lines are short, and a branch a byte was mispredicted
/// every few lines.
fn may_hold_numeric_date(text: &str) -> bool {
    text.as_bytes().windows(2).fold(false, |found, pair| {
        let mark = matches!(pair[1], b'.' | b'/' | b'-' | b':');
        let digit = pair[0].is_ascii_digit() | (pair[0] > 0x7f);
        found | (mark & digit)
    })
}

/// The cues of the phrases that open the line's core.
fn opening_cues(
    matcher: &CueMatcher,
    lowercase: &str,
    core: &std::ops::Range<usize>,
    words: u32,
) -> CueSet {
    let mut cues = CueSet::default();
    for (lexicon, end) in opening_hits(matcher, lowercase, core.start) {
        if !ends_on_boundary(lowercase, end) {
            continue;
        }
        let whole = end == core.end;
        let length = end - core.start;
        match lexicon {
            Opening::RelatedHeading
                if whole
                    || (words <= HEADING_MAX_WORDS
                        && covers(length, core.len(), HEADING_MIN_COVER)) =>
            {
                cues.insert(CueSet::RELATED_HEADING)
            }
            Opening::CommentHeading
                if whole
                    || (words <= HEADING_MAX_WORDS
                        && covers(length, core.len(), COMMENT_HEADING_MIN_COVER)) =>
            {
                cues.insert(CueSet::COMMENT_HEADING)
            }
            Opening::RelatedLead if !whole => cues.insert(CueSet::RELATED_LEAD),
            Opening::Navigation if whole || words <= NAVIGATION_MAX_WORDS => {
                cues.insert(CueSet::NAVIGATION)
            }
            Opening::Byline if !whole && words <= BYLINE_MAX_WORDS => cues.insert(CueSet::BYLINE),
            Opening::Source if words <= SOURCE_MAX_WORDS => cues.insert(CueSet::SOURCE),
            _ => {}
        }
    }
    cues
}

/// Every opening phrase that starts exactly at `start`, as its lexicon and
/// end. An anchored search: it reads only as far as some phrase could
/// still match.
fn opening_hits<'a>(
    matcher: &'a CueMatcher,
    lowercase: &'a str,
    start: usize,
) -> impl Iterator<Item = (Opening, usize)> + 'a {
    let input = Input::new(lowercase).range(start..).anchored(Anchored::Yes);
    let mut state = OverlappingState::start();
    let opens = matcher.opening_filter.starts_at(lowercase, start);
    std::iter::from_fn(move || loop {
        if !opens {
            return None;
        }
        // Cannot fail: the automaton supports anchored overlapping
        // searches (Standard semantics, anchored start state).
        matcher
            .opening
            .try_find_overlapping(input.clone(), &mut state)
            .ok()?;
        let hit = state.get_match()?;
        // A state's matches include phrases that are suffixes of the text
        // read so far; only those that start at `start` open the line.
        if hit.start() == start {
            return Some((
                matcher.opening_lexicons[hit.pattern().as_usize()],
                hit.end(),
            ));
        }
    })
}

/// The legal and caption flags of a line, and whether a date word stands
/// in it on word boundaries (looked for only when `dates` is set).
fn contained_cues(matcher: &CueMatcher, lowercase: &str, dates: bool) -> (CueSet, bool) {
    let mut cues = CueSet::default();
    if !dates {
        let groups = matcher.contained.groups_in(lowercase, 0b11);
        if groups & 0b01 != 0 {
            cues.insert(CueSet::LEGAL);
        }
        if groups & 0b10 != 0 {
            cues.insert(CueSet::CAPTION);
        }
        return (cues, false);
    }
    // Date words count only as whole words (group 2 on boundaries).
    let groups =
        matcher
            .contained_and_dates
            .groups_standing_in(lowercase, 0b111, 0b100, |start, end| {
                starts_on_boundary(lowercase, start) && ends_on_boundary(lowercase, end)
            });
    if groups & 0b001 != 0 {
        cues.insert(CueSet::LEGAL);
    }
    if groups & 0b010 != 0 {
        cues.insert(CueSet::CAPTION);
    }
    let date_word = groups & 0b100 != 0;
    (cues, date_word)
}

/// Whether a phrase of `phrase` bytes covers at least `share` of a line
/// core of `core` bytes.
fn covers(phrase: usize, core: usize, share: f32) -> bool {
    phrase as f32 >= share * core as f32
}

/// The byte range of `text` without leading and trailing characters that
/// are neither letters nor digits (bullets, arrows, pipes, colons).
fn core_span(text: &str) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    // Most lines start and end with an ASCII letter or digit: no
    // character needs decoding.
    let start = match bytes.first() {
        Some(first) if first.is_ascii_alphanumeric() => 0,
        _ => text
            .char_indices()
            .find(|&(_, ch)| is_alphanumeric(ch))
            .map_or(text.len(), |(index, _)| index),
    };
    let end = match bytes.last() {
        Some(last) if last.is_ascii_alphanumeric() => bytes.len(),
        _ => text
            .char_indices()
            .rev()
            .find(|&(_, ch)| is_alphanumeric(ch))
            .map_or(start, |(index, ch)| index + ch.len_utf8()),
    };
    start..end.max(start)
}

/// Where a heading starts once a leading count ("12 comments") is skipped.
fn skip_count(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let after_digits = rest.trim_start_matches(|ch: char| ch.is_ascii_digit());
    if after_digits.len() == rest.len() {
        return start;
    }
    text.len() - after_digits.trim_start().len()
}

/// Whether a match ending at `end` ends on a word boundary. Scripts written
/// without spaces (CJK, Thai) have no boundaries to check.
fn ends_on_boundary(text: &str, end: usize) -> bool {
    ascii_boundary(text, end).unwrap_or_else(|| ends_on_boundary_by_chars(text, end))
}

fn ends_on_boundary_by_chars(text: &str, end: usize) -> bool {
    let before = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => !(is_spaced_letter(b) && is_alphanumeric(a)),
        _ => true,
    }
}

/// Whether a match starting at `start` starts on a word boundary.
fn starts_on_boundary(text: &str, start: usize) -> bool {
    ascii_boundary(text, start).unwrap_or_else(|| starts_on_boundary_by_chars(text, start))
}

fn starts_on_boundary_by_chars(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    match (before, first) {
        (Some(b), Some(f)) => !(is_spaced_letter(f) && is_alphanumeric(b)),
        _ => true,
    }
}

/// Whether `at` is a word boundary, read from the bytes on either side
/// when both are ASCII (whose letters and digits are all of spaced
/// scripts): a boundary is missing only between two letters or digits,
/// for a match's start and for its end alike. `None` when either side is
/// not ASCII. Date words are checked on most short lines with a digit,
/// and decoding the characters around each cost more than the check.
fn ascii_boundary(text: &str, at: usize) -> Option<bool> {
    let bytes = text.as_bytes();
    let before = at.checked_sub(1).and_then(|index| bytes.get(index));
    let (Some(&before), Some(&after)) = (before, bytes.get(at)) else {
        return Some(true);
    };
    (before.is_ascii() && after.is_ascii())
        .then(|| !(before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric()))
}

/// `char::is_alphanumeric`, from the table of [`char_class`] for the
/// characters it describes. The standard library answers with a binary
/// search of its tables: on lines that open or end beyond ASCII, 0.9 M
/// of the 124 M instructions of a Scrapinghub text pass.
fn is_alphanumeric(ch: char) -> bool {
    if ch.is_ascii() {
        return ch.is_ascii_alphanumeric();
    }
    match char_class(ch) {
        Some(classes) => classes & (ALPHABETIC | DIGIT) != 0,
        None => ch.is_alphanumeric(),
    }
}

/// A letter of a script that separates words with spaces.
fn is_spaced_letter(ch: char) -> bool {
    is_alphanumeric(ch) && !is_unspaced_script(ch)
}

/// Characters of scripts written without spaces between words.
pub(crate) fn is_unspaced_script(ch: char) -> bool {
    matches!(ch,
        '\u{0E00}'..='\u{0EFF}'   // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pieces::Pieces;

    #[test]
    fn letters_and_digits_are_told_as_the_standard_library_tells_them() {
        for ch in (0..0x3_1000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(ch), ch.is_alphanumeric(), "{ch:?}");
        }
    }

    #[test]
    fn boundaries_read_as_bytes_agree_with_boundaries_read_as_characters() {
        let mut pieces = Pieces::seeded(5);
        let alphabet = ["a", "Z", "7", " ", "-", "é", "中", "ß", "١", ":", "x"];
        for _ in 0..5_000 {
            let text = pieces.string(&alphabet, 5);
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                assert_eq!(
                    ends_on_boundary(&text, at),
                    ends_on_boundary_by_chars(&text, at),
                    "{text:?} {at}"
                );
                assert_eq!(
                    starts_on_boundary(&text, at),
                    starts_on_boundary_by_chars(&text, at),
                    "{text:?} {at}"
                );
            }
        }
    }

    #[test]
    fn the_numeric_date_prefilter_passes_every_match() {
        let pieces = [
            "1", "12", "2024", "٣", "１", ".", "/", "-", ":", " ", "a", "é", "_",
        ];
        let mut generator = Pieces::seeded(5);
        let (mut matches, mut ruled_out) = (0, 0);
        for _ in 0..20_000 {
            let text = generator.string(&pieces, 7);
            let is_match = MATCHER.numeric_date.is_match(&text);
            assert!(!is_match || may_hold_numeric_date(&text), "{text:?}");
            matches += usize::from(is_match);
            ruled_out += usize::from(!may_hold_numeric_date(&text));
        }
        assert!(matches > 100 && ruled_out > 500, "{matches} {ruled_out}");
    }

    #[test]
    fn a_related_heading_is_most_of_its_line() {
        assert!(match_cues("most read in science", 4, false).contains(CueSet::RELATED_HEADING));
        assert!(
            !match_cues("popular front-end languages include:", 4, false)
                .contains(CueSet::RELATED_HEADING)
        );
    }

    #[test]
    fn a_long_paragraph_is_not_marked_by_a_word_of_its_story() {
        let story = "the court ruled that the copyright in the photograph, taken in 1932 by a farmer who never sold it, had passed to his family, who kept it in a drawer for decades until a grandson found it while clearing the house last spring and brought it to the archive";
        assert!(!match_cues(story, 46, true).intersects(CueSet::CAPTION.union(CueSet::LEGAL)));
    }

    #[test]
    fn contained_markers_count_anywhere_in_long_lines() {
        let line = "the minister spoke for an hour about the budget, the schools and the roads of the region, and then left the hall (photo: reuters)";
        let cues = match_cues(line, 25, false);
        assert!(cues.contains(CueSet::CAPTION));
        let lead = "read more: the minister spoke for an hour about the budget, the schools and the roads of the region, and then left";
        assert!(match_cues(lead, 22, false).contains(CueSet::RELATED_LEAD));
    }

    fn cues(text: &str) -> CueSet {
        let words = text.split_whitespace().count() as u32;
        match_cues(text, words, text.bytes().any(|byte| byte.is_ascii_digit()))
    }

    #[test]
    fn section_headings_in_several_languages() {
        for line in [
            "related articles",
            "đọc nhiều",
            "à lire aussi",
            "lesen sie auch:",
            "› most read",
        ] {
            assert!(cues(line).contains(CueSet::RELATED_HEADING), "{line}");
        }
        assert!(
            !cues("related parties agreed to cut tariffs on steel imports last year")
                .contains(CueSet::RELATED_HEADING)
        );
    }

    #[test]
    fn read_more_leads_need_a_story_after_them() {
        assert!(cues("read more: storm hits the coast").contains(CueSet::RELATED_LEAD));
        assert!(!cues("read more").contains(CueSet::RELATED_LEAD));
    }

    #[test]
    fn credits_are_found_inside_a_line() {
        assert!(cues("the ministers meet in bangkok. photo: reuters").contains(CueSet::CAPTION));
        assert!(!cues("a photographer walked by").contains(CueSet::CAPTION));
    }

    #[test]
    fn prefixes_respect_word_boundaries() {
        assert!(cues("by jane doe").contains(CueSet::BYLINE));
        assert!(!cues("bystanders gathered near the scene").contains(CueSet::BYLINE));
    }

    #[test]
    fn a_long_consent_notice_is_legal_text() {
        let tail = " and to show you offers that fit what you read, measure how our pages \
                    perform, keep the site secure and remember your choices between visits, \
                    which you can change at any time from the settings at the foot of each \
                    page of the site and in the app, whatever device you use";
        let notice = format!("we and our partners store and access data on your device{tail}");
        assert!(cues(&notice).contains(CueSet::LEGAL));
        let panel = format!("these cookies are set by the services we have added{tail}");
        assert!(cues(&panel).contains(CueSet::LEGAL));
        let german = format!("wir verwenden cookies, um inhalte zu personalisieren{tail}");
        assert!(cues(&german).contains(CueSet::LEGAL));
        // An article about cookies, or one that names a consent phrase
        // late in a long paragraph, is no notice.
        let recipe = format!("these chocolate chip cookies bake in twelve minutes{tail}");
        assert!(!cues(&recipe).contains(CueSet::LEGAL));
        let late = format!("the minister spoke for an hour{tail}, and said we use cookies");
        assert!(!cues(&late).contains(CueSet::LEGAL));
    }

    #[test]
    fn a_subheading_that_opens_with_a_comment_word_is_no_comments_heading() {
        assert!(cues("comment on this story").contains(CueSet::COMMENT_HEADING));
        assert!(cues("kommentare zu diesem artikel").contains(CueSet::COMMENT_HEADING));
        assert!(!cues("comment engagement score (0-50 points)").contains(CueSet::COMMENT_HEADING));
    }

    #[test]
    fn comment_sections_may_carry_a_count() {
        assert!(cues("12 comments").contains(CueSet::COMMENT_HEADING));
        assert!(cues("bình luận").contains(CueSet::COMMENT_HEADING));
        assert!(
            !cues("comments from the minister were not expected by anyone here")
                .contains(CueSet::COMMENT_HEADING)
        );
        // A counted heading may name the post it is under.
        let named = "59 comments on “the long walk home through the hills of the north”";
        assert!(cues(named).contains(CueSet::COMMENT_HEADING));
        assert!(
            cues("12 kommentare zu „ein langer weg nach hause“").contains(CueSet::COMMENT_HEADING)
        );
        // WordPress's own heading, and its translations, only with a count.
        assert!(cues("8 thoughts on “six tips for more readers”").contains(CueSet::COMMENT_HEADING));
        assert!(cues("2 gedanken zu „ein langer weg“").contains(CueSet::COMMENT_HEADING));
        assert!(!cues("thoughts on the new budget").contains(CueSet::COMMENT_HEADING));
        assert!(!cues("3 thoughtsonline posts").contains(CueSet::COMMENT_HEADING));
    }

    #[test]
    fn dates_need_digits() {
        assert!(cues("05/11/2024 17:12").contains(CueSet::DATE));
        assert!(cues("published 3 march 2021").contains(CueSet::DATE));
        assert!(!cues("march").contains(CueSet::DATE));
    }
}
