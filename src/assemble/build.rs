//! The [`Article`] built from the final labels, and the article of a page
//! with text but no confident region.

use super::labels::{demote, drop_repeated_paragraphs, is_story_prose};
use super::listing::Listing;
use super::params::Params;
use super::region::ELSEWHERE;
use super::roles::{
    choose_title, clean_byline, find_byline, find_near, title_from_metadata, titles_agree,
};
use crate::article::{Article, Label, LineVerdict, RelatedLink};
use crate::classify::Verdict;
use crate::config::Config;
use crate::cues::CueSet;
use crate::dates::find_date;
use crate::document::{Document, HintSet, Metadata, NO_CONTAINER};
use crate::features::Features;
use crate::metadata::PageMetadata;
use std::collections::HashMap;
use std::ops::Range;

pub(super) fn build_article(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    labels: &[Label],
    region: &Range<usize>,
    title: Option<usize>,
    config: &Config,
) -> Article {
    let text = |index: usize| document.line_text(&document.lines[index]).to_owned();
    let metadata = &document.metadata;
    let mut article = Article {
        title: choose_title(title.map(text), metadata),
        lines: line_verdicts(document, verdicts, labels),
        ..Article::default()
    };
    for index in region.clone() {
        match labels[index] {
            Label::Body if Some(index) != title => article.paragraphs.push(text(index)),
            Label::Caption => article.captions.push(text(index)),
            _ => {}
        }
    }
    article.related = (0..labels.len())
        .filter(|&index| labels[index] == Label::Related)
        .filter(|&index| !features[index].cues.contains(CueSet::RELATED_HEADING))
        .map(|index| RelatedLink {
            text: text(index),
            url: document
                .line_link(&document.lines[index])
                .map(str::to_owned),
        })
        .collect();
    // `date` and `byline`: the lines first, as the page shows them; the
    // page's metadata where no line gives them.
    let date_line = find_near(features, region, config, |line| {
        line.cues.contains(CueSet::DATE)
    })
    .map(text);
    let cue_line = find_byline(document, features, region, config).map(text);
    article.date_iso = date_iso(metadata, date_line.as_deref(), cue_line.as_deref());
    article.date = date_line.or_else(|| metadata_date(metadata));
    article.byline = byline(metadata, cue_line);
    article
}

/// The article of a page whose content is its main list of records
/// (`listing`): the records' text as body, with a low confidence, as a
/// [`fallback_article`]'s.
pub(super) fn listing_article(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    listing: &Listing,
    config: &Config,
) -> Article {
    let (Some(&first), Some(&last)) = (listing.lines.first(), listing.lines.last()) else {
        return unassembled(document, verdicts);
    };
    let region = first..last + 1;
    let title = title_from_metadata(document, &region, config);
    let labels = kept_lines_labels(verdicts, &listing.lines);
    let mut article = build_article(
        document, features, verdicts, &labels, &region, title, config,
    );
    article.confidence = fallback_confidence(listing.words, config);
    article
}

/// Title, byline and date of a page as its metadata and markup give
/// them, no article's lines read: what [`build_article`] falls back on
/// where the lines give nothing.
pub(crate) fn page_metadata(document: &Document) -> PageMetadata {
    let metadata = &document.metadata;
    // The first `<h1>` is the last resort, as the headline line is an
    // article's.
    let title = choose_title(None, metadata).or_else(|| metadata.first_heading.clone());
    PageMetadata {
        title,
        byline: byline(metadata, None),
        date: metadata_date(metadata),
        date_iso: date_iso(metadata, None, None),
    }
}

/// The publication date as the page's metadata writes it.
fn metadata_date(metadata: &Metadata) -> Option<String> {
    let json_ld_date = || {
        metadata
            .json_ld
            .as_ref()
            .and_then(|data| data.published.clone())
    };
    metadata.published.clone().or_else(json_ld_date)
}

/// `date_iso`: the metadata first, being written for machines (on the
/// WCXB articles it is right more often than the line; see
/// examples/metadata_accuracy.rs); then the date line, and the byline
/// line, which often carries the date ("By Ana Silva | May 19, 2024");
/// then the page's date elements.
fn date_iso(
    metadata: &Metadata,
    date_line: Option<&str>,
    cue_line: Option<&str>,
) -> Option<String> {
    let json_ld_date = metadata
        .json_ld
        .as_ref()
        .and_then(|data| data.published.as_deref());
    [
        metadata.published.as_deref(),
        date_line,
        json_ld_date,
        cue_line,
    ]
    .into_iter()
    .flatten()
    .chain(metadata.element_dates.iter().map(String::as_str))
    .find_map(find_date)
    .map(|date| date.to_string())
}

/// The byline: the metadata's author first, then a line opening with a
/// byline cue, then the page's author elements, each cleaned of its cue
/// and trailer and dropped when it names no one. A name-like line after
/// the article, once the last resort, is no longer taken: on pages
/// without an author it named a menu entry ("Recent Posts") more often
/// than not.
fn byline(metadata: &Metadata, cue_line: Option<String>) -> Option<String> {
    let json_ld_author = metadata
        .json_ld
        .as_ref()
        .and_then(|data| data.author.clone());
    [json_ld_author, metadata.author.clone(), cue_line]
        .into_iter()
        .flatten()
        .chain(metadata.element_authors.iter().cloned())
        .find_map(|candidate| clean_byline(&candidate))
}

fn line_verdicts(document: &Document, verdicts: &[Verdict], labels: &[Label]) -> Vec<LineVerdict> {
    document
        .lines
        .iter()
        .zip(verdicts)
        .zip(labels)
        .map(|((line, verdict), &label)| LineVerdict {
            line: line.source_line,
            label,
            first_label: verdict.label,
            scores: verdict.scores,
            start: line.source_start as usize,
            end: line.source_end as usize,
            path: document.line_path(line).map(str::to_owned),
        })
        .collect()
}

/// A page with no article region: verdicts only, body lines demoted.
fn unassembled(document: &Document, verdicts: &[Verdict]) -> Article {
    let labels: Vec<Label> = verdicts
        .iter()
        .map(|verdict| demote(verdict.label, Label::Navigation))
        .collect();
    Article {
        lines: line_verdicts(document, verdicts, &labels),
        ..Article::default()
    }
}

/// How sure the assembler is of an article whose body lines add
/// `kept_gain` (see [`Params::confidence_scale`]): 0 to 1.
pub(super) fn confidence(kept_gain: f32, params: &Params) -> f32 {
    let saturation = 1.0 - (-kept_gain / params.confidence_scale.max(f32::MIN_POSITIVE)).exp();
    params.confidence_ceiling * saturation
}

/// The article of a page on which no run of lines reads as one: the
/// running text of the block that holds the most of it (the whole page on
/// text pages), with a low confidence, so that a page with text is never
/// lost. A page with less running text than
/// [`Params::fallback_min_words`] has no article (a home page of teasers,
/// a gallery, an empty shell), unless it is a short post under the page's
/// headline (see `headline_post`).
pub(super) fn fallback_article(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    config: &Config,
) -> Article {
    let params = &config.assembler;
    let is_text = |line: &Features| is_story_prose(line) && !line.is_self_repeat;
    let mut words_by_block: HashMap<u32, u32> = HashMap::new();
    for line in features.iter().filter(|line| is_text(line)) {
        *words_by_block.entry(line.container).or_default() += line.words;
    }
    let best = words_by_block
        .iter()
        .max_by_key(|&(&block, &words)| (words, std::cmp::Reverse(block)))
        .map(|(&block, &words)| (block, words));
    let Some((block, words)) = best.filter(|&(_, words)| words as f32 >= params.fallback_min_words)
    else {
        return headline_post(document, features, verdicts, config)
            .unwrap_or_else(|| unassembled(document, verdicts));
    };
    let kept: Vec<usize> = (0..features.len())
        .filter(|&index| features[index].container == block && is_text(&features[index]))
        .collect();
    let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
        return unassembled(document, verdicts);
    };
    let region = first..last + 1;
    let title = title_from_metadata(document, &region, config);
    let mut labels = kept_lines_labels(verdicts, &kept);
    drop_repeated_paragraphs(features, &region, &mut labels);
    let mut article = build_article(
        document, features, verdicts, &labels, &region, title, config,
    );
    article.confidence = fallback_confidence(words, config);
    article
}

/// The labels of an article made of `kept` lines alone: they are body,
/// and every other line is demoted as outside an article.
fn kept_lines_labels(verdicts: &[Verdict], kept: &[usize]) -> Vec<Label> {
    let mut labels: Vec<Label> = verdicts
        .iter()
        .map(|verdict| demote(verdict.label, Label::Navigation))
        .collect();
    for &index in kept {
        labels[index] = Label::Body;
    }
    labels
}

/// The confidence of an article found without a region (the best block,
/// the main list, a short post) holding `words` words: a share of what a
/// region of that much text would get.
fn fallback_confidence(words: u32, config: &Config) -> f32 {
    let params = &config.assembler;
    let gain = words as f32 * (1.0 - config.effective_body_threshold());
    params.fallback_confidence_share * confidence(gain.sqrt(), params)
}

/// Hints of an element the page marks as the article's (`<article>`, an
/// `entry-content` or `post` class).
const ARTICLE_MARKS: HintSet = HintSet::ARTICLE.union(HintSet::ARTICLE_CLASS);

/// How many levels above the headline's own block the post's block is
/// looked for.
const POST_BLOCK_MAX_LIFT: usize = 3;

/// A headline of fewer words than this is not matched against the page's
/// title ("Home", "Tags" sit inside many titles).
const POST_HEADLINE_MIN_WORDS: u32 = 3;

/// The article of a short post (a photo with a line under it, a link
/// with a note): the page's headline, the heading that repeats its
/// `<title>` or JSON-LD headline, inside an element the page marks as the
/// article's, and the lines of that element after it up to the first
/// section wall, but for what the page marks as lying elsewhere. Such a
/// post has too little running text for any region or for
/// [`fallback_article`]'s best block, yet it is the page's article. `None`
/// when the page has no such headline or nothing under it.
pub(super) fn headline_post(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    config: &Config,
) -> Option<Article> {
    let metadata = &document.metadata;
    let json_ld_headline = metadata.json_ld_headline();
    let wanted: Vec<&str> = [json_ld_headline, metadata.title.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let headline = (0..features.len()).find(|&index| {
        let line = &features[index];
        (1..=3).contains(&line.heading_level)
            && line.words >= POST_HEADLINE_MIN_WORDS
            && !line.hints.intersects(ELSEWHERE)
            && wanted
                .iter()
                .any(|title| titles_agree(document.line_text(&document.lines[index]), title))
    })?;
    let post = post_block(document, features[headline].container)?;
    let inside = |mut container: u32| {
        while container != NO_CONTAINER {
            if container == post {
                return true;
            }
            container = match document.blocks.get(container as usize) {
                Some(block) => block.parent,
                None => return false,
            };
        }
        false
    };
    let kept: Vec<usize> = (headline + 1..features.len())
        .take_while(|&index| {
            inside(features[index].container)
                && !features[index].cues.intersects(CueSet::SECTION_WALL)
        })
        .filter(|&index| {
            let line = &features[index];
            line.words > 0
                && !line.hints.intersects(ELSEWHERE)
                && !line.cues.intersects(CueSet::NAVIGATION)
        })
        .collect();
    let last = *kept.last()?;
    let region = headline..last + 1;
    let labels = kept_lines_labels(verdicts, &kept);
    let mut article = build_article(
        document,
        features,
        verdicts,
        &labels,
        &region,
        Some(headline),
        config,
    );
    let words: u32 = kept.iter().map(|&index| features[index].words).sum();
    article.confidence = fallback_confidence(words, config);
    Some(article)
}

/// The nearest block at or above `container` (at most
/// [`POST_BLOCK_MAX_LIFT`] levels up) that the page marks as the
/// article's.
fn post_block(document: &Document, container: u32) -> Option<u32> {
    let mut block = container;
    for _ in 0..=POST_BLOCK_MAX_LIFT {
        let element = document.blocks.get(block as usize)?;
        if element.hints.intersects(ARTICLE_MARKS) {
            return Some(block);
        }
        block = element.parent;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{Config, Error, Extractor};

    /// A blog page whose post is a headline, a source and one short line.
    fn short_post(post_class: &str) -> String {
        let menu: String = ["Home", "About", "Archive", "Contact"]
            .iter()
            .map(|item| format!("<li><a href='/{item}'>{item}</a></li>"))
            .collect();
        format!(
            "<html><head><title>A Blog - Paper Lanterns Over the River</title></head><body>\
             <nav><ul>{menu}</ul></nav>\
             <div class='{post_class}'><h2>Paper Lanterns Over the River</h2>\
             <p>via example.org</p><p>Hundreds of lanterns drifted past the old bridge.</p></div>\
             <div class='sidebar'><p>Subscribe</p></div></body></html>"
        )
    }

    /// A sidebar's list of twelve tag links.
    fn tag_list() -> String {
        (1..=12)
            .map(|tag| format!("<li><a href='/tag/{tag}'>Tag number {tag}</a></li>"))
            .collect()
    }

    #[test]
    fn a_short_post_under_the_page_headline_is_the_article() {
        let extractor = Extractor::new(Config::default());
        let article = extractor
            .extract_html_str(&short_post("post"))
            .expect("the post is the article");
        assert_eq!(
            article.title.as_deref(),
            Some("Paper Lanterns Over the River")
        );
        // The source credit is no paragraph of the post.
        assert_eq!(
            article.paragraphs,
            ["Hundreds of lanterns drifted past the old bridge."]
        );
        assert!(article.confidence < 0.5, "{}", article.confidence);
    }

    #[test]
    fn without_an_article_container_a_short_page_has_no_article() {
        let extractor = Extractor::new(Config::default());
        let result = extractor.extract_html_str(&short_post("box"));
        assert!(matches!(result, Err(Error::NoArticle)), "{result:?}");
    }

    #[test]
    fn a_sidebar_blurb_gives_way_to_the_post_under_the_headline() {
        let blurb = "<div class='about'><p>I write about rivers, bridges and the towns \
                     that grew up around them, and I have done so every week since the \
                     spring of my first year here.</p></div>";
        let tags = tag_list();
        let sidebar = format!("{blurb}<ul class='tags'>{tags}</ul>");
        let page = short_post("post").replace(
            "<div class='post'>",
            &format!("{sidebar}<div class='post'>"),
        );
        let article = Extractor::new(Config::default())
            .extract_html_str(&page)
            .expect("the post is the article");
        assert_eq!(
            article.paragraphs.last().map(String::as_str),
            Some("Hundreds of lanterns drifted past the old bridge.")
        );
        assert!(!article.text().contains("rivers, bridges"));
        // Without the headline's post, the blurb is what the page holds.
        let page = page.replace("<div class='post'>", "<div class='box'>");
        let article = Extractor::new(Config::default())
            .extract_html_str(&page)
            .expect("the blurb is an article");
        assert!(article.paragraphs[0].starts_with("I write about rivers"));
    }

    #[test]
    fn a_longer_blurb_above_or_below_the_post_gives_way_to_it_too() {
        let blurb = "<div class='about'><p>I write about rivers, bridges and the towns \
                     that grew up around them, and I have done so every week since the \
                     spring of my first year here.</p><p>Before that I drew maps for a \
                     shipping company, walked the towpaths of three countries and kept \
                     notes on every lock and ferry I met on the way.</p><p>Write to me \
                     with the stories of your own river, and I will answer each letter.</p></div>";
        let tags = tag_list();
        let above = short_post("post").replace(
            "<div class='post'>",
            &format!("{blurb}<ul class='tags'>{tags}</ul><div class='post'>"),
        );
        let article = Extractor::new(Config::default())
            .extract_html_str(&above)
            .expect("the post is the article");
        assert_eq!(
            article.paragraphs.last().map(String::as_str),
            Some("Hundreds of lanterns drifted past the old bridge.")
        );
        assert!(
            !article.text().contains("rivers, bridges"),
            "{:?}",
            article.paragraphs
        );
        // Set after the post, it gives way to the post as well.
        let after_post = |sidebar: &str| {
            let page = short_post("post").replace(
                "<div class='sidebar'>",
                &format!("<ul class='tags'>{tags}</ul>{sidebar}<div class='sidebar'>"),
            );
            Extractor::new(Config::default())
                .extract_html_str(&page)
                .expect("an article")
        };
        let article = after_post(blurb);
        assert!(
            !article.text().contains("rivers, bridges"),
            "{:?}",
            article.paragraphs
        );
        // A story of its own (300 words and more) stays the article.
        const TOWNS: [&str; 8] = [
            "Arles", "Lyon", "Tours", "Nantes", "Rouen", "Metz", "Dijon", "Reims",
        ];
        let story: String = TOWNS
            .iter()
            .map(|town| {
                format!(
                    "<p>In {town} the river runs under eleven bridges, and the oldest of them \
                     carried carts of wine and salt for four hundred years before the railway \
                     came; the town still keeps its toll house, its ferry steps and a museum \
                     of the boatmen who worked the {town} reach.</p>"
                )
            })
            .collect();
        let article = after_post(&format!("<div class='about'>{story}</div>"));
        assert!(
            article.text().contains("In Arles the river"),
            "{:?}",
            article.paragraphs
        );
    }

    #[test]
    fn a_list_set_in_the_block_of_the_line_introducing_it_is_the_articles() {
        let prose = "<p>The shops cut their prices for the whole week before the holiday, \
                     and the discounts reach far beyond the usual electronics and toys.</p>";
        let items: String = ["Lego bomber set", "Electric racing track", "Film box set"]
            .iter()
            .enumerate()
            .map(|(number, item)| {
                let link = format!("http://shop.example/{number}");
                format!("<br>{}) {item}<br><a href='{link}'>{link}</a>", number + 1)
            })
            .collect();
        let page = format!(
            "<html><body><article>{prose}{prose}\
             <div class='deals'>Here are the offers not to miss:{items}</div>{prose}</article>\
             </body></html>"
        );
        let article = Extractor::new(Config::default())
            .extract_html_str(&page)
            .expect("an article");
        for item in [
            "1) Lego bomber set",
            "2) Electric racing track",
            "3) Film box set",
        ] {
            assert!(
                article.paragraphs.iter().any(|p| p == item),
                "{item}: {:?}",
                article.paragraphs
            );
        }
    }
}
