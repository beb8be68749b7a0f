//! Baseline and recent periods: which runs the change estimate compares.
//!
//! Default, chosen from the data: the recent period is the last 28 days up
//! to the last run; the baseline is everything before the first strength
//! block (a block starts at the first heavy or plyometric session that is
//! followed by another within 14 days). Without a block the baseline is the
//! first 28 days. A baseline that would reach into the recent period is cut
//! short. Both can be set by hand as inclusive local dates.

use crate::error::{Error, Result};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// An inclusive range of local dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

impl Period {
    /// Whether `date` falls inside the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

impl std::str::FromStr for Period {
    type Err = Error;
    /// Parse `YYYY-MM-DD..YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::Config(format!("'{s}' is not a date range YYYY-MM-DD..YYYY-MM-DD"));
        let (a, b) = s.split_once("..").ok_or_else(bad)?;
        let from = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        let to = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        if to < from {
            return Err(Error::Config(format!(
                "date range '{s}' ends before it starts"
            )));
        }
        Ok(Period { from, to })
    }
}

/// The two periods compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Periods {
    /// Before the change.
    pub baseline: Period,
    /// The latest weeks.
    pub recent: Period,
}

/// Length of the default recent period and of a block-less baseline, days.
pub const DEFAULT_PERIOD_DAYS: i64 = 28;

/// Default periods for runs from `first` to `last` with the block starting at `block_start`.
///
/// `None` when the data leave no room for a baseline before the recent period.
pub fn default_periods(
    first: NaiveDate,
    last: NaiveDate,
    block_start: Option<NaiveDate>,
) -> Option<Periods> {
    let recent = Period {
        from: last - Duration::days(DEFAULT_PERIOD_DAYS - 1),
        to: last,
    };
    let baseline_end = block_start
        .map(|b| b - Duration::days(1))
        .unwrap_or(first + Duration::days(DEFAULT_PERIOD_DAYS - 1))
        .min(recent.from - Duration::days(1));
    (baseline_end >= first).then_some(Periods {
        baseline: Period {
            from: first,
            to: baseline_end,
        },
        recent,
    })
}

/// The periods to compare and a note on how they were chosen (or why there are none).
///
/// Periods set by hand win; a missing one takes its default.
pub fn choose(
    baseline: Option<Period>,
    recent: Option<Period>,
    run_days: &[NaiveDate],
    block_start: Option<NaiveDate>,
) -> (Option<Periods>, String) {
    let defaults = match (run_days.iter().min(), run_days.iter().max()) {
        (Some(&f), Some(&l)) => default_periods(f, l, block_start),
        _ => None,
    };
    let by_hand = baseline.is_some() || recent.is_some();
    let periods = match (baseline, recent, defaults) {
        (Some(baseline), Some(recent), _) => Some(Periods { baseline, recent }),
        (Some(baseline), None, Some(d)) => Some(Periods {
            baseline,
            recent: d.recent,
        }),
        (None, Some(recent), Some(d)) => Some(Periods {
            baseline: d.baseline,
            recent,
        }),
        (None, None, d) => d,
        _ => None,
    };
    let note = match (&periods, by_hand, block_start) {
        (None, _, _) => {
            "too little data: no room for a baseline before the last four weeks".to_string()
        }
        (Some(_), true, _) => "set by hand".to_string(),
        (Some(_), false, Some(b)) => {
            format!(
                "baseline: before the strength block that started {b}; recent: the last four weeks"
            )
        }
        (Some(_), false, None) => {
            "no strength block found: baseline is the first four weeks; recent: the last four weeks"
                .to_string()
        }
    };
    (periods, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn baseline_before_block_and_last_four_weeks() {
        let p = default_periods(d("2026-01-06"), d("2026-05-24"), Some(d("2026-02-17"))).unwrap();
        assert_eq!(
            p.baseline,
            Period {
                from: d("2026-01-06"),
                to: d("2026-02-16")
            }
        );
        assert_eq!(
            p.recent,
            Period {
                from: d("2026-04-27"),
                to: d("2026-05-24")
            }
        );
    }

    #[test]
    fn no_block_means_first_four_weeks_and_short_data_gives_none() {
        let p = default_periods(d("2026-01-06"), d("2026-05-24"), None).unwrap();
        assert_eq!(p.baseline.to, d("2026-02-02"));
        assert!(default_periods(d("2026-05-20"), d("2026-05-24"), None).is_none());
    }

    #[test]
    fn parses_ranges() {
        let p: Period = "2026-01-01..2026-01-31".parse().unwrap();
        assert!(p.contains(d("2026-01-31")) && !p.contains(d("2026-02-01")));
        assert!("2026-01-31..2026-01-01".parse::<Period>().is_err());
        assert!("January".parse::<Period>().is_err());
    }
}
