//! What the example binaries share: reading a page file, gunzipping it
//! when its first bytes say it is gzip data, within a size limit.

use std::io::Read;
use std::path::Path;

/// The bytes of the page at `path` (`-` for standard input), gunzipped
/// when they are gzip data. A page over `limit` bytes (before or after
/// gunzipping) fails without being read whole, so a huge file or a gzip
/// bomb costs no memory.
pub fn read_page(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let too_large = |size: String| {
        format!(
            "{}: the input is {size} bytes, over the limit of {limit} bytes",
            path.display()
        )
    };
    let cannot_read = |error: std::io::Error| format!("cannot read {}: {error}", path.display());
    let mut bytes = Vec::new();
    let cap = (limit as u64).saturating_add(1);
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
    } else {
        let file = std::fs::File::open(path).map_err(cannot_read)?;
        let size = file.metadata().map_err(cannot_read)?.len();
        if size > limit as u64 {
            return Err(too_large(size.to_string()));
        }
        file.take(cap)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
    }
    if bytes.len() > limit {
        return Err(too_large(format!("more than {limit}")));
    }
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .take(cap)
        .read_to_end(&mut plain)
        .map_err(|error| format!("{} is not valid gzip: {error}", path.display()))?;
    if plain.len() > limit {
        return Err(too_large(format!("more than {limit} (gunzipped)")));
    }
    Ok(plain)
}
