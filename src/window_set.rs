//! [`WindowSet`]: which groups of phrases occur anywhere in a text, found
//! through the text's 3- or 4-byte windows.
//!
//! Every phrase at least as long as a key is keyed by its first `WIDTH`
//! bytes (3 or 4). A 64-kilobit filter of those keys (8 KiB, in L1 cache)
//! is tested at each position of the text; only where it answers yes are
//! the phrases with that key, found in a small bucket, compared. On the
//! Scrapinghub text dumps 1.6% of positions get past the filter of the
//! 4-byte keys and 7.7% past the 3-byte one (date words: "mar", "sun"),
//! most of them because the text does hold a key there; a line costs
//! about a hash per byte: three to four times faster than an Aho–Corasick
//! NFA over the same phrases, and a thirtieth of the memory of its DFA.
//! Phrases shorter than a key (a `©`) are looked for one by one with
//! `memchr` on their first byte, and not at all in an ASCII line when they
//! open beyond ASCII. The same filter and buckets also answer whether some
//! phrase starts at one given position ([`WindowSet::starts_at`]), which
//! spares a costlier anchored search most of the time.

use crate::chunk_masks::word_at_most;

/// Phrases in groups (by index), with a filter of their keys: their
/// first `WIDTH` bytes (3 or 4).
pub(crate) struct WindowSet<const WIDTH: usize> {
    /// One bit per hashed key.
    filter: Box<[u64; FILTER_WORDS]>,
    /// `(key, phrase index)`, sorted by filter slot.
    keyed: Vec<(u32, u32)>,
    /// Where each bucket of [`BUCKET_SLOTS`] filter slots starts in
    /// `keyed`: a key past the filter is looked up in its bucket (a few
    /// entries), not by a binary search of all keys, whose chain of
    /// dependent loads cost more than the filter loop itself.
    buckets: Box<[u32]>,
    /// Phrases shorter than a key, by phrase index.
    short: Vec<u32>,
    /// The short phrases as [`key_at_most`] reads them, with the mask of
    /// their bytes.
    short_keys: Vec<(u32, u32)>,
    /// Whether every short phrase opens with a byte beyond ASCII.
    shorts_open_beyond_ascii: bool,
    /// One bit per pair of first bytes of the short phrases (any second
    /// byte for a phrase of one byte).
    short_pairs: Box<[u64; 1024]>,
    phrases: Vec<&'static [u8]>,
    /// The group of each phrase.
    groups: Vec<u8>,
}

const FILTER_BITS: u32 = 16;
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);
/// Filter slots per bucket: 4,096 buckets (16 KiB of offsets) for a few
/// thousand keys.
const BUCKET_SLOTS: usize = 16;

fn key_at<const WIDTH: usize>(bytes: &[u8]) -> u32 {
    let mut key = [0u8; 4];
    key[..WIDTH].copy_from_slice(&bytes[..WIDTH]);
    u32::from_le_bytes(key)
}

/// The first four bytes of `bytes` (fewer, padded with zeros, when it is
/// shorter) as a little-endian number.
fn key_at_most(bytes: &[u8]) -> u32 {
    word_at_most(&bytes[..bytes.len().min(4)]) as u32
}

/// The bits of the first `length` bytes (at most four) of such a number.
fn mask_of(length: usize) -> u32 {
    match length {
        0..=3 => (1u32 << (8 * length)) - 1,
        _ => u32::MAX,
    }
}

fn filter_index(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS)) as usize
}

impl<const WIDTH: usize> WindowSet<WIDTH> {
    /// A set of the phrases of each group; group `i` is reported as bit
    /// `i` (at most 8 groups).
    pub(crate) fn new(groups: &[&[&'static str]]) -> Self {
        assert!(groups.len() <= 8, "at most 8 groups");
        assert!((3..=4).contains(&WIDTH), "keys of 3 or 4 bytes");
        let mut set = WindowSet {
            filter: Box::new([0; FILTER_WORDS]),
            keyed: Vec::new(),
            buckets: Box::default(),
            short: Vec::new(),
            short_keys: Vec::new(),
            shorts_open_beyond_ascii: false,
            short_pairs: Box::new([0; 1024]),
            phrases: Vec::new(),
            groups: Vec::new(),
        };
        for (group, phrases) in groups.iter().enumerate() {
            for phrase in phrases.iter().filter(|phrase| !phrase.is_empty()) {
                let index = set.phrases.len() as u32;
                let bytes = phrase.as_bytes();
                set.phrases.push(bytes);
                set.groups.push(group as u8);
                if bytes.len() < WIDTH {
                    set.short.push(index);
                    set.short_keys
                        .push((key_at_most(bytes), mask_of(bytes.len())));
                    let seconds = match bytes.get(1) {
                        Some(&second) => second..=second,
                        None => 0..=u8::MAX,
                    };
                    for second in seconds {
                        let pair = usize::from(u16::from_le_bytes([bytes[0], second]));
                        set.short_pairs[pair / 64] |= 1 << (pair % 64);
                    }
                } else {
                    let key = key_at::<WIDTH>(bytes);
                    let slot = filter_index(key);
                    set.filter[slot / 64] |= 1 << (slot % 64);
                    set.keyed.push((key, index));
                }
            }
        }
        set.shorts_open_beyond_ascii = set
            .short
            .iter()
            .all(|&index| !set.phrases[index as usize][0].is_ascii());
        set.keyed
            .sort_unstable_by_key(|&(key, index)| (filter_index(key), key, index));
        let bucket_count = (1 << FILTER_BITS) / BUCKET_SLOTS;
        let mut buckets = vec![0u32; bucket_count + 1];
        for &(key, _) in &set.keyed {
            buckets[filter_index(key) / BUCKET_SLOTS + 1] += 1;
        }
        for bucket in 1..buckets.len() {
            buckets[bucket] += buckets[bucket - 1];
        }
        set.buckets = buckets.into_boxed_slice();
        set
    }

    /// The phrases keyed by `key` (whose filter slot is `slot`), with
    /// others of its bucket, which the caller tells apart by key.
    fn bucket_of(&self, slot: usize) -> &[(u32, u32)] {
        let bucket = slot / BUCKET_SLOTS;
        let start = self.buckets[bucket] as usize;
        let end = self.buckets[bucket + 1] as usize;
        &self.keyed[start..end]
    }

    /// Whether some phrase starts at byte `start` of `text`: the key
    /// there tested in the filter, then the phrases of its bucket
    /// compared. Exact, so that a costlier search (an anchored automaton
    /// that reports every phrase there) runs only where it finds one: on
    /// the Scrapinghub text dumps the filter alone let through three
    /// times as many lines as hold a phrase.
    pub(crate) fn starts_at(&self, text: &str, start: usize) -> bool {
        let rest = &text.as_bytes()[start.min(text.len())..];
        if rest.len() >= WIDTH {
            let key = key_at::<WIDTH>(rest);
            let slot = filter_index(key);
            if self.filter[slot / 64] & (1 << (slot % 64)) != 0
                && self.bucket_of(slot).iter().any(|&(other, index)| {
                    other == key && has_prefix(rest, self.phrases[index as usize])
                })
            {
                return true;
            }
        }
        // The short phrases, compared only after their first two bytes
        // are found among theirs.
        let pair = match rest {
            [first, second, ..] => usize::from(u16::from_le_bytes([*first, *second])),
            [first] => usize::from(*first),
            [] => return false,
        };
        if self.short_pairs[pair / 64] & (1 << (pair % 64)) == 0 {
            return false;
        }
        // Compared as numbers: a phrase of at most three bytes against
        // the first bytes of the text, with no call to compare memory.
        let length = rest.len().min(4);
        let (prefix, available) = (key_at_most(rest), mask_of(length));
        self.short_keys
            .iter()
            .any(|&(key, mask)| prefix & mask == key && mask & !available == 0)
    }

    /// The groups (as bits) of which some phrase occurs in `text`. Stops
    /// looking once every group in `wanted` is found.
    pub(crate) fn groups_in(&self, text: &str, wanted: u8) -> u8 {
        self.groups_standing_in(text, wanted, 0, |_, _| true)
    }

    /// [`Self::groups_in`], where a phrase of a group in `bounded` counts
    /// only at the byte ranges `stands` accepts (on word boundaries, say).
    pub(crate) fn groups_standing_in(
        &self,
        text: &str,
        wanted: u8,
        bounded: u8,
        stands: impl Fn(usize, usize) -> bool,
    ) -> u8 {
        let bytes = text.as_bytes();
        let counts = |index: u32, start: usize| {
            let group = self.groups[index as usize];
            let end = start + self.phrases[index as usize].len();
            bounded & 1 << group == 0 || stands(start, end)
        };
        let mut found = 0u8;
        // A short phrase that opens beyond ASCII (a `©`) cannot stand in
        // an ASCII line, most lines: `memchr` is spared its start-up.
        let shorts_may_occur = !(self.shorts_open_beyond_ascii && bytes.is_ascii());
        for &index in self.short.iter().filter(|_| shorts_may_occur) {
            let phrase = self.phrases[index as usize];
            if occurs_short(bytes, phrase, |start| counts(index, start)) {
                found |= 1 << self.groups[index as usize];
            }
        }
        if found & wanted == wanted {
            return found;
        }
        let Some(last) = bytes.len().checked_sub(WIDTH) else {
            return found;
        };
        // An exclusive range: `0..=last` cost a third more a position.
        for position in 0..last + 1 {
            let key = key_at::<WIDTH>(&bytes[position..position + WIDTH]);
            let slot = filter_index(key);
            if self.filter[slot / 64] & (1 << (slot % 64)) == 0 {
                continue;
            }
            let rest = &bytes[position..];
            for &(_, index) in self
                .bucket_of(slot)
                .iter()
                .filter(|&&(other, _)| other == key)
            {
                if has_prefix(rest, self.phrases[index as usize]) && counts(index, position) {
                    found |= 1 << self.groups[index as usize];
                }
            }
            if found & wanted == wanted {
                break;
            }
        }
        found
    }
}

/// `bytes.starts_with(phrase)`, eight bytes a step: most phrases
/// compared differ within their first eight bytes, and the call to
/// compare memory that `starts_with` makes cost more than that.
fn has_prefix(bytes: &[u8], phrase: &[u8]) -> bool {
    let Some(bytes) = bytes.get(..phrase.len()) else {
        return false;
    };
    let eight = |slice: &[u8], at: usize| {
        u64::from_le_bytes(slice[at..at + 8].try_into().expect("eight bytes"))
    };
    let four = |slice: &[u8], at: usize| {
        u32::from_le_bytes(slice[at..at + 4].try_into().expect("four bytes"))
    };
    let mut at = 0;
    while at + 8 <= phrase.len() {
        if eight(bytes, at) != eight(phrase, at) {
            return false;
        }
        at += 8;
    }
    // The last zero to seven bytes: two four-byte reads that may overlap,
    // or one padded read.
    let last = phrase.len().saturating_sub(4);
    if phrase.len() - at >= 4 {
        four(bytes, at) == four(phrase, at) && four(bytes, last) == four(phrase, last)
    } else {
        key_at_most(&bytes[at..]) == key_at_most(&phrase[at..])
    }
}

/// Whether `phrase` (shorter than a key) occurs in `bytes` at a start
/// `counts` accepts: its first byte found by `memchr`, then compared.
/// `memmem::find` builds a searcher per call, which cost more than the
/// search on a line's few dozen bytes.
fn occurs_short(bytes: &[u8], phrase: &[u8], counts: impl Fn(usize) -> bool) -> bool {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(phrase[0], &bytes[from..]) {
        let start = from + offset;
        if bytes[start..].starts_with(phrase) && counts(start) {
            return true;
        }
        from = start + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGAL: &[&str] = &["all rights reserved", "copyright", "cookie"];
    const CREDIT: &[&str] = &["photo:", "getty images", "©"];

    #[test]
    fn phrases_are_found_anywhere_in_their_groups() {
        let set = WindowSet::<4>::new(&[LEGAL, CREDIT]);
        assert_eq!(
            set.groups_in("© 2024 acme. all rights reserved", 0b11),
            0b11
        );
        assert_eq!(
            set.groups_in("the minister (photo: getty images)", 0b11),
            0b10
        );
        assert_eq!(set.groups_in("a story about cookies", 0b11), 0b01);
        assert_eq!(set.groups_in("a story about nothing at all", 0b11), 0);
        assert_eq!(set.groups_in("cop", 0b11), 0);
        assert_eq!(set.groups_in("(c) ©", 0b11), 0b10);
        assert_eq!(set.groups_in("\u{c2}\u{c2}", 0b11), 0);
        assert_eq!(set.groups_in("", 0b11), 0);
        // Short phrases of ASCII are looked for in ASCII lines too.
        let set = WindowSet::<4>::new(&[&["ab", "©"], &["xyz"]]);
        assert_eq!(set.groups_in("a cab", 0b11), 0b01);
        assert_eq!(set.groups_in("a xyz", 0b11), 0b10);
    }

    #[test]
    fn a_start_no_phrase_opens_is_told() {
        let set = WindowSet::<4>::new(&[&["read more", "by", "related", "©"]]);
        assert!(set.starts_at("read more: the story", 0));
        assert!(set.starts_at("by jane doe", 0));
        assert!(set.starts_at("12 related stories", 3));
        assert!(set.starts_at("© acme", 0));
        assert!(set.starts_at("by", 0));
        assert!(!set.starts_at("the council approved the budget", 0));
        // The key is in the filter, the phrase is not there.
        assert!(!set.starts_at("read less", 0));
        assert!(!set.starts_at("relate", 0));
        assert!(!set.starts_at("rea", 0));
        assert!(!set.starts_at("b", 0));
        assert!(!set.starts_at("", 0));
        assert!(!set.starts_at("by", 2));
    }

    #[test]
    fn starts_are_found_as_a_search_of_every_phrase_finds_them() {
        let phrases = [
            "related",
            "related stories",
            "rel",
            "by",
            "b",
            "©",
            "read more",
            "réa",
        ];
        let set = WindowSet::<4>::new(&[&phrases]);
        let mut pieces = crate::test_pieces::Pieces::seeded(7);
        let alphabet = [
            "re", "l", "a", "ted", " ", "b", "y", "©", "é", "s", "tories", "ad more",
        ];
        for _ in 0..5_000 {
            let text = pieces.string(&alphabet, 6);
            for start in (0..=text.len()).filter(|&start| text.is_char_boundary(start)) {
                let expected = phrases
                    .iter()
                    .any(|phrase| text[start..].starts_with(phrase));
                assert_eq!(set.starts_at(&text, start), expected, "{text:?} at {start}");
            }
        }
    }

    #[test]
    fn prefixes_are_told_as_starts_with_tells_them() {
        let mut pieces = crate::test_pieces::Pieces::seeded(11);
        let alphabet = ["a", "b", "ab", "é", "abcdefgh", "ba"];
        for _ in 0..20_000 {
            // One to six pieces: phrases of 1 to 48 bytes.
            let count = 1 + pieces
                .string(&["", "a", "aa", "aaa", "aaaa", "aaaaa"], 1)
                .len();
            let phrase = pieces.string(&alphabet, count);
            let text = pieces.string(&alphabet, 4);
            for text in [text.clone(), format!("{phrase}{text}"), phrase.clone()] {
                let (text, phrase) = (text.as_bytes(), phrase.as_bytes());
                assert_eq!(has_prefix(text, phrase), text.starts_with(phrase));
                for cut in 0..=text.len().min(phrase.len()) {
                    assert_eq!(
                        has_prefix(&text[..cut], phrase),
                        text[..cut].starts_with(phrase)
                    );
                }
            }
        }
    }

    #[test]
    fn phrases_sharing_a_key_are_told_apart() {
        let set = WindowSet::<4>::new(&[&["photo:"], &["photograph"]]);
        assert_eq!(set.groups_in("photograph", 0b11), 0b10);
        assert_eq!(set.groups_in("photo: x", 0b11), 0b01);
        assert_eq!(set.groups_in("photo", 0b11), 0);
    }

    #[test]
    fn three_byte_keys_and_phrases_on_boundaries() {
        let set = WindowSet::<3>::new(&[&["©", "photo:"], &["may", "monday"]]);
        let on_words = |text: &str| {
            let bytes = text.as_bytes();
            set.groups_standing_in(text, 0b11, 0b10, |start, end| {
                (start == 0 || bytes[start - 1] == b' ')
                    && bytes.get(end).is_none_or(|&b| b == b' ')
            })
        };
        assert_eq!(on_words("5 may 2024"), 0b10);
        assert_eq!(on_words("mayor 5 monday"), 0b10);
        assert_eq!(on_words("mayor mondays"), 0);
        assert_eq!(on_words("© photo: mayor"), 0b01);
        assert_eq!(set.groups_in("mayor", 0b11), 0b10);
    }
}
