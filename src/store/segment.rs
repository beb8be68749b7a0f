//! Writing one segment: four Parquet files filled as decoded files arrive,
//! so a cold import of years of exports never holds all its rows at once.
//! Rows are buffered up to [`ROW_GROUP`] samples and written as one row
//! group; the folder gets its final name only when every file is complete.

use crate::error::{Error, Result};
use crate::schema;
use crate::tables::Tables;
use polars::prelude::*;
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
    pending: Tables,
}

fn frames(t: &mut Tables) -> [&mut DataFrame; 4] {
    [
        &mut t.activities,
        &mut t.samples,
        &mut t.strength_sets,
        &mut t.ingest_log,
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
        let schemas = [
            schema::activities_schema(),
            schema::samples_schema(),
            schema::strength_sets_schema(),
            schema::ingest_log_schema(),
        ];
        let mut writers = Vec::new();
        for (table, schema) in TABLES.iter().zip(schemas) {
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
            pending: Tables::empty()?,
        })
    }

    /// Add the rows of one or more files.
    pub fn push(&mut self, rows: Tables) -> Result<()> {
        let pending = std::mem::replace(&mut self.pending, Tables::empty()?);
        self.pending = pending.append(rows)?;
        if self.pending.samples.height() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        for ((_, w), df) in self.writers.iter_mut().zip(frames(&mut self.pending)) {
            if df.height() > 0 {
                df.rechunk_mut();
                w.write_batch(df)?;
            }
        }
        self.pending = Tables::empty()?;
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
