//! Lifting history: strength sessions per week over the whole history, and
//! the blocks of regular lifting in it.
//!
//! A **block** is a stretch of weeks with at least one strength session a
//! week (one week off inside a block, a holiday, does not end it) that
//! lasts at least [`MIN_BLOCK_WEEKS`] weeks. Every kind of session counts,
//! watch-recorded ones without sets included: the question is whether the
//! runner was lifting regularly. There can be several blocks over the years;
//! a block whose first week is the first week of the data has been going on
//! since the data begin, and the report says so, because its true start is
//! not known.

use super::strength::Session;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Fewest weeks of regular lifting that make a block.
pub const MIN_BLOCK_WEEKS: i64 = 4;
/// Longest run of weeks without a session inside a block.
pub const MAX_GAP_WEEKS: i64 = 1;

/// A stretch of regular lifting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// Local date of the first session.
    pub from: NaiveDate,
    /// Local date of the last session.
    pub to: NaiveDate,
    /// Strength sessions in the block.
    pub sessions: usize,
    /// The block's first week is the first week of the data: lifting since the data begin.
    pub since_data_begin: bool,
}

/// Monday of the week of `d`.
pub fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Blocks of regular lifting among `sessions` (in time order); `data_from` is
/// the first local day with any data.
pub fn blocks(sessions: &[Session], data_from: Option<NaiveDate>) -> Vec<Block> {
    let mut weeks: BTreeMap<NaiveDate, (usize, NaiveDate, NaiveDate)> = BTreeMap::new();
    for s in sessions {
        let d = s.start_local.date();
        let e = weeks.entry(monday(d)).or_insert((0, d, d));
        e.0 += 1;
        e.1 = e.1.min(d);
        e.2 = e.2.max(d);
    }
    let mut out = Vec::new();
    let mut current: Option<(NaiveDate, NaiveDate, Block)> = None; // (first monday, last monday, block)
    let close = |c: Option<(NaiveDate, NaiveDate, Block)>, out: &mut Vec<Block>| {
        if let Some((first, last, b)) = c
            && (last - first).num_days() / 7 + 1 >= MIN_BLOCK_WEEKS
        {
            out.push(b);
        }
    };
    for (&m, &(n, from, to)) in &weeks {
        current = match current {
            Some((first, last, mut b)) if (m - last).num_days() / 7 <= MAX_GAP_WEEKS + 1 => {
                b.to = to;
                b.sessions += n;
                Some((first, m, b))
            }
            other => {
                close(other, &mut out);
                let since = data_from.is_some_and(|d| monday(d) == m);
                Some((
                    m,
                    m,
                    Block {
                        from,
                        to,
                        sessions: n,
                        since_data_begin: since,
                    },
                ))
            }
        };
    }
    close(current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDateTime};

    fn session(day: &str) -> Session {
        let at: NaiveDateTime = format!("{day}T18:00:00").parse().unwrap();
        Session {
            session_id: day.into(),
            start_utc: DateTime::from_naive_utc_and_offset(at, chrono::Utc),
            start_local: at,
            kind: crate::kinds::SessionKind::Unlogged,
            ..Session::empty()
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn regular_weeks_make_blocks_and_a_week_off_does_not_end_one() {
        // Block 1: five weeks from 2026-01-06 with week 3 off; then a month
        // off; then three weeks only (too short to be a block).
        let days = [
            "2026-01-06",
            "2026-01-08",
            "2026-01-13",
            "2026-01-27",
            "2026-02-03",
            "2026-03-10",
            "2026-03-17",
            "2026-03-24",
        ];
        let s: Vec<Session> = days.iter().map(|d| session(d)).collect();
        let b = blocks(&s, Some(d("2026-01-01")));
        assert_eq!(
            b,
            vec![Block {
                from: d("2026-01-06"),
                to: d("2026-02-03"),
                sessions: 5,
                since_data_begin: false,
            }]
        );
        // The same sessions when the data begin in the block's first week.
        assert!(blocks(&s, Some(d("2026-01-05")))[0].since_data_begin);
        assert!(blocks(&[], None).is_empty());
    }
}
