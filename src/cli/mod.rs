//! Command-line interface: clap structs, turned into validated settings once
//! and handed to the library. Nothing past this module sees clap.

use crate::analysis::periods::Period;
use crate::config::{self, Overrides, Settings, Units};
use crate::error::{Error, Result};
use crate::ingest::{self, ReadContext, Status};
use crate::output::write_atomic;
use crate::pipeline::{self, IngestOptions};
use crate::{inspect, report};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

/// `println!` that returns an error instead of panicking when stdout's
/// reader has gone (`runlift inspect --json f.fit | head`); `main` then
/// exits quietly, as ripgrep does.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
            .map_err(|e| Error::io(Path::new("<stdout>"), e))
    }};
}

/// `print!` with the error of [`say!`].
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
            .map_err(|e| Error::io(Path::new("<stdout>"), e))
    }};
}

mod roster;
mod simulate;

/// runlift: does the same pace cost less effort since you started lifting?
#[derive(Debug, Parser)]
#[command(name = "runlift", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the exports under the data folders and write this week's report.
    Report(ReportArgs),
    /// Write a simulated season as real export files with a known truth.
    Simulate(simulate::SimulateArgs),
    /// Read exports into the store (the first stage of `report`) and log what each file gave.
    Ingest(IngestArgs),
    /// Show what one file decodes to, or why it cannot be read.
    Inspect(InspectArgs),
    /// Build every athlete's report of a coach's roster and one overview of them.
    Roster(roster::RosterArgs),
}

/// Options shared by the commands that read a whole set of exports.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Store of decoded tables (default: `<out>/.store`, or `[ingest] store` in the config).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Forget the store and read every file again.
    #[arg(long)]
    pub rebuild: bool,
    /// Start time for gym sessions logged by date only (FitNotes), HH:MM (default 18:00).
    #[arg(long, value_name = "HH:MM")]
    pub gym_default_time: Option<String>,
    /// Files decoded at once (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
}

impl StoreArgs {
    /// Size the decoding thread pool; once per process.
    fn apply_jobs(&self) -> Result<()> {
        if let Some(n) = self.jobs {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n.get())
                .build_global()
                .map_err(|e| Error::Config(format!("--jobs {n}: {e}")))?;
        }
        Ok(())
    }
}

/// Options of `runlift ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Export files or folders (searched recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Report folder whose `.store` is used unless `--store` says otherwise.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,
    /// Athlete profile (default: ./runlift.toml, else in the first folder given).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Time zone of wall-clock gym logs (IANA name; default from the config, else UTC).
    #[arg(long, value_name = "IANA")]
    pub timezone: Option<String>,
    /// Store options.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Options of `runlift report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder of exports, searched recursively (repeatable).
    #[arg(long = "data", value_name = "DIR", default_value = "data")]
    pub data: Vec<PathBuf>,
    /// Folder the report goes into (as `<ISO week>/`, plus `latest`).
    #[arg(long, value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,
    /// Athlete profile (default: ./runlift.toml, else in the first data folder).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Reference heart rate for "speed at the reference heart rate", bpm.
    #[arg(long, value_name = "BPM")]
    pub reference_hr: Option<f64>,
    /// Reference pace for "heart rate at the reference pace", MM:SS per km.
    #[arg(long, value_name = "MM:SS")]
    pub reference_pace: Option<String>,
    /// Resting heart rate, bpm.
    #[arg(long, value_name = "BPM")]
    pub hr_rest: Option<f64>,
    /// Maximum heart rate, bpm.
    #[arg(long, value_name = "BPM")]
    pub hr_max: Option<f64>,
    /// Time zone of wall-clock gym logs (IANA name; default from the config, else UTC).
    #[arg(long, value_name = "IANA")]
    pub timezone: Option<String>,
    /// Baseline period, inclusive local dates.
    #[arg(long, value_name = "FROM..TO")]
    pub baseline: Option<String>,
    /// Recent period, inclusive local dates.
    #[arg(long, value_name = "FROM..TO")]
    pub recent: Option<String>,
    /// Do not adjust for temperature (by default runlift estimates the heat effect from your runs).
    #[arg(long)]
    pub no_temperature_adjustment: bool,
    /// Build the report as of the end of this ISO week (e.g. 2026-W20); later data are ignored.
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// Units of charts and report text: metric (min/km, kg) or imperial (min/mile, lb).
    #[arg(long, value_enum, default_value_t = Units::Metric)]
    pub units: Units,
    /// Render the report even when it was already built from the same inputs and settings.
    #[arg(long)]
    pub force: bool,
    /// Store options.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Options of `runlift inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The file to read.
    pub file: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Time zone for wall-clock times in the file (IANA; default UTC).
    #[arg(long, value_name = "IANA", default_value = "UTC")]
    pub timezone: String,
}

fn period(s: &Option<String>) -> Result<Option<Period>> {
    s.as_deref().map(str::parse).transpose()
}

/// Run a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Report(a) => report_command(a),
        Command::Ingest(a) => ingest_command(a),
        Command::Simulate(a) => simulate::command(a),
        Command::Inspect(a) => inspect_command(a),
        Command::Roster(a) => roster::command(a),
    }
}

/// `runlift report`: ingest, analyse, render, and say where the report is.
fn report_command(a: ReportArgs) -> Result<u8> {
    let overrides = Overrides {
        hr_rest: a.hr_rest,
        hr_max: a.hr_max,
        timezone: a.timezone.clone(),
        reference_hr: a.reference_hr,
        reference_pace: a.reference_pace.clone(),
        baseline: period(&a.baseline)?,
        recent: period(&a.recent)?,
        no_temperature_adjustment: a.no_temperature_adjustment,
        units: a.units,
        week: a.week.clone(),
        store: a.store.store.clone(),
        gym_default_time: a.store.gym_default_time.clone(),
    };
    let settings = config::load(config::locate(a.config.as_deref(), &a.data), overrides)?;
    a.store.apply_jobs()?;
    let opts = report::RunOptions {
        rebuild: a.store.rebuild,
        progress: true,
        force: a.force,
    };
    let written = report::run(&a.data, &a.out, &settings, &opts)?;
    for note in &written.notes {
        say!("{note}")?;
    }
    say!("{}", written.summary_line())?;
    say!(
        "{} files decoded, {} unchanged from the store",
        written.decoded,
        written.reused
    )?;
    if written.up_to_date {
        say!(
            "report up to date: {} (same inputs and settings; --force renders it again)",
            written.folder.display()
        )?;
        return Ok(0);
    }
    say!("report: {}", written.folder.display())?;
    Ok(0)
}

/// `runlift ingest`: bring the store up to date and write its log.
fn ingest_command(a: IngestArgs) -> Result<u8> {
    let overrides = Overrides {
        timezone: a.timezone.clone(),
        store: a.store.store.clone(),
        gym_default_time: a.store.gym_default_time.clone(),
        ..Default::default()
    };
    let settings = config::load(config::locate(a.config.as_deref(), &a.paths), overrides)?;
    a.store.apply_jobs()?;
    ingest_only(&a.paths, &a.out, &settings, a.store.rebuild)
}

/// `runlift inspect`: what one file decodes to; exit 0 ok, 1 failed, 3 skipped.
fn inspect_command(a: InspectArgs) -> Result<u8> {
    let timezone = a
        .timezone
        .parse()
        .map_err(|_| Error::Config(format!("unknown time zone '{}'", a.timezone)))?;
    let ctx = ReadContext {
        timezone,
        ..Default::default()
    };
    let outcome = ingest::read_path(&a.file, &ctx);
    if a.json {
        say!(
            "{}",
            serde_json::to_string_pretty(&inspect::to_json(&outcome))?
        )?;
    } else {
        say_raw!("{}", inspect::to_text(&outcome))?;
    }
    Ok(match inspect::status(&outcome) {
        Status::Ok => 0,
        Status::Failed => 1,
        Status::Skipped | Status::Duplicate => 3,
    })
}

/// `runlift ingest`: the ingest stage alone; the log goes to `<store>/ingest.csv`.
fn ingest_only(paths: &[PathBuf], out: &Path, settings: &Settings, rebuild: bool) -> Result<u8> {
    let opts = IngestOptions {
        store: report::store_dir(out, settings),
        rebuild,
        progress: true,
        exclude: vec![out.to_path_buf()],
    };
    let ing = pipeline::ingest(paths, &settings.read_context(), &opts)?;
    let log_path = opts.store.join("ingest.csv");
    write_atomic(&log_path, &report::ingest_log_csv(&ing.tables.ingest_log)?)?;
    for note in &ing.notes {
        say!("{note}")?;
    }
    say!("{} (see {})", ing.counts.line(), log_path.display())?;
    say!(
        "{} activities, {} samples, {} strength sets; {} files decoded, {} unchanged from the store {}",
        ing.tables.activities.height(),
        ing.tables.samples.rows(),
        ing.tables.strength_sets.height(),
        ing.decoded,
        ing.reused,
        opts.store.display()
    )?;
    Ok(0)
}
