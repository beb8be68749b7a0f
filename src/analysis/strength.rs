//! Strength sessions: sets grouped into sessions, each classified by kind,
//! and watch-recorded strength workouts without sets.
//!
//! Kinds, from the training advice runners follow:
//! * **heavy** — at least two working sets of a main lower-body lift (squat,
//!   hinge, lunge patterns) at ≤ 6 reps with RPE ≥ 7 (RIR ≤ 3); a set
//!   without logged RPE counts when it is loaded;
//! * **plyometric** — otherwise, at least two sets of hops, jumps or bounds;
//! * **high-rep** — otherwise, most working sets at 12–20 reps;
//! * **mixed** — anything else.
//!
//! A hard set has RPE ≥ 7. Tonnage is Σ load × reps of working sets.
//! Ground contacts are the reps of plyometric sets. A strength workout a
//! watch recorded without sets is a session of kind **unlogged** (see
//! [`unlogged`]). Blocks of regular lifting are [`super::history`]'s.
//! Estimated 1RM (Epley): `load · (1 + reps/30)` from working sets of 2–10
//! reps (the load itself for a single), the best set per lift and session.

use crate::error::Result;
use crate::ingest::exercises::is_main_lower;
pub use crate::kinds::SessionKind;
use crate::kinds::SetType;
use crate::schema::strength_sets as st;
use crate::tables::{f64s, i64s, strs};
use chrono::{DateTime, NaiveDateTime, Utc};
use polars::prelude::DataFrame;
use std::collections::BTreeMap;

/// One gym session.
#[derive(Clone, Debug)]
pub struct Session {
    /// Session id.
    pub session_id: String,
    /// Start instant.
    pub start_utc: DateTime<Utc>,
    /// Local start as logged.
    pub start_local: NaiveDateTime,
    /// Heavy, plyometric, high-rep, mixed, or unlogged (recorded by a watch
    /// without sets: the load is not known).
    pub kind: SessionKind,
    /// Duration, s, where a watch recorded the session.
    pub duration_s: Option<f64>,
    /// Mean heart rate, bpm, where a watch recorded the session.
    pub avg_hr: Option<f64>,
    /// Working sets.
    pub sets: usize,
    /// Sets at RPE ≥ 7.
    pub hard_sets: usize,
    /// Σ load × reps of working sets, kg.
    pub tonnage_kg: f64,
    /// Plyometric ground contacts.
    pub ground_contacts: f64,
    /// Best estimated 1RM per main lower-body lift (canonical name, kg).
    pub e1rm: BTreeMap<String, f64>,
    /// Heavy sets (main lower-body lift, ≤ 6 reps) with RPE logged.
    pub heavy_sets_rated: usize,
    /// Of those, sets at RPE 7–9, the range the training advice asks for.
    pub heavy_sets_rpe_7_9: usize,
    /// Mean RPE of the working sets that have one (the session's effort for its load).
    pub mean_rpe: Option<f64>,
}

/// Epley's estimated one-repetition maximum, for 1–10 reps.
pub fn epley(weight_kg: f64, reps: f64) -> Option<f64> {
    if reps == 1.0 {
        Some(weight_kg)
    } else if (2.0..=10.0).contains(&reps) {
        Some(weight_kg * (1.0 + reps / 30.0))
    } else {
        None
    }
}

impl Session {
    /// Whether the session may have been hard on the legs (heavy,
    /// plyometric, or unlogged: its load is not known), for the 48-hour
    /// scheduling check.
    pub fn may_be_hard(&self) -> bool {
        matches!(
            self.kind,
            SessionKind::Heavy | SessionKind::Plyometric | SessionKind::Unlogged
        )
    }
}

/// Largest gap between a watch's strength activity and a logged session for
/// the two to be one session, s.
const SAME_SESSION_S: i64 = 45 * 60;

/// Watch-recorded strength workouts with no logged session within 45
/// minutes: sessions of kind `unlogged`, with their time, duration and heart
/// rate (Coros, Garmin without sets, Polar, Suunto).
pub fn unlogged(activities: &DataFrame, logged: &[Session]) -> Result<Vec<Session>> {
    use crate::schema::activities as a;
    let (ids, sports, subs) = (
        strs(activities, a::ACTIVITY_ID)?,
        strs(activities, a::SPORT)?,
        strs(activities, a::SUB_SPORT)?,
    );
    let (starts, offsets) = (
        i64s(activities, a::START_UTC)?,
        i64s(activities, a::UTC_OFFSET_MIN)?,
    );
    let (durs, hrs) = (
        f64s(activities, a::DURATION_S)?,
        f64s(activities, a::AVG_HR)?,
    );
    let mut out = Vec::new();
    for i in 0..ids.len() {
        let (Some(id), Some(sport), Some(start)) = (&ids[i], &sports[i], starts[i]) else {
            continue;
        };
        if !crate::ingest::sports::is_strength(sport, subs[i].as_deref()) {
            continue;
        }
        let Some(start_utc) = DateTime::from_timestamp_millis(start) else {
            continue;
        };
        let near = |s: &Session| (s.start_utc - start_utc).num_seconds().abs() <= SAME_SESSION_S;
        if logged.iter().any(near) {
            continue;
        }
        out.push(Session {
            session_id: id.clone(),
            start_utc,
            start_local: crate::tables::local_time(start_utc, offsets[i]),
            kind: SessionKind::Unlogged,
            duration_s: durs[i],
            avg_hr: hrs[i],
            ..Session::empty()
        });
    }
    Ok(out)
}

impl Session {
    /// A session with no sets, for building one field by field.
    pub fn empty() -> Session {
        Session {
            session_id: String::new(),
            start_utc: DateTime::UNIX_EPOCH,
            start_local: DateTime::UNIX_EPOCH.naive_utc(),
            kind: SessionKind::Mixed,
            duration_s: None,
            avg_hr: None,
            sets: 0,
            hard_sets: 0,
            tonnage_kg: 0.0,
            ground_contacts: 0.0,
            e1rm: BTreeMap::new(),
            heavy_sets_rated: 0,
            heavy_sets_rpe_7_9: 0,
            mean_rpe: None,
        }
    }
}

struct SetView {
    exercise: String,
    pattern: String,
    set_type: SetType,
    weight: Option<f64>,
    reps: Option<f64>,
    rpe: Option<f64>,
    session_s: Option<f64>,
}

fn classify(sets: &[SetView]) -> SessionKind {
    let working: Vec<&SetView> = (sets.iter())
        .filter(|s| s.set_type != SetType::Warmup)
        .collect();
    let heavy = working
        .iter()
        .filter(|s| is_main_lower(&s.pattern))
        .filter(|s| s.reps.is_some_and(|r| r <= 6.0))
        .filter(|s| {
            s.rpe
                .map_or(s.weight.is_some_and(|w| w > 0.0), |r| r >= 7.0)
        })
        .count();
    let plyo = working.iter().filter(|s| s.pattern == "plyometric").count();
    let high = working
        .iter()
        .filter(|s| s.reps.is_some_and(|r| (12.0..=20.0).contains(&r)))
        .count();
    if heavy >= 2 {
        SessionKind::Heavy
    } else if plyo >= 2 {
        SessionKind::Plyometric
    } else if !working.is_empty() && 2 * high > working.len() {
        SessionKind::HighRep
    } else {
        SessionKind::Mixed
    }
}

/// Group the `strength_sets` table into classified sessions, in time order.
pub fn sessions(sets: &DataFrame) -> Result<Vec<Session>> {
    let ids = strs(sets, st::SESSION_ID)?;
    let exercises = strs(sets, st::EXERCISE)?;
    let starts = i64s(sets, st::START_UTC)?;
    let locals = i64s(sets, st::START_LOCAL)?;
    let patterns = strs(sets, st::PATTERN)?;
    let types = strs(sets, st::SET_TYPE)?;
    let (w, reps, rpe) = (
        f64s(sets, st::WEIGHT_KG)?,
        f64s(sets, st::REPS)?,
        f64s(sets, st::RPE)?,
    );
    let session_s = f64s(sets, st::SESSION_S)?;
    let mut groups: BTreeMap<(i64, String), (i64, Vec<SetView>)> = BTreeMap::new();
    for i in 0..ids.len() {
        let (Some(id), Some(start), Some(local)) = (&ids[i], starts[i], locals[i]) else {
            continue;
        };
        groups
            .entry((start, id.clone()))
            .or_insert_with(|| (local, Vec::new()))
            .1
            .push(SetView {
                exercise: exercises[i].clone().unwrap_or_default(),
                pattern: patterns[i].clone().unwrap_or_default(),
                // The tables only hold names the readers wrote.
                set_type: (types[i].as_deref().and_then(|t| t.parse().ok()))
                    .unwrap_or(SetType::Working),
                weight: w[i],
                reps: reps[i],
                rpe: rpe[i],
                session_s: session_s[i],
            });
    }
    Ok(groups
        .into_iter()
        .filter_map(|((start, id), (local, sets))| {
            let working: Vec<&SetView> = (sets.iter())
                .filter(|s| s.set_type != SetType::Warmup)
                .collect();
            let mut e1rm: BTreeMap<String, f64> = BTreeMap::new();
            for s in working.iter().filter(|s| is_main_lower(&s.pattern)) {
                if let (Some(w), Some(r)) = (s.weight.filter(|&w| w > 0.0), s.reps)
                    && let Some(est) = epley(w, r)
                {
                    let best = e1rm.entry(s.exercise.clone()).or_insert(est);
                    *best = best.max(est);
                }
            }
            let heavy_rated: Vec<f64> = working
                .iter()
                .filter(|s| is_main_lower(&s.pattern) && s.reps.is_some_and(|r| r <= 6.0))
                .filter_map(|s| s.rpe)
                .collect();
            let rated: Vec<f64> = working.iter().filter_map(|s| s.rpe).collect();
            let mean_rpe =
                (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64);
            Some(Session {
                session_id: id,
                mean_rpe,
                start_utc: DateTime::from_timestamp_millis(start)?,
                start_local: DateTime::from_timestamp_millis(local)?.naive_utc(),
                kind: classify(&sets),
                duration_s: sets.iter().find_map(|s| s.session_s),
                avg_hr: None,
                sets: working.len(),
                hard_sets: working
                    .iter()
                    .filter(|s| s.rpe.is_some_and(|r| r >= 7.0))
                    .count(),
                tonnage_kg: working
                    .iter()
                    .map(|s| s.weight.unwrap_or(0.0) * s.reps.unwrap_or(0.0))
                    .sum(),
                ground_contacts: working
                    .iter()
                    .filter(|s| s.pattern == "plyometric")
                    .map(|s| s.reps.unwrap_or(0.0))
                    .sum(),
                e1rm,
                heavy_sets_rated: heavy_rated.len(),
                heavy_sets_rpe_7_9: heavy_rated
                    .iter()
                    .filter(|r| (7.0..=9.0).contains(*r))
                    .count(),
            })
        })
        .collect())
}

/// Exercise names (as written) that matched no movement pattern, sorted.
pub fn unknown_exercises(sets: &DataFrame) -> Result<Vec<String>> {
    let raw = strs(sets, st::EXERCISE_RAW)?;
    let patterns = strs(sets, st::PATTERN)?;
    let mut names: Vec<String> = raw
        .into_iter()
        .zip(patterns)
        .filter(|(_, p)| p.as_deref() == Some("other"))
        .filter_map(|(r, _)| r)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(pattern: &str, reps: f64, rpe: Option<f64>, weight: f64) -> SetView {
        SetView {
            exercise: pattern.into(),
            pattern: pattern.into(),
            set_type: SetType::Working,
            weight: Some(weight),
            reps: Some(reps),
            rpe,
            session_s: None,
        }
    }

    #[test]
    fn epley_by_hand() {
        assert!((epley(100.0, 5.0).unwrap() - 116.666_666).abs() < 1e-5);
        assert_eq!(epley(100.0, 1.0), Some(100.0));
        assert!((epley(60.0, 10.0).unwrap() - 80.0).abs() < 1e-9);
        assert_eq!(epley(60.0, 12.0), None);
    }

    #[test]
    fn kinds() {
        let heavy = [
            set("squat", 4.0, Some(8.0), 100.0),
            set("squat", 4.0, None, 100.0),
            set("upper", 10.0, None, 20.0),
        ];
        assert_eq!(classify(&heavy), SessionKind::Heavy);
        let light_heavy = [
            set("squat", 5.0, Some(5.0), 40.0),
            set("squat", 5.0, Some(5.0), 40.0),
        ];
        assert_eq!(classify(&light_heavy), SessionKind::Mixed);
        let plyo = [
            set("plyometric", 5.0, None, 0.0),
            set("plyometric", 5.0, None, 0.0),
        ];
        assert_eq!(classify(&plyo), SessionKind::Plyometric);
        let circuit = [
            set("squat", 15.0, Some(6.0), 16.0),
            set("lunge", 20.0, Some(6.0), 8.0),
            set("core", 1.0, None, 0.0),
        ];
        assert_eq!(classify(&circuit), SessionKind::HighRep);
    }
}
