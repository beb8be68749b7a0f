//! Unit tests of the wander model.

use super::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// `weeks` weeks of `per_week` runs: weekly AR(1) form (sd `form_sd`,
/// memory `memory` weeks), run noise of sd `run_sd`, plus `level(week)`.
fn season(
    weeks: i64,
    per_week: usize,
    form_sd: f64,
    memory: f64,
    run_sd: f64,
    level: impl Fn(i64) -> f64,
) -> Vec<(i64, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let unit = Normal::new(0.0, 1.0).unwrap();
    let phi = (-1.0 / memory).exp();
    let mut form = form_sd * unit.sample(&mut rng);
    let mut obs = Vec::new();
    for k in 0..weeks {
        form = phi * form + form_sd * (1.0 - phi * phi).sqrt() * unit.sample(&mut rng);
        for _ in 0..per_week {
            obs.push((1000 + k, level(k) + form + run_sd * unit.sample(&mut rng)));
        }
    }
    obs
}

#[test]
fn weeks_are_consecutive_across_a_53_week_year() {
    let (a, b) = (week_index("2026-W53"), week_index("2027-W01"));
    assert_eq!(b.unwrap() - a.unwrap(), 1);
    assert_eq!(
        week_index("2026-W10").unwrap() - week_index("2026-W02").unwrap(),
        8
    );
    assert!(week_index("May").is_none() && week_index("2026-W60").is_none());
}

#[test]
fn a_long_history_recovers_its_run_noise_and_form() {
    let obs = season(400, 3, 0.04, 3.0, 0.04, |_| 0.0);
    let w = fit(&obs, REAL_PRIOR);
    assert_eq!((w.weeks, w.own_share, w.parts.len()), (400, 1.0, 1));
    assert!((w.run_var.sqrt() - 0.04).abs() < 0.004, "{w:?}");
    // The level window takes a little of the slow form with it.
    let form_sd = w.form_var().sqrt();
    assert!((0.028..0.048).contains(&form_sd), "{w:?}");
    assert!((1.0..=6.0).contains(&w.parts[0].1), "{w:?}");
}

#[test]
fn a_steady_runner_has_little_wander() {
    let obs = season(200, 3, 0.0, 3.0, 0.04, |_| 0.0);
    let w = fit(&obs, REAL_PRIOR);
    assert!(w.form_var().sqrt() < 0.01, "{w:?}");
    // Adjacent 8-week stretches of 3 runs a week then differ by run noise
    // alone: 1.96 · 0.04 · √(2/24) = 0.0226.
    assert!(
        (w.band(8, 8, 3) - 0.0226).abs() < 0.004,
        "{}",
        w.band(8, 8, 3)
    );
}

#[test]
fn a_gain_over_months_is_level_not_wander() {
    // 10 % gained over half a year, in the middle of four steady years.
    let gain = |k: i64| 0.10 * ((k - 100) as f64 / 26.0).clamp(0.0, 1.0);
    let with = fit(&season(208, 3, 0.02, 2.0, 0.04, gain), REAL_PRIOR);
    let without = fit(&season(208, 3, 0.02, 2.0, 0.04, |_| 0.0), REAL_PRIOR);
    let ratio = with.form_var().sqrt() / without.form_var().sqrt();
    assert!(ratio < 1.25, "{with:?} against {without:?}");
}

#[test]
fn a_short_history_leans_on_the_prior() {
    let w = fit(&season(13, 3, 0.0, 3.0, 0.04, |_| 0.0), REAL_PRIOR);
    assert_eq!(w.parts.len(), 2);
    assert!((w.own_share - 0.25).abs() < 1e-12);
    // Three quarters of the prior's form, relative to the runner's own run noise.
    let prior = 0.75 * REAL_PRIOR.form_to_run * w.run_var;
    assert!((w.parts[1].0 - prior).abs() < 1e-12 && w.parts[1].1 == REAL_PRIOR.memory_weeks);
}

#[test]
fn without_form_the_contrast_is_run_noise() {
    let w = Wander {
        run_var: 2.0,
        parts: vec![],
        weeks: 0,
        own_share: 0.0,
    };
    // Weights −1 and 1/2, 1/2: 2·1/1 + 2·(1/4)·2/2 = 2.5.
    let v = w.contrast_var(&[(0, 1)], &[(5, 2), (6, 2)]);
    assert!((v - 2.5).abs() < 1e-12, "{v}");
}
