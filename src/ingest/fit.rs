//! FIT activity files, decoded with fitparser.
//!
//! Each `session` message becomes an activity; `record` messages are given to
//! the session whose time span holds them. A file with records but no
//! session (a watch that died before writing its summary) still gives one
//! activity, its sport taken from a `sport` message where present, else
//! `unknown`. Heart rate 0 and invalid sentinels read as missing. Cadence is
//! stored by FIT in strides per minute (plus `fractional_cadence`); runlift
//! stores steps per minute (×2). fitparser's timestamps are converted to UTC
//! at once; the local offset comes from `activity.local_timestamp`, else the
//! configured zone.

use super::{ActivityData, ActivityMeta, Decoded, ReadContext, SampleCols};
use crate::error::{Error, Result};
use chrono::{DateTime, Local, NaiveDate, Offset, TimeZone, Utc};
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};
use std::path::Path;

/// Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_OFFSET: i64 = 631_065_600;

/// A numeric FIT value as f64 (`None` for invalid, text and arrays).
fn num(v: &Value) -> Option<f64> {
    let x = match *v {
        Value::Byte(x) | Value::Enum(x) | Value::UInt8(x) | Value::UInt8z(x) => f64::from(x),
        Value::SInt8(x) => f64::from(x),
        Value::SInt16(x) => f64::from(x),
        Value::UInt16(x) | Value::UInt16z(x) => f64::from(x),
        Value::SInt32(x) => f64::from(x),
        Value::UInt32(x) | Value::UInt32z(x) => f64::from(x),
        Value::SInt64(x) => x as f64,
        Value::UInt64(x) | Value::UInt64z(x) => x as f64,
        Value::Float32(x) => f64::from(x),
        Value::Float64(x) => x,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

fn utc(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::Timestamp(t) => Some(t.with_timezone(&Utc)),
        _ => None,
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.to_lowercase()),
        other => num(other).map(|n| format!("{n}")),
    }
}

/// The raw seconds of a `local_date_time` that fitparser turned into a
/// machine-local `DateTime`: undo its conversion exactly, so the machine's
/// own zone never leaks into results.
fn local_seconds(v: &Value) -> Option<i64> {
    let Value::Timestamp(t) = v else { return None };
    let reference = NaiveDate::from_ymd_opt(1989, 12, 31)?.and_hms_opt(0, 0, 0)?;
    let reference = Local.from_local_datetime(&reference).earliest()?;
    Some(t.timestamp() - reference.timestamp())
}

fn get<'a>(rec: &'a FitDataRecord, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .find_map(|n| rec.fields().iter().find(|f| f.name() == *n))
        .map(|f| f.value())
        .filter(|v| !matches!(v, Value::Invalid))
}

fn getf(rec: &FitDataRecord, names: &[&str]) -> Option<f64> {
    get(rec, names).and_then(num)
}

struct Sample {
    at: DateTime<Utc>,
    distance: Option<f64>,
    speed: Option<f64>,
    altitude: Option<f64>,
    hr: Option<f64>,
    cadence: Option<f64>,
    temperature: Option<f64>,
}

/// Decode a FIT file into activities and samples.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let messages = fitparser::from_bytes(bytes).map_err(|e| Error::Fit {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut sessions: Vec<ActivityMeta> = Vec::new();
    let mut samples: Vec<Sample> = Vec::new();
    let (mut device, mut sport_hint, mut local_offset_s) = (None, None, None);
    let mut file_type: Option<String> = None;
    for m in &messages {
        match m.kind() {
            MesgNum::FileId => {
                file_type = get(m, &["type"]).and_then(text);
                device = get(m, &["garmin_product", "product"])
                    .and_then(text)
                    .map(|p| {
                        let maker = get(m, &["manufacturer"]).and_then(text).unwrap_or_default();
                        format!("{maker} {p}").trim().to_string()
                    });
            }
            MesgNum::Sport => sport_hint = get(m, &["sport"]).and_then(text),
            MesgNum::Activity => {
                let ts = get(m, &["timestamp"]).and_then(utc);
                let local = get(m, &["local_timestamp"]).and_then(local_seconds);
                if let (Some(ts), Some(local)) = (ts, local) {
                    let fit_utc = ts.timestamp() - FIT_EPOCH_OFFSET;
                    let offset = local - fit_utc;
                    // Real offsets are whole quarter hours within ±14 h.
                    if offset.abs() <= 14 * 3600 {
                        local_offset_s = Some((offset as f64 / 900.0).round() as i64 * 900);
                    }
                }
            }
            MesgNum::Session => sessions.push(ActivityMeta {
                session_index: sessions.len() as u32,
                sport: get(m, &["sport"])
                    .and_then(text)
                    .unwrap_or_else(|| "unknown".into()),
                sub_sport: get(m, &["sub_sport"]).and_then(text),
                start_utc: get(m, &["start_time"]).and_then(utc),
                duration_s: getf(m, &["total_elapsed_time"]),
                distance_m: getf(m, &["total_distance"]),
                avg_hr: getf(m, &["avg_heart_rate"]),
                avg_temperature_c: getf(m, &["avg_temperature"]),
                rpe: getf(m, &["workout_rpe"]).map(|r| r / 10.0),
                ..Default::default()
            }),
            MesgNum::Record => {
                let Some(at) = get(m, &["timestamp"]).and_then(utc) else {
                    continue;
                };
                let cadence = getf(m, &["cadence"])
                    .map(|c| 2.0 * (c + getf(m, &["fractional_cadence"]).unwrap_or(0.0)));
                samples.push(Sample {
                    at,
                    distance: getf(m, &["distance"]),
                    speed: getf(m, &["enhanced_speed", "speed"]),
                    altitude: getf(m, &["enhanced_altitude", "altitude"]),
                    hr: getf(m, &["heart_rate"]).filter(|&h| h > 0.0 && h < 255.0),
                    cadence,
                    temperature: getf(m, &["temperature"]),
                });
            }
            _ => {}
        }
    }
    let mut out = Decoded::default();
    if sessions.is_empty() {
        if samples.is_empty() {
            // Settings, workouts, weight scales, monitoring: FIT, but not a workout record.
            if let Some(kind) = file_type.filter(|t| t != "activity") {
                return Err(Error::NotAWorkout {
                    path: path.to_path_buf(),
                    what: format!("a FIT {kind} file, not an activity"),
                });
            }
            return Err(Error::Fit {
                path: path.to_path_buf(),
                message: "no session and no records".into(),
            });
        }
        out.warnings.push(
            "no session message (recording cut short?): activity built from its records".into(),
        );
        sessions.push(ActivityMeta {
            sport: sport_hint.unwrap_or_else(|| "unknown".into()),
            start_utc: Some(samples[0].at),
            ..Default::default()
        });
    }
    let n_sessions = sessions.len();
    for mut meta in sessions {
        let start = meta.start_utc.or_else(|| samples.first().map(|s| s.at));
        let end = start
            .zip(meta.duration_s)
            .map(|(s, d)| s + chrono::Duration::milliseconds((d * 1000.0) as i64));
        let mine: Vec<&Sample> = samples
            .iter()
            .filter(|s| {
                n_sessions == 1
                    || (start.is_none_or(|st| s.at >= st) && end.is_none_or(|e| s.at <= e))
            })
            .collect();
        let mut cols = SampleCols::default();
        if let Some(first) = mine.first().map(|s| s.at) {
            for s in &mine {
                cols.t_s
                    .push((s.at - first).num_milliseconds() as f64 / 1000.0);
                cols.distance_m.push(s.distance);
                cols.speed_mps.push(s.speed);
                cols.altitude_m.push(s.altitude);
                cols.hr_bpm.push(s.hr);
                cols.cadence_spm.push(s.cadence);
                cols.temperature_c.push(s.temperature);
            }
        }
        meta.start_utc = start;
        meta.device = device.clone();
        meta.utc_offset_min = match (local_offset_s, start) {
            (Some(o), _) => Some((o / 60) as i32),
            (None, Some(st)) => Some(
                ctx.timezone
                    .offset_from_utc_datetime(&st.naive_utc())
                    .fix()
                    .local_minus_utc()
                    / 60,
            ),
            (None, None) => None,
        };
        if meta.distance_m.is_none() {
            meta.distance_m = cols.distance_m.iter().rev().flatten().next().copied();
        }
        if meta.duration_s.is_none() {
            meta.duration_s = cols.t_s.last().copied();
        }
        out.activities.push(ActivityData {
            meta,
            samples: cols,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::fitwrite::{BaseType, FitWriter, MessageDef};

    fn file_id_only(file_type: i64) -> Vec<u8> {
        const FILE_ID: MessageDef = MessageDef {
            global: 0,
            local: 0,
            fields: &[(0, BaseType::Enum), (1, BaseType::UInt16)],
        };
        let mut w = FitWriter::new();
        w.write(&FILE_ID, &[Some(file_type), Some(1)]);
        w.finish()
    }

    #[test]
    fn settings_file_is_not_a_workout_but_empty_activity_is_broken() {
        let ctx = ReadContext {
            timezone: chrono_tz::UTC,
            weight_in_lb: false,
        };
        let path = Path::new("Settings.fit");
        match read(path, &file_id_only(2), &ctx) {
            Err(Error::NotAWorkout { what, .. }) => assert!(what.contains("settings"), "{what}"),
            other => panic!("expected NotAWorkout, got {other:?}"),
        }
        assert!(matches!(
            read(path, &file_id_only(4), &ctx),
            Err(Error::Fit { .. })
        ));
        let o = crate::ingest::read_bytes(path, &file_id_only(2), &ctx);
        assert_eq!(o.status, crate::ingest::Status::Skipped);
    }
}
