//! Checks of the strength program against the advice runners follow, and
//! the gym markers that show it working.
//!
//! * Sessions per week since the block started, against the usual target
//!   of two.
//! * Share of rated heavy sets (main lower-body lifts, ≤ 6 reps) at RPE 7–9.
//! * Scheduling conflicts: a heavy, plyometric or unlogged session less
//!   than 48 h before a quality run or the long run. A logged heavy or
//!   plyometric session is a known hard load; a session a watch recorded
//!   without sets is an unknown load, counted apart (the gym log's sets
//!   decide where both recorded one workout: see [`super::strength::unlogged`]).
//! * Estimated 1RM of each main lift, first and last session.
//! * Short-term interference: easy runs 0–48 h after a heavy session
//!   against the other easy runs since the block started, as
//!   `100·(after/other − 1)` of speed at the reference heart rate
//!   (< 0: slower in the two days after heavy lifting).

use super::estimate::{self, Estimate};
use super::runs::RunMetrics;
use super::strength::Session;
use crate::kinds::{RunKind, SessionKind};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// Gym sessions a week that the training advice calls the sweet spot.
pub const TARGET_PER_WEEK: f64 = 2.0;
/// A hard gym session closer than this before a quality or long run is a conflict, h.
pub const CONFLICT_HOURS: f64 = 48.0;

/// Form (fitness − fatigue, TRIMP units) at or below which a day is one of
/// high fatigue: Coggan's bound of 'high risk' for training stress balance
/// is −30; −20 is where fatigue plainly outruns fitness for runners whose
/// 42-day fitness is 40–80 a day.
pub const HIGH_FATIGUE_FORM: f64 = -20.0;

/// A hard gym session too close before a key run.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Local start of the run.
    pub run_start_local: NaiveDateTime,
    /// `quality` or `long`.
    pub run_kind: RunKind,
    /// Hours between the gym session and the run.
    pub hours_before: f64,
    /// Local start of the gym session.
    pub session_start_local: NaiveDateTime,
    /// Its kind: heavy or plyometric (a known hard load) or unlogged (unknown load).
    pub session_kind: SessionKind,
    /// Form (fitness − fatigue, see [`super::load`]) at the end of the day
    /// before the run: how fresh the runner came to it, where the load is known.
    pub form_before: Option<f64>,
}

impl Conflict {
    /// The run came on a high-fatigue day: form at most [`HIGH_FATIGUE_FORM`].
    pub fn high_fatigue(&self) -> bool {
        self.form_before.is_some_and(|f| f <= HIGH_FATIGUE_FORM)
    }

    /// The gym session's load is known from its sets (heavy or plyometric),
    /// not only that a watch recorded strength work.
    pub fn known_load(&self) -> bool {
        self.session_kind != SessionKind::Unlogged
    }

    /// What the session was, for sentences: "a heavy strength session",
    /// "a strength session of unknown load (recorded by a watch without sets)".
    pub fn session_words(&self) -> String {
        match self.session_kind {
            SessionKind::Unlogged => {
                "a strength session of unknown load (recorded by a watch without sets)".into()
            }
            k => format!("a {k} strength session"),
        }
    }
}

/// The conflict of a quality or long run starting `run_utc`: the latest
/// session that may have been hard within [`CONFLICT_HOURS`] before it; a
/// logged heavy or plyometric one wins over an unlogged one, since its load is known.
fn conflict_of(r: &RunMetrics, sessions: &[Session]) -> Option<Conflict> {
    let hours = |s: &Session| (r.start_utc - s.start_utc).num_seconds() as f64 / 3600.0;
    let near = |s: &&Session| s.may_be_hard() && (0.0..CONFLICT_HOURS).contains(&hours(s));
    let candidates: Vec<&Session> = sessions.iter().filter(near).collect();
    let latest = |known: bool| {
        (candidates.iter())
            .filter(|s| (s.kind != SessionKind::Unlogged) == known)
            .min_by(|a, b| hours(a).total_cmp(&hours(b)))
            .copied()
    };
    let s = latest(true).or_else(|| latest(false))?;
    Some(Conflict {
        run_start_local: r.start_local,
        run_kind: r.kind,
        hours_before: hours(s),
        session_start_local: s.start_local,
        session_kind: s.kind,
        form_before: None,
    })
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
        .filter_map(|r| conflict_of(r, sessions))
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

    fn session(at: &str, kind: SessionKind) -> Session {
        let t: NaiveDateTime = at.parse().unwrap();
        Session {
            session_id: at.into(),
            start_utc: t.and_utc(),
            start_local: t,
            kind,
            ..Session::empty()
        }
    }

    #[test]
    fn a_conflict_names_its_session_and_a_logged_load_wins_over_an_unknown_one() {
        let run = |at: &str| RunMetrics {
            kind: RunKind::Long,
            ..RunMetrics::easy_at(at.parse().unwrap(), Some(3.0))
        };
        let runs = [run("2026-03-08T09:00:00"), run("2026-03-15T09:00:00")];
        let sessions = [
            // Before the first long run: a logged heavy session 39 h before,
            // and a later watch session without sets 15 h before.
            session("2026-03-06T18:00:00", SessionKind::Heavy),
            session("2026-03-07T18:00:00", SessionKind::Unlogged),
            // Before the second only a watch session (38.5 h) and a light circuit.
            session("2026-03-13T18:30:00", SessionKind::Unlogged),
            session("2026-03-14T18:00:00", SessionKind::HighRep),
        ];
        let p = check(&runs, &sessions, None, None);
        assert_eq!(p.conflicts.len(), 2);
        let (a, b) = (&p.conflicts[0], &p.conflicts[1]);
        assert_eq!((a.session_kind, a.hours_before), (SessionKind::Heavy, 39.0));
        assert!(a.known_load());
        assert_eq!(a.session_words(), "a heavy strength session");
        assert_eq!(
            (b.session_kind, b.hours_before),
            (SessionKind::Unlogged, 38.5)
        );
        assert!(!b.known_load());
        assert!(
            b.session_words().contains("unknown load"),
            "{}",
            b.session_words()
        );
        // An easy run is never a conflict.
        let easy = [RunMetrics::easy_at(
            "2026-03-08T09:00:00".parse().unwrap(),
            None,
        )];
        assert!(check(&easy, &sessions, None, None).conflicts.is_empty());
    }
}
