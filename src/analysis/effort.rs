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
    /// Heat effect on ln(speed at the reference heart rate), if found and used.
    pub speed_heat: Option<HeatFit>,
    /// Heat effect on heart rate at the reference pace (bpm/°C), if found and used.
    pub hr_heat: Option<HeatFit>,
    /// What was done about temperature, in words.
    pub temperature_note: String,
}

fn heat_obs(runs: &[RunMetrics], value: fn(&RunMetrics) -> Option<f64>) -> Vec<Obs> {
    runs.iter()
        .filter_map(|r| Some((r.week.clone(), r.temperature_c?, value(r)?)))
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
) -> Effort {
    let ln_speed = |r: &RunMetrics| r.speed_at_ref_hr.map(f64::ln);
    let (speed_heat, hr_heat) = if adjust {
        (
            temperature::fit(&heat_obs(runs, ln_speed), false),
            temperature::fit(&heat_obs(runs, |r| r.hr_at_ref_pace), true),
        )
    } else {
        (None, None)
    };
    for r in runs.iter_mut() {
        let t = r.temperature_c;
        r.speed_used = match (r.speed_at_ref_hr, speed_heat, t) {
            (Some(v), Some(h), Some(t)) => Some(h.adjust(v.ln(), t).exp()),
            (v, _, _) => v,
        };
        r.hr_used = match (r.hr_at_ref_pace, hr_heat, t) {
            (Some(v), Some(h), Some(t)) => Some(h.adjust(v, t)),
            (v, _, _) => v,
        };
    }
    let temperature_note = match (adjust, speed_heat, hr_heat) {
        (false, _, _) => "not adjusted for temperature (turned off)".to_string(),
        (true, None, None) if runs.iter().all(|r| r.temperature_c.is_none()) => {
            "not adjusted for temperature: the runs carry no temperature".to_string()
        }
        (true, None, None) => {
            "not adjusted for temperature: no clear heat effect in these runs".to_string()
        }
        (true, s, h) => {
            let mut parts = Vec::new();
            if let Some(s) = s {
                let pct = 100.0 * (s.slope.exp() - 1.0);
                parts.push(format!(
                    "{pct:+.2} % speed per °C above {:.0} °C",
                    s.threshold_c
                ));
            }
            if let Some(h) = h {
                parts.push(format!(
                    "{:+.2} bpm per °C above {:.0} °C",
                    h.slope, h.threshold_c
                ));
            }
            format!(
                "adjusted for temperature with the heat effect found in your runs: {}",
                parts.join("; ")
            )
        }
    };
    let no_rpe = "no RPE logged on easy runs (a watch that asks after each run, or Strava's Perceived \
                  Exertion, would tell whether easy pace feels easier)";
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
            let easy_rpe = |r: &RunMetrics| r.rpe.filter(|_| r.kind == "easy");
            let rpe = if runs.iter().any(|r| easy_rpe(r).is_some()) {
                compare(easy_rpe, false)
            } else {
                Err(no_rpe.to_string())
            };
            (
                compare(|r| r.speed_used, true),
                compare(|r| r.hr_used, false),
                rpe,
                compare(|r| r.decoupling_pct.filter(|_| r.kind == "long"), false),
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
        speed_heat,
        hr_heat,
        temperature_note,
    }
}
