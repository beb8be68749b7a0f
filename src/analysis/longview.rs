//! The long view: speed at the reference heart rate month by month over the
//! whole history, and the days the recording kit changed.
//!
//! A month with at least [`MIN_RUNS_PER_MONTH`] usable runs gets the median
//! and the interquartile range (25th–75th percentile) of their speed at the
//! reference heart rate. A new watch or heart-rate sensor shifts heart rate
//! (a chest strap and a wrist sensor read differently), so a change is marked
//! where the new kit is used for at least [`MIN_RUNS_FOR_CHANGE`] runs in a row.

use super::runs::RunMetrics;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Fewest usable runs for a month to get a value.
pub const MIN_RUNS_PER_MONTH: usize = 2;
/// Runs in a row with new kit before a change is marked (a borrowed watch is not a change).
pub const MIN_RUNS_FOR_CHANGE: usize = 3;

/// Speed at the reference heart rate in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct Month {
    /// First day of the month.
    pub month: NaiveDate,
    /// Usable runs.
    pub runs: usize,
    /// Median speed at the reference heart rate, m/s.
    pub median_mps: f64,
    /// 25th percentile, m/s.
    pub q25_mps: f64,
    /// 75th percentile, m/s.
    pub q75_mps: f64,
}

/// A change of recording kit.
#[derive(Clone, Debug, PartialEq)]
pub struct KitChange {
    /// Local date of the first run with the new kit.
    pub date: NaiveDate,
    /// What changed, in words (`watch: garmin fr910xt`, `heart rate: chest strap`).
    pub what: String,
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let x = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (x - lo as f64)
}

/// Month by month speed at the reference heart rate (`speed_used` of the
/// usable runs).
pub fn months(runs: &[RunMetrics]) -> Vec<Month> {
    let mut by_month: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
    for r in runs {
        if let Some(v) = r.speed_used {
            let d = r.start_local.date();
            let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("a valid month");
            by_month.entry(first).or_default().push(v);
        }
    }
    by_month
        .into_iter()
        .filter(|(_, v)| v.len() >= MIN_RUNS_PER_MONTH)
        .map(|(month, mut v)| {
            v.sort_by(f64::total_cmp);
            Month {
                month,
                runs: v.len(),
                median_mps: quantile(&v, 0.5),
                q25_mps: quantile(&v, 0.25),
                q75_mps: quantile(&v, 0.75),
            }
        })
        .collect()
}

/// `key` of each run (in time order) that names one.
fn named(runs: &[RunMetrics], key: fn(&RunMetrics) -> Option<String>) -> Vec<(NaiveDate, String)> {
    (runs.iter())
        .filter_map(|r| Some((r.start_local.date(), key(r)?)))
        .collect()
}

/// Where the named kit of `seq` changes to a value that then holds for
/// [`MIN_RUNS_FOR_CHANGE`] runs.
fn changes(seq: &[(NaiveDate, String)], what: &str) -> Vec<KitChange> {
    let mut out = Vec::new();
    let mut current: Option<&str> = seq.first().map(|s| s.1.as_str());
    for i in 1..seq.len() {
        let v = seq[i].1.as_str();
        let holds = seq[i..]
            .iter()
            .take(MIN_RUNS_FOR_CHANGE)
            .filter(|s| s.1 == v)
            .count()
            == MIN_RUNS_FOR_CHANGE;
        if Some(v) != current && holds {
            out.push(KitChange {
                date: seq[i].0,
                what: format!("{what}: {v}"),
            });
            current = Some(v);
        }
    }
    out
}

/// Changes of watch and of named heart-rate sensor, in date order.
///
/// Files of one watch name a strap in some runs and not in others (seen in
/// real Forerunner exports), so a run that names no sensor says nothing:
/// only a change from one named sensor to another is marked.
pub fn kit_changes(runs: &[RunMetrics]) -> Vec<KitChange> {
    let mut out = changes(&named(runs, |r| r.device.clone()), "watch");
    out.extend(changes(&named(runs, |r| r.hr_sensor.clone()), "heart rate"));
    out.sort_by_key(|c| c.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_marked_where_new_kit_holds_for_three_runs() {
        let day = |i: i64| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i);
        let kit = [
            "fr910", "fr910", "fenix", "fr910", "fr910", "fenix", "fenix", "fenix",
        ];
        let seq: Vec<(NaiveDate, String)> = (kit.iter().enumerate())
            .map(|(i, k)| (day(i as i64), k.to_string()))
            .collect();
        // The borrowed fenix on day 2 is not a change; the one from day 5 is.
        assert_eq!(
            changes(&seq, "watch"),
            vec![KitChange {
                date: day(5),
                what: "watch: fenix".into()
            }]
        );
        assert!(changes(&seq[..5], "watch").is_empty());
    }

    #[test]
    fn quartiles_by_hand() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert_eq!(quantile(&v, 0.25), 2.0);
        assert_eq!(quantile(&[1.0, 2.0], 0.5), 1.5);
    }
}
