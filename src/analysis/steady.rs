//! Steady-state selection: the parts of a run where heart rate reflects the
//! pace being run.
//!
//! A sample is kept when all of these hold:
//! * after the warm-up ([`WARMUP_S`]) and before [`DRIFT_CAP_S`], so that
//!   cardiac drift of long runs does not dominate;
//! * moving (smoothed speed ≥ [`MIN_SPEED_MPS`]) and at least
//!   [`RECOVERY_S`] after the last stop, so heart rate has settled;
//! * a plausible heart rate that is not locked to cadence (an optical-sensor
//!   glitch: |HR − cadence| ≤ 3 for a stretch, dropped with 30 s either side);
//! * steady pace: the 1-minute mean grade-adjusted speed is within
//!   [`STABILITY`] of the 5-minute mean (drops interval work and surges).
//!
//! A run whose 2-minute mean grade-adjusted speeds spread by more than 25 %
//! (90th over 10th percentile) is a quality session (intervals, tempo).

use super::gap::grade_adjusted_speed;

/// Warm-up left out at the start of every run, s.
pub const WARMUP_S: f64 = 600.0;
/// Samples after this time are left out (cardiac drift), s.
pub const DRIFT_CAP_S: f64 = 3600.0;
/// Below this smoothed speed the runner is stopped, m/s.
pub const MIN_SPEED_MPS: f64 = 1.5;
/// Time after a stop before samples count again, s.
pub const RECOVERY_S: usize = 120;
/// Largest relative gap between 1-min and 5-min mean grade-adjusted speed.
pub const STABILITY: f64 = 0.08;

/// One run's samples (1 Hz), as slices of the canonical columns.
pub struct RunSamples<'a> {
    /// Seconds since start.
    pub t_s: &'a [f64],
    /// Speed, m/s.
    pub speed: &'a [Option<f64>],
    /// Distance, m.
    pub distance: &'a [Option<f64>],
    /// Altitude, m.
    pub altitude: &'a [Option<f64>],
    /// Heart rate, bpm.
    pub hr: &'a [Option<f64>],
    /// Cadence, steps/min.
    pub cadence: &'a [Option<f64>],
}

/// What steady-state selection found in one run.
#[derive(Clone, Debug, Default)]
pub struct Steady {
    /// Seconds of steady state kept.
    pub kept_s: f64,
    /// Mean grade-adjusted speed over the kept samples, m/s.
    pub gap_mps: f64,
    /// Mean heart rate over the kept samples, bpm.
    pub hr_bpm: f64,
    /// Whether the run looks like a quality session.
    pub quality: bool,
    /// Seconds dropped for heart rate locked to cadence.
    pub glitch_s: f64,
}

/// Centered moving average of `x` over ±`half` samples, ignoring gaps.
fn moving_mean(x: &[f64], valid: &[bool], half: usize) -> Vec<f64> {
    let n = x.len();
    let (mut sum, mut cnt) = (vec![0.0; n + 1], vec![0usize; n + 1]);
    for i in 0..n {
        sum[i + 1] = sum[i] + if valid[i] { x[i] } else { 0.0 };
        cnt[i + 1] = cnt[i] + usize::from(valid[i]);
    }
    (0..n)
        .map(|i| {
            let (a, b) = (i.saturating_sub(half), (i + half + 1).min(n));
            let c = cnt[b] - cnt[a];
            if c == 0 {
                f64::NAN
            } else {
                (sum[b] - sum[a]) / c as f64
            }
        })
        .collect()
}

fn dilate(mask: &[bool], before: usize, after: usize) -> Vec<bool> {
    let n = mask.len();
    let mut out = vec![false; n];
    for (i, _) in mask.iter().enumerate().filter(|(_, m)| **m) {
        out[i.saturating_sub(before)..(i + after + 1).min(n)].fill(true);
    }
    out
}

/// A run after smoothing and masking, one entry per sample.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// Seconds since start.
    pub t: Vec<f64>,
    /// Smoothed grade-adjusted speed, m/s.
    pub gap: Vec<f64>,
    /// Plausible heart rate (40–220 bpm), else `None`.
    pub hr: Vec<Option<f64>>,
    /// Cadence, steps/min.
    pub cadence: Vec<Option<f64>>,
    /// Moving (smoothed speed ≥ [`MIN_SPEED_MPS`]).
    pub moving: Vec<bool>,
    /// Passes every steady-state test except the drift cap.
    pub clean: Vec<bool>,
    /// Seconds dropped for heart rate locked to cadence.
    pub glitch_s: f64,
}

/// Smooth and mask a run; `None` for runs under a minute.
pub fn prepare(r: &RunSamples) -> Option<Prepared> {
    let n = r.t_s.len();
    if n < 60 {
        return None;
    }
    let speed: Vec<f64> = r.speed.iter().map(|v| v.unwrap_or(0.0)).collect();
    let all = vec![true; n];
    let smooth = moving_mean(&speed, &all, 7);
    let grade: Vec<f64> = (0..n)
        .map(|i| {
            let (j, k) = (i.saturating_sub(15), (i + 15).min(n - 1));
            match (r.distance[j], r.distance[k], r.altitude[j], r.altitude[k]) {
                (Some(d0), Some(d1), Some(a0), Some(a1)) if d1 - d0 > 20.0 => (a1 - a0) / (d1 - d0),
                _ => 0.0,
            }
        })
        .collect();
    let gap: Vec<f64> = (0..n)
        .map(|i| grade_adjusted_speed(smooth[i], grade[i]))
        .collect();
    let moving: Vec<bool> = smooth.iter().map(|&v| v >= MIN_SPEED_MPS).collect();
    let stopped: Vec<bool> = moving.iter().map(|m| !m).collect();
    let after_stop = dilate(&stopped, 0, RECOVERY_S);
    let locked: Vec<f64> = (0..n)
        .map(|i| match (r.hr[i], r.cadence[i]) {
            (Some(h), Some(c)) => f64::from(u8::from(c > 0.0 && (h - c).abs() <= 3.0)),
            _ => 0.0,
        })
        .collect();
    // A single coincidence is not a glitch; 10 of 15 seconds locked is.
    let lock_rate = moving_mean(&locked, &all, 7);
    let glitch = dilate(
        &lock_rate.iter().map(|&x| x > 0.66).collect::<Vec<_>>(),
        30,
        30,
    );
    let gap_1m = moving_mean(&gap, &moving, 30);
    let gap_5m = moving_mean(&gap, &moving, 150);
    let hr: Vec<Option<f64>> =
        r.hr.iter()
            .map(|h| h.filter(|h| (40.0..=220.0).contains(h)))
            .collect();
    let clean = (0..n)
        .map(|i| {
            let steady = (gap_1m[i] / gap_5m[i] - 1.0).abs() <= STABILITY;
            r.t_s[i] >= WARMUP_S
                && hr[i].is_some()
                && moving[i]
                && !after_stop[i]
                && !glitch[i]
                && steady
        })
        .collect();
    Some(Prepared {
        t: r.t_s.to_vec(),
        gap,
        hr,
        cadence: r.cadence.to_vec(),
        moving,
        clean,
        glitch_s: glitch.iter().filter(|g| **g).count() as f64,
    })
}

/// Whether a run looks like a quality session: the 2-minute block means of
/// moving grade-adjusted speed spread by more than 25 % (p90 / p10).
fn is_quality(p: &Prepared) -> bool {
    let mut blocks: Vec<f64> = (0..p.t.len() / 120)
        .filter(|b| p.t[b * 120] >= WARMUP_S)
        .filter_map(|b| {
            let idx: Vec<usize> = (b * 120..(b + 1) * 120).filter(|&i| p.moving[i]).collect();
            (idx.len() > 80).then(|| idx.iter().map(|&i| p.gap[i]).sum::<f64>() / idx.len() as f64)
        })
        .collect();
    blocks.sort_by(f64::total_cmp);
    blocks.len() >= 5 && {
        let q = |q: f64| blocks[((blocks.len() - 1) as f64 * q).round() as usize];
        q(0.9) / q(0.1) > 1.25
    }
}

/// Steady state of a prepared run (clean samples up to the drift cap).
pub fn select_prepared(p: &Prepared) -> Steady {
    let (mut kept, mut sum_v, mut sum_h) = (0usize, 0.0, 0.0);
    for i in (0..p.t.len()).filter(|&i| p.clean[i] && p.t[i] <= DRIFT_CAP_S) {
        kept += 1;
        sum_v += p.gap[i];
        sum_h += p.hr[i].unwrap_or(0.0);
    }
    let (quality, glitch_s) = (is_quality(p), p.glitch_s);
    if kept == 0 {
        return Steady {
            quality,
            glitch_s,
            ..Default::default()
        };
    }
    Steady {
        kept_s: kept as f64,
        gap_mps: sum_v / kept as f64,
        hr_bpm: sum_h / kept as f64,
        quality,
        glitch_s,
    }
}

/// A synthetic flat 1 Hz run for tests: speed, heart rate and cadence as
/// functions of the second.
#[cfg(test)]
pub(crate) fn synthetic(
    n: usize,
    speed: impl Fn(usize) -> f64,
    hr: impl Fn(usize) -> f64,
    cadence: impl Fn(usize) -> f64,
) -> Prepared {
    let t: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let v: Vec<Option<f64>> = (0..n).map(|i| Some(speed(i))).collect();
    let dist: Vec<Option<f64>> = v
        .iter()
        .scan(0.0, |d, s| {
            *d += s.unwrap_or(0.0);
            Some(Some(*d))
        })
        .collect();
    let alt = vec![Some(10.0); n];
    let h: Vec<Option<f64>> = (0..n).map(|i| Some(hr(i))).collect();
    let cad: Vec<Option<f64>> = (0..n).map(|i| Some(cadence(i))).collect();
    prepare(&RunSamples {
        t_s: &t,
        speed: &v,
        distance: &dist,
        altitude: &alt,
        hr: &h,
        cadence: &cad,
    })
    .expect("at least a minute")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize, speed: impl Fn(usize) -> f64, hr: impl Fn(usize) -> f64) -> Steady {
        select_prepared(&synthetic(n, speed, hr, |_| 170.0))
    }

    #[test]
    fn steady_run_keeps_minutes_10_to_60() {
        let s = run(3000, |_| 3.0, |_| 140.0);
        assert_eq!(s.kept_s, 2400.0); // t = 600 … 2999
        assert!((s.gap_mps - 3.0).abs() < 1e-9 && (s.hr_bpm - 140.0).abs() < 1e-9);
        assert!(!s.quality);
    }

    #[test]
    fn hr_locked_to_cadence_is_dropped() {
        let s = run(
            3000,
            |_| 3.0,
            |i| {
                if (1500..1700).contains(&i) {
                    170.0
                } else {
                    140.0
                }
            },
        );
        assert!((s.hr_bpm - 140.0).abs() < 1e-9, "{}", s.hr_bpm);
        assert!((250.0..=260.0).contains(&s.glitch_s), "{}", s.glitch_s);
    }

    #[test]
    fn intervals_are_quality_and_stops_cost_recovery_time() {
        let s = run(
            3000,
            |i| {
                if i > 900 && (i - 900) % 300 < 180 {
                    4.3
                } else {
                    2.8
                }
            },
            |_| 150.0,
        );
        assert!(s.quality);
        let s = run(
            3000,
            |i| if (1200..1260).contains(&i) { 0.0 } else { 3.0 },
            |_| 140.0,
        );
        assert!(s.kept_s < 2400.0 - 150.0, "{}", s.kept_s);
    }
}
