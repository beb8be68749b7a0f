//! Whole seasons through `runlift report`: the estimates recover the
//! simulator's ground truth, with intervals that cover it.

use crate::common::{json, report, sim};
use runlift::simulate::Scenario;
use serde_json::Value;

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn season(scenario: Scenario, seed: u64) -> (Value, Value) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, scenario, 20, seed, "2026-01-05");
    let summary = report(dir.path(), &data, &dir.path().join("reports"), &[]);
    (summary, json(&data.join("truth.json")))
}

#[test]
fn strength_season_recovers_the_truth() {
    let (s, t) = season(Scenario::Strength, 1);
    assert_eq!(s["periods"]["baseline"], t["periods"]["baseline"]);
    assert_eq!(s["periods"]["recent"], t["periods"]["recent"]);
    let est = &s["effort"]["speed_at_reference_hr"];
    let truth = f(&t["effort"]["speed_at_reference_hr"]["change_pct"]);
    assert!(
        truth > 4.0 && truth < 5.5,
        "the scenario promises about 5 %: {truth}"
    );
    let change = f(&est["change_pct"]);
    assert!(
        (change - truth).abs() <= 1.5,
        "change {change} vs truth {truth}"
    );
    let ci = [f(&est["ci95_pct"][0]), f(&est["ci95_pct"][1])];
    assert!(ci[0] <= truth && truth <= ci[1], "{ci:?} misses {truth}");
    let hr = &s["effort"]["hr_at_reference_pace"];
    let hr_truth = f(&t["effort"]["hr_at_reference_pace"]["change_bpm"]);
    assert!((f(&hr["change_bpm"]) - hr_truth).abs() <= 1.5);
    assert!(f(&hr["ci95_bpm"][0]) <= hr_truth && hr_truth <= f(&hr["ci95_bpm"][1]));
    assert_eq!(est["reference_hr_bpm"], 145.0);
    assert_eq!(hr["reference_pace_s_per_km"], 330.0);
    assert_eq!(s["strength"]["block_start"], t["block_start"]);
    // Truth and summary share key paths.
    for key in ["speed_at_reference_hr", "hr_at_reference_pace"] {
        for (k, _) in t["effort"][key].as_object().unwrap() {
            assert!(
                s["effort"][key].get(k).is_some(),
                "summary lacks effort.{key}.{k}"
            );
        }
    }
}

#[test]
fn control_season_finds_no_change() {
    let (s, t) = season(Scenario::Control, 1);
    assert!(f(&t["effort"]["speed_at_reference_hr"]["change_pct"]).abs() < 1e-9);
    assert!(s["strength"]["block_start"].is_null());
    let est = &s["effort"]["speed_at_reference_hr"];
    let change = f(&est["change_pct"]);
    assert!(change.abs() < 1.0, "control change {change}");
    assert!(f(&est["ci95_pct"][0]) <= 0.0 && 0.0 <= f(&est["ci95_pct"][1]));
    let hr = &s["effort"]["hr_at_reference_pace"];
    assert!(f(&hr["ci95_bpm"][0]) <= 0.0 && 0.0 <= f(&hr["ci95_bpm"][1]));
}

#[test]
fn too_little_data_still_gives_a_report_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 4, 3, "2026-01-05");
    let out = dir.path().join("reports");
    let s = report(dir.path(), &data, &out, &[]);
    let est = &s["effort"]["speed_at_reference_hr"];
    assert!(est["change_pct"].is_null() && est["ci95_pct"].is_null());
    assert!(
        // Four weeks are all "recent": nothing before them to compare with.
        est["reason"].as_str().unwrap().contains("too little data"),
        "{}",
        est["reason"]
    );
    assert!(out.join("latest/pace_at_reference_hr.png").is_file());
    let md = std::fs::read_to_string(out.join("latest/report.md")).unwrap();
    assert!(md.contains("No estimate of pace at 145 bpm"), "{md}");
}

#[test]
fn hevy_log_gives_the_same_sessions_as_strong() {
    let dir = tempfile::tempdir().unwrap();
    let (strong, hevy) = (dir.path().join("strong"), dir.path().join("hevy"));
    sim(&strong, Scenario::Strength, 8, 4, "2026-01-05");
    runlift::simulate::simulate(&runlift::simulate::SimOptions {
        scenario: Scenario::Strength,
        weeks: 8,
        seed: 4,
        out: hevy.clone(),
        gym: runlift::simulate::GymFormat::Hevy,
        start: "2026-01-05".parse().unwrap(),
        block_week: None,
        recording: runlift::simulate::Recording::Smart,
        lift_weeks: None,
        activities_csv: false,
        heat: Default::default(),
        other_sports: false,
        base_gain_pct: 0.0,
        form: Default::default(),
        cadence_offset_spm: 0.0,
        city: false,
    })
    .unwrap();
    assert!(hevy.join("gym/hevy.csv").is_file());
    let a = report(dir.path(), &strong, &dir.path().join("r1"), &[]);
    let b = report(dir.path(), &hevy, &dir.path().join("r2"), &[]);
    assert_eq!(a["strength"], b["strength"]);
    assert_eq!(a["strength"]["kinds"]["heavy"], a["strength"]["sessions"]);
    assert!(a["strength"]["sessions"].as_u64().unwrap() >= 8);
}

#[test]
fn flags_override_the_config_and_periods_can_be_set() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 10, 9, "2026-01-05");
    let s = report(
        dir.path(),
        &data,
        &dir.path().join("r"),
        &[
            "--reference-hr",
            "150",
            "--reference-pace",
            "5:00",
            "--baseline",
            "2026-01-05..2026-01-31",
            "--recent",
            "2026-02-23..2026-03-15",
        ],
    );
    assert_eq!(
        s["effort"]["speed_at_reference_hr"]["reference_hr_bpm"],
        150.0
    );
    assert_eq!(
        s["effort"]["hr_at_reference_pace"]["reference_pace_s_per_km"],
        300.0
    );
    assert_eq!(s["periods"]["baseline"]["to"], "2026-01-31");
    assert_eq!(s["periods"]["recent"]["from"], "2026-02-23");
    assert_eq!(s["periods"]["note"], "set by hand");
}

#[test]
fn rides_swims_and_hikes_beside_the_runs_change_no_run_metric() {
    let dir = tempfile::tempdir().unwrap();
    let runs_csv = |name: &str, other_sports: bool| {
        let data = dir.path().join(name);
        runlift::simulate::simulate(&runlift::simulate::SimOptions {
            scenario: Scenario::Strength,
            weeks: 8,
            seed: 21,
            out: data.clone(),
            gym: runlift::simulate::GymFormat::Strong,
            start: "2026-04-06".parse().unwrap(),
            block_week: None,
            recording: Default::default(),
            lift_weeks: None,
            activities_csv: false,
            heat: Default::default(),
            other_sports,
            base_gain_pct: 0.0,
            form: Default::default(),
            cadence_offset_spm: 0.0,
            city: false,
        })
        .unwrap();
        let out = dir.path().join(format!("{name}-out"));
        let args = ["report", "--data", name, "--out", out.to_str().unwrap()];
        crate::common::run_ok(dir.path(), &args);
        let text = std::fs::read_to_string(out.join("latest/tables/runs.csv")).unwrap();
        // The source path names the folder; the rest must match.
        text.replace(name, "DATA")
    };
    let (alone, mixed) = (runs_csv("alone", false), runs_csv("mixed", true));
    let others = crate::common::files(&dir.path().join("mixed/other")).len();
    assert!(others >= 8, "{others} other activities");
    assert!(alone.lines().count() > 30, "{alone}");
    assert_eq!(alone, mixed);
}
