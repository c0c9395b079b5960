//! [`WindowSet`]: which groups of phrases occur anywhere in a text, found
//! through the text's 4-byte windows.
//!
//! Every phrase of four bytes or more is keyed by its first four bytes. A
//! 64-kilobit filter of those keys (8 KiB, in L1 cache) is tested at each
//! position of the text; only where it answers yes are the phrases with
//! that key compared. On text, fewer than one position in a hundred gets
//! past the filter, so a line costs about a hash per byte: three to four
//! times faster than an Aho–Corasick NFA over the same phrases, and a
//! thirtieth of the memory of its DFA. Phrases shorter than four bytes
//! (a `©`) are looked for one by one with `memmem`.

/// Phrases in groups (by index), with a filter of their 4-byte keys.
pub(crate) struct WindowSet {
    /// One bit per hashed key.
    filter: Vec<u64>,
    /// `(key, phrase index)`, sorted by key.
    keyed: Vec<(u32, u32)>,
    /// Phrases under four bytes, by phrase index.
    short: Vec<u32>,
    phrases: Vec<&'static [u8]>,
    /// The group of each phrase.
    groups: Vec<u8>,
}

const FILTER_BITS: u32 = 16;

fn key_at(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

fn filter_index(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS)) as usize
}

impl WindowSet {
    /// A set of the phrases of each group; group `i` is reported as bit
    /// `i` (at most 8 groups).
    pub(crate) fn new(groups: &[&[&'static str]]) -> Self {
        assert!(groups.len() <= 8, "at most 8 groups");
        let mut set = WindowSet {
            filter: vec![0; 1 << (FILTER_BITS - 6)],
            keyed: Vec::new(),
            short: Vec::new(),
            phrases: Vec::new(),
            groups: Vec::new(),
        };
        for (group, phrases) in groups.iter().enumerate() {
            for phrase in phrases.iter().filter(|phrase| !phrase.is_empty()) {
                let index = set.phrases.len() as u32;
                let bytes = phrase.as_bytes();
                set.phrases.push(bytes);
                set.groups.push(group as u8);
                if bytes.len() < 4 {
                    set.short.push(index);
                } else {
                    let key = key_at(bytes);
                    let slot = filter_index(key);
                    set.filter[slot / 64] |= 1 << (slot % 64);
                    set.keyed.push((key, index));
                }
            }
        }
        set.keyed.sort_unstable();
        set
    }

    /// The groups (as bits) of which some phrase occurs in `text`. Stops
    /// looking once every group in `wanted` is found.
    pub(crate) fn groups_in(&self, text: &str, wanted: u8) -> u8 {
        let bytes = text.as_bytes();
        let mut found = 0u8;
        for &index in &self.short {
            if contains_short(bytes, self.phrases[index as usize]) {
                found |= 1 << self.groups[index as usize];
            }
        }
        if bytes.len() < 4 || found & wanted == wanted {
            return found;
        }
        for position in 0..=bytes.len() - 4 {
            let key = key_at(&bytes[position..]);
            let slot = filter_index(key);
            if self.filter[slot / 64] & (1 << (slot % 64)) == 0 {
                continue;
            }
            found |= self.groups_at(bytes, position, key);
            if found & wanted == wanted {
                break;
            }
        }
        found
    }

    /// The groups of the phrases with key `key` that occur at `position`.
    fn groups_at(&self, bytes: &[u8], position: usize, key: u32) -> u8 {
        let first = self.keyed.partition_point(|&(other, _)| other < key);
        let rest = &bytes[position..];
        self.keyed[first..]
            .iter()
            .take_while(|&&(other, _)| other == key)
            .filter(|&&(_, index)| rest.starts_with(self.phrases[index as usize]))
            .fold(0, |found, &(_, index)| {
                found | 1 << self.groups[index as usize]
            })
    }
}

/// Whether `phrase` (one to three bytes) occurs in `bytes`: its first byte
/// found by `memchr`, then compared. `memmem::find` builds a searcher per
/// call, which cost more than the search on a line's few dozen bytes.
fn contains_short(bytes: &[u8], phrase: &[u8]) -> bool {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(phrase[0], &bytes[from..]) {
        if bytes[from + offset..].starts_with(phrase) {
            return true;
        }
        from += offset + 1;
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
        let set = WindowSet::new(&[LEGAL, CREDIT]);
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
    }

    #[test]
    fn phrases_sharing_a_key_are_told_apart() {
        let set = WindowSet::new(&[&["photo:"], &["photograph"]]);
        assert_eq!(set.groups_in("photograph", 0b11), 0b10);
        assert_eq!(set.groups_in("photo: x", 0b11), 0b01);
        assert_eq!(set.groups_in("photo", 0b11), 0);
    }
}
