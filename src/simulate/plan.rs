//! The season plan: which runs and gym sessions happen on which day, the
//! weather, the day-to-day form, and the running-economy factor.
//!
//! A training week: Tuesday a quality session (intervals or tempo, in turn),
//! Wednesday, Thursday and Saturday easy runs, Sunday the long run, Monday and
//! Friday rest. Gym sessions (where the scenario lifts) are Tuesday and
//! Thursday evenings, after the day's run; now and then Thursday's session
//! slips to Friday evening, less than 48 h before the long run: the
//! scheduling conflict the training advice warns about.
//!
//! Economy: in `strength` and `heat` the factor falls from 1 towards 0.95
//! with a 4-week time constant from the block start; `highrep` towards 0.99;
//! `control` stays at 1. In `two-blocks` the first block brings the same
//! 5 %, kept through a break as long as the block, and a second block from
//! then to the end of the season another [`SECOND_BLOCK_GAIN`].

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, Poisson};

/// A simulated season's storyline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// Heavy lifting and plyometrics twice a week from the block start; economy improves ~5 %.
    Strength,
    /// No lifting; nothing changes.
    Control,
    /// Light 15–20 rep circuits twice a week; economy improves ~1 %.
    Highrep,
    /// As `strength`, but the season warms by 20 °C, so raw heart rate rises.
    Heat,
    /// Two blocks of heavy lifting with a break as long as the first between
    /// them: 5 % from the first, a further 3 % from the second.
    TwoBlocks,
}

/// Economy gained in the second block of `two-blocks` (a fraction).
pub const SECOND_BLOCK_GAIN: f64 = 0.03;

impl Scenario {
    /// The scenario's name on the command line and in `truth.json`.
    pub fn name(self) -> &'static str {
        match self {
            Scenario::Strength => "strength",
            Scenario::Control => "control",
            Scenario::Highrep => "highrep",
            Scenario::Heat => "heat",
            Scenario::TwoBlocks => "two-blocks",
        }
    }

    /// Asymptotic economy gain (fraction) of the scenario's gym work.
    pub fn economy_gain(self) -> f64 {
        match self {
            Scenario::Strength | Scenario::Heat | Scenario::TwoBlocks => 0.05,
            Scenario::Highrep => 0.01,
            Scenario::Control => 0.0,
        }
    }

    fn gym(self) -> Option<GymKind> {
        match self {
            Scenario::Strength | Scenario::Heat | Scenario::TwoBlocks => Some(GymKind::HeavyA),
            Scenario::Highrep => Some(GymKind::HighRep),
            Scenario::Control => None,
        }
    }
}

/// Kind of run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// Easy aerobic run.
    Easy,
    /// Weekly long run.
    Long,
    /// Quality session: 6 × 3 min fast with 2 min jogs.
    Intervals,
    /// Quality session: 20 min at tempo.
    Tempo,
}

/// Kind of gym session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GymKind {
    /// Heavy squat day with box jumps.
    HeavyA,
    /// Heavy deadlift day with bounds and hops.
    HeavyB,
    /// Light circuit, 15–20 reps.
    HighRep,
}

/// A planned run.
#[derive(Clone, Debug)]
pub struct RunPlan {
    /// Kind of run.
    pub kind: RunKind,
    /// Local start time.
    pub start_local: NaiveDateTime,
    /// Planned duration, minutes.
    pub minutes: f64,
    /// Easy pace of the day, m/s.
    pub easy_speed: f64,
}

/// A planned gym session.
#[derive(Clone, Debug)]
pub struct GymPlan {
    /// Kind of session.
    pub kind: GymKind,
    /// Local start time.
    pub start_local: NaiveDateTime,
    /// Number of gym sessions before this one (drives load progression).
    pub index: u32,
}

/// One day of the season.
#[derive(Clone, Debug)]
pub struct Day {
    /// Local date.
    pub date: NaiveDate,
    /// Mean air temperature, °C.
    pub temperature_c: f64,
    /// Running-economy factor (1 = baseline, lower = cheaper running).
    pub economy: f64,
    /// Heart-rate offset of the day (form, sleep), bpm.
    pub offset_bpm: f64,
    /// Runs of the day.
    pub runs: Vec<RunPlan>,
    /// Gym session of the day, if any.
    pub gym: Option<GymPlan>,
}

/// The whole season.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Scenario simulated.
    pub scenario: Scenario,
    /// Date of the first gym session that took place (`None` without gym work).
    pub block_start: Option<NaiveDate>,
    /// Date of the first session of the second block (`two-blocks` only).
    pub second_start: Option<NaiveDate>,
    /// Every day, in order.
    pub days: Vec<Day>,
}

fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid clock time"))
}

/// Economy factor `days_in` days after the block start (negative: before it).
pub fn economy_factor(scenario: Scenario, days_in: i64) -> f64 {
    if days_in < 0 {
        return 1.0;
    }
    1.0 - scenario.economy_gain() * (1.0 - (-(days_in as f64) / 28.0).exp())
}

/// When the athlete lifts.
#[derive(Clone, Copy, Debug)]
pub struct Lifting {
    /// Week (1-based) of the first gym session.
    pub from_week: u32,
    /// Weeks of lifting; `None`: to the end of the season.
    pub weeks: Option<u32>,
    /// Running economy gained over the weeks before the block (a fraction:
    /// 0.03 is 3 %), linearly from the season's start: a runner building
    /// base while it warms. 0: fitness is stable until the lifting starts.
    pub base_gain: f64,
}

/// The week's running schedule: Tuesday intervals or tempo (alternating
/// weeks), easy runs on Wednesday, Thursday and Saturday, the long run on
/// Sunday, growing over the season (`progress` 0 → 1).
fn run_slot(date: NaiveDate, week_no: i64, progress: f64) -> Option<(RunKind, NaiveDateTime, f64)> {
    match date.weekday().num_days_from_monday() {
        1 if week_no % 2 == 0 => Some((RunKind::Intervals, at(date, 6, 30), 55.0)),
        1 => Some((RunKind::Tempo, at(date, 6, 30), 50.0)),
        2 => Some((RunKind::Easy, at(date, 6, 30), 45.0)),
        3 => Some((RunKind::Easy, at(date, 6, 45), 40.0)),
        5 => Some((RunKind::Easy, at(date, 9, 0), 50.0)),
        6 => Some((RunKind::Long, at(date, 9, 0), 75.0 + 25.0 * progress)),
        _ => None,
    }
}

/// The week's gym schedule: Tuesday evening, and Thursday evening (slipping
/// to Friday about one week in seven) with the B session of a heavy block.
fn gym_slot(kind: GymKind, date: NaiveDate, week_no: i64) -> Option<(GymKind, NaiveDateTime)> {
    let weekday = date.weekday().num_days_from_monday();
    match weekday {
        1 => Some((kind, at(date, 18, 0))),
        3 | 4 => {
            let heavy_b = if kind == GymKind::HeavyA {
                GymKind::HeavyB
            } else {
                kind
            };
            let slips = (week_no * 37 + 11) % 7 == 0;
            ((weekday == 3) != slips).then(|| (heavy_b, at(date, 18, 30)))
        }
        _ => None,
    }
}

/// Build the season: `weeks` weeks from the Monday `start`, gym work as
/// `lifting` says, the day's heart-rate offset from `form`. Economy improves from the first session on and keeps
/// its gain after lifting stops (the seasons are too short for detraining
/// to matter to the tests).
pub fn build(
    scenario: Scenario,
    start: NaiveDate,
    weeks: u32,
    lifting: Lifting,
    heat: &super::heat::HeatModel,
    form: super::form::FormModel,
    rng: &mut ChaCha8Rng,
) -> Plan {
    let n_days = i64::from(weeks) * 7;
    let block_monday = start + Duration::days(7 * i64::from(lifting.from_week.saturating_sub(1)));
    let lift_days = lifting.weeks.map_or(i64::MAX, |w| 7 * i64::from(w));
    // Two blocks: the first `lift_days`, a break as long, the second to the end.
    let second_from = (scenario == Scenario::TwoBlocks).then(|| 2 * lift_days.min(n_days));
    let gym_kind = scenario.gym();
    let block_start = gym_kind.map(|_| block_monday + Duration::days(1));
    let noise = Normal::new(0.0, 1.0).expect("unit normal");
    let mut weather_anomaly = 0.0;
    // Start the form at its stationary spread, so the first weeks are like the rest.
    let mut form_bpm = form.slow_sd_bpm * noise.sample(rng);
    let mut gym_index = 0;
    let mut days = Vec::with_capacity(n_days as usize);
    for d in 0..n_days {
        let date = start + Duration::days(d);
        form_bpm = form.step(form_bpm, noise.sample(rng));
        weather_anomaly = 0.6 * weather_anomaly + heat.weather_step_c * noise.sample(rng);
        let season_c = match scenario {
            _ if heat.warming => 4.0 + 20.0 * d as f64 / n_days as f64,
            Scenario::Heat => 4.0 + 20.0 * d as f64 / n_days as f64,
            _ => 7.0 + 1.5 * (d as f64 / 45.0).sin(),
        };
        let days_in = block_start.map_or(-1, |b| (date - b).num_days());
        let base = match block_start {
            Some(b) if days_in < 0 => {
                1.0 + lifting.base_gain * (-days_in) as f64 / (b - start).num_days().max(1) as f64
            }
            _ => 1.0,
        };
        let second = match second_from {
            Some(f) if days_in >= f => {
                1.0 - SECOND_BLOCK_GAIN * (1.0 - (-((days_in - f) as f64) / 28.0).exp())
            }
            _ => 1.0,
        };
        let economy = economy_factor(scenario, days_in) * base * second;
        let easy_speed = 2.95 + 0.08 * noise.sample(rng);
        let mut runs = Vec::new();
        let week_no = d / 7;
        let skip = rng.gen_bool(0.06);
        let run = run_slot(date, week_no, d as f64 / n_days as f64);
        if let Some((kind, start_local, minutes)) = run.filter(|_| !skip) {
            let spread = if kind == RunKind::Easy {
                7.0 * noise.sample(rng)
            } else {
                0.0
            };
            runs.push(RunPlan {
                kind,
                start_local,
                minutes: (minutes + spread).max(25.0),
                easy_speed,
            });
        }
        let mut gym = None;
        let lifts = (0..lift_days).contains(&days_in) || second_from.is_some_and(|f| days_in >= f);
        if let (Some(kind), true) = (gym_kind, lifts) {
            let slot = gym_slot(kind, date, week_no);
            if let Some((kind, start_local)) = slot.filter(|_| !rng.gen_bool(0.05)) {
                gym = Some(GymPlan {
                    kind,
                    start_local,
                    index: gym_index,
                });
                gym_index += 1;
            }
        }
        days.push(Day {
            date,
            temperature_c: season_c + weather_anomaly,
            economy,
            offset_bpm: form_bpm + form.day_sd_bpm * noise.sample(rng),
            runs,
            gym,
        });
    }
    // The block starts with the first session that took place (a planned one may be skipped).
    let planned = block_start;
    let block_start = block_start.and(days.iter().find(|d| d.gym.is_some()).map(|d| d.date));
    let second_start = (planned.zip(second_from)).and_then(|(b, f)| {
        let from = b + Duration::days(f);
        (days.iter())
            .find(|d| d.gym.is_some() && d.date >= from)
            .map(|d| d.date)
    });
    Plan {
        scenario,
        block_start,
        second_start,
        days,
    }
}

/// Number of stops (traffic lights, a shoelace) on an easy run.
pub fn stops(rng: &mut ChaCha8Rng) -> u32 {
    Poisson::new(0.8).map_or(0, |p: Poisson<f64>| p.sample(rng) as u32)
}

#[cfg(test)]
mod tests;
