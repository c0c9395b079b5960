//! Articles out of web archives: WARC files in, one [`WarcArticle`] per
//! archived HTML page out.
//!
//! ```no_run
//! use newsclip::warc::WarcReader;
//! use newsclip::Extractor;
//!
//! let extractor = Extractor::default();
//! for page in extractor.extract_warc(WarcReader::open("CC-MAIN-example.warc.gz")?) {
//!     let page = page?; // the archive itself could not be read
//!     match &page.article {
//!         Ok(article) => println!("{}\t{:?}", page.url.as_deref().unwrap_or("-"), article.title),
//!         Err(error) => eprintln!("{}: {error}", page.url.as_deref().unwrap_or("-")),
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Only `response` records whose HTTP `Content-Type` is HTML
//! (`text/html`, `application/xhtml+xml`) are pages; requests, metadata,
//! images and the rest are passed over. The page's charset comes from the
//! HTTP header, then the page itself ([`Extractor::extract_html_with_charset`]).
//! Every page yields exactly one [`WarcArticle`], its `article` an error
//! when the page has none or cannot be read, so a count of outputs is a
//! count of pages.
//!
//! Records are read one at a time in bounded memory. To extract in
//! parallel, read records with [`WarcReader`] and hand each to
//! [`Extractor::extract_warc_record`] on a thread pool; the `extract`
//! example binary does this with rayon.
//!
//! Why a reader of our own rather than a WARC crate: the format is a
//! version line, header fields and a length-prefixed block, about two
//! hundred lines to read; the crates on crates.io read every block whole
//! into memory whatever its size and stop at the first damaged record,
//! and they bring date, UUID and parser-combinator dependencies this
//! needs none of. Gzip is `flate2`.

mod http;
mod record;

pub use record::{WarcError, WarcReader, WarcRecord};

use crate::article::{Article, LineVerdict};
use crate::error::Error;
use crate::extractor::Extractor;
use crate::page::HtmlPage;
use http::HttpResponse;
use std::io::BufRead;

/// One archived HTML page and what came of it.
///
/// With the `serde` feature it is written `{"url": …, "record_id": …,
/// "date": …, "offset": …, "article": {"Ok": {…}}}`, the article as
/// [`Article`] writes it, or `"article": {"Err": {"kind": "no_article"}}`
/// ([`Error`] as `kind` and its fields).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WarcArticle {
    /// `WARC-Target-URI`: the page's URL, against which the article's
    /// link addresses are resolved.
    pub url: Option<String>,
    /// `WARC-Record-ID`, such as `<urn:uuid:…>`.
    pub record_id: Option<String>,
    /// `WARC-Date`: when the page was captured.
    pub date: Option<String>,
    /// Where the record starts in the uncompressed archive.
    pub offset: u64,
    /// The article, or why there is none.
    pub article: Result<Article, Error>,
}

impl Extractor {
    /// Extracts the article from one WARC record, or `None` when the
    /// record is not an HTML page (not a `response`, or not HTML).
    ///
    /// A page whose block was over the reader's limit is
    /// [`Error::InputTooLarge`]; a response that cannot be unpacked is
    /// [`Error::UnreadableResponse`].
    ///
    /// ```
    /// use newsclip::warc::WarcReader;
    ///
    /// let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
    ///     <html><body><article><h1>Dam opens</h1>\
    ///     <p>The new dam on the river opened on Tuesday after eleven years of building work.</p>\
    ///     <p>It will supply water and power to four provinces, the energy ministry said.</p>\
    ///     </article></body></html>";
    /// let archive = format!(
    ///     "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/dam\r\n\
    ///      Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
    ///     http.len()
    /// );
    /// let record = WarcReader::new(archive.as_bytes()).next().unwrap()?;
    /// let page = newsclip::Extractor::default().extract_warc_record(&record).unwrap();
    /// assert_eq!(page.url.as_deref(), Some("https://example.com/dam"));
    /// assert_eq!(page.article?.title.as_deref(), Some("Dam opens"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extract_warc_record(&self, record: &WarcRecord) -> Option<WarcArticle> {
        if !record
            .record_type()
            .is_some_and(|kind| kind.eq_ignore_ascii_case("response"))
        {
            return None;
        }
        let article = match HttpResponse::parse(record.block()) {
            Ok(response) if !response.is_html() => return None,
            Ok(response) => self.extract_response(record, &response),
            // A response record whose block is not HTTP (some crawlers
            // store other schemes this way) is not a page.
            Err(_) if !record.block().starts_with(b"HTTP/") => return None,
            Err(error) => Err(error),
        };
        Some(WarcArticle {
            url: record.target_uri().map(str::to_string),
            record_id: record.record_id().map(str::to_string),
            date: record.date().map(str::to_string),
            offset: record.offset(),
            article,
        })
    }

    /// The verdict on every line of a WARC record's page, as
    /// [`Extractor::line_verdicts_html`] gives them: for a page that fails
    /// with [`Error::NoArticle`], they show why. `None` when the record is
    /// not an HTML page, as for [`Extractor::extract_warc_record`].
    ///
    /// # Errors
    ///
    /// As [`Extractor::extract_warc_record`]'s `article`, but never
    /// [`Error::NoArticle`].
    pub fn warc_record_line_verdicts(
        &self,
        record: &WarcRecord,
    ) -> Option<Result<Vec<LineVerdict>, Error>> {
        let is_response = record
            .record_type()
            .is_some_and(|kind| kind.eq_ignore_ascii_case("response"));
        let response = HttpResponse::parse(record.block()).ok()?;
        if !is_response || !response.is_html() {
            return None;
        }
        let limit = self.config().max_input_bytes;
        if !record.is_complete() {
            return Some(Err(Error::InputTooLarge {
                size: usize::try_from(record.block_length()).unwrap_or(usize::MAX),
                limit,
            }));
        }
        Some(
            response
                .page(limit)
                .and_then(|page| self.line_verdicts_html(&page, response.charset())),
        )
    }

    fn extract_response(
        &self,
        record: &WarcRecord,
        response: &HttpResponse<'_>,
    ) -> Result<Article, Error> {
        let limit = self.config().max_input_bytes;
        if !record.is_complete() {
            return Err(Error::InputTooLarge {
                size: usize::try_from(record.block_length()).unwrap_or(usize::MAX),
                limit,
            });
        }
        let page = response.page(limit)?;
        // The record's target URI is the page's URL: its links come out
        // absolute.
        let mut page = HtmlPage::new(&page);
        if let Some(url) = record.target_uri() {
            page = page.with_url(url);
        }
        if let Some(charset) = response.charset() {
            page = page.with_charset(charset);
        }
        self.extract_html_page(page)
    }

    /// The articles of every HTML page in a WARC, in archive order, one
    /// at a time. An `Err` item is a damaged part of the archive, not a
    /// page: after a malformed record, reading resumes at the next one;
    /// after an I/O error (a corrupt gzip member), the iterator ends.
    ///
    /// The reader's block limit is set to this extractor's
    /// [`Config::max_input_bytes`](crate::Config::max_input_bytes).
    pub fn extract_warc<R: BufRead>(&self, records: WarcReader<R>) -> WarcArticles<'_, R> {
        WarcArticles {
            extractor: self,
            records: records.with_max_block_bytes(self.config().max_input_bytes),
        }
    }
}

/// The iterator [`Extractor::extract_warc`] returns.
pub struct WarcArticles<'a, R> {
    extractor: &'a Extractor,
    records: WarcReader<R>,
}

impl<R: BufRead> Iterator for WarcArticles<'_, R> {
    type Item = Result<WarcArticle, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.records.next()? {
                Ok(record) => {
                    if let Some(page) = self.extractor.extract_warc_record(&record) {
                        return Some(Ok(page));
                    }
                }
                Err(error) => return Some(Err(error)),
            }
        }
    }
}

/// What kind of file that is not a regular file is, for error messages.
pub(crate) fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        return "a directory";
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const ARTICLE: &str = "<html><body><nav><a href='/'>Home</a></nav><article><h1>Bridge reopens</h1>\
        <p>The old bridge over the river reopened on Monday after two years of repairs to its arches.</p>\
        <p>Traffic will be limited to cars and bicycles until the load tests end in the spring.</p>\
        </article></body></html>";

    fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Date: 2026-01-02T03:04:05Z\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut block =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
        block.extend_from_slice(body);
        block
    }

    fn archive() -> Vec<u8> {
        let mut archive = warc_record("warcinfo", "", b"software: test\r\n");
        archive.extend(warc_record(
            "request",
            "https://a.example/1",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        archive.extend(warc_record(
            "response",
            "https://a.example/1",
            &http("text/html", ARTICLE.as_bytes()),
        ));
        archive.extend(warc_record(
            "response",
            "https://a.example/logo.png",
            &http("image/png", b"\x89PNG"),
        ));
        archive.extend(warc_record(
            "response",
            "https://a.example/home",
            &http(
                "text/html",
                b"<html><body><a href='/a'>News</a></body></html>",
            ),
        ));
        archive
    }

    #[test]
    fn every_html_response_gives_one_article_and_nothing_else_does() {
        let bytes = archive();
        let pages: Vec<WarcArticle> = Extractor::default()
            .extract_warc(WarcReader::new(&bytes[..]))
            .map(Result::unwrap)
            .collect();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].url.as_deref(), Some("https://a.example/1"));
        assert_eq!(
            pages[0].record_id.as_deref(),
            Some("<urn:uuid:https://a.example/1>")
        );
        assert_eq!(pages[0].date.as_deref(), Some("2026-01-02T03:04:05Z"));
        let article = pages[0].article.as_ref().unwrap();
        assert_eq!(article.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(article.paragraphs.len(), 2);
        assert_eq!(pages[1].article, Err(Error::NoArticle));
    }

    #[test]
    fn links_resolve_against_the_target_uri() {
        let page = ARTICLE.replace(
            "</article>",
            "</article><aside class='related'><h2>Related articles</h2>\
             <p><a href='../roads/closed'>Roads close as the river rises for a third day</a></p></aside>",
        );
        let bytes = warc_record(
            "response",
            "https://a.example/city/bridge",
            &http("text/html; charset=utf-8", page.as_bytes()),
        );
        let record = WarcReader::new(&bytes[..]).next().unwrap().unwrap();
        let article = Extractor::default()
            .extract_warc_record(&record)
            .unwrap()
            .article
            .unwrap();
        assert_eq!(
            article.related[0].url.as_deref(),
            Some("https://a.example/roads/closed")
        );
    }

    #[test]
    fn the_http_charset_decodes_the_page() {
        let page = encoding_rs::WINDOWS_1251
            .encode(&ARTICLE.replace("Bridge reopens", "Мост открыт"))
            .0
            .into_owned();
        let bytes = warc_record(
            "response",
            "https://a.example/ru",
            &http("text/html; charset=windows-1251", &page),
        );
        let pages: Vec<_> = Extractor::default()
            .extract_warc(WarcReader::new(&bytes[..]))
            .collect();
        let article = pages[0].as_ref().unwrap().article.as_ref().unwrap();
        assert_eq!(article.title.as_deref(), Some("Мост открыт"));
    }

    #[test]
    fn an_oversized_page_is_an_error_record() {
        let bytes = archive();
        let extractor = Extractor::new(Config::default().with_max_input_bytes(100));
        let pages: Vec<WarcArticle> = extractor
            .extract_warc(WarcReader::new(&bytes[..]))
            .map(Result::unwrap)
            .collect();
        assert_eq!(pages.len(), 2);
        assert!(matches!(
            pages[0].article,
            Err(Error::InputTooLarge { limit: 100, .. })
        ));
    }

    #[test]
    fn a_damaged_record_is_an_error_between_pages() {
        let mut bytes = warc_record(
            "response",
            "https://a.example/1",
            &http("text/html", ARTICLE.as_bytes()),
        );
        bytes.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n");
        bytes.extend(warc_record(
            "response",
            "https://a.example/2",
            &http("text/html", ARTICLE.as_bytes()),
        ));
        let items: Vec<_> = Extractor::default()
            .extract_warc(WarcReader::new(&bytes[..]))
            .collect();
        assert_eq!(items.len(), 3);
        assert!(items[0].is_ok());
        assert!(items[1].is_err());
        assert_eq!(
            items[2].as_ref().unwrap().url.as_deref(),
            Some("https://a.example/2")
        );
    }
}
