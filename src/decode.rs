//! Bytes to text for HTML input, and the check that text is text; gzipped
//! input gunzipped first ([`gunzip_within`]).
//!
//! Decoding follows browsers: the byte-order mark first, then the page's
//! own `<meta charset>` / `http-equiv` declaration, then UTF-8 if the bytes
//! are valid UTF-8. An undeclared legacy page is guessed by `chardetng`,
//! Firefox's detector, rather than assumed to be windows-1252, and UTF-16
//! without a BOM is recognised by its zero bytes. Decoding uses
//! `encoding_rs`, the WHATWG Encoding Standard's tables; it never fails:
//! invalid sequences become U+FFFD. Whether the result is text at all is
//! [`looks_binary`]'s question; whether it is markup or a text page,
//! [`looks_like_html`]'s.
//!
//! Telling HTML from text is done on the decoded content, not the raw
//! bytes: a UTF-16 page has a zero byte between the characters of every
//! tag, so a byte sniffer never finds one. Only ASCII matters to the
//! question (tag names, `<`, `>`), so an ASCII-compatible page is read as
//! it is and only a UTF-16 one is decoded, and only its first
//! [`SNIFF_BYTES`].

use crate::error::Error;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;
use std::borrow::Cow;
use std::io::Read;
use std::sync::LazyLock;

/// How far into the page a charset declaration is looked for, as browsers
/// do in their prescan.
const PRESCAN_BYTES: usize = 4096;

/// How much of an undeclared legacy page the detector reads: enough for a
/// confident guess, bounded so a 50 MB page costs no more than a small one.
const DETECTOR_BYTES: usize = 1 << 20;

/// How much of the text [`looks_binary`] samples.
const BINARY_SAMPLE_BYTES: usize = 64 * 1024;

/// Share of control characters (and U+FFFD) in the sample above which the
/// input is binary. Text and HTML hold almost none; compressed data such
/// as images holds about one byte in nine.
const MAX_CONTROL_SHARE: f32 = 0.05;

/// How much of a page [`looks_like_html`] reads, from its first
/// character. Far more than a kilobyte: pages open with inline style
/// sheets and scripts of tens of kilobytes, and the tags that tell a page
/// come after them.
const SNIFF_BYTES: usize = 64 * 1024;

/// How much text may come before a page's `<!doctype html>`, `<html>` or
/// `<?xml` opening: a server's warnings or the HTTP headers saved with
/// it. Text pages that quote markup (documentation, tutorials) do so
/// further in: the earliest such quote on the development data's 4,419
/// text dumps is at 11 KB.
const MAX_TEXT_BEFORE_MARKUP: usize = 4 * 1024;

/// `<meta charset="…">` and `<meta http-equiv="Content-Type" content="…; charset=…">`.
/// Owned here rather than in `cues` because it reads bytes, not lines.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex")
});

/// The first bytes of every gzip stream (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// `bytes` gunzipped when they start with the gzip magic number (every
/// member, as `gzip -d` does), else `bytes` as they are. Gunzipping stops
/// one byte past `limit`, so a gzip bomb costs at most `limit` bytes of
/// memory and is [`Error::InputTooLarge`]; a stream that does not gunzip
/// is [`Error::InvalidGzip`]. No text or HTML starts with these bytes
/// (0x1f is a control character, and 0x8b after it is not UTF-8).
pub(crate) fn gunzip_within(bytes: &[u8], limit: usize) -> Result<Cow<'_, [u8]>, Error> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take((limit as u64).saturating_add(1))
        .read_to_end(&mut plain)
        .map_err(|error| Error::InvalidGzip {
            reason: error.to_string(),
        })?;
    if plain.len() > limit {
        return Err(Error::InputTooLarge {
            size: plain.len(),
            limit,
        });
    }
    Ok(Cow::Owned(plain))
}

/// Decodes an HTML page's bytes to text.
pub(crate) fn decode_html(bytes: &[u8]) -> Cow<'_, str> {
    decode_html_with_charset(bytes, None)
}

/// Decodes an HTML page's bytes to text, given the charset label its
/// transport declared (the HTTP `Content-Type` header). As in browsers, a
/// byte-order mark comes first and the transport's charset before the
/// page's own declaration; an unknown label is ignored.
pub(crate) fn decode_html_with_charset<'a>(
    bytes: &'a [u8],
    transport_charset: Option<&str>,
) -> Cow<'a, str> {
    let (encoding, skipped) = html_encoding(bytes, transport_charset);
    encoding.decode_without_bom_handling(&bytes[skipped..]).0
}

/// The encoding [`decode_html_with_charset`] reads `bytes` in, and the
/// length of the byte-order mark it skips (0 without one).
pub(crate) fn html_encoding(
    bytes: &[u8],
    transport_charset: Option<&str>,
) -> (&'static Encoding, usize) {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return (encoding, bom_length);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, 0);
    }
    let transport =
        transport_charset.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    if let Some(encoding) = transport.or_else(|| declared_encoding(bytes)) {
        // A page re-saved as UTF-8 under its old legacy declaration is
        // common. Legacy text with non-ASCII bytes is almost never valid
        // UTF-8 by chance, so valid UTF-8 wins over the declaration.
        if encoding != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            return (UTF_8, 0);
        }
        return (encoding, 0);
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => (UTF_8, 0),
        Err(_) => (guessed_encoding(bytes), 0),
    }
}

/// Decodes a text page's bytes: as [`decode_html`], without the markup's
/// declaration to read.
pub(crate) fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_length..]).0;
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return encoding.decode_without_bom_handling(bytes).0;
    }
    decode_undeclared(bytes)
}

/// UTF-8 when the bytes are valid UTF-8, else the detector's guess.
fn decode_undeclared(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => guessed_encoding(bytes).decode_without_bom_handling(bytes).0,
    }
}

/// The encoding the page declares in its first bytes. A page that claims
/// UTF-16 without a BOM is read as UTF-8, as the HTML standard says.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return Some(UTF_8);
    }
    Some(encoding)
}

/// UTF-16 with no BOM: in markup and most scripts' text, one byte of each
/// pair is zero, always the same one.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&byte| byte == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |count: usize| count * 10 >= pairs * 7;
    let hardly = |count: usize| count * 20 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(UTF_16LE)
    } else if mostly(even) && hardly(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether `bytes` hold an HTML page rather than a text page, judged on
/// the content, never on a file name.
///
/// The bytes are decoded as far as the question needs (a UTF-16 page, with
/// or without a byte-order mark, is decoded; other encodings keep ASCII as
/// it is), and 64 KiB are read from the first character. A page is HTML
/// when, after white space and a byte-order mark, it starts with `<` and
/// holds a tag only pages have (a doctype, `<html>`, `<head>`, `<body>`,
/// `<meta>`, `<title>`, `<link>`, `<div>`, `<p>`, `<pre>`, `<table>`, a
/// comment or an XML declaration), however long the `<style>` or
/// `<script>` block it opens with; or when its `<!doctype html>`,
/// `<html>` or `<?xml` opening comes within the first 4 KiB after some
/// text (a server's warnings, saved HTTP headers) and such a tag follows.
/// A text page that quotes markup further in stays text.
///
/// [`Extractor::extract`](crate::Extractor::extract) asks this question
/// for its callers; a caller that also knows the file name may decide
/// from a `.html`/`.htm`/`.xhtml` name first.
///
/// ```
/// use newsclip::looks_like_html;
///
/// let styled = format!("<style>{}</style><div><p>Text</p></div>", "p { margin: 0 }\n".repeat(500));
/// assert!(looks_like_html(styled.as_bytes()));
/// let warned = "Warning: session_start(): headers already sent in /var/www/index.php on line 3\n\
///     <!DOCTYPE html><html><body><p>Text</p></body></html>";
/// assert!(looks_like_html(warned.as_bytes()));
/// let utf16: Vec<u8> = "<html><body><p>Xin chào</p></body></html>"
///     .encode_utf16()
///     .flat_map(u16::to_le_bytes)
///     .collect();
/// assert!(looks_like_html(&utf16));
/// assert!(!looks_like_html(b"Storm closes ports\nA storm closed the two largest ports on Monday.\n"));
/// assert!(!looks_like_html(b"Use the <p> element for paragraphs, a reader wrote.\n"));
/// ```
pub fn looks_like_html(bytes: &[u8]) -> bool {
    match utf16_encoding(bytes) {
        Some((encoding, bom_length)) => {
            // A sample cut inside a character decodes to one U+FFFD at
            // its end: harmless to the tag scan.
            let sample = &bytes[bom_length..bytes.len().min(bom_length + SNIFF_BYTES)];
            let text = encoding.decode_without_bom_handling(sample).0;
            markup_shape(text.as_bytes())
        }
        None => markup_shape(bytes),
    }
}

/// The UTF-16 encoding of `bytes` and the length of its byte-order mark
/// (0 when it has none), or `None` for an ASCII-compatible page.
fn utf16_encoding(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) if encoding != UTF_8 => Some((encoding, bom_length)),
        Some(_) => None,
        None => utf16_without_bom(bytes).map(|encoding| (encoding, 0)),
    }
}

/// What [`looks_like_html`] decides, on ASCII-compatible text.
fn markup_shape(text: &[u8]) -> bool {
    let start = text
        .iter()
        .position(|&byte| !is_leading_filler(byte))
        .unwrap_or(text.len());
    let text = &text[start..text.len().min(start + SNIFF_BYTES)];
    let markup = if text.starts_with(b"<") {
        text
    } else {
        let before = &text[..text.len().min(MAX_TEXT_BEFORE_MARKUP)];
        match memchr::memchr_iter(b'<', before).find(|&at| opens_document(&text[at..])) {
            Some(at) => &text[at..],
            None => return false,
        }
    };
    memchr::memchr_iter(b'<', markup).any(|at| is_page_tag(&markup[at + 1..]))
}

/// Bytes that may come before a page's first character: white space, the
/// UTF-8 byte-order mark, NUL padding, and the bytes of U+FFFD (what a
/// damaged mark decodes to).
fn is_leading_filler(byte: u8) -> bool {
    byte.is_ascii_whitespace() || matches!(byte, 0 | 0xef | 0xbb | 0xbf | 0xbd)
}

/// Whether `text` starts with what opens a whole page: `<!doctype html`,
/// `<html>` or an XML declaration.
fn opens_document(text: &[u8]) -> bool {
    starts_with_ignore_case(text, b"<!doctype html")
        || starts_with_ignore_case(text, b"<?xml")
        || element_name(&text[1..]).is_some_and(|name| name.eq_ignore_ascii_case(b"html"))
}

/// Whether the bytes after a `<` open (or close) a tag that only pages
/// hold: see [`looks_like_html`]. The inline elements a text page's
/// stray advertising code carries (`<a>`, `<img>`, `<script>`) are not
/// enough.
fn is_page_tag(after: &[u8]) -> bool {
    if after.starts_with(b"!--")
        || starts_with_ignore_case(after, b"!doctype")
        || after.starts_with(b"?xml")
    {
        return true;
    }
    let after = after.strip_prefix(b"/").unwrap_or(after);
    element_name(after)
        .is_some_and(|name| PAGE_TAGS.iter().any(|tag| name.eq_ignore_ascii_case(tag)))
}

/// The element name `after` starts with, when a tag's name ends there
/// (at white space, `>` or `/`: `<br/>`, `<p class=…>`; not `<3` or
/// `<p.s.`).
fn element_name(after: &[u8]) -> Option<&[u8]> {
    let length = after
        .iter()
        .take_while(|byte| byte.is_ascii_alphanumeric())
        .count();
    let ends_well = after
        .get(length)
        .is_some_and(|&byte| byte.is_ascii_whitespace() || byte == b'>' || byte == b'/');
    (length > 0 && ends_well).then(|| &after[..length])
}

/// Element names only a page's markup holds: the document's, the head's
/// and the common blocks.
const PAGE_TAGS: &[&[u8]] = &[
    b"html", b"head", b"body", b"meta", b"title", b"link", b"div", b"p", b"pre", b"table",
];

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Firefox's guess for an undeclared page that is not UTF-8.
fn guessed_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECTOR_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, Utf8Detection::Deny)
}

/// Whether decoded input is binary data rather than text: images saved as
/// `.html`, archives, NUL-padded files. Judged on the share of control
/// characters (other than tab, line breaks and form feed) and U+FFFD in
/// the first [`BINARY_SAMPLE_BYTES`]. Counted over bytes, not characters:
/// a byte loop the compiler vectorises, and every control character and
/// U+FFFD (`EF BF BD`) is recognisable byte by byte in UTF-8.
pub(crate) fn looks_binary(text: &str) -> bool {
    let sample = &text.as_bytes()[..text.len().min(BINARY_SAMPLE_BYTES)];
    if sample.is_empty() {
        return false;
    }
    // One pass the compiler vectorises: controls, and bytes that do not
    // continue a UTF-8 sequence (characters, approximately). Counts of a
    // chunk fit a byte; a chunk is a multiple of the 32 bytes the loop
    // takes at a time, since with 255 each chunk ended in 31 bytes read
    // one by one. Controls are the bytes below 0x20, less the four white
    // space ones, plus DEL: each a comparison and an addition a byte,
    // where the test of one byte against all of them cost twice as much.
    let (mut controls, mut chars) = (0usize, 0usize);
    for chunk in sample.chunks(224) {
        let (mut below_space, mut white, mut chunk_chars) = (0u8, 0u8, 0u8);
        for &byte in chunk {
            below_space += u8::from(byte < 0x20) + u8::from(byte == 0x7f);
            white += u8::from(byte == b'\t')
                + u8::from(byte == b'\n')
                + u8::from(byte == b'\r')
                + u8::from(byte == 0x0c);
            chunk_chars += u8::from(byte & 0xc0 != 0x80);
        }
        controls += usize::from(below_space - white);
        chars += usize::from(chunk_chars);
    }
    let replacements = memchr::memmem::find_iter(sample, "\u{fffd}").count();
    (controls + replacements) as f32 > MAX_CONTROL_SHARE * chars as f32
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn gzip_input_is_gunzipped_within_the_limit() {
        let page = b"<p>A page</p>".repeat(100);
        assert_eq!(
            super::gunzip_within(&gzip(&page), page.len()).unwrap(),
            &page[..]
        );
        assert!(matches!(
            super::gunzip_within(b"<p>plain</p>", 4).unwrap(),
            std::borrow::Cow::Borrowed(_)
        ));
        // Two members, as `cat a.gz b.gz` makes: both are read.
        let two = [gzip(b"first "), gzip(b"second")].concat();
        assert_eq!(&*super::gunzip_within(&two, 100).unwrap(), b"first second");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        let bomb = gzip(&vec![b'a'; 10_000_000]);
        assert!(bomb.len() < 20_000);
        assert_eq!(
            super::gunzip_within(&bomb, 1000),
            Err(super::Error::InputTooLarge {
                size: 1001,
                limit: 1000
            })
        );
    }

    #[test]
    fn a_corrupt_or_truncated_gzip_stream_is_an_error() {
        let page = gzip(&b"<p>A page</p>".repeat(100));
        let truncated = &page[..page.len() / 2];
        let mut corrupt = page.clone();
        corrupt[12] ^= 0xff;
        for bad in [truncated, &corrupt[..], &GZIP_MAGIC[..]] {
            let error = super::gunzip_within(bad, 1 << 20).unwrap_err();
            assert!(
                matches!(error, super::Error::InvalidGzip { .. }),
                "{error:?}"
            );
        }
    }
    use super::*;

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        encoding.encode(text).0.into_owned()
    }

    #[test]
    fn declared_legacy_charsets_are_decoded() {
        let cases: [(&'static Encoding, &str, &str); 6] = [
            (
                encoding_rs::WINDOWS_1252,
                "windows-1252",
                "Déjà vu, naïve café",
            ),
            (encoding_rs::ISO_8859_2, "iso-8859-2", "Zażółć gęślą jaźń"),
            (encoding_rs::GBK, "gbk", "两国领导人同意扩大贸易"),
            (encoding_rs::GB18030, "gb18030", "两国领导人同意扩大贸易"),
            (encoding_rs::SHIFT_JIS, "shift_jis", "日本語のニュース記事"),
            (encoding_rs::EUC_KR, "euc-kr", "한국어 뉴스 기사"),
        ];
        for (encoding, label, text) in cases {
            let mut page =
                format!("<html><head><meta charset=\"{label}\"></head><body><p>").into_bytes();
            page.extend(encode(encoding, text));
            page.extend(b"</p></body></html>");
            assert!(decode_html(&page).contains(text), "{label}");
        }
    }

    #[test]
    fn http_equiv_declarations_are_read() {
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>"
                .to_vec();
        page.extend(encode(encoding_rs::WINDOWS_1252, "Ça coûte très cher"));
        assert!(decode_html(&page).contains("Ça coûte très cher"));
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let mut page = vec![0xff, 0xfe];
        for unit in "<p>Xin chào thế giới</p>".encode_utf16() {
            page.extend(unit.to_le_bytes());
        }
        assert_eq!(decode_html(&page), "<p>Xin chào thế giới</p>");
    }

    #[test]
    fn undeclared_pages_are_utf8_or_guessed() {
        assert_eq!(
            decode_html("<p>Trần Đại Quang</p>".as_bytes()),
            "<p>Trần Đại Quang</p>"
        );
        assert_eq!(decode_html(b"<p>caf\xe9</p>"), "<p>café</p>");
        let cases: [(&'static Encoding, &str); 4] = [
            (
                encoding_rs::WINDOWS_1252,
                "Le café coûte très cher à Genève cette année, déplore-t-on.",
            ),
            (
                encoding_rs::GBK,
                "两国领导人同意扩大贸易，并在会谈后发表了联合声明。",
            ),
            (
                encoding_rs::SHIFT_JIS,
                "日本語のニュース記事です。東京で会議が開かれました。",
            ),
            (
                encoding_rs::EUC_KR,
                "한국어 뉴스 기사입니다. 서울에서 회의가 열렸습니다.",
            ),
        ];
        for (encoding, text) in cases {
            let mut page = b"<html><body><p>".to_vec();
            page.extend(encode(encoding, text));
            page.extend(b"</p></body></html>");
            assert!(decode_html(&page).contains(text), "{}", encoding.name());
        }
    }

    #[test]
    fn text_pages_are_decoded_without_a_declaration() {
        let text = "Le café coûte très cher à Genève cette année.\nLes habitants s'en plaignent.";
        assert_eq!(decode_text(&encode(encoding_rs::WINDOWS_1252, text)), text);
        assert_eq!(decode_text(text.as_bytes()), text);
    }

    #[test]
    fn a_legacy_declaration_on_a_utf8_page_yields_to_the_bytes() {
        let page = "<meta charset=\"iso-8859-1\"><p>Trần Đại Quang</p>".as_bytes();
        assert!(decode_html(page).contains("Trần Đại Quang"));
    }

    #[test]
    fn the_transport_charset_comes_before_the_page_declaration() {
        let page = encode(
            encoding_rs::WINDOWS_1251,
            "<meta charset=iso-8859-1><p>Привет, мир</p>",
        );
        assert!(decode_html_with_charset(&page, Some("windows-1251")).contains("Привет"));
        assert!(!decode_html_with_charset(&page, None).contains("Привет"));
        // An unknown label leaves the page's own declaration in charge.
        let page = encode(
            encoding_rs::WINDOWS_1251,
            "<meta charset=windows-1251><p>Привет</p>",
        );
        assert!(decode_html_with_charset(&page, Some("no-such-charset")).contains("Привет"));
        // Valid UTF-8 still wins over a stale legacy label.
        let page = "<p>Déjà vu</p>".as_bytes();
        assert!(decode_html_with_charset(page, Some("iso-8859-1")).contains("Déjà"));
    }

    #[test]
    fn utf16_without_a_bom_is_recognised() {
        let text = "<html><body><p>Xin chào thế giới</p></body></html>";
        let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_html(&little), text);
        assert_eq!(decode_html(&big), text);
    }

    #[test]
    fn binary_data_is_told_from_text() {
        assert!(!looks_binary("<p>Một bài báo: 100% chữ.</p>\n\t\r\u{c}"));
        assert!(!looks_binary(""));
        let png: Vec<u8> = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]
            .into_iter()
            .chain((0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8))
            .collect();
        assert!(looks_binary(&decode_html(&png)));
        assert!(looks_binary("text\0\0\0\0\0\0\0\0\0\0"));
    }
}
