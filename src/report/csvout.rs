//! `tables/*.csv` and `ingest.csv`: the analysis as plain tables, one row
//! per run, per strength session, per week, and per file read.

use super::summary::round;
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::tables::Tables;
use polars::prelude::{CsvWriter, SerWriter};

fn opt(x: Option<f64>, d: i32) -> String {
    x.map(|v| round(v, d).to_string()).unwrap_or_default()
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| Error::Output(format!("CSV buffer: {e}")))
}

fn csv_err(e: csv::Error) -> Error {
    Error::Output(format!("CSV: {e}"))
}

/// `tables/runs.csv`.
pub fn runs(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "activity_id",
        "start_local",
        "week",
        "kind",
        "duration_min",
        "distance_km",
        "steady_min",
        "steady_gap_speed_mps",
        "steady_hr_bpm",
        "speed_at_ref_hr_mps",
        "hr_at_ref_pace_bpm",
        "speed_at_ref_hr_adjusted_mps",
        "hr_at_ref_pace_adjusted_bpm",
        "temperature_c",
        "rpe",
        "excluded",
        "source_path",
    ])
    .map_err(csv_err)?;
    for r in &a.runs {
        let steady = r.steady.kept_s > 0.0;
        w.write_record([
            r.activity_id.clone(),
            r.start_local.format("%Y-%m-%d %H:%M").to_string(),
            r.week.clone(),
            r.kind.to_string(),
            opt(Some(r.duration_s / 60.0), 1),
            opt(Some(r.distance_m / 1000.0), 2),
            opt(Some(r.steady.kept_s / 60.0), 1),
            opt(steady.then_some(r.steady.gap_mps), 3),
            opt(steady.then_some(r.steady.hr_bpm), 1),
            opt(r.speed_at_ref_hr, 3),
            opt(r.hr_at_ref_pace, 1),
            opt(r.speed_used, 3),
            opt(r.hr_used, 1),
            opt(r.temperature_c, 1),
            opt(r.rpe, 1),
            r.excluded.clone().unwrap_or_default(),
            r.source_path.clone(),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
}

/// `tables/strength_sessions.csv`.
pub fn sessions(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "session_id",
        "start_local",
        "kind",
        "working_sets",
        "hard_sets",
        "tonnage_kg",
        "ground_contacts",
    ])
    .map_err(csv_err)?;
    for s in &a.sessions {
        w.write_record([
            s.session_id.clone(),
            s.start_local.format("%Y-%m-%d %H:%M").to_string(),
            s.kind.to_string(),
            s.sets.to_string(),
            s.hard_sets.to_string(),
            opt(Some(s.tonnage_kg), 1),
            opt(Some(s.ground_contacts), 0),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
}

/// `tables/weeks.csv`.
pub fn weeks(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "week",
        "monday",
        "runs",
        "distance_km",
        "time_h",
        "heavy",
        "plyometric",
        "high_rep",
        "mixed",
    ])
    .map_err(csv_err)?;
    for r in &a.weeks {
        w.write_record([
            r.week.clone(),
            r.monday.to_string(),
            r.runs.to_string(),
            opt(Some(r.distance_km), 2),
            opt(Some(r.time_h), 2),
            r.heavy.to_string(),
            r.plyometric.to_string(),
            r.high_rep.to_string(),
            r.mixed.to_string(),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
}

/// `ingest.csv`: the ingest log table as it is.
pub fn ingest_log(t: &Tables) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    CsvWriter::new(&mut buf).finish(&mut t.ingest_log.clone())?;
    Ok(buf)
}
