//! Hostile input, one test per kind: the small pages shipped in
//! `fixtures/hostile` and the large ones built by `support/hostile.rs`.
//! Each either yields the article or the error that says what is wrong —
//! never a panic, never a hang.

#[path = "support/hostile.rs"]
mod hostile;

use newsclip::{Article, Config, Error, Extractor};
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The first words of each paragraph: enough to see what went wrong
/// without printing megabytes.
fn previews(paragraphs: &[String]) -> Vec<String> {
    paragraphs
        .iter()
        .map(|paragraph| format!("{paragraph:.80} ({} bytes)", paragraph.len()))
        .collect()
}

/// The generated pages' article came through whole, and nothing else did.
fn assert_article_survives(result: Result<Article, Error>) {
    let article = result.expect("the article is extracted");
    assert_eq!(article.title.as_deref(), Some(hostile::HEADLINE));
    assert_eq!(
        article.paragraphs.len(),
        hostile::PARAGRAPH_STARTS.len(),
        "{:?}",
        previews(&article.paragraphs)
    );
    for (paragraph, start) in article.paragraphs.iter().zip(hostile::PARAGRAPH_STARTS) {
        assert!(
            paragraph.starts_with(start),
            "{paragraph:?} should start with {start:?}"
        );
    }
}

#[test]
fn empty_and_whitespace_inputs_are_empty_input() {
    let extractor = Extractor::default();
    assert_eq!(
        extractor.extract_html(&fixture("empty.html")),
        Err(Error::EmptyInput)
    );
    assert_eq!(
        extractor.extract_text_bytes(&fixture("whitespace.txt")),
        Err(Error::EmptyInput)
    );
}

#[test]
fn binary_inputs_are_not_text() {
    let extractor = Extractor::default();
    assert_eq!(
        extractor.extract_html(&fixture("image.html")),
        Err(Error::NotText)
    );
    assert_eq!(
        extractor.extract_text_bytes(&fixture("nul-padded.txt")),
        Err(Error::NotText)
    );
    // Through the text path too: an image is not a text page either.
    assert_eq!(
        extractor.extract_text_bytes(&fixture("image.html")),
        Err(Error::NotText)
    );
}

#[test]
fn oversized_inputs_are_refused_before_any_work() {
    let extractor = Extractor::new(Config::default().with_max_input_bytes(1000));
    let page = fixture("truncated.html");
    assert_eq!(
        extractor.extract_html(&page),
        Err(Error::InputTooLarge {
            size: page.len(),
            limit: 1000
        })
    );
}

#[test]
fn a_truncated_download_yields_the_text_that_arrived() {
    let article = newsclip::extract_html(&fixture("truncated.html")).expect("an article");
    assert!(
        article.paragraphs.len() >= 3,
        "{:?}",
        previews(&article.paragraphs)
    );
}

#[test]
fn undeclared_encodings_are_decoded() {
    let extractor = Extractor::default();
    let cases = [
        (
            "shift-jis-undeclared.html",
            "東京都内では二十三日朝から強い雨が降り続き",
        ),
        (
            "utf16le-no-bom.html",
            "Giá lúa tại nhiều tỉnh đồng bằng sông Cửu Long",
        ),
        ("latin1-undeclared.html", "La municipalité a annoncé jeudi"),
    ];
    for (name, start) in cases {
        let article = extractor.extract_html(&fixture(name)).expect(name);
        assert!(
            article.paragraphs[0].starts_with(start),
            "{name}: {:?}",
            article.paragraphs
        );
    }
    let article = extractor
        .extract_text_bytes(&fixture("latin1-undeclared.txt"))
        .expect("text page");
    assert!(article.paragraphs[0].starts_with("La municipalité a annoncé jeudi"));
}

#[test]
fn a_home_page_has_no_article() {
    assert_eq!(
        newsclip::extract_html(&fixture("home-page.html")),
        Err(Error::NoArticle)
    );
}

#[test]
fn broken_markup_is_parsed_as_browsers_parse_it() {
    let article = newsclip::extract_html(&fixture("broken-markup.html")).expect("an article");
    let text = article.text();
    for words in [
        "A storm closed the country's two largest ports",
        "Harbour officials said",
        "Dock workers were sent home",
    ] {
        assert!(text.contains(words), "{words:?} missing from {text:?}");
    }
}

#[test]
fn a_hundred_thousand_deep_page_keeps_its_article() {
    assert_article_survives(Extractor::default().extract_html_str(&hostile::deep_nesting(100_000)));
}

#[test]
fn a_fifty_megabyte_page_yields_what_its_first_screen_does() {
    let extractor = Extractor::default();
    let alone = extractor
        .extract_html_str(&hostile::real_page())
        .expect("the real page");
    let large = extractor
        .extract_html_str(&hostile::large_page(50 << 20))
        .expect("the large page");
    assert_eq!(large.paragraphs.first(), alone.paragraphs.first());
    assert!(large.paragraphs.len() >= alone.paragraphs.len());
}

#[test]
fn a_million_tiny_elements_keep_the_article() {
    assert_article_survives(
        Extractor::default().extract_html_str(&hostile::tiny_elements(1_000_000)),
    );
}

#[test]
fn a_ten_megabyte_line_is_kept_whole() {
    let article = Extractor::default()
        .extract_html_str(&hostile::long_line(10 << 20))
        .expect("an article");
    let longest = article
        .paragraphs
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0);
    assert!(
        longest >= 10 << 20,
        "the long paragraph came out at {longest} bytes"
    );
}

#[test]
fn a_farm_of_a_hundred_thousand_links_is_not_the_article() {
    assert_article_survives(Extractor::default().extract_html_str(&hostile::link_farm(100_000)));
}

#[test]
fn formatting_left_open_in_every_paragraph_keeps_the_article() {
    assert_article_survives(
        Extractor::default().extract_html_str(&hostile::misnested_formatting(1 << 20)),
    );
}

#[test]
fn a_formatting_element_with_a_megabyte_of_attributes_keeps_the_article() {
    assert_article_survives(
        Extractor::default().extract_html_str(&hostile::many_attributes(1 << 20)),
    );
}

#[test]
fn eight_million_tiny_paragraphs_keep_the_article() {
    assert_article_survives(
        Extractor::default().extract_html_str(&hostile::tiny_paragraphs(8_000_000)),
    );
}
