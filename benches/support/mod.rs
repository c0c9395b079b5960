//! Pages the benches share, loaded outside the timed loops: the seeds and
//! the fixture pages always, the benchmark corpora of `../shared/data`
//! when they are beside the project.

#![allow(dead_code)] // each bench uses its own subset.

use std::io::Read;
use std::path::{Path, PathBuf};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The page files (`ext`, or `ext.gz`) of `dir`, sorted; none when it is
/// missing.
fn page_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let gz = format!("{ext}.gz");
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(&format!(".{ext}")) || name.ends_with(&format!(".{gz}"))
        })
        .collect();
    paths.sort();
    paths
}

fn read(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_default();
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    let mut plain = Vec::new();
    let _ = flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut plain);
    plain
}

/// Text pages of `dir` (`.txt`), as strings.
pub fn text_pages(dir: &Path) -> Vec<String> {
    page_files(dir, "txt")
        .iter()
        .filter_map(|path| String::from_utf8(read(path)).ok())
        .collect()
}

/// HTML pages of `dir` (`.html`, gzipped or not), decoded to strings as
/// the extractor would decode them (lossy UTF-8 is close enough for
/// timing: the benchmark pages are UTF-8).
pub fn html_pages(dir: &Path) -> Vec<String> {
    page_files(dir, "html")
        .iter()
        .map(|path| String::from_utf8_lossy(&read(path)).into_owned())
        .collect()
}

/// The Scrapinghub benchmark's 181 pages when `../shared/data` is there,
/// else the four shipped in `fixtures/scrapinghub`. The name says which.
pub fn benchmark_html() -> (&'static str, Vec<String>) {
    let shared = html_pages(&root().join("../shared/data/scrapinghub/html"));
    if !shared.is_empty() {
        return ("scrapinghub", shared);
    }
    (
        "fixtures",
        html_pages(&root().join("fixtures/scrapinghub/html")),
    )
}

pub fn total_bytes(pages: &[String]) -> u64 {
    pages.iter().map(|page| page.len() as u64).sum()
}
