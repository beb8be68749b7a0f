//! FIT activity files: records by the fast path ([`crate::fit::fast`]),
//! everything else with fitparser; a file the fast path declines is decoded
//! with fitparser alone (and salvaged where damaged). `ingest.csv` says which.
//!
//! Each `session` message becomes an activity; each `record` message goes
//! to the last session started by its time (records before the first go to
//! the first), so none is counted twice; records whose clock stepped back
//! are put in time order. A file with records but no
//! session (a watch that died before writing its summary) still gives one
//! activity, its sport taken from a `sport` message where present, else
//! `unknown`. Heart rate 0 and invalid sentinels read as missing. Cadence is
//! stored by FIT in strides per minute (plus `fractional_cadence`); runlift
//! stores steps per minute (×2). fitparser's timestamps are converted to UTC
//! at once; the local offset comes from `activity.local_timestamp`, else the
//! configured zone.

pub use super::fitdecode::{USED, Via};
use super::fitdecode::{decode, dynamics};
use super::fitfields::{
    Extra, GymSet, Sample, get, getf, gym_set, is_hr_monitor, local_seconds, sample, stated_hr,
    text, utc,
};
use super::{ActivityData, ActivityMeta, Decoded, ReadContext, SampleCols, SetRow, utc_offset_min};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use fitparser::profile::MesgNum;
use std::path::Path;

use crate::fit::FIT_EPOCH_OFFSET;

/// What the messages of one file say, before it is split into sessions.
#[derive(Default)]
struct Facts {
    sessions: Vec<ActivityMeta>,
    samples: Vec<Sample>,
    gym_sets: Vec<GymSet>,
    device: Option<String>,
    sport_hint: Option<String>,
    file_type: Option<String>,
    local_offset_s: Option<i64>,
    hr_rest_stated: Option<f64>,
    hr_max_stated: Option<f64>,
    hr_strap: bool,
}

/// The offset of `local_timestamp` from `timestamp` in an `activity`
/// message, to the quarter hour (real offsets are within ±14 h).
fn local_offset(m: &fitparser::FitDataRecord) -> Option<i64> {
    let ts = get(m, &["timestamp"]).and_then(utc)?;
    let local = get(m, &["local_timestamp"]).and_then(local_seconds)?;
    let offset = local - (ts.timestamp() - FIT_EPOCH_OFFSET);
    (offset.abs() <= 14 * 3600).then(|| (offset as f64 / 900.0).round() as i64 * 900)
}

fn session_meta(m: &fitparser::FitDataRecord, index: usize) -> ActivityMeta {
    ActivityMeta {
        session_index: index as u32,
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
    }
}

/// Go through the messages once.
fn facts(messages: &[fitparser::FitDataRecord]) -> Facts {
    let mut f = Facts::default();
    for m in messages {
        match m.kind() {
            MesgNum::FileId => {
                f.file_type = get(m, &["type"]).and_then(text);
                f.device = get(m, &["garmin_product", "product"])
                    .and_then(text)
                    .map(|p| {
                        let maker = get(m, &["manufacturer"]).and_then(text).unwrap_or_default();
                        format!("{maker} {p}").trim().to_string()
                    });
            }
            MesgNum::Sport => f.sport_hint = get(m, &["sport"]).and_then(text),
            MesgNum::Activity => f.local_offset_s = local_offset(m).or(f.local_offset_s),
            MesgNum::Session => f.sessions.push(session_meta(m, f.sessions.len())),
            MesgNum::Set => f.gym_sets.extend(gym_set(m)),
            MesgNum::Record => f.samples.push(sample(m)),
            MesgNum::DeviceInfo => f.hr_strap |= is_hr_monitor(m),
            _ => {
                let (rest, max) = stated_hr(m);
                f.hr_rest_stated = rest.or(f.hr_rest_stated);
                f.hr_max_stated = max.or(f.hr_max_stated);
            }
        }
    }
    f
}

/// A file with records but no session still gives one activity; a file
/// with neither is not a workout (settings, courses) or is broken.
fn ensure_session(path: &Path, f: &mut Facts, warnings: &mut Vec<String>) -> Result<()> {
    if !f.sessions.is_empty() {
        return Ok(());
    }
    if f.samples.is_empty() {
        // Settings, workouts, weight scales, monitoring: FIT, but not a workout record.
        if let Some(kind) = f.file_type.clone().filter(|t| t != "activity") {
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
    warnings
        .push("no session message (recording cut short?): activity built from its records".into());
    f.sessions.push(ActivityMeta {
        sport: f.sport_hint.clone().unwrap_or_else(|| "unknown".into()),
        start_utc: f.samples.iter().find_map(|s| s.at),
        ..Default::default()
    });
    Ok(())
}

/// The session each record belongs to: the last one started by its time
/// (records before the first session go to the first), so a record on the
/// boundary of two sessions is not counted twice.
fn owners(sessions: &[ActivityMeta], samples: &[Sample]) -> Vec<usize> {
    let starts: Vec<Option<DateTime<Utc>>> = sessions.iter().map(|m| m.start_utc).collect();
    let owner = |at: DateTime<Utc>| {
        (0..starts.len())
            .rev()
            .find(|&k| starts[k].is_some_and(|st| at >= st))
            .unwrap_or(0)
    };
    let mut owners: Vec<usize> = Vec::with_capacity(samples.len());
    for s in samples {
        // An untimed record stays with the session of the record before it.
        let o =
            s.at.map_or_else(|| owners.last().copied().unwrap_or(0), owner);
        owners.push(o);
    }
    owners
}

/// The samples of session `k`, in time order.
fn session_samples(
    k: usize,
    mut mine: Vec<&Sample>,
    warnings: &mut Vec<String>,
) -> (SampleCols, Option<String>) {
    // A clock that steps back (a GPS time fix mid-run) would give
    // negative time steps: records are put in time order, and the log says so.
    let back = mine
        .windows(2)
        .filter(|w| matches!((w[0].at, w[1].at), (Some(a), Some(b)) if b < a))
        .count();
    if back > 0 {
        mine.sort_by_key(|s| s.at);
        warnings.push(format!(
            "session {k}: timestamps go backwards {back} times; records put in time order"
        ));
    }
    let mut cols = SampleCols::default();
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
    let extra: Vec<Extra> = mine.iter().map(|s| s.extra).collect();
    let power_source = dynamics(&mut cols, &extra);
    (cols, power_source)
}

/// Active sets of a strength session, timed by the session.
fn session_sets(meta: &ActivityMeta, gym_sets: &[GymSet]) -> Vec<SetRow> {
    let (Some(st), Some(offset)) = (meta.start_utc, meta.utc_offset_min) else {
        return Vec::new();
    };
    let end = meta
        .duration_s
        .map(|d| st + chrono::Duration::milliseconds((d * 1000.0) as i64));
    let local = st.naive_utc() + chrono::Duration::minutes(i64::from(offset));
    let inside = |g: &&GymSet| {
        end.is_none_or(|e| g.start <= e) && g.start >= st - chrono::Duration::minutes(1)
    };
    (gym_sets.iter().filter(inside).filter(|g| g.active))
        .map(|g| SetRow {
            start_local: local,
            start_utc: st,
            exercise_raw: g.category.clone().unwrap_or_else(|| "unknown".into()),
            set_type: crate::kinds::SetType::Working,
            weight_kg: g.weight_kg,
            reps: g.reps.filter(|&r| r > 0.0),
            duration_s: g.duration_s,
            rpe: None,
            session_s: meta.duration_s,
        })
        .collect()
}

/// Decode a FIT file into activities and samples.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    read_via(path, bytes, ctx, Via::Fast)
}

/// [`read`] with the decoder chosen: the conformance tests read every file both ways.
pub fn read_via(path: &Path, bytes: &[u8], ctx: &ReadContext, via: Via) -> Result<Decoded> {
    let (messages, fast_samples, damage, decoder) = decode(path, bytes, via)?;
    let mut f = facts(&messages);
    if let Some(samples) = fast_samples {
        f.samples = samples;
    }
    let mut out = Decoded {
        decoder,
        ..Decoded::default()
    };
    out.warnings.extend(damage);
    let untimed = f.samples.iter().filter(|s| s.at.is_none()).count();
    if untimed > 0 {
        out.warnings.push(format!(
            "{untimed} records without a timestamp, kept without a time"
        ));
    }
    ensure_session(path, &mut f, &mut out.warnings)?;
    let owners = owners(&f.sessions, &f.samples);
    for (k, mut meta) in std::mem::take(&mut f.sessions).into_iter().enumerate() {
        let mine: Vec<&Sample> = (f.samples.iter().zip(&owners))
            .filter(|(_, o)| **o == k)
            .map(|(s, _)| s)
            .collect();
        let start = meta
            .start_utc
            .or_else(|| f.samples.iter().find_map(|s| s.at));
        let (cols, power_source) = session_samples(k, mine, &mut out.warnings);
        meta.power_source = power_source;
        meta.start_utc = start;
        meta.device = f.device.clone();
        meta.hr_rest_stated = f.hr_rest_stated;
        meta.hr_max_stated = f.hr_max_stated;
        meta.hr_sensor = f.hr_strap.then(|| "chest strap".to_string());
        meta.utc_offset_stated = f.local_offset_s.is_some();
        meta.utc_offset_min = match (f.local_offset_s, start) {
            (Some(o), _) => Some((o / 60) as i32),
            (None, Some(st)) => Some(utc_offset_min(st, ctx.timezone)),
            (None, None) => None,
        };
        if meta.distance_m.is_none() {
            meta.distance_m = cols.distance_m.iter().rev().flatten().next().copied();
        }
        // The sets are timed by the session's end as the file states it.
        out.sets.extend(session_sets(&meta, &f.gym_sets));
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
    use crate::fit::write::{BaseType, FitWriter, MessageDef};

    fn file_id_only(file_type: i64) -> Vec<u8> {
        const FILE_ID: MessageDef = MessageDef {
            global: crate::fit::mesg::FILE_ID,
            local: 0,
            fields: &[(0, BaseType::Enum), (1, BaseType::UInt16)],
        };
        let mut w = FitWriter::new();
        w.write(&FILE_ID, &[Some(file_type), Some(1)]);
        w.finish()
    }

    #[test]
    fn records_out_of_time_order_are_sorted_and_heart_rate_zero_is_missing() {
        const RECORD: MessageDef = MessageDef {
            global: crate::fit::mesg::RECORD,
            local: 0,
            fields: &[(253, BaseType::UInt32), (3, BaseType::UInt8)],
        };
        let t0 = 1_100_000_000;
        let mut w = FitWriter::new();
        for (dt, hr) in [(0, 120), (1, 0), (3, 124), (2, 122), (60, 130)] {
            w.write(&RECORD, &[Some(t0 + dt), Some(hr)]);
        }
        let bytes = w.finish();
        let d = read(Path::new("clock.fit"), &bytes, &ReadContext::default()).unwrap();
        assert_eq!(d.decoder, "fast");
        let reference = read_via(
            Path::new("clock.fit"),
            &bytes,
            &ReadContext::default(),
            Via::Fitparser,
        );
        assert_eq!(reference.unwrap().decoder, "fitparser");
        let s = &d.activities[0].samples;
        assert_eq!(
            s.t_s,
            vec![0.0, 1.0, 2.0, 3.0, 60.0],
            "a jump forward is kept as a gap"
        );
        assert_eq!(
            s.hr_bpm,
            vec![Some(120.0), None, Some(122.0), Some(124.0), Some(130.0)]
        );
        assert!(
            d.warnings.iter().any(|w| w.contains("backwards 1 times")),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn perceived_effort_and_feel_come_from_the_session() {
        const SESSION: MessageDef = MessageDef {
            global: crate::fit::mesg::SESSION,
            local: 1,
            fields: &[
                (253, BaseType::UInt32),
                (2, BaseType::UInt32),
                (5, BaseType::Enum),
                (7, BaseType::UInt32),
                (192, BaseType::UInt8),
                (193, BaseType::UInt8),
            ],
        };
        let t0 = 1_100_000_000;
        let mut w = FitWriter::new();
        // workout_feel 75 ("strong"), workout_rpe 40 (RPE 4 on the watch's ×10 scale).
        let session = [t0 + 1800, t0, 1, 1_800_000, 75, 40];
        w.write(&SESSION, &session.map(Some));
        let d = read(Path::new("rpe.fit"), &w.finish(), &ReadContext::default()).unwrap();
        let m = &d.activities[0].meta;
        assert_eq!(
            (m.sport.as_str(), m.rpe, m.feel),
            ("running", Some(4.0), Some(75.0))
        );
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
