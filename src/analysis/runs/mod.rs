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
//! * Run type, first match: `treadmill` (sub-sport treadmill or indoor),
//!   `race` (heart rate ≥ 85 % of reserve for most of a run of ≥ 15 min),
//!   `quality` (see [`super::steady`]), `long` (≥ 70 min), `easy`.
//!   Only easy and long runs enter the effort estimates.

mod columns;
mod why_short;
use columns::Columns;
pub use why_short::group as reason_group;

use super::form::{self, LateForm};
use super::join::RunContext;
use super::samples::SampleTable;
use super::steady::{Prepared, Steady};
use crate::error::Result;
pub use crate::kinds::RunKind;
use crate::schema::activities as a;
use crate::tables::{Tables, f64s, i64s, local_time, strs};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};

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
    /// `easy`, `long`, `quality`, `race` or `treadmill`.
    pub kind: RunKind,
    /// Sub-sport as the file gives it.
    pub sub_sport: Option<String>,
    /// Recording device (watch), where the file names it.
    pub device: Option<String>,
    /// Heart-rate sensor, where the file names one (`chest strap`).
    pub hr_sensor: Option<String>,
    /// Elapsed time, s.
    pub duration_s: f64,
    /// Distance, m.
    pub distance_m: f64,
    /// Steady-state selection.
    pub steady: Steady,
    /// Efficiency factor, m/min per bpm (steady state).
    pub ef: Option<f64>,
    /// Aerobic decoupling of the whole run, % (positive = drift).
    pub decoupling_pct: Option<f64>,
    /// Banister TRIMP.
    pub trimp: Option<f64>,
    /// Late-run form (long runs).
    pub late: Option<LateForm>,
    /// Power source (the file's kind of power and its device), where the run has power.
    pub power_source: Option<String>,
    /// Metres per kilojoule at steady state (speed per watt ×1000; usable runs with power).
    pub metres_per_kj: Option<f64>,
    /// Steady power scaled to the reference heart rate, W.
    pub power_at_ref_hr: Option<f64>,
    /// In the power estimates (of the power source compared).
    pub power_compared: bool,
    /// Late-run form by the running dynamics (long runs whose files have them).
    pub late_dynamics: Option<super::dynamics::LateDynamics>,
    /// Mean temperature, °C.
    pub temperature_c: Option<f64>,
    /// Logged perceived effort (CR10).
    pub rpe: Option<f64>,
    /// How the run felt (FIT `workout_feel`, 0–100, higher is better).
    pub feel: Option<f64>,
    /// Speed at the reference heart rate, m/s.
    pub speed_at_ref_hr: Option<f64>,
    /// Heart rate at the reference pace, bpm.
    pub hr_at_ref_pace: Option<f64>,
    /// Speed at the reference heart rate used in the estimate (temperature-adjusted where that applies), m/s.
    pub speed_used: Option<f64>,
    /// Heart rate at the reference pace used in the estimate (temperature-adjusted where that applies), bpm.
    pub hr_used: Option<f64>,
    /// Place on the strength timeline.
    pub context: RunContext,
    /// Why the run is not in the effort estimates.
    pub excluded: Option<String>,
}

#[cfg(test)]
impl RunMetrics {
    /// An easy run starting `at` (local and UTC alike) with `speed_used`,
    /// for tests of what the analysis does with runs.
    pub(crate) fn easy_at(at: NaiveDateTime, speed_used: Option<f64>) -> RunMetrics {
        RunMetrics {
            activity_id: at.to_string(),
            source_path: "test".into(),
            start_utc: at.and_utc(),
            start_local: at,
            week: iso_week(at.date()),
            kind: RunKind::Easy,
            sub_sport: None,
            device: None,
            hr_sensor: None,
            duration_s: 2700.0,
            distance_m: 8000.0,
            ef: None,
            decoupling_pct: None,
            trimp: None,
            late: None,
            late_dynamics: None,
            power_source: None,
            metres_per_kj: None,
            power_at_ref_hr: None,
            power_compared: false,
            steady: Steady::default(),
            temperature_c: None,
            rpe: None,
            feel: None,
            speed_at_ref_hr: speed_used,
            hr_at_ref_pace: None,
            speed_used,
            hr_used: None,
            context: RunContext::default(),
            excluded: None,
        }
    }
}

/// ISO week label of a date.
pub fn iso_week(date: chrono::NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Monday and Sunday of the ISO week labelled `label` (`2026-W07`).
pub fn week_bounds(label: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (y, w) = label.split_once("-W")?;
    let monday =
        NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, chrono::Weekday::Mon)?;
    Some((monday, monday + chrono::Duration::days(6)))
}

/// The athlete's heart-rate profile, for TRIMP and race detection.
#[derive(Clone, Copy, Debug)]
pub struct HrProfile {
    /// Resting heart rate, bpm.
    pub rest: f64,
    /// Maximum heart rate, bpm.
    pub max: f64,
    /// Use the women's TRIMP constants.
    pub female: bool,
    /// Mean heart rate a race must reach: the 90th percentile of the
    /// runner's runs (set by [`runs`] from ten runs on). A runner whose
    /// every run is hard, or whose maximum is underestimated, is not racing
    /// every time.
    pub race_floor_bpm: Option<f64>,
}

fn is_race(p: &Prepared, hr: &HrProfile) -> bool {
    let moving: Vec<f64> = (0..p.t.len())
        .filter(|&i| p.moving[i] && p.t[i] >= 300.0)
        .filter_map(|i| p.hr[i])
        .collect();
    let hard = moving
        .iter()
        .filter(|&&h| (h - hr.rest) / (hr.max - hr.rest) >= 0.85)
        .count();
    let mean = moving.iter().sum::<f64>() / moving.len().max(1) as f64;
    moving.len() >= 900
        && hard as f64 >= 0.6 * moving.len() as f64
        && hr.race_floor_bpm.is_none_or(|floor| mean >= floor)
}

impl HrProfile {
    /// Banister's TRIMP of a run's heart rate, one term per second.
    fn trimp(&self, hr: &[Option<f64>]) -> Option<f64> {
        form::trimp(hr, self.rest, self.max, self.female)
    }
}

/// The 90th percentile of the runs' mean heart rates, from ten runs on.
fn race_floor(mean_hrs: Vec<f64>) -> Option<f64> {
    let mut v = mean_hrs;
    v.sort_by(f64::total_cmp);
    (v.len() >= 10).then(|| v[((v.len() - 1) as f64 * 0.9).round() as usize])
}

/// Type of a run, and why it is not in the effort estimates (if it is not).
fn classify(
    sub_sport: Option<&str>,
    p: Option<&Prepared>,
    s: &Steady,
    duration_s: f64,
    hr: &HrProfile,
) -> (RunKind, Option<String>) {
    let kind = if matches!(
        sub_sport,
        Some("treadmill" | "indoor_running" | "virtual_activity")
    ) {
        RunKind::Treadmill
    } else if p.is_some_and(|p| is_race(p, hr)) {
        RunKind::Race
    } else if s.quality {
        RunKind::Quality
    } else if duration_s >= 70.0 * 60.0 {
        RunKind::Long
    } else {
        RunKind::Easy
    };
    let excluded = match (kind, p) {
        (_, None) => Some("no samples".to_string()),
        (_, Some(p)) if p.hr.iter().all(Option::is_none) => Some("no heart rate".to_string()),
        (RunKind::Treadmill, _) => {
            Some("treadmill: belt speed is not comparable with outdoor runs".to_string())
        }
        (RunKind::Race, _) => Some("race: a maximal effort, not a steady one".to_string()),
        (RunKind::Quality, _) => Some("quality session: pace not steady".to_string()),
        _ if s.kept_s < MIN_STEADY_S => Some(why_short::why_short(s, MIN_STEADY_S)),
        _ => None,
    };
    (kind, excluded)
}

/// Steady state and form of every running activity (no reference values
/// yet), runs in parallel, their samples read a window at a time.
///
/// Runs that start after `until` (a local date) are passed over before any
/// work is spent on their samples.
pub fn runs(
    tables: &Tables,
    hr_profile: &HrProfile,
    until: Option<NaiveDate>,
) -> Result<Vec<RunMetrics>> {
    let act = &tables.activities;
    let sports = strs(act, a::SPORT)?;
    let (starts, offsets) = (i64s(act, a::START_UTC)?, i64s(act, a::UTC_OFFSET_MIN)?);
    let avg_hr = f64s(act, a::AVG_HR)?;
    let running = |i: &usize| sports[*i].as_deref() == Some("running");
    let run_hrs = (0..sports.len()).filter(running).filter_map(|i| avg_hr[i]);
    let race_floor_bpm = race_floor(run_hrs.collect());
    let hr_profile = &HrProfile {
        race_floor_bpm,
        ..*hr_profile
    };
    let cols = Columns::read(act)?;
    let todo: Vec<(usize, DateTime<Utc>, NaiveDateTime)> = (0..sports.len())
        .filter(running)
        .filter(|&i| cols.ids[i].is_some())
        .filter_map(|i| {
            let start = starts[i].and_then(DateTime::from_timestamp_millis)?;
            let start_local = local_time(start, offsets[i]);
            let later = until.is_some_and(|u| start_local.date() > u);
            (!later).then_some((i, start, start_local))
        })
        .collect();
    let ids: Vec<&str> = (todo.iter())
        .filter_map(|r| cols.ids[r.0].as_deref())
        .collect();
    let done = tables.samples.map(&ids, &SampleTable::COLUMNS, |k, df| {
        let samples = SampleTable::read(df).ok()?;
        Some(cols.metrics(todo[k], Some(&samples), hr_profile))
    })?;
    let mut out: Vec<RunMetrics> = (todo.iter().zip(done))
        .map(|(&run, m)| (m.flatten()).unwrap_or_else(|| cols.metrics(run, None, hr_profile)))
        .collect();
    out.sort_by_key(|r| r.start_utc);
    Ok(out)
}

/// Words of the reason a run whose steady heart rate is far from the
/// reference is left out with (its numbers around them), shared with [`reason_group`].
pub(crate) const TOO_FAR: &str = "is too far from the reference";

/// Fill in the reference-based metrics of each usable run.
pub fn apply_references(runs: &mut [RunMetrics], hr_rest: f64, ref_hr: f64, ref_speed: f64) {
    for r in runs.iter_mut().filter(|r| r.excluded.is_none()) {
        let (v, h) = (r.steady.gap_mps, r.steady.hr_bpm);
        if (h - ref_hr).abs() > MAX_HR_DISTANCE || h - hr_rest < 20.0 {
            r.excluded = Some(format!(
                "steady heart rate {h:.0} bpm {TOO_FAR} {ref_hr:.0}"
            ));
            continue;
        }
        r.speed_at_ref_hr = Some(v * (ref_hr - hr_rest) / (h - hr_rest));
        r.hr_at_ref_pace = Some(hr_rest + (h - hr_rest) * ref_speed / v);
        let power = r.steady.power_w.filter(|&w| w > 10.0);
        r.metres_per_kj = power.map(|w| 1000.0 * v / w);
        r.power_at_ref_hr = power.map(|w| w * (ref_hr - hr_rest) / (h - hr_rest));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::steady::select_prepared;

    fn prepared(hr: f64, speed: f64) -> Prepared {
        crate::analysis::steady::synthetic(2400, |_| speed, |_| hr, |_| 170.0)
    }

    #[test]
    fn run_types() {
        let profile = HrProfile {
            rest: 50.0,
            max: 190.0,
            female: false,
            race_floor_bpm: None,
        };
        let easy = prepared(140.0, 3.0);
        let s = select_prepared(&easy);
        assert_eq!(
            classify(None, Some(&easy), &s, 2400.0, &profile),
            (RunKind::Easy, None)
        );
        assert_eq!(
            classify(None, Some(&easy), &s, 4800.0, &profile).0,
            RunKind::Long
        );
        let (kind, why) = classify(Some("treadmill"), Some(&easy), &s, 2400.0, &profile);
        assert_eq!(kind, RunKind::Treadmill);
        assert!(why.unwrap().contains("treadmill"));
        // 175 bpm is 89 % of reserve throughout: a race.
        let race = prepared(175.0, 4.2);
        let (kind, why) = classify(None, Some(&race), &select_prepared(&race), 2400.0, &profile);
        assert_eq!(kind, RunKind::Race);
        assert!(why.unwrap().contains("maximal"));
        // Runs that average 160–178 bpm: the top tenth starts at 176, so 175 is no race.
        let floor = race_floor((0..10).map(|i| 160.0 + 2.0 * f64::from(i)).collect());
        assert_eq!(floor, Some(176.0));
        let hard_runner = HrProfile {
            race_floor_bpm: floor,
            ..profile
        };
        let s = select_prepared(&race);
        assert_eq!(
            classify(None, Some(&race), &s, 2400.0, &hard_runner).0,
            RunKind::Easy
        );
        let (_, why) = classify(None, None, &Steady::default(), 2400.0, &profile);
        assert_eq!(why.as_deref(), Some("no samples"));
    }

    #[test]
    fn reserve_scaling_by_hand() {
        let steady = Steady {
            kept_s: 1800.0,
            gap_mps: 3.0,
            hr_bpm: 138.0,
            quality: false,
            ..Default::default()
        };
        let mut r = vec![RunMetrics {
            duration_s: 2400.0,
            distance_m: 7000.0,
            steady,
            ..RunMetrics::easy_at(DateTime::from_timestamp(0, 0).unwrap().naive_utc(), None)
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
