//! `runlift simulate`: a simulated athlete written as real export files with
//! a known ground truth.
//!
//! The physiology is in [`model`], the season (weather, form, schedule,
//! economy) in [`plan`], one run second by second in [`run`], the FIT
//! encoding in [`fitrun`] (with [`crate::fit::write`]), the gym log in [`gym`].
//!
//! Output folder:
//! * `runs/<date>_<time>_<kind>.fit` — one FIT activity file per run,
//!   recorded as [`record`] says (smart recording by default, auto-pause);
//! * `gym/strong.csv` or `gym/hevy.csv` — the gym log (if the scenario lifts);
//! * `other/<date>_<time>_<ride|swim|hike>.fit` — other sports (with `--other-sports`);
//! * `Activities.csv` — Garmin Connect's activity list (with `--activities-csv`);
//! * `runlift.toml` — the athlete's settings, as a runner would write them;
//! * `truth.json` — the noise-free answer, under the same key paths as the
//!   report's `summary.json`.
//!
//! The same options and seed give the same bytes: all randomness comes from
//! one ChaCha8 stream, and each run gets its own seed drawn from it in order.

pub mod activities_csv;
pub mod dynamics;
pub mod fitrun;
pub mod form;
pub mod gym;
pub mod gymfit;
pub mod heat;
pub mod model;
pub mod other;
pub mod plan;
pub mod record;
pub mod run;
mod truth;

use crate::error::{Error, Result};
use crate::output::write_atomic;
use chrono::{Datelike, Duration, NaiveDate, TimeZone};
use chrono_tz::Tz;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::path::PathBuf;

pub use form::FormChoice;
pub use gym::GymFormat;
pub use plan::Scenario;
pub use record::Recording;

/// Options of `runlift simulate`.
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// Storyline of the season.
    pub scenario: Scenario,
    /// Season length, weeks.
    pub weeks: u32,
    /// Random seed.
    pub seed: u64,
    /// Output folder.
    pub out: PathBuf,
    /// Gym-log layout.
    pub gym: GymFormat,
    /// First day (moved back to its Monday).
    pub start: NaiveDate,
    /// Week (1-based) of the first gym session; default a third into the season.
    pub block_week: Option<u32>,
    /// How the watch records (smart recording or every second).
    pub recording: Recording,
    /// Weeks of lifting from the block start; `None`: to the end of the season.
    pub lift_weeks: Option<u32>,
    /// Also write Garmin Connect's `Activities.csv` listing every run.
    pub activities_csv: bool,
    /// The heat model: fixed, or drawn per seed in a warming season.
    pub heat: heat::HeatChoice,
    /// Also write rides, swims and hikes under `other/` (see [`other`]).
    pub other_sports: bool,
    /// Running economy gained before the lifting block, percent (see
    /// [`plan::Lifting::base_gain`]).
    pub base_gain_pct: f64,
    /// How the runner's form wanders (see [`form`]).
    pub form: form::FormChoice,
    /// Added to the runner's cadence, steps/min (see
    /// [`model::Athlete::cadence_offset_spm`]).
    pub cadence_offset_spm: f64,
    /// City routes: frequent short stops and easy runs of 20–35 min (see
    /// [`model::Athlete::city`]).
    pub city: bool,
}

/// Settings of the simulated athlete that the report needs.
pub const TIMEZONE: &str = "Europe/Copenhagen";
/// Reference heart rate written to the simulated `runlift.toml`, bpm.
pub const REFERENCE_HR: f64 = 145.0;
/// Reference pace written to the simulated `runlift.toml`, s/km.
pub const REFERENCE_PACE_S_PER_KM: f64 = 330.0;

/// What a simulation wrote.
#[derive(Debug)]
pub struct SimSummary {
    /// Number of FIT run files.
    pub runs: usize,
    /// Number of gym sessions.
    pub gym_sessions: usize,
    /// Number of other activities (rides, swims, hikes).
    pub other: usize,
    /// The truth file.
    pub truth_path: PathBuf,
}

/// Each gym session as the watch records it without a gym app: a FIT
/// strength workout with its time, duration and heart rate but no sets.
fn write_watch_sessions(
    out: &std::path::Path,
    sessions: &[gym::SimSession],
    tz: &Tz,
) -> Result<()> {
    for s in sessions {
        let local = s.plan.start_local;
        let utc = tz
            .from_local_datetime(&local)
            .earliest()
            .expect("gym sessions avoid the DST gap");
        let start = utc.timestamp() - crate::fit::FIT_EPOCH_OFFSET;
        let bytes = gymfit::strength_fit(start, 60 * i64::from(s.minutes), 118, &[]);
        let name = format!("gym/{}_strength.fit", local.format("%Y-%m-%d_%H%M"));
        write_atomic(&out.join(name), &bytes)?;
    }
    Ok(())
}

/// Simulate every planned run (in parallel, each from its own seed) and
/// write its FIT file, plus `Activities.csv` when asked.
fn write_runs(
    opts: &SimOptions,
    season: &plan::Plan,
    athlete: &model::Athlete,
    tz: &Tz,
    rng: &mut ChaCha8Rng,
) -> Result<Vec<RunFile>> {
    let jobs: Vec<(&plan::Day, &plan::RunPlan, u64)> = season
        .days
        .iter()
        .flat_map(|d| d.runs.iter().map(move |r| (d, r)))
        .map(|(d, r)| (d, r, rng.r#gen::<u64>()))
        .collect();
    let files: Vec<RunFile> = jobs
        .par_iter()
        .map(|&(day, run_plan, seed)| {
            let mut run_rng = ChaCha8Rng::seed_from_u64(seed);
            let city_plan;
            let run_plan = if athlete.city && run_plan.kind == plan::RunKind::Easy {
                city_plan = plan::RunPlan {
                    minutes: run::city_minutes(&mut run_rng),
                    ..run_plan.clone()
                };
                &city_plan
            } else {
                run_plan
            };
            let trace = run::simulate(athlete, day, run_plan, &mut run_rng);
            let kept = record::record(&trace, opts.recording, &mut run_rng);
            let local = tz
                .from_local_datetime(&run_plan.start_local)
                .earliest()
                .expect("planned runs avoid the DST gap");
            let offset_s = (run_plan.start_local - local.naive_utc()).num_seconds();
            let name = format!(
                "runs/{}_{}.fit",
                run_plan.start_local.format("%Y-%m-%d_%H%M"),
                format!("{:?}", run_plan.kind).to_lowercase()
            );
            let hr = fitrun::StatedHr {
                rest: athlete.hr_rest,
                max: athlete.hr_max,
            };
            let bytes = fitrun::encode(&trace, &kept, hr, local.timestamp(), offset_s);
            let (elapsed_s, moving_s, distance_m, avg_hr) = fitrun::totals(&trace, &kept);
            let row = activities_csv::Row {
                start_local: run_plan.start_local,
                distance_m,
                moving_s,
                elapsed_s,
                avg_hr,
            };
            (name, bytes, row, trace.cadence_lock_s)
        })
        .collect();
    for (name, bytes, _, _) in &files {
        write_atomic(&opts.out.join(name), bytes)?;
    }
    if opts.activities_csv {
        let rows: Vec<activities_csv::Row> = files.iter().map(|f| f.2.clone()).collect();
        let mut buf = Vec::new();
        activities_csv::write(&rows, &mut buf)
            .map_err(|e| Error::Output(format!("Activities.csv: {e}")))?;
        write_atomic(&opts.out.join("Activities.csv"), &buf)?;
    }

    Ok(files)
}

/// One written run: its file name, bytes, Activities.csv row and the
/// seconds its heart rate was locked to the cadence.
type RunFile = (String, Vec<u8>, activities_csv::Row, f64);

/// Draw the gym sessions and write them as the chosen app's log (or as the
/// watch's FIT files).
fn write_gym(
    opts: &SimOptions,
    season: &plan::Plan,
    tz: &Tz,
    rng: &mut ChaCha8Rng,
) -> Result<Vec<gym::SimSession>> {
    let sessions: Vec<gym::SimSession> = season
        .days
        .iter()
        .filter_map(|d| d.gym.as_ref())
        .map(|g| gym::session(g, rng))
        .collect();
    match opts.gym {
        _ if sessions.is_empty() => {}
        GymFormat::Watch => write_watch_sessions(&opts.out, &sessions, tz)?,
        app => {
            let mut buf = Vec::new();
            gym::write_csv(app, &sessions, &mut buf)
                .map_err(|e| Error::Output(format!("gym log: {e}")))?;
            let name = if app == GymFormat::Hevy {
                "gym/hevy.csv"
            } else {
                "gym/strong.csv"
            };
            write_atomic(&opts.out.join(name), &buf)?;
        }
    }

    Ok(sessions)
}

/// Simulate a season and write its files under `opts.out`.
pub fn simulate(opts: &SimOptions) -> Result<SimSummary> {
    if opts.weeks < 4 {
        return Err(Error::Config("a season needs at least 4 weeks".into()));
    }
    let tz: Tz = TIMEZONE.parse().expect("valid built-in zone");
    let monday =
        opts.start - Duration::days(i64::from(opts.start.weekday().num_days_from_monday()));
    // Two blocks need room: the first starts a fifth in and lasts a quarter of the season.
    let two = opts.scenario == Scenario::TwoBlocks;
    let block_week = opts
        .block_week
        .unwrap_or(if two {
            opts.weeks / 5 + 1
        } else {
            opts.weeks / 3 + 1
        })
        .clamp(1, opts.weeks);
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let lifting = plan::Lifting {
        from_week: block_week,
        weeks: opts.lift_weeks.or(two.then_some(opts.weeks / 4)),
        base_gain: opts.base_gain_pct / 100.0,
    };
    let heat = heat::HeatModel::new(opts.heat, opts.seed);
    let form = form::FormModel::of(opts.form);
    let season = plan::build(
        opts.scenario,
        monday,
        opts.weeks,
        lifting,
        &heat,
        form,
        &mut rng,
    );
    let athlete = model::Athlete {
        heat,
        cadence_offset_spm: opts.cadence_offset_spm,
        city: opts.city,
        ..Default::default()
    };

    let files = write_runs(opts, &season, &athlete, &tz, &mut rng)?;
    let sessions = write_gym(opts, &season, &tz, &mut rng)?;
    let other = if opts.other_sports {
        other::write(&opts.out, &season.days, &athlete, &tz, opts.seed)?
    } else {
        0
    };

    write_atomic(
        &opts.out.join("runlift.toml"),
        truth::config_toml(&athlete).as_bytes(),
    )?;
    let mut truth = truth::truth(opts, &season, &athlete);
    // Seconds of cadence lock per run file, for the lock detector's tests.
    let locks: serde_json::Map<String, serde_json::Value> = (files.iter())
        .filter(|f| f.3 > 0.0)
        .map(|f| (f.0.clone(), serde_json::json!(f.3)))
        .collect();
    truth["cadence_lock_s"] = serde_json::Value::Object(locks);
    truth["strength_load"] = truth::strength_load(&sessions);
    let truth_path = opts.out.join("truth.json");
    write_atomic(
        &truth_path,
        (serde_json::to_string_pretty(&truth)? + "\n").as_bytes(),
    )?;
    Ok(SimSummary {
        runs: files.len(),
        gym_sessions: sessions.len(),
        other,
        truth_path,
    })
}
