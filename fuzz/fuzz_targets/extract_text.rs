//! Any text through the text front end: no panic, one verdict per line,
//! and every paragraph is a line of the input once both are read as the
//! output is cleaned (control and invisible format characters dropped,
//! white space aside: see `Article`'s docs).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The text without white space, control characters and the invisible
/// format characters the output drops.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
        })
        .collect()
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(article) = newsclip::extract_text(text) {
        assert!(!article.paragraphs.is_empty());
        let input = visible(text);
        for paragraph in &article.paragraphs {
            assert!(
                input.contains(&visible(paragraph)),
                "paragraph not in input: {paragraph:?}"
            );
        }
    }
});
