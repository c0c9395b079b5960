//! The line classifier, the hot path: [`Features`] in, four class scores out.
//!
//! A line becomes a fixed vector of [`FEATURE_COUNT`] numbers
//! ([`feature_vector`]) and each class's score is a weighted sum of them;
//! a softmax turns the four sums into probabilities. The weights are a
//! plain table ([`WEIGHTS`]) anyone can read, tune or refit. The function
//! is pure and allocates nothing. On the hot path the vector is never
//! built: the weights of its non-zero features are added in its order
//! ([`logits_of`]), which gives the same sums to the bit.

use crate::article::Label;
use crate::cues::CueSet;
use crate::document::HintSet;
use crate::features::Features;
use std::sync::LazyLock;

/// The quantities the classifier weighs, in vector order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
enum Feature {
    Bias,
    /// `ln(1 + words)`.
    LogWords,
    /// One to three words.
    Tiny,
    /// Four or five words.
    Short,
    /// Six to twenty words.
    Medium,
    /// More than twenty words.
    Long,
    SentenceEnd,
    /// Inner punctuation marks per word.
    PunctuationDensity,
    /// Digits per character.
    DigitDensity,
    /// Separator tokens (`|`, `•`, `›`) per word, capped at 1.
    SeparatorDensity,
    /// Share of cased words that are capitalised.
    CapitalizedDensity,
    StartsLowercase,
    Position,
    Repeated,
    SelfRepeat,
    RelatedHeading,
    RelatedLead,
    NavigationCue,
    LegalCue,
    CaptionCue,
    BylineCue,
    SourceCue,
    DateCue,
    LinkDensity,
    NeighbourProseDensity,
    NeighbourLabelDensity,
    /// HTML: a heading element.
    Heading,
    /// HTML: inside nav, header or footer.
    InNavigation,
    /// HTML: inside aside.
    InAside,
    /// HTML: inside figcaption (or figure).
    InFigcaption,
    /// HTML: inside article or main, or a class naming article content.
    InArticle,
    /// HTML: inside a list item.
    InListItem,
    /// HTML: an ancestor's class names furniture.
    FurnitureClass,
    /// HTML: an ancestor's class names other stories.
    RelatedClass,
    /// HTML: an ancestor's class names comments.
    CommentClass,
    /// HTML: an ancestor's class names a caption or credit.
    CaptionClass,
}

/// Length of the feature vector.
pub const FEATURE_COUNT: usize = Feature::CaptionClass as usize + 1;

/// The four scores of one line and the label they give.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Verdict {
    /// The label with the highest score.
    pub label: Label,
    /// Probabilities in [`Label::ALL`] order; they sum to 1.
    pub scores: [f32; 4],
}

/// One weight per feature for each class, in [`Label::ALL`] order.
type Weights = [[f32; FEATURE_COUNT]; 4];

/// Hand-set weights. Columns follow [`Feature`]; rows are body, caption,
/// navigation, related. Positive weights pull a line towards the class.
#[rustfmt::skip]
const WEIGHTS: Weights = [
    //  bias  lnW   tiny  short  med  long  send  punc  digit  sep   caps  lower  pos  rep   self  rHead rLead nav   legal capt  byl   src   date  link  nProse nLabel  head  nav   aside figc  art   li    furn  rel   comm  capc
    [  -2.0,   0.9,  -1.5,  -0.5,   0.6,   1.2,   2.0,   0.8,  -2.0,  -3.0,  -0.8,   0.0,  -0.3,  -1.2,  -3.0,  -5.0,  -3.0,  -4.0,  -4.0,  -1.5,  -3.0,  -3.0,  -3.0,  -4.0,   1.2,  -1.0,   0.5,  -3.0,  -2.0,  -3.0,   1.0,  -0.3,  -2.0,  -2.5,  -3.0,  -2.0], // body
    [  -3.5,  0.3,  0.0,  0.2,  0.4,  0.2,  0.3,  0.0,  0.0,  1.0,  0.0,  0.0,  0.0,  0.5,  0.0, -3.0, -2.0, -2.0, -2.0,  5.5, -1.0, -1.0, -1.0, -1.0,  0.5,  -0.5,  -1.0,  -1.0,  -0.5,   5.0,   0.0,   0.0,  -0.5,  -0.5,  -1.0,   3.0], // caption
    [   0.4, -0.3,  1.2,  0.6, -0.5, -1.5, -0.8, -0.3,  1.5,  1.5,  0.6,  0.3,  0.0,  0.6,  0.0,  0.0, -1.0,  4.0,  4.0, -1.0,  4.0,  4.0,  4.0,  2.0, -0.8,   1.0,   0.0,   3.0,   0.5,   0.0,  -0.5,   0.3,   2.0,   0.0,   2.5,   0.0], // navigation
    [  -0.6,   0.2,  -0.5,   0.3,   0.8,  -0.5,  -1.0,   0.0,   0.0,   1.0,   0.5,   0.3,   0.3,   0.8,   4.0,   6.0,   5.0,  -1.0,  -1.0,  -1.0,  -1.0,  -1.0,  -1.0,   2.0,  -0.8,   0.3,   0.5,   0.0,   1.5,   0.0,  -0.5,   0.5,   0.0,   3.0,   0.0,   0.0], // related
];

/// Scores one line. Pure: reads only `features`.
pub(crate) fn classify(features: &Features) -> Verdict {
    let scores = softmax(logits_of(features));
    Verdict {
        label: Label::ALL[argmax(&scores)],
        scores,
    }
}

/// [`WEIGHTS`] by feature: the four classes' weights of each feature side
/// by side, so that the four sums advance together (one vector operation
/// per feature instead of four scalar ones).
const WEIGHTS_BY_FEATURE: [[f32; 4]; FEATURE_COUNT] = transpose(&WEIGHTS);

const fn transpose(weights: &Weights) -> [[f32; 4]; FEATURE_COUNT] {
    let mut columns = [[0f32; 4]; FEATURE_COUNT];
    let mut feature = 0;
    while feature < FEATURE_COUNT {
        let mut class = 0;
        while class < 4 {
            columns[feature][class] = weights[class][feature];
            class += 1;
        }
        feature += 1;
    }
    columns
}

/// Each class's weighted sum for one feature vector. Each sum adds its
/// terms in feature order, as a row-by-row sum would: the scores are the
/// same to the bit.
pub(crate) fn logits(vector: &[f32; FEATURE_COUNT]) -> [f32; 4] {
    let mut sums = [0f32; 4];
    for (feature, &value) in vector.iter().enumerate() {
        add_weighted(&mut sums, feature, value);
    }
    sums
}

/// Adds feature `feature`'s weights, times `value`, to the four sums.
fn add_weighted(sums: &mut [f32; 4], feature: usize, value: f32) {
    for (sum, weight) in sums.iter_mut().zip(&WEIGHTS_BY_FEATURE[feature]) {
        *sum += weight * value;
    }
}

/// [`logits`] of the line's vector without building it: the weights of
/// each feature [`visit_features`] visits, added in feature order. The
/// features it leaves out are zero, and a term left out adds zero, so the
/// sums are [`logits`]' to the bit (a test checks it). The terms visited
/// are added whatever their value: a zero term adds a signed zero, which
/// leaves a sum unchanged (the bias makes every sum non-zero before the
/// first such term), and testing each value for zero was a branch
/// mispredicted every line.
fn logits_of(features: &Features) -> [f32; 4] {
    let mut sums = [0f32; 4];
    visit_features(features, |feature, value| {
        add_weighted(&mut sums, feature as usize, value);
    });
    sums
}

/// Turns measurements into the classifier's vector, each scaled to about
/// the unit range so that weights are comparable.
pub(crate) fn feature_vector(features: &Features) -> [f32; FEATURE_COUNT] {
    let mut vector = [0f32; FEATURE_COUNT];
    visit_features(features, |feature, value| vector[feature as usize] = value);
    vector
}

/// The cues the classifier has a feature for.
const CLASSIFIED_CUES: CueSet = CueSet::RELATED_HEADING
    .union(CueSet::RELATED_LEAD)
    .union(CueSet::NAVIGATION)
    .union(CueSet::LEGAL)
    .union(CueSet::CAPTION)
    .union(CueSet::BYLINE)
    .union(CueSet::SOURCE)
    .union(CueSet::DATE);

/// Hands `set` every feature of the line with its value, in vector order:
/// the one definition of the vector, for [`feature_vector`] and
/// [`logits_of`]. Features known to be zero may be left out: the vector
/// starts at zero, and a zero term is not added to the sums.
fn visit_features(features: &Features, mut set: impl FnMut(Feature, f32)) {
    let words = features.words;
    let per_word = |count: u32| count as f32 / words.max(1) as f32;
    let flag = |on: bool| f32::from(u8::from(on));
    let cue = |cue: CueSet| flag(features.cues.contains(cue));
    set(Feature::Bias, 1.0);
    set(Feature::LogWords, log_words(words));
    // One of the four length flags is set; the other three are zero,
    // which the vector already holds and the sums would skip.
    let length = match words {
        0..=3 => Feature::Tiny,
        4..=5 => Feature::Short,
        6..=20 => Feature::Medium,
        _ => Feature::Long,
    };
    set(length, 1.0);
    set(Feature::SentenceEnd, flag(features.sentence_end));
    set(
        Feature::PunctuationDensity,
        per_word(features.punctuation_chars).min(1.0),
    );
    set(
        Feature::DigitDensity,
        features.digit_chars as f32 / features.chars.max(1) as f32,
    );
    set(
        Feature::SeparatorDensity,
        per_word(features.separator_count).min(1.0),
    );
    set(
        Feature::CapitalizedDensity,
        features.capitalized_words as f32 / features.cased_words.max(1) as f32,
    );
    set(Feature::StartsLowercase, flag(features.starts_lowercase));
    set(Feature::Position, features.position);
    set(Feature::Repeated, flag(features.repeat_count > 0));
    set(Feature::SelfRepeat, flag(features.is_self_repeat));
    // Most lines carry no cue: the eight cue features are then zero.
    if features.cues.intersects(CLASSIFIED_CUES) {
        set(Feature::RelatedHeading, cue(CueSet::RELATED_HEADING));
        set(Feature::RelatedLead, cue(CueSet::RELATED_LEAD));
        set(Feature::NavigationCue, cue(CueSet::NAVIGATION));
        set(Feature::LegalCue, cue(CueSet::LEGAL));
        set(Feature::CaptionCue, cue(CueSet::CAPTION));
        set(Feature::BylineCue, cue(CueSet::BYLINE));
        set(Feature::SourceCue, cue(CueSet::SOURCE));
        set(Feature::DateCue, cue(CueSet::DATE));
    }
    // The markup features of a line without links, heading or hints
    // (every line of a text page) are all zero: not visiting them leaves
    // the vector and the sums as they are.
    let has_markup =
        features.link_chars > 0 || features.heading_level > 0 || !features.hints.is_empty();
    if has_markup {
        set(Feature::LinkDensity, features.link_density());
    }
    set(
        Feature::NeighbourProseDensity,
        features.neighbour_prose_density,
    );
    set(
        Feature::NeighbourLabelDensity,
        features.neighbour_label_density,
    );
    if !has_markup {
        return;
    }
    let hint = |hints: HintSet| flag(features.hints.intersects(hints));
    set(Feature::Heading, flag(features.heading_level > 0));
    set(Feature::InNavigation, hint(HintSet::NAVIGATION));
    set(Feature::InAside, hint(HintSet::ASIDE));
    set(
        Feature::InFigcaption,
        hint(HintSet::FIGCAPTION.union(HintSet::FIGURE)),
    );
    set(
        Feature::InArticle,
        hint(HintSet::ARTICLE.union(HintSet::ARTICLE_CLASS)),
    );
    set(Feature::InListItem, hint(HintSet::LIST_ITEM));
    set(Feature::FurnitureClass, hint(HintSet::FURNITURE_CLASS));
    set(Feature::RelatedClass, hint(HintSet::RELATED_CLASS));
    set(Feature::CommentClass, hint(HintSet::COMMENT_CLASS));
    set(Feature::CaptionClass, hint(HintSet::CAPTION_CLASS));
}

/// `ln(1 + words) / 3`, from a table for the word counts of most lines
/// (the same values: the table is filled by the same expression).
fn log_words(words: u32) -> f32 {
    static TABLE: LazyLock<[f32; 256]> =
        LazyLock::new(|| std::array::from_fn(|words| log_words_uncached(words as u32)));
    match TABLE.get(words as usize) {
        Some(&value) => value,
        None => log_words_uncached(words),
    }
}

fn log_words_uncached(words: u32) -> f32 {
    (1.0 + words as f32).ln() / 3.0
}

fn softmax(logits: [f32; 4]) -> [f32; 4] {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    // The largest term is e^0, exactly 1: one `exp` call fewer a line.
    let exps = logits.map(|logit| {
        if logit == max {
            1.0
        } else {
            (logit - max).exp()
        }
    });
    let sum: f32 = exps.iter().sum();
    exps.map(|value| value / sum)
}

fn argmax(scores: &[f32; 4]) -> usize {
    let mut best = 0;
    for (index, score) in scores.iter().enumerate() {
        if *score > scores[best] {
            best = index;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::compute_features;
    use crate::segment::text::segment_text;

    fn labels(page: &str) -> Vec<Label> {
        let document = segment_text(page);
        compute_features(&document)
            .iter()
            .map(|f| classify(f).label)
            .collect()
    }

    #[test]
    fn the_shortcuts_give_the_same_numbers_to_the_bit() {
        for words in 0..1000 {
            assert_eq!(
                log_words(words).to_bits(),
                log_words_uncached(words).to_bits()
            );
        }
        for logits in [[0.5, -1.0, 2.25, 2.25], [-3.0, -7.5, -0.1, -2.0], [0.0; 4]] {
            let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let exps = logits.map(|logit| (logit - max).exp());
            let sum: f32 = exps.iter().sum();
            let plain = exps.map(|value| value / sum);
            assert_eq!(softmax(logits).map(f32::to_bits), plain.map(f32::to_bits));
        }
    }
    #[test]
    fn sums_by_feature_are_the_row_sums_to_the_bit() {
        let mut vector = [0f32; FEATURE_COUNT];
        for seed in 0..50u32 {
            for (index, value) in vector.iter_mut().enumerate() {
                *value = ((seed * 31 + index as u32 * 17) % 23) as f32 / 7.0 - 1.0;
            }
            vector[Feature::Bias as usize] = 1.0;
            let row_sums = WEIGHTS.map(|row| row.iter().zip(&vector).map(|(w, x)| w * x).sum());
            assert_eq!(
                logits(&vector).map(f32::to_bits),
                row_sums.map(f32::to_bits)
            );
        }
    }

    #[test]
    fn sparse_sums_are_those_of_the_vector_to_the_bit() {
        let page = "Home | World | Sport\nStorm closes ports\nBy Jane Doe, 5 May 2024\n\
                    A storm closed the country's two largest ports on Monday, halting shipments.\n\
                    Photo: Reuters\nRelated articles\nPorts reopen after strike\n© 2024 Acme";
        let features = compute_features(&segment_text(page));
        for line in &features {
            let expected = logits(&feature_vector(line)).map(f32::to_bits);
            assert_eq!(logits_of(line).map(f32::to_bits), expected);
        }
    }

    /// A plain line, and whether `line` (that line changed) has another
    /// vector.
    fn plain_line() -> (Features, impl Fn(&Features) -> bool) {
        let base = compute_features(&segment_text("Storm closes ports"))[0];
        let plain = feature_vector(&base);
        (base, move |line: &Features| feature_vector(line) != plain)
    }

    #[test]
    fn every_cue_and_length_reaches_the_vector() {
        // Cue features are visited only on lines with a classified cue:
        // each cue alone must show in the vector exactly when a feature
        // reads it.
        let (base, changes_vector) = plain_line();
        let cues = [
            CueSet::RELATED_HEADING,
            CueSet::RELATED_LEAD,
            CueSet::NAVIGATION,
            CueSet::LEGAL,
            CueSet::CAPTION,
            CueSet::BYLINE,
            CueSet::SOURCE,
            CueSet::DATE,
            CueSet::COMMENT_HEADING,
        ];
        for cue in cues {
            let changed = changes_vector(&Features { cues: cue, ..base });
            // Every cue but the comment heading is a feature.
            assert_eq!(changed, cue != CueSet::COMMENT_HEADING, "{cue:?}");
        }
        // One length flag, the right one, whatever the word count.
        for words in 0..40 {
            let vector = feature_vector(&Features { words, ..base });
            let lengths = [
                Feature::Tiny,
                Feature::Short,
                Feature::Medium,
                Feature::Long,
            ]
            .map(|feature| vector[feature as usize]);
            let expected = [
                words <= 3,
                (4..=5).contains(&words),
                (6..=20).contains(&words),
                words > 20,
            ]
            .map(|on| if on { 1.0 } else { 0.0 });
            assert_eq!(lengths, expected, "{words}");
        }
    }

    #[test]
    fn every_piece_of_markup_reaches_the_vector() {
        // Markup features are visited only on lines with markup: each
        // piece alone must show in the vector, or the test of "has
        // markup" missed it.
        let (base, changes_vector) = plain_line();
        let mut lines = vec![
            Features {
                link_chars: 5,
                ..base
            },
            Features {
                heading_level: 2,
                ..base
            },
        ];
        lines.extend((0..16).map(|bit| Features {
            hints: HintSet::from_bit(bit),
            ..base
        }));
        let read_hints = HintSet::NAVIGATION
            .union(HintSet::ASIDE)
            .union(HintSet::FIGCAPTION)
            .union(HintSet::FIGURE)
            .union(HintSet::ARTICLE)
            .union(HintSet::ARTICLE_CLASS)
            .union(HintSet::LIST_ITEM)
            .union(HintSet::FURNITURE_CLASS)
            .union(HintSet::RELATED_CLASS)
            .union(HintSet::COMMENT_CLASS)
            .union(HintSet::CAPTION_CLASS);
        for line in lines {
            let read = line.hints.is_empty() || line.hints.intersects(read_hints);
            assert_eq!(changes_vector(&line), read, "{line:?}");
        }
    }

    #[test]
    fn scores_are_probabilities() {
        let document = segment_text("Share\n");
        let verdict = classify(&compute_features(&document)[0]);
        let sum: f32 = verdict.scores.iter().sum();
        assert!((sum - 1.0).abs() < 1e-5);
    }

    #[test]
    fn prose_is_body_and_widgets_are_navigation() {
        let page = "Home\nShare\nThe storm reached the coast on Monday night, flooding streets and cutting power to thousands of homes.\nOfficials said schools would stay closed until Wednesday while crews cleared fallen trees and debris.\nRelated articles\n";
        let got = labels(page);
        assert_eq!(got[0], Label::Navigation);
        assert_eq!(got[1], Label::Navigation);
        assert_eq!(got[2], Label::Body);
        assert_eq!(got[3], Label::Body);
        assert_eq!(got[4], Label::Related);
    }

    #[test]
    fn credits_are_captions() {
        let page = "The storm reached the coast on Monday night, flooding streets and cutting power to thousands.\nRescue teams in the harbour. Photo: Reuters\n";
        assert_eq!(labels(page)[1], Label::Caption);
    }
}
