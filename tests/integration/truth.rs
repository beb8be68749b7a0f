//! The analysis recovers the simulator's ground truth over many seeds, not
//! one lucky seed. Seasons are analysed in-process without rendering, and
//! shorter seasons keep the suite inside CI's budget.
//!
//! Measured when these were written (seeds 1–20): strength (16 weeks) all
//! errors within ±1.0 point and 20/20 intervals covering the truth; control
//! (20 weeks) 19/20 within ±1.0 and 19/20 covering zero; heat (16 weeks,
//! seeds 1–10) 9/10 within ±1.5 with adjustment, 8–12 points off without.

use crate::common::analyse_season;
use runlift::analysis::Analysis;
use runlift::simulate::Scenario;
use serde_json::Value;

fn truth(t: &Value, metric: &str, key: &str) -> f64 {
    t["effort"][metric][key].as_f64().unwrap()
}

fn speed(a: &Analysis) -> runlift::analysis::estimate::Estimate {
    a.effort.speed_at_ref_hr.clone().expect("an estimate")
}

#[test]
fn strength_change_within_a_point_over_20_seeds() {
    let (mut close, mut covered) = (0, 0);
    for seed in 1..=20 {
        let (a, t) = analyse_season(Scenario::Strength, 16, seed, true);
        let (e, tv) = (speed(&a), truth(&t, "speed_at_reference_hr", "change_pct"));
        let err = e.change - tv;
        assert!(
            err.abs() <= 1.5,
            "seed {seed}: {:.2} vs truth {tv:.2}",
            e.change
        );
        close += usize::from(err.abs() <= 1.0);
        covered += usize::from(e.ci95[0] <= tv && tv <= e.ci95[1]);
        let hr = a.effort.hr_at_ref_pace.clone().unwrap();
        let th = truth(&t, "hr_at_reference_pace", "change_bpm");
        assert!(
            (hr.change - th).abs() <= 1.5,
            "seed {seed}: {:.2} bpm vs {th:.2}",
            hr.change
        );
    }
    assert!(close >= 17, "{close}/20 within ±1.0");
    assert!(covered >= 17, "{covered}/20 intervals cover the truth");
}

#[test]
fn control_finds_no_change_over_20_seeds() {
    let (mut small, mut covered) = (0, 0);
    for seed in 1..=20 {
        let (a, t) = analyse_season(Scenario::Control, 20, seed, true);
        assert!(truth(&t, "speed_at_reference_hr", "change_pct").abs() < 1e-9);
        let e = speed(&a);
        small += usize::from(e.change.abs() < 1.0);
        covered += usize::from(e.ci95[0] <= 0.0 && 0.0 <= e.ci95[1]);
    }
    assert!(small >= 17, "{small}/20 with |change| < 1");
    assert!(covered >= 17, "{covered}/20 intervals cover zero");
}

#[test]
fn heat_needs_the_temperature_adjustment() {
    let mut close = 0;
    for seed in 1..=10 {
        let dir = tempfile::tempdir().unwrap();
        crate::common::sim(dir.path(), Scenario::Heat, 16, seed, "2026-01-05");
        let t = crate::common::json(&dir.path().join("truth.json"));
        let tv = truth(&t, "speed_at_reference_hr", "change_pct");
        let adjusted = speed(&crate::common::analyse_dir(dir.path(), true));
        let raw = speed(&crate::common::analyse_dir(dir.path(), false));
        let (err, raw_err) = ((adjusted.change - tv).abs(), (raw.change - tv).abs());
        assert!(
            raw_err > err,
            "seed {seed}: adjusted {err:.2} off, raw {raw_err:.2} off"
        );
        assert!(
            raw_err > 4.0,
            "seed {seed}: the heat should mislead the raw estimate ({raw_err:.2})"
        );
        close += usize::from(err <= 1.5);
    }
    assert!(close >= 8, "{close}/10 heat seasons within ±1.5 points");
}

#[test]
fn light_circuits_gain_less_than_heavy_lifting() {
    for seed in 1..=5 {
        let (high, t) = analyse_season(Scenario::Highrep, 16, seed, true);
        let (heavy, _) = analyse_season(Scenario::Strength, 16, seed, true);
        let tv = truth(&t, "speed_at_reference_hr", "change_pct");
        assert!(tv > 0.5 && tv < 1.5, "highrep truth {tv}");
        assert!(speed(&high).change < speed(&heavy).change, "seed {seed}");
        // Circuits are high-rep sessions, so they start no strength block.
        assert!(high.block_start.is_none());
        assert!(high.sessions.iter().all(|s| s.kind == "high-rep"));
    }
}
