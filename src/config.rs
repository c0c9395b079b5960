//! Settings of an [`Extractor`](crate::Extractor), each with a documented default.

/// Largest input accepted by default: 64 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Default body probability above which a line pulls the article region
/// towards itself (see [`Config::body_threshold`]).
pub const DEFAULT_BODY_THRESHOLD: f32 = 0.45;

/// Default number of lines above the article searched for its headline.
pub const DEFAULT_TITLE_LOOKBACK: usize = 8;

/// Default number of lines around the article searched for byline and date.
pub const DEFAULT_METADATA_WINDOW: usize = 6;

/// Settings of an [`Extractor`](crate::Extractor).
///
/// ```
/// let config = newsclip::Config::default().with_max_input_bytes(1 << 20);
/// assert_eq!(config.max_input_bytes, 1 << 20);
/// let extractor = newsclip::Extractor::new(config);
/// # let _ = extractor;
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// Inputs larger than this many bytes are refused with
    /// [`Error::InputTooLarge`](crate::Error::InputTooLarge).
    /// Default: [`DEFAULT_MAX_INPUT_BYTES`].
    pub max_input_bytes: usize,
    /// A line whose body probability (plus half its caption probability)
    /// exceeds this value adds to the article region; below it, the line
    /// costs the region. Raise it for precision, lower it for recall.
    /// Default: [`DEFAULT_BODY_THRESHOLD`].
    pub body_threshold: f32,
    /// How many lines above the article are searched for the headline.
    /// Default: [`DEFAULT_TITLE_LOOKBACK`].
    pub title_lookback: usize,
    /// How many lines around the article are searched for the byline and
    /// the date. Default: [`DEFAULT_METADATA_WINDOW`].
    pub metadata_window: usize,
    /// The assembler's fitted parameters (see `src/assemble/params.rs`).
    pub(crate) assembler: crate::assemble::AssemblerParams,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            body_threshold: DEFAULT_BODY_THRESHOLD,
            title_lookback: DEFAULT_TITLE_LOOKBACK,
            metadata_window: DEFAULT_METADATA_WINDOW,
            assembler: crate::assemble::AssemblerParams::default(),
        }
    }
}

impl Config {
    /// Sets [`Config::max_input_bytes`].
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Sets one of the assembler's fitted parameters by name, for the
    /// fitting example (`examples/fit_assembler.rs`); not a stable API.
    /// Returns `None` for a name the assembler does not have.
    #[doc(hidden)]
    pub fn with_assembler_parameter(mut self, name: &str, value: f32) -> Option<Self> {
        self.assembler.set(name, value).then_some(self)
    }

    /// The names [`Config::with_assembler_parameter`] takes.
    #[doc(hidden)]
    pub fn assembler_parameter_names() -> &'static [&'static str] {
        &crate::assemble::AssemblerParams::NAMES
    }

    /// Sets [`Config::body_threshold`].
    pub fn with_body_threshold(mut self, threshold: f32) -> Self {
        self.body_threshold = threshold;
        self
    }
}
