//! Gold text of the development sets, from either benchmark layout:
//! `ground-truth.json` (id → `{articleBody, url}`, as Scrapinghub, Dragnet,
//! CleanEval and L3S-GN1 give it) or `ground-truth/<id>.json` (WCXB, with
//! `ground_truth.main_content` and `url`).

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Gold text and URL (when the set gives one) by page id.
pub type Gold = BTreeMap<String, (String, Option<String>)>;

pub fn load_gold(dir: &Path) -> Result<Gold, String> {
    let single = dir.join("ground-truth.json");
    if single.is_file() {
        let all = read_json(&single)?;
        let entries = all
            .as_object()
            .ok_or_else(|| format!("{}: not an object", single.display()))?;
        let urls = url_mapping(dir);
        return Ok(entries
            .iter()
            .map(|(id, entry)| {
                let url = entry["url"]
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| urls.get(id).cloned());
                (id.clone(), (text_of(&entry["articleBody"]), url))
            })
            .collect());
    }
    Ok(wcxb_pages(dir)?
        .into_iter()
        .map(|(id, page)| {
            let url = page["url"].as_str().map(str::to_owned);
            (id, (text_of(&page["ground_truth"]["main_content"]), url))
        })
        .collect())
}

/// Every page record of a WCXB-layout set (`ground-truth/<id>.json`), with
/// its id.
pub fn wcxb_pages(dir: &Path) -> Result<Vec<(String, Value)>, String> {
    let folder = dir.join("ground-truth");
    let entries = std::fs::read_dir(&folder).map_err(|error| {
        format!(
            "{}: {error} (want a WCXB-layout set with ground-truth/<id>.json)",
            folder.display()
        )
    })?;
    let mut pages = Vec::new();
    for path in entries.flatten().map(|entry| entry.path()) {
        if path.extension().is_some_and(|ext| ext == "json") {
            let id = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            pages.push((id, read_json(&path)?));
        }
    }
    Ok(pages)
}

/// L3S-GN1 keeps its URLs apart: `url-mapping.txt`, `<urn:uuid:ID>\tURL`.
fn url_mapping(dir: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(dir.join("url-mapping.txt")) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|line| {
            let (key, url) = line.split_once('\t')?;
            let id = key.trim_start_matches("<urn:uuid:").trim_end_matches('>');
            Some((id.to_owned(), url.trim().to_owned()))
        })
        .collect()
}

fn text_of(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text =
        std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
}
