//! Running power and running dynamics of a simulated run, following its
//! physiology, as a running-power pod or a watch with a dynamics sensor
//! writes them (FIT `power`, `step_length`, `stance_time`,
//! `vertical_oscillation`, `vertical_ratio`).
//!
//! * **Power** is `m · k · e^α · C(i)/C(0) · v` W: proportional to speed and
//!   to the cost of the grade (Minetti), with [`POWER_PER_SPEED`] W/kg per m/s
//!   on the flat, as pods read at easy pace. Only part ([`ECONOMY_IN_POWER`])
//!   of a running-economy change `e` shows in the power (what a pod measures
//!   is mechanical: less bounce and braking), so speed per watt improves by
//!   `e^−α` when economy improves by `e`.
//! * **Step length** is speed over step rate. **Stance time** shortens with
//!   speed; **vertical oscillation** grows slightly with it; **vertical
//!   ratio** is oscillation over step length.
//! * **Late-run fade.** In long runs stance time and oscillation rise
//!   linearly over the running after the first 10 minutes (the analysis'
//!   warm-up), from a third of it to its end, by `F` at the end (cadence and
//!   step length follow the speed and do not fade). `F` is [`LATE_FADE`],
//!   more on a tired day: once more for every [`TIRED_BPM`] of the day's
//!   fatigue offset of heart rate ([`fade`]). The last third against the
//!   middle third is then `(1 + ¾F)/(1 + ¼F) − 1` ([`late_fade_pct`]),
//!   thirds as the analysis cuts them.
//!
//! Each run draws its own noise from a stream of its own, so the rest of a
//! simulated season is the same with or without these values.

use crate::analysis::gap::{FLAT_COST, minetti_cost};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The simulated runner's mass, kg.
pub const MASS_KG: f64 = 70.0;
/// Power per speed on flat ground, W/kg per m/s.
pub const POWER_PER_SPEED: f64 = 1.03;
/// Exponent α: the share of a running-economy change that shows in power.
pub const ECONOMY_IN_POWER: f64 = 0.5;
/// Rise of stance time and vertical oscillation from a third of a long run
/// to its end, as a fraction of their value.
pub const LATE_FADE: f64 = 0.06;
/// The day's heart-rate offset (sleep, fatigue; see [`super::form`]), bpm,
/// that adds [`LATE_FADE`] once more.
pub const TIRED_BPM: f64 = 4.0;

/// The late fade `F` of a long run on a day whose heart rate sits
/// `offset_bpm` above its usual level (a fresher day fades by the base).
pub fn fade(offset_bpm: f64) -> f64 {
    LATE_FADE * (1.0 + offset_bpm.max(0.0) / TIRED_BPM)
}

/// One second's power and dynamics.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Second {
    /// W.
    pub power_w: f64,
    /// mm.
    pub step_length_mm: f64,
    /// ms.
    pub stance_time_ms: f64,
    /// mm.
    pub vertical_oscillation_mm: f64,
    /// %.
    pub vertical_ratio_pct: f64,
}

/// Power and dynamics while running at `v` m/s up `grade` at `cadence_spm`,
/// `elapsed` of the way through the run after its warm-up (0–1, negative
/// during the warm-up); `None` when standing.
pub fn second(
    v: f64,
    grade: f64,
    cadence_spm: f64,
    economy: f64,
    elapsed: f64,
    late_fade: Option<f64>,
    rng: &mut ChaCha8Rng,
) -> Option<Second> {
    if v < 0.5 || cadence_spm < 60.0 {
        return None;
    }
    let mut noise =
        |sd: f64| 1.0 + sd * (rng.r#gen::<f64>() + rng.r#gen::<f64>() + rng.r#gen::<f64>() - 1.5);
    let cost = minetti_cost(grade) / FLAT_COST;
    let power = MASS_KG * POWER_PER_SPEED * economy.powf(ECONOMY_IN_POWER) * cost * v * noise(0.04);
    // Only long runs fade (`late_fade` is their `F`).
    let fade = late_fade.map_or(1.0, |f| {
        1.0 + f * ((elapsed - 1.0 / 3.0) / (2.0 / 3.0)).max(0.0)
    });
    let step = 1000.0 * v * 60.0 / cadence_spm;
    let stance = (250.0 - 30.0 * (v - 3.0)) * fade * noise(0.03);
    let oscillation = (85.0 + 5.0 * (v - 3.0)) * fade * noise(0.03);
    Some(Second {
        power_w: power.round(),
        step_length_mm: step.round(),
        stance_time_ms: stance.round(),
        vertical_oscillation_mm: (oscillation * 10.0).round() / 10.0,
        vertical_ratio_pct: (100.0 * 100.0 * oscillation / step).round() / 100.0,
    })
}

/// Speed per watt on flat ground at running economy `economy`, m/s per W/kg
/// (higher = more economical).
pub fn speed_per_watt(economy: f64) -> f64 {
    1.0 / (POWER_PER_SPEED * economy.powf(ECONOMY_IN_POWER))
}

/// The true late-run fade of stance time, oscillation and vertical ratio in a
/// long run: the last third's mean over the middle third's, % (cadence and
/// step length: 0).
pub fn late_fade_pct(f: f64) -> f64 {
    100.0 * ((1.0 + 0.75 * f) / (1.0 + 0.25 * f) - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn easy_running_reads_as_a_pod_reads_it() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let s = second(3.0, 0.0, 170.0, 1.0, 0.5, None, &mut rng).unwrap();
        // 70 kg at 3 m/s: about 216 W; a 1.06 m step; 8 % vertical ratio.
        assert!((200.0..232.0).contains(&s.power_w), "{s:?}");
        assert_eq!(s.step_length_mm, 1059.0);
        assert!((7.5..8.6).contains(&s.vertical_ratio_pct), "{s:?}");
        assert!(second(0.2, 0.0, 0.0, 1.0, 0.5, None, &mut rng).is_none());
        // 5 % better economy: 2.5 % more speed per watt.
        assert!((speed_per_watt(0.95) / speed_per_watt(1.0) - 1.0 - 0.0260).abs() < 1e-3);
        assert!((late_fade_pct(LATE_FADE) - 2.956).abs() < 0.01);
        // A day 4 bpm over its usual level fades twice as much.
        assert!((fade(4.0) - 2.0 * LATE_FADE).abs() < 1e-12 && fade(-3.0) == LATE_FADE);
    }
}
