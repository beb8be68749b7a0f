//! Training load with the lifting counted: each day's load of runs and of
//! strength sessions on one scale (Banister TRIMP), and fitness, fatigue
//! and form from them.
//!
//! * A run's load is its TRIMP from its heart rate (see
//!   [`super::form::trimp`]); a run without heart rate adds nothing, and is
//!   counted.
//! * A strength session's load is a TRIMP too: minutes × the TRIMP rate at
//!   the fraction of heart-rate reserve `x` the session stands for,
//!   `x·k₁·e^(k₂x)` a minute. Where a watch recorded it, `x` comes from its
//!   mean heart rate (`hr`); where sets carry RPE, from the session's RPE
//!   as `x = RPE/10` (CR10 read as tenths of reserve), the session's RPE
//!   taken as the sets' mean less [`SET_TO_SESSION_RPE`] (`rpe`): a set's RPE
//!   rates its last reps, and a session is mostly the rests between sets;
//!   otherwise a session RPE of [`DEFAULT_SESSION_RPE`] (`default`). Minutes
//!   are the watch's duration, else [`DEFAULT_MINUTES`]. These are modelling
//!   choices, not measurements: a watch's heart rate wins where there is one.
//!   So an hour of sets at RPE 8 weighs as an hour at half of reserve, about
//!   50 for a man: as much as 40 minutes of easy running.
//! * Fitness is the exponentially weighted mean of daily load with a time
//!   constant of [`FITNESS_DAYS`], fatigue with [`FATIGUE_DAYS`]
//!   (`m_t = m_{t−1} + (load_t − m_{t−1})·(1 − e^(−1/τ))`), form = fitness −
//!   fatigue (< 0: more tired than fit). Both start from the mean daily load
//!   of the first [`SEED_DAYS`] days: a history starts mid-training, and
//!   starting from 0 would read as months of "fatigue high" while fitness
//!   builds up to a level the runner already had.

use super::form::trimp_constants;
use super::runs::RunMetrics;
use super::strength::Session;
use chrono::{Duration, NaiveDate};

/// Time constant of fitness, days.
pub const FITNESS_DAYS: f64 = 42.0;
/// Time constant of fatigue, days.
pub const FATIGUE_DAYS: f64 = 7.0;
/// Days whose mean load fitness and fatigue start from.
pub const SEED_DAYS: usize = 28;
/// Minutes of a strength session whose length is not known.
pub const DEFAULT_MINUTES: f64 = 60.0;
/// Session RPE of a strength session with neither heart rate nor rated sets.
pub const DEFAULT_SESSION_RPE: f64 = 5.0;
/// Points between the sets' mean RPE and the session's.
pub const SET_TO_SESSION_RPE: f64 = 3.0;

/// Where a strength session's load came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The watch's mean heart rate.
    Hr,
    /// The sets' mean RPE.
    Rpe,
    /// The default effort.
    Default,
}

/// One day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Day {
    /// Local date.
    pub date: NaiveDate,
    /// TRIMP of the day's runs.
    pub run: f64,
    /// TRIMP-equivalent of the day's strength sessions.
    pub strength: f64,
    /// Strength sessions that day.
    pub sessions: usize,
    /// Runs that day with heart rate (their load is counted).
    pub runs_with_hr: usize,
    /// Runs that day without heart rate (their load is not known).
    pub runs_without_hr: usize,
    /// Fitness at the end of the day.
    pub fitness: f64,
    /// Fatigue at the end of the day.
    pub fatigue: f64,
}

impl Day {
    /// Form: fitness − fatigue.
    pub fn form(&self) -> f64 {
        self.fitness - self.fatigue
    }
}

/// The load of a whole history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Load {
    /// Every day from the first to the last with data.
    pub days: Vec<Day>,
    /// Strength sessions by where their load came from: hr, rpe, default.
    pub sources: [usize; 3],
    /// Runs without heart rate (no load counted).
    pub runs_without_hr: usize,
}

impl Load {
    /// Form at the end of the day before `date`, where that day is in the
    /// history and the week before it known (at most half of its runs
    /// without heart rate).
    pub fn form_before(&self, date: NaiveDate) -> Option<f64> {
        let before = date.pred_opt()?;
        let first = self.days.first()?.date;
        let k = usize::try_from((before - first).num_days()).ok()?;
        let day = self.days.get(k).filter(|d| d.date == before)?;
        let week = &self.days[k.saturating_sub(6)..=k];
        let (without, with) = (week.iter()).fold((0, 0), |(n, m), d| {
            (n + d.runs_without_hr, m + d.runs_with_hr)
        });
        (without <= with).then(|| day.form())
    }

    /// Whether the last `days` days' load is known: at most half of their
    /// runs lack heart rate.
    pub fn known_lately(&self, days: usize) -> bool {
        let recent = self.days.iter().rev().take(days);
        let (without, with) = recent.fold((0, 0), |(n, m), d| {
            (n + d.runs_without_hr, m + d.runs_with_hr)
        });
        without <= with
    }
}

/// TRIMP-equivalent of one strength session and where it came from.
pub fn session_load(s: &Session, hr_rest: f64, hr_max: f64, female: bool) -> (f64, Source) {
    let (k1, k2) = trimp_constants(female);
    let minutes = s.duration_s.map_or(DEFAULT_MINUTES, |d| d / 60.0);
    let (x, source) = match (s.avg_hr, s.mean_rpe) {
        (Some(h), _) => ((h - hr_rest) / (hr_max - hr_rest), Source::Hr),
        (None, Some(r)) => ((r - SET_TO_SESSION_RPE) / 10.0, Source::Rpe),
        (None, None) => (DEFAULT_SESSION_RPE / 10.0, Source::Default),
    };
    let x = x.clamp(0.0, 1.0);
    (minutes * x * k1 * (k2 * x).exp(), source)
}

/// The daily load, fitness and fatigue of `runs` and `sessions` over
/// `range` (inclusive local dates).
pub fn load(
    runs: &[RunMetrics],
    sessions: &[Session],
    range: Option<(NaiveDate, NaiveDate)>,
    (hr_rest, hr_max, female): (f64, f64, bool),
) -> Load {
    let Some((first, last)) = range else {
        return Load::default();
    };
    let n = (last - first).num_days().max(0) as usize + 1;
    let mut out = Load::default();
    let mut days: Vec<Day> = (0..n)
        .map(|i| Day {
            date: first + Duration::days(i as i64),
            run: 0.0,
            strength: 0.0,
            sessions: 0,
            runs_with_hr: 0,
            runs_without_hr: 0,
            fitness: 0.0,
            fatigue: 0.0,
        })
        .collect();
    let index = |d: NaiveDate| {
        usize::try_from((d - first).num_days())
            .ok()
            .filter(|&i| i < n)
    };
    for r in runs {
        match (index(r.start_local.date()), r.trimp) {
            (Some(i), Some(t)) => {
                days[i].run += t;
                days[i].runs_with_hr += 1;
            }
            (Some(i), None) => {
                days[i].runs_without_hr += 1;
                out.runs_without_hr += 1;
            }
            _ => {}
        }
    }
    for s in sessions {
        if let Some(i) = index(s.start_local.date()) {
            let (l, source) = session_load(s, hr_rest, hr_max, female);
            days[i].strength += l;
            days[i].sessions += 1;
            out.sources[source as usize] += 1;
        }
    }
    let (kf, kt) = (
        1.0 - (-1.0 / FITNESS_DAYS).exp(),
        1.0 - (-1.0 / FATIGUE_DAYS).exp(),
    );
    let seed = (days.iter().take(SEED_DAYS))
        .map(|d| d.run + d.strength)
        .sum::<f64>()
        / days.len().min(SEED_DAYS) as f64;
    let (mut fit, mut tired) = (seed, seed);
    for d in &mut days {
        let l = d.run + d.strength;
        fit += (l - fit) * kf;
        tired += (l - tired) * kt;
        d.fitness = fit;
        d.fatigue = tired;
    }
    out.days = days;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::SessionKind;
    use chrono::NaiveDateTime;

    fn at(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    #[test]
    fn fitness_and_fatigue_are_the_exponentially_weighted_load_by_hand() {
        // A run of TRIMP 100 on day 0 and day 2, a strength session on day 1
        // with sets at RPE 8 (a session at 5) for 60 minutes, nothing on day 3.
        let mut runs = vec![
            RunMetrics::easy_at(at("2026-03-02T07:00:00"), None),
            RunMetrics::easy_at(at("2026-03-04T07:00:00"), None),
            RunMetrics::easy_at(at("2026-03-05T07:00:00"), None),
        ];
        runs[0].trimp = Some(100.0);
        runs[1].trimp = Some(100.0);
        let gym = Session {
            start_local: at("2026-03-03T18:00:00"),
            kind: SessionKind::Heavy,
            mean_rpe: Some(8.0),
            ..Session::empty()
        };
        let range = Some((
            at("2026-03-02T00:00:00").date(),
            at("2026-03-05T00:00:00").date(),
        ));
        let l = load(&runs, &[gym], range, (50.0, 190.0, false));
        assert_eq!(l.days.len(), 4);
        assert_eq!(l.runs_without_hr, 1);
        assert_eq!(l.days[3].runs_without_hr, 1);
        // Two runs with heart rate against one without in the last 4 days.
        assert!(l.known_lately(4) && !l.known_lately(1));
        // Runs are counted, not days: two with heart rate and two without on one day.
        let mut day = vec![RunMetrics::easy_at(at("2026-03-02T07:00:00"), None); 4];
        day[0].trimp = Some(50.0);
        day[1].trimp = Some(50.0);
        let one = Some((day[0].start_local.date(), day[0].start_local.date()));
        assert!(load(&day, &[], one, (50.0, 190.0, false)).known_lately(28));
        assert_eq!(l.sources, [0, 1, 0]);
        // 60 · 0.5 · 0.64 · e^(1.92 · 0.5) = 50.15…
        let s = 60.0 * 0.5 * 0.64 * (1.92f64 * 0.5).exp();
        assert!((l.days[1].strength - s).abs() < 1e-9 && (s - 50.15).abs() < 0.01);
        let (kf, kt) = (1.0 - (-1.0f64 / 42.0).exp(), 1.0 - (-1.0f64 / 7.0).exp());
        // Both start from the mean of the (four) days.
        let seed = (200.0 + s) / 4.0;
        let (mut f, mut t) = (seed, seed);
        for (d, load) in l.days.iter().zip([100.0, s, 100.0, 0.0]) {
            f += (load - f) * kf;
            t += (load - t) * kt;
            assert!((d.fitness - f).abs() < 0.1 && (d.fatigue - t).abs() < 0.1);
        }
        // After a hard day fatigue runs ahead of fitness (form < 0); after a rest day, behind.
        assert!(l.days[2].form() < 0.0 && l.days[3].form() > 0.0);
        // The form a run on day 3 came to is day 2's; before the history, none.
        assert_eq!(l.form_before(l.days[3].date), Some(l.days[2].form()));
        assert_eq!(l.form_before(l.days[0].date), None);
        // A week whose runs mostly lack heart rate gives no form: its load is not known.
        let blind = load(&day[2..], &[], one, (50.0, 190.0, false));
        assert_eq!(
            blind.form_before(day[0].start_local.date().succ_opt().unwrap()),
            None
        );
    }

    #[test]
    fn a_session_takes_its_load_from_the_watch_then_the_sets_then_the_default() {
        let watch = Session {
            avg_hr: Some(120.0),
            duration_s: Some(1800.0),
            kind: SessionKind::Unlogged,
            ..Session::empty()
        };
        let (l, src) = session_load(&watch, 50.0, 190.0, false);
        let x: f64 = 70.0 / 140.0;
        assert_eq!(src, Source::Hr);
        assert!((l - 30.0 * x * 0.64 * (1.92 * x).exp()).abs() < 1e-9);
        let plain = Session::empty();
        let (d, src) = session_load(&plain, 50.0, 190.0, false);
        assert_eq!(src, Source::Default);
        assert!((d - 60.0 * 0.5 * 0.64 * (1.92f64 * 0.5).exp()).abs() < 1e-9);
    }
}
