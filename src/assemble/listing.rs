//! The page's main list of records, for a page whose text is not one
//! article: a listing of jobs or products, a shop's grid, a directory, a
//! thread of short posts. Line by line each record reads as a teaser or a
//! menu entry (short, often linked), so no run of lines seeds an article;
//! the markup still says which list is the page's content: many sibling
//! blocks of one [kind](crate::document::Block::kind), holding text the
//! page marks as nothing else.

use super::params::Params;
use super::region::{may_extend_over, without_false_walls, ELSEWHERE};
use super::tree::{descendants, sum_up_tree};
use crate::cues::CueSet;
use crate::document::{Document, HintSet, NO_CONTAINER, NO_KIND};
use crate::features::Features;
use std::collections::HashMap;

/// The lines of the page's main list and the words they hold, if it has
/// one of at least [`Params::listing_min_records`] records holding
/// [`Params::listing_min_words`] words in all.
pub(super) struct Listing {
    pub lines: Vec<usize>,
    pub words: u32,
}

impl Listing {
    /// The words of the listing's lines that are mostly outside links
    /// (see [`may_extend_over`]): a farm of links is no text, however
    /// many words it holds.
    pub fn unlinked_words(&self, features: &[Features]) -> u32 {
        self.lines
            .iter()
            .map(|&index| &features[index])
            .filter(|line| may_extend_over(line))
            .map(|line| line.words)
            .sum()
    }

    /// The listing without its lines from the first comments heading
    /// after line `after` on (a heading repeated under each post is no
    /// such wall; see `region::without_false_walls`).
    pub fn ending_before_comments(mut self, features: &[Features], after: usize) -> Listing {
        let walls = without_false_walls(features);
        let comments =
            (after..walls.len()).find(|&index| walls[index].cues.contains(CueSet::COMMENT_HEADING));
        if let Some(comments) = comments {
            self.lines.retain(|&index| index < comments);
            self.words = self.lines.iter().map(|&index| features[index].words).sum();
        }
        self
    }
}

/// The page's main list: of every set of at least
/// [`Params::listing_min_records`] sibling blocks of one kind that each
/// hold some record text (see [`is_record_text`]), the one holding the
/// most words of it. A list whose records the page marks as comments
/// counts too when it is a thread: the story's own post is one of its
/// records (`story`: the article's body lines so far), or its first
/// record stands right under the page's headline. Then the posts are the
/// page's content, while a blog's comments follow its post. `None` on
/// pages without blocks (text) and when no list holds
/// [`Params::listing_min_words`].
pub(super) fn main_listing(
    document: &Document,
    features: &[Features],
    story: &[bool],
    params: &Params,
) -> Option<Listing> {
    if document.blocks.is_empty() {
        return None;
    }
    let templates = template_lines(document);
    let record_text = |with_comments: bool| -> Vec<bool> {
        features
            .iter()
            .zip(&templates)
            .map(|(line, &template)| !template && is_record_text(line, with_comments))
            .collect()
    };
    let plain = best_list(
        document,
        features,
        &record_text(false),
        story,
        params,
        |_| true,
    );
    let headline = document
        .lines
        .iter()
        .position(|line| line.heading_level == 1);
    let is_thread = |list: &ListStats| {
        list.story_lines > 0
            || headline
                .is_some_and(|at| list.first_line > at && list.first_line - at <= THREAD_HEAD_LINES)
    };
    let thread = best_list(
        document,
        features,
        &record_text(true),
        story,
        params,
        is_thread,
    );
    let best = match (plain, thread) {
        (Some(plain), Some(thread)) if thread.words > plain.words => Some(thread),
        (plain, thread) => plain.or(thread),
    };
    best.filter(|listing| listing.words as f32 >= params.listing_min_words)
}

/// A thread's first post starts at most this many lines below the page's
/// headline (its author and date lines between).
const THREAD_HEAD_LINES: usize = 4;

/// What a list (or one block) holds: record blocks, record words, its
/// first record line, and how many of the story's lines.
#[derive(Debug, Clone, Copy)]
struct ListStats {
    records: u32,
    words: u32,
    first_line: usize,
    story_lines: u32,
}

impl Default for ListStats {
    fn default() -> Self {
        ListStats {
            records: 0,
            words: 0,
            first_line: usize::MAX,
            story_lines: 0,
        }
    }
}

impl ListStats {
    fn add(&mut self, other: &ListStats) {
        self.records += other.records;
        self.words += other.words;
        self.first_line = self.first_line.min(other.first_line);
        self.story_lines += other.story_lines;
    }
}

/// Of the lists of [`Params::listing_min_records`] records or more that
/// `accept` takes, the one with the most words of record text
/// (`is_record`), and its record lines.
fn best_list(
    document: &Document,
    features: &[Features],
    is_record: &[bool],
    story: &[bool],
    params: &Params,
    accept: impl Fn(&ListStats) -> bool,
) -> Option<Listing> {
    let blocks = &document.blocks;
    // Each block's stats, its descendants' included: children have
    // larger numbers than their parents.
    let mut held = vec![ListStats::default(); blocks.len()];
    for (index, line) in features.iter().enumerate() {
        let Some(stats) = held.get_mut(line.container as usize) else {
            continue;
        };
        if is_record[index] {
            stats.words += line.words;
            stats.first_line = stats.first_line.min(index);
        }
        stats.story_lines += u32::from(story.get(index) == Some(&true));
    }
    for index in (0..blocks.len()).rev() {
        let parent = blocks[index].parent as usize;
        if parent < index {
            let child = held[index];
            held[parent].add(&child);
        }
    }
    // Sibling blocks that hold record text, grouped by parent and kind.
    let mut lists: HashMap<(u32, u32), ListStats> = HashMap::new();
    for (index, block) in blocks.iter().enumerate() {
        if block.kind == NO_KIND || block.parent == NO_CONTAINER || held[index].words == 0 {
            continue;
        }
        let list = lists.entry((block.parent, block.kind)).or_default();
        list.add(&ListStats {
            records: 1,
            ..held[index]
        });
    }
    let ((parent, kind), stats) = lists
        .into_iter()
        .filter(|(_, stats)| stats.records as f32 >= params.listing_min_records && accept(stats))
        .max_by_key(|&(key, stats)| (stats.words, std::cmp::Reverse(key)))?;
    let mut inside = vec![false; blocks.len()];
    for (index, block) in blocks.iter().enumerate() {
        let parent_inside = block.parent != NO_CONTAINER
            && (block.parent as usize) < index
            && inside[block.parent as usize];
        inside[index] = (block.parent == parent && block.kind == kind) || parent_inside;
    }
    let lines: Vec<usize> = (0..features.len())
        .filter(|&index| {
            is_record[index] && inside.get(features[index].container as usize) == Some(&true)
        })
        .collect();
    Some(Listing {
        lines,
        words: stats.words,
    })
}

/// The page's main block of text, for a page with neither an article
/// nor a list of records: the block whose lines, its descendants' too,
/// hold the most words of text the page marks as nothing else, less the
/// words of what it marks as navigation, asides or furniture (a
/// Readability-style score over the block tree, so the block that holds
/// the content and not the page's menus wins). Its text lines are the
/// page's content: a catalogue, an index of papers, a product's sheet.
/// A text page, which has no blocks, gives its lines but the short
/// labels. `None` under [`Params::fallback_min_words`].
pub(super) fn main_text_block(
    document: &Document,
    features: &[Features],
    params: &Params,
) -> Option<Listing> {
    main_text_block_outside(document, features, params, ELSEWHERE)
}

/// The page's main block of text, reading what the page marks as
/// comments as text too, up to its first comments heading: for a page
/// whose only running text is marked so. A forum's or a link
/// aggregator's thread gives every post, the opening one too, a
/// "comment" element; a blog's reader comments follow a heading ("12
/// comments", "Leave a reply"), and what the block holds after it stays
/// out. `None` under [`Params::fallback_min_words`].
pub(super) fn thread_text_block(
    document: &Document,
    features: &[Features],
    params: &Params,
) -> Option<Listing> {
    let elsewhere = ELSEWHERE.difference(HintSet::COMMENT_CLASS);
    let block = main_text_block_outside(document, features, params, elsewhere)?
        .ending_before_comments(features, 0);
    (block.words as f32 >= params.fallback_min_words).then_some(block)
}

/// [`main_text_block`], with `elsewhere` the hints that mark a line as
/// no text of the page's own.
fn main_text_block_outside(
    document: &Document,
    features: &[Features],
    params: &Params,
    elsewhere: HintSet,
) -> Option<Listing> {
    let blocks = &document.blocks;
    if blocks.is_empty() {
        return main_text_lines(features, params);
    }
    let templates = template_lines(document);
    let is_text: Vec<bool> = features
        .iter()
        .zip(&templates)
        .map(|(line, &template)| !template && is_page_text_outside(line, elsewhere))
        .collect();
    let mut score = vec![0i64; blocks.len()];
    let mut text_words = vec![0u32; blocks.len()];
    for (index, line) in features.iter().enumerate() {
        let Some(block) = score.get_mut(line.container as usize) else {
            continue;
        };
        if is_text[index] {
            *block += i64::from(line.words);
            text_words[line.container as usize] += line.words;
        } else if line.hints.intersects(elsewhere) {
            *block -= i64::from(line.words);
        }
    }
    sum_up_tree(blocks, &mut score);
    sum_up_tree(blocks, &mut text_words);
    let (best, &best_score) = score
        .iter()
        .enumerate()
        .max_by_key(|&(index, &score)| (score, std::cmp::Reverse(index)))?;
    let words = text_words[best];
    if best_score <= 0 || (words as f32) < params.fallback_min_words {
        return None;
    }
    let inside = descendants(blocks, best);
    let lines: Vec<usize> = (0..features.len())
        .filter(|&index| {
            is_text[index] && inside.get(features[index].container as usize) == Some(&true)
        })
        .collect();
    Some(Listing { lines, words })
}

/// A text page's own text: its lines that are no short label (a menu
/// entry), no wall or legal line, written once. Text pages have no
/// markup to tell a menu block from the content's.
fn main_text_lines(features: &[Features], params: &Params) -> Option<Listing> {
    let lines: Vec<usize> = (0..features.len())
        .filter(|&index| is_page_text(&features[index]) && !features[index].is_label())
        .collect();
    let words: u32 = lines.iter().map(|&index| features[index].words).sum();
    (words as f32 >= params.fallback_min_words).then_some(Listing { lines, words })
}

/// Whether a line is text of the page's own, linked or not: not inside
/// navigation, an aside, furniture, a related box or the comments; no
/// wall heading or legal line; written once on the page.
fn is_page_text(line: &Features) -> bool {
    is_page_text_outside(line, ELSEWHERE)
}

/// [`is_page_text`], with `elsewhere` the hints that put a line outside
/// the page's own text.
fn is_page_text_outside(line: &Features, elsewhere: HintSet) -> bool {
    !line.hints.intersects(elsewhere)
        && !line.cues.intersects(CueSet::SECTION_WALL)
        && !line.cues.contains(CueSet::LEGAL)
        && line.repeat_count == 0
}

/// Which lines are a template every record fills in: a line that, its
/// digits aside, the page writes [`TEMPLATE_MIN_COPIES`] times or more
/// ("4 reviews, average 4.6 out of 5", "Save 20%") is the list's
/// furniture, not a record's text.
fn template_lines(document: &Document) -> Vec<bool> {
    let shapes: Vec<u64> = document
        .lines
        .iter()
        .map(|line| shape_hash(document.line_text(line)))
        .collect();
    let mut copies: HashMap<u64, u32> = HashMap::new();
    for &shape in &shapes {
        *copies.entry(shape).or_default() += 1;
    }
    shapes
        .iter()
        .map(|shape| copies[shape] >= TEMPLATE_MIN_COPIES)
        .collect()
}

/// A line whose text without its digits the page holds this many times
/// is a template filled in by every record.
const TEMPLATE_MIN_COPIES: u32 = 3;

/// A hash of `text` with its digits and case left out.
fn shape_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for c in text.chars().filter(|c| !c.is_ascii_digit()) {
        c.to_lowercase().for_each(|lower| lower.hash(&mut hasher));
    }
    hasher.finish()
}

/// Whether a line is a record's own text: not inside navigation, an
/// aside, furniture, a related box or (unless `with_comments`) the
/// comments; no wall heading or legal line; mostly unlinked; and written
/// once on the page (the "Add to cart" or "Read more" every record
/// repeats is a button).
fn is_record_text(line: &Features, with_comments: bool) -> bool {
    let line = if with_comments {
        Features {
            hints: line.hints.difference(HintSet::COMMENT_CLASS),
            ..*line
        }
    } else {
        *line
    };
    may_extend_over(&line) && !line.cues.contains(CueSet::LEGAL) && line.repeat_count == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Line};

    /// A page of `records` cards of one kind under one list block, each
    /// with a linked title and an unlinked line of `words` words, and a
    /// menu of classless blocks.
    fn listing_page(records: usize, words: u32) -> (Document, Vec<Features>) {
        let mut blocks = vec![
            Block {
                parent: NO_CONTAINER,
                hints: HintSet::default(),
                kind: NO_KIND,
            },
            Block {
                parent: 0,
                hints: HintSet::NAVIGATION,
                kind: 7,
            },
            Block {
                parent: 0,
                hints: HintSet::default(),
                kind: 8,
            },
        ];
        let mut features = vec![Features {
            words: 3,
            container: 1,
            hints: HintSet::NAVIGATION,
            ..Features::default()
        }];
        for record in 0..records {
            blocks.push(Block {
                parent: 2,
                hints: HintSet::default(),
                kind: 9,
            });
            let container = (3 + record) as u32;
            features.push(Features {
                words: 4,
                container,
                ..Features::default()
            });
            features.push(Features {
                words,
                container,
                ..Features::default()
            });
        }
        // Every line's text different, its letters too, not only digits.
        let mut text = String::new();
        let mut lines = Vec::new();
        for (index, line) in features.iter().enumerate() {
            let start = text.len() as u32;
            let letter = char::from(b'a' + (index % 26) as u8);
            text.push_str(&format!("line {letter}{}", "x".repeat(index / 26)));
            lines.push(Line {
                container: line.container,
                start,
                end: text.len() as u32,
                ..Line::default()
            });
            text.push('\n');
        }
        let document = Document {
            blocks,
            lines,
            text,
            ..Document::default()
        };
        (document, features)
    }

    #[test]
    fn the_records_of_the_longest_list_are_the_listing() {
        let (page, features) = listing_page(7, 12);
        let listing = main_listing(&page, &features, &[], &Params::default()).expect("a listing");
        // Every record line; not the menu (line 0).
        assert_eq!(listing.lines, (1..15).collect::<Vec<_>>());
        assert_eq!(listing.words, 7 * 16);
    }

    #[test]
    fn too_few_records_or_words_are_no_listing() {
        let params = Params::default();
        let records = params.listing_min_records as usize;
        let (page, features) = listing_page(records - 1, 40);
        assert!(main_listing(&page, &features, &[], &params).is_none());
        let (page, features) = listing_page(records, 0);
        let too_few_words = 4.0 * records as f32;
        assert!(too_few_words < params.listing_min_words);
        assert!(main_listing(&page, &features, &[], &params).is_none());
    }

    #[test]
    fn a_line_every_record_fills_in_is_no_record_text() {
        let (mut page, features) = listing_page(7, 12);
        // Each record's second line becomes "N reviews, average M".
        let mut text = String::new();
        for (index, line) in page.lines.iter_mut().enumerate() {
            let start = text.len() as u32;
            match index {
                0 => text.push_str("menu"),
                _ if index % 2 == 0 => {
                    text.push_str(&format!("{index} reviews, average {}", index % 5))
                }
                _ => text.push_str(&format!("title {}", char::from(b'a' + index as u8))),
            }
            line.start = start;
            line.end = text.len() as u32;
            text.push('\n');
        }
        page.text = text;
        let listing = main_listing(&page, &features, &[], &Params::default());
        // The titles alone (7 × 4 words) are too few words for a list.
        assert!(listing.is_none());
    }

    #[test]
    fn menus_repeats_and_links_are_not_record_text() {
        let plain = Features {
            words: 5,
            ..Features::default()
        };
        assert!(is_record_text(&plain, false));
        let menu = Features {
            hints: HintSet::NAVIGATION,
            ..plain
        };
        let button = Features {
            repeat_count: 4,
            ..plain
        };
        assert!(!is_record_text(&menu, true) && !is_record_text(&button, false));
        let reply = Features {
            hints: HintSet::COMMENT_CLASS,
            ..plain
        };
        assert!(!is_record_text(&reply, false) && is_record_text(&reply, true));
    }

    #[test]
    fn the_main_block_holds_the_pages_own_text_linked_or_not() {
        // Three records in one block: too few for a list, but text.
        let (mut page, mut features) = listing_page(3, 12);
        for line in features.iter_mut().skip(1).step_by(2) {
            // Each record's title is a link.
            line.link_chars = 20;
            line.chars = 20;
        }
        // The menu is larger than any record yet marked as navigation.
        features[0].words = 30;
        let params = Params::default();
        let block = main_text_block(&page, &features, &params).expect("a main block");
        assert_eq!(block.lines, (1..7).collect::<Vec<_>>());
        assert_eq!(block.words, 3 * 16);
        // A page whose text is all menus has none.
        page.blocks[2].hints = HintSet::NAVIGATION;
        for line in &mut features {
            line.hints = HintSet::NAVIGATION;
        }
        assert!(main_text_block(&page, &features, &params).is_none());
    }

    #[test]
    fn too_little_page_text_is_no_main_block() {
        let params = Params::default();
        let (page, features) = listing_page(1, 10);
        assert!(((4 + 10) as f32) < params.fallback_min_words);
        assert!(main_text_block(&page, &features, &params).is_none());
    }

    #[test]
    fn a_thread_whose_every_post_is_a_comment_is_read_up_to_a_comments_heading() {
        // Four posts, each an author line and a 30-word text, all marked
        // as comments: no text of the page's own.
        let (page, mut features) = listing_page(4, 30);
        for line in features.iter_mut().skip(1) {
            line.hints = HintSet::COMMENT_CLASS;
        }
        let params = Params::default();
        assert!(main_text_block(&page, &features, &params).is_none());
        let thread = thread_text_block(&page, &features, &params).expect("the thread");
        assert_eq!(thread.lines, (1..9).collect::<Vec<_>>());
        assert_eq!(thread.words, 4 * 34);
        // A blog's comments follow a heading: the third "post" heads them.
        features[5].cues = CueSet::COMMENT_HEADING;
        let post = thread_text_block(&page, &features, &params).expect("the post");
        assert_eq!(post.lines, (1..5).collect::<Vec<_>>());
        // Right at the page's top, the heading leaves too little.
        features[5].cues = CueSet::default();
        features[3].cues = CueSet::COMMENT_HEADING;
        assert!(((4 + 30) as f32) < params.fallback_min_words);
        assert!(thread_text_block(&page, &features, &params).is_none());
    }

    #[test]
    fn a_text_pages_own_text_is_its_lines_but_labels_and_repeats() {
        let line = |words: u32, repeat_count: u32| Features {
            words,
            repeat_count,
            container: NO_CONTAINER,
            ..Features::default()
        };
        // A menu entry, two entries of an index, a button written twice.
        let features = [line(2, 0), line(25, 0), line(30, 0), line(8, 1)];
        let page = Document::default();
        let params = Params::default();
        let text = main_text_block(&page, &features, &params).expect("the page's text");
        assert_eq!(text.lines, vec![1, 2]);
        assert_eq!(text.words, 55);
        assert!(main_text_block(&page, &features[..2], &params).is_none());
    }
}
