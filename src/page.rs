//! [`HtmlPage`]: an HTML page with what its transport knows about it (its
//! URL, its charset), and the resolution of the article's link addresses
//! against that URL.
//!
//! Links are resolved as browsers resolve `a.href`, with the WHATWG URL
//! Standard's parser (the `url` crate): against the page's first
//! `<base href>`, itself resolved against the page's URL; else against the
//! page's URL. With neither an absolute base nor a page URL, an address
//! stays as the page wrote it: guessing a host would make up links.

use crate::article::RelatedLink;
use url::Url;

/// An HTML page to extract, as bytes or as text already decoded, with
/// what is known of it besides its markup: the URL it was fetched from,
/// and the charset its HTTP `Content-Type` header declared.
///
/// The URL makes every [`RelatedLink::url`] absolute (see
/// [`HtmlPage::with_url`]). [`Extractor::extract_html_page`] reads it;
/// [`Extractor::extract_html`] and its siblings are shorthands for a page
/// without a URL.
///
/// [`Extractor::extract_html_page`]: crate::Extractor::extract_html_page
/// [`Extractor::extract_html`]: crate::Extractor::extract_html
///
/// ```
/// use newsclip::{Extractor, HtmlPage};
///
/// let html = b"<html><body><article><h1>Storm closes ports</h1>\
///     <p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>\
///     <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>\
///     </article><aside class='related'><h2>Related articles</h2>\
///     <p><a href='../ports-reopen'>Ports reopen after a week-long strike by dock workers</a></p></aside></body></html>";
/// let page = HtmlPage::new(html).with_url("https://news.example/2024/storm/story");
/// let article = Extractor::default().extract_html_page(page)?;
/// assert_eq!(
///     article.related[0].url.as_deref(),
///     Some("https://news.example/2024/ports-reopen")
/// );
/// # Ok::<(), newsclip::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HtmlPage<'a> {
    pub(crate) markup: Markup<'a>,
    pub(crate) url: Option<&'a str>,
    pub(crate) charset: Option<&'a str>,
}

/// The page's markup as the caller has it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Markup<'a> {
    /// Bytes in the page's charset, maybe gzipped.
    Bytes(&'a [u8]),
    /// Text already decoded.
    Text(&'a str),
}

impl<'a> HtmlPage<'a> {
    /// A page given as bytes: in any charset (decoded as
    /// [`Extractor::extract_html`](crate::Extractor::extract_html)
    /// decodes them), and gunzipped first when they are gzip data.
    pub fn new(bytes: &'a [u8]) -> Self {
        HtmlPage {
            markup: Markup::Bytes(bytes),
            url: None,
            charset: None,
        }
    }

    /// A page already decoded to text.
    ///
    /// ```
    /// let page = newsclip::HtmlPage::decoded("<p>Hello</p>").with_url("https://example.com/");
    /// # let _ = page;
    /// ```
    pub fn decoded(html: &'a str) -> Self {
        HtmlPage {
            markup: Markup::Text(html),
            url: None,
            charset: None,
        }
    }

    /// The URL the page was fetched from. Link addresses are resolved
    /// against the page's first `<base href>` (itself resolved against
    /// this URL), else against this URL, as a browser resolves them, and
    /// come back in the URL Standard's serialisation. Addresses that are
    /// already absolute keep their scheme: `mailto:` and `javascript:`
    /// links are kept, not dropped, so filter on the scheme before
    /// rendering links. An address that cannot be resolved (`http://[`)
    /// stays as written, and so does every address when this URL is not
    /// an absolute URL and the page has no absolute `<base href>`.
    ///
    /// ```
    /// use newsclip::{Extractor, HtmlPage};
    ///
    /// let html = "<html><head><base href='/archive/'></head><body><article><h1>Dam opens</h1>\
    ///     <p>The new dam on the river opened on Tuesday after eleven years of building work.</p>\
    ///     <p>It will supply water and power to four provinces, the energy ministry said.</p>\
    ///     </article><aside class='related'><h2>Related articles</h2>\
    ///     <p><a href='river-floods'>River floods the valley for the second time this year</a></p></aside></body></html>";
    /// let extractor = Extractor::default();
    /// let page = HtmlPage::decoded(html).with_url("https://news.example/dam");
    /// let article = extractor.extract_html_page(page)?;
    /// assert_eq!(
    ///     article.related[0].url.as_deref(),
    ///     Some("https://news.example/archive/river-floods")
    /// );
    /// // Without the page's URL, a relative address stays as written.
    /// let article = extractor.extract_html_str(html)?;
    /// assert_eq!(article.related[0].url.as_deref(), Some("river-floods"));
    /// # Ok::<(), newsclip::Error>(())
    /// ```
    pub fn with_url(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }

    /// The charset label the page's HTTP `Content-Type` header declared,
    /// read as
    /// [`Extractor::extract_html_with_charset`](crate::Extractor::extract_html_with_charset)
    /// reads it. A page built with [`HtmlPage::decoded`] is text
    /// already, and ignores it.
    pub fn with_charset(mut self, charset: &'a str) -> Self {
        self.charset = Some(charset);
        self
    }
}

/// Makes every link address absolute against the page's base URL, when
/// one is known (see the module docs); leaves them as written otherwise.
pub(crate) fn resolve_links(
    links: &mut [RelatedLink],
    base_href: Option<&str>,
    page_url: Option<&str>,
) {
    if links.iter().all(|link| link.url.is_none()) {
        return;
    }
    let Some(base) = base_url(base_href, page_url) else {
        return;
    };
    for address in links.iter_mut().filter_map(|link| link.url.as_mut()) {
        if let Ok(resolved) = base.join(address) {
            *address = resolved.into();
        }
    }
}

/// The URL relative addresses resolve against: the HTML standard's
/// "frozen base URL", `<base href>` parsed against the page's URL, or the
/// page's URL when there is no `<base href>` or it does not parse.
fn base_url(base_href: Option<&str>, page_url: Option<&str>) -> Option<Url> {
    let page = page_url.and_then(|url| Url::parse(url.trim()).ok());
    let base = base_href.and_then(|href| Url::options().base_url(page.as_ref()).parse(href).ok());
    base.or(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(href: &str, base_href: Option<&str>, page_url: Option<&str>) -> String {
        let mut links = [RelatedLink {
            text: "Other story".to_owned(),
            url: Some(href.to_owned()),
        }];
        resolve_links(&mut links, base_href, page_url);
        links[0].url.clone().unwrap()
    }

    #[test]
    fn the_base_href_is_resolved_against_the_page_url() {
        let page = Some("https://news.example/world/story.html");
        assert_eq!(
            resolved("next.html", None, page),
            "https://news.example/world/next.html"
        );
        assert_eq!(
            resolved("next.html", Some("/archive/"), page),
            "https://news.example/archive/next.html"
        );
        assert_eq!(
            resolved("next.html", Some("https://cdn.example/a/"), None),
            "https://cdn.example/a/next.html"
        );
        assert_eq!(
            resolved("//other.example/x", None, page),
            "https://other.example/x"
        );
    }

    #[test]
    fn without_an_absolute_base_addresses_stay_as_written() {
        assert_eq!(resolved("next.html", None, None), "next.html");
        // A relative `<base href>` needs the page's URL to mean anything.
        assert_eq!(resolved("next.html", Some("/archive/"), None), "next.html");
        assert_eq!(resolved("next.html", None, Some("not a url")), "next.html");
    }

    #[test]
    fn other_schemes_and_unresolvable_addresses_are_kept() {
        let page = Some("https://news.example/story");
        assert_eq!(
            resolved("mailto:desk@news.example", None, page),
            "mailto:desk@news.example"
        );
        assert_eq!(
            resolved("javascript:void(0)", None, page),
            "javascript:void(0)"
        );
        assert_eq!(resolved("http://[", None, page), "http://[");
    }

    #[test]
    fn a_base_href_that_does_not_parse_falls_back_to_the_page_url() {
        assert_eq!(
            resolved("next", Some("http://["), Some("https://news.example/a/b")),
            "https://news.example/a/next"
        );
    }
}
