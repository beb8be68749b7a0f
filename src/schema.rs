//! The canonical tables: the only place that names their columns and types.
//!
//! Every reader produces rows for these tables and every analysis step reads
//! them; nothing else in the crate spells a column name as a string. Units are
//! SI (metres, seconds, metres per second) and cadence is in steps per minute.
//! Instants are UTC milliseconds (`Datetime(ms, UTC)`); local wall-clock
//! values carry `_local` in their name and no zone.

use polars::prelude::*;

/// Column names of the `activities` table (one row per session of a file).
pub mod activities {
    /// Stable id: content hash of the source file plus the session index.
    pub const ACTIVITY_ID: &str = "activity_id";
    /// Path of the file the activity came from.
    pub const SOURCE_PATH: &str = "source_path";
    /// The file on disk the row came from (for a member of a zip or gzip, the container).
    pub const FILE: &str = "file";
    /// Format the file was recognised as (see [`crate::ingest::Format`]).
    pub const SOURCE_FORMAT: &str = "source_format";
    /// Index of the session inside its file (multisport files hold several).
    pub const SESSION_INDEX: &str = "session_index";
    /// Sport as the source names it, lower case (`running`, `training`, …).
    pub const SPORT: &str = "sport";
    /// Sub-sport, `null` where the source gives none.
    pub const SUB_SPORT: &str = "sub_sport";
    /// Start instant, UTC.
    pub const START_UTC: &str = "start_utc";
    /// Offset of local time from UTC at the start, minutes.
    pub const UTC_OFFSET_MIN: &str = "utc_offset_min";
    /// Elapsed time, seconds.
    pub const DURATION_S: &str = "duration_s";
    /// Distance, metres.
    pub const DISTANCE_M: &str = "distance_m";
    /// Mean heart rate, beats per minute.
    pub const AVG_HR: &str = "avg_hr";
    /// Mean temperature, °C.
    pub const AVG_TEMPERATURE_C: &str = "avg_temperature_c";
    /// Perceived effort on the CR10 scale (0–10), where logged.
    pub const RPE: &str = "rpe";
    /// How the workout felt (FIT `workout_feel`, 0 very weak … 100 very
    /// strong; higher is better), where the watch asked.
    pub const FEEL: &str = "feel";
    /// Recording device, where the source names one.
    pub const DEVICE: &str = "device";
    /// Resting heart rate the file states for the athlete, bpm.
    pub const HR_REST_STATED: &str = "hr_rest_stated";
    /// Maximum heart rate the file states for the athlete, bpm.
    pub const HR_MAX_STATED: &str = "hr_max_stated";
    /// Heart-rate sensor, where the file names one (`chest strap`).
    pub const HR_SENSOR: &str = "hr_sensor";
    /// Whether the file states the local offset (FIT `local_timestamp`, Apple
    /// Health dates); otherwise it comes from the time zone setting.
    pub const UTC_OFFSET_STATED: &str = "utc_offset_stated";
    /// Where the samples' power came from: `fit power` (the profile's field:
    /// the watch's model, or a paired pod), `fit developer power` (a pod's or
    /// app's field: Stryd, Garmin Running Power, RunScribe), `tcx Watts` or
    /// `gpx power`; `null` without power.
    pub const POWER_SOURCE: &str = "power_source";
    /// Rows the activity has in `samples`. Within one store segment the
    /// samples are in the order of the activities, so this places each
    /// activity's rows without reading the samples' ids.
    pub const N_SAMPLES: &str = "n_samples";
}

/// Column names of the `samples` table (one row per recorded second).
pub mod samples {
    /// Activity the sample belongs to.
    pub const ACTIVITY_ID: &str = "activity_id";
    /// Seconds since the activity's first sample.
    pub const T_S: &str = "t_s";
    /// Distance since start, metres.
    pub const DISTANCE_M: &str = "distance_m";
    /// Speed, metres per second.
    pub const SPEED_MPS: &str = "speed_mps";
    /// Altitude, metres.
    pub const ALTITUDE_M: &str = "altitude_m";
    /// Heart rate, beats per minute (`null` for drop-outs and zero readings).
    pub const HR_BPM: &str = "hr_bpm";
    /// Cadence, steps per minute (FIT strides per minute ×2).
    pub const CADENCE_SPM: &str = "cadence_spm";
    /// Temperature, °C.
    pub const TEMPERATURE_C: &str = "temperature_c";
    /// Power, watts: a pod's or the watch maker's model (see the activity's
    /// `power_source`); compare only within one source.
    pub const POWER_W: &str = "power_w";
    /// Step length (one foot strike to the next), millimetres.
    pub const STEP_LENGTH_MM: &str = "step_length_mm";
    /// Ground contact (stance) time, milliseconds.
    pub const STANCE_TIME_MS: &str = "stance_time_ms";
    /// Left foot's share of ground contact time, percent (50 = balanced).
    pub const STANCE_TIME_BALANCE_PCT: &str = "stance_time_balance_pct";
    /// Vertical oscillation of the torso, millimetres.
    pub const VERTICAL_OSCILLATION_MM: &str = "vertical_oscillation_mm";
    /// Vertical oscillation over step length, percent (lower = less bounce per metre).
    pub const VERTICAL_RATIO_PCT: &str = "vertical_ratio_pct";
    /// The power and running-dynamics columns, in table order.
    pub const DYNAMICS: [&str; 6] = [
        POWER_W,
        STEP_LENGTH_MM,
        STANCE_TIME_MS,
        STANCE_TIME_BALANCE_PCT,
        VERTICAL_OSCILLATION_MM,
        VERTICAL_RATIO_PCT,
    ];
}

/// Column names of the `strength_sets` table (one row per set).
pub mod strength_sets {
    /// Session id: source path plus local start time.
    pub const SESSION_ID: &str = "session_id";
    /// Path of the file the set came from.
    pub const SOURCE_PATH: &str = "source_path";
    /// The file on disk the row came from (for a member of a zip or gzip, the container).
    pub const FILE: &str = "file";
    /// Session start instant, UTC.
    pub const START_UTC: &str = "start_utc";
    /// Session start, local wall-clock time as written in the log.
    pub const START_LOCAL: &str = "start_local";
    /// Exercise name as the app wrote it.
    pub const EXERCISE_RAW: &str = "exercise_raw";
    /// Canonical exercise name (lower case).
    pub const EXERCISE: &str = "exercise";
    /// Movement pattern (`squat`, `hinge`, `lunge`, `calf`, `plyometric`, …).
    pub const PATTERN: &str = "pattern";
    /// `warmup`, `working`, `drop` or `failure`.
    pub const SET_TYPE: &str = "set_type";
    /// Load, kilograms.
    pub const WEIGHT_KG: &str = "weight_kg";
    /// Repetitions.
    pub const REPS: &str = "reps";
    /// Duration of a timed set, seconds.
    pub const DURATION_S: &str = "duration_s";
    /// Rating of perceived exertion (1–10), where logged.
    pub const RPE: &str = "rpe";
    /// Length of the whole session, seconds, where the log states it
    /// (Strong's `Duration`, Hevy's start and end, a watch's session).
    pub const SESSION_S: &str = "session_s";
}

/// Column names of the `ingest_log` table (one row per file seen).
pub mod ingest_log {
    /// File path.
    pub const PATH: &str = "path";
    /// The file on disk the row came from (for a member of a zip or gzip, the container).
    pub const FILE: &str = "file";
    /// Detected format name.
    pub const DETECTED_FORMAT: &str = "detected_format";
    /// `ok`, `duplicate`, `skipped` or `failed`.
    pub const STATUS: &str = "status";
    /// Reason or warning text; empty when there is nothing to say.
    pub const MESSAGE: &str = "message";
    /// Activities read from the file.
    pub const ACTIVITIES: &str = "activities";
    /// Strength sets read from the file.
    pub const SETS: &str = "sets";
    /// FIT files: `fast`, or `fitparser (why the fast path declined it)`.
    pub const DECODER: &str = "decoder";
    /// Where the power and running dynamics came from (`power: fit power;
    /// dynamics: fit step_length, stance_time`), empty without them.
    pub const SOURCES: &str = "sources";
}

fn utc() -> DataType {
    DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC))
}

fn local() -> DataType {
    DataType::Datetime(TimeUnit::Milliseconds, None)
}

/// Schema of the `activities` table.
pub fn activities_schema() -> Schema {
    use activities::*;
    Schema::from_iter([
        Field::new(ACTIVITY_ID.into(), DataType::String),
        Field::new(SOURCE_PATH.into(), DataType::String),
        Field::new(FILE.into(), DataType::String),
        Field::new(SOURCE_FORMAT.into(), DataType::String),
        Field::new(SESSION_INDEX.into(), DataType::UInt32),
        Field::new(SPORT.into(), DataType::String),
        Field::new(SUB_SPORT.into(), DataType::String),
        Field::new(START_UTC.into(), utc()),
        Field::new(UTC_OFFSET_MIN.into(), DataType::Int32),
        Field::new(DURATION_S.into(), DataType::Float64),
        Field::new(DISTANCE_M.into(), DataType::Float64),
        Field::new(AVG_HR.into(), DataType::Float64),
        Field::new(AVG_TEMPERATURE_C.into(), DataType::Float64),
        Field::new(RPE.into(), DataType::Float64),
        Field::new(FEEL.into(), DataType::Float64),
        Field::new(DEVICE.into(), DataType::String),
        Field::new(HR_REST_STATED.into(), DataType::Float64),
        Field::new(HR_MAX_STATED.into(), DataType::Float64),
        Field::new(HR_SENSOR.into(), DataType::String),
        Field::new(UTC_OFFSET_STATED.into(), DataType::Boolean),
        Field::new(POWER_SOURCE.into(), DataType::String),
        Field::new(N_SAMPLES.into(), DataType::UInt32),
    ])
}

/// Schema of the `samples` table.
pub fn samples_schema() -> Schema {
    use samples::*;
    let base = [
        Field::new(ACTIVITY_ID.into(), DataType::String),
        Field::new(T_S.into(), DataType::Float64),
        Field::new(DISTANCE_M.into(), DataType::Float64),
        Field::new(SPEED_MPS.into(), DataType::Float64),
        Field::new(ALTITUDE_M.into(), DataType::Float64),
        Field::new(HR_BPM.into(), DataType::Float64),
        Field::new(CADENCE_SPM.into(), DataType::Float64),
        Field::new(TEMPERATURE_C.into(), DataType::Float64),
    ];
    let dynamics = DYNAMICS.map(|name| Field::new(name.into(), DataType::Float64));
    Schema::from_iter(base.into_iter().chain(dynamics))
}

/// Schema of the `strength_sets` table.
pub fn strength_sets_schema() -> Schema {
    use strength_sets::*;
    Schema::from_iter([
        Field::new(SESSION_ID.into(), DataType::String),
        Field::new(SOURCE_PATH.into(), DataType::String),
        Field::new(FILE.into(), DataType::String),
        Field::new(START_UTC.into(), utc()),
        Field::new(START_LOCAL.into(), local()),
        Field::new(EXERCISE_RAW.into(), DataType::String),
        Field::new(EXERCISE.into(), DataType::String),
        Field::new(PATTERN.into(), DataType::String),
        Field::new(SET_TYPE.into(), DataType::String),
        Field::new(WEIGHT_KG.into(), DataType::Float64),
        Field::new(REPS.into(), DataType::Float64),
        Field::new(DURATION_S.into(), DataType::Float64),
        Field::new(RPE.into(), DataType::Float64),
        Field::new(SESSION_S.into(), DataType::Float64),
    ])
}

/// Schema of the `ingest_log` table.
pub fn ingest_log_schema() -> Schema {
    use ingest_log::*;
    Schema::from_iter([
        Field::new(PATH.into(), DataType::String),
        Field::new(FILE.into(), DataType::String),
        Field::new(DETECTED_FORMAT.into(), DataType::String),
        Field::new(STATUS.into(), DataType::String),
        Field::new(MESSAGE.into(), DataType::String),
        Field::new(ACTIVITIES.into(), DataType::UInt32),
        Field::new(SETS.into(), DataType::UInt32),
        Field::new(DECODER.into(), DataType::String),
        Field::new(SOURCES.into(), DataType::String),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_have_unique_columns() {
        for schema in [
            activities_schema(),
            samples_schema(),
            strength_sets_schema(),
            ingest_log_schema(),
        ] {
            let mut names: Vec<_> = schema.iter_names().map(|n| n.to_string()).collect();
            let before = names.len();
            names.sort();
            names.dedup();
            assert_eq!(before, names.len());
        }
        assert_eq!(samples_schema().len(), 14);
    }
}
