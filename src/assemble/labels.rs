//! The final label of every line, once the region is known: the
//! page-level facts the classifier cannot see line by line (alt text,
//! teaser cards, the article's own short lines, repeated paragraphs).

use super::region::may_extend_over;
use super::roles::is_headline_like;
use crate::article::Label;
use crate::classify::Verdict;
use crate::cues::CueSet;
use crate::document::{HintSet, NO_CONTAINER};
use crate::features::Features;
use std::collections::HashSet;
use std::ops::Range;

/// A line after a headline repeat that is at most this many words long is
/// the caption under that image.
const CAPTION_AFTER_ALT_MAX_WORDS: u32 = 30;

/// Body lines in a row that repeat kept ones, from which the run is a
/// second copy of the article (see `drop_repeated_paragraphs`).
const REPEATED_RUN_MIN_LINES: usize = 3;

/// A line more linked than this is not plain text (see `is_plain_text`).
pub(super) const PLAIN_MAX_LINK_DENSITY: f32 = 0.5;

/// A dated line of at least this many words is an entry of the article's
/// own list, not a dateline (see `is_dated_entry`).
const DATED_ENTRY_MIN_WORDS: u32 = 6;

/// Headline-like lines of at least this many words…
const TEASER_MIN_WORDS: u32 = 6;

/// …that come at least this many in a row are inline links to other stories.
const TEASER_RUN_MIN_LINES: usize = 2;

/// On a page that shows its links, a teaser is more linked than this.
const TEASER_MIN_LINK_DENSITY: f32 = 0.5;

/// The final label of every line (see the module docs, step 3).
pub(super) fn revise_labels(
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
    // The block of the line that introduced the list, when it has one.
    let mut intro_block = NO_CONTAINER;
    for (index, (line, verdict)) in features.iter().zip(verdicts).enumerate() {
        let first = verdict.label;
        let inside = region.contains(&index);
        // The list goes on over its items, and over the short lines of
        // the introducing line's own block ("1) …" lines set in one <p>).
        let in_intro_block =
            intro_block != NO_CONTAINER && line.container == intro_block && !line.is_prose();
        in_introduced_list &= line.hints.contains(HintSet::LIST_ITEM) || in_intro_block;
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
            || (in_introduced_list
                && (is_introduced_item(line) || in_intro_block)
                && !line.cues.intersects(ITEM_FURNITURE)
                && first != Label::Body)
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
            intro_block = line.container;
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
pub(super) fn drop_repeated_paragraphs(
    features: &[Features],
    region: &Range<usize>,
    labels: &mut [Label],
) {
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
pub(super) fn is_plain_text(line: &Features) -> bool {
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
pub(super) fn is_story_prose(line: &Features) -> bool {
    line.is_prose()
        && may_extend_over(line)
        && !line
            .cues
            .intersects(CueSet::RELATED_LEAD.union(CueSet::LEGAL))
}

/// Cues that make a list item or a cell furniture, not the article's.
const ITEM_FURNITURE: CueSet = CueSet::NAVIGATION
    .union(CueSet::LEGAL)
    .union(CueSet::RELATED_LEAD)
    .union(CueSet::SECTION_WALL);

fn is_introduced_item(line: &Features) -> bool {
    line.hints.contains(HintSet::LIST_ITEM) && !line.cues.intersects(ITEM_FURNITURE)
}

/// An unlinked item of a list set in the article (HTML `li`) with no cue
/// of furniture, or a cell of a data table set in the article: the
/// article's own list or table, whatever its items' scores.
fn is_list_entry(line: &Features) -> bool {
    let in_cell = line.hints.contains(HintSet::DATA_CELL) && !line.cues.intersects(ITEM_FURNITURE);
    (is_introduced_item(line) || in_cell) && line.link_density() < PLAIN_MAX_LINK_DENSITY
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
pub(super) fn demote(label: Label, replacement: Label) -> Label {
    match label {
        Label::Body | Label::Caption => replacement,
        other => other,
    }
}
