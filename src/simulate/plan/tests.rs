//! Tests of the season plan.

use super::*;
use crate::simulate::form::{FormChoice, FormModel};
use crate::simulate::heat::HeatModel;
use rand::SeedableRng;

#[test]
fn economy_reaches_most_of_the_gain() {
    assert_eq!(economy_factor(Scenario::Strength, -3), 1.0);
    assert!((economy_factor(Scenario::Strength, 10_000) - 0.95).abs() < 1e-9);
    assert_eq!(economy_factor(Scenario::Control, 100), 1.0);
    assert!((economy_factor(Scenario::Highrep, 10_000) - 0.99).abs() < 1e-9);
}

/// A 12-week strength season from 2026-01-05 with the fixed heat model.
fn season(lifting: Lifting, rng: &mut ChaCha8Rng) -> Plan {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    build(
        Scenario::Strength,
        start,
        12,
        lifting,
        &HeatModel::FIXED,
        FormModel::of(FormChoice::Steady),
        rng,
    )
}

#[test]
fn plan_has_five_runs_a_week_and_gym_from_block() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let lifting = Lifting {
        from_week: 5,
        weeks: None,
        base_gain: 0.0,
    };
    let plan = season(lifting, &mut rng);
    let runs: usize = plan.days.iter().map(|d| d.runs.len()).sum();
    assert!((50..=60).contains(&runs), "{runs}");
    let block = plan.block_start.unwrap();
    assert_eq!(block, NaiveDate::from_ymd_opt(2026, 2, 3).unwrap());
    assert!(
        plan.days
            .iter()
            .filter(|d| d.date < block)
            .all(|d| d.gym.is_none())
    );
    let gyms = plan.days.iter().filter(|d| d.gym.is_some()).count();
    assert!((13..=16).contains(&gyms), "{gyms}");
    // Four weeks of lifting from week 5: about eight sessions, none after.
    let lifting = Lifting {
        from_week: 5,
        weeks: Some(4),
        base_gain: 0.0,
    };
    let plan = season(lifting, &mut rng);
    let last = plan
        .days
        .iter()
        .filter(|d| d.gym.is_some())
        .map(|d| d.date)
        .max();
    assert!(last.unwrap() < NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
}

#[test]
fn base_building_gains_economy_until_the_block_and_keeps_it() {
    let lifting = |base_gain| Lifting {
        from_week: 5,
        weeks: None,
        base_gain,
    };
    let flat = season(lifting(0.0), &mut ChaCha8Rng::seed_from_u64(3));
    let built = season(lifting(0.06), &mut ChaCha8Rng::seed_from_u64(3));
    // The block starts on the Tuesday of week 5.
    let block = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
    // 6 % less economical on the first day, none of it left at the block.
    assert!((built.days[0].economy - 1.06).abs() < 1e-9);
    for (b, f) in built.days.iter().zip(&flat.days) {
        if b.date >= block {
            assert_eq!(b.economy, f.economy, "{}", b.date);
        } else {
            assert!(b.economy > 1.0 && b.economy <= 1.06, "{}", b.date);
        }
        // The same weather and runs: only the economy differs.
        assert_eq!(b.temperature_c, f.temperature_c);
    }
    // Economy improves day by day up to the block.
    let pre: Vec<f64> = (built.days.iter())
        .take_while(|d| d.date < block)
        .map(|d| d.economy)
        .collect();
    assert!(pre.windows(2).all(|w| w[1] < w[0]));
}

#[test]
fn form_drifts_from_day_to_day_with_no_step_on_mondays() {
    // 200 weeks without lifting: only form and daily noise move the offset.
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let lifting = Lifting {
        from_week: 1,
        weeks: None,
        base_gain: 0.0,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let plan = build(
        Scenario::Control,
        start,
        200,
        lifting,
        &HeatModel::FIXED,
        FormModel::of(FormChoice::Steady),
        &mut rng,
    );
    let off: Vec<f64> = plan.days.iter().map(|d| d.offset_bpm).collect();
    let mean_sq = |pairs: Vec<f64>| pairs.iter().map(|d| d * d).sum::<f64>() / pairs.len() as f64;
    // Day-to-day changes into a Monday are like those on any other day
    // (a weekly redraw of form made them 1.4 times as large).
    let (mut monday, mut other) = (Vec::new(), Vec::new());
    for (w, d) in off.windows(2).zip(&plan.days[1..]) {
        let into = if d.date.weekday().num_days_from_monday() == 0 {
            &mut monday
        } else {
            &mut other
        };
        into.push(w[1] - w[0]);
    }
    let ratio = mean_sq(monday) / mean_sq(other);
    assert!((0.85..1.15).contains(&ratio), "{ratio}");
    // Form persists: offsets a day apart are more alike than a month apart.
    let lag = |k: usize| mean_sq(off.windows(k + 1).map(|w| w[k] - w[0]).collect());
    let (near, far) = (lag(1), lag(30));
    // Semivariances: 0.64 (noise) + 0.25·(1 − 0.85^k), so about 0.68 and 0.89.
    assert!((0.60..0.76).contains(&(near / 2.0)), "{near}");
    assert!((0.80..0.98).contains(&(far / 2.0)), "{far}");
}
