//! Helpers shared by the integration tests.

use runlift::simulate::{FormChoice, GymFormat, Recording, Scenario, SimOptions, simulate};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Simulate a season into `dir` (smart recording, as most watches).
pub fn sim(dir: &Path, scenario: Scenario, weeks: u32, seed: u64, start: &str) {
    sim_recorded(dir, scenario, weeks, seed, start, Recording::Smart);
}

/// Simulate a season into `dir`, recorded as `recording` says.
pub fn sim_recorded(
    dir: &Path,
    scenario: Scenario,
    weeks: u32,
    seed: u64,
    start: &str,
    recording: Recording,
) {
    let opts = SimOptions {
        recording,
        ..sim_options(dir, scenario, weeks, seed, start)
    };
    simulate(&opts).unwrap();
}

/// The options of a plain simulated season into `dir` (steady form, smart
/// recording, a Strong log), for a test to change what it is about.
pub fn sim_options(
    dir: &Path,
    scenario: Scenario,
    weeks: u32,
    seed: u64,
    start: &str,
) -> SimOptions {
    SimOptions {
        scenario,
        weeks,
        seed,
        out: dir.to_path_buf(),
        gym: GymFormat::Strong,
        start: start.parse().unwrap(),
        block_week: None,
        recording: Recording::Smart,
        lift_weeks: None,
        activities_csv: false,
        heat: Default::default(),
        other_sports: false,
        base_gain_pct: 0.0,
        form: FormChoice::Steady,
        cadence_offset_spm: 0.0,
        city: false,
    }
}

/// Run the `runlift` binary with `args` in `cwd`.
pub fn runlift(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("runlift runs")
}

/// Run the `runlift` binary and insist it succeeds; returns its stdout.
pub fn run_ok(cwd: &Path, args: &[&str]) -> String {
    let o = runlift(cwd, args);
    assert!(
        o.status.success(),
        "runlift {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// Read a JSON file.
pub fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Run `runlift report` on `data` into `out`; returns summary.json.
pub fn report(cwd: &Path, data: &Path, out: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "report",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run_ok(cwd, &args);
    json(&out.join("latest/summary.json"))
}

/// The first file under `dir` (relative, in sorted order) whose path ends with `suffix`.
pub fn first_file(dir: &Path, suffix: &str) -> PathBuf {
    files(dir)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} under {}", dir.display()))
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Simulate a season and run ingest and analysis in-process (no report);
/// returns the analysis and `truth.json`.
pub fn analyse_season(
    scenario: Scenario,
    weeks: u32,
    seed: u64,
    adjust_temperature: bool,
    recording: Recording,
) -> (runlift::analysis::Analysis, Value) {
    let dir = tempfile::tempdir().unwrap();
    sim_recorded(dir.path(), scenario, weeks, seed, "2026-01-05", recording);
    let analysis = analyse_dir(dir.path(), adjust_temperature);
    (analysis, json(&dir.path().join("truth.json")))
}

/// As [`analyse_season`] with the temperature adjustment on and the
/// runner's form as `form` says.
pub fn analyse_form(
    scenario: Scenario,
    weeks: u32,
    seed: u64,
    recording: Recording,
    form: FormChoice,
) -> (runlift::analysis::Analysis, Value) {
    let dir = tempfile::tempdir().unwrap();
    let opts = SimOptions {
        recording,
        form,
        ..sim_options(dir.path(), scenario, weeks, seed, "2026-01-05")
    };
    simulate(&opts).unwrap();
    let analysis = analyse_dir(dir.path(), true);
    (analysis, json(&dir.path().join("truth.json")))
}

/// Ingest and analyse a simulated folder with its own `runlift.toml`.
pub fn analyse_dir(dir: &Path, adjust_temperature: bool) -> runlift::analysis::Analysis {
    let overrides = runlift::config::Overrides {
        no_temperature_adjustment: !adjust_temperature,
        ..Default::default()
    };
    let settings = runlift::config::load(Some(dir.join("runlift.toml")), overrides).unwrap();
    analyse_with(dir, &settings)
}

/// Ingest `dir` the way `runlift report` does (through a store, duplicates
/// set aside) and analyse it with `settings`, without rendering.
pub fn analyse_with(
    dir: &Path,
    settings: &runlift::config::Settings,
) -> runlift::analysis::Analysis {
    analyse_dirs(&[dir.to_path_buf()], settings)
}

/// Ingest the folders `dirs` together, as `runlift report --data A --data B`
/// does, and analyse them with `settings`.
pub fn analyse_dirs(
    dirs: &[PathBuf],
    settings: &runlift::config::Settings,
) -> runlift::analysis::Analysis {
    let store = tempfile::tempdir().unwrap();
    let opts = runlift::pipeline::IngestOptions {
        store: store.path().to_path_buf(),
        rebuild: false,
        progress: false,
        exclude: Vec::new(),
    };
    let synced = runlift::pipeline::sync(dirs, &settings.read_context(), &opts).unwrap();
    let ingested = synced.load().unwrap();
    runlift::analysis::analyse(&ingested.tables, settings).unwrap()
}

/// A hand-made fixture: `tests/fixtures/<folder>/<name>`.
pub fn fixture(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
        .join(name)
}

/// Reading settings of a runner in Copenhagen (time zone set).
pub fn copenhagen() -> runlift::ingest::ReadContext {
    runlift::ingest::ReadContext {
        timezone: chrono_tz::Europe::Copenhagen,
        timezone_set: true,
        ..Default::default()
    }
}

/// Seconds of simulated cadence lock against what the analysis flagged,
/// summed over runs: `truth.json`'s `cadence_lock_s` says which run files
/// locked and for how long.
#[derive(Default)]
pub struct LockTally {
    /// Simulated lock seconds, and those of them flagged.
    pub locked_s: f64,
    pub caught_s: f64,
    /// Seconds of runs without a lock, and those flagged.
    pub clean_s: f64,
    pub false_s: f64,
}

impl LockTally {
    /// Count run `r` of the season whose truth is `truth`.
    pub fn add(&mut self, r: &runlift::analysis::runs::RunMetrics, truth: &Value) {
        let file = Path::new(&r.source_path);
        let name = format!("runs/{}", file.file_name().unwrap().to_string_lossy());
        let flagged = r.steady.signal.hr_cadence_lock_s;
        match truth["cadence_lock_s"][&name].as_f64() {
            Some(t) => {
                self.locked_s += t;
                self.caught_s += flagged.min(t);
            }
            None => {
                self.clean_s += r.duration_s;
                self.false_s += flagged;
            }
        }
    }

    /// Share of the lock seconds caught, and share of the other seconds flagged.
    pub fn shares(&self) -> (f64, f64) {
        (self.caught_s / self.locked_s, self.false_s / self.clean_s)
    }
}

/// Copy the files of folder `from` (not recursively) into a new folder `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// `../shared/<rel>` (the corpus, a real season), or `None` with a message
/// that the test skips: those folders are not part of the repository.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: no {} (it is not part of the repository)",
            dir.display()
        );
        None
    }
}
