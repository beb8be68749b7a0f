//! Analysis: per-run metrics, strength sessions, periods and the change
//! estimates. Reads only the canonical tables and the validated settings;
//! it never sees a file format or a command-line flag.
//!
//! Sign conventions (also in the README and the report):
//! * `speed_at_reference_hr.change_pct = 100·(recent/baseline − 1)`;
//!   positive means faster at the same heart rate (better).
//! * `hr_at_reference_pace.change_bpm = recent − baseline`; negative means a
//!   lower heart rate at the same pace (better).

pub mod effort;
pub mod estimate;
pub mod form;
pub mod gap;
pub mod join;
pub mod periods;
pub mod program;
pub mod runs;
pub mod steady;
pub mod strength;
pub mod temperature;

use crate::config::Settings;
use crate::error::Result;
use crate::tables::Tables;
use chrono::{Datelike, Duration, NaiveDate};
use effort::Effort;
use periods::Periods;
use runs::RunMetrics;
use std::collections::BTreeMap;
use strength::Session;

/// Everything the report shows.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// First and last local date with a run or a gym session.
    pub data_range: Option<(NaiveDate, NaiveDate)>,
    /// Every run, in time order.
    pub runs: Vec<RunMetrics>,
    /// Every strength session, in time order.
    pub sessions: Vec<Session>,
    /// Local date the strength block started.
    pub block_start: Option<NaiveDate>,
    /// Periods compared (`None` when the data are too short).
    pub periods: Option<Periods>,
    /// How the periods were chosen, or why there are none.
    pub periods_note: String,
    /// Reference heart rate, bpm.
    pub reference_hr: f64,
    /// Reference speed, m/s.
    pub reference_speed_mps: f64,
    /// Where the references came from (`config` or `data`).
    pub reference_source: &'static str,
    /// The effort estimates.
    pub effort: Effort,
    /// Strength program checks and gym markers.
    pub program: program::Program,
    /// Exercise names that matched no movement pattern.
    pub unknown_exercises: Vec<String>,
    /// One row per ISO week from the first to the last activity.
    pub weeks: Vec<WeekRow>,
}

/// Training of one ISO week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekRow {
    /// ISO week label, e.g. `2026-W07`.
    pub week: String,
    /// Monday of the week.
    pub monday: NaiveDate,
    /// Runs.
    pub runs: usize,
    /// Running distance, km.
    pub distance_km: f64,
    /// Running time, h.
    pub time_h: f64,
    /// Heavy strength sessions.
    pub heavy: usize,
    /// Plyometric sessions.
    pub plyometric: usize,
    /// High-rep sessions.
    pub high_rep: usize,
    /// Other strength sessions.
    pub mixed: usize,
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    xs.sort_by(f64::total_cmp);
    (!xs.is_empty()).then(|| xs[xs.len() / 2])
}

/// Monday of the week of `d`.
fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// One row per ISO week from the first to the last day with data (empty weeks included).
fn weeks(
    runs: &[RunMetrics],
    sessions: &[Session],
    range: Option<(NaiveDate, NaiveDate)>,
) -> Vec<WeekRow> {
    let Some((first, last)) = range else {
        return Vec::new();
    };
    let mut rows: BTreeMap<NaiveDate, WeekRow> = BTreeMap::new();
    let mut m = monday(first);
    while m <= last {
        rows.insert(
            m,
            WeekRow {
                week: runs::iso_week(m),
                monday: m,
                ..Default::default()
            },
        );
        m += Duration::days(7);
    }
    for r in runs {
        if let Some(row) = rows.get_mut(&monday(r.start_local.date())) {
            row.runs += 1;
            row.distance_km += r.distance_m / 1000.0;
            row.time_h += r.duration_s / 3600.0;
        }
    }
    for s in sessions {
        if let Some(row) = rows.get_mut(&monday(s.start_local.date())) {
            match s.kind {
                "heavy" => row.heavy += 1,
                "plyometric" => row.plyometric += 1,
                "high-rep" => row.high_rep += 1,
                _ => row.mixed += 1,
            }
        }
    }
    rows.into_values().collect()
}

/// Run the whole analysis.
pub fn analyse(tables: &Tables, settings: &Settings) -> Result<Analysis> {
    let hr_profile = runs::HrProfile {
        rest: settings.hr_rest,
        max: settings.hr_max,
        female: settings.female,
    };
    // A report as of a past week sees nothing after that week.
    let mut runs = runs::runs(tables, &hr_profile, settings.until)?;
    let mut sessions = strength::sessions(&tables.strength_sets)?;
    if let Some(until) = settings.until {
        sessions.retain(|s| s.start_local.date() <= until);
    }
    let block_start = strength::block_start(&sessions);
    let run_ms: Vec<i64> = runs
        .iter()
        .map(|r| r.start_utc.timestamp_millis())
        .collect();
    for (r, c) in runs.iter_mut().zip(join::run_context(&run_ms, &sessions)?) {
        r.context = c;
    }
    let usable: Vec<&RunMetrics> = runs.iter().filter(|r| r.excluded.is_none()).collect();
    let from_data = settings.reference_hr.is_none() || settings.reference_speed_mps.is_none();
    let reference_hr = settings.reference_hr.unwrap_or_else(|| {
        median(usable.iter().map(|r| r.steady.hr_bpm).collect())
            .map_or(140.0, |h| (h / 5.0).round() * 5.0)
    });
    let reference_speed_mps = settings.reference_speed_mps.unwrap_or_else(|| {
        let pace =
            median(usable.iter().map(|r| 1000.0 / r.steady.gap_mps).collect()).unwrap_or(360.0);
        1000.0 / ((pace / 5.0).round() * 5.0)
    });
    runs::apply_references(
        &mut runs,
        settings.hr_rest,
        reference_hr,
        reference_speed_mps,
    );

    let run_days: Vec<NaiveDate> = runs.iter().map(|r| r.start_local.date()).collect();
    let (periods, periods_note) =
        periods::choose(settings.baseline, settings.recent, &run_days, block_start);
    let effort = effort::estimate(
        &mut runs,
        periods.as_ref(),
        &periods_note,
        settings.temperature_adjustment,
        settings.hr_rest,
    );
    let days = || {
        (runs.iter().map(|r| r.start_local.date()))
            .chain(sessions.iter().map(|s| s.start_local.date()))
    };
    let data_range = days().min().zip(days().max());
    let weeks = weeks(&runs, &sessions, data_range);
    let program = program::check(&runs, &sessions, block_start, data_range.map(|r| r.1));
    let unknown_exercises = strength::unknown_exercises(&tables.strength_sets)?;
    Ok(Analysis {
        data_range,
        runs,
        sessions,
        block_start,
        periods,
        periods_note,
        reference_hr,
        reference_speed_mps,
        reference_source: if from_data { "data" } else { "config" },
        effort,
        program,
        unknown_exercises,
        weeks,
    })
}
