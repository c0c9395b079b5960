//! The one owner of cue lexicons and patterns, each compiled once.
//!
//! Every phrase of every lexicon in [`crate::lexicon`] goes into one
//! Aho–Corasick automaton, built on first use and shared by all threads.
//! Matching a line is one scan of its lowercased text; each hit is then
//! read according to its lexicon: *contained* markers (photo credits,
//! legal lines) count anywhere, *line* phrases (section headings, widget
//! labels) must be the whole line or open a short one, *prefixes* (bylines,
//! "read more:" leads, sources) must open the line.
//!
//! Prose lines hold most of a page's bytes, yet only the contained markers
//! can match inside them: every other phrase must open the line. So a long
//! line is scanned whole only by a second, small automaton of the
//! contained markers, and by the full one only over its first
//! [`LONGEST_PHRASE_BYTES`]. Both are contiguous NFAs: as DFAs they ran
//! 10–20% faster but took 7.5 MB (contained markers) and 42 MB (all
//! phrases), doubling the peak memory of extracting a large page.

use crate::lexicon;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
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

    fn insert(&mut self, other: CueSet) {
        self.0 |= other.0;
    }
}

/// How a lexicon's phrases are read.
#[derive(Clone, Copy)]
enum Lexicon {
    RelatedHeading,
    CommentHeading,
    RelatedLead,
    Navigation,
    Legal,
    Caption,
    Byline,
    Source,
    DateWord,
}

/// Longest line (in words) that a heading phrase may open.
const HEADING_MAX_WORDS: u32 = 6;
/// Share of a heading line a related-stories phrase must cover: "Most
/// read in Science" is a heading, "Popular languages include:" a sentence
/// of the article that happens to open with one.
const HEADING_MIN_COVER: f32 = 0.4;
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
/// Longest line (in words) any line-opening phrase reads differently on:
/// the largest of the limits above.
const LONGEST_CUE_LINE_WORDS: u32 = DATE_MAX_WORDS;
/// Bytes of the longest phrase in any lexicon (checked by a unit test).
const LONGEST_PHRASE_BYTES: usize = 72;

struct CueMatcher {
    /// Every phrase of every lexicon.
    automaton: AhoCorasick,
    /// The contained markers alone (legal lines, credits), for the whole
    /// of long lines.
    contained: AhoCorasick,
    /// The lexicon of each pattern, by pattern id.
    lexicons: Vec<Lexicon>,
    /// Numeric dates and clock times: 05/11/2024, 2024-11-05, 17:12.
    numeric_date: Regex,
    /// A day of the month or a year, as it stands beside a month name.
    day_or_year: Regex,
}

static MATCHER: LazyLock<CueMatcher> = LazyLock::new(CueMatcher::new);

impl CueMatcher {
    fn new() -> Self {
        let tables: [(&[&str], Lexicon); 9] = [
            (lexicon::RELATED_HEADINGS, Lexicon::RelatedHeading),
            (lexicon::COMMENT_HEADINGS, Lexicon::CommentHeading),
            (lexicon::RELATED_LEADS, Lexicon::RelatedLead),
            (lexicon::NAVIGATION_LINES, Lexicon::Navigation),
            (lexicon::LEGAL_MARKERS, Lexicon::Legal),
            (lexicon::CAPTION_MARKERS, Lexicon::Caption),
            (lexicon::BYLINE_PREFIXES, Lexicon::Byline),
            (lexicon::SOURCE_PREFIXES, Lexicon::Source),
            (lexicon::DATE_WORDS, Lexicon::DateWord),
        ];
        let mut patterns = Vec::new();
        let mut lexicons = Vec::new();
        for (phrases, lexicon) in tables {
            for phrase in phrases {
                patterns.push(*phrase);
                lexicons.push(lexicon);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("the cue lexicons are valid patterns");
        let contained = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(
                lexicon::LEGAL_MARKERS
                    .iter()
                    .chain(lexicon::CAPTION_MARKERS),
            )
            .expect("the contained markers are valid patterns");
        let numeric_date =
            Regex::new(r"(?-u:\b)(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2})(?-u:\b)")
                .expect("valid regex");
        let day_or_year =
            Regex::new(r"(?-u:\b)(\d{1,2}|1[89]\d\d|20\d\d)(?-u:\b)").expect("valid regex");
        CueMatcher {
            automaton,
            contained,
            lexicons,
            numeric_date,
            day_or_year,
        }
    }
}

/// Finds the cues of one line.
///
/// `lowercase` is the line normalised and lowercased
/// ([`crate::normalize::normalize_lowercase_into`]); `words` its word count.
pub(crate) fn match_cues(lowercase: &str, words: u32) -> CueSet {
    let matcher = &*MATCHER;
    let core = core_span(lowercase);
    let counted_start = skip_count(lowercase, core.start);
    let mut cues = CueSet::default();
    let mut date_words = 0u32;
    // On a long line no phrase can be the whole line, and only contained
    // markers and line-opening phrases count: the full automaton reads the
    // opening, the small one the rest.
    let is_long = words > LONGEST_CUE_LINE_WORDS && core.len() > LONGEST_PHRASE_BYTES;
    let scanned = if is_long {
        let mut end = core.start + LONGEST_PHRASE_BYTES;
        while !lowercase.is_char_boundary(end) {
            end += 1;
        }
        &lowercase[..end]
    } else {
        lowercase
    };
    for hit in matcher.automaton.find_overlapping_iter(scanned) {
        let lexicon = matcher.lexicons[hit.pattern().as_usize()];
        let at_start = hit.start() == core.start && ends_on_boundary(lowercase, hit.end());
        let whole = at_start && hit.end() == core.end;
        match lexicon {
            Lexicon::Legal if !is_long => cues.insert(CueSet::LEGAL),
            Lexicon::Caption if !is_long => cues.insert(CueSet::CAPTION),
            Lexicon::DateWord
                if starts_on_boundary(lowercase, hit.start())
                    && ends_on_boundary(lowercase, hit.end()) =>
            {
                date_words += 1
            }
            Lexicon::RelatedHeading
                if whole
                    || (at_start
                        && words <= HEADING_MAX_WORDS
                        && covers(hit.len(), core.len(), HEADING_MIN_COVER)) =>
            {
                cues.insert(CueSet::RELATED_HEADING)
            }
            Lexicon::CommentHeading
                if hit.start() == counted_start
                    && ends_on_boundary(lowercase, hit.end())
                    && words <= HEADING_MAX_WORDS =>
            {
                cues.insert(CueSet::COMMENT_HEADING)
            }
            Lexicon::RelatedLead if at_start && !whole => cues.insert(CueSet::RELATED_LEAD),
            Lexicon::Navigation if whole || (at_start && words <= NAVIGATION_MAX_WORDS) => {
                cues.insert(CueSet::NAVIGATION)
            }
            Lexicon::Byline if at_start && !whole && words <= BYLINE_MAX_WORDS => {
                cues.insert(CueSet::BYLINE)
            }
            Lexicon::Source if at_start && words <= SOURCE_MAX_WORDS => cues.insert(CueSet::SOURCE),
            _ => {}
        }
    }
    if is_long && words <= CONTAINED_MAX_WORDS {
        cues.insert(contained_cues(&matcher.contained, lowercase));
    }
    if words <= DATE_MAX_WORDS
        && (matcher.numeric_date.is_match(lowercase)
            || (date_words > 0 && matcher.day_or_year.is_match(lowercase)))
    {
        cues.insert(CueSet::DATE);
    }
    cues
}

/// Whether a phrase of `phrase` bytes covers at least `share` of a line
/// core of `core` bytes.
fn covers(phrase: usize, core: usize, share: f32) -> bool {
    phrase as f32 >= share * core as f32
}

/// The legal and caption flags of a whole line, from the small automaton
/// (legal markers first, then caption markers, by pattern id).
fn contained_cues(contained: &AhoCorasick, lowercase: &str) -> CueSet {
    let legal_count = lexicon::LEGAL_MARKERS.len();
    let mut cues = CueSet::default();
    for hit in contained.find_overlapping_iter(lowercase) {
        if hit.pattern().as_usize() < legal_count {
            cues.insert(CueSet::LEGAL);
        } else {
            cues.insert(CueSet::CAPTION);
        }
        if cues.contains(CueSet::LEGAL.union(CueSet::CAPTION)) {
            break;
        }
    }
    cues
}

/// The byte range of `text` without leading and trailing characters that
/// are neither letters nor digits (bullets, arrows, pipes, colons).
fn core_span(text: &str) -> std::ops::Range<usize> {
    let start = text
        .char_indices()
        .find(|(_, ch)| ch.is_alphanumeric())
        .map_or(text.len(), |(index, _)| index);
    let end = text
        .char_indices()
        .rev()
        .find(|(_, ch)| ch.is_alphanumeric())
        .map_or(start, |(index, ch)| index + ch.len_utf8());
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
    let before = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => !(is_spaced_letter(b) && a.is_alphanumeric()),
        _ => true,
    }
}

fn starts_on_boundary(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    match (before, first) {
        (Some(b), Some(f)) => !(is_spaced_letter(f) && b.is_alphanumeric()),
        _ => true,
    }
}

/// A letter of a script that separates words with spaces.
fn is_spaced_letter(ch: char) -> bool {
    ch.is_alphanumeric() && !is_unspaced_script(ch)
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

    #[test]
    fn no_phrase_is_longer_than_the_opening_scanned_on_long_lines() {
        let tables = [
            lexicon::RELATED_HEADINGS,
            lexicon::COMMENT_HEADINGS,
            lexicon::RELATED_LEADS,
            lexicon::NAVIGATION_LINES,
            lexicon::LEGAL_MARKERS,
            lexicon::CAPTION_MARKERS,
            lexicon::BYLINE_PREFIXES,
            lexicon::SOURCE_PREFIXES,
            lexicon::DATE_WORDS,
        ];
        let longest = tables
            .iter()
            .flat_map(|table| table.iter())
            .map(|phrase| phrase.len())
            .max();
        assert!(
            longest.is_some_and(|longest| longest <= LONGEST_PHRASE_BYTES),
            "{longest:?}"
        );
    }

    #[test]
    fn a_related_heading_is_most_of_its_line() {
        assert!(match_cues("most read in science", 4).contains(CueSet::RELATED_HEADING));
        assert!(!match_cues("popular front-end languages include:", 4)
            .contains(CueSet::RELATED_HEADING));
    }

    #[test]
    fn a_long_paragraph_is_not_marked_by_a_word_of_its_story() {
        let story = "the court ruled that the copyright in the photograph, taken in 1932 by a farmer who never sold it, had passed to his family, who kept it in a drawer for decades until a grandson found it while clearing the house last spring and brought it to the archive";
        assert!(!match_cues(story, 46).intersects(CueSet::CAPTION.union(CueSet::LEGAL)));
    }

    #[test]
    fn contained_markers_count_anywhere_in_long_lines() {
        let line = "the minister spoke for an hour about the budget, the schools and the roads of the region, and then left the hall (photo: reuters)";
        let cues = match_cues(line, 25);
        assert!(cues.contains(CueSet::CAPTION));
        let lead = "read more: the minister spoke for an hour about the budget, the schools and the roads of the region, and then left";
        assert!(match_cues(lead, 22).contains(CueSet::RELATED_LEAD));
    }

    fn cues(text: &str) -> CueSet {
        let words = text.split_whitespace().count() as u32;
        match_cues(text, words)
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
    fn comment_sections_may_carry_a_count() {
        assert!(cues("12 comments").contains(CueSet::COMMENT_HEADING));
        assert!(cues("bình luận").contains(CueSet::COMMENT_HEADING));
        assert!(
            !cues("comments from the minister were not expected by anyone here")
                .contains(CueSet::COMMENT_HEADING)
        );
    }

    #[test]
    fn dates_need_digits() {
        assert!(cues("05/11/2024 17:12").contains(CueSet::DATE));
        assert!(cues("published 3 march 2021").contains(CueSet::DATE));
        assert!(!cues("march").contains(CueSet::DATE));
    }
}
