//! The feature pass: every line measured once into a small [`Features`]
//! record, then a context pass over neighbours and repeats.
//!
//! Measurements are language-neutral: sizes, sentence ends, punctuation,
//! digits, separators such as `|`, capitalisation, position, repetition on
//! the page and what the neighbours look like, plus the cue flags of
//! [`crate::cues`]. Scripts written without spaces (Chinese, Japanese,
//! Thai) count two characters as one word, so that word-based thresholds
//! mean about the same amount of text in every language.

use crate::char_class::{
    byte_class, byte_counts, char_class, char_class_at, split_counts, ALPHABETIC, DIGIT,
    INNER_PUNCTUATION, LOWERCASE, LOWERCASE_IS_SELF, LOWERCASE_SAME_LENGTH, NOT_ASCII, SPACE,
    SPACED_ALPHANUMERIC, UNSPACED, UPPERCASE,
};
use crate::chunk_masks::{padded_with_spaces, word_at_most, ChunkMasks, CHUNK};
use crate::cues::{is_unspaced_script, match_cues, CueSet};
use crate::document::{Document, HintSet, NO_CONTAINER};
use crate::normalize::{is_ascii_space, lowercase_normalized_into};

/// Unspaced-script characters that count as one word.
const UNSPACED_CHARS_PER_WORD: u32 = 2;
/// A bit for each byte of a chunk (see [`ChunkMasks`]).
const FULL_CHUNK: u32 = (1 << CHUNK) - 1;
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
        // Joined without branching: the tests fail in turn from line to
        // line.
        (self.words >= PROSE_MIN_WORDS) & self.sentence_end | (self.words >= PROSE_ANY_WORDS)
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
    let mut memo = CueMemo::for_lines(count);
    for (index, line) in document.lines.iter().enumerate() {
        let mut measured = measure_line(document.line_text(line), &mut lowercase, &mut memo);
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

/// Measures one line, leaving its lowercased normalised text in
/// `lowercase` (a buffer reused from line to line).
fn measure_line(original: &str, lowercase: &mut String, memo: &mut CueMemo) -> Features {
    let mut features = Features::default();
    features.words = match scan_line(original, lowercase, &mut features) {
        Some(words) => words,
        None => {
            features = Features::default();
            lowercase_normalized_into(original, lowercase);
            let unspaced_chars = count_chars(lowercase, &mut features);
            measure_words(original, &mut features)
                + unspaced_chars.div_ceil(UNSPACED_CHARS_PER_WORD)
        }
    };
    features.text_hash = hash_text(lowercase);
    features.is_self_repeat = is_self_repeat(lowercase);
    features.sentence_end = ends_sentence(lowercase);
    features.ends_with_colon = lowercase.ends_with([':', '：']);
    let (words, has_digit) = (features.words, features.digit_chars > 0);
    features.cues = memo.cues(features.text_hash, words, has_digit, || {
        match_cues(lowercase, words, has_digit)
    });
    features
}

/// The cues of the lines met so far on a page, by text hash, word count
/// and whether the line holds a digit (all that [`match_cues`] reads
/// besides the text): a menu, a byline or a share label repeated down the
/// page is matched once. An open-addressing table twice the page's lines
/// and at most [`CUE_MEMO_MAX_SLOTS`], filled to half at most; a line
/// whose slot is not found within a few probes is matched afresh.
struct CueMemo {
    /// `(hash, words, has_digit, cues)`; `None` for an empty slot.
    slots: Vec<Option<(u64, u32, bool, CueSet)>>,
    probing: Probing,
    /// Slots still to fill before the table is half full.
    room: usize,
}

/// The largest [`CueMemo`] (a megabyte): a page of a million lines keeps
/// the memo of its first 32,768 texts, not a table as large as itself.
const CUE_MEMO_MAX_SLOTS: usize = 1 << 16;

impl CueMemo {
    fn for_lines(count: usize) -> CueMemo {
        let probing = Probing::for_lines(count, CUE_MEMO_MAX_SLOTS);
        CueMemo {
            slots: vec![None; probing.slots()],
            room: probing.slots() / 2,
            probing,
        }
    }

    /// The cues of a line, from the table or from `match_line`.
    fn cues(
        &mut self,
        hash: u64,
        words: u32,
        has_digit: bool,
        match_line: impl FnOnce() -> CueSet,
    ) -> CueSet {
        for slot in self.probing.probes(hash) {
            match self.slots[slot] {
                Some((held, held_words, held_digit, cues))
                    if (held, held_words, held_digit) == (hash, words, has_digit) =>
                {
                    return cues;
                }
                Some(_) => {}
                None => {
                    let cues = match_line();
                    if self.room > 0 {
                        self.room -= 1;
                        self.slots[slot] = Some((hash, words, has_digit, cues));
                    }
                    return cues;
                }
            }
        }
        match_line()
    }
}

/// The shape of the small open-addressing tables of this module
/// ([`TextCounts`], [`CueMemo`]): a power of two of slots, twice a page's
/// lines, a hash's top bits its first slot, then linear probing.
struct Probing {
    mask: usize,
    shift: u32,
}

/// Probes after which a table gives up on a hash: hashes that share
/// their top bits in such numbers are not chance but a page built to
/// make the table slow, and the caller then does without it.
const MAX_PROBES: usize = 32;

impl Probing {
    /// Twice `lines` slots, rounded up to a power of two, at most
    /// `max_slots`.
    fn for_lines(lines: usize, max_slots: usize) -> Probing {
        let slots = (lines * 2).next_power_of_two().clamp(2, max_slots);
        Probing {
            mask: slots - 1,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    fn slots(&self) -> usize {
        self.mask + 1
    }

    /// The slots where `hash` may be, in the order they are tried.
    fn probes(&self, hash: u64) -> impl Iterator<Item = usize> {
        let (first, mask) = ((hash >> self.shift) as usize, self.mask);
        (0..MAX_PROBES).map(move |step| (first + step) & mask)
    }
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

/// The one pass of most lines, leaving the line's lowercased copy, with
/// whitespace folded, in `lowercase` and its characters, digits,
/// punctuation, separators and words counted in `features`. A plain line
/// is read as masks ([`scan_plain_line`]); any other line whose every
/// character is one that NFC leaves alone whatever stands beside it
/// ([`crate::char_class::char_class`]) is already NFC and takes one walk
/// over its bytes ([`scan_nfc_line`]). Returns the word count, or `None`,
/// with `lowercase` and `features` partly written, at the first other
/// character (a combining mark, a compatibility ideograph…): the general
/// path then takes the line.
///
/// Verbatim stretches of the line (single spaces, characters that
/// lowercasing keeps) are copied whole; ASCII is lowercased once at the
/// end.
fn scan_line(original: &str, lowercase: &mut String, features: &mut Features) -> Option<u32> {
    lowercase.clear();
    lowercase.push_str(original);
    if let Some(words) = scan_plain_line(original, lowercase, features) {
        lowercase.make_ascii_lowercase();
        return Some(words);
    }
    *features = Features::default();
    scan_nfc_line(original, lowercase, features)
}

/// The byte-by-byte path of [`scan_line`], for lines that are not plain:
/// irregular white space, capitals or unspaced scripts beyond ASCII.
// Inlined as it was before it was split out: called out of line, the
// scan cost 1% more.
#[inline(always)]
fn scan_nfc_line(original: &str, lowercase: &mut String, features: &mut Features) -> Option<u32> {
    lowercase.clear();
    let bytes = original.as_bytes();
    // Bytes of `lowercase` beyond its characters (multi-byte characters).
    let mut extra_bytes = 0usize;
    let (mut spaced_words, mut unspaced_chars) = (0u32, 0u32);
    let (mut digits, mut punctuation) = (0u32, 0u32);
    // Digits and punctuation of ASCII bytes (see `byte_counts`).
    let mut ascii_counts = 0u64;
    // The classes of the line's first letter (0 before it).
    let mut first_letter_of_line = 0u16;
    let Some(mut index) = next_token(original, 0) else {
        return Some(0);
    };
    let mut copy_from = index;
    let mut is_first = true;
    while index < bytes.len() {
        let start = index;
        // The classes seen in the word, and those of its first letter (0
        // before it).
        let (mut token_classes, mut first_letter) = (0u16, 0u16);
        while let Some(&byte) = bytes.get(index) {
            let class = byte_class(byte);
            if class & (SPACE | NOT_ASCII) == 0 {
                token_classes |= class;
                ascii_counts += byte_counts(byte);
                if first_letter == 0 && class & ALPHABETIC != 0 {
                    first_letter = class;
                }
                index += 1;
                continue;
            }
            if class & SPACE != 0 {
                break;
            }
            let ch = original[index..].chars().next()?;
            let class = char_class(ch)?;
            if class & SPACE != 0 {
                break;
            }
            let width = ch.len_utf8();
            if class & LOWERCASE_IS_SELF != 0 {
                extra_bytes += width - 1;
            } else {
                lowercase.push_str(&original[copy_from..index]);
                for lower in ch.to_lowercase() {
                    lowercase.push(lower);
                    extra_bytes += lower.len_utf8() - 1;
                }
                copy_from = index + width;
            }
            index += width;
            token_classes |= class;
            digits += u32::from(class & DIGIT != 0);
            punctuation += u32::from(class & INNER_PUNCTUATION != 0);
            unspaced_chars += u32::from(class & UNSPACED != 0);
            if first_letter == 0 && class & ALPHABETIC != 0 {
                first_letter = class;
            }
        }
        let end = index;
        // Whitespace other than one space before the next word is folded:
        // the verbatim stretch ends here. (One space before an ASCII
        // letter or digit, the usual case, needs no search.)
        let single_space = bytes.get(end) == Some(&b' ')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
        let next = if single_space {
            Some(end + 1)
        } else {
            next_token(original, end)
        };
        let single_space = single_space || (bytes.get(end) == Some(&b' ') && next == Some(end + 1));
        if !single_space {
            lowercase.push_str(&original[copy_from..end]);
            if let Some(next) = next {
                lowercase.push(' ');
                copy_from = next;
            }
        }
        index = next.unwrap_or(bytes.len());
        let was_first = std::mem::replace(&mut is_first, false);
        // A leading dash or bullet marks a list item or an interview turn.
        if !was_first && is_separator_token(&original[start..end]) {
            features.separator_count += 1;
            continue;
        }
        spaced_words += u32::from(token_classes & SPACED_ALPHANUMERIC != 0);
        if first_letter != 0 {
            features.cased_words += u32::from(first_letter & (UPPERCASE | LOWERCASE) != 0);
            features.capitalized_words += u32::from(first_letter & UPPERCASE != 0);
            if first_letter_of_line == 0 {
                first_letter_of_line = first_letter;
            }
        }
    }
    lowercase.make_ascii_lowercase();
    features.chars = (lowercase.len() - extra_bytes) as u32;
    features.starts_lowercase = first_letter_of_line & LOWERCASE != 0;
    let (ascii_digits, ascii_punctuation) = split_counts(ascii_counts);
    features.digit_chars = digits + ascii_digits;
    features.punctuation_chars = punctuation + ascii_punctuation;
    Some(spaced_words + unspaced_chars.div_ceil(UNSPACED_CHARS_PER_WORD))
}

/// The masks path of [`scan_line`], for a plain line, most lines of most
/// pages: words one space apart (edges trimmed, as both front ends give
/// them), no control character and no other white space, and every
/// non-ASCII character one that NFC leaves alone and lowercasing leaves
/// alone or turns into one character as long (curly quotes, dashes,
/// accented letters, Cyrillic and Greek), of a script written with
/// spaces. Such a line's folded copy is the line itself with its
/// capitals lowercased in place: `lowercase` holds the line's copy on the
/// way in, its capitals beyond ASCII lowercased on the way out (ASCII is
/// left to the caller).
///
/// It is read a chunk of sixteen bytes at a time as bit masks
/// ([`ChunkMasks`]): the spaces, the ASCII capitals and small letters,
/// digits and marks, and from them the bytes that start a word. A word
/// that starts with an ASCII letter (most do) needs nothing more: it is a
/// word, cased, capitalised or not. Words that start otherwise (digits,
/// quotes, dashes, separators, other scripts' letters) and the non-ASCII
/// characters are read one by one. Returns the word count, or `None`
/// (with `lowercase` and `features` partly written) for a line that is
/// not plain.
fn scan_plain_line(line: &str, lowercase: &mut String, features: &mut Features) -> Option<u32> {
    let bytes = line.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return None;
    }
    let (mut spaced_words, mut digits, mut punctuation) = (0u32, 0u32, 0u32);
    let mut continuation_bytes = 0u32;
    let mut counts = MaskCounts::default();
    // Whether the byte before the chunk is a space, in the place of bit
    // 0: the line's start counts as one.
    let mut space_before = 1u32;
    let mut chunk_start = 0;
    while chunk_start < bytes.len() {
        // The chunk and its own bytes: padding stands in a row of spaces.
        let (masks, own_bytes) = match bytes.get(chunk_start..chunk_start + CHUNK) {
            Some(chunk) => (
                ChunkMasks::of(chunk.try_into().expect("a chunk")),
                FULL_CHUNK,
            ),
            None => {
                // The last chunk is padded with spaces: they start no word.
                let tail = &bytes[chunk_start..];
                (
                    ChunkMasks::of(&padded_with_spaces(tail)),
                    (1 << tail.len()) - 1,
                )
            }
        };
        let spaces = masks.spaces;
        let spaces_before = (spaces << 1 | space_before) & FULL_CHUNK;
        if masks.controls | (spaces & spaces_before & own_bytes) != 0 {
            return None;
        }
        let starts = !spaces & spaces_before;
        counts.add([
            starts & masks.letters,
            starts & masks.capitals,
            masks.digits,
            masks.marks,
        ]);
        let mut other_starts = starts & !masks.letters;
        while other_starts != 0 {
            let start = chunk_start + other_starts.trailing_zeros() as usize;
            other_starts &= other_starts - 1;
            spaced_words += other_word(line, start, features)?;
        }
        if masks.non_ascii != 0 {
            // Continuation bytes (10xxxxxx) are no characters; lead bytes
            // (11xxxxxx) start one, read and looked up here.
            continuation_bytes += (masks.non_ascii & !masks.leads).count_ones();
            let mut leads = masks.leads;
            while leads != 0 {
                let at = chunk_start + leads.trailing_zeros() as usize;
                leads &= leads - 1;
                let class = plain_char_class(line, at)?;
                digits += u32::from(class & DIGIT != 0);
                punctuation += u32::from(class & INNER_PUNCTUATION != 0);
                if class & LOWERCASE_IS_SELF == 0 {
                    lowercase_in_place(lowercase, at);
                }
            }
        }
        space_before = spaces >> (CHUNK - 1);
        chunk_start += CHUNK;
    }
    let [letter_starts, capital_starts, ascii_digits, marks] = counts.totals();
    spaced_words += letter_starts;
    features.cased_words += letter_starts;
    features.capitalized_words += capital_starts;
    features.digit_chars = digits + ascii_digits;
    features.punctuation_chars = punctuation + marks;
    features.chars = bytes.len() as u32 - continuation_bytes;
    features.starts_lowercase =
        first_letter_of_line(line).is_some_and(|first| first & LOWERCASE != 0);
    Some(spaced_words)
}

/// The bits set in four masks of a chunk, summed chunk after chunk: the
/// scan's counts of letter and capital word starts, digits and marks.
/// `count_ones` on processors without a POPCNT instruction (the x86-64
/// baseline) is a dozen instructions; the same dozen count four masks at
/// once, packed in the 16-bit fields of one word.
#[derive(Default)]
struct MaskCounts {
    /// Running sums in 16-bit fields, each at most [`CHUNK`] a chunk.
    packed: u64,
    /// Chunks summed into `packed` since it was last emptied.
    chunks: u32,
    /// Sums carried out of `packed` before a field could overflow.
    carried: [u32; 4],
}

impl MaskCounts {
    /// Chunks summed before `packed` is emptied into `carried`: its fields
    /// then hold at most `CHUNK * MAX_CHUNKS`, below 2^16.
    const MAX_CHUNKS: u32 = 4095;

    #[inline(always)]
    fn add(&mut self, masks: [u32; 4]) {
        let [a, b, c, d] = masks.map(|mask| u64::from(mask & FULL_CHUNK));
        let mut x = a | b << 16 | c << 32 | d << 48;
        // The classic population count, stopped at 16-bit fields.
        x -= (x >> 1) & 0x5555_5555_5555_5555;
        x = (x & 0x3333_3333_3333_3333) + ((x >> 2) & 0x3333_3333_3333_3333);
        x = (x + (x >> 4)) & 0x0f0f_0f0f_0f0f_0f0f;
        x = (x + (x >> 8)) & 0x00ff_00ff_00ff_00ff;
        self.packed += x;
        self.chunks += 1;
        if self.chunks == Self::MAX_CHUNKS {
            self.carry();
        }
    }

    fn carry(&mut self) {
        for (field, carried) in self.carried.iter_mut().enumerate() {
            *carried += ((self.packed >> (16 * field)) & 0xffff) as u32;
        }
        (self.packed, self.chunks) = (0, 0);
    }

    /// The four sums.
    fn totals(mut self) -> [u32; 4] {
        self.carry();
        self.carried
    }
}

/// The classes of the non-ASCII character at byte `at` of `line`, if a
/// plain line may hold it (see [`scan_plain_line`]): not white space,
/// not of an unspaced script, left alone by NFC, and by lowercasing or
/// lowercased to one character as long.
#[inline]
fn plain_char_class(line: &str, at: usize) -> Option<u16> {
    let class = char_class_at(line, at)?;
    let plain =
        class & (SPACE | UNSPACED) == 0 && class & (LOWERCASE_IS_SELF | LOWERCASE_SAME_LENGTH) != 0;
    plain.then_some(class)
}

/// Lowercases the character at byte `at` of `text`, one whose lowercase
/// is one character as long ([`LOWERCASE_SAME_LENGTH`]): the bytes after
/// it keep their offsets.
fn lowercase_in_place(text: &mut String, at: usize) {
    let Some(ch) = text[at..].chars().next() else {
        return;
    };
    let mut lower = ch.to_lowercase();
    if let (Some(lower), None) = (lower.next(), lower.next()) {
        let mut buffer = [0u8; 4];
        let lower = lower.encode_utf8(&mut buffer);
        if lower.len() == ch.len_utf8() {
            text.replace_range(at..at + lower.len(), lower);
        }
    }
}

/// Counts the word at `start` of a plain line that does not start with
/// an ASCII letter into `features`; returns whether it is a word of
/// letters or digits (1) or not (0). A separator is counted as one,
/// except opening the line. `None` for a character a plain line may not
/// hold.
///
/// The word is read only up to its first letter: in a plain line every
/// letter or digit is of a script written with spaces, so a word with a
/// letter is a word; the scan of the line's lead bytes checks the rest of
/// its characters.
fn other_word(line: &str, start: usize, features: &mut Features) -> Option<u32> {
    let bytes = line.as_bytes();
    // A leading dash or bullet marks a list item or an interview turn.
    // Separators are at most three bytes long.
    if start > 0 {
        let limit = (start + 4).min(bytes.len());
        let end = bytes[start..limit]
            .iter()
            .position(|&byte| byte == b' ')
            .map_or(limit, |length| start + length);
        if end - start <= 3 && is_separator_token(&line[start..end]) {
            features.separator_count += 1;
            return Some(0);
        }
    }
    let mut word_classes = 0u16;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        let class = match byte {
            b' ' => break,
            0..=0x7f => byte_class(byte),
            // A continuation byte: its character was read at its lead.
            0x80..=0xbf => {
                at += 1;
                continue;
            }
            _ => plain_char_class(line, at)?,
        };
        word_classes |= class;
        if class & ALPHABETIC != 0 {
            features.cased_words += u32::from(class & (UPPERCASE | LOWERCASE) != 0);
            features.capitalized_words += u32::from(class & UPPERCASE != 0);
            break;
        }
        at += 1;
    }
    Some(u32::from(word_classes & SPACED_ALPHANUMERIC != 0))
}

/// The classes of the first letter of a plain line whose characters the
/// scan has checked, if it has one. Separators, which
/// [`measure_words`] skips, hold no letter: the first letter of the
/// line is that of its first word with one.
fn first_letter_of_line(line: &str) -> Option<u16> {
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let class = match byte {
            0..=0x7f => byte_class(byte),
            // A continuation byte: its character was read at its lead.
            0x80..=0xbf => 0,
            // Checked plain by the scan: `None` cannot occur.
            _ => plain_char_class(line, at).unwrap_or(0),
        };
        if class & ALPHABETIC != 0 {
            return Some(class);
        }
        at += 1;
    }
    None
}

/// Where the next word at or after `index` starts: past ASCII and Unicode
/// whitespace.
fn next_token(text: &str, mut index: usize) -> Option<usize> {
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
/// how many of those sit in another block. On a text page (no blocks)
/// the lines' hashes are counted in a small open-addressing table
/// ([`TextCounts`]), which cut a Scrapinghub text pass from 131.7 M to
/// 129.3 M instructions against the sort. Otherwise, or when the table
/// gives up, the lines are sorted by (hash, block), then each run of
/// equal texts, and of equal texts in one block, counted in one walk.
fn add_repeats(features: &mut [Features]) {
    if features.iter().all(|line| line.container == NO_CONTAINER) {
        if let Some(counts) = TextCounts::of(features) {
            for line in features.iter_mut() {
                // On a text page (no blocks) every repeat is elsewhere.
                line.repeat_count = counts.of_hash(line.text_hash) - 1;
                line.repeat_elsewhere_count = line.repeat_count;
            }
            return;
        }
    }
    // (hash, block, index) packed in one number, so that the sort
    // compares numbers: the same order as the triples', in less time.
    let mut keys: Vec<u128> = features
        .iter()
        .enumerate()
        .map(|(index, line)| {
            u128::from(line.text_hash) << 64 | u128::from(line.container) << 32 | index as u128
        })
        .collect();
    keys.sort_unstable();
    let hash = |key: &u128| (key >> 64) as u64;
    let container = |key: &u128| (key >> 32) as u32;
    for same_text in keys.chunk_by(|a, b| hash(a) == hash(b)) {
        let repeats = same_text.len() as u32 - 1;
        for same_block in same_text.chunk_by(|a, b| container(a) == container(b)) {
            for key in same_block {
                let (container, index) = (container(key), *key as u32);
                let line = &mut features[index as usize];
                line.repeat_count = repeats;
                // On a text page (no blocks) every repeat is elsewhere.
                line.repeat_elsewhere_count = if container == NO_CONTAINER {
                    repeats
                } else {
                    repeats + 1 - same_block.len() as u32
                };
            }
        }
    }
}

/// How many lines have each text hash: an open-addressing table twice
/// the size of the page's lines (see [`Probing`]).
struct TextCounts {
    /// `(hash, count)`; a count of 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    probing: Probing,
}

impl TextCounts {
    /// The counts of `features`' hashes, or `None` when a hash finds no
    /// slot within [`MAX_PROBES`] (the sort then counts them).
    fn of(features: &[Features]) -> Option<TextCounts> {
        let probing = Probing::for_lines(features.len(), usize::MAX);
        let mut table = TextCounts {
            slots: vec![(0, 0); probing.slots()],
            probing,
        };
        for line in features {
            let slot = table.slot_of(line.text_hash)?;
            table.slots[slot].0 = line.text_hash;
            table.slots[slot].1 += 1;
        }
        Some(table)
    }

    /// The slot that holds `hash`, or the empty one where it goes.
    fn slot_of(&self, hash: u64) -> Option<usize> {
        self.probing.probes(hash).find(|&slot| {
            let (held, count) = self.slots[slot];
            count == 0 || held == hash
        })
    }

    /// How many lines have `hash` (one of the page's).
    fn of_hash(&self, hash: u64) -> u32 {
        self.slot_of(hash).map_or(1, |slot| self.slots[slot].1)
    }
}

/// Adds what the lines around each line look like.
fn add_neighbourhood(features: &mut [Features]) {
    // Running counts: `before[i]` holds the prose and label lines among
    // the first `i`, so a window's counts are two subtractions.
    let mut before = Vec::with_capacity(features.len() + 1);
    let (mut prose, mut label) = (0u32, 0u32);
    before.push((0, 0));
    for line in features.iter() {
        prose += u32::from(line.is_prose());
        label += u32::from(line.is_label());
        before.push((prose, label));
    }
    for index in 0..features.len() {
        let low = index.saturating_sub(CONTEXT_RADIUS);
        let high = (index + CONTEXT_RADIUS).min(features.len() - 1);
        let neighbours = (high - low) as u32;
        if neighbours == 0 {
            continue;
        }
        let (own_prose, own_label) = (
            u32::from(features[index].is_prose()),
            u32::from(features[index].is_label()),
        );
        let prose_count = before[high + 1].0 - before[low].0 - own_prose;
        let label_count = before[high + 1].1 - before[low].1 - own_label;
        features[index].neighbour_prose_density = prose_count as f32 / neighbours as f32;
        features[index].neighbour_label_density = label_count as f32 / neighbours as f32;
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
    mix(hash, word_at_most(chunks.remainder()))
}

fn is_self_repeat(text: &str) -> bool {
    let half = text.len() / 2;
    // The cheap tests joined without branching: most lines fail one, and
    // which one varies from line to line.
    (text.len() >= 9) & (text.len() % 2 == 1) & (text.as_bytes().get(half) == Some(&b' '))
        && text.is_char_boundary(half)
        && text[..half] == text[half + 1..]
}

fn ends_sentence(text: &str) -> bool {
    // Most lines end with a letter or a digit: neither a closing quote
    // nor a sentence end.
    if text
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', '」', '』', ' ']);
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '…', ':', ';', '؟', '।'])
}

pub(crate) fn is_inner_punctuation(ch: char) -> bool {
    matches!(
        ch,
        ',' | ';' | ':' | '"' | '“' | '”' | '«' | '»' | '、' | '，' | '；' | '：' | '(' | ')'
    )
}

/// A separator standing between words: `|`, `•`, `›`, `-`… All are at
/// most three bytes and none starts with an ASCII letter or digit, so
/// most words are turned away before the comparisons.
fn is_separator_token(token: &str) -> bool {
    let bytes = token.as_bytes();
    if bytes.len() > 3 || bytes.first().is_none_or(u8::is_ascii_alphanumeric) {
        return false;
    }
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
        measure_line(text, &mut String::new(), &mut CueMemo::for_lines(1))
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

    /// The general path: normalise, then measure word by word.
    fn measure_generally(text: &str) -> (String, Features) {
        let (mut lowercase, mut features) = (String::new(), Features::default());
        lowercase_normalized_into(text, &mut lowercase);
        let unspaced_chars = count_chars(&lowercase, &mut features);
        features.words = measure_words(text, &mut features) + unspaced_chars.div_ceil(2);
        (lowercase, features)
    }

    #[test]
    fn the_masks_scan_agrees_with_the_general_path_on_generated_lines() {
        // Words of letters, digits, quotes, brackets and separators, with
        // single and irregular spaces, from a fixed-seed generator.
        let pieces = [
            "Storm",
            "ports",
            "(Reuters)",
            "\"quoted\"",
            "2024",
            "12:30,",
            "-",
            "|",
            "::",
            "»",
            "a",
            "I",
            "x1",
            "--",
            "/",
            ";",
            "e.g.",
            "MORE",
            " ",
            "  ",
            "\t",
            "\x0b",
            "\u{7f}",
            "(",
            ")",
            "“quoted”",
            "café",
            "naïve",
            "—",
            "it’s",
            "Élan",
            "\u{a0}",
            "中文",
            "Москва",
            "москва",
            "x²",
            "«",
            "•",
            "…",
            "\u{2009}",
            "e\u{301}",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let (mut plain_lines, mut plain_non_ascii_lines) = (0, 0);
        let mut plain_lines_with_capitals_beyond_ascii = 0;
        for _ in 0..4000 {
            let mut line = String::new();
            for _ in 0..(state % 13) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                line.push_str(pieces[(state % pieces.len() as u64) as usize]);
                if !state.is_multiple_of(3) {
                    line.push(' ');
                }
            }
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            let (mut lowercase, mut scanned) = (String::new(), Features::default());
            // Lines with a combining mark are the general path's.
            let Some(words) = scan_line(&line, &mut lowercase, &mut scanned) else {
                continue;
            };
            scanned.words = words;
            assert_eq!((lowercase, scanned), measure_generally(&line), "{line:?}");
            if scan_plain_line(&line, &mut line.clone(), &mut Features::default()).is_some() {
                plain_lines += 1;
                plain_non_ascii_lines += usize::from(!line.is_ascii());
                plain_lines_with_capitals_beyond_ascii += usize::from(line.contains(['М', 'É']));
            }
        }
        // The masks path, not only its fallbacks, was tested, on ASCII
        // lines and others.
        assert!(plain_lines > 500, "{plain_lines}");
        assert!(plain_non_ascii_lines > 100, "{plain_non_ascii_lines}");
        assert!(
            plain_lines_with_capitals_beyond_ascii > 50,
            "{plain_lines_with_capitals_beyond_ascii}"
        );
    }

    #[test]
    fn a_line_longer_than_the_packed_counts_hold_is_counted_whole() {
        // 80,000 bytes: more chunks than `MaskCounts` sums before it
        // carries, each with letter and capital starts, digits and marks.
        let line = "Storm closes 12 ports, (Reuters) said: café ".repeat(1800);
        let line = line.trim_end();
        let (mut lowercase, mut scanned) = (String::new(), Features::default());
        assert!(scan_plain_line(line, &mut line.to_owned(), &mut Features::default()).is_some());
        scanned.words = scan_line(line, &mut lowercase, &mut scanned).expect("plain");
        let general = measure_generally(line);
        assert_eq!(scanned.capitalized_words, 3600);
        assert_eq!((lowercase, scanned), general);
        // A field filled in every chunk: 70,000 digits.
        let digits = "1234567890".repeat(7000);
        let mut scanned = Features::default();
        scan_plain_line(&digits, &mut digits.clone(), &mut scanned).expect("plain");
        assert_eq!(
            (scanned.digit_chars, scanned.punctuation_chars),
            (70_000, 0)
        );
    }

    #[test]
    fn the_one_pass_scan_agrees_with_the_general_path() {
        for text in [
            "",
            " \t ",
            "Read More",
            "  Đọc  NHIỀU ",
            " \t Read\x0b\x0c  MORE\r\n",
            "Read MORE\u{a0}now",
            "  “Ça VA”\u{2003}— Đà Nẵng ",
            "Москва  ПРИНЯЛА закон, 12 мая (ТАСС)",
            "Home | World » Sport - Ξ ǅ İstanbul ½ 3² …",
            "– Yes, said he: \"no\"; (maybe) 2024",
            "两国领导人同意、扩大贸易 2024年 iPhone",
            "東京で「ニュース」を読む。",
            "서울에서 기자회견을 열었다 😀",
            "กขค งจฉ\u{3000}ชซ ๑๒",
        ] {
            let (mut lowercase, mut scanned) = (String::new(), Features::default());
            let words = scan_line(text, &mut lowercase, &mut scanned);
            scanned.words = words.expect(text);
            assert_eq!((lowercase, scanned), measure_generally(text), "{text:?}");
        }
        // Characters NFC may change leave the scan for the general path.
        for text in [
            "α\u{387}β",
            "CAFE\u{301} Noir",
            "か\u{3099}",
            "\u{F900}",
            "ข่าว",
        ] {
            let mut lowercase = String::new();
            let words = scan_line(text, &mut lowercase, &mut Features::default());
            assert_eq!(words, None, "{text:?}");
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

    #[test]
    fn remembered_cues_are_those_of_the_line() {
        let page = "Share\nBy Jane Doe\nPhoto: Reuters\nShare\nA long line about the port.\n\
                    Photo: Reuters\nBy Jane Doe\n12 comments\nShare";
        let document = segment_text(page);
        let features = compute_features(&document);
        for (line, measured) in document.lines.iter().zip(&features) {
            let (mut lowercase, mut alone) = (String::new(), Features::default());
            let words = scan_line(document.line_text(line), &mut lowercase, &mut alone);
            let expected = match_cues(&lowercase, words.expect("plain"), alone.digit_chars > 0);
            assert_eq!(measured.cues, expected, "{:?}", document.line_text(line));
        }
        // The same text with another word count or digit flag is matched
        // on its own.
        let mut memo = CueMemo::for_lines(4);
        assert_eq!(
            memo.cues(7, 1, false, || CueSet::NAVIGATION),
            CueSet::NAVIGATION
        );
        assert_eq!(
            memo.cues(7, 1, false, || CueSet::BYLINE),
            CueSet::NAVIGATION
        );
        assert_eq!(memo.cues(7, 2, false, || CueSet::BYLINE), CueSet::BYLINE);
        assert_eq!(memo.cues(7, 1, true, || CueSet::DATE), CueSet::DATE);
        // Half full, it remembers no more, and still answers.
        let mut memo = CueMemo::for_lines(1);
        assert_eq!(memo.cues(1, 1, false, || CueSet::LEGAL), CueSet::LEGAL);
        assert_eq!(memo.cues(2, 1, false, || CueSet::BYLINE), CueSet::BYLINE);
        assert_eq!(memo.cues(2, 1, false, || CueSet::SOURCE), CueSet::SOURCE);
        assert_eq!(memo.cues(1, 1, false, || CueSet::SOURCE), CueSet::LEGAL);
    }

    /// Lines with the given text hashes and blocks, repeats counted.
    fn repeats_of(lines: &[(u64, u32)]) -> Vec<(u32, u32)> {
        let mut features: Vec<Features> = lines
            .iter()
            .map(|&(text_hash, container)| Features {
                text_hash,
                container,
                ..Features::default()
            })
            .collect();
        add_repeats(&mut features);
        features
            .iter()
            .map(|line| (line.repeat_count, line.repeat_elsewhere_count))
            .collect()
    }

    /// Repeats counted line by line against every other line.
    fn repeats_by_pairs(lines: &[(u64, u32)]) -> Vec<(u32, u32)> {
        lines
            .iter()
            .map(|&(hash, container)| {
                let same = lines.iter().filter(|line| line.0 == hash).count() as u32 - 1;
                let same_block = lines
                    .iter()
                    .filter(|line| line.0 == hash && line.1 == container)
                    .count() as u32;
                let elsewhere = if container == NO_CONTAINER {
                    same
                } else {
                    same + 1 - same_block
                };
                (same, elsewhere)
            })
            .collect()
    }

    #[test]
    fn repeats_are_counted_alike_by_the_table_and_the_sort() {
        let mut state = 1u64;
        let mut next = |modulo: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            (state >> 33) % modulo
        };
        for size in [0, 1, 2, 3, 7, 50, 300] {
            // Few distinct texts, so that repeats abound; hashes spread
            // over the whole range, as real ones are.
            let text_page: Vec<(u64, u32)> = (0..size)
                .map(|_| (next(12).wrapping_mul(0x9E37_79B9_7F4A_7C15), NO_CONTAINER))
                .collect();
            assert_eq!(repeats_of(&text_page), repeats_by_pairs(&text_page));
            let html_page: Vec<(u64, u32)> = text_page
                .iter()
                .map(|&(hash, _)| (hash, next(3) as u32))
                .collect();
            assert_eq!(repeats_of(&html_page), repeats_by_pairs(&html_page));
        }
    }

    #[test]
    fn hashes_sharing_their_top_bits_fall_back_to_the_sort() {
        // A page built so that every text lands in one slot of the table.
        let lines: Vec<(u64, u32)> = (0..200u64)
            .map(|index| (index % 150, NO_CONTAINER))
            .collect();
        let features: Vec<Features> = lines
            .iter()
            .map(|&(text_hash, _)| Features {
                text_hash,
                ..Features::default()
            })
            .collect();
        assert!(TextCounts::of(&features).is_none());
        assert_eq!(repeats_of(&lines), repeats_by_pairs(&lines));
    }
}
