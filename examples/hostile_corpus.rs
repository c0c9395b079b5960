//! `hostile_corpus`: writes the generated pathological pages of
//! `fixtures/hostile` (100,000-deep nesting, a 50 MB page, a million tiny
//! elements, a 10 MB line, 100,000 links; formatting left open in 16 MB
//! of paragraphs, 16 MB of attributes on one element, 63 MiB of
//! `<p>a</p>` gzipped) to a directory, for batch runs of the `extract`
//! binary, for profiling and for measuring peak memory.
//!
//! ```text
//! cargo run --release --example hostile_corpus -- target/hostile
//! cargo run --release --example extract -- --format json target/hostile fixtures/hostile
//! /usr/bin/time -f '%M KB' target/release/examples/memory extract target/hostile/tiny-paragraphs-63mib.html.gz
//! ```

#[path = "../tests/support/hostile.rs"]
mod hostile;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/hostile".into()),
    );
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("hostile_corpus: cannot create {}: {error}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, page) in hostile::large_kinds()
        .into_iter()
        .chain(hostile::memory_kinds())
    {
        // The 63 MiB page ships as a small gzip file, as a crawler would
        // get it: the bomb is in the inflating.
        let (path, bytes) = match name.starts_with("tiny-paragraphs") {
            true => (dir.join(format!("{name}.gz")), gzip(page.as_bytes())),
            false => (dir.join(name), page.into_bytes()),
        };
        if let Err(error) = std::fs::write(&path, bytes) {
            eprintln!("hostile_corpus: cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("gzip into memory")
}
