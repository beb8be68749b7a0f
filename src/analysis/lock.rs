//! Optical heart rate locked onto cadence: a wrist sensor that takes the
//! arm's swing for the pulse reports the cadence as heart rate.
//!
//! A lock is heart rate *following* the cadence, not heart rate that only
//! happens to be near it: a runner whose easy heart rate is 165 and whose
//! cadence is 168 has a heart rate of its own, which drifts slowly and
//! ignores the cadence's step-to-step changes. So a second is locked when,
//! over the [`WINDOW_S`] around it (at least [`MIN_SECONDS`] seconds with
//! both values):
//! * heart rate is within [`NEAR_BPM`] of the cadence on average, and
//! * it tracks the cadence: `var(HR − cadence) ≤` [`TRACKING`] `· var(cadence)`
//!   (an independent heart rate adds its own variance to the cadence's, so
//!   the ratio is at least 1), where the cadence moves enough to tell
//!   (variance at least [`MIN_CADENCE_VAR`]).
//!
//! A flat heart rate on a flat cadence cannot be told from a steady runner
//! whose heart rate equals their cadence (a Coros season in
//! `shared/realdata` runs at 158 bpm and 158 steps a minute for 20 minutes,
//! both within a beat), so it is kept; a lock's jump onto the cadence and
//! off it is caught as a spike.
//!
//! Locked seconds are dropped with [`PAD_S`] either side, which also covers
//! the edges of the window, where a lock's first and last seconds share it
//! with the heart rate before and after. A chest strap measures the heart's
//! electrical signal and cannot lock: runs whose files state one are never
//! flagged.

/// Half-width of the window the test looks at, s (31 s in all).
pub const WINDOW_S: usize = 15;
/// Fewest seconds with heart rate and cadence in a window.
pub const MIN_SECONDS: usize = 20;
/// Largest mean distance of heart rate from cadence, bpm against steps/min.
pub const NEAR_BPM: f64 = 3.0;
/// Largest share of the cadence's variance left in `HR − cadence`: a
/// heart rate that explains most of the cadence's moves second by second.
pub const TRACKING: f64 = 0.35;
/// Cadence variance below which tracking cannot be judged, (steps/min)²:
/// cadences written in whole strides move in steps of 2.
pub const MIN_CADENCE_VAR: f64 = 1.0;
/// Seconds dropped either side of a locked second.
pub const PAD_S: usize = WINDOW_S;

/// Running sums over the seconds with both values.
#[derive(Clone, Copy, Default)]
struct Sums {
    n: f64,
    c: f64,
    cc: f64,
    d: f64,
    dd: f64,
}

impl Sums {
    fn add(self, h: f64, c: f64) -> Sums {
        let d = h - c;
        Sums {
            n: self.n + 1.0,
            c: self.c + c,
            cc: self.cc + c * c,
            d: self.d + d,
            dd: self.dd + d * d,
        }
    }

    fn less(self, o: Sums) -> Sums {
        Sums {
            n: self.n - o.n,
            c: self.c - o.c,
            cc: self.cc - o.cc,
            d: self.d - o.d,
            dd: self.dd - o.dd,
        }
    }

    /// Whether the window these sums cover looks locked.
    fn locked(&self) -> bool {
        if self.n < MIN_SECONDS as f64 {
            return false;
        }
        let var = |s: f64, ss: f64| (ss / self.n - (s / self.n).powi(2)).max(0.0);
        let (mean_d, var_d) = (self.d / self.n, var(self.d, self.dd));
        let var_c = var(self.c, self.cc);
        mean_d.abs() <= NEAR_BPM && var_c >= MIN_CADENCE_VAR && var_d <= TRACKING * var_c
    }
}

/// The seconds of a one-second timeline where heart rate is locked to the
/// cadence, padded; all false for a chest strap.
pub fn locked(hr: &[Option<f64>], cadence: &[Option<f64>], chest_strap: bool) -> Vec<bool> {
    let n = hr.len();
    if chest_strap {
        return vec![false; n];
    }
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(Sums::default());
    for i in 0..n {
        let last = prefix[i];
        prefix.push(match (hr[i], cadence.get(i).copied().flatten()) {
            (Some(h), Some(c)) if c > 0.0 => last.add(h, c),
            _ => last,
        });
    }
    let hit: Vec<bool> = (0..n)
        .map(|i| {
            let (a, b) = (i.saturating_sub(WINDOW_S), (i + WINDOW_S + 1).min(n));
            prefix[b].less(prefix[a]).locked()
        })
        .collect();
    super::signal::dilate(&hit, PAD_S, PAD_S)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_distr::{Distribution, Normal};

    /// `n` seconds of a unit-normal series of its own, one per `seed`.
    fn series(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let unit = Normal::new(0.0, 1.0).unwrap();
        (0..n).map(|_| unit.sample(&mut rng)).collect()
    }

    #[test]
    fn heart_rate_that_copies_the_cadence_is_locked_over_its_whole_stretch() {
        let n = 900;
        let (jc, jl, jh) = (series(n, 1), series(n, 2), series(n, 3));
        let cad: Vec<Option<f64>> = (0..n)
            .map(|i| Some((170.0 + 1.5 * jc[i]).round()))
            .collect();
        // Own heart rate at 145, locked from 300 s to 480 s (the sensor's copy a little noisy).
        let hr: Vec<Option<f64>> = (0..n)
            .map(|i| {
                let c = cad[i].unwrap();
                Some(if (300..480).contains(&i) {
                    (c + 0.7 * jl[i]).round()
                } else {
                    (145.0 + 1.5 * jh[i]).round()
                })
            })
            .collect();
        let l = locked(&hr, &cad, false);
        let caught = (300..480).filter(|&i| l[i]).count();
        assert!(caught >= 170, "{caught} of 180");
        let outside = (0..n).filter(|&i| l[i] && !(285..495).contains(&i)).count();
        assert_eq!(outside, 0);
        assert!(locked(&hr, &cad, true).iter().all(|x| !x));
    }

    #[test]
    fn a_heart_rate_of_its_own_near_the_cadence_is_not_locked() {
        // Heart rate 168 with its own noise and a slow drift, cadence 169 with its own.
        let n = 3600;
        let (jc, jh) = (series(n, 4), series(n, 5));
        let cad: Vec<Option<f64>> = (0..n)
            .map(|i| Some((169.0 + 1.5 * jc[i]).round()))
            .collect();
        let hr: Vec<Option<f64>> = (0..n)
            .map(|i| Some((168.0 + 3.0 * (i as f64 / 300.0).sin() + 1.5 * jh[i]).round()))
            .collect();
        let flagged = locked(&hr, &cad, false).iter().filter(|x| **x).count();
        assert!(flagged * 100 < n, "{flagged} of {n} s flagged");
    }

    #[test]
    fn a_flat_trace_on_a_flat_cadence_is_kept_and_gaps_are_not_locked() {
        let n = 600;
        let cad = vec![Some(170.0); n];
        let flat: Vec<Option<f64>> = (0..n)
            .map(|i| {
                Some(if (200..400).contains(&i) {
                    170.0
                } else {
                    140.0
                })
            })
            .collect();
        assert!(locked(&flat, &cad, false).iter().all(|x| !x));
        assert!(locked(&vec![None; n], &cad, false).iter().all(|x| !x));
    }
}
