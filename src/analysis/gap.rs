//! Grade-adjusted speed from the energy cost of running on a slope.
//!
//! Minetti et al. (2002), J Appl Physiol 93:1039: the energy cost of running
//! at grade `i` (rise over run, as a fraction) is
//! `C(i) = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6` J/kg/m.
//! The fit is valid for about ±0.45, so grades are clamped to that range.
//! Grade-adjusted speed is the flat-ground speed of equal energy cost:
//! `v · C(i) / C(0)`.

/// Largest |grade| the Minetti polynomial is fitted for.
pub const MAX_GRADE: f64 = 0.45;

/// Energy cost of running on flat ground, J/kg/m.
pub const FLAT_COST: f64 = 3.6;

/// Minetti's energy cost of running, J/kg/m, at `grade` (clamped to ±0.45).
pub fn minetti_cost(grade: f64) -> f64 {
    let i = grade.clamp(-MAX_GRADE, MAX_GRADE);
    ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + FLAT_COST
}

/// Grade-adjusted speed (m/s): the flat speed costing as much as `speed` at `grade`.
pub fn grade_adjusted_speed(speed: f64, grade: f64) -> f64 {
    speed * minetti_cost(grade) / FLAT_COST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_at_known_grades() {
        assert!((minetti_cost(0.0) - 3.6).abs() < 1e-12);
        // Hand-computed: i = 0.10 → 0.001554 − 0.00304 − 0.0433 + 0.463 + 1.95 + 3.6 = 5.968214
        assert!((minetti_cost(0.10) - 5.968214).abs() < 1e-6);
        // i = −0.10 → −0.001554 − 0.00304 + 0.0433 + 0.463 − 1.95 + 3.6
        assert!((minetti_cost(-0.10) - 2.151706).abs() < 1e-6);
        // At −0.20: about 1.80 J/kg/m, near the minimum.
        assert!((minetti_cost(-0.20) - 1.800032).abs() < 1e-5);
        // Clamped beyond ±0.45.
        assert_eq!(minetti_cost(0.9), minetti_cost(0.45));
    }

    #[test]
    fn uphill_is_faster_when_adjusted() {
        assert!(grade_adjusted_speed(3.0, 0.05) > 3.0);
        assert!(grade_adjusted_speed(3.0, -0.05) < 3.0);
    }
}
