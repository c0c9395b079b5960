//! Reading a page file, gunzipping it when its first bytes say it is gzip
//! data, within a size limit, and writing paths exactly. The example
//! binaries read pages with it too (`examples/support/mod.rs`).

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
            display_path(path)
        )
    };
    let cannot_read =
        |error: std::io::Error| format!("cannot read {}: {error}", display_path(path));
    let mut bytes = Vec::new();
    let cap = (limit as u64).saturating_add(1);
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
    } else {
        // A FIFO, socket or device would block the batch, or never end:
        // refused before it is opened.
        let kind = std::fs::metadata(path).map_err(cannot_read)?.file_type();
        if !kind.is_file() {
            return Err(format!(
                "{}: not a regular file ({}), not read",
                display_path(path),
                file_kind(&kind)
            ));
        }
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
        .map_err(|error| format!("{} is not valid gzip: {error}", display_path(path)))?;
    if plain.len() > limit {
        return Err(too_large(format!("more than {limit} (gunzipped)")));
    }
    Ok(plain)
}

/// What kind of file that is not a regular file is, for messages.
pub fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        return "a directory";
    }
    "a special file"
}

/// A path as records and messages write it: as it is when it is UTF-8;
/// otherwise each byte that is not part of valid UTF-8 as `\xNN` (two
/// lower-case hex digits) and each backslash as `\\`, so the exact bytes
/// can be recovered from the text.
pub fn display_path(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.to_owned();
    }
    escape_bytes(path_bytes(path).as_ref())
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    // Elsewhere an OS string that is not Unicode has no portable bytes:
    // its lossy form, escaped the same way.
    std::borrow::Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

/// Bytes as text: valid UTF-8 runs as they are (backslashes doubled),
/// every other byte as `\xNN`.
fn escape_bytes(mut bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + 8);
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(valid) => (valid, &[][..]),
            Err(error) => {
                let (valid, rest) = bytes.split_at(error.valid_up_to());
                // The prefix was just checked: it is UTF-8.
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
        };
        text.push_str(&valid.replace('\\', "\\\\"));
        let Some((&bad, rest)) = rest.split_first() else {
            return text;
        };
        text.push_str(&format!("\\x{bad:02x}"));
        bytes = rest;
    }
}
