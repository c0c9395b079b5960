//! Text pages end to end: the seed pages in `fixtures/seeds`, and the
//! benchmark text dumps from `../shared/data/text-dumps` when present.
//! Pages are loaded outside the timed loop; throughput is in bytes.
//!
//! ```text
//! cargo bench --bench extract_text
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn load_pages(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect()
}

fn bench_pages(c: &mut Criterion, name: &str, pages: &[String]) {
    if pages.is_empty() {
        return;
    }
    let extractor = newsclip::Extractor::default();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("extract_text");
    group.throughput(Throughput::Bytes(bytes as u64));
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench_pages(c, "seeds", &load_pages(&root.join("fixtures/seeds")));
    let dumps = root.join("../shared/data/text-dumps/scrapinghub");
    bench_pages(c, "scrapinghub_dumps", &load_pages(&dumps));
}

criterion_group!(benches, extract_text);
criterion_main!(benches);
