//! `extract`: the `newsclip` command, run as an example so that it needs
//! no feature flag.
//!
//! ```text
//! cargo run --release --example extract -- fixtures/seeds/002_0fb64fe6ce5f5458.txt
//! cargo run --release --example extract -- --format json fixtures/seeds/
//! ```
//!
//! The program is `src/bin/newsclip/cli/` (`cargo install --path .
//! --features cli` installs it as `newsclip`); this file only runs it under
//! the name `extract`, which its messages and summary line carry, as the
//! scripts and tests that call it expect.

#[path = "../src/bin/newsclip/cli/mod.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::main("extract")
}
