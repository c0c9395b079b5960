//! Writing records: one JSON, text or Markdown record per outcome, to
//! standard output or to a file of its own in `--output-dir`.

use super::files::display_path;
use super::inputs::Input;
use super::outcome::Outcome;
use super::{program, Format};
use newsclip::Article;
use serde::Serialize;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where records go.
pub(super) enum Destination {
    /// Standard output; with `several` inputs, text and Markdown records
    /// are headed by their input's name.
    Stdout { several: bool },
    /// A file per record.
    Files(OutputDir),
}

/// The records' writer for one run.
pub(super) struct Sink {
    format: Format,
    target: Target,
}

enum Target {
    Stdout {
        out: io::BufWriter<io::StdoutLock<'static>>,
        several: bool,
    },
    Files(OutputDir),
}

/// A write that failed, and where it was going.
pub(super) struct WriteFailure {
    error: io::Error,
    /// The file, or `None` for standard output.
    file: Option<PathBuf>,
}

impl Sink {
    pub(super) fn new(destination: Destination, format: Format) -> Self {
        let target = match destination {
            Destination::Stdout { several } => Target::Stdout {
                out: io::BufWriter::new(io::stdout().lock()),
                several,
            },
            Destination::Files(dir) => Target::Files(dir),
        };
        Sink { format, target }
    }

    /// Writes the record of `outcome`. In `--output-dir`, a failed input
    /// gets a file only in JSON (its error record); in text and Markdown
    /// its message goes to standard error, as on standard output.
    pub(super) fn write(&mut self, outcome: &Outcome) -> Result<(), WriteFailure> {
        let format = self.format;
        match &mut self.target {
            Target::Stdout { out, several } => write_record(out, format, outcome, *several)
                .map_err(|error| WriteFailure { error, file: None }),
            Target::Files(dir) => {
                let unreported = format == Format::HtmlReport && outcome.report.is_none();
                if let (Format::Text | Format::Markdown, Err(failure)) = (format, &outcome.result) {
                    eprintln!("{}: {}", program(), failure.message);
                    return Ok(());
                }
                if let (true, Err(failure)) = (unreported, &outcome.result) {
                    eprintln!("{}: {}", program(), failure.message);
                    return Ok(());
                }
                let path = dir.file_for(&outcome.stem, extension(format));
                write_file(&path, format, outcome).map_err(|error| WriteFailure {
                    error,
                    file: Some(path),
                })
            }
        }
    }

    /// Sends what standard output holds so far on its way.
    pub(super) fn flush(&mut self) -> Result<(), WriteFailure> {
        match &mut self.target {
            Target::Stdout { out, .. } => out
                .flush()
                .map_err(|error| WriteFailure { error, file: None }),
            Target::Files(_) => Ok(()),
        }
    }
}

impl WriteFailure {
    /// Ends the run: quietly when standard output was closed (`… | head
    /// -1`), with a message naming the file otherwise.
    pub(super) fn exit(&self) -> ExitCode {
        match &self.file {
            None if self.error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            None => {
                eprintln!("{}: cannot write output: {}", program(), self.error);
                ExitCode::FAILURE
            }
            Some(file) => {
                eprintln!(
                    "{}: cannot write {}: {}",
                    program(),
                    display_path(file),
                    self.error
                );
                ExitCode::FAILURE
            }
        }
    }
}

fn write_record(
    out: &mut impl Write,
    format: Format,
    outcome: &Outcome,
    several: bool,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, outcome),
        Format::Text => write_text(out, outcome, several),
        Format::Markdown => write_markdown(out, outcome, several),
        Format::HtmlReport => write_report(out, outcome),
    }
}

/// The page's HTML report. An input that could not be read has none: its
/// error goes to standard error, as every format writes it.
fn write_report(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
    match &outcome.report {
        Some(report) => out.write_all(report.as_bytes()),
        None => {
            if let Err(failure) = &outcome.result {
                eprintln!("{}: {}", program(), failure.message);
            }
            Ok(())
        }
    }
}

fn write_file(path: &Path, format: Format, outcome: &Outcome) -> io::Result<()> {
    let mut out = io::BufWriter::new(File::create(path)?);
    write_record(&mut out, format, outcome, false)?;
    out.flush()
}

/// The extension of a record file in `format`.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Text => "txt",
        Format::Markdown => "md",
        Format::HtmlReport => "html",
    }
}

/// The folder of `--output-dir` and the names given in it.
///
/// A record's file is named after its input, with the format's extension
/// ([`output_stem`]): `story.html.gz` gives `story.json`, standard input
/// `stdin.json`, the 7th record of `crawl.warc.gz` `crawl-7.json`, the
/// 3rd `--stream` line `line-3.json`. A name given earlier in the run, or
/// that of an input file (the folder may hold the inputs), takes `-2`,
/// `-3`… before its extension, so no record overwrites another or an
/// input. A file left by an earlier run is overwritten.
pub(super) struct OutputDir {
    dir: PathBuf,
    /// File names given so far.
    taken: HashSet<PathBuf>,
    /// Every input file, canonical.
    inputs: HashSet<PathBuf>,
}

impl OutputDir {
    /// Creates `dir` (and its parents) if need be.
    pub(super) fn create(dir: &Path, inputs: &[Input]) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|error| {
            format!(
                "cannot create the output directory {}: {error}",
                display_path(dir)
            )
        })?;
        let inputs = inputs
            .iter()
            .filter_map(|input| match input {
                Input::Page(path) if path.as_os_str() != "-" => path.canonicalize().ok(),
                _ => None,
            })
            .collect();
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            taken: HashSet::new(),
            inputs,
        })
    }

    /// A file for the next record named `stem`, not given before and not
    /// an input.
    fn file_for(&mut self, stem: &str, extension: &str) -> PathBuf {
        let mut copy = 1;
        loop {
            let name = match copy {
                1 => format!("{stem}.{extension}"),
                _ => format!("{stem}-{copy}.{extension}"),
            };
            let path = self.dir.join(name);
            if !self.taken.contains(&path) && !self.is_input(&path) {
                self.taken.insert(path.clone());
                return path;
            }
            copy += 1;
        }
    }

    fn is_input(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|canonical| self.inputs.contains(&canonical))
    }
}

/// The name of an input's record file, without its extension (see
/// [`OutputDir`]).
pub(super) fn output_stem(input: &Input) -> String {
    let stem = match input {
        Input::Page(path) if path.as_os_str() == "-" => "stdin".to_owned(),
        Input::Page(path) | Input::Unlisted { path, .. } => page_stem(path),
        Input::Streamed { number, .. } => format!("line-{number}"),
        Input::Archived {
            archive, number, ..
        }
        | Input::ArchiveDamage {
            archive, number, ..
        } => match number {
            0 => archive_stem(archive),
            _ => format!("{}-{number}", archive_stem(archive)),
        },
    };
    file_name_safe(stem)
}

/// A page file's name without `.gz` and its last extension.
fn page_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| display_path(path), |name| display_path(Path::new(name)));
    let name = strip_suffix_ignoring_case(&name, ".gz");
    match name.rfind('.') {
        Some(dot) if dot > 0 => name[..dot].to_owned(),
        _ => name.to_owned(),
    }
}

/// An archive's file name without `.warc` or `.warc.gz`.
fn archive_stem(archive: &str) -> String {
    let name = Path::new(archive)
        .file_name()
        .map_or(archive.into(), |name| name.to_string_lossy());
    let name = strip_suffix_ignoring_case(&name, ".gz");
    strip_suffix_ignoring_case(name, ".warc").to_owned()
}

fn strip_suffix_ignoring_case<'a>(name: &'a str, suffix: &str) -> &'a str {
    let cut = name.len().saturating_sub(suffix.len());
    match name.get(cut..) {
        Some(end) if end.eq_ignore_ascii_case(suffix) && cut > 0 => &name[..cut],
        _ => name,
    }
}

/// `stem` as one file name: no separator, no control character, not
/// empty and not `.` or `..`.
fn file_name_safe(stem: String) -> String {
    let safe: String = stem
        .chars()
        .map(|ch| match ch {
            '/' | '\\' => '_',
            ch if ch.is_control() => '_',
            ch => ch,
        })
        .collect();
    match safe.as_str() {
        "" | "." | ".." => "page".to_owned(),
        _ => safe,
    }
}

/// One JSON Lines record: the input's `path` (and `url`,
/// `warc_record_id`, `warc_date` when it has them), the article's fields
/// as [`Article`]'s serde impl writes them (its docs give the shape), and
/// `error`. Serialized straight to the output: no tree of values is built,
/// so a page of a million lines costs its record's bytes, not gigabytes.
///
/// An input that failed writes its [`Failure::blank`](super::outcome::Failure::blank)
/// article: `title` null, `text` empty, no captions or related links,
/// `confidence` null, and its lines' verdicts when it is a page without
/// an article.
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
    #[serde(flatten)]
    article: &'a Article,
    error: Option<&'a str>,
}

fn write_json(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
    let (article, error) = match &outcome.result {
        Ok(article) => (article, None),
        Err(failure) => (&*failure.blank, Some(failure.message.as_str())),
    };
    let record = Record {
        path: &outcome.path,
        url: outcome.url.as_deref(),
        warc_record_id: outcome.warc_record_id.as_deref(),
        warc_date: outcome.warc_date.as_deref(),
        article,
        error,
    };
    serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
    writeln!(out)
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
        Err(failure) => eprintln!("{}: {}", program(), failure.message),
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
            eprintln!("{}: {}", program(), failure.message);
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
