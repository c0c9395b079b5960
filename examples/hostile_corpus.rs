//! `hostile_corpus`: writes the generated pathological pages of
//! `fixtures/hostile` (100,000-deep nesting, a 50 MB page, a million tiny
//! elements, a 10 MB line, 100,000 links) to a directory, for batch runs of
//! the `extract` binary and for profiling.
//!
//! ```text
//! cargo run --release --example hostile_corpus -- target/hostile
//! cargo run --release --example extract -- --format json target/hostile fixtures/hostile
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
    for (name, page) in hostile::large_kinds() {
        let path = dir.join(name);
        if let Err(error) = std::fs::write(&path, page) {
            eprintln!("hostile_corpus: cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}
