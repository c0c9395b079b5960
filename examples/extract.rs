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
//! HTML is told from text by content (the first tag-like bytes); `--input
//! html` or `--input text` forces one. `--format text` (the default) prints the title, a blank
//! line and the body; `--format json` prints one JSON object per input
//! (JSON Lines) in input order. An input that fails still gets its record,
//! with `error` set, and the exit status is 1 when any input failed.

mod support;

use clap::{Parser, ValueEnum};
use newsclip::{Article, Extractor, Label};
use serde_json::{json, Value};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Cut the article out of saved news pages")]
struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How to read the inputs: by content (`auto`), as HTML or as text.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    input: InputKind,
    /// Files, directories, or `-` for standard input.
    #[arg(required = true)]
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
}

/// One input and what came of it.
struct Outcome {
    path: String,
    result: Result<Article, String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let extractor = Extractor::default();
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let several = args.paths.len() > 1 || args.paths.iter().any(|path| path.is_dir());
    for input in expand_inputs(&args.paths) {
        let outcome = extract(&extractor, input, args.input);
        failed |= outcome.result.is_err();
        let written = match args.format {
            Format::Json => writeln!(out, "{}", to_json(&outcome)),
            Format::Text => write_text(&mut out, &outcome, several),
        };
        if let Err(error) = written.and_then(|()| out.flush()) {
            return exit_on_write_error(&error);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Directories become their files, sorted by path, so output order is stable.
/// An unreadable directory stays in the list and fails when it is read.
fn expand_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            collect_files(path, &mut files);
            files.sort();
            inputs.extend(files);
        } else {
            inputs.push(path.clone());
        }
    }
    inputs
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        files.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, files);
        } else if is_page_file(&path) {
            files.push(path);
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

fn extract(extractor: &Extractor, path: PathBuf, kind: InputKind) -> Outcome {
    let name = path.display().to_string();
    let result = support::read_page(&path).and_then(|bytes| {
        let article =
            if kind == InputKind::Html || (kind == InputKind::Auto && looks_like_html(&bytes)) {
                extractor.extract_html(&bytes)
            } else {
                let text = String::from_utf8(bytes).map_err(|error| {
                    format!(
                        "{} is not UTF-8 text (invalid byte at offset {})",
                        path.display(),
                        error.utf8_error().valid_up_to()
                    )
                })?;
                extractor.extract_text(&text)
            };
        article.map_err(|error| error.to_string())
    });
    Outcome { path: name, result }
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

fn to_json(outcome: &Outcome) -> Value {
    match &outcome.result {
        Ok(article) => json!({
            "path": outcome.path,
            "title": article.title,
            "text": article.text(),
            "captions": article.captions,
            "related": article.related.iter().map(|link| json!({"text": link.text, "url": link.url})).collect::<Vec<_>>(),
            "byline": article.byline,
            "date": article.date,
            "lines": article.lines.iter().map(|line| json!({
                "line": line.line,
                "label": line.label.as_str(),
                "first_label": line.first_label.as_str(),
                "scores": Label::ALL.iter().map(|label| (label.as_str().to_owned(), json!(round(line.score(*label))))).collect::<serde_json::Map<_, _>>(),
            })).collect::<Vec<_>>(),
            "error": null,
        }),
        Err(error) => json!({
            "path": outcome.path,
            "title": null, "text": "", "captions": [], "related": [],
            "byline": null, "date": null, "lines": [],
            "error": error,
        }),
    }
}

/// Four decimals are enough to read a score and keep the output short.
fn round(score: f32) -> f64 {
    (f64::from(score) * 10_000.0).round() / 10_000.0
}

fn write_text(out: &mut impl Write, outcome: &Outcome, several: bool) -> io::Result<()> {
    if several {
        writeln!(out, "==> {} <==", outcome.path)?;
    }
    match &outcome.result {
        Ok(article) => {
            writeln!(out, "{}", article.title.as_deref().unwrap_or(""))?;
            writeln!(out)?;
            writeln!(out, "{}", article.text())?;
        }
        Err(error) => eprintln!("extract: {}: {error}", outcome.path),
    }
    if several {
        writeln!(out)?;
    }
    Ok(())
}

/// A closed pipe (`extract … | head -1`) ends the run quietly.
fn exit_on_write_error(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("extract: cannot write output: {error}");
    ExitCode::FAILURE
}
