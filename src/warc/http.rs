//! The HTTP response inside a WARC `response` record: status line,
//! headers, and the body as the page's bytes.
//!
//! Archives differ in what they keep. Common Crawl stores the body
//! decoded and renames `Content-Encoding` and `Transfer-Encoding` to
//! `X-Crawler-…`; wget and other crawlers keep the bytes as sent, chunked
//! and gzipped. Both are read here: a chunked body is joined, a gzip or
//! deflate body inflated (within the size limit), and any other encoding
//! is an error rather than bytes passed off as a page.

use crate::error::Error;
use std::borrow::Cow;
use std::io::Read;

/// An HTTP response split into head and body, borrowing the record.
pub(crate) struct HttpResponse<'a> {
    headers: Vec<(&'a str, &'a str)>,
    body: &'a [u8],
}

impl<'a> HttpResponse<'a> {
    /// Splits a response block into its head and body.
    pub(crate) fn parse(block: &'a [u8]) -> Result<Self, Error> {
        let unreadable = |reason: &str| Error::UnreadableResponse {
            reason: reason.to_string(),
        };
        if !block.starts_with(b"HTTP/") {
            return Err(unreadable(
                "the block does not start with an HTTP status line",
            ));
        }
        let (head, body) = split_head(block)
            .ok_or_else(|| unreadable("the HTTP head has no blank line after it"))?;
        // Header values are ASCII in practice; a line that is not UTF-8
        // names nothing this reader needs and is skipped.
        let headers = head
            .split(|&b| b == b'\n')
            .skip(1)
            .filter_map(|line| std::str::from_utf8(line).ok())
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim(), value.trim()))
            .collect();
        Ok(HttpResponse { headers, body })
    }

    fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|&(_, value)| value)
    }

    /// Whether the `Content-Type` is an HTML page. With no `Content-Type`,
    /// whether the body starts like HTML.
    pub(crate) fn is_html(&self) -> bool {
        match self.header("Content-Type") {
            Some(content_type) => {
                let media_type = content_type.split(';').next().unwrap_or("").trim();
                media_type.eq_ignore_ascii_case("text/html")
                    || media_type.eq_ignore_ascii_case("application/xhtml+xml")
            }
            None => starts_like_html(self.body),
        }
    }

    /// The `charset` parameter of the `Content-Type` header.
    pub(crate) fn charset(&self) -> Option<&'a str> {
        let content_type = self.header("Content-Type")?;
        content_type.split(';').skip(1).find_map(|parameter| {
            let (name, value) = parameter.split_once('=')?;
            name.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| value.trim().trim_matches(['"', '\'']))
        })
    }

    /// The page's bytes: the body unchunked and decompressed as its
    /// headers say, at most `limit` bytes of them.
    pub(crate) fn page(&self, limit: usize) -> Result<Cow<'a, [u8]>, Error> {
        let chunked = self
            .header("Transfer-Encoding")
            .is_some_and(|value| value.to_ascii_lowercase().contains("chunked"));
        let body: Cow<'a, [u8]> = match chunked.then(|| unchunk(self.body)).flatten() {
            Some(joined) => Cow::Owned(joined),
            // Not chunked, or the crawler already joined the chunks but
            // kept the header: the body as it is.
            None => Cow::Borrowed(self.body),
        };
        let encoding = self
            .header("Content-Encoding")
            .map(|value| value.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match encoding.as_str() {
            "" | "identity" | "none" => Ok(body),
            "gzip" | "x-gzip" => {
                inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit, "gzip").map(Cow::Owned)
            }
            "deflate" => {
                // "deflate" is meant to be zlib-wrapped; some servers send
                // it raw.
                inflate(flate2::read::ZlibDecoder::new(&body[..]), limit, "deflate")
                    .or_else(|_| {
                        inflate(
                            flate2::read::DeflateDecoder::new(&body[..]),
                            limit,
                            "deflate",
                        )
                    })
                    .map(Cow::Owned)
            }
            other => Err(Error::UnreadableResponse {
                reason: format!("the body is compressed with {other:?}, which is not decoded"),
            }),
        }
    }
}

/// The head (status line and headers) and the body after the blank line.
fn split_head(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut start = 0;
    while let Some(found) = memchr::memchr(b'\n', &block[start..]) {
        let end = start + found;
        let next = end + 1;
        if block[next..].starts_with(b"\r\n") {
            return Some((&block[..end], &block[next + 2..]));
        }
        if block[next..].starts_with(b"\n") {
            return Some((&block[..end], &block[next + 1..]));
        }
        start = next;
    }
    None
}

/// A chunked body joined; `None` when the body is not well-formed chunks.
fn unchunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut joined = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = memchr::memchr(b'\n', rest)?;
        let size_line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size_text = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(joined);
        }
        joined.extend_from_slice(rest.get(..size)?);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

/// Decompresses to at most `limit` bytes.
fn inflate(decoder: impl Read, limit: usize, name: &str) -> Result<Vec<u8>, Error> {
    let mut page = Vec::new();
    decoder
        .take(limit as u64 + 1)
        .read_to_end(&mut page)
        .map_err(|error| Error::UnreadableResponse {
            reason: format!("the {name} body is corrupt: {error}"),
        })?;
    if page.len() > limit {
        return Err(Error::InputTooLarge {
            size: page.len(),
            limit,
        });
    }
    Ok(page)
}

/// Whether bytes start, after white space, with a doctype or `<html`.
fn starts_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(512)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        block.extend_from_slice(body);
        block
    }

    #[test]
    fn content_type_and_charset_are_read() {
        let block = response(
            "Content-Type: text/html; charset=\"ISO-8859-1\"\r\n",
            b"<p>x</p>",
        );
        let response = HttpResponse::parse(&block).unwrap();
        assert!(response.is_html());
        assert_eq!(response.charset(), Some("ISO-8859-1"));
        assert_eq!(&response.page(100).unwrap()[..], b"<p>x</p>");
    }

    #[test]
    fn other_media_types_are_not_html() {
        let block = response("Content-Type: image/png\r\n", b"\x89PNG");
        assert!(!HttpResponse::parse(&block).unwrap().is_html());
        let block = response("Server: x\r\n", b"  <!DOCTYPE html><html>");
        assert!(HttpResponse::parse(&block).unwrap().is_html());
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_decoded() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut gzip = GzEncoder::new(Vec::new(), Compression::fast());
        gzip.write_all(b"<p>a page</p>").unwrap();
        let compressed = gzip.finish().unwrap();
        let (first, second) = compressed.split_at(5);
        let mut chunked = format!("{:x}\r\n", first.len()).into_bytes();
        chunked.extend_from_slice(first);
        chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", second.len()).as_bytes());
        chunked.extend_from_slice(second);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let block = response(
            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        );
        let response = HttpResponse::parse(&block).unwrap();
        assert_eq!(&response.page(100).unwrap()[..], b"<p>a page</p>");
        assert!(matches!(
            response.page(5),
            Err(Error::InputTooLarge { limit: 5, .. })
        ));
    }

    #[test]
    fn a_body_already_joined_under_a_chunked_header_is_kept() {
        let block = response("Transfer-Encoding: chunked\r\n", b"<p>not chunks</p>");
        let response = HttpResponse::parse(&block).unwrap();
        assert_eq!(&response.page(100).unwrap()[..], b"<p>not chunks</p>");
    }

    #[test]
    fn unknown_encodings_and_missing_heads_are_errors() {
        let block = response("Content-Encoding: br\r\n", b"\x1b\x00");
        let error = HttpResponse::parse(&block).unwrap().page(100).unwrap_err();
        assert!(error.to_string().contains("\"br\""));
        assert!(HttpResponse::parse(b"<html>no head</html>").is_err());
        assert!(HttpResponse::parse(b"HTTP/1.1 200 OK\r\nContent-Type: text/html").is_err());
    }
}
