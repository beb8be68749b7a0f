//! A file on disk before decoding: hashed, and loaded, except a large
//! unpacked Apple Health export, which is read as a stream.

use super::{FileOutcome, Format, Read, ReadContext, apple_health, outcome, read_hashed};
use std::path::Path;

/// Files larger than this are looked at (their first 4 KB) before being
/// loaded: an unpacked Apple Health export, often several GB, is streamed.
const STREAM_ABOVE_BYTES: u64 = 16 << 20;

/// A file on disk, hashed: its bytes, or none when it is read as a stream.
pub struct Content {
    /// BLAKE3 (hex) of the bytes.
    pub hash: String,
    bytes: Option<Vec<u8>>,
}

impl Content {
    /// Hash the file at `path`; load it, unless it is a large file that is
    /// read as a stream (an unpacked Apple Health export).
    pub fn of(path: &Path) -> std::io::Result<Content> {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        let size = file.metadata()?.len();
        if size > STREAM_ABOVE_BYTES {
            let mut head = Vec::new();
            (&mut file).take(4096).read_to_end(&mut head)?;
            if apple_health::is_export_xml(&head) {
                let mut hasher = blake3::Hasher::new();
                hasher.update_reader(std::fs::File::open(path)?)?;
                let hash = hasher.finalize().to_hex().to_string();
                return Ok(Content { hash, bytes: None });
            }
        }
        let bytes = std::fs::read(path)?;
        let hash = blake3::hash(&bytes).to_hex().to_string();
        Ok(Content {
            hash,
            bytes: Some(bytes),
        })
    }

    /// Whether the file is read as a stream rather than loaded.
    pub fn is_streamed(&self) -> bool {
        self.bytes.is_none()
    }

    /// Decode it.
    pub fn read(self, path: &Path, ctx: &ReadContext) -> FileOutcome {
        match self.bytes {
            Some(bytes) => read_hashed(path, &bytes, self.hash, ctx),
            None => {
                let format = Format::named("apple_health").unwrap_or(Format::UNKNOWN);
                let result =
                    std::panic::catch_unwind(|| apple_health::read_file(path, ctx).map(Read::Rows));
                outcome(path, format, self.hash, result)
            }
        }
    }
}
