//! A Garmin account export without a time zone setting: FIT files (which
//! state their offset) and `Activities.csv` (local times, no zone) list the
//! same runs. Each run is counted once, across a daylight-saving change,
//! and the gym log's local times take the same offsets.

use crate::common;
use runlift::ingest::ReadContext;
use runlift::pipeline::{IngestOptions, ingest};
use runlift::schema::{activities as a, strength_sets as st};
use runlift::simulate::{GymFormat, Recording, Scenario, SimOptions, simulate};
use runlift::tables::{f64s, i64s, strs};
use std::path::Path;

fn garmin_export(dir: &Path) {
    simulate(&SimOptions {
        scenario: Scenario::Strength,
        weeks: 10,
        seed: 11,
        out: dir.to_path_buf(),
        gym: GymFormat::Strong,
        // Across the change to summer time on 29 March.
        start: chrono::NaiveDate::from_ymd_opt(2026, 2, 9).unwrap(),
        block_week: Some(3),
        recording: Recording::Smart,
        lift_weeks: None,
        activities_csv: true,
        heat: Default::default(),
        other_sports: false,
        base_gain_pct: 0.0,
        form: Default::default(),
        cadence_offset_spm: 0.0,
        city: false,
    })
    .unwrap();
    // The runner has set no time zone.
    let toml = std::fs::read_to_string(dir.join("runlift.toml")).unwrap();
    let toml: String = toml
        .lines()
        .filter(|l| !l.starts_with("timezone"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("runlift.toml"), toml).unwrap();
}

fn tables(root: &Path, ctx: &ReadContext) -> runlift::tables::Tables {
    let store = tempfile::tempdir().unwrap();
    let opts = IngestOptions {
        store: store.path().to_path_buf(),
        rebuild: false,
        progress: false,
        exclude: vec![],
    };
    ingest(&[root.to_path_buf()], ctx, &opts).unwrap().tables
}

#[test]
fn a_garmin_export_without_a_zone_counts_each_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("export");
    garmin_export(&data);
    let fit_runs = common::files(&data.join("runs")).len();
    assert!(fit_runs > 40, "{fit_runs}");

    let out = dir.path().join("reports");
    let summary = common::report(dir.path(), &data, &out, &[]);
    assert_eq!(
        summary["runs"]["total"], fit_runs as u64,
        "{:#}",
        summary["runs"]
    );
    let said = summary["assumptions"].to_string();
    assert!(said.contains("UTC+01:00 to UTC+02:00"), "{said}");

    // Weekly distance is the FIT files' sum, not twice it.
    let t = tables(&data, &ReadContext::default());
    let fit: f64 = (strs(&t.activities, a::SOURCE_FORMAT).unwrap().iter())
        .zip(f64s(&t.activities, a::DISTANCE_M).unwrap())
        .filter(|(f, _)| f.as_deref() == Some("fit"))
        .map(|(_, d)| d.unwrap())
        .sum::<f64>()
        / 1000.0;
    let weeks = std::fs::read_to_string(out.join("latest/tables/weeks.csv")).unwrap();
    let km: f64 = weeks
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!(
        (km - fit).abs() < 0.01 * weeks.lines().count() as f64,
        "weeks {km} vs FIT {fit}"
    );

    // The Strong log's 18:00 sessions are 17:00 UTC in winter, 16:00 in summer.
    let sets = &t.strength_sets;
    let (utc, local) = (
        i64s(sets, st::START_UTC).unwrap(),
        i64s(sets, st::START_LOCAL).unwrap(),
    );
    let hours: std::collections::BTreeSet<i64> = utc
        .iter()
        .zip(&local)
        .map(|(u, l)| (l.unwrap() - u.unwrap()) / 3_600_000)
        .collect();
    assert_eq!(hours.into_iter().collect::<Vec<_>>(), vec![1, 2]);
}

#[test]
fn a_set_zone_wins_over_the_files() {
    let dir = tempfile::tempdir().unwrap();
    garmin_export(dir.path());
    // A runner who says UTC means it: the list's local times are UTC, and
    // (an hour or two off) the rows no longer match their FIT twins.
    let ctx = ReadContext {
        timezone: chrono_tz::UTC,
        timezone_set: true,
        ..Default::default()
    };
    let t = tables(dir.path(), &ctx);
    let fit_runs = common::files(&dir.path().join("runs")).len();
    let sports = strs(&t.activities, a::SPORT).unwrap();
    let runs = sports
        .iter()
        .filter(|s| s.as_deref() == Some("running"))
        .count();
    assert_eq!(runs, 2 * fit_runs);
}

#[test]
fn a_gpx_run_takes_the_offset_the_watch_states_that_week() {
    let dir = tempfile::tempdir().unwrap();
    // A FIT season in Copenhagen's winter (+01:00) and a GPX file (UTC
    // instants, no offset) of a run on 1 March at 07:00 UTC.
    common::sim(dir.path(), Scenario::Control, 4, 3, "2026-03-02");
    std::fs::remove_file(dir.path().join("runlift.toml")).unwrap();
    let gpx = common::fixture("gpx", "garmin_v2_bom.gpx");
    std::fs::copy(&gpx, dir.path().join("morning.gpx")).unwrap();
    let t = tables(dir.path(), &ReadContext::default());
    let formats = strs(&t.activities, a::SOURCE_FORMAT).unwrap();
    let (starts, offsets) = (
        i64s(&t.activities, a::START_UTC).unwrap(),
        i64s(&t.activities, a::UTC_OFFSET_MIN).unwrap(),
    );
    let g = formats
        .iter()
        .position(|f| f.as_deref() == Some("gpx"))
        .unwrap();
    // The instant is kept; the local hour is 08:00.
    assert_eq!(starts[g], Some(1_772_348_400_000));
    assert_eq!(offsets[g], Some(60));
    let said = runlift::zones::note(&t).unwrap().unwrap();
    assert!(said.contains("GPX") && said.contains("UTC+01:00"), "{said}");
}
