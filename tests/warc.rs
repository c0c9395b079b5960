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
        // The record's URL resolves the page's links, as giving the
        // file with that URL does.
        let file_page = newsclip::HtmlPage::new(&page.html).with_url(&page.url);
        assert_eq!(
            article,
            &extractor.extract_html_page(file_page).expect("an article")
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
        for field in ["title", "text", "captions", "lines"] {
            assert_eq!(record[field], file_record[field], "{field} of {}", page.url);
        }
        // The same links, made absolute against the record's URL (a file
        // has none to resolve them against).
        let base = url::Url::parse(&page.url).expect("a fixture URL");
        let links = |record: &Value| record["related"].as_array().cloned().unwrap_or_default();
        let (archived_links, file_links) = (links(record), links(file_record));
        assert_eq!(archived_links.len(), file_links.len());
        for (archived, file) in archived_links.iter().zip(&file_links) {
            assert_eq!(archived["text"], file["text"]);
            let resolved = file["url"]
                .as_str()
                .map(|url| base.join(url).unwrap().to_string());
            assert_eq!(
                archived["url"].as_str(),
                resolved.as_deref(),
                "{}",
                page.url
            );
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

#[test]
fn an_empty_archive_is_an_error_record() {
    let dir = scratch("warc-empty");
    for name in ["empty.warc", "empty.warc.gz"] {
        let path = dir.join(name);
        std::fs::write(&path, b"").expect("write");
        let output = Command::new(extract_binary())
            .args(["--format", "json"])
            .arg(&path)
            .output()
            .expect("extract runs");
        let found = records(&output.stdout);
        assert_eq!(found.len(), 1, "{name}");
        assert!(found[0]["error"]
            .as_str()
            .is_some_and(|error| error.contains("no WARC record")));
        assert_eq!(output.status.code(), Some(1));
    }
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_body_inflating_past_the_limit_says_so() {
    use std::io::Write as _;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gzip.write_all(&vec![b'<'; 300_000]).expect("in memory");
    let body = gzip.finish().expect("in memory");
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend_from_slice(&body);
    let mut archive = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/bomb\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    archive.extend_from_slice(&http);
    archive.extend_from_slice(b"\r\n\r\n");
    let dir = scratch("warc-bomb");
    let path = dir.join("bomb.warc");
    std::fs::write(&path, archive).expect("write");
    let output = Command::new(extract_binary())
        .args(["--format", "json", "--max-input-bytes", "100000"])
        .arg(&path)
        .output()
        .expect("extract runs");
    let found = records(&output.stdout);
    let error = found[0]["error"].as_str().expect("an error");
    assert!(
        error.contains("inflates to more than 100000 bytes") && !error.contains("the input is"),
        "{error}"
    );
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn the_binary_reads_every_page_after_a_wrong_content_length() {
    let pages = fixture_pages();
    let whole = archive(&pages[..4], false);
    // The second page's response (after the first page's and the image's)
    // claims 100 kB more than its block holds.
    let mut responses =
        (0..whole.len()).filter(|&at| whole[at..].starts_with(b"WARC-Type: response"));
    let second = responses.nth(2).expect("a second page");
    let length_at = second
        + whole[second..]
            .windows(16)
            .position(|window| window == b"Content-Length: ")
            .expect("a length")
        + 16;
    let digits = whole[length_at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let length: usize = std::str::from_utf8(&whole[length_at..length_at + digits])
        .expect("digits")
        .parse()
        .expect("a number");
    let mut damaged = whole[..length_at].to_vec();
    damaged.extend_from_slice((length + 100_000).to_string().as_bytes());
    damaged.extend_from_slice(&whole[length_at + digits..]);
    let dir = scratch("warc-overlong");
    let path = dir.join("overlong.warc");
    std::fs::write(&path, damaged).expect("write");
    let (found, _) = run_extract(&[&path]);
    let urls: Vec<&str> = found
        .iter()
        .filter_map(|record| record["url"].as_str())
        .collect();
    let expected: Vec<&str> = pages[..4]
        .iter()
        .enumerate()
        .filter(|&(index, _)| index != 1)
        .map(|(_, page)| page.url.as_str())
        .collect();
    assert_eq!(urls, expected, "every intact page is read");
    assert_eq!(found.len(), 4, "and the damaged one is one error record");
    std::fs::remove_dir_all(dir).expect("clean up");
}
