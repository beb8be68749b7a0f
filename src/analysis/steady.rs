//! Steady-state selection: the parts of a run where heart rate reflects the
//! pace being run.
//!
//! Each run is first laid onto a one-second timeline ([`super::timeline`]),
//! so every duration below is time, whatever the record interval, and
//! pauses are not running time. A second is kept when all of these hold:
//! * after the warm-up ([`WARMUP_S`] of running time) and before
//!   [`DRIFT_CAP_S`], so that cardiac drift of long runs does not dominate;
//! * moving (smoothed speed ≥ [`MIN_SPEED_MPS`], not paused), at least
//!   [`RECOVERY_S`] after the last stop or pause, so heart rate has settled,
//!   and not in the 20 s of slowing down before one;
//! * a plausible heart rate, free of spikes, and not locked to cadence (an
//!   optical-sensor glitch: heart rate that follows the cadence, see
//!   [`super::lock`]; never with a chest strap);
//! * a speed that is not a GPS jump, and steady pace: the 1-minute mean
//!   grade-adjusted speed is within [`STABILITY`] of the 5-minute mean
//!   (drops interval work and surges).
//!
//! Quality sessions (intervals, tempo) are recognised by `is_quality`.

use super::gap::grade_adjusted_speed;
use super::settle::{Kinetics, kinetics};
use super::timeline::{self, Records, SignalQuality, Timeline, dilate};

/// Warm-up left out at the start of every run, s of running time.
pub const WARMUP_S: f64 = 600.0;
/// Running time after which samples are left out (cardiac drift), s.
pub const DRIFT_CAP_S: f64 = 3600.0;
/// Below this smoothed speed the runner is stopped, m/s.
pub const MIN_SPEED_MPS: f64 = 1.5;
/// Time after a stop or pause before samples count again, s.
pub const RECOVERY_S: usize = 120;
/// Largest relative gap between 1-min and 5-min mean grade-adjusted speed.
pub const STABILITY: f64 = 0.08;

/// Seconds of running (pauses aside, up to [`DRIFT_CAP_S`]) that steady
/// state left out, each under the first of these reasons that applies.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Dropped {
    /// Standing, walking, or within 20 s of a stop (slowing down, speeding up).
    pub stopped_s: f64,
    /// Heart rate locked to cadence.
    pub lock_s: f64,
    /// No plausible heart rate (drop-outs, spikes).
    pub no_hr_s: f64,
    /// In the warm-up or the recovery after a stop.
    pub settling_s: f64,
    /// No speed (GPS jumps).
    pub no_speed_s: f64,
    /// Pace not steady (surges, intervals).
    pub unsteady_s: f64,
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
    /// Mean power over the kept samples, W, where at least [`POWER_COVER`]
    /// of them have power.
    pub power_w: Option<f64>,
    /// Whether the run looks like a quality session.
    pub quality: bool,
    /// Seconds of each signal problem (pauses, GPS jumps, heart-rate glitches).
    pub signal: SignalQuality,
    /// The run's fitted heart-rate kinetics.
    pub kinetics: Kinetics,
    /// Seconds left out, by reason.
    pub dropped: Dropped,
}

/// Centered moving average of `x` over ±`half` seconds, ignoring gaps.
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

/// A run after smoothing and masking, one entry per elapsed second.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// Running time at each second (pauses do not advance it), s.
    pub t: Vec<f64>,
    /// Smoothed grade-adjusted speed, m/s.
    pub gap: Vec<f64>,
    /// Smoothed speed as run, m/s.
    pub speed: Vec<f64>,
    /// Plausible heart rate (40–220 bpm, no spikes), else `None`.
    pub hr: Vec<Option<f64>>,
    /// Cadence, steps/min.
    pub cadence: Vec<Option<f64>>,
    /// Power, W.
    pub power: Vec<Option<f64>>,
    /// Moving (smoothed speed ≥ [`MIN_SPEED_MPS`], not paused).
    pub moving: Vec<bool>,
    /// Near a stop or pause (within 20 s), where speed is changing.
    pub near_stop: Vec<bool>,
    /// Passes every steady-state test except the drift cap.
    pub clean: Vec<bool>,
    /// Seconds of each signal problem.
    pub signal: SignalQuality,
    /// The run's fitted heart-rate kinetics.
    pub kinetics: Kinetics,
    /// Seconds left out, by reason.
    pub dropped: Dropped,
}

/// Grade over ±15 s of the timeline, where the runner covered at least 20 m.
fn grade(tl: &Timeline) -> Vec<f64> {
    let n = tl.len();
    (0..n)
        .map(|i| {
            let (j, k) = (i.saturating_sub(15), (i + 15).min(n - 1));
            match (
                tl.distance[j],
                tl.distance[k],
                tl.altitude[j],
                tl.altitude[k],
            ) {
                (Some(d0), Some(d1), Some(a0), Some(a1)) if d1 - d0 > 20.0 => (a1 - a0) / (d1 - d0),
                _ => 0.0,
            }
        })
        .collect()
}

/// Lay a run's records onto a one-second timeline, smooth and mask it;
/// `None` for runs with under a minute of running time.
pub fn prepare(r: &Records) -> Option<Prepared> {
    let tl = timeline::build(r)?;
    prepare_timeline(tl)
}

/// Smooth and mask a run already on a one-second timeline.
pub fn prepare_timeline(tl: Timeline) -> Option<Prepared> {
    let n = tl.len();
    if tl.run_t.last().copied().unwrap_or(0.0) < 60.0 {
        return None;
    }
    let has_speed: Vec<bool> = tl.speed.iter().map(Option::is_some).collect();
    let speed: Vec<f64> = tl.speed.iter().map(|v| v.unwrap_or(0.0)).collect();
    let smooth = moving_mean(&speed, &has_speed, 7);
    let grade = grade(&tl);
    let gap: Vec<f64> = (0..n)
        .map(|i| grade_adjusted_speed(smooth[i], grade[i]))
        .collect();
    let moving: Vec<bool> = (0..n)
        .map(|i| !tl.paused[i] && smooth[i] >= MIN_SPEED_MPS)
        .collect();
    // Stopped: paused, or a known speed below walking-break pace. Seconds
    // without a speed (GPS jumps) are not a stop.
    let stopped: Vec<bool> = (0..n)
        .map(|i| tl.paused[i] || (!smooth[i].is_nan() && smooth[i] < MIN_SPEED_MPS))
        .collect();
    let after_stop = dilate(&stopped, 0, RECOVERY_S);
    let near_stop = dilate(&stopped, 20, 20);
    let glitch = super::lock::locked(&tl.hr, &tl.cadence, tl.chest_strap);
    let unlocked: Vec<Option<f64>> = (0..n).map(|i| tl.hr[i].filter(|_| !glitch[i])).collect();
    let kinetics = kinetics(&unlocked, &stopped);
    let settled = |i: usize| tl.run_t[i] >= WARMUP_S && !after_stop[i];
    let valid_gap: Vec<bool> = (0..n).map(|i| moving[i] && has_speed[i]).collect();
    let gap_1m = moving_mean(&gap, &valid_gap, 30);
    let gap_5m = moving_mean(&gap, &valid_gap, 150);
    let mut dropped = Dropped::default();
    let clean = (0..n)
        .map(|i| {
            let steady = (gap_1m[i] / gap_5m[i] - 1.0).abs() <= STABILITY;
            let reason = if !moving[i] || near_stop[i] {
                &mut dropped.stopped_s
            } else if glitch[i] {
                &mut dropped.lock_s
            } else if tl.hr[i].is_none() {
                &mut dropped.no_hr_s
            } else if !settled(i) {
                &mut dropped.settling_s
            } else if !valid_gap[i] {
                &mut dropped.no_speed_s
            } else if !steady {
                &mut dropped.unsteady_s
            } else {
                return true;
            };
            if !tl.paused[i] && tl.run_t[i] <= DRIFT_CAP_S {
                *reason += 1.0;
            }
            false
        })
        .collect();
    let mut signal = tl.quality;
    signal.hr_cadence_lock_s = glitch.iter().filter(|g| **g).count() as f64;
    Some(Prepared {
        t: tl.run_t,
        gap,
        speed: smooth,
        hr: tl.hr,
        cadence: tl.cadence,
        power: tl.power,
        moving,
        near_stop,
        clean,
        signal,
        kinetics,
        dropped,
    })
}

/// Length of the blocks the quality test compares, s of running time.
const BLOCK_S: f64 = 120.0;

fn correlation(xy: &[(f64, f64)]) -> f64 {
    let n = xy.len() as f64;
    let (mx, my) = (
        xy.iter().map(|p| p.0).sum::<f64>() / n,
        xy.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &(x, y) in xy {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    sxy / (sxx * syy).sqrt()
}

/// Slowest block mean speed that is still running, not a walk break, m/s.
pub const WALKING_MPS: f64 = 2.0;

/// Spread of block speeds: 90th over 10th percentile.
fn spread(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let q = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    q(0.9) / q(0.1)
}

/// One 2-minute block: sums of grade-adjusted speed, speed and heart rate,
/// and the seconds counted for speed and for heart rate.
#[derive(Default)]
struct BlockSums {
    gap: f64,
    speed: f64,
    hr: f64,
    n: usize,
    n_hr: usize,
}

/// Whether a run looks like a quality session (intervals, tempo, fartlek).
///
/// The run after its warm-up is cut into 2-minute blocks of running time;
/// each block's means are taken over seconds of running away from stops
/// (traffic lights and the slowing and speeding up around them say nothing
/// about the workout), and blocks slower than [`WALKING_MPS`] (walk breaks,
/// a walk home) are left out. A quality session has block speeds that
/// spread by more than 25 % (90th over 10th percentile) both as run and
/// grade-adjusted (noisy altitude can make either vary on a steady hilly
/// loop, seldom both), **and** heart rate that follows them (correlation of
/// block speed and block heart rate ≥ [`HR_FOLLOWS`]): on trails or hills
/// speed varies while heart rate does not follow it, or follows it the
/// other way (slow on the climbs, heart rate up).
fn is_quality(p: &Prepared) -> bool {
    let mut sums: std::collections::BTreeMap<usize, BlockSums> = Default::default();
    for i in (0..p.t.len()).filter(|&i| p.t[i] >= WARMUP_S && p.moving[i] && !p.near_stop[i]) {
        let e = sums.entry((p.t[i] / BLOCK_S) as usize).or_default();
        e.gap += p.gap[i];
        e.speed += p.speed[i];
        e.n += 1;
        if let Some(h) = p.hr[i] {
            e.hr += h;
            e.n_hr += 1;
        }
    }
    // (grade-adjusted speed, speed, heart rate) of each running block.
    let blocks: Vec<(f64, f64, Option<f64>)> = (sums.values())
        .filter(|b| b.n >= 80)
        .map(|b| {
            let n = b.n as f64;
            let hr = (b.n_hr >= 60).then(|| b.hr / b.n_hr as f64);
            (b.gap / n, b.speed / n, hr)
        })
        .filter(|b| b.1 >= WALKING_MPS)
        .collect();
    if blocks.len() < 5 {
        return false;
    }
    let uneven = spread(blocks.iter().map(|b| b.0).collect()) > 1.25
        && spread(blocks.iter().map(|b| b.1).collect()) > 1.25;
    if !uneven {
        return false;
    }
    let with_hr: Vec<(f64, f64)> = blocks.iter().filter_map(|b| Some((b.0, b.2?))).collect();
    with_hr.len() < 5 || correlation(&with_hr) >= HR_FOLLOWS
}

/// Least correlation of block speed and block heart rate for a quality session.
pub const HR_FOLLOWS: f64 = 0.5;

/// Share of the kept seconds that must have power for a mean power.
pub const POWER_COVER: f64 = 0.8;

/// Steady state of a prepared run (clean samples up to the drift cap).
pub fn select_prepared(p: &Prepared) -> Steady {
    let (mut kept, mut sum_v, mut sum_h) = (0usize, 0.0, 0.0);
    let (mut powered, mut sum_p) = (0usize, 0.0);
    for i in (0..p.t.len()).filter(|&i| p.clean[i] && p.t[i] <= DRIFT_CAP_S) {
        kept += 1;
        sum_v += p.gap[i];
        sum_h += p.hr[i].unwrap_or(0.0);
        if let Some(w) = p.power.get(i).copied().flatten() {
            powered += 1;
            sum_p += w;
        }
    }
    let power_w = (powered > 0 && powered as f64 >= POWER_COVER * kept as f64)
        .then(|| sum_p / powered as f64);
    let (quality, signal, kinetics, dropped) = (is_quality(p), p.signal, p.kinetics, p.dropped);
    if kept == 0 {
        return Steady {
            quality,
            signal,
            kinetics,
            dropped,
            ..Default::default()
        };
    }
    Steady {
        kept_s: kept as f64,
        gap_mps: sum_v / kept as f64,
        hr_bpm: sum_h / kept as f64,
        power_w,
        quality,
        signal,
        kinetics,
        dropped,
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
    prepare(&Records {
        t_s: &t,
        speed: &v,
        distance: &dist,
        altitude: &alt,
        hr: &h,
        cadence: &cad,
        power: &[],
        chest_strap: false,
    })
    .expect("at least a minute")
}

#[cfg(test)]
mod tests;
