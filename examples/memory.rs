//! `memory`: one page through `scraper::Html::parse_document` alone, or
//! through newsclip, and nothing else, so an outside tool can read the
//! process's peak memory for each.
//!
//! ```text
//! /usr/bin/time -f '%M KB' cargo run --release --example memory -- parse PAGE.html
//! /usr/bin/time -f '%M KB' cargo run --release --example memory -- extract PAGE.html
//! ```
//!
//! (Run the built binary, `target/release/examples/memory`, to leave
//! cargo's own memory out.)

mod support;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, path] = args.as_slice() else {
        eprintln!("usage: memory parse|extract PAGE");
        return ExitCode::FAILURE;
    };
    let bytes = match support::read_page(path.as_ref(), newsclip::DEFAULT_MAX_INPUT_BYTES) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("memory: {error}");
            return ExitCode::FAILURE;
        }
    };
    match mode.as_str() {
        "parse" => {
            let html = String::from_utf8_lossy(&bytes);
            let document = scraper::Html::parse_document(&html);
            println!("{} nodes", document.tree.nodes().count());
        }
        "extract" => match newsclip::extract_html(&bytes) {
            Ok(article) => println!("{} paragraphs", article.paragraphs.len()),
            Err(error) => println!("{error}"),
        },
        _ => {
            eprintln!("memory: mode is parse or extract, not {mode}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
