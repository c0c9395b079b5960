//! Extracts every page of a folder a number of times, for profilers:
//! `callgrind` counts the instructions of a pass (see
//! `scripts/instructions`), `perf` samples where they go. Pages are read
//! (and gunzipped) before the passes.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/profile_pass text ../shared/data/text-dumps/scrapinghub 3
//! target/release/examples/profile_pass html ../shared/data/scrapinghub/html 3
//! target/release/examples/profile_pass parse ../shared/data/scrapinghub/html 3
//! ```
//!
//! `parse` runs `scraper::Html::parse_document` alone on the HTML pages:
//! the floor the HTML path is measured against.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, folder, passes] = args.as_slice() else {
        eprintln!("usage: profile_pass text|html|parse FOLDER PASSES");
        std::process::exit(2);
    };
    let Ok(passes) = passes.parse::<usize>() else {
        eprintln!("profile_pass: PASSES must be a number, not {passes:?}");
        std::process::exit(2);
    };
    let pages = match read_pages(Path::new(folder)) {
        Ok(pages) => pages,
        Err(error) => {
            eprintln!("profile_pass: cannot read {folder}: {error}");
            std::process::exit(1);
        }
    };
    let extractor = newsclip::Extractor::default();
    let started = Instant::now();
    for _ in 0..passes {
        for page in &pages {
            match mode.as_str() {
                "text" => drop(std::hint::black_box(extractor.extract_text(page))),
                "html" => drop(std::hint::black_box(extractor.extract_html_str(page))),
                "parse" => drop(std::hint::black_box(scraper::Html::parse_document(page))),
                _ => {
                    eprintln!("profile_pass: the mode is text, html or parse, not {mode:?}");
                    std::process::exit(2);
                }
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64() / passes.max(1) as f64;
    let bytes: usize = pages.iter().map(String::len).sum();
    eprintln!(
        "{mode}: {} pages, {:.1} MB, {:.1} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds
    );
}

/// Every file of `folder`, gunzipped when its name ends in `.gz`, as text
/// (invalid UTF-8 replaced), in name order.
fn read_pages(folder: &Path) -> std::io::Result<Vec<String>> {
    let mut paths: Vec<_> = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    let mut pages = Vec::new();
    for path in paths.iter().filter(|path| path.is_file()) {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(path)?;
        if path.extension().is_some_and(|extension| extension == "gz") {
            flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
        } else {
            std::io::BufReader::new(file).read_to_end(&mut bytes)?;
        }
        pages.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(pages)
}
