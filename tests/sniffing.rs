//! HTML told from text by content (issue 16, item 3): `looks_like_html`
//! and `Extractor::extract`, on the shapes a kilobyte-long byte sniffer
//! took for text pages — UTF-16 with or without a byte-order mark, long
//! style sheets or scripts first, a server's warnings before the markup —
//! and on text pages that quote markup, which must stay text.

use newsclip::{looks_like_html, Article, Extractor};
use std::path::Path;

const HEADLINE: &str = "Rice prices rise in the delta";
const FIRST: &str = "Rice prices rose for a third week in the provinces of the delta, traders said on Monday, as exporters bought ahead of the harvest.";
const SECOND: &str = "Farmers who kept their stocks sold at the highest price in two years, while millers warned that the rise would reach shops within a month.";
const THIRD: &str = "The agriculture ministry said it would release rice from the state reserve if prices kept rising, and asked exporters to honour their contracts.";
const PARAGRAPHS: [&str; 3] = [FIRST, SECOND, THIRD];

/// An article page whose markup starts with `opening`.
fn page_after(opening: &str) -> String {
    format!(
        "{opening}<!DOCTYPE html><html><head><title>{HEADLINE}</title></head><body>\
         <nav><a href='/'>Home</a> <a href='/business'>Business</a></nav>\
         <article><h1>{HEADLINE}</h1><p>{FIRST}</p><p>{SECOND}</p><p>{THIRD}</p></article>\
         <footer>Copyright 2024. All rights reserved.</footer></body></html>"
    )
}

fn utf16(text: &str, bom: bool, little_endian: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend(if little_endian {
            [0xff, 0xfe]
        } else {
            [0xfe, 0xff]
        });
    }
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// The page was read as HTML: its article came out, and no markup did.
fn assert_read_as_html(name: &str, bytes: &[u8]) {
    let article = read_as_html(name, bytes);
    assert_eq!(article.paragraphs, PARAGRAPHS, "{name}");
}

/// The page was read as HTML: its headline came out, and no markup did.
fn read_as_html(name: &str, bytes: &[u8]) -> Article {
    assert!(looks_like_html(bytes), "{name}: taken for text");
    let article = Extractor::default()
        .extract(bytes)
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    assert_eq!(article.title.as_deref(), Some(HEADLINE), "{name}");
    assert_no_markup(name, &article);
    article
}

fn assert_no_markup(name: &str, article: &Article) {
    let texts = article.title.iter().chain(&article.paragraphs);
    for text in texts {
        assert!(
            !text.contains('<'),
            "{name}: markup in the output: {text:?}"
        );
    }
}

#[test]
fn utf16_pages_with_and_without_a_byte_order_mark_are_html() {
    let page = page_after("");
    for (bom, little_endian, name) in [
        (true, true, "UTF-16LE with a BOM"),
        (true, false, "UTF-16BE with a BOM"),
        (false, true, "UTF-16LE without a BOM"),
        (false, false, "UTF-16BE without a BOM"),
    ] {
        assert_read_as_html(name, &utf16(&page, bom, little_endian));
    }
}

#[test]
fn the_shipped_utf16_page_without_a_bom_is_html() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile/utf16le-no-bom.html");
    let bytes = std::fs::read(&path).expect("fixture");
    assert!(looks_like_html(&bytes));
    let article = Extractor::default().extract(&bytes).expect("an article");
    assert!(article.paragraphs[0].starts_with("Giá lúa tại nhiều tỉnh"));
    assert_no_markup("utf16le-no-bom.html", &article);
}

#[test]
fn a_long_style_sheet_or_script_first_does_not_hide_the_page() {
    let rules: String = (0..200)
        .map(|n| format!(".teaser-{n} {{ margin: 0 0 {n}px; color: #333; }}\n"))
        .collect();
    let code: String = (0..200)
        .map(|n| format!("window.slots[{n}] = {{ id: 'ad-{n}', sizes: [[300, 250]] }};\n"))
        .collect();
    assert!(rules.len() > 8 * 1024 && code.len() > 8 * 1024);
    assert_read_as_html(
        "style first",
        page_after(&format!("<style>{rules}</style>\n")).as_bytes(),
    );
    assert_read_as_html(
        "script first",
        page_after(&format!("<script>{code}</script>\n")).as_bytes(),
    );
}

#[test]
fn server_warnings_before_the_markup_do_not_hide_the_page() {
    let tagged: String = (1..=8)
        .map(|line| {
            format!("<br />\n<b>Warning</b>:  Undefined variable $sidebar in <b>/var/www/html/wp-content/themes/news/header.php</b> on line <b>{line}</b><br />\n")
        })
        .collect();
    assert!(tagged.len() > 1024);
    // Text before the markup opens the body early, so the parser moves
    // the head's `<title>` into the body, where it reads as a line of its
    // own: the assembler then takes the first paragraph for a caption.
    // What is checked here is that the page is read as HTML at all.
    let article = read_as_html("PHP warnings in markup", page_after(&tagged).as_bytes());
    let last_two = &article.paragraphs[article.paragraphs.len().saturating_sub(2)..];
    assert_eq!(last_two, &PARAGRAPHS[1..], "{:?}", article.paragraphs);
    let plain = "PHP Warning:  Cannot modify header information - headers already sent by (output started at /var/www/html/index.php:12) in /var/www/html/wp-includes/pluggable.php on line 1435\n"
        .repeat(8);
    assert_read_as_html("PHP warnings as text", page_after(&plain).as_bytes());
    let headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: max-age=60\r\n\r\n";
    assert_read_as_html("saved HTTP headers", page_after(headers).as_bytes());
}

#[test]
fn text_pages_that_quote_markup_stay_text() {
    let tutorial = format!(
        "Writing your first page\n{}\nHere is an example page:\n<!doctype html>\n<html><head><title>Hello</title></head><body><p>Hello</p></body></html>\n",
        "Every page starts with a doctype, then the html element holds a head and a body; the paragraphs go inside the body.\n".repeat(60)
    );
    let advert = format!(
        "<a href='http://ads.example.com/click?n=1'><img src='http://ads.example.com/view?n=1' border='0' alt=''></a>\n{HEADLINE}\n{FIRST}\n{SECOND}\n"
    );
    for (name, page) in [("tutorial", tutorial), ("stray advert", advert)] {
        assert!(!looks_like_html(page.as_bytes()), "{name}: taken for HTML");
    }
    let article = Extractor::default()
        .extract(format!("Home\n{HEADLINE}\n{FIRST}\n{SECOND}\n").as_bytes())
        .expect("an article");
    assert_eq!(article.paragraphs, [FIRST, SECOND]);
}

#[test]
fn errors_are_those_of_the_page_read() {
    let extractor = Extractor::default();
    assert_eq!(extractor.extract(b""), Err(newsclip::Error::EmptyInput));
    assert_eq!(extractor.extract(b"  \n"), Err(newsclip::Error::EmptyInput));
    assert_eq!(
        extractor.extract(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        Err(newsclip::Error::NotText)
    );
}
