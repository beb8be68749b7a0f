//! Runs joined to the strength timeline with polars as-of joins on UTC
//! instants (so a DST change between a gym session and a run cannot shift
//! the gap by an hour).
//!
//! For every run: days since the last heavy lower-body session, days since
//! the last strength session of any kind, hours since the last session that
//! may have been hard on the legs (heavy, plyometric or unlogged), and the
//! strength sessions in the previous 7 and 28 days. Counts come from two as-of joins on a running
//! session number: sessions in `(t − 7 d, t]` = number at `t` − number at
//! `t − 7 d`.

use super::strength::Session;
use crate::error::Result;
use crate::kinds::SessionKind;
use polars::prelude::*;

const DAY_MS: i64 = 86_400_000;

/// A run's place on the strength timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunContext {
    /// Days since the last heavy session (`None` before the first).
    pub days_since_heavy: Option<f64>,
    /// Days since the last strength session of any kind.
    pub days_since_strength: Option<f64>,
    /// Hours since the last heavy, plyometric or unlogged session.
    pub hours_since_hard_gym: Option<f64>,
    /// Strength sessions in the previous 7 days.
    pub sessions_7d: u32,
    /// Strength sessions in the previous 28 days.
    pub sessions_28d: u32,
}

fn backward() -> JoinArgs {
    JoinArgs::new(JoinType::AsOf(Box::new(AsOfOptions {
        strategy: AsofStrategy::Backward,
        allow_eq: true,
        check_sortedness: true,
        ..Default::default()
    })))
}

/// Join `right` (key `key`, sorted) onto `left` as of `left_key`.
fn asof(left: LazyFrame, left_key: &str, right: DataFrame, key: &str) -> LazyFrame {
    left.join(right.lazy(), [col(left_key)], [col(key)], backward())
}

/// The context of runs starting at `run_ms` (UTC milliseconds, ascending).
pub fn run_context(run_ms: &[i64], sessions: &[Session]) -> Result<Vec<RunContext>> {
    if run_ms.is_empty() {
        return Ok(Vec::new());
    }
    let mut times: Vec<i64> = sessions
        .iter()
        .map(|s| s.start_utc.timestamp_millis())
        .collect();
    times.sort_unstable();
    let pick = |f: fn(&Session) -> bool| {
        let mut t: Vec<i64> = sessions
            .iter()
            .filter(|s| f(s))
            .map(|s| s.start_utc.timestamp_millis())
            .collect();
        t.sort_unstable();
        t
    };
    let heavy = pick(|s| s.kind == SessionKind::Heavy);
    let hard = pick(Session::may_be_hard);
    let numbers: Vec<i64> = (1..=times.len() as i64).collect();
    let runs = df!(
        "t" => run_ms,
        "t7" => run_ms.iter().map(|t| t - 7 * DAY_MS).collect::<Vec<_>>(),
        "t28" => run_ms.iter().map(|t| t - 28 * DAY_MS).collect::<Vec<_>>(),
    )?;
    let count_at = |name: &str| -> PolarsResult<DataFrame> {
        df!(format!("{name}_t").as_str() => &times, format!("{name}_n").as_str() => &numbers)
    };
    let joined = asof(runs.lazy(), "t", df!("heavy_t" => &heavy)?, "heavy_t");
    let joined = asof(joined, "t", df!("hard_t" => &hard)?, "hard_t");
    let joined = asof(joined, "t", df!("any_t" => &times)?, "any_t");
    let joined = asof(joined, "t", count_at("now")?, "now_t");
    let joined = asof(joined, "t7", count_at("w1")?, "w1_t");
    let joined = asof(joined, "t28", count_at("w4")?, "w4_t");
    let out = joined
        .select([
            ((col("t") - col("heavy_t")).cast(DataType::Float64) / lit(DAY_MS as f64))
                .alias("days_heavy"),
            ((col("t") - col("hard_t")).cast(DataType::Float64) / lit(3_600_000.0))
                .alias("hours_hard"),
            ((col("t") - col("any_t")).cast(DataType::Float64) / lit(DAY_MS as f64))
                .alias("days_any"),
            (col("now_n").fill_null(lit(0)) - col("w1_n").fill_null(lit(0))).alias("n7"),
            (col("now_n").fill_null(lit(0)) - col("w4_n").fill_null(lit(0))).alias("n28"),
        ])
        .collect()?;
    let f = |name: &str| -> Result<Vec<Option<f64>>> { crate::tables::f64s(&out, name) };
    let (days, hours, n7, n28) = (f("days_heavy")?, f("hours_hard")?, f("n7")?, f("n28")?);
    let days_any = f("days_any")?;
    Ok((0..run_ms.len())
        .map(|i| RunContext {
            days_since_heavy: days[i],
            days_since_strength: days_any[i],
            hours_since_hard_gym: hours[i],
            sessions_7d: n7[i].unwrap_or(0.0) as u32,
            sessions_28d: n28[i].unwrap_or(0.0) as u32,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::local_to_utc;
    use chrono::{NaiveDate, NaiveDateTime};

    fn local(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn session(at: NaiveDateTime, kind: SessionKind) -> Session {
        Session {
            session_id: at.to_string(),
            start_utc: local_to_utc(at, chrono_tz::Europe::Copenhagen),
            start_local: at,
            kind,
            sets: 10,
            hard_sets: 8,
            tonnage_kg: 1000.0,
            ..Session::empty()
        }
    }

    #[test]
    fn gaps_are_measured_in_instants_across_the_dst_change() {
        let tz = chrono_tz::Europe::Copenhagen;
        let sessions = [
            session(local(2026, 3, 10, 18), SessionKind::HighRep),
            session(local(2026, 3, 29, 8), SessionKind::HighRep),
            session(local(2026, 3, 24, 18), SessionKind::Plyometric),
            // Saturday 18:00 winter time = 17:00 UTC.
            session(local(2026, 3, 28, 18), SessionKind::Heavy),
        ];
        // Monday 06:00 summer time = 04:00 UTC: 35 h later, not the 36 h on the wall clock.
        let runs = [local(2026, 3, 9, 7), local(2026, 3, 30, 6)];
        let ms: Vec<i64> = runs
            .iter()
            .map(|r| local_to_utc(*r, tz).timestamp_millis())
            .collect();
        let c = run_context(&ms, &sessions).unwrap();
        assert_eq!(c[0], RunContext::default());
        assert!(
            (c[1].days_since_heavy.unwrap() - 35.0 / 24.0).abs() < 1e-9,
            "{:?}",
            c[1]
        );
        assert!((c[1].hours_since_hard_gym.unwrap() - 35.0).abs() < 1e-9);
        // The Sunday 08:00 (summer time) circuit is 22 h before the run.
        assert!((c[1].days_since_strength.unwrap() - 22.0 / 24.0).abs() < 1e-9);
        assert_eq!(c[1].sessions_7d, 3);
        assert_eq!(c[1].sessions_28d, 4);
    }
}
