//! The samples table as the per-run analysis reads it: its columns once,
//! then one run's rows at a time.

use super::timeline::Records;
use crate::error::Result;
use crate::schema::samples as s;
use crate::tables::f64s;

/// The samples table's columns, read once for all runs.
pub struct SampleTable {
    t: Vec<f64>,
    v: Vec<Option<f64>>,
    d: Vec<Option<f64>>,
    alt: Vec<Option<f64>>,
    hr: Vec<Option<f64>>,
    cad: Vec<Option<f64>>,
    temp: Vec<Option<f64>>,
}

impl SampleTable {
    /// Read the columns the runs need.
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
        })
    }

    /// One run's records: rows `lo..hi`.
    pub fn records(&self, lo: usize, hi: usize) -> Records<'_> {
        Records {
            t_s: &self.t[lo..hi],
            speed: &self.v[lo..hi],
            distance: &self.d[lo..hi],
            altitude: &self.alt[lo..hi],
            hr: &self.hr[lo..hi],
            cadence: &self.cad[lo..hi],
        }
    }

    /// Mean of the temperatures recorded in rows `lo..hi`.
    pub fn mean_temperature(&self, lo: usize, hi: usize) -> Option<f64> {
        let v: Vec<f64> = self.temp[lo..hi].iter().flatten().copied().collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    }
}
