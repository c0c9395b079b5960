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
//! cargo bench --bench extract_html -- hostile   # the ratios and the hostile pages
//! ```
//!
//! With `hostile` among the arguments, the pathological pages of
//! `tests/support/hostile.rs` (the large kinds, and the quadratic shapes
//! of issue 16 at 1, 4 and 16 MB) go through both front ends too, each
//! timed per byte against the normal page body they are built beside:
//! the bar is 3x.

mod support;

#[path = "../tests/support/hostile.rs"]
mod hostile;

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
        let (mut prescan, mut tokenizer) = (Duration::MAX, Duration::MAX);
        for _ in 0..RATIO_ROUNDS {
            parse = parse.min(time(|| parse_all(&pages)));
            by_dom = by_dom.min(time(|| extract_all(&dom, &pages)));
            by_tokens = by_tokens.min(time(|| extract_all(&tokens, &pages)));
            prescan = prescan.min(time(|| each_page(&pages, newsclip::bench::prescan)));
            tokenizer = tokenizer.min(time(|| {
                each_page(&pages, newsclip::bench::prescan_and_tokenize);
            }));
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
        // The floor under the token front end: what it costs before it
        // builds anything.
        println!(
            "extract_html/{name}: floor: the pre-scan alone {:.2}x the parse, \
             the pre-scan and html5ever's tokenizer with an empty sink {:.2}x",
            ratio(prescan),
            ratio(tokenizer),
        );
    }
}

/// Runs `step` on every page, keeping what it returns so that the work
/// is not optimised away.
fn each_page(pages: &[String], step: fn(&str) -> usize) {
    let kept: usize = pages.iter().map(|page| step(page)).sum();
    std::hint::black_box(kept);
}

/// Rounds of each hostile page's timing.
const HOSTILE_ROUNDS: usize = 3;

/// The hostile pages' cost per byte over the normal page body's, by
/// front end (only with `hostile` among the arguments).
fn hostile_pages(_: &mut Criterion) {
    if !std::env::args().any(|arg| arg == "hostile") {
        return;
    }
    let mut pages = vec![("normal_page_body".to_owned(), hostile::large_page(1))];
    pages.extend(
        hostile::large_kinds()
            .into_iter()
            .map(|(name, page)| (name.trim_end_matches(".html").to_owned(), page)),
    );
    for megabytes in [1usize, 4, 16] {
        let bytes = megabytes << 20;
        pages.push((
            format!("misnested_formatting/{megabytes}mb"),
            hostile::misnested_formatting(bytes),
        ));
        pages.push((
            format!("many_attributes/{megabytes}mb"),
            hostile::many_attributes(bytes),
        ));
        pages.push((
            format!("tiny_paragraphs/{megabytes}mb"),
            hostile::tiny_paragraphs(bytes / 8),
        ));
    }
    for front_end in [HtmlFrontEnd::Dom, HtmlFrontEnd::Tokens] {
        let extractor = self::front_end(front_end);
        let per_byte = |page: &String| {
            let best = (0..HOSTILE_ROUNDS)
                .map(|_| time(|| extract_all(&extractor, std::slice::from_ref(page))))
                .min()
                .unwrap_or_default();
            best.as_secs_f64() * 1e9 / page.len() as f64
        };
        let normal = per_byte(&pages[0].1);
        for (name, page) in &pages {
            let cost = per_byte(page);
            println!(
                "hostile/{front_end:?}/{name}: {:.1} MB, {cost:.1} ns/byte, {:.2}x the normal page body",
                page.len() as f64 / 1e6,
                cost / normal
            );
        }
    }
}

criterion_group!(benches, extract_html, ratios, hostile_pages);
criterion_main!(benches);
