//! `metadata_accuracy`: how often newsclip's title, byline and date are
//! right on a set whose gold carries them (the WCXB layout:
//! `ground-truth/<id>.json` with `ground_truth.{title, author,
//! publish_date}`), optionally beside another tool's answers scored by the
//! very same rules.
//!
//! ```text
//! cargo run --release --example metadata_accuracy -- ../shared/data/wcxb-articles-dev
//! cargo run --release --example metadata_accuracy -- ../shared/data/wcxb-dev-other \
//!     --other target/meta-trafilatura-wcxb-dev-other.jsonl --other-name trafilatura
//! cargo run --release --example metadata_accuracy -- ../shared/data/wcxb-articles-dev --misses date
//! ```
//!
//! `--other FILE` is JSON Lines of `{"id", "title", "author", "date"}`
//! (what `scripts/metadata/trafilatura.py` writes); `--misses FIELD` lists
//! the pages where newsclip is wrong on that field.
//!
//! # What counts as right
//!
//! Every value is first normalised: NFKC, case-folded, curly and straight
//! quotes dropped, every dash made `-`, white space collapsed.
//!
//! - **title**: the normalised strings are equal, or the tool's holds the
//!   gold title plus only a site-name affix: a separator (`|`, `-`, `:`,
//!   `·`, `•`, `/`, `»`) and at most [`SITE_NAME_MAX_WORDS`] words, before
//!   or after it.
//! - **author**: the normalised strings are equal, or their sets of words
//!   (letters and digits) are, the connective `and` left out — so
//!   `Ana Silva, Tom Reed` matches `Tom Reed and Ana Silva`. A leading
//!   `By` is not forgiven: the gold has none.
//! - **date**: the same calendar day. A tool's value counts when it starts
//!   with an ISO 8601 date (`2018-10-05…`); for newsclip that is
//!   `Article::date_iso`, else the page's own `date` string. A gold date of
//!   month precision (`2015-11`) needs the same month.
//!
//! newsclip is handed each page's URL (the gold's `url`), as trafilatura
//! is by `scripts/metadata/trafilatura.py`: both may date a page by it.
//!
//! A set in the L3S-GN1 layout (`annotated/<id>.html.gz`, every text
//! block labelled by a person) is scored on its titles alone, against the
//! first block labelled headline: pages the title rules were not fitted
//! on (`cargo run --release --example metadata_accuracy --
//! ../shared/data/l3s-gn1`).
//!
//! The table gives, per field: the pages whose gold has a value, each
//! tool's accuracy on them (the share it gets right), and on the pages
//! whose gold has none, the share where the tool returns something anyway.

mod support;

use clap::Parser;
use newsclip::{Article, Extractor, HtmlPage, PageMetadata};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use unicode_normalization::UnicodeNormalization;

/// A site-name affix beside a title is at most this many words.
const SITE_NAME_MAX_WORDS: usize = 6;

#[derive(Parser)]
#[command(about = "Score title, byline and date on a WCXB-layout set")]
struct Args {
    /// Set folder with `ground-truth/<id>.json` and `html/<id>.html.gz`.
    set: PathBuf,
    /// Another tool's answers: JSON Lines of {"id", "title", "author", "date"}.
    #[arg(long)]
    other: Option<PathBuf>,
    /// The other tool's name, for the table.
    #[arg(long, default_value = "other")]
    other_name: String,
    /// List newsclip's misses on this field (title, author or date).
    #[arg(long)]
    misses: Option<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Field {
    Title,
    Author,
    Date,
}

const FIELDS: [Field; 3] = [Field::Title, Field::Author, Field::Date];

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Author => "author",
            Field::Date => "date",
        }
    }

    fn is_right(self, answer: &str, gold: &str) -> bool {
        match self {
            Field::Title => title_is_right(answer, gold),
            Field::Author => author_is_right(answer, gold),
            Field::Date => date_is_right(answer, gold),
        }
    }
}

/// One page's three values, any of them missing.
#[derive(Debug, Clone, Default)]
struct Values {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    /// newsclip could not read the page (so gave no metadata).
    failed: bool,
    /// newsclip found no article: the values are the page's metadata.
    no_article: bool,
    /// The page's address, as the gold gives it: newsclip is handed it,
    /// as trafilatura is (`scripts/metadata/trafilatura.py`).
    url: Option<String>,
}

impl Values {
    fn get(&self, field: Field) -> Option<&str> {
        match field {
            Field::Title => self.title.as_deref(),
            Field::Author => self.author.as_deref(),
            Field::Date => self.date.as_deref(),
        }
        .map(str::trim)
        .filter(|value| !value.is_empty())
    }

    fn from_json(value: &Value, keys: [&str; 3]) -> Values {
        let text = |key: &str| value[key].as_str().map(str::to_owned);
        Values {
            title: text(keys[0]),
            author: text(keys[1]),
            date: text(keys[2]),
            failed: false,
            no_article: false,
            url: None,
        }
    }

    fn from_metadata(metadata: &PageMetadata) -> Values {
        Values {
            title: metadata.title.clone(),
            author: metadata.byline.clone(),
            date: metadata.date_iso.clone().or_else(|| metadata.date.clone()),
            failed: false,
            no_article: true,
            url: None,
        }
    }

    fn from_article(article: &Article) -> Values {
        Values {
            title: article.title.clone(),
            author: article.byline.clone(),
            date: article.date_iso.clone().or_else(|| article.date.clone()),
            failed: false,
            no_article: false,
            url: None,
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("metadata_accuracy: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let gold = load_gold(&args.set)?;
    let other = args.other.as_deref().map(load_other).transpose()?;
    let extractor = Extractor::default();
    let ours: BTreeMap<&String, Values> = gold
        .par_iter()
        .map(|(id, gold)| {
            let url = gold.url.as_deref();
            (id, newsclip_values(&extractor, &args.set, id, url))
        })
        .collect();
    let mut columns = vec![("newsclip".to_owned(), ours.clone())];
    if let Some(other) = &other {
        let answers = gold
            .keys()
            .map(|id| (id, other.get(id).cloned().unwrap_or_default()))
            .collect();
        columns.push((args.other_name.clone(), answers));
    }
    print_table(&args.set, &gold, &columns);
    if let Some(field) = args.misses {
        print_misses(&gold, &ours, field);
    }
    Ok(())
}

/// newsclip's values for page `id`, given its `url` as trafilatura is:
/// the article's, or on a page without one, the page's metadata
/// (`Extractor::extract_metadata`), as trafilatura gives its metadata
/// whether or not it finds a body.
fn newsclip_values(extractor: &Extractor, set: &Path, id: &str, url: Option<&str>) -> Values {
    let path = set.join("html").join(format!("{id}.html.gz"));
    let values = support::read_page(&path, newsclip::DEFAULT_MAX_INPUT_BYTES).and_then(|bytes| {
        let page = HtmlPage::new(&bytes);
        let page = match url {
            Some(url) => page.with_url(url),
            None => page,
        };
        match extractor.extract_html_page(page) {
            Ok(article) => Ok(Values::from_article(&article)),
            Err(newsclip::Error::NoArticle) => extractor
                .extract_metadata(page)
                .map(|metadata| Values::from_metadata(&metadata))
                .map_err(|e| e.to_string()),
            Err(error) => Err(error.to_string()),
        }
    });
    values.unwrap_or_else(|error| {
        eprintln!("metadata_accuracy: {id}: {error}");
        Values {
            failed: true,
            ..Values::default()
        }
    })
}

fn print_table(
    set: &Path,
    gold: &BTreeMap<String, Values>,
    columns: &[(String, BTreeMap<&String, Values>)],
) {
    println!("{} ({} pages)", set.display(), gold.len());
    print!("{:<8} {:>6}", "field", "gold");
    for (name, _) in columns {
        print!(" {:>12}", name);
    }
    print!(" {:>6}", "none");
    for (name, _) in columns {
        print!(" {:>12}", format!("{name}+"));
    }
    println!();
    for field in FIELDS {
        let with_gold: Vec<&String> = gold
            .keys()
            .filter(|id| gold[*id].get(field).is_some())
            .collect();
        let without = gold.len() - with_gold.len();
        print!("{:<8} {:>6}", field.name(), with_gold.len());
        for (_, answers) in columns {
            let right = with_gold
                .iter()
                .filter(|id| {
                    let expected = gold[**id].get(field).unwrap_or_default();
                    answers[*id]
                        .get(field)
                        .is_some_and(|answer| field.is_right(answer, expected))
                })
                .count();
            print!(" {:>12.3}", share(right, with_gold.len()));
        }
        print!(" {:>6}", without);
        for (_, answers) in columns {
            let extra = gold
                .keys()
                .filter(|id| gold[*id].get(field).is_none() && answers[*id].get(field).is_some())
                .count();
            print!(" {:>12.3}", share(extra, without));
        }
        println!();
    }
    println!("(accuracy on the pages whose gold has the field; `none`: pages whose gold has not, and `tool+` the share of them where the tool returns one anyway)");
    let count = |wanted: fn(&Values) -> bool| columns[0].1.values().filter(|v| wanted(v)).count();
    println!(
        "newsclip found no article on {} pages (their values: Extractor::extract_metadata), \
         and could not read {} (counted as no answer)",
        count(|values| values.no_article),
        count(|values| values.failed)
    );
}

fn print_misses(gold: &BTreeMap<String, Values>, ours: &BTreeMap<&String, Values>, field: Field) {
    println!("\nnewsclip's misses on {}: id | gold | ours", field.name());
    for (id, expected) in gold {
        let Some(expected) = expected.get(field) else {
            continue;
        };
        let answer = ours[id].get(field);
        if !answer.is_some_and(|answer| field.is_right(answer, expected)) {
            println!("{id} | {expected} | {}", answer.unwrap_or("-"));
        }
    }
}

fn share(count: usize, total: usize) -> f64 {
    count as f64 / total.max(1) as f64
}

/// Gold title, author and date by page id.
fn load_gold(set: &Path) -> Result<BTreeMap<String, Values>, String> {
    if set.join("annotated").is_dir() {
        return load_headlines(set);
    }
    Ok(support::gold::wcxb_pages(set)?
        .into_iter()
        .map(|(id, page)| {
            let mut values =
                Values::from_json(&page["ground_truth"], ["title", "author", "publish_date"]);
            values.url = page["url"].as_str().map(str::to_owned);
            (id, values)
        })
        .collect())
}

/// The L3S-GN1 layout's gold titles: in each `annotated/<id>.html.gz`,
/// the first block a person labelled headline (`<span class="x-nc-sel1">`);
/// the set labels no author or date. Pages without one are left out.
fn load_headlines(set: &Path) -> Result<BTreeMap<String, Values>, String> {
    let folder = set.join("annotated");
    let entries = std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let headline = scraper::Selector::parse("span.x-nc-sel1").expect("a valid selector");
    let mut gold = BTreeMap::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(id) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let Some(id) = id.strip_suffix(".html.gz") else {
            continue;
        };
        let bytes = support::read_page(&path, newsclip::DEFAULT_MAX_INPUT_BYTES)?;
        let page = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
        let title = page
            .select(&headline)
            .map(|span| span.text().collect::<Vec<_>>().join(" "))
            .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|text| !text.is_empty());
        if let Some(title) = title {
            let values = Values {
                title: Some(title),
                ..Values::default()
            };
            gold.insert(id.to_owned(), values);
        }
    }
    Ok(gold)
}

/// Another tool's answers by page id, from JSON Lines.
fn load_other(path: &Path) -> Result<HashMap<String, Values>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let mut answers = HashMap::new();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
    {
        let record: Value = serde_json::from_str(line)
            .map_err(|error| format!("{}:{}: {error}", path.display(), number + 1))?;
        let id = record["id"]
            .as_str()
            .ok_or_else(|| format!("{}:{}: no \"id\" string", path.display(), number + 1))?;
        answers.insert(
            id.to_owned(),
            Values::from_json(&record, ["title", "author", "date"]),
        );
    }
    Ok(answers)
}

/// NFKC, case-folded, quotes dropped, dashes made `-`, white space
/// collapsed.
fn normalise(text: &str) -> String {
    let mapped: String = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|ch| {
            !matches!(
                ch,
                '"' | '\'' | '‘' | '’' | '‚' | '‛' | '“' | '”' | '„' | '‟' | '`' | '´'
            )
        })
        .map(|ch| match ch {
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            _ => ch,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn title_is_right(answer: &str, gold: &str) -> bool {
    let (answer, gold) = (normalise(answer), normalise(gold));
    if gold.is_empty() {
        return false;
    }
    if answer == gold {
        return true;
    }
    let Some(at) = answer.find(&gold) else {
        return false;
    };
    let (before, after) = (&answer[..at], &answer[at + gold.len()..]);
    is_site_affix(before, true) && is_site_affix(after, false)
}

/// Whether `rest` (beside the gold title in a tool's title) is empty or a
/// site name set off by a separator: `" | Site"` after the title, `"Site - "`
/// before it.
fn is_site_affix(rest: &str, before: bool) -> bool {
    const SEPARATORS: &[char] = &['|', '-', ':', '·', '•', '/', '»', '«', '~'];
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    let name = if before {
        rest.strip_suffix(SEPARATORS)
    } else {
        rest.strip_prefix(SEPARATORS)
    };
    name.is_some_and(|name| name.split_whitespace().count() <= SITE_NAME_MAX_WORDS)
}

fn author_is_right(answer: &str, gold: &str) -> bool {
    let (answer, gold) = (normalise(answer), normalise(gold));
    answer == gold || (!gold.is_empty() && word_set(&answer) == word_set(&gold))
}

fn word_set(text: &str) -> BTreeSet<&str> {
    text.split(|ch: char| !ch.is_alphanumeric())
        .filter(|word| !word.is_empty() && *word != "and")
        .collect()
}

fn date_is_right(answer: &str, gold: &str) -> bool {
    let answer = answer.trim();
    let gold = gold.trim();
    // `YYYY-MM-DD` or, for a gold of month precision, `YYYY-MM`.
    let is_iso_prefix = |text: &str| {
        text.bytes().enumerate().all(|(at, byte)| {
            if at == 4 || at == 7 {
                byte == b'-'
            } else {
                byte.is_ascii_digit()
            }
        })
    };
    (gold.len() == 10 || gold.len() == 7)
        && is_iso_prefix(gold)
        && answer
            .get(..gold.len())
            .is_some_and(|prefix| prefix == gold)
        && answer
            .get(gold.len()..gold.len() + 1)
            .is_none_or(|next| !next.starts_with(|ch: char| ch.is_ascii_digit()))
}
