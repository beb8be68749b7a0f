//! Per-run metrics from the canonical tables.
//!
//! * **Speed at the reference heart rate** (m/s, higher is better): the
//!   run's steady-state grade-adjusted speed `v̄` scaled along heart-rate
//!   reserve, `v̄ · (HR_ref − HR_rest) / (H̄ − HR_rest)`. This rests on the
//!   fraction of heart-rate reserve tracking the fraction of VO2 reserve
//!   (Swain & Leutholtz 1997) and net oxygen cost rising in proportion to
//!   speed; only runs with steady heart rate within 25 bpm of the reference
//!   are used, so the scaling stays short.
//! * **Heart rate at the reference pace** (bpm, lower is better):
//!   `HR_rest + (H̄ − HR_rest) · v_ref / v̄`, same conditions.
//! * Run type: `quality` (see [`super::steady`]), `long` (≥ 70 min), `easy`.

use super::steady::{RunSamples, Steady, select};
use crate::error::Result;
use crate::schema::{activities as a, samples as s};
use crate::tables::{Tables, f64s, i64s, strs};
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use std::collections::HashMap;

/// Minimum steady state for a run to count, s.
pub const MIN_STEADY_S: f64 = 600.0;
/// Largest distance of a run's steady heart rate from the reference, bpm.
pub const MAX_HR_DISTANCE: f64 = 25.0;

/// One run with its metrics.
#[derive(Clone, Debug)]
pub struct RunMetrics {
    /// Activity id.
    pub activity_id: String,
    /// Source file.
    pub source_path: String,
    /// Start instant.
    pub start_utc: DateTime<Utc>,
    /// Local start.
    pub start_local: NaiveDateTime,
    /// ISO week label of the local date, e.g. `2026-W07`.
    pub week: String,
    /// `easy`, `long` or `quality`.
    pub kind: &'static str,
    /// Elapsed time, s.
    pub duration_s: f64,
    /// Distance, m.
    pub distance_m: f64,
    /// Steady-state selection.
    pub steady: Steady,
    /// Mean temperature, °C.
    pub temperature_c: Option<f64>,
    /// Logged perceived effort (CR10).
    pub rpe: Option<f64>,
    /// Speed at the reference heart rate, m/s.
    pub speed_at_ref_hr: Option<f64>,
    /// Heart rate at the reference pace, bpm.
    pub hr_at_ref_pace: Option<f64>,
    /// Speed at the reference heart rate used in the estimate (temperature-adjusted where that applies), m/s.
    pub speed_used: Option<f64>,
    /// Heart rate at the reference pace used in the estimate (temperature-adjusted where that applies), bpm.
    pub hr_used: Option<f64>,
    /// Why the run is not in the effort estimates.
    pub excluded: Option<String>,
}

/// ISO week label of a date.
pub fn iso_week(date: chrono::NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Steady state of every running activity (no reference values yet).
pub fn runs(tables: &Tables) -> Result<Vec<RunMetrics>> {
    let act = &tables.activities;
    let (ids, paths, sports) = (
        strs(act, a::ACTIVITY_ID)?,
        strs(act, a::SOURCE_PATH)?,
        strs(act, a::SPORT)?,
    );
    let (starts, offsets) = (i64s(act, a::START_UTC)?, i64s(act, a::UTC_OFFSET_MIN)?);
    let (durs, dists, temps, rpes) = (
        f64s(act, a::DURATION_S)?,
        f64s(act, a::DISTANCE_M)?,
        f64s(act, a::AVG_TEMPERATURE_C)?,
        f64s(act, a::RPE)?,
    );
    let sm = &tables.samples;
    let sid = strs(sm, s::ACTIVITY_ID)?;
    let t: Vec<f64> = f64s(sm, s::T_S)?
        .into_iter()
        .map(|x| x.unwrap_or(f64::NAN))
        .collect();
    let (v, d, alt) = (
        f64s(sm, s::SPEED_MPS)?,
        f64s(sm, s::DISTANCE_M)?,
        f64s(sm, s::ALTITUDE_M)?,
    );
    let (hr, cad, temp) = (
        f64s(sm, s::HR_BPM)?,
        f64s(sm, s::CADENCE_SPM)?,
        f64s(sm, s::TEMPERATURE_C)?,
    );
    // Samples of one activity are contiguous in the table.
    let mut ranges: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, id) in sid.iter().enumerate() {
        if let Some(id) = id.as_deref() {
            ranges
                .entry(id)
                .and_modify(|r| r.1 = i + 1)
                .or_insert((i, i + 1));
        }
    }
    let mut out = Vec::new();
    for i in 0..ids.len() {
        let (Some(id), Some(start)) =
            (&ids[i], starts[i].and_then(DateTime::from_timestamp_millis))
        else {
            continue;
        };
        if sports[i].as_deref() != Some("running") {
            continue;
        }
        let start_local = start.naive_utc() + Duration::minutes(offsets[i].unwrap_or(0));
        let (lo, hi) = ranges.get(id.as_str()).copied().unwrap_or((0, 0));
        let steady = select(&RunSamples {
            t_s: &t[lo..hi],
            speed: &v[lo..hi],
            distance: &d[lo..hi],
            altitude: &alt[lo..hi],
            hr: &hr[lo..hi],
            cadence: &cad[lo..hi],
        });
        let temps_run: Vec<f64> = temp[lo..hi].iter().flatten().copied().collect();
        let temperature_c = if temps_run.is_empty() {
            temps[i]
        } else {
            Some(temps_run.iter().sum::<f64>() / temps_run.len() as f64)
        };
        let duration_s = durs[i].unwrap_or(0.0);
        let kind = if steady.quality {
            "quality"
        } else if duration_s >= 70.0 * 60.0 {
            "long"
        } else {
            "easy"
        };
        let excluded = if hi == lo {
            Some("no samples".to_string())
        } else if hr[lo..hi].iter().all(Option::is_none) {
            Some("no heart rate".to_string())
        } else if steady.quality {
            Some("quality session: pace not steady".to_string())
        } else if steady.kept_s < MIN_STEADY_S {
            Some(format!(
                "only {:.0} steady minutes (need 10)",
                steady.kept_s / 60.0
            ))
        } else {
            None
        };
        out.push(RunMetrics {
            activity_id: id.clone(),
            source_path: paths[i].clone().unwrap_or_default(),
            start_utc: start,
            start_local,
            week: iso_week(start_local.date()),
            kind,
            duration_s,
            distance_m: dists[i].unwrap_or(0.0),
            steady,
            temperature_c,
            rpe: rpes[i],
            speed_at_ref_hr: None,
            hr_at_ref_pace: None,
            speed_used: None,
            hr_used: None,
            excluded,
        });
    }
    out.sort_by_key(|r| r.start_utc);
    Ok(out)
}

/// Fill in the reference-based metrics of each usable run.
pub fn apply_references(runs: &mut [RunMetrics], hr_rest: f64, ref_hr: f64, ref_speed: f64) {
    for r in runs.iter_mut().filter(|r| r.excluded.is_none()) {
        let (v, h) = (r.steady.gap_mps, r.steady.hr_bpm);
        if (h - ref_hr).abs() > MAX_HR_DISTANCE || h - hr_rest < 20.0 {
            r.excluded = Some(format!(
                "steady heart rate {h:.0} bpm is too far from the reference {ref_hr:.0}"
            ));
            continue;
        }
        r.speed_at_ref_hr = Some(v * (ref_hr - hr_rest) / (h - hr_rest));
        r.hr_at_ref_pace = Some(hr_rest + (h - hr_rest) * ref_speed / v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserve_scaling_by_hand() {
        let steady = Steady {
            kept_s: 1800.0,
            gap_mps: 3.0,
            hr_bpm: 138.0,
            quality: false,
            glitch_s: 0.0,
        };
        let mut r = vec![RunMetrics {
            activity_id: "a".into(),
            source_path: "p".into(),
            start_utc: DateTime::from_timestamp(0, 0).unwrap(),
            start_local: DateTime::from_timestamp(0, 0).unwrap().naive_utc(),
            week: "1970-W01".into(),
            kind: "easy",
            duration_s: 2400.0,
            distance_m: 7000.0,
            steady,
            temperature_c: None,
            rpe: None,
            speed_at_ref_hr: None,
            hr_at_ref_pace: None,
            speed_used: None,
            hr_used: None,
            excluded: None,
        }];
        apply_references(&mut r, 48.0, 145.0, 1000.0 / 330.0);
        // 3.0 · 97 / 90 = 3.2333…; 48 + 90 · 3.0303 / 3.0 = 138.909…
        assert!((r[0].speed_at_ref_hr.unwrap() - 3.233_333).abs() < 1e-5);
        assert!((r[0].hr_at_ref_pace.unwrap() - 138.909_09).abs() < 1e-4);
        assert_eq!(
            iso_week(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            "2026-W01"
        );
        assert_eq!(
            iso_week(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
            "2026-W53"
        );
    }
}
