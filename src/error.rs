//! The errors extraction can return.

/// Why a page could not be extracted.
///
/// Each variant is something a caller can act on: skip empty and binary
/// inputs, raise [`Config::max_input_bytes`](crate::Config::max_input_bytes)
/// or split oversized ones, and count [`Error::NoArticle`] pages apart from
/// failures — a home page is a page without an article, not a broken one.
/// "No article" is an error rather than an empty [`Article`](crate::Article)
/// so that a caller cannot mistake an empty result for an extracted one.
///
/// ```
/// use newsclip::{Config, Error, Extractor};
///
/// assert_eq!(newsclip::extract_text("  \n\n"), Err(Error::EmptyInput));
/// let small = Extractor::new(Config::default().with_max_input_bytes(10));
/// let error = small.extract_text("a page longer than ten bytes").unwrap_err();
/// assert_eq!(error.to_string(), "the input is 28 bytes, over the limit of 10 bytes");
/// assert_eq!(newsclip::extract_html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"), Err(Error::NotText));
/// assert_eq!(newsclip::extract_text("Home\nNews\nSport\n"), Err(Error::NoArticle));
/// ```
///
/// With the `serde` feature it is written as its variant's name in snake
/// case under `kind`, beside its fields: `{"kind": "input_too_large",
/// "size": 90, "limit": 10}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Error {
    /// The input holds no text at all (empty or only whitespace).
    #[error("the input is empty or holds only whitespace")]
    EmptyInput,
    /// The input is larger than [`Config::max_input_bytes`](crate::Config::max_input_bytes).
    #[error("the input is {size} bytes, over the limit of {limit} bytes")]
    InputTooLarge {
        /// The input's size in bytes. For gzipped input that is over the
        /// limit once gunzipped, the bytes gunzipped when reading stopped
        /// (one past the limit), not the whole size: a gzip bomb is never
        /// unpacked to learn it.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The input is binary data, not text or HTML: an image or archive
    /// saved under a page's name, a NUL-padded file, bytes that decode to
    /// control characters in every candidate encoding.
    #[error("the input is binary data, not text or HTML (control bytes in the first 64 KiB)")]
    NotText,
    /// The page is text but holds no article: no run of lines reads as body
    /// text, and no block of the page holds enough text of its own (its
    /// menus, asides and repeated buttons aside) to stand in for one.
    /// Pages of menus, galleries and empty shells that scripts fill in a
    /// browser end here.
    #[error("no article found: no run of lines on the page reads as article body text")]
    NoArticle,
    /// The input starts as gzip data (its magic bytes) but does not
    /// gunzip: truncated or corrupt.
    #[error("the input starts as gzip data but cannot be gunzipped: {reason}")]
    InvalidGzip {
        /// What the decoder found wrong.
        reason: String,
    },
    /// An archived HTTP response whose page cannot be got at: no HTTP
    /// head, a body compressed in an encoding newsclip does not decode,
    /// or a compressed body that is corrupt. Only WARC input
    /// ([`crate::warc`]) returns it.
    #[error("the archived HTTP response cannot be read: {reason}")]
    UnreadableResponse {
        /// What is wrong with the response.
        reason: String,
    },
}
