//! WARC records from a byte stream: [`WarcReader`] and [`WarcRecord`].
//!
//! A WARC file (ISO 28500) is a run of records, each a version line
//! (`WARC/1.0` or `WARC/1.1`), named header fields, a blank line, a block
//! of exactly `Content-Length` bytes, then two line ends. Common Crawl
//! gzips each record as its own gzip member; [`WarcReader::open`] reads
//! plain and gzipped files alike.
//!
//! Memory stays bounded by one record: a block over the reader's size
//! limit keeps only its first bytes (enough for the HTTP head), and the
//! rest is skipped as it streams past. A record whose head cannot be read
//! is reported once, then the reader looks for the next version line, so
//! one damaged record does not lose the rest of the archive.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The longest header line read; a longer one is a damaged record.
const MAX_HEADER_LINE_BYTES: u64 = 64 * 1024;

/// The most header fields one record may have.
const MAX_HEADER_FIELDS: usize = 1024;

/// How much of an oversized block is kept: the HTTP status line and
/// headers of any real response fit, so the record can still be named and
/// told apart from other kinds.
const OVERSIZED_BLOCK_PREFIX_BYTES: u64 = 64 * 1024;

/// What went wrong reading an archive (rather than one page in it).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcError {
    /// The underlying reader failed: a read error, or a gzip member that
    /// is corrupt or cut short. Reading stops here.
    #[error("cannot read the archive at byte {offset}: {source}")]
    Io {
        /// Where in the (uncompressed) archive the failure happened.
        offset: u64,
        /// The reader's error.
        #[source]
        source: io::Error,
    },
    /// A record's head is not WARC: no version line, a header line
    /// without a colon, no `Content-Length`, or the archive ends inside a
    /// record. Reading resumes at the next version line.
    #[error("malformed WARC record at byte {offset}: {reason}")]
    Malformed {
        /// Where in the (uncompressed) archive the record starts.
        offset: u64,
        /// What is wrong with it.
        reason: String,
    },
}

/// One WARC record: its header fields and its block (for a `response`
/// record, the HTTP response as the crawler received it).
#[derive(Clone, PartialEq, Eq)]
pub struct WarcRecord {
    offset: u64,
    headers: Vec<(String, String)>,
    block: Vec<u8>,
    block_length: u64,
}

impl WarcRecord {
    /// Where the record starts in the (uncompressed) archive.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The first value of a header field, by case-insensitive name.
    ///
    /// ```
    /// use newsclip::warc::WarcReader;
    ///
    /// let archive = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
    /// let record = WarcReader::new(&archive[..]).next().unwrap()?;
    /// assert_eq!(record.header("warc-type"), Some("warcinfo"));
    /// # Ok::<(), newsclip::warc::WarcError>(())
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// All header fields, in archive order.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

    /// `WARC-Type`: `response`, `request`, `warcinfo`, `metadata`…
    pub fn record_type(&self) -> Option<&str> {
        self.header("WARC-Type")
    }

    /// `WARC-Target-URI`: the URL the record was fetched from.
    pub fn target_uri(&self) -> Option<&str> {
        // WARC 1.0 examples wrap the URI in angle brackets; 1.1 does not.
        self.header("WARC-Target-URI")
            .map(|uri| uri.trim_start_matches('<').trim_end_matches('>'))
    }

    /// `WARC-Record-ID`, such as `<urn:uuid:…>`.
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID")
    }

    /// `WARC-Date`, the capture time (`2026-11-23T14:35:44Z`).
    pub fn date(&self) -> Option<&str> {
        self.header("WARC-Date")
    }

    /// The block's bytes: all of them, or only the first ones when the
    /// block was over the reader's limit (see [`WarcRecord::is_complete`]).
    pub fn block(&self) -> &[u8] {
        &self.block
    }

    /// The block's length as the record declares it (`Content-Length`).
    pub fn block_length(&self) -> u64 {
        self.block_length
    }

    /// Whether [`WarcRecord::block`] holds the whole block.
    pub fn is_complete(&self) -> bool {
        self.block.len() as u64 == self.block_length
    }
}

impl fmt::Debug for WarcRecord {
    /// The head and the block's size, not its bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WarcRecord")
            .field("offset", &self.offset)
            .field("headers", &self.headers)
            .field("block_length", &self.block_length)
            .field("block_bytes_kept", &self.block.len())
            .finish()
    }
}

/// An iterator over the records of a WARC stream.
///
/// ```
/// use newsclip::warc::WarcReader;
///
/// let archive = b"WARC/1.1\r\n\
///     WARC-Type: response\r\n\
///     WARC-Target-URI: https://example.com/a\r\n\
///     Content-Length: 5\r\n\r\n\
///     hello\r\n\r\n";
/// let records: Vec<_> = WarcReader::new(&archive[..]).collect::<Result<_, _>>()?;
/// assert_eq!(records.len(), 1);
/// assert_eq!(records[0].target_uri(), Some("https://example.com/a"));
/// assert_eq!(records[0].block(), b"hello");
/// # Ok::<(), newsclip::warc::WarcError>(())
/// ```
pub struct WarcReader<R> {
    input: R,
    offset: u64,
    max_block_bytes: u64,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At a record boundary.
    Ready,
    /// After a malformed head: skip to the next version line.
    Resync,
    /// After an I/O error or the end of input.
    Done,
}

impl WarcReader<Box<dyn BufRead + Send>> {
    /// Opens a WARC file, plain or gzipped (one gzip member per record, as
    /// Common Crawl writes them, or the whole file as one member). Gzip is
    /// told by its magic bytes, not the file name.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened or read.
    pub fn open(path: impl AsRef<Path>) -> io::Result<Self> {
        let mut file = BufReader::with_capacity(1 << 16, File::open(path)?);
        let is_gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let input: Box<dyn BufRead + Send> = if is_gzip {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::bufread::MultiGzDecoder::new(file),
            ))
        } else {
            Box::new(file)
        };
        Ok(WarcReader::new(input))
    }
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over an uncompressed WARC stream, keeping blocks of up to
    /// [`crate::DEFAULT_MAX_INPUT_BYTES`] whole.
    pub fn new(input: R) -> Self {
        WarcReader {
            input,
            offset: 0,
            max_block_bytes: crate::DEFAULT_MAX_INPUT_BYTES as u64,
            state: State::Ready,
        }
    }

    /// Keeps blocks of up to `bytes` whole; of a longer block only the
    /// first 64 KiB are kept and the rest is skipped unread into memory.
    pub fn with_max_block_bytes(mut self, bytes: usize) -> Self {
        self.max_block_bytes = bytes as u64;
        self
    }

    /// Reads the next record, or `None` at a clean end of input.
    fn read_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        if self.state == State::Resync {
            match self.skip_to_version_line() {
                Ok(true) => self.state = State::Ready,
                Ok(false) => return self.finish(None),
                Err(error) => return self.finish(Some(error)),
            }
        }
        match self.skip_line_ends() {
            Ok(true) => {}
            Ok(false) => return self.finish(None),
            Err(error) => return self.finish(Some(error)),
        }
        let start = self.offset;
        let headers = match self.read_head(start) {
            Ok(headers) => headers,
            Err(error) => return Some(Err(self.fail(error))),
        };
        let block_length = match content_length(&headers) {
            Ok(length) => length,
            Err(reason) => {
                return Some(Err(self.fail(WarcError::Malformed {
                    offset: start,
                    reason,
                })))
            }
        };
        let block = match self.read_block(block_length, start) {
            Ok(block) => block,
            Err(error) => return Some(Err(self.fail(error))),
        };
        Some(Ok(WarcRecord {
            offset: start,
            headers,
            block,
            block_length,
        }))
    }

    /// Ends the iteration, with one last error if there is one.
    fn finish(&mut self, error: Option<WarcError>) -> Option<Result<WarcRecord, WarcError>> {
        self.state = State::Done;
        error.map(Err)
    }

    /// Records the error's effect on the reader: an I/O failure ends it, a
    /// malformed record sends it looking for the next version line.
    fn fail(&mut self, error: WarcError) -> WarcError {
        self.state = match error {
            WarcError::Io { .. } => State::Done,
            WarcError::Malformed { .. } => State::Resync,
        };
        error
    }

    fn io_error(&self, source: io::Error) -> WarcError {
        WarcError::Io {
            offset: self.offset,
            source,
        }
    }

    /// The input's buffered bytes, read on when the buffer is empty
    /// (retrying an interrupted read); empty at the end of input.
    fn buffered(&mut self) -> Result<&[u8], WarcError> {
        let offset = self.offset;
        loop {
            match self.input.fill_buf() {
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(source) => return Err(WarcError::Io { offset, source }),
                Ok(_) => break,
            }
        }
        // The buffer is full now: this call only returns it.
        self.input
            .fill_buf()
            .map_err(|source| WarcError::Io { offset, source })
    }

    /// Skips the line ends between records; `false` at the end of input.
    fn skip_line_ends(&mut self) -> Result<bool, WarcError> {
        loop {
            let buffer = self.buffered()?;
            if buffer.is_empty() {
                return Ok(false);
            }
            let blank = buffer
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            let more = blank < buffer.len();
            self.input.consume(blank);
            self.offset += blank as u64;
            if more {
                return Ok(true);
            }
        }
    }

    /// Reads one line (with its line end) of at most
    /// [`MAX_HEADER_LINE_BYTES`]; empty at the end of input.
    fn read_line(&mut self, line: &mut Vec<u8>) -> Result<(), WarcError> {
        line.clear();
        let read = (&mut self.input)
            .take(MAX_HEADER_LINE_BYTES)
            .read_until(b'\n', line);
        match read {
            Ok(count) => {
                self.offset += count as u64;
                Ok(())
            }
            Err(error) => Err(self.io_error(error)),
        }
    }

    /// The version line and the header fields up to the blank line.
    fn read_head(&mut self, start: u64) -> Result<Vec<(String, String)>, WarcError> {
        let malformed = |reason: &str| WarcError::Malformed {
            offset: start,
            reason: reason.to_string(),
        };
        let mut line = Vec::with_capacity(128);
        self.read_line(&mut line)?;
        if !line.starts_with(b"WARC/") {
            return Err(malformed("no WARC/1.x version line where a record starts"));
        }
        let mut headers: Vec<(String, String)> = Vec::with_capacity(16);
        loop {
            self.read_line(&mut line)?;
            if line.is_empty() {
                return Err(malformed("the archive ends inside a record's header"));
            }
            if !line.ends_with(b"\n") {
                return Err(malformed("a header line is over 64 KiB"));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                return Ok(headers);
            }
            if text.starts_with([' ', '\t']) {
                // A folded continuation of the previous field's value.
                match headers.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(text.trim());
                        continue;
                    }
                    None => return Err(malformed("a continuation line before any field")),
                }
            }
            let Some((name, value)) = text.split_once(':') else {
                return Err(malformed("a header line without a colon"));
            };
            if headers.len() == MAX_HEADER_FIELDS {
                return Err(malformed("more than 1024 header fields"));
            }
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }

    /// The block: whole when within the limit, else its first bytes with
    /// the rest skipped.
    fn read_block(&mut self, length: u64, start: u64) -> Result<Vec<u8>, WarcError> {
        let kept = if length <= self.max_block_bytes {
            length
        } else {
            length.min(OVERSIZED_BLOCK_PREFIX_BYTES)
        };
        // The declared length is untrusted: grow the buffer as bytes come.
        let mut block = Vec::with_capacity(kept.min(1 << 20) as usize);
        let read = (&mut self.input).take(kept).read_to_end(&mut block);
        let read = read.map_err(|error| self.io_error(error))? as u64;
        self.offset += read;
        let skipped = if read == kept {
            io::copy(&mut (&mut self.input).take(length - kept), &mut io::sink())
                .map_err(|error| self.io_error(error))?
        } else {
            0
        };
        self.offset += skipped;
        if read + skipped < length {
            return Err(WarcError::Malformed {
                offset: start,
                reason: format!(
                    "the archive ends {} bytes into a block of {length}",
                    read + skipped
                ),
            });
        }
        Ok(block)
    }

    /// Skips lines up to the next one that starts with `WARC/1.`, leaving
    /// it unread; `false` when the input ends first.
    fn skip_to_version_line(&mut self) -> Result<bool, WarcError> {
        loop {
            let buffer = self.buffered()?;
            if buffer.is_empty() {
                return Ok(false);
            }
            if buffer.len() >= 7 && buffer.starts_with(b"WARC/1.") {
                return Ok(true);
            }
            if buffer.len() < 7 && b"WARC/1.".starts_with(buffer) {
                // Too few bytes buffered to tell; read on by one line.
                let mut line = Vec::new();
                self.read_line(&mut line)?;
                continue;
            }
            let skip = match memchr::memchr(b'\n', buffer) {
                Some(end) => end + 1,
                None => buffer.len(),
            };
            self.input.consume(skip);
            self.offset += skip as u64;
        }
    }
}

/// The block length a record declares.
fn content_length(headers: &[(String, String)]) -> Result<u64, String> {
    let value = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, value)| value)
        .ok_or_else(|| "no Content-Length field".to_string())?;
    value
        .parse::<u64>()
        .map_err(|_| format!("Content-Length {value:?} is not a byte count"))
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.state == State::Done {
            return None;
        }
        self.read_record()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    fn read_all(bytes: &[u8]) -> Vec<Result<WarcRecord, WarcError>> {
        WarcReader::new(bytes).collect()
    }

    #[test]
    fn records_are_read_in_order_with_their_blocks() {
        let mut archive = record("warcinfo", "", b"software: test\r\n");
        archive.extend(record("response", "https://a.example/1", b"one"));
        archive.extend(record("response", "<https://a.example/2>", b"two\r\n\r\n"));
        let records: Vec<WarcRecord> = read_all(&archive).into_iter().map(Result::unwrap).collect();
        assert_eq!(records.len(), 3);
        assert_eq!(records[1].target_uri(), Some("https://a.example/1"));
        assert_eq!(records[1].block(), b"one");
        assert_eq!(records[2].target_uri(), Some("https://a.example/2"));
        assert_eq!(records[2].block(), b"two\r\n\r\n");
        assert_eq!(records[0].offset(), 0);
        assert!(records[2].offset() > records[1].offset());
    }

    #[test]
    fn an_empty_stream_has_no_records() {
        assert!(read_all(b"").is_empty());
        assert!(read_all(b"\r\n\r\n").is_empty());
    }

    #[test]
    fn a_damaged_record_is_reported_once_and_reading_resumes() {
        let mut archive = record("response", "https://a.example/1", b"one");
        archive.extend_from_slice(b"garbage that is not a record\r\nmore garbage\r\n");
        archive.extend(record("response", "https://a.example/2", b"two"));
        let results = read_all(&archive);
        assert_eq!(results.len(), 3);
        assert!(results[0].is_ok());
        assert!(matches!(results[1], Err(WarcError::Malformed { .. })));
        assert_eq!(results[2].as_ref().unwrap().block(), b"two");
    }

    #[test]
    fn a_record_without_a_length_is_malformed() {
        let mut archive = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n".to_vec();
        archive.extend(record("response", "https://a.example/2", b"two"));
        let results = read_all(&archive);
        assert!(
            matches!(&results[0], Err(WarcError::Malformed { reason, .. }) if reason.contains("Content-Length"))
        );
        assert_eq!(results.last().unwrap().as_ref().unwrap().block(), b"two");
    }

    #[test]
    fn an_archive_cut_inside_a_block_ends_with_an_error() {
        let archive = record("response", "https://a.example/1", b"a block of some length");
        let results = read_all(&archive[..archive.len() - 10]);
        assert_eq!(results.len(), 1);
        assert!(
            matches!(&results[0], Err(WarcError::Malformed { reason, .. }) if reason.contains("ends"))
        );
    }

    #[test]
    fn oversized_blocks_keep_their_head_and_skip_the_rest() {
        let big = vec![b'x'; 200_000];
        let mut archive = record("response", "https://a.example/big", &big);
        archive.extend(record("response", "https://a.example/small", b"small"));
        let records: Vec<WarcRecord> = WarcReader::new(&archive[..])
            .with_max_block_bytes(100_000)
            .map(Result::unwrap)
            .collect();
        assert_eq!(records.len(), 2);
        assert!(!records[0].is_complete());
        assert_eq!(records[0].block_length(), 200_000);
        assert_eq!(
            records[0].block().len() as u64,
            OVERSIZED_BLOCK_PREFIX_BYTES
        );
        assert!(records[1].is_complete());
        assert_eq!(records[1].block(), b"small");
    }

    #[test]
    fn folded_header_lines_are_joined() {
        let archive =
            b"WARC/1.0\r\nWARC-Type: response\r\nX-Note: one\r\n  two\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
        let results = read_all(archive);
        assert_eq!(
            results[0].as_ref().unwrap().header("x-note"),
            Some("one two")
        );
    }

    #[test]
    fn gzip_members_per_record_are_read_as_one_stream() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut gzipped = Vec::new();
        for (index, body) in [b"one".as_slice(), b"two"].iter().enumerate() {
            let mut member = GzEncoder::new(Vec::new(), Compression::fast());
            let uri = format!("https://a.example/{index}");
            member.write_all(&record("response", &uri, body)).unwrap();
            gzipped.extend(member.finish().unwrap());
        }
        let path =
            std::env::temp_dir().join(format!("newsclip-test-{}.warc.gz", std::process::id()));
        std::fs::write(&path, &gzipped).unwrap();
        let records: Vec<WarcRecord> = WarcReader::open(&path)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].block(), b"two");
    }
}
