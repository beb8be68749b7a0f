//! Honest intervals: on simulated seasons whose runner's form wanders as
//! real runners' does (`--form real`), the 95 % intervals of the change
//! cover the truth and a season with nothing in it is rarely called clear.
//! The steady-runner accuracy tests are in `truth.rs`.

use crate::common::analyse_form;
use runlift::analysis::estimate::Estimate;
use runlift::simulate::{FormChoice, Recording, Scenario};

/// Over seeds 1–20 of `scenario` (`weeks` long, real form): how many
/// intervals of the change of speed and of heart rate cover the truth, how
/// many speed intervals are clear, and the mean half-width of the speed
/// interval (percent).
fn over_20_seeds(scenario: Scenario, weeks: u32) -> (usize, usize, usize, f64) {
    use rayon::prelude::*;
    let per_seed: Vec<(bool, bool, bool, f64)> = (1..=20u64)
        .into_par_iter()
        .map(|seed| {
            let (a, t) = analyse_form(scenario, weeks, seed, Recording::Smart, FormChoice::Real);
            let speed: Estimate = a.effort.speed_at_ref_hr.clone().expect("a speed estimate");
            let hr: Estimate = a.effort.hr_at_ref_pace.clone().expect("a heart-rate estimate");
            let ts = t["effort"]["speed_at_reference_hr"]["change_pct"].as_f64().unwrap();
            let th = t["effort"]["hr_at_reference_pace"]["change_bpm"].as_f64().unwrap();
            let covers = |e: &Estimate, v: f64| e.ci95[0] <= v && v <= e.ci95[1];
            eprintln!(
                "{scenario:?} seed {seed}: {:+.2} % [{:+.2}, {:+.2}] truth {ts:+.2}; wander ±{:.2} %",
                speed.change, speed.ci95[0], speed.ci95[1], speed.wander
            );
            let half = (speed.ci95[1] - speed.ci95[0]) / 2.0;
            (covers(&speed, ts), covers(&hr, th), speed.clear(), half)
        })
        .collect();
    let count = |f: fn(&(bool, bool, bool, f64)) -> bool| per_seed.iter().filter(|s| f(s)).count();
    let half = per_seed.iter().map(|s| s.3).sum::<f64>() / per_seed.len() as f64;
    (count(|s| s.0), count(|s| s.1), count(|s| s.2), half)
}

#[test]
fn strength_intervals_cover_the_truth_when_form_wanders() {
    let (speed, hr, clear, half) = over_20_seeds(Scenario::Strength, 16);
    eprintln!(
        "strength, real form: speed covers {speed}/20, hr {hr}/20, clear {clear}/20, mean half-width {half:.2} %"
    );
    assert!(speed >= 18, "speed intervals cover the truth in {speed}/20");
    assert!(hr >= 18, "heart-rate intervals cover the truth in {hr}/20");
}

#[test]
fn control_is_rarely_called_clear_when_form_wanders() {
    let (speed, hr, clear, half) = over_20_seeds(Scenario::Control, 20);
    eprintln!(
        "control, real form: speed covers {speed}/20, hr {hr}/20, clear {clear}/20, mean half-width {half:.2} %"
    );
    assert!(speed >= 18, "speed intervals cover zero in {speed}/20");
    assert!(hr >= 18, "heart-rate intervals cover zero in {hr}/20");
    assert!(clear <= 2, "{clear}/20 control seasons called clear");
}

#[test]
fn thirteen_years_of_wandering_form_do_not_read_as_a_clear_year_on_year_change() {
    // A real 13-year Garmin history read "11.9 % slower than in the same
    // weeks a year earlier [-18.8, -4.5]". Simulated: 13 years, nothing
    // changes, real form; the Welch t read -8.5 % [-13.9, -2.7] here and
    // called 37 of 168 adjacent 4-week pairs clear.
    let (a, t) = analyse_form(
        Scenario::Control,
        678,
        5,
        Recording::Smart,
        FormChoice::Real,
    );
    assert_eq!(
        a.baseline_kind,
        runlift::analysis::periods::Baseline::YearEarlier
    );
    let e = a.effort.speed_at_ref_hr.clone().expect("a speed estimate");
    let tv = t["effort"]["speed_at_reference_hr"]["change_pct"]
        .as_f64()
        .unwrap();
    assert!(!e.clear() && e.ci95[0] <= tv && tv <= e.ci95[1], "{e:?}");
    // The runner's own wander is measured on the whole history, not the prior.
    assert!(e.wander > 8.0, "{e:?}");
    let p = a.placebo.expect("a placebo");
    eprintln!("13 years: {e:?}; placebo {p:?}");
    assert!(p.pairs >= 150 && p.share() <= 0.10, "{p:?}");
}
