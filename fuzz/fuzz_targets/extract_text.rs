//! Any text through the text front end: no panic, one verdict per line,
//! and every paragraph is a line of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(article) = newsclip::extract_text(text) {
        assert!(!article.paragraphs.is_empty());
        for paragraph in &article.paragraphs {
            assert!(text.contains(paragraph.as_str()), "paragraph not in input: {paragraph:?}");
        }
    }
});
