//! Checks of the strength program against the advice runners follow, and
//! the gym markers that show it working.
//!
//! * Sessions per week since the block started, against the usual target
//!   of two.
//! * Share of rated heavy sets (main lower-body lifts, ≤ 6 reps) at RPE 7–9.
//! * Scheduling conflicts: a heavy or plyometric session less than 48 h
//!   before a quality run or the long run.
//! * Estimated 1RM of each main lift, first and last session.
//! * Short-term interference: easy runs 0–48 h after a heavy session
//!   against the other easy runs since the block started, as
//!   `100·(after/other − 1)` of speed at the reference heart rate
//!   (< 0: slower in the two days after heavy lifting).

use super::estimate::{self, Estimate};
use super::runs::RunMetrics;
use super::strength::Session;
use crate::kinds::RunKind;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// Gym sessions a week that the training advice calls the sweet spot.
pub const TARGET_PER_WEEK: f64 = 2.0;
/// A hard gym session closer than this before a quality or long run is a conflict, h.
pub const CONFLICT_HOURS: f64 = 48.0;

/// A hard gym session too close before a key run.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Local start of the run.
    pub run_start_local: NaiveDateTime,
    /// `quality` or `long`.
    pub run_kind: RunKind,
    /// Hours between the gym session and the run.
    pub hours_before: f64,
}

/// One main lift's estimated 1RM over time.
#[derive(Clone, Debug, PartialEq)]
pub struct Lift {
    /// Canonical exercise name.
    pub exercise: String,
    /// (local date, best e1RM that session, kg), in time order.
    pub points: Vec<(NaiveDate, f64)>,
}

impl Lift {
    /// Change from the first to the last session, percent.
    pub fn change_pct(&self) -> Option<f64> {
        let (first, last) = (self.points.first()?, self.points.last()?);
        (self.points.len() > 1).then(|| 100.0 * (last.1 / first.1 - 1.0))
    }
}

/// The program checks.
#[derive(Clone, Debug)]
pub struct Program {
    /// Strength sessions per week since the block started.
    pub per_week: Option<f64>,
    /// Share of rated heavy sets at RPE 7–9.
    pub rpe_7_9_share: Option<f64>,
    /// Scheduling conflicts, in time order.
    pub conflicts: Vec<Conflict>,
    /// Main lifts with their e1RM history.
    pub lifts: Vec<Lift>,
    /// Easy runs 0–48 h after heavy lifting against the other easy runs.
    pub interference: Result<Estimate, String>,
}

/// Run the program checks; `last_day` is the last local date with data.
pub fn check(
    runs: &[RunMetrics],
    sessions: &[Session],
    block_start: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
) -> Program {
    let per_week = block_start.zip(last_day).and_then(|(b, l)| {
        let weeks = ((l - b).num_days() + 1) as f64 / 7.0;
        let n = sessions
            .iter()
            .filter(|s| s.start_local.date() >= b)
            .count();
        (weeks >= 1.0).then(|| n as f64 / weeks)
    });
    let rated: usize = sessions.iter().map(|s| s.heavy_sets_rated).sum();
    let in_band: usize = sessions.iter().map(|s| s.heavy_sets_rpe_7_9).sum();
    let rpe_7_9_share = (rated > 0).then(|| in_band as f64 / rated as f64);
    let conflicts = runs
        .iter()
        .filter(|r| matches!(r.kind, RunKind::Quality | RunKind::Long))
        .filter_map(|r| {
            let h = r
                .context
                .hours_since_hard_gym
                .filter(|&h| h < CONFLICT_HOURS)?;
            Some(Conflict {
                run_start_local: r.start_local,
                run_kind: r.kind,
                hours_before: h,
            })
        })
        .collect();
    let mut by_lift: BTreeMap<&str, Vec<(NaiveDate, f64)>> = BTreeMap::new();
    for s in sessions {
        for (name, e1rm) in &s.e1rm {
            by_lift
                .entry(name)
                .or_default()
                .push((s.start_local.date(), *e1rm));
        }
    }
    let lifts = by_lift
        .into_iter()
        .map(|(n, points)| Lift {
            exercise: n.to_string(),
            points,
        })
        .collect();
    let interference = match block_start {
        None => Err("no strength block".to_string()),
        Some(b) => {
            let easy_after = |after: bool| -> Vec<(String, f64)> {
                runs.iter()
                    .filter(|r| r.kind == RunKind::Easy && r.start_local.date() >= b)
                    .filter(|r| {
                        r.context
                            .days_since_heavy
                            .is_some_and(|d| (d <= 2.0) == after)
                    })
                    .filter_map(|r| r.speed_used.map(|v| (r.week.clone(), v)))
                    .collect()
            };
            let (other, after) = (easy_after(false), easy_after(true));
            if other.len() < estimate::MIN_RUNS || after.len() < estimate::MIN_RUNS {
                Err(format!(
                    "too few easy runs to compare since the block started ({} within 48 h after heavy lifting, {} later)",
                    after.len(),
                    other.len()
                ))
            } else {
                estimate::interleaved_ratio(&other, &after)
            }
        }
    };
    Program {
        per_week,
        rpe_7_9_share,
        conflicts,
        lifts,
        interference,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lift_change_needs_two_sessions() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let one = Lift {
            exercise: "squat".into(),
            points: vec![(d(1), 100.0)],
        };
        assert_eq!(one.change_pct(), None);
        let two = Lift {
            exercise: "squat".into(),
            points: vec![(d(1), 100.0), (d(20), 125.0)],
        };
        assert!((two.change_pct().unwrap() - 25.0).abs() < 1e-9);
    }
}
