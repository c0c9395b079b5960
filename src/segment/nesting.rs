//! A cap on element nesting, applied to the markup before it is parsed.
//!
//! html5ever's tree builder checks "is there a `<p>` in button scope?" and
//! similar questions by walking its stack of open elements, so each start
//! tag costs time in proportion to the current depth: a page nested 100,000
//! deep takes minutes. Browsers cap the depth of the tree they build
//! (Chromium at 512); we cap it earlier and cheaper, before parsing: a
//! start tag that would open an element deeper than [`MAX_NESTING_DEPTH`]
//! is removed, with the end tag that closes it. A removed block element
//! (`<div>`, `<p>`, `<h1>`…) leaves a `<br>` at each of its two tags, so its
//! text still starts and ends a line of its own. Every word stays.
//!
//! Flattening deep elements into siblings at the cap (Chromium's way) was
//! tried first: it keeps more structure, but every flattened element still
//! costs the parser a walk of the full-depth stack, several times what a
//! normal page costs per byte.
//!
//! The scan is a small tokenizer that knows comments, raw-text elements,
//! void elements and the elements whose start tag closes an open one of the
//! same name (`<p>`, `<li>`, `<td>`…). It only needs to count depth well
//! enough to tell real pages from pathological ones: the deepest of the 892
//! benchmark pages nests 56 elements. It runs in one pass.

use super::html::is_block_tag;
use std::borrow::Cow;
use std::sync::LazyLock;

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
    /// Everything after it is text.
    Plaintext,
    /// Its start tag closes an open element of the same name, as the
    /// parser's implied end tags do (`<li>a<li>b` are siblings).
    ClosesSibling,
    Other,
}

/// The kind of element `name` (any case) opens. One `match` on the
/// lower-cased name: this runs for every tag of every page.
fn tag_kind(name: &str) -> TagKind {
    let mut lower = [0u8; 10];
    let Some(buffer) = lower.get_mut(..name.len()) else {
        return TagKind::Other;
    };
    buffer.copy_from_slice(name.as_bytes());
    buffer.make_ascii_lowercase();
    match &*buffer {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"keygen"
        | b"link" | b"meta" | b"param" | b"source" | b"track" | b"wbr" => TagKind::Void,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"noscript" => TagKind::RawText,
        b"plaintext" => TagKind::Plaintext,
        b"p" | b"li" | b"dt" | b"dd" | b"option" | b"optgroup" | b"tr" | b"td" | b"th" | b"rb"
        | b"rt" | b"rp" | b"tbody" | b"thead" | b"tfoot" => TagKind::ClosesSibling,
        _ => TagKind::Other,
    }
}

/// What replaces a removed tag: a line break for block elements, nothing
/// for inline ones.
const BLOCK_BREAK: &str = "<br>";

/// `html` without the tags that nest deeper than [`MAX_NESTING_DEPTH`];
/// borrowed unchanged when no element is that deep (every real page).
pub(crate) fn cap_nesting_depth(html: &str) -> Cow<'_, str> {
    cap_nesting_depth_at(html, MAX_NESTING_DEPTH)
}

fn cap_nesting_depth_at(html: &str, max_depth: usize) -> Cow<'_, str> {
    let removals = tags_over_depth(html, max_depth);
    if removals.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut capped = String::with_capacity(html.len());
    let mut from = 0;
    for removal in removals {
        capped.push_str(&html[from..removal.start]);
        if removal.is_block {
            capped.push_str(BLOCK_BREAK);
        }
        from = removal.end;
    }
    capped.push_str(&html[from..]);
    Cow::Owned(capped)
}

/// A tag to remove: its byte range, and whether it leaves a line break.
struct Removal {
    start: usize,
    end: usize,
    is_block: bool,
}

/// One tag found by the scan.
struct Tag<'a> {
    name: &'a str,
    is_end: bool,
    /// Byte range of the whole tag, `<` to `>` inclusive.
    start: usize,
    end: usize,
}

/// The tags to remove, in input order. Of a run of removed block tags
/// with only white space between them, only the first leaves a break: a
/// hundred thousand empty lines would cost more than the tags did.
fn tags_over_depth(html: &str, max_depth: usize) -> Vec<Removal> {
    let mut removals = removed_tags(html, max_depth);
    let mut last_break_end = None;
    for removal in &mut removals {
        if !removal.is_block {
            continue;
        }
        let only_space_since_break =
            last_break_end.is_some_and(|end| html[end..removal.start].trim().is_empty());
        if only_space_since_break {
            removal.is_block = false;
        }
        last_break_end = Some(removal.end);
    }
    removals
}

/// Every tag past the cap, in input order.
fn removed_tags(html: &str, max_depth: usize) -> Vec<Removal> {
    // The elements kept open, and (past the cap) the ones removed, whose
    // end tags must go too. Closing a kept element closes every removed
    // one inside it, as the parser would.
    let mut open: Vec<&str> = Vec::new();
    let mut removed: Vec<&str> = Vec::new();
    let mut removals = Vec::new();
    let mut position = 0;
    while let Some(tag) = next_tag(html, position) {
        position = tag.end;
        let name = tag.name;
        let removal = || Removal {
            start: tag.start,
            end: tag.end,
            is_block: is_block_tag(&name.to_ascii_lowercase()),
        };
        if tag.is_end {
            if let Some(index) = rposition_near_top(&removed, name) {
                removed.truncate(index);
                removals.push(removal());
            } else if let Some(index) = rposition(&open, name) {
                open.truncate(index);
                removed.clear();
            } else if !removed.is_empty() {
                // A stray end tag inside the removed part: no kept element
                // to close, and its block break is harmless.
                removals.push(removal());
            }
            continue;
        }
        match tag_kind(name) {
            TagKind::RawText => {
                position = end_of_raw_text(html, position, name);
                continue;
            }
            TagKind::Plaintext => break,
            TagKind::Void => continue,
            TagKind::ClosesSibling => {
                if removed
                    .last()
                    .is_some_and(|last| last.eq_ignore_ascii_case(name))
                {
                    removed.pop();
                } else if removed.is_empty() {
                    if let Some(index) = rposition(&open, name) {
                        open.truncate(index);
                    }
                }
            }
            TagKind::Other => {}
        }
        if open.len() >= max_depth {
            removed.push(name);
            removals.push(removal());
        } else {
            open.push(name);
        }
    }
    removals
}

fn rposition(open: &[&str], name: &str) -> Option<usize> {
    open.iter()
        .rposition(|open| open.eq_ignore_ascii_case(name))
}

/// As [`rposition`], looking no further than [`MAX_NESTING_DEPTH`] from
/// the top: the removed stack can grow with the input (a million unclosed
/// `<b>`), and a search through all of it per end tag would be quadratic.
fn rposition_near_top(stack: &[&str], name: &str) -> Option<usize> {
    let floor = stack.len().saturating_sub(MAX_NESTING_DEPTH);
    rposition(&stack[floor..], name).map(|index| floor + index)
}

/// The end of a comment, searched with one searcher built once (building
/// one per call cost more than most searches).
static COMMENT_END: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"-->"));

/// The next start or end tag at or after `from`, skipping comments,
/// doctypes and processing instructions. `None` at the end of the input.
fn next_tag(html: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut position = from;
    loop {
        let start = position + memchr::memchr(b'<', bytes.get(position..)?)?;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            position = COMMENT_END
                .find(&bytes[start + 4..])
                .map_or(html.len(), |end| start + 4 + end + 3);
            continue;
        }
        let is_end = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(is_end);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `<!doctype>`, `<?xml?>`, or a `<` that opens nothing.
            position = if matches!(rest.first(), Some(b'!' | b'?')) {
                html[start..]
                    .find('>')
                    .map_or(html.len(), |end| start + end + 1)
            } else {
                start + 1
            };
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|&byte| byte.is_ascii_whitespace() || byte == b'/' || byte == b'>')
            .map_or(html.len(), |length| name_start + length);
        let end = end_of_tag(bytes, name_end);
        return Some(Tag {
            name: &html[name_start..name_end],
            is_end,
            start,
            end,
        });
    }
}

/// The byte after the `>` that ends a tag whose attributes start at
/// `from`; a `>` inside a quoted attribute value does not end it. Walks
/// the tag's bytes (names and short values: `memchr` per quote cost more
/// in calls than it saved), jumping over each quoted value with memchr.
fn end_of_tag(bytes: &[u8], from: usize) -> usize {
    let mut position = from;
    // The last byte other than white space, since `from`.
    let mut last_mark = 0u8;
    while let Some(&byte) = bytes.get(position) {
        match byte {
            b'>' => return position + 1,
            // A quote opens a value only right after `=` (white space
            // allowed).
            b'"' | b'\'' if last_mark == b'=' => {
                match memchr::memchr(byte, &bytes[position + 1..]) {
                    Some(length) => position += 1 + length,
                    None => return bytes.len(),
                }
            }
            _ => {}
        }
        if !byte.is_ascii_whitespace() {
            last_mark = byte;
        }
        position += 1;
    }
    bytes.len()
}

/// The byte after the end tag of raw-text element `name` (or the end of
/// the input), searching from `from`.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut position = from;
    while let Some(offset) = bytes
        .get(position..)
        .and_then(|rest| memchr::memchr(b'<', rest))
    {
        if bytes.get(position + offset + 1) != Some(&b'/') {
            position += offset + 1;
            continue;
        }
        let name_start = position + offset + 2;
        let candidate = bytes.get(name_start..name_start + name.len());
        if candidate.is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes())) {
            return end_of_tag(bytes, name_start + name.len());
        }
        position = name_start;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_are_borrowed_unchanged() {
        let page = "<!doctype html><html><head><title>a <b> c</title>\
            <script>if (a < b) { document.write('<div>') }</script></head>\
            <body><!-- <div><div> --><p>one<p>two<ul><li>a<li>b</ul>\
            <img src=x><br><a title='x > y' href=/>link</a></body></html>";
        assert!(matches!(cap_nesting_depth_at(page, 6), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_cap_go_and_blocks_leave_a_break() {
        let page = "<div><div><div><span>deep</span><p>down</div></div></div><p>after</p>";
        let capped = cap_nesting_depth_at(page, 2);
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
        let capped = cap_nesting_depth_at(&page, 4);
        assert_eq!(capped.matches("<b>").count(), 3);
        assert!(capped.ends_with("x</div><h1>title</h1>"), "{capped}");
    }

    #[test]
    fn no_text_is_lost() {
        let page = "<b>".repeat(50) + "<h1>words</h1><p>more</p>" + &"<i>x</i>".repeat(3);
        let capped = cap_nesting_depth_at(&page, 10);
        assert_eq!(capped.matches("<b>").count(), 10);
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
            let _ = cap_nesting_depth_at(page, 1);
        }
    }

    #[test]
    fn a_hundred_thousand_deep_page_is_capped() {
        let page = "<div>".repeat(100_000) + "bottom" + &"</div>".repeat(100_000);
        let capped = cap_nesting_depth(&page);
        assert_eq!(capped.matches("<div>").count(), MAX_NESTING_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_NESTING_DEPTH);
        assert!(capped.contains("bottom"));
    }

    #[test]
    fn stray_end_tags_after_a_million_unclosed_elements_stay_linear() {
        let page = "<b>".repeat(1_000_000) + &"</i>".repeat(100_000) + "<p>end</p>";
        let capped = cap_nesting_depth(&page);
        assert!(
            capped.ends_with("<br>end<br>"),
            "the paragraph past the cap leaves breaks"
        );
    }
}
