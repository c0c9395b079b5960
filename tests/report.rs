//! `newsclip::report::html_report` on the fixture pages: every line once,
//! in order, numbered and labelled as `Article::lines` has them; the
//! page's text escaped; the legend and the region's outline there. No
//! browser needed (`scripts/report-screenshot` checks one in a browser).

#[path = "support/binary.rs"]
mod binary;

use newsclip::report::html_report;
use newsclip::{Article, Error, Extractor, Label};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One line element of a report, read back.
#[derive(Debug)]
struct ShownLine {
    number: u32,
    label: String,
    kept: bool,
    text: String,
}

/// The line elements of `report`, in document order. The report writes
/// each as one `<div class="line …" data-line="N" …>` whose text span
/// holds escaped text only, so a plain scan reads them back.
fn shown_lines(report: &str) -> Vec<ShownLine> {
    report
        .split("<div class=\"line ")
        .skip(1)
        .map(|element| {
            let classes = &element[..element.find('"').expect("class ends")];
            let mut classes = classes.split(' ');
            let label = classes.next().expect("a label class").to_owned();
            let kept = classes.any(|class| class == "kept");
            let number = between(element, "data-line=\"", "\"")
                .parse()
                .expect("a line number");
            let text = unescape(between(element, "<span class=\"t\">", "</span>"));
            ShownLine {
                number,
                label,
                kept,
                text,
            }
        })
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect("the start marker") + start.len();
    let to = text[from..].find(end).expect("the end marker");
    &text[from..from + to]
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A fixture page: its name, bytes (gunzipped) and whether it is HTML.
struct Fixture {
    name: String,
    bytes: Vec<u8>,
    is_html: bool,
}

fn fixtures() -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut pages = Vec::new();
    for (dir, suffix, is_html) in [
        ("seeds", ".txt", false),
        ("scrapinghub/html", ".html.gz", true),
    ] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("the fixture folder")
            .map(|entry| entry.expect("an entry").path())
            .filter(|path| path.to_string_lossy().ends_with(suffix))
            .collect();
        paths.sort();
        for path in paths {
            let raw = std::fs::read(&path).expect("a fixture page");
            let bytes = if is_html {
                let mut bytes = Vec::new();
                flate2::read::GzDecoder::new(&raw[..])
                    .read_to_end(&mut bytes)
                    .expect("a gzipped page");
                bytes
            } else {
                raw
            };
            pages.push(Fixture {
                name: path.display().to_string(),
                bytes,
                is_html,
            });
        }
    }
    assert!(pages.len() >= 9, "the seed and scrapinghub fixtures");
    pages
}

fn extract(extractor: &Extractor, fixture: &Fixture) -> Result<Article, Error> {
    if fixture.is_html {
        extractor.extract_html(&fixture.bytes)
    } else {
        extractor.extract_text_bytes(&fixture.bytes)
    }
}

#[test]
fn every_line_is_shown_once_in_order_with_its_final_label() {
    let extractor = Extractor::default();
    for fixture in fixtures() {
        let article = extract(&extractor, &fixture).expect("the fixtures have articles");
        let report = html_report(&extractor, &fixture.name, &fixture.bytes, fixture.is_html);
        let shown = shown_lines(&report);
        let numbers: Vec<u32> = shown.iter().map(|line| line.number).collect();
        let expected: Vec<u32> = article.lines.iter().map(|line| line.line).collect();
        assert_eq!(
            numbers, expected,
            "{}: the lines and their numbers",
            fixture.name
        );
        for (line, verdict) in shown.iter().zip(&article.lines) {
            assert_eq!(
                line.label,
                verdict.label.as_str(),
                "{}: line {}",
                fixture.name,
                line.number
            );
        }
        assert_eq!(report.matches(" data-line=").count(), article.lines.len());
    }
}

/// How the numberings relate: the report's i-th line is `debug_lines`'
/// i-th line and `Article::lines`' i-th verdict; its number is the input
/// line of a text page (blank lines skipped) and i + 1 on an HTML page.
#[test]
fn a_line_shows_its_own_text_under_its_own_number() {
    let extractor = Extractor::default();
    for fixture in fixtures() {
        let report = html_report(&extractor, &fixture.name, &fixture.bytes, fixture.is_html);
        let shown = shown_lines(&report);
        let debug = newsclip::debug_lines(&fixture.bytes, fixture.is_html);
        assert_eq!(shown.len(), debug.len(), "{}", fixture.name);
        let input = String::from_utf8_lossy(&fixture.bytes);
        let input_lines: Vec<&str> = input.lines().collect();
        for (index, (line, debug_line)) in shown.iter().zip(&debug).enumerate() {
            assert_eq!(
                line.text, debug_line.text,
                "{}: line {}",
                fixture.name, line.number
            );
            if fixture.is_html {
                assert_eq!(line.number as usize, index + 1, "{}", fixture.name);
            } else {
                let source = input_lines[line.number as usize - 1].trim();
                assert_eq!(
                    line.text, source,
                    "{}: input line {}",
                    fixture.name, line.number
                );
            }
        }
    }
}

#[test]
fn the_region_outline_holds_the_kept_lines_and_the_article_is_summarised() {
    let extractor = Extractor::default();
    for fixture in fixtures() {
        let article = extract(&extractor, &fixture).expect("an article");
        let report = html_report(&extractor, &fixture.name, &fixture.bytes, fixture.is_html);
        assert_eq!(
            report.matches("<section class=\"region\"").count(),
            1,
            "{}",
            fixture.name
        );
        let start = report
            .find("<section class=\"region\"")
            .expect("the region");
        let end = start
            + report[start..]
                .find("</section>")
                .expect("the region's end");
        let (before, rest) = report.split_at(start);
        let (inside, after) = rest.split_at(end - start);
        let inside = shown_lines(inside);
        assert!(
            shown_lines(before).iter().all(|line| !line.kept),
            "{}",
            fixture.name
        );
        assert!(
            shown_lines(after).iter().all(|line| !line.kept),
            "{}",
            fixture.name
        );
        assert!(
            inside.first().is_some_and(|line| line.kept),
            "{}",
            fixture.name
        );
        assert!(
            inside.last().is_some_and(|line| line.kept),
            "{}",
            fixture.name
        );
        // Every paragraph and caption is a kept line, and the headline
        // too when a line carries it.
        let kept: Vec<&str> = inside
            .iter()
            .filter(|line| line.kept)
            .map(|line| line.text.as_str())
            .collect();
        let title_lines = usize::from(
            article
                .title
                .as_deref()
                .is_some_and(|title| kept.contains(&title)),
        );
        assert_eq!(
            kept.len(),
            article.paragraphs.len() + article.captions.len() + title_lines,
            "{}",
            fixture.name
        );
        for paragraph in &article.paragraphs {
            assert!(
                kept.contains(&paragraph.as_str()),
                "{}: {paragraph}",
                fixture.name
            );
        }
        if let Some(title) = &article.title {
            let field = format!("<dt>Title</dt><dd>{}</dd>", escape(title));
            assert!(report.contains(&field), "{}: {field}", fixture.name);
        }
        assert!(report.contains(&format!("{:.2}", article.confidence)));
    }
}

#[test]
fn the_legend_names_every_label_and_mark() {
    let fixture = &fixtures()[0];
    let report = html_report(&Extractor::default(), &fixture.name, &fixture.bytes, false);
    let legend = between(&report, "<nav class=\"legend\"", "</nav>");
    for label in Label::ALL {
        assert!(legend.contains(&format!("swatch {label}")), "{label}");
    }
    for meaning in [
        "the headline",
        "a paragraph of the article",
        "a caption of the article",
        "a related link",
        "the article's region",
    ] {
        assert!(legend.contains(meaning), "{meaning}");
    }
    // Each label's colour is defined once and used by its lines.
    for label in Label::ALL {
        assert!(report.contains(&format!(".{label} {{ background: var(--{label});")));
    }
}

#[test]
fn text_from_the_page_is_escaped() {
    let extractor = Extractor::default();
    let html = b"<html><head><title>x</title></head><body><article>\
        <h1>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</h1>\
        <p>The council said on Monday that &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; is what the attacker typed into the form.</p>\
        <p>Officials added that quotes \" and ' and the sign &lt;img src=x onerror=alert(1)&gt; were stored as text, as they should be.</p>\
        </article></body></html>";
    let text = "<script>alert(1)</script>\n\
        The council said on Monday that the attacker typed \"><img src=x onerror=alert(1)> into the form.\n\
        Officials added that the text was stored as it was typed, as a careful site should store it.\n";
    for (page, is_html) in [(&html[..], true), (text.as_bytes(), false)] {
        let report = html_report(
            &extractor,
            "\"><script>alert('name')</script>",
            page,
            is_html,
        );
        let lower = report.to_lowercase();
        assert!(!lower.contains("<script"), "{report}");
        assert!(!lower.contains("<img"), "{report}");
        assert!(report.contains("&lt;script&gt;alert("), "{report}");
        assert!(report.contains("&quot;&gt;&lt;script&gt;alert(&#39;name&#39;)"));
        // Each line is still one element, its text read back whole.
        let shown = shown_lines(&report);
        assert!(shown
            .iter()
            .any(|line| line.text.contains("<script>alert(")));
    }
}

#[test]
fn control_characters_are_shown_not_written() {
    let page = "Bell\u{7} and escape \u{1b}[31m in a line of the page that the reader should see as such, not obey.\n\
        Another line of running text, so that the page reads as an article with two paragraphs in it.\n";
    let report = html_report(
        &Extractor::default(),
        "controls.txt",
        page.as_bytes(),
        false,
    );
    assert!(!report.contains('\u{7}') && !report.contains('\u{1b}'));
    assert!(report.contains("Bell\u{2407} and escape \u{241b}[31m"));
}

#[test]
fn a_page_without_an_article_shows_its_lines_and_the_error() {
    let extractor = Extractor::default();
    let page = b"Home\nNews\nSport\n\nWeather\n";
    let report = html_report(&extractor, "home.txt", page, false);
    assert!(report.contains(&Error::NoArticle.to_string()));
    let numbers: Vec<u32> = shown_lines(&report)
        .iter()
        .map(|line| line.number)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 5]);
    let verdicts = extractor.line_verdicts_text(page).expect("verdicts");
    for (line, verdict) in shown_lines(&report).iter().zip(&verdicts) {
        assert_eq!(line.label, verdict.label.as_str());
    }
    assert!(!report.contains("<section class=\"region\""));
}

#[test]
fn an_input_that_is_not_a_page_gets_its_error_and_no_lines() {
    let extractor = Extractor::default();
    let cases: [(&[u8], Error); 2] = [
        (b"  \n\n", Error::EmptyInput),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", Error::NotText),
    ];
    for (page, error) in cases {
        let report = html_report(&extractor, "x", page, true);
        assert!(report.contains(&error.to_string()), "{error}");
        assert_eq!(report.matches(" data-line=").count(), 0);
        assert!(report.ends_with("</html>\n"));
    }
}

#[test]
fn an_article_read_from_noscript_markup_is_said_to_be() {
    let posts: String = [
        "The new timetable moves the first train to six in the morning, which suits commuters who start early at the docks.",
        "I asked the operator whether the late service on Fridays stays, and they said it does until the end of the year at least.",
        "Buses will wait for delayed trains at the main station for up to ten minutes, according to the notice posted this week.",
    ]
    .iter()
    .map(|post| format!("<div class='post'><p>{post}</p></div>"))
    .collect();
    let page = format!(
        "<html><body><div id='app'>Loading…</div><noscript><h1>Timetable changes</h1>{posts}</noscript></body></html>"
    );
    let report = html_report(&Extractor::default(), "app.html", page.as_bytes(), true);
    assert!(report.contains("id=\"other-reading\""));
    assert!(report.contains("3 paragraphs"));
    // The visible page's one line, not the noscript article's.
    assert_eq!(shown_lines(&report).len(), 1);

    let shown = "<html><body><article><h1>Timetable changes</h1>\
        <p>The new timetable moves the first train to six in the morning, which suits commuters who start early.</p>\
        <p>Buses will wait for delayed trains at the main station for up to ten minutes, the notice says.</p></article></body></html>";
    let report = html_report(&Extractor::default(), "shown.html", shown.as_bytes(), true);
    assert!(!report.contains("id=\"other-reading\""));
}

#[test]
fn a_page_of_twenty_thousand_lines_is_shown_whole() {
    let mut page = String::new();
    for number in 0..20_000 {
        if number % 7 == 0 {
            page.push_str("Home | World | Sport\n");
        } else {
            page.push_str(&format!(
                "Paragraph {number} of the long report, in which the council describes the budget line by line.\n"
            ));
        }
    }
    let report = html_report(&Extractor::default(), "long.txt", page.as_bytes(), false);
    let shown = shown_lines(&report);
    assert_eq!(shown.len(), 20_000);
    assert!(shown
        .iter()
        .zip(1..)
        .all(|(line, number)| line.number == number));
    // Static: no script at all, so nothing runs per line.
    assert!(!report.contains("<script"));
}

#[test]
fn the_binary_writes_a_report_for_one_input_and_refuses_several() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds/001_64d613a760c9d0b9.txt");
    let output = Command::new(binary::extract_binary())
        .args(["--format", "html-report"])
        .arg(&fixture)
        .output()
        .expect("extract runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(report.starts_with("<!DOCTYPE html>"));
    let page = std::fs::read(&fixture).expect("the fixture");
    assert_eq!(
        report,
        html_report(
            &Extractor::default(),
            &fixture.display().to_string(),
            &page,
            false
        )
    );

    let several = Command::new(binary::extract_binary())
        .args(["--format", "html-report"])
        .arg(fixture.parent().expect("the seeds folder"))
        .output()
        .expect("extract runs");
    assert_eq!(several.status.code(), Some(2));
    assert!(several.stdout.is_empty());
    assert!(String::from_utf8_lossy(&several.stderr)
        .contains("--format html-report writes one HTML page"));
}
