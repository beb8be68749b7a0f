//! Simulated gym sessions, written as the gym apps export them: a Strong CSV
//! (the generation with Duration and RPE columns) or a Hevy CSV, in local
//! wall-clock time with no zone.
//!
//! Loads progress: the estimated 1RM of the main lifts rises by about a
//! third over the block (the strength gain the training literature reports),
//! and heavy working sets are prescribed at RPE 7–9.

use super::plan::{GymKind, GymPlan};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::io::Write;

/// Which app's export layout to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GymFormat {
    /// Strong's CSV export.
    Strong,
    /// Hevy's CSV export.
    Hevy,
    /// No app: the watch recorded each session as a FIT strength workout
    /// without sets (time, duration and heart rate only).
    Watch,
}

/// One simulated set.
#[derive(Clone, Debug)]
pub struct SimSet {
    /// Exercise name as the app spells it.
    pub exercise: &'static str,
    /// Warm-up set (Hevy marks these; Strong exports leave them out here).
    pub warmup: bool,
    /// Load, kg.
    pub weight_kg: f64,
    /// Repetitions (0 for timed sets).
    pub reps: u32,
    /// Duration of a timed set, s.
    pub seconds: u32,
    /// Logged RPE.
    pub rpe: Option<f64>,
}

/// A simulated session with its sets.
#[derive(Clone, Debug)]
pub struct SimSession {
    /// The plan it realises.
    pub plan: GymPlan,
    /// Session length, minutes.
    pub minutes: u32,
    /// Sets in order.
    pub sets: Vec<SimSet>,
}

fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() * step
}

/// One exercise as planned: sets × reps (or seconds) at a load and an RPE.
struct Rx {
    exercise: &'static str,
    sets: u32,
    reps: u32,
    seconds: u32,
    weight_kg: f64,
    rpe: Option<f64>,
}

const fn rx(exercise: &'static str, sets: u32, reps: u32, weight_kg: f64, rpe: Option<f64>) -> Rx {
    Rx {
        exercise,
        sets,
        reps,
        seconds: 0,
        weight_kg,
        rpe,
    }
}

/// The exercises of a session kind, loads scaled by the strength `gain`.
fn prescription(kind: GymKind, gain: f64) -> Vec<Rx> {
    let heavy = |one_rm: f64| round_to(one_rm * gain / (1.0 + 6.0 / 30.0), 2.5);
    match kind {
        GymKind::HeavyA => vec![
            rx("Squat (Barbell)", 4, 4, heavy(90.0), Some(8.0)),
            rx("Romanian Deadlift (Barbell)", 3, 5, heavy(85.0), Some(7.5)),
            rx(
                "Bulgarian Split Squat (Dumbbell)",
                3,
                6,
                round_to(16.0 * gain, 2.0),
                Some(8.0),
            ),
            rx("Box Jump", 3, 5, 0.0, None),
            rx(
                "Standing Calf Raise (Machine)",
                3,
                10,
                round_to(60.0 * gain, 5.0),
                Some(7.0),
            ),
        ],
        GymKind::HeavyB => vec![
            rx("Deadlift (Barbell)", 4, 4, heavy(110.0), Some(8.0)),
            rx(
                "Step-up (Dumbbell)",
                3,
                6,
                round_to(14.0 * gain, 2.0),
                Some(7.5),
            ),
            rx("Bounding", 3, 6, 0.0, None),
            rx("Pogo Jumps", 3, 20, 0.0, None),
            Rx {
                seconds: 60,
                ..rx("Plank", 3, 0, 0.0, None)
            },
        ],
        GymKind::HighRep => vec![
            rx("Goblet Squat (Kettlebell)", 3, 15, 16.0, Some(6.0)),
            rx("Lunge (Dumbbell)", 3, 20, 8.0, Some(6.0)),
            rx("Glute Bridge", 3, 20, 0.0, Some(5.0)),
            rx("Calf Raise", 3, 20, 0.0, Some(5.0)),
        ],
    }
}

/// Sets of one planned session.
pub fn session(plan: &GymPlan, rng: &mut ChaCha8Rng) -> SimSession {
    // Strength rises ~30 % with a time constant of 14 sessions (7 weeks).
    let gain = 1.0 + 0.30 * (1.0 - (-f64::from(plan.index) / 14.0).exp());
    let mut sets = Vec::new();
    if plan.kind == GymKind::HeavyA {
        for (pct, reps) in [(0.4, 5), (0.6, 3)] {
            sets.push(SimSet {
                exercise: "Squat (Barbell)",
                warmup: true,
                weight_kg: round_to(90.0 * gain * pct, 2.5),
                reps,
                seconds: 0,
                rpe: None,
            });
        }
    }
    for x in prescription(plan.kind, gain) {
        for _ in 0..x.sets {
            // Logged RPE scatters by a point around the plan's.
            let rpe = x.rpe.map(|r: f64| {
                (r + rng.gen_range(-0.5f64..0.5) * 2.0)
                    .round()
                    .clamp(5.0, 10.0)
            });
            sets.push(SimSet {
                exercise: x.exercise,
                warmup: false,
                weight_kg: x.weight_kg,
                reps: x.reps,
                seconds: x.seconds,
                rpe,
            });
        }
    }
    SimSession {
        plan: plan.clone(),
        minutes: rng.gen_range(45..65),
        sets,
    }
}

fn fmt_weight(w: f64) -> String {
    format!("{w:.1}")
}

/// Strong's layout: warm-ups left out, set order per exercise from 1.
fn write_strong<W: Write>(w: &mut csv::Writer<W>, sessions: &[SimSession]) -> csv::Result<()> {
    w.write_record([
        "Date",
        "Workout Name",
        "Duration",
        "Exercise Name",
        "Set Order",
        "Weight",
        "Reps",
        "Distance",
        "Seconds",
        "Notes",
        "Workout Notes",
        "RPE",
    ])?;
    for s in sessions {
        let date = s.plan.start_local.format("%Y-%m-%d %H:%M:%S").to_string();
        let name = workout_name(s.plan.kind);
        let mut order = 0;
        let mut last = "";
        for set in s.sets.iter().filter(|set| !set.warmup) {
            order = if set.exercise == last { order + 1 } else { 1 };
            last = set.exercise;
            w.write_record([
                date.as_str(),
                name,
                &format!("{}m", s.minutes),
                set.exercise,
                &order.to_string(),
                &fmt_weight(set.weight_kg),
                &set.reps.to_string(),
                "0",
                &set.seconds.to_string(),
                "",
                "",
                &set.rpe.map(|r| r.to_string()).unwrap_or_default(),
            ])?;
        }
    }
    Ok(())
}

/// Hevy's layout: warm-ups marked, set index per exercise from 0.
fn write_hevy<W: Write>(w: &mut csv::Writer<W>, sessions: &[SimSession]) -> csv::Result<()> {
    w.write_record([
        "title",
        "start_time",
        "end_time",
        "description",
        "exercise_title",
        "superset_id",
        "exercise_notes",
        "set_index",
        "set_type",
        "weight_kg",
        "reps",
        "distance_km",
        "duration_seconds",
        "rpe",
    ])?;
    for s in sessions {
        let start = s.plan.start_local.format("%-d %b %Y, %H:%M").to_string();
        let end_t = s.plan.start_local + chrono::Duration::minutes(i64::from(s.minutes));
        let end = end_t.format("%-d %b %Y, %H:%M").to_string();
        let mut index = 0;
        let mut last = "";
        for set in &s.sets {
            index = if set.exercise == last { index + 1 } else { 0 };
            last = set.exercise;
            w.write_record([
                workout_name(s.plan.kind),
                &start,
                &end,
                "",
                set.exercise,
                "",
                "",
                &index.to_string(),
                if set.warmup { "warmup" } else { "normal" },
                &if set.weight_kg > 0.0 {
                    fmt_weight(set.weight_kg)
                } else {
                    String::new()
                },
                &if set.reps > 0 {
                    set.reps.to_string()
                } else {
                    String::new()
                },
                "",
                &if set.seconds > 0 {
                    set.seconds.to_string()
                } else {
                    String::new()
                },
                &set.rpe.map(|r| r.to_string()).unwrap_or_default(),
            ])?;
        }
    }
    Ok(())
}

/// Write `sessions` in the chosen app's CSV layout.
pub fn write_csv<W: Write>(format: GymFormat, sessions: &[SimSession], out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    match format {
        GymFormat::Strong => write_strong(&mut w, sessions)?,
        GymFormat::Hevy => write_hevy(&mut w, sessions)?,
        // Watch recordings are FIT files, written by `simulate::simulate`.
        GymFormat::Watch => {}
    }
    w.flush()?;
    Ok(())
}

fn workout_name(kind: GymKind) -> &'static str {
    match kind {
        GymKind::HeavyA => "Legs A (heavy + box jumps)",
        GymKind::HeavyB => "Legs B (deadlift + bounds)",
        GymKind::HighRep => "Runner circuit",
    }
}
