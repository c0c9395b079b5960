//! What callers get: the [`Article`] and the per-line [`LineVerdict`]s,
//! and the last cleaning of its text.
//!
//! Every string an [`Article`] hands out is safe to print and to compare:
//! control characters (C0 but tab and line feed, DEL, C1) never come out,
//! so a page cannot move a terminal's cursor or ring its bell through
//! `--format text`; and invisible format characters (soft hyphens,
//! zero-width spaces, word joiners, byte-order marks, and zero-width
//! joiners and non-joiners outside the scripts that need them) are
//! dropped, so that `Ver&shy;wal&shy;tung` is the word `Verwaltung`. It is
//! done once, on the built article, so every front end and every field
//! (title, paragraphs, captions, related links, byline, date) gets it;
//! text that needs none of it, all of it in ASCII, is only scanned.

use crate::normalize::is_invisible_format;
use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "serde")]
mod serde_shape;

/// The class of a line.
///
/// ```
/// use newsclip::Label;
///
/// let article = newsclip::extract_text("Share\nThe council approved the new budget on Tuesday after a long debate.\nSpending on schools rises by four percent, the mayor said in a statement.\n")?;
/// let labels: Vec<Label> = article.lines.iter().map(|line| line.label).collect();
/// assert_eq!(labels, [Label::Navigation, Label::Body, Label::Body]);
/// # Ok::<(), newsclip::Error>(())
/// ```
///
/// With the `serde` feature it is written as its [`Label::as_str`] name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Label {
    /// Part of the main article: headline, paragraphs, subheadings, quotes.
    Body,
    /// A photo or video caption, image alt text or credit of the article.
    Caption,
    /// Site furniture: menus, share widgets, bylines, dates, legal lines.
    Navigation,
    /// About other stories: "Related" headers, teaser headlines, summaries.
    Related,
}

impl Label {
    /// Every label, in the order of [`LineVerdict::scores`].
    pub const ALL: [Label; 4] = [
        Label::Body,
        Label::Caption,
        Label::Navigation,
        Label::Related,
    ];

    /// The label's lower-case name, as the JSON output writes it.
    ///
    /// ```
    /// assert_eq!(newsclip::Label::Related.as_str(), "related");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Body => "body",
            Label::Caption => "caption",
            Label::Navigation => "navigation",
            Label::Related => "related",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a line was kept or dropped: its label and the classifier's scores,
/// and where in the input its text is.
///
/// ```
/// let article = newsclip::extract_text("Home\n\nThe council approved the new budget on Tuesday after a long debate.\nSpending on schools rises by four percent, the mayor said in a statement.\n")?;
/// // One verdict per non-blank line, numbered as in the input.
/// let numbers: Vec<u32> = article.lines.iter().map(|line| line.line).collect();
/// assert_eq!(numbers, [1, 3, 4]);
/// # Ok::<(), newsclip::Error>(())
/// ```
///
/// Provenance: [`LineVerdict::start`] and [`LineVerdict::end`] are the
/// byte range of the line's text in the bytes given, and for an HTML page
/// [`LineVerdict::path`] is a CSS selector of the element the line sits
/// in, so a tool can highlight the line or pick its element with
/// `querySelector`. Text pages always get their ranges; HTML pages get
/// both when [`Config::provenance`](crate::Config::provenance) is on (it
/// costs time), else `0..0` and `None`:
///
/// ```
/// let page = "<html><body><div class='story'><h1>Storm closes ports</h1>\
///     <p>A storm closed the country&#39;s two largest ports on Monday, halting shipments.</p>\
///     <p>Harbour officials said the ports could reopen on <b>Wednesday</b> if the wind eases.</p>\
///     </div></body></html>";
/// let config = newsclip::Config::default().with_provenance(true);
/// let lines = newsclip::Extractor::new(config).line_verdicts_html(page.as_bytes(), None)?;
/// let last = &lines[2];
/// assert_eq!(
///     &page[last.start..last.end],
///     "Harbour officials said the ports could reopen on <b>Wednesday</b> if the wind eases."
/// );
/// assert_eq!(last.path.as_deref(), Some("html > body > div.story > p:nth-of-type(2)"));
/// // Entities stay as the page wrote them.
/// assert!(page[lines[1].start..lines[1].end].contains("country&#39;s"));
/// # Ok::<(), newsclip::Error>(())
/// ```
///
/// With the `serde` feature it is written `{"line": 3, "label": "body",
/// "first_label": "body", "scores": {"body": 0.9731, "caption": 0.0042,
/// "navigation": 0.0187, "related": 0.004}, "start": 1520, "end": 1642,
/// "path": "html > body > p:nth-of-type(2)"}`: the scores keyed by label,
/// rounded to four decimals (so a verdict read back holds the rounded
/// scores).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LineVerdict {
    /// Where the line came from: the 1-based line number of a text input.
    pub line: u32,
    /// The final label, after the assembler has seen the whole page.
    pub label: Label,
    /// The classifier's own label, before the assembler revised it.
    pub first_label: Label,
    /// The classifier's probabilities, in [`Label::ALL`] order.
    #[cfg_attr(feature = "serde", serde(with = "serde_shape::scores"))]
    pub scores: [f32; 4],
    /// Byte offset of the line's first character in the input: in the
    /// decoded text of a text page; in the bytes given of an HTML page,
    /// before any decoding (in a page's own charset, the offset of the
    /// character's first byte there). Edge white space is not included.
    #[cfg_attr(feature = "serde", serde(default))]
    pub start: usize,
    /// Byte offset just past the line's last character, as
    /// [`LineVerdict::start`]. `input[start..end]` holds the line's text;
    /// in HTML with the markup and entities between its pieces as the
    /// page wrote them (and, as markup, text the line leaves out, such as
    /// a button's label). Equal to `start` in the rare case the text was
    /// not found in the input (a line the parser put together from
    /// misnested markup).
    #[cfg_attr(feature = "serde", serde(default))]
    pub end: usize,
    /// For an HTML page, a CSS selector that picks out the element whose
    /// text the line is, as a browser parses the page given: tag names
    /// from `html` down, up to two class names for readability, and
    /// `:nth-of-type` where siblings share a tag, e.g.
    /// `html > body > div.story > p:nth-of-type(3)`. The element is the
    /// innermost block (paragraph, heading, list item, table row…)
    /// around the line's first character. `None` for text pages, for
    /// lines read from the markup a page keeps in `noscript` (text, to a
    /// parser that runs scripts), and for the rare page whose markup was
    /// too deeply nested or too broken to be parsed as given (its tree
    /// was simplified first).
    #[cfg_attr(feature = "serde", serde(default))]
    pub path: Option<String>,
}

impl LineVerdict {
    /// The classifier's probability for `label`.
    ///
    /// ```
    /// let page = "Sign in\nThe council approved the new budget on Tuesday after a long debate.\n\
    ///     Spending on schools and roads rises by a tenth, while the city's debt falls for a third year.\n";
    /// let article = newsclip::extract_text(page)?;
    /// let first = &article.lines[0];
    /// assert!(first.score(newsclip::Label::Navigation) > first.score(newsclip::Label::Body));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn score(&self, label: Label) -> f32 {
        self.scores[label as usize]
    }
}

/// A link to another story found around the article.
///
/// ```
/// let page = "<html><body><article><h1>Storm closes ports</h1>\
///     <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
///     <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
///     </article><aside class='related'><h2>Related articles</h2>\
///     <p><a href='/ports-reopen'>Ports reopen after a week-long strike by dock workers</a></p></aside></body></html>";
/// let article = newsclip::extract_html(page.as_bytes())?;
/// let link = &article.related[0];
/// assert_eq!(link.text, "Ports reopen after a week-long strike by dock workers");
/// assert_eq!(link.url.as_deref(), Some("/ports-reopen"));
/// # Ok::<(), newsclip::Error>(())
/// ```
///
/// With the `serde` feature it is written `{"text": …, "url": …}`, `url`
/// `null` when there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RelatedLink {
    /// The teaser's headline or text.
    pub text: String,
    /// Its address, when the input carried one (HTML pages).
    pub url: Option<String>,
}

/// The main article of a page. Owns its data: the input can be dropped.
///
/// ```
/// let page = "Home | World | Sport\n\
///             Storm closes ports\n\
///             A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
///             Dock workers wait near the harbour. Photo: Reuters\n\
///             Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n";
/// let article = newsclip::extract_text(page)?;
/// assert_eq!(article.title.as_deref(), Some("Storm closes ports"));
/// assert_eq!(article.paragraphs.len(), 2);
/// assert_eq!(article.captions, ["Dock workers wait near the harbour. Photo: Reuters"]);
/// # Ok::<(), newsclip::Error>(())
/// ```
///
/// With the `serde` feature an article is written as the `newsclip`
/// command's JSON records hold it: `title`, `text` ([`Article::text`]: the
/// paragraphs joined by `\n`, split there when read back), `captions`,
/// `related` ([`RelatedLink`]s), `byline`, `date`, `confidence` (`null`
/// when it is not a number) and `lines` ([`LineVerdict`]s), in that order.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// let page = "Storm closes ports\n\
///             A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n\
///             Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n";
/// let article = newsclip::extract_text(page)?;
/// let json = serde_json::to_string(&article).unwrap();
/// assert!(json.starts_with(r#"{"title":"Storm closes ports","text":"A storm closed"#));
/// let back: newsclip::Article = serde_json::from_str(&json).unwrap();
/// assert_eq!(back.paragraphs, article.paragraphs);
/// # }
/// # Ok::<(), newsclip::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Article {
    /// The headline, when the page shows one.
    pub title: Option<String>,
    /// The body paragraphs in page order, headline excluded.
    #[cfg_attr(feature = "serde", serde(rename = "text", with = "serde_shape::text"))]
    pub paragraphs: Vec<String>,
    /// Captions and image credits of the article, in page order.
    pub captions: Vec<String>,
    /// Links to other stories: teaser lists and inline "read more" links.
    pub related: Vec<RelatedLink>,
    /// The author, when one was found: a person or an organisation, as the
    /// page's metadata or its byline line names it, without the line's
    /// cue ("By", "Von", "Par", "Por") or what follows the name (a date,
    /// "| Section"). Never a URL, an e-mail address, a date or a row of
    /// share buttons.
    pub byline: Option<String>,
    /// The publication date as the page writes it, when one was found.
    pub date: Option<String>,
    /// The publication date in ISO 8601, for machines: `2018-10-05`, or
    /// `2018-10-05T14:30:00+02:00` when the page's own timestamp gives a
    /// time with its zone. Read from the page's metadata (JSON-LD
    /// `datePublished`, `article:published_time`, `<time datetime>`) or
    /// from [`Article::date`], in any of many languages' forms ("5 October
    /// 2018", "5. Oktober 2018", "2018年10月5日", "05.10.2018"), then from
    /// the page's date elements (a `<time>`'s text, a `post-date` class);
    /// and last, when the page was given with its address
    /// ([`HtmlPage::with_url`](crate::HtmlPage::with_url)), from the URL's
    /// path when it holds a whole date, year first (`/2018/10/05/`,
    /// `/2018-10-05-storm`; years 1990 to 2100, a day the month has; not
    /// the host or the query). `None` when none of them holds a whole
    /// calendar date (a day, a month and a year), so it may be there when
    /// [`Article::date`] is not, and the other way round:
    /// [`Article::date`] is only ever the page's own string.
    ///
    /// ```
    /// let story = "<p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
    ///     <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>";
    /// let page = format!("<html><body><article><h1>Storm closes ports</h1>\
    ///     <p>Von Anna Müller, 5. Oktober 2018</p>{story}</article></body></html>");
    /// let article = newsclip::extract_html(page.as_bytes())?;
    /// assert_eq!(article.date_iso.as_deref(), Some("2018-10-05"));
    /// assert_eq!(article.byline.as_deref(), Some("Anna Müller"));
    ///
    /// // A page with no date of its own, dated by its address.
    /// let page = format!("<html><body><article><h1>Storm closes ports</h1>{story}</article></body></html>");
    /// let page = newsclip::HtmlPage::decoded(&page).with_url("https://news.example/2018/10/05/ports");
    /// let article = newsclip::Extractor::default().extract_html_page(page)?;
    /// assert_eq!(article.date_iso.as_deref(), Some("2018-10-05"));
    /// assert_eq!(article.date, None);
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    #[cfg_attr(feature = "serde", serde(default))]
    pub date_iso: Option<String>,
    /// How sure newsclip is that [`Article::paragraphs`] is the page's
    /// article, from 0 to 1. A page with running text but no line run that
    /// reads confidently as an article still gives its best block's text,
    /// and a page of other text (a catalogue, an index, a listing) its
    /// main block's, with a low confidence (below 0.5), rather than
    /// [`Error::NoArticle`](crate::Error::NoArticle): filter on it when
    /// precision matters more than coverage.
    #[cfg_attr(feature = "serde", serde(with = "serde_shape::confidence"))]
    pub confidence: f32,
    /// One verdict per input line (per non-blank line of a text page).
    pub lines: Vec<LineVerdict>,
}

impl Article {
    /// The body text: paragraphs joined by `\n`.
    ///
    /// ```
    /// let page = "Home\nThe council approved the new budget on Tuesday after a long debate.\nSpending on schools rises by four percent, the mayor said in a statement.\n";
    /// let article = newsclip::extract_text(page)?;
    /// assert!(article.text().starts_with("The council approved"));
    /// assert!(!article.text().contains("Home"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn text(&self) -> String {
        self.paragraphs.join("\n")
    }
}

/// Writes the body text, as [`Article::text`] gives it, without building
/// the string.
///
/// ```
/// let page = "Home\nThe council approved the new budget on Tuesday after a long debate.\nSpending on schools rises by four percent, the mayor said in a statement.\n";
/// let article = newsclip::extract_text(page)?;
/// assert_eq!(article.to_string(), article.text());
/// println!("{article}");
/// # Ok::<(), newsclip::Error>(())
/// ```
impl fmt::Display for Article {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, paragraph) in self.paragraphs.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            f.write_str(paragraph)?;
        }
        Ok(())
    }
}

impl Article {
    /// Cleans every text field for output (see the module docs); a
    /// paragraph, caption or link left empty is dropped, a title, byline
    /// or date left empty becomes `None`.
    pub(crate) fn clean_output(&mut self) {
        clean_optional(&mut self.title);
        clean_all(&mut self.paragraphs);
        clean_all(&mut self.captions);
        for link in &mut self.related {
            clean_in_place(&mut link.text, Field::Text);
            if let Some(url) = &mut link.url {
                clean_in_place(url, Field::Address);
            }
        }
        self.related.retain(|link| !link.text.is_empty());
        clean_optional(&mut self.byline);
        clean_optional(&mut self.date);
        clean_optional(&mut self.date_iso);
    }
}

/// What a string is, for [`clean_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Text to read: controls and invisible format characters go.
    Text,
    /// A link's address: all controls go, tab and line feed too (as the
    /// URL standard strips them); format characters stay, being part of
    /// the address as the page wrote it.
    Address,
}

pub(crate) fn clean_optional(text: &mut Option<String>) {
    if let Some(value) = text {
        clean_in_place(value, Field::Text);
        if value.is_empty() {
            *text = None;
        }
    }
}

fn clean_all(texts: &mut Vec<String>) {
    for text in texts.iter_mut() {
        clean_in_place(text, Field::Text);
    }
    texts.retain(|text| !text.is_empty());
}

fn clean_in_place(text: &mut String, field: Field) {
    if let Cow::Owned(cleaned) = clean_text(text, field) {
        *text = cleaned;
    }
}

/// `text` without what [`Field`] says must go; borrowed when nothing does.
/// Controls that stand for white space (carriage return, vertical tab,
/// form feed, next line) become one space, so the words they separate
/// stay apart.
fn clean_text(text: &str, field: Field) -> Cow<'_, str> {
    let is_clean_byte = |byte: u8| match field {
        Field::Text => (b' '..0x7f).contains(&byte) || byte == b'\t' || byte == b'\n',
        Field::Address => (b' '..0x7f).contains(&byte),
    };
    if text.bytes().all(is_clean_byte) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let goes = |at: usize| match removal(chars[at], field) {
        Removal::Keep => false,
        Removal::Drop | Removal::Space => true,
        Removal::Joiner => !joiner_is_needed(&chars, at),
    };
    if !(0..chars.len()).any(goes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (at, &ch) in chars.iter().enumerate() {
        match removal(ch, field) {
            Removal::Keep => out.push(ch),
            Removal::Space if !out.is_empty() && !out.ends_with(char::is_whitespace) => {
                out.push(' ');
            }
            Removal::Joiner if joiner_is_needed(&chars, at) => out.push(ch),
            Removal::Space | Removal::Drop | Removal::Joiner => {}
        }
    }
    out.truncate(out.trim_end().len());
    Cow::Owned(out)
}

/// What becomes of one character in a [`Field`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Removal {
    Keep,
    Drop,
    /// A control that separates words.
    Space,
    /// U+200C or U+200D: kept beside the scripts that need them.
    Joiner,
}

fn removal(ch: char, field: Field) -> Removal {
    match (ch, field) {
        ('\t' | '\n', Field::Text) => Removal::Keep,
        ('\r' | '\u{b}' | '\u{c}' | '\u{85}', Field::Text) => Removal::Space,
        (ch, _) if ch.is_control() => Removal::Drop,
        (_, Field::Address) => Removal::Keep,
        ('\u{200c}' | '\u{200d}', Field::Text) => Removal::Joiner,
        (ch, Field::Text) if is_invisible_format(ch) => Removal::Drop,
        _ => Removal::Keep,
    }
}

/// Whether the zero-width (non-)joiner at `at` shapes its neighbours:
/// beside a letter of a script whose letters join or form conjuncts
/// (Arabic and Persian, Syriac, N'Ko, the Indic scripts, Tibetan,
/// Myanmar, Khmer, Mongolian), or inside an emoji sequence.
fn joiner_is_needed(chars: &[char], at: usize) -> bool {
    let before = at.checked_sub(1).map(|index| chars[index]);
    let after = chars.get(at + 1).copied();
    before.into_iter().chain(after).any(uses_joiners)
}

fn uses_joiners(ch: char) -> bool {
    matches!(ch,
        // Arabic, Syriac, Arabic Supplement, Thaana, N'Ko, Arabic Extended.
        '\u{600}'..='\u{8ff}'
        // Devanagari to Sinhala, Tibetan, Myanmar.
        | '\u{900}'..='\u{dff}' | '\u{f00}'..='\u{109f}'
        // Khmer, Mongolian; Vedic extensions; Devanagari extended.
        | '\u{1780}'..='\u{18af}' | '\u{1cd0}'..='\u{1cff}' | '\u{a8e0}'..='\u{a8ff}'
        // Arabic presentation forms (not U+FEFF, the byte-order mark).
        | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}'
        // Emoji: pictographs, symbols and dingbats, the emoji variation
        // selector, and the ZWJ itself (family sequences chain them).
        | '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2300}'..='\u{23ff}'
        | '\u{2b00}'..='\u{2bff}' | '\u{fe0f}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Cow<'_, str> {
        clean_text(text, Field::Text)
    }

    #[test]
    fn clean_text_is_borrowed() {
        for text in [
            "Plain ASCII, with a tab\tand all.",
            "Trần Đại Quang — “Đà Nẵng”",
            "漢字を読む",
            "من می\u{200c}روم",
        ] {
            assert!(matches!(clean(text), Cow::Borrowed(_)), "{text:?}");
        }
    }

    #[test]
    fn controls_never_come_out() {
        assert_eq!(
            clean("Red \u{1b}[31malert\u{1b}[0m\u{7}"),
            "Red [31malert[0m"
        );
        assert_eq!(clean("a\u{9b}2Jb\u{7f}c\u{0}"), "a2Jbc");
        // Controls that separate words leave one space.
        assert_eq!(
            clean("one\rtwo\u{c}three \u{b}four\u{85}"),
            "one two three four"
        );
        assert_eq!(clean_text("/a\tb\n\u{1b}c", Field::Address), "/abc");
    }

    #[test]
    fn invisible_format_characters_are_dropped() {
        assert_eq!(clean("Ver\u{ad}wal\u{ad}tung"), "Verwaltung");
        assert_eq!(
            clean("\u{feff}zero\u{200b}width\u{2060}joined"),
            "zerowidthjoined"
        );
        assert_eq!(clean("Auf\u{200c}lage and a\u{200d}b"), "Auflage and ab");
        // The URL keeps what the page wrote, but its controls.
        assert_eq!(clean_text("/a\u{ad}b", Field::Address), "/a\u{ad}b");
    }

    #[test]
    fn joiners_stay_where_scripts_need_them() {
        for text in [
            "می\u{200c}خواهم",                             // Persian: "I want"
            "क्\u{200d}ष",                                  // Devanagari half form
            "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}", // a family emoji
            "\u{2764}\u{fe0f}\u{200d}\u{1f525}",           // heart on fire
        ] {
            assert_eq!(clean(text), text, "{text:?}");
        }
    }

    #[test]
    fn fields_left_empty_are_dropped() {
        let mut article = Article {
            title: Some("\u{200b}".to_owned()),
            paragraphs: vec!["Kept\u{ad}".to_owned(), "\u{ad}\u{7}".to_owned()],
            captions: vec!["\u{feff}".to_owned()],
            related: vec![RelatedLink {
                text: "\u{1b}".to_owned(),
                url: Some("/x".to_owned()),
            }],
            byline: Some("By\u{a0}Ana\u{1b}".to_owned()),
            date: Some("\u{85}".to_owned()),
            ..Article::default()
        };
        article.clean_output();
        assert_eq!(article.title, None);
        assert_eq!(article.paragraphs, ["Kept"]);
        assert!(article.captions.is_empty() && article.related.is_empty());
        assert_eq!(article.byline.as_deref(), Some("By\u{a0}Ana"));
        assert_eq!(article.date, None);
    }
}
