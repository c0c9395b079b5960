//! `evaluate`: score newsclip on a benchmark with the body-text metric of
//! `tests/support/eval.rs`.
//!
//! ```text
//! cargo run --release --example evaluate -- --gold ../shared/data/scrapinghub \
//!     --pages ../shared/data/text-dumps/scrapinghub
//! cargo run --release --example evaluate -- --gold ../shared/data/wcxb-articles-dev \
//!     --pages ../shared/data/text-dumps/wcxb-articles-dev --worst 20
//! ```
//!
//! Without `--pages` the benchmark's own HTML pages (`html/<id>.html.gz`)
//! are extracted; with it, the pages in that folder (text dumps such as
//! `text-dumps/scrapinghub`, or HTML).
//!
//! `--gold` is a benchmark folder laid out like `scrapinghub`
//! (`ground-truth.json`: id → `{articleBody}`) or like `wcxb-articles-dev`
//! (`ground-truth/<id>.json` with `ground_truth.main_content`). `--pages`
//! is the folder of pages named `<id>.<ext>`. Prints F1, precision, recall,
//! the share of pages extracted without error and the worst pages.

mod support;

use clap::Parser;
#[path = "../tests/support/eval.rs"]
mod eval;

use eval::{CorpusScore, PageScore};
use newsclip::{Config, Extractor};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Score newsclip on a benchmark folder")]
struct Args {
    /// Benchmark folder with the gold text.
    #[arg(long)]
    gold: PathBuf,
    /// Folder of pages named `<id>.<ext>` (default: the benchmark's `html/`).
    #[arg(long)]
    pages: Option<PathBuf>,
    /// How many of the worst pages to list.
    #[arg(long, default_value_t = 10)]
    worst: usize,
    /// Override the body threshold (see `Config::body_threshold`).
    #[arg(long)]
    body_threshold: Option<f32>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let gold = match load_gold(&args.gold) {
        Ok(gold) => gold,
        Err(error) => {
            eprintln!("evaluate: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut config = Config::default();
    if let Some(threshold) = args.body_threshold {
        config = config.with_body_threshold(threshold);
    }
    let extractor = Extractor::new(config);
    let pages_dir = args.pages.clone().unwrap_or_else(|| args.gold.join("html"));
    let mut pages = Vec::new();
    let mut failures = 0;
    for (id, gold_text) in &gold {
        let predicted = match extract_page(&extractor, &pages_dir, id) {
            Ok(text) => text,
            Err(error) => {
                failures += 1;
                eprintln!("evaluate: {id}: {error}");
                String::new()
            }
        };
        pages.push((id.as_str(), PageScore::compare(&predicted, gold_text)));
    }
    report(&pages, failures, args.worst);
    ExitCode::SUCCESS
}

fn report(pages: &[(&str, PageScore)], failures: usize, worst: usize) {
    let scores: Vec<PageScore> = pages.iter().map(|(_, score)| *score).collect();
    let corpus = CorpusScore::from_pages(&scores);
    let extracted = 1.0 - failures as f64 / pages.len().max(1) as f64;
    println!("pages      {}", pages.len());
    println!("F1         {:.4}", corpus.f1);
    println!("precision  {:.4}", corpus.precision);
    println!("recall     {:.4}", corpus.recall);
    println!("extracted  {extracted:.4} (pages without error)");
    let mut ranked: Vec<&(&str, PageScore)> = pages.iter().collect();
    ranked.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()).then(a.0.cmp(b.0)));
    if worst > 0 {
        println!("\nworst pages: id  P  R  F1");
    }
    for (id, score) in ranked.iter().take(worst) {
        println!(
            "{id}  {:.3}  {:.3}  {:.3}",
            score.precision(),
            score.recall(),
            score.f1()
        );
    }
}

fn extract_page(extractor: &Extractor, dir: &Path, id: &str) -> Result<String, String> {
    let path = find_page(dir, id).ok_or_else(|| format!("no page file for {id}"))?;
    let bytes = support::read_page(&path, newsclip::DEFAULT_MAX_INPUT_BYTES)?;
    let name = path.to_string_lossy();
    let article = if name.contains(".htm") {
        extractor.extract_html(&bytes)
    } else {
        extractor.extract_text_bytes(&bytes)
    };
    Ok(article.map_err(|error| error.to_string())?.text())
}

fn find_page(dir: &Path, id: &str) -> Option<PathBuf> {
    ["txt", "text", "html", "html.gz", "htm"]
        .iter()
        .map(|ext| dir.join(format!("{id}.{ext}")))
        .find(|path| path.is_file())
}

/// Gold text by page id (see [`support::gold`]).
fn load_gold(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    Ok(support::gold::load_gold(dir)?
        .into_iter()
        .map(|(id, (text, _url))| (id, text))
        .collect())
}
