//! The installable `newsclip` command (`cargo install --path . --features
//! cli`): its conventions (`--version`, `--help`, a page piped on standard
//! input, `--output-dir`), the serde shape its records share with the
//! library, and a library build that pulls none of the command's
//! dependencies.
//!
//! `cargo test` builds the binary with no flag: the crate's dev-dependency
//! on itself turns the `cli` feature on for tests (see Cargo.toml).

#[path = "support/binary.rs"]
mod binary;
#[path = "support/warc.rs"]
mod warc;

use binary::{fixtures, records, scratch};
use newsclip::warc::WarcReader;
use newsclip::{Article, Config, Error, Extractor};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use warc::{ArchivedPage, WarcWriter};

/// The `newsclip` binary `cargo test` built.
fn newsclip() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsclip"))
}

fn run(command: &mut Command) -> Output {
    command.output().expect("newsclip runs")
}

/// Runs `newsclip ARGS` with `input` piped to its standard input.
fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = newsclip()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsclip starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("page written to stdin");
    child.wait_with_output().expect("newsclip ends")
}

fn seed_page() -> PathBuf {
    fixtures().join("seeds").join("002_0fb64fe6ce5f5458.txt")
}

fn html_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures().join("scrapinghub").join("html"))
        .expect("fixture pages")
        .map(|entry| entry.expect("entry").path())
        .collect();
    pages.sort();
    pages
}

fn read_fixture(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).expect("fixture");
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
        &mut plain,
    )
    .expect("gzip fixture");
    plain
}

#[test]
fn version_names_the_command() {
    let output = run(newsclip().arg("--version"));
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("newsclip {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// The long flags of `--help`'s options and of its examples.
fn help_flags(help: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let flags = |text: &str| -> BTreeSet<String> {
        text.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
            .filter(|word| word.starts_with("--") && word.len() > 2)
            .map(str::to_owned)
            .collect()
    };
    let options = help
        .split_once("Options:")
        .and_then(|(_, rest)| rest.split_once("Examples:"))
        .map(|(options, _)| options)
        .expect("an Options section, then an Examples section");
    let examples = help
        .split_once("Examples:")
        .and_then(|(_, rest)| rest.split_once("Exit status:"))
        .map(|(examples, _)| examples)
        .expect("an Examples section, then the exit status");
    // An option's line starts with its flag (after its short form, if it
    // has one), indented less than the prose under it, which may name
    // other flags.
    let declared = options
        .lines()
        .filter(|line| line.len() - line.trim_start().len() < 8)
        .filter_map(|line| {
            let line = line.trim_start();
            let line = match line.split_once(", ") {
                Some((short, long)) if short.len() == 2 && short.starts_with('-') => long,
                _ => line,
            };
            line.starts_with("--")
                .then(|| line.split_whitespace().next().unwrap_or("").to_owned())
        })
        .collect();
    (declared, flags(examples))
}

#[test]
fn help_lists_every_flag_with_an_example() {
    let output = run(newsclip().arg("--help"));
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    let (declared, examples) = help_flags(&help);
    for flag in [
        "--format",
        "--input",
        "--jobs",
        "--max-input-bytes",
        "--recall-bias",
        "--stream",
        "--output-dir",
        "--version",
        "--help",
    ] {
        assert!(
            declared.contains(flag),
            "{flag} missing from --help:\n{help}"
        );
    }
    // --help is what is being read; every other flag is shown in use.
    let unexplained: Vec<_> = declared
        .iter()
        .filter(|flag| *flag != "--help" && !examples.contains(*flag))
        .collect();
    assert!(
        unexplained.is_empty(),
        "no example of {unexplained:?}:\n{help}"
    );
    assert!(help.contains("Usage: newsclip"), "{help}");
    assert!(help.contains("newsclip: N pages:"), "{help}");
}

#[test]
fn a_piped_page_is_read_without_a_dash() {
    let page = std::fs::read(seed_page()).expect("seed page");
    let piped = run_with_stdin(&["--format", "json"], &page);
    let dashed = run_with_stdin(&["--format", "json", "-"], &page);
    let named = run(newsclip().args(["--format", "json"]).arg(seed_page()));
    assert_eq!(piped.status.code(), Some(0), "{piped:?}");
    let [piped_record] = &records(&piped.stdout)[..] else {
        panic!("one record: {piped:?}")
    };
    assert_eq!(piped_record["path"], "-");
    assert_eq!(piped.stdout, dashed.stdout);
    let [named_record] = &records(&named.stdout)[..] else {
        panic!("one record: {named:?}")
    };
    assert_eq!(piped_record["text"], named_record["text"]);
    assert!(!piped_record["text"].as_str().unwrap_or("").is_empty());
    assert!(String::from_utf8_lossy(&piped.stderr)
        .contains("newsclip: 1 page: 1 article, 0 no article, 0 errors"));
}

/// With no path and a terminal on standard input there is nothing to
/// read: a usage error, not a wait. The terminal comes from `script`
/// (util-linux); without it the test says so and passes.
#[test]
fn no_path_on_a_terminal_is_a_usage_error() {
    let binary = env!("CARGO_BIN_EXE_newsclip");
    let shell = format!("{binary}; echo \"status=$?\"");
    let Ok(output) = Command::new("script")
        .args(["-qec", &shell, "/dev/null"])
        .stdin(Stdio::null())
        .output()
    else {
        eprintln!("skipped: `script` (util-linux) is not installed to give newsclip a terminal");
        return;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("status=2"), "{text}");
    assert!(text.contains("no input"), "{text}");
}

/// What `newsclip ARGS PATH` writes on standard output for one input.
fn stdout_of(args: &[&str], path: &Path) -> Vec<u8> {
    let output = run(newsclip().args(args).arg(path));
    output.stdout
}

fn file_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("output directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn output_dir_names_files_after_inputs_and_never_overwrites_one() {
    let dir = scratch("cli-output-dir");
    let pages = dir.join("pages");
    std::fs::create_dir_all(pages.join("sub")).expect("folders");
    let html = html_pages();
    std::fs::copy(&html[0], pages.join("story.html.gz")).expect("copy");
    std::fs::copy(&html[1], pages.join("sub").join("story.html")).expect("copy");
    std::fs::copy(seed_page(), pages.join("dump.txt")).expect("copy");
    let dump_before = std::fs::read(pages.join("dump.txt")).expect("dump");

    // Into the input folder itself: dump.txt is an input, so its record
    // takes the next name; the two stories take one name each.
    let output = run(newsclip()
        .args(["--format", "text", "--output-dir"])
        .arg(&pages)
        .arg(&pages));
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stdout.is_empty(), "records go to files only");
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("newsclip: 3 pages: 3 articles, 0 no article, 0 errors"));
    assert_eq!(
        file_names(&pages),
        [
            "dump-2.txt",
            "dump.txt",
            "story-2.txt",
            "story.html.gz",
            "story.txt",
            "sub"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(
        std::fs::read(pages.join("dump.txt")).expect("dump"),
        dump_before
    );
    for (file, input) in [
        ("dump-2.txt", pages.join("dump.txt")),
        ("story.txt", pages.join("story.html.gz")),
        ("story-2.txt", pages.join("sub").join("story.html")),
    ] {
        assert_eq!(
            std::fs::read(pages.join(file)).expect("record file"),
            stdout_of(&["--format", "text"], &input),
            "{file} holds what standard output would"
        );
    }

    // Markdown and JSON take their own extensions, in a folder created
    // for them.
    let markdown = dir.join("md");
    let output = run(newsclip()
        .args(["--format", "markdown", "--output-dir"])
        .arg(&markdown)
        .arg(pages.join("dump.txt")));
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(file_names(&markdown), ["dump.md".to_owned()].into());
    assert_eq!(
        std::fs::read(markdown.join("dump.md")).expect("md"),
        stdout_of(&["--format", "markdown"], &pages.join("dump.txt"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_dir_names_archive_records_and_stream_lines_by_number() {
    let dir = scratch("cli-output-numbers");
    let archive = dir.join("crawl.warc.gz");
    let mut writer =
        WarcWriter::new(std::fs::File::create(&archive).expect("archive"), true).expect("warcinfo");
    let mut expected = BTreeSet::new();
    for (index, page) in html_pages().iter().take(2).enumerate() {
        let body = read_fixture(page);
        let url = format!("https://example.com/story-{index}");
        writer
            .write_page(&ArchivedPage {
                url: &url,
                content_type: "text/html; charset=utf-8",
                body: &body,
            })
            .expect("page archived");
        // The response is the archive's last record so far.
        expected.insert(format!("crawl-{}.json", writer.records()));
    }
    writer.finish().expect("archive written");
    let out = dir.join("warc-records");
    let output = run(newsclip()
        .args(["--format", "json", "--output-dir"])
        .arg(&out)
        .arg(&archive));
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(file_names(&out), expected);
    let together = records(&stdout_of(&["--format", "json"], &archive));
    let mut apart: Vec<Value> = Vec::new();
    for name in &expected {
        let file = std::fs::read(out.join(name)).expect("record file");
        let [record] = &records(&file)[..] else {
            panic!("{name}: one record")
        };
        apart.push(record.clone());
    }
    apart.sort_by_key(|record| record["warc_record_id"].to_string());
    let mut together = together;
    together.sort_by_key(|record| record["warc_record_id"].to_string());
    assert_eq!(apart, together);

    let lines: String = html_pages()
        .iter()
        .take(2)
        .enumerate()
        .map(|(index, page)| {
            let html = String::from_utf8_lossy(&read_fixture(page)).into_owned();
            serde_json::json!({"url": format!("https://example.com/{index}"), "html": html})
                .to_string()
                + "\n"
        })
        .collect();
    let streamed = dir.join("stream");
    let output = run_with_stdin(
        &[
            "--stream",
            "--output-dir",
            streamed.to_str().expect("UTF-8 path"),
        ],
        lines.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        file_names(&streamed),
        ["line-1.json", "line-2.json"].map(String::from).into()
    );
    let line_2 = records(&std::fs::read(streamed.join("line-2.json")).expect("line 2"));
    assert_eq!(line_2[0]["url"], "https://example.com/1");
    assert_eq!(line_2[0]["path"], "-:2");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `article` with its scores as the JSON writes them (four decimals).
fn with_rounded_scores(mut article: Article) -> Article {
    for line in &mut article.lines {
        line.scores = line
            .scores
            .map(|score| ((f64::from(score) * 10_000.0).round() / 10_000.0) as f32);
    }
    article
}

fn fixture_articles() -> Vec<Article> {
    let extractor = Extractor::default();
    let mut articles: Vec<Article> = html_pages()
        .iter()
        .map(|page| {
            extractor
                .extract_html(&read_fixture(page))
                .expect("an article")
        })
        .collect();
    let seeds = std::fs::read_dir(fixtures().join("seeds")).expect("seeds");
    for seed in seeds {
        let path = seed.expect("entry").path();
        if path.extension().is_some_and(|ext| ext == "txt") {
            let text = std::fs::read_to_string(&path).expect("seed");
            articles.push(extractor.extract_text(&text).expect("an article"));
        }
    }
    articles
}

#[test]
fn articles_round_trip_through_serde() {
    for article in fixture_articles() {
        let json = serde_json::to_string(&article).expect("serialized");
        let back: Article = serde_json::from_str(&json).expect("deserialized");
        assert_eq!(back, with_rounded_scores(article.clone()), "{json}");
        // What was read back is written the same: nothing else is lost.
        assert_eq!(serde_json::to_string(&back).expect("again"), json);
        assert!(back.lines.iter().any(|line| line.scores != [0.0; 4]));
    }
}

#[test]
fn warc_articles_and_errors_round_trip_through_serde() {
    let mut archive = Vec::new();
    let mut writer = WarcWriter::new(&mut archive, false).expect("warcinfo");
    let body = read_fixture(&html_pages()[0]);
    for (url, body) in [
        ("https://example.com/story", &body[..]),
        (
            "https://example.com/empty",
            &b"<html><body></body></html>"[..],
        ),
    ] {
        writer
            .write_page(&ArchivedPage {
                url,
                content_type: "text/html",
                body,
            })
            .expect("archived");
    }
    writer.finish().expect("written");
    let pages: Vec<_> = Extractor::default()
        .extract_warc(WarcReader::new(&archive[..]))
        .map(|page| page.expect("a readable record"))
        .collect();
    assert!(pages[0].article.is_ok() && pages[1].article.is_err());
    for page in pages {
        let json = serde_json::to_string(&page).expect("serialized");
        let back: newsclip::warc::WarcArticle = serde_json::from_str(&json).expect("read back");
        let mut expected = page.clone();
        expected.article = page.article.map(with_rounded_scores);
        assert_eq!(back, expected, "{json}");
    }
    for error in [
        Error::EmptyInput,
        Error::NoArticle,
        Error::NotText,
        Error::InputTooLarge {
            size: 90,
            limit: 10,
        },
        Error::UnreadableResponse {
            reason: "a corrupt gzip body".to_owned(),
        },
    ] {
        let json = serde_json::to_string(&error).expect("serialized");
        assert_eq!(
            serde_json::from_str::<Error>(&json).expect("read back"),
            error
        );
    }
    assert_eq!(
        serde_json::to_string(&Error::InputTooLarge {
            size: 90,
            limit: 10
        })
        .expect("json"),
        r#"{"kind":"input_too_large","size":90,"limit":10}"#
    );
}

/// The command's record is the library's article, between the input's
/// `path` and the `error`: one definition of the fields, in the
/// documented order.
#[test]
fn records_hold_the_library_serialization_of_the_article() {
    let page = &html_pages()[0];
    let output = run(newsclip().args(["--format", "json"]).arg(page));
    let [record] = &records(&output.stdout)[..] else {
        panic!("one record: {output:?}")
    };
    // The command's JSON says where each line is (provenance on).
    let article = Extractor::new(Config::default().with_provenance(true))
        .extract_html(&read_fixture(page))
        .expect("an article");
    // Through the text, as the record is read: f32 numbers then compare
    // as they are written.
    let text = serde_json::to_string(&article).expect("article");
    let Ok(Value::Object(mut expected)) = serde_json::from_str(&text) else {
        panic!("an article is an object: {text}")
    };
    let mut fields = serde_json::Map::new();
    fields.insert(
        "path".to_owned(),
        Value::from(page.to_str().expect("UTF-8")),
    );
    fields.append(&mut expected);
    fields.insert("error".to_owned(), Value::Null);
    assert_eq!(record, &Value::Object(fields.clone()));
    let keys: Vec<&String> = record.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        [
            "path",
            "title",
            "text",
            "captions",
            "related",
            "byline",
            "date",
            "date_iso",
            "confidence",
            "lines",
            "error"
        ]
    );
    let line = &record["lines"][0];
    let line_keys: Vec<&String> = line.as_object().expect("object").keys().collect();
    assert_eq!(
        line_keys,
        [
            "line",
            "label",
            "first_label",
            "scores",
            "start",
            "end",
            "path"
        ]
    );
    let score_keys: Vec<&String> = line["scores"].as_object().expect("object").keys().collect();
    assert_eq!(score_keys, ["body", "caption", "navigation", "related"]);
}

/// An error record writes `null` where an article's fields would be
/// numbers or strings, and read as an article it is an empty one.
#[test]
fn error_records_write_null_confidence() {
    let dir = scratch("cli-error-record");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "  \n").expect("empty page");
    let output = run(newsclip().args(["--format", "json"]).arg(&empty));
    assert_eq!(output.status.code(), Some(1));
    let [record] = &records(&output.stdout)[..] else {
        panic!("one record: {output:?}")
    };
    assert_eq!(record["confidence"], Value::Null);
    assert_eq!(record["title"], Value::Null);
    assert_eq!(record["text"], "");
    assert!(record["error"]
        .as_str()
        .is_some_and(|error| error.contains("empty")));
    let article: Article = serde_json::from_value(record.clone()).expect("an article");
    assert!(article.paragraphs.is_empty() && article.confidence.is_nan());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `cargo tree` of a library build (no features, and the default ones):
/// none of the command's dependencies. Skipped, with a note, when cargo is
/// not at hand.
#[test]
fn library_builds_pull_no_command_dependencies() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let tree = |features: &[&str]| -> Option<String> {
        let output = Command::new(&cargo)
            .args(["tree", "--offline", "-e", "normal", "--prefix", "none"])
            .args(features)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()?;
        assert!(
            output.status.success(),
            "cargo tree {features:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let Some(with_cli) = tree(&["--features", "cli"]) else {
        eprintln!("skipped: cargo is not found to run `cargo tree`");
        return;
    };
    let command_crates = ["clap v", "rayon v", "indicatif v"];
    let pulls = |tree: &str| -> Vec<&str> {
        command_crates
            .into_iter()
            .filter(|name| tree.lines().any(|line| line.starts_with(name)))
            .collect()
    };
    // The check can fail: the command's own build lists all three.
    assert_eq!(pulls(&with_cli), command_crates);
    for features in [&["--no-default-features"][..], &[]] {
        let library = tree(features).expect("cargo ran once");
        assert!(library.lines().any(|line| line.starts_with("scraper v")));
        assert!(pulls(&library).is_empty(), "{features:?}:\n{library}");
    }
}
