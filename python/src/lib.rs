//! Python bindings of newsclip, built by maturin into the module
//! `newsclip` (see `python/pyproject.toml` and `python/newsclip.pyi`).
//!
//! The classes wrap the library's own types and copy nothing until a field
//! is read: an [`Article`] holds the Rust `newsclip::Article`, and each
//! getter builds its Python value on demand, so objects stay immutable
//! (`frozen`) and may be shared between threads. Extraction runs with the
//! interpreter released (`Python::detach`) on a page held apart from any
//! Python object that could change ([`Page`]), so several Python threads
//! extract on several cores at once.
//!
//! Each `newsclip::Error` variant is an exception class of its own,
//! subclass of `NewsclipError`, its message the Rust error's `Display`.

use newsclip::{Config as RustConfig, Error, Extractor as RustExtractor, HtmlPage, Label};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyDict, PyString};

create_exception!(
    newsclip,
    NewsclipError,
    PyException,
    "Base class of every error newsclip raises; its message says what was wrong."
);
create_exception!(
    newsclip,
    EmptyInput,
    NewsclipError,
    "The input holds no text at all (empty or only whitespace)."
);
create_exception!(
    newsclip,
    InputTooLarge,
    NewsclipError,
    "The input is larger than Config.max_input_bytes."
);
create_exception!(
    newsclip,
    NotText,
    NewsclipError,
    "The input is binary data (an image, an archive, NUL padding), not text or HTML."
);
create_exception!(
    newsclip,
    NoArticle,
    NewsclipError,
    "The page is text but holds no article: no run of lines reads as body text."
);
create_exception!(
    newsclip,
    InvalidGzip,
    NewsclipError,
    "The input starts as gzip data but does not gunzip (corrupt or cut short)."
);
create_exception!(
    newsclip,
    UnreadableResponse,
    NewsclipError,
    "An archived HTTP response whose page cannot be got at (WARC input only)."
);

/// The Python exception for a library error: the variant's class, the
/// error's `Display` as the message.
fn to_py_err(error: Error) -> PyErr {
    let message = error.to_string();
    match error {
        Error::EmptyInput => EmptyInput::new_err(message),
        Error::InputTooLarge { .. } => InputTooLarge::new_err(message),
        Error::NotText => NotText::new_err(message),
        Error::NoArticle => NoArticle::new_err(message),
        Error::InvalidGzip { .. } => InvalidGzip::new_err(message),
        Error::UnreadableResponse { .. } => UnreadableResponse::new_err(message),
        // `Error` is non-exhaustive: a variant added later is still a
        // NewsclipError, until it gets a class of its own.
        _ => NewsclipError::new_err(message),
    }
}

/// A page as Python gave it, held so it can be read with the interpreter
/// released: `bytes` borrowed from the object, which Python never mutates;
/// a `bytearray` copied, being mutable; a `str` encoded to UTF-8 once (the
/// stable ABI of Python 3.9 lends no UTF-8 view of a `str`).
enum Page {
    Bytes(PyBackedBytes),
    Text(PyBackedStr),
}

impl Page {
    fn read(page: &Bound<'_, PyAny>) -> PyResult<Page> {
        if page.is_instance_of::<PyString>() {
            return Ok(Page::Text(page.extract()?));
        }
        match page.extract::<PyBackedBytes>() {
            Ok(bytes) => Ok(Page::Bytes(bytes)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "the page must be bytes or str, not {}",
                page.get_type().name()?
            ))),
        }
    }
}

/// A score or confidence as the JSON output writes it: the shortest
/// decimal that reads back as the same `f32` (0.87, not
/// 0.8700000047683716).
fn to_py_float(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(f64::from(value))
}

/// A `repr` of an optional string: `None` or the quoted text.
fn repr_option(py: Python<'_>, value: Option<&str>) -> PyResult<String> {
    match value {
        Some(text) => Ok(PyString::new(py, text).repr()?.to_string()),
        None => Ok("None".to_owned()),
    }
}

/// A link to another story found around the article.
#[pyclass(module = "newsclip", frozen, eq)]
#[derive(Clone, PartialEq)]
struct RelatedLink {
    /// The teaser's headline or text.
    #[pyo3(get)]
    text: String,
    /// Its address, when the input carried one (HTML pages), else None.
    #[pyo3(get)]
    url: Option<String>,
}

#[pymethods]
impl RelatedLink {
    /// The link as the extract binary's JSON writes it: {"text", "url"}.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("text", &self.text)?;
        dict.set_item("url", &self.url)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "RelatedLink(text={}, url={})",
            repr_option(py, Some(&self.text))?,
            repr_option(py, self.url.as_deref())?
        ))
    }
}

/// Why a line was kept or dropped: its label and the classifier's scores.
#[pyclass(module = "newsclip", frozen, eq)]
#[derive(Clone, PartialEq)]
struct LineVerdict {
    /// The 1-based line number of a text input; the block's number in an
    /// HTML page.
    #[pyo3(get)]
    line: u32,
    label: Label,
    first_label: Label,
    scores: [f32; 4],
    /// Byte offset of the line's text in the input (see the Rust
    /// `LineVerdict::start`): always for text pages, for HTML pages when
    /// the config asks for provenance.
    #[pyo3(get)]
    start: usize,
    /// Byte offset just past the line's text.
    #[pyo3(get)]
    end: usize,
    /// For HTML pages read with provenance, a CSS selector of the line's
    /// element.
    #[pyo3(get)]
    path: Option<String>,
}

impl LineVerdict {
    fn scores_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (label, score) in Label::ALL.iter().zip(self.scores) {
            dict.set_item(label.as_str(), to_py_float(score))?;
        }
        Ok(dict)
    }
}

#[pymethods]
impl LineVerdict {
    /// The final label ("body", "caption", "navigation" or "related"),
    /// after the assembler has seen the whole page.
    #[getter]
    fn label(&self) -> &'static str {
        self.label.as_str()
    }

    /// The classifier's own label, before the assembler revised it.
    #[getter]
    fn first_label(&self) -> &'static str {
        self.first_label.as_str()
    }

    /// The classifier's probability of each label, keyed by label name.
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.scores_dict(py)
    }

    /// The verdict as the extract binary's JSON writes it: {"line",
    /// "label", "first_label", "scores"} (scores not rounded).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("line", self.line)?;
        dict.set_item("label", self.label.as_str())?;
        dict.set_item("first_label", self.first_label.as_str())?;
        dict.set_item("scores", self.scores_dict(py)?)?;
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("path", &self.path)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let scores: Vec<String> = Label::ALL
            .iter()
            .zip(self.scores)
            .map(|(label, score)| format!("'{}': {:?}", label.as_str(), to_py_float(score)))
            .collect();
        format!(
            "LineVerdict(line={}, label='{}', first_label='{}', scores={{{}}})",
            self.line,
            self.label.as_str(),
            self.first_label.as_str(),
            scores.join(", ")
        )
    }
}

/// The main article of a page, as newsclip.extract_html and
/// newsclip.extract_text return it. Immutable; each field is read from
/// the extracted article when asked for.
#[pyclass(module = "newsclip", frozen, eq)]
#[derive(PartialEq)]
struct Article {
    inner: newsclip::Article,
}

#[pymethods]
impl Article {
    /// The headline, when the page shows one, else None.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }

    /// The body paragraphs in page order, headline excluded.
    #[getter]
    fn paragraphs(&self) -> Vec<String> {
        self.inner.paragraphs.clone()
    }

    /// Captions and image credits of the article, in page order.
    #[getter]
    fn captions(&self) -> Vec<String> {
        self.inner.captions.clone()
    }

    /// Links to other stories: teaser lists and inline "read more" links.
    #[getter]
    fn related(&self) -> Vec<RelatedLink> {
        self.inner
            .related
            .iter()
            .map(|link| RelatedLink {
                text: link.text.clone(),
                url: link.url.clone(),
            })
            .collect()
    }

    /// The author line, when one was found, else None.
    #[getter]
    fn byline(&self) -> Option<&str> {
        self.inner.byline.as_deref()
    }

    /// The publication date as the page writes it, when one was found.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.inner.date.as_deref()
    }

    /// The publication date in ISO 8601 (`2018-10-05`), when the page
    /// gives a whole calendar date.
    #[getter]
    fn date_iso(&self) -> Option<&str> {
        self.inner.date_iso.as_deref()
    }

    /// One verdict per input line (per non-blank line of a text page).
    #[getter]
    fn lines(&self) -> Vec<LineVerdict> {
        self.inner
            .lines
            .iter()
            .map(|verdict| LineVerdict {
                line: verdict.line,
                label: verdict.label,
                first_label: verdict.first_label,
                scores: verdict.scores,
                start: verdict.start,
                end: verdict.end,
                path: verdict.path.clone(),
            })
            .collect()
    }

    /// How sure newsclip is that the paragraphs are the page's article,
    /// from 0 to 1; below 0.5 the text is the page's best block, not a
    /// confident article.
    #[getter]
    fn confidence(&self) -> f64 {
        to_py_float(self.inner.confidence)
    }

    /// The body text: the paragraphs joined by newlines.
    #[getter]
    fn text(&self) -> String {
        self.inner.text()
    }

    /// The article as a dict with the keys of the extract binary's JSON
    /// record (title, text, captions, related, byline, date, confidence,
    /// lines), plus paragraphs.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("title", self.title())?;
        dict.set_item("text", self.text())?;
        dict.set_item("paragraphs", self.paragraphs())?;
        dict.set_item("captions", self.captions())?;
        let related = self
            .related()
            .iter()
            .map(|link| link.to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        dict.set_item("related", related)?;
        dict.set_item("byline", self.byline())?;
        dict.set_item("date", self.date())?;
        dict.set_item("date_iso", self.date_iso())?;
        dict.set_item("confidence", self.confidence())?;
        let lines = self
            .lines()
            .iter()
            .map(|verdict| verdict.to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        dict.set_item("lines", lines)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let article = &self.inner;
        Ok(format!(
            "Article(title={}, paragraphs={}, captions={}, related={}, confidence={:?})",
            repr_option(py, article.title.as_deref())?,
            article.paragraphs.len(),
            article.captions.len(),
            article.related.len(),
            to_py_float(article.confidence)
        ))
    }
}

/// A page's title, byline and date as its metadata and markup give them,
/// as newsclip.extract_metadata returns them for any page, article or
/// not. Immutable.
#[pyclass(module = "newsclip", frozen, eq)]
#[derive(PartialEq)]
struct PageMetadata {
    inner: newsclip::PageMetadata,
}

#[pymethods]
impl PageMetadata {
    /// The page's title: an article's headline, another page's name.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }

    /// The author, a person or an organisation, else None.
    #[getter]
    fn byline(&self) -> Option<&str> {
        self.inner.byline.as_deref()
    }

    /// The publication date as the page writes it, else None.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.inner.date.as_deref()
    }

    /// The publication date in ISO 8601 (2018-10-05), else None.
    #[getter]
    fn date_iso(&self) -> Option<&str> {
        self.inner.date_iso.as_deref()
    }

    /// The metadata as a dict: {"title", "byline", "date", "date_iso"}.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("title", self.title())?;
        dict.set_item("byline", self.byline())?;
        dict.set_item("date", self.date())?;
        dict.set_item("date_iso", self.date_iso())?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "PageMetadata(title={}, byline={}, date_iso={})",
            repr_option(py, self.title())?,
            repr_option(py, self.byline())?,
            repr_option(py, self.date_iso())?
        ))
    }
}

/// Settings of an Extractor, each with the library's default; all
/// keyword-only, read-only once built.
#[pyclass(module = "newsclip", frozen, eq)]
#[derive(Clone, PartialEq)]
struct Config {
    inner: RustConfig,
}

#[pymethods]
impl Config {
    #[new]
    #[pyo3(signature = (
        *,
        max_input_bytes = newsclip::DEFAULT_MAX_INPUT_BYTES,
        recall_bias = newsclip::DEFAULT_RECALL_BIAS,
        body_threshold = newsclip::DEFAULT_BODY_THRESHOLD,
        title_lookback = newsclip::DEFAULT_TITLE_LOOKBACK,
        metadata_window = newsclip::DEFAULT_METADATA_WINDOW,
        provenance = false,
    ))]
    fn new(
        max_input_bytes: usize,
        recall_bias: f32,
        body_threshold: f32,
        title_lookback: usize,
        metadata_window: usize,
        provenance: bool,
    ) -> PyResult<Self> {
        // A NaN threshold would make every comparison false: refuse it
        // rather than extract with a meaningless setting.
        if !body_threshold.is_finite() {
            return Err(PyValueError::new_err(format!(
                "body_threshold must be a finite number, not {body_threshold}"
            )));
        }
        let inner = RustConfig::default()
            .with_max_input_bytes(max_input_bytes)
            .with_recall_bias(recall_bias)
            .with_body_threshold(body_threshold)
            .with_title_lookback(title_lookback)
            .with_metadata_window(metadata_window)
            .with_provenance(provenance);
        Ok(Config { inner })
    }

    /// Inputs larger than this many bytes raise InputTooLarge.
    #[getter]
    fn max_input_bytes(&self) -> usize {
        self.inner.max_input_bytes
    }

    /// One dial between precision (-1) and recall (1), clamped to that
    /// range; 0 is the fitted balance.
    #[getter]
    fn recall_bias(&self) -> f64 {
        to_py_float(self.inner.recall_bias)
    }

    /// The body probability above which a line adds to the article.
    #[getter]
    fn body_threshold(&self) -> f64 {
        to_py_float(self.inner.body_threshold)
    }

    /// How many lines above the article are searched for the headline.
    #[getter]
    fn title_lookback(&self) -> usize {
        self.inner.title_lookback
    }

    /// How many lines around the article are searched for byline and date.
    #[getter]
    fn metadata_window(&self) -> usize {
        self.inner.metadata_window
    }

    /// Whether an HTML page's verdicts give each line's byte range and
    /// element path (costs time; text pages always get their ranges).
    #[getter]
    fn provenance(&self) -> bool {
        self.inner.provenance
    }

    fn __repr__(&self) -> String {
        format!(
            "Config(max_input_bytes={}, recall_bias={:?}, body_threshold={:?}, title_lookback={}, metadata_window={}, provenance={})",
            self.max_input_bytes(),
            self.recall_bias(),
            self.body_threshold(),
            self.title_lookback(),
            self.metadata_window(),
            if self.provenance() { "True" } else { "False" }
        )
    }
}

/// A reusable article extractor. Build it once and share it: it holds no
/// per-page state, and it releases the interpreter while it extracts, so
/// threads calling it run on several cores.
#[pyclass(module = "newsclip", frozen)]
struct Extractor {
    inner: RustExtractor,
    config: Config,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (config = None))]
    fn new(config: Option<&Bound<'_, Config>>) -> Self {
        let config = config.map_or_else(
            || Config {
                inner: RustConfig::default(),
            },
            |config| config.get().clone(),
        );
        Extractor {
            inner: RustExtractor::new(config.inner.clone()),
            config,
        }
    }

    /// The settings this extractor runs with.
    #[getter]
    fn config(&self) -> Config {
        self.config.clone()
    }

    /// Extracts the article from an HTML page: bytes in any charset the
    /// page declares (or `charset`, the HTTP header's, which comes first),
    /// or a str already decoded. `url`, the page's address, makes the
    /// related links absolute and dates a page that gives no date.
    #[pyo3(signature = (page, charset = None, url = None))]
    fn extract_html(
        &self,
        py: Python<'_>,
        page: &Bound<'_, PyAny>,
        charset: Option<String>,
        url: Option<String>,
    ) -> PyResult<Article> {
        extract_html_with(&self.inner, py, page, charset, url)
    }

    /// Extracts the article from a page flattened to text, one block per
    /// line: a str, or bytes in any encoding (told from a byte-order mark,
    /// UTF-8, else guessed).
    fn extract_text(&self, py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<Article> {
        extract_text_with(&self.inner, py, page)
    }

    /// Extracts the article from a page that is HTML or text, telling
    /// which from its content.
    fn extract(&self, py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<Article> {
        extract_with(&self.inner, py, page)
    }

    /// The title, byline and date of an HTML page (bytes or str, as
    /// extract_html takes them) from its metadata and markup, whether or
    /// not it has an article; `url`, the page's address, is the last
    /// resort for the date.
    #[pyo3(signature = (page, charset = None, url = None))]
    fn extract_metadata(
        &self,
        py: Python<'_>,
        page: &Bound<'_, PyAny>,
        charset: Option<String>,
        url: Option<String>,
    ) -> PyResult<PageMetadata> {
        extract_metadata_with(&self.inner, py, page, charset, url)
    }

    fn __repr__(&self) -> String {
        format!("Extractor({})", self.config.__repr__())
    }
}

fn extract_html_with(
    extractor: &RustExtractor,
    py: Python<'_>,
    page: &Bound<'_, PyAny>,
    charset: Option<String>,
    url: Option<String>,
) -> PyResult<Article> {
    let page = Page::read(page)?;
    check_charset(&page, charset.as_deref())?;
    let result = py.detach(|| extractor.extract_html_page(html_page(&page, &charset, &url)));
    into_article(result)
}

/// A charset decodes bytes: given with a `str`, it is a mistake to say.
fn check_charset(page: &Page, charset: Option<&str>) -> PyResult<()> {
    match (page, charset) {
        (Page::Text(_), Some(charset)) => Err(PyValueError::new_err(format!(
            "charset={charset:?} was given with a str page: a charset decodes bytes, and a str is already decoded"
        ))),
        _ => Ok(()),
    }
}

/// The page as the library takes it, with its HTTP charset and URL.
fn html_page<'a>(
    page: &'a Page,
    charset: &'a Option<String>,
    url: &'a Option<String>,
) -> HtmlPage<'a> {
    let mut html_page = match page {
        Page::Bytes(bytes) => HtmlPage::new(bytes),
        Page::Text(html) => HtmlPage::decoded(html),
    };
    if let Some(charset) = charset {
        html_page = html_page.with_charset(charset);
    }
    if let Some(url) = url {
        html_page = html_page.with_url(url);
    }
    html_page
}

fn extract_metadata_with(
    extractor: &RustExtractor,
    py: Python<'_>,
    page: &Bound<'_, PyAny>,
    charset: Option<String>,
    url: Option<String>,
) -> PyResult<PageMetadata> {
    let page = Page::read(page)?;
    check_charset(&page, charset.as_deref())?;
    let result = py.detach(|| extractor.extract_metadata(html_page(&page, &charset, &url)));
    result
        .map(|inner| PageMetadata { inner })
        .map_err(to_py_err)
}

fn extract_text_with(
    extractor: &RustExtractor,
    py: Python<'_>,
    page: &Bound<'_, PyAny>,
) -> PyResult<Article> {
    let page = Page::read(page)?;
    let result = py.detach(|| match &page {
        Page::Bytes(bytes) => extractor.extract_text_bytes(bytes),
        Page::Text(text) => extractor.extract_text(text),
    });
    into_article(result)
}

fn extract_with(
    extractor: &RustExtractor,
    py: Python<'_>,
    page: &Bound<'_, PyAny>,
) -> PyResult<Article> {
    let page = Page::read(page)?;
    let result = py.detach(|| match &page {
        Page::Bytes(bytes) => extractor.extract(bytes),
        Page::Text(text) if newsclip::looks_like_html(text.as_bytes()) => {
            extractor.extract_html_str(text)
        }
        Page::Text(text) => extractor.extract_text(text),
    });
    into_article(result)
}

fn into_article(result: Result<newsclip::Article, Error>) -> PyResult<Article> {
    result.map(|inner| Article { inner }).map_err(to_py_err)
}

/// Extracts the article from an HTML page (bytes in any charset the page
/// declares, or a str) with the default settings; `url`, the page's
/// address, makes the related links absolute.
#[pyfunction]
#[pyo3(signature = (page, charset = None, url = None))]
fn extract_html(
    py: Python<'_>,
    page: &Bound<'_, PyAny>,
    charset: Option<String>,
    url: Option<String>,
) -> PyResult<Article> {
    extract_html_with(&RustExtractor::default(), py, page, charset, url)
}

/// Extracts the article from a page flattened to text (a str, or bytes in
/// any encoding), one block per line, with the default settings.
#[pyfunction]
fn extract_text(py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<Article> {
    extract_text_with(&RustExtractor::default(), py, page)
}

/// Extracts the article from a page that is HTML or text, telling which
/// from its content, with the default settings.
#[pyfunction]
fn extract(py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<Article> {
    extract_with(&RustExtractor::default(), py, page)
}

/// The title, byline and date of an HTML page (bytes or str) from its
/// metadata and markup, whether or not it has an article, with the
/// default settings; `url`, the page's address, is the last resort for
/// the date.
#[pyfunction]
#[pyo3(signature = (page, charset = None, url = None))]
fn extract_metadata(
    py: Python<'_>,
    page: &Bound<'_, PyAny>,
    charset: Option<String>,
    url: Option<String>,
) -> PyResult<PageMetadata> {
    extract_metadata_with(&RustExtractor::default(), py, page, charset, url)
}

/// Whether the bytes look like HTML rather than text: the test `extract`
/// and the extract binary apply to tell the two apart.
#[pyfunction]
fn looks_like_html(page: &[u8]) -> bool {
    newsclip::looks_like_html(page)
}

/// Cut the article out of a news page: the title, the paragraphs, the
/// captions and the links to other stories kept apart, in any language.
#[pymodule(name = "newsclip")]
mod newsclip_module {
    #[pymodule_export]
    use super::{
        extract, extract_html, extract_metadata, extract_text, looks_like_html, Article, Config,
        EmptyInput, Extractor, InputTooLarge, InvalidGzip, LineVerdict, NewsclipError, NoArticle,
        NotText, PageMetadata, RelatedLink, UnreadableResponse,
    };
    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("DEFAULT_MAX_INPUT_BYTES", newsclip::DEFAULT_MAX_INPUT_BYTES)?;
        module.add("DEFAULT_RECALL_BIAS", newsclip::DEFAULT_RECALL_BIAS)?;
        module.add(
            "DEFAULT_BODY_THRESHOLD",
            super::to_py_float(newsclip::DEFAULT_BODY_THRESHOLD),
        )?;
        module.add("DEFAULT_TITLE_LOOKBACK", newsclip::DEFAULT_TITLE_LOOKBACK)?;
        module.add("DEFAULT_METADATA_WINDOW", newsclip::DEFAULT_METADATA_WINDOW)?;
        Ok(())
    }
}
