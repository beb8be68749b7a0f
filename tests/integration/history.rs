//! Lifting histories the first-block rule got wrong: years of data with
//! lifting in one of them, lifting since the data begin, and strength
//! sessions a watch recorded without sets. Periods, blocks and session
//! counts must be what the design says, through the pipeline `runlift
//! report` uses.

use crate::common::{analyse_dir, json};
use runlift::analysis::Analysis;
use runlift::analysis::periods::Baseline;
use runlift::simulate::{GymFormat, Recording, Scenario, SimOptions, simulate};
use serde_json::Value;
use std::path::Path;

/// Simulate a strength season into `dir` and analyse it; returns the
/// analysis, the truth and the number of gym sessions simulated.
fn season(
    dir: &Path,
    weeks: u32,
    block_week: u32,
    lift_weeks: Option<u32>,
    gym: GymFormat,
) -> (Analysis, Value, usize) {
    let sim = simulate(&SimOptions {
        scenario: Scenario::Strength,
        weeks,
        seed: 3,
        out: dir.to_path_buf(),
        gym,
        start: "2024-01-01".parse().unwrap(),
        block_week: Some(block_week),
        recording: Recording::Smart,
        lift_weeks,
        activities_csv: false,
        heat: Default::default(),
        other_sports: false,
        base_gain_pct: 0.0,
        form: Default::default(),
        cadence_offset_spm: 0.0,
        city: false,
    })
    .unwrap();
    let truth = json(&dir.join("truth.json"));
    (analyse_dir(dir, true), truth, sim.gym_sessions)
}

fn date(v: &Value) -> chrono::NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn three_years_with_lifting_only_in_the_second() {
    let dir = tempfile::tempdir().unwrap();
    let (a, t, gym) = season(dir.path(), 156, 53, Some(52), GymFormat::Strong);
    // One block, through year 2; it is over, so no current block.
    assert_eq!(a.blocks.len(), 1, "{:?}", a.blocks);
    let b = a.blocks[0];
    assert_eq!(b.from, date(&t["block_start"]));
    assert!(
        b.to < "2026-01-01".parse().unwrap() && !b.since_data_begin,
        "{b:?}"
    );
    assert_eq!((a.sessions.len(), b.sessions), (gym, gym));
    assert!((95..=104).contains(&gym), "{gym}");
    assert_eq!(a.block_start, None);
    // Recent: the last four weeks; baseline: the same weeks a year earlier.
    let p = a.periods.unwrap();
    assert_eq!(a.baseline_kind, Baseline::YearEarlier);
    assert_eq!((p.recent.from - p.baseline.from).num_days(), 364);
    assert_eq!(p.baseline.from, date(&t["periods"]["baseline"]["from"]));
    assert!(
        a.periods_note.contains("a year earlier"),
        "{}",
        a.periods_note
    );
    // Both periods after the gain: the change is the truth's, near zero.
    let e = a.effort.speed_at_ref_hr.clone().unwrap();
    let tv = t["effort"]["speed_at_reference_hr"]["change_pct"]
        .as_f64()
        .unwrap();
    assert!((e.change - tv).abs() <= 1.5, "{} vs {tv}", e.change);
    // The long view has a month for nearly every month of the three years.
    assert!(a.months.len() >= 33, "{}", a.months.len());
}

#[test]
fn lifting_since_the_data_begin_is_said_to_be_so() {
    let dir = tempfile::tempdir().unwrap();
    let (a, t, gym) = season(dir.path(), 70, 1, None, GymFormat::Strong);
    assert_eq!(a.sessions.len(), gym);
    assert_eq!(a.blocks.len(), 1, "{:?}", a.blocks);
    assert!(a.blocks[0].since_data_begin);
    assert_eq!(a.block_start, Some(date(&t["block_start"])));
    // Not "before the block" (there is no before): a year earlier.
    assert_eq!(a.baseline_kind, Baseline::YearEarlier);
    assert!(
        a.periods_note
            .starts_with("lifting has gone on since the data begin"),
        "{}",
        a.periods_note
    );
    let p = a.periods.unwrap();
    assert_eq!(p.baseline.from, date(&t["periods"]["baseline"]["from"]));
    let e = a.effort.speed_at_ref_hr.clone().unwrap();
    let tv = t["effort"]["speed_at_reference_hr"]["change_pct"]
        .as_f64()
        .unwrap();
    assert!((e.change - tv).abs() <= 1.5, "{} vs {tv}", e.change);
}

#[test]
fn watch_recorded_strength_sessions_without_sets_are_on_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (a, t, gym) = season(dir.path(), 20, 7, None, GymFormat::Watch);
    let gym_files = std::fs::read_dir(dir.path().join("gym")).unwrap().count();
    assert_eq!(gym_files, gym);
    // Every watch recording is one unlogged session with its duration and heart rate.
    assert_eq!(a.sessions.len(), gym_files);
    assert!(
        a.sessions
            .iter()
            .all(|s| s.kind == runlift::kinds::SessionKind::Unlogged && s.sets == 0)
    );
    assert!(
        a.sessions
            .iter()
            .all(|s| s.duration_s.is_some_and(|d| d >= 45.0 * 60.0))
    );
    assert!(a.sessions.iter().all(|s| s.avg_hr == Some(118.0)));
    // They make the block, count per week and in the 48-hour check.
    assert_eq!(a.block_start, Some(date(&t["block_start"])));
    assert_eq!(a.baseline_kind, Baseline::BeforeBlock);
    let per_week = a.program.per_week.unwrap();
    assert!((1.7..=2.1).contains(&per_week), "{per_week}");
    let week_sum: usize = a.weeks.iter().map(|w| w.unlogged).sum();
    assert_eq!(week_sum, gym_files);
    assert!(!a.program.conflicts.is_empty());
    assert!(
        a.runs
            .iter()
            .any(|r| r.context.days_since_strength.is_some_and(|d| d < 1.0))
    );
    let e = a.effort.speed_at_ref_hr.clone().unwrap();
    let tv = t["effort"]["speed_at_reference_hr"]["change_pct"]
        .as_f64()
        .unwrap();
    assert!((e.change - tv).abs() <= 1.5, "{} vs {tv}", e.change);
}
