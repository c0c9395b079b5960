//! The article's own metadata from a JSON-LD block
//! (`<script type="application/ld+json">`): schema.org's `NewsArticle`,
//! `Article`, `BlogPosting` and their kin, alone, in an array or in an
//! `@graph`. Invalid JSON, common in the wild, is ignored.
//!
//! A page with no article object often dates itself all the same, on its
//! `WebPage` (as WordPress's SEO plugins write it): that `datePublished`
//! is kept, until an article object in a later block gives its own. Text
//! values are read with the HTML character references some sites leave in
//! them (`Maria &amp; Katerina`) decoded.

use serde_json::Value;

/// What a JSON-LD article object says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JsonLdArticle {
    pub headline: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    /// `articleBody`: the whole text, which some pages show only once a
    /// script has run.
    pub body: Option<String>,
    /// Whether this was read from an article object, not only a page's
    /// date.
    pub is_article: bool,
}

/// schema.org types that are an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
];

/// How deep the search goes into nested objects and arrays: far enough
/// for `@graph` and `mainEntity`, bounded for hostile input.
const MAX_DEPTH: usize = 6;

/// The first article object in the JSON-LD text `json`, if any.
pub(crate) fn read_article(json: &str) -> Option<JsonLdArticle> {
    let value: Value = serde_json::from_str(json.trim()).ok()?;
    let article = find_article(&value, 0)?;
    Some(JsonLdArticle {
        headline: text_field(article, "headline").or_else(|| text_field(article, "name")),
        author: article.get("author").and_then(author_name),
        published: text_field(article, "datePublished"),
        // The body as written: it is text or markup for the front end,
        // which decodes references itself.
        body: raw_text_field(article, "articleBody"),
        is_article: true,
    })
}

/// Reads the JSON-LD block `json` into `slot`, the page's metadata so
/// far: the first article object wins; before one is seen, the first
/// `datePublished` of any object stands in, and stays as the article's
/// date when the article gives none.
pub(crate) fn read_into(json: &str, slot: &mut Option<JsonLdArticle>) {
    if slot.as_ref().is_some_and(|seen| seen.is_article) {
        return;
    }
    if let Some(mut article) = read_article(json) {
        if let Some(stand_in) = slot.take() {
            article.published = article.published.or(stand_in.published);
        }
        *slot = Some(article);
        return;
    }
    if slot.is_some() {
        return;
    }
    let Ok(value) = serde_json::from_str::<Value>(json.trim()) else {
        return;
    };
    if let Some(published) = find_text(&value, "datePublished", 0) {
        *slot = Some(JsonLdArticle {
            published: Some(published),
            ..JsonLdArticle::default()
        });
    }
}

/// The first non-empty text under `key` in any object of `value`.
fn find_text(value: &Value, key: &str, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .find_map(|item| find_text(item, key, depth + 1)),
        Value::Object(object) => text_field(value, key).or_else(|| {
            object
                .values()
                .find_map(|inner| find_text(inner, key, depth + 1))
        }),
        _ => None,
    }
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|item| find_article(item, depth + 1)),
        Value::Object(object) => {
            if is_article(object.get("@type")) {
                return Some(value);
            }
            ["@graph", "mainEntity", "mainEntityOfPage"]
                .iter()
                .filter_map(|key| object.get(*key))
                .find_map(|inner| find_article(inner, depth + 1))
        }
        _ => None,
    }
}

fn is_article(kind: Option<&Value>) -> bool {
    let named = |name: &str| ARTICLE_TYPES.contains(&name.trim_start_matches("schema:"));
    match kind {
        Some(Value::String(name)) => named(name),
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).any(named),
        _ => false,
    }
}

fn raw_text_field(object: &Value, key: &str) -> Option<String> {
    let text = object.get(key)?.as_str()?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn text_field(object: &Value, key: &str) -> Option<String> {
    let text = decode_references(object.get(key)?.as_str()?);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// `text` with its HTML character references decoded: the five named
/// ones and numeric ones (`&#39;`, `&#x2019;`). Anything else stays.
fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((reference_char(&rest[1..end])?, end)));
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference_char(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|ch| !ch.is_control())
        }
    }
}

/// An author given as a name, a `Person`/`Organization` object, or a list
/// of them (joined with commas).
fn author_name(author: &Value) -> Option<String> {
    match author {
        Value::String(name) => {
            Some(decode_references(name).trim().to_owned()).filter(|name| !name.is_empty())
        }
        Value::Object(_) => text_field(author, "name"),
        Value::Array(authors) => {
            let names: Vec<String> = authors.iter().filter_map(author_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_article_in_a_graph_is_read() {
        let json = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Daily News"},
            {"@type":["NewsArticle"],"headline":"Storm closes ports",
             "author":[{"@type":"Person","name":"Ana Silva"},{"@type":"Person","name":"Tom Reed"}],
             "datePublished":"2024-11-05T08:00:00Z"}]}"#;
        assert_eq!(
            read_article(json),
            Some(JsonLdArticle {
                headline: Some("Storm closes ports".into()),
                author: Some("Ana Silva, Tom Reed".into()),
                published: Some("2024-11-05T08:00:00Z".into()),
                body: None,
                is_article: true,
            })
        );
    }

    #[test]
    fn other_types_and_broken_json_give_nothing() {
        assert_eq!(
            read_article(r#"{"@type":"Organization","name":"Daily News"}"#),
            None
        );
        assert_eq!(
            read_article(r#"{"@type":"NewsArticle","headline":"x",}"#),
            None
        );
        assert_eq!(read_article(""), None);
    }

    #[test]
    fn a_page_date_stands_in_until_an_article_comes() {
        let mut slot = None;
        read_into(
            r#"{"@graph":[{"@type":"WebPage","datePublished":"2021-01-27T06:00:00+00:00"}]}"#,
            &mut slot,
        );
        let stand_in = slot.clone().expect("the page's date is kept");
        assert_eq!(
            stand_in.published.as_deref(),
            Some("2021-01-27T06:00:00+00:00")
        );
        assert!(!stand_in.is_article && stand_in.headline.is_none());
        read_into(r#"{"@type":"NewsArticle","headline":"Storm"}"#, &mut slot);
        let article = slot.clone().expect("the article replaces the stand-in");
        assert_eq!(article.headline.as_deref(), Some("Storm"));
        assert_eq!(
            article.published.as_deref(),
            Some("2021-01-27T06:00:00+00:00")
        );
        // Once an article is read, later blocks change nothing.
        read_into(r#"{"@type":"NewsArticle","headline":"Other"}"#, &mut slot);
        assert_eq!(slot.and_then(|a| a.headline).as_deref(), Some("Storm"));
    }

    #[test]
    fn character_references_are_decoded() {
        let json = r#"{"@type":"BlogPosting","headline":"Tom &amp; Jerry&#39;s &#x2019;day&#8217; &bogus; & more",
            "author":"Maria &amp; Katerina"}"#;
        let article = read_article(json).expect("an article");
        assert_eq!(
            article.headline.as_deref(),
            Some("Tom & Jerry's \u{2019}day\u{2019} &bogus; & more")
        );
        assert_eq!(article.author.as_deref(), Some("Maria & Katerina"));
    }
}
