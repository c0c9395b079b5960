//! The article's own metadata from a JSON-LD block
//! (`<script type="application/ld+json">`): schema.org's `NewsArticle`,
//! `Article`, `BlogPosting` and their kin, alone, in an array or in an
//! `@graph`. Invalid JSON, common in the wild, is ignored.

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
        body: text_field(article, "articleBody"),
    })
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

fn text_field(object: &Value, key: &str) -> Option<String> {
    let text = object.get(key)?.as_str()?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// An author given as a name, a `Person`/`Organization` object, or a list
/// of them (joined with commas).
fn author_name(author: &Value) -> Option<String> {
    match author {
        Value::String(name) => Some(name.trim().to_owned()).filter(|name| !name.is_empty()),
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
}
