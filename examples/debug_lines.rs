//! `debug_lines`: every line of a page (text, or HTML when the name says
//! `.htm`, gzipped or not) with its label, the
//! classifier's first label, the four scores and (with `--features`) the
//! measured features. The first tool to reach for when a page goes wrong.
//!
//! ```text
//! cargo run --release --example debug_lines -- fixtures/seeds/003_35ed2ad3de0b0ffd.txt
//! ```

mod support;

use newsclip::Label;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_features = args.iter().any(|arg| arg == "--features");
    let Some(path) = args.iter().find(|arg| !arg.starts_with("--")) else {
        eprintln!("usage: debug_lines [--features] PAGE.txt");
        return ExitCode::FAILURE;
    };
    let bytes = match support::read_page(
        std::path::Path::new(path),
        newsclip::DEFAULT_MAX_INPUT_BYTES,
    ) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("debug_lines: {error}");
            return ExitCode::FAILURE;
        }
    };
    let is_html = path.contains(".htm");
    let extractor = newsclip::Extractor::default();
    let article = if is_html {
        extractor.extract_html(&bytes)
    } else {
        extractor.extract_text_bytes(&bytes)
    };
    // A page without an article still shows its lines, labelled by the
    // classifier alone: those are the pages most worth a look.
    let final_labels: Vec<Option<Label>> = match &article {
        Ok(article) => article.lines.iter().map(|line| Some(line.label)).collect(),
        Err(error) => {
            eprintln!("debug_lines: {path}: {error}");
            Vec::new()
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match write_lines(&mut out, &bytes, is_html, &final_labels, show_features) {
        Ok(()) => ExitCode::SUCCESS,
        // `debug_lines … | head` ends quietly.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("debug_lines: cannot write output: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_lines(
    out: &mut impl Write,
    bytes: &[u8],
    is_html: bool,
    final_labels: &[Option<Label>],
    show_features: bool,
) -> std::io::Result<()> {
    for (index, line) in newsclip::debug_lines(bytes, is_html).iter().enumerate() {
        let label = final_labels.get(index).copied().flatten();
        let scores: Vec<String> = line
            .scores
            .iter()
            .map(|score| format!("{score:.2}"))
            .collect();
        let shown: String = line.text.chars().take(90).collect();
        writeln!(
            out,
            "{:>5} {:<10} {:<10} [{}] {shown}",
            index + 1,
            label.map_or("-", Label::as_str),
            line.first_label.as_str(),
            scores.join(" ")
        )?;
        if show_features {
            writeln!(out, "      {}", line.features)?;
        }
    }
    out.flush()
}
