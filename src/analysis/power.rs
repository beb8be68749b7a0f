//! Power metrics of steady easy running, for runs whose files have power.
//!
//! * **Speed per watt**, as metres per kilojoule: `1000 · v / P` over the
//!   run's steady state (grade-adjusted speed `v`, mean power `P`). Higher =
//!   more economical (more distance for the same work). It is speed per watt
//!   (m/s per W) × 1000, and its change is the change of speed per W/kg at a
//!   constant body mass, so no mass is needed. `change_pct = 100·(recent /
//!   baseline − 1)`: **> 0 is better**.
//! * **Power at the reference heart rate**: the steady power scaled to the
//!   reference heart rate as speed is (`P · (HR_ref − rest) / (HR − rest)`).
//!   `change_pct`: > 0 is more power for the same heart rate (fitter, or a
//!   costlier stride: read it with speed per watt).
//!
//! Wrist power is the watch maker's model of speed, grade and the runner's
//! settings, not a measurement; pods (Stryd) measure, each in its own way.
//! Runs are compared only within one power source (the file's kind of power
//! and its device): the source most runs of the two periods share.

use super::effort::change_of;
use super::estimate::{Estimate, Scale};
use super::periods::Periods;
use super::runs::RunMetrics;

/// The power estimates.
#[derive(Clone, Debug)]
pub struct Power {
    /// Change of metres per kilojoule at steady easy running, %.
    pub speed_per_watt: Result<Estimate, String>,
    /// Change of power at the reference heart rate, %.
    pub power_at_ref_hr: Result<Estimate, String>,
    /// The power source compared (`coros pace 3 (fit power)`), where one is.
    pub source: Option<String>,
    /// Runs in the estimates that have power, of any source.
    pub runs_with_power: usize,
}

/// A run's power source: its device and the file's kind of power.
pub fn source_of(power_source: Option<&str>, device: Option<&str>) -> Option<String> {
    let kind = power_source?;
    Some(match device {
        Some(d) if !d.is_empty() => format!("{d} ({kind})"),
        _ => kind.to_string(),
    })
}

/// Choose the source, mark its runs as compared, and estimate the changes.
pub fn estimate(runs: &mut [RunMetrics], periods: Option<&Periods>, no_periods: &str) -> Power {
    let runs_with_power = runs.iter().filter(|r| r.metres_per_kj.is_some()).count();
    let none = |why: &str| Power {
        speed_per_watt: Err(why.to_string()),
        power_at_ref_hr: Err(why.to_string()),
        source: None,
        runs_with_power,
    };
    let Some(p) = periods else {
        return none(no_periods);
    };
    if runs_with_power == 0 {
        return none(
            "no runs in the estimates have power (a watch or pod that records it would tell)",
        );
    }
    // The source with the most runs in both periods (the fewer of the two counts).
    let in_period = |r: &RunMetrics, k: usize| {
        let period = if k == 0 { &p.baseline } else { &p.recent };
        r.metres_per_kj.is_some() && period.contains(r.start_local.date())
    };
    let mut sources: Vec<&String> = runs
        .iter()
        .filter_map(|r| r.power_source.as_ref())
        .collect();
    sources.sort();
    sources.dedup();
    let count = |s: &String, k: usize| {
        (runs.iter())
            .filter(|r| in_period(r, k) && r.power_source.as_ref() == Some(s))
            .count()
    };
    let best = (sources.iter())
        .map(|s| {
            (
                (count(s, 0).min(count(s, 1)), count(s, 0) + count(s, 1)),
                (*s).clone(),
            )
        })
        .max();
    let Some((_, source)) = best.filter(|((both, _), _)| *both > 0) else {
        return none(
            "no power source has runs in both periods (power is compared only within one source)",
        );
    };
    for r in runs.iter_mut() {
        r.power_compared = r.power_source.as_ref() == Some(&source);
    }
    let compared = |f: fn(&RunMetrics) -> Option<f64>| change_of(runs, p, f, Scale::Ratio);
    Power {
        speed_per_watt: compared(|r| r.metres_per_kj.filter(|_| r.power_compared)),
        power_at_ref_hr: compared(|r| r.power_at_ref_hr.filter(|_| r.power_compared)),
        source: Some(source),
        runs_with_power,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::periods::Period;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i64::from(d))
    }

    /// A run on day `d` with `m_per_kj` from `source`.
    fn run(d: u32, m_per_kj: f64, source: &str) -> RunMetrics {
        let mut r = RunMetrics::easy_at(day(d).and_hms_opt(7, 0, 0).unwrap(), Some(3.0));
        r.metres_per_kj = Some(m_per_kj);
        r.power_at_ref_hr = Some(220.0);
        r.power_source = Some(source.to_string());
        r
    }

    #[test]
    fn runs_are_compared_within_the_source_both_periods_share() {
        let p = Periods {
            baseline: Period {
                from: day(0),
                to: day(55),
            },
            recent: Period {
                from: day(84),
                to: day(139),
            },
        };
        // A pod in both periods; a new watch only in the recent one, reading far higher.
        let mut runs: Vec<RunMetrics> = (0..140)
            .step_by(4)
            .map(|d| {
                run(
                    d,
                    13.0 + 0.01 * f64::from(d % 3),
                    "stryd (fit developer power)",
                )
            })
            .collect();
        runs.extend(
            (84..140)
                .step_by(3)
                .map(|d| run(d, 16.0, "watch (fit power)")),
        );
        runs.sort_by_key(|r| r.start_utc);
        let power = estimate(&mut runs, Some(&p), "no periods");
        assert_eq!(power.source.as_deref(), Some("stryd (fit developer power)"));
        let e = power.speed_per_watt.unwrap();
        assert!(
            e.change.abs() < 1.0,
            "the watch's runs are left out: {}",
            e.change
        );
        assert!(
            runs.iter()
                .filter(|r| r.power_compared)
                .all(|r| r.power_source.as_deref() == Some("stryd (fit developer power)"))
        );
        // Only the new watch's runs: no source spans both periods.
        let mut only_new: Vec<RunMetrics> = (84..140)
            .step_by(3)
            .map(|d| run(d, 16.0, "watch (fit power)"))
            .collect();
        let none = estimate(&mut only_new, Some(&p), "no periods");
        assert!(none.speed_per_watt.unwrap_err().contains("both periods"));
        assert_eq!(
            source_of(Some("fit power"), Some("coros pace 3")).as_deref(),
            Some("coros pace 3 (fit power)")
        );
        assert_eq!(source_of(None, Some("coros pace 3")), None);
    }
}
