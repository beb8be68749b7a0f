//! Training week by week: runs, running distance and time, strength
//! sessions by kind, and the time spent in other sports (rides, swims,
//! hikes), which counts as training but never as running.

use super::history::monday;
use super::runs::{self, RunMetrics};
use super::strength::Session;
use crate::error::Result;
use crate::kinds::SessionKind;
use crate::schema::activities as a;
use crate::tables::{f64s, i64s, local_time, strs};
use chrono::{DateTime, Duration, NaiveDate};
use polars::prelude::DataFrame;
use std::collections::BTreeMap;

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
    /// Strength sessions a watch recorded without sets.
    pub unlogged: usize,
    /// Time in other sports (not running, not strength), h.
    pub other_h: f64,
}

/// An activity of another sport: local date and hours.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherSport {
    /// Local date.
    pub date: NaiveDate,
    /// Sport as the file names it.
    pub sport: String,
    /// Elapsed time, h.
    pub hours: f64,
}

/// Activities that are neither runs nor strength workouts.
pub fn other_sports(activities: &DataFrame) -> Result<Vec<OtherSport>> {
    let (sports, subs) = (strs(activities, a::SPORT)?, strs(activities, a::SUB_SPORT)?);
    let (starts, offsets) = (
        i64s(activities, a::START_UTC)?,
        i64s(activities, a::UTC_OFFSET_MIN)?,
    );
    let durs = f64s(activities, a::DURATION_S)?;
    let mut out = Vec::new();
    for i in 0..sports.len() {
        let (Some(sport), Some(start)) = (&sports[i], starts[i]) else {
            continue;
        };
        let strength = crate::ingest::sports::is_strength(sport, subs[i].as_deref());
        if sport == "running" || strength {
            continue;
        }
        let Some(utc) = DateTime::from_timestamp_millis(start) else {
            continue;
        };
        out.push(OtherSport {
            date: local_time(utc, offsets[i]).date(),
            sport: sport.clone(),
            hours: durs[i].unwrap_or(0.0).max(0.0) / 3600.0,
        });
    }
    Ok(out)
}

/// One row per ISO week from the first to the last day with data (empty weeks included).
pub fn weeks(
    runs: &[RunMetrics],
    sessions: &[Session],
    other: &[OtherSport],
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
                SessionKind::Heavy => row.heavy += 1,
                SessionKind::Plyometric => row.plyometric += 1,
                SessionKind::HighRep => row.high_rep += 1,
                SessionKind::Unlogged => row.unlogged += 1,
                SessionKind::Mixed => row.mixed += 1,
            }
        }
    }
    for o in other {
        if let Some(row) = rows.get_mut(&monday(o.date)) {
            row.other_h += o.hours;
        }
    }
    rows.into_values().collect()
}
