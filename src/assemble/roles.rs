//! The roles of lines around the article: its headline, byline and date.

use crate::config::Config;
use crate::cues::CueSet;
use crate::document::{DeclaredKind, Document, Metadata};
use crate::features::Features;
use crate::lexicon;
use std::ops::Range;

/// A headline has at least this many words…
const HEADLINE_MIN_WORDS: u32 = 2;

/// …and at most this many.
const HEADLINE_MAX_WORDS: u32 = 40;

/// A headline above the region has at least this many words; shorter
/// lines there are mostly menu entries.
const TITLE_ABOVE_MIN_WORDS: u32 = 3;

/// Whether a line could be a headline: a few words, no sentence end, no
/// cue of site furniture.
pub(super) fn is_headline_like(line: &Features) -> bool {
    let furniture = CueSet::NAVIGATION
        .union(CueSet::LEGAL)
        .union(CueSet::BYLINE)
        .union(CueSet::SOURCE)
        .union(CueSet::DATE)
        .union(CueSet::RELATED_HEADING)
        .union(CueSet::RELATED_LEAD)
        .union(CueSet::CAPTION);
    (HEADLINE_MIN_WORDS..=HEADLINE_MAX_WORDS).contains(&line.words)
        && !line.sentence_end
        && !line.is_self_repeat
        && line.separator_count == 0
        && !line.cues.intersects(furniture)
}

/// The headline's line index: the region's first line if it reads as a
/// headline, else the nearest headline-like line above the region.
pub(super) fn find_title(
    features: &[Features],
    region: &Range<usize>,
    config: &Config,
) -> Option<usize> {
    let first = &features[region.start];
    if region.len() > 1 && is_headline_like(first) && !first.is_prose() {
        return Some(region.start);
    }
    let lowest = region.start.saturating_sub(config.title_lookback);
    (lowest..region.start).rev().find(|&index| {
        is_headline_like(&features[index]) && features[index].words >= TITLE_ABOVE_MIN_WORDS
    })
}

/// The line that repeats the page's own headline metadata (JSON-LD
/// `headline`, `h1`, `og:title`, `<title>`) near the region's start, if
/// any.
pub(super) fn title_from_metadata(
    document: &Document,
    region: &Range<usize>,
    config: &Config,
) -> Option<usize> {
    let metadata = &document.metadata;
    let json_ld_headline = metadata.json_ld_headline();
    let wanted: Vec<&str> = [
        json_ld_headline,
        metadata.first_heading.as_deref(),
        metadata.title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|text| !text.is_empty())
    .collect();
    if wanted.is_empty() {
        return None;
    }
    let low = region.start.saturating_sub(config.title_lookback * 3);
    let high = (region.start + 2).min(region.end);
    (low..high).find(|&index| {
        let line = &document.lines[index];
        let text = document.line_text(line);
        wanted.iter().any(|candidate| {
            *candidate == text || (line.heading_level == 1 && candidate.starts_with(text))
        })
    })
}

/// The line nearest the region's start, within the metadata window, that
/// satisfies `wanted`.
pub(super) fn find_near(
    features: &[Features],
    region: &Range<usize>,
    config: &Config,
    wanted: impl Fn(&Features) -> bool,
) -> Option<usize> {
    let low = region.start.saturating_sub(config.metadata_window);
    let high = (region.start + config.metadata_window).min(features.len());
    (low..high)
        .filter(|&index| wanted(&features[index]))
        .min_by_key(|&index| index.abs_diff(region.start))
}

/// The byline's line nearest the article's start: one opening with a
/// byline cue ("By Ana Silva"), or the line after one that is the cue
/// alone ("Written by", then "Ana Silva", as pages lay out a label above
/// a name).
pub(super) fn find_byline(
    document: &Document,
    features: &[Features],
    region: &Range<usize>,
    config: &Config,
) -> Option<usize> {
    let is_bare_cue = |index: usize| {
        let text = document.line_text(&document.lines[index]);
        let cue = text.trim().trim_end_matches(':').trim_end().to_lowercase();
        lexicon::BYLINE_PREFIXES.contains(&cue.as_str())
    };
    let low = region.start.saturating_sub(config.metadata_window);
    let high = (region.start + config.metadata_window).min(features.len());
    (low..high)
        .filter_map(|index| {
            if features[index].cues.contains(CueSet::BYLINE) {
                Some(index)
            } else if index + 1 < high && is_bare_cue(index) {
                Some(index + 1)
            } else {
                None
            }
        })
        .min_by_key(|&index| index.abs_diff(region.start))
}

/// The person or organisation a byline candidate names, cleaned: its
/// opening cue ("By", "Written by", "Von", "Par", "Por", and the other
/// languages of [`lexicon::BYLINE_PREFIXES`]) and what follows the name
/// on the same line (a date, "Published: …", " | Section", "— 10 min
/// read") cut off, as bylines are given in the field's gold. `None` when
/// what is left is no name: empty, a URL, an e-mail address, a date, a
/// row of share buttons ("Facebook Twitter Google+ WhatsApp"), a credit
/// for someone else's work ("Edited by", "Photo by"), or a sentence.
pub(super) fn clean_byline(text: &str) -> Option<String> {
    let text = text.trim();
    if is_other_credit(text) || text.contains("://") || text.starts_with("www.") {
        return None;
    }
    let mut name = strip_byline_cue(text);
    name = cut_at_date(name);
    name = cut_at_trailer(name);
    let name = name.trim_matches(|ch: char| {
        ch.is_whitespace() || matches!(ch, ',' | '|' | '-' | '–' | '—' | '·' | '•' | ':' | '/')
    });
    let words = name.split_whitespace().count();
    let has_letter = name.chars().any(char::is_alphabetic);
    let usable = has_letter
        && words <= BYLINE_MAX_WORDS
        && !is_email(name)
        && !is_share_row(name)
        && crate::dates::find_date(name).is_none();
    usable.then(|| name.to_owned())
}

/// A cleaned byline has at most this many words; more is a sentence or a
/// biography.
const BYLINE_MAX_WORDS: usize = 12;

/// Credits that name someone other than the author.
const OTHER_CREDITS: &[&str] = &[
    "edited by",
    "reviewed by",
    "medically reviewed by",
    "fact checked by",
    "fact-checked by",
    "photo by",
    "photos by",
    "photograph by",
    "illustration by",
    "image by",
    "video by",
    "updated by",
];

fn is_other_credit(text: &str) -> bool {
    let lower = text.to_lowercase();
    OTHER_CREDITS.iter().any(|credit| lower.starts_with(credit))
}

/// `text` without its opening byline cue, the longest that matches as
/// whole words ("Written by Ana" loses "Written by", "Bystander" keeps
/// all), with any colon after it.
fn strip_byline_cue(text: &str) -> &str {
    let lower = text.to_lowercase();
    let cue = lexicon::BYLINE_PREFIXES
        .iter()
        .filter(|cue| {
            lower.starts_with(*cue)
                && lower[cue.len()..]
                    .chars()
                    .next()
                    .is_none_or(|next| !next.is_alphanumeric())
        })
        .map(|cue| cue.len())
        .max();
    // The lower-cased text may differ in length from the original (rare
    // letters): the cue is cut only when the byte offsets agree.
    match cue {
        Some(length) if lower.len() == text.len() && text.is_char_boundary(length) => {
            text[length..].trim_start_matches(|ch: char| ch.is_whitespace() || ch == ':')
        }
        _ => text,
    }
}

/// `text` up to the first date in it ("Ana Silva December 2, 2025",
/// "Posted by Ana on Tuesday, August 29, 2023"), a weekday and a joining
/// "on"/"am"/"le" before it dropped too.
fn cut_at_date(text: &str) -> &str {
    let Some(start) = crate::dates::find_date_start(text) else {
        return text;
    };
    let mut head = text[..start].trim_end_matches(|ch: char| ch.is_whitespace() || ch == ',');
    while let Some(last) = head.split_whitespace().next_back() {
        let word = last.trim_end_matches([',', ':']).to_lowercase();
        if !DATE_LEAD_WORDS.contains(&word.as_str()) {
            break;
        }
        head = head[..head.len() - last.len()]
            .trim_end_matches(|ch: char| ch.is_whitespace() || ch == ',');
    }
    head
}

/// Words that stand between a name and its date: joiners and weekdays.
const DATE_LEAD_WORDS: &[&str] = &[
    "on",
    "am",
    "le",
    "el",
    "il",
    "op",
    "em",
    "den",
    "at",
    "updated",
    "published",
    "posted",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// `text` up to what follows a name on a byline: a separator (" | ",
/// " — ", " · ", " • ") or a publication word, which pages often run into
/// the name without a space ("Ana SilvaPublished: Jan 29").
fn cut_at_trailer(text: &str) -> &str {
    const SEPARATORS: &[&str] = &[" | ", "|", " — ", "—", " – ", " · ", " • ", "•", "\n"];
    const TRAILERS: &[&str] = &[
        "Published",
        "Updated",
        "Posted",
        "Last updated",
        "Publié",
        "Mis à jour",
        "Veröffentlicht",
        "Aktualisiert",
        "Publicado",
        "Actualizado",
        "Pubblicato",
        "Aggiornato",
        "Gepubliceerd",
    ];
    let cut = SEPARATORS
        .iter()
        .chain(TRAILERS)
        .filter_map(|mark| text.find(mark))
        .filter(|&at| at > 0)
        .min();
    cut.map_or(text, |at| &text[..at])
}

fn is_email(text: &str) -> bool {
    !text.contains(char::is_whitespace) && text.contains('@') && text.contains('.')
}

/// Whether every word names a share button or social network.
fn is_share_row(text: &str) -> bool {
    const SHARE_WORDS: &[&str] = &[
        "facebook",
        "twitter",
        "x",
        "google",
        "google+",
        "whatsapp",
        "linkedin",
        "pinterest",
        "email",
        "e-mail",
        "mail",
        "share",
        "reddit",
        "telegram",
        "print",
        "copy",
        "link",
        "tumblr",
        "messenger",
        "instagram",
        "youtube",
        "tiktok",
        "flipboard",
        "pocket",
        "sms",
        "threads",
        "bluesky",
        "mastodon",
        "vk",
        "weibo",
        "line",
        "viber",
        "xing",
    ];
    let words: Vec<String> = text
        .split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ':' | '|' | '/' | '·' | '•'))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    !words.is_empty()
        && words
            .iter()
            .all(|word| SHARE_WORDS.contains(&word.as_str()))
}

/// The page's title, chosen by what kind of page it declares itself
/// (`og:type`, JSON-LD):
///
/// - an **article**'s title is its headline: the page's only `<h1>`, else
///   the metadata's title (`og:title`, else `<title>`), else the JSON-LD
///   headline, else the headline line;
/// - a page of **another kind** (`website`, `product`…) is named by its
///   metadata's title, which names the page where its `<h1>` is mostly a
///   slogan or a section's name;
/// - an **undeclared** page's title is the one the line and the metadata
///   agree on ([`agreed_title`]).
///
/// Fitted on the WCXB articles and other page types against their gold
/// titles, and checked on the L3S-GN1 pages' hand-labelled headlines
/// (none of which declares a kind): see `examples/metadata_accuracy.rs`.
pub(super) fn choose_title(line: Option<String>, metadata: &Metadata) -> Option<String> {
    let page_title = metadata
        .title
        .as_deref()
        .map(str::trim)
        .filter(|title| !title.is_empty());
    match metadata.declared_kind() {
        DeclaredKind::Article => {
            let sole_heading = metadata
                .first_heading
                .as_deref()
                .filter(|_| metadata.heading_count == 1)
                .map(str::trim)
                .filter(|heading| !heading.is_empty());
            let json_ld = metadata.json_ld_headline();
            sole_heading
                .or(page_title)
                .or(json_ld)
                .map(str::to_owned)
                .or(line)
        }
        DeclaredKind::Other => page_title
            .map(str::to_owned)
            .or_else(|| agreed_title(line, metadata)),
        DeclaredKind::Undeclared => agreed_title(line, metadata),
    }
}

/// The title of a page that declares no kind: the headline line found in
/// the page when the
/// page's own metadata agrees with it, else the metadata's.
///
/// The metadata are JSON-LD `headline`, `og:title` (else `<title>`) and
/// the first `<h1>`; two titles agree when, case and spacing aside, one
/// holds the other (so `Storm closes ports | Daily News` agrees with
/// `Storm closes ports`). A line that no metadata title agrees with is
/// mostly a section heading or a teaser above the article; then the
/// first `<h1>` that agrees with another metadata title wins, else the
/// JSON-LD headline, else `og:title`/`<title>`, else the line after all.
fn agreed_title(line: Option<String>, metadata: &Metadata) -> Option<String> {
    let json_ld = metadata.json_ld_headline();
    let page_title = metadata.title.as_deref();
    let heading = metadata.first_heading.as_deref();
    let known: Vec<&str> = [json_ld, page_title, heading]
        .into_iter()
        .flatten()
        .filter(|title| !title.trim().is_empty())
        .collect();
    if known.is_empty() {
        return line;
    }
    if let Some(line) = &line {
        if known.iter().any(|title| titles_agree(line, title)) {
            return Some(line.clone());
        }
    }
    let heading_agrees = heading.filter(|h| {
        [json_ld, page_title]
            .into_iter()
            .flatten()
            .any(|t| titles_agree(h, t))
    });
    heading_agrees
        .or(json_ld)
        .or(page_title)
        .map(|title| title.trim().to_owned())
        .or(line)
}

/// Whether one title holds the other, case and spacing aside.
pub(super) fn titles_agree(a: &str, b: &str) -> bool {
    let (a, b) = (title_key(a), title_key(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> Option<String> {
        clean_byline(text)
    }

    #[test]
    fn byline_cues_are_stripped_in_many_languages() {
        for (line, name) in [
            ("By Ana Silva", "Ana Silva"),
            ("by Christian Roth", "Christian Roth"),
            ("Written By Tina Flint Huffman", "Tina Flint Huffman"),
            (
                "Posted by IndustrySelect on Tuesday, August 29, 2023",
                "IndustrySelect",
            ),
            ("Von Anna Müller", "Anna Müller"),
            ("Par Jean Dupont", "Jean Dupont"),
            ("Por María García", "María García"),
            ("Escrito por João Souza", "João Souza"),
            ("Door Jan de Vries", "Jan de Vries"),
            ("Автор: Иван Петров", "Иван Петров"),
            ("Author: Jane Doe", "Jane Doe"),
            ("Ana Silva", "Ana Silva"),
            // A name that merely starts like a cue keeps it.
            ("Byron Katie", "Byron Katie"),
            ("Parker Lewis", "Parker Lewis"),
        ] {
            assert_eq!(cleaned(line).as_deref(), Some(name), "{line:?}");
        }
    }

    #[test]
    fn what_follows_the_name_is_cut() {
        for (line, name) in [
            ("By Korin MillerPublished: Jan 29, 2025", "Korin Miller"),
            ("by Karina Cohen | May 19, 2024", "Karina Cohen"),
            ("By Sofia Gonzalez December 2, 2025", "Sofia Gonzalez"),
            ("by Jacob Trussell—10 min read", "Jacob Trussell"),
            ("Von Anna Müller, 05.10.2018", "Anna Müller"),
            ("Par Jean Dupont le 5 octobre 2018", "Jean Dupont"),
            ("Por María García · Actualizado", "María García"),
        ] {
            assert_eq!(cleaned(line).as_deref(), Some(name), "{line:?}");
        }
    }

    #[test]
    fn lines_that_name_no_one_are_refused() {
        for line in [
            "Facebook Twitter Google+ Whatsapp",
            "Share: Facebook, LinkedIn, Email",
            "https://www.facebook.com/profile.php?id=7824374",
            "www.example.com/authors/ana",
            "ana.silva@example.com",
            "By",
            "October 5, 2018",
            "Published 05.10.2018",
            "Edited by Marie White",
            "Medically reviewed by Dr. Ana Silva",
            "Photo by Tom Reed",
            "By the time the council met on Tuesday, the budget had already been cut by a third of its size",
            "",
        ] {
            assert_eq!(cleaned(line), None, "{line:?}");
        }
    }

    fn metadata(json_ld: Option<&str>, title: Option<&str>, heading: Option<&str>) -> Metadata {
        Metadata {
            title: title.map(str::to_owned),
            first_heading: heading.map(str::to_owned),
            json_ld: json_ld.map(|headline| crate::segment::json_ld::JsonLdArticle {
                headline: Some(headline.to_owned()),
                ..Default::default()
            }),
            ..Metadata::default()
        }
    }

    #[test]
    fn a_title_line_the_metadata_agrees_with_is_kept() {
        let page = metadata(None, Some("Storm closes ports | Daily News"), None);
        assert_eq!(
            choose_title(Some("Storm closes ports".into()), &page).as_deref(),
            Some("Storm closes ports")
        );
        // No metadata: the line.
        assert_eq!(
            choose_title(Some("Key Takeaways".into()), &Metadata::default()).as_deref(),
            Some("Key Takeaways")
        );
    }

    #[test]
    fn a_title_line_no_metadata_agrees_with_gives_way() {
        // The first h1 that agrees with the page's title.
        let page = metadata(
            None,
            Some("Storm closes ports - Daily News"),
            Some("Storm closes ports"),
        );
        assert_eq!(
            choose_title(Some("Key Takeaways".into()), &page).as_deref(),
            Some("Storm closes ports")
        );
        // Else the JSON-LD headline, before og:title or <title>.
        let page = metadata(
            Some("Storm closes ports"),
            Some("Daily News"),
            Some("Weather"),
        );
        assert_eq!(
            choose_title(Some("Key Takeaways".into()), &page).as_deref(),
            Some("Storm closes ports")
        );
        let page = metadata(None, Some("Storm closes ports"), None);
        assert_eq!(
            choose_title(None, &page).as_deref(),
            Some("Storm closes ports")
        );
    }

    fn declaring(og_type: &str, title: &str, headings: &[&str]) -> Metadata {
        Metadata {
            og_type: Some(og_type.to_owned()),
            title: Some(title.to_owned()),
            first_heading: headings.first().map(|heading| (*heading).to_owned()),
            heading_count: headings.len() as u32,
            ..Metadata::default()
        }
    }

    #[test]
    fn a_page_declaring_itself_an_article_is_titled_by_its_only_heading() {
        let page = declaring(
            "article",
            "Ports shut as storm hits | Daily News",
            &["Storm closes ports"],
        );
        assert_eq!(page.declared_kind(), DeclaredKind::Article);
        assert_eq!(
            choose_title(Some("Weather".into()), &page).as_deref(),
            Some("Storm closes ports")
        );
        // Two headings: which is the story's is not known; the metadata's.
        let page = declaring(
            "article",
            "Ports shut as storm hits",
            &["Storm closes ports", "Most read"],
        );
        assert_eq!(
            choose_title(Some("Weather".into()), &page).as_deref(),
            Some("Ports shut as storm hits")
        );
        // A JSON-LD article object declares it too.
        let page = Metadata {
            json_ld: Some(crate::segment::json_ld::JsonLdArticle {
                is_article: true,
                ..Default::default()
            }),
            ..Metadata::default()
        };
        assert_eq!(page.declared_kind(), DeclaredKind::Article);
    }

    #[test]
    fn a_page_of_another_kind_is_named_by_its_metadata_title() {
        let page = declaring("product", "Oak desk | Woodshop", &["Made to last"]);
        assert_eq!(page.declared_kind(), DeclaredKind::Other);
        assert_eq!(
            choose_title(Some("Made to last".into()), &page).as_deref(),
            Some("Oak desk | Woodshop")
        );
        // Undeclared, the line the metadata agree with still wins.
        let page = Metadata {
            og_type: None,
            ..declaring(
                "",
                "Storm closes ports | Daily News",
                &["Storm closes ports"],
            )
        };
        assert_eq!(page.declared_kind(), DeclaredKind::Undeclared);
        assert_eq!(
            choose_title(Some("Storm closes ports".into()), &page).as_deref(),
            Some("Storm closes ports")
        );
    }

    const STORY: &str = "<p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel for the whole region.</p>\
        <p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast by the weather service.</p>\
        <p>Shipping companies have diverted a dozen vessels to smaller harbours along the coast while the storm passes.</p>";

    #[test]
    fn a_name_under_a_bare_byline_label_is_the_byline() {
        let page = format!(
            "<html><body><article><h1>Storm closes ports</h1><p>Written by</p><p>Ana Silva</p>{STORY}</article></body></html>"
        );
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(article.byline.as_deref(), Some("Ana Silva"));
    }

    #[test]
    fn the_metadata_author_is_cleaned_and_a_url_refused() {
        let page = format!(
            "<html><head><meta property=\"article:author\" content=\"https://www.facebook.com/ana.silva\">\
             <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"author\":\"By Ana Silva\"}}</script></head>\
             <body><article><h1>Storm closes ports</h1>{STORY}</article></body></html>"
        );
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(article.byline.as_deref(), Some("Ana Silva"));
        let page = format!(
            "<html><head><meta property=\"article:author\" content=\"https://www.facebook.com/ana.silva\"></head>\
             <body><article><h1>Storm closes ports</h1>{STORY}</article></body></html>"
        );
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(article.byline, None);
    }

    #[test]
    fn date_iso_reads_the_metadata_before_the_line() {
        let page = format!(
            "<html><head><meta property=\"article:published_time\" content=\"2018-10-05T14:30:00+02:00\"></head>\
             <body><article><h1>Storm closes ports</h1><p>Aktualisiert am 7. Oktober 2018</p>{STORY}</article></body></html>"
        );
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(
            article.date_iso.as_deref(),
            Some("2018-10-05T14:30:00+02:00")
        );
        let page = format!(
            "<html><body><article><h1>Storm closes ports</h1><p>5 de octubre de 2018</p>{STORY}</article></body></html>"
        );
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(article.date_iso.as_deref(), Some("2018-10-05"));
    }

    #[test]
    fn an_author_element_names_the_byline_when_nothing_else_does() {
        let page = format!(
            "<html><body><article><h1>Storm closes ports</h1>\
             <div class=\"byline\"><a class=\"byline__name\" href=\"/people/ana\">Ana Silva</a></div>{STORY}</article></body></html>"
        );
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(article.byline.as_deref(), Some("Ana Silva"));
        // The metadata's author comes first.
        let page = format!(
            "<html><head><meta name=\"author\" content=\"Tom Reed\"></head><body><article><h1>Storm closes ports</h1>\
             <span class=\"author-name\">Ana Silva</span>{STORY}</article></body></html>"
        );
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(article.byline.as_deref(), Some("Tom Reed"));
    }

    #[test]
    fn a_date_element_gives_date_iso_as_a_last_resort() {
        let page = format!(
            "<html><body><article><h1>Storm closes ports</h1>\
             <p>Filed under Travel, Weather, Shipping and Ports in the Region · <span class=\"post-date\">Apr 16, 2024</span> · 5 min read · 12 comments</p>{STORY}</article></body></html>"
        );
        // In a line of many words, the date is no date line's.
        let article = crate::extract_html(page.as_bytes()).expect("an article");
        assert_eq!(article.date_iso.as_deref(), Some("2024-04-16"));
    }
}
