//! `fit_weights`: refit the body row of the classifier's weight table
//! (`WEIGHTS` in `src/classify.rs`) on the shared development data.
//!
//! ```text
//! cargo run --release --example fit_weights -- ../shared/data
//! ```
//!
//! Training lines come from two sources:
//! - the labelled seed pages (`seeds/*.txt` + `*.labels`): a line is body
//!   or not as its gold label says;
//! - the text dumps of both benchmarks (`text-dumps/<set>/<id>.txt`) with
//!   their gold article text: a line is body when its words appear in the
//!   gold text (a line of under five words must match a whole gold line,
//!   since short strings turn up in any text by chance).
//!
//! The body row is fitted by logistic regression (Adam, L2) with the other
//! three rows held as they are, so the softmax over four classes keeps its
//! meaning; the caption, navigation and related rows stay hand-set, because
//! only the five seed pages tell those classes apart. The fitted row is
//! printed in the table's layout, to be pasted over the old one.

use newsclip::training::{line_vectors, FEATURE_COUNT};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

/// Weight of a seed line against a text-dump line: the seeds are few but
/// labelled by hand.
const SEED_WEIGHT: f32 = 4.0;
/// Lines shorter than this (in tokens) must match a whole gold line.
const SHORT_LINE_TOKENS: usize = 5;
/// L2 penalty on the weights.
const L2: f32 = 1e-4;
const EPOCHS: usize = 400;
const LEARNING_RATE: f32 = 0.05;

/// One training line: features, the fixed rows' sums, target, weight.
struct Example {
    vector: [f32; FEATURE_COUNT],
    other_logits: [f32; 3],
    is_body: bool,
    weight: f32,
}

fn main() -> ExitCode {
    let Some(data) = std::env::args().nth(1) else {
        eprintln!("usage: fit_weights DATA_DIR (the folder with seeds/ and text-dumps/)");
        return ExitCode::FAILURE;
    };
    let data = Path::new(&data);
    let mut examples = Vec::new();
    load_seeds(&data.join("seeds"), &mut examples);
    let seed_count = examples.len();
    load_dumps(data, &mut examples);
    eprintln!(
        "{seed_count} seed lines, {} text-dump lines",
        examples.len() - seed_count
    );
    if examples.is_empty() {
        eprintln!("fit_weights: no training lines under {}", data.display());
        return ExitCode::FAILURE;
    }
    let row = fit_body_row(&examples);
    let cells: Vec<String> = row.iter().map(|w| format!("{w:5.2}")).collect();
    println!("    [{}], // body", cells.join(", "));
    ExitCode::SUCCESS
}

fn load_seeds(dir: &Path, examples: &mut Vec<Example>) {
    for path in sorted_files(dir, "txt") {
        let (Ok(text), Ok(labels)) = (
            std::fs::read_to_string(&path),
            std::fs::read_to_string(path.with_extension("labels")),
        ) else {
            continue;
        };
        let gold: Vec<&str> = labels
            .lines()
            .map(|row| row.split('\t').next().unwrap_or(""))
            .collect();
        for (line, vector, logits) in line_vectors(&text) {
            let Some(label) = gold.get(line as usize - 1) else {
                continue;
            };
            examples.push(example(vector, logits, *label == "body", SEED_WEIGHT));
        }
    }
}

fn load_dumps(data: &Path, examples: &mut Vec<Example>) {
    let scrapinghub = data.join("scrapinghub/ground-truth.json");
    if let Some(Value::Object(entries)) = read_json(&scrapinghub) {
        for (id, entry) in entries {
            let gold = entry["articleBody"].as_str().unwrap_or_default();
            load_dump(
                &data.join(format!("text-dumps/scrapinghub/{id}.txt")),
                gold,
                examples,
            );
        }
    }
    for path in sorted_files(&data.join("wcxb-articles-dev/ground-truth"), "json") {
        let Some(page) = read_json(&path) else {
            continue;
        };
        let gold = page["ground_truth"]["main_content"]
            .as_str()
            .unwrap_or_default();
        let id = path.file_stem().unwrap_or_default().to_string_lossy();
        load_dump(
            &data.join(format!("text-dumps/wcxb-articles-dev/{id}.txt")),
            gold,
            examples,
        );
    }
}

fn load_dump(path: &Path, gold: &str, examples: &mut Vec<Example>) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let gold_tokens = tokens(gold).join(" ");
    let gold_lines: HashSet<String> = gold.lines().map(|line| tokens(line).join(" ")).collect();
    let lines: Vec<&str> = text.lines().collect();
    for (line, vector, logits) in line_vectors(&text) {
        let line_tokens = tokens(lines[line as usize - 1]);
        let joined = line_tokens.join(" ");
        let is_body = if line_tokens.len() < SHORT_LINE_TOKENS {
            gold_lines.contains(&joined)
        } else {
            contains_words(&gold_tokens, &joined)
        };
        examples.push(example(vector, logits, is_body, 1.0));
    }
}

/// Whether `needle` occurs in `haystack` on token boundaries.
fn contains_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty()
        && haystack.match_indices(needle).any(|(at, _)| {
            let before_ok = at == 0 || haystack.as_bytes()[at - 1] == b' ';
            let end = at + needle.len();
            before_ok && (end == haystack.len() || haystack.as_bytes()[end] == b' ')
        })
}

fn example(vector: [f32; FEATURE_COUNT], logits: [f32; 4], is_body: bool, weight: f32) -> Example {
    Example {
        vector,
        other_logits: [logits[1], logits[2], logits[3]],
        is_body,
        weight,
    }
}

/// Logistic regression of "body" on the vector, the body logit competing
/// with the fixed logits of the other three classes.
fn fit_body_row(examples: &[Example]) -> [f32; FEATURE_COUNT] {
    let mut row = [0f32; FEATURE_COUNT];
    let (mut first_moment, mut second_moment) = ([0f32; FEATURE_COUNT], [0f32; FEATURE_COUNT]);
    let total_weight: f32 = examples.iter().map(|e| e.weight).sum();
    for epoch in 1..=EPOCHS {
        let mut gradient = [0f32; FEATURE_COUNT];
        let mut loss = 0f32;
        for example in examples {
            let body_logit: f32 = row.iter().zip(&example.vector).map(|(w, x)| w * x).sum();
            let probability = body_probability(body_logit, &example.other_logits);
            let target = if example.is_body { 1.0 } else { 0.0 };
            let error = (probability - target) * example.weight;
            loss -= example.weight
                * if example.is_body {
                    probability.max(1e-7).ln()
                } else {
                    (1.0 - probability).max(1e-7).ln()
                };
            for (g, x) in gradient.iter_mut().zip(&example.vector) {
                *g += error * x;
            }
        }
        for index in 0..FEATURE_COUNT {
            let g = gradient[index] / total_weight + L2 * row[index];
            first_moment[index] = 0.9 * first_moment[index] + 0.1 * g;
            second_moment[index] = 0.999 * second_moment[index] + 0.001 * g * g;
            let m = first_moment[index] / (1.0 - 0.9f32.powi(epoch as i32));
            let v = second_moment[index] / (1.0 - 0.999f32.powi(epoch as i32));
            row[index] -= LEARNING_RATE * m / (v.sqrt() + 1e-8);
        }
        if epoch % 100 == 0 {
            eprintln!("epoch {epoch}: loss {:.4}", loss / total_weight);
        }
    }
    row
}

/// Softmax probability of the body class given the other three logits.
fn body_probability(body_logit: f32, others: &[f32; 3]) -> f32 {
    let max = others.iter().copied().fold(body_logit, f32::max);
    let body = (body_logit - max).exp();
    let rest: f32 = others.iter().map(|logit| (logit - max).exp()).sum();
    body / (body + rest)
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|ch: char| !ch.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
        .collect()
}

fn sorted_files(dir: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == extension))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}
