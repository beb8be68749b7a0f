//! The store's manifest: which source files the store holds rows for, how to
//! recognise them unchanged without reading them, and which segment holds
//! their rows. It is replaced atomically, so it always describes complete
//! segments.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// Layout version of the store; a store of another version is rebuilt.
pub const LAYOUT: u32 = 1;

/// What the store knows about one source file on disk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Size in bytes when it was read.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// BLAKE3 of the content, hex.
    pub hash: String,
    /// Segment holding its rows.
    pub segment: String,
}

/// Size and modification time of a file: the fast "unchanged?" check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Nanoseconds since the Unix epoch; `None` where the file system does
    /// not tell (then the stamp never matches and the content hash decides).
    pub mtime_ns: Option<i64>,
}

impl Stamp {
    /// Stamp of the file at `path`.
    pub fn of(path: &Path) -> Result<Stamp> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_nanos() as i64);
        Ok(Stamp {
            size: meta.len(),
            mtime_ns,
        })
    }

    /// True when `entry` was made from a file with this stamp.
    pub fn matches(&self, entry: &FileEntry) -> bool {
        entry.size == self.size && self.mtime_ns == Some(entry.mtime_ns)
    }
}

/// The manifest file (`manifest.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Store layout version ([`LAYOUT`]).
    pub layout: u32,
    /// What the rows depend on besides the bytes: runlift's version and the
    /// reading settings (time zone, weight unit, gym default time).
    pub reader: String,
    /// Segments, oldest first.
    pub segments: Vec<String>,
    /// Source files by path.
    pub files: BTreeMap<String, FileEntry>,
}

impl Manifest {
    /// Read `path`; `None` when there is no manifest yet.
    pub fn read(path: &Path) -> Result<Option<Manifest>> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| Error::Store {
                    path: path.to_path_buf(),
                    message: format!("manifest unreadable ({e})"),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Paths of the files whose rows live in `segment`.
    pub fn files_in(&self, segment: &str) -> Vec<&str> {
        (self.files.iter())
            .filter(|(_, e)| e.segment == segment)
            .map(|(p, _)| p.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_match_only_the_same_size_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.fit");
        std::fs::write(&p, b"12345").unwrap();
        let s = Stamp::of(&p).unwrap();
        let entry = FileEntry {
            size: 5,
            mtime_ns: s.mtime_ns.unwrap(),
            hash: "h".into(),
            segment: "seg".into(),
        };
        assert!(s.matches(&entry));
        assert!(!Stamp { size: 6, ..s }.matches(&entry));
        assert!(
            !Stamp {
                mtime_ns: s.mtime_ns.map(|t| t + 1),
                ..s
            }
            .matches(&entry)
        );
        // A file system that tells no time never matches: the hash decides.
        let unknown = Stamp {
            mtime_ns: None,
            ..s
        };
        let zero = FileEntry {
            mtime_ns: 0,
            ..entry.clone()
        };
        assert!(!unknown.matches(&zero));
        assert!(
            Manifest::read(&dir.path().join("none.json"))
                .unwrap()
                .is_none()
        );
        std::fs::write(dir.path().join("bad.json"), b"{").unwrap();
        assert!(Manifest::read(&dir.path().join("bad.json")).is_err());
    }
}
