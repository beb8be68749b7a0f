//! Per-run form metrics beyond the steady-state means.
//!
//! * **Efficiency factor** (EF): grade-adjusted speed in m/min over heart
//!   rate, on steady samples; higher is better.
//! * **Aerobic decoupling**, GoldenCheetah's sign:
//!   `100·(EF first half − EF second half) / EF first half` over the run's
//!   clean samples after the warm-up, split at the middle of their time;
//!   **positive = heart rate drifted up against pace** (intervals.icu is
//!   reported to use the opposite sign).
//! * **TRIMP** (Banister): `Σ Δt[min] · x · k₁·e^(k₂·x)` over the seconds of
//!   the run's timeline with a heart rate, `x` the fraction of heart-rate reserve; `k₁ = 0.64, k₂ = 1.92` for men, `0.86, 1.67` for women.
//! * **Late-run form** (long runs), over moving samples after the warm-up cut
//!   into thirds of time: decoupling of the last third against the first
//!   two (positive = drift); cadence fade and pace fade,
//!   `100·(last third / middle third − 1)` (negative = fading); finishing
//!   speed, `100·(last 5 min / steady − 1)` of grade-adjusted speed
//!   (positive = a stronger finish).

use super::steady::{Prepared, Steady, WARMUP_S};

/// Late-run form of a long run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LateForm {
    /// Decoupling of the last third against the first two thirds, %.
    pub decoupling_pct: Option<f64>,
    /// Cadence of the last third against the middle third, %.
    pub cadence_fade_pct: Option<f64>,
    /// Grade-adjusted speed of the last third against the middle third, %.
    pub pace_fade_pct: Option<f64>,
    /// Grade-adjusted speed of the last 5 minutes against the steady speed, %.
    pub finish_pct: Option<f64>,
}

/// Banister's TRIMP constants `(k₁, k₂)` for the athlete's sex.
pub fn trimp_constants(female: bool) -> (f64, f64) {
    if female { (0.86, 1.67) } else { (0.64, 1.92) }
}

/// Banister TRIMP of a run from its heart rate, one entry per second of its
/// timeline (pauses and drop-outs are `None` and add nothing).
pub fn trimp(hr_per_s: &[Option<f64>], hr_rest: f64, hr_max: f64, female: bool) -> Option<f64> {
    let (k1, k2) = trimp_constants(female);
    let mut total = None;
    for h in hr_per_s.iter().flatten() {
        let x = ((h - hr_rest) / (hr_max - hr_rest)).clamp(0.0, 1.0);
        *total.get_or_insert(0.0) += x * k1 * (k2 * x).exp() / 60.0;
    }
    total
}

/// Efficiency factor (m/min per bpm) of a steady state.
pub fn efficiency_factor(s: &Steady) -> Option<f64> {
    (s.kept_s > 0.0 && s.hr_bpm > 0.0).then(|| s.gap_mps * 60.0 / s.hr_bpm)
}

fn ef_of(p: &Prepared, idx: impl Iterator<Item = usize>) -> Option<f64> {
    let (mut v, mut h, mut n) = (0.0, 0.0, 0usize);
    for i in idx.filter(|&i| p.clean[i]) {
        v += p.gap[i];
        h += p.hr[i]?;
        n += 1;
    }
    (n >= 300).then(|| v * 60.0 / h)
}

fn drift_pct(first: Option<f64>, second: Option<f64>) -> Option<f64> {
    let (a, b) = (first?, second?);
    Some(100.0 * (a - b) / a)
}

/// Aerobic decoupling of the whole run, % (positive = drift).
pub fn decoupling(p: &Prepared) -> Option<f64> {
    let clean: Vec<usize> = (0..p.t.len()).filter(|&i| p.clean[i]).collect();
    if clean.len() < 1200 {
        return None;
    }
    let mid = (p.t[clean[0]] + p.t[clean[clean.len() - 1]]) / 2.0;
    drift_pct(
        ef_of(p, clean.iter().copied().filter(|&i| p.t[i] < mid)),
        ef_of(p, clean.iter().copied().filter(|&i| p.t[i] >= mid)),
    )
}

fn mean_where(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let (mut s, mut n) = (0.0, 0usize);
    for v in values.flatten() {
        s += v;
        n += 1;
    }
    (n > 60).then(|| s / n as f64)
}

fn pct(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(100.0 * (a? / b? - 1.0))
}

/// Late-run form of a run with steady state `steady`.
pub fn late_form(p: &Prepared, steady: &Steady) -> LateForm {
    let end = p.t.last().copied().unwrap_or(0.0);
    let third = (end - WARMUP_S) / 3.0;
    if third < 600.0 {
        return LateForm::default();
    }
    let part = |k: f64| {
        let (a, b) = (WARMUP_S + k * third, WARMUP_S + (k + 1.0) * third);
        (0..p.t.len()).filter(move |&i| p.t[i] >= a && (p.t[i] < b || k == 2.0 && p.t[i] <= b))
    };
    let moving = |i: &usize| p.moving[*i];
    let first_two = part(0.0).chain(part(1.0));
    let finish = (0..p.t.len())
        .filter(|&i| p.t[i] > end - 300.0)
        .filter(moving);
    LateForm {
        decoupling_pct: drift_pct(ef_of(p, first_two), ef_of(p, part(2.0))),
        cadence_fade_pct: pct(
            mean_where(part(2.0).filter(moving).map(|i| p.cadence[i])),
            mean_where(part(1.0).filter(moving).map(|i| p.cadence[i])),
        ),
        pace_fade_pct: pct(
            mean_where(part(2.0).filter(moving).map(|i| Some(p.gap[i]))),
            mean_where(part(1.0).filter(moving).map(|i| Some(p.gap[i]))),
        ),
        finish_pct: pct(
            mean_where(finish.map(|i| Some(p.gap[i]))),
            (steady.kept_s > 0.0).then_some(steady.gap_mps),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::steady::{select_prepared, synthetic};

    fn prepared(
        n: usize,
        hr: impl Fn(usize) -> f64,
        cad: impl Fn(usize) -> f64,
        v: impl Fn(usize) -> f64,
    ) -> Prepared {
        synthetic(n, v, hr, cad)
    }

    #[test]
    fn decoupling_is_positive_when_heart_rate_drifts_up() {
        // Same pace; heart rate rises from 140 to 154 over the run.
        let p = prepared(
            5400,
            |i| 140.0 + 14.0 * i as f64 / 5400.0,
            |_| 170.0,
            |_| 3.0,
        );
        let d = decoupling(&p).unwrap();
        assert!(d > 3.0 && d < 6.0, "{d}");
        let flat = prepared(5400, |_| 140.0, |_| 170.0, |_| 3.0);
        assert!(decoupling(&flat).unwrap().abs() < 1e-9);
    }

    #[test]
    fn trimp_by_hand() {
        // 60 min at x = 0.5 (rest 50, max 190, HR 120), men: 60 · 0.5 · 0.64 · e^0.96 = 50.13.
        let hr = vec![Some(120.0); 3600];
        let v = trimp(&hr, 50.0, 190.0, false).unwrap();
        assert!((v - 60.0 * 0.5 * 0.64 * 0.96f64.exp()).abs() < 1e-6, "{v}");
        let w = trimp(&hr, 50.0, 190.0, true).unwrap();
        assert!((w - 60.0 * 0.5 * 0.86 * 0.835f64.exp()).abs() < 1e-6, "{w}");
        assert_eq!(trimp(&[None; 3600], 50.0, 190.0, false), None);
    }

    #[test]
    fn late_fade_and_finish_signs() {
        // 90 min: cadence and pace fade in the last third, then a fast last 5 minutes.
        let n = 5400;
        let v = |i: usize| {
            if i >= n - 300 {
                3.6
            } else if i >= 3800 {
                2.7
            } else {
                3.0
            }
        };
        let p = prepared(n, |_| 140.0, |i| if i >= 3800 { 164.0 } else { 170.0 }, v);
        let s = select_prepared(&p);
        let late = late_form(&p, &s);
        assert!(late.cadence_fade_pct.unwrap() < -2.0, "{late:?}");
        assert!(late.pace_fade_pct.unwrap() < -3.0, "{late:?}");
        assert!(late.finish_pct.unwrap() > 10.0, "{late:?}");
        assert!(efficiency_factor(&s).unwrap() > 1.2);
    }
}
