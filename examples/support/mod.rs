//! What the example binaries share: the command's page reading and path
//! writing (one definition, in `src/bin/newsclip/cli/files.rs`) and the
//! dev sets' gold.

#![allow(dead_code, unused_imports)] // Each example binary uses its own part.

pub mod gold;

#[path = "../../src/bin/newsclip/cli/files.rs"]
mod files;

pub use files::{display_path, file_kind, read_page};
