//! Pathological pages, generated: the large kinds of `fixtures/hostile`
//! that are cheaper to build than to ship. Shared by `tests/hostile.rs`,
//! `benches/hostile.rs` and the `hostile_corpus` example (which writes
//! them to files for a batch run), each including this file with `#[path]`.
//!
//! Every page but the large one wraps the same short article, so a test
//! can check the article survives whatever surrounds it; the large one
//! repeats a real page, whose article it should yield.

#![allow(dead_code)] // each includer uses its own subset.

/// The headline of [`ARTICLE`].
pub const HEADLINE: &str = "River levels fall as the flood moves downstream";

/// A short article: a headline and three paragraphs, written for these
/// tests.
pub const ARTICLE: &str = "<h1>River levels fall as the flood moves downstream</h1>\
    <p>Water levels on the upper river fell through Tuesday night, and engineers said the \
    worst of the flooding had passed the towns that were evacuated at the weekend.</p>\
    <p>Downstream, crews raised temporary barriers along the embankment, working in shifts \
    while the regional council opened two more shelters for families who left their homes.</p>\
    <p>The council said roads in the valley would stay closed until inspectors had checked \
    every bridge, which could take the rest of the week if the rain holds off.</p>";

/// The first words of each paragraph of [`ARTICLE`].
pub const PARAGRAPH_STARTS: [&str; 3] = ["Water levels", "Downstream, crews", "The council said"];

fn page(body: &str) -> String {
    format!("<!doctype html><html><head><title>{HEADLINE}</title></head><body>{body}</body></html>")
}

/// The article nested `depth` elements deep.
pub fn deep_nesting(depth: usize) -> String {
    page(&format!(
        "{}{ARTICLE}{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    ))
}

/// A page of about `bytes` bytes: the body of a real news page (from
/// `fixtures/scrapinghub`) repeated, so its cost per byte compares fairly
/// with that page's own, and its article should be that page's.
pub fn large_page(bytes: usize) -> String {
    let filler_body = real_page_body();
    let mut body = String::with_capacity(bytes + filler_body.len());
    while body.len() < bytes {
        body.push_str(&filler_body);
    }
    page(&body)
}

/// The page `large_page` repeats: a real one, whole.
pub fn real_page() -> String {
    use std::io::Read;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "fixtures/scrapinghub/html/f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584.html.gz",
    );
    let compressed = std::fs::read(&path).expect("fixture page");
    let mut html = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut html)
        .expect("gzipped UTF-8 page");
    html
}

/// What lies between `<body …>` and `</body>` in [`real_page`].
fn real_page_body() -> String {
    let html = real_page();
    let open = html.find("<body").expect("a body");
    let start = open + html[open..].find('>').expect("body tag ends") + 1;
    let end = html.rfind("</body>").unwrap_or(html.len());
    html[start..end].to_owned()
}

/// The article after `count` tiny elements, half of them formatting
/// elements left open (which the parser must track).
pub fn tiny_elements(count: usize) -> String {
    let mut body = String::with_capacity(count * 12);
    for index in 0..count {
        body.push_str(if index % 2 == 0 {
            "<span>x</span>"
        } else {
            "<b>"
        });
    }
    page(&format!("<div>{body}</div><article>{ARTICLE}</article>"))
}

/// The article followed by one paragraph of about `bytes` bytes with no
/// line break in it: numbered sentences, so no two are the same.
pub fn long_line(bytes: usize) -> String {
    let mut paragraph = String::with_capacity(bytes + 100);
    let mut number = 0;
    while paragraph.len() < bytes {
        number += 1;
        paragraph.push_str(&format!(
            "Sentence {number} of the long paragraph goes on without a break. "
        ));
    }
    page(&format!("<article>{ARTICLE}<p>{paragraph}</p></article>"))
}

/// The article followed by a farm of `count` links.
pub fn link_farm(count: usize) -> String {
    let mut links = String::with_capacity(count * 40);
    for index in 0..count {
        links.push_str(&format!("<a href=\"/page/{index}\">link {index}</a> "));
    }
    page(&format!("<article>{ARTICLE}</article><div>{links}</div>"))
}

/// The article followed by paragraphs of about `bytes` bytes in all, each
/// opening a `<b>` with a class of its own and never closing it. Closing a
/// paragraph closes its `<b>`, but the parser still holds every one in its
/// list of active formatting elements and rebuilds them all in the next
/// paragraph: without a cap, the tree grows with the square of the
/// paragraphs (issue 16, item 1).
pub fn misnested_formatting(bytes: usize) -> String {
    let mut flood = String::with_capacity(bytes + 64);
    let mut number = 0;
    while flood.len() < bytes {
        number += 1;
        flood.push_str(&format!("<p><b class=\"c{number}\">{number}</p>"));
    }
    page(&format!("<article>{ARTICLE}</article><div>{flood}</div>"))
}

/// The article with one `<b>` of about `bytes` bytes of attributes, all of
/// different names, around its first paragraph's text. The parser checks
/// each new attribute against those before it, and compares formatting
/// elements attribute by attribute: without a cap, the time grows with
/// the square of the attributes (issue 16, item 1).
pub fn many_attributes(bytes: usize) -> String {
    let mut attributes = String::with_capacity(bytes + 16);
    let mut number = 0;
    while attributes.len() < bytes {
        number += 1;
        attributes.push_str(&format!(" a{number}=1"));
    }
    let [before, after] = ["<p>Water levels", " on the upper river"];
    let article = ARTICLE.replacen(
        &format!("{before}{after}"),
        &format!("{before}<b{attributes}>{after}</b>"),
        1,
    );
    page(&format!("<article>{article}</article>"))
}

/// The article followed by `count` empty-looking paragraphs of one
/// letter (`<p>a</p>`): the smallest markup that costs the parser an
/// element and a text node, and the walk a line.
pub fn tiny_paragraphs(count: usize) -> String {
    page(&format!(
        "<article>{ARTICLE}</article><div>{}</div>",
        "<p>a</p>".repeat(count)
    ))
}

/// The large kinds at the sizes the issue names, by file name.
pub fn large_kinds() -> Vec<(&'static str, String)> {
    vec![
        ("deep-100k.html", deep_nesting(100_000)),
        ("large-50mb.html", large_page(50 << 20)),
        ("tiny-elements-1m.html", tiny_elements(1_000_000)),
        ("long-line-10mb.html", long_line(10 << 20)),
        ("link-farm-100k.html", link_farm(100_000)),
    ]
}

/// The shapes of issue 16 (items 1 and 6) at the sizes their peak memory
/// is measured at, by file name: formatting left open in 16 MB of
/// paragraphs, 16 MB of attributes on one `<b>`, and 63 MiB of
/// `<p>a</p>` (written gzipped by `hostile_corpus`, 96 KB).
pub fn memory_kinds() -> Vec<(&'static str, String)> {
    vec![
        (
            "misnested-formatting-16mb.html",
            misnested_formatting(16 << 20),
        ),
        ("many-attributes-16mb.html", many_attributes(16 << 20)),
        ("tiny-paragraphs-63mib.html", tiny_paragraphs(63 << 17)),
    ]
}
