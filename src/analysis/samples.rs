//! One run's samples as the per-run analysis reads them.

use super::timeline::Records;
use crate::error::Result;
use crate::schema::samples as s;
use crate::tables::f64s;

/// One run's sample columns.
pub struct SampleTable {
    t: Vec<f64>,
    v: Vec<Option<f64>>,
    d: Vec<Option<f64>>,
    alt: Vec<Option<f64>>,
    hr: Vec<Option<f64>>,
    cad: Vec<Option<f64>>,
    temp: Vec<Option<f64>>,
    stance: Vec<Option<f64>>,
    ratio: Vec<Option<f64>>,
    step: Vec<Option<f64>>,
    power: Vec<Option<f64>>,
}

impl SampleTable {
    /// The columns read.
    pub const COLUMNS: [&str; 11] = [
        s::T_S,
        s::SPEED_MPS,
        s::DISTANCE_M,
        s::ALTITUDE_M,
        s::HR_BPM,
        s::CADENCE_SPM,
        s::TEMPERATURE_C,
        s::STANCE_TIME_MS,
        s::VERTICAL_RATIO_PCT,
        s::STEP_LENGTH_MM,
        s::POWER_W,
    ];

    /// Read one run's columns.
    pub fn read(sm: &polars::prelude::DataFrame) -> Result<SampleTable> {
        let t = f64s(sm, s::T_S)?;
        Ok(SampleTable {
            t: t.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect(),
            v: f64s(sm, s::SPEED_MPS)?,
            d: f64s(sm, s::DISTANCE_M)?,
            alt: f64s(sm, s::ALTITUDE_M)?,
            hr: f64s(sm, s::HR_BPM)?,
            cad: f64s(sm, s::CADENCE_SPM)?,
            temp: f64s(sm, s::TEMPERATURE_C)?,
            stance: f64s(sm, s::STANCE_TIME_MS)?,
            ratio: f64s(sm, s::VERTICAL_RATIO_PCT)?,
            step: f64s(sm, s::STEP_LENGTH_MM)?,
            power: f64s(sm, s::POWER_W)?,
        })
    }

    /// The run's late-run dynamics (see [`super::dynamics`]).
    pub fn late_dynamics(&self) -> Option<super::dynamics::LateDynamics> {
        super::dynamics::late_dynamics(&super::dynamics::Columns {
            t_s: &self.t,
            stance_time: &self.stance,
            vertical_ratio: &self.ratio,
            step_length: &self.step,
            cadence: &self.cad,
        })
    }

    /// The run's records.
    pub fn records(&self) -> Records<'_> {
        Records {
            t_s: &self.t,
            speed: &self.v,
            distance: &self.d,
            altitude: &self.alt,
            hr: &self.hr,
            cadence: &self.cad,
            power: &self.power,
            chest_strap: false,
        }
    }

    /// Mean of the temperatures recorded.
    pub fn mean_temperature(&self) -> Option<f64> {
        let v: Vec<f64> = self.temp.iter().flatten().copied().collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    }
}
