//! HTML pages end to end, by both front ends, beside
//! `scraper::Html::parse_document` alone on the same pages: the parse is
//! the floor any scraper-based extractor stands on, and the ratio of an
//! extraction to it is what the extraction costs in units of the parse.
//! The DOM front end parses and then walks the tree; the token front end
//! (the default) reads html5ever's tokens without building one. Pages
//! are decoded outside the timed loop; throughput is in bytes. Sets: the
//! 181 Scrapinghub pages and the 711 WCXB article pages when
//! `../shared/data` is beside the project, else the fixture pages.
//!
//! After criterion's figures, one interleaved timing prints the ratios
//! themselves (best of several rounds each, parse, DOM and tokens in turn,
//! so a noisy neighbour hurts all three alike):
//!
//! ```text
//! cargo bench --bench extract_html
//! cargo bench --bench extract_html -- ratios   # the ratios alone
//! ```

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsclip::{Config, Extractor, HtmlFrontEnd};
use std::time::{Duration, Instant};

/// Rounds of the interleaved ratio timing.
const RATIO_ROUNDS: usize = 7;

fn parse_all(pages: &[String]) {
    for page in pages {
        std::hint::black_box(scraper::Html::parse_document(std::hint::black_box(page)));
    }
}

fn extract_all(extractor: &Extractor, pages: &[String]) {
    for page in pages {
        let _ = std::hint::black_box(extractor.extract_html_str(std::hint::black_box(page)));
    }
}

fn time(run: impl FnOnce()) -> Duration {
    let start = Instant::now();
    run();
    start.elapsed()
}

/// The sets timed: a name and its decoded pages.
fn sets() -> Vec<(&'static str, Vec<String>)> {
    let mut sets = vec![support::benchmark_html()];
    let wcxb = support::html_pages(&support::root().join("../shared/data/wcxb-articles-dev/html"));
    if !wcxb.is_empty() {
        sets.push(("wcxb", wcxb));
    }
    sets
}

fn front_end(front_end: HtmlFrontEnd) -> Extractor {
    Extractor::new(Config::default().with_html_front_end(front_end))
}

fn extract_html(c: &mut Criterion) {
    let dom = front_end(HtmlFrontEnd::Dom);
    let tokens = front_end(HtmlFrontEnd::Tokens);
    for (name, pages) in sets() {
        let mut group = c.benchmark_group(format!("extract_html/{name}"));
        group.throughput(Throughput::Bytes(support::total_bytes(&pages)));
        group.sample_size(10);
        group.bench_function("scraper_parse", |b| b.iter(|| parse_all(&pages)));
        group.bench_function("newsclip_dom", |b| b.iter(|| extract_all(&dom, &pages)));
        group.bench_function("newsclip_tokens", |b| {
            b.iter(|| extract_all(&tokens, &pages))
        });
        group.finish();
    }
}

/// The interleaved timing: each front end's cost over the parse's.
fn ratios(_: &mut Criterion) {
    let dom = front_end(HtmlFrontEnd::Dom);
    let tokens = front_end(HtmlFrontEnd::Tokens);
    let default = Config::default().html_front_end;
    for (name, pages) in sets() {
        let (mut parse, mut by_dom, mut by_tokens) = (Duration::MAX, Duration::MAX, Duration::MAX);
        for _ in 0..RATIO_ROUNDS {
            parse = parse.min(time(|| parse_all(&pages)));
            by_dom = by_dom.min(time(|| extract_all(&dom, &pages)));
            by_tokens = by_tokens.min(time(|| extract_all(&tokens, &pages)));
        }
        let megabytes = support::total_bytes(&pages) as f64 / 1e6;
        let ratio = |run: Duration| run.as_secs_f64() / parse.as_secs_f64();
        println!(
            "extract_html/{name}: {} pages, {megabytes:.1} MB: parse {:.0} MB/s; \
             dom {:.2}x the parse, tokens {:.2}x the parse (default: {default:?})",
            pages.len(),
            megabytes / parse.as_secs_f64(),
            ratio(by_dom),
            ratio(by_tokens),
        );
    }
}

criterion_group!(benches, extract_html, ratios);
criterion_main!(benches);
