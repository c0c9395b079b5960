//! Property tests on both front ends: arbitrary input never panics, and
//! what comes out keeps its promises — one verdict per line, paragraphs
//! that are text of the input in input order, captions and related links
//! that never repeat a paragraph.

use newsclip::{Article, Error, Extractor};
use proptest::prelude::*;

/// Every paragraph occurs in `source` after the one before it.
fn assert_paragraphs_in_order(article: &Article, source: &str) -> Result<(), TestCaseError> {
    let mut cursor = 0;
    for paragraph in &article.paragraphs {
        let found = source[cursor..].find(paragraph.as_str());
        prop_assert!(
            found.is_some(),
            "{paragraph:?} is not in the input after byte {cursor}"
        );
        cursor += found.unwrap_or(0) + paragraph.len();
    }
    Ok(())
}

fn assert_no_repeats(article: &Article) -> Result<(), TestCaseError> {
    for caption in &article.captions {
        prop_assert!(
            !article.paragraphs.contains(caption),
            "caption repeats a paragraph: {caption:?}"
        );
    }
    for link in &article.related {
        prop_assert!(
            !article.paragraphs.contains(&link.text),
            "related repeats a paragraph: {:?}",
            link.text
        );
    }
    Ok(())
}

/// Lines a news page is made of: sentences, menu words, teaser headlines,
/// credits, dates. Each gets a serial number so no two lines repeat.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}( [a-z]{1,9}){8,30}[.!?]",
        "(Home|News|Sport|Menu|Sign in|Share|Tweet)",
        "(Read more|Related|Most read|Lire aussi|Mehr zum Thema|Xem thêm): [A-Z][a-z]{3,9}( [a-z]{2,8}){3,8}",
        "(Photo|Ảnh|Foto): [A-Z][a-z]{3,9} [A-Z][a-z]{3,9}",
        "[0-3][0-9]/[01][0-9]/20[0-9]{2} [0-2][0-9]:[0-5][0-9]",
        "\\PC{0,40}",
    ]
}

fn numbered(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .enumerate()
        .map(|(index, line)| format!("{line} {index}"))
        .collect()
}

/// A page of blocks in markup: headings, paragraphs, link lists, figures.
fn html_block(text: String) -> impl Strategy<Value = String> {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;");
    prop_oneof![
        Just(format!("<p>{escaped}</p>")),
        Just(format!("<h2>{escaped}</h2>")),
        Just(format!("<ul><li><a href=\"/x\">{escaped}</a></li></ul>")),
        Just(format!(
            "<figure><img src=a.jpg><figcaption>{escaped}</figcaption></figure>"
        )),
        Just(format!("<nav><a href=\"/\">{escaped}</a></nav>")),
        Just(format!("<div><span>{escaped}</span></div>")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_html_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(article) = newsclip::extract_html(&bytes) {
            prop_assert!(!article.paragraphs.is_empty());
        }
    }

    #[test]
    fn any_string_as_html_never_panics(html in "(<[a-z/!?]{0,8}[^<>]{0,30}>?|[^<]{0,60}){0,60}") {
        let _ = Extractor::default().extract_html_str(&html);
    }

    #[test]
    fn any_bytes_as_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = Extractor::default().extract_text_bytes(&bytes);
    }

    #[test]
    fn text_pages_keep_their_promises(lines in proptest::collection::vec(page_line(), 1..60)) {
        let page = numbered(lines).join("\n");
        match newsclip::extract_text(&page) {
            Ok(article) => {
                // Lines end where Python's splitlines ends them (U+2028 too).
                let non_blank = page
                    .split(['\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}'])
                    .filter(|line| !line.trim().is_empty())
                    .count();
                prop_assert_eq!(article.lines.len(), non_blank, "one verdict per non-blank line");
                prop_assert!(article.lines.windows(2).all(|pair| pair[0].line < pair[1].line));
                assert_paragraphs_in_order(&article, &page)?;
                assert_no_repeats(&article)?;
            }
            Err(error) => prop_assert!(matches!(error, Error::NoArticle | Error::NotText | Error::EmptyInput), "{error}"),
        }
    }

    #[test]
    fn html_pages_keep_their_promises(
        blocks in proptest::collection::vec(page_line(), 1..40)
            .prop_map(numbered)
            .prop_flat_map(|lines| lines.into_iter().map(html_block).collect::<Vec<_>>())
    ) {
        let html = format!("<html><body>{}</body></html>", blocks.concat());
        match Extractor::default().extract_html_str(&html) {
            Ok(mut article) => {
                prop_assert!(article.lines.windows(2).all(|pair| pair[0].line < pair[1].line));
                // The walk collapses white space, as a browser shows it.
                for paragraph in &mut article.paragraphs {
                    *paragraph = collapse_spaces(paragraph);
                }
                assert_paragraphs_in_order(&article, &collapse_spaces(&html_text(&html)))?;
                assert_no_repeats(&article)?;
            }
            Err(error) => prop_assert!(matches!(error, Error::NoArticle | Error::NotText | Error::EmptyInput), "{error}"),
        }
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's text as a browser would show it, markup removed and the two
/// escapes the generator writes undone.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push('\n');
            }
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    text.replace("&lt;", "<").replace("&amp;", "&")
}
