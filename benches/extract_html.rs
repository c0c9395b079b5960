//! HTML pages end to end beside `scraper::Html::parse_document` alone on
//! the same pages: the parse is the floor any scraper-based extractor
//! stands on, and the ratio of the two is what every step after the parse
//! costs. Pages are decoded outside the timed loop; throughput is in bytes.
//! After criterion's figures, one interleaved timing prints the ratio
//! itself (best of several rounds each, so a noisy neighbour hurts both).
//!
//! ```text
//! cargo bench --bench extract_html
//! ```

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::{Duration, Instant};

/// Rounds of the interleaved ratio timing.
const RATIO_ROUNDS: usize = 7;

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

fn time(run: impl FnOnce()) -> Duration {
    let start = Instant::now();
    run();
    start.elapsed()
}

fn extract_html(c: &mut Criterion) {
    let (name, pages) = support::benchmark_html();
    let bytes = support::total_bytes(&pages);
    let extractor = newsclip::Extractor::default();
    let mut group = c.benchmark_group(format!("extract_html/{name}"));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.bench_function("scraper_parse", |b| b.iter(|| parse_all(&pages)));
    group.bench_function("newsclip_extract", |b| {
        b.iter(|| extract_all(&extractor, &pages))
    });
    group.finish();

    let mut parse = Duration::MAX;
    let mut extract = Duration::MAX;
    for _ in 0..RATIO_ROUNDS {
        parse = parse.min(time(|| parse_all(&pages)));
        extract = extract.min(time(|| extract_all(&extractor, &pages)));
    }
    let megabytes = bytes as f64 / 1e6;
    println!(
        "extract_html/{name}: {} pages, {megabytes:.1} MB: parse {:.0} MB/s, extract {:.0} MB/s, \
         {:.2}x the parse",
        pages.len(),
        megabytes / parse.as_secs_f64(),
        megabytes / extract.as_secs_f64(),
        extract.as_secs_f64() / parse.as_secs_f64()
    );
}

criterion_group!(benches, extract_html);
criterion_main!(benches);
