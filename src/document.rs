//! The types a front end hands to the classifier: one text buffer and a
//! list of [`Line`] spans into it.
//!
//! Lines are small `Copy` records of offsets and hints rather than owned
//! strings, so a page of ten thousand lines is one allocation for the text
//! and one for the spans.

use crate::segment::json_ld::JsonLdArticle;
use std::ops::Range;

/// Structural hints an HTML page gives about a line (none for text pages):
/// what the line sits inside, as bit flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HintSet(u16);

impl HintSet {
    /// Inside `nav`, `header`, `footer` or a navigation role.
    pub const NAVIGATION: HintSet = HintSet(1);
    /// Inside `aside`.
    pub const ASIDE: HintSet = HintSet(1 << 1);
    /// Inside `figure`.
    pub const FIGURE: HintSet = HintSet(1 << 2);
    /// Inside `figcaption` (or a table `caption`).
    pub const FIGCAPTION: HintSet = HintSet(1 << 3);
    /// Inside `article` or `main`.
    pub const ARTICLE: HintSet = HintSet(1 << 4);
    /// Inside a list item.
    pub const LIST_ITEM: HintSet = HintSet(1 << 5);
    /// An ancestor's class or id names site furniture (menu, share, ad…).
    pub const FURNITURE_CLASS: HintSet = HintSet(1 << 6);
    /// An ancestor's class or id names other stories (related, trending…).
    pub const RELATED_CLASS: HintSet = HintSet(1 << 7);
    /// An ancestor's class or id names comments.
    pub const COMMENT_CLASS: HintSet = HintSet(1 << 8);
    /// An ancestor's class or id names a caption or credit.
    pub const CAPTION_CLASS: HintSet = HintSet(1 << 9);
    /// An ancestor's class or id names article content.
    pub const ARTICLE_CLASS: HintSet = HintSet(1 << 10);
    /// Inside a table cell that holds a small share of the page's text:
    /// a data table's, not a layout table's.
    pub const DATA_CELL: HintSet = HintSet(1 << 11);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: HintSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Both sets' flags.
    pub const fn union(self, other: HintSet) -> HintSet {
        HintSet(self.0 | other.0)
    }

    /// This set's flags without `other`'s.
    pub const fn difference(self, other: HintSet) -> HintSet {
        HintSet(self.0 & !other.0)
    }

    /// The set holding only bit `bit` (0 to 15).
    pub const fn from_bit(bit: usize) -> HintSet {
        HintSet(1 << bit)
    }

    /// Whether any flag of `other` is set.
    pub fn intersects(self, other: HintSet) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// No container: a text page's line (see [`Line::container`]).
pub(crate) const NO_CONTAINER: u32 = u32::MAX;

/// No link on the line (see [`Line::link`]).
pub(crate) const NO_LINK: u32 = u32::MAX;

/// No element path for the line (see [`Line::element`]).
pub(crate) const NO_ELEMENT: u32 = u32::MAX;

/// One block of text on the page, as a span of [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// Byte offset of the first character (edge whitespace excluded).
    pub start: u32,
    /// Byte offset one past the last character.
    pub end: u32,
    /// Where the line came from: the 1-based input line of a text page,
    /// the 1-based emitted line of an HTML page.
    pub source_line: u32,
    /// Whether a block gap (one or more blank lines) precedes the line.
    pub gap_before: bool,
    /// Characters of the line inside links.
    pub link_chars: u32,
    /// 1 to 6 for a heading line, 0 otherwise.
    pub heading_level: u8,
    /// What the line sits inside.
    pub hints: HintSet,
    /// Index in [`Document::links`] of the line's first link, or [`NO_LINK`].
    pub link: u32,
    /// The section-level element (`div`, `section`, `td`…) the line sits
    /// in, numbered in page order (HTML only; [`NO_CONTAINER`] for text).
    pub container: u32,
    /// Byte offset of the line's first character in the input the front
    /// end was given (the page's markup, not [`Document::text`]; the
    /// same as `start` for a text page). See `segment::provenance`.
    pub source_start: u32,
    /// Byte offset just past the line's last character in that input.
    pub source_end: u32,
    /// Index in [`Document::paths`] of the CSS selector path of the
    /// element the line sits in, or [`NO_ELEMENT`] (text pages, and pages
    /// whose tree the pre-scan reshaped).
    pub element: u32,
}

impl Default for Line {
    fn default() -> Self {
        Line {
            start: 0,
            end: 0,
            source_line: 0,
            gap_before: false,
            link_chars: 0,
            heading_level: 0,
            hints: HintSet::default(),
            link: NO_LINK,
            container: NO_CONTAINER,
            source_start: 0,
            source_end: 0,
            element: NO_ELEMENT,
        }
    }
}

impl Line {
    /// The byte range of the line in [`Document::text`].
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One section-level element of an HTML page (see [`Line::container`]):
/// the block tree the assembler scores to find the story's container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    /// The enclosing block, or [`NO_CONTAINER`] for the outermost one.
    /// Always a smaller number than the block's own: blocks are numbered
    /// in the order the page opens them.
    pub parent: u32,
    /// What the element itself says it is (`article`, an article-content
    /// class, navigation…), not what it sits inside.
    pub hints: HintSet,
    /// A fingerprint of the element's tag and first class word, digits
    /// dropped (`article.message`, `div.post-1234` as `div.post-`), or
    /// [`NO_KIND`] for an element without a class: sibling blocks of one
    /// kind are records of one list (the posts of a thread, the items of
    /// a listing).
    pub kind: u32,
}

/// [`Block::kind`] of an element without a class.
pub(crate) const NO_KIND: u32 = 0;

/// A page as the front ends produce it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Document {
    /// The page text; every [`Line`] is a span of it.
    pub text: String,
    /// The non-blank lines in page order.
    pub lines: Vec<Line>,
    /// Link targets, referred to by [`Line::link`].
    pub links: Vec<String>,
    /// What the page's `noscript` elements hold, as markup: the page a
    /// reader without scripts sees, for pages whose article only it holds
    /// (HTML only).
    pub noscript: String,
    /// Bytes of text in elements the page hides (`hidden`,
    /// `aria-hidden`, `display: none`) that the segmentation left out
    /// (HTML read without its hidden parts only; 0 otherwise): whether
    /// reading the hidden parts could change the article.
    pub hidden_text_bytes: u32,
    /// The section-level blocks, numbered by [`Line::container`] (HTML
    /// only; empty for text pages).
    pub blocks: Vec<Block>,
    /// What the page says about itself in its metadata (HTML only).
    pub metadata: Metadata,
    /// CSS selector paths of the elements lines sit in, referred to by
    /// [`Line::element`] (HTML only).
    pub paths: Vec<String>,
}

/// Title, author and date as the page's own metadata gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    /// `og:title`, else `<title>`.
    pub title: Option<String>,
    /// The first `h1` text.
    pub first_heading: Option<String>,
    /// How many `h1` elements hold text.
    pub heading_count: u32,
    /// `og:type`: what kind of page the page says it is (`article`,
    /// `website`, `product`…).
    pub og_type: Option<String>,
    /// `author` or `article:author` meta.
    pub author: Option<String>,
    /// The text of the page's first few author elements (`itemprop="author"`,
    /// an author or byline class, a link to an author page), in page order.
    pub element_authors: Vec<String>,
    /// The text of the page's first few date elements (`<time>`, a date or
    /// publication class), in page order.
    pub element_dates: Vec<String>,
    /// `article:published_time`, a `datePublished`, or a `<time datetime>`.
    pub published: Option<String>,
    /// The first JSON-LD article object's headline, author and date.
    pub json_ld: Option<JsonLdArticle>,
    /// The first `<base href>`, as written: what link addresses resolve against.
    pub base_href: Option<String>,
}

/// What kind of page a page declares itself in its metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeclaredKind {
    /// `og:type` `article`, or a JSON-LD article object.
    Article,
    /// An `og:type` other than `article` (`website`, `product`, `book`…).
    Other,
    /// Neither.
    Undeclared,
}

impl Metadata {
    /// The JSON-LD article's headline, if the page has one.
    pub fn json_ld_headline(&self) -> Option<&str> {
        self.json_ld
            .as_ref()
            .and_then(|article| article.headline.as_deref())
    }

    /// What kind of page the page declares itself: an article when its
    /// `og:type` or a JSON-LD object says so, something else when its
    /// `og:type` names another kind.
    pub fn declared_kind(&self) -> DeclaredKind {
        let og_type = self.og_type.as_deref().map(str::trim);
        let json_ld_article = self.json_ld.as_ref().is_some_and(|data| data.is_article);
        match og_type {
            _ if json_ld_article => DeclaredKind::Article,
            Some(kind) if kind.eq_ignore_ascii_case("article") => DeclaredKind::Article,
            Some(kind) if !kind.is_empty() => DeclaredKind::Other,
            _ => DeclaredKind::Undeclared,
        }
    }
}

impl Document {
    /// The original (not normalised) text of `line`.
    pub fn line_text(&self, line: &Line) -> &str {
        &self.text[line.span()]
    }

    /// The selector path of the element `line` sits in, if known.
    pub fn line_path(&self, line: &Line) -> Option<&str> {
        self.paths.get(line.element as usize).map(String::as_str)
    }

    /// The link target of `line`, if it has one.
    pub fn line_link(&self, line: &Line) -> Option<&str> {
        self.links.get(line.link as usize).map(String::as_str)
    }
}
