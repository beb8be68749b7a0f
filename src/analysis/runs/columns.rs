//! The activities table's columns a run's metrics are built from, and the
//! metrics of one run from its samples.

use super::{HrProfile, RunKind, RunMetrics, classify, iso_week};
use crate::analysis::form;
use crate::analysis::join::RunContext;
use crate::analysis::samples::SampleTable;
use crate::analysis::steady::{prepare, select_prepared};
use crate::analysis::timeline::Records;
use crate::error::Result;
use crate::schema::activities as a;
use crate::tables::{f64s, strs};
use chrono::{DateTime, NaiveDateTime, Utc};

/// The activities table's columns a run's metrics use.
pub(super) struct Columns {
    /// Activity ids.
    pub ids: Vec<Option<String>>,
    paths: Vec<Option<String>>,
    sub_sports: Vec<Option<String>>,
    devices: Vec<Option<String>>,
    sensors: Vec<Option<String>>,
    durs: Vec<Option<f64>>,
    dists: Vec<Option<f64>>,
    temps: Vec<Option<f64>>,
    rpes: Vec<Option<f64>>,
    feels: Vec<Option<f64>>,
    power_sources: Vec<Option<String>>,
}

impl Columns {
    /// Read the columns from the activities table.
    pub fn read(act: &polars::prelude::DataFrame) -> Result<Columns> {
        Ok(Columns {
            ids: strs(act, a::ACTIVITY_ID)?,
            paths: strs(act, a::SOURCE_PATH)?,
            sub_sports: strs(act, a::SUB_SPORT)?,
            devices: strs(act, a::DEVICE)?,
            sensors: strs(act, a::HR_SENSOR)?,
            durs: f64s(act, a::DURATION_S)?,
            dists: f64s(act, a::DISTANCE_M)?,
            temps: f64s(act, a::AVG_TEMPERATURE_C)?,
            rpes: f64s(act, a::RPE)?,
            feels: f64s(act, a::FEEL)?,
            power_sources: strs(act, a::POWER_SOURCE)?,
        })
    }

    /// Metrics of activity row `i`, started at `start`, from its samples.
    pub fn metrics(
        &self,
        (i, start, start_local): (usize, DateTime<Utc>, NaiveDateTime),
        samples: Option<&SampleTable>,
        hr_profile: &HrProfile,
    ) -> RunMetrics {
        let strap = self.sensors[i].as_deref() == Some("chest strap");
        let prepared = samples.and_then(|s| {
            let records = Records {
                chest_strap: strap,
                ..s.records()
            };
            prepare(&records)
        });
        let steady = prepared.as_ref().map(select_prepared).unwrap_or_default();
        let temperature_c = samples
            .and_then(SampleTable::mean_temperature)
            .or(self.temps[i]);
        let duration_s = self.durs[i].unwrap_or(0.0);
        let sub_sport = self.sub_sports[i].clone();
        let p = prepared.as_ref();
        let (kind, excluded) = classify(sub_sport.as_deref(), p, &steady, duration_s, hr_profile);
        RunMetrics {
            activity_id: self.ids[i].clone().unwrap_or_default(),
            source_path: self.paths[i].clone().unwrap_or_default(),
            start_utc: start,
            start_local,
            week: iso_week(start_local.date()),
            kind,
            sub_sport,
            device: self.devices[i].clone(),
            hr_sensor: self.sensors[i].clone(),
            duration_s,
            distance_m: self.dists[i].unwrap_or(0.0),
            ef: form::efficiency_factor(&steady),
            decoupling_pct: p.and_then(form::decoupling),
            trimp: p.and_then(|p| hr_profile.trimp(&p.hr)),
            late: p
                .filter(|_| kind == RunKind::Long)
                .map(|p| form::late_form(p, &steady)),
            late_dynamics: samples
                .filter(|_| kind == RunKind::Long)
                .and_then(SampleTable::late_dynamics),
            power_source: crate::analysis::power::source_of(
                self.power_sources[i].as_deref(),
                self.devices[i].as_deref(),
            ),
            metres_per_kj: None,
            power_at_ref_hr: None,
            power_compared: false,
            steady,
            temperature_c,
            rpe: self.rpes[i],
            feel: self.feels[i],
            speed_at_ref_hr: None,
            hr_at_ref_pace: None,
            speed_used: None,
            hr_used: None,
            context: RunContext::default(),
            excluded,
        }
    }
}
