//! Settings of an [`Extractor`](crate::Extractor), each with a documented default.

/// Largest input accepted by default: 64 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Default body probability above which a line pulls the article region
/// towards itself (see [`Config::body_threshold`]).
pub const DEFAULT_BODY_THRESHOLD: f32 = 0.45;

/// Default precision↔recall dial: the fitted balance (see
/// [`Config::recall_bias`]).
pub const DEFAULT_RECALL_BIAS: f32 = 0.0;

/// How far the dial at ±1 moves the body threshold: at 1 a line adds to
/// the article from a body probability of 0.20 (with the default
/// threshold), at −1 only from 0.70.
const RECALL_BIAS_THRESHOLD_SPAN: f32 = 0.25;

/// Default number of lines above the article searched for its headline.
pub const DEFAULT_TITLE_LOOKBACK: usize = 8;

/// Default number of lines around the article searched for byline and date.
pub const DEFAULT_METADATA_WINDOW: usize = 6;

/// How HTML pages are read into lines (see [`Config::html_front_end`]).
/// Both give the same lines on nearly every page (the same article on
/// 4,415 of the 4,419 development pages, the same text on all of them);
/// the token front end costs less, as it builds no tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum HtmlFrontEnd {
    /// html5ever builds the page's whole tree (scraper's DOM), which is
    /// then walked: the reference.
    Dom,
    /// html5ever's tokenizer alone, with the tree-construction rules that
    /// decide where elements end applied to the token stream: no tree is
    /// built. Text or elements written straight inside a table stay where
    /// they are written (the tree builder moves them before the table).
    /// The default.
    #[default]
    Tokens,
}

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
    /// One dial between precision and recall, from −1 to 1: negative
    /// values keep only what reads surely as the article (fewer stray
    /// lines, more lost paragraphs), positive values keep more of what may
    /// be (fewer lost paragraphs, more stray lines). 0, the default, is the
    /// balance fitted on the development sets; the README plots the curve
    /// the dial traces. It moves the body threshold the assembler weighs
    /// every line against. Default: [`DEFAULT_RECALL_BIAS`].
    ///
    /// ```
    /// use newsclip::{Config, Extractor};
    ///
    /// let page = "Home | News\nStorm closes ports\n\
    ///     A storm closed the country's two largest ports on Monday, halting shipments.\n\
    ///     Harbour officials said the ports could reopen on Wednesday.\n";
    /// let with_bias = |bias| Extractor::new(Config::default().with_recall_bias(bias));
    /// let strict = with_bias(-1.0).extract_text(page)?;
    /// let loose = with_bias(1.0).extract_text(page)?;
    /// assert!(strict.paragraphs.len() <= loose.paragraphs.len());
    /// assert!(loose.text().contains("A storm closed"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub recall_bias: f32,
    /// How many lines above the article are searched for the headline.
    /// Default: [`DEFAULT_TITLE_LOOKBACK`].
    pub title_lookback: usize,
    /// How many lines around the article are searched for the byline and
    /// the date. Default: [`DEFAULT_METADATA_WINDOW`].
    pub metadata_window: usize,
    /// Whether the verdicts on an HTML page's lines say where each line
    /// is: its byte range in the page ([`LineVerdict::start`],
    /// [`LineVerdict::end`]) and its element's CSS path
    /// ([`LineVerdict::path`]). Finding them costs about a third more
    /// time per page, so it is off by default; text pages always get
    /// their ranges, which cost nothing. Default: `false`.
    ///
    /// [`LineVerdict::start`]: crate::LineVerdict::start
    /// [`LineVerdict::end`]: crate::LineVerdict::end
    /// [`LineVerdict::path`]: crate::LineVerdict::path
    pub provenance: bool,
    /// Which HTML front end reads pages into lines. Default:
    /// [`HtmlFrontEnd::Tokens`].
    pub html_front_end: HtmlFrontEnd,
    /// The assembler's fitted parameters (see `src/assemble/params.rs`).
    pub(crate) assembler: crate::assemble::AssemblerParams,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            body_threshold: DEFAULT_BODY_THRESHOLD,
            recall_bias: DEFAULT_RECALL_BIAS,
            title_lookback: DEFAULT_TITLE_LOOKBACK,
            metadata_window: DEFAULT_METADATA_WINDOW,
            provenance: false,
            html_front_end: HtmlFrontEnd::default(),
            assembler: crate::assemble::AssemblerParams::default(),
        }
    }
}

impl Config {
    /// Sets [`Config::max_input_bytes`].
    ///
    /// ```
    /// use newsclip::{Config, Error, Extractor};
    ///
    /// let small = Extractor::new(Config::default().with_max_input_bytes(16));
    /// assert_eq!(
    ///     small.extract_text("a page longer than sixteen bytes"),
    ///     Err(Error::InputTooLarge { size: 32, limit: 16 })
    /// );
    /// ```
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// This config with [`Config::provenance`] on or off.
    ///
    /// ```
    /// use newsclip::{Config, Extractor};
    ///
    /// let page = b"<html><body><p>The storm closed the ports on Monday.</p></body></html>";
    /// let extractor = Extractor::new(Config::default().with_provenance(true));
    /// let line = &extractor.line_verdicts_html(page, None)?[0];
    /// assert_eq!(&page[line.start..line.end], b"The storm closed the ports on Monday.");
    /// assert_eq!(line.path.as_deref(), Some("html > body > p"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn with_provenance(mut self, provenance: bool) -> Self {
        self.provenance = provenance;
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

    /// Sets [`Config::recall_bias`], clamped to −1…1 (NaN is 0).
    ///
    /// ```
    /// let config = newsclip::Config::default().with_recall_bias(3.0);
    /// assert_eq!(config.recall_bias, 1.0);
    /// assert_eq!(newsclip::Config::default().with_recall_bias(f32::NAN).recall_bias, 0.0);
    /// ```
    pub fn with_recall_bias(mut self, bias: f32) -> Self {
        self.recall_bias = if bias.is_nan() {
            0.0
        } else {
            bias.clamp(-1.0, 1.0)
        };
        self
    }

    /// The body threshold with the precision↔recall dial applied.
    pub(crate) fn effective_body_threshold(&self) -> f32 {
        let bias = self.recall_bias.clamp(-1.0, 1.0);
        self.body_threshold - RECALL_BIAS_THRESHOLD_SPAN * if bias.is_nan() { 0.0 } else { bias }
    }

    /// Sets [`Config::html_front_end`].
    ///
    /// ```
    /// use newsclip::{Config, Extractor, HtmlFrontEnd};
    ///
    /// let page = "<article><h1>Storm closes ports</h1>\
    ///     <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
    ///     <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p></article>";
    /// let read = |front_end| {
    ///     Extractor::new(Config::default().with_html_front_end(front_end)).extract_html_str(page)
    /// };
    /// assert_eq!(read(HtmlFrontEnd::Tokens)?, read(HtmlFrontEnd::Dom)?);
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn with_html_front_end(mut self, front_end: HtmlFrontEnd) -> Self {
        self.html_front_end = front_end;
        self
    }

    /// Sets [`Config::body_threshold`].
    ///
    /// ```
    /// use newsclip::{Config, Extractor};
    ///
    /// let page = "Storm closes ports\n\
    ///     A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
    ///     Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n";
    /// let config = Config::default().with_body_threshold(0.6);
    /// assert_eq!(config.body_threshold, 0.6);
    /// let article = Extractor::new(config).extract_text(page)?;
    /// assert!(article.text().contains("Harbour officials"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn with_body_threshold(mut self, threshold: f32) -> Self {
        self.body_threshold = threshold;
        self
    }

    /// Sets [`Config::title_lookback`]; 0 takes the headline from the
    /// page's metadata (`og:title`, `<title>`) alone.
    ///
    /// ```
    /// use newsclip::{Config, Extractor};
    ///
    /// let page = "Storm closes ports\n\
    ///     A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
    ///     Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n";
    /// let config = Config::default().with_title_lookback(0);
    /// assert_eq!(config.title_lookback, 0);
    /// assert_eq!(Extractor::new(config).extract_text(page)?.title, None);
    /// let article = Extractor::default().extract_text(page)?;
    /// assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn with_title_lookback(mut self, lines: usize) -> Self {
        self.title_lookback = lines;
        self
    }

    /// Sets [`Config::metadata_window`]; 0 takes the byline and date from
    /// the page's metadata alone.
    ///
    /// ```
    /// use newsclip::{Config, Extractor};
    ///
    /// let page = "Storm closes ports\n\
    ///     By Ana Silva\n\
    ///     A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
    ///     Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n";
    /// let config = Config::default().with_metadata_window(0);
    /// assert_eq!(config.metadata_window, 0);
    /// assert_eq!(Extractor::new(config).extract_text(page)?.byline, None);
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn with_metadata_window(mut self, lines: usize) -> Self {
        self.metadata_window = lines;
        self
    }
}
