//! The article region: where on the page the article runs.
//!
//! Each line's gain weighs its body probability against the threshold;
//! the region is the maximum-gain run of lines between section walls
//! (Kadane), runs split only by a short box of links are joined, and of
//! the runs the first that comes close to the best is the article.

use super::labels::{is_plain_text, PLAIN_MAX_LINK_DENSITY};
use super::params::Params;
use crate::article::Label;
use crate::classify::Verdict;
use crate::config::Config;
use crate::cues::CueSet;
use crate::document::{HintSet, NO_CONTAINER};
use crate::features::Features;
use std::borrow::Cow;
use std::ops::Range;

/// Weight of a line's caption probability in its region gain: captions
/// belong inside the article but do not make one.
const CAPTION_GAIN_SHARE: f32 = 0.5;

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
pub(super) const ELSEWHERE: HintSet = HintSet::NAVIGATION
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

/// Whether the region may grow over `line` when the page's markup puts it
/// in the article: not marked as elsewhere, not a wall, not a link list.
pub(super) fn may_extend_over(line: &Features) -> bool {
    may_extend_over_links(line) && line.link_density() < ARTICLE_EXTENSION_MAX_LINK_DENSITY
}

/// [`may_extend_over`] without the link test.
pub(super) fn may_extend_over_links(line: &Features) -> bool {
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
///
/// `lifted` marks the lines the story's block lifted to a gain (empty on
/// the first search); with a `seed`, the run kept is the best one that
/// overlaps it.
pub(super) fn find_region(
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
    let chosen = candidates
        .iter()
        .find(|candidate| candidate.gain >= EARLY_REGION_SHARE * best)?;
    // A run the page marks as elsewhere (the comments, a box of other
    // stories, a list of links) gives way to a run of plain prose.
    // The run's own unmarked stretch, when it carries a fair share of the
    // run's gain (an article the page runs straight into its comments), is
    // one of those runs.
    if is_marked_elsewhere(features, &chosen.lines) {
        let unmarked = best_unmarked_run(features, gains, &chosen.lines)
            .filter(|unmarked| unmarked.gain >= UNMARKED_STRETCH_MIN_SHARE * chosen.gain);
        let plain = candidates
            .iter()
            .chain(unmarked.as_ref())
            .filter(|candidate| is_plain_prose_run(features, &candidate.lines))
            .max_by(|a, b| a.gain.total_cmp(&b.gain));
        if let Some(plain) = plain {
            return Some(plain.lines.clone());
        }
    }
    // A run after a comments heading is the comments: a run of plain
    // prose before the heading is the article they discuss.
    if chosen.follows_comments {
        let plain = candidates
            .iter()
            .take_while(|candidate| candidate.lines.end <= chosen.lines.start)
            .filter(|candidate| !candidate.follows_comments)
            .filter(|candidate| is_plain_prose_run(features, &candidate.lines))
            .max_by(|a, b| a.gain.total_cmp(&b.gain));
        if let Some(plain) = plain {
            return Some(plain.lines.clone());
        }
    }
    Some(chosen.lines.clone())
}

/// Share of a run's words that the page marks as lying elsewhere (see
/// [`ELSEWHERE`]) above which the run is not the article when a plain
/// run of prose is there to take.
const ELSEWHERE_RUN_SHARE: f32 = 0.5;

/// Share of a marked run's gain its best unmarked stretch must carry to
/// stand as a run of its own: a quarter keeps the article a page runs into
/// its comments (half the gain or more on the dev pages) and leaves out
/// a stray unmarked paragraph among marked ones (under a tenth).
const UNMARKED_STRETCH_MIN_SHARE: f32 = 0.25;

/// A plain run has fewer than this share of its words marked elsewhere.
const PLAIN_RUN_MAX_MARKED_SHARE: f32 = 0.2;

/// A plain run has at most this share of its characters in links.
const PLAIN_RUN_MAX_LINK_DENSITY: f32 = 0.1;

/// A plain run holds at least this many words.
const PLAIN_RUN_MIN_WORDS: u32 = 60;

/// The share of `lines`' words that sit in an element marked as lying
/// elsewhere, and the share of their characters that are link text.
fn marked_and_linked(features: &[Features], lines: &Range<usize>) -> (u32, f32, f32) {
    let (mut words, mut marked, mut chars, mut linked) = (0u32, 0u32, 0u32, 0u32);
    for line in &features[lines.clone()] {
        words += line.words;
        chars += line.chars;
        linked += line.link_chars;
        if line.hints.intersects(ELSEWHERE) {
            marked += line.words;
        }
    }
    let share = |part: u32, whole: u32| part as f32 / whole.max(1) as f32;
    (words, share(marked, words), share(linked, chars))
}

/// Whether most of a run's words sit in elements the page marks as
/// lying elsewhere.
fn is_marked_elsewhere(features: &[Features], lines: &Range<usize>) -> bool {
    marked_and_linked(features, lines).1 >= ELSEWHERE_RUN_SHARE
}

/// Whether a run is plain prose: long enough, hardly marked, hardly
/// linked.
fn is_plain_prose_run(features: &[Features], lines: &Range<usize>) -> bool {
    let (words, marked, linked) = marked_and_linked(features, lines);
    words >= PLAIN_RUN_MIN_WORDS
        && marked < PLAIN_RUN_MAX_MARKED_SHARE
        && linked <= PLAIN_RUN_MAX_LINK_DENSITY
}

/// The maximum-gain run (Kadane) within `lines` that crosses no line
/// marked as lying elsewhere.
fn best_unmarked_run(
    features: &[Features],
    gains: &[f32],
    lines: &Range<usize>,
) -> Option<Candidate> {
    let mut best: Option<Candidate> = None;
    let (mut sum, mut start) = (0f32, lines.start);
    for index in lines.clone() {
        if features[index].hints.intersects(ELSEWHERE) {
            sum = 0.0;
            start = index + 1;
            continue;
        }
        if sum <= 0.0 {
            sum = 0.0;
            start = index;
        }
        sum += gains[index];
        if sum > 0.0 && best.as_ref().is_none_or(|best| sum > best.gain) {
            best = Some(Candidate {
                gain: sum,
                lines: start..index + 1,
                follows_comments: false,
            });
        }
    }
    best
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
/// headings. Borrowed when there is none. On pages that show no links
/// (text), where a list of teasers cannot be told from text, only the
/// comment actions repeated under each post lose their wall.
pub(super) fn without_false_walls(features: &[Features]) -> Cow<'_, [Features]> {
    let page_shows_links = features.iter().any(|line| line.link_chars > 0);
    let false_walls: Vec<usize> = (0..features.len())
        .filter(|&index| {
            features[index].cues.intersects(CueSet::SECTION_WALL)
                && if page_shows_links {
                    heads_running_text(features, index)
                } else {
                    is_per_post_action(&features[index])
                }
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

/// A comment heading that recurs this many more times on the page is an
/// action under each post, no wall.
const PER_POST_ACTION_MIN_REPEATS: u32 = 2;

/// Whether a comment heading is an action of each post ("Add a comment"
/// under each answer of a Q&A page) rather than the heading of the
/// page's comments: it recurs. Told by repeats alone, it holds on text
/// pages too.
fn is_per_post_action(line: &Features) -> bool {
    line.cues.contains(CueSet::COMMENT_HEADING) && line.repeat_count >= PER_POST_ACTION_MIN_REPEATS
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
        return is_per_post_action(line);
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
            .filter(|&index| {
                verdicts[index].label == Label::Body || lifted.get(index) == Some(&true)
            })
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
pub(super) fn region_gain(line: &Features, gain: f32, inside_main: bool, params: &Params) -> f32 {
    match (inside_main, gain < 0.0) {
        (true, true) if may_extend_over(line) => {
            params.inside_floor * (1.0 + line.words as f32).sqrt()
        }
        (true, true) => gain * params.inside_cost_share,
        (false, false) => gain * params.outside_gain_share,
        _ => gain,
    }
}

pub(super) fn line_gain(line: &Features, verdict: &Verdict, config: &Config) -> f32 {
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

    /// `count` lines the classifier reads as body.
    fn body_verdicts(count: usize) -> Vec<Verdict> {
        vec![
            Verdict {
                label: Label::Body,
                scores: [0.9, 0.0, 0.1, 0.0],
            };
            count
        ]
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

    #[test]
    fn a_run_the_page_marks_as_elsewhere_gives_way_to_plain_prose() {
        let line = |words: u32, hints: HintSet| Features {
            words,
            chars: 6 * words,
            hints,
            ..Features::default()
        };
        let wall = Features {
            cues: CueSet::COMMENT_HEADING,
            ..line(2, HintSet::default())
        };
        // A 75-word story, a comments heading, then 300 words of comments
        // whose gain dwarfs the story's.
        let mut features = vec![line(25, HintSet::default()); 3];
        features.push(wall);
        features.extend(vec![line(30, HintSet::COMMENT_CLASS); 10]);
        let verdicts = body_verdicts(features.len());
        let mut gains = vec![1.0; features.len()];
        gains[3] = 0.0;
        for gain in &mut gains[4..] {
            *gain = 3.0;
        }
        assert_eq!(
            find_region(&features, &verdicts, &gains, &[], None),
            Some(0..3)
        );
        // Without the story's prose (under 60 words), the comments stand.
        let short = &features[1..];
        assert_eq!(
            find_region(short, &verdicts[1..], &gains[1..], &[], None),
            Some(3..13)
        );
    }

    #[test]
    fn a_story_run_straight_into_its_comments_keeps_the_story() {
        let line = |words: u32, hints: HintSet| Features {
            words,
            chars: 6 * words,
            hints,
            ..Features::default()
        };
        // No wall between them: a 150-word story, then 320 words of
        // comments, which carry most of the run's words and its gain.
        let mut features = vec![line(50, HintSet::default()); 3];
        features.extend(vec![line(40, HintSet::COMMENT_CLASS); 8]);
        let verdicts = body_verdicts(features.len());
        let gains = vec![2.0; features.len()];
        assert_eq!(
            find_region(&features, &verdicts, &gains, &[], None),
            Some(0..3)
        );
        // A stray unmarked paragraph among the marked ones carries too
        // little of the run's gain to stand for it.
        let mut stray = vec![line(40, HintSet::COMMENT_CLASS); 10];
        stray.insert(5, line(70, HintSet::default()));
        let gains = vec![2.0; stray.len()];
        assert_eq!(
            find_region(&stray, &verdicts[..stray.len()], &gains, &[], None),
            Some(0..11)
        );
    }

    #[test]
    fn a_comment_action_under_each_post_is_no_wall() {
        let post = format!("<div class='post'>{PROSE}<p><a href='#c'>Add a comment</a></p></div>");
        let page = format!("<main>{post}{post}{post}</main>");
        assert!(heads_running_text_on(&page, "Add a comment"));
        let once = format!("<main>{PROSE}<h3>Add a comment</h3>{PROSE}{PROSE}{PROSE}</main>");
        assert!(!heads_running_text_on(&once, "Add a comment"));
    }

    #[test]
    fn the_comments_give_way_to_the_prose_before_their_heading() {
        let line = |words: u32| Features {
            words,
            chars: 6 * words,
            ..Features::default()
        };
        let wall = Features {
            cues: CueSet::COMMENT_HEADING,
            ..line(1)
        };
        // A 90-word post, a comments heading, then unmarked comments whose
        // gain dwarfs the post's.
        let mut features = vec![line(30); 3];
        features.push(wall);
        features.extend(vec![line(30); 12]);
        let verdicts = body_verdicts(features.len());
        let mut gains = vec![1.0; features.len()];
        gains[3] = 0.0;
        for gain in &mut gains[4..] {
            *gain = 3.0;
        }
        assert_eq!(
            find_region(&features, &verdicts, &gains, &[], None),
            Some(0..3)
        );
        // Prose after the comments' run is no article they discuss.
        let mut after = features[3..].to_vec();
        after.push(wall_free_gap());
        after.extend(vec![line(30); 3]);
        let mut gains = vec![3.0; after.len()];
        gains[0] = 0.0;
        gains[13] = -100.0;
        for gain in &mut gains[14..] {
            *gain = 1.0;
        }
        let verdicts = body_verdicts(after.len());
        assert_eq!(
            find_region(&after, &verdicts, &gains, &[], None),
            Some(1..13)
        );
    }

    /// A line that splits runs: a related heading, with nothing after it
    /// that reads as running text.
    fn wall_free_gap() -> Features {
        Features {
            cues: CueSet::RELATED_HEADING,
            words: 1,
            chars: 7,
            ..Features::default()
        }
    }

    #[test]
    fn on_a_text_page_only_a_repeated_comment_action_loses_its_wall() {
        let heading = |repeat_count: u32| Features {
            words: 3,
            chars: 13,
            cues: CueSet::COMMENT_HEADING,
            repeat_count,
            ..Features::default()
        };
        let related = Features {
            cues: CueSet::RELATED_HEADING,
            ..heading(0)
        };
        let lines = [heading(2), heading(0), related];
        let lifted = without_false_walls(&lines);
        assert!(!lifted[0].cues.intersects(CueSet::SECTION_WALL));
        assert!(lifted[1].cues.intersects(CueSet::SECTION_WALL));
        assert!(lifted[2].cues.intersects(CueSet::SECTION_WALL));
    }
}
