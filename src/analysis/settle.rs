//! Heart-rate kinetics fitted per run: how fast this runner's heart rate
//! settles after the start and after a stop. Measured and reported in
//! `tables/runs.csv`, not yet used to choose steady seconds (the fixed
//! warm-up and recovery of [`super::steady`] still do that).
//!
//! Heart rate follows effort with a first-order lag (the simulator's own
//! model, [`crate::simulate::model`]): after a change of effort it closes the
//! gap `D` to its new level as `D · e^(−s/τ)`. A run is cut into
//! **segments** of running between stops (the start, and every restart
//! after a stop, a walk break or a pause). Over the first
//! [`FIT_WINDOW_S`] of each segment the observed heart rate is fitted as
//! `L − D · e^(−s/τ)`: `L` and `D` per segment, `τ` per run, chosen on a grid
//! by least squares: one for the start (a cold body and the slow phase of
//! the warm-up), and one per direction for the restarts (rise when `D > 0`,
//! fall when `D < 0`), pooled over them.
//!
//! Where a direction has no segment to fit (no stop, or heart rate already
//! at its level), its `τ` is the other direction's scaled by
//! [`FALL_OVER_RISE`], else the start's; a start with nothing to fit takes
//! [`DEFAULT_TAU_S`]. A segment with under [`MIN_FIT_S`] of heart rate in
//! its window is not fitted.

/// The first minutes of a segment that its fit looks at, s.
pub const FIT_WINDOW_S: usize = 600;
/// Least heart rate in a segment's window for a fit, s.
pub const MIN_FIT_S: usize = 60;
/// Time constant where a run gives nothing to fit, s: the slow end of the
/// rises measured on the real seasons in `../shared/realdata`.
pub const DEFAULT_TAU_S: f64 = 60.0;
/// Fall time constant over rise time constant where only one is fitted
/// (heart rate recovers more slowly than it rises; 40/25 in the simulator).
pub const FALL_OVER_RISE: f64 = 1.6;
/// Time constants tried, s.
const TAUS: [f64; 16] = [
    8.0, 12.0, 16.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 75.0, 90.0, 110.0, 135.0, 165.0, 200.0,
    250.0,
];
/// A segment's gap smaller than this says nothing about `τ`, bpm.
const INFORMATIVE_BPM: f64 = 6.0;

/// The heart-rate kinetics fitted to one run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Kinetics {
    /// Time constant of the rise at the start, s.
    pub tau_start_s: f64,
    /// Time constant of a rise after a stop, s.
    pub tau_up_s: f64,
    /// Time constant of a fall after a stop, s.
    pub tau_down_s: f64,
    /// Segments of running between stops (the start included).
    pub segments: usize,
    /// Restarts whose rise was fitted (`tau_up_s` is their own, not a fallback).
    pub rises_fitted: usize,
}

/// One segment's heart rate as `(seconds since its start, bpm)` within the
/// fit window.
type Segment = Vec<(f64, f64)>;

/// Least-squares `L` and `D` of `h = L − D · e^(−s/τ)`, and the residual sum of squares.
fn fit_segment(hr: &[(f64, f64)], tau: f64) -> (f64, f64, f64) {
    let (mut n, mut sx, mut sy, mut sxx, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(s, h) in hr {
        let x = -(-s / tau).exp();
        n += 1.0;
        sx += x;
        sy += h;
        sxx += x * x;
        sxy += x * h;
    }
    let det = n * sxx - sx * sx;
    if det.abs() < 1e-9 {
        let l = sy / n;
        let rss = hr.iter().map(|&(_, h)| (h - l).powi(2)).sum();
        return (l, 0.0, rss);
    }
    let d = (n * sxy - sx * sy) / det;
    let l = (sy - d * sx) / n;
    let rss = (hr.iter())
        .map(|&(s, h)| (h - l + d * (-s / tau).exp()).powi(2))
        .sum();
    (l, d, rss)
}

/// The segments of running between stops.
fn segments(hr: &[Option<f64>], stopped: &[bool]) -> Vec<Segment> {
    let n = stopped.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if stopped[i] {
            i += 1;
            continue;
        }
        let from = i;
        while i < n && !stopped[i] {
            i += 1;
        }
        let end = i.min(from + FIT_WINDOW_S);
        out.push(
            (from..end)
                .filter_map(|k| Some(((k - from) as f64, hr[k]?)))
                .collect(),
        );
    }
    out
}

/// The `τ` that fits the segments best, if any segment is informative.
fn best_tau(fits: &[&Segment]) -> Option<f64> {
    if fits.is_empty() {
        return None;
    }
    let rss = |tau: f64| -> f64 { fits.iter().map(|s| fit_segment(s, tau).2).sum() };
    let fitted = TAUS.iter().map(|&tau| (tau, rss(tau)));
    fitted
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(tau, _)| tau)
}

/// The segments of `set` whose gap says something about `τ` in one direction.
fn informative<'a>(set: &[&'a Segment], up: bool) -> Vec<&'a Segment> {
    (set.iter().copied())
        .filter(|s| {
            let d = fit_segment(s, 30.0).1;
            d.abs() >= INFORMATIVE_BPM && (d > 0.0) == up
        })
        .collect()
}

/// The kinetics fitted to one run.
///
/// `hr` is the plausible heart rate of each elapsed second (locked seconds
/// already removed), `stopped` marks standing, walking and paused seconds.
pub fn kinetics(hr: &[Option<f64>], stopped: &[bool]) -> Kinetics {
    let segs = segments(hr, stopped);
    let usable = |s: &&Segment| s.len() >= MIN_FIT_S;
    let start: Vec<&Segment> = segs.first().filter(usable).into_iter().collect();
    let restarts: Vec<&Segment> = segs.iter().skip(1).filter(usable).collect();
    let tau_start = best_tau(&informative(&start, true))
        .or_else(|| best_tau(&informative(&start, false)))
        .unwrap_or(DEFAULT_TAU_S);
    let rises = informative(&restarts, true);
    let (up, down) = (best_tau(&rises), best_tau(&informative(&restarts, false)));
    let tau_up = up.or(down.map(|d| d / FALL_OVER_RISE)).unwrap_or(tau_start);
    Kinetics {
        tau_start_s: tau_start,
        tau_up_s: tau_up,
        tau_down_s: down.unwrap_or(tau_up * FALL_OVER_RISE),
        segments: segs.len(),
        rises_fitted: rises.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::model::hr_step;

    /// Heart rate of the simulator's lag toward `target`, from `start`, with
    /// rise and fall time constants `taus(i)` at second `i`.
    fn lag(
        target: impl Fn(usize) -> f64,
        start: f64,
        taus: impl Fn(usize) -> (f64, f64),
        n: usize,
    ) -> Vec<Option<f64>> {
        let mut h = start;
        (0..n)
            .map(|i| {
                h = hr_step(h, target(i), 1.0, taus(i));
                Some(h)
            })
            .collect()
    }

    #[test]
    fn a_cold_start_gives_its_tau_and_restarts_take_it_where_nothing_else_fits() {
        let hr = lag(|_| 145.0, 80.0, |_| (60.0, 60.0), 1800);
        let k = kinetics(&hr, &vec![false; 1800]);
        assert_eq!((k.tau_start_s, k.segments, k.rises_fitted), (60.0, 1, 0));
        assert_eq!((k.tau_up_s, k.tau_down_s), (60.0, 96.0));
        // Heart rate at its level from the first second: nothing to fit.
        let flat = kinetics(&vec![Some(140.0); 1800], &vec![false; 1800]);
        assert_eq!(flat.tau_start_s, DEFAULT_TAU_S);
    }

    #[test]
    fn restarts_after_stops_give_the_rise_and_fall_of_their_own() {
        // Cold start with τ 90 s; a 40 s stop at 600 s, where the target
        // falls to 110 bpm; a climb at 1500 s that a 10 s light ends at
        // 1600 s, so heart rate restarts high. Rises τ 25 s, falls τ 40 s.
        let n = 2400;
        let stopped: Vec<bool> = (0..n)
            .map(|i| (600..640).contains(&i) || (1600..1610).contains(&i))
            .collect();
        let target = |i: usize| match i {
            _ if stopped[i] => 110.0,
            1500..1600 => 175.0,
            _ => 145.0,
        };
        let taus = |i: usize| if i < 600 { (90.0, 90.0) } else { (25.0, 40.0) };
        let hr = lag(target, 80.0, taus, n);
        let k = kinetics(&hr, &stopped);
        assert_eq!((k.segments, k.rises_fitted), (3, 1));
        assert_eq!((k.tau_start_s, k.tau_up_s), (90.0, 25.0));
        assert!((30.0..=50.0).contains(&k.tau_down_s), "{k:?}");
    }

    #[test]
    fn a_segment_without_enough_heart_rate_is_not_fitted() {
        let mut hr = lag(|_| 145.0, 80.0, |_| (30.0, 30.0), 1200);
        hr[..1150].fill(None);
        let k = kinetics(&hr, &vec![false; 1200]);
        assert_eq!(k.tau_start_s, DEFAULT_TAU_S);
    }
}
