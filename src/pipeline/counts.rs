//! How many files of an ingest fared how, from its log.

use crate::error::Result;
use crate::schema::ingest_log as l;
use crate::tables::strs;
use polars::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// How many files fared how; containers count once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestCounts {
    /// Files on disk.
    pub files: usize,
    /// Read.
    pub ok: usize,
    /// Everything in them was already read from another file.
    pub duplicates: usize,
    /// Not workout exports, or formats not read yet.
    pub skipped: usize,
    /// Broken.
    pub failed: usize,
}

impl IngestCounts {
    /// Count the files of an ingest log: a container is ok when any member
    /// is, else a duplicate, failed or skipped in that order.
    pub fn of_log(log: &DataFrame) -> Result<IngestCounts> {
        let (files, paths, status) = (
            strs(log, l::FILE)?,
            strs(log, l::PATH)?,
            strs(log, l::STATUS)?,
        );
        let mut own: BTreeMap<&str, &str> = BTreeMap::new();
        let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for i in 0..files.len() {
            let (Some(f), Some(p), Some(s)) = (&files[i], &paths[i], &status[i]) else {
                continue;
            };
            if p == f {
                own.insert(f, s);
            } else {
                members.entry(f).or_default().push(s);
            }
        }
        let by_file: Vec<Vec<&str>> = (own.iter())
            .map(|(f, s)| members.get(f).cloned().unwrap_or_else(|| vec![s]))
            .collect();
        let mut c = IngestCounts {
            files: by_file.len(),
            ..Default::default()
        };
        for st in &by_file {
            let has = |name: &str| st.contains(&name);
            match () {
                _ if has("ok") => c.ok += 1,
                _ if has("duplicate") => c.duplicates += 1,
                _ if has("failed") => c.failed += 1,
                _ => c.skipped += 1,
            }
        }
        Ok(c)
    }

    /// As a JSON object.
    pub fn to_json(self) -> Value {
        json!({"files": self.files, "ok": self.ok, "duplicates": self.duplicates,
               "skipped": self.skipped, "failed": self.failed})
    }

    /// `412 files: 398 ok, 9 duplicates, 3 skipped, 2 failed`.
    pub fn line(self) -> String {
        format!(
            "{} files: {} ok, {} duplicates, {} skipped, {} failed",
            self.files, self.ok, self.duplicates, self.skipped, self.failed
        )
    }
}
