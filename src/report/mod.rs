//! The report: one folder per ISO week (`<out>/<week>/`) with PNG charts,
//! `summary.json`, `report.md`, `tables/*.csv` and `ingest.csv`, built in a
//! staging folder and swapped into place whole, then `<out>/latest` pointed
//! at it. A failed run leaves last week's report as it was.
//!
//! The week is the ISO week of the newest activity or gym session, so the
//! same inputs always give the same folder and the same bytes.

mod captions;
pub mod charts;
mod csvout;
pub mod findings;
mod html;
mod left_out;
mod markdown;
pub mod summary;

use crate::analysis::{self, Analysis};
use crate::config::Settings;
use crate::error::Result;
use crate::ingest::{self, FileOutcome, ReadContext, Status};
use crate::output::{Staging, point_link};
use crate::tables::Tables;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// How many files fared how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestCounts {
    /// Files (containers count once; their members are in the log).
    pub files: usize,
    /// Read.
    pub ok: usize,
    /// Not workout exports, or formats not read yet.
    pub skipped: usize,
    /// Broken.
    pub failed: usize,
}

impl IngestCounts {
    fn of(outcomes: &[FileOutcome]) -> Self {
        let mut c = IngestCounts {
            files: outcomes.len(),
            ..Default::default()
        };
        for o in outcomes {
            match crate::inspect::status(o) {
                Status::Ok => c.ok += 1,
                Status::Skipped => c.skipped += 1,
                Status::Failed => c.failed += 1,
            }
        }
        c
    }

    /// As a JSON object.
    pub fn to_json(self) -> Value {
        json!({"files": self.files, "ok": self.ok, "skipped": self.skipped, "failed": self.failed})
    }
}

/// What the renderers get.
pub struct ReportInput<'a> {
    /// The analysis.
    pub analysis: &'a Analysis,
    /// Settings used.
    pub settings: &'a Settings,
    /// ISO week label of the report.
    pub week: String,
    /// First and last local date with data.
    pub data_range: Option<(NaiveDate, NaiveDate)>,
    /// File counts.
    pub counts: IngestCounts,
    /// Per-file outcomes (for the excluded-files section).
    pub outcomes: &'a [FileOutcome],
}

/// What a report run produced.
#[derive(Debug)]
pub struct Written {
    /// The report folder.
    pub folder: PathBuf,
    /// File counts.
    pub counts: IngestCounts,
}

impl Written {
    /// `12 files: 11 ok, 1 skipped, 0 failed (see reports/2026-W20/ingest.csv)`.
    pub fn summary_line(&self) -> String {
        let c = self.counts;
        format!(
            "{} files: {} ok, {} skipped, {} failed (see {})",
            c.files,
            c.ok,
            c.skipped,
            c.failed,
            self.folder.join("ingest.csv").display()
        )
    }
}

/// Ingest `data`, analyse, and write the report under `out`.
pub fn run(data: &[PathBuf], out: &Path, settings: &Settings) -> Result<Written> {
    let ctx = ReadContext {
        timezone: settings.timezone,
        weight_in_lb: settings.weight_in_lb,
    };
    let outcomes = ingest::ingest(data, &ctx)?;
    let tables = Tables::from_outcomes(&outcomes)?;
    let analysis = analysis::analyse(&tables, settings)?;
    let range = analysis.data_range;
    let week = match (settings.until, range) {
        (Some(sunday), _) => analysis::runs::iso_week(sunday),
        (None, Some((_, last))) => analysis::runs::iso_week(last),
        (None, None) => "no-data".to_string(),
    };
    let input = ReportInput {
        analysis: &analysis,
        settings,
        week: week.clone(),
        data_range: range,
        counts: IngestCounts::of(&outcomes),
        outcomes: &outcomes,
    };
    let folder = out.join(&week);
    let staging = Staging::new(&folder)?;
    let summary = summary::summary(&input);
    staging.write(
        "summary.json",
        (serde_json::to_string_pretty(&summary)? + "\n").as_bytes(),
    )?;
    let charts = charts::render_all(&input, staging.dir())?;
    staging.write("tables/runs.csv", &csvout::runs(&analysis)?)?;
    staging.write(
        "tables/strength_sessions.csv",
        &csvout::sessions(&analysis)?,
    )?;
    staging.write("tables/weeks.csv", &csvout::weeks(&analysis)?)?;
    staging.write("tables/lifts.csv", &csvout::lifts(&analysis)?)?;
    staging.write("ingest.csv", &csvout::ingest_log(&tables)?)?;
    staging.write("report.md", markdown::report(&input, &charts).as_bytes())?;
    staging.write("index.html", html::page(&input, &charts).as_bytes())?;
    let folder = staging.commit()?;
    point_link(&out.join("latest"), &week)?;
    Ok(Written {
        folder,
        counts: input.counts,
    })
}
