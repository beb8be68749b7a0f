//! Temperature adjustment, estimated from the runner's own data.
//!
//! Heat raises heart rate above some comfortable temperature; below it,
//! temperature hardly matters. The effect is modelled as a hinge,
//! `y = group level + slope · max(0, T − T₀)`, fitted by least squares
//! within groups of runs of the same fitness (the caller's groups: each ISO
//! week), so that changes of fitness and the season's trend cannot pose as
//! heat: only the weather inside a group identifies the slope. The
//! threshold `T₀` is the whole degree (0–[`MAX_THRESHOLD_C`] °C) that fits
//! best. An adjustment is applied whenever the slope has the physiological
//! sign (heat makes running harder), also when it is not clearly non-zero:
//! a real but weakly seen heat effect left out biases the answer, while its
//! uncertainty goes into the intervals (see [`super::effort`]). Otherwise
//! values are left as they are and the report says so. Adjusted values are
//! those expected at or below `T₀`.

use std::collections::BTreeMap;

/// Fewest runs above the threshold for a fit.
pub const MIN_HOT_RUNS: usize = 5;
/// Highest threshold tried, °C as the watch reads it: a wrist sensor reads
/// 2–6 °C above the air, so a runner in a hot climate who feels heat from
/// 25 °C air may need 30 °C or more here.
pub const MAX_THRESHOLD_C: i32 = 35;

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

/// Each observation's temperature and its value less its group's fitted
/// level (the group's fitness), so that the fitted heat effect plus the
/// residual is left: a partial-residual plot, what the heat chart shows.
/// Without a fit the level is the group's mean. Groups of one run say
/// nothing about heat and are left out.
pub fn detrended(obs: &[Obs], fit: Option<&HeatFit>) -> Vec<(f64, f64)> {
    let effect = |t: f64| fit.map_or(0.0, |f| f.effect(t));
    let mut groups: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (g, t, y) in obs {
        groups.entry(g.as_str()).or_default().push(y - effect(*t));
    }
    let level = |g: &str| {
        let v = &groups[g];
        (v.len() >= 2).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    (obs.iter())
        .filter_map(|(g, t, y)| Some((*t, y - level(g)?)))
        .collect()
}

/// One observation: ISO week, temperature (°C), value.
pub type Obs = (String, f64, f64);

/// A least-squares fit for one threshold.
#[derive(Clone, Copy)]
struct Candidate {
    threshold_c: f64,
    slope: f64,
    se: f64,
    ssr: f64,
    n_hot: usize,
}

/// Within-week least squares of the value on `max(0, T − t0)`.
fn within_week(obs: &[Obs], t0: f64) -> Option<Candidate> {
    let mut weeks: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    for (w, t, y) in obs {
        weeks
            .entry(w.as_str())
            .or_default()
            .push(((t - t0).max(0.0), *y));
    }
    let (mut sxx, mut sxy, mut syy, mut n, mut groups) = (0.0, 0.0, 0.0, 0usize, 0usize);
    for pts in weeks.values().filter(|p| p.len() >= 2) {
        let mx = pts.iter().map(|p| p.0).sum::<f64>() / pts.len() as f64;
        let my = pts.iter().map(|p| p.1).sum::<f64>() / pts.len() as f64;
        for (x, y) in pts {
            sxx += (x - mx).powi(2);
            sxy += (x - mx) * (y - my);
            syy += (y - my).powi(2);
        }
        n += pts.len();
        groups += 1;
    }
    let dof = n.checked_sub(groups + 1).filter(|&d| d > 0)?;
    if sxx <= 1e-9 {
        return None;
    }
    let slope = sxy / sxx;
    let ssr = (syy - slope * sxy).max(0.0);
    let se = (ssr / dof as f64 / sxx).sqrt();
    let n_hot = obs.iter().filter(|o| o.1 > t0).count();
    Some(Candidate {
        threshold_c: t0,
        slope,
        se,
        ssr,
        n_hot,
    })
}

/// Fit the heat effect; `harder_when_positive` says which sign means "heat
/// makes running harder" (true for heart rate, false for speed).
pub fn fit(obs: &[Obs], harder_when_positive: bool) -> Option<HeatFit> {
    let grid: Vec<Candidate> = (0..=MAX_THRESHOLD_C)
        .filter_map(|t0| within_week(obs, f64::from(t0)))
        .filter(|c| c.n_hot >= MIN_HOT_RUNS)
        .collect();
    let best = *grid.iter().min_by(|a, b| a.ssr.total_cmp(&b.ssr))?;
    let c = best;
    let right_sign = if harder_when_positive {
        c.slope > 0.0
    } else {
        c.slope < 0.0
    };
    right_sign.then_some(HeatFit {
        threshold_c: c.threshold_c,
        slope: c.slope,
        se: c.se,
        n_hot: c.n_hot,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synthetic(slope: f64, t0: f64) -> Vec<Obs> {
        // 12 weeks, 5 runs each; a rising season plus day-to-day weather,
        // a week effect (fitness) and the heat hinge.
        let mut obs = Vec::new();
        for w in 0..12 {
            for d in 0..5 {
                let t = 4.0
                    + 1.5 * f64::from(w)
                    + [-4.0, 3.0, 0.0, 5.0, -2.0][d]
                    + 0.3 * f64::from(w % 3);
                let week_effect = 0.5 * f64::from(w);
                obs.push((
                    format!("W{w}"),
                    t,
                    100.0 + week_effect + slope * (t - t0).max(0.0),
                ));
            }
        }
        obs
    }

    #[test]
    fn recovers_threshold_and_slope() {
        let fit = fit(&synthetic(0.8, 10.0), true).unwrap();
        assert_eq!(fit.threshold_c, 10.0);
        assert!((fit.slope - 0.8).abs() < 1e-9, "{fit:?}");
        assert!((fit.adjust(120.0, 15.0) - 116.0).abs() < 1e-9);
        assert_eq!(fit.adjust(120.0, 5.0), 120.0);
    }

    #[test]
    fn a_hot_climate_threshold_above_25_is_found() {
        // The same weeks 14 °C warmer: watch readings of 14–40 °C.
        let hot: Vec<Obs> = (synthetic(0.0, 0.0).into_iter())
            .map(|(w, t, y)| (w, t + 14.0, y))
            .map(|(w, t, y)| (w, t, y + 0.8 * (t - 28.0).max(0.0)))
            .collect();
        let fit = fit(&hot, true).unwrap();
        assert_eq!(fit.threshold_c, 28.0, "{fit:?}");
        assert!((fit.slope - 0.8).abs() < 1e-9, "{fit:?}");
    }

    #[test]
    fn wrong_sign_gives_none_and_no_effect_is_not_clear() {
        assert!(fit(&synthetic(0.8, 10.0), false).is_none());
        assert!(fit(&synthetic(0.0, 10.0), true).is_none_or(|f| !f.clear()));
        assert!(fit(&synthetic(0.8, 10.0), true).unwrap().clear());
    }

    #[test]
    fn detrended_values_keep_the_heat_effect_and_lose_the_week_level() {
        let obs = vec![
            ("W1".to_string(), 10.0, 100.0),
            ("W1".to_string(), 20.0, 104.0),
            ("W2".to_string(), 15.0, 90.0),
        ];
        assert_eq!(detrended(&obs, None), vec![(10.0, -2.0), (20.0, 2.0)]);
        let fit = fit(&synthetic(0.8, 10.0), true).unwrap();
        let points = detrended(&synthetic(0.8, 10.0), Some(&fit));
        for (t, y) in points {
            assert!((y - fit.effect(t)).abs() < 1e-6, "{t} °C: {y}");
        }
    }
}
