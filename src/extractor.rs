//! [`Extractor`]: orchestration only. The stages, in order:
//!
//! 1. check the input (empty, too large, binary) — [`Error`];
//! 2. decode bytes (HTML) and segment the page into a
//!    [`Document`] of lines;
//! 3. measure every line once — `features::compute_features`;
//! 4. classify every line — `classify::classify`, the hot loop;
//! 5. assemble the article — `assemble::assemble`; an article with no
//!    paragraph is [`Error::NoArticle`].

use crate::article::{Article, LineVerdict};
use crate::assemble::{assemble, page_metadata, page_text_article};
use crate::classify::{classify, Verdict};
use crate::config::Config;
use crate::decode::{decode_text, gunzip_within, html_encoding, looks_binary, looks_like_html};
use crate::document::Document;
use crate::error::Error;
use crate::features::compute_features;
use crate::metadata::PageMetadata;
use crate::page::{resolve_links, HtmlPage, Markup};
use crate::segment::html::{segment_html, segment_html_with, HiddenText};
use crate::segment::provenance::{locate_lines, to_input_offsets, Decoding, NoscriptText};
use crate::segment::segment_html_by;
use crate::segment::text::segment_text;
use std::borrow::Cow;

/// A reusable article extractor. Build it once and share it: it is
/// `Send + Sync` and holds no per-page state.
///
/// ```
/// use newsclip::{Config, Extractor};
///
/// let extractor = Extractor::new(Config::default());
/// let page = "Menu\nSign in\nFloods close schools\nHeavy rain flooded the valley on Monday, and schools in three towns closed for the week.\nCrews worked through the night to clear roads, the regional council said in a statement.\n";
/// let article = extractor.extract_text(page)?;
/// assert_eq!(article.title.as_deref(), Some("Floods close schools"));
/// assert_eq!(article.paragraphs.len(), 2);
/// # Ok::<(), newsclip::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    config: Config,
}

impl Extractor {
    /// An extractor with the given settings.
    pub fn new(config: Config) -> Self {
        Extractor { config }
    }

    /// The settings this extractor runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Extracts the article from a page given as bytes, HTML or text,
    /// telling which it is from its content ([`looks_like_html`]: a
    /// UTF-16 page is decoded first, and tags are looked for beyond a
    /// long style sheet or a server's warnings at the top), then reading
    /// it as [`Extractor::extract_html`] or
    /// [`Extractor::extract_text_bytes`] does.
    ///
    /// [`looks_like_html`]: crate::looks_like_html
    ///
    /// ```
    /// let extractor = newsclip::Extractor::default();
    /// let styles = "p { margin: 0 0 1em }\n".repeat(200);
    /// let page = format!(
    ///     "<style>{styles}</style><article><h1>Storm closes ports</h1>\
    ///      <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
    ///      <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p></article>"
    /// );
    /// let article = extractor.extract(page.as_bytes())?;
    /// assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
    /// assert_eq!(article.paragraphs.len(), 2);
    ///
    /// let text = "Storm closes ports\n\
    ///     A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
    ///     Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n";
    /// assert_eq!(extractor.extract(text.as_bytes())?.paragraphs.len(), 2);
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    ///
    /// Gzipped bytes are gunzipped first, as every method taking bytes
    /// does (see [`Extractor::extract_html`]).
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_html`].
    pub fn extract(&self, bytes: &[u8]) -> Result<Article, Error> {
        let bytes = self.gunzipped(bytes)?;
        if looks_like_html(&bytes) {
            self.extract_html(&bytes)
        } else {
            self.extract_text_bytes(&bytes)
        }
    }

    /// Extracts the article from a page already flattened to text, one
    /// block per line. Blank lines are block gaps.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] when the page holds no text,
    /// [`Error::InputTooLarge`] when it is over
    /// [`Config::max_input_bytes`], [`Error::NotText`] when it is binary
    /// data and [`Error::NoArticle`] when no part of it reads as an article.
    pub fn extract_text(&self, text: &str) -> Result<Article, Error> {
        check_text(text, self.config.max_input_bytes)?;
        let document = segment_text(text);
        let found = self.extract_document(&document);
        self.or_page_text(found, &[&document])
    }

    /// Extracts the article from a text page given as bytes, in whatever
    /// encoding it was saved: a byte-order mark, UTF-16 told by its zero
    /// bytes, UTF-8, or else a legacy encoding guessed from the bytes.
    ///
    /// ```
    /// let page = b"La ville ferme ses piscines\n\
    ///     La municipalit\xe9 a annonc\xe9 jeudi la fermeture de trois piscines pendant l'\xe9t\xe9, faute de ma\xeetres-nageurs.\n\
    ///     Les associations de quartier d\xe9plorent une d\xe9cision prise sans concertation avec les habitants.\n";
    /// let article = newsclip::Extractor::default().extract_text_bytes(page)?;
    /// assert!(article.paragraphs[0].starts_with("La municipalité a annoncé"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_html`].
    pub fn extract_text_bytes(&self, bytes: &[u8]) -> Result<Article, Error> {
        let bytes = self.gunzipped(bytes)?;
        self.extract_text(&decode_text(&bytes))
    }

    /// Extracts the article from an HTML page given as bytes. The bytes
    /// are decoded first: byte-order mark, then the page's `<meta charset>`
    /// or `http-equiv` declaration, then UTF-8, else the legacy encoding
    /// the bytes look like (Firefox's detector, `chardetng`). Bytes that
    /// start as gzip data are gunzipped before anything else, within
    /// [`Config::max_input_bytes`] (the gunzipped size counts).
    ///
    /// To have link addresses made absolute, give the page's URL with
    /// [`Extractor::extract_html_page`].
    ///
    /// ```
    /// let page = b"<html><head><title>Storm closes ports</title></head><body>\
    ///     <nav><a href='/'>Home</a> <a href='/world'>World</a></nav>\
    ///     <article><h1>Storm closes ports</h1>\
    ///     <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
    ///     <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
    ///     </article></body></html>";
    /// let article = newsclip::Extractor::default().extract_html(page)?;
    /// assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
    /// assert_eq!(article.paragraphs.len(), 2);
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    ///
    /// Gzipped bytes:
    ///
    /// ```
    /// use std::io::Write;
    ///
    /// let page = "<html><body><article><h1>Storm closes ports</h1>\
    ///     <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
    ///     <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
    ///     </article></body></html>";
    /// let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    /// gzip.write_all(page.as_bytes())?;
    /// let article = newsclip::extract_html(&gzip.finish()?)?;
    /// assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_text`], and [`Error::InvalidGzip`] for
    /// gzip data that does not gunzip. Markup is never an error: broken
    /// HTML is parsed as browsers parse it.
    pub fn extract_html(&self, bytes: &[u8]) -> Result<Article, Error> {
        self.extract_html_page(HtmlPage::new(bytes))
    }

    /// Extracts the article from an HTML page given as bytes with the
    /// charset its HTTP `Content-Type` header declared (`utf-8`,
    /// `iso-8859-1`, `shift_jis`…). As in browsers, the header's charset
    /// comes before the page's own declaration, and a byte-order mark
    /// before both; an unknown label is ignored. Bytes that are valid
    /// UTF-8 are read as UTF-8 whatever legacy charset is declared, since
    /// servers often send a stale default.
    ///
    /// ```
    /// let page = b"<html><body><article><h1>Pr\xe9sidentielle</h1>\
    ///     <p>Le d\xe9bat t\xe9l\xe9vis\xe9 a r\xe9uni les deux candidats pendant trois heures mercredi soir.</p>\
    ///     <p>Les sondages publi\xe9s jeudi ne montrent pas de changement net dans les intentions de vote.</p>\
    ///     </article></body></html>";
    /// let extractor = newsclip::Extractor::default();
    /// let article = extractor.extract_html_with_charset(page, "iso-8859-1")?;
    /// assert!(article.paragraphs[0].starts_with("Le débat télévisé"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_html`].
    pub fn extract_html_with_charset(&self, bytes: &[u8], charset: &str) -> Result<Article, Error> {
        self.extract_html_page(HtmlPage::new(bytes).with_charset(charset))
    }

    /// Extracts the article from an HTML page already decoded to text.
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_html`].
    pub fn extract_html_str(&self, html: &str) -> Result<Article, Error> {
        self.extract_html_page(HtmlPage::decoded(html))
    }

    /// Extracts the article from an HTML page given with what its
    /// transport knows: its URL, against which every
    /// [`RelatedLink::url`](crate::RelatedLink::url) is made absolute (see
    /// [`HtmlPage::with_url`]), and its HTTP charset. The bytes are read
    /// as [`Extractor::extract_html`] reads them.
    ///
    /// ```
    /// use newsclip::{Extractor, HtmlPage};
    ///
    /// let html = "<html><body><article><h1>Storm closes ports</h1>\
    ///     <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
    ///     <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
    ///     </article><aside class='related'><h2>Related articles</h2>\
    ///     <p><a href='/ports-reopen'>Ports reopen after a week-long strike by dock workers</a></p></aside></body></html>";
    /// let page = HtmlPage::new(html.as_bytes())
    ///     .with_url("https://news.example/storm")
    ///     .with_charset("utf-8");
    /// let article = Extractor::default().extract_html_page(page)?;
    /// assert_eq!(article.related[0].url.as_deref(), Some("https://news.example/ports-reopen"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_html`].
    pub fn extract_html_page(&self, page: HtmlPage<'_>) -> Result<Article, Error> {
        match page.markup {
            Markup::Text(html) => self.extract_markup(html, page.url),
            Markup::Bytes(bytes) => {
                let bytes = self.gunzipped(bytes)?;
                let (decoding, html) = decode_markup(&bytes, page.charset);
                let mut found = self.extract_markup(&html, page.url);
                if let (Ok(article), true) = (&mut found, self.config.provenance) {
                    // Offsets into the bytes given (gunzipped, if gzip).
                    lines_to_input(&bytes, &html, decoding, &mut article.lines);
                }
                found
            }
        }
    }

    /// The page's title, byline and date as its metadata and markup give
    /// them, whether or not it has an article: for a product page, a
    /// listing or any page that fails with [`Error::NoArticle`], and when
    /// only the metadata are wanted. The page is read as
    /// [`Extractor::extract_html_page`] reads it, its URL (if given) the
    /// last resort for the date, but the lines are not classified, so it
    /// costs about the parse alone. An [`Article`]'s own fields may do
    /// better: the lines around its text can give a byline or a date the
    /// metadata lack.
    ///
    /// ```
    /// use newsclip::{Extractor, HtmlPage};
    ///
    /// let listing = r#"<html><head><title>Sheets for every bed | Linen Co</title>
    ///     <meta property="og:type" content="website"></head>
    ///     <body><h1>Sleep better</h1><ul><li><a href="/s/1">Percale</a></li>
    ///     <li><a href="/s/2">Sateen</a></li></ul></body></html>"#;
    /// let page = HtmlPage::decoded(listing).with_url("https://linen.example/2024/05/01/sheets");
    /// let metadata = Extractor::default().extract_metadata(page)?;
    /// assert_eq!(metadata.title.as_deref(), Some("Sheets for every bed | Linen Co"));
    /// assert_eq!(metadata.date_iso.as_deref(), Some("2024-05-01"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_html`], but never [`Error::NoArticle`].
    pub fn extract_metadata(&self, page: HtmlPage<'_>) -> Result<PageMetadata, Error> {
        let bytes;
        let html = match page.markup {
            Markup::Text(html) => Cow::Borrowed(html),
            Markup::Bytes(raw) => {
                bytes = self.gunzipped(raw)?;
                decode_markup(&bytes, page.charset).1
            }
        };
        check_text(&html, self.config.max_input_bytes)?;
        let document = self.segment_html(&html, HiddenText::Skip);
        let mut metadata = page_metadata(&document);
        if metadata.date_iso.is_none() {
            metadata.date_iso = page_url_date(page.url);
        }
        metadata.clean_output();
        Ok(metadata)
    }

    /// `bytes` gunzipped when they are gzip data, each size within
    /// [`Config::max_input_bytes`].
    fn gunzipped<'b>(&self, bytes: &'b [u8]) -> Result<std::borrow::Cow<'b, [u8]>, Error> {
        check_size(bytes.len(), self.config.max_input_bytes)?;
        gunzip_within(bytes, self.config.max_input_bytes)
    }

    /// The article of decoded markup, its link addresses resolved against
    /// the page's base URL (`page_url` and `<base href>`).
    fn extract_markup(&self, html: &str, page_url: Option<&str>) -> Result<Article, Error> {
        check_text(html, self.config.max_input_bytes)?;
        let document = self.segment_html(html, HiddenText::Skip);
        let mut article = self.read_markup(html, &document)?;
        let base_href = document.metadata.base_href.as_deref();
        resolve_links(&mut article.related, base_href, page_url);
        // The URL's date is the last resort for `date_iso`: the page's own
        // metadata and lines say when it was published, the path only when
        // it was filed.
        if article.date_iso.is_none() {
            article.date_iso = page_url_date(page_url);
        }
        Ok(article)
    }

    /// The article of a page's markup, segmented as `document`: the
    /// visible page's, else one that its hidden parts, `noscript` markup
    /// or script data hold.
    fn read_markup(&self, html: &str, document: &Document) -> Result<Article, Error> {
        // Streamed React pages keep the whole article in a hidden
        // placeholder until a script shows it: when the visible page has
        // no article, a tiny one, or one the page's hidden text outweighs
        // several times, read the hidden parts too, and keep what they
        // give when it is several times longer.
        let visible = self.extract_document(document);
        let Some(visible_words) =
            replaceable_words(&visible).or_else(|| hides_much_more(&visible, document))
        else {
            return visible;
        };
        let hidden_document = self.segment_html(html, HiddenText::Include);
        let hidden = self.extract_document(&hidden_document);
        let wanted = HIDDEN_ARTICLE_FACTOR * visible_words;
        let found = match (visible, hidden) {
            (Err(_), hidden) => hidden,
            (Ok(_), Ok(hidden)) if article_words(&hidden, wanted) >= wanted => Ok(hidden),
            (visible, _) => visible,
        };
        let found = self.or_noscript(found, document, html);
        let found = or_script_body(found, document);
        self.or_page_text(found, &[document, &hidden_document])
    }

    /// `found`, or when no reading of the page gave an article, the text
    /// of the main block of the first of `documents` (the visible page,
    /// then with its hidden parts: tabs and accordions) that has one (see
    /// `assemble::page_text_article`). The last resort, after the hidden
    /// parts' article and the script data, so that a page that keeps its
    /// story there is read from there.
    fn or_page_text(
        &self,
        found: Result<Article, Error>,
        documents: &[&Document],
    ) -> Result<Article, Error> {
        if !matches!(found, Err(Error::NoArticle)) {
            return found;
        }
        documents
            .iter()
            .find_map(|document| self.page_text(document))
            .map_or(found, Ok)
    }

    /// The text of a page's main block as an article, if it has one.
    fn page_text(&self, document: &Document) -> Option<Article> {
        let features = compute_features(document);
        let verdicts: Vec<Verdict> = features.iter().map(classify).collect();
        let mut article = page_text_article(document, &features, &verdicts, &self.config)?;
        article.clean_output();
        (!article.paragraphs.is_empty()).then_some(article)
    }

    /// `found`, or the article of the page's `noscript` markup when the
    /// page gave none or one several times shorter: forums and apps that
    /// render with scripts put their whole text there for crawlers.
    fn or_noscript(
        &self,
        found: Result<Article, Error>,
        document: &Document,
        html: &str,
    ) -> Result<Article, Error> {
        let Some(found_words) = replaceable_words(&found) else {
            return found;
        };
        if document.noscript.trim().is_empty() {
            return found;
        }
        let wanted = stand_in_words(found_words);
        // Read without provenance: its lines are found in the page below.
        let mut noscript = segment_html_by(
            self.config.html_front_end,
            &document.noscript,
            HiddenText::Skip,
        );
        if self.config.provenance {
            // Its lines are in the page's markup, as text of its
            // `noscript` elements, where no element path leads.
            locate_lines(html, &mut noscript, NoscriptText::Read);
        }
        match self.extract_document(&noscript) {
            Ok(article) if article_words(&article, wanted) >= wanted => Ok(article),
            _ => found,
        }
    }

    /// The verdict on every line of an HTML page, as [`Article::lines`]
    /// would hold them, whether or not the page has an article: for a page
    /// that fails with [`Error::NoArticle`], they show why. The bytes are
    /// decoded as [`Extractor::extract_html_with_charset`] decodes them
    /// (`charset`: the HTTP header's, if any); the lines are the visible
    /// page's.
    ///
    /// ```
    /// let home = b"<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav></body></html>";
    /// let extractor = newsclip::Extractor::default();
    /// assert_eq!(extractor.extract_html(home), Err(newsclip::Error::NoArticle));
    /// let lines = extractor.line_verdicts_html(home, None)?;
    /// assert!(!lines.is_empty());
    /// assert!(lines.iter().all(|line| line.label != newsclip::Label::Body));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_html`], but never [`Error::NoArticle`].
    pub fn line_verdicts_html(
        &self,
        bytes: &[u8],
        charset: Option<&str>,
    ) -> Result<Vec<LineVerdict>, Error> {
        let bytes = self.gunzipped(bytes)?;
        let (decoding, html) = decode_markup(&bytes, charset);
        check_text(&html, self.config.max_input_bytes)?;
        let provenance = self.config.provenance;
        let document = self.segment_html(&html, HiddenText::Skip);
        let mut lines = self.assembled_lines(&document);
        if provenance {
            lines_to_input(&bytes, &html, decoding, &mut lines);
        }
        Ok(lines)
    }

    /// The verdict on every line of a text page, as
    /// [`Extractor::line_verdicts_html`] gives them for HTML; the bytes are
    /// decoded as [`Extractor::extract_text_bytes`] decodes them.
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_text`], but never [`Error::NoArticle`].
    pub fn line_verdicts_text(&self, bytes: &[u8]) -> Result<Vec<LineVerdict>, Error> {
        let bytes = self.gunzipped(bytes)?;
        let text = decode_text(&bytes);
        check_text(&text, self.config.max_input_bytes)?;
        Ok(self.assembled_lines(&segment_text(&text)))
    }

    /// An HTML page's document, by the front end the config chooses.
    /// An HTML page's [`Document`], read by the front end the config
    /// chooses; with provenance, by the DOM front end, whose tree gives
    /// each line's element path.
    fn segment_html(&self, html: &str, hidden: HiddenText) -> Document {
        if self.config.provenance {
            return segment_html_with(html, hidden, true);
        }
        segment_html_by(self.config.html_front_end, html, hidden)
    }

    /// The assembler's verdicts on a document's lines.
    fn assembled_lines(&self, document: &Document) -> Vec<LineVerdict> {
        let features = compute_features(document);
        let verdicts: Vec<Verdict> = features.iter().map(classify).collect();
        assemble(document, &features, &verdicts, &self.config).lines
    }

    fn extract_document(&self, document: &Document) -> Result<Article, Error> {
        let features = compute_features(document);
        let verdicts: Vec<Verdict> = features.iter().map(classify).collect();
        let mut article = assemble(document, &features, &verdicts, &self.config);
        article.clean_output();
        if article.paragraphs.is_empty() {
            return Err(Error::NoArticle);
        }
        Ok(article)
    }
}

/// A visible article of fewer words than this may be a teaser of one the
/// page keeps hidden (see `extract_html_str`).
const TINY_ARTICLE_WORDS: usize = 60;
/// The hidden parts' article replaces a tiny visible one when it has at
/// least this many times its words.
const HIDDEN_ARTICLE_FACTOR: usize = 4;

/// A script-held article (JSON-LD `articleBody`) of at least this many
/// words stands in for a page whose DOM shows none, or a tiny one.
const SCRIPT_BODY_MIN_WORDS: usize = 50;
/// The confidence of an article read from the page's script data: the
/// text is the site's own, but whether it is all of it is not known.
const SCRIPT_BODY_CONFIDENCE: f32 = 0.5;

/// The words of `found` when another reading of the page may replace it:
/// no article, or a tiny one (0 for none). `None` when it stands: an
/// article of its own, or an error that is not "no article".
fn replaceable_words(found: &Result<Article, Error>) -> Option<usize> {
    let words = match found {
        Ok(article) => article_words(article, TINY_ARTICLE_WORDS),
        Err(Error::NoArticle) => 0,
        Err(_) => return None,
    };
    (words < TINY_ARTICLE_WORDS).then_some(words)
}

/// The words of `found` when the page hides several times more text
/// than its paragraphs hold (a story streamed into a hidden placeholder
/// while a summary shows): then its hidden parts are read too, and their
/// article kept if it is several times longer. `None` otherwise, and for
/// an error.
fn hides_much_more(found: &Result<Article, Error>, document: &Document) -> Option<usize> {
    let Ok(article) = found else {
        return None;
    };
    let shown: usize = article.paragraphs.iter().map(String::len).sum();
    let hidden = document.hidden_text_bytes as usize;
    (hidden >= HIDDEN_ARTICLE_FACTOR * shown).then(|| article_words(article, usize::MAX))
}

/// How many words an article read from script data must have to stand in
/// for one of `found_words`.
fn stand_in_words(found_words: usize) -> usize {
    SCRIPT_BODY_MIN_WORDS.max(HIDDEN_ARTICLE_FACTOR * found_words)
}

/// `found`, or the article the page's JSON-LD `articleBody` holds when
/// the DOM gave none or one several times shorter: pages that render
/// their story with a script keep it there.
fn or_script_body(found: Result<Article, Error>, document: &Document) -> Result<Article, Error> {
    let Some(found_words) = replaceable_words(&found) else {
        return found;
    };
    let Some(json_ld) = &document.metadata.json_ld else {
        return found;
    };
    let Some(body) = json_ld.body.as_deref() else {
        return found;
    };
    let wanted = stand_in_words(found_words);
    if body.split_whitespace().take(wanted).count() < wanted {
        return found;
    }
    let paragraphs = script_body_paragraphs(body);
    let mut article = Article {
        title: json_ld
            .headline
            .clone()
            .or_else(|| document.metadata.title.clone()),
        paragraphs,
        byline: json_ld.author.clone(),
        date: json_ld.published.clone(),
        date_iso: (json_ld.published.as_deref())
            .and_then(crate::dates::find_date)
            .map(|date| date.to_string()),
        lines: found.map(|article| article.lines).unwrap_or_default(),
        confidence: SCRIPT_BODY_CONFIDENCE,
        ..Article::default()
    };
    article.clean_output();
    Ok(article)
}

/// The paragraphs of an `articleBody`: its lines, or, when it holds
/// markup, the lines of that markup.
fn script_body_paragraphs(body: &str) -> Vec<String> {
    if body.contains('<') {
        let document = segment_html(body);
        return document
            .lines
            .iter()
            .map(|line| document.line_text(line).to_owned())
            .collect();
    }
    body.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// The words of an article's paragraphs, counted up to `at_most`: only
/// short articles need an exact count.
fn article_words(article: &Article, at_most: usize) -> usize {
    article
        .paragraphs
        .iter()
        .flat_map(|paragraph| paragraph.split_whitespace())
        .take(at_most)
        .count()
}

/// An HTML page's bytes decoded, and how (as `decode_html_with_charset`).
fn decode_markup<'a>(bytes: &'a [u8], charset: Option<&str>) -> (Decoding, Cow<'a, str>) {
    let (encoding, skipped) = html_encoding(bytes, charset);
    let html = encoding.decode_without_bom_handling(&bytes[skipped..]).0;
    (Decoding { encoding, skipped }, html)
}

/// The whole date in a page URL's path, in ISO 8601.
fn page_url_date(page_url: Option<&str>) -> Option<String> {
    page_url
        .and_then(crate::dates::date_in_url)
        .map(|date| date.to_string())
}

/// Takes the lines' offsets from `html` back to the `bytes` it was
/// decoded from.
fn lines_to_input(bytes: &[u8], html: &str, decoding: Decoding, lines: &mut [LineVerdict]) {
    let mut offsets: Vec<&mut usize> = lines
        .iter_mut()
        .flat_map(|line| {
            let LineVerdict { start, end, .. } = line;
            [start, end]
        })
        .collect();
    to_input_offsets(bytes, html, decoding, &mut offsets);
}

/// The checks every input passes before it is segmented, cheapest first.
fn check_text(text: &str, max_input_bytes: usize) -> Result<(), Error> {
    check_size(text.len(), max_input_bytes)?;
    if text.trim().is_empty() {
        return Err(Error::EmptyInput);
    }
    if looks_binary(text) {
        return Err(Error::NotText);
    }
    Ok(())
}

fn check_size(size: usize, limit: usize) -> Result<(), Error> {
    if size > limit {
        return Err(Error::InputTooLarge { size, limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the article extracted from an HTML page.
    fn article_text(page: &str) -> String {
        Extractor::default()
            .extract_html_str(page)
            .expect("an article")
            .text()
    }

    fn paragraph(text: &str) -> String {
        format!("<p>{text}</p>")
    }

    /// A page of two paragraphs, `head` in its `<head>`.
    fn dated_page(head: &str) -> String {
        format!(
            "<html><head>{head}</head><body><article><h1>Storm closes ports</h1>\
             <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
             <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
             </article></body></html>"
        )
    }

    fn date_iso_with_url(page: &str, url: &str) -> Option<String> {
        let page = HtmlPage::decoded(page).with_url(url);
        let article = Extractor::default()
            .extract_html_page(page)
            .expect("an article");
        article.date_iso
    }

    #[test]
    fn the_url_dates_a_page_that_gives_no_date_of_its_own() {
        let page = dated_page("");
        let url = "https://news.example/2018/10/05/storm-closes-ports";
        assert_eq!(date_iso_with_url(&page, url).as_deref(), Some("2018-10-05"));
        let article = Extractor::default()
            .extract_html_page(HtmlPage::decoded(&page).with_url(url))
            .expect("an article");
        // `date` is the page's own string: the URL gives none.
        assert_eq!(article.date, None);
        assert_eq!(date_iso_with_url(&page, "https://news.example/storm"), None);
    }

    #[test]
    fn the_pages_own_date_comes_before_the_urls() {
        let page = dated_page(r#"<meta property="article:published_time" content="2018-10-06">"#);
        let url = "https://news.example/2018/10/05/storm-closes-ports";
        assert_eq!(date_iso_with_url(&page, url).as_deref(), Some("2018-10-06"));
    }

    #[test]
    fn extractor_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
    }

    #[test]
    fn binary_input_and_pages_without_an_article_are_errors() {
        let extractor = Extractor::default();
        assert_eq!(extractor.extract_text("a\0b\0c\0d\0"), Err(Error::NotText));
        assert_eq!(
            extractor.extract_html(&[0u8, 1, 2, 3, 4, 5, 6, 7]),
            Err(Error::NotText)
        );
        let front = "<ul><li><a href=/a>World</a></li><li><a href=/b>Sport</a></li></ul>";
        assert_eq!(extractor.extract_html_str(front), Err(Error::NoArticle));
    }

    #[test]
    fn an_article_cut_by_a_box_of_links_in_its_own_block_is_kept_whole() {
        let sentence = |topic: &str| {
            format!("The council voted on Tuesday to rebuild the {topic}, after an inspection found cracks in its supports, and work will start in the spring once the contracts are signed.")
        };
        let links: String = (1..=14)
            .map(|n| format!("<li><a href='/guide/{n}'>Part {n} of the guide</a></li>"))
            .collect();
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
             <div class='post'><h1>Bridges to be rebuilt</h1>\
             <p>{}</p><p>{}</p><ul>{links}</ul>\
             <p>{}</p><p>{}</p><p>{}</p><p>{}</p></div>\
             <footer>Copyright 2024. All rights reserved.</footer></body></html>",
            sentence("old bridge"),
            sentence("north bridge"),
            sentence("rail bridge"),
            sentence("river bridge"),
            sentence("harbour bridge"),
            sentence("canal bridge"),
        );
        let text = article_text(&page);
        assert!(text.contains("rebuild the old bridge"), "{text}");
        assert!(text.contains("rebuild the canal bridge"), "{text}");
        assert!(!text.contains("Part 3 of the guide"), "{text}");
    }

    #[test]
    fn the_article_own_list_beyond_a_link_line_in_its_block_is_kept() {
        let rounds: String = [
            "10 March – Interlagos circuit, São Paulo",
            "8 April – the street circuit of Curitiba",
            "22 April – Velopark circuit, Nova Santa Rita",
            "6 May – Autódromo Ayrton Senna, Londrina",
            "20 May – Autódromo de Santa Cruz do Sul",
            "5 August – Autódromo Internacional de Goiânia",
            "9 September – Autódromo Zilmar Beux, Cascavel",
            "23 September – Autódromo de Campo Grande",
        ]
        .iter()
        .enumerate()
        .map(|(number, round)| format!("<br>Round {}: {round}", number + 1))
        .collect();
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/racing'>Racing</a></nav>\
             <div class='story'><h1>Stock car calendar for the season</h1>\
             <p>The series published its calendar for the season on Monday:{rounds}</p>\
             <p><a href='/tags/racing'>stock car, calendar, season, racing</a></p>\
             <p>The organisers said the dates may still change, as they often do, once the tracks confirm them.</p></div>\
             <footer>Copyright 2024. All rights reserved.</footer></body></html>"
        );
        let text = article_text(&page);
        assert!(text.contains("Round 1: 10 March – Interlagos"), "{text}");
        assert!(text.contains("Round 8: 23 September – Autódromo"), "{text}");
    }

    #[test]
    fn cards_of_other_stories_after_a_section_heading_are_not_the_article() {
        let card = |n: u32| {
            format!("<div class='c{n}'><p><a href='/story/{n}'>Story number {n} of the day</a></p>\
                <p>This is the summary of another story, long enough to read like a paragraph of text, with a full stop at its end; it goes on for a second sentence, as summaries of the day's messages do, so that each card holds more text than a headline, number {n}.</p>\
                <p>Whatsapp Facebook Pinterest</p></div>")
        };
        let cards: String = (1..=6).map(card).collect();
        let page = format!(
            "<html><body><div class='post'><h1>A message for today</h1>\
             <p>May your day be light and your work go well; a kind word costs nothing and is worth more than gold.</p></div>\
             <div class='more'><h2>You may also like</h2>{cards}</div></body></html>"
        );
        let text = article_text(&page);
        assert!(text.contains("May your day be light"), "{text}");
        assert!(!text.contains("summary of another story"), "{text}");
    }

    #[test]
    fn a_list_of_links_the_article_introduces_is_kept() {
        let first = "<p>The city library has lent laptops to students since the spring, and the scheme will now run all year, the council said on Monday.</p>\
            <p>Students sign up at the front desk with a school card and may keep a laptop for up to four weeks before they must bring it back.</p>";
        let last = "<p>More than four hundred students borrowed a laptop in the first months, most of them for their exams, according to the library's figures.</p>\
            <p>The council will review the scheme next year and may add tablets for younger pupils if the budget allows it, a spokesman said.</p>";
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/city'>City</a></nav>\
             <article><h1>Library extends laptop loans</h1>{first}\
             <p>The library also offers:</p><ul>\
             <li><a href='/a'>Free language courses</a></li>\
             <li><a href='/b'>Homework help on weekdays</a></li>\
             <li><a href='/c'>A digital archive of local newspapers</a></li></ul>\
             {last}</article></body></html>"
        );
        let text = article_text(&page);
        assert!(text.contains("Free language courses"), "{text}");
        assert!(
            text.contains("A digital archive of local newspapers"),
            "{text}"
        );
        assert!(!text.contains("Home City"), "{text}");
    }

    #[test]
    fn linked_subheadings_over_their_own_text_are_kept() {
        let tool = |name: &str, use_: &str| {
            format!("<h3><a href='/tools/{name}'>{name} tester</a></h3>\
                <p>A {name} tester is what an electrician reaches for first: it shows whether {use_} before any wire is touched.</p>")
        };
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/guides'>Guides</a></nav>\
             <article><h1>Tools every electrician needs</h1>\
             <p>We asked working electricians which tools they carry every day, and three testers came up again and again in their answers.</p>\
             {}{}{}</article></body></html>",
            tool("voltage", "a circuit is live"),
            tool("continuity", "a path is closed"),
            tool("outlet", "a socket is wired right"),
        );
        let text = article_text(&page);
        assert!(text.contains("voltage tester\n"), "{text}");
        assert!(text.contains("outlet tester\n"), "{text}");
    }

    #[test]
    fn an_article_rendered_twice_is_given_once() {
        let paragraphs = [
            "The regional train line reopened on Monday after six months of repairs to its bridges and tunnels.",
            "Commuters said the first trains ran on time, though the timetable is thinner than before the closure.",
            "The operator plans to add evening services in the spring once the new signals have been tested.",
            "Ticket prices stay the same this year, the transport authority said in a statement on its website.",
        ]
        .map(paragraph)
        .concat();
        let page = format!(
            "<html><body><article><h1>Train line reopens</h1>{paragraphs}</article>\
             <div class='print-version'>{paragraphs}</div></body></html>"
        );
        let text = article_text(&page);
        assert_eq!(
            text.matches("The regional train line reopened").count(),
            1,
            "{text}"
        );
        assert_eq!(
            text.matches("Ticket prices stay the same").count(),
            1,
            "{text}"
        );
    }

    #[test]
    fn a_short_bio_in_a_block_after_the_story_is_dropped() {
        let story = [
            "The port authority approved a plan on Thursday to deepen the harbour channel so that larger container ships can dock.",
            "Dredging will start next spring and take about two years, with most of the work done at night to keep the port open.",
            "Fishermen fear the work will drive fish from the bay, and their association has asked for a study of the seabed first.",
            "The authority said the study is already under way and that its results will be published before any dredging begins.",
            "The plan also includes a new quay for ferries, which should cut waiting times for islanders in the summer months.",
            "Local businesses welcomed the decision, saying the port had been losing trade to larger harbours along the coast.",
            "The cost, about forty million euros, will be shared between the regional government and the port's own reserves.",
            "A public hearing on the plan is set for the end of the month at the town hall, and residents may send written comments.",
        ]
        .map(paragraph)
        .concat();
        let page = format!(
            "<html><body><div class='story'><h1>Harbour to be deepened</h1>{story}</div>\
             <div class='bio'><p>Maria Lopez is a reporter who covers shipping and the sea for the paper.</p></div>\
             </body></html>"
        );
        let text = article_text(&page);
        assert!(
            text.contains("The port authority approved a plan"),
            "{text}"
        );
        assert!(text.contains("losing trade to larger harbours"), "{text}");
        assert!(!text.contains("Maria Lopez is a reporter"), "{text}");
    }

    #[test]
    fn a_dated_list_in_the_article_block_is_kept() {
        let page = "<html><body><nav><a href='/'>Home</a> <a href='/music'>Music</a></nav>\
            <div class='story'><h1>Band sets anniversary tour</h1>\
            <p>The band will mark fifty years on the road with a tour of North America next summer, its label said on Tuesday.</p>\
            <p>Tickets go on sale on Friday, and the band plans to play songs from every decade of its career.</p>\
            <p>The tour dates:<br>June 9 -- Coral Sky Amphitheatre, West Palm Beach, Florida\
            <br>June 10 -- Credit Union Amphitheatre, Tampa, Florida</p></div>\
            <footer>Copyright 2024. All rights reserved.</footer></body></html>";
        let text = article_text(page);
        assert!(text.contains("June 9 -- Coral Sky Amphitheatre"), "{text}");
        assert!(
            text.contains("June 10 -- Credit Union Amphitheatre"),
            "{text}"
        );
        assert!(!text.contains("All rights reserved"));
    }

    #[test]
    fn text_resumes_whole_after_a_box_of_links_set_into_it() {
        let paragraph = |topic: &str| {
            format!("<p>The report on {topic} was published on Monday, and officials said they would study its findings before the end of the month.</p>")
        };
        let page = format!(
            "<html><body><article><h1>Report on the harbour</h1>{}{}{}\
             <div class='related'><h3>Related articles</h3>\
             <p><a href='/a'>Ferry operator cuts winter timetable on the island routes</a></p>\
             <p><a href='/b'>Port authority names a new chief executive after long search</a></p></div>\
             {}{}</article></body></html>",
            paragraph("dredging"),
            paragraph("the quays"),
            paragraph("the lighthouse"),
            paragraph("the ferries"),
            paragraph("the fishing fleet")
        );
        let text = article_text(&page);
        assert!(text.contains("The report on the ferries"), "{text}");
        assert!(text.contains("The report on the fishing fleet"), "{text}");
        assert!(!text.contains("Ferry operator cuts"), "{text}");
    }

    #[test]
    fn json_ld_fills_the_title_byline_and_date_the_lines_do_not_give() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm closes ports",
             "author":{"@type":"Person","name":"Ana Silva"},"datePublished":"2024-11-05T08:00:00Z"}
            </script></head><body><article>
            <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>
            <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>
            </article></body></html>"#;
        let article = Extractor::default()
            .extract_html_str(page)
            .expect("an article");
        assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
        assert_eq!(article.byline.as_deref(), Some("Ana Silva"));
        assert_eq!(article.date.as_deref(), Some("2024-11-05T08:00:00Z"));
        assert_eq!(article.paragraphs.len(), 2);
    }

    #[test]
    fn an_article_kept_hidden_for_a_script_is_read_when_nothing_else_is() {
        let page = "<html><body><div id='app'><nav><a href='/'>Home</a></nav></div>\
            <div hidden id='S:0'><article><h1>Storm closes ports</h1>\
            <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
            <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
            </article></div><div hidden class='modal'>Subscribe now</div></body></html>";
        let article = Extractor::default()
            .extract_html_str(page)
            .expect("an article");
        assert_eq!(article.paragraphs.len(), 2);
        // A page whose visible article is all there is keeps it: its
        // hidden parts add only a modal.
        let visible = page.replace("<div hidden id='S:0'>", "<div id='S:0'>");
        let article = Extractor::default()
            .extract_html_str(&visible)
            .expect("an article");
        assert!(!article.text().contains("Subscribe now"));
    }

    #[test]
    fn a_hidden_article_behind_a_visible_teaser_is_read() {
        let paragraphs = [
            "The city council voted on Tuesday to close the old market hall for two years while its roof is rebuilt.",
            "Traders will move to a temporary hall in the park, which the council says will open a week before the closure.",
            "The rebuilding is expected to cost twelve million euros, most of it paid by a regional fund for historic buildings.",
            "Some traders said the park is too far from the station and asked for a shuttle bus on market days.",
            "The council said it would look at the request and publish a timetable for the works before the summer.",
            "The hall was built in 1890 and has been repaired only twice since, the last time after a fire in the sixties.",
            "Architects plan to keep its iron frame and glass roof, which are listed, and to add a floor for small workshops.",
            "If the works run to plan, the hall will reopen in the spring two years from now with more stalls than before.",
        ]
        .map(paragraph)
        .concat();
        let page = format!(
            "<html><body><div id='app'><h1>Market hall to close</h1>\
             <p>The old market hall will close for two years of repairs to its roof, the city council decided on Tuesday.</p>\
             <p>Traders move to a temporary hall; read the full story for the details of the plan.</p></div>\
             <div hidden id='S:0'><article><h1>Market hall to close</h1>{paragraphs}</article></div>\
             </body></html>"
        );
        let text = article_text(&page);
        assert!(text.contains("temporary hall in the park"), "{text}");
        assert!(text.contains("publish a timetable for the works"), "{text}");
    }

    #[test]
    fn a_story_hidden_behind_a_visible_summary_of_any_length_is_read() {
        let sentence = |n: usize| {
            format!("<p>Point {n} of the plan moves the stalls of the old market hall while its roof and iron frame are rebuilt.</p>")
        };
        // A summary of over 60 words: no teaser by its length alone.
        let summary: String = (0..4).map(sentence).collect();
        let story: String = (0..24)
            .map(|n| format!("<p>Paragraph {n} of the story tells how the traders, the council and the architects plan the two years of works.</p>"))
            .collect();
        let page = format!(
            "<html><body><main><h1>Market hall to close</h1><div class='key-points'>{summary}</div>\
             <div hidden id='S:0'><article>{story}</article></div></main></body></html>"
        );
        let article = Extractor::default().extract_html_str(&page).unwrap();
        assert!(article.paragraphs.len() >= 24, "{:?}", article.paragraphs);
        assert!(article.text().contains("Paragraph 23 of the story"));
        // Hidden text under four times the summary's is not read.
        let short_story: String =
            story.split("</p>").take(6).collect::<Vec<_>>().join("</p>") + "</p>";
        let page = page.replace(&story, &short_story);
        let article = Extractor::default().extract_html_str(&page).unwrap();
        assert!(
            !article.text().contains("Paragraph 0 of the story"),
            "{:?}",
            article.paragraphs
        );
    }

    #[test]
    fn subheadings_listed_in_a_table_of_contents_stay_in_the_article() {
        let paragraph = |topic: &str| {
            format!("<p>The guide to {topic} explains what to check before you start, what it costs and how long it takes.</p>")
        };
        let page = format!(
            "<html><body><article><h1>Repairing an old bicycle</h1>\
             <ul class='toc'><li><a href='#frame'>Checking the frame</a></li><li><a href='#brakes'>Fixing the brakes</a></li></ul>\
             {}<h2 id='frame'>Checking the frame</h2>{}{}<h2 id='brakes'>Fixing the brakes</h2>{}{}</article></body></html>",
            paragraph("repairs"),
            paragraph("frames"),
            paragraph("welds"),
            paragraph("brakes"),
            paragraph("cables")
        );
        let article = Extractor::default()
            .extract_html_str(&page)
            .expect("an article");
        let headings = article
            .paragraphs
            .iter()
            .filter(|p| p.as_str() == "Fixing the brakes")
            .count();
        assert_eq!(headings, 1, "{:?}", article.paragraphs);
    }

    #[test]
    fn an_unlinked_list_in_the_article_is_kept() {
        let page = "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/food'>Food</a></li></ul></nav>\
            <article><h1>A simple bread</h1>\
            <p>This bread needs no machine and no special flour, and it keeps for three days in a cloth bag.</p>\
            <p>You will need the following, all of it from an ordinary grocery shop near you:</p>\
            <ul><li>Flour - 500 g</li><li>Salt - 10 g</li><li>Dry yeast - 7 g</li><li>Warm water - 350 ml</li></ul>\
            <p>Mix everything in a large bowl, cover it and leave it somewhere warm for two hours.</p>\
            </article></body></html>";
        let text = article_text(page);
        assert!(text.contains("Dry yeast"), "{text}");
        assert!(!text.contains("Home"), "{text}");
    }

    #[test]
    fn empty_and_oversized_input_are_errors() {
        let extractor = Extractor::default();
        assert_eq!(extractor.extract_text(" \n\n"), Err(Error::EmptyInput));
        let small = Extractor::new(Config::default().with_max_input_bytes(4));
        assert_eq!(
            small.extract_text("hello"),
            Err(Error::InputTooLarge { size: 5, limit: 4 })
        );
    }

    #[test]
    fn an_article_only_in_json_ld_is_read_from_it() {
        let body = "A storm closed the country's two largest ports on Monday, halting \
            shipments of grain and fuel for the second time this winter.\n\
            Harbour officials said the ports could reopen on Wednesday if the wind eases \
            as forecast, though shipping lines warned of delays into next week.\n\
            Farmers' groups said the closure came at the worst moment of the export season.";
        let page = format!(
            "<html><head><script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \
             \"headline\": \"Storm closes ports\", \"articleBody\": {}}}</script></head>\
             <body><nav><a href='/'>Home</a></nav><div id='app'></div></body></html>",
            serde_json::to_string(body).unwrap()
        );
        let article = Extractor::default().extract_html_str(&page).unwrap();
        assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
        assert_eq!(article.paragraphs.len(), 3);
        assert!(article.paragraphs[1].starts_with("Harbour officials"));
        // A page that shows its article keeps the DOM's.
        let shown = page.replace(
            "<div id='app'></div>",
            &format!(
                "<article><p>{}</p></article>",
                body.replace('\n', "</p><p>")
            ),
        );
        let article = Extractor::default().extract_html_str(&shown).unwrap();
        assert_ne!(article.confidence, SCRIPT_BODY_CONFIDENCE);
    }

    /// An index of papers: linked titles and author lines, no prose,
    /// beside a menu the page marks as navigation.
    fn paper_index(papers: usize) -> String {
        const TOPICS: [&str; 6] = ["tides", "glaciers", "monsoons", "dunes", "reefs", "peat"];
        const AUTHORS: [&str; 5] = [
            "A. Moreau",
            "K. Tanaka",
            "L. Silva",
            "J. Okafor",
            "M. Novak",
        ];
        let entries: String = (0..papers)
            .map(|paper| {
                format!(
                    "<dt><a href='/abs/{paper}'>[{paper}] Measuring {} at scale {paper}</a></dt>\
                     <dd>{} and {}, on {}</dd>",
                    TOPICS[paper % 6],
                    AUTHORS[paper % 5],
                    AUTHORS[(paper + 2) % 5],
                    TOPICS[paper % 6]
                )
            })
            .collect();
        format!(
            "<html><head><title>Recent papers</title></head><body>\
             <nav><a href='/'>Home</a> <a href='/new'>New</a> <a href='/help'>Help</a></nav>\
             <div id='content'><h1>Recent papers</h1><dl>{entries}</dl></div></body></html>"
        )
    }

    #[test]
    fn a_page_of_other_text_gives_its_main_block_as_a_last_resort() {
        let page = paper_index(12);
        let article = Extractor::default()
            .extract_html_str(&page)
            .expect("the main block");
        assert_eq!(article.paragraphs.len(), 2 * 12, "{:?}", article.paragraphs);
        assert_eq!(article.paragraphs[0], "[0] Measuring tides at scale 0");
        let metadata = Extractor::default().extract_metadata(HtmlPage::decoded(&page));
        assert_eq!(article.title, metadata.expect("metadata").title);
        assert!(!article.paragraphs.iter().any(|line| line.contains("Help")));
        assert!(article.confidence < 0.5, "{}", article.confidence);
        // Script data holding an article is read before it.
        let body = "A storm closed the country's two largest ports on Monday, halting \
            shipments of grain and fuel for the second time this winter, officials said.\n\
            Harbour officials said the ports could reopen on Wednesday if the wind eases \
            as forecast, though shipping lines warned of delays into next week.\n\
            Farmers' groups said the closure came at the worst moment of the export season.";
        let with_body = page.replace(
            "</title>",
            &format!(
                "</title><script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \
                 \"articleBody\": {}}}</script>",
                serde_json::to_string(body).unwrap()
            ),
        );
        let article = Extractor::default().extract_html_str(&with_body).unwrap();
        assert_eq!(article.confidence, SCRIPT_BODY_CONFIDENCE);
        // A menu alone is still no article.
        assert_eq!(
            Extractor::default().extract_html_str(&paper_index(0)),
            Err(Error::NoArticle)
        );
    }

    #[test]
    fn a_page_that_shows_its_text_only_without_scripts_is_read_from_noscript() {
        let posts: String = [
            "The new timetable moves the first train to six in the morning, which suits commuters who start early at the docks.",
            "I asked the operator whether the late service on Fridays stays, and they said it does until the end of the year at least.",
            "Buses will wait for delayed trains at the main station for up to ten minutes, according to the notice posted this week.",
        ]
        .iter()
        .map(|post| format!("<div class='post'><p>{post}</p></div>"))
        .collect();
        let page = format!(
            "<html><body><div id='app'>Loading…</div><noscript><h1>Timetable changes</h1>{posts}</noscript></body></html>"
        );
        let article = Extractor::default().extract_html_str(&page).unwrap();
        assert_eq!(article.paragraphs.len(), 3);
        assert!(article.paragraphs[2].starts_with("Buses will wait"));
    }

    #[test]
    fn a_post_held_in_a_template_script_is_read_when_the_page_shows_none() {
        let posts: String = [
            "The council voted on Tuesday to keep the harbour baths open through the winter, after a petition gathered four thousand names.",
            "Swimmers said the cold water draws more visitors each year, and the lifeguards' union agreed to extend their season by two months.",
            "The extra cost, about forty thousand euros, will come from the sports budget, which had money left after the stadium repairs.",
        ]
        .iter()
        .map(|post| format!("<p>{post}</p>"))
        .collect();
        let page = format!(
            "<html><body><div id='app'></div>\
             <script type=\"text/x-handlebars-template\" id='post'><article><h1>Baths stay open</h1>{posts}</article></script>\
             <script>render('#post')</script></body></html>"
        );
        let article = Extractor::default().extract_html_str(&page).unwrap();
        assert_eq!(article.paragraphs.len(), 3, "{article:?}");
        assert!(article.paragraphs[0].starts_with("The council voted"));
        // An ordinary script's code is never read as text.
        let code = page.replace("text/x-handlebars-template", "text/javascript");
        assert!(Extractor::default().extract_html_str(&code).is_err());
    }

    /// A job board: a menu, then cards of one kind, each a linked title
    /// and a short unlinked line naming the employer, the place and the
    /// hours, every one different.
    fn job_board(cards: usize) -> String {
        const ROLES: [&str; 7] = [
            "Nurse", "Welder", "Teacher", "Driver", "Chef", "Joiner", "Baker",
        ];
        const EMPLOYERS: [&str; 7] = [
            "Harbour Hospital",
            "Forth Shipyards",
            "Hill School",
            "Coast Buses",
            "Old Mill Hotel",
            "Oak Builders",
            "Corner Bakery",
        ];
        const TOWNS: [&str; 5] = ["Leith", "Rosyth", "Perth", "Dundee", "Crieff"];
        const HOURS: [&str; 3] = ["full time", "part time", "weekends only"];
        let jobs: String = (0..cards)
            .map(|card| {
                format!(
                    "<div class='job-card'><a href='/jobs/{card}'>{}</a><p>{} in {}, {}</p></div>",
                    ROLES[card % 7],
                    EMPLOYERS[card % 7],
                    TOWNS[card % 5],
                    HOURS[card % 3]
                )
            })
            .collect();
        format!(
            "<html><head><title>Jobs near you</title></head><body>\
             <nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a> <a href='/about'>About</a></nav>\
             <h1>Jobs near you</h1><div class='jobs'>{jobs}</div></body></html>"
        )
    }

    #[test]
    fn a_page_whose_content_is_a_list_of_records_gives_the_records() {
        let page = job_board(21);
        let article = Extractor::default()
            .extract_html_str(&page)
            .expect("the listing");
        assert_eq!(article.paragraphs.len(), 21, "{:?}", article.paragraphs);
        assert_eq!(
            article.paragraphs[0],
            "Harbour Hospital in Leith, full time"
        );
        assert!(article.confidence < 0.5, "{}", article.confidence);
        // Without the listing no line reads as an article, and the last
        // resort, the page's main block, holds the same lines: the cards'
        // titles, written three times each, are no text of the page's own.
        let no_listing = Config::default()
            .with_assembler_parameter("listing_weak_words", 0.0)
            .expect("a parameter");
        let main_block = Extractor::new(no_listing)
            .extract_html_str(&page)
            .expect("the main block");
        assert_eq!(main_block.paragraphs, article.paragraphs);
        assert!(main_block.confidence < 0.5, "{}", main_block.confidence);
        // Too few records make no list.
        assert_eq!(
            Extractor::default().extract_html_str(&job_board(4)),
            Err(Error::NoArticle)
        );
    }

    /// A thread: a headline, then posts the markup marks as comments, each
    /// an author line and one short sentence.
    fn thread(post_first: &str) -> String {
        const WORDS: [&str; 10] = [
            "boots", "tents", "stoves", "maps", "ropes", "lamps", "socks", "packs", "hats", "poles",
        ];
        let posts: String = (0..10)
            .map(|post| {
                format!(
                    "<div class='comment'><p><a href='/u/{post}'>walker{post}</a></p>\
                     <p>I would take the lighter {} on that route in May.</p></div>",
                    WORDS[post]
                )
            })
            .collect();
        format!(
            "<html><body><nav><a href='/'>Forums</a> <a href='/new'>New posts</a></nav>\
             <h1>Which kit for the ridge walk?</h1>{post_first}<div class='thread'>{posts}</div></body></html>"
        )
    }

    #[test]
    fn the_posts_of_a_thread_are_its_content_and_a_blogs_comments_are_not() {
        let article = Extractor::default()
            .extract_html_str(&thread(""))
            .expect("the thread");
        let text = article.text();
        assert!(
            text.contains("lighter boots") && text.contains("lighter packs"),
            "{text}"
        );
        // The same posts after a blog's own post are its comments.
        let post = "<article><p>We walked the ridge in May with light packs and found the path dry, \
             the huts open and the views wide from the first cairn to the last.</p>\
             <p>Next year we will go in June, when the snow has gone from the north side too.</p></article>";
        let text = Extractor::default()
            .extract_html_str(&thread(post))
            .expect("the post")
            .text();
        assert!(text.starts_with("We walked the ridge"), "{text}");
        assert!(!text.contains("lighter boots"), "{text}");
    }

    #[test]
    fn the_rows_of_a_data_table_in_the_article_are_its_text() {
        // A day a row, the same weather three days running.
        let rows: String = [
            ("Rain", "12 mm"),
            ("Rain", "12 mm"),
            ("Sun", "0 mm"),
            ("Rain", "12 mm"),
        ]
        .iter()
        .map(|(sky, rain)| format!("<tr><td>{sky}</td><td>{rain}</td></tr>"))
        .collect();
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/weather'>Weather</a></nav><article>\
             <h1>A wet week ahead</h1>\
             <p>Forecasters expect heavy rain across the east of the country from Monday, with the wind rising on the coast.</p>\
             <table><tr><th>Sky</th><th>Rain</th></tr>{rows}</table>\
             <p>The weekend should be drier, though showers may linger in the hills until Sunday morning.</p>\
             </article></body></html>"
        );
        let article = Extractor::default()
            .extract_html_str(&page)
            .expect("an article");
        // Rows the table repeats are its own, not furniture.
        let rainy = article
            .paragraphs
            .iter()
            .filter(|line| *line == "Rain 12 mm");
        assert_eq!(rainy.count(), 3, "{:?}", article.paragraphs);
    }

    #[test]
    fn a_blogs_comments_in_the_posts_block_do_not_make_the_post_a_sliver() {
        // Thirty comments of about 30 words in the post's own block:
        // without the cut at their heading they would outweigh the post
        // a dozen times.
        const SEEN: [&str; 6] = ["wet", "icy", "dry", "muddy", "washed out", "snowed over"];
        const SHUT: [&str; 5] = ["second hut", "kiosk", "upper bridge", "car park", "chapel"];
        let comments: String = (0..30)
            .map(|comment| {
                format!(
                    "<p>Posted by reader{comment}</p><p>We walked the same ridge last week and \
                     found the north path {}, the {} closed and the cairns hard to see in the \
                     mist, so take a map and a compass with you.</p>",
                    SEEN[comment % 6],
                    SHUT[comment % 5]
                )
            })
            .collect();
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/walks'>Walks</a></nav>\
             <div id='post'><h1>The ridge in May</h1>\
             <p>We walked the ridge in May with light packs and found the path dry, the huts \
             open and the views wide from the first cairn to the last.</p>\
             <p>The climb from the valley took three hours, with a long rest at the second \
             hut, where the warden keeps tea and a logbook for walkers.</p>\
             <p>Next year we will go in June, when the snow has gone from the north side too \
             and the longer days leave time for the far summit.</p>\
             <h3>Comments</h3>{comments}</div></body></html>"
        );
        let article = Extractor::default().extract_html_str(&page).unwrap();
        assert_eq!(article.paragraphs.len(), 3, "{:?}", article.paragraphs);
        assert!(article.text().starts_with("We walked the ridge in May"));
    }
}
