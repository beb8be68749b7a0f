//! The incremental store: decoded tables kept as Parquet between runs, so
//! the weekly job decodes only new or changed exports.
//!
//! Layout of the store folder (default `<out>/.store`):
//!
//! ```text
//! manifest.json      source files (path → size, mtime, BLAKE3, segment)
//! seg-<ms>-<pid>/    one segment per run that decoded something:
//!   activities.parquet samples.parquet strength_sets.parquet ingest_log.parquet
//! lock               held (advisory file lock) by the run using the store
//! ```
//!
//! A run writes its new segment completely, then replaces `manifest.json`
//! atomically, then deletes segments nothing refers to. A run killed at any
//! point leaves the previous manifest and the segments it names intact; the
//! next run removes the leftovers. Rows of files that disappeared are
//! filtered out on loading, and segments are compacted into one when they
//! pile up.

pub mod manifest;
mod segment;

use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::samples::{Layout, Samples};
use crate::schema::{activities as a, ingest_log as l, strength_sets as st};
use crate::tables::{Tables, i64s, strs};
use manifest::{LAYOUT, Manifest};
use polars::prelude::*;
pub use segment::SegmentWriter;
use segment::TABLES;
use std::collections::HashSet;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

const MANIFEST: &str = "manifest.json";

/// An open store; the lock is held until it is dropped.
pub struct Store {
    dir: PathBuf,
    _lock: File,
    /// The manifest to start from (empty when starting over).
    pub previous: Manifest,
    /// Why the store starts over, when it does.
    pub started_over: Option<String>,
}

impl Store {
    /// Open (creating) the store at `dir` for rows read with `reader`
    /// settings, taking its lock. `rebuild` starts over.
    pub fn open(dir: &Path, reader: &str, rebuild: bool) -> Result<Store> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let lock_path = dir.join("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Store {
                    path: dir.to_path_buf(),
                    message: "another runlift run is using this store; \
                              try again when it has finished"
                        .into(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
        }
        // A manifest damaged from outside (runlift replaces it atomically)
        // must not stop the weekly job for good: the store starts over.
        let (found, damaged) = match Manifest::read(&dir.join(MANIFEST)) {
            Ok(found) => (found, None),
            Err(e) => (None, Some(format!("{e}; every file read again"))),
        };
        let live: HashSet<String> = found.iter().flat_map(|m| m.segments.clone()).collect();
        remove_leftovers(dir, &live)?;
        let fresh = Manifest {
            layout: LAYOUT,
            reader: reader.to_string(),
            ..Default::default()
        };
        let (previous, started_over) = match found {
            None => (fresh, damaged),
            Some(_) if rebuild => (fresh, Some("--rebuild: every file read again".into())),
            Some(m) if m.layout != LAYOUT || m.reader != reader => (
                fresh,
                Some("written by another runlift version or other reading settings: every file read again".into()),
            ),
            Some(m) => (m, None),
        };
        Ok(Store {
            dir: dir.to_path_buf(),
            _lock: lock,
            previous,
            started_over,
        })
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write `tables` (rows of this store's segments) as one new segment;
    /// returns its name. Samples are copied a window at a time.
    pub fn write_segment(&self, tables: &Tables) -> Result<String> {
        let mut w = self.segment_writer()?;
        w.copy(tables)?;
        w.finish()
    }

    /// Start a new segment, to be filled file by file.
    pub fn segment_writer(&self) -> Result<SegmentWriter> {
        SegmentWriter::create(&self.dir)
    }

    /// Rows of every file `manifest` names, segment by segment, oldest
    /// first; the samples stay on disk until asked for.
    pub fn load(&self, manifest: &Manifest) -> Result<Tables> {
        let mut all = Tables::empty()?;
        for seg in &manifest.segments {
            let wanted: HashSet<&str> = manifest.files_in(seg).into_iter().collect();
            if wanted.is_empty() {
                continue;
            }
            all = all.append(self.read_segment(seg, &wanted)?)?;
        }
        all.activities.rechunk_mut();
        Ok(all)
    }

    fn read_segment(&self, seg: &str, wanted: &HashSet<&str>) -> Result<Tables> {
        let dir = self.dir.join(seg);
        let read = |table: &str| -> Result<DataFrame> {
            let path = dir.join(format!("{table}.parquet"));
            let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
            ParquetReader::new(file).finish().map_err(|e| Error::Store {
                path: self.dir.clone(),
                message: format!("{}: {e}; run with --rebuild", path.display()),
            })
        };
        let keep = |df: &DataFrame, col: &str| -> Result<Vec<bool>> {
            Ok((strs(df, col)?.iter())
                .map(|f| f.as_deref().is_some_and(|f| wanted.contains(f)))
                .collect())
        };
        let filter = |df: DataFrame, col: &str| -> Result<DataFrame> {
            let mask: BooleanChunked = keep(&df, col)?.into_iter().collect();
            Ok(df.filter(&mask)?)
        };
        let all = read(TABLES[0])?;
        let kept = keep(&all, a::FILE)?;
        let ids = strs(&all, a::ACTIVITY_ID)?;
        let counts = i64s(&all, a::N_SAMPLES)?;
        let layout: Layout = (ids.into_iter().zip(counts).zip(&kept))
            .map(|((id, n), &k)| (id.unwrap_or_default(), n.unwrap_or(0) as usize, k))
            .collect();
        let samples = Samples::in_file(&dir.join(format!("{}.parquet", TABLES[1])), layout)?;
        let activities = all.filter(&kept.into_iter().collect())?;
        let t = Tables {
            activities,
            samples,
            strength_sets: filter(read(TABLES[2])?, st::FILE)?,
            ingest_log: filter(read(TABLES[3])?, l::FILE)?,
        };
        t.conformed()
    }

    /// Make `manifest` the store's state (atomically), then delete segments it does not name.
    pub fn commit(&self, manifest: &Manifest) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(manifest)?;
        write_atomic(&self.dir.join(MANIFEST), &bytes)?;
        let live: HashSet<String> = manifest.segments.iter().cloned().collect();
        remove_leftovers(&self.dir, &live)
    }
}

/// Delete segment folders (and half-written ones) that `live` does not name,
/// and manifests a killed run left half-written.
fn remove_leftovers(dir: &Path, live: &HashSet<String>) -> Result<()> {
    let half_manifest = format!(".{MANIFEST}.tmp-");
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let p = entry.path();
        let ours = name.starts_with("seg-") || name.starts_with(".tmp-seg-");
        if ours && !live.contains(&name) {
            fs::remove_dir_all(&p).map_err(|e| Error::io(&p, e))?;
        } else if name.starts_with(&half_manifest) {
            fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_open_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = Store::open(dir.path(), "r", false).unwrap();
        let second = Store::open(dir.path(), "r", false);
        let msg = second.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("another runlift run"), "{msg}");
        drop(first);
        assert!(Store::open(dir.path(), "r", false).is_ok());
    }

    #[test]
    fn leftovers_of_an_interrupted_run_are_removed_and_other_readers_start_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), "r", false).unwrap();
        let seg = store.write_segment(&Tables::empty().unwrap()).unwrap();
        let manifest = Manifest {
            segments: vec![seg.clone()],
            ..store.previous.clone()
        };
        store.commit(&manifest).unwrap();
        // A run that died after writing its segment but before its manifest,
        // or while writing the manifest.
        let orphan = store.write_segment(&Tables::empty().unwrap()).unwrap();
        let half = dir.path().join(format!(".{MANIFEST}.tmp-Ab12Cd"));
        std::fs::write(&half, b"{\"lay").unwrap();
        drop(store);
        let store = Store::open(dir.path(), "r", false).unwrap();
        assert!(dir.path().join(&seg).is_dir());
        assert!(!dir.path().join(&orphan).exists() && !half.exists());
        assert_eq!(store.previous.segments, vec![seg]);
        drop(store);
        let other = Store::open(dir.path(), "r2", false).unwrap();
        assert!(other.previous.segments.is_empty());
        assert!(other.started_over.is_some());
        drop(other);
        // A damaged manifest: the store starts over and says why.
        std::fs::write(dir.path().join(MANIFEST), b"{\"layout\": ").unwrap();
        let again = Store::open(dir.path(), "r", false).unwrap();
        assert!(again.previous.files.is_empty());
        let why = again.started_over.unwrap_or_default();
        assert!(why.contains("manifest unreadable"), "{why}");
    }
}
