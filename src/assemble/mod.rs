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
//!    block: the page's markup says which container holds the story.
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
//!    running text with a low confidence, rather than nothing.

mod params;
mod tree;

pub(crate) use params::Params as AssemblerParams;

use crate::article::{Article, Label, LineVerdict, RelatedLink};
use crate::classify::Verdict;
use crate::config::Config;
use crate::cues::CueSet;
use crate::document::{Document, HintSet, NO_CONTAINER};
use crate::features::Features;
use params::Params;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Weight of a line's caption probability in its region gain: captions
/// belong inside the article but do not make one.
const CAPTION_GAIN_SHARE: f32 = 0.5;
/// A headline has at least this many words…
const HEADLINE_MIN_WORDS: u32 = 2;
/// …and at most this many.
const HEADLINE_MAX_WORDS: u32 = 40;
/// A headline above the region has at least this many words; shorter
/// lines there are mostly menu entries.
const TITLE_ABOVE_MIN_WORDS: u32 = 3;
/// A line after a headline repeat that is at most this many words long is
/// the caption under that image.
const CAPTION_AFTER_ALT_MAX_WORDS: u32 = 30;
/// Share of its cost that a plain line (no cue, not repeated) charges the
/// region: a subheading or a list between paragraphs should not split the
/// article, while menus, which repeat and carry cues, still do.
const PLAIN_TEXT_COST_SHARE: f32 = 0.2;
/// An earlier run is the article when its gain is at least this share of
/// the best run's.
const EARLY_REGION_SHARE: f32 = 0.35;
/// Longest box of links set into an article (heading included) across
/// which two runs of text are joined.
const INLINE_BOX_MAX_LINES: usize = 8;
/// A run after such a box is joined when its gain is at least this share
/// of the text before the box.
const INLINE_JOIN_SHARE: f32 = 0.25;
/// …and when at least this share of its lines are body lines.
const JOIN_MIN_BODY_SHARE: f32 = 0.5;
/// Lines more linked than this do not extend the region (see
/// `extend_within_article`).
const ARTICLE_EXTENSION_MAX_LINK_DENSITY: f32 = 0.5;
/// Hints that place a line outside the article, whatever its text: the
/// region never grows over such lines.
const ELSEWHERE: HintSet = HintSet::NAVIGATION
    .union(HintSet::ASIDE)
    .union(HintSet::FURNITURE_CLASS)
    .union(HintSet::RELATED_CLASS)
    .union(HintSet::COMMENT_CLASS);
/// Lines after a "related" heading that must all be unlinked prose for it
/// to be the article's own heading, not a wall (see `heads_running_text`).
const WALL_LOOKAHEAD_LINES: usize = 3;
/// A run of at least this many body lines, nearly each in a block of its
/// own, is a list of cards (see `is_card_list`)…
const CARD_LIST_MIN_CARDS: usize = 3;
/// …when its body lines sit in at least this share of distinct blocks.
const CARD_LIST_DISTINCT_SHARE: f32 = 0.75;
/// Body lines in a row that repeat kept ones, from which the run is a
/// second copy of the article (see `drop_repeated_paragraphs`).
const REPEATED_RUN_MIN_LINES: usize = 3;
/// A line more linked than this is not plain text (see `is_plain_text`).
const PLAIN_MAX_LINK_DENSITY: f32 = 0.5;
/// A dated line of at least this many words is an entry of the article's
/// own list, not a dateline (see `is_dated_entry`).
const DATED_ENTRY_MIN_WORDS: u32 = 6;
/// Headline-like lines of at least this many words…
const TEASER_MIN_WORDS: u32 = 6;
/// …that come at least this many in a row are inline links to other stories.
const TEASER_RUN_MIN_LINES: usize = 2;
/// On a page that shows its links, a teaser is more linked than this.
const TEASER_MIN_LINK_DENSITY: f32 = 0.5;
/// A name-like byline has at most this many words.
const NAME_MAX_WORDS: u32 = 4;

/// Assembles the article of a page from its lines' features and verdicts.
pub(crate) fn assemble(
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
    let Some(seed) = find_region(features, verdicts, &gains, &vec![false; gains.len()], None)
    else {
        return fallback_article(document, features, verdicts, config);
    };
    let main = tree::story_block(document, &gains, &seed, params);
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

/// How sure the assembler is of an article whose body lines add
/// `kept_gain` (see [`Params::confidence_scale`]): 0 to 1.
fn confidence(kept_gain: f32, params: &Params) -> f32 {
    let saturation = 1.0 - (-kept_gain / params.confidence_scale.max(f32::MIN_POSITIVE)).exp();
    params.confidence_ceiling * saturation
}

/// The article of a page on which no run of lines reads as one: the
/// running text of the block that holds the most of it (the whole page on
/// text pages), with a low confidence, so that a page with text is never
/// lost. A page with less running text than
/// [`Params::fallback_min_words`] (a home page of teasers, a gallery, an
/// empty shell) has no article.
fn fallback_article(
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
        return unassembled(document, verdicts);
    };
    let kept: Vec<usize> = (0..features.len())
        .filter(|&index| features[index].container == block && is_text(&features[index]))
        .collect();
    let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
        return unassembled(document, verdicts);
    };
    let region = first..last + 1;
    let title = title_from_metadata(document, &region, config);
    let mut labels: Vec<Label> = verdicts
        .iter()
        .map(|verdict| demote(verdict.label, Label::Navigation))
        .collect();
    for &index in &kept {
        labels[index] = Label::Body;
    }
    drop_repeated_paragraphs(features, &region, &mut labels);
    let mut article = build_article(
        document, features, verdicts, &labels, &region, title, config,
    );
    let gain = words as f32 * (1.0 - config.effective_body_threshold());
    article.confidence = params.fallback_confidence_share * confidence(gain.sqrt(), params);
    article
}

/// Whether the region may grow over `line` when the page's markup puts it
/// in the article: not marked as elsewhere, not a wall, not a link list.
fn may_extend_over(line: &Features) -> bool {
    may_extend_over_links(line) && line.link_density() < ARTICLE_EXTENSION_MAX_LINK_DENSITY
}

/// [`may_extend_over`] without the link test.
fn may_extend_over_links(line: &Features) -> bool {
    !line.hints.intersects(ELSEWHERE) && !line.cues.intersects(CueSet::SECTION_WALL)
}

/// A run of lines that could be the article, with its gain.
#[derive(Debug, Clone)]
struct Candidate {
    gain: f32,
    lines: Range<usize>,
    /// The stretch it lies in began at a comments heading.
    follows_comments: bool,
}

/// The article region: within each stretch of page between section walls,
/// the maximum-gain run of lines. Runs separated only by a short box of
/// links ("Related stories" set into the article) are joined; of the
/// joined runs, the first whose gain comes close to the best is the
/// article. An article comes before its comments and the lists of other
/// stories, which may hold more text than the article itself. `None` when
/// no line is worth keeping.
fn find_region(
    features: &[Features],
    verdicts: &[Verdict],
    gains: &[f32],
    lifted: &[bool],
    seed: Option<&Range<usize>>,
) -> Option<Range<usize>> {
    let joined = join_across_boxes(
        best_run_per_stretch(features, gains),
        features,
        verdicts,
        lifted,
    );
    // A list of cards after a section heading is other stories, however
    // much text its summaries hold.
    let candidates: Vec<Candidate> = joined
        .into_iter()
        .enumerate()
        .filter(|(position, candidate)| {
            *position == 0 || !is_card_list(features, verdicts, &candidate.lines)
        })
        .map(|(_, candidate)| candidate)
        .collect();
    // Grown in the story's block, the region stays where the first pass
    // found the story: the block may also hold its comments.
    if let Some(seed) = seed {
        return candidates
            .into_iter()
            .filter(|candidate| {
                candidate.lines.start < seed.end && seed.start < candidate.lines.end
            })
            .max_by(|a, b| a.gain.total_cmp(&b.gain))
            .map(|candidate| candidate.lines);
    }
    let best = candidates
        .iter()
        .map(|candidate| candidate.gain)
        .fold(0f32, f32::max);
    candidates
        .into_iter()
        .find(|candidate| candidate.gain >= EARLY_REGION_SHARE * best)
        .map(|candidate| candidate.lines)
}

/// The maximum-gain run (Kadane) of each stretch between section walls,
/// in page order.
fn best_run_per_stretch(features: &[Features], gains: &[f32]) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    let mut best: Option<Candidate> = None;
    let (mut sum, mut start, mut follows_comments) = (0f32, 0usize, false);
    for (index, (line, &gain)) in features.iter().zip(gains).enumerate() {
        if line.cues.intersects(CueSet::SECTION_WALL) {
            candidates.extend(best.take());
            sum = 0.0;
            start = index + 1;
            follows_comments = line.cues.contains(CueSet::COMMENT_HEADING);
            continue;
        }
        if sum <= 0.0 {
            sum = 0.0;
            start = index;
        }
        sum += gain;
        if sum > 0.0 && best.as_ref().is_none_or(|best| sum > best.gain) {
            best = Some(Candidate {
                gain: sum,
                lines: start..index + 1,
                follows_comments,
            });
        }
    }
    candidates.extend(best);
    candidates
}

/// The page's lines, with the wall taken off the "related" headings that
/// head running text (see `heads_running_text`): the region, its
/// extensions and the labels then treat them as the article's own
/// headings. Borrowed when there is none, and on pages that show no links
/// (text), where a list of teasers cannot be told from text.
fn without_false_walls(features: &[Features]) -> Cow<'_, [Features]> {
    let page_shows_links = features.iter().any(|line| line.link_chars > 0);
    if !page_shows_links {
        return Cow::Borrowed(features);
    }
    let false_walls: Vec<usize> = (0..features.len())
        .filter(|&index| {
            features[index].cues.intersects(CueSet::SECTION_WALL)
                && heads_running_text(features, index)
        })
        .collect();
    if false_walls.is_empty() {
        return Cow::Borrowed(features);
    }
    let mut lines = features.to_vec();
    for index in false_walls {
        lines[index].cues = lines[index].cues.difference(CueSet::SECTION_WALL);
    }
    Cow::Owned(lines)
}

/// Whether a "related" heading belongs to the article rather than
/// opening a list of other stories: it recurs in its own block (a label of
/// each item), the lines after it are unlinked prose, line after line
/// (the article's own heading that happens to read like one, "Recommended
/// reading:" over the author's notes), or it heads a box set into the
/// article, with the article's prose in its own block just before and
/// soon after it. Comment headings are always walls: comments are
/// unlinked prose too.
fn heads_running_text(features: &[Features], index: usize) -> bool {
    let line = &features[index];
    if line.cues.contains(CueSet::COMMENT_HEADING) {
        return false;
    }
    // A label the article repeats item after item in its block
    // ("Recommended courses:" under each course) belongs to each item; the
    // page's section of other stories comes once.
    if line.repeat_count > line.repeat_elsewhere_count {
        return true;
    }
    let is_running =
        |line: &Features| line.is_prose() && line.link_density() < PLAIN_MAX_LINK_DENSITY;
    let next = &features[index + 1..features.len().min(index + 1 + WALL_LOOKAHEAD_LINES)];
    if next.len() == WALL_LOOKAHEAD_LINES && next.iter().all(is_running) {
        return true;
    }
    // A box set into the article: the article's prose stands in the
    // heading's own block both before it and soon after it.
    if line.container == NO_CONTAINER {
        return false;
    }
    let in_block = |other: &Features| other.container == line.container && is_running(other);
    let before = &features[index.saturating_sub(INLINE_BOX_MAX_LINES)..index];
    let after = &features[index + 1..features.len().min(index + 1 + INLINE_BOX_MAX_LINES)];
    before.iter().any(in_block) && after.iter().any(in_block)
}

/// Joins each run to the one before it when only a short box of links
/// separates them and it carries a fair share of the text, as running
/// text: mostly body lines, not the caption–headline–summary rhythm of a
/// list of teasers.
fn join_across_boxes(
    candidates: Vec<Candidate>,
    features: &[Features],
    verdicts: &[Verdict],
    lifted: &[bool],
) -> Vec<Candidate> {
    // Body lines, and lines that the story's block lifts to a gain (its
    // lists and dates, however they were labelled).
    let body_share = |lines: &Range<usize>| {
        let body = lines
            .clone()
            .filter(|&index| verdicts[index].label == Label::Body || lifted[index])
            .count();
        body as f32 / lines.len().max(1) as f32
    };
    let mut joined: Vec<Candidate> = Vec::with_capacity(candidates.len());
    // The gain of the last run joined: an article broken by several boxes
    // comes in pieces of like size, so each piece is weighed against the
    // one before it, not against the whole article so far.
    let mut last_piece_gain = 0f32;
    for candidate in candidates {
        match joined.last_mut() {
            Some(previous)
                if !candidate.follows_comments
                    && candidate.lines.start - previous.lines.end <= INLINE_BOX_MAX_LINES
                    && candidate.gain >= INLINE_JOIN_SHARE * last_piece_gain
                    && body_share(&candidate.lines) >= JOIN_MIN_BODY_SHARE
                    && !is_card_list(features, verdicts, &candidate.lines) =>
            {
                previous.gain += candidate.gain;
                previous.lines.end = candidate.lines.end;
                last_piece_gain = candidate.gain;
            }
            _ => {
                last_piece_gain = candidate.gain;
                joined.push(candidate);
            }
        }
    }
    joined
}

/// Whether a run is a list of cards for other stories (HTML): its body
/// lines (the summaries) each sit in a block of their own, and between
/// them stand linked or repeated lines (titles, share bars). An article's
/// paragraphs share their block.
fn is_card_list(features: &[Features], verdicts: &[Verdict], lines: &Range<usize>) -> bool {
    let body: Vec<u32> = lines
        .clone()
        .filter(|&index| verdicts[index].label == Label::Body)
        .map(|index| features[index].container)
        .collect();
    let mut containers = body.clone();
    containers.sort_unstable();
    containers.dedup();
    let separators = lines
        .clone()
        .filter(|&index| verdicts[index].label != Label::Body)
        .filter(|&index| {
            let line = &features[index];
            line.link_density() > PLAIN_MAX_LINK_DENSITY || line.repeat_count > 0
        })
        .count();
    !containers.contains(&NO_CONTAINER)
        && containers.len() >= CARD_LIST_MIN_CARDS
        && containers.len() as f32 >= CARD_LIST_DISTINCT_SHARE * body.len() as f32
        && 2 * separators >= body.len()
}

/// A line's gain as the region weighs it, given whether it lies in the
/// page's main block (see [`tree`]): inside, furniture costs only a share;
/// outside, text pulls only a share.
fn region_gain(line: &Features, gain: f32, inside_main: bool, params: &Params) -> f32 {
    match (inside_main, gain < 0.0) {
        (true, true) if may_extend_over(line) => {
            params.inside_floor * (1.0 + line.words as f32).sqrt()
        }
        (true, true) => gain * params.inside_cost_share,
        (false, false) => gain * params.outside_gain_share,
        (true, false) => gain,
        (false, true) => gain,
    }
}

fn line_gain(line: &Features, verdict: &Verdict, config: &Config) -> f32 {
    let scores = verdict.scores;
    let probability =
        scores[Label::Body as usize] + CAPTION_GAIN_SHARE * scores[Label::Caption as usize];
    let gain = (probability - config.effective_body_threshold()) * (1.0 + line.words as f32).sqrt();
    if gain < 0.0 && is_plain_text(line) {
        gain * PLAIN_TEXT_COST_SHARE
    } else {
        gain
    }
}

/// Whether a line could be a headline: a few words, no sentence end, no
/// cue of site furniture.
fn is_headline_like(line: &Features) -> bool {
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
fn find_title(features: &[Features], region: &Range<usize>, config: &Config) -> Option<usize> {
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
fn title_from_metadata(
    document: &Document,
    region: &Range<usize>,
    config: &Config,
) -> Option<usize> {
    let metadata = &document.metadata;
    let json_ld_headline = metadata
        .json_ld
        .as_ref()
        .and_then(|article| article.headline.as_deref());
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

/// The final label of every line (see the module docs, step 3).
fn revise_labels(
    features: &[Features],
    verdicts: &[Verdict],
    region: &Range<usize>,
    title: Option<usize>,
) -> Vec<Label> {
    let title_hash = title.map(|index| features[index].text_hash);
    let teasers = inline_teasers(features, verdicts, region);
    let mut labels = Vec::with_capacity(verdicts.len());
    let mut after_alt_text = false;
    let mut in_related_section = false;
    let mut in_inline_box = false;
    let mut in_introduced_list = false;
    for (index, (line, verdict)) in features.iter().zip(verdicts).enumerate() {
        let first = verdict.label;
        let inside = region.contains(&index);
        in_introduced_list &= line.hints.contains(HintSet::LIST_ITEM);
        let is_section_heading = line.cues.contains(CueSet::RELATED_HEADING);
        in_related_section |= is_section_heading && index >= region.end;
        let label = if Some(index) == title {
            Label::Body
        } else if is_section_heading {
            Label::Related
        } else if index < region.start {
            demote(first, Label::Navigation)
        } else if !inside {
            // Teaser lists carry their own time stamps and short headlines.
            let is_teaser = in_related_section
                && (line.cues.contains(CueSet::DATE)
                    || (is_plain_text(line) && is_headline_like(line)));
            if is_teaser {
                Label::Related
            } else {
                demote(first, Label::Related)
            }
        } else if Some(line.text_hash) == title_hash
            || (after_alt_text && first == Label::Body && line.words <= CAPTION_AFTER_ALT_MAX_WORDS)
        {
            Label::Caption
        } else if teasers[index]
            || (in_inline_box && !line.is_prose())
            || (line.is_self_repeat && first == Label::Body)
        {
            Label::Related
        } else if is_promoted_in_region(features, verdicts, index)
            || (in_introduced_list && is_introduced_item(line) && first != Label::Body)
        {
            Label::Body
        } else {
            first
        };
        after_alt_text = inside && Some(line.text_hash) == title_hash;
        // "The library also offers:" followed by a list: the list is the
        // article's, linked items included.
        if inside && label == Label::Body && line.ends_with_colon {
            in_introduced_list = true;
        }
        // A "Related" heading inside the article opens a box of links that
        // lasts until the text resumes.
        in_inline_box = inside && (is_section_heading || (in_inline_box && !line.is_prose()));
        labels.push(label);
    }
    labels
}

/// Each paragraph of the article once. A page that renders its article
/// twice (a responsive copy, a print version) would give every paragraph
/// twice, and a template's mistake may write one paragraph several times
/// in a row: a run of prose lines that repeats paragraphs already kept,
/// and a paragraph that repeats the body line just before it, are
/// dropped. A single repeat further down stays (an article may quote a
/// line of its own), and so do repeated short entries (a meal plan lists
/// the same items for each week).
fn drop_repeated_paragraphs(features: &[Features], region: &Range<usize>, labels: &mut [Label]) {
    let mut seen: HashSet<u64> = HashSet::new();
    let mut run: Vec<usize> = Vec::new();
    let mut previous_body: Option<u64> = None;
    let flush = |run: &mut Vec<usize>, labels: &mut [Label]| {
        if run.len() >= REPEATED_RUN_MIN_LINES {
            for &index in run.iter() {
                labels[index] = Label::Navigation;
            }
        }
        run.clear();
    };
    for index in region.clone() {
        if labels[index] != Label::Body {
            continue;
        }
        let line = &features[index];
        let hash = line.text_hash;
        let follows_itself = previous_body.replace(hash) == Some(hash);
        // A text no other line of the page has is seen for the first
        // time, and never again: most paragraphs, kept out of the set.
        if line.repeat_count == 0 {
            flush(&mut run, labels);
            continue;
        }
        if follows_itself && line.is_prose() {
            labels[index] = Label::Navigation;
        } else if seen.contains(&hash) && line.is_prose() {
            run.push(index);
        } else {
            flush(&mut run, labels);
            seen.insert(hash);
        }
    }
    flush(&mut run, labels);
}

/// Lines of the region that are links to other stories set into the
/// article: two or more headline-like lines in a row. A subheading stands
/// alone, followed by its paragraphs. Where the page shows its links (HTML),
/// a teaser must also be a link: unlinked short lines in a row are the
/// article's own list or menu of steps.
fn inline_teasers(features: &[Features], verdicts: &[Verdict], region: &Range<usize>) -> Vec<bool> {
    let mut teasers = vec![false; features.len()];
    let page_shows_links = features.iter().any(|line| line.link_chars > 0);
    let is_candidate = |index: usize| {
        let line = &features[index];
        (!page_shows_links || line.link_density() > TEASER_MIN_LINK_DENSITY)
            && is_headline_like(line)
            && !line.is_prose()
            && line.words >= TEASER_MIN_WORDS
            && verdicts[index].label == Label::Body
    };
    let mut index = region.start;
    while index < region.end {
        let run_end = (index..region.end)
            .find(|&other| !is_candidate(other))
            .unwrap_or(region.end);
        if run_end - index >= TEASER_RUN_MIN_LINES {
            teasers[index..run_end].fill(true);
        }
        index = run_end.max(index + 1);
    }
    teasers
}

/// A line with nothing of site furniture about it: no cue, mostly unlinked, not
/// repeated on the page. Inside the article such a line is a subheading, a
/// list item or a short paragraph, however short it is.
fn is_plain_text(line: &Features) -> bool {
    line.cues == CueSet::default()
        && line.repeat_elsewhere_count == 0
        && !line.is_self_repeat
        && line.link_density() < PLAIN_MAX_LINK_DENSITY
        && line.separator_count == 0
}

/// A subheading of the article (HTML `h2`–`h6`, not a link) that the
/// article's text follows. Its copy in a table of contents makes it a
/// repeat, which alone would label it furniture.
fn is_subheading(features: &[Features], verdicts: &[Verdict], index: usize) -> bool {
    let line = &features[index];
    // Most lines are no heading: answer before looking at the next one.
    if line.heading_level < 2 || line.cues.intersects(CueSet::SECTION_WALL) {
        return false;
    }
    let Some(next) = features.get(index + 1) else {
        return false;
    };
    let next_is_text = next.link_density() < PLAIN_MAX_LINK_DENSITY;
    // A linked heading over unlinked text of its own block heads that
    // text (a heading that links to its own anchor or to the thing it
    // names); over links it is a teaser.
    let heading_links_on = line.link_density() < PLAIN_MAX_LINK_DENSITY
        || (next_is_text && next.container == line.container);
    let text_follows = verdicts[index + 1].label == Label::Body
        || is_plain_text(next)
        || is_list_entry(next)
        || is_dated_entry(next);
    heading_links_on && text_follows
}

/// Whether a line the classifier put in navigation or related is the
/// article's own when the region holds it: plain text, a dated entry, an
/// item of its own list, a subheading.
fn is_promoted_in_region(features: &[Features], verdicts: &[Verdict], index: usize) -> bool {
    let line = &features[index];
    matches!(verdicts[index].label, Label::Navigation | Label::Related)
        && (is_plain_text(line)
            || is_dated_entry(line)
            || is_list_entry(line)
            || is_subheading(features, verdicts, index))
}

/// An item of a list the article introduces ("…offers:"), linked or not:
/// a list item with no cue of furniture.
/// Running text in the story's block that the page marks as nothing
/// else: the story's own, however the classifier read it line by line.
fn is_story_prose(line: &Features) -> bool {
    line.is_prose()
        && may_extend_over(line)
        && !line
            .cues
            .intersects(CueSet::RELATED_LEAD.union(CueSet::LEGAL))
}

fn is_introduced_item(line: &Features) -> bool {
    const FURNITURE: CueSet = CueSet::NAVIGATION
        .union(CueSet::LEGAL)
        .union(CueSet::RELATED_LEAD)
        .union(CueSet::SECTION_WALL);
    line.hints.contains(HintSet::LIST_ITEM) && !line.cues.intersects(FURNITURE)
}

/// An unlinked item of a list set in the article (HTML `li`) with no cue
/// of furniture: the article's own list, whatever its items' scores.
fn is_list_entry(line: &Features) -> bool {
    is_introduced_item(line) && line.link_density() < PLAIN_MAX_LINK_DENSITY
}

/// A line of the article's own dated list ("June 9 – Coral Sky
/// Amphitheatre, West Palm Beach, FL"): a date and more words than a
/// dateline holds, no other cue, no links, at most one separator (the
/// dash after the date; a meta line strings its date, author and section
/// together with several).
fn is_dated_entry(line: &Features) -> bool {
    line.cues == CueSet::DATE
        && line.words >= DATED_ENTRY_MIN_WORDS
        && line.separator_count <= 1
        && line.repeat_elsewhere_count == 0
        && line.link_density() < PLAIN_MAX_LINK_DENSITY
}

/// Outside the article, body and caption lines take `replacement`.
fn demote(label: Label, replacement: Label) -> Label {
    match label {
        Label::Body | Label::Caption => replacement,
        other => other,
    }
}

fn build_article(
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
    let json_ld = metadata.json_ld.clone().unwrap_or_default();
    let mut article = Article {
        title: title
            .map(text)
            .or(json_ld.headline)
            .or_else(|| metadata.title.clone()),
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
    // The lines first, as the page shows them; the page's metadata where
    // no line gives them.
    article.date = find_near(features, region, config, |line| {
        line.cues.contains(CueSet::DATE)
    })
    .map(text)
    .or_else(|| metadata.published.clone())
    .or(json_ld.published);
    article.byline = find_byline(document, features, labels, region, config)
        .map(text)
        .or_else(|| metadata.author.clone())
        .or(json_ld.author);
    article
}

/// The line nearest the region's start, within the metadata window, that
/// satisfies `wanted`.
fn find_near(
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

/// A line opening with a byline cue near the start, or else a short
/// name-like line just after the article's end.
fn find_byline(
    document: &Document,
    features: &[Features],
    labels: &[Label],
    region: &Range<usize>,
    config: &Config,
) -> Option<usize> {
    if let Some(index) = find_near(features, region, config, |line| {
        line.cues.contains(CueSet::BYLINE)
    }) {
        return Some(index);
    }
    let high = (region.end + config.metadata_window).min(features.len());
    (region.end..high).find(|&index| {
        labels[index] != Label::Body
            && is_name_like(document.line_text(&document.lines[index]), &features[index])
    })
}

/// Two to four capitalised words with no digits and no sentence end.
fn is_name_like(text: &str, line: &Features) -> bool {
    (2..=NAME_MAX_WORDS).contains(&line.words)
        && line.cased_words == line.words
        && line.capitalized_words == line.words
        && line.digit_chars == 0
        && line.punctuation_chars == 0
        && !line.sentence_end
        && line.cues == CueSet::default()
        && !text.contains(['|', '/'])
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::compute_features;
    use crate::segment::html::segment_html;

    /// Whether the page's heading line (the line reading `heading`) heads
    /// running text or a box inside the article.
    fn heads_running_text_on(page: &str, heading: &str) -> bool {
        let document = segment_html(page);
        let features = compute_features(&document);
        let index = document
            .lines
            .iter()
            .position(|line| document.line_text(line) == heading)
            .expect("the heading is a line");
        assert!(features[index].cues.intersects(CueSet::SECTION_WALL));
        heads_running_text(&features, index)
    }

    const PROSE: &str = "<p>Our reviewers spent a month with each of these laptops, testing them at home and at work, and found that the batteries lasted longer than their makers claim.</p>";

    #[test]
    fn a_related_heading_over_running_text_is_no_wall() {
        let page = format!("<article><h2>Recommended</h2>{PROSE}{PROSE}{PROSE}</article>");
        assert!(heads_running_text_on(&page, "Recommended"));
    }

    #[test]
    fn a_box_of_links_set_into_the_article_block_is_no_wall() {
        let link = "<p><a href='/a'>Phones get cheaper as makers cut prices this year</a></p>";
        let page = format!("<article>{PROSE}<h3>Related</h3>{link}{link}{PROSE}</article>");
        assert!(heads_running_text_on(&page, "Related"));
        // The same box in a block of its own, after the article, is one.
        let page = format!(
            "<article>{PROSE}{PROSE}</article><div><h3>Related</h3>{link}{link}{PROSE}</div>"
        );
        assert!(!heads_running_text_on(&page, "Related"));
    }

    #[test]
    fn a_related_label_repeated_in_each_item_is_no_wall() {
        let item = |name: &str| {
            format!(
                "<h3>{name}</h3><ul><li>Twelve weeks</li><li>Online</li><li>Certificate</li></ul>\
                <h5>Recommended</h5><p><a href='/{name}'>{name} course</a></p>"
            )
        };
        let page = format!(
            "<article>{}{}{}</article>",
            item("Design"),
            item("Type"),
            item("Colour")
        );
        assert!(heads_running_text_on(&page, "Recommended"));
        // Once on the page, over links, it is the section of other stories.
        let page = format!("<article>{PROSE}{}</article>", item("Design"));
        assert!(!heads_running_text_on(&page, "Recommended"));
    }

    #[test]
    fn a_related_heading_over_links_or_comments_is_a_wall() {
        let links = "<p><a href='/a'>Phones get cheaper as makers cut prices across their ranges this year</a></p>";
        let page = format!("<article><h2>Recommended</h2>{links}{PROSE}{links}</article>");
        assert!(!heads_running_text_on(&page, "Recommended"));
        let page = format!("<article><h2>12 comments</h2>{PROSE}{PROSE}{PROSE}</article>");
        assert!(!heads_running_text_on(&page, "12 comments"));
    }
}
