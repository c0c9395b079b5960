//! What came of one input: its article, or why there is none.

use super::batch::Job;
use super::files::{display_path, read_page};
use super::inputs::{Input, LineFault, STREAM_URL_PREFIX_BYTES};
use super::output::output_stem;
use super::InputKind;
use newsclip::warc::WarcRecord;
use newsclip::{Article, Error, Extractor, HtmlPage, LineVerdict};
use std::path::Path;

/// One input and what came of it.
pub(super) struct Outcome {
    pub(super) path: String,
    /// The page's URL, for `--stream` and WARC input.
    pub(super) url: Option<String>,
    /// `WARC-Record-ID` and `WARC-Date`, for WARC input.
    pub(super) warc_record_id: Option<String>,
    pub(super) warc_date: Option<String>,
    pub(super) result: Result<Article, Failure>,
    /// The name of its `--output-dir` file, without an extension (see
    /// [`output_stem`]).
    pub(super) stem: String,
    /// The page's `--format html-report` page, when the page was read.
    pub(super) report: Option<String>,
}

/// Why an input gave no article.
pub(super) struct Failure {
    pub(super) message: String,
    /// The page was read but has no article ([`Error::NoArticle`]).
    pub(super) no_article: bool,
    /// What its JSON record holds in the article's place: no title, no
    /// text, a confidence that is not a number (which the record writes
    /// `null`) and, for a page without an article, the verdict on each of
    /// its lines, so that the record shows why. Boxed: a failure is
    /// passed around in a `Result` beside a whole article.
    pub(super) blank: Box<Article>,
}

/// The [`Failure::blank`] article holding `lines`.
fn blank_article(lines: Vec<LineVerdict>) -> Box<Article> {
    let mut blank = Article::default();
    blank.lines = lines;
    blank.confidence = f32::NAN;
    Box::new(blank)
}

impl Failure {
    /// A failure to read or parse the input.
    pub(super) fn error(message: String) -> Self {
        Failure {
            message,
            no_article: false,
            blank: blank_article(Vec::new()),
        }
    }

    /// The library's error, named by `name`; for a page without an
    /// article, `lines` gives its verdicts (computed only then).
    fn extraction(
        name: &str,
        error: &Error,
        lines: impl FnOnce() -> Option<Result<Vec<LineVerdict>, Error>>,
    ) -> Self {
        let no_article = matches!(error, Error::NoArticle);
        let lines = if no_article {
            lines().and_then(Result::ok).unwrap_or_default()
        } else {
            Vec::new()
        };
        Failure {
            message: format!("{name}: {error}"),
            no_article,
            blank: blank_article(lines),
        }
    }
}

impl Outcome {
    fn new(path: String, url: Option<String>, result: Result<Article, Failure>) -> Self {
        Outcome {
            path,
            url,
            warc_record_id: None,
            warc_date: None,
            result,
            stem: String::new(),
            report: None,
        }
    }

    /// How text and Markdown output head the record: the path, and the
    /// URL when there is one.
    pub(super) fn name(&self) -> String {
        match &self.url {
            Some(url) => format!("{} {url}", self.path),
            None => self.path.clone(),
        }
    }
}

/// What came of one input; `None` for an archived response that is not
/// an HTML page.
pub(super) fn extract(job: &Job, input: &Input) -> Option<Outcome> {
    let mut outcome = extract_input(job, input)?;
    outcome.stem = output_stem(input);
    Some(outcome)
}

fn extract_input(job: &Job, input: &Input) -> Option<Outcome> {
    let extractor = &job.extractor;
    let path = match input {
        Input::Page(path) => path,
        Input::Unlisted { path, error } => {
            return Some(Outcome::new(
                display_path(path),
                None,
                Err(Failure::error(error.clone())),
            ))
        }
        Input::Streamed { number, line } => {
            return Some(extract_streamed(extractor, *number, line))
        }
        Input::Archived {
            archive, record, ..
        } => return extract_archived(extractor, archive, record),
        Input::ArchiveDamage { archive, error, .. } => {
            return Some(Outcome::new(
                archive.to_string(),
                None,
                Err(Failure::error(error.clone())),
            ))
        }
    };
    let name = display_path(path);
    let limit = extractor.config().max_input_bytes;
    let mut report = None;
    let result = read_page(path, limit)
        .map_err(Failure::error)
        .and_then(|bytes| {
            let is_html = job.kind == InputKind::Html
                || (job.kind == InputKind::Auto
                    && (has_html_name(path) || newsclip::looks_like_html(&bytes)));
            if job.report {
                report = Some(newsclip::report::html_report(
                    extractor, &name, &bytes, is_html,
                ));
            }
            let article = if is_html {
                let mut page = HtmlPage::new(&bytes);
                if let Some(url) = &job.url {
                    page = page.with_url(url);
                }
                extractor.extract_html_page(page)
            } else {
                extractor.extract_text_bytes(&bytes)
            };
            article.map_err(|error| {
                Failure::extraction(&name, &error, || {
                    Some(if is_html {
                        extractor.line_verdicts_html(&bytes, None)
                    } else {
                        extractor.line_verdicts_text(&bytes)
                    })
                })
            })
        });
    let mut outcome = Outcome::new(name, job.url.clone(), result);
    outcome.report = report;
    Some(outcome)
}

/// One archived page, named by its archive and URL.
fn extract_archived(extractor: &Extractor, archive: &str, record: &WarcRecord) -> Option<Outcome> {
    let page = extractor.extract_warc_record(record)?;
    let name = page.url.as_deref().unwrap_or("a record without a URL");
    let name = format!("{archive}: {name}");
    let result = page.article.map_err(|error| match error {
        // The block was whole, so what went over the limit is the body
        // inflated (gzip or deflate as sent): say so, not "the input".
        Error::InputTooLarge { limit, .. } if record.is_complete() => Failure::error(format!(
            "{name}: the body inflates to more than {limit} bytes, over the limit \
             (--max-input-bytes); the record's block is {} bytes",
            record.block_length()
        )),
        Error::InputTooLarge { size, limit } => Failure::error(format!(
            "{name}: the record's block is {size} bytes, over the limit of {limit} bytes \
             (--max-input-bytes)"
        )),
        error => Failure::extraction(&name, &error, || {
            extractor.warc_record_line_verdicts(record)
        }),
    });
    Some(Outcome {
        path: archive.to_string(),
        url: page.url,
        warc_record_id: page.record_id,
        warc_date: page.date,
        result,
        stem: String::new(),
        report: None,
    })
}

/// One `--stream` line: a JSON object with the page under `html` (or
/// `text`) and its `url`. The record's `path` is `-:<line number>`. A line
/// that cannot be read as a page still names its `url` when its first
/// bytes hold one.
fn extract_streamed(
    extractor: &Extractor,
    number: usize,
    line: &Result<Vec<u8>, LineFault>,
) -> Outcome {
    let path = format!("-:{number}");
    let limit = extractor.config().max_input_bytes;
    let line = match line {
        Ok(line) => line,
        Err(LineFault::TooLong { size, prefix }) => {
            let error = format!(
                "{path}: the line is {size} bytes, over the limit of {limit} bytes \
                 (--max-input-bytes); not read"
            );
            return Outcome::new(path, recover_url(prefix), Err(Failure::error(error)));
        }
        Err(LineFault::Unreadable(error)) => {
            let error = format!("{path}: cannot read the line: {error}");
            return Outcome::new(path, None, Err(Failure::error(error)));
        }
    };
    let text = match std::str::from_utf8(line) {
        Ok(text) => text,
        Err(error) => {
            let error = format!(
                "{path}: the line is not UTF-8 (an invalid byte at byte {}); JSON must be UTF-8",
                error.valid_up_to()
            );
            return Outcome::new(path, recover_url(line), Err(Failure::error(error)));
        }
    };
    let page = match serde_json::from_str::<StreamedPage>(text) {
        Ok(page) => page,
        Err(error) => {
            let error = match json_kind(text) {
                Some("an object") | None => format!(
                    "{path}: not a page record ({{\"url\": …, \"html\" or \"text\": …}}): {error}"
                ),
                Some(kind) => format!(
                    "{path}: the line must be a JSON object with \"url\" and \"html\" or \
                     \"text\", not {kind}"
                ),
            };
            return Outcome::new(path, recover_url(line), Err(Failure::error(error)));
        }
    };
    let name = match &page.url {
        Some(url) => format!("{path}: {url}"),
        None => path.clone(),
    };
    let article = match (&page.html, &page.text) {
        (Some(html), _) => {
            // The record's `url` makes the page's links absolute.
            let mut html_page = HtmlPage::decoded(html);
            if let Some(url) = &page.url {
                html_page = html_page.with_url(url);
            }
            extractor.extract_html_page(html_page)
        }
        .map_err(|error| {
            Failure::extraction(&path, &error, || {
                Some(extractor.line_verdicts_html(html.as_bytes(), Some("utf-8")))
            })
        }),
        (None, Some(text)) => extractor.extract_text(text).map_err(|error| {
            Failure::extraction(&path, &error, || {
                Some(extractor.line_verdicts_text(text.as_bytes()))
            })
        }),
        (None, None) => Err(Failure::error(format!(
            "{name}: the record has neither \"html\" nor \"text\""
        ))),
    };
    Outcome::new(path, page.url, article)
}

/// What JSON value a line holds, told by its first byte; `None` when it
/// is not JSON at all.
fn json_kind(line: &str) -> Option<&'static str> {
    Some(match line.trim_start().bytes().next()? {
        b'{' => "an object",
        b'[' => "an array",
        b'"' => "a string",
        b'-' | b'0'..=b'9' => "a number",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => return None,
    })
}

/// The `url` of a page record that could not be read whole: the string
/// after the first `"url":` key in its first bytes, if there is one.
fn recover_url(line: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&line[..line.len().min(STREAM_URL_PREFIX_BYTES)]);
    let mut from = 0;
    while let Some(found) = head[from..].find("\"url\"") {
        let at = from + found;
        from = at + 1;
        // Inside a JSON string the key's quotes would be escaped.
        if head[..at].ends_with('\\') {
            continue;
        }
        let Some(value) = head[at + 5..].trim_start().strip_prefix(':') else {
            continue;
        };
        let mut values = serde_json::Deserializer::from_str(value).into_iter::<String>();
        if let Some(Ok(url)) = values.next() {
            return Some(url);
        }
    }
    None
}

/// A `--stream` input line.
#[derive(serde::Deserialize)]
struct StreamedPage {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

/// Whether the file is named as an HTML page (`.html`, `.htm`, `.xhtml`,
/// gzipped or not): a name says so even where the content starts with a
/// script or a server's warnings. Other pages are told by their content
/// ([`newsclip::looks_like_html`]).
fn has_html_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".xhtml"]
        .iter()
        .any(|extension| name.ends_with(extension))
}
