//! The HTML front end: a scraper (html5ever) DOM to a [`Document`].
//!
//! One walk over the tree, iterative (`ego_tree`'s `traverse` yields open
//! and close edges, so a 100,000-deep page costs heap, not stack). Each run
//! of text between block boundaries becomes one [`Line`] carrying what a
//! text dump loses: heading level, characters inside links and the first
//! link's target, and the ancestors it sits in ([`HintSet`]: nav, aside,
//! figure, figcaption, article, list item, and class or id words such as
//! "menu", "related" or "caption"). Scripts, styles, templates, forms'
//! controls, embedded media and hidden elements never become text; the
//! head is read for metadata only.

use super::json_ld;
use super::prescan::prepare_markup_reporting;
use super::provenance::{locate_lines, ElementPaths, NoscriptText};
use super::title_repair::close_open_title;
use crate::document::{Block, Document, HintSet, Line, Metadata, NO_CONTAINER, NO_LINK};
use crate::normalize::{is_ascii_space, trimmed_span};
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};
use std::borrow::Cow;
use std::sync::LazyLock;

/// The elements the walk treats apart, told by one `match` on the name
/// per element (a `match` on the name per question cost the walk a tenth
/// of its time); every other element is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    A,
    Address,
    Article,
    Aside,
    Audio,
    Base,
    Blockquote,
    Body,
    Br,
    Button,
    Canvas,
    Caption,
    Center,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Embed,
    Fieldset,
    Figcaption,
    Figure,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Head,
    Header,
    Hr,
    Html,
    Iframe,
    Input,
    Li,
    Main,
    Map,
    Math,
    Menu,
    Meta,
    Nav,
    Noscript,
    Object,
    Ol,
    Option,
    P,
    Pre,
    Rp,
    Rt,
    Script,
    Section,
    Select,
    Style,
    Summary,
    Svg,
    Table,
    Tbody,
    Td,
    Template,
    Textarea,
    Tfoot,
    Th,
    Thead,
    Time,
    Title,
    Tr,
    Ul,
    Video,
    Other,
}

impl Tag {
    /// The tag of element `name` (lower case, as the parser gives it).
    pub(super) fn of(name: &str) -> Tag {
        match name {
            "a" => Tag::A,
            "address" => Tag::Address,
            "article" => Tag::Article,
            "aside" => Tag::Aside,
            "audio" => Tag::Audio,
            "base" => Tag::Base,
            "blockquote" => Tag::Blockquote,
            "body" => Tag::Body,
            "br" => Tag::Br,
            "button" => Tag::Button,
            "canvas" => Tag::Canvas,
            "caption" => Tag::Caption,
            "center" => Tag::Center,
            "dd" => Tag::Dd,
            "details" => Tag::Details,
            "dialog" => Tag::Dialog,
            "div" => Tag::Div,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "embed" => Tag::Embed,
            "fieldset" => Tag::Fieldset,
            "figcaption" => Tag::Figcaption,
            "figure" => Tag::Figure,
            "footer" => Tag::Footer,
            "form" => Tag::Form,
            "h1" => Tag::H1,
            "h2" => Tag::H2,
            "h3" => Tag::H3,
            "h4" => Tag::H4,
            "h5" => Tag::H5,
            "h6" => Tag::H6,
            "head" => Tag::Head,
            "header" => Tag::Header,
            "hr" => Tag::Hr,
            "html" => Tag::Html,
            "iframe" => Tag::Iframe,
            "input" => Tag::Input,
            "li" => Tag::Li,
            "main" => Tag::Main,
            "map" => Tag::Map,
            "math" => Tag::Math,
            "menu" => Tag::Menu,
            "meta" => Tag::Meta,
            "nav" => Tag::Nav,
            "noscript" => Tag::Noscript,
            "object" => Tag::Object,
            "ol" => Tag::Ol,
            "option" => Tag::Option,
            "p" => Tag::P,
            "pre" => Tag::Pre,
            "rp" => Tag::Rp,
            "rt" => Tag::Rt,
            "script" => Tag::Script,
            "section" => Tag::Section,
            "select" => Tag::Select,
            "style" => Tag::Style,
            "summary" => Tag::Summary,
            "svg" => Tag::Svg,
            "table" => Tag::Table,
            "tbody" => Tag::Tbody,
            "td" => Tag::Td,
            "template" => Tag::Template,
            "textarea" => Tag::Textarea,
            "tfoot" => Tag::Tfoot,
            "th" => Tag::Th,
            "thead" => Tag::Thead,
            "time" => Tag::Time,
            "title" => Tag::Title,
            "tr" => Tag::Tr,
            "ul" => Tag::Ul,
            "video" => Tag::Video,
            _ => Tag::Other,
        }
    }

    /// Elements whose text is never page text.
    pub(super) fn is_skipped(self) -> bool {
        matches!(
            self,
            Tag::Head
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Svg
                | Tag::Math
                | Tag::Iframe
                | Tag::Object
                | Tag::Embed
                | Tag::Canvas
                | Tag::Select
                | Tag::Option
                | Tag::Button
                | Tag::Input
                | Tag::Textarea
                | Tag::Audio
                | Tag::Video
                | Tag::Map
                | Tag::Dialog
                // Ruby annotations: readings spliced into the base text.
                | Tag::Rt
                | Tag::Rp
        )
    }

    /// Elements that start and end a line.
    pub(super) fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Body
                | Tag::Br
                | Tag::Caption
                | Tag::Center
                | Tag::Dd
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Dt
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hr
                | Tag::Li
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Thead
                | Tag::Tr
                | Tag::Ul
        )
    }

    /// Section-level elements: what a line's container is (see
    /// `Line::container`). Paragraphs, headings and list items are not: a
    /// paragraph's container is the `div` around it, a list item's the
    /// section around its list.
    fn is_container(self) -> bool {
        matches!(
            self,
            Tag::Body
                | Tag::Div
                | Tag::Section
                | Tag::Article
                | Tag::Main
                | Tag::Aside
                | Tag::Nav
                | Tag::Header
                | Tag::Footer
                | Tag::Td
                | Tag::Th
                | Tag::Blockquote
                | Tag::Form
                | Tag::Figure
                | Tag::Details
                | Tag::Center
        )
    }

    /// 1 to 6 for a heading, else 0.
    fn heading_level(self) -> u8 {
        match self {
            Tag::H1 => 1,
            Tag::H2 => 2,
            Tag::H3 => 3,
            Tag::H4 => 4,
            Tag::H5 => 5,
            Tag::H6 => 6,
            _ => 0,
        }
    }
}

// The three shares below are of the page's text without its scripts and
// style sheets (see `PageElements`). They were first swept with code text
// counted, which made every share about half as large on a typical page;
// swept again without it on both benchmarks (HTML F1, Scrapinghub /
// WCXB): the old values (0.6, 0.02, 0.2) gave 0.9696 / 0.9414, these
// 0.9718 / 0.9426. Around them: wrapper 0.7 or 0.9, or furniture 0.02,
// stays within 0.0003; landmark 0.2 loses 0.0007 on WCXB.

/// An element holding more than this share of the page's text is a page
/// wrapper: its classes give no hint.
const WRAPPER_SHARE: f32 = 0.8;
/// Furniture (share bars, sign-up boxes, bylines, footers) holds a sliver
/// of a page's text: an element holding more than this share is a content
/// container, whatever its class names say. 0 (no furniture classes)
/// loses.
const FURNITURE_MAX_SHARE: f32 = 0.03;
/// A `header` or `footer` holding more than this share of the page's text
/// is no navigation landmark (themes wrap the whole post in one).
const LANDMARK_MAX_SHARE: f32 = 0.3;

/// A table cell holding more of the page's text than this lays the page
/// out; one holding less is a data table's.
const DATA_CELL_MAX_SHARE: f32 = 0.05;
/// An element with more classes than this gets no hint from them.
const MAX_ROLE_CLASSES: usize = 8;
/// A class or id of more words than this gives no hint.
const MAX_ROLE_NAME_WORDS: usize = 3;

/// Class and id words that name site furniture.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "widget",
    "share",
    "sharing",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "banner",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "onetrust",
    "cookiebot",
    "didomi",
    "usercentrics",
    "popup",
    "modal",
    "masthead",
    "toolbar",
    "login",
    "signup",
    "tags",
    "pagination",
    "skip",
    "byline",
    "author",
    "meta",
    "dateline",
    "timestamp",
];
/// Class and id words that name lists of other stories.
const RELATED_WORDS: &[&str] = &[
    "related",
    "recommended",
    "recommendations",
    "recommendation",
    "trending",
    "popular",
    "mostread",
    "mostpopular",
    "teaser",
    "teasers",
    "recirc",
    "outbrain",
    "taboola",
    "readmore",
    "morestories",
    "relatedposts",
];
/// Class and id words that name reader comments.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "disqus", "respond", "replies"];
/// Class and id words that name captions and credits.
const CAPTION_WORDS: &[&str] = &["caption", "figcaption", "credit", "credits", "legend"];
/// Class and id words that name article content.
const ARTICLE_WORDS: &[&str] = &[
    "article",
    "content",
    "body",
    "story",
    "post",
    "entry",
    "text",
    "articlebody",
    "main",
];

/// Whether `name` (lower case, as the parser gives it) is an element
/// that starts and ends a line.
pub(super) fn is_block_tag(name: &str) -> bool {
    Tag::of(name).is_block()
}

/// Parses `html` and walks it into a [`Document`].
pub(crate) fn segment_html(html: &str) -> Document {
    segment_html_with(html, HiddenText::Skip, false)
}

/// What the walk does with elements the page hides (`hidden`,
/// `aria-hidden`, `display: none`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum HiddenText {
    /// Leave them out: menus, modals and templates a reader never sees.
    #[default]
    Skip,
    /// Read them: for pages that keep their whole article in a hidden
    /// placeholder until a script shows it (streamed React pages).
    Include,
}

/// [`segment_html`], choosing what happens to hidden elements and
/// whether lines get their provenance: their range in `html` and, when
/// the parsed tree is the page's own, their element's path (see
/// `segment::provenance`).
pub(crate) fn segment_html_with(html: &str, hidden: HiddenText, provenance: bool) -> Document {
    let prepared = prepare_markup_reporting(html);
    let repaired = close_open_title(&prepared.markup);
    let is_pages_tree = !prepared.reshaped && matches!(repaired, Cow::Borrowed(_));
    let tree = Html::parse_document(&repaired);
    let paths = (provenance && is_pages_tree).then(ElementPaths::default);
    let mut document = walk(&tree, hidden, paths);
    if provenance {
        locate_lines(html, &mut document, NoscriptText::Skip);
    }
    document
}

/// The walk over a parsed page; `paths`, when given, names each line's
/// element.
fn walk(tree: &Html, hidden: HiddenText, paths: Option<ElementPaths>) -> Document {
    let elements = PageElements::of(tree);
    let page_chars = elements.text_sizes.first().copied().unwrap_or(0).max(1);
    let mut walker = Walker::new(hidden);
    walker.paths = paths;
    let mut element_index = 0;
    for edge in tree.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    // How much of the page an element holds decides what
                    // its classes and landmarks may say (see
                    // `element_hints`).
                    let text_share = elements.text_sizes[element_index] as f32 / page_chars as f32;
                    let tag = elements.tags[element_index];
                    element_index += 1;
                    let attributes = KeyAttributes::of(element);
                    walker.open(
                        Some(node),
                        attributes,
                        tag,
                        node_text(node, tag),
                        text_share,
                    )
                }
                Node::Text(text) => walker.text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element() {
                    walker.close();
                }
            }
        }
    }
    walker.finish()
}

/// Each element's tag and the characters of page text below it, in the
/// order the walk opens elements (the first is the root element: the
/// whole page).
struct PageElements {
    tags: Vec<Tag>,
    /// Script and style text is no page text: it is code, whose size says
    /// nothing of the page's layout (and the pre-scan cuts most of it).
    text_sizes: Vec<u32>,
}

impl PageElements {
    fn of(tree: &Html) -> PageElements {
        let mut tags = Vec::new();
        let mut sizes = TextSizes::default();
        for edge in tree.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(element) => {
                        let tag = Tag::of(element.name());
                        sizes.open(tag);
                        tags.push(tag);
                    }
                    Node::Text(text) => sizes.text(text),
                    _ => {}
                },
                Edge::Close(node) => {
                    if node.value().is_element() {
                        sizes.close();
                    }
                }
            }
        }
        PageElements {
            tags,
            text_sizes: sizes.finish(),
        }
    }
}

/// The characters of page text below each element, counted from the
/// elements' opening and closing edges and their text nodes in page
/// order (both front ends count with it, so their shares agree). Script
/// and style text is not counted (see [`PageElements::text_sizes`]).
#[derive(Default)]
pub(super) struct TextSizes {
    sizes: Vec<u32>,
    /// The open elements' indexes, and whether each holds code.
    open: Vec<(usize, bool)>,
}

impl TextSizes {
    /// An element opens (numbered in the order elements open).
    pub(super) fn open(&mut self, tag: Tag) {
        self.open
            .push((self.sizes.len(), matches!(tag, Tag::Script | Tag::Style)));
        self.sizes.push(0);
    }

    /// A text node of the innermost open element.
    pub(super) fn text(&mut self, text: &str) {
        if let Some(&(innermost, false)) = self.open.last() {
            let (start, end) = trimmed_span(text);
            self.sizes[innermost] = self.sizes[innermost].saturating_add((end - start) as u32);
        }
    }

    /// The innermost open element closes: its text adds to its parent's.
    pub(super) fn close(&mut self) {
        let (closed, _) = self.open.pop().unwrap_or_default();
        if let Some(&(parent, _)) = self.open.last() {
            self.sizes[parent] = self.sizes[parent].saturating_add(self.sizes[closed]);
        }
    }

    /// Each element's characters, in the order they opened.
    pub(super) fn finish(self) -> Vec<u32> {
        self.sizes
    }
}

/// Whether a script's `type` names markup a script will render:
/// `text/template`, `text/x-template`, `text/x-handlebars-template`,
/// `text/ng-template`, `text/x-jsrender`, `text/html`… (any `text/` type
/// naming a template or HTML).
pub(crate) fn is_markup_type(kind: &str) -> bool {
    let kind = kind.trim().to_ascii_lowercase();
    let Some(subtype) = kind.strip_prefix("text/") else {
        return false;
    };
    subtype == "html"
        || subtype.contains("template")
        || subtype.contains("tmpl")
        || subtype.contains("render")
}

/// [`Block::kind`]: FNV-1a of the tag and the first class word
/// with its digits dropped (record classes carry numbers: `post-1234`).
fn block_kind(tag: Tag, class: Option<&str>) -> u32 {
    let Some(word) = class.and_then(|class| class.split_ascii_whitespace().next()) else {
        return crate::document::NO_KIND;
    };
    let bytes = std::iter::once(tag as u8)
        .chain(std::iter::once(b'.'))
        .chain(word.bytes().filter(|byte| !byte.is_ascii_digit()));
    let hash = bytes.fold(0x811c_9dc5u32, |hash, byte| {
        (hash ^ u32::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0193)
    });
    hash.max(1)
}

/// The text of an element's direct text children, for the two elements
/// whose text is metadata: `<title>` and a JSON-LD `<script>`.
fn node_text(node: ego_tree::NodeRef<'_, Node>, tag: Tag) -> Option<String> {
    let element = node.value().as_element()?;
    let wanted = match tag {
        Tag::Title => true,
        Tag::Script => element
            .attr("type")
            .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("application/ld+json")),
        _ => false,
    };
    if !wanted {
        return None;
    }
    let text: String = node
        .children()
        .filter_map(|child| child.value().as_text().map(|t| t.to_string()))
        .collect();
    Some(text)
}

/// What an open element contributed, undone when it closes.
struct Frame<'a> {
    node: Option<ego_tree::NodeRef<'a, Node>>,
    hints: HintSet,
    is_noscript: bool,
    is_skipped: bool,
    /// Skipped as hidden (not as a script, style or other non-text tag).
    is_hidden: bool,
    is_block: bool,
    is_cell: bool,
    is_container: bool,
    is_link: bool,
    heading_level: u8,
}

/// The walk's state: lines, hints, blocks and metadata built from the
/// elements' opening and closing edges and their text in page order.
/// Both front ends drive it, the DOM walk and the token stream
/// (`super::tokens`), so they read a page by one set of rules.
#[derive(Default)]
pub(super) struct Walker<'a> {
    hidden: HiddenText,
    class_hints: ClassHints<'a>,
    document: Document,
    frames: Vec<Frame<'a>>,
    /// Names the lines' elements, when the tree is the page's own.
    paths: Option<ElementPaths>,
    /// The innermost block around the current line's first character.
    line_element: Option<ego_tree::NodeRef<'a, Node>>,
    /// How many open elements set each hint bit.
    hint_counts: [u32; 16],
    skip_depth: u32,
    /// How many open elements are skipped as hidden, and how many as
    /// tags that hold no text (scripts, styles): text inside the first
    /// and none of the second is the page's hidden text.
    hidden_depth: u32,
    tag_skip_depth: u32,
    /// Open `noscript` elements: their content, markup the parser kept
    /// as text, is saved for pages whose article only they hold.
    noscript_depth: u32,
    link_depth: u32,
    /// Target of the innermost open link, as an index into `links`.
    open_link: Vec<u32>,
    heading_levels: Vec<u8>,
    /// `<h1>` elements opened so far, and the number of the last one
    /// that gave a line: the page's count of headings with text.
    h1_opened: u32,
    h1_with_text: u32,
    /// Numbers of the open section-level elements, innermost last.
    containers: Vec<u32>,
    /// Section-level elements opened so far.
    container_count: u32,
    /// The line being built.
    line: Line,
    line_start: usize,
    pending_space: bool,
    /// The pending space was inside a link (it counts as link text).
    pending_space_in_link: bool,
    metadata: Metadata,
    /// The author element being read, when one is open.
    author_capture: Option<ElementText>,
    /// The date element being read, when one is open.
    date_capture: Option<ElementText>,
}

/// The text of an open author or date element, gathered until it closes.
struct ElementText {
    /// How many elements are open around it: it closes when the walk is
    /// back to that many.
    depth: usize,
    text: String,
}

/// At most this many author (or date) elements are kept: the story's are
/// among the first, and a page's later ones are mostly its list of other
/// stories.
const MAX_ELEMENT_TEXTS: usize = 3;

/// An author or date element's text longer than this (in bytes) is an
/// author's biography or a box of stories, not a name or a date.
const MAX_ELEMENT_TEXT_BYTES: usize = 200;

impl<'a> Walker<'a> {
    /// A walk that does `hidden` with hidden elements.
    pub(super) fn new(hidden: HiddenText) -> Self {
        Walker {
            hidden,
            ..Walker::default()
        }
    }

    /// An element opens: `own_text` is the text of a `<title>` or a
    /// JSON-LD `<script>` (see [`node_text`]), `text_share` the share of
    /// the page's text it holds.
    /// `node` is the element's node in a parsed tree (the DOM front end),
    /// for its path.
    pub(super) fn open(
        &mut self,
        node: Option<ego_tree::NodeRef<'a, Node>>,
        attributes: KeyAttributes<'a>,
        tag: Tag,
        own_text: Option<String>,
        text_share: f32,
    ) {
        self.read_metadata(tag, &attributes, own_text);
        let is_hidden =
            !tag.is_skipped() && self.hidden == HiddenText::Skip && attributes.is_hidden();
        let is_skipped = tag.is_skipped() || is_hidden || attributes.is_modal();
        if !is_skipped && self.skip_depth == 0 {
            self.open_author_element(tag, &attributes);
            self.open_date_element(tag, &attributes);
        }
        let is_block = tag.is_block();
        if is_block {
            self.flush();
        }
        let hints = element_hints(tag, &attributes, text_share, &mut self.class_hints);
        let heading_level = tag.heading_level();
        // An `<a>` without a target (`<a name="top">`) is a placeholder,
        // not a link: left unclosed, it would make the rest of the page
        // read as link text.
        let href = attributes
            .href
            .map(str::trim)
            .filter(|href| !href.is_empty());
        let is_link = tag == Tag::A && href.is_some();
        if let Some(href) = href.filter(|_| is_link) {
            self.document.links.push(href.to_owned());
            self.open_link.push((self.document.links.len() - 1) as u32);
            self.link_depth += 1;
        }
        if heading_level > 0 {
            self.heading_levels.push(heading_level);
            self.h1_opened += u32::from(heading_level == 1);
        }
        let is_container = tag.is_container();
        if is_container {
            self.document.blocks.push(Block {
                parent: self.containers.last().copied().unwrap_or(NO_CONTAINER),
                hints,
                kind: block_kind(tag, attributes.class),
            });
            self.containers.push(self.container_count);
            self.container_count += 1;
        }
        if is_skipped {
            self.skip_depth += 1;
        }
        self.hidden_depth += u32::from(is_hidden);
        // Skipped by what it is (its tag, or a modal), not as hidden.
        self.tag_skip_depth += u32::from(is_skipped && !is_hidden);
        // A template script's markup is read like `noscript` markup: only
        // when the visible page shows no article.
        let is_noscript = tag == Tag::Noscript
            || (tag == Tag::Script && attributes.kind.is_some_and(is_markup_type));
        self.noscript_depth += u32::from(is_noscript);
        self.add_hints(hints, 1);
        self.frames.push(Frame {
            node,
            hints,
            is_noscript,
            is_skipped,
            is_hidden,
            is_block,
            is_cell: matches!(tag, Tag::Td | Tag::Th),
            is_container,
            is_link,
            heading_level,
        });
    }

    /// Starts reading an author element's text, when `tag` with
    /// `attributes` opens one; a microdata `name` inside the one being
    /// read narrows it to the name (`<span itemprop="author"><span
    /// itemprop="name">Ana Silva</span>, Reuters</span>`).
    fn open_author_element(&mut self, tag: Tag, attributes: &KeyAttributes<'_>) {
        let depth = self.frames.len();
        if let Some(capture) = &mut self.author_capture {
            if has_word(attributes.itemprop, "name") {
                match attributes.content.filter(|_| tag == Tag::Meta) {
                    Some(content) => {
                        capture.text = content.to_owned();
                        capture.depth = depth;
                    }
                    None => *capture = ElementText::new(depth),
                }
            }
            return;
        }
        if self.metadata.element_authors.len() < MAX_ELEMENT_TEXTS
            && is_author_element(tag, attributes)
        {
            self.author_capture = Some(ElementText::new(depth));
        }
    }

    /// Starts reading a date element's text, when `tag` with `attributes`
    /// opens one and none is being read.
    fn open_date_element(&mut self, tag: Tag, attributes: &KeyAttributes<'_>) {
        if self.date_capture.is_none()
            && self.metadata.element_dates.len() < MAX_ELEMENT_TEXTS
            && is_date_element(tag, attributes)
        {
            self.date_capture = Some(ElementText::new(self.frames.len()));
        }
    }

    /// Ends the author or date element being read when the element
    /// closing at `depth` is it, keeping its text as a candidate.
    fn close_element_texts(&mut self, depth: usize) {
        finish_element_text(
            &mut self.author_capture,
            depth,
            &mut self.metadata.element_authors,
        );
        finish_element_text(
            &mut self.date_capture,
            depth,
            &mut self.metadata.element_dates,
        );
    }

    /// The innermost open element closes.
    pub(super) fn close(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        self.close_element_texts(self.frames.len());
        if frame.is_block {
            self.flush();
        } else if frame.is_cell && self.document.text.len() > self.line_start {
            // Cells of a row share its line, a space apart.
            self.pending_space = true;
            self.pending_space_in_link = false;
        }
        if frame.is_skipped {
            self.skip_depth -= 1;
        }
        self.hidden_depth -= u32::from(frame.is_hidden);
        self.tag_skip_depth -= u32::from(frame.is_skipped && !frame.is_hidden);
        self.noscript_depth -= u32::from(frame.is_noscript);
        if frame.is_link {
            self.open_link.pop();
            self.link_depth -= 1;
        }
        if frame.heading_level > 0 {
            self.heading_levels.pop();
        }
        if frame.is_container {
            self.containers.pop();
        }
        self.add_hints(frame.hints, -1);
    }

    fn add_hints(&mut self, hints: HintSet, delta: i32) {
        // Most elements give no hint: nothing to count.
        if hints == HintSet::default() {
            return;
        }
        for (bit, count) in self.hint_counts.iter_mut().enumerate() {
            if hints.contains(HintSet::from_bit(bit)) {
                *count = count.saturating_add_signed(delta);
            }
        }
    }

    fn current_hints(&self) -> HintSet {
        (0..16)
            .filter(|&bit| self.hint_counts[bit] > 0)
            .fold(HintSet::default(), |set, bit| {
                set.union(HintSet::from_bit(bit))
            })
    }

    /// Appends a text node to the line, whitespace collapsed. Works a
    /// stretch at a time: words with one ASCII space between them are
    /// appended as they stand, in one copy. Bytes, not characters: only
    /// four lead bytes can start a non-ASCII space.
    pub(super) fn text(&mut self, text: &str) {
        if self.skip_depth > 0 {
            if self.hidden_depth > 0 && self.tag_skip_depth == 0 {
                let (start, end) = trimmed_span(text);
                self.document.hidden_text_bytes = self
                    .document
                    .hidden_text_bytes
                    .saturating_add((end - start) as u32);
            }
            if self.noscript_depth > 0 {
                self.document.noscript.push_str(text);
                self.document.noscript.push('\n');
            }
            return;
        }
        for capture in [&mut self.author_capture, &mut self.date_capture]
            .into_iter()
            .flatten()
        {
            // Past the limit the text is dropped at the close anyway: an
            // author class on the page's body must not copy the page. The
            // words are what counts, not the markup's indentation.
            if capture.text.len() <= MAX_ELEMENT_TEXT_BYTES {
                for word in text.split_whitespace() {
                    capture.text.push_str(word);
                    capture.text.push(' ');
                }
            }
        }
        let in_link = self.link_depth > 0;
        let mut index = 0;
        while index < text.len() {
            let mut word_start = index;
            while word_start < text.len() {
                match space_width(text, word_start) {
                    0 => break,
                    width => word_start += width,
                }
            }
            if word_start > index {
                self.pending_space = self.document.text.len() > self.line_start;
                self.pending_space_in_link = in_link;
                index = word_start;
                continue;
            }
            let mut end = word_end(text, word_start);
            while text.as_bytes().get(end) == Some(&b' ')
                && end + 1 < text.len()
                && space_width(text, end + 1) == 0
            {
                end = word_end(text, end + 1);
            }
            self.push_stretch(&text[word_start..end], in_link);
            index = end;
        }
    }

    /// Appends words with single spaces between them (no other white
    /// space) to the line. Spaces inside a link count as link text.
    fn push_stretch(&mut self, stretch: &str, in_link: bool) {
        if self.document.text.len() == self.line_start {
            self.begin_line();
        } else if self.pending_space {
            self.document.text.push(' ');
            if self.pending_space_in_link && in_link {
                self.line.link_chars += 1;
            }
        }
        self.pending_space = false;
        self.document.text.push_str(stretch);
        if in_link {
            // Characters: the bytes that start one.
            let chars = stretch.bytes().filter(|&byte| byte & 0xC0 != 0x80).count();
            self.line.link_chars += chars as u32;
            if self.line.link == NO_LINK {
                self.line.link = self.open_link.last().copied().unwrap_or(NO_LINK);
            }
        }
    }

    /// Takes the context of the line's first character.
    fn begin_line(&mut self) {
        self.line_element = self
            .frames
            .iter()
            .rev()
            .find(|frame| frame.is_block)
            .or(self.frames.last())
            .and_then(|frame| frame.node);
        self.line = Line {
            hints: self.current_hints(),
            heading_level: self.heading_levels.last().copied().unwrap_or(0),
            container: self.containers.last().copied().unwrap_or(0),
            ..Line::default()
        };
    }

    /// Ends the current line, if it holds any text.
    fn flush(&mut self) {
        self.pending_space = false;
        let end = self.document.text.len();
        if end == self.line_start {
            return;
        }
        let mut line = self.line;
        line.start = offset(self.line_start);
        line.end = offset(end);
        line.source_line = offset(self.document.lines.len() + 1);
        if let (Some(paths), Some(node)) = (&mut self.paths, self.line_element) {
            line.element = paths.index_of(node);
        }
        if line.heading_level == 1 {
            if self.metadata.first_heading.is_none() {
                self.metadata.first_heading =
                    Some(self.document.text[self.line_start..end].to_owned());
            }
            if self.h1_with_text != self.h1_opened {
                self.h1_with_text = self.h1_opened;
                self.metadata.heading_count += 1;
            }
        }
        self.document.lines.push(line);
        self.document.text.push('\n');
        self.line_start = self.document.text.len();
    }

    fn read_metadata(
        &mut self,
        tag: Tag,
        attributes: &KeyAttributes<'_>,
        own_text: Option<String>,
    ) {
        let metadata = &mut self.metadata;
        match (tag, own_text) {
            (Tag::Title, Some(title)) if !title.trim().is_empty() => {
                metadata
                    .title
                    .get_or_insert_with(|| title.trim().to_owned());
                return;
            }
            (Tag::Script, Some(json)) => {
                json_ld::read_into(&json, &mut metadata.json_ld);
                return;
            }
            _ => {}
        }
        match tag {
            Tag::Meta => {
                let key = attributes.property.or(attributes.name).unwrap_or("");
                let Some(content) = attributes.content.map(str::trim).filter(|c| !c.is_empty())
                else {
                    return;
                };
                match key.to_ascii_lowercase().as_str() {
                    "og:title" | "twitter:title" => metadata.title = Some(content.to_owned()),
                    "og:type" => {
                        metadata.og_type.get_or_insert_with(|| content.to_owned());
                    }
                    "author" | "article:author" | "byl" | "sailthru.author" => {
                        metadata.author.get_or_insert_with(|| content.to_owned());
                    }
                    "article:published_time"
                    | "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "date" => {
                        metadata.published.get_or_insert_with(|| content.to_owned());
                    }
                    _ => {}
                }
            }
            // The document's base URL comes from the first `<base>` that
            // has an `href`, wherever it stands, as browsers take it.
            Tag::Base => {
                if let Some(href) = attributes.href {
                    metadata
                        .base_href
                        .get_or_insert_with(|| href.trim().to_owned());
                }
            }
            Tag::Time => {
                if let Some(datetime) = attributes.datetime {
                    metadata
                        .published
                        .get_or_insert_with(|| datetime.trim().to_owned());
                }
            }
            _ => {}
        }
    }

    /// The document, once every element has closed.
    pub(super) fn finish(mut self) -> Document {
        self.flush();
        self.document.metadata = self.metadata;
        self.document.paths = self.paths.map(ElementPaths::into_paths).unwrap_or_default();
        self.document
    }
}

impl ElementText {
    fn new(depth: usize) -> Self {
        ElementText {
            depth,
            text: String::new(),
        }
    }
}

/// Ends `capture` when the element closing at `depth` is its own, adding
/// its text, white space collapsed, to `found` unless it is empty or too
/// long to be a name or a date.
fn finish_element_text(capture: &mut Option<ElementText>, depth: usize, found: &mut Vec<String>) {
    if capture.as_ref().is_none_or(|open| open.depth != depth) {
        return;
    }
    let Some(done) = capture.take() else {
        return;
    };
    let text = done.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() && text.len() <= MAX_ELEMENT_TEXT_BYTES {
        found.push(text);
    }
}

/// Whether an element shows the story's date: a `<time>` (whose
/// `datetime`, when it has one, is read as metadata already) or one with
/// a class naming a date or a publication (`post-date`, `published`),
/// not an update's.
fn is_date_element(tag: Tag, attributes: &KeyAttributes<'_>) -> bool {
    tag == Tag::Time
        || attributes.class.is_some_and(|class| {
            class.split_ascii_whitespace().any(|name| {
                let name = name.to_ascii_lowercase();
                (name.contains("date") || name.contains("publish") || name.contains("posted"))
                    && !name.contains("update")
                    && !name.contains("modif")
            })
        })
}

/// Whether the space-separated list `value` holds `word` (any case).
fn has_word(value: Option<&str>, word: &str) -> bool {
    value.is_some_and(|value| {
        value
            .split_ascii_whitespace()
            .any(|item| item.eq_ignore_ascii_case(word))
    })
}

/// Whether an element names the story's author: microdata's
/// `itemprop="author"`, a link to an author page (`/author/ana-silva`),
/// or a class naming an author or a byline (`author-name`,
/// `byline__name`) that is not about the author's picture, biography or
/// other stories, nor a comment's author.
fn is_author_element(tag: Tag, attributes: &KeyAttributes<'_>) -> bool {
    if has_word(attributes.itemprop, "author") {
        return true;
    }
    let links_author_page = tag == Tag::A
        && attributes
            .href
            .is_some_and(|href| href.contains("/author/") || href.contains("/authors/"));
    links_author_page || attributes.class.is_some_and(names_author_class)
}

/// Whether one of the classes in `class` is an author's or a byline's
/// name (see [`is_author_element`]).
fn names_author_class(class: &str) -> bool {
    const NOT_A_NAME: [&str; 12] = [
        "avatar",
        "image",
        "img",
        "photo",
        "pic",
        "bio",
        "description",
        "comment",
        "more",
        "posts",
        "social",
        "follow",
    ];
    class.split_ascii_whitespace().any(|name| {
        let name = name.to_ascii_lowercase();
        (name.contains("author") || name.contains("byline"))
            && !NOT_A_NAME.iter().any(|word| name.contains(word))
    })
}

fn offset(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Where the word (run without white space) starting at byte `start` of
/// `text` ends.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start + 1;
    while end < text.len() && space_width(text, end) == 0 {
        end += 1;
    }
    end
}

/// The width in bytes of the white-space character (`char::is_whitespace`)
/// at byte `index` of `text`, or 0 when none starts there (also inside a
/// character: continuation bytes start nothing). Non-ASCII white space
/// starts with one of four lead bytes (U+0085 and U+00A0; U+1680; U+2000
/// to U+205F; U+3000): other bytes need no decoding.
fn space_width(text: &str, index: usize) -> usize {
    let byte = text.as_bytes()[index];
    if byte.is_ascii() {
        return usize::from(is_ascii_space(byte));
    }
    if !matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return 0;
    }
    text[index..]
        .chars()
        .next()
        .filter(|ch| ch.is_whitespace())
        .map_or(0, char::len_utf8)
}

/// The attributes the walk reads, found in one pass over an element's
/// attributes. (`Element::attr` interns its argument as an atom on every
/// call, and `Element::classes` allocates: both showed in profiles.)
#[derive(Default)]
pub(super) struct KeyAttributes<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    href: Option<&'a str>,
    style: Option<&'a str>,
    hidden: bool,
    aria_hidden: Option<&'a str>,
    aria_modal: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    property: Option<&'a str>,
    name: Option<&'a str>,
    content: Option<&'a str>,
    datetime: Option<&'a str>,
    /// `type`: a script's kind (a template's markup, JSON-LD).
    kind: Option<&'a str>,
}

impl<'a> KeyAttributes<'a> {
    fn of(element: &'a Element) -> Self {
        let mut found = KeyAttributes::default();
        for (name, value) in element.attrs() {
            found.read(name, value);
        }
        found
    }

    /// Takes attribute `name` (lower case) if the walk reads it; `false`
    /// when it does not.
    pub(super) fn read(&mut self, name: &str, value: &'a str) -> bool {
        let found = self;
        match name {
            "class" => found.class = Some(value),
            "id" => found.id = Some(value),
            "href" => found.href = Some(value),
            "style" => found.style = Some(value),
            "hidden" => found.hidden = true,
            "aria-hidden" => found.aria_hidden = Some(value),
            "aria-modal" => found.aria_modal = Some(value),
            "role" => found.role = Some(value),
            "itemprop" => found.itemprop = Some(value),
            "property" => found.property = Some(value),
            "name" => found.name = Some(value),
            "content" => found.content = Some(value),
            "datetime" => found.datetime = Some(value),
            "type" => found.kind = Some(value),
            _ => return false,
        }
        true
    }

    /// Whether the element is a modal dialog (`aria-modal="true"`): a
    /// cookie or consent panel, a newsletter or sign-in prompt, a policy
    /// shown over the page. Open, it covers the page; closed, it waits for
    /// a click. Either way it is not the page's content, so it is skipped
    /// like `<dialog>`, and not read back with the page's hidden parts.
    /// (`role="dialog"` alone is not enough: pages also give it to
    /// panels that sit in the page, a product's details among them.)
    fn is_modal(&self) -> bool {
        self.aria_modal
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
    }

    fn is_hidden(&self) -> bool {
        if self.hidden || self.aria_hidden == Some("true") {
            return true;
        }
        // Collapsed accordion and tab panels are content a reader opens
        // with a click, not content the page hides.
        if matches!(self.role, Some("region" | "tabpanel")) {
            return false;
        }
        self.style.is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
    }
}

/// The hints an element gives its descendants: by tag, role and class/id words.
fn element_hints<'a>(
    tag: Tag,
    attributes: &KeyAttributes<'a>,
    text_share: f32,
    class_hints: &mut ClassHints<'a>,
) -> HintSet {
    let mut hints = match tag {
        Tag::Nav => HintSet::NAVIGATION,
        // A header or footer holding much of the page's text is a theme
        // wrapping the content in one, not the site's header or footer.
        Tag::Header | Tag::Footer if text_share <= LANDMARK_MAX_SHARE => HintSet::NAVIGATION,
        Tag::Aside => HintSet::ASIDE,
        Tag::Figure => HintSet::FIGURE,
        Tag::Figcaption | Tag::Caption => HintSet::FIGCAPTION,
        Tag::Article | Tag::Main => HintSet::ARTICLE,
        Tag::Li | Tag::Dt | Tag::Dd => HintSet::LIST_ITEM,
        // A cell holding much of the page's text lays the page out.
        Tag::Td | Tag::Th if text_share <= DATA_CELL_MAX_SHARE => HintSet::DATA_CELL,
        _ => HintSet::default(),
    };
    match attributes.role {
        Some("navigation" | "banner" | "contentinfo" | "menu" | "menubar") => {
            hints = hints.union(HintSet::NAVIGATION)
        }
        Some("complementary") => hints = hints.union(HintSet::ASIDE),
        Some("main" | "article") => hints = hints.union(HintSet::ARTICLE),
        _ => {}
    }
    if attributes
        .itemprop
        .is_some_and(|prop| prop.eq_ignore_ascii_case("articleBody"))
    {
        hints = hints.union(HintSet::ARTICLE_CLASS);
    }
    // The root elements' classes describe the page type (a CMS writes
    // "single-post sidebar-left cookies-not-set" there), not a region.
    if text_share > WRAPPER_SHARE || matches!(tag, Tag::Html | Tag::Body) {
        return hints;
    }
    // A long class list is theme configuration ("tweak-related-products-…
    // newsletter-style-dark"), and a long hyphenated name is a slug or an
    // anchor ("tag-language-learning-recommendation"): neither names the
    // element's role.
    let Some(from_classes) = class_hints.of(attributes.class.unwrap_or("")) else {
        return hints;
    };
    hints = hints.union(from_classes);
    if let Some(id) = attributes.id.map(str::trim).filter(|id| !id.is_empty()) {
        hints = hints.union(role_name_hints(id));
    }
    // Furniture is small: an element holding more of the page's text is a
    // content container whatever its class says (a CMS's "widget" around
    // the post).
    if text_share > FURNITURE_MAX_SHARE {
        hints = hints.difference(HintSet::FURNITURE_CLASS);
    }
    hints
}

/// The hints of the class lists met last on a page, by class attribute:
/// pages repeat the same lists, mostly one after another (every menu
/// item, every card of a grid), and comparing a few recent lists costs a
/// fraction of reading a list's words. A small list rather than a hash
/// map: its cost per element is bounded whatever the page, where a map
/// needs a keyed hash (class names are the page's to choose) that cost
/// more than it saved.
#[derive(Default)]
struct ClassHints<'a> {
    recent: [(&'a str, Option<HintSet>); RECENT_CLASS_LISTS],
    /// The entry the next new list replaces.
    next: usize,
}

/// How many recent class lists [`ClassHints`] keeps.
const RECENT_CLASS_LISTS: usize = 16;

impl<'a> ClassHints<'a> {
    /// The hints of the words of class attribute `class`, or `None` when
    /// the list is too long to name a role (then neither it nor the id
    /// gives a hint).
    fn of(&mut self, class: &'a str) -> Option<HintSet> {
        if class.is_empty() {
            return Some(HintSet::default());
        }
        if let Some(&(_, hints)) = self.recent.iter().find(|(known, _)| *known == class) {
            return hints;
        }
        let hints = class_list_hints(class);
        self.recent[self.next] = (class, hints);
        self.next = (self.next + 1) % RECENT_CLASS_LISTS;
        hints
    }
}

/// [`ClassHints::of`] worked out: `None` for a list of more than
/// [`MAX_ROLE_CLASSES`] distinct names.
fn class_list_hints(class: &str) -> Option<HintSet> {
    let mut classes = ClassList::default();
    if !classes.read(class) || classes.distinct() > MAX_ROLE_CLASSES {
        return None;
    }
    Some(classes.names().fold(HintSet::default(), |hints, name| {
        hints.union(role_name_hints(name))
    }))
}

/// The names of a class attribute, read once into a list on the stack.
#[derive(Default)]
struct ClassList<'a> {
    names: [&'a str; MAX_LISTED_CLASSES],
    count: usize,
}

/// A class list longer than this is too long without counting its
/// distinct names (see [`MAX_ROLE_CLASSES`]).
const MAX_LISTED_CLASSES: usize = 4 * MAX_ROLE_CLASSES;

impl<'a> ClassList<'a> {
    /// Reads the names of `class`; `false` when it holds more than
    /// [`MAX_LISTED_CLASSES`].
    fn read(&mut self, class: &'a str) -> bool {
        for name in class.split_ascii_whitespace() {
            if self.count == MAX_LISTED_CLASSES {
                return false;
            }
            self.names[self.count] = name;
            self.count += 1;
        }
        true
    }

    fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.names[..self.count].iter().copied()
    }

    /// How many different names the list holds (a class list may repeat
    /// one). Quadratic, on at most [`MAX_LISTED_CLASSES`] names.
    fn distinct(&self) -> usize {
        let names = &self.names[..self.count];
        (0..names.len())
            .filter(|&index| !names[..index].contains(&names[index]))
            .count()
    }
}

/// The hints of one class name or id: those of its words (ASCII letters
/// and digits), unless it has more than [`MAX_ROLE_NAME_WORDS`].
fn role_name_hints(role_name: &str) -> HintSet {
    let mut words = [""; MAX_ROLE_NAME_WORDS];
    let mut count = 0;
    // Bytes, not characters: every byte of a non-ASCII character is, as
    // the character is, no ASCII letter or digit, so it separates words.
    let bytes = role_name.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_alphanumeric() {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len() && bytes[index].is_ascii_alphanumeric() {
            index += 1;
        }
        if count == MAX_ROLE_NAME_WORDS {
            return HintSet::default();
        }
        words[count] = &role_name[start..index];
        count += 1;
    }
    words[..count]
        .iter()
        .fold(HintSet::default(), |hints, word| {
            hints.union(word_hints(word))
        })
}

/// Every class and id word with its hints, sorted for binary search, and
/// a filter of first and last letters by length that turns away most
/// words before the search.
struct RoleWords {
    /// Each word packed by [`packed_word`], sorted by that number.
    words: Vec<(u128, HintSet)>,
    /// Bit `letter - b'a'` of entry `length`: some word of that length
    /// starts with that letter.
    first_letters: [u32; ROLE_WORD_MAX_BYTES + 1],
    /// The same for the last letter (or digit: bit 26).
    last_letters: [u32; ROLE_WORD_MAX_BYTES + 1],
}

static ROLE_WORDS: LazyLock<RoleWords> = LazyLock::new(|| {
    let words = role_words();
    let mut first_letters = [0u32; ROLE_WORD_MAX_BYTES + 1];
    let mut last_letters = [0u32; ROLE_WORD_MAX_BYTES + 1];
    for (word, _) in &words {
        let bytes = word.as_bytes();
        first_letters[word.len()] |= letter_bit(bytes[0]);
        last_letters[word.len()] |= letter_bit(bytes[bytes.len() - 1]);
    }
    let mut words: Vec<(u128, HintSet)> = words
        .iter()
        .map(|&(word, hints)| (packed_word(word.as_bytes()), hints))
        .collect();
    words.sort_unstable_by_key(|&(key, _)| key);
    RoleWords {
        words,
        first_letters,
        last_letters,
    }
});

/// A word of at most [`ROLE_WORD_MAX_BYTES`] ASCII bytes, lowercased, as
/// one number: a lookup compares numbers, not strings.
fn packed_word(word: &[u8]) -> u128 {
    let mut buffer = [0u8; ROLE_WORD_MAX_BYTES];
    buffer[..word.len()].copy_from_slice(word);
    buffer.make_ascii_lowercase();
    u128::from_le_bytes(buffer)
}

/// The filter bit of an ASCII letter or digit, in either case: its
/// letter's place in the alphabet, or 26 for a digit.
fn letter_bit(byte: u8) -> u32 {
    let lower = byte.to_ascii_lowercase();
    if lower.is_ascii_lowercase() {
        1 << (lower - b'a')
    } else {
        1 << 26
    }
}

fn role_words() -> Vec<(&'static str, HintSet)> {
    let tables = [
        (FURNITURE_WORDS, HintSet::FURNITURE_CLASS),
        (RELATED_WORDS, HintSet::RELATED_CLASS),
        (COMMENT_WORDS, HintSet::COMMENT_CLASS),
        (CAPTION_WORDS, HintSet::CAPTION_CLASS),
        (ARTICLE_WORDS, HintSet::ARTICLE_CLASS),
    ];
    let mut words: Vec<(&'static str, HintSet)> = Vec::new();
    for (table, hint) in tables {
        for &word in table {
            match words.iter_mut().find(|(known, _)| *known == word) {
                Some((_, hints)) => *hints = hints.union(hint),
                None => words.push((word, hint)),
            }
        }
    }
    words.sort_unstable_by_key(|&(word, _)| word);
    words
}

/// The longest word the tables above may hold (the longest holds 15
/// bytes): a longer class word names no role.
const ROLE_WORD_MAX_BYTES: usize = 16;

/// The hints of one class or id word (ASCII letters and digits), in any
/// case: most words are turned away by their length and first and last
/// letters; the rest are lowercased into one number and found by binary
/// search. Runs for every class word of every element.
fn word_hints(word: &str) -> HintSet {
    if word.len() > ROLE_WORD_MAX_BYTES {
        return HintSet::default();
    }
    let role_words = &*ROLE_WORDS;
    let bytes = word.as_bytes();
    if role_words.first_letters[word.len()] & letter_bit(bytes[0]) == 0
        || role_words.last_letters[word.len()] & letter_bit(bytes[bytes.len() - 1]) == 0
    {
        return HintSet::default();
    }
    let words = &role_words.words;
    words
        .binary_search_by_key(&packed_word(bytes), |&(key, _)| key)
        .map_or(HintSet::default(), |index| words[index].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real pages shipped in `fixtures/`, decoded.
    fn fixture_pages() -> Vec<String> {
        use std::io::Read;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut pages = Vec::new();
        for folder in ["scrapinghub/html", "hostile"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
                .expect("fixtures")
                .map(|entry| entry.expect("entry").path())
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path).expect("page");
                let name = path.to_string_lossy();
                if name.ends_with(".html.gz") {
                    let mut page = String::new();
                    flate2::read::GzDecoder::new(&bytes[..])
                        .read_to_string(&mut page)
                        .expect("gzip");
                    pages.push(page);
                } else if name.ends_with(".html") {
                    pages.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        pages
    }

    #[test]
    fn the_prescan_leaves_the_walk_the_same_document() {
        let tricky = "<head><script>x = '<!--<script>'; y = '</script>'; //--></script>\
            <script type=application/ld+json>{\"@type\": \"NewsArticle\", \"headline\": \"H\"}</script>\
            <style>p::after { content: '</p><p>' }</style></head>\
            <body><svg><style>.a{}</style><title>t</title></svg><h1>Title</h1>\
            <p>One <script>document.write('<b>')</script>two.</p></body>";
        // Every attribute the walk reads, beside ones it does not.
        let attributes = "<head><meta property=og:title content=OG data-x=1>\
            <meta NAME=author CONTENT=A></head>\
            <body><div role=navigation class=menu data-x=1 id=nav>\
            <a href=/x data-y=2>Home</a></div><h1 data-h=1>Head</h1>\
            <div hidden data-q>h</div><p style='display:none' title=t>s</p>\
            <p aria-hidden=true>a</p><time datetime=2020-01-01 data-t>d</time>\
            <div itemprop=articleBody data-i=2><p>Body text here.</p></div>\
            <table><input type=hidden data-z><tr><td>c</td></tr></table>\
            <svg><font color=red data-a>f</font></svg><div class=related>r</div></body>";
        let mut pages = fixture_pages();
        assert!(pages.len() >= 8, "the fixtures hold HTML pages");
        pages.push(tricky.to_owned());
        pages.push(attributes.to_owned());
        for page in &pages {
            let prepared = super::super::prescan::prepare_markup(page);
            assert!(prepared.len() < page.len() || !page.contains("<script"));
            // Element paths too: counted on the pre-scanned tree, they
            // must be the page's own.
            let paths = || Some(ElementPaths::default());
            for hidden in [HiddenText::Skip, HiddenText::Include] {
                let whole = walk(&Html::parse_document(page), hidden, paths());
                let cut = walk(&Html::parse_document(&prepared), hidden, paths());
                assert!(whole == cut, "{}", &page[..page.len().min(200)]);
            }
        }
    }

    #[test]
    fn role_words_are_lowercase_and_fit_the_lookup() {
        for (word, _) in role_words() {
            assert!(
                !word.is_empty() && word.len() <= ROLE_WORD_MAX_BYTES,
                "{word}"
            );
            assert!(word
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit()));
            assert!(word.as_bytes()[0].is_ascii_lowercase(), "{word}");
        }
        assert_eq!(word_hints("Sidebar"), HintSet::FURNITURE_CLASS);
        assert_eq!(word_hints("RELATED"), HintSet::RELATED_CLASS);
        assert_eq!(word_hints("sidebars"), HintSet::default());
        // A consent manager's dialog, by its own name or a vendor's.
        assert_eq!(word_hints("consent"), HintSet::FURNITURE_CLASS);
        assert_eq!(word_hints("onetrust"), HintSet::FURNITURE_CLASS);
    }

    fn lines(document: &Document) -> Vec<&str> {
        document
            .lines
            .iter()
            .map(|line| document.line_text(line))
            .collect()
    }

    #[test]
    fn tags_are_told_by_name() {
        assert_eq!(Tag::of("div"), Tag::Div);
        assert_eq!(Tag::of("h3").heading_level(), 3);
        assert!(Tag::of("script").is_skipped() && !Tag::of("p").is_skipped());
        assert!(Tag::of("li").is_block() && !Tag::of("span").is_block());
        assert!(Tag::of("section").is_container() && !Tag::of("p").is_container());
        // Names are matched as the parser gives them, in lower case.
        assert_eq!(Tag::of("DIV"), Tag::Other);
        assert_eq!(Tag::of("my-widget"), Tag::Other);
    }

    #[test]
    fn space_widths_are_those_of_char() {
        let text: String = ('\0'..='\u{3100}').collect();
        for (index, ch) in text.char_indices() {
            let width = if ch.is_whitespace() { ch.len_utf8() } else { 0 };
            assert_eq!(space_width(&text, index), width, "{ch:?}");
            for inside in 1..ch.len_utf8() {
                assert_eq!(space_width(&text, index + inside), 0, "{ch:?}");
            }
        }
    }

    #[test]
    fn blocks_become_lines_and_inline_text_joins() {
        let document = segment_html(
            "<html><body><p>One <b>bold</b>\n  word.</p><div>Two<br>Three</div></body></html>",
        );
        assert_eq!(lines(&document), vec!["One bold word.", "Two", "Three"]);
        assert_eq!(document.lines[2].source_line, 3);
    }

    #[test]
    fn lines_know_their_section_level_container() {
        let page = "<body><div><p>One</p><ul><li>Two</li></ul></div><div><p>Three</p></div></body>";
        let document = segment_html(page);
        let containers: Vec<u32> = document.lines.iter().map(|line| line.container).collect();
        assert_eq!(
            containers[0], containers[1],
            "a list item belongs to the div around its list"
        );
        assert_ne!(containers[1], containers[2]);
    }

    #[test]
    fn a_furniture_class_counts_only_on_a_small_element() {
        let paragraph = "<p>The council met on Monday and approved the budget after a long debate about schools and roads.</p>";
        let page = format!(
            "<body><div class='widget'>{}<div class='share'>Share</div></div></body>",
            paragraph.repeat(5)
        );
        let document = segment_html(&page);
        assert!(!document.lines[0].hints.contains(HintSet::FURNITURE_CLASS));
        assert!(document.lines[5].hints.contains(HintSet::FURNITURE_CLASS));
    }

    #[test]
    fn a_header_around_most_of_the_page_is_no_landmark() {
        let paragraph = "<p>The council met on Monday and approved the budget after a long debate about schools and roads.</p>";
        let page = format!(
            "<body><header><a href='/'>Home</a></header><header>{}</header><footer>About us</footer></body>",
            paragraph.repeat(4)
        );
        let document = segment_html(&page);
        assert!(document.lines[0].hints.contains(HintSet::NAVIGATION));
        assert!(!document.lines[1].hints.contains(HintSet::NAVIGATION));
        assert!(document.lines[5].hints.contains(HintSet::NAVIGATION));
    }

    #[test]
    fn a_table_row_is_one_line() {
        let page = "<body><table><tr><th>Model</th><th>Price</th></tr>\
            <tr><td>Basic <b>S</b></td><td>$199</td></tr></table></body>";
        assert_eq!(
            lines(&segment_html(page)),
            vec!["Model Price", "Basic S $199"]
        );
    }

    #[test]
    fn collapsed_panels_are_read() {
        let page = "<body><button>Show more</button><div role='region' style='display:none'><p>Panel text</p></div></body>";
        assert_eq!(lines(&segment_html(page)), vec!["Panel text"]);
    }

    #[test]
    fn scripts_styles_and_hidden_text_are_dropped() {
        let page = "<head><title>T</title><style>p{}</style></head><body><script>x()</script><p hidden>secret</p><p style='display: none'>gone</p><p>kept</p><noscript>n</noscript></body>";
        assert_eq!(lines(&segment_html(page)), vec!["kept"]);
    }

    #[test]
    fn a_modal_dialog_is_no_text_even_among_the_hidden_parts() {
        let page = "<body><p>kept</p><div aria-modal='true' role='dialog'><p>We use cookies</p></div>\
            <div aria-modal=TRUE><p>Privacy policy</p></div><div aria-modal='false'><p>shown</p></div></body>";
        for hidden in [HiddenText::Skip, HiddenText::Include] {
            let dom = segment_html_with(page, hidden, false);
            let tokens = crate::segment::tokens::segment_html_tokens(page, hidden);
            assert_eq!(lines(&dom), vec!["kept", "shown"]);
            assert_eq!(lines(&tokens), vec!["kept", "shown"]);
            assert_eq!((dom.hidden_text_bytes, tokens.hidden_text_bytes), (0, 0));
        }
    }

    #[test]
    fn the_text_left_out_as_hidden_is_counted() {
        let page = "<body><script>x()</script><div hidden><p>secret</p><script>y()</script></div>\
            <p style='display: none'>gone</p><p>kept</p></body>";
        // "secret" and "gone"; no script, no visible text.
        let dom = segment_html_with(page, HiddenText::Skip, false);
        let tokens = crate::segment::tokens::segment_html_tokens(page, HiddenText::Skip);
        assert_eq!((dom.hidden_text_bytes, tokens.hidden_text_bytes), (10, 10));
        let read = segment_html_with(page, HiddenText::Include, false);
        assert_eq!((read.hidden_text_bytes, read.lines.len()), (0, 3));
    }

    #[test]
    fn ruby_annotations_are_not_text() {
        let page = "<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>を読む</p>";
        assert_eq!(lines(&segment_html(page)), vec!["漢字を読む"]);
    }

    #[test]
    fn an_anchor_without_a_target_is_no_link() {
        // Left unclosed, `<a name>` would make the page all link text.
        let page = "<body><a name='top'><h1>Review</h1><p>I have played this keyboard for two years now.</p>\
            <p>Its action is <a href='/keys'>heavy</a> and good.</p></body>";
        let document = segment_html(page);
        let link_chars: Vec<u32> = document.lines.iter().map(|line| line.link_chars).collect();
        assert_eq!(link_chars, [0, 0, 5]);
        assert_eq!(document.links, ["/keys"]);
    }

    #[test]
    fn hints_links_and_headings_are_recorded() {
        let page = r#"<body><nav><a href="/home">Home</a></nav><article><h1>Big news</h1><p>Text with <a href="/x">a link</a>.</p><figure><figcaption>A photo</figcaption></figure></article><div class="related-posts"><p>Other</p></div></body>"#;
        let document = segment_html(page);
        let line = |index: usize| document.lines[index];
        assert!(line(0).hints.contains(HintSet::NAVIGATION));
        assert_eq!(document.line_link(&line(0)), Some("/home"));
        assert_eq!(line(0).link_chars, 4);
        assert_eq!(line(1).heading_level, 1);
        assert!(line(1).hints.contains(HintSet::ARTICLE));
        assert_eq!(line(2).link_chars, 6);
        assert!(line(3).hints.contains(HintSet::FIGCAPTION));
        assert!(line(4).hints.contains(HintSet::RELATED_CLASS));
        assert!(!line(4).hints.contains(HintSet::ARTICLE));
    }

    #[test]
    fn author_elements_are_read_in_page_order() {
        let page = r#"<body><div class="author-avatar"><img alt="Ana"></div>
            <p>By <span class="author-name">Ana  Silva</span></p>
            <div itemprop="author" itemscope><span itemprop="name">Tom Reed</span>, Reuters</div>
            <span itemprop="author" itemscope><meta itemprop="name" content="Kim Lee"></span>
            <div class="author-bio">Ana Silva covers ports and shipping for the paper.</div>
            <span class="byline__name" hidden>Hidden Name</span>
            <a href="/author/lee-park">Lee Park</a></body>"#;
        for document in [
            segment_html(page),
            super::super::tokens::segment_html_tokens(page, HiddenText::Skip),
        ] {
            assert_eq!(
                document.metadata.element_authors,
                ["Ana Silva", "Tom Reed", "Kim Lee"],
                "the first three, the avatar, biography and hidden one passed over"
            );
        }
        let page = r#"<body><a href="/authors/lee">Lee Park</a><a href="/about">About</a></body>"#;
        assert_eq!(segment_html(page).metadata.element_authors, ["Lee Park"]);
        // Indentation does not count towards the limit; words do.
        let indent = "\n        ".repeat(40);
        let page = format!(
            r#"<body><div class="author">{indent}<span>{indent}Ana Silva</span>{indent}</div></body>"#
        );
        assert_eq!(segment_html(&page).metadata.element_authors, ["Ana Silva"]);
        // An author element around a whole story names no one.
        let story = "The ports reopened on Wednesday after the storm. ".repeat(8);
        let page = format!(r#"<body><div itemprop="author"><p>{story}</p></div></body>"#);
        assert!(segment_html(&page).metadata.element_authors.is_empty());
    }

    #[test]
    fn date_elements_are_read_but_not_an_updates() {
        let page = r#"<body><span class="updated-date">May 9, 2024</span>
            <div class="postDate"><img alt="calendar"><span>Apr 16, 2024</span></div>
            <time>May 5, 2024</time></body>"#;
        let metadata = segment_html(page).metadata;
        assert_eq!(metadata.element_dates, ["Apr 16, 2024", "May 5, 2024"]);
        // The walk's lines are the same with or without them.
        assert_eq!(
            lines(&segment_html(page)),
            ["May 9, 2024", "Apr 16, 2024", "May 5, 2024"]
        );
    }

    #[test]
    fn metadata_is_read() {
        let page = r#"<head><title>Page - Site</title><meta property="og:title" content="Headline"><meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-05-01"></head><body><h1>Headline</h1></body>"#;
        let metadata = segment_html(page).metadata;
        assert_eq!(metadata.title.as_deref(), Some("Headline"));
        assert_eq!(metadata.author.as_deref(), Some("Jane Doe"));
        assert_eq!(metadata.published.as_deref(), Some("2024-05-01"));
        assert_eq!(metadata.first_heading.as_deref(), Some("Headline"));
        assert_eq!(metadata.heading_count, 1);
        assert_eq!(metadata.og_type, None);
    }

    #[test]
    fn a_cell_holding_little_of_the_page_is_a_data_cell_and_a_layout_cell_is_not() {
        let story = "<p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>";
        let page = format!(
            "<body><table><tr><td>{story}{story}{story}<table><tr><td>Rain</td><td>12 mm</td></tr></table></td>\
             <td><a href='/'>Home</a></td></tr></table></body>"
        );
        let document = segment_html(&page);
        let line = |text: &str| {
            document
                .lines
                .iter()
                .find(|line| document.line_text(line) == text)
                .expect("the line")
                .hints
        };
        assert!(!line(&story[3..story.len() - 4]).contains(HintSet::DATA_CELL));
        assert!(line("Rain 12 mm").contains(HintSet::DATA_CELL));
    }

    #[test]
    fn the_page_kind_and_its_headings_are_counted() {
        // An h1 of two lines counts once, an empty one (a logo) not at all.
        let page = r#"<head><meta property="og:type" content="product"></head><body>
            <h1><img src="logo.png"></h1><h1>Oak desk<div>Made to last</div></h1></body>"#;
        let metadata = segment_html(page).metadata;
        assert_eq!(metadata.og_type.as_deref(), Some("product"));
        assert_eq!(metadata.first_heading.as_deref(), Some("Oak desk"));
        assert_eq!(metadata.heading_count, 1);
        let page = "<body><h1>Storm closes ports</h1><p>Text.</p><h1>Most read</h1></body>";
        assert_eq!(segment_html(page).metadata.heading_count, 2);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        // Deep enough that a recursive walk would overflow a test thread's
        // 2 MiB stack; html5ever's own cost grows with depth squared, so a
        // 100,000-deep page needs a depth cap before parsing (not yet here).
        let depth = 10_000;
        let page = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let document = segment_html(&page);
        assert_eq!(lines(&document), vec!["deep"]);
    }

    #[test]
    fn template_script_types_are_told_from_code() {
        use crate::segment::prescan::names_markup_script;
        for tag in [
            "<script type=\"text/template\">",
            "<script id=t type='text/x-handlebars-template'>",
            "<SCRIPT TYPE=text/html>",
            "<script type = \"text/ng-template\" id=\"a.html\">",
        ] {
            assert!(names_markup_script(tag), "{tag}");
        }
        for tag in [
            "<script>",
            "<script type=\"text/javascript\">",
            "<script type=module>",
            "<script data-type=\"text/template\">",
            "<script type=\"application/ld+json\">",
        ] {
            assert!(!names_markup_script(tag), "{tag}");
        }
    }
}
