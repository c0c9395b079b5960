//! Any bytes through the HTML front end: no panic, and every paragraph of
//! an extracted article is non-empty.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(article) = newsclip::extract_html(bytes) {
        assert!(!article.paragraphs.is_empty());
        assert!(article.paragraphs.iter().all(|paragraph| !paragraph.trim().is_empty()));
    }
});
