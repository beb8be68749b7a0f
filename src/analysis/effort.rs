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

use super::estimate::{self, Estimate, Scale};
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
    /// Mean temperature the watch read on the runs of the baseline and of
    /// the recent period, °C: how far apart they are says how much heat
    /// could bias an unadjusted answer.
    pub period_temperatures: Option<(f64, f64)>,
    /// Each run's temperature and heart rate at the reference pace less the
    /// fitted fitness trend (bpm; see [`temperature::detrended`]), for the
    /// heat chart.
    pub heat_points: Vec<(f64, f64)>,
}

/// Mean watch temperature of the usable runs of each period.
fn period_temperatures(runs: &[RunMetrics], p: &Periods) -> Option<(f64, f64)> {
    let mean = |period: &Period| {
        let t: Vec<f64> = (runs.iter())
            .filter(|r| r.hr_at_ref_pace.is_some() && period.contains(r.start_local.date()))
            .filter_map(|r| r.temperature_c)
            .collect();
        (!t.is_empty()).then(|| t.iter().sum::<f64>() / t.len() as f64)
    };
    mean(&p.baseline).zip(mean(&p.recent))
}

/// Observations for the heat fit, on a day axis: fitness may change in any
/// period, the baseline included (a runner building base while it warms),
/// so the fit's smooth trend follows it and only the weather around it
/// identifies heat.
fn heat_obs(runs: &[RunMetrics], value: fn(&RunMetrics) -> Option<f64>) -> Vec<Obs> {
    runs.iter()
        .filter_map(|r| {
            // Days since 1970, with the time of day: the fitness trend's axis.
            let day = r.start_local.and_utc().timestamp() as f64 / 86_400.0;
            Some((day, r.temperature_c?, value(r)?))
        })
        .collect()
}

/// The `(ISO week, value)` of the runs of period `p`.
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

/// Every `(ISO week, value)` of the history: what the wander is measured on.
pub fn history_obs(
    runs: &[RunMetrics],
    value: fn(&RunMetrics) -> Option<f64>,
) -> Vec<(String, f64)> {
    (runs.iter())
        .filter_map(|r| value(r).map(|v| (r.week.clone(), v)))
        .collect()
}

/// The change of `value` between the periods, its interval from the
/// wander of the whole history.
pub(crate) fn change_of(
    runs: &[RunMetrics],
    p: &Periods,
    value: fn(&RunMetrics) -> Option<f64>,
    scale: Scale,
) -> Result<Estimate, String> {
    let (b, r) = (
        period_obs(runs, &p.baseline, value),
        period_obs(runs, &p.recent, value),
    );
    let wander = estimate::wander_of(&history_obs(runs, value), scale);
    estimate::compare_with(&b, &r, &wander, scale)
}

/// Set each run's `hr_used` / `speed_used`: its values adjusted with `k`
/// times the fitted heat effect (as they are without a fit).
fn use_slope(runs: &mut [RunMetrics], heat: Option<&HeatFit>, k: f64, hr_rest: f64) {
    for r in runs.iter_mut() {
        r.hr_used = match (r.hr_at_ref_pace, heat, r.temperature_c) {
            (Some(v), Some(h), Some(t)) => Some(h.adjust_with(k, v, t)),
            (v, _, _) => v,
        };
        r.speed_used = match (r.speed_at_ref_hr, r.hr_at_ref_pace, r.hr_used) {
            (Some(s), Some(h), Some(adj)) if adj - hr_rest > 1.0 => {
                Some(s * (h - hr_rest) / (adj - hr_rest))
            }
            (s, _, _) => s,
        };
    }
}

/// Baseline-to-recent changes of the used speed and heart rate.
type Pair = (Result<Estimate, String>, Result<Estimate, String>);

fn compare_used(runs: &[RunMetrics], periods: Option<&Periods>, no_periods: &str) -> Pair {
    let Some(p) = periods else {
        return (Err(no_periods.to_string()), Err(no_periods.to_string()));
    };
    (
        change_of(runs, p, |r| r.speed_used, Scale::Ratio),
        change_of(runs, p, |r| r.hr_used, Scale::Difference),
    )
}

/// Widen `e`'s interval by the heat slope's uncertainty: `half_shift` is
/// how far one standard error of the slope moves the change.
pub fn widen(e: &mut Result<Estimate, String>, half_shift: f64) {
    if let Ok(e) = e {
        let extra = (1.96 * half_shift).powi(2);
        let below = ((e.change - e.ci95[0]).powi(2) + extra).sqrt();
        let above = ((e.ci95[1] - e.change).powi(2) + extra).sqrt();
        e.ci95 = [e.change - below, e.change + above];
    }
}

/// The temperature note when the fitted slope is not physiological.
fn not_identified(h: &HeatFit) -> String {
    format!(
        "Not adjusted for temperature: the heat effect fitted to your runs, {:+.2} bpm per °C above {:.0} °C (± {:.2}), is steeper than heat makes heart rate rise (at most {:.0} bpm per °C), so it is not identified and not used",
        h.slope,
        h.threshold_c,
        h.se,
        temperature::MAX_BPM_PER_C
    )
}

/// The temperature note for the report.
fn note(
    adjust: bool,
    heat: Option<&HeatFit>,
    runs: &[RunMetrics],
    temps: Option<(f64, f64)>,
) -> String {
    let apart = temps.map_or(String::new(), |(b, r)| {
        format!(
            "; the recent runs averaged {r:.1} °C and the baseline's {b:.1} °C as the watch \
             read them{}",
            if r - b > 3.0 {
                ", so heat may make the recent runs look harder than they were"
            } else {
                ""
            }
        )
    });
    match (adjust, heat) {
        (false, _) => format!("Not adjusted for temperature (turned off){apart}"),
        (true, None) if temps.is_none() && runs.iter().all(|r| r.temperature_c.is_none()) => {
            "Not adjusted for temperature: the runs carry no temperature".to_string()
        }
        (true, None) => format!(
            "Not adjusted for temperature: no heat effect can be told apart from changes of \
             fitness in these runs (too few warm runs, or warm runs not harder){apart}"
        ),
        (true, Some(h)) => format!(
            "Adjusted for temperature with the heat effect found in your runs: heart rate {:+.2} bpm per °C above {:.0} °C (as the watch reads \
             it; ± {:.2}{}), its uncertainty included in the intervals",
            h.slope,
            h.threshold_c,
            h.se,
            if h.clear() {
                ""
            } else {
                ", not clearly above zero"
            }
        ),
    }
}

/// What `f` finds from the runs' adjusted values with the heat effect
/// used, and (with a heat effect) with its slope one standard error higher
/// and lower, so a caller can widen its intervals as the headline's are.
/// The runs are left with the effect as used.
pub fn heat_spread<T>(
    runs: &mut [RunMetrics],
    heat: Option<&HeatFit>,
    hr_rest: f64,
    f: impl Fn(&[RunMetrics]) -> T,
) -> (T, Option<(T, T)>) {
    let Some(h) = heat else {
        return (f(runs), None);
    };
    let rel = h.se / h.slope.abs().max(1e-9);
    use_slope(runs, Some(h), 1.0 + rel, hr_rest);
    let hi = f(runs);
    use_slope(runs, Some(h), (1.0 - rel).max(0.0), hr_rest);
    let lo = f(runs);
    use_slope(runs, Some(h), 1.0, hr_rest);
    (f(runs), Some((hi, lo)))
}

/// Adjust each run's values for temperature (when asked and a heat effect
/// is found), store them in `speed_used` / `hr_used`, and estimate the changes.
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
    let obs = heat_obs(runs, |r| r.hr_at_ref_pace);
    let fitted = adjust.then(|| temperature::fit(&obs, true)).flatten();
    // A slope outside physiology is not identified: nothing is adjusted.
    let (heat, implausible) = match fitted {
        Some(h) if !h.plausible() => (None, Some(h)),
        h => (h, None),
    };
    let heat_points = temperature::detrended(&obs, heat.as_ref());
    let (speed_at_ref_hr, hr_at_ref_pace) = if let Some(h) = &heat {
        // The change with the effect one standard error of the slope either way.
        let rel = h.se / h.slope.abs().max(1e-9);
        use_slope(runs, Some(h), 1.0 + rel, hr_rest);
        let (s_hi, h_hi) = compare_used(runs, periods, no_periods);
        use_slope(runs, Some(h), (1.0 - rel).max(0.0), hr_rest);
        let (s_lo, h_lo) = compare_used(runs, periods, no_periods);
        use_slope(runs, Some(h), 1.0, hr_rest);
        let (mut speed, mut hr) = compare_used(runs, periods, no_periods);
        let shift = |hi: &Result<Estimate, String>, lo: &Result<Estimate, String>| match (hi, lo) {
            (Ok(a), Ok(b)) => (a.change - b.change).abs() / 2.0,
            _ => 0.0,
        };
        widen(&mut speed, shift(&s_hi, &s_lo));
        widen(&mut hr, shift(&h_hi, &h_lo));
        (speed, hr)
    } else {
        use_slope(runs, None, 1.0, hr_rest);
        compare_used(runs, periods, no_periods)
    };
    let temps = periods.and_then(|p| period_temperatures(runs, p));
    let temperature_note = match &implausible {
        Some(h) => not_identified(h),
        None => note(adjust, heat.as_ref(), runs, temps),
    };

    let no_rpe = "no RPE logged on easy runs (a watch that asks after each run, or Strava's Perceived \
                  Exertion, would tell whether easy pace feels easier)";
    let speed_unadjusted = (periods.zip(heat.as_ref()))
        .and_then(|(p, _)| change_of(runs, p, |r| r.speed_at_ref_hr, Scale::Ratio).ok());
    let (rpe_at_easy_pace, long_run_decoupling) = match periods {
        Some(p) => {
            let compare =
                |f: fn(&RunMetrics) -> Option<f64>| change_of(runs, p, f, Scale::Difference);
            let easy_rpe = |r: &RunMetrics| r.rpe.filter(|_| r.kind == RunKind::Easy);
            let rpe = if runs.iter().any(|r| easy_rpe(r).is_some()) {
                compare(easy_rpe)
            } else {
                Err(no_rpe.to_string())
            };
            (
                rpe,
                compare(|r| r.decoupling_pct.filter(|_| r.kind == RunKind::Long)),
            )
        }
        None => (Err(no_periods.to_string()), Err(no_periods.to_string())),
    };
    Effort {
        speed_at_ref_hr,
        hr_at_ref_pace,
        rpe_at_easy_pace,
        long_run_decoupling,
        heat,
        temperature_note,
        speed_unadjusted,
        period_temperatures: temps,
        heat_points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slopes_uncertainty_widens_the_interval_on_both_sides() {
        let mut e: Result<Estimate, String> = Ok(Estimate {
            baseline: 3.0,
            recent: 3.15,
            change: 5.0,
            ci95: [4.0, 6.5],
            n_baseline: 20,
            n_recent: 10,
            wander: 2.0,
        });
        widen(&mut e, 0.5);
        let ci = e.unwrap().ci95;
        let extra = (1.96f64 * 0.5).powi(2);
        assert!(
            (ci[0] - (5.0 - (1.0 + extra).sqrt())).abs() < 1e-12,
            "{ci:?}"
        );
        assert!(
            (ci[1] - (5.0 + (2.25 + extra).sqrt())).abs() < 1e-12,
            "{ci:?}"
        );
    }

    #[test]
    fn a_slope_beyond_physiology_is_reported_as_not_identified() {
        // The 13-year Garmin history's fit: +8.38 bpm per °C above 33 °C.
        let h = HeatFit {
            threshold_c: 33.0,
            slope: 8.38,
            se: 3.11,
            n_hot: 6,
            detrended: vec![],
        };
        assert!(!h.plausible());
        let note = not_identified(&h);
        assert!(
            note.starts_with("Not adjusted for temperature: the heat effect fitted to your runs, +8.38 bpm per °C above 33 °C (± 3.11)")
                && note.contains("at most 3 bpm per °C") && note.contains("not identified"),
            "{note}"
        );
    }

    #[test]
    fn without_an_adjustment_the_note_says_why_and_how_far_apart_the_periods_were() {
        let note = note(true, None, &[], Some((8.2, 19.6)));
        assert!(note.contains("no heat effect can be told apart"), "{note}");
        assert!(note.contains("19.6 °C and the baseline's 8.2 °C"), "{note}");
        assert!(
            note.contains("heat may make the recent runs look harder"),
            "{note}"
        );
        let off = super::note(false, None, &[], Some((10.0, 11.0)));
        assert!(
            off.starts_with(
                "Not adjusted for temperature (turned off); the recent runs averaged 11.0"
            ),
            "{off}"
        );
        assert!(!off.contains("look harder"), "{off}");
    }
}
