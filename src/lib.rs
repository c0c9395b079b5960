//! # newsclip
//!
//! Cut the article out of a news page: the title, the paragraphs, the
//! captions kept apart and the links to other stories kept apart, from
//! pages in any language.
//!
//! ```
//! let page = "Home | World | Sport\n\
//!             Storm closes ports\n\
//!             A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
//!             Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n\
//!             Related articles\n\
//!             Ports reopen after strike\n";
//! let article = newsclip::extract_text(page)?;
//! assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
//! assert_eq!(article.paragraphs.len(), 2);
//! assert_eq!(article.related[0].text, "Ports reopen after strike");
//! # Ok::<(), newsclip::Error>(())
//! ```
//!
//! ## The pipeline
//!
//! 1. **Segment** the input into lines: a text page one block per line
//!    (blank lines are block gaps); an HTML page decoded, read from
//!    html5ever's tokens with no tree built ([`HtmlFrontEnd`]: or parsed
//!    with `scraper`) and walked once, each block a line with the hints
//!    markup gives (headings, links, lists, figures, `nav`/`aside`/`article`,
//!    class names).
//! 2. **Measure** each line once: size, sentence ends, punctuation,
//!    digits, separators, capitalisation, position, repeats on the page,
//!    neighbours, and cue phrases from multilingual lexicons matched by one
//!    Aho–Corasick automaton.
//! 3. **Classify** each line as body, caption, navigation or related: a
//!    weighted sum per class over a fixed feature vector, then a softmax.
//! 4. **Assemble** the article: the maximum-gain run of lines, stopped by
//!    "related stories" headings; then the page's block tree says which
//!    container holds the story, and the run is searched again inside it,
//!    so the story's own lists and short lines stay and text beside it
//!    goes; the headline, byline and date from the lines around it. The
//!    weights are fitted on about 4,400 pages and judged on sites and
//!    whole sets held out. [`Config::recall_bias`] is one dial between
//!    precision and recall; [`Article::confidence`] says how sure the
//!    result is.
//!
//! Every line's verdict, with its four scores, comes back in
//! [`Article::lines`] so a caller can see why a line was kept or dropped.
//!
//! ## Untrusted input
//!
//! Nothing a crawler returns makes newsclip panic or hang. Each failure is
//! an [`Error`] that says what happened: [`Error::EmptyInput`],
//! [`Error::InputTooLarge`] (over [`Config::max_input_bytes`]),
//! [`Error::NotText`] for binary data, [`Error::NoArticle`] for pages with
//! no running text (a page with text but no confident article gives its
//! best block's text with a low confidence, a short post its headline and
//! the lines under it). Broken markup is parsed as
//! browsers parse it; nesting past 128 elements is flattened, formatting
//! elements and attributes capped and parsed nodes budgeted per input
//! byte before parsing, so cost stays linear and memory a few bytes per
//! input byte however the page is built.
//!
//! Gzipped input is gunzipped first by every method that takes bytes,
//! within the same limit on the gunzipped size, so a gzip bomb is
//! [`Error::InputTooLarge`]; a stream that does not gunzip is
//! [`Error::InvalidGzip`].
//!
//! ## Links
//!
//! [`RelatedLink::url`] is absolute when the page's URL is known: give it
//! with [`HtmlPage::with_url`] and [`Extractor::extract_html_page`]
//! (archived pages carry theirs). Addresses resolve against the page's
//! `<base href>`, else its URL, as browsers resolve them; with neither an
//! absolute base nor a URL, they stay as the page wrote them.
//!
//! ## Web archives
//!
//! With the default feature `warc`, [`warc`] reads WARC files, plain or
//! gzipped per record as Common Crawl writes them, and
//! [`Extractor::extract_warc`] turns each archived HTML page into one
//! [`warc::WarcArticle`] carrying its URL, record id and capture date, in
//! bounded memory, its links resolved against its URL. A library user who
//! needs no archives turns it off with `default-features = false`.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod article;
mod assemble;
mod char_class;
mod chunk_masks;
mod classify;
mod config;
mod cues;
mod dates;
mod decode;
mod document;
mod error;
mod extractor;
mod features;
mod lexicon;
mod metadata;
mod normalize;
mod page;
pub mod report;
mod segment;
#[cfg(test)]
mod test_pieces;
#[cfg(feature = "warc")]
#[cfg_attr(docsrs, doc(cfg(feature = "warc")))]
pub mod warc;
mod window_set;

pub use article::{Article, Label, LineVerdict, RelatedLink};
pub use config::{
    Config, HtmlFrontEnd, DEFAULT_BODY_THRESHOLD, DEFAULT_MAX_INPUT_BYTES, DEFAULT_METADATA_WINDOW,
    DEFAULT_RECALL_BIAS, DEFAULT_TITLE_LOOKBACK,
};
pub use decode::looks_like_html;
pub use error::Error;
pub use extractor::Extractor;
pub use metadata::PageMetadata;
pub use page::HtmlPage;

/// Extracts the article from a page flattened to text (one block per
/// line) with the default [`Config`].
///
/// To extract many pages, build one [`Extractor`] and reuse it.
///
/// # Errors
///
/// See [`Extractor::extract_text`].
///
/// ```
/// let page = "Share\n\
///             The minister resigned on Friday after weeks of pressure over the budget.\n\
///             Her deputy will lead the ministry until a successor is named, the government said.\n";
/// let article = newsclip::extract_text(page)?;
/// assert!(article.text().starts_with("The minister resigned"));
/// assert!(!article.text().contains("Share"));
/// # Ok::<(), newsclip::Error>(())
/// ```
pub fn extract_text(text: &str) -> Result<Article, Error> {
    Extractor::default().extract_text(text)
}

/// Extracts the article from an HTML page (bytes in any charset the page
/// declares) with the default [`Config`].
///
/// # Errors
///
/// See [`Extractor::extract_html`].
///
/// ```
/// let page = "<html><body><nav>Home | World</nav><article>\
///     <p>The minister resigned on Friday after weeks of pressure over the budget.</p>\
///     <p>Her deputy will lead the ministry until a successor is named, the government said.</p>\
///     </article></body></html>";
/// let article = newsclip::extract_html(page.as_bytes())?;
/// assert!(article.text().starts_with("The minister resigned"));
/// assert!(!article.text().contains("Home"));
/// # Ok::<(), newsclip::Error>(())
/// ```
pub fn extract_html(bytes: &[u8]) -> Result<Article, Error> {
    Extractor::default().extract_html(bytes)
}

// `bench`, `training` and `debug_lines` serve the repository's own
// benches, examples and tests. Those are crates of their own that reach
// only public items, so these stay public, hidden from the documentation
// and outside the stable API; they are thin views of internals, not
// features to maintain.

/// What the `classify` bench needs to time the classifier loop alone, and
/// the `extract_html` bench the floor under the token front end.
/// Not part of the stable API.
#[doc(hidden)]
pub mod bench {
    use crate::features::Features;

    /// The pre-scan alone: how many bytes of markup it leaves.
    pub fn prescan(html: &str) -> usize {
        crate::segment::tokens::prescan_only(html)
    }

    /// The pre-scan and html5ever's tokenizer with a sink that keeps
    /// nothing: how many tokens the page has.
    pub fn prescan_and_tokenize(html: &str) -> usize {
        crate::segment::tokens::tokenize_only(html)
    }

    /// A page's lines, segmented and measured: the classifier's input.
    pub struct MeasuredPage {
        features: Vec<Features>,
        text_bytes: usize,
    }

    impl MeasuredPage {
        /// Segments and measures a text page.
        pub fn from_text(text: &str) -> Self {
            Self::measure(&crate::segment::text::segment_text(text))
        }

        /// Segments and measures an HTML page.
        pub fn from_html(html: &str) -> Self {
            Self::measure(&crate::segment::html::segment_html(html))
        }

        fn measure(document: &crate::document::Document) -> Self {
            let text_bytes = document.lines.iter().map(|line| line.span().len()).sum();
            MeasuredPage {
                features: crate::features::compute_features(document),
                text_bytes,
            }
        }

        /// Lines on the page.
        pub fn lines(&self) -> usize {
            self.features.len()
        }

        /// Bytes of text in those lines.
        pub fn text_bytes(&self) -> usize {
            self.text_bytes
        }

        /// Classifies every line, as the extractor does; returns how many
        /// came out as body so the work cannot be optimised away.
        pub fn classify_all(&self) -> usize {
            self.features
                .iter()
                .map(crate::classify::classify)
                .filter(|verdict| verdict.label == crate::Label::Body)
                .count()
        }
    }
}

/// What the `fit_weights` example needs to refit the classifier's table.
/// Not part of the stable API.
#[doc(hidden)]
pub mod training {
    pub use crate::classify::FEATURE_COUNT;

    /// The feature vector and the current weights' four class sums of
    /// every non-blank line of a text page, with its 1-based line number.
    pub fn line_vectors(text: &str) -> Vec<(u32, [f32; FEATURE_COUNT], [f32; 4])> {
        let document = crate::segment::text::segment_text(text);
        crate::features::compute_features(&document)
            .iter()
            .zip(&document.lines)
            .map(|(features, line)| {
                let vector = crate::classify::feature_vector(features);
                (line.source_line, vector, crate::classify::logits(&vector))
            })
            .collect()
    }
}

/// One line of a page as the classifier saw it, for the `debug_lines`
/// example. Not part of the stable API.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct DebugLine {
    /// The line's text.
    pub text: String,
    /// The classifier's label, before the assembler revised it.
    pub first_label: Label,
    /// The classifier's probabilities, in [`Label::ALL`] order.
    pub scores: [f32; 4],
    /// The measured features, as one debug string.
    pub features: String,
}

/// Every line of a page with its text, its features and the classifier's
/// verdict, whether or not the page yields an article. Not part of the
/// stable API.
#[doc(hidden)]
pub fn debug_lines(page: &[u8], is_html: bool) -> Vec<DebugLine> {
    let document = if is_html {
        segment::html::segment_html(&decode::decode_html(page))
    } else {
        segment::text::segment_text(&decode::decode_text(page))
    };
    features::compute_features(&document)
        .iter()
        .zip(&document.lines)
        .map(|(features, line)| {
            let verdict = classify::classify(features);
            DebugLine {
                text: document.line_text(line).to_owned(),
                first_label: verdict.label,
                scores: verdict.scores,
                features: format!("{features:?}"),
            }
        })
        .collect()
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
