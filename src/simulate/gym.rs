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

/// Sets of one planned session.
pub fn session(plan: &GymPlan, rng: &mut ChaCha8Rng) -> SimSession {
    // Strength rises ~30 % with a time constant of 14 sessions (7 weeks).
    let gain = 1.0 + 0.30 * (1.0 - (-f64::from(plan.index) / 14.0).exp());
    let mut sets = Vec::new();
    let add = |sets: &mut Vec<SimSet>,
               exercise,
               n: u32,
               reps: u32,
               weight: f64,
               rpe: Option<f64>,
               rng: &mut ChaCha8Rng| {
        for _ in 0..n {
            let rpe = rpe.map(|r: f64| {
                (r + rng.gen_range(-0.5f64..0.5) * 2.0)
                    .round()
                    .clamp(5.0, 10.0)
            });
            sets.push(SimSet {
                exercise,
                warmup: false,
                weight_kg: weight,
                reps,
                seconds: 0,
                rpe,
            });
        }
    };
    let heavy = |one_rm: f64| round_to(one_rm * gain / (1.0 + 6.0 / 30.0), 2.5);
    match plan.kind {
        GymKind::HeavyA => {
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
            add(
                &mut sets,
                "Squat (Barbell)",
                4,
                4,
                heavy(90.0),
                Some(8.0),
                rng,
            );
            add(
                &mut sets,
                "Romanian Deadlift (Barbell)",
                3,
                5,
                heavy(85.0),
                Some(7.5),
                rng,
            );
            add(
                &mut sets,
                "Bulgarian Split Squat (Dumbbell)",
                3,
                6,
                round_to(16.0 * gain, 2.0),
                Some(8.0),
                rng,
            );
            add(&mut sets, "Box Jump", 3, 5, 0.0, None, rng);
            add(
                &mut sets,
                "Standing Calf Raise (Machine)",
                3,
                10,
                round_to(60.0 * gain, 5.0),
                Some(7.0),
                rng,
            );
        }
        GymKind::HeavyB => {
            add(
                &mut sets,
                "Deadlift (Barbell)",
                4,
                4,
                heavy(110.0),
                Some(8.0),
                rng,
            );
            add(
                &mut sets,
                "Step-up (Dumbbell)",
                3,
                6,
                round_to(14.0 * gain, 2.0),
                Some(7.5),
                rng,
            );
            add(&mut sets, "Bounding", 3, 6, 0.0, None, rng);
            add(&mut sets, "Pogo Jumps", 3, 20, 0.0, None, rng);
            sets.extend((0..3).map(|_| SimSet {
                exercise: "Plank",
                warmup: false,
                weight_kg: 0.0,
                reps: 0,
                seconds: 60,
                rpe: None,
            }));
        }
        GymKind::HighRep => {
            add(
                &mut sets,
                "Goblet Squat (Kettlebell)",
                3,
                15,
                16.0,
                Some(6.0),
                rng,
            );
            add(&mut sets, "Lunge (Dumbbell)", 3, 20, 8.0, Some(6.0), rng);
            add(&mut sets, "Glute Bridge", 3, 20, 0.0, Some(5.0), rng);
            add(&mut sets, "Calf Raise", 3, 20, 0.0, Some(5.0), rng);
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

/// Write `sessions` in the chosen app's CSV layout.
pub fn write_csv<W: Write>(format: GymFormat, sessions: &[SimSession], out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    match format {
        GymFormat::Strong => {
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
        }
        GymFormat::Hevy => {
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
        }
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
