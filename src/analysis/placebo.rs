//! A placebo on the runner's own history: pairs of adjacent stretches, as
//! long as the compared periods, taken all through the history and compared
//! with the same estimator as the headline. Nothing in particular happened
//! between most of them, so an honest interval calls few of them clear:
//! about 5 % by construction, 5–10 % in practice. A much larger share says
//! the runner's form moves more than the interval allows for.

use super::estimate::{self, Scale};
use super::wander::week_index;

/// Weeks between the starts of successive pairs.
pub const STEP_WEEKS: i64 = 4;
/// Fewest pairs whose share says something about the interval.
pub const MIN_PAIRS: usize = 10;

/// What the placebo found.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Placebo {
    /// Weeks of the first stretch of each pair.
    pub weeks_first: i64,
    /// Weeks of the second stretch of each pair.
    pub weeks_second: i64,
    /// Pairs with enough runs on both sides to compare.
    pub pairs: usize,
    /// Pairs whose interval leaves out no change.
    pub clear: usize,
}

impl Placebo {
    /// Share of the pairs called clear, 0–1 (0 without pairs).
    pub fn share(&self) -> f64 {
        if self.pairs == 0 {
            0.0
        } else {
            self.clear as f64 / self.pairs as f64
        }
    }
}

/// Compare adjacent stretches of `weeks_first` then `weeks_second` weeks,
/// every [`STEP_WEEKS`] weeks from the first week of `history` (every
/// `(ISO week, value)` of the runner's), with the wander measured on the
/// whole of it. A pair that holds one of the `skip` weeks (a lifting
/// block's first week: something did happen there) is left out.
pub fn run(
    history: &[(String, f64)],
    scale: Scale,
    weeks_first: i64,
    weeks_second: i64,
    skip: &[i64],
) -> Placebo {
    let wander = estimate::wander_of(history, scale);
    let shape = Shape {
        first: weeks_first,
        gap: 0,
        second: weeks_second,
    };
    let found = pairs(history, &wander, scale, shape, |span| {
        !skip.iter().any(|k| span.contains(k))
    });
    Placebo {
        weeks_first,
        weeks_second,
        pairs: found.len(),
        clear: found.iter().filter(|e| e.clear()).count(),
    }
}

/// The shape of a pair of stretches, in weeks: the first, the weeks between, the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Weeks of the first stretch.
    pub first: i64,
    /// Weeks from the end of the first to the start of the second.
    pub gap: i64,
    /// Weeks of the second stretch.
    pub second: i64,
}

/// Every pair of stretches of `shape`, starting every [`STEP_WEEKS`] weeks
/// from the first week of `history`, whose span of week indices `allowed`
/// accepts and that holds enough runs on both sides: the change of each,
/// compared with `wander` as the headline is.
pub fn pairs(
    history: &[(String, f64)],
    wander: &super::wander::Wander,
    scale: Scale,
    shape: Shape,
    allowed: impl Fn(std::ops::Range<i64>) -> bool,
) -> Vec<estimate::Estimate> {
    let indexed: Vec<(i64, &(String, f64))> = (history.iter())
        .filter_map(|o| week_index(&o.0).map(|k| (k, o)))
        .collect();
    let (Some(first), Some(last)) = (
        indexed.iter().map(|o| o.0).min(),
        indexed.iter().map(|o| o.0).max(),
    ) else {
        return Vec::new();
    };
    let stretch = |from: i64, weeks: i64| -> Vec<(String, f64)> {
        (indexed.iter())
            .filter(|o| (from..from + weeks).contains(&o.0))
            .map(|o| o.1.clone())
            .collect()
    };
    let span = shape.first + shape.gap.max(0) + shape.second;
    let mut out = Vec::new();
    let mut start = first;
    while start + span - 1 <= last {
        if allowed(start..start + span) {
            let (a, b) = (
                stretch(start, shape.first),
                stretch(start + span - shape.second, shape.second),
            );
            if let Ok(e) = estimate::compare_with(&a, &b, wander, scale) {
                out.push(e);
            }
        }
        start += STEP_WEEKS;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    /// Two runs a week for `weeks` weeks, `value(week)` each.
    fn history(weeks: i64, value: impl Fn(i64) -> f64) -> Vec<(String, f64)> {
        let monday = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        (0..weeks)
            .flat_map(|k| {
                let week = crate::analysis::runs::iso_week(monday + Duration::days(7 * k));
                let v = value(k);
                [(week.clone(), v * 1.01), (week, v * 0.99)]
            })
            .collect()
    }

    #[test]
    fn a_flat_history_is_never_clear_and_a_step_is() {
        let flat = run(&history(60, |_| 3.0), Scale::Ratio, 8, 8, &[]);
        // Pairs start every 4 weeks while 16 weeks fit: weeks 0, 4, …, 44.
        assert_eq!((flat.pairs, flat.clear), (12, 0));
        // An alternating wiggle week to week, then a 10 % step at week 30.
        let wiggle = |k: i64| if k % 2 == 0 { 1.0 } else { 1.01 };
        let step = run(
            &history(60, |k| 3.0 * wiggle(k) * if k >= 30 { 1.1 } else { 1.0 }),
            Scale::Ratio,
            8,
            8,
            &[],
        );
        assert!(step.clear >= 1 && step.clear <= 4, "{step:?}");
        assert!(step.share() > 0.0);
    }

    #[test]
    fn pairs_holding_a_block_start_are_left_out() {
        let h = history(60, |_| 3.0);
        let block = week_index(&h[2 * 20].0).unwrap();
        let p = run(&h, Scale::Ratio, 8, 8, &[block]);
        // Week 20 lies in the pairs starting at weeks 8, 12, 16 and 20.
        assert_eq!(p.pairs, 8);
        assert_eq!(run(&[], Scale::Ratio, 8, 8, &[]).pairs, 0);
    }
}
