//! The errors extraction can return.

/// Why a page could not be extracted.
///
/// ```
/// use newsclip::{Config, Error, Extractor};
///
/// assert_eq!(newsclip::extract_text("  \n\n"), Err(Error::EmptyInput));
/// let small = Extractor::new(Config::default().with_max_input_bytes(10));
/// let error = small.extract_text("a page longer than ten bytes").unwrap_err();
/// assert_eq!(error.to_string(), "the input is 28 bytes, over the limit of 10 bytes");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input holds no text at all (empty or only whitespace).
    #[error("the input is empty or holds only whitespace")]
    EmptyInput,
    /// The input is larger than [`Config::max_input_bytes`](crate::Config::max_input_bytes).
    #[error("the input is {size} bytes, over the limit of {limit} bytes")]
    InputTooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
}
