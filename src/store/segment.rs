//! Writing one segment: four Parquet files filled as decoded files arrive,
//! so a cold import of years of exports never holds all its rows at once.
//! Rows are buffered up to [`ROW_GROUP`] samples and written as one row
//! group; the folder gets its final name only when every file is complete.

use crate::error::{Error, Result};
use crate::schema::{self, activities as a};
use crate::tables::{Tables, strs};
use polars::prelude::*;
use std::collections::HashSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Samples buffered before a row group is written.
const ROW_GROUP: usize = 256 * 1024;

/// The table files of a segment, in [`Tables`] order.
pub const TABLES: [&str; 4] = ["activities", "samples", "strength_sets", "ingest_log"];

/// A segment being written.
pub struct SegmentWriter {
    name: String,
    tmp: PathBuf,
    dest: PathBuf,
    writers: Vec<(PathBuf, polars::io::parquet::write::BatchedWriter<File>)>,
    /// Rows not written yet, in [`TABLES`] order.
    pending: [DataFrame; 4],
}

fn schemas() -> [Schema; 4] {
    [
        schema::activities_schema(),
        schema::samples_schema(),
        schema::strength_sets_schema(),
        schema::ingest_log_schema(),
    ]
}

impl SegmentWriter {
    /// Start a new segment in the store folder `dir`.
    pub fn create(dir: &Path) -> Result<SegmentWriter> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let ms = chrono::Utc::now().timestamp_millis();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("seg-{ms}-{}-{n}", std::process::id());
        let tmp = dir.join(format!(".tmp-{name}"));
        fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut writers = Vec::new();
        for (table, schema) in TABLES.iter().zip(schemas()) {
            let path = tmp.join(format!("{table}.parquet"));
            let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
            // LZ4: a few per cent of a cold import cheaper than the default zstd, and faster to read.
            let w = ParquetWriter::new(file)
                .with_compression(ParquetCompression::Lz4Raw)
                .batched(&schema)?;
            writers.push((path, w));
        }
        Ok(SegmentWriter {
            dest: dir.join(&name),
            name,
            tmp,
            writers,
            pending: schemas().map(|s| DataFrame::empty_with_schema(&s)),
        })
    }

    /// Add the rows of one or more freshly decoded files.
    pub fn push(&mut self, rows: Tables) -> Result<()> {
        let samples = rows.samples.memory_frame()?;
        let tables = [
            rows.activities,
            samples,
            rows.strength_sets,
            rows.ingest_log,
        ];
        for (p, df) in self.pending.iter_mut().zip(tables) {
            p.vstack_mut_owned(df)?;
        }
        self.flush_full()
    }

    /// Copy `t`, rows of this store's segments, into this segment: the
    /// samples a window at a time, each activity id's rows once (a second
    /// exact copy of a file gets `n_samples` 0).
    pub fn copy(&mut self, t: &Tables) -> Result<()> {
        let ids: Vec<String> = (strs(&t.activities, a::ACTIVITY_ID)?.into_iter())
            .map(Option::unwrap_or_default)
            .collect();
        let mut seen = HashSet::new();
        let n: Vec<u32> = (ids.iter())
            .map(|id| match seen.insert(id.as_str()) {
                true => t.samples.rows_of(id) as u32,
                false => 0,
            })
            .collect();
        let wanted: Vec<&str> = (ids.iter().zip(&n))
            .filter(|(_, n)| **n > 0)
            .map(|(id, _)| id.as_str())
            .collect();
        let mut activities = t.activities.clone();
        activities.with_column(Column::new(a::N_SAMPLES.into(), n))?;
        self.pending[0].vstack_mut_owned(activities)?;
        self.pending[2].vstack_mut(&t.strength_sets)?;
        self.pending[3].vstack_mut(&t.ingest_log)?;
        let columns: Vec<String> = schema::samples_schema()
            .iter_names()
            .map(|c| c.to_string())
            .collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let mut next = 0;
        t.samples.visit(&wanted, &columns, |df, blocks| {
            for &(i, b) in blocks {
                // The blocks must come in the order of the activities they belong to.
                if i != next {
                    return Err(Error::Store {
                        path: self.tmp.clone(),
                        message: "samples out of the activities' order while compacting".into(),
                    });
                }
                next += 1;
                self.pending[1].vstack_mut_owned(df.slice(b.row as i64, b.len))?;
                self.flush_full()?;
            }
            Ok(())
        })?;
        Ok(())
    }

    /// Write a row group when enough samples wait.
    fn flush_full(&mut self) -> Result<()> {
        if self.pending[1].height() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        for ((_, w), df) in self.writers.iter_mut().zip(self.pending.iter_mut()) {
            if df.height() > 0 {
                df.rechunk_mut();
                w.write_batch(df)?;
            }
        }
        self.pending = schemas().map(|s| DataFrame::empty_with_schema(&s));
        Ok(())
    }

    /// Finish every file and give the segment its name; returns the name.
    pub fn finish(mut self) -> Result<String> {
        self.flush()?;
        for (path, w) in &mut self.writers {
            w.finish()?;
            let file = File::open(&*path).map_err(|e| Error::io(path, e))?;
            file.sync_all().map_err(|e| Error::io(path, e))?;
        }
        fs::rename(&self.tmp, &self.dest).map_err(|e| Error::io(&self.dest, e))?;
        Ok(self.name)
    }
}
