//! The byte classes of a chunk of text as bit masks, bit `i` for byte
//! `i`: what the text front end finds line breaks by
//! ([`crate::segment::text`]) and the feature scan reads a plain line by
//! ([`crate::features`]). On x86-64 one SSE2 comparison classes sixteen
//! bytes; elsewhere the same masks come from arithmetic on 64-bit words.
//! Both are checked against a byte-by-byte reference.

/// Bytes in a chunk.
pub(crate) const CHUNK: usize = 16;

/// The classes of the bytes of one chunk, bit `i` for byte `i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ChunkMasks {
    /// Bytes with the high bit set: the bytes of non-ASCII characters.
    pub non_ascii: u32,
    /// UTF-8 lead bytes (`11xxxxxx`): where non-ASCII characters start.
    pub leads: u32,
    /// ASCII control characters, below the space.
    pub controls: u32,
    /// The ASCII space.
    pub spaces: u32,
    /// ASCII letters, capital or small.
    pub letters: u32,
    /// ASCII capitals.
    pub capitals: u32,
    /// ASCII digits.
    pub digits: u32,
    /// The ASCII marks counted as inner punctuation: `, ; : " ( )`.
    pub marks: u32,
}

impl ChunkMasks {
    /// The masks of `chunk`.
    #[inline(always)]
    pub(crate) fn of(chunk: &[u8; CHUNK]) -> ChunkMasks {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64
            // processor has it, and `sse2::masks` uses nothing else.
            unsafe { sse2::masks(chunk) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            words::masks(chunk)
        }
    }
}

/// The first eight bytes of `bytes` (fewer, padded with zeros, when it is
/// shorter) as a little-endian number. Read as at most two overlapping
/// loads: the call to copy memory that a copy into a padded array makes
/// cost more than that on a line's last few bytes.
#[inline(always)]
pub(crate) fn word_at_most(bytes: &[u8]) -> u64 {
    let length = bytes.len();
    let at = |offset: usize| u64::from(bytes[offset]);
    let four = |offset: usize| {
        u64::from(u32::from_le_bytes(
            bytes[offset..offset + 4].try_into().expect("four bytes"),
        ))
    };
    match length {
        0 => 0,
        1..=3 => {
            at(0) | at(length / 2) << (8 * (length / 2)) | at(length - 1) << (8 * (length - 1))
        }
        4..=7 => four(0) | four(length - 4) << (8 * (length - 4)),
        _ => u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes")),
    }
}

/// `bytes` (at most [`CHUNK`]) padded with spaces to a chunk, built from
/// [`word_at_most`] reads: the last, short chunk of a line, with no call
/// to copy memory.
pub(crate) fn padded_with_spaces(bytes: &[u8]) -> [u8; CHUNK] {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let padded_word = |at: usize| {
        let own = bytes.get(at..).unwrap_or_default();
        word_at_most(own) | SPACES.checked_shl(8 * own.len() as u32).unwrap_or(0)
    };
    let mut chunk = [0u8; CHUNK];
    chunk[..8].copy_from_slice(&padded_word(0).to_le_bytes());
    chunk[8..].copy_from_slice(&padded_word(8).to_le_bytes());
    chunk
}

/// The bytes of `chunk` that may start a line terminator or are other
/// control bytes: below 0x1f, or `0xc2` (U+0085) or `0xe2` (U+2028,
/// U+2029), bit `i` for byte `i` (see [`crate::segment::text`]).
#[inline(always)]
pub(crate) fn terminator_starts(chunk: &[u8; CHUNK]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as in `ChunkMasks::of`.
        unsafe { sse2::terminator_starts(chunk) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        words::terminator_starts(chunk)
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::{ChunkMasks, CHUNK};
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x, _mm_slli_epi16,
    };

    /// The byte `byte` in every lane.
    #[target_feature(enable = "sse2")]
    fn splat(byte: u8) -> __m128i {
        _mm_set1_epi8(byte as i8)
    }

    /// The lanes of `bytes` in `low..=high` (ASCII). The comparisons are
    /// signed: bytes from 0x80 up, negative, fall below any ASCII `low`,
    /// and `0 - 1` is -1.
    #[target_feature(enable = "sse2")]
    fn in_range(bytes: __m128i, low: u8, high: u8) -> __m128i {
        _mm_and_si128(
            _mm_cmpgt_epi8(bytes, splat(low.wrapping_sub(1))),
            _mm_cmplt_epi8(bytes, splat(high + 1)),
        )
    }

    /// One bit a lane: its high bit.
    #[target_feature(enable = "sse2")]
    fn bits(lanes: __m128i) -> u32 {
        _mm_movemask_epi8(lanes) as u32
    }

    /// The chunk in a register.
    #[target_feature(enable = "sse2")]
    fn load(chunk: &[u8; CHUNK]) -> __m128i {
        let half =
            |at: usize| i64::from_le_bytes(chunk[at..at + 8].try_into().expect("eight bytes"));
        _mm_set_epi64x(half(8), half(0))
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn terminator_starts(chunk: &[u8; CHUNK]) -> u32 {
        let bytes = load(chunk);
        let lead_bytes = _mm_or_si128(
            _mm_cmpeq_epi8(bytes, splat(0xc2)),
            _mm_cmpeq_epi8(bytes, splat(0xe2)),
        );
        bits(_mm_or_si128(in_range(bytes, 0, 0x1e), lead_bytes))
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn masks(chunk: &[u8; CHUNK]) -> ChunkMasks {
        let bytes = load(chunk);
        let non_ascii = bits(bytes);
        // Shifting the 16-bit lanes left brings a byte's bit 6 (lead
        // bytes) or bit 5 (small letters) to its high bit; bits crossing
        // into the next byte land below its high bit and are not read.
        let second_bits = bits(_mm_slli_epi16(bytes, 1));
        let small_bits = bits(_mm_slli_epi16(bytes, 2));
        // Setting the 0x20 bit turns a capital into its small letter.
        let folded = _mm_or_si128(bytes, splat(0x20));
        let letters = bits(in_range(folded, b'a', b'z'));
        // `(` `)` and `:` `;` are pairs told apart by their low bit.
        let odd = _mm_or_si128(bytes, splat(1));
        let marks = _mm_or_si128(
            _mm_or_si128(
                _mm_cmpeq_epi8(odd, splat(b')')),
                _mm_cmpeq_epi8(odd, splat(b';')),
            ),
            _mm_or_si128(
                _mm_cmpeq_epi8(bytes, splat(b',')),
                _mm_cmpeq_epi8(bytes, splat(b'"')),
            ),
        );
        ChunkMasks {
            non_ascii,
            leads: non_ascii & second_bits,
            controls: bits(_mm_cmplt_epi8(bytes, splat(b' '))) & !non_ascii,
            spaces: bits(_mm_cmpeq_epi8(bytes, splat(b' '))),
            letters,
            capitals: letters & !small_bits,
            digits: bits(in_range(bytes, b'0', b'9')),
            marks: bits(marks),
        }
    }
}

/// The masks from arithmetic on 64-bit words, eight bytes at a time: the
/// path of processors other than x86-64, kept compiled and tested on all.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
mod words {
    use super::{ChunkMasks, CHUNK};

    /// `0x01` in every byte of a word: multiplied by a byte, that byte in
    /// every byte.
    const EVERY_BYTE: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);

    /// The high bit of every byte of `word` (low seven bits only) below
    /// `limit` (at most 0x80), exactly: the sum never carries between
    /// bytes.
    fn below(word: u64, limit: u8) -> u64 {
        !(word + EVERY_BYTE * u64::from(0x80 - limit)) & HIGH_BITS
    }

    /// The high bit of every byte of `word` (low seven bits only) equal
    /// to `byte`.
    fn equal(word: u64, byte: u8) -> u64 {
        below(word ^ (EVERY_BYTE * u64::from(byte & 0x7f)), 1)
    }

    /// The high bits of a word's bytes gathered into its low eight bits:
    /// each lands on its own bit of the top byte of the product.
    fn gather(high_bits: u64) -> u32 {
        ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
    }

    /// The masks of eight bytes.
    fn masks_of_word(word: u64) -> ChunkMasks {
        let non_ascii = word & HIGH_BITS;
        let low = word & !HIGH_BITS;
        let ascii = |high_bits: u64| gather(high_bits & !non_ascii);
        let folded = low | (EVERY_BYTE * 0x20);
        let letters = below(folded, b'z' + 1) & !below(folded, b'a');
        let odd = low | EVERY_BYTE;
        let marks = equal(odd, b')') | equal(odd, b';') | equal(low, b',') | equal(low, b'"');
        ChunkMasks {
            non_ascii: gather(non_ascii),
            leads: gather(non_ascii & (word << 1)),
            controls: ascii(below(low, b' ')),
            spaces: ascii(equal(low, b' ')),
            letters: ascii(letters),
            capitals: ascii(letters & !(word << 2)),
            digits: ascii(below(low, b'9' + 1) & !below(low, b'0')),
            marks: ascii(marks),
        }
    }

    pub(super) fn terminator_starts(chunk: &[u8; CHUNK]) -> u32 {
        let word = |at: usize| {
            let word = u64::from_le_bytes(chunk[at..at + 8].try_into().expect("eight bytes"));
            let (non_ascii, low) = (word & HIGH_BITS, word & !HIGH_BITS);
            let leads = equal(low, 0xc2) | equal(low, 0xe2);
            gather((below(low, 0x1f) & !non_ascii) | (leads & non_ascii))
        };
        word(0) | word(8) << 8
    }

    pub(super) fn masks(chunk: &[u8; CHUNK]) -> ChunkMasks {
        let word = |at: usize| {
            masks_of_word(u64::from_le_bytes(
                chunk[at..at + 8].try_into().expect("eight bytes"),
            ))
        };
        let (low, high) = (word(0), word(8));
        let join = |field: fn(&ChunkMasks) -> u32| field(&low) | field(&high) << 8;
        ChunkMasks {
            non_ascii: join(|masks| masks.non_ascii),
            leads: join(|masks| masks.leads),
            controls: join(|masks| masks.controls),
            spaces: join(|masks| masks.spaces),
            letters: join(|masks| masks.letters),
            capitals: join(|masks| masks.capitals),
            digits: join(|masks| masks.digits),
            marks: join(|masks| masks.marks),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masks byte by byte.
    fn reference(chunk: &[u8; CHUNK]) -> ChunkMasks {
        let mut masks = ChunkMasks::default();
        for (index, &byte) in chunk.iter().enumerate() {
            let bit = 1 << index;
            let set = |mask: &mut u32, test: bool| *mask |= if test { bit } else { 0 };
            set(&mut masks.non_ascii, byte >= 0x80);
            set(&mut masks.leads, byte >= 0xc0);
            set(&mut masks.controls, byte < b' ');
            set(&mut masks.spaces, byte == b' ');
            set(&mut masks.letters, byte.is_ascii_alphabetic());
            set(&mut masks.capitals, byte.is_ascii_uppercase());
            set(&mut masks.digits, byte.is_ascii_digit());
            set(&mut masks.marks, b",;:\"()".contains(&byte));
        }
        masks
    }

    fn reference_terminator_starts(chunk: &[u8; CHUNK]) -> u32 {
        chunk
            .iter()
            .enumerate()
            .filter(|(_, &byte)| byte < 0x1f || byte == 0xc2 || byte == 0xe2)
            .fold(0, |mask, (index, _)| mask | 1 << index)
    }

    #[test]
    fn every_byte_is_classed_as_byte_by_byte() {
        // Each byte value at each position, among neighbours that vary.
        for byte in 0..=255u8 {
            for position in 0..CHUNK {
                let mut chunk = [0u8; CHUNK];
                for (index, slot) in chunk.iter_mut().enumerate() {
                    *slot = (index as u8)
                        .wrapping_mul(37)
                        .wrapping_add(byte.rotate_left(3));
                }
                chunk[position] = byte;
                let expected = reference(&chunk);
                assert_eq!(ChunkMasks::of(&chunk), expected, "{chunk:?}");
                assert_eq!(words::masks(&chunk), expected, "{chunk:?}");
                let expected = reference_terminator_starts(&chunk);
                assert_eq!(terminator_starts(&chunk), expected, "{chunk:?}");
                assert_eq!(words::terminator_starts(&chunk), expected, "{chunk:?}");
            }
        }
    }

    #[test]
    fn words_of_at_most_eight_bytes_are_zero_padded() {
        let bytes: Vec<u8> = (1..=12).collect();
        for length in 0..=12 {
            let mut padded = [0u8; 8];
            let taken = length.min(8);
            padded[..taken].copy_from_slice(&bytes[..taken]);
            assert_eq!(
                word_at_most(&bytes[..length]),
                u64::from_le_bytes(padded),
                "{length}"
            );
        }
    }

    #[test]
    fn short_chunks_are_padded_with_spaces() {
        let bytes: Vec<u8> = (b'a'..=b'p').collect();
        for length in 0..=CHUNK {
            let mut expected = [b' '; CHUNK];
            expected[..length].copy_from_slice(&bytes[..length]);
            assert_eq!(padded_with_spaces(&bytes[..length]), expected, "{length}");
        }
    }

    #[test]
    fn text_is_classed_as_byte_by_byte() {
        let text = "Storm closes ports: (Reuters) \"2024\", MORE; café — 中文 Москва\t\x7f\x01";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() - CHUNK {
            let chunk: &[u8; CHUNK] = bytes[start..start + CHUNK].try_into().expect("chunk");
            assert_eq!(ChunkMasks::of(chunk), reference(chunk), "{start}");
            assert_eq!(words::masks(chunk), reference(chunk), "{start}");
        }
    }
}
