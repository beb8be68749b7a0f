//! The report: one folder per ISO week (`<out>/<week>/`) with PNG charts,
//! `summary.json`, `report.md`, `index.html`, `share.html` (one file to
//! send), `tables/*.csv` and `ingest.csv`, built in a
//! staging folder and swapped into place whole, then `<out>/latest` pointed
//! at it. A failed run leaves last week's report as it was.
//!
//! The week is the ISO week of the newest activity or gym session, so the
//! same inputs always give the same folder and the same bytes.

pub(crate) mod blocks;
pub mod built;
mod captions;
pub mod charts;
mod conflicts;
mod content;
mod csvout;
pub mod document;
pub mod findings;
mod left_out;
pub(crate) mod overview;
pub mod paths;
mod share;
pub mod since;
pub mod summary;

use crate::analysis::{self, Analysis};
use crate::config::Settings;
use crate::error::Result;
use crate::output::{Staging, point_link};
use crate::pipeline::{self, IngestCounts, IngestOptions, Ingested};
pub use built::BuiltFrom;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// How a report run treats the store and the terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Read every file again instead of taking unchanged ones from the store.
    pub rebuild: bool,
    /// Show ingest progress on stderr.
    pub progress: bool,
    /// Render the report even when it is up to date.
    pub force: bool,
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
    /// The ingest log (for the files-left-out section).
    pub ingest_log: &'a polars::prelude::DataFrame,
    /// What changed since the previous report under the same output folder.
    pub since: Option<since::Since>,
}

/// What a report run produced.
#[derive(Debug)]
pub struct Written {
    /// The report folder.
    pub folder: PathBuf,
    /// File counts.
    pub counts: IngestCounts,
    /// Files decoded in this run, and files taken unchanged from the store.
    pub decoded: usize,
    /// Files whose rows came from the store.
    pub reused: usize,
    /// Notes about the store.
    pub notes: Vec<String>,
    /// The report was already built from these inputs and settings, and left as it was.
    pub up_to_date: bool,
}

impl Written {
    /// `12 files: 11 ok, 0 duplicates, 1 skipped, 0 failed (see reports/2026-W20/ingest.csv)`.
    pub fn summary_line(&self) -> String {
        format!(
            "{} (see {})",
            self.counts.line(),
            self.folder.join("ingest.csv").display()
        )
    }
}

pub use csvout::ingest_log as ingest_log_csv;

/// Where the store of a report run lives: the setting, else `<out>/.store`.
pub fn store_dir(out: &Path, settings: &Settings) -> PathBuf {
    settings.store.clone().unwrap_or_else(|| out.join(".store"))
}

/// Ingest `data` (through the store), analyse, and write the report under
/// `out`, unless the report there was built from the same inputs and
/// settings (then it is left as it is, unless `opts.force`).
pub fn run(
    data: &[PathBuf],
    out: &Path,
    settings: &Settings,
    opts: &RunOptions,
) -> Result<Written> {
    let ingest_opts = IngestOptions {
        store: store_dir(out, settings),
        rebuild: opts.rebuild,
        progress: opts.progress,
        exclude: vec![out.to_path_buf()],
    };
    let synced = pipeline::sync(data, &settings.read_context(), &ingest_opts)?;
    let built = BuiltFrom::new(&synced, settings);
    let target = match settings.until {
        Some(sunday) => out.join(analysis::runs::iso_week(sunday)),
        None => out.join("latest"),
    };
    if !opts.force
        && let Some(counts) = built.up_to_date(&target)
    {
        let folder = std::fs::canonicalize(&target)
            .ok()
            .and_then(|t| t.file_name().map(|n| out.join(n)))
            .unwrap_or(target);
        return Ok(Written {
            folder,
            counts,
            decoded: synced.decoded,
            reused: synced.reused,
            notes: synced.notes,
            up_to_date: true,
        });
    }
    let ingested = synced.load()?;
    render(&ingested, data, out, settings, &built)
}

/// Analyse ingested tables and write the report under `out` (rendering
/// alone, for benchmarks too); files are named relative to the `roots`
/// they were read from (see [`paths::shared`]).
pub fn render(
    ingested: &Ingested,
    roots: &[PathBuf],
    out: &Path,
    settings: &Settings,
    built: &BuiltFrom,
) -> Result<Written> {
    let tables = &ingested.tables;
    let mut analysis = analysis::analyse(tables, settings)?;
    for r in &mut analysis.runs {
        r.source_path = paths::shared(&r.source_path, roots);
    }
    let log = paths::shared_log(&tables.ingest_log, roots)?;
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
        counts: ingested.counts,
        ingest_log: &log,
        since: since::previous(out, &week).map(|p| since::since(&analysis, &p)),
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
    staging.write("tables/blocks.csv", &blocks::csv(&analysis)?)?;
    staging.write("tables/load.csv", &csvout::load(&analysis)?)?;
    staging.write("tables/conflicts.csv", &conflicts::csv(&analysis)?)?;
    staging.write("tables/left_out.csv", &left_out::csv(&analysis)?)?;
    staging.write("ingest.csv", &csvout::ingest_log(&log)?)?;
    let doc = content::build(&input, charts);
    staging.write("report.md", document::to_markdown(&doc).as_bytes())?;
    let html = document::to_html(&content::title(&input), &doc);
    staging.write("index.html", html.as_bytes())?;
    let shared = share::html(&input, charts, staging.dir())?;
    staging.write("share.html", shared.as_bytes())?;
    staging.write(built::FILE, &built::bytes(built, input.counts)?)?;
    let folder = staging.commit()?;
    point_link(&out.join("latest"), &week)?;
    Ok(Written {
        folder,
        counts: input.counts,
        decoded: ingested.decoded,
        reused: ingested.reused,
        notes: ingested.notes.clone(),
        up_to_date: false,
    })
}
