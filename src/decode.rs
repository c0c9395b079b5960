//! Bytes to text for HTML input: the byte-order mark first, then the
//! page's own `<meta charset>` / `http-equiv` declaration, then UTF-8 if the
//! bytes are valid UTF-8, else windows-1252 (what browsers assume for
//! undeclared legacy pages). Decoding uses `encoding_rs`, the WHATWG
//! Encoding Standard's tables; it never fails: invalid sequences become
//! U+FFFD.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How far into the page a charset declaration is looked for, as browsers
/// do in their prescan.
const PRESCAN_BYTES: usize = 4096;

/// `<meta charset="…">` and `<meta http-equiv="Content-Type" content="…; charset=…">`.
/// Owned here rather than in `cues` because it reads bytes, not lines.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex")
});

/// Decodes an HTML page's bytes to text.
pub(crate) fn decode_html(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_length..]).0;
    }
    if let Some(encoding) = declared_encoding(bytes) {
        return encoding.decode_without_bom_handling(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// The encoding the page declares in its first bytes. A page that claims
/// UTF-16 without a BOM is read as UTF-8, as the HTML standard says.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(encoding)
}

#[cfg(test)]
mod tests {
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
    fn undeclared_pages_are_utf8_or_windows_1252() {
        assert_eq!(
            decode_html("<p>Trần Đại Quang</p>".as_bytes()),
            "<p>Trần Đại Quang</p>"
        );
        assert_eq!(decode_html(b"<p>caf\xe9</p>"), "<p>café</p>");
    }
}
