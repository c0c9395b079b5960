//! What callers get: the [`Article`] and the per-line [`LineVerdict`]s.

use std::fmt;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// Why a line was kept or dropped: its label and the classifier's scores.
///
/// ```
/// let article = newsclip::extract_text("Home\n\nThe council approved the new budget on Tuesday after a long debate.\nSpending on schools rises by four percent, the mayor said in a statement.\n")?;
/// // One verdict per non-blank line, numbered as in the input.
/// let numbers: Vec<u32> = article.lines.iter().map(|line| line.line).collect();
/// assert_eq!(numbers, [1, 3, 4]);
/// # Ok::<(), newsclip::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct LineVerdict {
    /// Where the line came from: the 1-based line number of a text input.
    pub line: u32,
    /// The final label, after the assembler has seen the whole page.
    pub label: Label,
    /// The classifier's own label, before the assembler revised it.
    pub first_label: Label,
    /// The classifier's probabilities, in [`Label::ALL`] order.
    pub scores: [f32; 4],
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Article {
    /// The headline, when the page shows one.
    pub title: Option<String>,
    /// The body paragraphs in page order, headline excluded.
    pub paragraphs: Vec<String>,
    /// Captions and image credits of the article, in page order.
    pub captions: Vec<String>,
    /// Links to other stories: teaser lists and inline "read more" links.
    pub related: Vec<RelatedLink>,
    /// The author line, when one was found.
    pub byline: Option<String>,
    /// The publication date as the page writes it, when one was found.
    pub date: Option<String>,
    /// One verdict per input line (per non-blank line of a text page).
    pub lines: Vec<LineVerdict>,
    /// How sure newsclip is that [`Article::paragraphs`] is the page's
    /// article, from 0 to 1. A page with running text but no line run that
    /// reads confidently as an article still gives its best block's text,
    /// with a low confidence (below 0.5), rather than
    /// [`Error::NoArticle`](crate::Error::NoArticle): filter on it when
    /// precision matters more than coverage.
    pub confidence: f32,
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
