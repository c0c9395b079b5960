//! `debug_lines`: every line of a text page with its label, the
//! classifier's first label, the four scores and (with `--features`) the
//! measured features. The first tool to reach for when a page goes wrong.
//!
//! ```text
//! cargo run --release --example debug_lines -- fixtures/seeds/003_35ed2ad3de0b0ffd.txt
//! ```

use newsclip::Label;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_features = args.iter().any(|arg| arg == "--features");
    let Some(path) = args.iter().find(|arg| !arg.starts_with("--")) else {
        eprintln!("usage: debug_lines [--features] PAGE.txt");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            eprintln!("debug_lines: {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let article = match newsclip::extract_text(&text) {
        Ok(article) => article,
        Err(error) => {
            eprintln!("debug_lines: {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let features = newsclip::debug_text_features(&text);
    let source: Vec<&str> = text.lines().collect();
    for (verdict, features) in article.lines.iter().zip(&features) {
        let scores: Vec<String> = Label::ALL
            .iter()
            .map(|label| format!("{:.2}", verdict.score(*label)))
            .collect();
        let line_text = source.get(verdict.line as usize - 1).copied().unwrap_or("");
        let shown: String = line_text.chars().take(90).collect();
        println!(
            "{:>5} {:<10} {:<10} [{}] {shown}",
            verdict.line,
            verdict.label.as_str(),
            verdict.first_label.as_str(),
            scores.join(" ")
        );
        if show_features {
            println!("      {features}");
        }
    }
    ExitCode::SUCCESS
}
