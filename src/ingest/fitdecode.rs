//! Decoding a FIT file's messages: records by the fast path where it can
//! (and the rest with fitparser), else everything with fitparser; and the
//! records' power and dynamics as sample columns.

use super::SampleCols;
use super::dynamics::step_from_cycle;
use super::fitfields::{Extra, Sample, heart_rate, steps_per_minute};
use crate::error::{Error, Result};
use crate::fit::fast::{self, Records};
use crate::fit::{FIT_EPOCH_OFFSET, mesg};
use chrono::DateTime;
use std::path::Path;

/// The messages besides records that the reader uses, handed to fitparser.
pub const USED: [u16; 9] = [
    mesg::FILE_ID,
    mesg::USER_PROFILE,
    mesg::ZONES_TARGET,
    mesg::SPORT,
    mesg::SESSION,
    mesg::DEVICE_INFO,
    mesg::ACTIVITY,
    mesg::GARMIN_USER_METRICS,
    mesg::SET,
];

/// Which decoder reads a file's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The fast path, falling back to fitparser for a file it declines.
    Fast,
    /// fitparser alone (the reference the fast path is checked against).
    Fitparser,
}

/// What [`decode`] gives: the messages, the fast path's samples (else the
/// records are among the messages), a warning and the decoder's name.
pub(super) type Decoding = (
    Vec<fitparser::FitDataRecord>,
    Option<Vec<Sample>>,
    Option<String>,
    String,
);

/// A file's messages (its records among them, or beside them from the fast
/// path), any damage or warning found, and which decoder read it.
pub(super) fn decode(path: &Path, bytes: &[u8], via: Via) -> Result<Decoding> {
    let mut declined = None;
    if via == Via::Fast {
        match fast::decode(bytes, &USED) {
            Ok(read) => match fitparser::from_bytes(&read.rest) {
                Ok(messages) => {
                    let note = (!read.misaligned.is_empty())
                        .then(|| super::fitsalvage::misaligned_note(&read.misaligned));
                    let samples = Some(fast_samples(&read.records));
                    return Ok((messages, samples, note, "fast".into()));
                }
                Err(e) => declined = Some(format!("fitparser refused the other messages: {e}")),
            },
            Err(why) => declined = Some(why.to_string()),
        }
    }
    let (messages, damage) = super::fitsalvage::decode(bytes).map_err(|message| Error::Fit {
        path: path.to_path_buf(),
        message,
    })?;
    let decoder = match declined {
        Some(why) => format!("fitparser ({why})"),
        None => "fitparser".into(),
    };
    Ok((messages, None, damage, decoder))
}

/// The fast path's columns as [`sample`] makes them of fitparser's messages.
fn fast_samples(r: &Records) -> Vec<Sample> {
    (0..r.len())
        .map(|i| Sample {
            at: r.timestamp[i].and_then(|t| DateTime::from_timestamp(t + FIT_EPOCH_OFFSET, 0)),
            distance: r.distance_m[i],
            speed: r.speed_mps[i],
            altitude: r.altitude_m[i],
            hr: heart_rate(r.heart_rate[i]),
            cadence: steps_per_minute(r.cadence[i], r.fractional_cadence[i]),
            temperature: r.temperature_c[i],
            extra: Extra {
                power: r.power_w[i],
                dev_power: r.dev_power_w[i],
                step_length: r.step_length_mm[i],
                stance_time: r.stance_time_ms[i],
                stance_balance: r.stance_time_balance_pct[i],
                vertical_oscillation: r.vertical_oscillation_mm[i],
                vertical_ratio: r.vertical_ratio_pct[i],
                cycle_length: r.cycle_length_m[i],
            },
        })
        .collect()
}

/// Fill the power and dynamics columns of `cols` from its records' `extra`
/// values; returns where the power came from. A pod's developer power wins
/// over the watch's own.
pub(super) fn dynamics(cols: &mut SampleCols, extra: &[Extra]) -> Option<String> {
    let column = |f: fn(&Extra) -> Option<f64>| extra.iter().map(f).collect::<Vec<_>>();
    let d = &mut cols.dynamics;
    let dev = column(|x| x.dev_power);
    let (power, source) = match dev.iter().any(Option::is_some) {
        true => (dev, "fit developer power"),
        false => (column(|x| x.power), "fit power"),
    };
    d.power_w = power;
    d.step_length_mm = column(|x| x.step_length);
    if d.step_length_mm.iter().all(Option::is_none) {
        let cycle = column(|x| x.cycle_length);
        d.step_length_mm = step_from_cycle(&cycle, &cols.speed_mps, &cols.cadence_spm);
    }
    d.stance_time_ms = column(|x| x.stance_time);
    d.stance_time_balance_pct = column(|x| x.stance_balance);
    d.vertical_oscillation_mm = column(|x| x.vertical_oscillation);
    d.vertical_ratio_pct = column(|x| x.vertical_ratio);
    d.drop_empty();
    (!d.power_w.is_empty()).then(|| source.to_string())
}
