//! The two HTML front ends (`HtmlFrontEnd::Dom`, the tree html5ever
//! builds, and `HtmlFrontEnd::Tokens`, its token stream) give the same
//! article on every fixture page, and the token front end survives the
//! hostile pages: no panic, the article through, output no larger than
//! the input.

#[path = "support/hostile.rs"]
mod hostile;

use newsclip::{Article, Config, Error, Extractor, HtmlFrontEnd};
use std::io::Read;
use std::path::{Path, PathBuf};

fn extractor(front_end: HtmlFrontEnd) -> Extractor {
    Extractor::new(Config::default().with_html_front_end(front_end))
}

/// The page files of `fixtures/FOLDER`, sorted.
fn fixture_files(folder: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|error| panic!("{}: {error}", root.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| {
            let name = path.to_string_lossy();
            [".html", ".html.gz", ".txt"]
                .iter()
                .any(|end| name.ends_with(end))
        })
        .collect();
    paths.sort();
    paths
}

fn read(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut plain)
        .expect("gzip");
    plain
}

#[test]
fn both_front_ends_give_the_same_article_on_every_fixture_page() {
    let dom = extractor(HtmlFrontEnd::Dom);
    let tokens = extractor(HtmlFrontEnd::Tokens);
    let mut html_pages = 0;
    for folder in ["scrapinghub/html", "seeds", "hostile"] {
        for path in fixture_files(folder) {
            let bytes = read(&path);
            // The sniffer's choice for every page, and HTML forced for the
            // HTML ones (text pages never reach a front end).
            assert_eq!(
                dom.extract(&bytes),
                tokens.extract(&bytes),
                "{}",
                path.display()
            );
            if newsclip::looks_like_html(&bytes) {
                html_pages += 1;
                assert_eq!(
                    dom.extract_html(&bytes),
                    tokens.extract_html(&bytes),
                    "{}",
                    path.display()
                );
            }
        }
    }
    assert!(html_pages >= 8, "the fixtures hold HTML pages");
}

/// Every paragraph of the article together is no longer than the page.
fn assert_bounded(result: &Result<Article, Error>, page: &str) {
    if let Ok(article) = result {
        let text: usize = article.paragraphs.iter().map(String::len).sum();
        assert!(
            text <= page.len(),
            "{text} bytes of text from {}",
            page.len()
        );
        assert!(article.lines.len() <= page.len());
    }
}

/// The generated hostile pages, at sizes an unoptimised test build reads
/// in seconds (`tests/hostile.rs` and `benches/hostile.rs` take the full
/// sizes).
fn hostile_pages() -> Vec<(&'static str, String)> {
    vec![
        ("deep nesting", hostile::deep_nesting(20_000)),
        ("tiny elements", hostile::tiny_elements(100_000)),
        ("long line", hostile::long_line(1 << 20)),
        ("link farm", hostile::link_farm(10_000)),
        (
            "misnested formatting",
            hostile::misnested_formatting(1 << 20),
        ),
        ("many attributes", hostile::many_attributes(1 << 20)),
        ("tiny paragraphs", hostile::tiny_paragraphs(100_000)),
    ]
}

#[test]
fn the_token_front_end_survives_the_hostile_pages() {
    let tokens = extractor(HtmlFrontEnd::Tokens);
    for (name, page) in hostile_pages() {
        let result = tokens.extract_html_str(&page);
        assert_bounded(&result, &page);
        let article = result.unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(article.title.as_deref(), Some(hostile::HEADLINE), "{name}");
        for start in hostile::PARAGRAPH_STARTS {
            assert!(
                article
                    .paragraphs
                    .iter()
                    .any(|paragraph| paragraph.starts_with(start)),
                "{name}: no paragraph starts {start:?}"
            );
        }
    }
}

#[test]
fn the_token_front_end_reads_the_large_real_page_as_the_dom_does() {
    let page = hostile::large_page(2 << 20);
    let dom = extractor(HtmlFrontEnd::Dom).extract_html_str(&page);
    let tokens = extractor(HtmlFrontEnd::Tokens).extract_html_str(&page);
    assert_bounded(&tokens, &page);
    assert_eq!(dom, tokens);
}
