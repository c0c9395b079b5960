//! Front ends: turn an input page into a [`Document`](crate::document::Document).
//!
//! Every front end produces the same [`Line`](crate::document::Line) type, so
//! the classifier and the assembler never care where a line came from.

use crate::config::HtmlFrontEnd;
use crate::document::Document;
use html::HiddenText;

pub(crate) mod html;
pub(crate) mod json_ld;
mod prescan;
pub(crate) mod provenance;
pub(crate) mod text;
mod title_repair;
pub(crate) mod tokens;

/// An HTML page's [`Document`], read by the front end chosen.
pub(crate) fn segment_html_by(front_end: HtmlFrontEnd, html: &str, hidden: HiddenText) -> Document {
    match front_end {
        HtmlFrontEnd::Dom => html::segment_html_with(html, hidden, false),
        HtmlFrontEnd::Tokens => tokens::segment_html_tokens(html, hidden),
    }
}
