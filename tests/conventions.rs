//! The conventions a library user reaches for (issue 17): absolute link
//! addresses when the page's URL is known, gzipped input read as it is
//! by the binary, a builder setter per `Config` field, `Display` for
//! `Article`.

use newsclip::{Config, Error, Extractor, HtmlPage};
use std::io::Write;

const STORY: &str = "<article><h1>Storm closes ports</h1>\
    <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
    <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
    </article>";

/// A page with `head` markup and one related link to `href`.
fn page_linking_to(head: &str, href: &str) -> String {
    format!(
        "<html><head>{head}</head><body>{STORY}<aside class='related'><h2>Related articles</h2>\
         <p><a href='{href}'>Ports reopen after a week-long strike by dock workers</a></p></aside></body></html>"
    )
}

fn related_url(extractor: &Extractor, page: HtmlPage<'_>) -> Option<String> {
    let article = extractor.extract_html_page(page).expect("an article");
    article.related[0].url.clone()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn related_links_resolve_against_the_page_url() {
    let extractor = Extractor::default();
    let html = page_linking_to("", "../ports/reopen?from=storm#top");
    let page = HtmlPage::new(html.as_bytes()).with_url("https://news.example/world/storm");
    assert_eq!(
        related_url(&extractor, page).as_deref(),
        Some("https://news.example/ports/reopen?from=storm#top")
    );
    // Decoded text and a charset take the same URL.
    let page = HtmlPage::decoded(&html).with_url("https://news.example/world/storm");
    assert_eq!(
        related_url(&extractor, page).as_deref(),
        Some("https://news.example/ports/reopen?from=storm#top")
    );
}

#[test]
fn the_base_href_comes_before_the_page_url() {
    let extractor = Extractor::default();
    let html = page_linking_to("<base href='/archive/2024/'>", "ports");
    let page = HtmlPage::new(html.as_bytes()).with_url("https://news.example/world/storm");
    assert_eq!(
        related_url(&extractor, page).as_deref(),
        Some("https://news.example/archive/2024/ports")
    );
    // Only the first `<base href>` counts, as in browsers.
    let html = page_linking_to(
        "<base target='_blank'><base href='https://cdn.example/a/'><base href='https://other.example/'>",
        "ports",
    );
    let article = extractor.extract_html(html.as_bytes()).unwrap();
    assert_eq!(
        article.related[0].url.as_deref(),
        Some("https://cdn.example/a/ports")
    );
}

#[test]
fn without_a_url_or_absolute_base_links_stay_as_written() {
    let extractor = Extractor::default();
    let html = page_linking_to("<base href='/archive/'>", "../ports");
    assert_eq!(
        related_url(&extractor, HtmlPage::new(html.as_bytes())).as_deref(),
        Some("../ports")
    );
    let page = HtmlPage::new(html.as_bytes()).with_url("not a url");
    assert_eq!(related_url(&extractor, page).as_deref(), Some("../ports"));
}

#[test]
fn mailto_and_javascript_links_are_kept_as_they_are() {
    let extractor = Extractor::default();
    for href in ["mailto:desk@news.example", "javascript:void(0)"] {
        let html = page_linking_to("", href);
        let page = HtmlPage::new(html.as_bytes()).with_url("https://news.example/storm");
        assert_eq!(related_url(&extractor, page).as_deref(), Some(href));
    }
}

#[test]
fn gzipped_bytes_are_read_as_the_page_they_hold() {
    let extractor = Extractor::default();
    let html = page_linking_to("", "/ports");
    let plain = extractor.extract_html(html.as_bytes()).unwrap();
    let gzipped = gzip(html.as_bytes());
    assert_eq!(extractor.extract_html(&gzipped).unwrap(), plain);
    assert_eq!(extractor.extract(&gzipped).unwrap(), plain);
    assert_eq!(newsclip::extract_html(&gzipped).unwrap(), plain);
    assert_eq!(
        extractor
            .extract_html_with_charset(&gzipped, "utf-8")
            .unwrap(),
        plain
    );
    let text = "Storm closes ports\n\
        A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
        Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n";
    assert_eq!(
        extractor.extract(&gzip(text.as_bytes())).unwrap(),
        extractor.extract_text(text).unwrap()
    );
    assert_eq!(
        extractor
            .extract_text_bytes(&gzip(text.as_bytes()))
            .unwrap(),
        extractor.extract_text(text).unwrap()
    );
}

#[test]
fn a_gzip_bomb_is_too_large_without_being_unpacked() {
    let limit = 1 << 20;
    let bomb = gzip(&b"<p>a</p>".repeat(64 << 20 >> 3));
    assert!(bomb.len() < limit);
    let extractor = Extractor::new(Config::default().with_max_input_bytes(limit));
    assert_eq!(
        extractor.extract_html(&bomb),
        Err(Error::InputTooLarge {
            size: limit + 1,
            limit
        })
    );
    assert!(matches!(
        extractor.extract(&bomb),
        Err(Error::InputTooLarge { .. })
    ));
}

#[test]
fn a_corrupt_gzip_stream_is_a_clear_error() {
    let gzipped = gzip(page_linking_to("", "/ports").as_bytes());
    let truncated = &gzipped[..gzipped.len() / 2];
    let error = Extractor::default().extract_html(truncated).unwrap_err();
    assert!(matches!(error, Error::InvalidGzip { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("the input starts as gzip data but cannot be gunzipped: "),
        "{error}"
    );
}

#[test]
fn every_config_field_has_a_setter() {
    let config = Config::default()
        .with_max_input_bytes(1000)
        .with_body_threshold(0.5)
        .with_recall_bias(0.25)
        .with_title_lookback(3)
        .with_metadata_window(2);
    assert_eq!(config.max_input_bytes, 1000);
    assert_eq!(config.body_threshold, 0.5);
    assert_eq!(config.recall_bias, 0.25);
    assert_eq!(config.title_lookback, 3);
    assert_eq!(config.metadata_window, 2);
}

#[test]
fn an_article_displays_as_its_text() {
    let article = newsclip::extract_html(page_linking_to("", "/ports").as_bytes()).unwrap();
    assert_eq!(article.paragraphs.len(), 2);
    assert_eq!(format!("{article}"), article.text());
}
