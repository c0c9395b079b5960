//! The `extract` example binary in a batch: every input yields exactly one
//! JSON record, in input order; failures carry `error` and leave the other
//! records alone; the exit status says some failed; a closed stdout ends
//! the run quietly.

#[path = "support/binary.rs"]
mod binary;

use binary::{extract_binary, fixtures, records, scratch};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn run_json(args: &[&Path]) -> (Vec<Value>, bool) {
    let output = Command::new(extract_binary())
        .args(["--format", "json", "--max-input-bytes", "100000"])
        .args(args)
        .output()
        .expect("extract runs");
    (records(&output.stdout), output.status.success())
}

#[test]
fn a_hostile_batch_yields_one_record_per_input_and_leaves_the_seeds_alone() {
    let dir = scratch("batch");
    let mut expected_errors = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("hostile")).expect("hostile fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|ext| ext == "md") {
            continue;
        }
        std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    for name in [
        "empty.html",
        "whitespace.txt",
        "image.html",
        "nul-padded.txt",
        "home-page.html",
        "truncated.html",
    ] {
        // truncated.html is over the 100,000-byte limit given below.
        expected_errors.push(name.to_owned());
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/nonexistent/page.html", dir.join("dangling.html"))
            .expect("symlink");
        expected_errors.push("dangling.html".to_owned());
    }
    let seeds = fixtures().join("seeds");
    let missing = dir.join("never-written.html");
    expected_errors.push("never-written.html".to_owned());

    let (batch, succeeded) = run_json(&[&dir, &seeds, &missing]);
    let (seeds_alone, seeds_succeeded) = run_json(&[&seeds]);
    assert!(!succeeded, "the exit status says some inputs failed");
    assert!(seeds_succeeded);

    let listed = std::fs::read_dir(&dir).expect("scratch").count() + seeds_alone.len() + 1;
    assert_eq!(batch.len(), listed, "one record per input");
    for record in &batch {
        let path = record["path"].as_str().expect("path");
        let name = Path::new(path)
            .file_name()
            .and_then(|name| name.to_str())
            .expect("name");
        let error = record["error"].as_str();
        assert_eq!(
            error.is_some(),
            expected_errors.iter().any(|expected| expected == name),
            "{name}: {error:?}"
        );
        if let Some(error) = error {
            assert!(error.contains(name), "the error names its input: {error}");
            assert_eq!(record["text"], "");
        }
    }
    let seed_records: Vec<&Value> = batch
        .iter()
        .filter(|record| {
            record["path"]
                .as_str()
                .is_some_and(|path| path.contains("seeds"))
        })
        .collect();
    assert_eq!(seed_records.len(), seeds_alone.len());
    for (in_batch, alone) in seed_records.iter().zip(&seeds_alone) {
        assert_eq!(in_batch["path"], alone["path"]);
        assert_eq!(in_batch["title"], alone["title"]);
        assert_eq!(in_batch["text"], alone["text"]);
        assert_eq!(in_batch["lines"], alone["lines"]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let seeds = fixtures().join("seeds");
    let mut child = Command::new(extract_binary())
        .args(["--format", "json"])
        .args(std::iter::repeat_n(&seeds, 40))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("extract runs");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a first record");
    // The reader is dropped here: the pipe closes under the binary.
    let output = child.wait_with_output().expect("extract ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{stderr}");
    assert!(serde_json::from_str::<Value>(&first).is_ok());
}

#[test]
fn markdown_puts_the_title_first_and_related_links_in_their_own_section() {
    let page = fixtures().join(
        "scrapinghub/html/f6ac15a4d98511396da23e4428deb5605422b1c8bbc8284e771f6896bdccf57f.html.gz",
    );
    let output = Command::new(extract_binary())
        .args(["--format", "markdown"])
        .arg(&page)
        .output()
        .expect("extract runs");
    assert!(output.status.success());
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        markdown.starts_with("# Atendimento Domiciliar registra arrombamento"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n\nA equipe do Serviço de Atendimento Domiciliar"),
        "{markdown}"
    );
    let related = markdown.find("\n## Related\n").expect("a related section");
    assert!(markdown[related..].contains("\n- ["), "{markdown}");
    assert!(markdown
        .find("A equipe do Serviço")
        .is_some_and(|body| body < related));
}

#[test]
fn stream_mode_answers_every_input_line_in_order() {
    use std::io::Write as _;
    let page = |url: &str, text: &str| serde_json::json!({ "url": url, "text": text }).to_string();
    let article = "Home\nThe council approved the new budget on Tuesday after a long debate about schools.\n\
                   Spending on roads rises by a tenth, while the city's debt falls for a third year in a row.\n";
    let input = [
        page("https://example.org/1", article),
        "not json".to_owned(),
        page("https://example.org/3", ""),
        page("https://example.org/4", article),
    ]
    .join("\n");
    let mut child = Command::new(extract_binary())
        .arg("--stream")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("extract runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let output = child.wait_with_output().expect("extract ends");
    let records = records(&output.stdout);
    assert_eq!(records.len(), 4, "one record per input line");
    let urls: Vec<Option<&str>> = records
        .iter()
        .map(|record| record["url"].as_str())
        .collect();
    assert_eq!(
        urls,
        [
            Some("https://example.org/1"),
            None,
            Some("https://example.org/3"),
            Some("https://example.org/4")
        ]
    );
    assert!(records[0]["text"]
        .as_str()
        .is_some_and(|text| text.starts_with("The council approved")));
    assert!(records[1]["error"]
        .as_str()
        .is_some_and(|error| error.starts_with("-:2:")));
    assert!(records[2]["error"].is_string());
    assert_eq!(records[3]["text"], records[0]["text"]);
    assert!(!output.status.success(), "some lines failed");
}
