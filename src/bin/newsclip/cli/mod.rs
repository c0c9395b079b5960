//! The `newsclip` command (and the `extract` example, the same program):
//! cut the article out of saved pages.
//!
//! ```text
//! newsclip fixtures/seeds/002_0fb64fe6ce5f5458.txt
//! newsclip --format json fixtures/seeds/
//! newsclip --format markdown --output-dir articles/ fixtures/seeds/
//! ```
//!
//! Takes files, directories (every page file below — `.txt`, `.text`,
//! `.html`, `.htm`, `.xhtml`, and any of them gzipped — in path order) or
//! `-` for standard input, which is also read when no path is given and
//! standard input is not a terminal. Gzipped input is recognised by its
//! magic bytes.
//! WARC archives (`.warc`, `.warc.gz`, named so on the command line or
//! found in a directory) give one record per archived HTML page, with its
//! `url`, `warc_record_id` and `warc_date`; requests, images and other
//! records are passed over.
//! HTML is told from text by content (the first tag-like bytes); `--input
//! html` or `--input text` forces one. `--format text` (the default)
//! prints the title, a blank line and the body; `--format json` prints one JSON object per input
//! (JSON Lines) in input order; `--format markdown` the title as a heading,
//! the paragraphs, then captions and related links in their own sections.
//! `--format html-report` writes one self-contained HTML page per input:
//! its lines coloured by label, the article's region outlined, the
//! extracted fields on top (`newsclip::report`); on standard output for
//! one input, with `--output-dir` for several. `--url URL` gives the
//! page's address, so its related links come out absolute.
//! `--stream` reads JSON Lines pages on standard input and writes one
//! record per line, in order, each with the page's `url`, as soon as it and
//! every record before it are done. A line over `--max-input-bytes` is
//! refused with an error record without being held whole.
//! `--output-dir DIR` writes each record to a file of its own in `DIR`
//! instead of standard output ([`output::OutputDir`] says how they are
//! named).
//!
//! An input that fails still gets its record, with `error` set; a page
//! without an article keeps its per-line verdicts in `lines`. Files that
//! are not regular files (FIFOs, sockets, devices) are never opened: on
//! the command line they get an error record, in a directory they are
//! passed over with a note on standard error. A directory with no page
//! file, or an archive with no record, gets an error record too. Every
//! batch ends with a one-line summary on standard error, and the exit
//! status tells errors from pages without an article ([`exit_status`]).
//!
//! Paths are written as they are when they are UTF-8; a path that is not
//! has each byte outside valid UTF-8 written as `\xNN` and each backslash
//! as `\\`, so the file's exact name can be recovered.
//!
//! The modules follow a record's way through: [`inputs`] lists and reads
//! what the command line names, [`outcome`] extracts each input,
//! [`batch`] runs them on a thread pool and writes them in order,
//! [`output`] writes one record, [`files`] reads a page file.

mod batch;
mod files;
mod inputs;
mod outcome;
mod output;

use batch::{progress_bar, run, Job};
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, ValueEnum};
use indicatif::ProgressBar;
use inputs::{archive_records, expand_inputs, is_warc_file, Input, StreamLines};
use newsclip::{Config, Extractor};
use output::{Destination, OutputDir};
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

/// Examples of every flag, for `--help`; `{program}` is the command's
/// name.
const EXAMPLES: &str = "\
Examples:
  {program} page.html
      the article of one page: its title, a blank line, its text
  {program} --format json pages/ > articles.jsonl
      every page below pages/, one JSON record each (JSON Lines)
  {program} --format markdown story.html.gz
      a gzipped page, as Markdown
  curl -s https://example.com/story | {program}
      a page piped on standard input (`-` names it too)
  {program} --input text dump.txt
      read as text even where it looks like HTML
  {program} --format json crawl.warc.gz
      every HTML page of a WARC archive
  {program} --stream < pages.jsonl > articles.jsonl
      JSON Lines pages in, JSON Lines records out (Spark, Hadoop Streaming)
  {program} --output-dir articles/ --format json pages/
      one file per page: articles/<page name>.json
  {program} --jobs 4 --max-input-bytes 10000000 pages/
      four threads; pages over 10 MB refused unread
  {program} --recall-bias 0.5 page.html
      keep more of what may be the article (-0.5: only what surely is)
  {program} --format html-report page.html > report.html
      a page to look at: every line coloured by its label, the article outlined
  {program} --url https://news.example/2024/storm page.html
      related links made absolute against the page's address
  {program} --version
      print the version";

/// What the exit status says, for `--help` and the docs; `{program}` is
/// the command's name.
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
  {program}: N pages: A articles, B no article, C errors";

/// The text after the flags in `--help`: [`EXAMPLES`], then
/// [`EXIT_STATUS`], under the command's own name.
fn exit_status(program: &str) -> String {
    format!("{EXAMPLES}\n\n{EXIT_STATUS}").replace("{program}", program)
}

/// The name the command runs under (`newsclip`, or `extract` as an
/// example), which its messages start with.
static PROGRAM: OnceLock<&'static str> = OnceLock::new();

/// The command's name, for messages: `newsclip: …`.
fn program() -> &'static str {
    PROGRAM.get().copied().unwrap_or("newsclip")
}

#[derive(Parser)]
#[command(about = "Cut the article out of saved news pages", version)]
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
    /// Write each record to a file of its own in DIR (created if need
    /// be), named after its input with the format's extension (`.txt`,
    /// `.json`, `.md`, `.html`), instead of to standard output. Names are
    /// made unique with `-2`, `-3`…; an input file is never overwritten.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// The page's address, for one HTML page: its related links are
    /// resolved against it (and the page's `<base href>`), so they come
    /// out absolute. WARC records and `--stream` lines carry their own.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Files, directories, or `-` for standard input [default: standard
    /// input, when it is not a terminal].
    paths: Vec<PathBuf>,
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
    /// One self-contained HTML page per input: the page's lines coloured
    /// by label, the article's region outlined, the summary on top
    /// (`newsclip::report`). On standard output for one input only.
    HtmlReport,
}

/// Runs the command under the name `program`: parses the command line,
/// extracts every input and returns the exit status [`EXIT_STATUS`]
/// documents.
pub fn main(program: &'static str) -> ExitCode {
    let _ = PROGRAM.set(program);
    let command = Args::command()
        .name(program)
        .bin_name(program)
        .after_help(exit_status(program));
    let args = parse_args(command.clone().get_matches());
    if let Err(message) = check_flags(&args) {
        command
            .clone()
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit();
    }
    let paths = match input_paths(&args) {
        Ok(paths) => paths,
        Err(message) => command
            .clone()
            .error(clap::error::ErrorKind::MissingRequiredArgument, message)
            .exit(),
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
    {
        Ok(pool) => pool,
        Err(error) => {
            eprintln!("{program}: cannot start {} threads: {error}", args.jobs);
            return ExitCode::FAILURE;
        }
    };
    let extractor = Extractor::new(
        Config::default()
            .with_max_input_bytes(args.max_input_bytes)
            .with_recall_bias(args.recall_bias)
            // JSON's `lines` say where each line is in the input.
            .with_provenance(args.stream || args.format == Some(Format::Json)),
    );
    let kind = args.input.unwrap_or(InputKind::Auto);
    let limit = args.max_input_bytes;
    if args.stream {
        let Some(destination) = destination(&args, false, &[]) else {
            return ExitCode::FAILURE;
        };
        let job = Job {
            extractor,
            kind,
            progress: ProgressBar::hidden(),
            report: false,
            url: None,
        };
        let lines = move || StreamLines::new(io::stdin().lock(), limit);
        return run(pool, job, Format::Json, destination, lines);
    }
    let format = args.format.unwrap_or(Format::Text);
    let inputs = expand_inputs(&paths);
    let has_archives = inputs
        .iter()
        .any(|input| matches!(input, Input::Page(path) if is_warc_file(path)));
    let several = inputs.len() > 1 || has_archives || paths.iter().any(|path| path.is_dir());
    if several && args.url.is_some() {
        command
            .clone()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--url gives the address of one page, and was given several inputs \
                 (files, a directory or an archive)",
            )
            .exit();
    }
    if format == Format::HtmlReport && several && args.output_dir.is_none() {
        command
            .clone()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--format html-report writes one HTML page per input: for several inputs \
                 (files, a directory or an archive), give --output-dir DIR",
            )
            .exit();
    }
    let Some(destination) = destination(&args, several, &inputs) else {
        return ExitCode::FAILURE;
    };
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
        report: format == Format::HtmlReport,
        url: args.url.clone(),
    };
    run(pool, job, format, destination, inputs)
}

/// The parsed flags; a wrong command line ends the run with clap's
/// message and status 2 (`--help` and `--version` with 0).
fn parse_args(matches: ArgMatches) -> Args {
    Args::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// What to read: the paths given, else standard input when a page is
/// piped to it. With no path and a terminal on standard input there is
/// nothing to read: a usage error rather than a wait for typed input.
fn input_paths(args: &Args) -> Result<Vec<PathBuf>, String> {
    if args.stream || !args.paths.is_empty() {
        return Ok(args.paths.clone());
    }
    if io::stdin().is_terminal() {
        return Err(
            "no input: give files or directories, `-` for standard input, \
                    or pipe a page to standard input"
                .to_owned(),
        );
    }
    Ok(vec![PathBuf::from("-")])
}

/// Where records go: standard output, or the files of `--output-dir`
/// (created now; `None`, with a message, when it cannot be).
fn destination(args: &Args, several: bool, inputs: &[Input]) -> Option<Destination> {
    let Some(dir) = &args.output_dir else {
        return Some(Destination::Stdout { several });
    };
    match OutputDir::create(dir, inputs) {
        Ok(dir) => Some(Destination::Files(dir)),
        Err(message) => {
            eprintln!("{}: {message}", program());
            None
        }
    }
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
    if args.url.is_some() {
        return Err("--stream lines give their own \"url\"; --url contradicts it".to_owned());
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
