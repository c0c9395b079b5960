//! The pathological pages of `fixtures/hostile` next to a normal page, all
//! through `extract_html_str`, with throughput in bytes: a page that costs
//! more per byte than the normal one shows it here. The issue's bar: the
//! 100,000-deep page and the 50 MB page within 3x the normal page's time
//! per byte (the 50 MB page against `normal_page_body`, the page it
//! repeats).
//!
//!
//! The `quadratic` group holds the shapes that once cost the square of
//! their size (issue 16, item 1: formatting elements left open in every
//! paragraph, one formatting element with megabytes of attributes) and a
//! flood of tiny paragraphs (item 6), each at 1, 4 and 16 MB beside the
//! normal page's body repeated to the same size. The bar: time per byte
//! within 3x the normal page's at every size. Figures in `README.md`.
//!
//! ```text
//! cargo bench --bench hostile
//! cargo bench --bench hostile -- quadratic
//! ```

#[path = "../tests/support/hostile.rs"]
mod hostile;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

fn bench_hostile(c: &mut Criterion) {
    let extractor = newsclip::Extractor::default();
    // Two normal pages: the real page whole, and one copy of the body the
    // 50 MB page repeats. The real page's head is three quarters of its
    // bytes and mostly scripts, which the pre-scan cuts for little, so
    // per byte it is cheaper than its own body: the 50 MB page compares
    // fairly only with the second.
    let mut pages = vec![
        ("normal_page", hostile::real_page()),
        ("normal_page_body", hostile::large_page(1)),
    ];
    pages.extend(
        hostile::large_kinds()
            .into_iter()
            .map(|(name, page)| (name.trim_end_matches(".html"), page)),
    );
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    for (name, page) in &pages {
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| std::hint::black_box(extractor.extract_html_str(page)))
        });
    }
    group.finish();
}

/// The sizes of the `quadratic` group, in megabytes.
const QUADRATIC_SIZES_MB: [usize; 3] = [1, 4, 16];

fn bench_quadratic(c: &mut Criterion) {
    let extractor = newsclip::Extractor::default();
    let mut group = c.benchmark_group("quadratic");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    for megabytes in QUADRATIC_SIZES_MB {
        let bytes = megabytes << 20;
        let pages = [
            ("normal_page_body", hostile::large_page(bytes)),
            ("misnested_formatting", hostile::misnested_formatting(bytes)),
            ("many_attributes", hostile::many_attributes(bytes)),
            ("tiny_paragraphs", hostile::tiny_paragraphs(bytes / 8)),
        ];
        for (name, page) in &pages {
            group.throughput(Throughput::Bytes(page.len() as u64));
            group.bench_function(format!("{name}/{megabytes}mb"), |b| {
                b.iter(|| std::hint::black_box(extractor.extract_html_str(page)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_hostile, bench_quadratic);
criterion_main!(benches);
