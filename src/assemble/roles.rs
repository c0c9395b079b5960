//! The roles of lines around the article: its headline, byline and date.

use crate::article::Label;
use crate::config::Config;
use crate::cues::CueSet;
use crate::document::Document;
use crate::features::Features;
use std::ops::Range;

/// A headline has at least this many words…
const HEADLINE_MIN_WORDS: u32 = 2;

/// …and at most this many.
const HEADLINE_MAX_WORDS: u32 = 40;

/// A headline above the region has at least this many words; shorter
/// lines there are mostly menu entries.
const TITLE_ABOVE_MIN_WORDS: u32 = 3;

/// A name-like byline has at most this many words.
const NAME_MAX_WORDS: u32 = 4;

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

/// A line opening with a byline cue near the start, or else a short
/// name-like line just after the article's end.
pub(super) fn find_byline(
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
