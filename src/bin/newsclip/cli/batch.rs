//! A run: the inputs extracted on a thread pool, their records written
//! in input order, counted for the closing summary.

use super::inputs::Input;
use super::outcome::{extract, Outcome};
use super::output::{Destination, Sink};
use super::{program, Format, InputKind};
use indicatif::{ProgressBar, ProgressStyle};
use newsclip::Extractor;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::{mpsc, Arc};

/// Inputs being extracted at a time at most: enough to keep every core
/// busy past the odd slow page, few enough that memory stays bounded on a
/// directory of millions of pages.
const WINDOW_INPUTS: usize = 256;

/// Bytes of pages (WARC records, `--stream` lines) held by the inputs
/// being extracted at most (one input is always let in), so memory stays
/// bounded whatever an archive or a stream holds.
const WINDOW_BYTES: usize = 8 << 20;

/// Everything a run needs, shared with the threads extracting pages.
pub(super) struct Job {
    pub(super) extractor: Extractor,
    pub(super) kind: InputKind,
    pub(super) progress: ProgressBar,
    /// Render each page's `--format html-report` page.
    pub(super) report: bool,
    /// `--url`: the address of the one page given.
    pub(super) url: Option<String>,
}

/// How many records of each kind a run wrote, for the closing summary
/// and the exit status.
#[derive(Default)]
struct Tally {
    pages: usize,
    articles: usize,
    no_article: usize,
    errors: usize,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome) {
        self.pages += 1;
        match &outcome.result {
            Ok(_) => self.articles += 1,
            Err(failure) if failure.no_article => self.no_article += 1,
            Err(_) => self.errors += 1,
        }
    }

    /// The one-line summary on standard error, and the exit status
    /// [`EXIT_STATUS`](super::EXIT_STATUS) documents.
    fn finish(&self) -> ExitCode {
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        eprintln!(
            "{}: {}: {}, {} no article, {}",
            program(),
            plural(self.pages, "page", "pages"),
            plural(self.articles, "article", "articles"),
            self.no_article,
            plural(self.errors, "error", "errors"),
        );
        if self.errors > 0 {
            ExitCode::from(1)
        } else if self.no_article > 0 {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Extracts the inputs in parallel and writes each record, in input
/// order, as soon as it and every record before it are done.
///
/// A thread of its own reads the inputs (`--stream` lines, WARC records)
/// and hands each to the pool while at most [`WINDOW_INPUTS`] inputs and
/// [`WINDOW_BYTES`] bytes of them are being extracted or waiting to be
/// written, so reading and gunzipping an archive costs no extraction time
/// and memory stays bounded. Output is flushed whenever the next record is
/// not done yet. The reader is not joined: when output fails the run ends
/// without waiting for it to drain its input.
pub(super) fn run<I>(
    pool: rayon::ThreadPool,
    job: Job,
    format: Format,
    destination: Destination,
    inputs: impl FnOnce() -> I + Send + 'static,
) -> ExitCode
where
    I: Iterator<Item = Input>,
{
    let job = Arc::new(job);
    let (done, finished) = mpsc::channel::<(usize, usize, Option<Outcome>)>();
    let (freed, permits) = mpsc::channel::<usize>();
    let reader_job = Arc::clone(&job);
    std::thread::spawn(move || {
        let mut window = Window::default();
        for (index, input) in inputs().enumerate() {
            if !window.admit(input.held_bytes(), &permits) {
                break;
            }
            let job = Arc::clone(&reader_job);
            let done = done.clone();
            pool.spawn(move || {
                let held = input.held_bytes();
                let outcome = extract(&job, &input);
                job.progress.inc(u64::from(outcome.is_some()));
                let _ = done.send((index, held, outcome));
            });
        }
    });
    let mut sink = Sink::new(destination, format);
    let mut tally = Tally::default();
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    loop {
        let received = match finished.try_recv() {
            Ok(received) => received,
            Err(_) => {
                // Nothing done yet: what is written so far goes out now.
                if let Err(failure) = sink.flush() {
                    job.progress.finish_and_clear();
                    return failure.exit();
                }
                match finished.recv() {
                    Ok(received) => received,
                    Err(_) => break,
                }
            }
        };
        let (index, held, outcome) = received;
        waiting.insert(index, (held, outcome));
        while let Some((held, outcome)) = waiting.remove(&next) {
            next += 1;
            let _ = freed.send(held);
            let Some(outcome) = outcome else { continue };
            tally.count(&outcome);
            if let Err(failure) = sink.write(&outcome) {
                job.progress.finish_and_clear();
                return failure.exit();
            }
        }
    }
    if let Err(failure) = sink.flush() {
        job.progress.finish_and_clear();
        return failure.exit();
    }
    job.progress.finish_and_clear();
    tally.finish()
}

/// The inputs in flight (extracted or waiting to be written), as the
/// reader thread sees them.
#[derive(Default)]
struct Window {
    inputs: usize,
    bytes: usize,
}

impl Window {
    /// Waits until an input holding `bytes` fits, counting the records
    /// written meanwhile (`permits` carries the bytes each freed); `false`
    /// when the writer is gone.
    fn admit(&mut self, bytes: usize, permits: &mpsc::Receiver<usize>) -> bool {
        while let Ok(freed) = permits.try_recv() {
            self.release(freed);
        }
        while self.inputs >= WINDOW_INPUTS
            || (self.inputs > 0 && self.bytes.saturating_add(bytes) > WINDOW_BYTES)
        {
            match permits.recv() {
                Ok(freed) => self.release(freed),
                Err(_) => return false,
            }
        }
        self.inputs += 1;
        self.bytes += bytes;
        true
    }

    fn release(&mut self, bytes: usize) {
        self.inputs -= 1;
        self.bytes -= bytes;
    }
}

/// A bar on standard error when it is a terminal; none when it is a file
/// or a pipe, so logs stay clean. With no total (archives), a count.
pub(super) fn progress_bar(total: Option<usize>) -> ProgressBar {
    if total.is_some_and(|total| total < 2) || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total as u64),
            "{bar:40} {pos}/{len} pages, {per_sec}, {eta} left",
        ),
        None => (ProgressBar::no_length(), "{spinner} {pos} pages, {per_sec}"),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
