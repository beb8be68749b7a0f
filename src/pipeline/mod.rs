//! The ingest stage as a whole: find the exports, take unchanged files'
//! rows from the store, decode only new or changed files (in parallel, with
//! progress), keep the store in step with the folders, and set duplicates
//! aside. `runlift ingest` runs this alone; `runlift report` runs it first.

use crate::dedupe;
use crate::error::Result;
use crate::ingest::{self, FileOutcome, ReadContext};
use crate::schema::{activities as a, ingest_log as l, strength_sets as st};
use crate::store::manifest::{FileEntry, Manifest, Stamp};
use crate::store::{SegmentWriter, Store};
use crate::tables::Tables;
use indicatif::{ProgressBar, ProgressStyle};
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

mod counts;
pub use counts::IngestCounts;

/// Segments kept before they are compacted into one.
const MAX_SEGMENTS: usize = 8;

/// How to run the ingest stage.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Store folder.
    pub store: PathBuf,
    /// Forget the store and read every file again.
    pub rebuild: bool,
    /// Show progress on stderr (a bar on a terminal, a line otherwise).
    pub progress: bool,
    /// Folders never read as input (the report folder, say).
    pub exclude: Vec<PathBuf>,
}

/// What the ingest stage produced.
pub struct Ingested {
    /// The canonical tables, duplicates set aside.
    pub tables: Tables,
    /// File counts.
    pub counts: IngestCounts,
    /// Files decoded in this run.
    pub decoded: usize,
    /// Files whose rows came from the store unchanged.
    pub reused: usize,
    /// Things to tell the runner about the store (e.g. why it started over).
    pub notes: Vec<String>,
    /// The store, its lock held while the tables live: their samples are
    /// read from its segments, which another run must not compact away.
    _store: Store,
}

/// Everything the store's rows depend on besides the bytes of the files.
fn reader_key(ctx: &ReadContext) -> String {
    format!(
        "runlift {} readers {} formats {} tz {} {} weight_lb {} gym_time {} miles {}",
        env!("CARGO_PKG_VERSION"),
        ingest::READER_REVISION,
        ingest::formats::signature(),
        ctx.timezone,
        if ctx.timezone_set {
            "set"
        } else {
            "from files"
        },
        ctx.weight_in_lb,
        ctx.gym_default_time,
        ctx.distance_in_miles
    )
}

/// Files decoded before their rows go to the segment writer, at most.
const CHUNK: usize = 64;
/// Bytes of files decoded before their rows go to the segment writer, at
/// most (one file may be larger): a chunk of multi-hour 1 Hz rides holds
/// about 20 times its file size while decoded.
const CHUNK_BYTES: u64 = 16 << 20;

/// `to_read` cut into chunks of at most [`CHUNK`] files and [`CHUNK_BYTES`].
fn chunks(to_read: &[(PathBuf, Stamp)]) -> Vec<&[(PathBuf, Stamp)]> {
    let mut out = Vec::new();
    let (mut from, mut bytes) = (0, 0);
    for (i, (_, stamp)) in to_read.iter().enumerate() {
        if i > from && (i - from == CHUNK || bytes + stamp.size > CHUNK_BYTES) {
            out.push(&to_read[from..i]);
            (from, bytes) = (i, 0);
        }
        bytes += stamp.size;
    }
    if from < to_read.len() {
        out.push(&to_read[from..]);
    }
    out
}

/// A file after the worker thread is done with it.
enum Done {
    /// Same bytes as the store has (only the modification time changed).
    Same(FileEntry),
    /// Decoded now: its stamp, content hash and rows.
    Stored(Stamp, String, Box<Tables>),
    /// Could not be read from disk: logged, tried again next time, not stored.
    Unstored(Box<FileOutcome>),
}

/// Read, hash and (unless the store has these bytes) decode one file into its rows.
fn read_one(path: &Path, stamp: Stamp, old: Option<&FileEntry>, ctx: &ReadContext) -> Result<Done> {
    let content = match ingest::Content::of(path) {
        Ok(content) => content,
        Err(e) => return Ok(Done::Unstored(Box::new(FileOutcome::unreadable(path, e)))),
    };
    let hash = content.hash.clone();
    if let Some(e) = old.filter(|e| e.hash == hash) {
        return Ok(Done::Same(FileEntry {
            size: stamp.size,
            mtime_ns: stamp.mtime_ns.unwrap_or(0),
            ..e.clone()
        }));
    }
    let outcome = content.read(path, ctx);
    let rows = Tables::from_outcomes(std::slice::from_ref(&outcome))?;
    Ok(Done::Stored(stamp, hash, Box::new(rows)))
}

fn progress_bar(n: usize, reused: usize, show: bool) -> ProgressBar {
    if !show || n == 0 {
        return ProgressBar::hidden();
    }
    if !std::io::stderr().is_terminal() {
        eprintln!("reading {n} new or changed files ({reused} unchanged, from the store)");
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    if let Ok(style) =
        ProgressStyle::with_template("reading {pos}/{len} files {wide_bar} {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

/// The store brought up to date with the folders, tables not loaded yet.
pub struct Synced {
    store: Store,
    manifest: Manifest,
    unstored: Vec<FileOutcome>,
    timezone_set: bool,
    /// Files decoded in this run.
    pub decoded: usize,
    /// Files whose rows came from the store.
    pub reused: usize,
    /// Things to tell the runner about the store.
    pub notes: Vec<String>,
}

impl Synced {
    /// What the tables are built from: the reading settings and every
    /// file's path and content hash (BLAKE3, hex).
    pub fn inputs_key(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(self.manifest.reader.as_bytes());
        for (path, e) in &self.manifest.files {
            h.update(path.as_bytes());
            h.update(e.hash.as_bytes());
        }
        for o in &self.unstored {
            h.update(o.path.to_string_lossy().as_bytes());
        }
        h.finalize().to_hex().to_string()
    }

    /// Load the tables from the store and set duplicates aside.
    pub fn load(mut self) -> Result<Ingested> {
        let mut tables = self.store.load(&self.manifest)?;
        if self.manifest.segments.len() > MAX_SEGMENTS {
            let seg = self.store.write_segment(&tables)?;
            (self.manifest.files.values_mut()).for_each(|e| e.segment = seg.clone());
            self.manifest.segments = vec![seg];
            self.store.commit(&self.manifest)?;
            // The old segments are gone: samples are read from the new one.
            tables = self.store.load(&self.manifest)?;
        }
        if !self.unstored.is_empty() {
            let extra = Tables::from_outcomes(&self.unstored)?;
            tables.ingest_log.vstack_mut_owned(extra.ingest_log)?;
        }
        if !self.timezone_set {
            crate::zones::infer(&mut tables)?;
        }
        let tables = dedupe::dedupe(sorted(tables)?)?;
        Ok(Ingested {
            counts: IngestCounts::of_log(&tables.ingest_log)?,
            tables,
            decoded: self.decoded,
            reused: self.reused,
            notes: self.notes,
            _store: self.store,
        })
    }
}

/// Run the ingest stage over the files under `roots`.
pub fn ingest(roots: &[PathBuf], ctx: &ReadContext, opts: &IngestOptions) -> Result<Ingested> {
    sync(roots, ctx, opts)?.load()
}

/// The files whose size or modification time differ from what `prev`
/// recorded (or that are new); the others go into `next` as they were.
fn changed(files: Vec<PathBuf>, prev: &Manifest, next: &mut Manifest) -> Vec<(PathBuf, Stamp)> {
    let mut to_read = Vec::new();
    for f in files {
        let key = f.display().to_string();
        // A file that cannot even be looked at is read (and fails, logged) below.
        let stamp = Stamp::of(&f).unwrap_or(Stamp {
            size: 0,
            mtime_ns: None,
        });
        match prev.files.get(&key) {
            Some(e) if stamp.matches(e) => {
                next.files.insert(key, e.clone());
            }
            _ => to_read.push((f, stamp)),
        }
    }
    to_read
}

/// What [`decode`] leaves: the segment being written, the files whose rows
/// went into it, and the files that could not be read from disk.
type Decoding = (
    Option<SegmentWriter>,
    Vec<(String, Stamp, String)>,
    Vec<FileOutcome>,
);

/// Decode `to_read`, a chunk at a time in parallel; unchanged bytes go into
/// `next` as they were, new rows into a new segment.
fn decode(
    store: &Store,
    to_read: &[(PathBuf, Stamp)],
    prev: &Manifest,
    ctx: &ReadContext,
    bar: &ProgressBar,
    next: &mut Manifest,
) -> Result<Decoding> {
    // Each file goes from bytes to its own columns on a worker thread; its
    // decoded messages are gone before the next file starts.
    let (mut writer, mut stamps, mut unstored) = (None, Vec::new(), Vec::new());
    // A chunk of files at a time, so only a chunk's rows wait to be written.
    for chunk in chunks(to_read) {
        let done: Vec<(String, Result<Done>)> = (chunk.par_iter())
            .map(|(f, stamp)| {
                let key = f.display().to_string();
                let done = read_one(f, *stamp, prev.files.get(&key), ctx);
                bar.inc(1);
                (key, done)
            })
            .collect();
        for (key, done) in done {
            match done? {
                Done::Same(e) => {
                    next.files.insert(key, e);
                }
                Done::Unstored(o) => unstored.push(*o),
                Done::Stored(stamp, hash, rows) => {
                    stamps.push((key, stamp, hash));
                    if writer.is_none() {
                        writer = Some(store.segment_writer()?);
                    }
                    if let Some(w) = writer.as_mut() {
                        w.push(*rows)?;
                    }
                }
            }
        }
    }
    Ok((writer, stamps, unstored))
}

/// Bring the store up to date with the files under `roots`: decode new and
/// changed files in parallel, forget removed ones.
pub fn sync(roots: &[PathBuf], ctx: &ReadContext, opts: &IngestOptions) -> Result<Synced> {
    let store = Store::open(&opts.store, &reader_key(ctx), opts.rebuild)?;
    let mut exclude = opts.exclude.clone();
    exclude.push(store.dir().to_path_buf());
    let files = ingest::discover_except(roots, &exclude)?;
    let prev = &store.previous;
    let mut next = Manifest {
        segments: Vec::new(),
        files: BTreeMap::new(),
        ..prev.clone()
    };
    let to_read = changed(files, prev, &mut next);
    let bar = progress_bar(to_read.len(), next.files.len(), opts.progress);
    let (writer, stamps, unstored) = decode(&store, &to_read, prev, ctx, &bar, &mut next)?;
    bar.finish_and_clear();
    let reused = next.files.len();
    let decoded = stamps.len() + unstored.len();
    let mut live: Vec<String> = (prev.segments.iter())
        .filter(|s| next.files.values().any(|e| &e.segment == *s))
        .cloned()
        .collect();
    if let Some(w) = writer {
        let seg = w.finish()?;
        next.files
            .extend(stamps.into_iter().map(|(key, stamp, hash)| {
                let (size, mtime_ns) = (stamp.size, stamp.mtime_ns.unwrap_or(0));
                let segment = seg.clone();
                (
                    key,
                    FileEntry {
                        size,
                        mtime_ns,
                        hash,
                        segment,
                    },
                )
            }));
        live.push(seg);
    }
    next.segments = live;
    if &next != prev || store.started_over.is_some() {
        store.commit(&next)?;
    }
    let notes = (store.started_over.iter())
        .map(|w| format!("store: {w}"))
        .collect();
    Ok(Synced {
        store,
        manifest: next,
        unstored,
        timezone_set: ctx.timezone_set,
        decoded,
        reused,
        notes,
    })
}

/// Rows in file order (stable, so a file's own order is kept), whatever segment they came from.
fn sorted(t: Tables) -> Result<Tables> {
    let by = |df: DataFrame, col: &str| -> Result<DataFrame> {
        Ok(df.sort(
            [col],
            SortMultipleOptions::default().with_maintain_order(true),
        )?)
    };
    Ok(Tables {
        activities: by(t.activities, a::FILE)?,
        samples: t.samples,
        strength_sets: by(t.strength_sets, st::FILE)?,
        ingest_log: by(t.ingest_log, l::FILE)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_hold_at_most_64_files_and_16_mb_but_never_split_a_file() {
        let file = |size: u64| {
            let stamp = Stamp {
                size,
                mtime_ns: None,
            };
            (PathBuf::from("f"), stamp)
        };
        let small: Vec<_> = (0..130).map(|_| file(1000)).collect();
        let lens: Vec<usize> = chunks(&small).iter().map(|c| c.len()).collect();
        assert_eq!(lens, vec![64, 64, 2]);
        let big: Vec<_> = [5, 5, 5, 40, 1, 1]
            .iter()
            .map(|mb| file(mb << 20))
            .collect();
        let lens: Vec<usize> = chunks(&big).iter().map(|c| c.len()).collect();
        assert_eq!(lens, vec![3, 1, 2]);
        assert!(chunks(&[]).is_empty());
    }
}
