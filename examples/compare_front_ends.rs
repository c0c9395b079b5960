//! `compare_front_ends`: how often the two HTML front ends give the same
//! article.
//!
//! ```text
//! cargo run --release --example compare_front_ends [-- DATA_DIR] [--show N]
//! ```
//!
//! Reads every page of `DATA_DIR/*/html` (default `/work/shared/data`),
//! extracts it with `HtmlFrontEnd::Dom` and `HtmlFrontEnd::Tokens`, and
//! prints per set how many pages give identical `Article`s (title,
//! paragraphs, captions, related links, byline, date, confidence and
//! every line's verdict), then, for up to `--show` differing pages (10 by
//! default), the first field or line where they part.

mod support;

use newsclip::{Article, Config, Error, Extractor, HtmlFrontEnd};
use std::path::{Path, PathBuf};

/// The largest page read (the library's default limit).
const MAX_PAGE_BYTES: usize = newsclip::DEFAULT_MAX_INPUT_BYTES;

fn main() -> std::process::ExitCode {
    let mut root = PathBuf::from("/work/shared/data");
    let mut show = 10usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--show" {
            match args.next().and_then(|value| value.parse().ok()) {
                Some(value) => show = value,
                None => {
                    eprintln!("compare_front_ends: --show takes a number of pages");
                    return std::process::ExitCode::from(2);
                }
            }
        } else {
            root = PathBuf::from(arg);
        }
    }
    let sets = match data_sets(&root) {
        Ok(sets) if !sets.is_empty() => sets,
        Ok(_) => {
            eprintln!("compare_front_ends: no {}/*/html folder", root.display());
            return std::process::ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!(
                "compare_front_ends: cannot read {}: {error}",
                root.display()
            );
            return std::process::ExitCode::FAILURE;
        }
    };
    let dom = Extractor::new(Config::default().with_html_front_end(HtmlFrontEnd::Dom));
    let tokens = Extractor::new(Config::default().with_html_front_end(HtmlFrontEnd::Tokens));
    let (mut all_pages, mut all_same) = (0, 0);
    let mut shown = 0;
    for (name, pages) in sets {
        let mut same = 0;
        for path in &pages {
            let bytes = match support::read_page(path, MAX_PAGE_BYTES) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!("compare_front_ends: {error}");
                    continue;
                }
            };
            let expected = dom.extract_html(&bytes);
            let found = tokens.extract_html(&bytes);
            if expected == found {
                same += 1;
            } else if shown < show {
                shown += 1;
                println!(
                    "{}: {}",
                    path.display(),
                    first_difference(&expected, &found)
                );
            }
        }
        println!(
            "{name}: {same} of {} pages identical ({:.2}%)",
            pages.len(),
            percent(same, pages.len())
        );
        all_pages += pages.len();
        all_same += same;
    }
    println!(
        "all: {all_same} of {all_pages} pages identical ({:.2}%)",
        percent(all_same, all_pages)
    );
    std::process::ExitCode::SUCCESS
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// Each set's name and its page files, sorted.
fn data_sets(root: &Path) -> std::io::Result<Vec<(String, Vec<PathBuf>)>> {
    let mut sets = Vec::new();
    for entry in std::fs::read_dir(root)? {
        let folder = entry?.path().join("html");
        if !folder.is_dir() {
            continue;
        }
        let name = folder
            .parent()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&folder)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.is_file())
            .collect();
        pages.sort();
        sets.push((name, pages));
    }
    sets.sort();
    Ok(sets)
}

/// Where two results first part, in words.
fn first_difference(dom: &Result<Article, Error>, tokens: &Result<Article, Error>) -> String {
    let (dom, tokens) = match (dom, tokens) {
        (Ok(dom), Ok(tokens)) => (dom, tokens),
        (dom, tokens) => {
            return format!(
                "dom {:?}, tokens {:?}",
                dom.as_ref().map(|_| "article"),
                tokens.as_ref().map(|_| "article")
            )
        }
    };
    if dom.title != tokens.title {
        return format!("title: dom {:?}, tokens {:?}", dom.title, tokens.title);
    }
    for (index, (a, b)) in dom.paragraphs.iter().zip(&tokens.paragraphs).enumerate() {
        if a != b {
            return format!("paragraph {index}: dom {a:?}\n    tokens {b:?}");
        }
    }
    if dom.paragraphs.len() != tokens.paragraphs.len() {
        return format!(
            "paragraphs: dom {}, tokens {}",
            dom.paragraphs.len(),
            tokens.paragraphs.len()
        );
    }
    for (index, (a, b)) in dom.lines.iter().zip(&tokens.lines).enumerate() {
        if a != b {
            return format!("line {index}: dom {a:?}\n    tokens {b:?}");
        }
    }
    if dom.lines.len() != tokens.lines.len() {
        return format!(
            "lines: dom {}, tokens {}",
            dom.lines.len(),
            tokens.lines.len()
        );
    }
    format!(
        "other fields: captions {}/{}, related {}/{}, byline {:?}/{:?}, date {:?}/{:?}, confidence {}/{}",
        dom.captions.len(),
        tokens.captions.len(),
        dom.related.len(),
        tokens.related.len(),
        dom.byline,
        tokens.byline,
        dom.date,
        tokens.date,
        dom.confidence,
        tokens.confidence
    )
}
