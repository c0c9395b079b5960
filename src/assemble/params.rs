//! The assembler's fitted parameters, in one table.
//!
//! Each value was chosen by `examples/fit_assembler.rs` on the six HTML
//! development sets (about 4,400 pages from some 3,000 sites) and judged on
//! data it was not chosen on: folds grouped by site, and whole sets left
//! out (`benches/README.md` has the figures). Re-run that example to refit
//! them. Nothing here is keyed to a site or a page.

/// The assembler's parameters (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params {
    /// Share of the first region's positive gain that the story's block
    /// must hold (see [`super::tree::story_block`]). Swept 0.6, 0.9, 0.97:
    /// 0.9 best on every held-out split.
    pub story_share: f32,
    /// Least gain per √(1 + words) of a line inside the story's block that
    /// the page marks as nothing else (no furniture landmark, not a wall,
    /// mostly unlinked): the block's own short lines, lists and dates
    /// belong to it, whatever they score line by line. Swept 0, 0.02, 0.1.
    pub inside_floor: f32,
    /// Share of its negative gain that any other line inside the story's
    /// block costs the region: a share bar or a box of links set into the
    /// story should not cut it in two, while a long stretch of furniture
    /// still does. Swept 0, 0.1, 0.3, 1.
    pub inside_cost_share: f32,
    /// Share of its positive gain that a line outside the story's block
    /// adds to the region: text beside the story (a kicker, a promo, an
    /// author's bio, comments) is not the story. Swept 0, 0.5, 1.
    pub outside_gain_share: f32,
    /// Least running text, in words, that a page with no confident
    /// article region must hold for its best block to be returned (see
    /// `fallback_article`). Swept 40, 100, 250 and never.
    pub fallback_min_words: f32,
    /// The gain of kept body lines at which the confidence reaches
    /// 1 − 1/e of its ceiling (see `confidence`). The scale, the ceiling
    /// and the fallback share were swept for the least squared error
    /// between an article's confidence and its page F1 (the Brier score
    /// `fit_assembler` prints).
    pub confidence_scale: f32,
    /// The confidence of the surest articles: even they score about this
    /// F1 on average.
    pub confidence_ceiling: f32,
    /// The share of that confidence a fallback article is given.
    pub fallback_confidence_share: f32,
    /// Least positive gain a record of the story's list must hold in a
    /// block of the story's own kind (see `tree::records_around`): about
    /// one line of prose. Swept 1, 3, 6 and never (off: 0.8904 mean F1;
    /// 1: 0.8910 in-sample, 0.8910 sites held out, 0.8908 sets held out).
    pub record_min_gain: f32,
    /// How many levels above the story's block a list of records is
    /// looked for: a post's text sits deep inside the post's own box
    /// (seven levels in a common forum's markup). Swept 0, 1, 3, 6, 10,
    /// 30: 10 and 30 the same.
    pub record_lift: f32,
    /// Least number of records (the story's block among them) that make
    /// a list. Swept 2, 3.
    pub record_min_count: f32,
    /// Whether a record is the story whole (1) or only its blocks of the
    /// story's own kind (0).
    pub record_whole: f32,
    /// Least number of sibling records that make a page's main list (see
    /// `listing::main_listing`).
    pub listing_min_records: f32,
    /// Least words of record text the main list must hold to be
    /// returned.
    pub listing_min_words: f32,
    /// An article of fewer body words than this may give way to the
    /// page's main list: a listing's intro, a teaser mistaken for a
    /// story. Set to 0, the list is never taken.
    pub listing_weak_words: f32,
    /// How many times the article's body words the list must hold to
    /// replace it.
    pub listing_ratio: f32,
    /// Whether the article's own body lines stay beside the list.
    pub listing_keep_story: f32,
    /// An article of fewer body words than this, none of them under the
    /// page's headline, gives way to the short post under the headline
    /// (see `build::headline_post`): a sidebar's bio is no post. Set to 0,
    /// it never does. Swept 0, 30, 60, 100, 150: 0 gives 0.8964 mean F1,
    /// 30 0.8970 in-sample and 0.8968 with sites or sets held out, 150
    /// 0.8955.
    pub post_switch_words: f32,
    /// The story's block is lifted to the nearest `<article>` or `<main>`
    /// around it when that element's lines hold at least this many times
    /// the positive gain the seed put in the story's block (see
    /// `tree::lifted_to_main`): a
    /// service page's or a shop's sections, each a short run, are one
    /// content. Set to 0, never. Swept 0, 1.25, 2, 3, 4, 6: 0.8987, 0.9001,
    /// 0.8994, 0.8991, 0.8990, 0.8989 mean F1; 1.25 with sites held out
    /// 0.9001, with sets left out 0.8989 (WCXB's other page types left
    /// out pick 3).
    pub main_lift_ratio: f32,
    /// An article whose body words are fewer than the page's main block's
    /// words (see `listing::main_text_block`) divided by this is a sliver
    /// of the page's text (a notice, a caption, one line of a listing): it
    /// gives way to the block's text when the block also holds
    /// [`Params::main_block_prose_ratio`] times its words, and at least
    /// [`Params::listing_min_words`], in lines mostly outside links. Set
    /// to 0, it never does. Swept 0, 5, 7, 10 (with the prose ratio 1, 2,
    /// 3): 0.9012 mean F1 off; 0.9036 at 5 and 3, 0.9033 at 7 and 3,
    /// 0.9028 at 10 and 3; the grid's choice scores 0.9030 with sites held
    /// out, 0.9029 with sets left out. 7 is kept: 5 gains WCXB's other
    /// page types 0.0038 but costs Dragnet 0.0004 and L3S-GN1 0.0022.
    pub main_block_ratio: f32,
    /// How many times the article's body words the main block must hold
    /// in lines mostly outside links for [`Params::main_block_ratio`] to
    /// apply: a block of menus and link lists is no text a reader wanted.
    pub main_block_prose_ratio: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            story_share: 0.9,
            inside_floor: 0.02,
            inside_cost_share: 0.1,
            outside_gain_share: 0.0,
            fallback_min_words: 40.0,
            confidence_scale: 5.0,
            confidence_ceiling: 0.9,
            fallback_confidence_share: 0.5,
            record_min_gain: 1.0,
            record_lift: 10.0,
            record_min_count: 3.0,
            record_whole: 1.0,
            listing_min_records: 5.0,
            listing_min_words: 100.0,
            listing_weak_words: 300.0,
            listing_ratio: 4.0,
            listing_keep_story: 1.0,
            post_switch_words: 30.0,
            main_lift_ratio: 1.25,
            main_block_ratio: 7.0,
            main_block_prose_ratio: 3.0,
        }
    }
}

impl Params {
    /// The parameters' names, as [`Params::set`] takes them.
    pub const NAMES: [&'static str; 21] = [
        "confidence_ceiling",
        "story_share",
        "inside_floor",
        "inside_cost_share",
        "outside_gain_share",
        "fallback_min_words",
        "confidence_scale",
        "fallback_confidence_share",
        "record_min_gain",
        "record_lift",
        "record_min_count",
        "record_whole",
        "listing_min_records",
        "listing_min_words",
        "listing_weak_words",
        "listing_ratio",
        "listing_keep_story",
        "post_switch_words",
        "main_lift_ratio",
        "main_block_ratio",
        "main_block_prose_ratio",
    ];

    /// Sets the parameter called `name`; `false` when there is none.
    pub fn set(&mut self, name: &str, value: f32) -> bool {
        let slot = match name {
            "story_share" => &mut self.story_share,
            "inside_floor" => &mut self.inside_floor,
            "inside_cost_share" => &mut self.inside_cost_share,
            "outside_gain_share" => &mut self.outside_gain_share,
            "fallback_min_words" => &mut self.fallback_min_words,
            "confidence_scale" => &mut self.confidence_scale,
            "confidence_ceiling" => &mut self.confidence_ceiling,
            "fallback_confidence_share" => &mut self.fallback_confidence_share,
            "record_min_gain" => &mut self.record_min_gain,
            "record_lift" => &mut self.record_lift,
            "record_min_count" => &mut self.record_min_count,
            "record_whole" => &mut self.record_whole,
            "listing_min_records" => &mut self.listing_min_records,
            "listing_min_words" => &mut self.listing_min_words,
            "listing_weak_words" => &mut self.listing_weak_words,
            "listing_ratio" => &mut self.listing_ratio,
            "listing_keep_story" => &mut self.listing_keep_story,
            "post_switch_words" => &mut self.post_switch_words,
            "main_lift_ratio" => &mut self.main_lift_ratio,
            "main_block_ratio" => &mut self.main_block_ratio,
            "main_block_prose_ratio" => &mut self.main_block_prose_ratio,
            _ => return false,
        };
        *slot = value;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_sets_its_own_parameter() {
        for (position, name) in Params::NAMES.iter().enumerate() {
            let mut params = Params::default();
            assert!(params.set(name, 100.0 + position as f32), "{name}");
            assert_ne!(params, Params::default(), "{name}");
        }
        assert!(!Params::default().set("no such parameter", 1.0));
    }
}
