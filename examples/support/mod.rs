//! What the example binaries share: reading a page file, gunzipping it
//! when its first bytes say it is gzip data.

use std::io::Read;
use std::path::Path;

/// The bytes of the page at `path` (`-` for standard input), gunzipped
/// when they are gzip data.
pub fn read_page(path: &Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes).map(drop))
    };
    read.map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .read_to_end(&mut plain)
        .map_err(|error| format!("{} is not valid gzip: {error}", path.display()))?;
    Ok(plain)
}
