//! Provenance on every verdict (`LineVerdict::start`, `end`, `path`), on
//! every fixture page: the byte range holds the line's text, and the
//! path selects, in the page as a browser parses it, the one element the
//! line's text is in.

use encoding_rs::Encoding;
use newsclip::{Config, Extractor, LineVerdict};
use scraper::{Html, Selector};
use std::io::Read;
use std::path::Path;

/// How many characters of a line must open and close its range exactly.
const EDGE_CHARS: usize = 8;

struct Page {
    name: String,
    bytes: Vec<u8>,
    is_html: bool,
    /// The charset the page is in (the hostile pages declare none: their
    /// README names it).
    encoding: &'static Encoding,
}

fn fixtures() -> Vec<Page> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut pages = Vec::new();
    for folder in ["scrapinghub/html", "wcxb/html", "seeds", "hostile"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
            .expect("a fixture folder")
            .map(|entry| entry.expect("an entry").path())
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let mut bytes = std::fs::read(&path).expect("a fixture");
            if name.ends_with(".gz") {
                let mut plain = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut plain)
                    .expect("gzip");
                bytes = plain;
            }
            let is_html = name.contains(".html");
            if !is_html && !name.ends_with(".txt") {
                continue;
            }
            let encoding = match name.as_str() {
                "latin1-undeclared.html" | "latin1-undeclared.txt" => encoding_rs::WINDOWS_1252,
                "shift-jis-undeclared.html" => encoding_rs::SHIFT_JIS,
                "utf16le-no-bom.html" => encoding_rs::UTF_16LE,
                _ => encoding_rs::UTF_8,
            };
            pages.push(Page {
                name,
                bytes,
                is_html,
                encoding,
            });
        }
    }
    pages
}

/// The page's verdicts and each line's text, for pages that have lines.
fn lines_of(page: &Page) -> Option<(Vec<LineVerdict>, Vec<String>)> {
    let extractor = Extractor::new(Config::default().with_provenance(true));
    let verdicts = match page.is_html {
        true => extractor.line_verdicts_html(&page.bytes, None),
        false => extractor.line_verdicts_text(&page.bytes),
    }
    .ok()?;
    let texts: Vec<String> = newsclip::debug_lines(&page.bytes, page.is_html)
        .into_iter()
        .map(|line| line.text)
        .collect();
    assert_eq!(verdicts.len(), texts.len(), "{}", page.name);
    Some((verdicts, texts))
}

fn squeeze(text: &str) -> Vec<char> {
    text.chars().filter(|ch| !ch.is_whitespace()).collect()
}

/// Whether `needle` is a subsequence of `haystack`.
fn is_subsequence(needle: &[char], haystack: &[char]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|ch| rest.any(|other| other == ch))
}

/// The check of a line's range: the text of `source` (markup stripped,
/// entities decoded by a real parser) opens and closes with the line's
/// first and last characters, and holds all of the line's in order
/// (markup between its pieces may hold text the line leaves out).
fn check_range(page: &Page, verdict: &LineVerdict, text: &str) -> Result<(), String> {
    if !page.is_html {
        // A text page: the range, in the decoded text, is the line itself.
        let decoded = page.encoding.decode_without_bom_handling(&page.bytes).0;
        return match decoded.get(verdict.start..verdict.end) {
            Some(source) if source == text => Ok(()),
            source => Err(format!("{source:?} is not the line {text:?}")),
        };
    }
    let bytes = page
        .bytes
        .get(verdict.start..verdict.end)
        .ok_or_else(|| format!("range {}..{} outside the page", verdict.start, verdict.end))?;
    let (source, had_errors) = page.encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "range {}..{} cuts a character",
            verdict.start, verdict.end
        ));
    }
    let fragment = Html::parse_fragment(&source);
    let source_text = squeeze(&fragment.root_element().text().collect::<String>());
    let line = squeeze(text);
    let edge = EDGE_CHARS.min(line.len());
    let opens = source_text.get(..edge) == Some(&line[..edge]);
    let closes = source_text.len() >= edge
        && source_text[source_text.len() - edge..] == line[line.len() - edge..];
    match opens && closes && is_subsequence(&line, &source_text) {
        true => Ok(()),
        false => Err(format!("{source:?} does not hold the line {text:?}")),
    }
}

/// The check of a line's path: it parses, selects exactly one element of
/// the page, and that element's text holds the line's: whole, or, when
/// the element holds text the line leaves out (a script's), piece by
/// piece, opening and closing as the line does.
fn check_path(tree: &Html, verdict: &LineVerdict, text: &str) -> Result<(), String> {
    let path = verdict.path.as_deref().ok_or("no path")?;
    let selector = Selector::parse(path).map_err(|error| format!("{path}: {error:?}"))?;
    let selected: Vec<_> = tree.select(&selector).collect();
    let [element] = selected[..] else {
        return Err(format!("{path} selects {} elements", selected.len()));
    };
    let element_text = squeeze(&element.text().collect::<String>());
    match holds(&element_text, &squeeze(text)) {
        true => Ok(()),
        false => Err(format!("{path} does not hold {text:?}")),
    }
}

/// Whether `text` holds `line` whole, or in pieces: from a place where
/// its first characters stand, all of it in order, its last characters
/// together.
fn holds(text: &[char], line: &[char]) -> bool {
    let edge = EDGE_CHARS.min(line.len());
    let (first, last) = (&line[..edge], &line[line.len() - edge..]);
    let places = |part: &[char]| {
        (0..=text.len().saturating_sub(part.len()))
            .filter(|&at| text[at..].starts_with(part))
            .collect::<Vec<_>>()
    };
    if occurrences(text, line) > 0 {
        return true;
    }
    !places(last).is_empty()
        && places(first)
            .into_iter()
            .any(|from| is_subsequence(line, &text[from..]))
}

/// How many times `part` stands in `text`.
fn occurrences(text: &[char], part: &[char]) -> usize {
    text.windows(part.len().max(1))
        .filter(|window| *window == part)
        .count()
}

fn original_tree(page: &Page) -> Html {
    let skipped = Encoding::for_bom(&page.bytes).map_or(0, |(_, length)| length);
    let html = page
        .encoding
        .decode_without_bom_handling(&page.bytes[skipped..])
        .0;
    Html::parse_document(&html)
}

/// The failures of every check on every line of every fixture page, the
/// verdicts first changed by `alter`; and how many lines were checked.
fn failures(
    wanted: impl Fn(&Page) -> bool,
    alter: impl Fn(&mut LineVerdict, &str),
) -> (Vec<String>, usize) {
    let mut failed = Vec::new();
    let mut checked = 0;
    for page in fixtures().into_iter().filter(wanted) {
        let Some((mut verdicts, texts)) = lines_of(&page) else {
            continue;
        };
        let tree = page.is_html.then(|| original_tree(&page));
        for (verdict, text) in verdicts.iter_mut().zip(&texts) {
            alter(verdict, text);
            checked += 1;
            let mut result = check_range(&page, verdict, text);
            if let (Some(tree), Ok(())) = (&tree, &result) {
                result = check_path(tree, verdict, text);
            }
            if page.is_html && verdict.path.is_none() {
                result = Err("no path".to_owned());
            }
            if let Err(why) = result {
                failed.push(format!("{} line {}: {why}", page.name, verdict.line));
            }
        }
    }
    (failed, checked)
}

#[test]
fn every_verdict_points_at_its_text_and_element() {
    let (failed, checked) = failures(|_| true, |_, _| {});
    assert!(checked > 1000, "the fixtures hold lines: {checked}");
    assert!(
        failed.is_empty(),
        "{} of {checked}:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn provenance_is_off_by_default_for_html() {
    let page = fixtures()
        .into_iter()
        .find(|page| page.is_html)
        .expect("a page");
    let lines = Extractor::default()
        .line_verdicts_html(&page.bytes, None)
        .expect("lines");
    assert!(lines
        .iter()
        .all(|line| line.start == 0 && line.end == 0 && line.path.is_none()));
}

#[test]
fn text_pages_have_no_path() {
    for page in fixtures().iter().filter(|page| !page.is_html) {
        if let Some((verdicts, _)) = lines_of(page) {
            assert!(
                verdicts.iter().all(|verdict| verdict.path.is_none()),
                "{}",
                page.name
            );
        }
    }
}

/// The checks catch a range one character off at either end.
#[test]
fn a_shifted_range_fails() {
    for shift in [Shift::StartLater, Shift::EndSooner] {
        let (failed, checked) = failures(|_| true, |verdict, text| shift.apply(verdict, text));
        assert_eq!(
            failed.len(),
            checked,
            "{shift:?} passed on {} lines",
            checked - failed.len()
        );
    }
}

/// The checks catch a path to a sibling of the line's element, on every
/// line whose text the page holds once (a sibling that holds the same
/// text cannot be told from the line's own element by its text).
#[test]
fn a_wrong_path_fails() {
    let mut checked = 0;
    for page in fixtures().into_iter().filter(|page| page.is_html) {
        let Some((verdicts, texts)) = lines_of(&page) else {
            continue;
        };
        let tree = original_tree(&page);
        let page_text = squeeze(&tree.root_element().text().collect::<String>());
        for (verdict, text) in verdicts.iter().zip(&texts) {
            if occurrences(&page_text, &squeeze(text)) != 1 {
                continue;
            }
            let mut wrong = verdict.clone();
            wrong.path = verdict.path.as_deref().map(sibling_path);
            checked += 1;
            assert!(
                check_path(&tree, &wrong, text).is_err(),
                "{} line {}: {:?} passed",
                page.name,
                verdict.line,
                wrong.path
            );
        }
    }
    assert!(checked > 500, "{checked} lines checked");
}

#[derive(Debug, Clone, Copy)]
enum Shift {
    StartLater,
    EndSooner,
}

impl Shift {
    /// Moves one end of the range by a byte. (In a UTF-8 page, a byte
    /// inside a character makes a range that cuts it, which fails too.)
    fn apply(self, verdict: &mut LineVerdict, _text: &str) {
        match self {
            Shift::StartLater => verdict.start += 1,
            Shift::EndSooner => verdict.end -= 1,
        }
    }
}

/// `path` with its last step's `:nth-of-type` one more (or, with none,
/// a second of its tag asked for).
fn sibling_path(path: &str) -> String {
    let (head, last) = path.rsplit_once(" > ").unwrap_or(("", path));
    let last = match last.split_once(":nth-of-type(") {
        Some((step, place)) => {
            let place: u32 = place.trim_end_matches(')').parse().expect("a place");
            format!("{step}:nth-of-type({})", place + 1)
        }
        None => format!("{last}:nth-of-type(2)"),
    };
    format!("{head} > {last}")
}
