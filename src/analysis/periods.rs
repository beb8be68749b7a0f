//! Baseline and recent periods: which runs the change estimate compares.
//!
//! Defaults are chosen from the data to fit any history, from a few months
//! to many years (see [`default_periods`]); both can be set by hand as
//! inclusive local dates.

use super::history::Block;
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

/// How the baseline was chosen: the findings say what "before" means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    /// The weeks before the current strength block.
    BeforeBlock,
    /// The same weeks a year earlier.
    YearEarlier,
    /// The weeks just before the recent period.
    BeforeRecent,
    /// Set by hand.
    ByHand,
}

impl Baseline {
    /// What the recent period is compared with, for sentences like "you run
    /// 4 % faster than …".
    pub fn words(self) -> &'static str {
        match self {
            Baseline::BeforeBlock => "before the strength block",
            Baseline::YearEarlier => "in the same weeks a year earlier",
            Baseline::BeforeRecent => "in the weeks before",
            Baseline::ByHand => "in the baseline period",
        }
    }
}

/// Length of the default recent period, days.
pub const RECENT_DAYS: i64 = 28;
/// Longest the recent period is widened to when it holds too few runs, days.
pub const MAX_RECENT_DAYS: i64 = 84;
/// Runs a period should hold before it stops being widened.
pub const MIN_RUNS: usize = 6;
/// A block that began this long before the recent period or less is "current", days.
pub const BLOCK_WITHIN_DAYS: i64 = 365;
/// Default length of a baseline, days (widened up to [`MAX_BASELINE_DAYS`]).
pub const BASELINE_DAYS: i64 = 84;
/// Longest a baseline is widened to, days.
pub const MAX_BASELINE_DAYS: i64 = 182;

fn count(days: &[NaiveDate], p: Period) -> usize {
    days.iter().filter(|d| p.contains(**d)).count()
}

/// A period ending `to`, `min_days` long, moved back a week at a time until it
/// holds [`MIN_RUNS`] runs, reaches `max_days` or reaches `floor`.
pub(crate) fn widen_back(
    days: &[NaiveDate],
    to: NaiveDate,
    min_days: i64,
    max_days: i64,
    floor: NaiveDate,
) -> Period {
    let mut p = Period {
        from: (to - Duration::days(min_days - 1)).max(floor),
        to,
    };
    while count(days, p) < MIN_RUNS && (p.to - p.from).num_days() + 7 < max_days && p.from > floor {
        p.from = (p.from - Duration::days(7)).max(floor);
    }
    p
}

/// Length of a period in whole weeks (rounded).
pub fn weeks(p: Period) -> i64 {
    ((p.to - p.from).num_days() + 1 + 3) / 7
}

/// Default periods for the usable runs on `days` and the lifting `blocks`,
/// with a note that says in words what is compared and why.
///
/// * Recent: the last four weeks up to the last usable run, widened a week
///   at a time (to 12 weeks) until it holds [`MIN_RUNS`] runs.
/// * Baseline, when the current block (the latest one, still going in the
///   eight weeks before the recent period) began within about a year and
///   there are runs before it: the 12 weeks just before the block (widened to
///   26 weeks for runs).
/// * Otherwise (no block, lifting since the data begin, or a block older than
///   a year): the same weeks a year earlier when they hold enough runs (the
///   same season, so heat and daylight match), else the 12 weeks just before
///   the recent period. A long history is thus never compared with its
///   first month.
pub fn default_periods(
    days: &[NaiveDate],
    blocks: &[Block],
) -> Option<(Periods, String, Baseline)> {
    let (&first, &last) = (days.iter().min()?, days.iter().max()?);
    let recent = widen_back(days, last, RECENT_DAYS, MAX_RECENT_DAYS, first);
    let recent_words = if weeks(recent) * 7 > RECENT_DAYS {
        format!(
            "the {} weeks to the last usable run on {last} (widened from four to hold more runs)",
            weeks(recent)
        )
    } else {
        format!("the four weeks to the last usable run on {last}")
    };
    let before_recent = recent.from - Duration::days(1);
    if before_recent < first {
        return None;
    }
    let current = blocks
        .iter()
        .rev()
        .find(|b| b.to >= recent.from - Duration::days(56));
    if let Some(b) = current
        && !b.since_data_begin
        && b.from >= recent.from - Duration::days(BLOCK_WITHIN_DAYS)
        && b.from > first
    {
        let to = (b.from - Duration::days(1)).min(before_recent);
        let baseline = widen_back(days, to, BASELINE_DAYS, MAX_BASELINE_DAYS, first);
        if count(days, baseline) >= 3 {
            let note = format!(
                "baseline: the {} weeks before the strength block that started {}; recent: {recent_words}",
                weeks(baseline),
                b.from
            );
            return Some((Periods { baseline, recent }, note, Baseline::BeforeBlock));
        }
    }
    let why = match current {
        Some(b) if b.since_data_begin => {
            format!("lifting has gone on since the data begin ({})", b.from)
        }
        Some(b) if b.from > first => format!(
            "the current strength block started {}, too long ago or with too few runs before it",
            b.from
        ),
        Some(b) => format!("lifting has gone on since the data begin ({})", b.from),
        None => "no current strength block".to_string(),
    };
    let year_ago = Period {
        from: recent.from - Duration::days(364),
        to: recent.to - Duration::days(364),
    };
    if year_ago.from >= first && count(days, year_ago) >= MIN_RUNS.min(count(days, recent)) {
        let note = format!(
            "{why}: baseline is the same weeks a year earlier ({} to {}); recent: {recent_words}",
            year_ago.from, year_ago.to
        );
        let periods = Periods {
            baseline: year_ago,
            recent,
        };
        return Some((periods, note, Baseline::YearEarlier));
    }
    let baseline = widen_back(days, before_recent, BASELINE_DAYS, MAX_BASELINE_DAYS, first);
    let note = format!(
        "{why}: baseline is the {} weeks just before the recent period; recent: {recent_words}",
        weeks(baseline)
    );
    Some((Periods { baseline, recent }, note, Baseline::BeforeRecent))
}

/// The periods to compare, a note on how they were chosen (or why there are
/// none), and what the baseline is.
///
/// `days` are the local dates of the runs usable in the estimates. Periods
/// set by hand win; a missing one takes its default.
pub fn choose(
    baseline: Option<Period>,
    recent: Option<Period>,
    days: &[NaiveDate],
    blocks: &[Block],
) -> (Option<Periods>, String, Baseline) {
    let defaults = default_periods(days, blocks);
    let by_hand = baseline.is_some() || recent.is_some();
    let d = defaults.as_ref().map(|d| d.0);
    let periods = match (baseline, recent, d) {
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
    let (note, kind) = match (&periods, by_hand, defaults) {
        (None, _, _) => (
            "too little data: no usable runs before the last four weeks to compare with".into(),
            Baseline::BeforeRecent,
        ),
        (Some(_), true, _) => ("set by hand".into(), Baseline::ByHand),
        (Some(_), false, d) => d.map_or((String::new(), Baseline::ByHand), |d| (d.1, d.2)),
    };
    (periods, note, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Runs every other day back from `to` (a run on `to`) to `from`.
    fn every_other_day(from: &str, to: &str) -> Vec<NaiveDate> {
        let (start, mut x, mut out) = (d(from), d(to), Vec::new());
        while x >= start {
            out.push(x);
            x -= Duration::days(2);
        }
        out.reverse();
        out
    }

    fn block(from: &str, to: &str, since: bool) -> Block {
        Block {
            from: d(from),
            to: d(to),
            sessions: 30,
            since_data_begin: since,
        }
    }

    #[test]
    fn baseline_is_the_weeks_before_a_block_that_began_this_year() {
        let days = every_other_day("2026-01-05", "2026-05-24");
        let (p, note, kind) =
            default_periods(&days, &[block("2026-02-17", "2026-05-21", false)]).unwrap();
        assert_eq!(kind, Baseline::BeforeBlock);
        assert_eq!(
            p.baseline,
            Period {
                from: d("2026-01-06"),
                to: d("2026-02-16")
            }
        );
        assert_eq!(days[0], d("2026-01-06"));
        assert_eq!(
            p.recent,
            Period {
                from: d("2026-04-27"),
                to: d("2026-05-24")
            }
        );
        assert!(
            note.contains("before the strength block that started 2026-02-17"),
            "{note}"
        );
    }

    #[test]
    fn a_long_history_without_lifting_compares_with_a_year_earlier() {
        let days = every_other_day("2013-05-01", "2026-03-29");
        let (p, note, kind) = default_periods(&days, &[]).unwrap();
        assert_eq!(kind, Baseline::YearEarlier);
        assert_eq!(p.recent.from, d("2026-03-02"));
        assert_eq!(
            p.baseline,
            Period {
                from: d("2025-03-03"),
                to: d("2025-03-30")
            }
        );
        assert!(
            note.starts_with(
                "no current strength block: baseline is the same weeks a year earlier"
            ),
            "{note}"
        );
    }

    #[test]
    fn without_a_year_before_the_baseline_is_just_before_the_recent_period() {
        let days = every_other_day("2025-06-01", "2026-03-29");
        let blocks = [block("2025-06-03", "2026-03-26", true)];
        let (p, note, kind) = default_periods(&days, &blocks).unwrap();
        assert_eq!(kind, Baseline::BeforeRecent);
        assert_eq!(p.baseline.to, d("2026-03-01"));
        assert_eq!(p.baseline.from, d("2025-12-08"));
        assert!(
            note.starts_with("lifting has gone on since the data begin (2025-06-03)"),
            "{note}"
        );
        assert!(
            note.contains("12 weeks just before the recent period"),
            "{note}"
        );
    }

    #[test]
    fn a_sparse_recent_period_is_widened() {
        // One run a week: four weeks hold four runs, six weeks hold six.
        let days: Vec<NaiveDate> = (0..40)
            .map(|w| d("2025-06-01") + Duration::days(7 * w))
            .collect();
        let (p, note, _) = default_periods(&days, &[]).unwrap();
        assert_eq!(count(&days, p.recent), 6);
        assert!(
            note.contains("the 6 weeks to the last usable run on 2026-03-01 (widened"),
            "{note}"
        );
        assert!(default_periods(&[d("2026-05-20"), d("2026-05-24")], &[]).is_none());
    }

    #[test]
    fn parses_ranges() {
        let p: Period = "2026-01-01..2026-01-31".parse().unwrap();
        assert!(p.contains(d("2026-01-31")) && !p.contains(d("2026-02-01")));
        assert!("2026-01-31..2026-01-01".parse::<Period>().is_err());
        assert!("January".parse::<Period>().is_err());
    }
}
