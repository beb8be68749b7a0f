//! The effort estimates: speed at the reference heart rate, heart rate at
//! the reference pace (both adjusted for temperature where the runner's own
//! data show a heat effect) and RPE at easy pace, each compared between the
//! baseline and the recent period.
//!
//! * `speed_at_reference_hr.change_pct = 100·(recent/baseline − 1)`: > 0 is
//!   faster at the same heart rate (better).
//! * `hr_at_reference_pace.change_bpm = recent − baseline`: < 0 is a lower
//!   heart rate at the same pace (better).
//! * `rpe_at_easy_pace.change_rpe = recent − baseline` of the RPE (CR10)
//!   logged after easy runs: < 0 means easy runs feel easier (better).
//! * `long_run_decoupling.change_pct_points = recent − baseline` of the
//!   aerobic decoupling of long runs: < 0 means less drift late in long runs
//!   (better form).

use super::estimate::{self, Estimate};
use super::periods::{Period, Periods};
use super::runs::RunMetrics;
use super::temperature::{self, HeatFit, Obs};
use crate::kinds::RunKind;

/// All effort estimates and how temperature was handled.
#[derive(Clone, Debug)]
pub struct Effort {
    /// Change of speed at the reference heart rate (percent).
    pub speed_at_ref_hr: Result<Estimate, String>,
    /// Change of heart rate at the reference pace (bpm).
    pub hr_at_ref_pace: Result<Estimate, String>,
    /// Change of RPE on easy runs (CR10 points).
    pub rpe_at_easy_pace: Result<Estimate, String>,
    /// Change of whole-run decoupling of long runs (percentage points; < 0 = less drift).
    pub long_run_decoupling: Result<Estimate, String>,
    /// Heat effect on heart rate at the reference pace (bpm per °C above a
    /// threshold), if found and used for both metrics.
    pub heat: Option<HeatFit>,
    /// What was done about temperature, in words.
    pub temperature_note: String,
    /// The change of speed at the reference heart rate without the heat
    /// adjustment, when one was made: side by side with the adjusted one,
    /// it shows how much heat moved the answer.
    pub speed_unadjusted: Option<Estimate>,
}

/// Observations for the heat fit, grouped by fitness level: the baseline
/// is one group (fitness is stable before the block, and its run-to-run
/// weather is what tells where heat starts to matter), every other ISO week
/// is a group of its own.
fn heat_obs(
    runs: &[RunMetrics],
    periods: Option<&Periods>,
    value: fn(&RunMetrics) -> Option<f64>,
) -> Vec<Obs> {
    runs.iter()
        .filter_map(|r| {
            let group = match periods {
                Some(p) if p.baseline.contains(r.start_local.date()) => "baseline".to_string(),
                _ => r.week.clone(),
            };
            Some((group, r.temperature_c?, value(r)?))
        })
        .collect()
}

fn period_obs(
    runs: &[RunMetrics],
    p: &Period,
    value: fn(&RunMetrics) -> Option<f64>,
) -> Vec<(String, f64)> {
    runs.iter()
        .filter(|r| p.contains(r.start_local.date()))
        .filter_map(|r| value(r).map(|v| (r.week.clone(), v)))
        .collect()
}

/// Adjust each run's values for temperature (when asked and detectable),
/// store them in `speed_used` / `hr_used`, and estimate the changes.
pub fn estimate(
    runs: &mut [RunMetrics],
    periods: Option<&Periods>,
    no_periods: &str,
    adjust: bool,
    hr_rest: f64,
) -> Effort {
    // Heat acts on heart rate, so the hinge is fitted to heart rate at the
    // reference pace (bpm); speed at the reference heart rate follows from
    // the same runs, since speed · (HR at pace − rest) is fixed per run.
    let heat = adjust
        .then(|| temperature::fit(&heat_obs(runs, periods, |r| r.hr_at_ref_pace), true))
        .flatten();
    for r in runs.iter_mut() {
        r.hr_used = match (r.hr_at_ref_pace, heat, r.temperature_c) {
            (Some(v), Some(h), Some(t)) => Some(h.adjust(v, t)),
            (v, _, _) => v,
        };
        r.speed_used = match (r.speed_at_ref_hr, r.hr_at_ref_pace, r.hr_used) {
            (Some(s), Some(h), Some(adj)) if adj - hr_rest > 1.0 => {
                Some(s * (h - hr_rest) / (adj - hr_rest))
            }
            (s, _, _) => s,
        };
    }
    let temperature_note = match (adjust, heat) {
        (false, _) => "Not adjusted for temperature (turned off)".to_string(),
        (true, None) if runs.iter().all(|r| r.temperature_c.is_none()) => {
            "Not adjusted for temperature: the runs carry no temperature".to_string()
        }
        (true, None) => {
            "Not adjusted for temperature: no clear heat effect in these runs".to_string()
        }
        (true, Some(h)) => format!(
            "Adjusted for temperature with the heat effect found in your runs: heart rate {:+.2} bpm per °C above {:.0} °C (as the watch reads it)",
            h.slope, h.threshold_c
        ),
    };

    let no_rpe = "no RPE logged on easy runs (a watch that asks after each run, or Strava's Perceived \
                  Exertion, would tell whether easy pace feels easier)";
    let speed_unadjusted =
        (periods.zip(heat)).and_then(|(p, _)| ratio_of(runs, p, |r| r.speed_at_ref_hr).ok());
    let (speed_at_ref_hr, hr_at_ref_pace, rpe_at_easy_pace, long_run_decoupling) = match periods {
        Some(p) => {
            let compare = |f: fn(&RunMetrics) -> Option<f64>, ratio: bool| {
                let (b, r) = (
                    period_obs(runs, &p.baseline, f),
                    period_obs(runs, &p.recent, f),
                );
                if ratio {
                    estimate::ratio_change(&b, &r)
                } else {
                    estimate::difference(&b, &r)
                }
            };
            let easy_rpe = |r: &RunMetrics| r.rpe.filter(|_| r.kind == RunKind::Easy);
            let rpe = if runs.iter().any(|r| easy_rpe(r).is_some()) {
                compare(easy_rpe, false)
            } else {
                Err(no_rpe.to_string())
            };
            (
                compare(|r| r.speed_used, true),
                compare(|r| r.hr_used, false),
                rpe,
                compare(
                    |r| r.decoupling_pct.filter(|_| r.kind == RunKind::Long),
                    false,
                ),
            )
        }
        None => {
            let why = || Err(no_periods.to_string());
            (why(), why(), why(), why())
        }
    };
    Effort {
        speed_at_ref_hr,
        hr_at_ref_pace,
        rpe_at_easy_pace,
        long_run_decoupling,
        heat,
        temperature_note,
        speed_unadjusted,
    }
}

/// The ratio change of `f` between the periods.
fn ratio_of(
    runs: &[RunMetrics],
    p: &Periods,
    f: fn(&RunMetrics) -> Option<f64>,
) -> Result<Estimate, String> {
    let (b, r) = (
        period_obs(runs, &p.baseline, f),
        period_obs(runs, &p.recent, f),
    );
    estimate::ratio_change(&b, &r)
}
