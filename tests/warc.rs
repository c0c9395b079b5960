//! WARC input over real pages: archives built here from the scrapinghub
//! fixture pages (a `request` and a `response` record per page, beside an
//! image and a `warcinfo` record) give exactly one article per page, keyed
//! by its URL and identical to extracting the page file, through the
//! library and through the `extract` binary.

#[path = "support/binary.rs"]
mod binary;
#[path = "support/warc.rs"]
mod warc;

use binary::{extract_binary, fixtures, records, scratch};
use newsclip::warc::{WarcArticle, WarcReader};
use newsclip::Extractor;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use warc::{ArchivedPage, WarcWriter};

/// A fixture page: its file, URL and HTML.
struct Page {
    file: PathBuf,
    url: String,
    html: Vec<u8>,
}

fn fixture_pages() -> Vec<Page> {
    let folder = fixtures().join("scrapinghub");
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("ground-truth.json")).expect("gold"),
    )
    .expect("gold is JSON");
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder.join("html"))
        .expect("pages")
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let name = file.file_name().expect("name").to_string_lossy();
            let id = name.split('.').next().expect("id").to_string();
            let url = gold[&id]["url"].as_str().expect("url").to_string();
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&file).expect("page"))
                .read_to_end(&mut html)
                .expect("gzip");
            Page { file, url, html }
        })
        .collect()
}

/// An archive of the pages with a PNG response between them.
fn archive(pages: &[Page], gzip: bool) -> Vec<u8> {
    let mut writer = WarcWriter::new(Vec::new(), gzip).expect("in memory");
    for (index, page) in pages.iter().enumerate() {
        writer
            .write_page(&ArchivedPage {
                url: &page.url,
                content_type: "text/html",
                body: &page.html,
            })
            .expect("in memory");
        if index == 0 {
            let image = ArchivedPage {
                url: "https://example.com/logo.png",
                content_type: "image/png",
                body: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            };
            writer.write_page(&image).expect("in memory");
        }
    }
    writer.finish().expect("in memory")
}

#[test]
fn every_archived_page_gives_the_article_its_file_gives() {
    let pages = fixture_pages();
    assert!(pages.len() >= 4);
    let bytes = archive(&pages, false);
    let extractor = Extractor::default();
    let found: Vec<WarcArticle> = extractor
        .extract_warc(WarcReader::new(&bytes[..]))
        .map(|item| item.expect("the archive is well formed"))
        .collect();
    assert_eq!(found.len(), pages.len());
    for (page, archived) in pages.iter().zip(&found) {
        assert_eq!(archived.url.as_deref(), Some(page.url.as_str()));
        assert!(archived
            .record_id
            .as_deref()
            .is_some_and(|id| id.starts_with("<urn:uuid:")));
        assert!(archived.date.is_some());
        let article = archived.article.as_ref().expect("an article");
        assert_eq!(
            article,
            &extractor.extract_html(&page.html).expect("an article")
        );
    }
}

#[test]
fn a_gzipped_archive_reads_as_the_plain_one() {
    let pages = fixture_pages();
    let dir = scratch("warc-gzip");
    let path = dir.join("pages.warc.gz");
    std::fs::write(&path, archive(&pages, true)).expect("write");
    let plain = archive(&pages, false);
    let from_gzip: Vec<_> = WarcReader::open(&path)
        .expect("open")
        .map(Result::unwrap)
        .collect();
    let from_plain: Vec<_> = WarcReader::new(&plain[..]).map(Result::unwrap).collect();
    assert_eq!(from_gzip, from_plain);
    std::fs::remove_dir_all(dir).expect("clean up");
}

fn run_extract(args: &[&Path]) -> (Vec<Value>, bool) {
    let output = Command::new(extract_binary())
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("extract runs");
    (records(&output.stdout), output.status.success())
}

#[test]
fn the_binary_gives_one_record_per_archived_page_with_its_warc_fields() {
    let pages = fixture_pages();
    let dir = scratch("warc-binary");
    let path = dir.join("pages.warc.gz");
    std::fs::write(&path, archive(&pages, true)).expect("write");
    let (archived, ok) = run_extract(&[&path]);
    assert!(ok);
    let files: Vec<&Path> = pages.iter().map(|page| page.file.as_path()).collect();
    let (from_files, ok) = run_extract(&files);
    assert!(ok);
    assert_eq!(archived.len(), pages.len());
    for ((page, record), file_record) in pages.iter().zip(&archived).zip(&from_files) {
        assert_eq!(record["path"], path.display().to_string());
        assert_eq!(record["url"], page.url.as_str());
        assert!(record["warc_record_id"]
            .as_str()
            .is_some_and(|id| id.starts_with("<urn:uuid:")));
        assert!(record["warc_date"].is_string());
        assert_eq!(record["error"], Value::Null);
        for field in ["title", "text", "captions", "related", "lines"] {
            assert_eq!(record[field], file_record[field], "{field} of {}", page.url);
        }
    }
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_cut_archive_keeps_the_pages_before_the_cut_and_reports_it() {
    let pages = fixture_pages();
    let dir = scratch("warc-cut");
    let path = dir.join("cut.warc");
    let whole = archive(&pages, false);
    // Cut inside the last page's response block.
    std::fs::write(&path, &whole[..whole.len() - 1000]).expect("write");
    let (found, ok) = run_extract(&[&path]);
    assert!(!ok, "a damaged archive is a failure in the exit status");
    assert_eq!(found.len(), pages.len());
    for (page, record) in pages.iter().zip(&found[..pages.len() - 1]) {
        assert_eq!(record["url"], page.url.as_str());
        assert_eq!(record["error"], Value::Null);
    }
    let last = &found[pages.len() - 1];
    assert!(last["error"]
        .as_str()
        .is_some_and(|error| error.contains("malformed WARC record")));
    std::fs::remove_dir_all(dir).expect("clean up");
}
