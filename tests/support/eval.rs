//! The body-text metric of article-extraction benchmarks, for scoring an
//! extractor against gold text.
//!
//! Both texts are tokenised with the Unicode regex `\w+`; each becomes the
//! multiset of its 4-token shingles (a text of one to three tokens is one
//! shingle; an empty text has none). True positives are the shingles both
//! share (counted with multiplicity), false positives the excess predicted,
//! false negatives the excess gold. A corpus score averages page precision
//! over pages that predicted something and page recall over pages with
//! gold text ([`CorpusScore`]).
//!
//! A tool of the repository's own tests and examples (`evaluate`,
//! `fit_assembler`), each including this file with `#[path]`: not part of
//! the library, whose users score with their own metric.

#![allow(dead_code)] // Each includer uses its own part.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Tokens per shingle.
pub const SHINGLE_TOKENS: usize = 4;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// Shingle counts of one page: predicted text against gold text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageScore {
    /// Shingles in both texts.
    pub true_positives: usize,
    /// Predicted shingles beyond the gold's.
    pub false_positives: usize,
    /// Gold shingles the prediction missed.
    pub false_negatives: usize,
}

impl PageScore {
    /// Compares `predicted` text with `gold` text.
    pub fn compare(predicted: &str, gold: &str) -> PageScore {
        let predicted = shingles(predicted);
        let mut gold = shingles(gold);
        let mut score = PageScore::default();
        for (shingle, count) in predicted {
            let gold_count = gold.remove(&shingle).unwrap_or(0);
            let shared = count.min(gold_count);
            score.true_positives += shared;
            score.false_positives += count - shared;
            score.false_negatives += gold_count - shared;
        }
        score.false_negatives += gold.values().sum::<usize>();
        score
    }

    /// 1 when the texts agree exactly, 0 when nothing predicted is right.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.false_positives,
            self.false_negatives,
        )
    }

    /// 1 when the texts agree exactly, 0 when nothing of the gold was found.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.false_negatives,
            self.false_positives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }
}

fn ratio(hits: usize, misses: usize, other_misses: usize) -> f64 {
    if misses == 0 && other_misses == 0 {
        1.0
    } else if hits + misses == 0 {
        0.0
    } else {
        hits as f64 / (hits + misses) as f64
    }
}

fn harmonic_mean(a: f64, b: f64) -> f64 {
    if a + b == 0.0 {
        0.0
    } else {
        2.0 * a * b / (a + b)
    }
}

/// Corpus precision, recall and F1 over many pages.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CorpusScore {
    /// Mean page precision over pages that predicted any shingle.
    pub precision: f64,
    /// Mean page recall over pages with any gold shingle.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl CorpusScore {
    /// Averages page scores as the benchmark defines.
    pub fn from_pages(pages: &[PageScore]) -> CorpusScore {
        let precision = mean(
            pages
                .iter()
                .filter(|page| page.true_positives + page.false_positives > 0)
                .map(PageScore::precision),
        );
        let recall = mean(
            pages
                .iter()
                .filter(|page| page.true_positives + page.false_negatives > 0)
                .map(PageScore::recall),
        );
        CorpusScore {
            precision,
            recall,
            f1: harmonic_mean(precision, recall),
        }
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, count) = values.fold((0.0, 0usize), |(sum, count), value| {
        (sum + value, count + 1)
    });
    if count == 0 {
        0.0
    } else {
        sum / count as f64
    }
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = WORD.find_iter(text).map(|token| token.as_str()).collect();
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < SHINGLE_TOKENS {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(SHINGLE_TOKENS) {
        *counts.entry(window.to_vec()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_shingles_count_with_the_excess_gold() {
        let page = PageScore::compare("the cat sat on the mat", "the cat sat on the mat today");
        assert_eq!(page.true_positives, 3);
        assert_eq!(page.false_negatives, 1);
        assert!((page.f1() - 6.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn corpus_precision_skips_pages_that_predicted_nothing() {
        let pages = [
            PageScore::compare("a b c d", "a b c d"),
            PageScore::compare("", "e f g h"),
        ];
        let corpus = CorpusScore::from_pages(&pages);
        assert_eq!(corpus.precision, 1.0);
        assert_eq!(corpus.recall, 0.5);
    }

    #[test]
    fn identical_texts_score_one() {
        let page = PageScore::compare("Hôm nay trời đẹp quá", "Hôm nay trời đẹp quá");
        assert_eq!(page.f1(), 1.0);
    }

    #[test]
    fn empty_prediction_scores_zero_recall() {
        let page = PageScore::compare("", "one two three four five");
        assert_eq!(page.recall(), 0.0);
        assert_eq!(page.precision(), 0.0);
        assert_eq!(page.false_negatives, 2);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let page = PageScore::compare("a b", "a b");
        assert_eq!(page.true_positives, 1);
        let different = PageScore::compare("a b", "a c");
        assert_eq!(different.true_positives, 0);
    }

    #[test]
    fn both_empty_is_perfect() {
        let page = PageScore::compare("", "");
        assert_eq!((page.precision(), page.recall()), (1.0, 1.0));
    }
}
