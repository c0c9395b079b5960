//! The feature pass: every line measured once into a small [`Features`]
//! record, then a context pass over neighbours and repeats.
//!
//! Measurements are language-neutral: sizes, sentence ends, punctuation,
//! digits, separators such as `|`, capitalisation, position, repetition on
//! the page and what the neighbours look like, plus the cue flags of
//! [`crate::cues`]. Scripts written without spaces (Chinese, Japanese,
//! Thai) count two characters as one word, so that word-based thresholds
//! mean about the same amount of text in every language.

use crate::cues::{is_unspaced_script, match_cues, CueSet};
use crate::document::{Document, HintSet, NO_CONTAINER};
use crate::normalize::{is_ascii_space, normalize_lowercase_into};

/// Unspaced-script characters that count as one word.
const UNSPACED_CHARS_PER_WORD: u32 = 2;
/// A line of at least this many words that ends a sentence reads as prose.
const PROSE_MIN_WORDS: u32 = 12;
/// A line of this many words is prose even without a sentence end.
const PROSE_ANY_WORDS: u32 = 30;
/// A line of at most this many words is a short label.
const LABEL_MAX_WORDS: u32 = 4;
/// How many lines on each side the context pass looks at.
const CONTEXT_RADIUS: usize = 2;

/// What the classifier knows about one line. Computed once per line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Features {
    /// Characters in the normalised line.
    pub chars: u32,
    /// Words (two unspaced-script characters count as one).
    pub words: u32,
    /// The line ends like a sentence (`.`, `!`, `?`, `。`, … maybe quoted).
    pub sentence_end: bool,
    /// The line ends with a colon: it introduces what follows.
    pub ends_with_colon: bool,
    /// Inner punctuation marks (commas, semicolons, colons, quotes).
    pub punctuation_chars: u32,
    /// ASCII and other decimal digits.
    pub digit_chars: u32,
    /// Separators standing between words: `|`, `•`, `·`, `›`, `»`, `/`.
    pub separator_count: u32,
    /// Words that start with an upper-case letter.
    pub capitalized_words: u32,
    /// Words that start with a cased letter (upper or lower).
    pub cased_words: u32,
    /// The first letter is lower-case.
    pub starts_lowercase: bool,
    /// The line's text occurs this many other times on the page.
    pub repeat_count: u32,
    /// …and this many of them outside the line's own block (HTML; on text
    /// pages, which have no blocks, every repeat counts).
    pub repeat_elsewhere_count: u32,
    /// The line is one text written twice ("A A"), as teaser cards render
    /// an image's alt text beside the same headline.
    pub is_self_repeat: bool,
    /// Cue flags from the lexicons.
    pub cues: CueSet,
    /// Characters inside links (HTML only; 0 for text pages).
    pub link_chars: u32,
    /// 1 to 6 for a heading (HTML only).
    pub heading_level: u8,
    /// What the line sits inside (HTML only).
    pub hints: HintSet,
    /// The section-level element the line sits in (HTML only).
    pub container: u32,
    /// Position of the line in the page, 0 (first) to 1 (last).
    pub position: f32,
    /// Share of the lines around this one (±2) that read as prose.
    pub neighbour_prose_density: f32,
    /// Share of the lines around this one (±2) that are short labels.
    pub neighbour_label_density: f32,
    /// Hash of the lowercased normalised text, for repeats and titles.
    pub text_hash: u64,
}

impl Features {
    /// Whether the line reads as running prose.
    pub fn is_prose(&self) -> bool {
        (self.words >= PROSE_MIN_WORDS && self.sentence_end) || self.words >= PROSE_ANY_WORDS
    }

    /// Whether the line is a short label such as a menu entry.
    pub fn is_label(&self) -> bool {
        self.words <= LABEL_MAX_WORDS
    }

    /// Share of the characters that sit inside links.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            (self.link_chars as f32 / self.chars as f32).min(1.0)
        }
    }
}

/// Measures every line of `document`, then adds the context of each.
pub(crate) fn compute_features(document: &Document) -> Vec<Features> {
    let count = document.lines.len();
    let mut features = Vec::with_capacity(count);
    let mut lowercase = String::new();
    for (index, line) in document.lines.iter().enumerate() {
        let inert = normalize_lowercase_into(document.line_text(line), &mut lowercase);
        let mut measured = measure_line(&lowercase, document.line_text(line), inert);
        measured.link_chars = line.link_chars;
        measured.heading_level = line.heading_level;
        measured.hints = line.hints;
        measured.container = line.container;
        measured.position = if count > 1 {
            index as f32 / (count - 1) as f32
        } else {
            0.0
        };
        features.push(measured);
    }
    add_repeats(&mut features);
    add_neighbourhood(&mut features);
    features
}

/// Measures one line from its lowercased normalised text and its original
/// text (which still has its capitals). `inert`: normalising changed
/// nothing but case and whitespace (see `normalize_lowercase_into`).
fn measure_line(lowercase: &str, original: &str, inert: bool) -> Features {
    let mut features = Features {
        text_hash: hash_text(lowercase),
        is_self_repeat: is_self_repeat(lowercase),
        sentence_end: ends_sentence(lowercase),
        ends_with_colon: lowercase.ends_with([':', '：']),
        ..Features::default()
    };
    features.words = if inert {
        // The original holds the lowercase text's characters (case and
        // whitespace apart, and no unspaced script): one pass counts them.
        features.chars = if lowercase.is_ascii() {
            lowercase.len()
        } else {
            lowercase.chars().count()
        } as u32;
        measure_inert_words(original, &mut features)
    } else {
        let unspaced_chars = count_chars(lowercase, &mut features);
        measure_words(original, &mut features) + unspaced_chars.div_ceil(UNSPACED_CHARS_PER_WORD)
    };
    features.cues = match_cues(lowercase, features.words, features.digit_chars > 0);
    features
}

/// Counts words, capitalised and cased words and separators into
/// `features`, and whether the first letter is lower-case; returns the
/// words of spaced scripts.
fn measure_words(original: &str, features: &mut Features) -> u32 {
    let mut spaced_words = 0;
    for (position, word) in original.split_whitespace().enumerate() {
        // A leading dash or bullet marks a list item or an interview turn.
        if position > 0 && is_separator_token(word) {
            features.separator_count += 1;
            continue;
        }
        let is_spaced_word = word
            .chars()
            .any(|ch| ch.is_alphanumeric() && !is_unspaced_script(ch));
        spaced_words += u32::from(is_spaced_word);
        if let Some(first) = word.chars().find(|ch| ch.is_alphabetic()) {
            if first.is_uppercase() || first.is_lowercase() {
                features.cased_words += 1;
            }
            if first.is_uppercase() {
                features.capitalized_words += 1;
            }
        }
    }
    features.starts_lowercase = original
        .chars()
        .find(|ch| ch.is_alphabetic())
        .is_some_and(char::is_lowercase);
    spaced_words
}

/// [`measure_words`] and [`count_chars`] in one pass over the bytes, for
/// a line whose characters normalising left alone (most lines of most
/// pages): ASCII bytes are classified as bytes, other characters decoded.
/// Such a line holds no unspaced script.
fn measure_inert_words(original: &str, features: &mut Features) -> u32 {
    let bytes = original.as_bytes();
    let mut spaced_words = 0;
    let mut position = 0u32;
    let mut first_letter_of_line: Option<char> = None;
    let mut index = 0;
    while index < bytes.len() {
        let Some(start) = skip_whitespace(original, index) else {
            break;
        };
        index = start;
        let (mut has_alphanumeric, mut first_letter) = (false, None);
        while index < bytes.len() {
            let byte = bytes[index];
            let ch = if byte.is_ascii() {
                if is_ascii_space(byte) {
                    break;
                }
                index += 1;
                char::from(byte)
            } else {
                let Some(ch) = original[index..].chars().next() else {
                    break;
                };
                if ch.is_whitespace() {
                    break;
                }
                index += ch.len_utf8();
                ch
            };
            // General punctuation (curly quotes, dashes, ellipses), most
            // of the non-ASCII characters of Latin-script pages, holds no
            // letter or digit: no table lookup for them.
            let is_punctuation_block = ('\u{2000}'..='\u{206F}').contains(&ch);
            let is_numeric = is_inert_numeric(ch);
            let is_alphabetic = !is_punctuation_block && ch.is_alphabetic();
            features.digit_chars += u32::from(is_numeric);
            if is_alphabetic {
                first_letter = first_letter.or(Some(ch));
            }
            if is_numeric || is_alphabetic {
                has_alphanumeric = true;
            } else if is_inner_punctuation(ch) {
                features.punctuation_chars += 1;
            }
        }
        let is_first = position == 0;
        position += 1;
        // A leading dash or bullet marks a list item or an interview turn.
        if !is_first && is_separator_token(&original[start..index]) {
            features.separator_count += 1;
            continue;
        }
        spaced_words += u32::from(has_alphanumeric);
        if let Some(first) = first_letter {
            if first.is_uppercase() || first.is_lowercase() {
                features.cased_words += 1;
            }
            features.capitalized_words += u32::from(first.is_uppercase());
            first_letter_of_line = first_letter_of_line.or(Some(first));
        }
    }
    features.starts_lowercase = first_letter_of_line.is_some_and(char::is_lowercase);
    spaced_words
}

/// `char::is_numeric` for the characters an inert line holds (see
/// `normalize::is_composition_inert`): besides ASCII digits, only the
/// superscripts ² ³ ¹ and the fractions ¼ ½ ¾ of Latin-1 are numbers there
/// (checked against Unicode's categories), so no table lookup is needed.
fn is_inert_numeric(ch: char) -> bool {
    matches!(ch, '0'..='9' | '\u{B2}' | '\u{B3}' | '\u{B9}' | '\u{BC}'..='\u{BE}')
}

/// Where the next non-whitespace character at or after `index` starts.
fn skip_whitespace(text: &str, mut index: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while index < bytes.len() {
        let byte = bytes[index];
        if byte.is_ascii() {
            if !is_ascii_space(byte) {
                return Some(index);
            }
            index += 1;
        } else {
            let ch = text[index..].chars().next()?;
            if !ch.is_whitespace() {
                return Some(index);
            }
            index += ch.len_utf8();
        }
    }
    None
}

/// Counts characters, digits and inner punctuation into `features`;
/// returns the characters of unspaced scripts. ASCII, most of most pages,
/// takes a byte path.
fn count_chars(lowercase: &str, features: &mut Features) -> u32 {
    if lowercase.is_ascii() {
        let bytes = lowercase.as_bytes();
        features.chars += bytes.len() as u32;
        features.digit_chars += bytes.iter().filter(|byte| byte.is_ascii_digit()).count() as u32;
        features.punctuation_chars += bytes
            .iter()
            .filter(|&&byte| is_inner_punctuation(char::from(byte)))
            .count() as u32;
        return 0;
    }
    let mut unspaced_chars = 0u32;
    for ch in lowercase.chars() {
        features.chars += 1;
        if ch.is_numeric() {
            features.digit_chars += 1;
        } else if is_unspaced_script(ch) {
            unspaced_chars += 1;
        } else if is_inner_punctuation(ch) {
            features.punctuation_chars += 1;
        }
    }
    unspaced_chars
}

/// Counts, for every line, how many other lines have the same text, and
/// how many of those sit in another block: by sorting (hash, block)
/// pairs, cheaper than a hash map for a page's few hundred lines.
fn add_repeats(features: &mut [Features]) {
    let mut keys: Vec<(u64, u32)> = features
        .iter()
        .map(|line| (line.text_hash, line.container))
        .collect();
    keys.sort_unstable();
    for line in features.iter_mut() {
        let same_text = |&(hash, _): &(u64, u32)| hash < line.text_hash;
        let first = keys.partition_point(same_text);
        let end = keys.partition_point(|&(hash, _)| hash <= line.text_hash);
        line.repeat_count = (end - first) as u32 - 1;
        line.repeat_elsewhere_count = if line.container == NO_CONTAINER {
            line.repeat_count
        } else {
            let key = (line.text_hash, line.container);
            let in_block = keys.partition_point(|other| *other <= key)
                - keys.partition_point(|other| *other < key);
            line.repeat_count + 1 - in_block as u32
        };
    }
}

/// Adds what the lines around each line look like.
fn add_neighbourhood(features: &mut [Features]) {
    let prose: Vec<bool> = features.iter().map(Features::is_prose).collect();
    let label: Vec<bool> = features.iter().map(Features::is_label).collect();
    for index in 0..features.len() {
        let (mut neighbours, mut prose_count, mut label_count) = (0u32, 0u32, 0u32);
        let low = index.saturating_sub(CONTEXT_RADIUS);
        let high = (index + CONTEXT_RADIUS).min(features.len() - 1);
        for other in (low..=high).filter(|&other| other != index) {
            neighbours += 1;
            prose_count += u32::from(prose[other]);
            label_count += u32::from(label[other]);
        }
        if neighbours > 0 {
            features[index].neighbour_prose_density = prose_count as f32 / neighbours as f32;
            features[index].neighbour_label_density = label_count as f32 / neighbours as f32;
        }
    }
}

/// A 64-bit hash of a line's text, eight bytes a step (the FxHash mix
/// rustc uses, plus the length). Lines are compared by hash for repeats
/// and titles: accidental collisions among a page's few thousand lines are
/// vanishingly rare, and SipHash cost a tenth of the feature pass.
pub(crate) fn hash_text(text: &str) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut hash = mix(0, bytes.len() as u64);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = mix(hash, u64::from_le_bytes(word));
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    mix(hash, u64::from_le_bytes(tail))
}

fn is_self_repeat(text: &str) -> bool {
    let half = text.len() / 2;
    text.len() >= 9
        && text.len() % 2 == 1
        && text.as_bytes()[half] == b' '
        && text.is_char_boundary(half)
        && text[..half] == text[half + 1..]
}

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', '」', '』', ' ']);
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '…', ':', ';', '؟', '।'])
}

fn is_inner_punctuation(ch: char) -> bool {
    matches!(
        ch,
        ',' | ';' | ':' | '"' | '“' | '”' | '«' | '»' | '、' | '，' | '；' | '：' | '(' | ')'
    )
}

fn is_separator_token(token: &str) -> bool {
    matches!(
        token,
        "|" | "||"
            | "•"
            | "·"
            | "›"
            | "»"
            | "/"
            | "\\"
            | ">"
            | "<"
            | "«"
            | "‹"
            | "-"
            | "–"
            | "—"
            | "::"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::text::segment_text;

    fn measure(text: &str) -> Features {
        let mut lowercase = String::new();
        let inert = normalize_lowercase_into(text, &mut lowercase);
        measure_line(&lowercase, text, inert)
    }

    #[test]
    fn prose_and_labels() {
        let sentence = measure(
            "The two leaders met on Monday in the capital and agreed to expand trade ties.",
        );
        assert!(sentence.is_prose());
        assert!(sentence.sentence_end);
        let label = measure("Sign in");
        assert!(label.is_label());
        assert_eq!(label.capitalized_words, 1);
    }

    #[test]
    fn inert_numbers_are_the_numbers_of_those_blocks() {
        let inert = ('\0'..='\u{2FF}')
            .chain('\u{370}'..='\u{52F}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .chain('\u{2010}'..='\u{205E}');
        for ch in inert {
            assert_eq!(is_inert_numeric(ch), ch.is_numeric(), "{ch:?}");
        }
    }

    #[test]
    fn unspaced_scripts_count_pairs_of_characters() {
        assert_eq!(measure("两国领导人同意扩大贸易").words, 6);
    }

    #[test]
    fn separators_are_counted() {
        assert_eq!(measure("Home | World | Sport").separator_count, 2);
    }

    #[test]
    fn self_repeats_and_page_repeats() {
        assert!(measure("Gold hits record Gold hits record").is_self_repeat);
        let document = segment_text("Menu\nA long line of text.\nMenu\n");
        let features = compute_features(&document);
        assert_eq!(features[0].repeat_count, 1);
        assert_eq!(features[1].repeat_count, 0);
        // On a text page every repeat is elsewhere; on an HTML page, only
        // those in another block.
        assert_eq!(features[0].repeat_elsewhere_count, 1);
        let page = "<div><p>Step one</p><p>Mix the flour and the water in a bowl.</p><p>Step one</p></div>\
                    <nav><p>Step one</p></nav>";
        let features = compute_features(&crate::segment::html::segment_html(page));
        assert_eq!(features[0].repeat_count, 2);
        assert_eq!(features[0].repeat_elsewhere_count, 1);
    }
}
