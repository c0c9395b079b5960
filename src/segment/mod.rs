//! Front ends: turn an input page into a [`Document`](crate::document::Document).
//!
//! Every front end produces the same [`Line`](crate::document::Line) type, so
//! the classifier and the assembler never care where a line came from.

pub(crate) mod html;
pub(crate) mod json_ld;
mod prescan;
pub(crate) mod provenance;
pub(crate) mod text;
mod title_repair;
