//! The five labelled seed pages in `fixtures/seeds`: line labels, article
//! text, title, captions and related teasers against the gold labels.

#[path = "support/eval.rs"]
mod eval;

use eval::PageScore;
use newsclip::{Article, Label};
use std::path::{Path, PathBuf};

/// One gold row of a `.labels` file.
struct GoldLine {
    text: String,
    label: Option<Label>,
    role: String,
}

struct SeedPage {
    name: String,
    text: String,
    gold: Vec<GoldLine>,
}

impl SeedPage {
    fn gold_title(&self) -> Option<&str> {
        self.gold
            .iter()
            .find(|line| line.role == "title")
            .map(|line| line.text.trim())
    }

    fn gold_body(&self) -> String {
        let body: Vec<&str> = self
            .gold
            .iter()
            .filter(|line| line.label == Some(Label::Body) && line.role != "title")
            .map(|line| line.text.as_str())
            .collect();
        body.join("\n")
    }

    fn gold_texts(&self, label: Label) -> impl Iterator<Item = &str> {
        self.gold
            .iter()
            .filter(move |line| line.label == Some(label))
            .map(|line| line.text.trim())
    }
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

fn parse_label(name: &str) -> Option<Label> {
    match name {
        "blank" => None,
        other => Some(
            *Label::ALL
                .iter()
                .find(|label| label.as_str() == other)
                .unwrap_or_else(|| panic!("unknown label {other}")),
        ),
    }
}

fn load_seeds() -> Vec<SeedPage> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("fixtures/seeds exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "five seed pages");
    paths.iter().map(|path| load_seed(path)).collect()
}

fn load_seed(path: &Path) -> SeedPage {
    let text = std::fs::read_to_string(path).expect("seed text");
    let labels = std::fs::read_to_string(path.with_extension("labels")).expect("seed labels");
    // The same line boundaries as the front end (Python's splitlines).
    let lines: Vec<&str> = text.lines().collect();
    let gold: Vec<GoldLine> = labels
        .lines()
        .zip(&lines)
        .map(|(row, line)| {
            let mut columns = row.split('\t');
            GoldLine {
                text: line.to_string(),
                label: parse_label(columns.next().unwrap_or("")),
                role: columns.next().unwrap_or("").to_owned(),
            }
        })
        .collect();
    assert_eq!(
        gold.len(),
        labels.lines().count(),
        "{}: one row per line",
        path.display()
    );
    SeedPage {
        name: path.file_stem().unwrap().to_string_lossy().into_owned(),
        text,
        gold,
    }
}

fn extract(page: &SeedPage) -> Article {
    newsclip::extract_text(&page.text).unwrap_or_else(|error| panic!("{}: {error}", page.name))
}

#[test]
fn line_labels_match_gold() {
    let mut pairs = Vec::new();
    for page in load_seeds() {
        let article = extract(&page);
        let non_blank: Vec<&GoldLine> = page
            .gold
            .iter()
            .filter(|line| line.label.is_some())
            .collect();
        assert_eq!(
            article.lines.len(),
            non_blank.len(),
            "{}: one verdict per non-blank line",
            page.name
        );
        for verdict in &article.lines {
            let gold = &page.gold[verdict.line as usize - 1];
            pairs.push((gold.label.expect("non-blank"), verdict.label));
        }
    }
    let correct = pairs.iter().filter(|(gold, got)| gold == got).count();
    let accuracy = correct as f64 / pairs.len() as f64;
    assert!(accuracy >= 0.97, "line accuracy {accuracy:.4} < 0.97");
    for label in Label::ALL {
        let tp = pairs
            .iter()
            .filter(|&&(g, p)| g == label && p == label)
            .count() as f64;
        let predicted = pairs.iter().filter(|&&(_, p)| p == label).count() as f64;
        let actual = pairs.iter().filter(|&&(g, _)| g == label).count() as f64;
        let f1 = 2.0 * tp / (predicted + actual);
        assert!(f1 >= 0.90, "{label} F1 {f1:.4} < 0.90");
    }
}

#[test]
fn article_text_matches_gold_body() {
    for page in load_seeds() {
        let article = extract(&page);
        let score = PageScore::compare(&article.text(), &page.gold_body());
        assert!(
            score.f1() >= 0.98,
            "{}: text F1 {:.4} < 0.98",
            page.name,
            score.f1()
        );
    }
}

#[test]
fn titles_are_found() {
    for page in load_seeds() {
        let Some(gold) = page.gold_title() else {
            continue;
        };
        let article = extract(&page);
        assert_eq!(
            article.title.as_deref().map(str::trim),
            Some(gold),
            "{}",
            page.name
        );
    }
}

#[test]
fn captions_are_lifted_out_of_the_body() {
    for page in load_seeds() {
        let article = extract(&page);
        for caption in page.gold_texts(Label::Caption) {
            assert!(
                article.captions.iter().any(|found| found.trim() == caption),
                "{}: caption not found: {caption}",
                page.name
            );
            assert!(
                !article.paragraphs.iter().any(|p| p.trim() == caption),
                "{}: caption in body",
                page.name
            );
        }
    }
}

#[test]
fn no_related_teaser_inside_the_body() {
    for page in load_seeds() {
        let article = extract(&page);
        let body: Vec<&str> = page.gold_texts(Label::Body).collect();
        for teaser in page.gold_texts(Label::Related) {
            // A teaser that repeats a body line word for word cannot be told apart by text.
            if body.contains(&teaser) {
                continue;
            }
            assert!(
                !article.paragraphs.iter().any(|p| p.trim() == teaser),
                "{}: related line in body: {teaser}",
                page.name
            );
        }
    }
}
