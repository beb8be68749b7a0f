//! The simulated athlete's physiology.
//!
//! * **Oxygen cost.** Metabolic power is `P = e · C(i) · v` W/kg, with `C(i)`
//!   Minetti's cost of running at grade `i` (J/kg/m), `v` the speed and `e`
//!   the running-economy factor (1 = baseline; 0.95 = 5 % cheaper). Net
//!   oxygen uptake is `P / 20.1 J/ml · 60` ml/kg/min.
//! * **Steady-state heart rate.** The fraction of heart-rate reserve equals
//!   the fraction of VO2 reserve (Swain & Leutholtz 1997):
//!   `HR_ss = HR_rest + (HR_max − HR_rest) · VO2_net / (VO2max − 3.5)`,
//!   plus a heat term of [`HEAT_BPM_PER_C`] per °C above [`NEUTRAL_TEMP_C`],
//!   cardiac drift of [`DRIFT_BPM_PER_HOUR`] (scaled by intensity) after
//!   the first 20 minutes, and a day-to-day offset (sleep, fatigue) shared by
//!   all runs of a week plus a per-day part.
//! * **Kinetics.** Heart rate follows `HR_ss` as a first-order lag with time
//!   constant [`TAU_UP_S`] when rising and [`TAU_DOWN_S`] when falling (the
//!   city runner: [`CITY_TAU_S`], the per-run fits of the real seasons).
//! * **Sensor.** Optical heart rate has Gaussian noise; the run generator
//!   adds drop-outs (no value) and glitches where the sensor locks onto
//!   cadence.
//!
//! The noise-free model at the reference heart rate, on flat ground below
//! the heat threshold and without drift, gives the ground truth the analysis
//! is tested against ([`Athlete::speed_at_hr`], [`Athlete::hr_at_speed`]).

use crate::analysis::gap::{FLAT_COST, minetti_cost};

/// Joules per millilitre of oxygen.
pub const J_PER_ML_O2: f64 = 20.1;
/// Resting oxygen uptake, ml/kg/min (1 MET).
pub const VO2_REST: f64 = 3.5;
/// Heart-rate rise per °C above the neutral temperature, bpm.
pub const HEAT_BPM_PER_C: f64 = 0.8;
/// Temperature below which heat does not raise heart rate, °C.
pub const NEUTRAL_TEMP_C: f64 = 10.0;
/// Cardiac drift at 65 % of heart-rate reserve, bpm per hour after 20 min.
pub const DRIFT_BPM_PER_HOUR: f64 = 5.0;
/// Heart-rate time constant when effort rises, seconds.
pub const TAU_UP_S: f64 = 25.0;
/// Heart-rate time constant when effort falls, seconds.
pub const TAU_DOWN_S: f64 = 40.0;

/// Rise and fall time constants of the city runner, s: the medians of the
/// per-run fits ([`crate::analysis::settle`]) on the real seasons in
/// `../shared/realdata` (rise 60 s on the 2013–15 Garmin, 75 s on the Coros,
/// 82 s on the GPX season; the fall 1.6 times the rise).
pub const CITY_TAU_S: (f64, f64) = (70.0, 112.0);

/// The simulated athlete.
#[derive(Clone, Debug)]
pub struct Athlete {
    /// Display name.
    pub name: String,
    /// Resting heart rate, bpm.
    pub hr_rest: f64,
    /// Maximum heart rate, bpm.
    pub hr_max: f64,
    /// Maximal oxygen uptake, ml/kg/min (unchanged by lifting).
    pub vo2max: f64,
    /// How heat raises heart rate (and how the watch reads temperature).
    pub heat: super::heat::HeatModel,
    /// Added to the cadence, steps/min: a negative offset puts a runner's
    /// cadence on their easy heart rate (a heart rate near the cadence, as
    /// real runners have, which a lock test must not take for a lock).
    pub cadence_offset_spm: f64,
    /// Runs city routes: a traffic light every few minutes and easy runs of
    /// 20–35 minutes (see [`super::run`]), with the slower heart-rate
    /// kinetics of [`CITY_TAU_S`].
    pub city: bool,
}

impl Default for Athlete {
    fn default() -> Self {
        Athlete {
            name: "Alex Strider".to_string(),
            hr_rest: 48.0,
            hr_max: 188.0,
            vo2max: 54.0,
            heat: super::heat::HeatModel::FIXED,
            cadence_offset_spm: 0.0,
            city: false,
        }
    }
}

/// Conditions of one moment of a run that heart rate depends on.
#[derive(Clone, Copy, Debug)]
pub struct Conditions {
    /// Running-economy factor of the day (1 = baseline).
    pub economy: f64,
    /// Air temperature, °C.
    pub temperature_c: f64,
    /// Day-to-day heart-rate offset, bpm.
    pub offset_bpm: f64,
    /// Seconds since the start of the run.
    pub elapsed_s: f64,
}

impl Athlete {
    fn reserve(&self) -> f64 {
        self.hr_max - self.hr_rest
    }

    /// Net oxygen uptake (ml/kg/min) at `speed` m/s on `grade`.
    pub fn net_vo2(&self, speed: f64, grade: f64, economy: f64) -> f64 {
        economy * minetti_cost(grade) * speed.max(0.0) * 60.0 / J_PER_ML_O2
    }

    /// Steady-state heart rate for the given effort and conditions.
    pub fn steady_hr(&self, speed: f64, grade: f64, c: &Conditions) -> f64 {
        let fraction = if speed < 0.5 {
            0.12 // standing after running: well above rest
        } else {
            self.net_vo2(speed, grade, c.economy) / (self.vo2max - VO2_REST)
        };
        let drift =
            DRIFT_BPM_PER_HOUR * (fraction / 0.65) * ((c.elapsed_s - 1200.0).max(0.0) / 3600.0);
        let heat = self.heat.hr_rise(c.temperature_c);
        (self.hr_rest + self.reserve() * fraction + drift + heat + c.offset_bpm).min(self.hr_max)
    }

    /// Noise-free flat-ground speed (m/s) at heart rate `hr`, neutral weather, no drift.
    pub fn speed_at_hr(&self, hr: f64, economy: f64) -> f64 {
        let fraction = (hr - self.hr_rest) / self.reserve();
        fraction * (self.vo2max - VO2_REST) * J_PER_ML_O2 / 60.0 / (economy * FLAT_COST)
    }

    /// Noise-free heart rate (bpm) at flat-ground `speed`, neutral weather, no drift.
    pub fn hr_at_speed(&self, speed: f64, economy: f64) -> f64 {
        let fraction = self.net_vo2(speed, 0.0, economy) / (self.vo2max - VO2_REST);
        self.hr_rest + self.reserve() * fraction
    }
}

impl Athlete {
    /// Rise and fall time constants of this athlete's heart rate, s.
    pub fn kinetics(&self) -> (f64, f64) {
        if self.city {
            CITY_TAU_S
        } else {
            (TAU_UP_S, TAU_DOWN_S)
        }
    }
}

/// One step of first-order heart-rate kinetics over `dt` seconds, with rise
/// and fall time constants `taus`.
pub fn hr_step(current: f64, target: f64, dt: f64, taus: (f64, f64)) -> f64 {
    let tau = if target > current { taus.0 } else { taus.1 };
    current + (target - current) * (1.0 - (-dt / tau).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_and_hr_inverse() {
        let a = Athlete::default();
        let v = a.speed_at_hr(145.0, 1.0);
        assert!((a.hr_at_speed(v, 1.0) - 145.0).abs() < 1e-9);
        // Easy running around 5:20–6:00 per km at 145 bpm.
        assert!(v > 2.8 && v < 3.4, "{v}");
        // Better economy: faster at the same heart rate, by 1/e.
        let v2 = a.speed_at_hr(145.0, 0.95);
        assert!((v2 / v - 1.0 / 0.95).abs() < 1e-12);
    }

    #[test]
    fn heat_and_drift_raise_hr() {
        let a = Athlete::default();
        let base = Conditions {
            economy: 1.0,
            temperature_c: 5.0,
            offset_bpm: 0.0,
            elapsed_s: 600.0,
        };
        let cool = a.steady_hr(3.0, 0.0, &base);
        let hot = a.steady_hr(
            3.0,
            0.0,
            &Conditions {
                temperature_c: 25.0,
                ..base
            },
        );
        assert!((hot - cool - 12.0).abs() < 1e-9);
        let late = a.steady_hr(
            3.0,
            0.0,
            &Conditions {
                elapsed_s: 4800.0,
                ..base
            },
        );
        assert!(late > cool + 3.0);
        let up = hr_step(100.0, 150.0, 1.0, a.kinetics());
        assert!(up > 100.0 && up < 103.0);
        let city = Athlete { city: true, ..a };
        assert!(hr_step(100.0, 150.0, 1.0, city.kinetics()) < up);
    }
}
