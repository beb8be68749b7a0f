//! A city runner (`simulate --city`): a traffic light every three minutes
//! on average (8–60 s waits, auto-paused), easy runs of 20–35 minutes, the
//! slower heart-rate kinetics of the real seasons, a heart rate that sits on
//! the cadence, and the wrist sensor's cadence locks. The lock test must
//! still catch the locks and leave the rest, stops or no stops, and the
//! per-run kinetics fit must find the runner's heart-rate lag, and a run
//! that keeps too little says it was the stops.

use crate::common::{LockTally, analyse_dir, json, sim_options};
use runlift::analysis::Analysis;
use runlift::simulate::{Scenario, SimOptions, simulate};
use serde_json::Value;

/// A city season with the heart rate on the cadence, analysed; and its truth.
fn city_season(scenario: Scenario, weeks: u32, seed: u64, start: &str) -> (Analysis, Value) {
    let dir = tempfile::tempdir().unwrap();
    simulate(&SimOptions {
        city: true,
        cadence_offset_spm: -32.0,
        ..sim_options(dir.path(), scenario, weeks, seed, start)
    })
    .unwrap();
    let truth = json(&dir.path().join("truth.json"));
    (analyse_dir(dir.path(), true), truth)
}

#[test]
fn a_city_runner_s_locks_are_caught_and_the_rest_is_kept() {
    let mut locks = LockTally::default();
    let (mut paused, mut runs) = (0.0, 0);
    let (mut rises, mut falls) = (Vec::new(), Vec::new());
    // Easy runs left out for too little steady state, and those put down to stops.
    let (mut short, mut for_stops) = (0, 0);
    for seed in 1..=4 {
        let (a, truth) = city_season(Scenario::Control, 8, seed, "2026-03-02");
        for r in &a.runs {
            locks.add(r, &truth);
            paused += r.steady.signal.paused_s / r.duration_s;
            rises.push(r.steady.kinetics.tau_up_s);
            if let Some(why) = r.excluded.as_deref().filter(|w| w.starts_with("only ")) {
                short += 1;
                for_stops += usize::from(why.contains(" stops cost "));
            }
            falls.push(r.steady.kinetics.tau_down_s);
            runs += 1;
        }
    }
    let (caught, flagged) = locks.shares();
    eprintln!(
        "city: {:.1} % of lock seconds caught, {:.2} % of other seconds flagged, {:.1} % of the time paused",
        100.0 * caught,
        100.0 * flagged,
        100.0 * paused / f64::from(runs)
    );
    // It is a city season: about a tenth of the time standing at lights.
    assert!(
        (0.06..0.20).contains(&(paused / f64::from(runs))),
        "{paused}"
    );
    // The fit finds the simulated lag, rise 70 s and fall 112 s (a grid step off at most).
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (rise, fall) = (median(&mut rises), median(&mut falls));
    assert!((60.0..=90.0).contains(&rise), "{rise}");
    assert!((90.0..=135.0).contains(&fall), "{fall}");
    // The runner is told it is the lights, not the sensor.
    assert!(
        short >= 20 && for_stops * 10 >= short * 8,
        "{for_stops} of {short}"
    );
    assert!(
        locks.locked_s > 500.0,
        "too few locks: {} s",
        locks.locked_s
    );
    assert!(caught >= 0.90 && flagged < 0.02, "{caught} {flagged}");
}

#[test]
fn a_city_runner_s_strength_gain_is_found_within_a_point_and_a_half() {
    for seed in 1..=6 {
        let (a, truth) = city_season(Scenario::Strength, 16, seed, "2026-01-05");
        let tv = truth["effort"]["speed_at_reference_hr"]["change_pct"]
            .as_f64()
            .unwrap();
        let e = a.effort.speed_at_ref_hr.expect("an estimate");
        eprintln!(
            "city seed {seed}: {:.2} % {:?} vs truth {tv:.2} %",
            e.change, e.ci95
        );
        assert!(
            (e.change - tv).abs() <= 1.5,
            "seed {seed}: {:.2} vs {tv:.2}",
            e.change
        );
    }
}
