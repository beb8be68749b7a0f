//! Late-run form measured by the running dynamics, for long runs whose
//! files have them (a watch with a dynamics pod or strap, a Stryd, a Coros).
//!
//! Over the run's time after the warm-up, cut into thirds as
//! [`super::form::late_form`] cuts it, each dynamic's time-weighted mean in
//! the last third against the middle third, `100·(last / middle − 1)`:
//!
//! * **stance time** (ground contact) and **vertical ratio** (oscillation over
//!   step length): **positive = fading** (longer on the ground, more bounce
//!   per metre);
//! * **step length** and **cadence**: **negative = fading**.
//!
//! A sample's weight is the time to the next one (at most 10 s), so smart
//! recording counts each second once; standing seconds have no dynamics.

use super::steady::WARMUP_S;

/// The late-run change of each dynamic, %; `None` where the run lacks it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LateDynamics {
    /// Stance time, last third against the middle third (positive = fading).
    pub stance_time_pct: Option<f64>,
    /// Vertical ratio (positive = fading).
    pub vertical_ratio_pct: Option<f64>,
    /// Step length (negative = fading).
    pub step_length_pct: Option<f64>,
    /// Cadence (negative = fading).
    pub cadence_pct: Option<f64>,
}

impl LateDynamics {
    /// Whether any dynamic was measured.
    pub fn any(&self) -> bool {
        [
            self.stance_time_pct,
            self.vertical_ratio_pct,
            self.step_length_pct,
        ]
        .iter()
        .any(Option::is_some)
    }
}

/// The columns of one run that [`late_dynamics`] reads.
pub struct Columns<'a> {
    /// Seconds since the first sample.
    pub t_s: &'a [f64],
    /// Stance time, ms.
    pub stance_time: &'a [Option<f64>],
    /// Vertical ratio, %.
    pub vertical_ratio: &'a [Option<f64>],
    /// Step length, mm.
    pub step_length: &'a [Option<f64>],
    /// Cadence, steps/min.
    pub cadence: &'a [Option<f64>],
}

/// Longest time a sample stands for, s.
const MAX_WEIGHT_S: f64 = 10.0;
/// Shortest third, s (as late-run form asks).
const MIN_THIRD_S: f64 = 600.0;

/// The late-run dynamics of a run; `None` when it is too short or has no
/// stance time, vertical ratio or step length.
pub fn late_dynamics(c: &Columns) -> Option<LateDynamics> {
    let end = c.t_s.iter().rev().copied().find(|t| t.is_finite())?;
    let third = (end - WARMUP_S) / 3.0;
    if third < MIN_THIRD_S {
        return None;
    }
    let weight = |i: usize| {
        let next = c
            .t_s
            .get(i + 1)
            .copied()
            .filter(|t| t.is_finite())
            .unwrap_or(c.t_s[i] + 1.0);
        (next - c.t_s[i]).clamp(0.0, MAX_WEIGHT_S)
    };
    let mean = |col: &[Option<f64>], k: f64| {
        let (a, b) = (WARMUP_S + k * third, WARMUP_S + (k + 1.0) * third);
        let (mut sum, mut w) = (0.0, 0.0);
        for (i, &t) in c.t_s.iter().enumerate() {
            if let Some(x) = col.get(i).copied().flatten().filter(|_| t >= a && t <= b) {
                sum += x * weight(i);
                w += weight(i);
            }
        }
        // At least a third of the third measured.
        (w >= third / 3.0).then(|| sum / w)
    };
    let change = |col: &[Option<f64>]| {
        let (middle, last) = (mean(col, 1.0)?, mean(col, 2.0)?);
        (middle > 0.0).then(|| 100.0 * (last / middle - 1.0))
    };
    let late = LateDynamics {
        stance_time_pct: change(c.stance_time),
        vertical_ratio_pct: change(c.vertical_ratio),
        step_length_pct: change(c.step_length),
        cadence_pct: change(c.cadence),
    };
    late.any().then_some(late)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fading_long_run_reads_positive_stance_and_negative_step() {
        // 100 minutes, a record every 2 s; in the last third (from 70 min)
        // stance time is 4 % longer and steps 2 % shorter.
        let t: Vec<f64> = (0..3000).map(|i| 2.0 * i as f64).collect();
        let late = |at: f64, x: f64, by: f64| if at >= 4200.0 { x * by } else { x };
        let stance: Vec<Option<f64>> = t.iter().map(|&s| Some(late(s, 250.0, 1.04))).collect();
        let step: Vec<Option<f64>> = t.iter().map(|&s| Some(late(s, 1050.0, 0.98))).collect();
        let cadence = vec![Some(170.0); t.len()];
        let none = vec![None; t.len()];
        let c = Columns {
            t_s: &t,
            stance_time: &stance,
            vertical_ratio: &none,
            step_length: &step,
            cadence: &cadence,
        };
        let l = late_dynamics(&c).unwrap();
        // Thirds after the 10-minute warm-up: 600–2399, 2399–4199, 4199–5998 s.
        let stance = l.stance_time_pct.unwrap();
        assert!((stance - 4.0).abs() < 0.05, "{stance}");
        assert!((l.step_length_pct.unwrap() + 2.0).abs() < 0.05);
        assert_eq!(l.vertical_ratio_pct, None);
        assert!(l.cadence_pct.unwrap().abs() < 1e-9);
        // A run without dynamics, or too short, has none.
        let bare = Columns {
            stance_time: &none,
            step_length: &none,
            ..c
        };
        assert_eq!(late_dynamics(&bare), None);
        let short = Columns {
            t_s: &t[..1200],
            ..c
        };
        assert_eq!(late_dynamics(&short), None);
    }
}
