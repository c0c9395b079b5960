//! `fit_assembler`: fit the assembler's parameters on the development sets
//! and judge them on data they were not fitted on.
//!
//! ```text
//! # Score today's parameters on every set, with held-out figures
//! cargo run --release --example fit_assembler
//! # Sweep a grid: every combination is scored on every page once, then
//! # chosen on some data and judged on the rest
//! cargo run --release --example fit_assembler -- \
//!     --grid inside_cost_share=0,0.1,0.3 --grid outside_gain_share=0.25,0.5,1
//! ```
//!
//! Every set of `--data` (default `../shared/data`) laid out as
//! `<set>/html/<id>.html.gz` with `ground-truth.json` or `ground-truth/`
//! is read once. Each combination of the grid is scored on every page
//! (the body-text shingle metric of `tests/support/eval.rs`). The objective is
//! the mean over sets of each set's corpus F1, so a large set does not
//! drown a small one. Three figures are printed for the chosen parameters:
//!
//! - **in-sample**: chosen and scored on all pages;
//! - **sites held out**: pages grouped by site (the host of the gold URL,
//!   else of the page's canonical URL, else its most linked host) into
//!   five folds; each fold is scored with the combination chosen on the
//!   other four;
//! - **set held out**: each set is scored with the combination chosen on
//!   the other sets.
//!
//! `--body-threshold` and `--param NAME=VALUE` set fixed values;
//! `--sets a,b` restricts the sets; `--pages-out FILE` writes each page's
//! scores under the chosen combination (set, id, site, P, R, F1).

mod support;

use clap::Parser;
#[path = "../tests/support/eval.rs"]
mod eval;

use eval::{CorpusScore, PageScore};
use newsclip::{Config, Extractor};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Folds of the site-grouped cross-validation.
const FOLDS: u64 = 5;

#[derive(Parser)]
#[command(about = "Fit the assembler's parameters with held-out figures")]
struct Args {
    /// Folder of development sets.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Sets to read (default: every set with HTML pages and gold).
    #[arg(long, value_delimiter = ',')]
    sets: Vec<String>,
    /// A parameter and the values to try: `NAME=V1,V2,…` (repeatable).
    /// `body_threshold` is one of the names.
    #[arg(long)]
    grid: Vec<String>,
    /// A fixed parameter value: `NAME=VALUE` (repeatable).
    #[arg(long)]
    param: Vec<String>,
    /// Write per-page scores of the chosen combination to this file.
    #[arg(long)]
    pages_out: Option<PathBuf>,
}

/// One development page, read once.
struct Page {
    set: usize,
    id: String,
    site: String,
    html: Vec<u8>,
    gold: String,
}

/// A combination of parameter values.
type Combination = Vec<(String, f32)>;

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fit_assembler: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let (set_names, pages) = load_sets(&args.data, &args.sets)?;
    eprintln!("{} pages in {} sets", pages.len(), set_names.len());
    let fixed = args
        .param
        .iter()
        .map(|text| parse_assignment(text))
        .collect::<Result<Vec<_>, _>>()?;
    let combinations = grid_combinations(&args.grid)?;
    // scores[combination][page]
    let mut scores: Vec<Vec<PageScore>> = Vec::with_capacity(combinations.len());
    let mut confidences: Vec<Vec<f32>> = Vec::with_capacity(combinations.len());
    for (number, combination) in combinations.iter().enumerate() {
        let config = build_config(&fixed, combination)?;
        let extractor = Extractor::new(config);
        let scored: Vec<(PageScore, f32)> = pages
            .par_iter()
            .map(|page| score_page(&extractor, page))
            .collect();
        scores.push(scored.iter().map(|(score, _)| *score).collect());
        confidences.push(scored.iter().map(|(_, confidence)| *confidence).collect());
        let by_set = set_f1s(&pages, set_names.len(), &scores[number], |_| true);
        eprintln!(
            "{:>4}/{}  {}  mean F1 {:.4}  confidence Brier {:.4}",
            number + 1,
            combinations.len(),
            describe(combination),
            mean(&by_set),
            brier(&scores[number], &confidences[number])
        );
    }
    let all = |_: &Page| true;
    let best = choose(&pages, set_names.len(), &scores, all);
    println!("chosen on all pages: {}", describe(&combinations[best]));
    let in_sample = set_f1s(&pages, set_names.len(), &scores[best], all);
    let folds = held_out_by_site(&pages, set_names.len(), &scores);
    let sets = held_out_by_set(&pages, set_names.len(), &scores);
    println!("\nset                  pages  in-sample  sites-held-out  set-held-out");
    for (set, name) in set_names.iter().enumerate() {
        let count = pages.iter().filter(|page| page.set == set).count();
        println!(
            "{name:<20} {count:>5}  {:>9.4}  {:>14.4}  {:>12.4}",
            in_sample[set], folds[set], sets[set]
        );
    }
    println!(
        "{:<20} {:>5}  {:>9.4}  {:>14.4}  {:>12.4}",
        "mean of sets",
        pages.len(),
        mean(&in_sample),
        mean(&folds),
        mean(&sets)
    );
    print_reliability(&scores[best], &confidences[best]);
    if let Some(path) = &args.pages_out {
        write_pages(path, &pages, &set_names, &scores[best], &confidences[best])?;
    }
    Ok(())
}

/// The page's score and the article's confidence (0 without an article).
fn score_page(extractor: &Extractor, page: &Page) -> (PageScore, f32) {
    let (predicted, confidence) = extractor
        .extract_html(&page.html)
        .map(|article| (article.text(), article.confidence))
        .unwrap_or_default();
    (PageScore::compare(&predicted, &page.gold), confidence)
}

/// Corpus F1 of each set over the pages `keep` selects.
fn set_f1s(
    pages: &[Page],
    set_count: usize,
    scores: &[PageScore],
    keep: impl Fn(&Page) -> bool,
) -> Vec<f64> {
    let mut by_set: Vec<Vec<PageScore>> = vec![Vec::new(); set_count];
    for (page, score) in pages.iter().zip(scores) {
        if keep(page) {
            by_set[page.set].push(*score);
        }
    }
    by_set
        .iter()
        .map(|set| CorpusScore::from_pages(set).f1)
        .collect()
}

/// The combination with the best mean set F1 over the pages `keep`
/// selects (sets without such pages left out of the mean).
fn choose(
    pages: &[Page],
    set_count: usize,
    scores: &[Vec<PageScore>],
    keep: impl Fn(&Page) -> bool + Copy,
) -> usize {
    let present: Vec<bool> = (0..set_count)
        .map(|set| pages.iter().any(|page| page.set == set && keep(page)))
        .collect();
    let objective = |number: usize| {
        let f1s = set_f1s(pages, set_count, &scores[number], keep);
        let kept: Vec<f64> = f1s
            .iter()
            .zip(&present)
            .filter(|(_, &present)| present)
            .map(|(f1, _)| *f1)
            .collect();
        mean(&kept)
    };
    (0..scores.len())
        .max_by(|&a, &b| objective(a).total_cmp(&objective(b)).then(b.cmp(&a)))
        .unwrap_or(0)
}

/// Each set's F1 when every site fold is scored with the combination
/// chosen on the other folds (the pages of one site never on both sides).
fn held_out_by_site(pages: &[Page], set_count: usize, scores: &[Vec<PageScore>]) -> Vec<f64> {
    let fold = |page: &Page| {
        let mut hasher = DefaultHasher::new();
        page.site.hash(&mut hasher);
        hasher.finish() % FOLDS
    };
    let mut held_out = vec![PageScore::default(); pages.len()];
    for number in 0..FOLDS {
        let best = choose(pages, set_count, scores, |page| fold(page) != number);
        for (index, page) in pages.iter().enumerate() {
            if fold(page) == number {
                held_out[index] = scores[best][index];
            }
        }
    }
    set_f1s(pages, set_count, &held_out, |_| true)
}

/// Each set's F1 under the combination chosen on the other sets.
fn held_out_by_set(pages: &[Page], set_count: usize, scores: &[Vec<PageScore>]) -> Vec<f64> {
    (0..set_count)
        .map(|set| {
            let best = choose(pages, set_count, scores, |page| page.set != set);
            set_f1s(pages, set_count, &scores[best], |_| true)[set]
        })
        .collect()
}

fn build_config(fixed: &[(String, f32)], combination: &[(String, f32)]) -> Result<Config, String> {
    let mut config = Config::default();
    for (name, value) in fixed.iter().chain(combination) {
        config = if name == "body_threshold" {
            config.with_body_threshold(*value)
        } else {
            config
                .with_assembler_parameter(name, *value)
                .ok_or_else(|| {
                    format!(
                        "no parameter {name:?}; the assembler has body_threshold, {}",
                        Config::assembler_parameter_names().join(", ")
                    )
                })?
        };
    }
    Ok(config)
}

/// Every combination of the `NAME=V1,V2,…` grids (one empty combination
/// without a grid).
fn grid_combinations(grids: &[String]) -> Result<Vec<Combination>, String> {
    let mut combinations: Vec<Combination> = vec![Vec::new()];
    for grid in grids {
        let (name, values) = grid
            .split_once('=')
            .ok_or_else(|| format!("--grid {grid:?}: expected NAME=V1,V2,…"))?;
        let values = values
            .split(',')
            .map(|value| parse_value(name, value))
            .collect::<Result<Vec<f32>, String>>()?;
        combinations = combinations
            .into_iter()
            .flat_map(|combination| {
                values.iter().map(move |&value| {
                    let mut next = combination.clone();
                    next.push((name.to_owned(), value));
                    next
                })
            })
            .collect();
    }
    Ok(combinations)
}

fn parse_assignment(text: &str) -> Result<(String, f32), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("--param {text:?}: expected NAME=VALUE"))?;
    Ok((name.to_owned(), parse_value(name, value)?))
}

fn parse_value(name: &str, value: &str) -> Result<f32, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{name}: {value:?} is not a number"))
}

fn describe(combination: &[(String, f32)]) -> String {
    if combination.is_empty() {
        return "defaults".to_owned();
    }
    let mut text = String::new();
    for (name, value) in combination {
        let _ = write!(text, "{name}={value} ");
    }
    text.trim_end().to_owned()
}

/// Mean squared difference between each article's confidence and its
/// page F1, over pages that gave an article: how well the confidence is
/// calibrated (0 is perfect).
fn brier(scores: &[PageScore], confidences: &[f32]) -> f64 {
    let errors: Vec<f64> = scores
        .iter()
        .zip(confidences)
        .filter(|(_, &confidence)| confidence > 0.0)
        .map(|(score, &confidence)| (f64::from(confidence) - score.f1()).powi(2))
        .collect();
    mean(&errors)
}

/// Mean page F1 of the pages in each band of confidence.
fn print_reliability(scores: &[PageScore], confidences: &[f32]) {
    const BANDS: [f32; 7] = [0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01];
    println!(
        "\nconfidence  pages  mean F1   (Brier {:.4})",
        brier(scores, confidences)
    );
    for band in BANDS.windows(2) {
        let f1s: Vec<f64> = scores
            .iter()
            .zip(confidences)
            .filter(|(_, &confidence)| confidence > band[0].max(1e-9) && confidence < band[1])
            .map(|(score, _)| score.f1())
            .collect();
        if f1s.is_empty() {
            continue;
        }
        println!(
            "{:.1}–{:.1}  {:>7}  {:.3}",
            band[0],
            band[1].min(1.0),
            f1s.len(),
            mean(&f1s)
        );
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

fn write_pages(
    path: &Path,
    pages: &[Page],
    set_names: &[String],
    scores: &[PageScore],
    confidences: &[f32],
) -> Result<(), String> {
    let mut text = String::from("set\tid\tsite\tprecision\trecall\tf1\tconfidence\n");
    for ((page, score), confidence) in pages.iter().zip(scores).zip(confidences) {
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{confidence:.3}",
            set_names[page.set],
            page.id,
            page.site,
            score.precision(),
            score.recall(),
            score.f1()
        );
    }
    std::fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

/// Reads every set under `data` (or those named), in name order.
fn load_sets(data: &Path, wanted: &[String]) -> Result<(Vec<String>, Vec<Page>), String> {
    let entries =
        std::fs::read_dir(data).map_err(|error| format!("{}: {error}", data.display()))?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|entry| entry.path().join("html").is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| wanted.is_empty() || wanted.contains(name))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no set with an html/ folder in {}", data.display()));
    }
    let mut pages = Vec::new();
    for (set, name) in names.iter().enumerate() {
        let dir = data.join(name);
        let gold = support::gold::load_gold(&dir)?;
        let loaded: Vec<Page> = gold
            .into_par_iter()
            .filter_map(|(id, (gold, url))| {
                let path = dir.join("html").join(format!("{id}.html.gz"));
                let html = support::read_page(&path, newsclip::DEFAULT_MAX_INPUT_BYTES).ok()?;
                let site = url
                    .as_deref()
                    .and_then(host)
                    .map(str::to_owned)
                    .unwrap_or_else(|| page_site(&html, &id));
                Some(Page {
                    set,
                    id,
                    site,
                    html,
                    gold,
                })
            })
            .collect();
        pages.extend(loaded);
    }
    Ok((names, pages))
}

/// The site of a page whose set gives no URL: the host of its canonical
/// or `og:url` link, else the host its absolute links name most often
/// (a site links to itself), else the page's own id (a site of its own).
fn page_site(html: &[u8], id: &str) -> String {
    let text = String::from_utf8_lossy(html);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for piece in text.split("href=").skip(1) {
        let value = piece.trim_start_matches(['"', '\'']);
        if let Some(host) = host(value) {
            *counts.entry(host).or_default() += 1;
        }
    }
    for marker in ["rel=\"canonical\"", "og:url"] {
        if let Some(at) = text.find(marker) {
            let bytes = &text.as_bytes()[at.saturating_sub(200)..(at + 300).min(text.len())];
            let window = String::from_utf8_lossy(bytes);
            if let Some(host) = window.split(['"', '\'']).find_map(host) {
                return host.to_owned();
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(host, _)| host.to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// The host of an absolute `http(s)` URL, without `www.`.
fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest
        .find(['/', ':', '?', '#', '"', '\'', ' ', '>'])
        .unwrap_or(rest.len());
    let host = rest[..end].trim_start_matches("www.");
    (!host.is_empty()).then_some(host)
}
