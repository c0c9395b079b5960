//! What the command line names, as inputs: page files, the files below a
//! directory, the records of a WARC archive, the lines of `--stream`.

use super::files::{display_path, file_kind};
use super::program;
use newsclip::warc::{WarcReader, WarcRecord};
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How much of an over-long `--stream` line is kept to name its `url`.
pub(super) const STREAM_URL_PREFIX_BYTES: usize = 64 * 1024;

/// One input to extract: a page file, a place that could not be listed
/// (which still gets its record), or a line of `--stream` input.
pub(super) enum Input {
    Page(PathBuf),
    Unlisted {
        path: PathBuf,
        error: String,
    },
    Streamed {
        number: usize,
        line: Result<Vec<u8>, LineFault>,
    },
    /// A `response` record of a WARC archive, the `number`th record of
    /// it (from 1).
    Archived {
        archive: Arc<str>,
        number: usize,
        record: WarcRecord,
    },
    /// A part of a WARC archive that could not be read: the `number`th
    /// record, or 0 for the archive as a whole.
    ArchiveDamage {
        archive: Arc<str>,
        number: usize,
        error: String,
    },
}

/// Why a `--stream` line was not read whole.
pub(super) enum LineFault {
    /// Over the limit: its size and first bytes (for its `url`).
    TooLong { size: u64, prefix: Vec<u8> },
    /// Standard input failed.
    Unreadable(String),
}

impl Input {
    /// The bytes this input holds in memory while it waits.
    pub(super) fn held_bytes(&self) -> usize {
        match self {
            Input::Archived { record, .. } => record.block().len(),
            Input::Streamed { line: Ok(line), .. } => line.len(),
            _ => 0,
        }
    }
}

/// `--stream` input: one [`Input::Streamed`] per line, each read with a
/// bounded buffer. A line over the limit is not held: its first bytes are
/// kept (to name its `url`) and the rest is skipped to the next line end.
pub(super) struct StreamLines<R> {
    input: R,
    limit: usize,
    number: usize,
    done: bool,
}

impl<R: BufRead> StreamLines<R> {
    pub(super) fn new(input: R, limit: usize) -> Self {
        StreamLines {
            input,
            limit,
            number: 0,
            done: false,
        }
    }

    /// The next line without its line end, `None` at the end of input.
    fn read_line(&mut self) -> Option<Result<Vec<u8>, LineFault>> {
        let mut line = Vec::new();
        let mut size: u64 = 0;
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let buffer = match self.input.fill_buf() {
                Ok(buffer) => buffer,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    self.done = true;
                    return Some(Err(LineFault::Unreadable(error.to_string())));
                }
            };
            if buffer.is_empty() {
                self.done = true;
                if !read_any {
                    return None;
                }
                break;
            }
            read_any = true;
            let newline = memchr::memchr(b'\n', buffer);
            let content = &buffer[..newline.unwrap_or(buffer.len())];
            size += content.len() as u64;
            if !too_long && size > self.limit as u64 {
                too_long = true;
                line.truncate(STREAM_URL_PREFIX_BYTES);
            }
            let room = if too_long {
                STREAM_URL_PREFIX_BYTES.saturating_sub(line.len())
            } else {
                content.len()
            };
            line.extend_from_slice(&content[..room.min(content.len())]);
            let consumed = newline.map_or(buffer.len(), |at| at + 1);
            self.input.consume(consumed);
            if newline.is_some() {
                break;
            }
        }
        if line.last() == Some(&b'\r') && !too_long {
            line.pop();
        }
        Some(if too_long {
            Err(LineFault::TooLong { size, prefix: line })
        } else {
            Ok(line)
        })
    }
}

impl<R: BufRead> Iterator for StreamLines<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
            return None;
        }
        let line = self.read_line()?;
        self.number += 1;
        Some(Input::Streamed {
            number: self.number,
            line,
        })
    }
}

/// A WARC file becomes its `response` records, read one at a time as
/// they are extracted; any other input stays as it is. An archive with no
/// record at all ends with an error input, as an empty directory does.
pub(super) fn archive_records(
    input: Input,
    limit: usize,
) -> Box<dyn Iterator<Item = Input> + Send> {
    let path = match input {
        Input::Page(path) if is_warc_file(&path) => path,
        other => return Box::new(std::iter::once(other)),
    };
    let archive: Arc<str> = Arc::from(display_path(&path));
    let reader = match WarcReader::open(&path) {
        Ok(reader) => reader.with_max_block_bytes(limit),
        Err(error) => {
            let error = format!("cannot read {archive}: {error}");
            return Box::new(std::iter::once(Input::ArchiveDamage {
                archive,
                number: 0,
                error,
            }));
        }
    };
    let seen = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&seen);
    let empty_archive = Arc::clone(&archive);
    let records = reader
        .inspect(move |_| {
            counted.fetch_add(1, Ordering::Relaxed);
        })
        .enumerate()
        .filter_map(move |(index, record)| match record {
            Ok(record) => record
                .record_type()
                .is_some_and(|kind| kind.eq_ignore_ascii_case("response"))
                .then(|| Input::Archived {
                    archive: Arc::clone(&archive),
                    number: index + 1,
                    record,
                }),
            Err(error) => Some(Input::ArchiveDamage {
                archive: Arc::clone(&archive),
                number: index + 1,
                error: format!("{archive}: {error}"),
            }),
        });
    // Asked only once the records are read: the chain is lazy.
    let when_empty = std::iter::from_fn(move || {
        let error = format!("{empty_archive}: the archive holds no WARC record (an empty file?)");
        Some(Input::ArchiveDamage {
            error,
            number: 0,
            archive: Arc::clone(&empty_archive),
        })
    })
    .take(1)
    .filter(move |_| seen.load(Ordering::Relaxed) == 0);
    Box::new(records.chain(when_empty))
}

/// WARC archives are told by name: `.warc` or `.warc.gz`.
pub(super) fn is_warc_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Directories become their page files, sorted by path, so output order is
/// stable. Symbolic links to directories are not followed (no loops). A
/// directory with no page file in it becomes an error input, so that it is
/// not passed over in silence.
pub(super) fn expand_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut walk = Walk::default();
            walk.collect(path);
            walk.found.sort_by(|a, b| input_path(a).cmp(input_path(b)));
            if let Some(note) = walk.skipped_note() {
                eprintln!("{}: {}: {note}", program(), display_path(path));
            }
            if walk.found.is_empty() {
                let error = format!(
                    "{}: no page file in the directory (pages are named .txt, .text, .html, .htm, \
                     .xhtml, .warc, or any of them .gz){}",
                    display_path(path),
                    walk.skipped_note()
                        .map(|note| format!("; {note}"))
                        .unwrap_or_default()
                );
                inputs.push(Input::Unlisted {
                    path: path.clone(),
                    error,
                });
            }
            inputs.extend(walk.found);
        } else {
            inputs.push(Input::Page(path.clone()));
        }
    }
    inputs
}

fn input_path(input: &Input) -> &Path {
    match input {
        Input::Page(path) | Input::Unlisted { path, .. } => path,
        Input::Archived { archive, .. } | Input::ArchiveDamage { archive, .. } => {
            Path::new(&**archive)
        }
        Input::Streamed { .. } => Path::new("-"),
    }
}

/// A walk of one directory given on the command line.
#[derive(Default)]
struct Walk {
    found: Vec<Input>,
    /// Regular files passed over because their names are not page names.
    skipped_names: usize,
    /// The first of them, to show what was passed over.
    first_skipped: Option<PathBuf>,
}

impl Walk {
    fn collect(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                let error = format!("cannot list directory {}: {error}", display_path(dir));
                self.found.push(Input::Unlisted {
                    path: dir.to_path_buf(),
                    error,
                });
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let error = format!("cannot list an entry of {}: {error}", display_path(dir));
                    self.found.push(Input::Unlisted {
                        path: dir.to_path_buf(),
                        error,
                    });
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                self.collect(&path);
            } else if !is_page_file(&path) {
                self.skipped_names += 1;
                self.first_skipped.get_or_insert(path);
            } else if let Some(kind) = special_file(&path) {
                // A FIFO would block the batch forever: never opened.
                eprintln!(
                    "{}: passing over {}: not a regular file ({kind})",
                    program(),
                    display_path(&path)
                );
            } else {
                self.found.push(Input::Page(path));
            }
        }
    }

    /// What the walk passed over for its name, if anything.
    fn skipped_note(&self) -> Option<String> {
        let first = self.first_skipped.as_ref()?;
        let count = self.skipped_names;
        let files = if count == 1 {
            "file passed over, its name not a page name"
        } else {
            "files passed over, their names not page names"
        };
        Some(format!("{count} {files} (such as {})", display_path(first)))
    }
}

/// What a path is when it is there but not a regular file or a directory
/// (a FIFO, socket or device), following symbolic links.
fn special_file(path: &Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    (!kind.is_file() && !kind.is_dir()).then(|| file_kind(&kind))
}

/// Files a directory contributes: saved pages, not notes or label files.
fn is_page_file(path: &Path) -> bool {
    const PAGE_EXTENSIONS: [&str; 7] = ["txt", "text", "html", "htm", "xhtml", "gz", "warc"];
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            PAGE_EXTENSIONS
                .iter()
                .any(|page| page.eq_ignore_ascii_case(ext))
        })
}
