//! The classifier loop alone — the hot path — over lines already
//! segmented and measured: the seed pages (text) and the benchmark's HTML
//! pages. Reported twice: in lines per second (`elem/s`) and in bytes of
//! line text per second.
//!
//! ```text
//! cargo bench --bench classify
//! ```

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsclip::bench::MeasuredPage;

fn bench_set(c: &mut Criterion, name: &str, pages: &[MeasuredPage]) {
    if pages.is_empty() {
        return;
    }
    let lines: usize = pages.iter().map(MeasuredPage::lines).sum();
    let bytes: usize = pages.iter().map(MeasuredPage::text_bytes).sum();
    let classify_all = || {
        pages
            .iter()
            .map(|page| std::hint::black_box(page).classify_all())
            .sum::<usize>()
    };
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(lines as u64));
    group.bench_function(format!("{name}/lines"), |b| b.iter(classify_all));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("{name}/bytes"), |b| b.iter(classify_all));
    group.finish();
}

fn classify(c: &mut Criterion) {
    let seeds: Vec<MeasuredPage> = support::text_pages(&support::root().join("fixtures/seeds"))
        .iter()
        .map(|page| MeasuredPage::from_text(page))
        .collect();
    bench_set(c, "seeds", &seeds);
    let (name, html) = support::benchmark_html();
    let measured: Vec<MeasuredPage> = html
        .iter()
        .map(|page| MeasuredPage::from_html(page))
        .collect();
    bench_set(c, &format!("{name}_html"), &measured);
}

criterion_group!(benches, classify);
criterion_main!(benches);
