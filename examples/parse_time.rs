//! The median wall time of one pass of `scraper::Html::parse_document`
//! over a folder of HTML pages, for comparisons with tools timed in
//! another process: `scripts/compare-tools/speed.py` runs it before and
//! after the Python extractors, so the scraper parse, which newsclip's own
//! figures are a multiple of (`cargo bench --bench extract_html`), is
//! measured on the same loaded machine, minutes apart, and the tools can be
//! put as multiples of it too. With `--newsclip`, newsclip's extraction of
//! the same pages is timed as well, pass for pass after each parse.
//!
//! ```text
//! cargo build --release --example parse_time
//! target/release/examples/parse_time ../shared/data/scrapinghub/html 9
//! target/release/examples/parse_time --newsclip ../shared/data/scrapinghub/html 9
//! ```
//!
//! Pages are read, gunzipped and decoded before the passes (lossy UTF-8,
//! as the benches decode them: the Scrapinghub pages are all UTF-8), on
//! one thread. Each pass is timed twice: wall time, and the CPU time the
//! thread ran (Linux's `/proc/thread-self/schedstat`), which a shared,
//! loaded machine disturbs far less, since time spent waiting for a core
//! is not in it. One tab-separated line per measure goes to standard
//! output: `name pages bytes wall_median wall_min wall_max cpu_median`
//! (seconds; `cpu_median` is `-` where the kernel does not say).

mod support;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Passes when none is given: enough for a median on a noisy machine.
const DEFAULT_PASSES: usize = 9;

/// Refuses a page larger than this, as the extract example does.
const MAX_PAGE_BYTES: usize = 64 << 20;

struct Args {
    newsclip: bool,
    folder: PathBuf,
    passes: usize,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("parse_time: {message}");
            eprintln!("usage: parse_time [--newsclip] FOLDER [PASSES]");
            return ExitCode::from(2);
        }
    };
    let pages = match read_pages(&args.folder) {
        Ok(pages) => pages,
        Err(message) => {
            eprintln!("parse_time: {message}");
            return ExitCode::from(1);
        }
    };
    let extractor = newsclip::Extractor::default();
    let mut parse = Vec::with_capacity(args.passes);
    let mut extract = Vec::with_capacity(args.passes);
    for _ in 0..args.passes {
        parse.push(time_pass(|| parse_all(&pages)));
        if args.newsclip {
            extract.push(time_pass(|| extract_all(&extractor, &pages)));
        }
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    print_measure("scraper_parse", pages.len(), bytes, &parse);
    if args.newsclip {
        print_measure("newsclip_extract", pages.len(), bytes, &extract);
    }
    ExitCode::SUCCESS
}

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut newsclip = false;
    let mut positional = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--newsclip" => newsclip = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag:?}")),
            _ => positional.push(arg),
        }
    }
    let (folder, passes) = match positional.as_slice() {
        [folder] => (folder, DEFAULT_PASSES),
        [folder, passes] => (folder, parse_passes(passes)?),
        _ => return Err("give one FOLDER and at most one PASSES".to_string()),
    };
    Ok(Args {
        newsclip,
        folder: PathBuf::from(folder),
        passes,
    })
}

fn parse_passes(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(passes) if passes > 0 => Ok(passes),
        _ => Err(format!(
            "PASSES must be a whole number above 0, not {text:?}"
        )),
    }
}

/// The `.html` / `.html.gz` pages of `folder`, in name order, as text.
fn read_pages(folder: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(folder)
        .map_err(|error| format!("cannot read the folder {}: {error}", folder.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".html") || name.ends_with(".html.gz")
        })
        .collect();
    if paths.is_empty() {
        return Err(format!(
            "{} holds no .html or .html.gz page",
            folder.display()
        ));
    }
    paths.sort();
    paths
        .iter()
        .map(|path| {
            support::read_page(path, MAX_PAGE_BYTES)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

fn parse_all(pages: &[String]) {
    for page in pages {
        std::hint::black_box(scraper::Html::parse_document(std::hint::black_box(page)));
    }
}

fn extract_all(extractor: &newsclip::Extractor, pages: &[String]) {
    for page in pages {
        let _ = std::hint::black_box(extractor.extract_html_str(std::hint::black_box(page)));
    }
}

/// One pass's wall and CPU seconds.
struct PassTime {
    wall: f64,
    cpu: Option<f64>,
}

fn time_pass(run: impl FnOnce()) -> PassTime {
    let cpu_start = thread_cpu_seconds();
    let started = Instant::now();
    run();
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_start
        .zip(thread_cpu_seconds())
        .map(|(start, end)| end - start);
    PassTime { wall, cpu }
}

/// Seconds this thread has run on a CPU, from the first field of
/// `/proc/thread-self/schedstat` (nanoseconds); `None` off Linux.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn print_measure(name: &str, pages: usize, bytes: usize, passes: &[PassTime]) {
    let mut wall: Vec<f64> = passes.iter().map(|pass| pass.wall).collect();
    let wall_median = median(&mut wall);
    let (min, max) = (wall[0], wall[wall.len() - 1]);
    let cpu = match passes
        .iter()
        .map(|pass| pass.cpu)
        .collect::<Option<Vec<f64>>>()
    {
        Some(mut cpu) => format!("{:.6}", median(&mut cpu)),
        None => "-".to_string(),
    };
    println!("{name}\t{pages}\t{bytes}\t{wall_median:.6}\t{min:.6}\t{max:.6}\t{cpu}");
}
