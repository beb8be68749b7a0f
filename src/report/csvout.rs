//! `tables/*.csv` and `ingest.csv`: the analysis as plain tables, one row
//! per run, per strength session, per week, and per file read.

use super::summary::round;
use crate::analysis::Analysis;
use crate::analysis::runs::RunMetrics;
use crate::error::{Error, Result};
use polars::prelude::{CsvWriter, SerWriter};

/// A number rounded to `d` decimals, or an empty cell.
pub(super) fn opt(x: Option<f64>, d: i32) -> String {
    x.map(|v| round(v, d).to_string()).unwrap_or_default()
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| Error::Output(format!("CSV buffer: {e}")))
}

fn csv_err(e: csv::Error) -> Error {
    Error::Output(format!("CSV: {e}"))
}

/// A CSV table: the header row, then `rows`.
pub(super) fn table<R, C>(head: &[&str], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>>
where
    R: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(head).map_err(csv_err)?;
    for r in rows {
        w.write_record(r).map_err(csv_err)?;
    }
    finish(w)
}

/// A column of `tables/runs.csv`: its name and how to print it for a run.
type RunColumn = (&'static str, fn(&RunMetrics) -> String);

/// The columns of `tables/runs.csv`, in order (units in the names).
const RUN_COLUMNS: &[RunColumn] = &[
    ("activity_id", |r| r.activity_id.clone()),
    ("start_local", |r| {
        r.start_local.format("%Y-%m-%d %H:%M").to_string()
    }),
    ("week", |r| r.week.clone()),
    ("kind", |r| r.kind.to_string()),
    ("duration_min", |r| opt(Some(r.duration_s / 60.0), 1)),
    ("distance_km", |r| opt(Some(r.distance_m / 1000.0), 2)),
    ("steady_min", |r| opt(Some(r.steady.kept_s / 60.0), 1)),
    ("steady_gap_speed_mps", |r| {
        opt((r.steady.kept_s > 0.0).then_some(r.steady.gap_mps), 3)
    }),
    ("steady_hr_bpm", |r| {
        opt((r.steady.kept_s > 0.0).then_some(r.steady.hr_bpm), 1)
    }),
    // Signal quality: seconds of each problem found in the recording.
    ("paused_s", |r| opt(Some(r.steady.signal.paused_s), 0)),
    ("lost_signal_s", |r| opt(Some(r.steady.signal.lost_s), 0)),
    ("speed_from_distance_s", |r| {
        opt(Some(r.steady.signal.speed_from_distance_s), 0)
    }),
    ("gps_jump_s", |r| opt(Some(r.steady.signal.gps_jump_s), 0)),
    ("hr_dropout_s", |r| {
        opt(Some(r.steady.signal.hr_dropout_s), 0)
    }),
    ("hr_spike_s", |r| opt(Some(r.steady.signal.hr_spike_s), 0)),
    ("hr_cadence_lock_s", |r| {
        opt(Some(r.steady.signal.hr_cadence_lock_s), 0)
    }),
    // Running seconds steady state left out, by first reason (see steady::Dropped).
    ("dropped_stopped_s", |r| {
        opt(Some(r.steady.dropped.stopped_s), 0)
    }),
    ("dropped_lock_s", |r| opt(Some(r.steady.dropped.lock_s), 0)),
    ("dropped_no_hr_s", |r| {
        opt(Some(r.steady.dropped.no_hr_s), 0)
    }),
    ("dropped_settling_s", |r| {
        opt(Some(r.steady.dropped.settling_s), 0)
    }),
    ("dropped_no_speed_s", |r| {
        opt(Some(r.steady.dropped.no_speed_s), 0)
    }),
    ("dropped_unsteady_s", |r| {
        opt(Some(r.steady.dropped.unsteady_s), 0)
    }),
    // The run's fitted heart-rate kinetics (see analysis::settle).
    ("hr_tau_start_s", |r| {
        opt(Some(r.steady.kinetics.tau_start_s), 0)
    }),
    ("hr_tau_up_s", |r| opt(Some(r.steady.kinetics.tau_up_s), 0)),
    ("hr_tau_down_s", |r| {
        opt(Some(r.steady.kinetics.tau_down_s), 0)
    }),
    ("speed_at_ref_hr_mps", |r| opt(r.speed_at_ref_hr, 3)),
    ("hr_at_ref_pace_bpm", |r| opt(r.hr_at_ref_pace, 1)),
    ("speed_at_ref_hr_adjusted_mps", |r| opt(r.speed_used, 3)),
    ("hr_at_ref_pace_adjusted_bpm", |r| opt(r.hr_used, 1)),
    ("steady_power_w", |r| opt(r.steady.power_w, 1)),
    ("metres_per_kj", |r| opt(r.metres_per_kj, 3)),
    ("power_at_ref_hr_w", |r| opt(r.power_at_ref_hr, 1)),
    ("power_source", |r| {
        r.power_source.clone().unwrap_or_default()
    }),
    ("efficiency_factor", |r| opt(r.ef, 3)),
    ("decoupling_pct", |r| opt(r.decoupling_pct, 2)),
    ("trimp", |r| opt(r.trimp, 1)),
    ("late_decoupling_pct", |r| {
        opt(r.late.and_then(|l| l.decoupling_pct), 2)
    }),
    ("late_cadence_fade_pct", |r| {
        opt(r.late.and_then(|l| l.cadence_fade_pct), 2)
    }),
    ("late_stance_time_pct", |r| {
        opt(r.late_dynamics.and_then(|l| l.stance_time_pct), 2)
    }),
    ("late_vertical_ratio_pct", |r| {
        opt(r.late_dynamics.and_then(|l| l.vertical_ratio_pct), 2)
    }),
    ("late_step_length_pct", |r| {
        opt(r.late_dynamics.and_then(|l| l.step_length_pct), 2)
    }),
    ("late_pace_fade_pct", |r| {
        opt(r.late.and_then(|l| l.pace_fade_pct), 2)
    }),
    ("finish_speed_pct", |r| {
        opt(r.late.and_then(|l| l.finish_pct), 2)
    }),
    ("temperature_c", |r| opt(r.temperature_c, 1)),
    ("rpe", |r| opt(r.rpe, 1)),
    ("feel", |r| opt(r.feel, 0)),
    ("days_since_heavy", |r| opt(r.context.days_since_heavy, 2)),
    ("days_since_strength", |r| {
        opt(r.context.days_since_strength, 2)
    }),
    ("hours_since_hard_gym", |r| {
        opt(r.context.hours_since_hard_gym, 1)
    }),
    ("strength_sessions_7d", |r| {
        r.context.sessions_7d.to_string()
    }),
    ("strength_sessions_28d", |r| {
        r.context.sessions_28d.to_string()
    }),
    ("excluded", |r| r.excluded.clone().unwrap_or_default()),
    ("source_path", |r| r.source_path.clone()),
];

/// `tables/runs.csv`.
pub fn runs(a: &Analysis) -> Result<Vec<u8>> {
    let head: Vec<&str> = RUN_COLUMNS.iter().map(|c| c.0).collect();
    let rows = (a.runs.iter()).map(|r| RUN_COLUMNS.iter().map(|c| (c.1)(r)).collect::<Vec<_>>());
    table(&head, rows)
}

/// `tables/lifts.csv`: estimated 1RM of each main lift per session.
pub fn lifts(a: &Analysis) -> Result<Vec<u8>> {
    let rows = (a.program.lifts.iter()).flat_map(|lift| {
        (lift.points.iter())
            .map(|(date, e1rm)| [lift.exercise.clone(), date.to_string(), opt(Some(*e1rm), 1)])
    });
    table(&["exercise", "date", "e1rm_kg"], rows)
}

/// `tables/strength_sessions.csv`.
pub fn sessions(a: &Analysis) -> Result<Vec<u8>> {
    let head = [
        "session_id",
        "start_local",
        "kind",
        "working_sets",
        "hard_sets",
        "tonnage_kg",
        "ground_contacts",
        "duration_min",
        "avg_hr_bpm",
    ];
    let rows = a.sessions.iter().map(|s| {
        [
            s.session_id.clone(),
            s.start_local.format("%Y-%m-%d %H:%M").to_string(),
            s.kind.to_string(),
            s.sets.to_string(),
            s.hard_sets.to_string(),
            opt(Some(s.tonnage_kg), 1),
            opt(Some(s.ground_contacts), 0),
            opt(s.duration_s.map(|d| d / 60.0), 1),
            opt(s.avg_hr, 0),
        ]
    });
    table(&head, rows)
}

/// `tables/weeks.csv`.
pub fn weeks(a: &Analysis) -> Result<Vec<u8>> {
    let head = [
        "week",
        "monday",
        "runs",
        "distance_km",
        "time_h",
        "heavy",
        "plyometric",
        "high_rep",
        "mixed",
        "unlogged",
        "other_sports_h",
    ];
    let rows = a.weeks.iter().map(|r| {
        [
            r.week.clone(),
            r.monday.to_string(),
            r.runs.to_string(),
            opt(Some(r.distance_km), 2),
            opt(Some(r.time_h), 2),
            r.heavy.to_string(),
            r.plyometric.to_string(),
            r.high_rep.to_string(),
            r.mixed.to_string(),
            r.unlogged.to_string(),
            opt(Some(r.other_h), 2),
        ]
    });
    table(&head, rows)
}

/// `tables/load.csv`: every day's load of runs and of lifting (TRIMP),
/// strength sessions, fitness, fatigue and form.
pub fn load(a: &Analysis) -> Result<Vec<u8>> {
    let head = [
        "date",
        "run_trimp",
        "strength_trimp",
        "strength_sessions",
        "fitness",
        "fatigue",
        "form",
    ];
    let rows = a.load.days.iter().map(|d| {
        [
            d.date.to_string(),
            opt(Some(d.run), 1),
            opt(Some(d.strength), 1),
            d.sessions.to_string(),
            opt(Some(d.fitness), 2),
            opt(Some(d.fatigue), 2),
            opt(Some(d.form()), 2),
        ]
    });
    table(&head, rows)
}

/// `ingest.csv`: the ingest log table as it is.
pub fn ingest_log(log: &polars::prelude::DataFrame) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    CsvWriter::new(&mut buf).finish(&mut log.clone())?;
    Ok(buf)
}
