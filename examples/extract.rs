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
//! record per line, in order, each with the page's `url`, as soon as it and
//! every record before it are done. A line over `--max-input-bytes` is
//! refused with an error record without being held whole.
//!
//! An input that fails still gets its record, with `error` set; a page
//! without an article keeps its per-line verdicts in `lines`. Files that
//! are not regular files (FIFOs, sockets, devices) are never opened: on
//! the command line they get an error record, in a directory they are
//! passed over with a note on standard error. A directory with no page
//! file, or an archive with no record, gets an error record too. Every
//! batch ends with a one-line summary on standard error, and the exit
//! status tells errors from pages without an article ([`EXIT_STATUS`]).
//!
//! Paths are written as they are when they are UTF-8; a path that is not
//! has each byte outside valid UTF-8 written as `\xNN` and each backslash
//! as `\\`, so the file's exact name can be recovered.

mod support;

use clap::{CommandFactory, Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use newsclip::warc::{WarcReader, WarcRecord};
use newsclip::{Article, Config, Error, Extractor, Label, LineVerdict};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use support::display_path;

/// Inputs being extracted at a time at most: enough to keep every core
/// busy past the odd slow page, few enough that memory stays bounded on a
/// directory of millions of pages.
const WINDOW_INPUTS: usize = 256;

/// Bytes of pages (WARC records, `--stream` lines) held by the inputs
/// being extracted at most (one input is always let in), so memory stays
/// bounded whatever an archive or a stream holds.
const WINDOW_BYTES: usize = 8 << 20;

/// What the exit status says, for `--help` and the docs.
const EXIT_STATUS: &str = "\
Exit status:
  0  every input gave an article
  1  some input failed: missing, unreadable, not a regular file, empty,
     binary, over the size limit, a damaged archive, a bad --stream line,
     or nothing to read (a directory with no page file, an empty archive)
  2  the command line is wrong (an unknown flag, or flags that contradict
     each other, such as --stream with --format text)
  3  no input failed, but some pages have no article (home pages,
     galleries, empty shells)

Every batch ends with one line on standard error:
  extract: N pages: A articles, B no article, C errors";

/// How much of an over-long `--stream` line is kept to name its `url`.
const STREAM_URL_PREFIX_BYTES: usize = 64 * 1024;

#[derive(Parser)]
#[command(about = "Cut the article out of saved news pages", after_help = EXIT_STATUS)]
struct Args {
    /// Output format [default: text; json with --stream].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// How to read the inputs: by content (`auto`), as HTML or as text
    /// [default: auto]. Not with --stream, whose lines say which they are.
    #[arg(long, value_enum)]
    input: Option<InputKind>,
    /// Threads extracting pages at once; 0 uses every core.
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// Inputs larger than this many bytes fail without being read whole
    /// (and `--stream` lines longer than this).
    #[arg(long, default_value_t = newsclip::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: usize,
    /// Precision↔recall dial, −1 to 1: negative keeps only what surely
    /// reads as the article, positive keeps more of what may be
    /// (`Config::recall_bias`; 0 is the fitted balance).
    #[arg(long, default_value_t = newsclip::DEFAULT_RECALL_BIAS, allow_negative_numbers = true,
          value_parser = parse_recall_bias)]
    recall_bias: f32,
    /// Read JSON Lines on standard input, one page per line
    /// (`{"url": …, "html": …}` or `{"url": …, "text": …}`), and write one
    /// JSON record per input line, in order, with its `url`: the shape of
    /// Spark's `RDD.pipe` and Hadoop Streaming. Writes JSON only.
    #[arg(long, conflicts_with = "paths")]
    stream: bool,
    /// The HTML front end (`dom` or `tokens`; `Config::html_front_end`),
    /// for comparing them.
    #[arg(long, hide = true, value_parser = parse_front_end)]
    html_front_end: Option<newsclip::HtmlFrontEnd>,
    /// Files, directories, or `-` for standard input.
    #[arg(required_unless_present = "stream")]
    paths: Vec<PathBuf>,
}

/// An `--html-front-end` value.
fn parse_front_end(value: &str) -> Result<newsclip::HtmlFrontEnd, String> {
    match value {
        "dom" => Ok(newsclip::HtmlFrontEnd::Dom),
        "tokens" => Ok(newsclip::HtmlFrontEnd::Tokens),
        _ => Err(format!("{value:?} is no front end: dom or tokens")),
    }
}

/// A `--recall-bias` value: a number from −1 to 1.
fn parse_recall_bias(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(bias) if (-1.0..=1.0).contains(&bias) => Ok(bias),
        _ => Err(format!("{text:?} is not a number from -1 to 1")),
    }
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
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
        line: Result<Vec<u8>, LineFault>,
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

/// Why a `--stream` line was not read whole.
enum LineFault {
    /// Over the limit: its size and first bytes (for its `url`).
    TooLong { size: u64, prefix: Vec<u8> },
    /// Standard input failed.
    Unreadable(String),
}

impl Input {
    /// The bytes this input holds in memory while it waits.
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
    result: Result<Article, Failure>,
}

/// Why an input gave no article.
struct Failure {
    message: String,
    /// The page was read but has no article ([`Error::NoArticle`]).
    no_article: bool,
    /// For a page without an article, the verdict on each of its lines.
    lines: Vec<LineVerdict>,
}

impl Failure {
    /// A failure to read or parse the input.
    fn error(message: String) -> Self {
        Failure {
            message,
            no_article: false,
            lines: Vec::new(),
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
            lines,
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

/// Everything a run needs, shared with the threads extracting pages.
struct Job {
    extractor: Extractor,
    kind: InputKind,
    progress: ProgressBar,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(message) = check_flags(&args) {
        Args::command()
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit();
    }
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
    let extractor = Extractor::new(
        Config::default()
            .with_max_input_bytes(args.max_input_bytes)
            .with_recall_bias(args.recall_bias)
            .with_html_front_end(args.html_front_end.unwrap_or_default()),
    );
    let kind = args.input.unwrap_or(InputKind::Auto);
    let limit = args.max_input_bytes;
    if args.stream {
        let job = Job {
            extractor,
            kind,
            progress: ProgressBar::hidden(),
        };
        let lines = move || StreamLines::new(io::stdin().lock(), limit);
        return run(pool, job, Format::Json, false, lines);
    }
    let format = args.format.unwrap_or(Format::Text);
    let inputs = expand_inputs(&args.paths);
    let has_archives = inputs
        .iter()
        .any(|input| matches!(input, Input::Page(path) if is_warc_file(path)));
    let several = inputs.len() > 1 || has_archives || args.paths.iter().any(|path| path.is_dir());
    // An archive's page count is known only once it is read.
    let progress = progress_bar((!has_archives).then_some(inputs.len()));
    let inputs = move || {
        inputs
            .into_iter()
            .flat_map(move |input| archive_records(input, limit))
    };
    let job = Job {
        extractor,
        kind,
        progress,
    };
    run(pool, job, format, several, inputs)
}

/// Flags that contradict each other, refused rather than half obeyed.
fn check_flags(args: &Args) -> Result<(), String> {
    if !args.stream {
        return Ok(());
    }
    if let Some(format) = args.format.filter(|&format| format != Format::Json) {
        let name = format
            .to_possible_value()
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default();
        return Err(format!(
            "--stream writes JSON Lines only; --format {name} contradicts it"
        ));
    }
    if let Some(kind) = args.input {
        let name = kind
            .to_possible_value()
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default();
        return Err(format!(
            "--stream lines say what they hold (\"html\" or \"text\"); --input {name} contradicts it"
        ));
    }
    Ok(())
}

/// `--stream` input: one [`Input::Streamed`] per line, each read with a
/// bounded buffer. A line over the limit is not held: its first bytes are
/// kept (to name its `url`) and the rest is skipped to the next line end.
struct StreamLines<R> {
    input: R,
    limit: usize,
    number: usize,
    done: bool,
}

impl<R: BufRead> StreamLines<R> {
    fn new(input: R, limit: usize) -> Self {
        StreamLines {
            input,
            limit,
            number: 0,
            done: false,
        }
    }

    /// The next line without its line end, `None` at the end of input.
    fn read_line(&mut self) -> Option<Result<Vec<u8>, LineFault>> {
        let mut line = Vec::new();
        let mut size: u64 = 0;
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let buffer = match self.input.fill_buf() {
                Ok(buffer) => buffer,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    self.done = true;
                    return Some(Err(LineFault::Unreadable(error.to_string())));
                }
            };
            if buffer.is_empty() {
                self.done = true;
                if !read_any {
                    return None;
                }
                break;
            }
            read_any = true;
            let newline = memchr::memchr(b'\n', buffer);
            let content = &buffer[..newline.unwrap_or(buffer.len())];
            size += content.len() as u64;
            if !too_long && size > self.limit as u64 {
                too_long = true;
                line.truncate(STREAM_URL_PREFIX_BYTES);
            }
            let room = if too_long {
                STREAM_URL_PREFIX_BYTES.saturating_sub(line.len())
            } else {
                content.len()
            };
            line.extend_from_slice(&content[..room.min(content.len())]);
            let consumed = newline.map_or(buffer.len(), |at| at + 1);
            self.input.consume(consumed);
            if newline.is_some() {
                break;
            }
        }
        if line.last() == Some(&b'\r') && !too_long {
            line.pop();
        }
        Some(if too_long {
            Err(LineFault::TooLong { size, prefix: line })
        } else {
            Ok(line)
        })
    }
}

impl<R: BufRead> Iterator for StreamLines<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
            return None;
        }
        let line = self.read_line()?;
        self.number += 1;
        Some(Input::Streamed {
            number: self.number,
            line,
        })
    }
}

/// A WARC file becomes its `response` records, read one at a time as
/// they are extracted; any other input stays as it is. An archive with no
/// record at all ends with an error input, as an empty directory does.
fn archive_records(input: Input, limit: usize) -> Box<dyn Iterator<Item = Input> + Send> {
    let path = match input {
        Input::Page(path) if is_warc_file(&path) => path,
        other => return Box::new(std::iter::once(other)),
    };
    let archive: Arc<str> = Arc::from(display_path(&path));
    let reader = match WarcReader::open(&path) {
        Ok(reader) => reader.with_max_block_bytes(limit),
        Err(error) => {
            let error = format!("cannot read {archive}: {error}");
            return Box::new(std::iter::once(Input::ArchiveDamage { archive, error }));
        }
    };
    let seen = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&seen);
    let empty_archive = Arc::clone(&archive);
    let records = reader
        .inspect(move |_| {
            counted.fetch_add(1, Ordering::Relaxed);
        })
        .filter_map(move |record| match record {
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
        });
    // Asked only once the records are read: the chain is lazy.
    let when_empty = std::iter::from_fn(move || {
        let error = format!("{empty_archive}: the archive holds no WARC record (an empty file?)");
        Some(Input::ArchiveDamage {
            error,
            archive: Arc::clone(&empty_archive),
        })
    })
    .take(1)
    .filter(move |_| seen.load(Ordering::Relaxed) == 0);
    Box::new(records.chain(when_empty))
}

/// WARC archives are told by name: `.warc` or `.warc.gz`.
fn is_warc_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// How many records of each kind a run wrote, for the closing summary
/// and the exit status.
#[derive(Default)]
struct Tally {
    pages: usize,
    articles: usize,
    no_article: usize,
    errors: usize,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome) {
        self.pages += 1;
        match &outcome.result {
            Ok(_) => self.articles += 1,
            Err(failure) if failure.no_article => self.no_article += 1,
            Err(_) => self.errors += 1,
        }
    }

    /// The one-line summary on standard error, and the exit status
    /// [`EXIT_STATUS`] documents.
    fn finish(&self) -> ExitCode {
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        eprintln!(
            "extract: {}: {}, {} no article, {}",
            plural(self.pages, "page", "pages"),
            plural(self.articles, "article", "articles"),
            self.no_article,
            plural(self.errors, "error", "errors"),
        );
        if self.errors > 0 {
            ExitCode::from(1)
        } else if self.no_article > 0 {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Extracts the inputs in parallel and writes each record, in input
/// order, as soon as it and every record before it are done.
///
/// A thread of its own reads the inputs (`--stream` lines, WARC records)
/// and hands each to the pool while at most [`WINDOW_INPUTS`] inputs and
/// [`WINDOW_BYTES`] bytes of them are being extracted or waiting to be
/// written, so reading and gunzipping an archive costs no extraction time
/// and memory stays bounded. Output is flushed whenever the next record is
/// not done yet. The reader is not joined: when output fails the run ends
/// without waiting for it to drain its input.
fn run<I>(
    pool: rayon::ThreadPool,
    job: Job,
    format: Format,
    several: bool,
    inputs: impl FnOnce() -> I + Send + 'static,
) -> ExitCode
where
    I: Iterator<Item = Input>,
{
    let job = Arc::new(job);
    let (done, finished) = mpsc::channel::<(usize, usize, Option<Outcome>)>();
    let (freed, permits) = mpsc::channel::<usize>();
    let reader_job = Arc::clone(&job);
    std::thread::spawn(move || {
        let mut window = Window::default();
        for (index, input) in inputs().enumerate() {
            if !window.admit(input.held_bytes(), &permits) {
                break;
            }
            let job = Arc::clone(&reader_job);
            let done = done.clone();
            pool.spawn(move || {
                let held = input.held_bytes();
                let outcome = extract(&job, &input);
                job.progress.inc(u64::from(outcome.is_some()));
                let _ = done.send((index, held, outcome));
            });
        }
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    loop {
        let received = match finished.try_recv() {
            Ok(received) => received,
            Err(_) => {
                // Nothing done yet: what is written so far goes out now.
                if let Err(error) = out.flush() {
                    job.progress.finish_and_clear();
                    return exit_on_write_error(&error);
                }
                match finished.recv() {
                    Ok(received) => received,
                    Err(_) => break,
                }
            }
        };
        let (index, held, outcome) = received;
        waiting.insert(index, (held, outcome));
        while let Some((held, outcome)) = waiting.remove(&next) {
            next += 1;
            let _ = freed.send(held);
            let Some(outcome) = outcome else { continue };
            tally.count(&outcome);
            let written = match format {
                Format::Json => write_json(&mut out, &outcome),
                Format::Text => write_text(&mut out, &outcome, several),
                Format::Markdown => write_markdown(&mut out, &outcome, several),
            };
            if let Err(error) = written {
                job.progress.finish_and_clear();
                return exit_on_write_error(&error);
            }
        }
    }
    if let Err(error) = out.flush() {
        job.progress.finish_and_clear();
        return exit_on_write_error(&error);
    }
    job.progress.finish_and_clear();
    tally.finish()
}

/// The inputs in flight (extracted or waiting to be written), as the
/// reader thread sees them.
#[derive(Default)]
struct Window {
    inputs: usize,
    bytes: usize,
}

impl Window {
    /// Waits until an input holding `bytes` fits, counting the records
    /// written meanwhile (`permits` carries the bytes each freed); `false`
    /// when the writer is gone.
    fn admit(&mut self, bytes: usize, permits: &mpsc::Receiver<usize>) -> bool {
        while let Ok(freed) = permits.try_recv() {
            self.release(freed);
        }
        while self.inputs >= WINDOW_INPUTS
            || (self.inputs > 0 && self.bytes.saturating_add(bytes) > WINDOW_BYTES)
        {
            match permits.recv() {
                Ok(freed) => self.release(freed),
                Err(_) => return false,
            }
        }
        self.inputs += 1;
        self.bytes += bytes;
        true
    }

    fn release(&mut self, bytes: usize) {
        self.inputs -= 1;
        self.bytes -= bytes;
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
/// stable. Symbolic links to directories are not followed (no loops). A
/// directory with no page file in it becomes an error input, so that it is
/// not passed over in silence.
fn expand_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut walk = Walk::default();
            walk.collect(path);
            walk.found.sort_by(|a, b| input_path(a).cmp(input_path(b)));
            if let Some(note) = walk.skipped_note() {
                eprintln!("extract: {}: {note}", display_path(path));
            }
            if walk.found.is_empty() {
                let error = format!(
                    "{}: no page file in the directory (pages are named .txt, .text, .html, .htm, \
                     .xhtml, .warc, or any of them .gz){}",
                    display_path(path),
                    walk.skipped_note()
                        .map(|note| format!("; {note}"))
                        .unwrap_or_default()
                );
                inputs.push(Input::Unlisted {
                    path: path.clone(),
                    error,
                });
            }
            inputs.extend(walk.found);
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

/// A walk of one directory given on the command line.
#[derive(Default)]
struct Walk {
    found: Vec<Input>,
    /// Regular files passed over because their names are not page names.
    skipped_names: usize,
    /// The first of them, to show what was passed over.
    first_skipped: Option<PathBuf>,
}

impl Walk {
    fn collect(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                let error = format!("cannot list directory {}: {error}", display_path(dir));
                self.found.push(Input::Unlisted {
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
                    let error = format!("cannot list an entry of {}: {error}", display_path(dir));
                    self.found.push(Input::Unlisted {
                        path: dir.to_path_buf(),
                        error,
                    });
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                self.collect(&path);
            } else if !is_page_file(&path) {
                self.skipped_names += 1;
                self.first_skipped.get_or_insert(path);
            } else if let Some(kind) = special_file(&path) {
                // A FIFO would block the batch forever: never opened.
                eprintln!(
                    "extract: passing over {}: not a regular file ({kind})",
                    display_path(&path)
                );
            } else {
                self.found.push(Input::Page(path));
            }
        }
    }

    /// What the walk passed over for its name, if anything.
    fn skipped_note(&self) -> Option<String> {
        let first = self.first_skipped.as_ref()?;
        let count = self.skipped_names;
        let files = if count == 1 {
            "file passed over, its name not a page name"
        } else {
            "files passed over, their names not page names"
        };
        Some(format!("{count} {files} (such as {})", display_path(first)))
    }
}

/// What a path is when it is there but not a regular file or a directory
/// (a FIFO, socket or device), following symbolic links.
fn special_file(path: &Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    (!kind.is_file() && !kind.is_dir()).then(|| support::file_kind(&kind))
}

/// Files a directory contributes: saved pages, not notes or label files.
fn is_page_file(path: &Path) -> bool {
    const PAGE_EXTENSIONS: [&str; 7] = ["txt", "text", "html", "htm", "xhtml", "gz", "warc"];
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
fn extract(job: &Job, input: &Input) -> Option<Outcome> {
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
        Input::Archived { archive, record } => return extract_archived(extractor, archive, record),
        Input::ArchiveDamage { archive, error } => {
            return Some(Outcome::new(
                archive.to_string(),
                None,
                Err(Failure::error(error.clone())),
            ))
        }
    };
    let name = display_path(path);
    let limit = extractor.config().max_input_bytes;
    let result = support::read_page(path, limit)
        .map_err(Failure::error)
        .and_then(|bytes| {
            let is_html = job.kind == InputKind::Html
                || (job.kind == InputKind::Auto
                    && (has_html_name(path) || newsclip::looks_like_html(&bytes)));
            let article = if is_html {
                extractor.extract_html(&bytes)
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
    Some(Outcome::new(name, None, result))
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
        (Some(html), _) => extractor.extract_html_str(html).map_err(|error| {
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
    /// How sure the extractor is of the article (0 to 1); `null` on error.
    confidence: Option<f32>,
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
            confidence: Some(article.confidence),
            lines: line_records(&article.lines),
            error: None,
        },
        Err(failure) => Record {
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
            confidence: None,
            lines: line_records(&failure.lines),
            error: Some(&failure.message),
        },
    };
    serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
    writeln!(out)
}

fn line_records(lines: &[LineVerdict]) -> Vec<LineRecord> {
    lines
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
        .collect()
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
        Err(failure) => eprintln!("extract: {}", failure.message),
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
        Err(failure) => {
            eprintln!("extract: {}", failure.message);
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
