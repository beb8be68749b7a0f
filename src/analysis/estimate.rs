//! Baseline-versus-recent change with a 95 % interval that is honest about
//! how few runs there are.
//!
//! Runs close in time share the runner's form, which drifts over days, so
//! they are not independent. Each period is therefore summarised by the
//! mean of its ISO weeks' means, whose variance is estimated from the spread
//! of the week means, `V = s²_weeks / G` with `G − 1` degrees of freedom (a
//! cluster-robust sandwich on single runs is known to undercover with so
//! few clusters). The difference of the two periods gets a
//! Welch–Satterthwaite interval from Student's t. With four recent weeks the
//! interval is wide, as it should be.
//!
//! * [`ratio_change`] works on logarithms: `change_pct = 100·(R/B − 1)` with
//!   `B`, `R` the geometric means of each period (> 0: recent is higher).
//! * [`difference`] works on the values: `change = R − B` (arithmetic means).

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
}

/// Mean of the week means, its variance (spread of week means / G), and degrees of freedom.
fn cluster_mean(obs: &[(String, f64)]) -> (f64, f64, f64) {
    let mut weeks: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for (week, y) in obs {
        let e = weeks.entry(week.as_str()).or_default();
        e.0 += y;
        e.1 += 1;
    }
    let means: Vec<f64> = weeks.values().map(|(s, n)| s / *n as f64).collect();
    let g = means.len() as f64;
    let mean = means.iter().sum::<f64>() / g;
    let s2 = means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (g - 1.0);
    (mean, s2 / g, g - 1.0)
}

fn check(base: &[(String, f64)], recent: &[(String, f64)]) -> Result<(), String> {
    let weeks = |o: &[(String, f64)]| {
        o.iter()
            .map(|x| &x.0)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    for (name, o) in [("baseline", base), ("recent", recent)] {
        if o.len() < MIN_RUNS || weeks(o) < MIN_WEEKS {
            let (n, w) = (o.len(), weeks(o));
            return Err(format!(
                "too few usable runs in the {name} period ({n} run{} in {w} week{}; need {MIN_RUNS} runs in {MIN_WEEKS} weeks)",
                if n == 1 { "" } else { "s" },
                if w == 1 { "" } else { "s" },
            ));
        }
    }
    Ok(())
}

/// Difference of means, its standard error and Welch–Satterthwaite t quantile.
fn welch(base: &[(String, f64)], recent: &[(String, f64)]) -> (f64, f64, f64, f64, f64) {
    let (mb, vb, db) = cluster_mean(base);
    let (mr, vr, dr) = cluster_mean(recent);
    let se2 = vb + vr;
    let df = if se2 > 0.0 {
        se2 * se2 / (vb * vb / db + vr * vr / dr)
    } else {
        db + dr
    };
    let t = StudentsT::new(0.0, 1.0, df.max(1.0)).map_or(12.7, |d| d.inverse_cdf(0.975));
    (mb, mr, mr - mb, se2.sqrt(), t)
}

/// Relative change (percent) between the geometric means of two periods.
///
/// `obs` are `(ISO week, value)` pairs with positive values.
pub fn ratio_change(base: &[(String, f64)], recent: &[(String, f64)]) -> Result<Estimate, String> {
    check(base, recent)?;
    let log = |o: &[(String, f64)]| {
        o.iter()
            .map(|(w, y)| (w.clone(), y.ln()))
            .collect::<Vec<_>>()
    };
    let (mb, mr, d, se, t) = welch(&log(base), &log(recent));
    let pct = |x: f64| 100.0 * (x.exp() - 1.0);
    Ok(Estimate {
        baseline: mb.exp(),
        recent: mr.exp(),
        change: pct(d),
        ci95: [pct(d - t * se), pct(d + t * se)],
        n_baseline: base.len(),
        n_recent: recent.len(),
    })
}

/// Difference `recent − baseline` of the arithmetic means of two periods.
pub fn difference(base: &[(String, f64)], recent: &[(String, f64)]) -> Result<Estimate, String> {
    check(base, recent)?;
    let (mb, mr, d, se, t) = welch(base, recent);
    Ok(Estimate {
        baseline: mb,
        recent: mr,
        change: d,
        ci95: [d - t * se, d + t * se],
        n_baseline: base.len(),
        n_recent: recent.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(values: &[(u32, f64)]) -> Vec<(String, f64)> {
        values.iter().map(|(w, y)| (format!("W{w}"), *y)).collect()
    }

    #[test]
    fn hand_computed_difference() {
        // Week means 9.5 and 10.5 (baseline), 11.5 and 12.5 (recent).
        let b = obs(&[(1, 9.0), (1, 10.0), (2, 10.0), (2, 11.0)]);
        let r = obs(&[(3, 11.0), (3, 12.0), (4, 12.0), (4, 13.0)]);
        let e = difference(&b, &r).unwrap();
        assert_eq!((e.baseline, e.recent, e.change), (10.0, 12.0, 2.0));
        // s² of week means = 0.5, V = 0.25 per period; se = √0.5; df = 2; t(0.975, 2) = 4.3027.
        let half = 4.302_652_7 * 0.5f64.sqrt();
        assert!((e.ci95[0] - (2.0 - half)).abs() < 1e-4, "{:?}", e.ci95);
        assert!((e.ci95[1] - (2.0 + half)).abs() < 1e-4);
    }

    #[test]
    fn a_busy_week_does_not_outweigh_the_others() {
        // Week 1 has three runs at 10, week 2 one run at 14: the period mean is 12, not 11.
        let b = obs(&[(1, 10.0), (1, 10.0), (1, 10.0), (2, 14.0)]);
        let r = obs(&[(3, 12.0), (3, 12.0), (4, 12.0), (4, 12.0)]);
        let e = difference(&b, &r).unwrap();
        assert_eq!(e.baseline, 12.0);
        assert_eq!(e.change, 0.0);
    }

    #[test]
    fn ratio_is_geometric_and_sign_is_recent_over_baseline() {
        let b = obs(&[(1, 3.0), (1, 3.0), (2, 3.0), (2, 3.0)]);
        let r = obs(&[(3, 3.3), (3, 3.3), (4, 3.3), (4, 3.3)]);
        let e = ratio_change(&b, &r).unwrap();
        assert!((e.change - 10.0).abs() < 1e-9);
        assert!(e.ci95[0] <= e.change && e.change <= e.ci95[1]);
    }

    #[test]
    fn too_little_data_gives_a_reason() {
        let b = obs(&[(1, 3.0), (1, 3.0), (1, 3.0)]);
        let r = obs(&[(3, 3.3), (4, 3.3), (4, 3.3)]);
        let why = ratio_change(&b, &r).unwrap_err();
        assert!(
            why.contains("baseline") && why.contains("3 runs in 1 week;"),
            "{why}"
        );
    }
}
