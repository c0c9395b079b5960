//! A `<title>` that never closes, closed where a browser of the time would
//! have seen its end.
//!
//! The title is RCDATA: the tree builder reads everything up to
//! `</title>` as its text, so a page whose title is never closed (a
//! template that forgot it, a script that wrote half a tag) has no body at
//! all. Such a title is closed before the first tag or line break after
//! it: titles hold neither.

use memchr::memchr_iter;
use std::borrow::Cow;

/// `html` with its first `<title>` closed if no `</title>` follows it;
/// borrowed when nothing needs closing.
pub(crate) fn close_open_title(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let Some(open) = find_tag(bytes, 0, b"<title") else {
        return Cow::Borrowed(html);
    };
    let Some(text_start) = memchr::memchr(b'>', &bytes[open..]).map(|at| open + at + 1) else {
        return Cow::Borrowed(html);
    };
    if find_tag(bytes, text_start, b"</title").is_some() {
        return Cow::Borrowed(html);
    }
    let end = bytes[text_start..]
        .iter()
        .position(|&byte| matches!(byte, b'<' | b'\n' | b'\r'))
        .map_or(bytes.len(), |at| text_start + at);
    let mut repaired = String::with_capacity(html.len() + 8);
    repaired.push_str(&html[..end]);
    repaired.push_str("</title>");
    repaired.push_str(&html[end..]);
    Cow::Owned(repaired)
}

/// The offset of the first `name` (lower-case, starting with `<`) at or
/// after `from`, matched without regard to case and followed by a byte
/// that ends a tag name.
fn find_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    memchr_iter(b'<', &bytes[from..])
        .map(|at| from + at)
        .find(|&at| {
            let end = at + name.len();
            bytes.len() > end
                && bytes[at..end].eq_ignore_ascii_case(name)
                && matches!(
                    bytes[end],
                    b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_title_ends_at_the_next_tag_or_line_break() {
        let page =
            "<html><head><TITLE>Storm closes ports\n<script>x()</script></head><body><p>Text</p>";
        let repaired = close_open_title(page);
        assert!(repaired.starts_with("<html><head><TITLE>Storm closes ports</title>\n<script>"));
        let inline = "<title id=t>Storm closes ports<body><p>Text</p>";
        assert_eq!(
            close_open_title(inline),
            "<title id=t>Storm closes ports</title><body><p>Text</p>"
        );
    }

    #[test]
    fn closed_titles_and_pages_without_one_are_borrowed() {
        for page in [
            "<title>Ports</TITLE><p>Text</p>",
            "<p>No title</p>",
            "<titles>not a title</titles>",
            "<title",
        ] {
            assert!(matches!(close_open_title(page), Cow::Borrowed(_)), "{page}");
        }
    }

    #[test]
    fn the_page_under_an_unclosed_title_becomes_lines() {
        let page = "<html><head><title>Storm closes ports</head><body>\
            <p>The storm closed both ports on Monday, halting shipments of grain.</p></body></html>";
        let document = super::super::html::segment_html(page);
        let texts: Vec<&str> = document
            .lines
            .iter()
            .map(|line| document.line_text(line))
            .collect();
        assert_eq!(
            texts,
            ["The storm closed both ports on Monday, halting shipments of grain."]
        );
    }
}
