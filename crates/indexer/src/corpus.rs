//! Corpus readers: JSON Lines (plain or gzip) and plain-text articles, walked recursively.
//!
//! A malformed record is returned as a [`Rejected`] naming its file and line, and reading
//! goes on with the next one.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::text;

/// Bodies larger than this are not articles (a dump pasted into one field, a binary).
pub const MAX_BODY_BYTES: usize = 4 << 20;

/// Longest JSON line read: room for the largest body with every character escaped as
/// `\uXXXX`. A longer line is skipped unread, so one huge record cannot exhaust memory.
pub const MAX_RECORD_BYTES: usize = 4 * MAX_BODY_BYTES;

/// One corpus record as written, before enrichment.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawDoc {
    #[serde(default, deserialize_with = "lenient_string")]
    pub id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub published: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}

/// Accepts a string or a number (ids and dates are sometimes written as numbers); an
/// object, a list or a boolean rejects the record rather than lose the field unsaid.
fn lenient_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde::de::Error;
    let v = Option::<serde_json::Value>::deserialize(d)?;
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(D::Error::custom(format!(
            "id and published take a string or a number, not {}",
            match other {
                serde_json::Value::Bool(_) => "true or false",
                serde_json::Value::Array(_) => "a list",
                _ => "an object",
            }
        ))),
    }
}

/// Where a record came from.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: PathBuf,
    /// 1-based line for JSON Lines; 0 for a whole-file record.
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file.display())
        } else {
            write!(f, "{}:{}", self.file.display(), self.line)
        }
    }
}

/// A record that could not be read.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub origin: Origin,
    pub reason: String,
}

/// A record read from the corpus: a document, or why it was rejected.
pub type Record = Result<(Origin, RawDoc), Rejected>;

/// Kinds of files the readers understand.
fn kind(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        Some("jsonl.gz")
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some("jsonl")
    } else if name.ends_with(".txt") {
        Some("txt")
    } else {
        None
    }
}

/// Files under `paths` (files or directories), sorted so builds are reproducible; files of
/// unknown kinds are returned separately so the caller can report them.
pub fn list_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        for entry in walkdir::WalkDir::new(p)
            .sort_by_file_name()
            .follow_links(true)
        {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.into_path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if kind(&path).is_some() {
                files.push(path);
            } else if !hidden
                && path
                    .file_name()
                    .is_some_and(|n| n != "README.md" && n != "LICENSE")
            {
                skipped.push(path);
            }
        }
    }
    (files, skipped)
}

/// Reads every record of one file, calling `f` for each.
pub fn read_file(path: &Path, f: &mut dyn FnMut(Record)) {
    read_file_counting(path, &|_| {}, f);
}

/// A file as read: reports each read's size, in bytes as stored (compressed or not).
struct Counting<'a, R> {
    inner: R,
    read: &'a dyn Fn(u64),
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.read)(n as u64);
        Ok(n)
    }
}

/// [`read_file`], calling `read` with the size of each read of the file as stored, for
/// progress over the corpus's bytes.
pub fn read_file_counting(path: &Path, read: &dyn Fn(u64), f: &mut dyn FnMut(Record)) {
    let origin = |line| Origin {
        file: path.to_path_buf(),
        line,
    };
    let file = match File::open(path) {
        Ok(file) => Counting { inner: file, read },
        Err(e) => {
            return f(Err(Rejected {
                origin: origin(0),
                reason: format!("cannot open: {e}"),
            }));
        }
    };
    match kind(path) {
        Some("jsonl.gz") => read_jsonl(
            BufReader::new(flate2::read::MultiGzDecoder::new(file)),
            path,
            f,
        ),
        Some("jsonl") => read_jsonl(BufReader::new(file), path, f),
        Some("txt") => {
            let mut bytes = Vec::new();
            let record = match BufReader::new(file).read_to_end(&mut bytes) {
                Err(e) => Err(format!("cannot read: {e}")),
                Ok(_) => match String::from_utf8(match bytes.strip_prefix(BOM) {
                    Some(rest) => rest.to_vec(),
                    None => bytes,
                }) {
                    Err(e) => Err(format!(
                        "invalid UTF-8 at byte {}",
                        e.utf8_error().valid_up_to()
                    )),
                    Ok(s) => {
                        let id = path
                            .file_stem()
                            .and_then(|s| s.to_str())
                            .map(str::to_string);
                        Ok(text::parse_plain_text(&s, id))
                    }
                },
            };
            f(record
                .and_then(validate)
                .map(|d| (origin(0), d))
                .map_err(|reason| Rejected {
                    origin: origin(0),
                    reason,
                }));
        }
        _ => f(Err(Rejected {
            origin: origin(0),
            reason: "unknown file kind".into(),
        })),
    }
}

/// The UTF-8 byte-order mark, dropped from the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn read_jsonl(mut reader: impl BufRead, path: &Path, f: &mut dyn FnMut(Record)) {
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        line += 1;
        let origin = Origin {
            file: path.to_path_buf(),
            line,
        };
        let limit = MAX_RECORD_BYTES as u64 + 1;
        let read = reader
            .by_ref()
            .take(limit)
            .read_until(b'\n', &mut buf)
            .and_then(|n| match buf.len() > MAX_RECORD_BYTES {
                true => skip_line(&mut reader).map(|_| n),
                false => Ok(n),
            });
        match read {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                return f(Err(Rejected {
                    origin,
                    reason: format!("read error, rest of file skipped: {e}"),
                }));
            }
        }
        if buf.len() > MAX_RECORD_BYTES {
            f(Err(Rejected {
                origin,
                reason: format!("record over the {MAX_RECORD_BYTES} byte limit, skipped"),
            }));
            continue;
        }
        // Editors on Windows start a UTF-8 file with a byte-order mark.
        let bytes = match line {
            1 => buf.strip_prefix(BOM).unwrap_or(&buf),
            _ => &buf[..],
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = std::str::from_utf8(bytes)
            .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))
            .and_then(|s| serde_json::from_str::<RawDoc>(s).map_err(|e| format!("bad JSON: {e}")))
            .and_then(validate);
        f(record
            .map(|d| (origin.clone(), d))
            .map_err(|reason| Rejected { origin, reason }));
    }
}

/// Reads past the rest of a line without keeping it.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(());
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
}

fn validate(doc: RawDoc) -> Result<RawDoc, String> {
    match doc.body.as_deref().map(str::trim) {
        None => Err("no body".into()),
        Some("") => Err("empty body".into()),
        Some(b) if b.len() > MAX_BODY_BYTES => Err(format!(
            "body of {} bytes is over the {} byte limit",
            b.len(),
            MAX_BODY_BYTES
        )),
        Some(_) => Ok(doc),
    }
}
