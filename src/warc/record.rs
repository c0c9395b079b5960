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
//!
//! Resynchronisation finds the next `WARC/1.` wherever it starts: after
//! junk on the same line, inside the head of a record cut short, or inside
//! the span a wrong `Content-Length` claims. A block counts as read only
//! when a record's end follows it (the two line ends, or the next version
//! line); otherwise its bytes are put back and searched, so the intact
//! records a cut or over-long record swallowed are still read. Of an
//! oversized span, the bytes from its first version line on are held (at
//! most the block limit of them) for the same purpose. Bytes put back are
//! checked where they lie, so damage never costs more than linear time.

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
    input: Lookahead<R>,
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
    /// When the file cannot be opened or read, and when it is not a
    /// regular file (a FIFO, socket or device), which is refused before it
    /// is opened so that nothing blocks waiting for a writer.
    pub fn open(path: impl AsRef<Path>) -> io::Result<Self> {
        let kind = std::fs::metadata(&path)?.file_type();
        if !kind.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a regular file ({})", crate::warc::file_kind(&kind)),
            ));
        }
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
            input: Lookahead::new(input),
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
        let (headers, head) = match self.read_head(start) {
            Ok(read) => read,
            Err(error) => return Some(Err(self.fail(error))),
        };
        let block_length = match content_length(&headers) {
            Ok(length) => length,
            Err(reason) => {
                self.put_back_after_first_byte(head);
                return Some(Err(self.fail(WarcError::Malformed {
                    offset: start,
                    reason,
                })));
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

    /// Makes bytes already read the next ones to read again, so the search
    /// for the next record after a damaged one looks inside them too.
    fn put_back(&mut self, bytes: Vec<u8>) {
        self.offset -= bytes.len() as u64;
        self.input.unread(bytes);
    }

    /// Puts back a damaged record's head but for its first byte: the
    /// search for the next version line starts one byte past the record's
    /// start, so it cannot find the same record again.
    fn put_back_after_first_byte(&mut self, mut head: Vec<u8>) {
        if !head.is_empty() {
            head.remove(0);
            self.put_back(head);
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

    fn consume(&mut self, count: usize) {
        self.input.consume(count);
        self.offset += count as u64;
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
            self.consume(blank);
            if more {
                return Ok(true);
            }
        }
    }

    /// Reads one line (with its line end) of at most
    /// [`MAX_HEADER_LINE_BYTES`], appending it to `head`; returns the
    /// line's length, 0 at the end of input.
    fn read_line(&mut self, head: &mut Vec<u8>) -> Result<usize, WarcError> {
        let read = (&mut self.input)
            .take(MAX_HEADER_LINE_BYTES)
            .read_until(b'\n', head);
        match read {
            Ok(count) => {
                self.offset += count as u64;
                Ok(count)
            }
            Err(error) => Err(self.io_error(error)),
        }
    }

    /// The version line and the header fields up to the blank line, with
    /// the head's bytes as read. A malformed head is put back but for its
    /// first byte (it may hold the version line of a record that follows
    /// one cut short).
    fn read_head(&mut self, start: u64) -> Result<(Fields, Vec<u8>), WarcError> {
        let mut head = Vec::with_capacity(512);
        match self.parse_head(start, &mut head) {
            Ok(headers) => Ok((headers, head)),
            Err(error @ WarcError::Malformed { .. }) => {
                self.put_back_after_first_byte(head);
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// Reads a head into `head` and parses its fields.
    fn parse_head(&mut self, start: u64, head: &mut Vec<u8>) -> Result<Fields, WarcError> {
        let malformed = |reason: &str| WarcError::Malformed {
            offset: start,
            reason: reason.to_string(),
        };
        let line_start = head.len();
        self.read_line(head)?;
        if !head[line_start..].starts_with(b"WARC/") {
            return Err(malformed("no WARC/1.x version line where a record starts"));
        }
        let mut headers: Vec<(String, String)> = Vec::with_capacity(16);
        loop {
            let line_start = head.len();
            if self.read_line(head)? == 0 {
                return Err(malformed("the archive ends inside a record's header"));
            }
            let line = &head[line_start..];
            if !line.ends_with(b"\n") {
                return Err(malformed("a header line is over 64 KiB"));
            }
            let text = String::from_utf8_lossy(line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                return Ok(headers);
            }
            if ends_with_version(text) {
                return Err(malformed(
                    "a header line runs into a WARC/1.x version line (a record cut short)",
                ));
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
    /// the rest skipped. A block that does not end where a record ends
    /// (its `Content-Length` runs past it, or the archive ends inside it)
    /// is malformed, and its bytes are put back to look for the next
    /// record in.
    fn read_block(&mut self, length: u64, start: u64) -> Result<Vec<u8>, WarcError> {
        if self.input.has_pending() {
            return self.read_block_in_place(length, start);
        }
        if length > self.max_block_bytes {
            return self.read_oversized_block(length, start);
        }
        // The declared length is untrusted: grow the buffer as bytes come.
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        let read = (&mut self.input).take(length).read_to_end(&mut block);
        let read = read.map_err(|error| self.io_error(error))? as u64;
        self.offset += read;
        if read == length && self.block_ends_a_record()? {
            return Ok(block);
        }
        self.put_back(block);
        Err(wrong_length(start, length, read))
    }

    /// A block that starts in bytes put back after a damaged record: its
    /// end is checked where the bytes lie, before any is consumed, and a
    /// wrong length leaves them all for the search to look through. Each
    /// false start in the put-back bytes then costs its head, not its
    /// claimed length, so reading stays linear.
    fn read_block_in_place(&mut self, length: u64, start: u64) -> Result<Vec<u8>, WarcError> {
        const LOOKAHEAD: usize = 16;
        let offset = self.offset;
        let io_error = |source| WarcError::Io { offset, source };
        let kept = length.min(self.max_block_bytes);
        let wanted = usize::try_from(kept)
            .unwrap_or(usize::MAX)
            .saturating_add(LOOKAHEAD);
        let pending = self.input.peek(wanted).map_err(io_error)?;
        let in_place = length <= pending.len() as u64;
        if !in_place && length > self.max_block_bytes {
            if find_version_line(pending, 0).is_none() {
                // Nothing to come back to in the put-back bytes: read on
                // as any oversized block.
                return self.read_oversized_block(length, start);
            }
            return Err(WarcError::Malformed {
                offset: start,
                reason: format!(
                    "the block of {length} bytes its Content-Length gives runs past a \
                     WARC/1.x version line (a wrong length, or a record cut short)"
                ),
            });
        }
        if !in_place {
            return Err(wrong_length(start, length, pending.len() as u64));
        }
        let end = length as usize;
        if !ends_a_record(&pending[end..], LOOKAHEAD) {
            return Err(wrong_length(start, length, length));
        }
        let keep = if length <= self.max_block_bytes {
            end
        } else {
            end.min(OVERSIZED_BLOCK_PREFIX_BYTES as usize)
        };
        let block = pending[..keep].to_vec();
        self.consume(end);
        Ok(block)
    }

    /// An oversized block: its first [`OVERSIZED_BLOCK_PREFIX_BYTES`] kept,
    /// the rest skipped. The skipped bytes from the first version line on
    /// are held, so that when the block turns out not to end where a record
    /// ends they are put back and the records its claimed span swallowed
    /// are read. Once the block limit of them is held, the span is taken
    /// for a wrong length rather than held further: memory stays bounded,
    /// and every record after the version line is read.
    fn read_oversized_block(&mut self, length: u64, start: u64) -> Result<Vec<u8>, WarcError> {
        let mut block = Vec::with_capacity(OVERSIZED_BLOCK_PREFIX_BYTES as usize);
        let mut held = Vec::new();
        let hold_limit = usize::try_from(self.max_block_bytes).unwrap_or(usize::MAX);
        let mut read = 0;
        while read < length && held.len() < hold_limit.max(1) {
            let chunk = self.buffered()?;
            if chunk.is_empty() {
                break;
            }
            let take = chunk
                .len()
                .min(usize::try_from(length - read).unwrap_or(usize::MAX));
            let chunk = &chunk[..take];
            let prefix_room = (OVERSIZED_BLOCK_PREFIX_BYTES as usize).saturating_sub(block.len());
            block.extend_from_slice(&chunk[..take.min(prefix_room)]);
            hold_from_version_line(&mut held, chunk);
            self.consume(take);
            read += take as u64;
        }
        if read == length && self.block_ends_a_record()? {
            return Ok(block);
        }
        let held_from = self.offset - held.len() as u64;
        let stopped_holding = read < length && held.len() >= hold_limit.max(1);
        self.put_back(held);
        if stopped_holding {
            return Err(WarcError::Malformed {
                offset: start,
                reason: format!(
                    "the block of {length} bytes its Content-Length gives runs past a \
                     WARC/1.x version line at byte {held_from} (a wrong length, or a record cut short)"
                ),
            });
        }
        Err(wrong_length(start, length, read))
    }

    /// Whether what follows a block is a record's end (see
    /// [`ends_a_record`]).
    fn block_ends_a_record(&mut self) -> Result<bool, WarcError> {
        const LOOKAHEAD: usize = 16;
        let offset = self.offset;
        let ahead = self
            .input
            .peek(LOOKAHEAD)
            .map_err(|source| WarcError::Io { offset, source })?;
        Ok(ends_a_record(ahead, LOOKAHEAD))
    }

    /// Skips to the next `WARC/1.` wherever it starts (at a line start or
    /// after junk on the same line), leaving it unread; `false` when the
    /// input ends first.
    fn skip_to_version_line(&mut self) -> Result<bool, WarcError> {
        loop {
            let buffer = self.buffered()?;
            if buffer.is_empty() {
                return Ok(false);
            }
            let skip = match memchr::memmem::find(buffer, VERSION) {
                Some(at) => {
                    self.consume(at);
                    return Ok(true);
                }
                // A version line may start in the buffer's last bytes.
                None => partial_version_at_end(buffer).unwrap_or(buffer.len()),
            };
            if skip > 0 {
                self.consume(skip);
                continue;
            }
            // The buffer is all a start of `WARC/1.`: look further.
            let offset = self.offset;
            let ahead = self
                .input
                .peek(VERSION.len())
                .map_err(|source| WarcError::Io { offset, source })?;
            if ahead.starts_with(VERSION) {
                return Ok(true);
            }
            let skip = if ahead.len() < VERSION.len() {
                ahead.len()
            } else {
                1
            };
            self.consume(skip);
        }
    }
}

/// Whether `ahead`, the bytes after a block (up to `lookahead` of them),
/// are a record's end: the two line ends, line ends and the end of input,
/// or the next version line. The end of input right after the block, with
/// no line end, is a record cut short: its length may have swallowed the
/// records before the end.
fn ends_a_record(ahead: &[u8], lookahead: usize) -> bool {
    let ahead = &ahead[..ahead.len().min(lookahead)];
    let line_ends = ahead
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    let rest = &ahead[line_ends..];
    let ends_input = rest.is_empty() && line_ends > 0 && ahead.len() < lookahead;
    ahead.starts_with(b"\r\n\r\n")
        || ahead.starts_with(b"\n\n")
        || ends_input
        || rest.starts_with(b"WARC/")
}

/// A record's header fields, in archive order.
type Fields = Vec<(String, String)>;

/// How every version line starts.
const VERSION: &[u8] = b"WARC/1.";

/// A block whose declared length does not end where a record ends.
fn wrong_length(start: u64, length: u64, read: u64) -> WarcError {
    let reason = if read < length {
        format!("the archive ends {read} bytes into a block of {length}")
    } else {
        format!(
            "no record end after the block of {length} bytes its Content-Length gives \
             (a wrong length, or a record cut short)"
        )
    };
    WarcError::Malformed {
        offset: start,
        reason,
    }
}

/// Whether a header line ends with a version line (`…WARC/1.0`): the head
/// of a record cut short, run into the next record's.
fn ends_with_version(line: &str) -> bool {
    let digits = line.trim_end_matches(|c: char| c.is_ascii_digit());
    digits.len() < line.len() && digits.ends_with("WARC/1.")
}

/// Where a start of [`VERSION`] (but not all of it) ends `bytes`.
fn partial_version_at_end(bytes: &[u8]) -> Option<usize> {
    (1..VERSION.len())
        .rev()
        .find(|&length| bytes.ends_with(&VERSION[..length]))
        .map(|length| bytes.len() - length)
}

/// Whether `bytes` start with a version line (`WARC/1.0` and a line
/// end); `None` when too few bytes are there to tell.
fn starts_with_version_line(bytes: &[u8]) -> Option<bool> {
    const LINE: usize = VERSION.len() + 2;
    let known = bytes.len().min(LINE);
    let prefix_matches = bytes[..known.min(VERSION.len())] == VERSION[..known.min(VERSION.len())];
    let digit_matches = bytes.get(VERSION.len()).is_none_or(u8::is_ascii_digit);
    let end_matches = bytes
        .get(VERSION.len() + 1)
        .is_none_or(|&b| b == b'\r' || b == b'\n');
    if !(prefix_matches && digit_matches && end_matches) {
        return Some(false);
    }
    (known == LINE).then_some(true)
}

/// Where the first version line (or a start of one at the end) is in
/// `bytes`, from `from` on.
fn find_version_line(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let found = match memchr::memmem::find(&bytes[at..], VERSION) {
            Some(found) => at + found,
            None => return partial_version_at_end(&bytes[at..]).map(|partial| at + partial),
        };
        if starts_with_version_line(&bytes[found..]) != Some(false) {
            return Some(found);
        }
        at = found + 1;
    }
    None
}

/// Adds a skipped chunk to `held`, which always starts at a version line
/// (or what may be one: a start of it at its end). Bytes are dropped only
/// while a candidate is a few bytes long, so the cost stays linear.
fn hold_from_version_line(held: &mut Vec<u8>, chunk: &[u8]) {
    if held.is_empty() {
        let Some(at) = find_version_line(chunk, 0) else {
            return;
        };
        held.extend_from_slice(&chunk[at..]);
    } else {
        held.extend_from_slice(chunk);
    }
    if starts_with_version_line(held) == Some(false) {
        match find_version_line(held, 1) {
            Some(at) => {
                held.drain(..at);
            }
            None => held.clear(),
        }
    }
}

/// A buffered reader that bytes can be put back into, and that can look a
/// few bytes ahead across its inner buffer's end.
struct Lookahead<R> {
    inner: R,
    /// Bytes put back or peeked, read before the inner reader's.
    ahead: Vec<u8>,
    /// How much of `ahead` is read.
    position: usize,
}

impl<R: BufRead> Lookahead<R> {
    fn new(inner: R) -> Self {
        Lookahead {
            inner,
            ahead: Vec::new(),
            position: 0,
        }
    }

    fn pending(&self) -> &[u8] {
        &self.ahead[self.position..]
    }

    fn has_pending(&self) -> bool {
        self.position < self.ahead.len()
    }

    /// Makes `bytes` the next ones read, before any still pending. Bytes
    /// just read from the pending ones are not copied: the read position
    /// steps back over them.
    fn unread(&mut self, mut bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        let back = self.position.checked_sub(bytes.len());
        if back.is_some_and(|back| self.ahead[back..self.position] == bytes[..]) {
            self.position -= bytes.len();
            return;
        }
        bytes.extend_from_slice(self.pending());
        self.ahead = bytes;
        self.position = 0;
    }

    /// The next `count` bytes (fewer at the end of input), left unread.
    /// Read bytes are dropped from the front only when they are most of
    /// the buffer, so repeated peeks cost what they add.
    fn peek(&mut self, count: usize) -> io::Result<&[u8]> {
        if self.pending().len() < count && self.position > self.ahead.len() / 2 {
            self.ahead.drain(..self.position);
            self.position = 0;
        }
        while self.pending().len() < count {
            let missing = count - self.pending().len();
            let chunk = match self.inner.fill_buf() {
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                other => other?,
            };
            if chunk.is_empty() {
                break;
            }
            let take = chunk.len().min(missing);
            self.ahead.extend_from_slice(&chunk[..take]);
            self.inner.consume(take);
        }
        let pending = self.pending();
        Ok(&pending[..count.min(pending.len())])
    }
}

impl<R: BufRead> Read for Lookahead<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(out.len());
        out[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl<R: BufRead> BufRead for Lookahead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.position < self.ahead.len() {
            return Ok(&self.ahead[self.position..]);
        }
        if !self.ahead.is_empty() {
            self.ahead = Vec::new();
            self.position = 0;
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, count: usize) {
        if self.position < self.ahead.len() {
            self.position += count;
        } else {
            self.inner.consume(count);
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

    /// The URIs of the records read, and how many errors came between.
    fn uris_and_errors(results: &[Result<WarcRecord, WarcError>]) -> (Vec<&str>, usize) {
        let uris = results
            .iter()
            .filter_map(|result| result.as_ref().ok())
            .map(|record| record.target_uri().unwrap_or(""))
            .collect();
        let errors = results.iter().filter(|result| result.is_err()).count();
        (uris, errors)
    }

    #[test]
    fn a_version_line_after_junk_on_the_same_line_starts_a_record() {
        let mut archive = record("response", "https://a.example/1", b"one");
        archive.extend_from_slice(b"junk without a line end");
        archive.extend(record("response", "https://a.example/2", b"two"));
        archive.extend(record("response", "https://a.example/3", b"three"));
        let results = read_all(&archive);
        let (uris, errors) = uris_and_errors(&results);
        assert_eq!(
            uris,
            [
                "https://a.example/1",
                "https://a.example/2",
                "https://a.example/3"
            ]
        );
        assert_eq!(errors, 1, "the junk is reported once");
        assert_eq!(results[2].as_ref().unwrap().block(), b"two");
    }

    #[test]
    fn a_content_length_past_the_block_loses_no_record_after_it() {
        for claimed in [7, 40, 200, 5_000] {
            let mut archive = record("response", "https://a.example/1", b"one");
            let mut long = record("response", "https://a.example/long", b"short block");
            let declared = format!("Content-Length: {}", "short block".len());
            let at = memchr::memmem::find(&long, declared.as_bytes()).unwrap();
            long.splice(
                at..at + declared.len(),
                format!("Content-Length: {}", "short block".len() + claimed).into_bytes(),
            );
            archive.extend(long);
            archive.extend(record("response", "https://a.example/2", b"two"));
            archive.extend(record("response", "https://a.example/3", b"three"));
            let results = read_all(&archive);
            let (uris, errors) = uris_and_errors(&results);
            assert_eq!(
                uris,
                [
                    "https://a.example/1",
                    "https://a.example/2",
                    "https://a.example/3"
                ],
                "{claimed} bytes too many"
            );
            assert_eq!(errors, 1, "{claimed} bytes too many: {results:?}");
        }
    }

    #[test]
    fn a_content_length_past_the_limit_loses_no_record_after_it() {
        let mut archive = record("response", "https://a.example/1", b"one");
        archive.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900000000000\r\n\r\nshort\r\n\r\n",
        );
        // More records than the reader holds (1,000 bytes): it stops
        // holding and reads them all, the oversized one among them.
        let mut expected = vec!["https://a.example/1".to_string()];
        for index in 2..40 {
            let uri = format!("https://a.example/{index}");
            let block = if index == 20 {
                vec![b'x'; 3000]
            } else {
                b"two".to_vec()
            };
            archive.extend(record("response", &uri, &block));
            expected.push(uri);
        }
        let results: Vec<_> = WarcReader::new(&archive[..])
            .with_max_block_bytes(1000)
            .collect();
        let (uris, errors) = uris_and_errors(&results);
        assert_eq!(uris, expected);
        assert_eq!(errors, 1, "{results:?}");
    }

    #[test]
    fn an_oversized_block_holding_a_version_line_is_one_record() {
        let mut block = vec![b'x'; 2000];
        block.extend(record("response", "https://a.example/inner", b"inner"));
        block.extend(vec![b'y'; 500]);
        let mut archive = record("resource", "https://a.example/big", &block);
        archive.extend(record("response", "https://a.example/2", b"two"));
        let results: Vec<_> = WarcReader::new(&archive[..])
            .with_max_block_bytes(1000)
            .collect();
        let (uris, errors) = uris_and_errors(&results);
        assert_eq!(uris, ["https://a.example/big", "https://a.example/2"]);
        assert_eq!(errors, 0);
        assert_eq!(
            results[0].as_ref().unwrap().block_length(),
            block.len() as u64
        );
    }

    #[test]
    fn false_records_with_long_lengths_after_damage_cost_linear_time() {
        for claimed in ["900000", "900000000000"] {
            let fake = format!("WARC/1.0\r\nContent-Length: {claimed}\r\n\r\n");
            let mut archive = b"WARC/1.0\r\nContent-Length: 5\r\n\r\n".to_vec();
            archive.extend(fake.repeat(50_000).into_bytes());
            archive.extend(record("response", "https://a.example/2", b"two"));
            let started = std::time::Instant::now();
            let results: Vec<_> = WarcReader::new(&archive[..])
                .with_max_block_bytes(1 << 20)
                .collect();
            let elapsed = started.elapsed();
            assert_eq!(
                uris_and_errors(&results).0.last(),
                Some(&"https://a.example/2")
            );
            assert!(elapsed.as_secs() < 5, "{claimed}: {elapsed:?}");
        }
    }

    #[test]
    fn a_long_run_of_false_version_lines_costs_linear_time() {
        let noise = b"WARC/1.x ".repeat(2_000_000);
        let mut archive = record("resource", "https://a.example/noise", &noise);
        archive.extend(record("response", "https://a.example/2", b"two"));
        let started = std::time::Instant::now();
        let results: Vec<_> = WarcReader::new(&archive[..])
            .with_max_block_bytes(1000)
            .collect();
        assert_eq!(uris_and_errors(&results).0.len(), 2);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn a_record_cut_short_loses_no_record_after_it() {
        let whole = record("response", "https://a.example/cut", &vec![b'x'; 500]);
        // Cut in the block, in the head between lines, and inside a head line.
        let head_end = memchr::memmem::find(&whole, b"\r\n\r\n").unwrap();
        let second_line = memchr::memchr(b'\n', &whole).unwrap() + 1;
        for cut in [
            whole.len() - 300,
            head_end + 2,
            second_line,
            second_line + 5,
        ] {
            let mut archive = record("response", "https://a.example/1", b"one");
            archive.extend_from_slice(&whole[..cut]);
            archive.extend(record("response", "https://a.example/2", b"two"));
            archive.extend(record("response", "https://a.example/3", b"three"));
            let results = read_all(&archive);
            let (uris, errors) = uris_and_errors(&results);
            assert_eq!(
                uris,
                [
                    "https://a.example/1",
                    "https://a.example/2",
                    "https://a.example/3"
                ],
                "cut at {cut}: {results:?}"
            );
            assert_eq!(errors, 1, "cut at {cut}: {results:?}");
        }
    }

    #[test]
    fn a_block_holding_a_version_line_is_read_whole_when_its_length_is_right() {
        let inner = record("response", "https://a.example/inner", b"inner");
        let mut archive = record("resource", "https://a.example/archive.warc", &inner);
        archive.extend(record("response", "https://a.example/2", b"two"));
        let results = read_all(&archive);
        let (uris, errors) = uris_and_errors(&results);
        assert_eq!(
            uris,
            ["https://a.example/archive.warc", "https://a.example/2"]
        );
        assert_eq!(errors, 0);
        assert_eq!(results[0].as_ref().unwrap().block(), &inner[..]);
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
