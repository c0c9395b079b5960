//! `make_warc`: build a WARC archive from a folder of saved HTML pages, as
//! a crawler would have stored them (a `request` and a `response` record
//! per page), to try and measure WARC input without downloading one.
//!
//! ```text
//! # the 181 scrapinghub pages, each keyed by its URL from the gold file
//! cargo run --release --example make_warc -- --gzip \
//!     --urls ../shared/data/scrapinghub/ground-truth.json \
//!     ../shared/data/scrapinghub/html /tmp/scrapinghub.warc.gz
//! # about 1 GB: the same pages 32 times over, each copy under its own URL
//! cargo run --release --example make_warc -- --gzip --copies 32 \
//!     --urls ../shared/data/scrapinghub/ground-truth.json \
//!     ../shared/data/scrapinghub/html /tmp/big.warc.gz
//! ```
//!
//! A page's URL is the gold file's `url` for its id (the file name without
//! extensions); a page with none gets `https://example.com/<id>`. Copies
//! after the first add `?copy=N` to the URL. Pages are written in file-name
//! order with `Content-Type: text/html` and no charset, so each page's own
//! declaration decides, as it does when the file is read from the folder.

mod support;
#[path = "../tests/support/warc.rs"]
mod warc;

use clap::Parser;
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warc::{ArchivedPage, WarcWriter};

#[derive(Parser)]
#[command(about = "Build a WARC archive from a folder of saved HTML pages")]
struct Args {
    /// A ground-truth.json (`id -> {url}`) naming each page's URL.
    #[arg(long)]
    urls: Option<PathBuf>,
    /// Gzip each record as its own member, as Common Crawl does.
    #[arg(long)]
    gzip: bool,
    /// Write the pages this many times over (for archives of any size).
    #[arg(long, default_value_t = 1)]
    copies: usize,
    /// The folder of pages (`.html`, `.htm`, gzipped or not).
    pages: PathBuf,
    /// The archive to write.
    out: PathBuf,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("make_warc: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let urls = match &args.urls {
        Some(path) => read_urls(path)?,
        None => HashMap::new(),
    };
    let pages = page_files(&args.pages)?;
    let file = std::fs::File::create(&args.out)
        .map_err(|error| format!("cannot create {}: {error}", args.out.display()))?;
    let write_error =
        |error: std::io::Error| format!("cannot write {}: {error}", args.out.display());
    let mut writer = WarcWriter::new(BufWriter::new(file), args.gzip).map_err(write_error)?;
    for copy in 0..args.copies {
        for path in &pages {
            let body = support::read_page(path, usize::MAX)?;
            let id = page_id(path);
            let mut url = urls
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("https://example.com/{id}"));
            if copy > 0 {
                url.push_str(if url.contains('?') { "&" } else { "?" });
                url.push_str(&format!("copy={copy}"));
            }
            let page = ArchivedPage {
                url: &url,
                content_type: "text/html",
                body: &body,
            };
            writer.write_page(&page).map_err(write_error)?;
        }
    }
    let records = writer.records();
    writer.finish().map_err(write_error)?;
    eprintln!(
        "make_warc: {} pages, {records} records, in {}",
        pages.len() * args.copies,
        args.out.display()
    );
    Ok(())
}

fn read_urls(path: &Path) -> Result<HashMap<String, String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let gold: Value = serde_json::from_str(&text)
        .map_err(|error| format!("{} is not JSON: {error}", path.display()))?;
    let entries = gold
        .as_object()
        .ok_or_else(|| format!("{} is not an object of pages", path.display()))?;
    Ok(entries
        .iter()
        .filter_map(|(id, entry)| Some((id.clone(), entry.get("url")?.as_str()?.to_string())))
        .collect())
}

/// The HTML files of a folder, by name.
fn page_files(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(folder)
        .map_err(|error| format!("cannot list {}: {error}", folder.display()))?;
    let mut pages: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.to_string_lossy().to_ascii_lowercase();
            [".html", ".htm", ".html.gz", ".htm.gz"]
                .iter()
                .any(|ext| name.ends_with(ext))
        })
        .collect();
    pages.sort();
    if pages.is_empty() {
        return Err(format!("no HTML pages in {}", folder.display()));
    }
    Ok(pages)
}

/// The file name without its extensions.
fn page_id(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.split('.').next().unwrap_or_default().to_string()
}
