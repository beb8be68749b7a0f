//! `runlift simulate`: a simulated season written as real export files
//! with its ground truth.

use crate::error::{Error, Result};
use crate::simulate::heat::HeatChoice;
use crate::simulate::{FormChoice, GymFormat, Recording, Scenario, SimOptions};
use chrono::NaiveDate;
use clap::Args;
use std::path::{Path, PathBuf};

/// Options of `runlift simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The season's storyline.
    #[arg(long, value_enum, default_value_t = Scenario::Strength)]
    pub scenario: Scenario,
    /// Season length in weeks.
    #[arg(long, default_value_t = 20)]
    pub weeks: u32,
    /// Random seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Gym sessions as a Strong or Hevy log, or as the watch records them
    /// without an app (FIT strength workouts without sets).
    #[arg(long, value_enum, default_value_t = GymFormat::Strong)]
    pub gym: GymFormat,
    /// First day of the season (its Monday is used).
    #[arg(long, value_name = "YYYY-MM-DD", default_value = "2026-01-05")]
    pub start: String,
    /// Week (1-based) of the first gym session (default: a third into the
    /// season; with two-blocks, a fifth).
    #[arg(long, value_name = "N")]
    pub block_week: Option<u32>,
    /// How the watch records: a record every 1–8 s when something changes
    /// (smart, as most watches do by default) or every second.
    #[arg(long, value_enum, default_value_t = Recording::Smart)]
    pub recording: Recording,
    /// Weeks of lifting from the block start (default: to the end of the
    /// season; with two-blocks, the first block's length: a quarter of it).
    #[arg(long, value_name = "N")]
    pub lift_weeks: Option<u32>,
    /// Also write Garmin Connect's Activities.csv (local times, no zone), so
    /// that every run is in the folder twice, as in a Garmin account export.
    #[arg(long)]
    pub activities_csv: bool,
    /// The heat model: fixed (0.8 bpm per °C above 10 °C), or drawn per seed
    /// from the ranges runners meet, in a season warming from 4 to 24 °C.
    #[arg(long, value_enum, default_value_t = HeatChoice::Fixed)]
    pub heat_model: HeatChoice,
    /// Also write rides (1–5 h, a record every second), pool swims and a
    /// monthly 4–8 h hike as FIT files under other/, as real exports hold.
    #[arg(long)]
    pub other_sports: bool,
    /// Running economy gained over the weeks before the lifting block,
    /// percent (a runner building base while it warms; 0: stable until the
    /// lifting starts). Seasons without lifting are unchanged.
    #[arg(long, value_name = "PCT", default_value_t = 0.0)]
    pub base_gain: f64,
    /// How the runner's form wanders from day to day: steady (small, so
    /// that small biases show) or real (as measured on real seasons).
    #[arg(long, value_enum, default_value_t = FormChoice::Steady)]
    pub form: FormChoice,
    /// Added to the runner's cadence, steps/min: -32 puts it on the easy
    /// heart rate (about 138), a runner whose heart rate sits near their
    /// cadence.
    #[arg(
        long,
        value_name = "SPM",
        default_value_t = 0.0,
        allow_hyphen_values = true
    )]
    pub cadence_offset: f64,
    /// City routes: a traffic light every 3 minutes on average (8–60 s
    /// waits, auto-paused) and easy runs of 20–35 minutes.
    #[arg(long)]
    pub city: bool,
}

/// `runlift simulate`: write a simulated season.
pub fn command(a: SimulateArgs) -> Result<u8> {
    let opts = SimOptions {
        scenario: a.scenario,
        weeks: a.weeks,
        seed: a.seed,
        out: a.out.clone(),
        gym: a.gym,
        start: NaiveDate::parse_from_str(&a.start, "%Y-%m-%d")
            .map_err(|_| Error::Config(format!("'{}' is not a date YYYY-MM-DD", a.start)))?,
        block_week: a.block_week,
        recording: a.recording,
        lift_weeks: a.lift_weeks,
        activities_csv: a.activities_csv,
        heat: a.heat_model,
        other_sports: a.other_sports,
        base_gain_pct: a.base_gain,
        form: a.form,
        cadence_offset_spm: a.cadence_offset,
        city: a.city,
    };
    let s = crate::simulate::simulate(&opts)?;
    let other = match s.other {
        0 => String::new(),
        n => format!(", {n} other activities"),
    };
    say!(
        "simulated {} weeks ({}): {} runs, {} gym sessions{other} in {}; truth in {}",
        a.weeks,
        a.scenario.name(),
        s.runs,
        s.gym_sessions,
        a.out.display(),
        s.truth_path.display()
    )?;
    Ok(0)
}
