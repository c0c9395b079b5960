//! `extract`: cut the article out of saved pages.
//!
//! ```text
//! cargo run --release --example extract -- fixtures/seeds/002_0fb64fe6ce5f5458.txt
//! cargo run --release --example extract -- --format json fixtures/seeds/
//! ```
//!
//! Takes files, directories (every page file below — `.txt`, `.text`,
//! `.html`, `.htm`, `.xhtml`, and any of them gzipped — in path order) or
//! `-` for standard input. Gzipped input is recognised by its magic bytes.
//! WARC archives (`.warc`, `.warc.gz`, named so on the command line or
//! found in a directory) give one record per archived HTML page, with its
//! `url`, `warc_record_id` and `warc_date`; requests, images and other
//! records are passed over.
//! HTML is told from text by content (the first tag-like bytes); `--input
//! html` or `--input text` forces one. `--format text` (the default) prints the title, a blank
//! line and the body; `--format json` prints one JSON object per input
//! (JSON Lines) in input order; `--format markdown` the title as a heading,
//! the paragraphs, then captions and related links in their own sections.
//! `--stream` reads JSON Lines pages on standard input and writes one
//! record per line, in order, each with the page's `url`.
//! An input that fails still gets its record,
//! with `error` set, and the exit status is 1 when any input failed.

mod support;

use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use newsclip::warc::{WarcReader, WarcRecord};
use newsclip::{Article, Config, Extractor, Label};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Inputs extracted in parallel at a time: enough to keep every core busy
/// past the odd slow page, few enough that memory stays bounded on a
/// directory of millions of pages. Output is written in input order after
/// each chunk.
const CHUNK_INPUTS: usize = 256;

/// Bytes of WARC records held for one chunk at most: archived pages are
/// read ahead of extraction, so a chunk is also cut by size, keeping
/// memory bounded whatever the archive holds.
const CHUNK_ARCHIVED_BYTES: usize = 8 << 20;

#[derive(Parser)]
#[command(about = "Cut the article out of saved news pages")]
struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How to read the inputs: by content (`auto`), as HTML or as text.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    input: InputKind,
    /// Threads extracting pages at once; 0 uses every core.
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// Inputs larger than this many bytes fail without being read whole.
    #[arg(long, default_value_t = newsclip::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: usize,
    /// Read JSON Lines on standard input, one page per line
    /// (`{"url": …, "html": …}` or `{"url": …, "text": …}`), and write one
    /// JSON record per input line, in order, with its `url`: the shape of
    /// Spark's `RDD.pipe` and Hadoop Streaming. Implies `--format json`.
    #[arg(long, conflicts_with = "paths")]
    stream: bool,
    /// Files, directories, or `-` for standard input.
    #[arg(required_unless_present = "stream")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputKind {
    /// HTML when the content starts like markup, else text.
    Auto,
    /// Always HTML.
    Html,
    /// Always text, one block per line.
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The title, a blank line, then the body paragraphs.
    Text,
    /// One JSON object per input, one per line.
    Json,
    /// The title as a heading, the paragraphs, then captions and related
    /// links in sections of their own.
    Markdown,
}

/// One input to extract: a page file, a place that could not be listed
/// (which still gets its record), or a line of `--stream` input.
enum Input {
    Page(PathBuf),
    Unlisted {
        path: PathBuf,
        error: String,
    },
    Streamed {
        number: usize,
        line: io::Result<String>,
    },
    /// A `response` record of a WARC archive.
    Archived {
        archive: Arc<str>,
        record: WarcRecord,
    },
    /// A part of a WARC archive that could not be read.
    ArchiveDamage {
        archive: Arc<str>,
        error: String,
    },
}

impl Input {
    /// The bytes this input holds in memory while it waits in a chunk.
    fn held_bytes(&self) -> usize {
        match self {
            Input::Archived { record, .. } => record.block().len(),
            Input::Streamed { line: Ok(line), .. } => line.len(),
            _ => 0,
        }
    }
}

/// One input and what came of it.
struct Outcome {
    path: String,
    /// The page's URL, for `--stream` and WARC input.
    url: Option<String>,
    /// `WARC-Record-ID` and `WARC-Date`, for WARC input.
    warc_record_id: Option<String>,
    warc_date: Option<String>,
    result: Result<Article, String>,
}

impl Outcome {
    fn new(path: String, url: Option<String>, result: Result<Article, String>) -> Self {
        Outcome {
            path,
            url,
            warc_record_id: None,
            warc_date: None,
            result,
        }
    }

    /// How text and Markdown output head the record: the path, and the
    /// URL when there is one.
    fn name(&self) -> String {
        match &self.url {
            Some(url) => format!("{} {url}", self.path),
            None => self.path.clone(),
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
    {
        Ok(pool) => pool,
        Err(error) => {
            eprintln!("extract: cannot start {} threads: {error}", args.jobs);
            return ExitCode::FAILURE;
        }
    };
    let extractor = Extractor::new(Config::default().with_max_input_bytes(args.max_input_bytes));
    if args.stream {
        let lines = || {
            io::stdin()
                .lines()
                .enumerate()
                .map(|(index, line)| Input::Streamed {
                    number: index + 1,
                    line,
                })
        };
        return run(
            &pool,
            &extractor,
            &args,
            Format::Json,
            false,
            ProgressBar::hidden(),
            lines,
        );
    }
    let inputs = expand_inputs(&args.paths);
    let has_archives = inputs
        .iter()
        .any(|input| matches!(input, Input::Page(path) if is_warc_file(path)));
    let several = inputs.len() > 1 || has_archives || args.paths.iter().any(|path| path.is_dir());
    // An archive's page count is known only once it is read.
    let progress = progress_bar((!has_archives).then_some(inputs.len()));
    let limit = args.max_input_bytes;
    let inputs = move || {
        inputs
            .into_iter()
            .flat_map(move |input| archive_records(input, limit))
    };
    run(
        &pool,
        &extractor,
        &args,
        args.format,
        several,
        progress,
        inputs,
    )
}

/// Inputs in chunks of at most [`CHUNK_INPUTS`] inputs and
/// [`CHUNK_ARCHIVED_BYTES`] bytes held.
fn chunks_of(inputs: impl Iterator<Item = Input>) -> impl Iterator<Item = Vec<Input>> {
    let mut inputs = inputs.peekable();
    std::iter::from_fn(move || {
        let mut chunk = Vec::new();
        let mut held = 0;
        while chunk.len() < CHUNK_INPUTS && (chunk.is_empty() || held < CHUNK_ARCHIVED_BYTES) {
            let Some(input) = inputs.next() else { break };
            held += input.held_bytes();
            chunk.push(input);
        }
        (!chunk.is_empty()).then_some(chunk)
    })
}

/// A WARC file becomes its `response` records, read one at a time as
/// chunks are filled; any other input stays as it is.
fn archive_records(input: Input, limit: usize) -> Box<dyn Iterator<Item = Input> + Send> {
    let path = match input {
        Input::Page(path) if is_warc_file(&path) => path,
        other => return Box::new(std::iter::once(other)),
    };
    let archive: Arc<str> = Arc::from(path.display().to_string());
    let reader = match WarcReader::open(&path) {
        Ok(reader) => reader.with_max_block_bytes(limit),
        Err(error) => {
            let error = format!("cannot read {archive}: {error}");
            return Box::new(std::iter::once(Input::ArchiveDamage { archive, error }));
        }
    };
    Box::new(reader.filter_map(move |record| {
        match record {
            Ok(record) => record
                .record_type()
                .is_some_and(|kind| kind.eq_ignore_ascii_case("response"))
                .then(|| Input::Archived {
                    archive: Arc::clone(&archive),
                    record,
                }),
            Err(error) => Some(Input::ArchiveDamage {
                archive: Arc::clone(&archive),
                error: format!("{archive}: {error}"),
            }),
        }
    }))
}

/// WARC archives are told by name: `.warc` or `.warc.gz`.
fn is_warc_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Extracts the inputs chunk by chunk, each chunk in parallel, and writes
/// the records in input order.
///
/// A thread of its own reads the inputs (`--stream` lines, WARC records)
/// and fills the next chunk while the pool extracts the current one, so
/// reading and gunzipping an archive costs no extraction time. At most two
/// chunks wait ahead. The reader is not joined: when output fails the run
/// ends without waiting for it to drain its input.
fn run<I>(
    pool: &rayon::ThreadPool,
    extractor: &Extractor,
    args: &Args,
    format: Format,
    several: bool,
    progress: ProgressBar,
    inputs: impl FnOnce() -> I + Send + 'static,
) -> ExitCode
where
    I: Iterator<Item = Input>,
{
    let (sender, chunks) = std::sync::mpsc::sync_channel::<Vec<Input>>(1);
    std::thread::spawn(move || {
        for chunk in chunks_of(inputs()) {
            if sender.send(chunk).is_err() {
                break;
            }
        }
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for chunk in chunks {
        let outcomes: Vec<Option<Outcome>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    let outcome = extract(extractor, input, args.input);
                    progress.inc(u64::from(outcome.is_some()));
                    outcome
                })
                .collect()
        });
        for outcome in outcomes.iter().flatten() {
            failed |= outcome.result.is_err();
            let written = match format {
                Format::Json => write_json(&mut out, outcome),
                Format::Text => write_text(&mut out, outcome, several),
                Format::Markdown => write_markdown(&mut out, outcome, several),
            };
            if let Err(error) = written {
                progress.finish_and_clear();
                return exit_on_write_error(&error);
            }
        }
        if let Err(error) = out.flush() {
            progress.finish_and_clear();
            return exit_on_write_error(&error);
        }
    }
    progress.finish_and_clear();
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A bar on standard error when it is a terminal; none when it is a file
/// or a pipe, so logs stay clean. With no total (archives), a count.
fn progress_bar(total: Option<usize>) -> ProgressBar {
    if total.is_some_and(|total| total < 2) || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total as u64),
            "{bar:40} {pos}/{len} pages, {per_sec}, {eta} left",
        ),
        None => (ProgressBar::no_length(), "{spinner} {pos} pages, {per_sec}"),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Directories become their page files, sorted by path, so output order is
/// stable. Symbolic links to directories are not followed (no loops).
fn expand_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect_files(path, &mut found);
            found.sort_by(|a, b| input_path(a).cmp(input_path(b)));
            inputs.extend(found);
        } else {
            inputs.push(Input::Page(path.clone()));
        }
    }
    inputs
}

fn input_path(input: &Input) -> &Path {
    match input {
        Input::Page(path) | Input::Unlisted { path, .. } => path,
        Input::Archived { archive, .. } | Input::ArchiveDamage { archive, .. } => {
            Path::new(&**archive)
        }
        Input::Streamed { .. } => Path::new("-"),
    }
}

fn collect_files(dir: &Path, found: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            let error = format!("cannot list directory {}: {error}", dir.display());
            found.push(Input::Unlisted {
                path: dir.to_path_buf(),
                error,
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let error = format!("cannot list an entry of {}: {error}", dir.display());
                found.push(Input::Unlisted {
                    path: dir.to_path_buf(),
                    error,
                });
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            collect_files(&path, found);
        } else if is_page_file(&path) {
            found.push(Input::Page(path));
        }
    }
}

/// Files a directory contributes: saved pages, not notes or label files.
fn is_page_file(path: &Path) -> bool {
    const PAGE_EXTENSIONS: [&str; 6] = ["txt", "text", "html", "htm", "xhtml", "gz"];
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            PAGE_EXTENSIONS
                .iter()
                .any(|page| page.eq_ignore_ascii_case(ext))
        })
}

/// What came of one input; `None` for an archived response that is not
/// an HTML page.
fn extract(extractor: &Extractor, input: &Input, kind: InputKind) -> Option<Outcome> {
    let path = match input {
        Input::Page(path) => path,
        Input::Unlisted { path, error } => {
            return Some(Outcome::new(
                path.display().to_string(),
                None,
                Err(error.clone()),
            ))
        }
        Input::Streamed { number, line } => {
            return Some(extract_streamed(extractor, *number, line))
        }
        Input::Archived { archive, record } => return extract_archived(extractor, archive, record),
        Input::ArchiveDamage { archive, error } => {
            return Some(Outcome::new(archive.to_string(), None, Err(error.clone())))
        }
    };
    let limit = extractor.config().max_input_bytes;
    let result = support::read_page(path, limit).and_then(|bytes| {
        let article =
            if kind == InputKind::Html || (kind == InputKind::Auto && looks_like_html(&bytes)) {
                extractor.extract_html(&bytes)
            } else {
                extractor.extract_text_bytes(&bytes)
            };
        article.map_err(|error| format!("{}: {error}", path.display()))
    });
    Some(Outcome::new(path.display().to_string(), None, result))
}

/// One archived page, named by its archive and URL.
fn extract_archived(extractor: &Extractor, archive: &str, record: &WarcRecord) -> Option<Outcome> {
    let page = extractor.extract_warc_record(record)?;
    let name = page.url.as_deref().unwrap_or("a record without a URL");
    let result = page
        .article
        .map_err(|error| format!("{archive}: {name}: {error}"));
    Some(Outcome {
        path: archive.to_string(),
        url: page.url,
        warc_record_id: page.record_id,
        warc_date: page.date,
        result,
    })
}

/// One `--stream` line: a JSON object with the page under `html` (or
/// `text`) and its `url`. The record's `path` is `-:<line number>`.
fn extract_streamed(extractor: &Extractor, number: usize, line: &io::Result<String>) -> Outcome {
    let path = format!("-:{number}");
    let parsed = match line {
        Ok(line) => serde_json::from_str::<StreamedPage>(line)
            .map_err(|error| format!("{path}: not a JSON page record: {error}")),
        Err(error) => Err(format!("{path}: cannot read the line: {error}")),
    };
    let (url, result) = match parsed {
        Ok(page) => {
            let article = match (&page.html, &page.text) {
                (Some(html), _) => extractor.extract_html_str(html),
                (None, Some(text)) => extractor.extract_text(text),
                (None, None) => {
                    let error = format!("{path}: the record has neither \"html\" nor \"text\"");
                    return Outcome::new(path, page.url, Err(error));
                }
            };
            (
                page.url,
                article.map_err(|error| format!("{path}: {error}")),
            )
        }
        Err(error) => (None, Err(error)),
    };
    Outcome::new(path, url, result)
}

/// A `--stream` input line.
#[derive(serde::Deserialize)]
struct StreamedPage {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

/// Whether the input starts like markup: after a byte-order mark and
/// white space, a `<` opening a doctype, comment or known page element
/// within the first kilobyte.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head
        .trim_start_matches(['\u{feff}', '\u{fffd}', '\0'])
        .trim_start();
    if !head.starts_with('<') {
        return false;
    }
    [
        "<!doctype",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<!--",
        "<div",
        "<p",
        "<title",
        "<?xml",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// One JSON Lines record, fields in the order DESIGN.md documents.
/// Serialized straight to the output: no tree of values is built, so a
/// page of a million lines costs its record's bytes, not gigabytes.
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    /// Only for `--stream` and WARC input.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    /// Only for WARC input.
    #[serde(skip_serializing_if = "Option::is_none")]
    warc_record_id: Option<&'a str>,
    /// Only for WARC input.
    #[serde(skip_serializing_if = "Option::is_none")]
    warc_date: Option<&'a str>,
    title: Option<&'a str>,
    text: String,
    captions: &'a [String],
    related: Vec<RelatedRecord<'a>>,
    byline: Option<&'a str>,
    date: Option<&'a str>,
    lines: Vec<LineRecord>,
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct RelatedRecord<'a> {
    text: &'a str,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct LineRecord {
    line: u32,
    label: &'static str,
    first_label: &'static str,
    scores: Scores,
}

/// The four class probabilities, keyed by label name.
#[derive(Serialize)]
struct Scores {
    body: f64,
    caption: f64,
    navigation: f64,
    related: f64,
}

fn write_json(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
    const NO_STRINGS: &[String] = &[];
    let record = match &outcome.result {
        Ok(article) => Record {
            path: &outcome.path,
            url: outcome.url.as_deref(),
            warc_record_id: outcome.warc_record_id.as_deref(),
            warc_date: outcome.warc_date.as_deref(),
            title: article.title.as_deref(),
            text: article.text(),
            captions: &article.captions,
            related: article
                .related
                .iter()
                .map(|link| RelatedRecord {
                    text: &link.text,
                    url: link.url.as_deref(),
                })
                .collect(),
            byline: article.byline.as_deref(),
            date: article.date.as_deref(),
            lines: article
                .lines
                .iter()
                .map(|line| LineRecord {
                    line: line.line,
                    label: line.label.as_str(),
                    first_label: line.first_label.as_str(),
                    scores: Scores {
                        body: round(line.score(Label::Body)),
                        caption: round(line.score(Label::Caption)),
                        navigation: round(line.score(Label::Navigation)),
                        related: round(line.score(Label::Related)),
                    },
                })
                .collect(),
            error: None,
        },
        Err(error) => Record {
            path: &outcome.path,
            url: outcome.url.as_deref(),
            warc_record_id: outcome.warc_record_id.as_deref(),
            warc_date: outcome.warc_date.as_deref(),
            title: None,
            text: String::new(),
            captions: NO_STRINGS,
            related: Vec::new(),
            byline: None,
            date: None,
            lines: Vec::new(),
            error: Some(error),
        },
    };
    serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
    writeln!(out)
}

/// Four decimals are enough to read a score and keep the output short.
fn round(score: f32) -> f64 {
    (f64::from(score) * 10_000.0).round() / 10_000.0
}

fn write_text(out: &mut impl Write, outcome: &Outcome, several: bool) -> io::Result<()> {
    if several {
        writeln!(out, "==> {} <==", outcome.name())?;
    }
    match &outcome.result {
        Ok(article) => {
            writeln!(out, "{}", article.title.as_deref().unwrap_or(""))?;
            writeln!(out)?;
            writeln!(out, "{}", article.text())?;
        }
        Err(error) => eprintln!("extract: {error}"),
    }
    if several {
        writeln!(out)?;
    }
    Ok(())
}

/// The article as Markdown. With several inputs, each starts with an HTML
/// comment naming it, so the output stays one valid document.
fn write_markdown(out: &mut impl Write, outcome: &Outcome, several: bool) -> io::Result<()> {
    if several {
        writeln!(out, "<!-- {} -->", outcome.name().replace("--", "- -"))?;
        writeln!(out)?;
    }
    let article = match &outcome.result {
        Ok(article) => article,
        Err(error) => {
            eprintln!("extract: {error}");
            return Ok(());
        }
    };
    if let Some(title) = &article.title {
        writeln!(out, "# {}", markdown_inline(title))?;
        writeln!(out)?;
    }
    for paragraph in &article.paragraphs {
        writeln!(out, "{}", markdown_block(paragraph))?;
        writeln!(out)?;
    }
    if !article.captions.is_empty() {
        writeln!(out, "## Captions")?;
        writeln!(out)?;
        for caption in &article.captions {
            writeln!(out, "- {}", markdown_inline(caption))?;
        }
        writeln!(out)?;
    }
    if !article.related.is_empty() {
        writeln!(out, "## Related")?;
        writeln!(out)?;
        for link in &article.related {
            match &link.url {
                Some(url) => writeln!(
                    out,
                    "- [{}](<{}>)",
                    markdown_inline(&link.text),
                    url.replace('>', "%3E")
                )?,
                None => writeln!(out, "- {}", markdown_inline(&link.text))?,
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A paragraph that Markdown will not read as a heading, quote, list item
/// or rule: a marker at its start is escaped.
fn markdown_block(text: &str) -> String {
    let escaped = markdown_inline(text);
    let starts_block = escaped.starts_with(['#', '>', '-', '+', '=', '|'])
        || escaped.split_once(['.', ')']).is_some_and(|(number, _)| {
            !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
        });
    if starts_block {
        format!("\\{escaped}")
    } else {
        escaped
    }
}

/// Text with Markdown's inline markers escaped.
fn markdown_inline(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}

/// A closed pipe (`extract … | head -1`) ends the run quietly.
fn exit_on_write_error(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("extract: cannot write output: {error}");
    ExitCode::FAILURE
}
