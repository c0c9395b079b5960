//! A page to look at: every line of a page in order, coloured by the label
//! newsclip gave it, with the article's region outlined, written as one
//! self-contained HTML file.
//!
//! It is the first thing to open when a page comes out wrong: which lines
//! were kept, which were left out beside them, what the classifier said
//! before the assembler revised it (hover a line for its four scores), and
//! what the article's title, byline, date, captions, related links and
//! confidence came out as.
//!
//! ```
//! let page = "Home | World | Sport\n\
//!             Storm closes ports\n\
//!             A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
//!             Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n\
//!             Related articles\n\
//!             Ports reopen after strike\n";
//! let extractor = newsclip::Extractor::default();
//! let report = newsclip::report::html_report(&extractor, "storm.txt", page.as_bytes(), false);
//! assert!(report.starts_with("<!DOCTYPE html>"));
//! // One element per line, each carrying its number and final label.
//! assert_eq!(report.matches(" data-line=").count(), 6);
//! assert!(report.contains(r#"class="line related" data-line="6""#));
//! ```
//!
//! ## What the page holds
//!
//! * A summary of what the extractor returned for the page: title, byline,
//!   date, confidence, captions and related links, or the error when it
//!   returned none (a page without an article still shows its lines).
//! * A legend, kept in view while scrolling.
//! * One element per line of the page, numbered as
//!   [`LineVerdict::line`] numbers them (the input line of a text page, so
//!   blank lines leave gaps; the emitted line of an HTML page), coloured by
//!   its final label, marked when the article kept it (headline,
//!   paragraph, caption) or took it as a related link, and with the
//!   classifier's four scores and first label in its `title` attribute.
//!   The lines from the first kept one to the last sit inside one outlined
//!   box: the article's region.
//!
//! The lines are the visible page's, as [`Extractor::line_verdicts_html`]
//! and [`Extractor::line_verdicts_text`] label them. When the extractor
//! took its article from another reading of an HTML page (its hidden
//! parts, its `noscript` markup or its script data), the report says so:
//! the summary is that article, the lines are still the visible page.
//!
//! ## Untrusted text
//!
//! Everything taken from the page (line text, title, links, the name given)
//! is escaped, control characters are shown as their Unicode control
//! pictures, and each line's text is a bidirectional isolate, so a page
//! cannot inject markup or scripts into its own report, nor reorder the
//! report around it. Link addresses are shown as text, never as live
//! links. The report itself has no script and loads nothing: a page of
//! tens of thousands of lines is one static list that any browser shows.

use crate::article::{Article, Label, LineVerdict};
use crate::assemble::assemble;
use crate::classify::{classify, Verdict};
use crate::decode::{decode_html, decode_text};
use crate::document::Document;
use crate::error::Error;
use crate::extractor::Extractor;
use crate::features::compute_features;
use crate::segment::html::segment_html;
use crate::segment::text::segment_text;
use std::fmt::{self, Write};

/// A related-links list longer than this starts folded, so the page's
/// lines are not pushed far below the summary.
const OPEN_LIST_MAX_ITEMS: usize = 10;

/// Renders the report of one page as a complete HTML document.
///
/// `extractor` reads the page as it would to extract it (its settings,
/// such as [`Config::recall_bias`](crate::Config::recall_bias), change the
/// labels shown); `name` heads the report (a path or URL; shown escaped);
/// `page` is read as HTML when `is_html` is true, as
/// [`Extractor::extract_html`] reads it, else as a text page, as
/// [`Extractor::extract_text_bytes`] reads it. Never fails: an input that
/// cannot be read (empty, binary, too large) gets a report of the error
/// with no lines.
///
/// ```
/// let extractor = newsclip::Extractor::default();
/// let report = newsclip::report::html_report(&extractor, "home.txt", b"Home\nNews\nSport\n", false);
/// assert!(report.contains("no article found"));
/// assert_eq!(report.matches(" data-line=").count(), 3);
///
/// let hostile = b"<p>Read <script>alert(1)</script> this</p>";
/// let report = newsclip::report::html_report(&extractor, "x.html", hostile, true);
/// assert!(!report.contains("<script"));
/// ```
pub fn html_report(extractor: &Extractor, name: &str, page: &[u8], is_html: bool) -> String {
    let result = if is_html {
        extractor.extract_html(page)
    } else {
        extractor.extract_text_bytes(page)
    };
    // Only a page that was read has lines to show: an empty, binary or
    // oversized input is not segmented (an oversized one must not be).
    let lines = match &result {
        Ok(article) => visible_lines(extractor, page, is_html, Some(article)),
        Err(Error::NoArticle) => visible_lines(extractor, page, is_html, None),
        Err(_) => VisibleLines::default(),
    };
    let mut out = String::with_capacity(4096 + page.len() * 2);
    // Writing into a String never fails.
    let _ = write_report(&mut out, name, &result, &lines);
    out
}

/// What the article made of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The article's headline.
    Title,
    /// One of the article's paragraphs.
    Paragraph,
    /// One of the article's captions.
    Caption,
    /// One of the article's related links.
    RelatedLink,
    /// The line the article's byline was read from.
    Byline,
    /// The line the article's date was read from.
    Date,
    /// Not part of the article.
    Left,
}

impl Role {
    /// The roles with a mark in the gutter, in the legend's order.
    const MARKED: [Role; 6] = [
        Role::Title,
        Role::Paragraph,
        Role::Caption,
        Role::RelatedLink,
        Role::Byline,
        Role::Date,
    ];

    /// The gutter mark and its meaning, for the lines and the legend.
    fn mark(self) -> (&'static str, &'static str) {
        match self {
            Role::Title => ("H", "the headline"),
            Role::Paragraph => ("\u{2713}", "a paragraph of the article"),
            Role::Caption => ("C", "a caption of the article"),
            Role::RelatedLink => ("\u{2197}", "a related link"),
            Role::Byline => ("B", "the byline"),
            Role::Date => ("D", "the date"),
            Role::Left => ("", "not in the article"),
        }
    }

    fn is_kept(self) -> bool {
        matches!(self, Role::Title | Role::Paragraph | Role::Caption)
    }
}

/// One line of the visible page as the report shows it.
struct ReportLine {
    text: String,
    verdict: LineVerdict,
    role: Role,
}

/// The visible page's lines, and whether they are the lines the
/// extractor's article was built from.
#[derive(Default)]
struct VisibleLines {
    lines: Vec<ReportLine>,
    /// The extractor's article came from another reading of the page.
    other_reading: bool,
}

/// Segments, measures, classifies and assembles the visible page, as the
/// extractor does, keeping each line's text beside its verdict (the
/// extractor's [`Article`] keeps verdicts only). `extracted`: the
/// extractor's article, if it found one; the lines' roles are shown only
/// then.
fn visible_lines(
    extractor: &Extractor,
    page: &[u8],
    is_html: bool,
    extracted: Option<&Article>,
) -> VisibleLines {
    let document = if is_html {
        segment_html(&decode_html(page))
    } else {
        segment_text(&decode_text(page))
    };
    let features = compute_features(&document);
    let verdicts: Vec<Verdict> = features.iter().map(classify).collect();
    let article = assemble(&document, &features, &verdicts, extractor.config());
    let roles = match extracted {
        Some(_) => line_roles(&document, &article),
        None => vec![Role::Left; document.lines.len()],
    };
    // The same verdicts, computed the same way, mean the same document.
    let other_reading = extracted.is_some_and(|extracted| extracted.lines != article.lines);
    let lines = document
        .lines
        .iter()
        .zip(&article.lines)
        .zip(roles)
        .map(|((line, verdict), role)| ReportLine {
            text: document.line_text(line).to_owned(),
            verdict: verdict.clone(),
            role,
        })
        .collect();
    VisibleLines {
        lines,
        other_reading,
    }
}

/// What `article` (assembled from `document`, not yet cleaned, so its
/// strings are the lines' own text) made of each line. Paragraphs and
/// captions are the body and caption lines of the region in page order,
/// so each is matched to the next line with its label and its text; the
/// headline is the last line above the first paragraph with its text;
/// the byline and date are the lines left out with their text nearest the
/// first paragraph (they may come from the page's metadata instead).
fn line_roles(document: &Document, article: &Article) -> Vec<Role> {
    let text = |index: usize| document.line_text(&document.lines[index]);
    let mut roles = vec![Role::Left; document.lines.len()];
    let mut paragraphs = article.paragraphs.iter().peekable();
    let mut captions = article.captions.iter().peekable();
    let mut related = article.related.iter().peekable();
    for (index, verdict) in article.lines.iter().enumerate() {
        let line = text(index);
        let (role, matched) = match verdict.label {
            Label::Body => (
                Role::Paragraph,
                paragraphs.next_if(|next| *next == line).is_some(),
            ),
            Label::Caption => (
                Role::Caption,
                captions.next_if(|next| *next == line).is_some(),
            ),
            Label::Related => (
                Role::RelatedLink,
                related.next_if(|next| next.text == line).is_some(),
            ),
            Label::Navigation => (Role::Left, false),
        };
        if matched {
            roles[index] = role;
        }
    }
    let first_paragraph = roles
        .iter()
        .position(|&role| role == Role::Paragraph)
        .unwrap_or(roles.len());
    if let Some(title) = &article.title {
        if let Some(index) = (0..first_paragraph)
            .rev()
            .find(|&index| text(index) == title)
        {
            roles[index] = Role::Title;
        }
    }
    for (field, role) in [(&article.byline, Role::Byline), (&article.date, Role::Date)] {
        let Some(field) = field else { continue };
        let nearest = (0..roles.len())
            .filter(|&index| roles[index] == Role::Left && text(index) == field)
            .min_by_key(|&index| index.abs_diff(first_paragraph));
        if let Some(index) = nearest {
            roles[index] = role;
        }
    }
    roles
}

fn write_report(
    out: &mut String,
    name: &str,
    result: &Result<Article, Error>,
    visible: &VisibleLines,
) -> fmt::Result {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"newsclip {}\">\n\
         <title>newsclip report: {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        Escaped(name),
    )?;
    write_summary(out, name, result, visible)?;
    write_legend(out, &visible.lines)?;
    write_lines(out, &visible.lines)?;
    out.push_str("</body>\n</html>\n");
    Ok(())
}

/// The header: what the extractor returned.
fn write_summary(
    out: &mut String,
    name: &str,
    result: &Result<Article, Error>,
    visible: &VisibleLines,
) -> fmt::Result {
    write!(
        out,
        "<header>\n<h1>newsclip report</h1>\n<p class=\"source\">{}</p>\n",
        Escaped(name)
    )?;
    let article = match result {
        Ok(article) => article,
        Err(error) => {
            writeln!(
                out,
                "<p class=\"error\" id=\"error\"><strong>No article.</strong> {}</p>",
                Escaped(&error.to_string())
            )?;
            write_counts(out, &visible.lines)?;
            return out.write_str("</header>\n");
        }
    };
    if visible.other_reading {
        out.push_str(
            "<p class=\"note\" id=\"other-reading\">The article was read from another reading of \
             the page (its hidden parts, its <code>noscript</code> markup or its script data). \
             The lines below are the visible page, labelled as the assembler read it.</p>\n",
        );
    }
    out.push_str("<dl class=\"summary\">\n");
    write_field(out, "Title", article.title.as_deref())?;
    write_field(out, "Byline", article.byline.as_deref())?;
    write_field(out, "Date", article.date.as_deref())?;
    let confidence = article.confidence.clamp(0.0, 1.0);
    let low = if confidence < 0.5 { " low" } else { "" };
    writeln!(
        out,
        "<dt>Confidence</dt><dd><span class=\"meter{low}\"><span style=\"width:{:.0}%\"></span></span> \
         {confidence:.2}{}</dd>",
        confidence * 100.0,
        if low.is_empty() { "" } else { " (low: below 0.5)" },
    )?;
    writeln!(
        out,
        "<dt>Article</dt><dd>{} paragraphs, {} words, {} captions, {} related links</dd>",
        article.paragraphs.len(),
        article
            .paragraphs
            .iter()
            .map(|paragraph| paragraph.split_whitespace().count())
            .sum::<usize>(),
        article.captions.len(),
        article.related.len(),
    )?;
    out.push_str("</dl>\n");
    write_counts(out, &visible.lines)?;
    write_list(
        out,
        "Captions",
        "captions",
        article.captions.iter(),
        |out, caption| write!(out, "{}", Escaped(caption)),
    )?;
    write_list(
        out,
        "Related links",
        "related",
        article.related.iter(),
        |out, link| {
            write!(out, "{}", Escaped(&link.text))?;
            if let Some(url) = &link.url {
                // Shown, not linked: the address is the page's, untrusted.
                write!(out, " <code>{}</code>", Escaped(url))?;
            }
            Ok(())
        },
    )?;
    out.write_str("</header>\n")
}

fn write_field(out: &mut String, name: &str, value: Option<&str>) -> fmt::Result {
    match value {
        Some(value) => writeln!(out, "<dt>{name}</dt><dd>{}</dd>", Escaped(value)),
        None => writeln!(out, "<dt>{name}</dt><dd class=\"missing\">none found</dd>"),
    }
}

/// A folding list of the article's captions or related links.
fn write_list<T>(
    out: &mut String,
    title: &str,
    id: &str,
    items: impl ExactSizeIterator<Item = T>,
    mut write_item: impl FnMut(&mut String, T) -> fmt::Result,
) -> fmt::Result {
    let count = items.len();
    if count == 0 {
        return writeln!(out, "<p class=\"missing\" id=\"{id}\">{title}: none</p>");
    }
    let open = if count <= OPEN_LIST_MAX_ITEMS {
        " open"
    } else {
        ""
    };
    write!(
        out,
        "<details id=\"{id}\"{open}><summary>{title} ({count})</summary>\n<ol>\n"
    )?;
    for item in items {
        out.push_str("<li>");
        write_item(out, item)?;
        out.push_str("</li>\n");
    }
    out.write_str("</ol>\n</details>\n")
}

/// How many lines the page has, by label, and how many the article kept.
fn write_counts(out: &mut String, lines: &[ReportLine]) -> fmt::Result {
    let kept = lines.iter().filter(|line| line.role.is_kept()).count();
    write!(
        out,
        "<p class=\"counts\" id=\"counts\">{} lines, {kept} kept in the article",
        lines.len()
    )?;
    for label in Label::ALL {
        let count = lines
            .iter()
            .filter(|line| line.verdict.label == label)
            .count();
        write!(out, "; {count} {label}")?;
    }
    out.write_str("</p>\n")
}

/// The legend: the four labels' colours, the gutter marks, the region box.
fn write_legend(out: &mut String, lines: &[ReportLine]) -> fmt::Result {
    out.push_str("<nav class=\"legend\" id=\"legend\" aria-label=\"legend\">\n");
    for label in Label::ALL {
        let count = lines
            .iter()
            .filter(|line| line.verdict.label == label)
            .count();
        writeln!(
            out,
            "<span class=\"chip\"><span class=\"swatch {label}\"></span>{label} <small>{count}</small></span>"
        )?;
    }
    for role in Role::MARKED {
        let (mark, meaning) = role.mark();
        writeln!(
            out,
            "<span class=\"chip\"><span class=\"key\">{mark}</span>{meaning}</span>"
        )?;
    }
    out.push_str(
        "<span class=\"chip\"><span class=\"region-key\"></span>the article's region</span>\n",
    );
    // A plain link, no script: long menus often come before the story.
    if lines.iter().any(|line| line.role.is_kept()) {
        out.push_str("<a class=\"chip jump\" href=\"#region\">go to the region \u{2193}</a>\n");
    }
    out.push_str("<span class=\"chip hint\">hover a line for its scores</span>\n</nav>\n");
    Ok(())
}

/// Every line, those of the article's region inside one outlined box.
fn write_lines(out: &mut String, lines: &[ReportLine]) -> fmt::Result {
    out.push_str("<main id=\"lines\">\n");
    if lines.is_empty() {
        out.push_str("<p class=\"missing\">No lines: the input was not read as a page.</p>\n");
    }
    let kept = |line: &&ReportLine| line.role.is_kept();
    let first = lines.iter().position(|line| kept(&line));
    let last = lines.iter().rposition(|line| kept(&line));
    for (index, line) in lines.iter().enumerate() {
        if Some(index) == first {
            let kept_count = lines.iter().filter(kept).count();
            write!(
                out,
                "<section class=\"region\" id=\"region\" data-first=\"{}\" data-last=\"{}\">\n\
                 <h2>the article's region: lines {}\u{2013}{}, {kept_count} kept</h2>\n",
                line.verdict.line,
                lines[last.unwrap_or(index)].verdict.line,
                line.verdict.line,
                lines[last.unwrap_or(index)].verdict.line,
            )?;
        }
        write_line(out, line)?;
        if Some(index) == last {
            out.push_str("</section>\n");
        }
    }
    out.write_str("</main>\n")
}

fn write_line(out: &mut String, line: &ReportLine) -> fmt::Result {
    let verdict = &line.verdict;
    let label = verdict.label;
    let (mark, meaning) = line.role.mark();
    let kept = if line.role.is_kept() { " kept" } else { "" };
    write!(
        out,
        "<div class=\"line {label}{kept}\" data-line=\"{n}\" id=\"L{n}\" title=\"line {n}: {label}, {meaning}",
        n = verdict.line,
    )?;
    if verdict.first_label != label {
        write!(out, " (the classifier said {})", verdict.first_label)?;
    }
    out.push_str("&#10;");
    for (index, class) in Label::ALL.iter().enumerate() {
        let separator = if index == 0 { "" } else { " \u{b7} " };
        write!(out, "{separator}{class} {:.2}", verdict.scores[index])?;
    }
    write!(
        out,
        "\"><span class=\"n\">{}</span><span class=\"m\">{mark}</span><span class=\"t\">{}</span>",
        verdict.line,
        Escaped(&line.text)
    )?;
    if verdict.first_label != label {
        write!(
            out,
            "<span class=\"was\">was {}</span>",
            verdict.first_label
        )?;
    }
    out.write_str("</div>\n")
}

/// Text from the page, escaped for HTML text and attribute values, with
/// control characters shown as their control pictures (U+2400…): a raw
/// NUL or escape would be a parse error or invisible.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut clean_from = 0;
        for (at, ch) in text.char_indices() {
            let replacement: Option<&str> = match ch {
                '&' => Some("&amp;"),
                '<' => Some("&lt;"),
                '>' => Some("&gt;"),
                '"' => Some("&quot;"),
                '\'' => Some("&#39;"),
                _ => None,
            };
            let picture = control_picture(ch);
            if replacement.is_none() && picture.is_none() {
                continue;
            }
            f.write_str(&text[clean_from..at])?;
            match (replacement, picture) {
                (Some(replacement), _) => f.write_str(replacement)?,
                (None, Some(picture)) => f.write_char(picture)?,
                (None, None) => {}
            }
            clean_from = at + ch.len_utf8();
        }
        f.write_str(&text[clean_from..])
    }
}

/// The visible stand-in of a control character: U+2400 + code for C0
/// (tab and line feed included: a line shows as one line), U+2421 for
/// DEL, U+FFFD for C1 controls, which have no pictures.
fn control_picture(ch: char) -> Option<char> {
    match ch {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + ch as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// The report's style sheet: label colours as custom properties (the
/// screenshot check reads them from here), lines as a grid of number,
/// mark and wrapped text.
const STYLE: &str = r#":root {
  --body: #dcf1d8; --body-edge: #2e8540;
  --caption: #fdecbf; --caption-edge: #b7791f;
  --navigation: #e9ecf0; --navigation-edge: #8794a1;
  --related: #e8defa; --related-edge: #7048b6;
  --region: #c62828; --ink: #1d232a; --muted: #5b6570; --rule: #d5dbe1;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header { padding: 18px 28px 10px; background: #f7f8fa; border-bottom: 1px solid var(--rule); }
h1 { margin: 0; font-size: 19px; }
.source { margin: 2px 0 10px; color: var(--muted); overflow-wrap: anywhere;
  font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 8px 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.missing { color: var(--muted); font-style: italic; }
.meter { display: inline-block; width: 120px; height: 9px; vertical-align: middle;
  background: #e3e7eb; border-radius: 5px; overflow: hidden; }
.meter > span { display: block; height: 100%; background: var(--body-edge); }
.meter.low > span { background: #d97706; }
.error { margin: 10px 0; padding: 8px 12px; border: 1px solid #e4b3b3; border-radius: 4px;
  background: #fdeeee; color: #8a1c1c; }
.note { margin: 10px 0; padding: 8px 12px; border: 1px solid #e8d28a; border-radius: 4px;
  background: #fff8e1; }
.counts { margin: 6px 0; color: var(--muted); font-size: 14px; }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
details ol { margin: 4px 0 8px; padding-left: 28px; }
details li { overflow-wrap: anywhere; }
code { font: 12px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; color: var(--muted); }
.legend { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 6px 18px;
  padding: 8px 28px; background: #fff; border-bottom: 1px solid var(--rule); font-size: 13px; }
.chip { display: inline-flex; align-items: center; gap: 6px; }
.chip small { color: var(--muted); }
.chip.hint { color: var(--muted); font-style: italic; }
.chip.jump { color: var(--region); font-weight: 600; text-decoration: none; }
.region { scroll-margin-top: 64px; }
.swatch { display: inline-block; width: 22px; height: 14px; border-left: 5px solid; border-radius: 2px; }
.key { display: inline-block; min-width: 1.2em; text-align: center; font-weight: 700; }
.region-key { display: inline-block; width: 22px; height: 14px; border: 2px solid var(--region); border-radius: 3px; }
main { padding: 10px 28px 40px; }
.line { display: grid; grid-template-columns: 6ch 1.4em minmax(0, 1fr) auto; column-gap: 8px;
  margin: 1px 0; padding: 1px 8px 1px 0; border-left: 5px solid; border-radius: 2px; }
.line .n { color: var(--muted); text-align: right; user-select: none;
  font: 12px/21px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.line .m { text-align: center; font-weight: 700; }
.line .t { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.line .was { align-self: start; margin-top: 2px; padding: 0 5px; border: 1px solid var(--rule);
  border-radius: 8px; background: #fff; color: var(--muted); font-size: 11px; white-space: nowrap; }
.line:hover { filter: brightness(0.95); }
.line:target { outline: 2px solid var(--ink); }
.body { background: var(--body); border-color: var(--body-edge); }
.caption { background: var(--caption); border-color: var(--caption-edge); }
.navigation { background: var(--navigation); border-color: var(--navigation-edge); }
.related { background: var(--related); border-color: var(--related-edge); }
.line.navigation .t, .line.related .t { color: #39424b; }
.line.kept .t { font-weight: 500; }
.line.kept .m { color: var(--region); }
.region { margin: 12px -8px; padding: 0 6px 6px; border: 2px solid var(--region); border-radius: 6px; }
.region > h2 { margin: 0 0 4px -6px; display: inline-block; padding: 1px 10px;
  background: var(--region); color: #fff; font-size: 12px; font-weight: 600; border-radius: 4px 0 4px 0; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_shows_controls() {
        let shown = Escaped("<a href=\"x\">Tom & Jerry's</a>\u{0}\u{1b}\u{7f}\u{85}").to_string();
        assert_eq!(
            shown,
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;\u{2400}\u{241b}\u{2421}\u{fffd}"
        );
        assert_eq!(Escaped("plain text, é").to_string(), "plain text, é");
    }

    #[test]
    fn roles_follow_the_article() {
        let page = "Home | World | Sport\n\
            Storm closes ports\n\
            A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
            Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n\
            Related articles\n\
            Ports reopen after strike\n";
        let extractor = Extractor::default();
        let article = extractor.extract_text(page).expect("an article");
        let visible = visible_lines(&extractor, page.as_bytes(), false, Some(&article));
        let roles: Vec<Role> = visible.lines.iter().map(|line| line.role).collect();
        assert_eq!(
            roles,
            [
                Role::Left,
                Role::Title,
                Role::Paragraph,
                Role::Paragraph,
                Role::Left,
                Role::RelatedLink
            ]
        );
        assert!(!visible.other_reading);
    }
}
