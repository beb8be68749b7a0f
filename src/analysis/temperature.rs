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
//! [`MIN_HOT_RUNS`] runs above it) with the best GCV. A watch that reads
//! warm while worn shifts `T₀`, not the slope.
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
    /// Standard error of the slope.
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
        if hinge.iter().filter(|&&h| h > 0.0).count() < MIN_HOT_RUNS {
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
    let right_sign = if harder_when_positive {
        f.slope > 0.0
    } else {
        f.slope < 0.0
    };
    right_sign.then(|| HeatFit {
        threshold_c: t0,
        slope: f.slope,
        se: f.se,
        n_hot: obs.iter().filter(|o| o.1 > t0).count(),
        detrended: y.iter().zip(&f.trend).map(|(y, t)| y - t).collect(),
    })
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
