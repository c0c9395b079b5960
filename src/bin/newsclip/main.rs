//! `newsclip`: cut the article out of saved news pages, from the command
//! line.
//!
//! ```text
//! cargo install --path . --features cli
//! newsclip --format json page.html
//! curl -s https://example.com/story | newsclip
//! ```
//!
//! The program is [`cli`] (`examples/extract.rs` runs the same code as
//! `cargo run --example extract`); `newsclip --help` lists every flag.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main("newsclip")
}
