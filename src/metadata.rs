//! [`PageMetadata`]: what a page says about itself (title, byline, date),
//! for pages with or without an article.

use crate::article::clean_optional;

/// A page's title, byline and date as its metadata and markup give them
/// (`og:title`, `<title>`, `<h1>`, JSON-LD, `article:published_time`,
/// author and date elements, and the page's URL), read without looking
/// for the article: what [`Extractor::extract_metadata`] returns, on every
/// page, article or not (a product, a listing, a home page).
///
/// The fields mean what [`Article`]'s fields of the same names mean, and
/// are chosen by the same rules. An [`Article`] may do better where the
/// lines around its text give a byline or a date that the metadata lack.
///
/// [`Extractor::extract_metadata`]: crate::Extractor::extract_metadata
/// [`Article`]: crate::Article
///
/// ```
/// use newsclip::{Extractor, HtmlPage};
///
/// let shop = r#"<html><head><title>Oak desk | Woodshop</title>
///     <meta property="og:type" content="product"></head>
///     <body><h1>Made to last</h1><p><a href="/cart">Add to cart</a></p></body></html>"#;
/// let extractor = Extractor::default();
/// assert!(extractor.extract_html_str(shop).is_err()); // no article here
/// let metadata = extractor.extract_metadata(HtmlPage::decoded(shop))?;
/// assert_eq!(metadata.title.as_deref(), Some("Oak desk | Woodshop"));
/// assert_eq!(metadata.date_iso, None);
/// # Ok::<(), newsclip::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PageMetadata {
    /// The page's title: an article's headline, another page's name (see
    /// [`Article::title`](crate::Article::title)).
    pub title: Option<String>,
    /// The author, a person or an organisation (see
    /// [`Article::byline`](crate::Article::byline)).
    pub byline: Option<String>,
    /// The publication date as the page writes it.
    pub date: Option<String>,
    /// The publication date in ISO 8601 (see
    /// [`Article::date_iso`](crate::Article::date_iso)).
    pub date_iso: Option<String>,
}

impl PageMetadata {
    /// Cleans every field for output as [`Article`](crate::Article)'s
    /// text is cleaned; a field left empty becomes `None`.
    pub(crate) fn clean_output(&mut self) {
        clean_optional(&mut self.title);
        clean_optional(&mut self.byline);
        clean_optional(&mut self.date);
        clean_optional(&mut self.date_iso);
    }
}
