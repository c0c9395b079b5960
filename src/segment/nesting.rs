//! A cap on element nesting, applied to the markup before it is parsed.
//!
//! html5ever's tree builder checks "is there a `<p>` in button scope?" and
//! similar questions by walking its stack of open elements, so each start
//! tag costs time in proportion to the current depth: a page nested 100,000
//! deep takes minutes. Browsers cap the depth of the tree they build
//! (Chromium at 512, by making deeper elements siblings at the cap); we do
//! the same earlier and cheaper: a start tag that would open an element
//! deeper than [`MAX_NESTING_DEPTH`] first closes the innermost open
//! element, so the new element becomes its sibling. Every tag and every
//! word stays; only the nesting flattens, and headings and paragraphs stay
//! blocks of their own.
//!
//! The scan is a small tokenizer that knows comments, raw-text elements,
//! void elements and the elements whose start tag closes an open one of the
//! same name (`<p>`, `<li>`, `<td>`…). It only needs to count depth well
//! enough to tell real pages (rarely 100 deep) from pathological ones; it
//! runs in one pass and its stack never holds more than the cap.

use std::borrow::Cow;

/// The deepest element kept. Real pages stay well below it; Chromium's
/// parser stops nesting at 512. Each start tag costs html5ever up to this
/// many steps, so it is also what a pathological page can cost per tag.
pub(crate) const MAX_NESTING_DEPTH: usize = 256;

/// Elements with no end tag: they never nest anything.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag: a `<` inside
/// them opens nothing.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements whose start tag closes an open element of the same name, as
/// the parser's implied end tags do (`<li>a<li>b` are siblings).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "tbody",
    "thead", "tfoot",
];

/// `html` with an end tag inserted before each start tag that would nest
/// deeper than [`MAX_NESTING_DEPTH`]; borrowed unchanged when no element is
/// that deep (every real page).
pub(crate) fn cap_nesting_depth(html: &str) -> Cow<'_, str> {
    cap_nesting_depth_at(html, MAX_NESTING_DEPTH)
}

fn cap_nesting_depth_at(html: &str, max_depth: usize) -> Cow<'_, str> {
    let closings = closings_over_depth(html, max_depth);
    if closings.is_empty() {
        return Cow::Borrowed(html);
    }
    let extra: usize = closings.iter().map(|(_, name)| name.len() + 3).sum();
    let mut capped = String::with_capacity(html.len() + extra);
    let mut from = 0;
    for (position, name) in closings {
        capped.push_str(&html[from..position]);
        capped.push_str("</");
        capped.push_str(name);
        capped.push('>');
        from = position;
    }
    capped.push_str(&html[from..]);
    Cow::Owned(capped)
}

/// One tag found by the scan.
struct Tag<'a> {
    name: &'a str,
    is_end: bool,
    /// Byte range of the whole tag, `<` to `>` inclusive.
    start: usize,
    end: usize,
}

/// Where to insert an end tag, and for which element, in input order.
fn closings_over_depth(html: &str, max_depth: usize) -> Vec<(usize, &str)> {
    let mut open: Vec<&str> = Vec::new();
    let mut closings = Vec::new();
    let mut position = 0;
    while let Some(tag) = next_tag(html, position) {
        position = tag.end;
        let name = tag.name;
        if tag.is_end {
            if let Some(index) = open
                .iter()
                .rposition(|open| open.eq_ignore_ascii_case(name))
            {
                open.truncate(index);
            }
            continue;
        }
        if let Some(raw) = RAW_TEXT_ELEMENTS
            .iter()
            .find(|raw| raw.eq_ignore_ascii_case(name))
        {
            position = end_of_raw_text(html, position, raw);
            continue;
        }
        if name.eq_ignore_ascii_case("plaintext") {
            break;
        }
        if is_one_of(name, VOID_ELEMENTS) {
            continue;
        }
        if is_one_of(name, SELF_CLOSING_SIBLINGS) {
            if let Some(index) = open
                .iter()
                .rposition(|open| open.eq_ignore_ascii_case(name))
            {
                open.truncate(index);
            }
        }
        if open.len() >= max_depth {
            if let Some(innermost) = open.pop() {
                closings.push((tag.start, innermost));
            }
        }
        open.push(name);
    }
    closings
}

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|known| known.eq_ignore_ascii_case(name))
}

/// The next start or end tag at or after `from`, skipping comments,
/// doctypes and processing instructions. `None` at the end of the input.
fn next_tag(html: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut position = from;
    loop {
        let start = position + html.get(position..)?.find('<')?;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            position = html[start + 4..]
                .find("-->")
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
/// `from`; a `>` inside a quoted attribute value does not end it.
fn end_of_tag(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (offset, &byte) in bytes[from..].iter().enumerate() {
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {}
            None => match byte {
                b'>' => return from + offset + 1,
                b'"' | b'\'' if after_equals => quote = Some(byte),
                b'=' => after_equals = true,
                byte if byte.is_ascii_whitespace() => {}
                _ => after_equals = false,
            },
        }
    }
    bytes.len()
}

/// The byte after the end tag of raw-text element `name` (or the end of
/// the input), searching from `from`.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut position = from;
    while let Some(offset) = html.get(position..).and_then(|rest| rest.find("</")) {
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
    fn elements_past_the_cap_become_siblings() {
        let page = "<div><div><div><div>deep</div></div></div></div><p>after</p>";
        let capped = cap_nesting_depth_at(page, 2);
        assert_eq!(
            capped,
            "<div><div></div><div></div><div>deep</div></div></div></div><p>after</p>"
        );
    }

    #[test]
    fn no_tag_and_no_text_is_lost() {
        let page = "<b>".repeat(50) + "<h1>words</h1><p>more</p>" + &"<i>x</i>".repeat(3);
        let capped = cap_nesting_depth_at(&page, 10);
        assert_eq!(capped.matches("<b>").count(), 50);
        assert_eq!(capped.matches("</b>").count(), 41);
        assert!(capped.contains("<h1>words</h1><p>more</p>"));
        assert_eq!(capped.matches("<i>x</i>").count(), 3);
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
        assert_eq!(capped.matches("<div>").count(), 100_000);
        assert_eq!(
            capped.matches("</div>").count(),
            200_000 - MAX_NESTING_DEPTH
        );
    }
}
