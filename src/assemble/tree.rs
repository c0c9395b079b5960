//! The tree score: which block of the page holds the story.
//!
//! Every line's evidence (its region gain, see [`super::gains`]) is summed
//! into the block it sits in and propagated up the block tree, so a
//! block's score is the net evidence of all the lines below it: body
//! lines add, furniture subtracts. The block with the highest score, its
//! own hints weighed in (an `article`, an article-content class), is the
//! main container. A wrapper around the story and its sidebar scores
//! lower than the story's own block (the sidebar costs it), while an
//! article split over two sibling blocks lifts their common parent above
//! either. Readability scores the tree the same way, with hand-set
//! weights per tag; here the weights are the classifier's. When the
//! page's `<article>` or `<main>` around that block holds much more of
//! the page's evidence than the block itself, the story was one section
//! of the content (a service page, a product and its details), and the
//! element is the story's block.

use super::params::Params;
use crate::document::{Block, Document, HintSet, NO_CONTAINER, NO_KIND};
use std::ops::Range;

/// The main container and which blocks lie inside it.
#[derive(Debug, Clone, Default)]
pub(super) struct MainBlock {
    /// The chosen block, if the page has blocks and one scores above 0.
    pub block: Option<u32>,
    /// For every block: it is the main block or lies inside it.
    inside: Vec<bool>,
}

impl MainBlock {
    /// Whether a line sitting in `container` lies in the main block.
    /// `false` on pages without blocks (text).
    pub fn contains(&self, container: u32) -> bool {
        self.inside
            .get(container as usize)
            .copied()
            .unwrap_or(false)
    }
}

/// The story's block: the deepest block that holds at least
/// [`Params::story_share`] of the positive gain of the `seed` region's
/// lines (`gains`, one per line), widened to the records of its list
/// (see `records_around`, which weighs lines by `record_gains`). `None`
/// on pages without blocks.
pub(super) fn story_block(
    document: &Document,
    gains: &[f32],
    record_gains: &[f32],
    seed: &Range<usize>,
    params: &Params,
) -> MainBlock {
    let blocks = &document.blocks;
    if blocks.is_empty() {
        return MainBlock::default();
    }
    let mut scores = vec![0f32; blocks.len()];
    let mut total = 0f32;
    for index in seed.clone() {
        let gain = gains[index].max(0.0);
        if let Some(score) = scores.get_mut(document.lines[index].container as usize) {
            *score += gain;
            total += gain;
        }
    }
    if total <= 0.0 {
        return MainBlock::default();
    }
    // Every score carried up to the root; then one pass from the first
    // block (parents come first) gives each block its depth.
    sum_up_tree(blocks, &mut scores);
    let mut depth = vec![0u32; blocks.len()];
    for index in 0..blocks.len() {
        let parent = blocks[index].parent as usize;
        if parent < index {
            depth[index] = depth[parent] + 1;
        }
    }
    let wanted = params.story_share * total;
    let Some(best) = (0..blocks.len())
        .filter(|&index| scores[index] >= wanted)
        .max_by_key(|&index| (depth[index], std::cmp::Reverse(index)))
    else {
        return MainBlock::default();
    };
    // The page's own `<article>` or `<main>` around it, when that holds
    // much more of the page's evidence than the seed's block: the story
    // was one section of the page's content.
    let best = lifted_to_main(document, gains, best, scores[best], params);
    let records = records_around(document, record_gains, best, params);
    let mut inside = vec![false; blocks.len()];
    for &record in &records {
        inside[record] = true;
    }
    let first = records.iter().copied().min().unwrap_or(best);
    for index in first + 1..blocks.len() {
        let parent = blocks[index].parent;
        inside[index] |= parent != NO_CONTAINER && inside.get(parent as usize) == Some(&true);
    }
    MainBlock {
        block: Some(best as u32),
        inside,
    }
}

/// The story's block `best`, or the nearest `<article>` or `<main>`
/// element above it when the lines inside that element hold at least
/// [`Params::main_lift_ratio`] times the positive gain the seed region
/// put in `best` (`best_gain`). A page made of sections (a service
/// page's features, a shop's product and its details, a forum's
/// question and answers) seeds on one of them; the page's markup says
/// the content is the element around them all. An article's own block
/// holds nearly all the evidence of its `<main>` and stays.
fn lifted_to_main(
    document: &Document,
    gains: &[f32],
    best: usize,
    best_gain: f32,
    params: &Params,
) -> usize {
    if params.main_lift_ratio <= 0.0 {
        return best;
    }
    let blocks = &document.blocks;
    let mut ancestor = blocks[best].parent;
    while ancestor != NO_CONTAINER && !blocks[ancestor as usize].hints.contains(HintSet::ARTICLE) {
        ancestor = blocks[ancestor as usize].parent;
    }
    let Some(ancestor) = (ancestor != NO_CONTAINER).then_some(ancestor as usize) else {
        return best;
    };
    let inside = descendants(blocks, ancestor);
    let held: f32 = document
        .lines
        .iter()
        .zip(gains)
        .filter(|(line, _)| inside.get(line.container as usize) == Some(&true))
        .map(|(_, &gain)| gain.max(0.0))
        .sum();
    if held >= params.main_lift_ratio * best_gain {
        ancestor
    } else {
        best
    }
}

/// Adds every block's value into its parent's, so that each block holds
/// the sum over itself and all its descendants. Children have larger
/// numbers than their parents: one pass from the last block to the first
/// carries every value up to the root.
pub(super) fn sum_up_tree<T: Copy + std::ops::AddAssign>(blocks: &[Block], values: &mut [T]) {
    for index in (0..blocks.len()).rev() {
        let parent = blocks[index].parent as usize;
        if parent < index {
            let child = values[index];
            values[parent] += child;
        }
    }
}

/// For every block: it is `root` or lies inside it.
pub(super) fn descendants(blocks: &[Block], root: usize) -> Vec<bool> {
    let mut inside = vec![false; blocks.len()];
    inside[root] = true;
    for index in root + 1..blocks.len() {
        let parent = blocks[index].parent as usize;
        inside[index] = parent < index && inside[parent];
    }
    inside
}

/// The story's block, or, when one of its closest ancestors (up to
/// [`Params::record_lift`] levels above it, itself included) is one of
/// several sibling blocks of one [kind](crate::document::Block::kind)
/// that each hold prose in a block of the story's own kind, every such
/// sibling: the posts of a thread, the answers under a question, the
/// entries of a listing. Line by line each record reads as a short
/// article; the page's markup says they are one list. Asking that each
/// record hold a block like the story's keeps out siblings that only
/// share a layout class (the rows of a grid: the story in one, the
/// comments or teasers in the next). `gains` count only the lines whose
/// text the page holds once: posts differ, while a block repeated word
/// for word (a carousel's clones, a page's body printed twice) is a copy,
/// not another post.
fn records_around(document: &Document, gains: &[f32], best: usize, params: &Params) -> Vec<usize> {
    let blocks = &document.blocks;
    let mut prose = vec![0f32; blocks.len()];
    for (line, &gain) in document.lines.iter().zip(gains) {
        if let Some(sum) = prose.get_mut(line.container as usize) {
            *sum += gain.max(0.0);
        }
    }
    sum_up_tree(blocks, &mut prose);
    // Blocks holding (or being) a block of the story's kind with prose.
    let story_kind = blocks[best].kind;
    let mut holds_story_like = vec![false; blocks.len()];
    for index in (0..blocks.len()).rev() {
        if blocks[index].kind == story_kind && prose[index] >= params.record_min_gain {
            holds_story_like[index] = true;
        }
        let parent = blocks[index].parent as usize;
        if holds_story_like[index] && parent < index {
            holds_story_like[parent] = true;
        }
    }
    let mut candidate = best;
    for _ in 0..=params.record_lift as usize {
        let block = blocks[candidate];
        if block.parent == NO_CONTAINER {
            break;
        }
        if block.kind != NO_KIND {
            let records: Vec<usize> = (0..blocks.len())
                .filter(|&index| {
                    blocks[index].parent == block.parent
                        && blocks[index].kind == block.kind
                        && holds_story_like[index]
                })
                .collect();
            if records.len() as f32 >= params.record_min_count && records.contains(&candidate) {
                return story_like_blocks(document, &records, &holds_story_like, best, params);
            }
        }
        candidate = block.parent as usize;
    }
    vec![best]
}

/// The blocks of `records` the story is: each record whole when
/// [`Params::record_whole`] is set, else only the blocks of the story's
/// own kind inside them (a post's text, not its author box and buttons),
/// and the story's block.
fn story_like_blocks(
    document: &Document,
    records: &[usize],
    holds_story_like: &[bool],
    best: usize,
    params: &Params,
) -> Vec<usize> {
    if params.record_whole > 0.5 {
        return records.to_vec();
    }
    let blocks = &document.blocks;
    let story_kind = blocks[best].kind;
    let mut in_record = vec![false; blocks.len()];
    let mut chosen = vec![best];
    for index in 0..blocks.len() {
        let parent = blocks[index].parent as usize;
        in_record[index] = records.contains(&index) || (parent < index && in_record[parent]);
        let outer_chosen = parent < index && chosen.contains(&parent);
        if in_record[index]
            && index != best
            && !outer_chosen
            && blocks[index].kind == story_kind
            && holds_story_like[index]
        {
            chosen.push(index);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, HintSet, Line};

    fn document(parents: &[u32], line_blocks: &[u32]) -> Document {
        with_kinds(
            document_of(parents, line_blocks),
            &vec![NO_KIND; parents.len()],
        )
    }

    fn with_kinds(mut page: Document, kinds: &[u32]) -> Document {
        for (block, &kind) in page.blocks.iter_mut().zip(kinds) {
            block.kind = kind;
        }
        page
    }

    fn document_of(parents: &[u32], line_blocks: &[u32]) -> Document {
        Document {
            blocks: parents
                .iter()
                .map(|&parent| Block {
                    parent,
                    hints: HintSet::default(),
                    kind: NO_KIND,
                })
                .collect(),
            lines: line_blocks
                .iter()
                .map(|&container| Line {
                    container,
                    ..Line::default()
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn the_story_block_is_the_deepest_that_holds_most_of_the_seed() {
        // body(0) > wrapper(1) > story(2) > quote(3); sidebar(4) under 1
        let page = document(&[NO_CONTAINER, 0, 1, 2, 1], &[2, 2, 3, 2, 4]);
        let gains = [3.0, 4.0, 1.0, 2.0, 1.0];
        let main = story_block(&page, &gains, &gains, &(0..5), &Params::default());
        // The story holds 10 of 11; the quote alone 1.
        assert_eq!(main.block, Some(2));
        assert!(main.contains(2) && main.contains(3) && !main.contains(4) && !main.contains(1));
    }

    #[test]
    fn a_story_split_over_two_blocks_gives_their_parent() {
        // body(0) > story(1) > part(2), part(3); nav(4) under body
        let page = document(&[NO_CONTAINER, 0, 1, 1, 0], &[4, 2, 2, 3, 3]);
        let main = story_block(
            &page,
            &[-1.0, 3.0, 3.0, 3.0, 3.0],
            &[-1.0, 3.0, 3.0, 3.0, 3.0],
            &(0..5),
            &Params::default(),
        );
        assert_eq!(main.block, Some(1));
        assert!(main.contains(2) && main.contains(3) && !main.contains(4));
    }

    #[test]
    fn pages_without_blocks_or_evidence_have_no_story_block() {
        let text_page = document(&[], &[NO_CONTAINER, NO_CONTAINER]);
        let gains = [1.0, 1.0];
        assert_eq!(
            story_block(&text_page, &gains, &gains, &(0..2), &Params::default()).block,
            None
        );
        let menu = document(&[NO_CONTAINER], &[0, 0]);
        assert_eq!(
            story_block(
                &menu,
                &[-1.0, -1.0],
                &[-1.0, -1.0],
                &(0..2),
                &Params::default()
            )
            .block,
            None
        );
    }

    /// Records are looked for with a list's own settings, since the
    /// default table may leave them off.
    fn record_params() -> Params {
        Params {
            record_min_gain: 3.0,
            record_lift: 10.0,
            record_min_count: 3.0,
            ..Params::default()
        }
    }

    #[test]
    fn the_posts_of_a_thread_are_one_list() {
        // thread(0) > post(1, 3, 5, kind 7) > text(2, 4, 6, kind 8); the
        // first post's text holds the seed.
        let kinds = [NO_KIND, 7, 8, 7, 8, 7, 8];
        let page = with_kinds(
            document_of(&[NO_CONTAINER, 0, 1, 0, 3, 0, 5], &[2, 2, 4, 6]),
            &kinds,
        );
        let gains = [4.0, 4.0, 5.0, 3.5];
        let main = story_block(&page, &gains, &gains, &(0..2), &record_params());
        assert_eq!(main.block, Some(2));
        assert!((1..7).all(|block| main.contains(block)), "{main:?}");
        assert!(!main.contains(0));
        // Posts repeated word for word (no line the page holds once) are
        // copies, not a thread.
        let copies = story_block(&page, &gains, &[0.0; 4], &(0..2), &record_params());
        assert!(copies.contains(2) && !copies.contains(3), "{copies:?}");
        // Two posts are not yet a list of three.
        let two = with_kinds(document_of(&[NO_CONTAINER, 0, 1, 0, 3], &[2, 2, 4]), &kinds);
        let main = story_block(&two, &gains, &gains, &(0..2), &record_params());
        assert!(main.contains(2) && !main.contains(3));
    }

    #[test]
    fn rows_of_a_grid_are_not_records_of_the_story() {
        // page(0) > row(1, 3, 5, kind 7): the story's text (2, kind 8) in
        // the first, comment lists (4, 6, kind 9) in the others.
        let kinds = [NO_KIND, 7, 8, 7, 9, 7, 9];
        let page = with_kinds(
            document_of(&[NO_CONTAINER, 0, 1, 0, 3, 0, 5], &[2, 2, 4, 6]),
            &kinds,
        );
        let main = story_block(
            &page,
            &[4.0, 4.0, 5.0, 5.0],
            &[4.0, 4.0, 5.0, 5.0],
            &(0..2),
            &record_params(),
        );
        assert_eq!(main.block, Some(2));
        assert!(main.contains(2) && !main.contains(1) && !main.contains(4));
    }

    #[test]
    fn a_story_that_is_one_section_of_the_main_element_gives_the_main() {
        // body(0) > main(1) > section(2), section(3), section(4); nav(5)
        let mut page = document(&[NO_CONTAINER, 0, 1, 1, 1, 0], &[5, 2, 2, 3, 4]);
        page.blocks[1].hints = HintSet::ARTICLE;
        let gains = [-1.0, 3.0, 3.0, 2.0, 2.0];
        // The seed is the first section; its siblings hold 4 more.
        let main = story_block(&page, &gains, &gains, &(1..3), &Params::default());
        assert_eq!(main.block, Some(1));
        assert!(main.contains(3) && main.contains(4) && !main.contains(5));
        // A story holding nearly all of its main's evidence stays.
        let gains = [-1.0, 3.0, 3.0, 0.5, 0.5];
        let main = story_block(&page, &gains, &gains, &(1..3), &Params::default());
        assert_eq!(main.block, Some(2));
        // Without an article or main element around it, nothing lifts.
        page.blocks[1].hints = HintSet::default();
        let gains = [-1.0, 3.0, 3.0, 2.0, 2.0];
        let main = story_block(&page, &gains, &gains, &(1..3), &Params::default());
        assert_eq!(main.block, Some(2));
    }
}
