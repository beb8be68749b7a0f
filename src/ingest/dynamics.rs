//! Power and running dynamics of an activity's samples, as the readers
//! find them, and the words that say where they came from.
//!
//! Units are those of the FIT profile: watts, millimetres, milliseconds and
//! percent. A column is empty where the file holds none of it, else it has
//! one entry per sample. Step length is read from FIT `step_length`; older
//! watches write only a cycle length, which is a step or a stride depending
//! on the device, and is read as what it is ([`step_from_cycle`]).

/// The columns (see [`crate::schema::samples::DYNAMICS`] for their names).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dynamics {
    /// Power, W.
    pub power_w: Vec<Option<f64>>,
    /// Step length, mm.
    pub step_length_mm: Vec<Option<f64>>,
    /// Ground contact time, ms.
    pub stance_time_ms: Vec<Option<f64>>,
    /// Left foot's share of ground contact time, %.
    pub stance_time_balance_pct: Vec<Option<f64>>,
    /// Vertical oscillation, mm.
    pub vertical_oscillation_mm: Vec<Option<f64>>,
    /// Vertical ratio, %.
    pub vertical_ratio_pct: Vec<Option<f64>>,
}

impl Dynamics {
    /// The columns in [`crate::schema::samples::DYNAMICS`] order.
    pub fn columns(&self) -> [&Vec<Option<f64>>; 6] {
        [
            &self.power_w,
            &self.step_length_mm,
            &self.stance_time_ms,
            &self.stance_time_balance_pct,
            &self.vertical_oscillation_mm,
            &self.vertical_ratio_pct,
        ]
    }

    /// The columns, to fill.
    pub fn columns_mut(&mut self) -> [&mut Vec<Option<f64>>; 6] {
        [
            &mut self.power_w,
            &mut self.step_length_mm,
            &mut self.stance_time_ms,
            &mut self.stance_time_balance_pct,
            &mut self.vertical_oscillation_mm,
            &mut self.vertical_ratio_pct,
        ]
    }

    /// Empty the columns that hold no value, so that a file without
    /// dynamics costs nothing and says nothing.
    pub fn drop_empty(&mut self) {
        for c in self.columns_mut() {
            if c.iter().all(Option::is_none) {
                c.clear();
            }
        }
    }

    /// The names of the dynamics (not power) that have values, for the log.
    pub fn present(&self) -> Vec<&'static str> {
        let names = [
            "step length",
            "stance time",
            "stance balance",
            "vertical oscillation",
            "vertical ratio",
        ];
        (self.columns()[1..].iter().zip(names))
            .filter(|(c, _)| c.iter().any(Option::is_some))
            .map(|(_, n)| n)
            .collect()
    }
}

/// What `ingest.csv` says of a file's power and dynamics: `power: fit
/// power; dynamics: step length, stance time (fit)`, empty without them.
pub fn sources_text(activities: &[super::ActivityData], format: &str) -> String {
    let mut power: Vec<&str> = activities
        .iter()
        .filter_map(|a| a.meta.power_source.as_deref())
        .collect();
    power.dedup();
    let mut present: Vec<&str> = activities
        .iter()
        .flat_map(|a| a.samples.dynamics.present())
        .collect();
    present.sort_unstable();
    present.dedup();
    let mut parts = Vec::new();
    if !power.is_empty() {
        parts.push(format!("power: {}", power.join(", ")));
    }
    if !present.is_empty() {
        parts.push(format!("dynamics: {} ({format})", present.join(", ")));
    }
    parts.join("; ")
}

/// Step lengths (mm) from a cycle length (m) that a device writes instead of
/// `step_length`: a step where it matches speed over step rate, a stride (two
/// steps) where it is twice that, else nothing (read as neither).
pub fn step_from_cycle(
    cycle_m: &[Option<f64>],
    speed_mps: &[Option<f64>],
    cadence_spm: &[Option<f64>],
) -> Vec<Option<f64>> {
    let mut ratios: Vec<f64> = (cycle_m.iter().zip(speed_mps).zip(cadence_spm))
        .filter_map(|((c, v), n)| {
            let step_m = v.filter(|&v| v > 1.0)? * 60.0 / n.filter(|&n| n > 100.0)?;
            Some(c.filter(|&c| c > 0.0)? / step_m)
        })
        .collect();
    if ratios.len() < 30 {
        return Vec::new();
    }
    ratios.sort_by(f64::total_cmp);
    let per_step = match ratios[ratios.len() / 2] {
        r if (0.8..1.25).contains(&r) => 1.0,
        r if (1.6..2.5).contains(&r) => 2.0,
        _ => return Vec::new(),
    };
    cycle_m
        .iter()
        .map(|c| c.map(|c| 1000.0 * c / per_step))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cycle_length_is_read_as_a_step_or_a_stride() {
        // 3 m/s at 180 steps a minute: a step is 1.0 m.
        let n = 60;
        let speed = vec![Some(3.0); n];
        let cadence = vec![Some(180.0); n];
        let strides = vec![Some(2.0); n];
        assert_eq!(step_from_cycle(&strides, &speed, &cadence)[0], Some(1000.0));
        let steps = vec![Some(1.02); n];
        assert_eq!(step_from_cycle(&steps, &speed, &cadence)[0], Some(1020.0));
        // Three times a step is neither; too few moving samples say nothing.
        assert!(step_from_cycle(&vec![Some(3.0); n], &speed, &cadence).is_empty());
        assert!(step_from_cycle(&strides[..10], &speed[..10], &cadence[..10]).is_empty());
    }

    #[test]
    fn empty_columns_are_dropped_and_the_rest_named() {
        let mut d = Dynamics {
            power_w: vec![Some(250.0), None],
            stance_time_ms: vec![None, Some(240.0)],
            vertical_ratio_pct: vec![None, None],
            ..Default::default()
        };
        d.drop_empty();
        assert!(d.vertical_ratio_pct.is_empty());
        assert_eq!(d.power_w.len(), 2);
        assert_eq!(d.present(), ["stance time"]);
    }
}
