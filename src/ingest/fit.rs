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

use super::{ActivityData, ActivityMeta, Decoded, ReadContext, SampleCols, SetRow};
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

/// A FIT `set` message (Garmin strength activities).
struct GymSet {
    /// When the set started (every set may share one `timestamp`).
    start: DateTime<Utc>,
    /// `set_type` active, not rest.
    active: bool,
    reps: Option<f64>,
    weight_kg: Option<f64>,
    duration_s: Option<f64>,
    /// The watch's first guess of the exercise category, e.g. `squat`.
    category: Option<String>,
}

fn gym_set(m: &FitDataRecord) -> Option<GymSet> {
    let start = get(m, &["start_time"])
        .and_then(utc)
        .or_else(|| get(m, &["timestamp"]).and_then(utc))?;
    let category = get(m, &["category"]).and_then(|v| {
        let first = match v {
            Value::Array(items) => items.first()?.clone(),
            other => other.clone(),
        };
        match first {
            Value::String(s) => Some(s),
            other => num(&other).map(|n| {
                fitparser::profile::get_field_variant_as_string(
                    fitparser::profile::FieldDataType::ExerciseCategory,
                    n as i64,
                )
            }),
        }
    });
    Some(GymSet {
        start,
        active: get(m, &["set_type"])
            .and_then(text)
            .is_none_or(|t| t != "rest"),
        reps: getf(m, &["repetitions"]),
        weight_kg: getf(m, &["weight"]),
        duration_s: getf(m, &["duration"]),
        category: category.filter(|c| !c.is_empty() && c != "unknown"),
    })
}

struct Sample {
    /// `None` for a record without a timestamp (kept, without a time).
    at: Option<DateTime<Utc>>,
    distance: Option<f64>,
    speed: Option<f64>,
    altitude: Option<f64>,
    hr: Option<f64>,
    cadence: Option<f64>,
    temperature: Option<f64>,
}

/// The fields of a `record` the analysis uses, in one pass over its fields
/// (matched by field number, and name, so developer fields never pass for
/// profile fields).
fn sample(m: &FitDataRecord) -> Sample {
    let mut s = Sample {
        at: None,
        distance: None,
        speed: None,
        altitude: None,
        hr: None,
        cadence: None,
        temperature: None,
    };
    let (mut speed, mut altitude, mut fraction) = (None, None, None);
    for f in m.fields() {
        let v = f.value();
        match (f.number(), f.name()) {
            (253, "timestamp") => s.at = utc(v),
            (5, "distance") => s.distance = num(v),
            (73, "enhanced_speed") => s.speed = num(v),
            (6, "speed") => speed = num(v),
            (78, "enhanced_altitude") => s.altitude = num(v),
            (2, "altitude") => altitude = num(v),
            (3, "heart_rate") => s.hr = num(v).filter(|&h| h > 0.0 && h < 255.0),
            (4, "cadence") => s.cadence = num(v),
            (53, "fractional_cadence") => fraction = num(v),
            (13, "temperature") => s.temperature = num(v),
            _ => {}
        }
    }
    s.speed = s.speed.or(speed);
    s.altitude = s.altitude.or(altitude);
    // Strides per minute (plus the fraction) to steps per minute.
    s.cadence = s.cadence.map(|c| 2.0 * (c + fraction.unwrap_or(0.0)));
    s
}

/// Decode a FIT file into activities and samples.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let (messages, damage) = super::fitsalvage::decode(bytes).map_err(|message| Error::Fit {
        path: path.to_path_buf(),
        message,
    })?;
    let mut sessions: Vec<ActivityMeta> = Vec::new();
    let mut samples: Vec<Sample> = Vec::new();
    let (mut device, mut sport_hint, mut local_offset_s) = (None, None, None);
    let mut file_type: Option<String> = None;
    let mut gym_sets: Vec<GymSet> = Vec::new();
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
                feel: getf(m, &["workout_feel"]),
                ..Default::default()
            }),
            MesgNum::Set => {
                if let Some(set) = gym_set(m) {
                    gym_sets.push(set);
                }
            }
            MesgNum::Record => samples.push(sample(m)),
            _ => {}
        }
    }
    let mut out = Decoded::default();
    out.warnings.extend(damage);
    let untimed = samples.iter().filter(|s| s.at.is_none()).count();
    if untimed > 0 {
        out.warnings.push(format!(
            "{untimed} records without a timestamp, kept without a time"
        ));
    }
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
            start_utc: samples.iter().find_map(|s| s.at),
            ..Default::default()
        });
    }
    // Each record belongs to exactly one session: the last one started by
    // its time (records before the first session go to the first), so a
    // record on the boundary of two sessions is not counted twice.
    let starts: Vec<Option<DateTime<Utc>>> = sessions.iter().map(|m| m.start_utc).collect();
    let owner = |at: DateTime<Utc>| {
        (0..starts.len())
            .rev()
            .find(|&k| starts[k].is_some_and(|st| at >= st))
            .unwrap_or(0)
    };
    let mut owners: Vec<usize> = Vec::with_capacity(samples.len());
    for s in &samples {
        // An untimed record stays with the session of the record before it.
        let o =
            s.at.map_or_else(|| owners.last().copied().unwrap_or(0), owner);
        owners.push(o);
    }
    for (k, mut meta) in sessions.into_iter().enumerate() {
        let start = meta.start_utc.or_else(|| samples.iter().find_map(|s| s.at));
        let end = start
            .zip(meta.duration_s)
            .map(|(s, d)| s + chrono::Duration::milliseconds((d * 1000.0) as i64));
        let mine: Vec<&Sample> = (samples.iter().zip(&owners))
            .filter(|(_, o)| **o == k)
            .map(|(s, _)| s)
            .collect();
        let mut cols = SampleCols::default();
        if !mine.is_empty() {
            let first = mine.iter().find_map(|s| s.at);
            for s in &mine {
                let t =
                    s.at.zip(first)
                        .map(|(at, f)| (at - f).num_milliseconds() as f64 / 1000.0);
                cols.t_s.push(t.unwrap_or(f64::NAN));
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
        // Active sets of a strength session become strength sets, timed by the session.
        if let (Some(st), Some(offset)) = (start, meta.utc_offset_min) {
            let local = st.naive_utc() + chrono::Duration::minutes(i64::from(offset));
            let inside = |g: &&GymSet| {
                end.is_none_or(|e| g.start <= e) && g.start >= st - chrono::Duration::minutes(1)
            };
            for g in gym_sets.iter().filter(inside).filter(|g| g.active) {
                out.sets.push(SetRow {
                    start_local: local,
                    start_utc: st,
                    exercise_raw: g.category.clone().unwrap_or_else(|| "unknown".into()),
                    set_type: "working",
                    weight_kg: g.weight_kg,
                    reps: g.reps.filter(|&r| r > 0.0),
                    duration_s: g.duration_s,
                    rpe: None,
                });
            }
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
    fn strength_session_sets_use_start_time_and_drop_rest_sets() {
        use crate::simulate::gymfit::{WatchSet, strength_fit};
        let t0 = 1_100_000_000; // FIT seconds
        let set = |active, reps, kg, category| WatchSet {
            active,
            reps,
            kg,
            category,
        };
        let sets = [
            set(true, 5, 100.0, 28),
            set(false, 0, 0.0, 28),
            set(true, 8, 60.0, 17),
        ];
        let bytes = strength_fit(t0, 900, 120, &sets);
        let ctx = ReadContext::default();
        let d = read(Path::new("gym.fit"), &bytes, &ctx).unwrap();
        assert_eq!(d.activities.len(), 1);
        assert_eq!(d.activities[0].meta.sport, "training");
        assert_eq!(d.activities[0].meta.avg_hr, Some(120.0));
        assert_eq!(d.sets.len(), 2, "the rest set is dropped");
        assert_eq!(d.sets[0].exercise_raw, "squat");
        assert_eq!(
            (d.sets[0].reps, d.sets[0].weight_kg),
            (Some(5.0), Some(100.0))
        );
        assert_eq!(d.sets[1].exercise_raw, "lunge");
        assert_eq!(d.sets[1].duration_s, Some(45.0));
        // All sets carry the session's start, so they form one session.
        assert_eq!(d.sets[0].start_utc, d.sets[1].start_utc);
    }

    #[test]
    fn settings_file_is_not_a_workout_but_empty_activity_is_broken() {
        let ctx = ReadContext {
            timezone: chrono_tz::UTC,
            ..Default::default()
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
