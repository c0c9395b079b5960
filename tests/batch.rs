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

/// Runs the binary with a deadline, so a hang fails the test instead of
/// blocking it; stdin is closed.
fn run_with_deadline(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut child = Command::new(extract_binary())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("extract runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("extract {args:?} did not end within 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[cfg(unix)]
#[test]
fn fifos_are_never_read_in_a_directory_or_on_the_command_line() {
    let dir = scratch("fifo");
    std::fs::copy(
        fixtures().join("seeds/002_0fb64fe6ce5f5458.txt"),
        dir.join("a-page.txt"),
    )
    .expect("copy");
    let made = Command::new("mkfifo")
        .arg(dir.join("b-pipe.html"))
        .arg(dir.join("c-pipe.warc"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("mkfifo is missing: skipped");
        return;
    }
    let named = dir.join("c-pipe.warc");
    let output = run_with_deadline(&[
        "--format".as_ref(),
        "json".as_ref(),
        dir.as_os_str(),
        named.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let records = records(&output.stdout);
    assert_eq!(
        records.len(),
        2,
        "the page, then the FIFO named: {records:?}"
    );
    assert_eq!(records[0]["error"], Value::Null);
    let error = records[1]["error"].as_str().expect("an error record");
    assert!(
        error.contains("c-pipe.warc") && error.contains("FIFO"),
        "{error}"
    );
    assert!(
        stderr.contains("b-pipe.html: not a regular file (a FIFO)"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_directory_without_pages_is_said_and_fails() {
    let dir = scratch("no-pages");
    let empty = dir.join("empty");
    let unnamed = dir.join("unnamed");
    std::fs::create_dir_all(&empty).expect("dir");
    std::fs::create_dir_all(&unnamed).expect("dir");
    std::fs::copy(
        fixtures().join("seeds/002_0fb64fe6ce5f5458.txt"),
        unnamed.join("index.html?id=3"),
    )
    .expect("copy");
    for format in ["text", "json"] {
        let output = run_with_deadline(&[
            "--format".as_ref(),
            format.as_ref(),
            empty.as_os_str(),
            unnamed.as_os_str(),
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{format}: {stderr}");
        // JSON says it in the directory's record, text on standard error.
        let said = String::from_utf8_lossy(&output.stdout) + stderr.clone();
        assert!(said.contains("no page file in the directory"), "{said}");
        assert!(stderr.contains("index.html?id=3"), "{stderr}");
        assert!(
            stderr.contains("extract: 2 pages: 0 articles, 0 no article, 2 errors"),
            "{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_exit_status_tells_errors_from_pages_without_an_article() {
    let dir = scratch("statuses");
    let article = fixtures().join("seeds/002_0fb64fe6ce5f5458.txt");
    let home = dir.join("home.html");
    std::fs::write(
        &home,
        "<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav>\
         <ul><li><a href='/x'>Story one</a></li><li><a href='/y'>Story two</a></li></ul></body></html>",
    )
    .expect("write");
    let missing = dir.join("missing.html");
    let cases: [(&[&Path], i32, &str); 3] = [
        (&[&article], 0, "1 page: 1 article, 0 no article, 0 errors"),
        (
            &[&article, &home],
            3,
            "2 pages: 1 article, 1 no article, 0 errors",
        ),
        (
            &[&home, &missing],
            1,
            "2 pages: 0 articles, 1 no article, 1 error",
        ),
    ];
    for (paths, status, summary) in cases {
        for format in ["text", "json", "markdown"] {
            let mut args: Vec<&std::ffi::OsStr> = vec!["--format".as_ref(), format.as_ref()];
            args.extend(paths.iter().map(|path| path.as_os_str()));
            let output = run_with_deadline(&args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(status),
                "{format} {paths:?}: {stderr}"
            );
            assert!(
                stderr
                    .lines()
                    .last()
                    .is_some_and(|last| last == format!("extract: {summary}")),
                "{format}: {stderr}"
            );
        }
    }
    let help = run_with_deadline(&["--help".as_ref()]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("Exit status:") && help.contains("  3  no input failed"),
        "{help}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_page_without_an_article_keeps_its_line_verdicts() {
    let dir = scratch("no-article-lines");
    let home = dir.join("home.html");
    std::fs::write(
        &home,
        "<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav>\
         <ul><li><a href='/x'>Story one</a></li><li><a href='/y'>Story two</a></li></ul></body></html>",
    )
    .expect("write");
    let (found, _) = run_json(&[&home]);
    assert!(found[0]["error"]
        .as_str()
        .is_some_and(|error| error.contains("no article")));
    let lines = found[0]["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines
        .iter()
        .all(|line| line["label"] != "body" && line["scores"]["navigation"].is_number()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_written_with_its_bytes_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("non-utf8");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 \\x.txt");
    let path = dir.join(name);
    std::fs::copy(fixtures().join("seeds/002_0fb64fe6ce5f5458.txt"), &path).expect("copy");
    let (found, ok) = run_json(&[&path]);
    assert!(ok);
    let written = found[0]["path"].as_str().expect("path");
    assert_eq!(written, format!("{}/caf\\xe9 \\\\x.txt", dir.display()));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `--stream` on `input` with extra flags.
fn run_stream(flags: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new(extract_binary())
        .arg("--stream")
        .args(flags)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("extract runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("extract ends");
    writer.join().expect("writer");
    output
}

#[test]
fn stream_errors_say_what_the_line_is_and_keep_its_url() {
    let mut input = b"[1,2,3]\n".to_vec();
    input
        .extend_from_slice(b"{\"url\": \"https://example.org/bad-utf8\", \"text\": \"caf\xe9\"}\n");
    input.extend_from_slice(
        format!(
            "{{\"url\": \"https://example.org/long\", \"html\": \"{}\"}}\n",
            "x".repeat(5000)
        )
        .as_bytes(),
    );
    input.extend_from_slice(b"{\"url\": \"https://example.org/after\", \"text\": \"\"}\n");
    let output = run_stream(&["--max-input-bytes", "1000"], &input);
    let records = records(&output.stdout);
    assert_eq!(records.len(), 4);
    let error = |index: usize| {
        records[index]["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        error(0).contains("must be a JSON object") && error(0).contains("not an array"),
        "{}",
        error(0)
    );
    assert!(!error(0).contains("invalid type"));
    assert_eq!(records[1]["url"], "https://example.org/bad-utf8");
    assert!(error(1).contains("not UTF-8"), "{}", error(1));
    assert_eq!(records[2]["url"], "https://example.org/long");
    assert!(
        error(2).contains("over the limit of 1000 bytes"),
        "{}",
        error(2)
    );
    assert_eq!(records[3]["url"], "https://example.org/after");
}

#[test]
fn stream_refuses_flags_that_contradict_it() {
    for flags in [
        ["--format", "markdown"],
        ["--format", "text"],
        ["--input", "html"],
    ] {
        let output = run_stream(&flags, b"");
        assert_eq!(output.status.code(), Some(2), "{flags:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("contradicts"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    assert_eq!(
        run_stream(&["--format", "json"], b"").status.code(),
        Some(0)
    );
}

#[test]
fn stream_writes_each_record_before_the_input_ends() {
    use std::io::Write as _;
    let mut child = Command::new(extract_binary())
        .arg("--stream")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("extract runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        while let Some(Ok(line)) = lines.next() {
            let _ = sender.send(line);
        }
    });
    for number in 1..=3 {
        let line =
            serde_json::json!({ "url": format!("https://example.org/{number}"), "text": "" });
        writeln!(stdin, "{line}").expect("written");
        stdin.flush().expect("flushed");
        // stdin stays open: the record must come anyway.
        let record = received
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("a record before the input ends");
        let record: Value = serde_json::from_str(&record).expect("JSON");
        assert_eq!(record["url"], format!("https://example.org/{number}"));
    }
    drop(stdin);
    child.wait().expect("extract ends");
}
