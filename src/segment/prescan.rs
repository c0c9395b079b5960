//! One pass over the markup before it is parsed: caps on element nesting,
//! on formatting elements left open and on the nodes per byte, and the
//! bodies of scripts and style sheets and the attributes no one reads
//! taken out.
//!
//! **Nesting.** html5ever's tree builder checks "is there a `<p>` in button
//! scope?" and similar questions by walking its stack of open elements, so
//! each start tag costs time in proportion to the current depth: a page
//! nested 100,000 deep takes minutes. Browsers cap the depth of the tree
//! they build (Chromium at 512); we cap it earlier and cheaper, before
//! parsing: a start tag that would open an element deeper than
//! [`MAX_NESTING_DEPTH`] is removed, with the end tag that closes it. A
//! removed block element (`<div>`, `<p>`, `<h1>`…) leaves a `<br>` at each
//! of its two tags, so its text still starts and ends a line of its own.
//! Every word stays. Flattening deep elements into siblings at the cap
//! (Chromium's way) was tried first: it keeps more structure, but every
//! flattened element still costs the parser a walk of the full-depth
//! stack, several times what a normal page costs per byte.
//!
//! **Code and unread attributes.** Inline scripts and style sheets are
//! about half the bytes of a news page, and the walk reads none of their
//! text (JSON-LD metadata aside); of the rest, a fifth is attributes no
//! one reads (`src`, `srcset`, `data-*`…). Both are cut here, so the
//! parser never tokenizes them nor builds them into the tree: on the 181
//! Scrapinghub pages, 31.5 MB of markup reach the parser as 12.1 MB, and
//! the parse costs a quarter less. Attributes the walk or the tree
//! builder reads stay (see [`is_read_attribute`]), and so do all those of
//! the formatting elements (`<a>`, `<b>`…), which the tree builder
//! compares whole. A body is cut only where the parser would read it as
//! script or style text (not inside `<svg>` or `<math>`, nor in a
//! frameset page), and it ends exactly where the parser ends it: at the
//! first `</style` or `</script` followed by white space, `/` or `>`,
//! through the escaped states of the HTML standard (`<!-- <script> …
//! </script> -->` inside a script does not end it). A test checks those ends against html5ever's on generated
//! scripts, and attribute boundaries against html5ever's attributes.
//! What the walk sees is the same tree less the cut text and attributes,
//! and a test checks that too.
//!
//! **Formatting left open, attributes, floods of nodes.** The parser
//! rebuilds every formatting element a block closed before its end tag
//! (`<p><b class=1>1</p><p><b class=2>2</p>…`) in each block after, and
//! checks and compares formatting elements attribute by attribute: both
//! cost the square of the input, and the tree grows with it. The scan
//! follows the parser's list of active formatting elements (markers in
//! table cells, a new `<a>` ending the open one, rebuilding after a
//! block) and drops the formatting start tags past
//! [`MAX_ACTIVE_FORMATTING`] open, and the attributes of any name past
//! [`MAX_FORMATTING_ATTRIBUTES`] (the read ones stay). And however small
//! the elements, the nodes the parser builds are held to a budget
//! ([`NODE_ALLOWANCE`], then one per [`BYTES_PER_NODE`]), so that memory
//! grows with the input in the proportion of a real page's: past it,
//! tags that carry only layout and comments go, a block's leaving a
//! space. No real page comes near any of these (the 892 benchmark pages
//! come out the same), and no text is ever dropped.
//!
//! The cuts are written to the prepared markup as the scan finds them,
//! so a flood of cut tags costs no memory of its own.
//!
//! The scan is a small tokenizer that knows comments, tags and their
//! quoted attribute values, raw-text elements, void elements and the
//! elements whose start tag closes an open one of the same name (`<p>`,
//! `<li>`, `<td>`…). Where it can be unsure it errs towards cutting
//! nothing. It counts depth well enough to tell real pages from
//! pathological ones: the deepest of the 892 benchmark pages nests 56
//! elements.

use super::html::is_block_tag;
use std::borrow::Cow;

/// The deepest element kept: twice the deepest real page seen (56), a
/// quarter of Chromium's cap. Each start tag costs html5ever up to this
/// many steps, so it is also what a pathological page can cost per tag.
pub(crate) const MAX_NESTING_DEPTH: usize = 128;

/// What the scan needs to know of a start tag's element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// No end tag: it never nests anything (`<br>`, `<img>`…).
    Void,
    /// Raw text up to its end tag: a `<` inside opens nothing.
    RawText,
    /// `<script>`: raw text with the escaped states of script data.
    Script,
    /// `<style>`: raw text the walk never reads.
    Style,
    /// Everything after it is text.
    Plaintext,
    /// `<svg>` or `<math>`: inside, scripts and styles are markup.
    Foreign,
    /// `<frameset>`: the parser ignores scripts after it.
    Frameset,
    /// `<a>`, `<b>`, `<font>`…: the parser's "active formatting
    /// elements", compared attribute by attribute.
    Formatting,
    /// Its start tag closes an open element of the same name, as the
    /// parser's implied end tags do (`<li>a<li>b` are siblings).
    ClosesSibling,
    /// `<td>`, `<th>`: a [`TagKind::ClosesSibling`] that also puts a
    /// marker in the list of active formatting elements.
    Cell,
    /// `<caption>`, `<object>`, `<applet>`, `<marquee>`, `<template>`:
    /// a marker in the list of active formatting elements.
    Marker,
    Other,
}

/// The kind of element `name` (any case) opens. One `match` on the
/// lower-cased name: this runs for every tag of every page.
fn tag_kind(name: &str) -> TagKind {
    let mut buffer = [0u8; 10];
    let Some(lower) = lowercase_in(name.as_bytes(), &mut buffer) else {
        return TagKind::Other;
    };
    match lower {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"keygen"
        | b"link" | b"meta" | b"param" | b"source" | b"track" | b"wbr" => TagKind::Void,
        b"script" => TagKind::Script,
        b"style" => TagKind::Style,
        b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"noscript" => {
            TagKind::RawText
        }
        b"plaintext" => TagKind::Plaintext,
        b"svg" | b"math" => TagKind::Foreign,
        b"frameset" => TagKind::Frameset,
        b"a" | b"b" | b"big" | b"code" | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small"
        | b"strike" | b"strong" | b"tt" | b"u" => TagKind::Formatting,
        b"p" | b"li" | b"dt" | b"dd" | b"option" | b"optgroup" | b"tr" | b"rb" | b"rt" | b"rp"
        | b"tbody" | b"thead" | b"tfoot" => TagKind::ClosesSibling,
        b"td" | b"th" => TagKind::Cell,
        b"caption" | b"object" | b"applet" | b"marquee" | b"template" => TagKind::Marker,
        _ => TagKind::Other,
    }
}

/// What takes the place of a cut.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Replacement {
    Nothing,
    /// A line break, for a removed block element's tag.
    LineBreak,
    /// A space, for an attribute after a `/` (so that no `/>` is made).
    Space,
}

impl Replacement {
    /// What takes the place of a tag past the depth cap: a block's leaves
    /// a line break.
    fn past_depth(name: &str) -> Replacement {
        match is_block_name(name) {
            true => Replacement::LineBreak,
            false => Replacement::Nothing,
        }
    }

    fn text(self) -> &'static str {
        match self {
            Replacement::Nothing => "",
            Replacement::LineBreak => "<br>",
            Replacement::Space => " ",
        }
    }
}

/// The markup the parser gets: `html` without the tags that nest deeper
/// than [`MAX_NESTING_DEPTH`], without the attributes no one reads, and
/// without the bodies of its scripts (JSON-LD kept) and style sheets;
/// with at most [`MAX_ACTIVE_FORMATTING`] formatting elements left open,
/// at most [`MAX_FORMATTING_ATTRIBUTES`] attributes of any name on each,
/// and no more nodes than the budget of [`NODE_ALLOWANCE`] and
/// [`BYTES_PER_NODE`] allows.
#[cfg(test)]
pub(crate) fn prepare_markup(html: &str) -> Cow<'_, str> {
    prepare_markup_at(html, MAX_NESTING_DEPTH)
}

#[cfg(test)]
fn prepare_markup_at(html: &str, max_depth: usize) -> Cow<'_, str> {
    prepare_markup_with(html, max_depth, NODE_ALLOWANCE)
}

#[cfg(test)]
/// [`prepare_markup`] with the depth cap and the node allowance given.
fn prepare_markup_with(html: &str, max_depth: usize, node_allowance: usize) -> Cow<'_, str> {
    prepared_markup_with(html, max_depth, node_allowance).markup
}

/// The markup [`prepare_markup`] gives, and whether the scan took out
/// any element (past a cap or over the budget).
pub(crate) struct PreparedMarkup<'a> {
    pub(crate) markup: Cow<'a, str>,
    /// Whether the parser will build a tree of other elements than the
    /// page's own (cut code and attributes aside): element paths counted
    /// on it would not be the page's (see `LineVerdict::path`).
    pub(crate) reshaped: bool,
}

/// [`prepare_markup`], telling whether the tree was reshaped.
pub(crate) fn prepare_markup_reporting(html: &str) -> PreparedMarkup<'_> {
    prepared_markup_with(html, MAX_NESTING_DEPTH, NODE_ALLOWANCE)
}

fn prepared_markup_with(html: &str, max_depth: usize, node_allowance: usize) -> PreparedMarkup<'_> {
    let mut prepared = Prepared::new(html);
    let budget = NodeBudget {
        allowance: node_allowance,
        ..NodeBudget::default()
    };
    scan(html, max_depth, budget, &mut prepared);
    let reshaped = prepared.reshaped;
    PreparedMarkup {
        markup: prepared.finish(),
        reshaped,
    }
}

/// A byte range to take out: a tag past the cap, an attribute the walk
/// never reads, or a script's or style sheet's body.
#[derive(Clone, Copy)]
struct Cut {
    start: usize,
    end: usize,
    replacement: Replacement,
}

/// The prepared markup, written as the scan finds its cuts (in input
/// order), so that the cuts of a flood of tags cost no memory of their
/// own. Of a run of removed block tags with only white space between
/// them, only the first leaves a break: a hundred thousand empty lines
/// would cost more than the tags did.
struct Prepared<'a> {
    html: &'a str,
    /// Empty until the first cut: a page with nothing to cut is borrowed.
    text: String,
    /// Where the input not yet copied starts.
    from: usize,
    last_break_end: Option<usize>,
    /// Whether an element's tag was taken out.
    reshaped: bool,
}

impl<'a> Prepared<'a> {
    fn new(html: &'a str) -> Self {
        Prepared {
            html,
            text: String::new(),
            from: 0,
            last_break_end: None,
            reshaped: false,
        }
    }

    fn push(&mut self, mut cut: Cut) {
        if cut.replacement == Replacement::LineBreak {
            let html = self.html;
            let only_space_since_break = self
                .last_break_end
                .is_some_and(|end| html[end..cut.start].trim().is_empty());
            if only_space_since_break {
                cut.replacement = Replacement::Nothing;
            }
            self.last_break_end = Some(cut.end);
        }
        if self.text.capacity() == 0 {
            // The output is never longer than the input (a cut's
            // replacement is shorter than what it replaces).
            self.text.reserve(self.html.len());
        }
        self.text.push_str(&self.html[self.from..cut.start]);
        self.text.push_str(cut.replacement.text());
        self.from = cut.end;
    }

    fn finish(mut self) -> Cow<'a, str> {
        if self.text.capacity() == 0 {
            return Cow::Borrowed(self.html);
        }
        self.text.push_str(&self.html[self.from..]);
        self.text.shrink_to_fit();
        Cow::Owned(self.text)
    }
}

/// The start of a tag found by the scan: up to the end of its name.
pub(super) struct TagStart<'a> {
    pub(super) name: &'a str,
    pub(super) is_end: bool,
    /// Offset of its `<`.
    pub(super) start: usize,
    pub(super) name_end: usize,
}

/// An element the scan took out (past the depth cap, past the cap on
/// open formatting elements, or over the node budget), whose end tag
/// must go too.
#[derive(Clone, Copy)]
struct Removed<'a> {
    name: &'a str,
    /// How many kept elements were open around it: closing one of those
    /// closes it too.
    kept_len: usize,
    /// How many of the same name were removed in a row, one inside the
    /// other: a 100,000-deep `<div>` costs one entry.
    count: usize,
    /// What takes the place of its end tag.
    end_replacement: Replacement,
}

/// The elements the scan holds open.
#[derive(Default)]
struct OpenElements<'a> {
    /// The elements kept open.
    kept: Vec<&'a str>,
    /// The ones taken out, whose end tags must go too.
    removed: Vec<Removed<'a>>,
    /// Index in `kept` of the outermost open `<svg>` or `<math>`.
    foreign_from: Option<usize>,
    /// The parser's list of active formatting elements, as far as the
    /// scan can follow it.
    active: ActiveFormatting<'a>,
}

impl<'a> OpenElements<'a> {
    /// Closes the kept element at `index` and everything inside it (the
    /// removed ones too, as the parser would).
    fn close_kept(&mut self, index: usize) {
        self.kept.truncate(index);
        while self
            .removed
            .last()
            .is_some_and(|removed| removed.kept_len > index)
        {
            self.removed.pop();
        }
        if self.foreign_from.is_some_and(|from| from >= index) {
            self.foreign_from = None;
        }
        self.active.close_from(index);
    }

    /// Whether the innermost open element is a removed one.
    fn removed_is_innermost(&self) -> bool {
        self.removed
            .last()
            .is_some_and(|removed| removed.kept_len >= self.kept.len())
    }

    /// Takes element `name` out. Only the top [`MAX_NESTING_DEPTH`]
    /// entries are searched for an end tag, so the stack keeps at most a
    /// few times that: a million unclosed `<b><i>` would otherwise cost
    /// memory in proportion. An end tag of a forgotten one reaches the
    /// parser, which ignores it (or closes an element of the name, as
    /// the scan does too).
    fn remove(&mut self, name: &'a str, end_replacement: Replacement) {
        let kept_len = self.kept.len();
        if let Some(last) = self.removed.last_mut() {
            if last.kept_len == kept_len
                && last.end_replacement == end_replacement
                && last.name.eq_ignore_ascii_case(name)
            {
                last.count += 1;
                return;
            }
        }
        if self.removed.len() >= 8 * MAX_NESTING_DEPTH {
            self.removed.drain(..4 * MAX_NESTING_DEPTH);
        }
        self.removed.push(Removed {
            name,
            kept_len,
            count: 1,
            end_replacement,
        });
    }

    /// Closes the removed element in entry `index` and everything inside
    /// it.
    fn close_removed(&mut self, index: usize) {
        self.removed.truncate(index + 1);
        self.pop_removed();
    }

    /// Closes the innermost removed element.
    fn pop_removed(&mut self) {
        if let Some(last) = self.removed.last_mut() {
            last.count -= 1;
            if last.count == 0 {
                self.removed.pop();
            }
        }
    }

    /// Where the end tag `name` leads: to a removed element (whose end
    /// tag goes too), to a kept one (which it closes), or to none.
    fn end_tag_target(&self, name: &str) -> EndTarget {
        let kept = rposition(&self.kept, name);
        // The removed stack can grow with the input (a million unclosed
        // `<b>`): a search through all of it per end tag would be
        // quadratic.
        let floor = self.removed.len().saturating_sub(MAX_NESTING_DEPTH);
        let removed = self.removed[floor..]
            .iter()
            .rposition(|removed| removed.name.eq_ignore_ascii_case(name))
            .map(|index| floor + index);
        match (removed, kept) {
            (Some(removed), Some(kept)) if self.removed[removed].kept_len <= kept => {
                EndTarget::Kept(kept)
            }
            (Some(removed), _) => EndTarget::Removed(removed),
            (None, Some(kept)) => EndTarget::Kept(kept),
            (None, None) => EndTarget::None,
        }
    }
}

/// What an end tag closes, in the scan's model.
enum EndTarget {
    Removed(usize),
    Kept(usize),
    None,
}

/// Every tag past the caps or over the budget, every attribute the walk
/// never reads and every body of code, in input order, written to
/// `prepared`.
fn scan<'a>(html: &'a str, max_depth: usize, mut budget: NodeBudget, prepared: &mut Prepared<'a>) {
    let bytes = html.as_bytes();
    let mut open = OpenElements::default();
    // The parser ignores scripts after a `<frameset>`: cut none there.
    let mut frameset = false;
    // The cuts of the tag being read, written once the tag is kept.
    let mut attribute_cuts: Vec<Cut> = Vec::new();
    let mut position = 0;
    loop {
        let on_comment = |start: usize, end: usize| {
            // A comment is a node too: a flood of `<!---->` past the
            // budget goes.
            if !budget.spend(1, start) {
                prepared.push(Cut {
                    start,
                    end,
                    replacement: Replacement::Nothing,
                });
            }
        };
        let Some(tag) = next_tag_with(html, position, on_comment) else {
            break;
        };
        let text_before = tag.start > position;
        budget.text_before_node |= text_before;
        let name = tag.name;
        let removal = |end: usize| Cut {
            start: tag.start,
            end,
            replacement: Replacement::past_depth(name),
        };
        if text_before && open.active.has_pending() {
            // The parser rebuilds the formatting elements a block closed
            // as soon as text follows.
            let cost = open.active.reconstruct(&mut open.kept);
            budget.rebuild(cost, tag.start);
        }
        if tag.is_end {
            position = end_of_tag(bytes, tag.name_end, |_| {});
            match open.end_tag_target(name) {
                EndTarget::Removed(index) => {
                    let replacement = open.removed[index].end_replacement;
                    open.close_removed(index);
                    prepared.push(Cut {
                        start: tag.start,
                        end: position,
                        replacement,
                    });
                }
                EndTarget::Kept(index) => {
                    // Text either side of it makes two nodes.
                    budget.charge(0, tag.start);
                    open.active.close(name);
                    open.close_kept(index);
                }
                EndTarget::None if open.removed_is_innermost() => {
                    // A stray end tag inside the removed part: no kept
                    // element to close, and its block break is harmless.
                    prepared.push(removal(position));
                }
                EndTarget::None => {
                    // A stray `</p>` or `</br>` makes an element.
                    let makes_element =
                        name.eq_ignore_ascii_case("p") || name.eq_ignore_ascii_case("br");
                    if makes_element && !budget.spend(1, tag.start) {
                        prepared.reshaped = true;
                        prepared.push(Cut {
                            start: tag.start,
                            end: position,
                            replacement: Replacement::Space,
                        });
                    }
                }
            }
            continue;
        }
        let kind = tag_kind(name);
        let is_formatting = kind == TagKind::Formatting;
        attribute_cuts.clear();
        let mut attributes = KeptAttributes::default();
        position = end_of_tag(bytes, tag.name_end, |attribute| {
            let attribute_name = &bytes[attribute.start..attribute.name_end];
            let read = is_read_attribute(attribute_name);
            // The parser compares formatting elements' attributes, all of
            // them, to decide which to reopen after misnested markup: the
            // first few of any name stay.
            if read || (is_formatting && attributes.count < MAX_FORMATTING_ATTRIBUTES) {
                attributes.count += 1;
                attributes.hiding |= read && is_hiding_attribute(attribute_name);
            } else {
                attribute_cuts.push(attribute_cut(bytes, attribute));
            }
        });
        let cost = 1 + attributes.count;
        match kind {
            TagKind::RawText | TagKind::Script | TagKind::Style => {
                attribute_cuts.iter().for_each(|&cut| prepared.push(cut));
                budget.charge(cost, tag.start);
                let body_start = position;
                let body_end = if kind == TagKind::Script {
                    end_of_script(bytes, body_start)
                } else {
                    end_of_raw_text(bytes, body_start, name)
                };
                let cut = match kind {
                    TagKind::Script => !keeps_body(&html[tag.start..body_start]),
                    TagKind::Style => true,
                    _ => false,
                };
                if cut && !frameset && open.foreign_from.is_none() && body_end > body_start {
                    prepared.push(Cut {
                        start: body_start,
                        end: body_end,
                        replacement: Replacement::Nothing,
                    });
                }
                position = match body_end < html.len() {
                    true => end_of_tag(bytes, body_end + 2 + name.len(), |_| {}),
                    false => html.len(),
                };
                continue;
            }
            TagKind::Plaintext => {
                attribute_cuts.iter().for_each(|&cut| prepared.push(cut));
                break;
            }
            _ => {}
        }
        let droppable = !attributes.hiding && may_be_dropped(name);
        // An element opened while formatting elements wait to be rebuilt
        // holds them once rebuilt, and closing it makes them wait again:
        // past the rebuild budget it goes, and they stay where they are.
        let rebuilds = droppable
            && open.active.has_pending()
            && !budget.allows_rebuild(open.active.pending_cost(), tag.start);
        let is_block = droppable && is_block_name(name);
        let too_many_blocks = is_block && !budget.allows_block(tag.start);
        if droppable && (rebuilds || too_many_blocks || !budget.allows(cost, tag.start)) {
            // Over the budget: the tag goes, its text stays. A block's
            // tag leaves a space, so that words on either side stay apart.
            let replacement = match is_block_name(name) {
                true => Replacement::Space,
                false => Replacement::Nothing,
            };
            prepared.reshaped = true;
            prepared.push(Cut {
                start: tag.start,
                end: position,
                replacement,
            });
            let sibling = matches!(kind, TagKind::ClosesSibling | TagKind::Cell)
                && open.removed_is_innermost()
                && open
                    .removed
                    .last()
                    .is_some_and(|last| last.name.eq_ignore_ascii_case(name));
            // `<p>a<p>b` past the budget: the second replaces the first.
            if sibling {
                open.pop_removed();
            }
            if kind != TagKind::Void {
                open.remove(name, replacement);
            }
            continue;
        }
        if open.active.has_pending() && !is_block_name(name) {
            let cost = open.active.reconstruct(&mut open.kept);
            budget.rebuild(cost, tag.start);
        }
        match kind {
            TagKind::Void => {
                attribute_cuts.iter().for_each(|&cut| prepared.push(cut));
                budget.charge(cost, tag.start);
                continue;
            }
            TagKind::Frameset => frameset = true,
            TagKind::ClosesSibling | TagKind::Cell => close_sibling(&mut open, name),
            _ => {}
        }
        let past_depth = open.kept.len() >= max_depth;
        if past_depth || (is_formatting && !open.active.push(name, open.kept.len(), cost)) {
            // Past the depth cap, or one formatting element too many
            // left open: the tag goes, with its end tag.
            open.remove(
                name,
                match past_depth {
                    true => Replacement::past_depth(name),
                    false => Replacement::Nothing,
                },
            );
            prepared.reshaped = true;
            prepared.push(match past_depth {
                true => removal(position),
                false => Cut {
                    start: tag.start,
                    end: position,
                    replacement: Replacement::Nothing,
                },
            });
            continue;
        }
        attribute_cuts.iter().for_each(|&cut| prepared.push(cut));
        budget.charge(cost, tag.start);
        if is_block {
            budget.open_block(tag.start);
        }
        if kind == TagKind::Foreign && open.foreign_from.is_none() {
            open.foreign_from = Some(open.kept.len());
        }
        if matches!(kind, TagKind::Cell | TagKind::Marker) {
            open.active.push_marker(open.kept.len());
        }
        open.kept.push(name);
    }
}

/// What the parser's implied end tags do to an element whose start tag
/// closes an open one of the same name (`<li>a<li>b`).
fn close_sibling(open: &mut OpenElements<'_>, name: &str) {
    if open.removed_is_innermost() {
        if open
            .removed
            .last()
            .is_some_and(|last| last.name.eq_ignore_ascii_case(name))
        {
            open.pop_removed();
        }
    } else if let Some(index) = rposition(&open.kept, name) {
        open.close_kept(index);
    }
}

/// How many attributes of a start tag reach the parser, and whether one
/// hides the element (its hiding must stay, so it is never dropped).
#[derive(Default)]
struct KeptAttributes {
    count: usize,
    hiding: bool,
}

/// The most formatting elements (`<b>`, `<a>`, `<font>`…) left open at
/// once since the last table cell, caption or object. The parser keeps
/// each in its list of active formatting elements until its end tag, and
/// rebuilds all of them in every block that follows the one that closed
/// them: `<p><b class=1>1</p><p><b class=2>2</p>…` costs it the square of
/// the paragraphs. A further formatting start tag goes (with its end
/// tag); its text stays. Of the 892 benchmark pages, none leaves more
/// than 5 open.
pub(crate) const MAX_ACTIVE_FORMATTING: usize = 8;

/// The most attributes of any name kept on a formatting element; past
/// them only the ones read (see [`is_read_attribute`]) stay. The
/// tokenizer checks each attribute against those before it, and the tree
/// builder compares formatting elements attribute by attribute, so one
/// `<b>` with 125,000 attributes costs the square of them. The most any
/// of the 892 benchmark pages puts on one is 18.
pub(crate) const MAX_FORMATTING_ATTRIBUTES: usize = 32;

/// The nodes (elements, attributes, text, comments) the parser may build
/// whatever the page's size: about 150 MB of tree, far more than any real
/// page needs before [`BYTES_PER_NODE`] catches up (of the 892 benchmark
/// pages, none runs more than 6,000 ahead of one per 32 bytes), and
/// enough for the generated page of a million tiny elements before its
/// article.
pub(crate) const NODE_ALLOWANCE: usize = 1_000_000;

/// Bytes of input per node past [`NODE_ALLOWANCE`]. A node costs the
/// parser about 150 bytes of memory and the walk a step: a flood of
/// `<p>a</p>` (an element and a text node per 8 bytes) cost 40 bytes of
/// memory per byte of input, where a real page costs about 4. A real
/// page's body has one node per 57 bytes or fewer (unused allowance
/// carries over), so even 64 MiB of it stays within the allowance.
/// Over the budget, tags that carry only layout (see
/// [`may_be_dropped`]) and comments go, their text stays.
pub(crate) const BYTES_PER_NODE: usize = 128;

/// The formatting elements (and their attributes) the parser may rebuild
/// whatever the page's size. Of the 892 benchmark pages, none rebuilds
/// more than 368; `<p><b class=1>1</p><p><b class=2>2</p>…` rebuilds
/// [`MAX_ACTIVE_FORMATTING`] elements in every paragraph, ten times the
/// nodes of its markup.
pub(crate) const REBUILD_ALLOWANCE: usize = 10_000;

/// Bytes of input per rebuilt node past [`REBUILD_ALLOWANCE`]. Past the
/// budget, layout-only elements opened while formatting elements wait to
/// be rebuilt go (their text stays): the formatting elements are rebuilt
/// once, around the text, instead of once per paragraph.
pub(crate) const BYTES_PER_REBUILD: usize = 1024;

/// The layout-only block elements (`<p>`, `<div>`, `<li>`, `<br>`…) kept
/// whatever the page's size. Each starts a line, and a line costs every
/// step after the parse: a flood of `<p>a</p>` cost ten times a real
/// page per byte. Of the 892 benchmark pages, none runs more than 1,100
/// ahead of one per [`BYTES_PER_BLOCK`].
pub(crate) const BLOCK_ALLOWANCE: usize = 10_000;

/// Bytes of input per block element past [`BLOCK_ALLOWANCE`]; past the
/// budget, they go, leaving a space (their text stays, on one line). A
/// real page's body has one per 327 bytes.
pub(crate) const BYTES_PER_BLOCK: usize = 256;

/// The nodes spent so far against those the bytes read so far allow: a
/// bucket that fills at one node per [`BYTES_PER_NODE`] and never holds
/// a debt, so that the article after a flood keeps its tags as soon as
/// it is denser in text than the flood was.
#[derive(Default)]
struct NodeBudget {
    /// The nodes allowed whatever the size: [`NODE_ALLOWANCE`].
    allowance: usize,
    spent: usize,
    /// The formatting elements rebuilt so far, and their attributes.
    rebuilt: usize,
    /// The droppable block elements kept so far.
    blocks: usize,
    /// Whether text came since the last node kept: the node after it
    /// ends a text node (the text between tags cut is one node).
    text_before_node: bool,
}

impl NodeBudget {
    /// The nodes the input up to offset `at` allows.
    fn allowance(&self, at: usize) -> usize {
        self.allowance + at / BYTES_PER_NODE
    }

    /// Whether the budget at input offset `at` allows `nodes` more, with
    /// the text node before them.
    fn allows(&self, nodes: usize, at: usize) -> bool {
        self.spent + nodes + usize::from(self.text_before_node) <= self.allowance(at)
    }

    /// Spends `nodes` if the budget at input offset `at` allows, and
    /// says whether it did.
    fn spend(&mut self, nodes: usize, at: usize) -> bool {
        if !self.allows(nodes, at) {
            return false;
        }
        self.charge(nodes, at);
        true
    }

    /// Whether the rebuild budget at input offset `at` allows `nodes`
    /// more.
    fn allows_rebuild(&self, nodes: usize, at: usize) -> bool {
        self.rebuilt + nodes <= REBUILD_ALLOWANCE + at / BYTES_PER_REBUILD
    }

    /// Whether the block budget at input offset `at` allows one more.
    fn allows_block(&self, at: usize) -> bool {
        self.blocks < BLOCK_ALLOWANCE + at / BYTES_PER_BLOCK
    }

    /// Spends a block at input offset `at` (with no debt, as nodes).
    fn open_block(&mut self, at: usize) {
        self.blocks = (self.blocks + 1).min(BLOCK_ALLOWANCE + at / BYTES_PER_BLOCK);
    }

    /// Spends `nodes` the parser rebuilds (they cannot be refused).
    fn rebuild(&mut self, nodes: usize, at: usize) {
        self.rebuilt += nodes;
        self.charge(nodes, at);
    }

    /// Spends `nodes` that cannot be refused (kept elements, rebuilt
    /// ones), and the text node before them, at input offset `at`.
    fn charge(&mut self, nodes: usize, at: usize) {
        let text = usize::from(std::mem::take(&mut self.text_before_node));
        self.spent = (self.spent + nodes + text).min(self.allowance(at));
    }
}

/// An entry of the parser's list of active formatting elements.
enum Active<'a> {
    /// Opened by a table cell, caption, object, applet, marquee or
    /// template: closing it clears every entry after it.
    Marker { kept_index: usize },
    Element {
        name: &'a str,
        /// Its index among the kept elements, or `None` once a block's
        /// end closed it: the parser rebuilds it at the next text.
        open_at: Option<usize>,
        /// The nodes rebuilding it costs: the element and its attributes.
        cost: usize,
    },
}

/// The parser's list of active formatting elements, as far as the scan
/// can follow it: the entries since the last marker are at most
/// [`MAX_ACTIVE_FORMATTING`], so every operation costs at most that.
#[derive(Default)]
struct ActiveFormatting<'a> {
    entries: Vec<Active<'a>>,
}

impl<'a> ActiveFormatting<'a> {
    /// Where the entries after the last marker start.
    fn section_start(&self) -> usize {
        self.entries
            .iter()
            .rposition(|entry| matches!(entry, Active::Marker { .. }))
            .map_or(0, |marker| marker + 1)
    }

    fn section(&mut self) -> &mut [Active<'a>] {
        let start = self.section_start();
        &mut self.entries[start..]
    }

    /// Whether an entry waits to be rebuilt.
    fn has_pending(&self) -> bool {
        self.entries.last().is_some_and(|last| {
            !matches!(last, Active::Marker { .. })
                && self.entries[self.section_start()..]
                    .iter()
                    .any(|entry| matches!(entry, Active::Element { open_at: None, .. }))
        })
    }

    /// What rebuilding the waiting entries would cost.
    fn pending_cost(&self) -> usize {
        self.entries[self.section_start()..]
            .iter()
            .map(|entry| match entry {
                Active::Element {
                    open_at: None,
                    cost,
                    ..
                } => *cost,
                _ => 0,
            })
            .sum()
    }

    /// Rebuilds the entries a block closed, as the parser does, onto
    /// `kept`; returns the nodes that cost.
    fn reconstruct(&mut self, kept: &mut Vec<&'a str>) -> usize {
        let mut cost = 0;
        for entry in self.section() {
            if let Active::Element {
                name,
                open_at: open_at @ None,
                cost: element_cost,
            } = entry
            {
                *open_at = Some(kept.len());
                kept.push(name);
                cost += *element_cost;
            }
        }
        cost
    }

    /// Closing the kept elements from `index` up: their markers clear
    /// their entries, and the formatting elements wait to be rebuilt.
    fn close_from(&mut self, index: usize) {
        for at in (0..self.entries.len()).rev() {
            match &mut self.entries[at] {
                Active::Marker { kept_index } if *kept_index >= index => self.entries.truncate(at),
                Active::Marker { .. } => break,
                Active::Element { open_at, .. } => {
                    if open_at.is_some_and(|open| open >= index) {
                        *open_at = None;
                    }
                }
            }
        }
    }

    fn push_marker(&mut self, kept_index: usize) {
        self.entries.push(Active::Marker { kept_index });
    }

    /// Adds formatting element `name`, kept at `kept_index`, unless
    /// [`MAX_ACTIVE_FORMATTING`] are already there. A new `<a>` ends the
    /// one still open, as the parser's adoption agency does.
    fn push(&mut self, name: &'a str, kept_index: usize, cost: usize) -> bool {
        let start = self.section_start();
        if name.eq_ignore_ascii_case("a") {
            self.remove_last(start, "a");
        }
        if self.entries.len() - start >= MAX_ACTIVE_FORMATTING {
            return false;
        }
        self.entries.push(Active::Element {
            name,
            open_at: Some(kept_index),
            cost,
        });
        true
    }

    /// The end tag `name`: its entry goes.
    fn close(&mut self, name: &str) {
        if !self.entries.is_empty() {
            self.remove_last(self.section_start(), name);
        }
    }

    fn remove_last(&mut self, start: usize, name: &str) {
        let last = self.entries[start..].iter().rposition(|entry| {
            matches!(entry, Active::Element { name: open, .. } if open.eq_ignore_ascii_case(name))
        });
        if let Some(index) = last {
            self.entries.remove(start + index);
        }
    }
}

/// Whether the walk or the parser's tree builder reads attribute `name`
/// (any case). The walk: classes, ids, roles, links, hiding, microdata
/// and meta tags (see `KeyAttributes` in `html.rs`). The tree builder:
/// `type` (`<input type=hidden>` in tables, JSON-LD scripts), `color`,
/// `face` and `size` (a `<font>` leaving SVG), `encoding` (MathML
/// holding HTML), `form` and `shadowrootmode`. Every other attribute
/// (`src`, `srcset`, `data-*`, `onclick`, `title`…) is cut before the
/// parse: on news pages they are about a fifth of the markup.
fn is_read_attribute(name: &[u8]) -> bool {
    let mut buffer = [0u8; 14];
    let Some(lower) = lowercase_in(name, &mut buffer) else {
        return false;
    };
    matches!(
        lower,
        b"class"
            | b"id"
            | b"href"
            | b"style"
            | b"hidden"
            | b"aria-hidden"
            | b"aria-modal"
            | b"role"
            | b"itemprop"
            | b"property"
            | b"name"
            | b"content"
            | b"datetime"
            | b"type"
            | b"color"
            | b"face"
            | b"size"
            | b"encoding"
            | b"form"
            | b"shadowrootmode"
            | b"charset"
            | b"http-equiv"
    )
}

/// Whether attribute `name` (a read one) can hide its element (or, for
/// `aria-modal`, make it skipped): such an
/// element is never dropped over the budget, so that its text stays
/// hidden.
fn is_hiding_attribute(name: &[u8]) -> bool {
    [&b"hidden"[..], b"aria-hidden", b"aria-modal", b"style"]
        .iter()
        .any(|hiding| name.eq_ignore_ascii_case(hiding))
}

/// Whether element `name` (any case) may be dropped over the node
/// budget: any but those whose tag means more than layout to the walk or
/// the parser (links, landmarks, the head, code, forms' controls, media,
/// tables' columns, templates). Asked only over the budget.
fn may_be_dropped(name: &str) -> bool {
    let mut buffer = [0u8; 10];
    let Some(lower) = lowercase_in(name.as_bytes(), &mut buffer) else {
        return true;
    };
    !matches!(
        lower,
        b"a" | b"html"
            | b"head"
            | b"body"
            | b"base"
            | b"link"
            | b"meta"
            | b"title"
            | b"template"
            | b"select"
            | b"option"
            | b"optgroup"
            | b"datalist"
            | b"button"
            | b"input"
            | b"textarea"
            | b"keygen"
            | b"object"
            | b"embed"
            | b"param"
            | b"source"
            | b"track"
            | b"audio"
            | b"video"
            | b"canvas"
            | b"map"
            | b"area"
            | b"dialog"
            | b"iframe"
            | b"frame"
            | b"image"
            | b"applet"
            | b"marquee"
            | b"nav"
            | b"aside"
            | b"header"
            | b"footer"
            | b"article"
            | b"main"
            | b"figure"
            | b"figcaption"
            | b"details"
            | b"summary"
            | b"caption"
            | b"col"
            | b"colgroup"
            | b"pre"
            | b"menu"
            | b"address"
            | b"slot"
    )
}

/// The cut that takes `attribute` out of its tag, leaving the separator
/// before it. After a `/` it leaves a space, so that `<a/x=1>` does not
/// become a self-closing `<a/>`.
fn attribute_cut(bytes: &[u8], attribute: AttributeSpan) -> Cut {
    let after_slash = attribute
        .start
        .checked_sub(1)
        .is_some_and(|before| bytes[before] == b'/');
    Cut {
        start: attribute.start,
        end: attribute.end,
        replacement: match after_slash {
            true => Replacement::Space,
            false => Replacement::Nothing,
        },
    }
}

/// Whether `name` (any case) is a block element's. Lower-cased on the
/// stack: a page nested 100,000 deep removes as many tags.
fn is_block_name(name: &str) -> bool {
    let mut buffer = [0u8; 12];
    // No block element has a longer name.
    lowercase_in(name.as_bytes(), &mut buffer)
        .and_then(|lower| std::str::from_utf8(lower).ok())
        .is_some_and(is_block_tag)
}

/// `name` lower-cased (ASCII) into `buffer`, or `None` if it is longer:
/// names are compared on the stack, never allocated, since the scan
/// meets one for every tag and attribute of the page.
fn lowercase_in<'a>(name: &[u8], buffer: &'a mut [u8]) -> Option<&'a [u8]> {
    let lower = buffer.get_mut(..name.len())?;
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    Some(lower)
}

/// Whether a script's body stays: its start tag names JSON
/// (`type="application/ld+json"`: metadata the walk reads) or markup
/// (`type="text/template"`, `text/x-handlebars-template`, `text/html`…:
/// a page that renders its post with a script may hold the whole body
/// there, read when the visible page shows no article).
fn keeps_body(start_tag: &str) -> bool {
    contains_word(start_tag, b"json") || names_markup_script(start_tag)
}

/// Whether a script start tag (`<script …>`, as written) has a `type`
/// that [names markup](crate::segment::html::is_markup_type), its
/// attributes read as the tokenizer reads them (the first `type` counts).
pub(crate) fn names_markup_script(start_tag: &str) -> bool {
    let bytes = start_tag.as_bytes();
    let name_end = bytes
        .iter()
        .position(|&byte| is_html_space(byte) || byte == b'/' || byte == b'>')
        .unwrap_or(bytes.len());
    let mut kind = None;
    end_of_tag(bytes, name_end, |attribute| {
        let name = &bytes[attribute.start..attribute.name_end];
        if kind.is_none() && name.eq_ignore_ascii_case(b"type") {
            kind = Some(attribute_value(bytes, attribute));
        }
    });
    kind.and_then(|value| std::str::from_utf8(value).ok())
        .is_some_and(crate::segment::html::is_markup_type)
}

/// An attribute's value, its quotes off (empty for a name alone).
fn attribute_value(bytes: &[u8], attribute: AttributeSpan) -> &[u8] {
    let rest = bytes[attribute.name_end..attribute.end].trim_ascii_start();
    let value = rest.strip_prefix(b"=").unwrap_or(rest).trim_ascii_start();
    match value {
        [quote @ (b'"' | b'\''), inner @ ..] => inner.strip_suffix(&[*quote]).unwrap_or(inner),
        _ => value,
    }
}

fn contains_word(start_tag: &str, word: &[u8]) -> bool {
    start_tag
        .as_bytes()
        .windows(word.len())
        .any(|window| window.eq_ignore_ascii_case(word))
}

fn rposition(open: &[&str], name: &str) -> Option<usize> {
    open.iter()
        .rposition(|open| open.eq_ignore_ascii_case(name))
}

/// White space as the tokenizer sees it (a carriage return reaches it as
/// a line feed).
fn is_html_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// [`next_tag_with`] with no use for the comments.
#[cfg(test)]
fn next_tag(html: &str, from: usize) -> Option<TagStart<'_>> {
    next_tag_with(html, from, |_, _| {})
}

/// The next start or end tag at or after `from`, skipping comments,
/// doctypes, processing instructions and bogus comments as the tokenizer
/// does (handing the range of each to `on_comment`), read up to the end
/// of its name. `None` at the end of the input.
pub(super) fn next_tag_with(
    html: &str,
    from: usize,
    mut on_comment: impl FnMut(usize, usize),
) -> Option<TagStart<'_>> {
    let bytes = html.as_bytes();
    let mut position = from;
    loop {
        let start = position + memchr::memchr(b'<', bytes.get(position..)?)?;
        let after = bytes.get(start + 1).copied();
        let is_end = after == Some(b'/');
        let name_start = start + 1 + usize::from(is_end);
        let &first = bytes.get(name_start)?;
        if !first.is_ascii_alphabetic() {
            position = match (after, first) {
                (Some(b'!'), _) if bytes[start + 2..].starts_with(b"--") => {
                    end_of_comment(bytes, start)
                }
                // `</>` is dropped; `<!doctype>`, `<?xml?>`, `<![CDATA[`
                // and `</ x>` run to the next `>`.
                (Some(b'!' | b'?'), _) | (Some(b'/'), _) => {
                    memchr::memchr(b'>', &bytes[start + 1..])
                        .map_or(html.len(), |end| start + 1 + end + 1)
                }
                // A `<` that opens nothing is text.
                _ => {
                    position = start + 1;
                    continue;
                }
            };
            on_comment(start, position);
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|&byte| is_html_space(byte) || byte == b'/' || byte == b'>')
            .map_or(html.len(), |length| name_start + length);
        return Some(TagStart {
            name: &html[name_start..name_end],
            is_end,
            start,
            name_end,
        });
    }
}

/// The byte after the comment opened by the `<!--` at `start`: after the
/// first `-->` or `--!>` (`<!-->` and `<!--->` end where they stand).
fn end_of_comment(bytes: &[u8], start: usize) -> usize {
    let mut position = start + 2;
    while let Some(offset) = memchr::memmem::find(&bytes[position..], b"--") {
        let dashes = position + offset;
        match bytes.get(dashes + 2) {
            Some(b'>') => return dashes + 3,
            Some(b'!') if dashes >= start + 4 && bytes.get(dashes + 3) == Some(&b'>') => {
                return dashes + 4
            }
            _ => position = dashes + 1,
        }
    }
    bytes.len()
}

/// Where an attribute lies in its tag.
#[derive(Clone, Copy)]
pub(super) struct AttributeSpan {
    start: usize,
    name_end: usize,
    /// After its value (the closing quote included), or its name.
    end: usize,
}

/// The byte after the `>` that ends a tag whose attributes start at
/// `from`, handing each attribute to `on_attribute` as it ends. Follows
/// the tokenizer's attribute states, so a `>` ends the tag unless it sits
/// in a quoted value, and a quote opens a value only where a value may
/// start (`a="x>"`, not `a=b"x>` nor `="x>`). A tag the input ends in
/// hands over no last attribute: the parser drops such a tag.
pub(super) fn end_of_tag(
    bytes: &[u8],
    from: usize,
    mut on_attribute: impl FnMut(AttributeSpan),
) -> usize {
    #[derive(Clone, Copy)]
    enum State {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Unquoted,
    }
    let mut state = State::BeforeName;
    // The attribute being read.
    let (mut start, mut name_end) = (from, from);
    let mut position = from;
    while let Some(&byte) = bytes.get(position) {
        let space = is_html_space(byte);
        state = match state {
            State::BeforeName if byte == b'>' => return position + 1,
            State::BeforeName if space || byte == b'/' => State::BeforeName,
            State::BeforeName => {
                start = position;
                State::Name
            }
            State::Name if !(space || matches!(byte, b'/' | b'>' | b'=')) => State::Name,
            State::Name | State::AfterName => {
                if matches!(state, State::Name) {
                    name_end = position;
                }
                match byte {
                    b'=' => State::BeforeValue,
                    _ if space => State::AfterName,
                    _ => {
                        // A valueless attribute ends where its name does.
                        on_attribute(AttributeSpan {
                            start,
                            name_end,
                            end: name_end,
                        });
                        match byte {
                            b'>' => return position + 1,
                            b'/' => State::BeforeName,
                            _ => {
                                start = position;
                                State::Name
                            }
                        }
                    }
                }
            }
            State::BeforeValue if space => State::BeforeValue,
            State::BeforeValue if byte == b'"' || byte == b'\'' => {
                let Some(length) = memchr::memchr(byte, &bytes[position + 1..]) else {
                    return bytes.len();
                };
                position += 1 + length;
                on_attribute(AttributeSpan {
                    start,
                    name_end,
                    end: position + 1,
                });
                State::BeforeName
            }
            State::BeforeValue | State::Unquoted if !(space || byte == b'>') => State::Unquoted,
            State::BeforeValue | State::Unquoted => {
                on_attribute(AttributeSpan {
                    start,
                    name_end,
                    end: position,
                });
                if byte == b'>' {
                    return position + 1;
                }
                State::BeforeName
            }
        };
        position += 1;
    }
    bytes.len()
}

/// Whether `bytes` holds, at `at`, the end tag of `name`: `</name`, any
/// case, then white space, `/` or `>`. What the tokenizer takes for the
/// end of a raw-text element (`</styles>` is text).
fn is_end_tag_of(bytes: &[u8], at: usize, name: &str) -> bool {
    bytes.get(at..at + 2) == Some(b"</") && is_tag_name_at(bytes, at + 2, name)
}

/// `name`, any case, at `at`, followed by white space, `/` or `>`.
fn is_tag_name_at(bytes: &[u8], at: usize, name: &str) -> bool {
    let after = at + name.len();
    bytes
        .get(at..after)
        .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
        && bytes
            .get(after)
            .is_some_and(|&byte| is_html_space(byte) || byte == b'/' || byte == b'>')
}

/// Where the body of raw-text element `name` that starts at `from` ends:
/// at its end tag's `<`, or the end of the input.
pub(super) fn end_of_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut position = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[position..]) {
        let at = position + offset;
        if is_end_tag_of(bytes, at, name) {
            return at;
        }
        position = at + 1;
    }
    bytes.len()
}

/// Where the body of a script that starts at `from` ends: at the `<` of
/// the `</script` that closes it, or the end of the input. Follows the
/// script data states of the HTML standard: after `<!--` the script is
/// "escaped", and there a `<script` makes it "double escaped", where
/// `</script` only steps back to escaped; `-->` returns to plain script
/// data from either.
pub(super) fn end_of_script(bytes: &[u8], from: usize) -> usize {
    let mut position = from;
    loop {
        // Plain script data: only `<` matters.
        let Some(offset) = memchr::memchr(b'<', &bytes[position..]) else {
            return bytes.len();
        };
        let at = position + offset;
        if is_end_tag_of(bytes, at, "script") {
            return at;
        }
        if bytes[at + 1..].starts_with(b"!--") {
            match end_of_escaped_script(bytes, at + 4) {
                Escape::ClosedAt(end) => return end,
                Escape::LeftAt(after) => position = after,
            }
        } else {
            position = at + 1;
        }
    }
}

/// How an escaped stretch of script ends.
enum Escape {
    /// By the script's end tag, whose `<` is here.
    ClosedAt(usize),
    /// By `-->`: plain script data resumes here.
    LeftAt(usize),
}

/// Reads an escaped stretch of script from just after its `<!--` (whose
/// two dashes count towards a `-->`).
fn end_of_escaped_script(bytes: &[u8], from: usize) -> Escape {
    let mut dashes = 2usize;
    let mut double = false;
    let mut position = from;
    while let Some(&byte) = bytes.get(position) {
        match byte {
            b'-' => dashes += 1,
            b'>' if dashes >= 2 => return Escape::LeftAt(position + 1),
            b'<' => {
                dashes = 0;
                if double {
                    // `</script` steps back to escaped; its delimiter is
                    // consumed with it.
                    if is_end_tag_of(bytes, position, "script") {
                        double = false;
                        position += "</script".len() + 1;
                        continue;
                    }
                } else if is_end_tag_of(bytes, position, "script") {
                    return Escape::ClosedAt(position);
                } else if is_tag_name_at(bytes, position + 1, "script") {
                    double = true;
                    position += "<script".len() + 1;
                    continue;
                }
            }
            _ => dashes = 0,
        }
        position += 1;
    }
    Escape::ClosedAt(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pieces::Pieces;

    #[test]
    fn pages_with_nothing_to_cut_are_borrowed_unchanged() {
        let page = "<!doctype html><html><head><title>a <b> c</title>\
            <script type=application/ld+json>{\"a\": \"<div>\"}</script></head>\
            <body><!-- <div><div> --><p>one<p>two<ul><li>a<li>b</ul>\
            <img class=x><br><a title='x > y' href=/>link</a><style></style></body></html>";
        assert!(matches!(prepare_markup_at(page, 6), Cow::Borrowed(_)));
    }

    #[test]
    fn script_and_style_bodies_are_cut_and_json_ld_stays() {
        let page = "<head><style>p > a { x: '</p>' }</style>\
            <script>if (a < b) { document.write('<div>') }</script>\
            <script type=\"application/ld+json\">{\"headline\": \"H\"}</script></head>\
            <body><svg><style>.a{}</style></svg><p>text</p>\
            <script src=x.js></script><SCRIPT>1</SCRIPT ></body>";
        assert_eq!(
            prepare_markup(page),
            "<head><style></style><script></script>\
            <script type=\"application/ld+json\">{\"headline\": \"H\"}</script></head>\
            <body><svg><style>.a{}</style></svg><p>text</p>\
            <script ></script><SCRIPT></SCRIPT ></body>"
        );
    }

    #[test]
    fn unread_attributes_are_cut_and_formatting_elements_keep_theirs() {
        let page = "<div data-a=\"1\" class=\"c\"/data-b=x><img src=a.jpg alt=x>\
            <a data-k=1 href=/x>link</a><input TYPE=hidden onclick='f(\">\")'></div>";
        assert_eq!(
            prepare_markup(page),
            "<div  class=\"c\"/ ><img  ><a data-k=1 href=/x>link</a><input TYPE=hidden ></div>"
        );
    }

    #[test]
    fn block_names_are_told_in_any_case() {
        assert!(is_block_name("DIV") && is_block_name("Blockquote"));
        assert!(!is_block_name("span") && !is_block_name("a-very-long-custom-element"));
    }

    #[test]
    fn nothing_is_cut_after_a_frameset() {
        let page = "<frameset><script>x</script></frameset>";
        assert_eq!(prepare_markup(page), page);
    }

    /// The text of the first element named `name` as html5ever parses
    /// `page`, or `None` if there is none.
    fn parsed_text(page: &str, name: &str) -> Option<String> {
        let tree = scraper::Html::parse_document(page);
        let element = tree
            .tree
            .nodes()
            .find(|node| node.value().as_element().is_some_and(|e| e.name() == name))?;
        Some(
            element
                .children()
                .filter_map(|child| child.value().as_text().map(|text| text.to_string()))
                .collect(),
        )
    }

    #[test]
    fn script_ends_agree_with_html5ever() {
        let pieces = [
            "a",
            " ",
            "<",
            ">",
            "-",
            "!",
            "/",
            "<!--",
            "-->",
            "--!>",
            "<script>",
            "</script>",
            "<script ",
            "</script ",
            "</SCRIPT/",
            "</scripts>",
            "<scriptx>",
            "<!-",
            "</",
            "<p>",
        ];
        let mut generator = Pieces::seeded(7);
        let mut escaped = 0;
        for _ in 0..3000 {
            let body = generator.string(&pieces, 12);
            escaped += usize::from(body.contains("<!--"));
            let page = format!("<body><script>{body}</script><p>after</p>");
            let from = "<body><script>".len();
            let ours = &page[from..end_of_script(page.as_bytes(), from)];
            assert_eq!(
                parsed_text(&page, "script").as_deref(),
                Some(ours),
                "{page}"
            );
        }
        assert!(escaped > 500, "the generator must reach the escaped states");
    }

    #[test]
    fn raw_text_ends_agree_with_html5ever() {
        let pieces = [
            "a",
            "<",
            ">",
            "/",
            " ",
            "</style",
            "</style>",
            "</STYLE ",
            "</styles>",
            "<!--",
            "-->",
        ];
        let mut generator = Pieces::seeded(11);
        for _ in 0..2000 {
            let body = generator.string(&pieces, 8);
            let page = format!("<head><style>{body}</style></head>");
            let from = "<head><style>".len();
            let ours = &page[from..end_of_raw_text(page.as_bytes(), from, "style")];
            assert_eq!(parsed_text(&page, "style").as_deref(), Some(ours), "{page}");
        }
    }

    #[test]
    fn tag_ends_agree_with_html5ever() {
        // What follows the tag is text, so the parser's text in <p> is
        // what lies after the tag's end.
        let pieces = ["a", "b", "=", "\"", "'", ">", " ", "/", "\t"];
        let mut generator = Pieces::seeded(13);
        for _ in 0..3000 {
            let attributes = generator.string(&pieces, 10);
            let page = format!("<p><b{attributes}>z");
            let tag = next_tag(&page, "<p>".len()).expect("a tag");
            let ours = &page[end_of_tag(page.as_bytes(), tag.name_end, |_| {})..];
            // A tag the input ends in is dropped: no element, no text.
            let theirs = parsed_text(&page, &tag.name.to_ascii_lowercase())
                .or_else(|| parsed_text(&page, "p"));
            assert_eq!(theirs.unwrap_or_default(), ours, "{page}");
        }
    }

    /// The attributes of the first element named `name`, sorted.
    fn parsed_attributes(page: &str, name: &str) -> Option<Vec<(String, String)>> {
        let tree = scraper::Html::parse_document(page);
        let element = tree
            .tree
            .nodes()
            .find_map(|node| node.value().as_element().filter(|e| e.name() == name))?;
        let mut attributes: Vec<(String, String)> = element
            .attrs()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        attributes.sort();
        Some(attributes)
    }

    /// An attribute's name (lower case) and value, read from its span.
    fn read_span(bytes: &[u8], span: AttributeSpan) -> (String, String) {
        let name = String::from_utf8_lossy(&bytes[span.start..span.name_end]).to_lowercase();
        let rest = &bytes[span.name_end..span.end];
        let after_equals = match rest.iter().position(|&byte| byte == b'=') {
            Some(equals) => &rest[equals + 1..],
            None => &[][..],
        };
        let value = after_equals.trim_ascii_start();
        let value = match value.first() {
            Some(b'"' | b'\'') => &value[1..value.len() - 1],
            _ => value,
        };
        (name, String::from_utf8_lossy(value).into_owned())
    }

    #[test]
    fn attributes_agree_with_html5ever() {
        let pieces = [
            "a", "b", "=", "\"", "'", " ", "/", "\t", "x=1", " c=\"v\"", "==",
        ];
        let mut generator = Pieces::seeded(19);
        let mut attributes_seen = 0;
        for _ in 0..3000 {
            let attributes = generator.string(&pieces, 8);
            let page = format!("<p><b {attributes}>z");
            let bytes = page.as_bytes();
            let tag = next_tag(&page, "<p>".len()).expect("a tag");
            let mut ours = Vec::new();
            end_of_tag(bytes, tag.name_end, |span| {
                ours.push(read_span(bytes, span))
            });
            let Some(theirs) = parsed_attributes(&page, "b") else {
                continue; // the input ends inside the tag: no element
            };
            // The parser keeps the first of a repeated name.
            let mut firsts: Vec<(String, String)> = Vec::new();
            for (name, value) in ours {
                if !firsts.iter().any(|(seen, _)| *seen == name) {
                    firsts.push((name, value));
                }
            }
            firsts.sort();
            attributes_seen += firsts.len();
            assert_eq!(theirs, firsts, "{page}");
        }
        assert!(attributes_seen > 3000);
    }

    #[test]
    fn comment_ends_agree_with_html5ever() {
        let pieces = ["-", "!", ">", "x", " ", "-->", "--!>"];
        let mut generator = Pieces::seeded(17);
        for _ in 0..3000 {
            let rest = generator.string(&pieces, 6);
            let page = format!("<p>A<!--{rest}");
            let end = end_of_comment(page.as_bytes(), "<p>A".len());
            let ours = format!("A{}", &page[end..]);
            assert_eq!(parsed_text(&page, "p").unwrap_or_default(), ours, "{page}");
        }
    }

    #[test]
    fn tags_past_the_cap_go_and_blocks_leave_a_break() {
        let page = "<div><div><div><span>deep</span><p>down</div></div></div><p>after</p>";
        let capped = prepare_markup_at(page, 2);
        assert_eq!(
            capped,
            "<div><div><br>deep<br>down<br></div></div><p>after</p>"
        );
    }

    #[test]
    fn closing_a_kept_element_closes_the_removed_ones_inside() {
        // Unclosed formatting elements past the cap must not swallow the
        // end tag of the kept element around them.
        let page = "<div>".to_owned() + &"<b>x".repeat(20) + "</div><h1>title</h1>";
        let capped = prepare_markup_at(&page, 4);
        assert_eq!(capped.matches("<b>").count(), 3);
        assert!(capped.ends_with("x</div><h1>title</h1>"), "{capped}");
    }

    #[test]
    fn no_text_is_lost() {
        let page = "<b>".repeat(50) + "<h1>words</h1><p>more</p>" + &"<i>x</i>".repeat(3);
        let capped = prepare_markup_at(&page, 10);
        assert_eq!(capped.matches("<b>").count(), MAX_ACTIVE_FORMATTING);
        assert!(capped.contains("words"));
        assert!(capped.contains("more"));
        assert_eq!(capped.matches('x').count(), 3);
    }

    #[test]
    fn unterminated_markup_ends_the_scan_without_panicking() {
        for page in [
            "<div",
            "<",
            "</",
            "<!--",
            "<script>",
            "<a href='>",
            "<di\u{e9}v>",
        ] {
            let _ = prepare_markup_at(page, 1);
        }
    }

    #[test]
    fn a_hundred_thousand_deep_page_is_capped() {
        let page = "<div>".repeat(100_000) + "bottom" + &"</div>".repeat(100_000);
        let capped = prepare_markup(&page);
        assert_eq!(capped.matches("<div>").count(), MAX_NESTING_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_NESTING_DEPTH);
        assert!(capped.contains("bottom"));
    }

    #[test]
    fn stray_end_tags_after_a_million_unclosed_elements_stay_linear() {
        let page = "<b>".repeat(1_000_000) + &"</i>".repeat(100_000) + "<p>end</p>";
        let capped = prepare_markup(&page);
        assert_eq!(capped.matches("<b>").count(), MAX_ACTIVE_FORMATTING);
        assert!(
            capped.ends_with("<p>end</p>"),
            "{:?}",
            &capped[capped.len() - 40..]
        );
    }

    /// The nodes html5ever builds from `page` (elements, text, comments).
    fn parsed_nodes(page: &str) -> usize {
        scraper::Html::parse_document(page).tree.nodes().count()
    }

    /// The page's words, tags and comments left out: what must survive.
    fn words(page: &str) -> Vec<String> {
        let text = scraper::Html::parse_document(page)
            .root_element()
            .text()
            .collect::<Vec<_>>()
            .join(" ");
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn formatting_left_open_across_paragraphs_is_rebuilt_a_bounded_number_of_times() {
        // Each paragraph reopens a `<b>` of its own: the parser rebuilds
        // every earlier one in each paragraph, so the tree of the page as
        // it is holds 2,000 x 2,000 / 2 elements.
        let mut page = String::from("<body><div>");
        for number in 0..2_000 {
            page.push_str(&format!("<p><b class=\"c{number}\">w{number}</p>"));
        }
        let prepared = prepare_markup(&page);
        assert!(prepared.matches("<b ").count() <= MAX_ACTIVE_FORMATTING);
        let nodes = parsed_nodes(&prepared);
        assert!(nodes < 10 * 2_000, "{nodes} nodes");
        assert_eq!(words(&prepared), words(&page));
    }

    #[test]
    fn open_formatting_is_counted_per_table_cell() {
        // A cell's end clears what was opened in it: a `<b>` left open in
        // each of many cells is no flood, and each keeps its own.
        let page = "<table><tr>".to_owned() + &"<td><b>x</td>".repeat(100) + "</tr></table>";
        assert_eq!(prepare_markup(&page), page);
    }

    #[test]
    fn a_new_link_ends_the_one_left_open() {
        let page = "<p>".to_owned() + &"<a href=/x>x".repeat(100) + "</p>";
        assert_eq!(prepare_markup(&page), page);
    }

    #[test]
    fn a_formatting_element_keeps_a_bounded_number_of_attributes_and_the_read_ones() {
        let attributes: String = (0..10_000).map(|number| format!(" a{number}=1")).collect();
        let page = format!("<p>before<b{attributes} class=k href=/x>bold</b>after</p>");
        let prepared = prepare_markup(&page);
        let kept = parsed_attributes(&prepared, "b").expect("the <b>");
        assert_eq!(kept.len(), MAX_FORMATTING_ATTRIBUTES + 2, "{kept:?}");
        assert!(kept.contains(&("class".into(), "k".into())));
        assert!(kept.contains(&("href".into(), "/x".into())));
        assert_eq!(words(&prepared), ["before", "bold", "after"]);
    }

    /// The allowance the flood tests run with: small, so that small pages
    /// show what a large one past [`NODE_ALLOWANCE`] does.
    const TEST_ALLOWANCE: usize = 10_000;

    /// The most nodes a page of `bytes` may parse into under
    /// [`TEST_ALLOWANCE`]: each node the budget lets in may bring the text
    /// node after it, which cannot be refused.
    fn node_bound(bytes: usize) -> usize {
        2 * (TEST_ALLOWANCE + bytes / BYTES_PER_NODE) + 100
    }

    #[test]
    fn a_flood_of_tiny_paragraphs_costs_a_bounded_number_of_nodes_and_keeps_its_words() {
        let count = 100_000;
        let page = "<body><div>".to_owned() + &"<p>a</p>".repeat(count) + "</div>";
        let prepared = prepare_markup_with(&page, MAX_NESTING_DEPTH, TEST_ALLOWANCE);
        let nodes = parsed_nodes(&prepared);
        let bound = node_bound(page.len());
        assert!(nodes <= bound, "{nodes} nodes, over {bound}");
        assert_eq!(prepared.matches('a').count(), count);
        // Past the budget the paragraphs' tags leave spaces: no word runs
        // into the next.
        assert!(!prepared.contains("aa"));
    }

    #[test]
    fn a_flood_of_comments_and_stray_end_tags_is_held_to_the_budget() {
        let count = 50_000;
        let page = "<body><p>x".to_owned() + &"<!---->z</p></br>".repeat(count);
        let prepared = prepare_markup_with(&page, MAX_NESTING_DEPTH, TEST_ALLOWANCE);
        let nodes = parsed_nodes(&prepared);
        let bound = node_bound(page.len());
        assert!(nodes <= bound, "{nodes} nodes, over {bound}");
        assert_eq!(prepared.matches('z').count(), count);
    }

    #[test]
    fn the_tags_after_a_flood_are_kept_again() {
        // The budget holds no debt: once the flood is over, the article's
        // own tags come through.
        let page = "<body><div>".to_owned()
            + &"<p>a</p>".repeat(100_000)
            + "</div><article><p>"
            + &"words ".repeat(100)
            + "</p><p>more</p></article>";
        let prepared = prepare_markup_with(&page, MAX_NESTING_DEPTH, TEST_ALLOWANCE);
        assert!(
            prepared.ends_with("<p>more</p></article>"),
            "{:?}",
            &prepared[prepared.len() - 40..]
        );
    }

    #[test]
    fn hidden_elements_and_links_are_never_dropped_over_the_budget() {
        let flood = "<span>a</span>".repeat(50_000);
        let page = format!("<body>{flood}<div hidden>secret</div><a href=/x>link</a><p>end</p>");
        let prepared = prepare_markup_with(&page, MAX_NESTING_DEPTH, TEST_ALLOWANCE);
        assert!(prepared.contains("<div hidden>secret</div>"));
        assert!(prepared.contains("<a href=/x>link</a>"));
        assert!(
            prepared.ends_with(" end "),
            "{:?}",
            &prepared[prepared.len() - 20..]
        );
    }
}
