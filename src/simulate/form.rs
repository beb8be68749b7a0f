//! The simulated runner's form: how far their heart rate at a given effort
//! sits off its usual level, day by day. It is a slow part (a daily AR(1):
//! sleep, stress, accumulated fatigue that come and go over days to weeks)
//! plus a fresh draw each day.
//!
//! * `steady` (the default, what `data/` and the accuracy tests use): a
//!   slow part of 0.5 bpm with a memory of about a week and 0.8 bpm a day,
//!   far steadier than real runners, so that the truth tests can see small
//!   biases of the estimators.
//! * `real` (`--form real`): the wander measured on the real seasons in
//!   `shared/realdata` (see the README's "Honest intervals"), so that the
//!   intervals are tested against the noise that real runners have.

/// Which form a simulation uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum FormChoice {
    /// A steady runner: small biases show.
    #[default]
    Steady,
    /// Form that wanders as the real seasons' does.
    Real,
}

/// The form's parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FormModel {
    /// Day-to-day persistence of the slow part, an AR(1) coefficient per day.
    pub persistence: f64,
    /// Stationary sd of the slow part, bpm.
    pub slow_sd_bpm: f64,
    /// Sd of the fresh draw of each day, bpm.
    pub day_sd_bpm: f64,
}

impl FormModel {
    /// The model for `choice`.
    pub fn of(choice: FormChoice) -> FormModel {
        match choice {
            // On the Coros season in `realdata` the semivariance of heart
            // rate at the reference pace keeps growing past a week; this
            // runner is kept steady on purpose.
            FormChoice::Steady => FormModel {
                persistence: 0.85,
                slow_sd_bpm: 0.5,
                day_sd_bpm: 0.8,
            },
            // A memory of 18 days (e^(−1/18) a day), 5.5 bpm of slow form
            // and 3 bpm a day. On two simulated control years (seeds 3, 4)
            // speed at the reference heart rate then has a run-to-run sd of
            // 3.9–4.1 % and a semivariogram (square root) of 2.4–3.1 % at a
            // week, 4.4–6.6 % at 8 and 4.9–6.4 % at 26 weeks, as the real
            // seasons: 3.1–3.9 %; 2.4–5.8 % at a week (Coros, Garmin), 5.2–
            // 7.9 % at 8, 5.7–6.0 % at 26.
            FormChoice::Real => FormModel {
                persistence: (-1.0f64 / 18.0).exp(),
                slow_sd_bpm: 5.5,
                day_sd_bpm: 3.0,
            },
        }
    }

    /// The slow part's next day from `slow` and a unit normal draw.
    pub fn step(&self, slow: f64, unit: f64) -> f64 {
        self.persistence * slow + self.slow_sd_bpm * (1.0 - self.persistence.powi(2)).sqrt() * unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slow_part_keeps_its_spread_and_memory() {
        let m = FormModel::of(FormChoice::Real);
        let sd = m.slow_sd_bpm;
        // One step with a zero draw keeps the persistence's share.
        assert!((m.step(sd, 0.0) - sd * m.persistence).abs() < 1e-12);
        // Variance is kept: φ²s² + s²(1 − φ²) = s².
        let v = (m.persistence * sd).powi(2) + m.step(0.0, 1.0).powi(2);
        assert!((v - sd * sd).abs() < 1e-9, "{v}");
        // A memory of 18 days.
        assert!((-1.0 / m.persistence.ln() - 18.0).abs() < 1e-9);
        assert!(FormModel::of(FormChoice::Steady).slow_sd_bpm < sd / 5.0);
    }
}
