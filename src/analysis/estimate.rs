//! Baseline-versus-recent change with a 95 % interval that is honest about
//! how few runs there are and about how a runner's form wanders from week
//! to week.
//!
//! **What the interval is about.** The change in the runner's *level*:
//! form that wanders for a few weeks and comes back counts as noise, not as
//! change. Each period is summarised by the mean of its ISO weeks' means
//! (a busy week does not outweigh the others). The variance of the
//! difference comes from the wander model of the runner's whole history
//! ([`super::wander`]): run-to-run noise within weeks plus a slow form
//! correlated across weeks, so two periods close together share part of
//! their form and two far apart do not. The interval is Student's t with
//! `G_b + G_r − 2` degrees of freedom (`G` weeks with data in each period),
//! or as many as the weeks the runner's own wander was measured on, when
//! more (see [`degrees_of_freedom`]).
//! A change is *clear* when its interval leaves out zero: it stands out
//! from the runner's own wander.
//!
//! * [`Scale::Ratio`] works on logarithms: `change_pct = 100·(R/B − 1)` with
//!   `B`, `R` the geometric means of each period (> 0: recent is higher).
//! * [`Scale::Difference`] works on the values: `change = R − B`
//!   (arithmetic means).
//! * [`interleaved_ratio`] compares two groups of runs from the same weeks
//!   (their form is shared, so a Welch t on week means serves).

use super::wander::{self, REAL_PRIOR, Wander};
use statrs::distribution::{ContinuousCDF, StudentsT};
use std::collections::BTreeMap;

/// Fewest runs per period for an estimate.
pub const MIN_RUNS: usize = 3;
/// Fewest distinct weeks per period for an estimate.
pub const MIN_WEEKS: usize = 2;

/// A change between two periods with its interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// Baseline mean (geometric for ratios).
    pub baseline: f64,
    /// Recent mean (geometric for ratios).
    pub recent: f64,
    /// The change: percent for ratios, units for differences.
    pub change: f64,
    /// 95 % interval of the change, `[low, high]`.
    pub ci95: [f64; 2],
    /// Runs in the baseline.
    pub n_baseline: usize,
    /// Runs in the recent period.
    pub n_recent: usize,
    /// The runner's usual wander, in the change's units: half the width of
    /// the 95 % band (the interval's t quantile) within which two stretches
    /// as long as the two periods and as far apart (with as many runs a
    /// week) differ with no change of level. 0 for [`interleaved_ratio`].
    pub wander: f64,
}

impl Estimate {
    /// Whether the interval leaves out "no change".
    pub fn clear(&self) -> bool {
        self.ci95[0] > 0.0 || self.ci95[1] < 0.0
    }
}

/// How values are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Relative change of geometric means, percent.
    Ratio,
    /// Difference of arithmetic means, in the values' units.
    Difference,
}

impl Scale {
    /// The value on the scale the estimator averages (log for ratios).
    fn to_scale(self, y: f64) -> f64 {
        match self {
            Scale::Ratio => y.ln(),
            Scale::Difference => y,
        }
    }

    /// A change on the averaged scale, in the reported units.
    fn change(self, d: f64) -> f64 {
        match self {
            Scale::Ratio => 100.0 * (d.exp() - 1.0),
            Scale::Difference => d,
        }
    }

    /// A mean on the averaged scale, in the values' units.
    fn level(self, m: f64) -> f64 {
        match self {
            Scale::Ratio => m.exp(),
            Scale::Difference => m,
        }
    }
}

/// `(week label, value)` observations on the weekly axis, their values on `scale`.
fn indexed(obs: &[(String, f64)], scale: Scale) -> Vec<(i64, f64)> {
    (obs.iter())
        .filter_map(|(w, y)| wander::week_index(w).map(|k| (k, scale.to_scale(*y))))
        .collect()
}

/// Week means of observations on `scale`: week index → (mean, runs).
fn weeks_of(obs: &[(String, f64)], scale: Scale) -> BTreeMap<i64, (f64, usize)> {
    wander::week_means(&indexed(obs, scale))
}

/// Mean of the week means on `scale`, its variance (spread of week means
/// / G), and degrees of freedom.
fn cluster_mean(obs: &[(String, f64)], scale: Scale) -> (f64, f64, f64) {
    let means: Vec<f64> = weeks_of(obs, scale).values().map(|v| v.0).collect();
    let g = means.len() as f64;
    let mean = means.iter().sum::<f64>() / g;
    let s2 = means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (g - 1.0);
    (mean, s2 / g, g - 1.0)
}

fn check(base: &[(String, f64)], recent: &[(String, f64)]) -> Result<(), String> {
    for (name, o) in [("baseline", base), ("recent", recent)] {
        let (n, w) = (o.len(), weeks_of(o, Scale::Difference).len());
        if n < MIN_RUNS || w < MIN_WEEKS {
            return Err(format!(
                "too few usable runs in the {name} period ({n} run{} in {w} week{}; need {MIN_RUNS} runs in {MIN_WEEKS} weeks)",
                if n == 1 { "" } else { "s" },
                if w == 1 { "" } else { "s" },
            ));
        }
    }
    Ok(())
}

/// Degrees of freedom of the interval: the weeks its variance rests on.
/// A history that measured its own wander brings its weeks with data
/// (times its own share); otherwise the two periods' weeks count, as for a
/// t on their week means.
fn degrees_of_freedom(period_weeks: usize, wander: &Wander) -> f64 {
    let periods = period_weeks as f64 - 2.0;
    periods.max(wander.own_share * wander.weeks as f64 - 2.0)
}

fn t95(df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df.max(1.0)).map_or(12.7, |d| d.inverse_cdf(0.975))
}

/// The wander of a metric over the runner's whole history, on `scale`.
pub fn wander_of(history: &[(String, f64)], scale: Scale) -> Wander {
    wander::fit(&indexed(history, scale), REAL_PRIOR)
}

/// The change from `base` to `recent` with its interval from `wander`
/// (fitted on `scale`, see [`wander_of`]).
pub fn compare_with(
    base: &[(String, f64)],
    recent: &[(String, f64)],
    wander: &Wander,
    scale: Scale,
) -> Result<Estimate, String> {
    check(base, recent)?;
    let (wb, wr) = (weeks_of(base, scale), weeks_of(recent, scale));
    let mean =
        |w: &BTreeMap<i64, (f64, usize)>| w.values().map(|v| v.0).sum::<f64>() / w.len() as f64;
    let (mb, mr) = (mean(&wb), mean(&wr));
    let runs =
        |w: &BTreeMap<i64, (f64, usize)>| w.iter().map(|(k, v)| (*k, v.1)).collect::<Vec<_>>();
    let se = wander.contrast_var(&runs(&wb), &runs(&wr)).sqrt();
    let t = t95(degrees_of_freedom(wb.len() + wr.len(), wander));
    let d = mr - mb;
    let first = |w: &BTreeMap<i64, (f64, usize)>| w.keys().next().copied().unwrap_or(0);
    let last = |w: &BTreeMap<i64, (f64, usize)>| w.keys().next_back().copied().unwrap_or(0);
    let span = |w: &BTreeMap<i64, (f64, usize)>| last(w) - first(w) + 1;
    // Weeks from the end of the baseline to the start of the recent period.
    let gap = first(&wr) - last(&wb) - 1;
    let per_week = ((base.len() + recent.len()) as f64 / (wb.len() + wr.len()) as f64).round();
    let band = t * wander.band_sd(span(&wb), gap, span(&wr), (per_week as usize).max(1));
    Ok(Estimate {
        baseline: scale.level(mb),
        recent: scale.level(mr),
        change: scale.change(d),
        ci95: [scale.change(d - t * se), scale.change(d + t * se)],
        n_baseline: base.len(),
        n_recent: recent.len(),
        wander: scale.change(band),
    })
}

/// Relative change (percent) between two groups of runs taken from the same
/// weeks: a Welch–Satterthwaite t on their week means, since the form they
/// share cancels.
pub fn interleaved_ratio(a: &[(String, f64)], b: &[(String, f64)]) -> Result<Estimate, String> {
    check(a, b)?;
    let (ma, va, da) = cluster_mean(a, Scale::Ratio);
    let (mb, vb, db) = cluster_mean(b, Scale::Ratio);
    let se2 = va + vb;
    let df = if se2 > 0.0 {
        se2 * se2 / (va * va / da + vb * vb / db)
    } else {
        da + db
    };
    let (d, t, se) = (mb - ma, t95(df), se2.sqrt());
    let pct = |x: f64| Scale::Ratio.change(x);
    Ok(Estimate {
        baseline: ma.exp(),
        recent: mb.exp(),
        change: pct(d),
        ci95: [pct(d - t * se), pct(d + t * se)],
        n_baseline: a.len(),
        n_recent: b.len(),
        wander: 0.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Week labels of 2026 from week numbers.
    fn obs(values: &[(u32, f64)]) -> Vec<(String, f64)> {
        values
            .iter()
            .map(|(w, y)| (format!("2026-W{w:02}"), *y))
            .collect()
    }

    /// A wander measured on no weeks of its own: the periods' weeks set the t.
    fn wander(run_var: f64, parts: Vec<(f64, f64)>) -> Wander {
        Wander {
            run_var,
            parts,
            weeks: 0,
            own_share: 0.0,
        }
    }

    #[test]
    fn hand_computed_difference_with_run_noise_and_form() {
        // Week means 9.5 and 10.5 (baseline, weeks 1–2), 11.5 and 12.5 (recent, weeks 3–4).
        let b = obs(&[(1, 9.0), (1, 10.0), (2, 10.0), (2, 11.0)]);
        let r = obs(&[(3, 11.0), (3, 12.0), (4, 12.0), (4, 13.0)]);
        // Run noise only: weights ±1/2 on weeks of 2 runs, V = 4 · (1/4) · 1/2 = 0.5.
        let e = compare_with(&b, &r, &wander(1.0, vec![]), Scale::Difference).unwrap();
        assert_eq!((e.baseline, e.recent, e.change), (10.0, 12.0, 2.0));
        // t(0.975, 4 weeks − 2) = 4.3027.
        let half = 4.302_652_7 * 0.5f64.sqrt();
        assert!((e.ci95[0] - (2.0 - half)).abs() < 1e-4, "{:?}", e.ci95);
        assert!((e.ci95[1] - (2.0 + half)).abs() < 1e-4);
        // Form with s² = 1 and a memory of 1 week adds Σ aᵢaⱼ e^(−|i−j|):
        // (1/4)·[2(1 + e⁻¹) − (e⁻¹ + 2e⁻² + e⁻³)] · 2.
        let q = (-1f64).exp();
        let form = 0.25 * (2.0 * (2.0 * (1.0 + q)) - 2.0 * (q + 2.0 * q * q + q * q * q));
        let e = compare_with(&b, &r, &wander(1.0, vec![(1.0, 1.0)]), Scale::Difference).unwrap();
        let half = 4.302_652_7 * (0.5 + form).sqrt();
        assert!((e.ci95[1] - (2.0 + half)).abs() < 1e-4, "{:?}", e.ci95);
        // The usual wander of two adjacent 2-week stretches of 2 runs a week
        // is the same contrast, with the same quantile.
        assert!((e.wander - half).abs() < 1e-4, "{}", e.wander);
    }

    #[test]
    fn a_history_that_measured_its_wander_brings_its_weeks_as_degrees_of_freedom() {
        let own = Wander {
            weeks: 100,
            own_share: 1.0,
            ..wander(1.0, vec![])
        };
        assert_eq!(degrees_of_freedom(8, &own), 98.0);
        let half_own = Wander {
            weeks: 26,
            own_share: 0.5,
            ..wander(1.0, vec![])
        };
        assert_eq!(degrees_of_freedom(8, &half_own), 11.0);
        assert_eq!(degrees_of_freedom(8, &wander(1.0, vec![])), 6.0);
    }

    #[test]
    fn periods_far_apart_share_no_form_and_get_wider_intervals() {
        let b = obs(&[(1, 10.0), (1, 10.0), (2, 10.0), (2, 10.0)]);
        let near = obs(&[(3, 10.0), (3, 10.0), (4, 10.0), (4, 10.0)]);
        let far = obs(&[(40, 10.0), (40, 10.0), (41, 10.0), (41, 10.0)]);
        let w = wander(0.5, vec![(1.0, 4.0)]);
        let width = |r: &[(String, f64)]| {
            let e = compare_with(&b, r, &w, Scale::Difference).unwrap();
            e.ci95[1] - e.ci95[0]
        };
        assert!(
            width(&far) > 1.3 * width(&near),
            "{} {}",
            width(&far),
            width(&near)
        );
    }

    #[test]
    fn a_busy_week_does_not_outweigh_the_others() {
        // Week 1 has three runs at 10, week 2 one run at 14: the period mean is 12, not 11.
        let b = obs(&[(1, 10.0), (1, 10.0), (1, 10.0), (2, 14.0)]);
        let r = obs(&[(3, 12.0), (3, 12.0), (4, 12.0), (4, 12.0)]);
        let all: Vec<_> = b.iter().chain(&r).cloned().collect();
        let w = wander_of(&all, Scale::Difference);
        let e = compare_with(&b, &r, &w, Scale::Difference).unwrap();
        assert_eq!(e.baseline, 12.0);
        assert_eq!(e.change, 0.0);
        assert!(!e.clear());
    }

    #[test]
    fn ratio_is_geometric_and_sign_is_recent_over_baseline() {
        let b = obs(&[(1, 3.0), (1, 3.1), (2, 2.9), (2, 3.0)]);
        let r = obs(&[(3, 3.3), (3, 3.4), (4, 3.2), (4, 3.3)]);
        let all: Vec<_> = b.iter().chain(&r).cloned().collect();
        let e = compare_with(&b, &r, &wander_of(&all, Scale::Ratio), Scale::Ratio).unwrap();
        assert!((e.change - 10.0).abs() < 0.5, "{e:?}");
        assert!(e.ci95[0] <= e.change && e.change <= e.ci95[1]);
        assert!(e.wander > 0.0);
    }

    #[test]
    fn interleaved_groups_get_a_welch_interval() {
        // Week means 9.5, 10.5 against 11.5, 12.5 on logs: Welch with df 2.
        let a = obs(&[(1, 9.0), (1, 10.0), (2, 10.0), (2, 11.0)]);
        let b = obs(&[(1, 11.0), (1, 12.0), (2, 12.0), (2, 13.0)]);
        let e = interleaved_ratio(&a, &b).unwrap();
        assert!(
            e.change > 15.0 && e.ci95[0] < e.change && e.wander == 0.0,
            "{e:?}"
        );
    }

    #[test]
    fn too_little_data_gives_a_reason() {
        let b = obs(&[(1, 3.0), (1, 3.0), (1, 3.0)]);
        let r = obs(&[(3, 3.3), (4, 3.3), (4, 3.3)]);
        let why = compare_with(&b, &r, &wander_of(&b, Scale::Ratio), Scale::Ratio).unwrap_err();
        assert!(
            why.contains("baseline") && why.contains("3 runs in 1 week;"),
            "{why}"
        );
    }
}
