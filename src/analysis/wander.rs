//! How far a runner's form wanders from week to week, measured on their
//! whole history, and the variance that wander gives a change between two
//! periods.
//!
//! The model of one metric (log speed for ratios, bpm, RPE points, …), for
//! run `r` in ISO week `w`:
//!
//! `y_r = level + f_w + e_r`
//!
//! * `e_r`, run to run within a week: variance `σ²`, pooled over the weeks
//!   with two runs or more;
//! * `f_w`, the slow form: a stationary weekly process with variance `s²`
//!   and correlation `exp(−h/τ)` at a lag of `h` weeks (memory `τ`), so its
//!   semivariogram is `γ(h) = s²(1 − exp(−h/τ))`;
//! * `level` is what the change estimate is about: it moves only when the
//!   runner's fitness does. Wander on the scale of weeks is noise, not change.
//!
//! `s²` and `τ` are fitted to the empirical semivariogram of the history's
//! week means (lags of 1 to [`MAX_LAG_WEEKS`] weeks, less the run-to-run
//! part each pair of weeks carries, weighted by the pairs at each lag),
//! after each week mean has had the mean of the weeks within
//! [`LEVEL_WEEKS`] of it taken off: a fitness gain over months is level, and
//! would otherwise pass for wander. A history of fewer than [`OWN_WEEKS`]
//! weeks with data cannot measure its wander well: it cannot tell wander
//! with a long memory from a change that takes weeks (a lifting block's
//! gain), and its short lags understate real wander (a real 27-week season
//! showed almost none at 1–4 weeks and 3.5 % at 12). It is blended, in
//! proportion to its weeks, with [`REAL_PRIOR`], measured on real seasons,
//! relative to the runner's own run-to-run noise.

use std::collections::BTreeMap;

/// Longest lag of the semivariogram that is fitted, weeks.
pub const MAX_LAG_WEEKS: i64 = 26;
/// Half-width of the window whose mean is taken as the level when the
/// wander is measured, weeks.
pub const LEVEL_WEEKS: i64 = 13;
/// Weeks with data at which the runner's own fit counts fully.
pub const OWN_WEEKS: f64 = 52.0;
/// Memories tried, weeks.
const MEMORIES: [f64; 10] = [0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0];
/// z for a two-sided 95 % band.
const Z95: f64 = 1.959_964;

/// The wander measured on real seasons, relative to the run-to-run noise,
/// used for the part of a short history's wander it cannot measure itself.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prior {
    /// Variance of the slow form over the run-to-run variance, `s²/σ²`.
    pub form_to_run: f64,
    /// Memory of the slow form, weeks.
    pub memory_weeks: f64,
}

/// Measured with [`fit`] on the three real seasons in `shared/realdata`
/// (heat-adjusted speed at the reference heart rate), `s²/σ²` and `τ`:
/// Coros 2023–26 (97 weeks) 1.68 and 2 weeks, Garmin 2013–15 (46 weeks)
/// 2.45 and 0.25, runpandas 2020–21 (27 weeks) 0.19 and 2; the
/// weeks-weighted mean of the ratio is 1.65, of the memory 1.5.
pub const REAL_PRIOR: Prior = Prior {
    form_to_run: 1.6,
    memory_weeks: 1.5,
};

/// One metric's wander.
#[derive(Clone, Debug, PartialEq)]
pub struct Wander {
    /// Run-to-run variance within a week, `σ²`.
    pub run_var: f64,
    /// The slow form as one or two exponential parts `(s², τ weeks)`: the
    /// runner's own fit and, for a short history, the prior's share.
    pub parts: Vec<(f64, f64)>,
    /// Weeks with data the fit rests on.
    pub weeks: usize,
    /// Share of the runner's own fit, 0–1 (the rest is [`REAL_PRIOR`]).
    pub own_share: f64,
}

/// A week's place on a weekly axis (consecutive weeks differ by one), from
/// an ISO week label such as `2026-W07`.
pub fn week_index(label: &str) -> Option<i64> {
    let (monday, _) = super::runs::week_bounds(label)?;
    Some(week_of(monday))
}

/// The place on the weekly axis of [`week_index`] of the week holding `date`.
pub fn week_of(date: chrono::NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&super::history::monday(
        date,
    ))) / 7
}

/// Week means: week index → (mean, runs).
pub fn week_means(obs: &[(i64, f64)]) -> BTreeMap<i64, (f64, usize)> {
    let mut sums: BTreeMap<i64, (f64, usize)> = BTreeMap::new();
    for &(k, y) in obs {
        let e = sums.entry(k).or_default();
        e.0 += y;
        e.1 += 1;
    }
    for v in sums.values_mut() {
        v.0 /= v.1 as f64;
    }
    sums
}

/// Pooled run-to-run variance within weeks; without a week of two runs,
/// the variance of all values (an upper bound).
fn run_variance(obs: &[(i64, f64)], means: &BTreeMap<i64, (f64, usize)>) -> f64 {
    let (mut ss, mut df) = (0.0, 0usize);
    for &(k, y) in obs {
        ss += (y - means[&k].0).powi(2);
    }
    for (_, n) in means.values() {
        df += n - 1;
    }
    if df > 0 {
        return ss / df as f64;
    }
    let n = obs.len() as f64;
    let m = obs.iter().map(|o| o.1).sum::<f64>() / n;
    (obs.iter().map(|o| (o.1 - m).powi(2)).sum::<f64>() / (n - 1.0).max(1.0)).max(0.0)
}

/// Empirical semivariogram of the week means less their level, each pair
/// less its run-to-run part: lag → (γ, pairs).
fn semivariogram(means: &BTreeMap<i64, (f64, usize)>, run_var: f64) -> BTreeMap<i64, (f64, usize)> {
    let weeks: Vec<(i64, f64, usize)> = means.iter().map(|(k, v)| (*k, v.0, v.1)).collect();
    let less_level: Vec<f64> = (weeks.iter())
        .map(|&(k, m, _)| {
            let near: Vec<f64> = (weeks.iter())
                .filter(|w| (w.0 - k).abs() <= LEVEL_WEEKS)
                .map(|w| w.1)
                .collect();
            m - near.iter().sum::<f64>() / near.len() as f64
        })
        .collect();
    let mut out: BTreeMap<i64, (f64, usize)> = BTreeMap::new();
    for i in 0..weeks.len() {
        for j in i + 1..weeks.len() {
            let h = weeks[j].0 - weeks[i].0;
            if h > MAX_LAG_WEEKS {
                break;
            }
            let noise = run_var * (1.0 / weeks[i].2 as f64 + 1.0 / weeks[j].2 as f64) / 2.0;
            let e = out.entry(h).or_default();
            e.0 += (less_level[i] - less_level[j]).powi(2) / 2.0 - noise;
            e.1 += 1;
        }
    }
    for v in out.values_mut() {
        v.0 /= v.1 as f64;
    }
    out
}

/// `(s², τ)` of the exponential model closest to `gamma` (least squares
/// weighted by pairs, over a grid of memories); `None` without pairs.
fn fit_exponential(gamma: &BTreeMap<i64, (f64, usize)>) -> Option<(f64, f64)> {
    let mut best: Option<(f64, f64, f64)> = None;
    for tau in MEMORIES {
        let shape = |h: i64| 1.0 - (-(h as f64) / tau).exp();
        let (num, den) = gamma.iter().fold((0.0, 0.0), |(a, b), (&h, &(g, n))| {
            (a + n as f64 * g * shape(h), b + n as f64 * shape(h).powi(2))
        });
        if den <= 0.0 {
            continue;
        }
        let s2 = (num / den).max(0.0);
        let sse: f64 = (gamma.iter())
            .map(|(&h, &(g, n))| n as f64 * (g - s2 * shape(h)).powi(2))
            .sum();
        if best.is_none_or(|b| sse < b.0) {
            best = Some((sse, s2, tau));
        }
    }
    best.map(|b| (b.1, b.2))
}

/// Measure the wander of one metric from every `(week index, value)` of
/// the runner's history, blended with `prior` when the history is short.
pub fn fit(obs: &[(i64, f64)], prior: Prior) -> Wander {
    let means = week_means(obs);
    let run_var = if obs.len() > 1 {
        run_variance(obs, &means)
    } else {
        0.0
    };
    let gamma = semivariogram(&means, run_var);
    let own = fit_exponential(&gamma);
    let own_share = match own {
        Some(_) => (means.len() as f64 / OWN_WEEKS).min(1.0),
        None => 0.0,
    };
    let mut parts = Vec::new();
    if let Some((s2, tau)) = own.filter(|_| own_share > 0.0) {
        parts.push((own_share * s2, tau));
    }
    if own_share < 1.0 {
        let s2 = prior.form_to_run * run_var;
        parts.push(((1.0 - own_share) * s2, prior.memory_weeks));
    }
    Wander {
        run_var,
        parts,
        weeks: means.len(),
        own_share,
    }
}

impl Wander {
    /// Covariance of the slow form at a lag of `h` weeks.
    pub fn covariance(&self, h: i64) -> f64 {
        (self.parts.iter())
            .map(|&(s2, tau)| s2 * (-(h.abs() as f64) / tau).exp())
            .sum()
    }

    /// Variance of the slow form, `s²` (its sd is how far a week's form is
    /// typically off the runner's level).
    pub fn form_var(&self) -> f64 {
        self.covariance(0)
    }

    /// Variance of `mean(recent week means) − mean(baseline week means)`
    /// when the level did not change: each side `(week index, runs)`.
    pub fn contrast_var(&self, base: &[(i64, usize)], recent: &[(i64, usize)]) -> f64 {
        let weighted: Vec<(i64, usize, f64)> = (base.iter())
            .map(|&(k, n)| (k, n, -1.0 / base.len() as f64))
            .chain(
                recent
                    .iter()
                    .map(|&(k, n)| (k, n, 1.0 / recent.len() as f64)),
            )
            .collect();
        let runs: f64 = (weighted.iter())
            .map(|&(_, n, a)| a * a * self.run_var / n.max(1) as f64)
            .sum();
        let form: f64 = (weighted.iter())
            .flat_map(|&(ki, _, ai)| {
                (weighted.iter()).map(move |&(kj, _, aj)| ai * aj * self.covariance(ki - kj))
            })
            .sum();
        (runs + form).max(0.0)
    }

    /// The sd of the difference of a stretch of `weeks_a` weeks and one of
    /// `weeks_b` weeks that starts `gap` weeks after it ends,
    /// `runs_per_week` runs in each week, with no change of level.
    pub fn band_sd(&self, weeks_a: i64, gap: i64, weeks_b: i64, runs_per_week: usize) -> f64 {
        let a: Vec<(i64, usize)> = (0..weeks_a).map(|k| (k, runs_per_week)).collect();
        let from = weeks_a + gap.max(0);
        let b: Vec<(i64, usize)> = (from..from + weeks_b).map(|k| (k, runs_per_week)).collect();
        self.contrast_var(&a, &b).sqrt()
    }

    /// Half the width of the 95 % band (normal) of the difference of two
    /// adjacent stretches.
    pub fn band(&self, weeks_a: i64, weeks_b: i64, runs_per_week: usize) -> f64 {
        Z95 * self.band_sd(weeks_a, 0, weeks_b, runs_per_week)
    }
}

#[cfg(test)]
mod tests;
