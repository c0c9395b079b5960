//! Text pages end to end: the seed pages in `fixtures/seeds`, and the
//! benchmark text dumps from `../shared/data/text-dumps` when present.
//! Pages are loaded outside the timed loop; throughput is in bytes.
//!
//! ```text
//! cargo bench --bench extract_text
//! ```

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench_pages(c: &mut Criterion, name: &str, pages: &[String]) {
    if pages.is_empty() {
        return;
    }
    let extractor = newsclip::Extractor::default();
    let mut group = c.benchmark_group("extract_text");
    group.throughput(Throughput::Bytes(support::total_bytes(pages)));
    group.bench_function(name, |b| {
        b.iter(|| {
            for page in pages {
                let _ = std::hint::black_box(extractor.extract_text(page));
            }
        })
    });
    group.finish();
}

fn extract_text(c: &mut Criterion) {
    let root = support::root();
    bench_pages(
        c,
        "seeds",
        &support::text_pages(&root.join("fixtures/seeds")),
    );
    for set in ["scrapinghub", "wcxb-articles-dev"] {
        let dumps = root.join("../shared/data/text-dumps").join(set);
        bench_pages(c, &format!("{set}_dumps"), &support::text_pages(&dumps));
    }
}

criterion_group!(benches, extract_text);
criterion_main!(benches);
