//! Temperature adjustment, estimated from the runner's own data.
//!
//! Heat raises heart rate above some comfortable temperature; below it,
//! temperature hardly matters. The effect is modelled as a hinge on top of a
//! smooth fitness trend:
//!
//! `value = trend(day) + slope · max(0, T − T₀) + noise`
//!
//! The trend is piecewise linear with a knot every [`KNOT_DAYS`] days (60
//! knots at most, further apart on long histories) and a penalty on its
//! first differences (a P-spline), fitted jointly with the hinge; its
//! smoothness is chosen by generalised cross-validation (GCV). It follows
//! fitness and the season, so the slope is identified by how much warmer
//! and cooler days differ from the days around them, not by the season
//! warming while fitness changes, and no period has to be assumed stable
//! (nor form to change on Mondays, as calendar-week groups assumed). The
//! threshold `T₀` is the whole degree (0–[`MAX_THRESHOLD_C`] °C, at least
//! [`MIN_HOT_RUNS`] runs above it and [`MIN_SPAN_RUNS`] at least
//! [`MIN_SPAN_C`] above it) with the best GCV. A watch that reads warm while
//! worn shifts `T₀`, not the slope. A slope steeper than [`MAX_BPM_PER_C`]
//! is not physiological: it is reported as not identified and not used.
//!
//! An adjustment is applied whenever the slope has the physiological sign
//! (heat makes running harder), also when it is not clearly non-zero: a real
//! but weakly seen heat effect left out biases the answer, while its
//! uncertainty goes into the intervals (see [`super::effort`]). Otherwise
//! values are left as they are and the report says so. Adjusted values are
//! those expected at or below `T₀`.

mod spline;

/// Fewest runs above the threshold for a fit.
pub const MIN_HOT_RUNS: usize = 5;
/// A threshold also needs [`MIN_SPAN_RUNS`] runs at least this far above
/// it, °C: a threshold at the edge of the data, with a few runs just
/// above it, has no range to measure a slope over.
pub const MIN_SPAN_C: f64 = 4.0;
/// Runs needed at least [`MIN_SPAN_C`] above the threshold.
pub const MIN_SPAN_RUNS: usize = 3;
/// Steepest heat effect taken as physiological, bpm per °C as the watch
/// reads it. In a climatic chamber, heart rate at a fixed oxygen uptake
/// rose 1.4 % per °C of air between 21 and 35 °C (Ergonomics 18(5):539–546,
/// 1975), about 2 bpm per °C at 145 bpm; a watch's reading swings more than
/// the air, so its slope is smaller still. A fitted slope steeper than 3
/// bpm per °C is a fit to something else (a few odd runs, a trend) and is
/// reported as not identified.
pub const MAX_BPM_PER_C: f64 = 3.0;
/// Highest threshold tried, °C as the watch reads it: a wrist sensor reads
/// 2–6 °C above the air, so a runner in a hot climate who feels heat from
/// 25 °C air may need 30 °C or more here.
pub const MAX_THRESHOLD_C: i32 = 35;
/// Days between the trend's knots, at least: a week, so that the trend can
/// follow form that drifts over a week or two; the penalty keeps a few warm
/// days in a row from being taken for a change of fitness.
pub const KNOT_DAYS: f64 = 7.0;
/// Smoothness penalties tried (per observation per knot): from a trend that
/// follows each week to one that is nearly flat.
const PENALTIES: [f64; 5] = [0.01, 0.1, 1.0, 10.0, 100.0];

/// A fitted heat effect.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatFit {
    /// Temperature above which heat acts, °C.
    pub threshold_c: f64,
    /// Change of the value per °C above the threshold.
    pub slope: f64,
    /// Standard error of the slope, widened for residuals and temperatures
    /// that are correlated from run to run.
    pub se: f64,
    /// Runs above the threshold.
    pub n_hot: usize,
    /// Each observation's value less its fitted fitness trend (in the
    /// input's order): the heat effect plus noise, what the heat chart plots.
    pub detrended: Vec<f64>,
}

impl HeatFit {
    /// The fitted heat effect at `temperature_c`, in units of the value.
    pub fn effect(&self, temperature_c: f64) -> f64 {
        self.slope * (temperature_c - self.threshold_c).max(0.0)
    }

    /// `value` moved to what it would be at or below the threshold.
    pub fn adjust(&self, value: f64, temperature_c: f64) -> f64 {
        self.adjust_with(1.0, value, temperature_c)
    }

    /// As [`HeatFit::adjust`] with the effect scaled by `k` (for the interval).
    pub fn adjust_with(&self, k: f64, value: f64, temperature_c: f64) -> f64 {
        value - k * self.effect(temperature_c)
    }

    /// True when the slope is clearly non-zero (|t| ≥ 2).
    pub fn clear(&self) -> bool {
        self.slope.abs() >= 2.0 * self.se
    }

    /// True when the slope is within what heat does to heart rate
    /// (at most [`MAX_BPM_PER_C`] either way).
    pub fn plausible(&self) -> bool {
        self.slope.abs() <= MAX_BPM_PER_C
    }
}

/// One observation: day (any origin, may be fractional), temperature (°C), value.
pub type Obs = (f64, f64, f64);

fn columns(obs: &[Obs]) -> (spline::Trend, Vec<f64>) {
    let days: Vec<f64> = obs.iter().map(|o| o.0).collect();
    let y = obs.iter().map(|o| o.2).collect();
    (spline::Trend::new(&days, KNOT_DAYS), y)
}

/// Fit the heat effect; `harder_when_positive` says which sign means "heat
/// makes running harder" (true for heart rate, false for speed). `None`
/// when too few runs are warm enough to tell, or the best slope has the
/// other sign (then no heat effect is seen and nothing is adjusted).
pub fn fit(obs: &[Obs], harder_when_positive: bool) -> Option<HeatFit> {
    if obs.len() < 2 * MIN_HOT_RUNS {
        return None;
    }
    let (trend, y) = columns(obs);
    let mut best: Option<(f64, spline::Fitted)> = None;
    for t0 in (0..=MAX_THRESHOLD_C).map(f64::from) {
        let hinge: Vec<f64> = obs.iter().map(|o| (o.1 - t0).max(0.0)).collect();
        let above = |d: f64| hinge.iter().filter(|&&h| h > d).count();
        if above(0.0) < MIN_HOT_RUNS || above(MIN_SPAN_C - 1e-9) < MIN_SPAN_RUNS {
            continue;
        }
        for lambda in PENALTIES {
            let Some(f) = trend.fit(&y, Some(&hinge), lambda) else {
                continue;
            };
            if best.as_ref().is_none_or(|b| f.gcv < b.1.gcv) {
                best = Some((t0, f));
            }
        }
    }
    let (t0, f) = best?;
    let hinge: Vec<f64> = obs.iter().map(|o| (o.1 - t0).max(0.0)).collect();
    let resid: Vec<f64> = (0..obs.len())
        .map(|i| y[i] - f.trend[i] - f.slope * hinge[i])
        .collect();
    let se = f.se * correlation_inflation(&resid, &hinge);
    let right_sign = if harder_when_positive {
        f.slope > 0.0
    } else {
        f.slope < 0.0
    };
    right_sign.then(|| HeatFit {
        threshold_c: t0,
        slope: f.slope,
        se,
        n_hot: obs.iter().filter(|o| o.1 > t0).count(),
        detrended: y.iter().zip(&f.trend).map(|(y, t)| y - t).collect(),
    })
}

/// Lag-1 autocorrelation of `v` in its order (0 when it does not vary).
fn lag1(v: &[f64]) -> f64 {
    let m = v.iter().sum::<f64>() / v.len().max(1) as f64;
    let ss: f64 = v.iter().map(|x| (x - m).powi(2)).sum();
    if ss <= 0.0 {
        return 0.0;
    }
    v.windows(2).map(|w| (w[0] - m) * (w[1] - m)).sum::<f64>() / ss
}

/// How much wider the slope's standard error is when the residuals of
/// runs in a row are correlated (form that lasts a few days, which the
/// weekly trend leaves) and the temperature is too (warm spells):
/// `√((1 + ρₑρₓ)/(1 − ρₑρₓ))`, the AR(1) factor for a regression slope,
/// with both lag-1 correlations taken in time order. Never below 1.
fn correlation_inflation(resid: &[f64], x: &[f64]) -> f64 {
    let r = (lag1(resid) * lag1(x)).clamp(0.0, 0.9);
    ((1.0 + r) / (1.0 - r)).sqrt()
}

/// Each observation's temperature and its value less the fitted fitness
/// trend, so that the heat effect plus noise is left: a partial-residual
/// plot, what the heat chart shows. Without a fit the trend is fitted alone
/// (smoothness by GCV).
pub fn detrended(obs: &[Obs], fit: Option<&HeatFit>) -> Vec<(f64, f64)> {
    let temps = obs.iter().map(|o| o.1);
    if let Some(f) = fit {
        return temps.zip(f.detrended.iter().copied()).collect();
    }
    if obs.len() < 3 {
        return Vec::new();
    }
    let (trend, y) = columns(obs);
    let best = (PENALTIES.iter())
        .filter_map(|&l| trend.fit(&y, None, l))
        .min_by(|a, b| a.gcv.total_cmp(&b.gcv));
    match best {
        Some(f) => temps
            .zip(y.iter().zip(&f.trend).map(|(y, t)| y - t))
            .collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 16 weeks, 5 runs each: fitness improving (the value falling 0.4 a
    /// week, with no stable stretch) while the season warms 1.2 °C a week,
    /// day-to-day weather, and the heat hinge.
    fn synthetic(slope: f64, t0: f64) -> Vec<Obs> {
        let mut obs = Vec::new();
        for w in 0..16 {
            for d in 0..5 {
                let day = f64::from(7 * w + [0, 1, 3, 4, 6][d]);
                let weather = [-4.0, 3.0, 0.5, 5.0, -2.5][(d + w as usize) % 5];
                let t = 4.0 + 1.2 * day / 7.0 + weather;
                let y = 150.0 - 0.4 * day / 7.0 + slope * (t - t0).max(0.0);
                obs.push((day, t, y));
            }
        }
        obs
    }

    #[test]
    fn recovers_threshold_and_slope_against_a_changing_fitness() {
        let obs = synthetic(0.8, 10.0);
        let fit = fit(&obs, true).unwrap();
        assert_eq!(fit.threshold_c, 10.0, "{fit:?}");
        assert!((fit.slope - 0.8).abs() < 0.01, "{fit:?}");
        assert!(fit.clear());
        assert_eq!(fit.adjust(120.0, 5.0), 120.0);
        assert!((fit.adjust(120.0, 15.0) - 116.0).abs() < 0.05);
        // Less the trend, what is left is the heat effect (plus a constant).
        let level = fit.detrended[0] - fit.effect(obs[0].1);
        for ((_, t, _), d) in obs.iter().zip(&fit.detrended) {
            assert!((d - level - fit.effect(*t)).abs() < 0.3, "{t} °C: {d}");
        }
    }

    #[test]
    fn a_threshold_needs_runs_well_above_it_and_a_plausible_slope() {
        // Every run at 10–19 °C but five harder ones, four at 20 °C and one
        // at 22 °C: a hinge at 19 °C would fit them best, but only
        // thresholds up to 16 °C have three runs 4 °C above them.
        let mut obs: Vec<Obs> = synthetic(0.0, 0.0)
            .into_iter()
            .map(|(d, t, y)| (d, 10.0 + (t - 4.0).rem_euclid(9.0), y))
            .collect();
        for (i, o) in obs.iter_mut().take(25).step_by(5).enumerate() {
            o.1 = 20.0 + if i == 0 { 2.0 } else { 0.0 };
            o.2 += 9.0;
        }
        assert!(
            fit(&obs, true).is_none_or(|f| f.threshold_c <= 16.0),
            "{:?}",
            fit(&obs, true)
        );
        // An 8 bpm/°C hinge is fitted, and flagged as not physiological.
        let steep = fit(&synthetic(8.0, 10.0), true).unwrap();
        assert!(
            (steep.slope - 8.0).abs() < 0.1 && !steep.plausible(),
            "{steep:?}"
        );
        assert!(fit(&synthetic(0.8, 10.0), true).unwrap().plausible());
    }

    #[test]
    fn correlated_residuals_and_temperatures_widen_the_slope_error() {
        // Warm spells and runs that are off together for days: both correlated.
        let slow: Vec<f64> = (0..40).map(|i| ((i / 5) % 2) as f64).collect();
        let f = correlation_inflation(&slow, &slow);
        assert!(f > 1.5 && f <= (1.9f64 / 0.1).sqrt(), "{f}");
        // Alternating residuals, or a covariate that does not persist, add nothing.
        let alt: Vec<f64> = (0..40).map(|i| (i % 2) as f64).collect();
        assert_eq!(correlation_inflation(&alt, &slow), 1.0);
        assert_eq!(correlation_inflation(&slow, &[1.0; 40]), 1.0);
    }

    #[test]
    fn a_hot_climate_threshold_above_25_is_found() {
        // The same season 14 °C warmer: watch readings of 14–40 °C.
        let hot: Vec<Obs> = (synthetic(0.0, 0.0).into_iter())
            .map(|(d, t, y)| (d, t + 14.0, y + 0.8 * (t + 14.0 - 28.0).max(0.0)))
            .collect();
        let fit = fit(&hot, true).unwrap();
        assert_eq!(fit.threshold_c, 28.0, "{fit:?}");
        assert!((fit.slope - 0.8).abs() < 0.01, "{fit:?}");
    }

    #[test]
    fn wrong_sign_no_effect_or_too_few_runs_adjust_nothing() {
        assert!(fit(&synthetic(0.8, 10.0), false).is_none());
        assert!(fit(&synthetic(0.0, 10.0), true).is_none_or(|f| !f.clear() && f.slope < 0.02));
        assert!(fit(&synthetic(0.8, 10.0)[..8], true).is_none());
    }

    #[test]
    fn without_a_fit_the_chart_still_gets_detrended_values() {
        // The changing fitness plus ±1 from run to run, which no weekly trend follows.
        let wiggle = |i: usize| if i.is_multiple_of(2) { 1.0 } else { -1.0 };
        let obs: Vec<Obs> = (synthetic(0.0, 10.0).into_iter().enumerate())
            .map(|(i, (d, t, y))| (d, t, y + wiggle(i)))
            .collect();
        let points = detrended(&obs, None);
        assert_eq!(points.len(), obs.len());
        // The fitness trend is gone and the run-to-run part is left.
        for (i, p) in points.iter().enumerate() {
            assert!((p.1 - wiggle(i)).abs() < 0.3, "run {i}: {p:?}");
            assert_eq!(p.0, obs[i].1);
        }
        assert!(detrended(&obs[..2], None).is_empty());
    }
}
