//! The token front end: html5ever's tokenizer, no DOM, to a [`Document`].
//!
//! The DOM front end (`super::html`) has html5ever build its whole tree
//! (nodes, attributes, text, all reference-counted) and then walks it. A
//! page's lines need much less: which elements open and close around
//! which text, in order. This front end drives html5ever's `Tokenizer`
//! over the pre-scanned markup and keeps, in place of the tree, a flat
//! list of events (an element opens, text, the innermost element closes)
//! built by the few tree-construction rules of the HTML standard that
//! change where elements end:
//!
//! - the head and body the standard implies, head elements met after the
//!   head, text and elements before the body;
//! - implied end tags: `<p>` closed by a block, `<li>`, `<dt>`/`<dd>`,
//!   `<option>`, headings inside headings, table sections, rows and cells
//!   (with the `tbody` and `tr` a table implies), and `</p>` with no
//!   paragraph open making an empty one;
//! - void elements, raw text (`script`, `style`, `textarea`, `title`,
//!   `noscript`…, switched in the tokenizer as the tree builder switches
//!   it), foreign content (`svg`, `math`, their integration points and the
//!   tags that break out of them), `<template>`;
//! - stray end tags ignored (one with a block between it and its element);
//! - formatting elements (`<a>`, `<b>`…): reopened after a block that
//!   closed them, and misnested end tags resolved by the adoption agency,
//!   as the tree builder does: an `<a href>` left open makes the next
//!   paragraph link text in both front ends. The pre-scan caps how many
//!   are open, so reopening costs a bounded number of events per tag.
//!
//! Not followed: foster parenting (text or elements written directly
//! inside a table, which the tree builder moves before the table, stay
//! where they are written).
//!
//! The events then drive the walk the DOM front end uses
//! (`super::html::Walker`), in two passes: one counts each element's text
//! (the share of the page an element holds decides what its classes say),
//! one builds the lines. Both front ends thus read a page by one set of
//! rules; `examples/compare_front_ends.rs` counts the pages where they
//! still differ.
//!
//! **Element paths.** Each open element keeps its tag, its class
//! attribute and its place among its parent's children of the same name
//! ([`Builder::path`]), so that a line's CSS path can be written from the
//! stack when the walk starts the line.

use super::html::{HiddenText, KeyAttributes, Tag, TextSizes, Walker};
use super::prescan::prepare_markup_reporting;
use super::title_repair::close_open_title;
use crate::document::Document;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Doctype, Tag as TokenTag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::LocalName;
use std::cell::{Cell, RefCell};

/// Pre-scans `html`, tokenizes it and builds its [`Document`].
pub(crate) fn segment_html_tokens(html: &str, hidden: HiddenText) -> Document {
    let prepared = prepare_markup_reporting(html).markup;
    let page = build_events(&close_open_title(&prepared));
    page.walk(hidden)
}

/// The pre-scan alone, for the `extract_html` bench: how many bytes of
/// markup it leaves for the tokenizer.
pub(crate) fn prescan_only(html: &str) -> usize {
    prepare_markup_reporting(html).markup.len()
}

/// The floor under the token front end's cost, for the `extract_html`
/// bench: `html` pre-scanned and tokenized by html5ever with a sink that
/// keeps nothing but a count of tokens, which it returns so that the work
/// is not optimised away.
pub(crate) fn tokenize_only(html: &str) -> usize {
    struct Counter(Cell<usize>);
    impl TokenSink for Counter {
        type Handle = ();
        fn process_token(&self, _: Token, _: u64) -> TokenSinkResult<()> {
            self.0.set(self.0.get() + 1);
            TokenSinkResult::Continue
        }
    }
    let prepared = prepare_markup_reporting(html).markup;
    let tokenizer = Tokenizer::new(Counter(Cell::new(0)), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&prepared));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.get()
}

/// The namespace an element is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Namespace {
    Html,
    Svg,
    MathMl,
}

/// One element as the page opened it (a reopened formatting element is a
/// new one with the same attributes).
#[derive(Debug, Clone)]
struct ElementRecord {
    name: LocalName,
    tag: Tag,
    /// The element's attributes the walk reads: a range of `Page::attributes`.
    attributes: (u32, u32),
    /// A `<script type="application/ld+json">`: its text is metadata.
    is_json_ld: bool,
    /// 1-based place among the parent's children of the same name, or 0
    /// when the parent has children of too many names to count.
    nth_of_type: u32,
}

/// What happens, in page order.
#[derive(Debug, Clone, Copy)]
enum Event {
    /// An element opens: an index into `Page::elements`.
    Open(u32),
    /// A text node: a range of `Page::text`.
    Text(u32, u32),
    /// The innermost open element closes.
    Close,
}

/// The token stream read into events, with the text and attribute values
/// they refer to.
#[derive(Default)]
struct Page {
    events: Vec<Event>,
    elements: Vec<ElementRecord>,
    /// Attribute names and value ranges of `attribute_text`.
    attributes: Vec<(LocalName, u32, u32)>,
    attribute_text: String,
    text: String,
}

impl Page {
    fn text_of(&self, start: u32, end: u32) -> &str {
        &self.text[start as usize..end as usize]
    }

    fn key_attributes(&self, record: &ElementRecord) -> KeyAttributes<'_> {
        let mut attributes = KeyAttributes::default();
        let (start, end) = record.attributes;
        for (name, value_start, value_end) in &self.attributes[start as usize..end as usize] {
            let value = &self.attribute_text[*value_start as usize..*value_end as usize];
            attributes.read(name, value);
        }
        attributes
    }

    /// The text of the element opened at `events[open]`'s direct text
    /// children, for the `<title>` and JSON-LD scripts.
    fn own_text(&self, open: usize) -> String {
        let mut text = String::new();
        let mut depth = 0usize;
        for event in &self.events[open + 1..] {
            match *event {
                Event::Open(_) => depth += 1,
                Event::Close if depth == 0 => break,
                Event::Close => depth -= 1,
                Event::Text(start, end) if depth == 0 => text.push_str(self.text_of(start, end)),
                Event::Text(..) => {}
            }
        }
        text
    }

    /// Each element's characters of page text, in the order they open.
    fn text_sizes(&self) -> Vec<u32> {
        let mut sizes = TextSizes::default();
        for event in &self.events {
            match *event {
                Event::Open(index) => sizes.open(self.elements[index as usize].tag),
                Event::Text(start, end) => sizes.text(self.text_of(start, end)),
                Event::Close => sizes.close(),
            }
        }
        sizes.finish()
    }

    /// The walk of `super::html` over the events.
    fn walk(&self, hidden: HiddenText) -> Document {
        let sizes = self.text_sizes();
        let page_chars = sizes.first().copied().unwrap_or(0).max(1);
        let mut walker = Walker::new(hidden);
        let mut element_index = 0;
        for (at, event) in self.events.iter().enumerate() {
            match *event {
                Event::Open(index) => {
                    let record = &self.elements[index as usize];
                    let wants_text = record.tag == Tag::Title || record.is_json_ld;
                    let own_text = wants_text.then(|| self.own_text(at));
                    let share = sizes[element_index] as f32 / page_chars as f32;
                    element_index += 1;
                    walker.open(
                        None,
                        self.key_attributes(record),
                        record.tag,
                        own_text,
                        share,
                    );
                }
                Event::Text(start, end) => walker.text(self.text_of(start, end)),
                Event::Close => walker.close(),
            }
        }
        walker.finish()
    }
}

/// Tokenizes `markup` into a [`Page`] of events.
fn build_events(markup: &str) -> Page {
    let sink = Sink {
        builder: RefCell::new(Builder::default()),
        in_foreign: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(markup));
    // The sink never asks the tokenizer to stop for a script, so one feed
    // reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut builder = tokenizer.sink.builder.into_inner();
    builder.finish();
    builder.page
}

/// What the tokenizer talks to: the builder behind a `RefCell`, as
/// `TokenSink` takes `&self`.
struct Sink {
    builder: RefCell<Builder>,
    /// Whether the current node is foreign (`svg`, `math`): there
    /// `<![CDATA[` opens a CDATA section.
    in_foreign: Cell<bool>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut builder = self.builder.borrow_mut();
        let result = builder.token(token);
        self.in_foreign.set(builder.current_is_foreign());
        match result {
            Some(Switch::Raw(kind)) => TokenSinkResult::RawData(kind),
            Some(Switch::Plaintext) => TokenSinkResult::Plaintext,
            None => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.in_foreign.get()
    }
}

/// A tokenizer state a start tag switches to.
enum Switch {
    Raw(RawKind),
    Plaintext,
}

/// Where the builder is in the page, as the standard's insertion modes
/// before the body (inside it, the open elements tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Mode {
    #[default]
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    /// A `<frameset>` took the body's place: only frames and `<noframes>`
    /// follow.
    InFrameset,
}

/// One open element.
#[derive(Debug, Clone)]
struct OpenElement {
    /// Its index in `Page::elements`.
    record: u32,
    /// Its `Event::Open` in `Page::events`.
    event: usize,
    namespace: Namespace,
    flags: u16,
    /// Removed from the stack of open elements (a `</form>` not at the
    /// top) yet still the parent of the elements above it: it closes when
    /// they have.
    removed: bool,
    /// Where this element's children's names are counted in
    /// `Builder::sibling_names` (for `nth_of_type`).
    names_start: usize,
}

/// An entry of the list of active formatting elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Formatting {
    Marker,
    /// An element record, with a hash of all its attributes (the
    /// standard's "same attributes" test for three of a kind).
    Element {
        record: u32,
        attributes_hash: u64,
    },
}

// Element flags, worked out once per element from its name.
const SPECIAL: u16 = 1;
/// Ends the default scope.
const SCOPE: u16 = 1 << 1;
/// Closed by "generate implied end tags".
const IMPLIED_END: u16 = 1 << 2;
const HEADING: u16 = 1 << 3;
const FORMATTING: u16 = 1 << 4;
/// Ends the table scope (`html`, `table`, `template`).
const TABLE_SCOPE: u16 = 1 << 5;
/// Closing it clears the formatting list to its marker.
const MARKER: u16 = 1 << 6;
/// An HTML integration point (`foreignObject`, `desc`, svg `title`) or a
/// MathML text integration point (`mi`, `mo`…).
const INTEGRATION: u16 = 1 << 7;
/// `table`, `tbody`, `thead`, `tfoot`, `tr`: where a table's rows go.
const TABLE_CONTEXT: u16 = 1 << 8;

/// The flags of an element `name` in `namespace`.
fn flags_of(name: &str, namespace: Namespace) -> u16 {
    match namespace {
        Namespace::Svg => match name {
            "foreignobject" | "desc" | "title" => SPECIAL | SCOPE | INTEGRATION,
            _ => 0,
        },
        Namespace::MathMl => match name {
            "mi" | "mo" | "mn" | "ms" | "mtext" => SPECIAL | SCOPE | INTEGRATION,
            "annotation-xml" => SPECIAL | SCOPE,
            _ => 0,
        },
        Namespace::Html => match name {
            "html" => SPECIAL | SCOPE | TABLE_SCOPE,
            "table" => SPECIAL | SCOPE | TABLE_SCOPE | TABLE_CONTEXT,
            "template" => SPECIAL | SCOPE | TABLE_SCOPE | MARKER,
            "td" | "th" | "caption" => SPECIAL | SCOPE | MARKER,
            "applet" | "marquee" | "object" => SPECIAL | SCOPE | MARKER,
            "tbody" | "thead" | "tfoot" | "tr" => SPECIAL | TABLE_CONTEXT,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => SPECIAL | HEADING,
            "p" | "li" | "dd" | "dt" => SPECIAL | IMPLIED_END,
            "option" | "optgroup" | "rb" | "rp" | "rt" | "rtc" => IMPLIED_END,
            "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small"
            | "strike" | "strong" | "tt" | "u" => FORMATTING,
            "address" | "area" | "article" | "aside" | "base" | "basefont" | "bgsound"
            | "blockquote" | "body" | "br" | "button" | "center" | "col" | "colgroup"
            | "details" | "dir" | "div" | "dl" | "embed" | "fieldset" | "figcaption" | "figure"
            | "footer" | "form" | "frame" | "frameset" | "head" | "header" | "hgroup" | "hr"
            | "iframe" | "img" | "input" | "keygen" | "link" | "listing" | "main" | "menu"
            | "meta" | "nav" | "noembed" | "noframes" | "noscript" | "ol" | "param"
            | "plaintext" | "pre" | "script" | "search" | "section" | "select" | "source"
            | "style" | "summary" | "textarea" | "title" | "track" | "ul" | "wbr" | "xmp" => {
                SPECIAL
            }
            _ => 0,
        },
    }
}

/// Which scope an "in scope" question asks about.
#[derive(Clone, Copy)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
}

/// How far back a misnested formatting end tag may rewrite the events
/// (the adoption agency moves the block it closes out of the formatting
/// element): past it, the element is closed where it stands. Real pages
/// rewrite a few events; the cap keeps a hostile page linear.
const MAX_ADOPTION_EVENTS: usize = 4096;

/// A parent whose children have more names than this counts no
/// `nth_of_type` (0): the count is a linear search.
const MAX_SIBLING_NAMES: usize = 32;

/// The events built so far and the tree builder's state.
#[derive(Default)]
struct Builder {
    page: Page,
    mode: Mode,
    stack: Vec<OpenElement>,
    formatting: Vec<Formatting>,
    /// Whether each element record is on the stack (formatting entries
    /// ask).
    is_open: Vec<bool>,
    /// Whether the page is in quirks mode: `None` until a doctype or the
    /// first content says (no doctype is quirks).
    quirks: Option<bool>,
    /// The open `<form>` (the standard's form element pointer).
    form: Option<u32>,
    /// Drop a newline that starts the next text (after `<pre>`,
    /// `<textarea>`, `<listing>`).
    ignore_newline: bool,
    /// A head element met after the head was put in a head reopened for
    /// it: close that head when the element closes.
    reopened_head: bool,
    /// The last event is text a next text token may extend.
    text_open: bool,
    /// Children's names counted per open element (see `OpenElement::names_start`).
    sibling_names: Vec<(LocalName, u32)>,
}

/// What a start tag's element is, for the builder.
struct NewElement<'t> {
    tag: &'t TokenTag,
    namespace: Namespace,
}

impl Builder {
    /// Reads one token; says when the tokenizer must switch state.
    fn token(&mut self, token: Token) -> Option<Switch> {
        match token {
            Token::TagToken(tag) => {
                self.ignore_newline = false;
                match tag.kind {
                    TagKind::StartTag => return self.start_tag(&tag),
                    TagKind::EndTag => self.end_tag(&tag),
                }
            }
            Token::CharacterTokens(text) => {
                let text: &str = &text;
                let text = match std::mem::take(&mut self.ignore_newline) {
                    true => text.strip_prefix('\n').unwrap_or(text),
                    false => text,
                };
                if !text.is_empty() {
                    self.characters(text);
                }
            }
            Token::CommentToken(_) => {
                // A comment is a node: the text after it is a new one.
                self.ignore_newline = false;
                self.text_open = false;
            }
            Token::DoctypeToken(doctype) => {
                if self.mode == Mode::BeforeHtml && self.quirks.is_none() {
                    self.quirks = Some(is_quirks(&doctype));
                }
            }
            Token::EOFToken => self.finish(),
            Token::NullCharacterToken | Token::ParseError(_) => {}
        }
        None
    }

    fn current(&self) -> Option<&OpenElement> {
        self.stack.last()
    }

    fn current_is_foreign(&self) -> bool {
        self.current()
            .is_some_and(|open| open.namespace != Namespace::Html)
    }

    fn name_of(&self, open: &OpenElement) -> &LocalName {
        &self.page.elements[open.record as usize].name
    }

    fn current_is(&self, name: &str) -> bool {
        self.current()
            .is_some_and(|open| open.namespace == Namespace::Html && &**self.name_of(open) == name)
    }

    fn current_has(&self, flags: u16) -> bool {
        self.current().is_some_and(|open| open.flags & flags != 0)
    }

    // ---- Events ----

    /// Opens an element as a child of the current node.
    fn insert(&mut self, new: NewElement<'_>) -> u32 {
        let name = new.tag.name.clone();
        // Foreign elements keep their names too: the walk skips what is
        // inside `svg` or `math`, but reads a link's target anywhere.
        let tag = Tag::of(&name);
        let attributes_start = self.page.attributes.len() as u32;
        let mut is_json_ld = false;
        for attribute in &new.tag.attrs {
            let local: &str = &attribute.name.local;
            if tag == Tag::Script
                && local == "type"
                && attribute
                    .value
                    .trim()
                    .eq_ignore_ascii_case("application/ld+json")
            {
                is_json_ld = true;
            }
            if KeyAttributes::default().read(local, "") {
                let start = self.page.attribute_text.len() as u32;
                self.page.attribute_text.push_str(&attribute.value);
                let end = self.page.attribute_text.len() as u32;
                self.page
                    .attributes
                    .push((attribute.name.local.clone(), start, end));
            }
        }
        let attributes = (attributes_start, self.page.attributes.len() as u32);
        self.open_record(
            ElementRecord {
                name,
                tag,
                attributes,
                is_json_ld,
                nth_of_type: 0,
            },
            new.namespace,
        )
    }

    /// Opens an element of name `name` with no attributes (the head, body
    /// and table parts the standard implies).
    fn insert_implied(&mut self, name: LocalName) -> u32 {
        let tag = Tag::of(&name);
        let at = self.page.attributes.len() as u32;
        self.open_record(
            ElementRecord {
                name,
                tag,
                attributes: (at, at),
                is_json_ld: false,
                nth_of_type: 0,
            },
            Namespace::Html,
        )
    }

    fn open_record(&mut self, mut record: ElementRecord, namespace: Namespace) -> u32 {
        record.nth_of_type = self.count_sibling(&record.name);
        let flags = flags_of(&record.name, namespace);
        let index = self.page.elements.len() as u32;
        self.page.elements.push(record);
        self.is_open.push(true);
        self.stack.push(OpenElement {
            record: index,
            event: self.page.events.len(),
            namespace,
            flags,
            removed: false,
            names_start: self.sibling_names.len(),
        });
        self.page.events.push(Event::Open(index));
        self.text_open = false;
        index
    }

    /// The place of a new child named `name` among the current node's
    /// children of that name.
    fn count_sibling(&mut self, name: &LocalName) -> u32 {
        // After the adoption agency rebuilt the stack, a start may be
        // past the end: the count is then lost, not wrong.
        let start = self
            .stack
            .last()
            .map_or(0, |open| open.names_start)
            .min(self.sibling_names.len());
        let names = &mut self.sibling_names[start..];
        if let Some((_, count)) = names.iter_mut().find(|(known, _)| known == name) {
            *count += 1;
            return *count;
        }
        if names.len() >= MAX_SIBLING_NAMES {
            return 0;
        }
        self.sibling_names.push((name.clone(), 1));
        1
    }

    /// Closes the current node (and the removed elements it leaves on top).
    fn pop(&mut self) {
        self.pop_one();
        while self.current().is_some_and(|open| open.removed) {
            self.pop_one();
        }
    }

    fn pop_one(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        self.sibling_names.truncate(open.names_start);
        self.is_open[open.record as usize] = false;
        if open.flags & MARKER != 0 && open.namespace == Namespace::Html {
            self.clear_formatting_to_marker();
        }
        self.page.events.push(Event::Close);
        self.text_open = false;
        if self.reopened_head && self.current_is("head") {
            self.reopened_head = false;
            self.pop_one();
        }
    }

    /// Adds text to the current node.
    fn append_text(&mut self, text: &str) {
        let start = self.page.text.len() as u32;
        self.page.text.push_str(text);
        let end = self.page.text.len() as u32;
        if self.text_open {
            if let Some(Event::Text(_, last_end)) = self.page.events.last_mut() {
                *last_end = end;
                return;
            }
        }
        self.page.events.push(Event::Text(start, end));
        self.text_open = true;
    }

    // ---- Scope ----

    fn in_scope(&self, name: &str, scope: Scope) -> bool {
        self.position_in_scope(
            |builder, open| open.namespace == Namespace::Html && &**builder.name_of(open) == name,
            scope,
        )
        .is_some()
    }

    /// The stack index of the innermost open element `matches` accepts,
    /// if no scope boundary stands between it and the current node.
    fn position_in_scope(
        &self,
        matches: impl Fn(&Builder, &OpenElement) -> bool,
        scope: Scope,
    ) -> Option<usize> {
        for (index, open) in self.stack.iter().enumerate().rev() {
            if open.removed {
                continue;
            }
            if matches(self, open) {
                return Some(index);
            }
            let boundary = match scope {
                Scope::Table => open.flags & TABLE_SCOPE != 0,
                Scope::Default => open.flags & SCOPE != 0,
                Scope::Button => open.flags & SCOPE != 0 || self.is_html(open, "button"),
                Scope::ListItem => {
                    open.flags & SCOPE != 0 || self.is_html(open, "ol") || self.is_html(open, "ul")
                }
            };
            if boundary {
                return None;
            }
        }
        None
    }

    fn is_html(&self, open: &OpenElement, name: &str) -> bool {
        open.namespace == Namespace::Html && &**self.name_of(open) == name
    }

    /// Closes elements up to and including the innermost `name` (HTML).
    fn pop_until(&mut self, name: &str) {
        while let Some(open) = self.current() {
            let found = self.is_html(open, name);
            self.pop();
            if found {
                return;
            }
        }
    }

    /// Closes elements up to and including the innermost with `flags`.
    fn pop_until_flags(&mut self, flags: u16) {
        while let Some(open) = self.current() {
            let found = open.flags & flags != 0 && open.namespace == Namespace::Html;
            self.pop();
            if found {
                return;
            }
        }
    }

    fn generate_implied_end_tags(&mut self, except: Option<&str>) {
        while let Some(open) = self.current() {
            if open.flags & IMPLIED_END == 0 || open.namespace != Namespace::Html {
                return;
            }
            if except.is_some_and(|name| &**self.name_of(open) == name) {
                return;
            }
            self.pop();
        }
    }

    fn close_p_in_button_scope(&mut self) {
        if self.in_scope("p", Scope::Button) {
            self.generate_implied_end_tags(Some("p"));
            self.pop_until("p");
        }
    }

    // ---- Active formatting elements ----

    fn clear_formatting_to_marker(&mut self) {
        while let Some(entry) = self.formatting.pop() {
            if entry == Formatting::Marker {
                return;
            }
        }
    }

    fn push_formatting(&mut self, record: u32, tag: &TokenTag) {
        let attributes_hash = attributes_hash(tag);
        // Noah's Ark: at most three of a kind after the last marker.
        let mut same = Vec::new();
        for (index, entry) in self.formatting.iter().enumerate().rev() {
            match *entry {
                Formatting::Marker => break,
                Formatting::Element {
                    record: other,
                    attributes_hash: other_hash,
                } => {
                    if other_hash == attributes_hash
                        && self.page.elements[other as usize].name == tag.name
                    {
                        same.push(index);
                    }
                }
            }
        }
        if same.len() >= 3 {
            self.formatting.remove(*same.last().unwrap_or(&0));
        }
        self.formatting.push(Formatting::Element {
            record,
            attributes_hash,
        });
    }

    /// Reopens the formatting elements a block closed (the standard's
    /// "reconstruct the active formatting elements").
    fn reconstruct_formatting(&mut self) {
        let Some(&Formatting::Element { record, .. }) = self.formatting.last() else {
            return;
        };
        if self.is_open[record as usize] {
            return;
        }
        let mut first = self.formatting.len() - 1;
        while first > 0 {
            match self.formatting[first - 1] {
                Formatting::Marker => break,
                Formatting::Element { record, .. } if self.is_open[record as usize] => break,
                Formatting::Element { .. } => first -= 1,
            }
        }
        for index in first..self.formatting.len() {
            let Formatting::Element {
                record,
                attributes_hash,
            } = self.formatting[index]
            else {
                continue;
            };
            let clone = self.reopen(record);
            self.formatting[index] = Formatting::Element {
                record: clone,
                attributes_hash,
            };
        }
    }

    /// Opens a new element with the name and attributes of `record`.
    fn reopen(&mut self, record: u32) -> u32 {
        let mut copy = self.page.elements[record as usize].clone();
        copy.nth_of_type = 0;
        self.open_record(copy, Namespace::Html)
    }

    fn formatting_position(&self, record: u32) -> Option<usize> {
        self.formatting.iter().rposition(
            |entry| matches!(*entry, Formatting::Element { record: other, .. } if other == record),
        )
    }

    fn stack_position(&self, record: u32) -> Option<usize> {
        self.stack.iter().rposition(|open| open.record == record)
    }

    /// The standard's adoption agency algorithm, for the end tag of
    /// formatting element `name`.
    fn adoption_agency(&mut self, name: &LocalName) {
        let plain_current = self.current().is_some_and(|open| {
            self.is_html(open, name) && self.formatting_position(open.record).is_none()
        });
        if plain_current {
            self.pop();
            return;
        }
        for _ in 0..8 {
            // The last formatting element of that name after the last marker.
            let mut found = None;
            for (index, entry) in self.formatting.iter().enumerate().rev() {
                match *entry {
                    Formatting::Marker => break,
                    Formatting::Element { record, .. } => {
                        if &self.page.elements[record as usize].name == name {
                            found = Some((index, record));
                            break;
                        }
                    }
                }
            }
            let Some((entry_index, record)) = found else {
                self.any_other_end_tag(name);
                return;
            };
            let Some(position) = self
                .stack_position(record)
                .filter(|&at| !self.stack[at].removed)
            else {
                self.formatting.remove(entry_index);
                return;
            };
            let in_scope = self
                .position_in_scope(|_, open| open.record == record, Scope::Default)
                .is_some();
            if !in_scope {
                return;
            }
            let furthest = (position + 1..self.stack.len())
                .find(|&at| !self.stack[at].removed && self.stack[at].flags & SPECIAL != 0);
            let Some(furthest) = furthest else {
                while self.stack.len() > position {
                    self.pop();
                }
                self.formatting.remove(entry_index);
                return;
            };
            if self.page.events.len() - self.stack[furthest].event > MAX_ADOPTION_EVENTS {
                // Past the cap, close the formatting element where it stands.
                while self.stack.len() > position {
                    self.pop();
                }
                self.formatting.remove(entry_index);
                return;
            }
            self.adopt(position, furthest);
        }
    }

    /// One round of the adoption agency with a furthest block: the
    /// formatting element at stack `position` (list entry `entry_index`)
    /// closes before the block at stack `furthest`, which moves out of it
    /// (with its formatting ancestors reopened around it) and gets a new
    /// copy of the formatting element around its content.
    fn adopt(&mut self, position: usize, furthest: usize) {
        let record = self.stack[position].record;
        // The elements between: formatting ones are reopened around the
        // block, the others stay behind (closed before it).
        let mut reopened: Vec<usize> = Vec::new();
        let mut inner_count = 0;
        for at in (position + 1..furthest).rev() {
            if self.stack[at].removed {
                continue;
            }
            inner_count += 1;
            match self.formatting_position(self.stack[at].record) {
                Some(_) if inner_count <= 3 => reopened.push(at),
                Some(index) => {
                    self.formatting.remove(index);
                }
                None => {}
            }
        }
        // The formatting element's copy goes after the entry of the
        // element reopened nearest the block, if any.
        let bookmark_after = reopened.first().copied();
        reopened.reverse();
        // The events: close everything from the block's parent to the
        // formatting element, reopen the formatting ones, open the block
        // and, inside it, the formatting element again.
        let block_event = self.stack[furthest].event;
        let closes = furthest - position;
        let mut splice: Vec<Event> = vec![Event::Close; closes];
        let mut new_records = Vec::new();
        for &at in &reopened {
            let old = self.stack[at].record;
            let index = self.copy_record(old);
            splice.push(Event::Open(index));
            new_records.push((at, old, index));
        }
        splice.push(Event::Open(self.stack[furthest].record));
        let formatting_copy = self.copy_record(record);
        splice.push(Event::Open(formatting_copy));
        let inserted = splice.len() - 1;
        self.page
            .events
            .splice(block_event..block_event + 1, splice);
        // The formatting list: each reopened element's entry now names its copy.
        let mut bookmark_record = None;
        for &(at, old, new) in &new_records {
            if let Some(index) = self.formatting_position(old) {
                if let Formatting::Element {
                    attributes_hash, ..
                } = self.formatting[index]
                {
                    self.formatting[index] = Formatting::Element {
                        record: new,
                        attributes_hash,
                    };
                }
            }
            if Some(at) == bookmark_after {
                bookmark_record = Some(new);
            }
        }
        // The stack: the formatting element and the elements between
        // leave it, the reopened ones and the block follow, then the copy.
        let mut between: Vec<OpenElement> = Vec::new();
        for (count, &(at, _, new)) in new_records.iter().enumerate() {
            let mut open = self.stack[at].clone();
            open.record = new;
            open.event = block_event + closes + count;
            between.push(open);
        }
        let mut block = self.stack[furthest].clone();
        block.event = block_event + closes + new_records.len();
        let mut formatting_open = self.stack[position].clone();
        formatting_open.record = formatting_copy;
        formatting_open.event = block.event + 1;
        formatting_open.names_start = block.names_start;
        let above: Vec<OpenElement> = self.stack[furthest + 1..]
            .iter()
            .cloned()
            .map(|mut open| {
                open.event += inserted;
                open
            })
            .collect();
        for at in position..furthest {
            let old = self.stack[at].record;
            self.is_open[old as usize] = false;
        }
        self.stack.truncate(position);
        self.stack.extend(between);
        self.stack.push(block);
        self.stack.push(formatting_open);
        self.stack.extend(above);
        // The formatting list: the copy takes the formatting element's
        // place, or the place after the bookmark.
        let Some(entry_index) = self.formatting_position(record) else {
            return;
        };
        let Formatting::Element {
            attributes_hash, ..
        } = self.formatting.remove(entry_index)
        else {
            return;
        };
        let at = bookmark_record
            .and_then(|new| self.formatting_position(new))
            .map_or(entry_index, |index| index + 1)
            .min(self.formatting.len());
        self.formatting.insert(
            at,
            Formatting::Element {
                record: formatting_copy,
                attributes_hash,
            },
        );
    }

    /// A new record with the name and attributes of `record`, open.
    fn copy_record(&mut self, record: u32) -> u32 {
        let mut copy = self.page.elements[record as usize].clone();
        copy.nth_of_type = 0;
        let index = self.page.elements.len() as u32;
        self.page.elements.push(copy);
        self.is_open.push(true);
        index
    }

    // ---- Tokens ----

    fn characters(&mut self, text: &str) {
        if self.current_is_raw() || self.in_head_template() {
            self.append_text(text);
            return;
        }
        match self.mode {
            Mode::BeforeHtml | Mode::BeforeHead | Mode::InHead | Mode::AfterHead => {
                // Leading white space stays where it is (and before the
                // html element, is dropped); the rest starts the body.
                let rest = text.trim_start_matches(is_html_space);
                let space = &text[..text.len() - rest.len()];
                if matches!(self.mode, Mode::InHead | Mode::AfterHead) && !space.is_empty() {
                    self.append_text(space);
                }
                if rest.is_empty() {
                    return;
                }
                self.body_implied();
                self.characters(rest);
            }
            Mode::InFrameset => {}
            Mode::InBody => {
                if !self.current_is_foreign_for_text() {
                    self.reconstruct_formatting();
                }
                self.append_text(text);
            }
        }
    }

    /// Whether text goes in as foreign content (no formatting reopened).
    fn current_is_foreign_for_text(&self) -> bool {
        self.current()
            .is_some_and(|open| open.namespace != Namespace::Html && open.flags & INTEGRATION == 0)
    }

    /// Opens what the standard implies before body content: the html
    /// element, the head, the body.
    fn body_implied(&mut self) {
        if self.mode == Mode::BeforeHtml {
            self.insert_implied(LocalName::from("html"));
            self.mode = Mode::BeforeHead;
        }
        if self.mode == Mode::BeforeHead {
            self.insert_implied(LocalName::from("head"));
            self.mode = Mode::InHead;
        }
        if self.mode == Mode::InHead {
            self.pop_until("head");
            self.mode = Mode::AfterHead;
        }
        if self.mode == Mode::AfterHead {
            self.insert_implied(LocalName::from("body"));
            self.mode = Mode::InBody;
        }
    }

    fn start_tag(&mut self, tag: &TokenTag) -> Option<Switch> {
        let name: &str = &tag.name;
        match self.mode {
            Mode::BeforeHtml => {
                if name == "html" {
                    self.insert(NewElement {
                        tag,
                        namespace: Namespace::Html,
                    });
                    self.mode = Mode::BeforeHead;
                    return None;
                }
                self.insert_implied(LocalName::from("html"));
                self.mode = Mode::BeforeHead;
                return self.start_tag(tag);
            }
            Mode::BeforeHead => {
                match name {
                    "html" => return None,
                    "head" => {
                        self.insert(NewElement {
                            tag,
                            namespace: Namespace::Html,
                        });
                        self.mode = Mode::InHead;
                        return None;
                    }
                    _ => {}
                }
                self.insert_implied(LocalName::from("head"));
                self.mode = Mode::InHead;
                return self.start_tag(tag);
            }
            Mode::InHead => {
                if name == "html" || name == "head" {
                    return None;
                }
                if self.in_head_template() && self.head_element_name(name).is_none() {
                    return self.body_or_foreign_start_tag(tag);
                }
                if let Some(switch) = self.head_element(tag) {
                    return switch;
                }
                self.pop_until("head");
                self.mode = Mode::AfterHead;
                return self.start_tag(tag);
            }
            Mode::AfterHead => {
                match name {
                    "html" | "head" => return None,
                    "body" => {
                        self.insert(NewElement {
                            tag,
                            namespace: Namespace::Html,
                        });
                        self.mode = Mode::InBody;
                        return None;
                    }
                    "frameset" => {
                        self.insert(NewElement {
                            tag,
                            namespace: Namespace::Html,
                        });
                        self.mode = Mode::InFrameset;
                        return None;
                    }
                    "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script"
                    | "style" | "template" | "title" => {
                        // Put back in the head, reopened for it.
                        self.insert_implied(LocalName::from("head"));
                        let switch = self.head_element(tag).flatten();
                        if self.current_is("head") {
                            self.pop_one();
                        } else {
                            self.reopened_head = true;
                        }
                        return switch;
                    }
                    _ => {}
                }
                self.body_implied();
                return self.start_tag(tag);
            }
            Mode::InFrameset => {
                let html = NewElement {
                    tag,
                    namespace: Namespace::Html,
                };
                match name {
                    "frameset" => {
                        self.insert(html);
                    }
                    "frame" => {
                        self.insert(html);
                        self.pop();
                    }
                    "noframes" => {
                        self.insert(html);
                        return Some(Switch::Raw(RawKind::Rawtext));
                    }
                    _ => {}
                }
                return None;
            }
            Mode::InBody => {}
        }
        self.body_or_foreign_start_tag(tag)
    }

    fn body_or_foreign_start_tag(&mut self, tag: &TokenTag) -> Option<Switch> {
        if self.is_foreign_start(tag) {
            return self.foreign_start_tag(tag);
        }
        self.body_start_tag(tag)
    }

    /// Whether a `<template>` in the head is open: its content is read as
    /// body content.
    fn in_head_template(&self) -> bool {
        self.mode == Mode::InHead && self.stack_has("template")
    }

    fn head_element_name(&self, name: &str) -> Option<()> {
        matches!(
            name,
            "base"
                | "basefont"
                | "bgsound"
                | "link"
                | "meta"
                | "title"
                | "noscript"
                | "noframes"
                | "style"
                | "script"
                | "template"
        )
        .then_some(())
    }

    /// A start tag of the head's elements, read as the head reads it;
    /// `None` for any other tag.
    fn head_element(&mut self, tag: &TokenTag) -> Option<Option<Switch>> {
        let html = NewElement {
            tag,
            namespace: Namespace::Html,
        };
        let switch = match &*tag.name {
            "base" | "basefont" | "bgsound" | "link" | "meta" => {
                self.insert(html);
                self.pop();
                None
            }
            "title" => {
                self.insert(html);
                Some(Switch::Raw(RawKind::Rcdata))
            }
            "noscript" | "noframes" | "style" => {
                self.insert(html);
                Some(Switch::Raw(RawKind::Rawtext))
            }
            "script" => {
                self.insert(html);
                Some(Switch::Raw(RawKind::ScriptData))
            }
            "template" => {
                self.insert(html);
                self.formatting.push(Formatting::Marker);
                None
            }
            _ => return None,
        };
        Some(switch)
    }

    /// Whether a start tag is read as foreign content: the current node
    /// is `svg` or `math` content and not an integration point.
    fn is_foreign_start(&self, tag: &TokenTag) -> bool {
        let Some(open) = self.current() else {
            return false;
        };
        if open.namespace == Namespace::Html {
            return false;
        }
        if open.flags & INTEGRATION != 0 {
            // MathML text integration points take HTML but for two tags.
            let mathml_glyph = open.namespace == Namespace::MathMl
                && matches!(&*tag.name, "mglyph" | "malignmark");
            return mathml_glyph;
        }
        let name = self.name_of(open);
        // An `<svg>` in a MathML annotation opens SVG as in HTML.
        if open.namespace == Namespace::MathMl && &**name == "annotation-xml" && &*tag.name == "svg"
        {
            return false;
        }
        true
    }

    fn foreign_start_tag(&mut self, tag: &TokenTag) -> Option<Switch> {
        let breaks_out = match &*tag.name {
            "b" | "big" | "blockquote" | "body" | "br" | "center" | "code" | "dd" | "div"
            | "dl" | "dt" | "em" | "embed" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head"
            | "hr" | "i" | "img" | "li" | "listing" | "menu" | "meta" | "nobr" | "ol" | "p"
            | "pre" | "ruby" | "s" | "small" | "span" | "strong" | "strike" | "sub" | "sup"
            | "table" | "tt" | "u" | "ul" | "var" => true,
            "font" => tag
                .attrs
                .iter()
                .any(|attribute| matches!(&*attribute.name.local, "color" | "face" | "size")),
            _ => false,
        };
        if breaks_out {
            while self.current().is_some_and(|open| {
                open.namespace != Namespace::Html && open.flags & INTEGRATION == 0
            }) {
                self.pop();
            }
            return self.body_start_tag(tag);
        }
        let namespace = self
            .current()
            .map_or(Namespace::Html, |open| open.namespace);
        self.insert(NewElement { tag, namespace });
        if tag.self_closing {
            self.pop();
        }
        None
    }

    /// A start tag in the body (the standard's "in body" insertion mode,
    /// with the table modes' rules for table parts).
    fn body_start_tag(&mut self, tag: &TokenTag) -> Option<Switch> {
        let name: &str = &tag.name;
        let html = |tag| NewElement {
            tag,
            namespace: Namespace::Html,
        };
        match name {
            "html" | "body" | "head" | "frameset" | "frame" => {}
            "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script" | "style"
            | "template" | "title" => {
                return self.head_element(tag).flatten();
            }
            "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog"
            | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "header"
            | "hgroup" | "main" | "nav" | "ol" | "p" | "search" | "section" | "summary" | "ul"
            | "menu" => {
                self.close_p_in_button_scope();
                self.insert(html(tag));
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_p_in_button_scope();
                if self.current_has(HEADING) {
                    self.pop();
                }
                self.insert(html(tag));
            }
            "pre" | "listing" => {
                self.close_p_in_button_scope();
                self.insert(html(tag));
                self.ignore_newline = true;
            }
            "form" => {
                let in_template = self.stack_has("template");
                if self.form.is_some() && !in_template {
                    return None;
                }
                self.close_p_in_button_scope();
                let record = self.insert(html(tag));
                if !in_template {
                    self.form = Some(record);
                }
                if self.in_table_context_below() {
                    // A form straight in a table holds nothing.
                    self.pop();
                }
            }
            "li" | "dd" | "dt" => {
                self.close_list_item(name == "li");
                self.close_p_in_button_scope();
                self.insert(html(tag));
            }
            "plaintext" => {
                self.close_p_in_button_scope();
                self.insert(html(tag));
                return Some(Switch::Plaintext);
            }
            "button" => {
                if self.in_scope("button", Scope::Default) {
                    self.generate_implied_end_tags(None);
                    self.pop_until("button");
                }
                self.reconstruct_formatting();
                self.insert(html(tag));
            }
            "a" => {
                let open_a = self.formatting.iter().rev().find_map(|entry| match *entry {
                    Formatting::Marker => Some(None),
                    Formatting::Element { record, .. }
                        if &*self.page.elements[record as usize].name == "a" =>
                    {
                        Some(Some(record))
                    }
                    Formatting::Element { .. } => None,
                });
                if let Some(Some(record)) = open_a {
                    self.adoption_agency(&tag.name);
                    self.remove_formatting_element(record);
                }
                self.reconstruct_formatting();
                let record = self.insert(html(tag));
                self.push_formatting(record, tag);
            }
            "b" | "big" | "code" | "em" | "font" | "i" | "s" | "small" | "strike" | "strong"
            | "tt" | "u" => {
                self.reconstruct_formatting();
                let record = self.insert(html(tag));
                self.push_formatting(record, tag);
            }
            "nobr" => {
                self.reconstruct_formatting();
                if self.in_scope("nobr", Scope::Default) {
                    self.adoption_agency(&tag.name);
                    self.reconstruct_formatting();
                }
                let record = self.insert(html(tag));
                self.push_formatting(record, tag);
            }
            "applet" | "marquee" | "object" => {
                self.reconstruct_formatting();
                self.insert(html(tag));
                self.formatting.push(Formatting::Marker);
            }
            "table" => {
                if self.current_has(TABLE_CONTEXT) && self.in_scope("table", Scope::Table) {
                    // A table straight in a table ends it.
                    self.pop_until("table");
                } else if self.quirks == Some(false) {
                    self.close_p_in_button_scope();
                }
                self.insert(html(tag));
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" | "image" => {
                self.reconstruct_formatting();
                self.insert_void(tag);
            }
            "input" => {
                if self.in_scope("select", Scope::Default) {
                    self.pop_until("select");
                }
                self.reconstruct_formatting();
                self.insert_void(tag);
            }
            "param" | "source" | "track" => self.insert_void(tag),
            "hr" => {
                self.close_p_in_button_scope();
                if self.in_scope("select", Scope::Default) {
                    self.generate_implied_end_tags(None);
                }
                self.insert_void(tag);
            }
            "textarea" => {
                self.insert(html(tag));
                self.ignore_newline = true;
                return Some(Switch::Raw(RawKind::Rcdata));
            }
            "xmp" => {
                self.close_p_in_button_scope();
                self.reconstruct_formatting();
                self.insert(html(tag));
                return Some(Switch::Raw(RawKind::Rawtext));
            }
            "iframe" | "noembed" | "noscript" => {
                self.insert(html(tag));
                return Some(Switch::Raw(RawKind::Rawtext));
            }
            // A select inside a select ends it.
            "select" if self.in_scope("select", Scope::Default) => self.pop_until("select"),
            "select" => {
                self.reconstruct_formatting();
                self.insert(html(tag));
            }
            "option" | "optgroup" => {
                if self.in_scope("select", Scope::Default) {
                    let except = (name == "option").then_some("optgroup");
                    self.generate_implied_end_tags(except);
                } else if self.current_is("option") {
                    self.pop();
                }
                self.reconstruct_formatting();
                self.insert(html(tag));
            }
            "rb" | "rtc" => {
                if self.in_scope("ruby", Scope::Default) {
                    self.generate_implied_end_tags(None);
                }
                self.insert(html(tag));
            }
            "rp" | "rt" => {
                if self.in_scope("ruby", Scope::Default) {
                    self.generate_implied_end_tags(Some("rtc"));
                }
                self.insert(html(tag));
            }
            "math" | "svg" => {
                self.reconstruct_formatting();
                let namespace = match name {
                    "math" => Namespace::MathMl,
                    _ => Namespace::Svg,
                };
                self.insert(NewElement { tag, namespace });
                if tag.self_closing {
                    self.pop();
                }
            }
            "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" => {
                self.table_part(tag)
            }
            _ => {
                self.reconstruct_formatting();
                self.insert(html(tag));
            }
        }
        None
    }

    fn insert_void(&mut self, tag: &TokenTag) {
        let renamed;
        let tag = if &*tag.name == "image" {
            renamed = TokenTag {
                name: LocalName::from("img"),
                ..tag.clone()
            };
            &renamed
        } else {
            tag
        };
        self.insert(NewElement {
            tag,
            namespace: Namespace::Html,
        });
        self.pop();
    }

    fn stack_has(&self, name: &str) -> bool {
        self.stack
            .iter()
            .any(|open| !open.removed && self.is_html(open, name))
    }

    /// Whether the current node is a table or one of its row groups.
    fn in_table_context_below(&self) -> bool {
        let Some(parent) = self.stack.len().checked_sub(2).map(|at| &self.stack[at]) else {
            return false;
        };
        parent.flags & TABLE_CONTEXT != 0
    }

    /// `<li>` (or `<dd>`/`<dt>`) closes the open item it follows.
    fn close_list_item(&mut self, list: bool) {
        let mut to_close = None;
        for open in self.stack.iter().rev() {
            if open.removed {
                continue;
            }
            let name: &str = self.name_of(open);
            let html = open.namespace == Namespace::Html;
            let closes = html
                && match list {
                    true => name == "li",
                    false => name == "dd" || name == "dt",
                };
            if closes {
                to_close = Some(self.name_of(open).clone());
                break;
            }
            if open.flags & SPECIAL != 0 && !(html && matches!(name, "address" | "div" | "p")) {
                break;
            }
        }
        if let Some(name) = to_close {
            self.generate_implied_end_tags(Some(&name));
            self.pop_until(&name);
        }
    }

    /// Removes formatting element `record` from the list and the stack
    /// (it stays the parent of what is open above it).
    fn remove_formatting_element(&mut self, record: u32) {
        if let Some(index) = self.formatting_position(record) {
            self.formatting.remove(index);
        }
        self.remove_from_stack(record);
    }

    fn remove_from_stack(&mut self, record: u32) {
        let Some(at) = self.stack_position(record) else {
            return;
        };
        if at + 1 == self.stack.len() {
            self.pop();
        } else {
            self.stack[at].removed = true;
            self.is_open[record as usize] = false;
        }
    }

    /// A table part's start tag (caption, column group, row group, row,
    /// cell): ignored outside a table, else the implied ends and parts.
    fn table_part(&mut self, tag: &TokenTag) {
        if !self.in_scope("table", Scope::Table) {
            return;
        }
        let name: &str = &tag.name;
        let html = NewElement {
            tag,
            namespace: Namespace::Html,
        };
        // A part ends the open cell or caption.
        if self.in_scope("td", Scope::Table) || self.in_scope("th", Scope::Table) {
            self.generate_implied_end_tags(None);
            while let Some(open) = self.current() {
                let cell = self.is_html(open, "td") || self.is_html(open, "th");
                self.pop();
                if cell {
                    break;
                }
            }
        }
        if self.in_scope("caption", Scope::Table) {
            self.generate_implied_end_tags(None);
            self.pop_until("caption");
        }
        match name {
            "caption" | "colgroup" | "col" | "tbody" | "tfoot" | "thead" => {
                self.pop_to(&["table", "template", "html"]);
                if name == "col" {
                    self.insert_implied(LocalName::from("colgroup"));
                    self.insert(html);
                    self.pop();
                    self.pop();
                    return;
                }
                self.insert(html);
                if name == "caption" {
                    self.formatting.push(Formatting::Marker);
                }
            }
            "tr" => {
                self.pop_to(&["tbody", "thead", "tfoot", "table", "template", "html"]);
                if self.current_is("table") {
                    self.insert_implied(LocalName::from("tbody"));
                }
                self.insert(html);
            }
            _ => {
                // td, th
                self.pop_to(&["tr", "tbody", "thead", "tfoot", "table", "template", "html"]);
                if self.current_is("table") {
                    self.insert_implied(LocalName::from("tbody"));
                }
                if !self.current_is("tr") && !self.current_is("template") {
                    self.insert_implied(LocalName::from("tr"));
                }
                self.insert(html);
                self.formatting.push(Formatting::Marker);
            }
        }
    }

    /// Closes elements until the current node is one of `names`.
    fn pop_to(&mut self, names: &[&str]) {
        while let Some(open) = self.current() {
            if open.namespace == Namespace::Html && names.contains(&&**self.name_of(open)) {
                return;
            }
            self.pop();
        }
    }

    fn end_tag(&mut self, tag: &TokenTag) {
        let name: &str = &tag.name;
        match self.mode {
            Mode::BeforeHtml | Mode::BeforeHead => {
                if !matches!(name, "head" | "body" | "html" | "br") {
                    return;
                }
                self.body_implied_through(Mode::InHead);
                return self.end_tag(tag);
            }
            Mode::InHead if self.in_head_template() && name != "template" => {
                if self.current_is_foreign() {
                    self.foreign_end_tag(tag);
                } else {
                    self.body_end_tag(&tag.name);
                }
                return;
            }
            Mode::InHead => {
                match name {
                    "head" => {
                        self.pop_until("head");
                        self.mode = Mode::AfterHead;
                    }
                    "template" => self.close_template(),
                    "body" | "html" | "br" => {
                        self.pop_until("head");
                        self.mode = Mode::AfterHead;
                        self.end_tag(tag);
                    }
                    _ if self.current_is_raw() => self.pop(),
                    _ => {}
                }
                return;
            }
            Mode::AfterHead => {
                if self.current_is_raw() {
                    self.pop();
                    return;
                }
                match name {
                    "template" => self.close_template(),
                    "body" | "html" | "br" => {
                        self.body_implied();
                        self.end_tag(tag);
                    }
                    _ => {}
                }
                return;
            }
            Mode::InFrameset => {
                if self.current_is_raw() || name == "frameset" && !self.current_is("html") {
                    self.pop();
                }
                return;
            }
            Mode::InBody => {}
        }
        if self.current_is_foreign() {
            self.foreign_end_tag(tag);
            return;
        }
        self.body_end_tag(&tag.name);
    }

    /// Whether the current node is a raw-text element (its end tag is the
    /// only one the tokenizer gives inside it).
    fn current_is_raw(&self) -> bool {
        self.current().is_some_and(|open| {
            open.namespace == Namespace::Html
                && matches!(
                    &**self.name_of(open),
                    "title"
                        | "script"
                        | "style"
                        | "noscript"
                        | "noframes"
                        | "textarea"
                        | "iframe"
                        | "noembed"
                        | "xmp"
                )
        })
    }

    fn body_implied_through(&mut self, mode: Mode) {
        if self.mode == Mode::BeforeHtml {
            self.insert_implied(LocalName::from("html"));
            self.mode = Mode::BeforeHead;
        }
        if self.mode == Mode::BeforeHead && mode != Mode::BeforeHead {
            self.insert_implied(LocalName::from("head"));
            self.mode = Mode::InHead;
        }
    }

    fn close_template(&mut self) {
        if self.stack_has("template") {
            self.generate_implied_end_tags(None);
            self.pop_until("template");
        }
    }

    fn foreign_end_tag(&mut self, tag: &TokenTag) {
        let name: &str = &tag.name;
        if matches!(name, "br" | "p") {
            while self.current().is_some_and(|open| {
                open.namespace != Namespace::Html && open.flags & INTEGRATION == 0
            }) {
                self.pop();
            }
            self.body_end_tag(&tag.name);
            return;
        }
        let mut first = true;
        for at in (1..self.stack.len()).rev() {
            let open = &self.stack[at];
            let html = open.namespace == Namespace::Html;
            let same = str::eq_ignore_ascii_case(self.name_of(open), name);
            if !first && html {
                self.body_end_tag(&tag.name);
                return;
            }
            if same {
                while self.stack.len() > at {
                    self.pop();
                }
                return;
            }
            first = false;
        }
    }

    fn body_end_tag(&mut self, name: &LocalName) {
        let text: &str = name;
        match text {
            "body" | "html" => {}
            "template" => self.close_template(),
            "address" | "article" | "aside" | "blockquote" | "button" | "center" | "details"
            | "dialog" | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer"
            | "header" | "hgroup" | "listing" | "main" | "menu" | "nav" | "ol" | "pre"
            | "search" | "section" | "select" | "summary" | "ul" => {
                if self.in_scope(text, Scope::Default) {
                    self.generate_implied_end_tags(None);
                    self.pop_until(text);
                }
            }
            "form" => self.close_form(),
            "p" => {
                if !self.in_scope("p", Scope::Button) {
                    self.insert_implied(LocalName::from("p"));
                }
                self.generate_implied_end_tags(Some("p"));
                self.pop_until("p");
            }
            "li" => {
                if self.in_scope("li", Scope::ListItem) {
                    self.generate_implied_end_tags(Some("li"));
                    self.pop_until("li");
                }
            }
            "dd" | "dt" => {
                if self.in_scope(text, Scope::Default) {
                    self.generate_implied_end_tags(Some(text));
                    self.pop_until(text);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let heading = self
                    .position_in_scope(|_, open| open.flags & HEADING != 0, Scope::Default)
                    .is_some();
                if heading {
                    self.generate_implied_end_tags(None);
                    self.pop_until_flags(HEADING);
                }
            }
            "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small"
            | "strike" | "strong" | "tt" | "u" => self.adoption_agency(name),
            "applet" | "marquee" | "object" => {
                if self.in_scope(text, Scope::Default) {
                    self.generate_implied_end_tags(None);
                    self.pop_until(text);
                }
            }
            "br" => {
                self.reconstruct_formatting();
                let tag = TokenTag {
                    kind: TagKind::StartTag,
                    name: name.clone(),
                    self_closing: false,
                    attrs: Vec::new(),
                    had_duplicate_attributes: false,
                };
                self.insert_void(&tag);
            }
            "table" => {
                if self.in_scope("table", Scope::Table) {
                    self.pop_until("table");
                }
            }
            "tbody" | "tfoot" | "thead" | "tr" | "td" | "th" | "caption" => {
                if self.in_scope(text, Scope::Table) {
                    self.generate_implied_end_tags(None);
                    self.pop_until(text);
                }
            }
            "col" | "colgroup" => {}
            _ => self.any_other_end_tag(name),
        }
    }

    fn close_form(&mut self) {
        if self.stack_has("template") {
            if self.in_scope("form", Scope::Default) {
                self.generate_implied_end_tags(None);
                self.pop_until("form");
            }
            return;
        }
        let Some(form) = self.form.take() else {
            return;
        };
        let in_scope = self
            .position_in_scope(|_, open| open.record == form, Scope::Default)
            .is_some();
        if !in_scope {
            return;
        }
        self.generate_implied_end_tags(None);
        self.remove_from_stack(form);
    }

    /// An end tag with no rule of its own: closes the innermost element of
    /// its name unless a special element stands between.
    fn any_other_end_tag(&mut self, name: &LocalName) {
        let mut found = None;
        for (at, open) in self.stack.iter().enumerate().rev() {
            if open.removed {
                continue;
            }
            if open.namespace == Namespace::Html && self.name_of(open) == name {
                found = Some(at);
                break;
            }
            if open.flags & SPECIAL != 0 {
                return;
            }
        }
        let Some(at) = found else {
            return;
        };
        self.generate_implied_end_tags(Some(name));
        while self.stack.len() > at {
            self.pop();
        }
    }

    /// The end of the page: the body the standard always has, every open
    /// element closed.
    fn finish(&mut self) {
        if !matches!(self.mode, Mode::InBody | Mode::InFrameset) {
            self.reopened_head = false;
            while self.current_is_raw() {
                self.pop();
            }
            self.body_implied();
        }
        while !self.stack.is_empty() {
            self.pop_one();
        }
    }

    /// The open elements from the root, as a CSS path would name them:
    /// tag, class attribute, place among same-named siblings.
    #[cfg_attr(not(test), allow(dead_code))]
    fn path(&self) -> impl Iterator<Item = PathStep<'_>> {
        self.stack.iter().filter(|open| !open.removed).map(|open| {
            let record = &self.page.elements[open.record as usize];
            let (start, end) = record.attributes;
            let class = self.page.attributes[start as usize..end as usize]
                .iter()
                .find(|(name, _, _)| &**name == "class")
                .map(|&(_, start, end)| &self.page.attribute_text[start as usize..end as usize]);
            PathStep {
                name: &record.name,
                class,
                nth_of_type: record.nth_of_type,
            }
        })
    }
}

/// One element of [`Builder::path`].
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, PartialEq, Eq)]
struct PathStep<'a> {
    name: &'a str,
    class: Option<&'a str>,
    nth_of_type: u32,
}

fn is_html_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// A hash of a tag's attributes, order aside (the standard compares
/// formatting elements' attribute sets).
fn attributes_hash(tag: &TokenTag) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut pairs: Vec<(&str, &str)> = tag
        .attrs
        .iter()
        .map(|attribute| (&*attribute.name.local, &*attribute.value))
        .collect();
    pairs.sort_unstable();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    pairs.hash(&mut hasher);
    hasher.finish()
}

/// Whether a doctype puts the page in quirks mode (where a `<table>`
/// does not close an open `<p>`), as html5ever decides it.
fn is_quirks(doctype: &Doctype) -> bool {
    if doctype.force_quirks || doctype.name.as_deref() != Some("html") {
        return true;
    }
    let public = doctype.public_id.as_deref().map(str::to_ascii_lowercase);
    let system = doctype.system_id.as_deref().map(str::to_ascii_lowercase);
    if let Some(public) = &public {
        if QUIRKY_PUBLIC_MATCHES.contains(&public.as_str())
            || QUIRKY_PUBLIC_PREFIXES
                .iter()
                .any(|prefix| public.starts_with(prefix))
        {
            return true;
        }
        if system.is_none()
            && HTML4_PUBLIC_PREFIXES
                .iter()
                .any(|prefix| public.starts_with(prefix))
        {
            return true;
        }
    }
    system.as_deref() == Some("http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd")
}

// html5ever's tables (tree_builder/data.rs), lower case.
const QUIRKY_PUBLIC_PREFIXES: &[&str] = &[
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0 level 1//",
    "-//ietf//dtd html 2.0 level 2//",
    "-//ietf//dtd html 2.0 strict level 1//",
    "-//ietf//dtd html 2.0 strict level 2//",
    "-//ietf//dtd html 2.0 strict//",
    "-//ietf//dtd html 2.0//",
    "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//",
    "-//ietf//dtd html 3.2 final//",
    "-//ietf//dtd html 3.2//",
    "-//ietf//dtd html 3//",
    "-//ietf//dtd html level 0//",
    "-//ietf//dtd html level 1//",
    "-//ietf//dtd html level 2//",
    "-//ietf//dtd html level 3//",
    "-//ietf//dtd html strict level 0//",
    "-//ietf//dtd html strict level 1//",
    "-//ietf//dtd html strict level 2//",
    "-//ietf//dtd html strict level 3//",
    "-//ietf//dtd html strict//",
    "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//",
    "-//netscape comm. corp.//dtd html//",
    "-//netscape comm. corp.//dtd strict html//",
    "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//",
    "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//",
    "-//w3c//dtd html 3.2 final//",
    "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//",
];
const QUIRKY_PUBLIC_MATCHES: &[&str] = &[
    "-//w3o//dtd w3 html strict 3.0//en//",
    "-/w3c/dtd html 4.0 transitional/en",
    "html",
];
const HTML4_PUBLIC_PREFIXES: &[&str] = &[
    "-//w3c//dtd html 4.01 frameset//",
    "-//w3c//dtd html 4.01 transitional//",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::html::segment_html_with;

    /// Markup that exercises each tree-construction rule the builder
    /// follows; the DOM front end is the reference.
    const SHAPES: &[&str] = &[
        // Implied head and body, text before the body, head elements after it.
        "Loose text<p>Para</p>",
        "<html><head><title>T</title></head><meta name=author content=A><body><p>x</p>",
        "<head><title>T</title>\n<link rel=x><script>var a = '<p>';</script></head>\n<p>Text</p>",
        "<title>Only a title</title>",
        "",
        // Implied end tags.
        "<p>One<div>Two</div><p>Three<p>Four",
        "<ul><li>One<li>Two<ul><li>Inner</ul><li>Three</ul>",
        "<dl><dt>Term<dd>Definition<dt>Next</dl>",
        "<h1>One<h2>Two</h1>Three",
        "<select><option>A<option>B</select><p>After",
        "<p>a</p></p>b",
        "<div>a</span>b</div>",
        "</br>a",
        // Tables: implied tbody and rows, cells closing cells.
        "<table><tr><td>a<td>b<tr><td>c</table>after",
        "<table><td>a</td><th>b</table>",
        "<table><caption>Cap<tr><td>x</td></tr></table>",
        "<table><thead><tr><th>H<tbody><tr><td>D</table>",
        "<table><tr><td><table><tr><td>inner</table>outer</td></tr></table>",
        "<!doctype html><p>para<table><tr><td>cell</table>",
        "<p>para<table><tr><td>cell</table>",
        "<td>stray cell</td><tr>stray row",
        // Void and raw-text elements, foreign content.
        "<p>a<br>b<img src=x>c<hr>d",
        "<p>a<textarea>\n<p>not a tag</p></textarea>b<style>p{}</style>c",
        "<p>a<script>document.write('<div>')</script>b",
        "<svg><title>Icon</title><p>breaks out</svg><p>after",
        "<svg><foreignObject><p>inside</p></foreignObject></svg>text",
        "<math><mi>x</mi><mtext><b>t</b></mtext></math>after",
        "<svg><a href='/in-svg'>link</a><path/></svg><p>after",
        "<p>x<svg><![CDATA[ <p> ]]></svg>y",
        // Templates and noscript.
        "<template><p>hidden</p></template><p>shown</p>",
        "<head><template><div>t</div></template></head><p>b</p>",
        "<noscript><p>For readers without scripts</p></noscript><p>x</p>",
        "<head><noscript><style>a{}</style></noscript></head><p>x</p>",
        // Formatting elements: reopened after blocks, the adoption agency.
        "<p><a href='/x'>link</p><p>next</p>",
        "<p><b class=related>bold</p><p>still bold</p>",
        "<a href='/a'><div>block in link</a>after</div>",
        "<a href='/a'>one<a href='/b'>two</a>",
        "<b><i>x</b>y</i>z",
        "<a href=/x><span><div>deep</a>tail</div>",
        "<b><p>x</b>y</p>",
        "<nobr>a<nobr>b",
        "<div><b>1<b>2<b>3<b>4</div><p>text",
        // Forms, buttons, nested lists of classes.
        "<form><form><p>nested</form>x</form>y",
        "<div><form><div>x</form>y</div>z",
        "<button>a<button>b",
        "<div class='menu nav' id=top><p>m</p></div><div class=related-posts><p>r</p></div>",
        "<nav><a href=/>Home</a></nav><article><h1>Head</h1><p>Body text.</p></article>",
        "<pre>\nline one\nline two</pre>",
        "<ruby>漢<rt>kan</rt>字<rp>(</rp></ruby>",
        "<frameset><frame></frameset>",
        "a\0b<p>c\0d",
        "<p>a<!-- comment -->b</p>",
    ];

    fn both(html: &str, hidden: HiddenText) -> (Document, Document) {
        (
            segment_html_with(html, hidden, false),
            segment_html_tokens(html, hidden),
        )
    }

    #[test]
    fn each_tree_construction_rule_gives_the_dom_documents_lines() {
        for shape in SHAPES {
            for hidden in [HiddenText::Skip, HiddenText::Include] {
                let (dom, tokens) = both(shape, hidden);
                assert_eq!(dom, tokens, "{shape:?}");
            }
        }
    }

    #[test]
    fn the_fixture_pages_give_the_dom_documents() {
        use std::io::Read;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut count = 0;
        for folder in ["scrapinghub/html", "hostile"] {
            for entry in std::fs::read_dir(root.join(folder)).expect("fixtures") {
                let path = entry.expect("entry").path();
                let name = path.to_string_lossy().into_owned();
                let bytes = std::fs::read(&path).expect("page");
                let page = if name.ends_with(".html.gz") {
                    let mut page = String::new();
                    flate2::read::GzDecoder::new(&bytes[..])
                        .read_to_string(&mut page)
                        .expect("gzip");
                    page
                } else if name.ends_with(".html") {
                    String::from_utf8_lossy(&bytes).into_owned()
                } else {
                    continue;
                };
                let (dom, tokens) = both(&page, HiddenText::Skip);
                assert!(dom == tokens, "{name}");
                count += 1;
            }
        }
        assert!(count >= 8, "the fixtures hold HTML pages");
    }

    #[test]
    fn the_element_stack_names_a_css_path() {
        let mut builder = Builder::default();
        let markup = "<body><div class='a b'><p>1</p><p>2</p><span>s</span><p>";
        let tokenizer = Tokenizer::new(
            Sink {
                builder: RefCell::new(Builder::default()),
                in_foreign: Cell::new(false),
            },
            TokenizerOpts::default(),
        );
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(markup));
        let _ = tokenizer.feed(&input);
        std::mem::swap(&mut builder, &mut tokenizer.sink.builder.borrow_mut());
        let path: Vec<PathStep<'_>> = builder.path().collect();
        let step = |name, class, nth_of_type| PathStep {
            name,
            class,
            nth_of_type,
        };
        assert_eq!(
            path,
            [
                step("html", None, 1),
                step("body", None, 1),
                step("div", Some("a b"), 1),
                step("p", None, 3),
            ]
        );
    }

    #[test]
    fn a_misnested_link_is_resolved_as_the_tree_builder_resolves_it() {
        // The block written inside the link moves out of it, and only the
        // text before the link's end tag is link text.
        let document = segment_html_tokens(
            "<p><a href='/a'>Read<div>more here</a> and then some</div>",
            HiddenText::Skip,
        );
        let link_chars: Vec<u32> = document.lines.iter().map(|line| line.link_chars).collect();
        assert_eq!(link_chars, [4, 9]);
        assert_eq!(
            document.line_text(&document.lines[1]),
            "more here and then some"
        );
    }

    #[test]
    fn the_adoption_agency_rewrites_no_further_than_its_cap() {
        // A block far larger than the cap inside a link: closed where it
        // stands, so the cost stays linear, and every word is kept.
        let filler = "<span>w</span>".repeat(MAX_ADOPTION_EVENTS);
        let page = format!("<a href='/a'><div>{filler}</a>tail</div>");
        let document = segment_html_tokens(&page, HiddenText::Skip);
        let text: String = document
            .lines
            .iter()
            .map(|line| document.line_text(line))
            .collect();
        assert!(text.ends_with("tail"));
        assert_eq!(text.matches('w').count(), MAX_ADOPTION_EVENTS);
    }
}
