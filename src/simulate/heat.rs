//! How heat raises the simulated athlete's heart rate, how the weather
//! swings, and how the watch reads the temperature.
//!
//! The fixed model (the default, and what `data/` is written with) is one
//! hinge: [`NEUTRAL_TEMP_C`] and [`HEAT_BPM_PER_C`], day-to-day weather as
//! an AR(1) with a stationary sd of 3 °C, and a sensor that reads the air.
//! A drawn model (`--heat-model drawn`) takes each of these from the ranges
//! runners meet, per seed, so that the heat adjustment is tested on worlds
//! it was not tuned on: a threshold of 5–20 °C, 0.2–1.0 bpm per °C, weather
//! swings with an sd of 2–5 °C, 0–3 °C of warming within a run, and a wrist
//! sensor that reads 2–6 °C warmer than the air once worn, approached with
//! a lag of 2–10 minutes. Its season warms from 4 to 24 °C, whatever the
//! scenario.

use super::model::{HEAT_BPM_PER_C, NEUTRAL_TEMP_C};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Which heat model a simulation uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum HeatChoice {
    /// One model: 0.8 bpm per °C above 10 °C, the sensor reads the air.
    #[default]
    Fixed,
    /// A model drawn per seed from the ranges runners meet, in a warming season.
    Drawn,
}

/// One heat model.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct HeatModel {
    /// Air temperature above which heat raises heart rate, °C.
    pub threshold_c: f64,
    /// Heart-rate rise per °C above the threshold, bpm.
    pub bpm_per_c: f64,
    /// Innovation of the day-to-day weather AR(1) (coefficient 0.6), °C;
    /// the stationary sd is this / 0.8.
    pub weather_step_c: f64,
    /// Warming of the air from a run's start to its end, °C.
    pub within_run_c: f64,
    /// How much warmer than the air the worn sensor reads, °C.
    pub wrist_offset_c: f64,
    /// Time constant of the sensor's approach to that, s.
    pub wrist_lag_s: f64,
    /// Whether the season warms from 4 to 24 °C (else mild all through).
    pub warming: bool,
}

impl HeatModel {
    /// The model `data/` and the truth tests use.
    pub const FIXED: HeatModel = HeatModel {
        threshold_c: NEUTRAL_TEMP_C,
        bpm_per_c: HEAT_BPM_PER_C,
        weather_step_c: 2.4,
        within_run_c: 0.0,
        wrist_offset_c: 0.0,
        wrist_lag_s: 1.0,
        warming: false,
    };

    /// The model for `choice` and `seed`. A drawn one comes from its own
    /// random stream, so the rest of the season is drawn as with the fixed.
    pub fn new(choice: HeatChoice, seed: u64) -> HeatModel {
        if choice == HeatChoice::Fixed {
            return HeatModel::FIXED;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4845_4154);
        HeatModel {
            threshold_c: rng.gen_range(5.0..20.0),
            bpm_per_c: rng.gen_range(0.2..1.0),
            weather_step_c: 0.8 * rng.gen_range(2.0..5.0),
            within_run_c: rng.gen_range(0.0..3.0),
            wrist_offset_c: rng.gen_range(2.0..6.0),
            wrist_lag_s: rng.gen_range(120.0..600.0),
            warming: true,
        }
    }

    /// Heart-rate rise at air temperature `air_c`, bpm.
    pub fn hr_rise(&self, air_c: f64) -> f64 {
        self.bpm_per_c * (air_c - self.threshold_c).max(0.0)
    }

    /// Air temperature `t` seconds into a run of `total` seconds on a day at `day_c`.
    pub fn air(&self, day_c: f64, t: f64, total: f64) -> f64 {
        day_c + self.within_run_c * t / total.max(1.0)
    }

    /// What the worn sensor reads at second `t` when the air is at `air_c`.
    pub fn sensor(&self, air_c: f64, t: f64) -> f64 {
        air_c + self.wrist_offset_c * (1.0 - (-t / self.wrist_lag_s).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_is_the_plain_hinge_and_drawn_stays_in_its_ranges() {
        let f = HeatModel::FIXED;
        assert_eq!(f.hr_rise(25.0), HEAT_BPM_PER_C * 15.0);
        assert_eq!(f.air(7.0, 1800.0, 3600.0), 7.0);
        assert_eq!(f.sensor(7.0, 1800.0), 7.0);
        for seed in 0..50 {
            let d = HeatModel::new(HeatChoice::Drawn, seed);
            assert!((5.0..20.0).contains(&d.threshold_c) && (0.2..1.0).contains(&d.bpm_per_c));
            assert!((1.6..4.0).contains(&d.weather_step_c) && d.warming);
            // Worn for ten lags, the sensor reads its full offset warmer.
            let warm = d.sensor(10.0, 10.0 * d.wrist_lag_s) - 10.0;
            assert!((warm - d.wrist_offset_c).abs() < 1e-3);
        }
        assert_ne!(
            HeatModel::new(HeatChoice::Drawn, 1),
            HeatModel::new(HeatChoice::Drawn, 2)
        );
    }
}
