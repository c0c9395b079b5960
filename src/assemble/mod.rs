//! The block assembler: per-line verdicts in, one [`Article`] out.
//!
//! 1. **Seed.** Each line adds `(p − threshold) · √(1 + words)` to the
//!    article, where `p` is its body probability plus half its caption
//!    probability; the first region is the contiguous run of lines with
//!    the largest sum (Kadane's maximum segment). A heading that opens a
//!    list of other stories ("Related", "Most read") or the comments is a
//!    wall the run cannot cross (unless it heads running text or a box set
//!    into the article). Runs split only by a short box of links are
//!    joined, and of the runs the first whose gain comes close to the best
//!    is the article: articles come before their comments and the lists of
//!    other stories.
//! 2. **Story block** ([`tree`]). The region's gain is summed up the page's
//!    block tree; the deepest block that holds most of it is the story's
//!    block: the page's markup says which container holds the story. When
//!    that block (or an ancestor) is one of several sibling records of
//!    one kind, each holding prose in a block like the story's (the posts
//!    of a thread, the entries of a listing), all of them are the story.
//! 3. **Region.** The seed search runs again with the lines weighed by
//!    where they sit: inside the story's block, a line the page marks as
//!    nothing else (a list, a date, a short line) adds a little and other
//!    lines cost only a share of what they would, so the region fills the
//!    block; outside it, text adds nothing. The region that overlaps the
//!    seed is kept. All weights are fitted ([`params`]).
//! 4. **Title.** The headline is the region's first line when that line
//!    reads as a headline, else the nearest headline-like line above it.
//! 5. **Labels.** Inside the region the classifier's labels stand, but for
//!    a few page-level facts it cannot see line by line: a repeat of the
//!    headline is image alt text (a caption), a line written twice is a
//!    teaser card. The article's own short lines (plain text, list
//!    items, dated entries, subheadings, a list it introduces with a
//!    colon) are body however they scored. Above the region nothing is
//!    body; below it, body-like lines are summaries of other stories.
//!    Finally a second copy of the article is dropped.
//! 6. **Article.** Body lines become paragraphs, captions and related
//!    lines their own lists; byline and date come from the lines around.
//!    A page with running text but no region gives its best block's
//!    running text with a low confidence, rather than nothing; a short
//!    post (the page's headline in an element marked as the article's,
//!    a line or two under it) gives those lines, and is the article too
//!    when the story found is short, or weak and wholly above or below
//!    the post (a sidebar's "about me" or disclosure set beside it).
//! 7. **Listing** ([`listing`]). A page whose article is short or missing
//!    (a job board, a shop's grid, a thread of short posts) may be a list
//!    of records: many sibling blocks of one kind holding text the page
//!    marks as nothing else. When the page's longest such list holds
//!    several times the article's words, the records' text joins the
//!    article's, at a low confidence.
//! 8. **Main block.** An article that is a sliver of the page's main
//!    block (the block of step 9, up to the first comments heading after
//!    the article) gives way to the block's text, at a low confidence:
//!    when the block holds many times the article's words, and several
//!    times its words in lines mostly outside links. The region found a
//!    notice or a caption on a page whose content is a listing, a
//!    catalogue or a reference page that reads line by line as menus.
//! 9. **Page text** ([`page_text_article`]). When nothing above, nor the
//!    page's hidden parts or script data, gives an article, the text of
//!    the page's main block is returned at a low confidence: the block
//!    whose own text (linked or not) most outweighs what it holds of
//!    menus, asides and furniture (on a text page, its lines but the
//!    short labels). A catalogue or an index of papers is text a user
//!    wants; a page of menus still has no article.

mod build;
mod labels;
mod listing;
mod params;
mod region;
mod roles;
mod tree;

pub(crate) use build::page_metadata;
pub(crate) use params::Params as AssemblerParams;

use crate::article::{Article, Label};
use crate::classify::Verdict;
use crate::config::Config;
use crate::document::Document;
use crate::features::Features;
use build::{build_article, confidence, fallback_article, headline_post, listing_article};
use labels::{drop_repeated_paragraphs, revise_labels};
use region::{find_region, line_gain, region_gain, without_false_walls};
use roles::{find_title, title_from_metadata};

/// Assembles the article of a page from its lines' features and verdicts.
pub(crate) fn assemble(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    config: &Config,
) -> Article {
    let article = assemble_article(document, features, verdicts, config);
    or_main_block(article, document, features, verdicts, config)
}

/// `article`, or the text of the page's main block when the article is a
/// sliver of it: a notice, a caption or one line of a listing (see
/// [`Params::main_block_ratio`]). The block ends at the
/// first comments heading after the article: a blog may set its comments
/// in the post's block. A page with no article is left to the extractor's
/// other readings (hidden parts, script data) before its page text.
fn or_main_block(
    article: Article,
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    config: &Config,
) -> Article {
    let params = &config.assembler;
    let words = body_words(&article, features) as f32;
    if params.main_block_ratio <= 0.0 || words == 0.0 {
        return article;
    }
    // No block holds more words than the page: most articles are no
    // sliver of it, and the block tree need not be scored.
    let page_words: u32 = features.iter().map(|line| line.words).sum();
    if (page_words as f32) < params.main_block_ratio * words {
        return article;
    }
    let Some(block) = listing::main_text_block(document, features, params) else {
        return article;
    };
    let article_end = article
        .lines
        .iter()
        .rposition(|line| line.label == Label::Body)
        .unwrap_or(0);
    let block = block.ending_before_comments(features, article_end);
    let unlinked = block.unlinked_words(features) as f32;
    let is_sliver = block.words as f32 >= params.main_block_ratio * words
        && unlinked >= params.main_block_prose_ratio * words
        && unlinked >= params.listing_min_words;
    if !is_sliver {
        return article;
    }
    let mut page_text = listing_article(document, features, verdicts, &block, config);
    page_text.title = article.title.or_else(|| page_metadata(document).title);
    page_text
}

/// The article of a page: its story, or a short post, or a list of
/// records (steps 1 to 7 of the module docs).
fn assemble_article(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    config: &Config,
) -> Article {
    let article = assemble_story(document, features, verdicts, config);
    let params = &config.assembler;
    let story_words = body_words(&article, features);
    // A short story gives way to the short post under the page's
    // headline.
    if (story_words as f32) < params.post_switch_words {
        if let Some(post) = headline_post(document, features, verdicts, config) {
            if !shares_body(&post, &article) {
                return post;
            }
        }
    }
    if story_words as f32 >= params.listing_weak_words {
        return article;
    }
    let story: Vec<bool> = article
        .lines
        .iter()
        .map(|verdict| verdict.label == Label::Body)
        .collect();
    match listing::main_listing(document, features, &story, params) {
        Some(mut listing) if listing.words as f32 >= params.listing_ratio * story_words as f32 => {
            if params.listing_keep_story > 0.5 {
                let story_lines = (0..story.len()).filter(|&index| story[index]);
                listing.lines.extend(story_lines);
                listing.lines.sort_unstable();
                listing.lines.dedup();
                listing.words += story_words;
            }
            listing_article(document, features, verdicts, &listing, config)
        }
        // So does a weak story that is no list's and lies wholly above
        // or below the post: a sidebar's "about me" or disclosure.
        _ => match headline_post(document, features, verdicts, config) {
            Some(post) if !shares_body(&post, &article) && lies_apart(&article, &post) => post,
            _ => article,
        },
    }
}

/// The article of a page on which nothing else gave one (no region, no
/// short post, no list of records, nothing hidden or held in script
/// data): the text of the page's main block, at a low confidence (see
/// [`listing::main_text_block`]). A catalogue, an index or a product
/// sheet is text a user wants, though no line of it reads as an
/// article's. A page whose only such text is marked as comments gives
/// that, up to its first comments heading: a forum thread whose every
/// post, the opening one too, is a "comment" ([`listing::thread_text_block`]).
/// `None` on a page with no such text (an empty shell, a page of menus).
pub(crate) fn page_text_article(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    config: &Config,
) -> Option<Article> {
    let params = &config.assembler;
    let block = listing::main_text_block(document, features, params)
        .or_else(|| listing::thread_text_block(document, features, params))?;
    let mut article = listing_article(document, features, verdicts, &block, config);
    // No line of it is a headline: the page's title is what
    // `Extractor::extract_metadata` gives.
    article.title = page_metadata(document).title;
    (!article.paragraphs.is_empty()).then_some(article)
}

/// Whether two articles of one page have a body line in common.
fn shares_body(one: &Article, other: &Article) -> bool {
    one.lines
        .iter()
        .zip(&other.lines)
        .any(|(one, other)| one.label == Label::Body && other.label == Label::Body)
}

/// Whether `story` lies wholly on one side of `post`: every body line of
/// one comes before the first of the other.
fn lies_apart(story: &Article, post: &Article) -> bool {
    lies_above(story, post) || lies_above(post, story)
}

/// Whether every body line of `story` comes before the first of `post`.
fn lies_above(story: &Article, post: &Article) -> bool {
    let last_story = story
        .lines
        .iter()
        .rposition(|line| line.label == Label::Body);
    let first_post = post.lines.iter().position(|line| line.label == Label::Body);
    matches!((last_story, first_post), (Some(story), Some(post)) if story < post)
}

/// The words of an article's body lines.
fn body_words(article: &Article, features: &[Features]) -> u32 {
    article
        .lines
        .iter()
        .zip(features)
        .filter(|(verdict, _)| verdict.label == Label::Body)
        .map(|(_, line)| line.words)
        .sum()
}

/// The story: the region of lines that reads as one article, found as the
/// module docs say.
fn assemble_story(
    document: &Document,
    features: &[Features],
    verdicts: &[Verdict],
    config: &Config,
) -> Article {
    let features = &*without_false_walls(features);
    let params = &config.assembler;
    let gains: Vec<f32> = features
        .iter()
        .zip(verdicts)
        .map(|(line, verdict)| line_gain(line, verdict, config))
        .collect();
    let Some(seed) = find_region(features, verdicts, &gains, &[], None) else {
        return fallback_article(document, features, verdicts, config);
    };
    // Only pages with a block tree (HTML) look for records.
    let unique_gains: Vec<f32> = if document.blocks.is_empty() {
        Vec::new()
    } else {
        features
            .iter()
            .zip(&gains)
            .map(|(line, &gain)| if line.repeat_count == 0 { gain } else { 0.0 })
            .collect()
    };
    let main = tree::story_block(document, &gains, &unique_gains, &seed, params);
    let mut region = seed.clone();
    if main.block.is_some() {
        let region_gains: Vec<f32> = features
            .iter()
            .zip(&gains)
            .map(|(line, &gain)| region_gain(line, gain, main.contains(line.container), params))
            .collect();
        let lifted: Vec<bool> = gains
            .iter()
            .zip(&region_gains)
            .map(|(&gain, &region_gain)| gain <= 0.0 && region_gain > 0.0)
            .collect();
        if let Some(found) = find_region(features, verdicts, &region_gains, &lifted, Some(&seed)) {
            region = found;
        }
    }
    let title = title_from_metadata(document, &region, config)
        .or_else(|| find_title(features, &region, config));
    if title == Some(region.start) {
        region.start += 1;
    }
    let mut labels = revise_labels(features, verdicts, &region, title);
    drop_repeated_paragraphs(features, &region, &mut labels);
    let mut article = build_article(
        document, features, verdicts, &labels, &region, title, config,
    );
    if article.paragraphs.is_empty() {
        return fallback_article(document, features, verdicts, config);
    }
    let kept_gain: f32 = (0..labels.len())
        .filter(|&index| labels[index] == Label::Body && Some(index) != title)
        .map(|index| gains[index].max(0.0))
        .sum();
    article.confidence = confidence(kept_gain, params);
    article
}
