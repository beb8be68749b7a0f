//! Ingest: find export files, recognise each by its content, decode it with
//! the reader for its format, and report per file what happened.
//!
//! Readers never see each other or the analysis; they return [`Decoded`]
//! rows that [`crate::tables`] turns into the canonical tables. A file that
//! cannot be read becomes a failed [`FileOutcome`] with the reason; the batch
//! goes on.

pub mod apple_health;
pub mod container;
mod content;
pub mod csvutil;
mod discover;
pub mod dynamics;
pub mod exercises;
pub mod fit;
mod fitdecode;
mod fitfields;
pub mod fitnotes;
mod fitsalvage;
pub mod formats;
pub mod garmin_csv;
pub mod gpx;
pub mod hevy;
pub mod polar;
pub mod sports;
pub mod strava_csv;
pub mod strong;
pub mod tcx;
mod time;
pub mod track;

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use content::Content;
pub use discover::{discover, discover_except};
pub use formats::Format;
pub use time::{local_to_utc, utc_offset_min};

/// Revision of the readers: raise it when a reader changes what it makes
/// of the same bytes, so that stores built by older readers are rebuilt.
pub const READER_REVISION: u32 = 8;

/// What readers need to know about the athlete.
#[derive(Clone, Debug)]
pub struct ReadContext {
    /// Zone of wall-clock times (gym logs; FIT files without `local_timestamp`).
    pub timezone: Tz,
    /// Whether the runner set the zone; if not, wall-clock times take the
    /// offsets the files state ([`crate::zones`]).
    pub timezone_set: bool,
    /// Gym logs without a unit are in pounds.
    pub weight_in_lb: bool,
    /// Start time given to gym sessions of logs that record dates only (FitNotes).
    pub gym_default_time: NaiveTime,
    /// Activity lists without a unit (Garmin Connect) give distances in miles.
    pub distance_in_miles: bool,
}

impl Default for ReadContext {
    /// UTC, kilograms, sessions at 18:00.
    fn default() -> Self {
        ReadContext {
            timezone: chrono_tz::UTC,
            timezone_set: false,
            weight_in_lb: false,
            gym_default_time: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            distance_in_miles: false,
        }
    }
}

/// Summary values of one activity (one session of a file).
#[derive(Clone, Debug, Default)]
pub struct ActivityMeta {
    /// Index of the session inside its file.
    pub session_index: u32,
    /// Sport, lower case; `unknown` where the file does not say.
    pub sport: String,
    /// Sub-sport, where given.
    pub sub_sport: Option<String>,
    /// Start instant.
    pub start_utc: Option<DateTime<Utc>>,
    /// Local offset from UTC, minutes.
    pub utc_offset_min: Option<i32>,
    /// Elapsed time, s.
    pub duration_s: Option<f64>,
    /// Distance, m.
    pub distance_m: Option<f64>,
    /// Mean heart rate, bpm.
    pub avg_hr: Option<f64>,
    /// Mean temperature, °C.
    pub avg_temperature_c: Option<f64>,
    /// Perceived effort, CR10.
    pub rpe: Option<f64>,
    /// How it felt, 0 (very weak) to 100 (very strong).
    pub feel: Option<f64>,
    /// Device name.
    pub device: Option<String>,
    /// Resting heart rate the file states for the athlete (FIT `user_profile`), bpm.
    pub hr_rest_stated: Option<f64>,
    /// Maximum heart rate the file states for the athlete (FIT `user_profile`,
    /// `zones_target`, Garmin's user-metrics message 79), bpm.
    pub hr_max_stated: Option<f64>,
    /// Heart-rate sensor, where the file names one (`chest strap` for an
    /// ANT+/Bluetooth heart-rate monitor in FIT `device_info`).
    pub hr_sensor: Option<String>,
    /// Whether the file states the local offset itself (FIT
    /// `local_timestamp`, Apple Health); else it is the configured zone's.
    pub utc_offset_stated: bool,
    /// Where the samples' power came from, where they have power.
    pub power_source: Option<String>,
}

/// Per-second samples of one activity, column by column (canonical units).
#[derive(Clone, Debug, Default)]
pub struct SampleCols {
    /// Seconds since the first sample.
    pub t_s: Vec<f64>,
    /// Distance, m.
    pub distance_m: Vec<Option<f64>>,
    /// Speed, m/s.
    pub speed_mps: Vec<Option<f64>>,
    /// Altitude, m.
    pub altitude_m: Vec<Option<f64>>,
    /// Heart rate, bpm.
    pub hr_bpm: Vec<Option<f64>>,
    /// Cadence, steps/min.
    pub cadence_spm: Vec<Option<f64>>,
    /// Temperature, °C.
    pub temperature_c: Vec<Option<f64>>,
    /// Power and running dynamics (columns empty where the file has none).
    pub dynamics: dynamics::Dynamics,
}

impl SampleCols {
    /// Number of samples.
    pub fn len(&self) -> usize {
        self.t_s.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.t_s.is_empty()
    }
}

/// One activity with its samples.
#[derive(Clone, Debug, Default)]
pub struct ActivityData {
    /// Summary values.
    pub meta: ActivityMeta,
    /// Samples (empty for lists such as activity CSVs).
    pub samples: SampleCols,
}

/// One strength set as a gym log or a watch wrote it.
#[derive(Clone, Debug)]
pub struct SetRow {
    /// Session start, local wall clock.
    pub start_local: NaiveDateTime,
    /// Session start instant.
    pub start_utc: DateTime<Utc>,
    /// Exercise name as written.
    pub exercise_raw: String,
    /// Warm-up, working, drop or failure.
    pub set_type: crate::kinds::SetType,
    /// Load, kg.
    pub weight_kg: Option<f64>,
    /// Repetitions.
    pub reps: Option<f64>,
    /// Duration, s.
    pub duration_s: Option<f64>,
    /// RPE.
    pub rpe: Option<f64>,
    /// Length of the whole session, s, where the log or watch states it.
    pub session_s: Option<f64>,
}

/// Everything read from one file.
#[derive(Clone, Debug, Default)]
pub struct Decoded {
    /// Activities (sessions) found.
    pub activities: Vec<ActivityData>,
    /// Strength sets found.
    pub sets: Vec<SetRow>,
    /// Problems that did not stop the file being read.
    pub warnings: Vec<String>,
    /// Which decoder read a FIT file: `fast`, or `fitparser` with the reason
    /// the fast path declined it; empty for other formats.
    pub decoder: String,
}

/// How a file fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Read.
    Ok,
    /// Not a workout export runlift reads (yet); not an error.
    Skipped,
    /// Everything in it was already read from another file.
    Duplicate,
    /// A workout export that could not be read.
    Failed,
}

impl Status {
    /// Lower-case name used in logs and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skipped => "skipped",
            Status::Duplicate => "duplicate",
            Status::Failed => "failed",
        }
    }
}

/// The result of reading one file (or one member of a container).
#[derive(Clone, Debug)]
pub struct FileOutcome {
    /// Path (for members: `archive.zip!member.fit`).
    pub path: PathBuf,
    /// Recognised format.
    pub format: Format,
    /// Outcome.
    pub status: Status,
    /// Why it was skipped or failed.
    pub message: Option<String>,
    /// What was read.
    pub decoded: Decoded,
    /// Content hash (BLAKE3, hex) of the bytes read.
    pub content_hash: String,
    /// Members, for containers (their decoded rows are in the members).
    pub members: Vec<FileOutcome>,
}

impl FileOutcome {
    /// This outcome and every member outcome, depth first.
    pub fn flatten(&self) -> Vec<&FileOutcome> {
        let mut out = vec![self];
        for m in &self.members {
            out.extend(m.flatten());
        }
        out
    }
}

/// Read the bytes of one file, already loaded, named `path`.
pub fn read_bytes(path: &Path, bytes: &[u8], ctx: &ReadContext) -> FileOutcome {
    read_hashed(path, bytes, blake3::hash(bytes).to_hex().to_string(), ctx)
}

/// [`read_bytes`] for bytes whose BLAKE3 (hex) is already known.
pub fn read_hashed(
    path: &Path,
    bytes: &[u8],
    content_hash: String,
    ctx: &ReadContext,
) -> FileOutcome {
    let format = formats::sniff(bytes);
    // A decoder bug must cost one file, not the batch.
    let result = std::panic::catch_unwind(|| read_format(path, format, bytes, ctx));
    outcome(path, format, content_hash, result)
}

/// The outcome of decoding one file, whatever became of it.
fn outcome(
    path: &Path,
    format: Format,
    content_hash: String,
    result: std::thread::Result<crate::Result<Read>>,
) -> FileOutcome {
    let mut outcome = FileOutcome {
        path: path.to_path_buf(),
        format,
        status: Status::Ok,
        message: None,
        decoded: Decoded::default(),
        content_hash,
        members: Vec::new(),
    };
    match result {
        Ok(Ok(Read::Rows(decoded))) => outcome.decoded = decoded,
        Ok(Ok(Read::Members(members))) => outcome.members = members,
        Ok(Ok(Read::Skip(why))) => {
            outcome.status = Status::Skipped;
            outcome.message = Some(why);
        }
        Ok(Err(crate::Error::NotAWorkout { what, .. })) => {
            outcome.status = Status::Skipped;
            outcome.message = Some(what);
        }
        Ok(Err(e)) => {
            outcome.status = Status::Failed;
            outcome.message = Some(e.to_string());
        }
        Err(_) => {
            outcome.status = Status::Failed;
            outcome.message = Some(format!(
                "{}: the decoder crashed on this file",
                path.display()
            ));
        }
    }
    outcome
}

enum Read {
    Rows(Decoded),
    Members(Vec<FileOutcome>),
    Skip(String),
}

fn read_format(
    path: &Path,
    format: Format,
    bytes: &[u8],
    ctx: &ReadContext,
) -> crate::Result<Read> {
    Ok(match format.reader() {
        formats::Reader::Rows(read) => Read::Rows(read(path, bytes, ctx)?),
        formats::Reader::Members(read) => Read::Members(read(path, bytes, ctx)?),
        formats::Reader::Skip(_) if bytes.is_empty() => Read::Skip("empty file (0 bytes)".into()),
        formats::Reader::Skip(_) if format == Format::UNKNOWN => Read::Skip(unknown_reason(path)),
        formats::Reader::Skip(why) => Read::Skip(why.to_string()),
    })
}

/// Why an unrecognised file is skipped; runlift's own files are named as such.
fn unknown_reason(path: &Path) -> String {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("runlift.toml") => "runlift settings file, not an export".into(),
        Some("truth.json") => "simulator ground truth, not an export".into(),
        _ => "not a workout export runlift reads".into(),
    }
}

/// Read one file from disk.
pub fn read_path(path: &Path, ctx: &ReadContext) -> FileOutcome {
    match Content::of(path) {
        Ok(content) => content.read(path, ctx),
        Err(e) => FileOutcome::unreadable(path, e),
    }
}

impl FileOutcome {
    /// A file that could not be read from disk (no content hash).
    pub fn unreadable(path: &Path, e: std::io::Error) -> FileOutcome {
        FileOutcome::failed(path, crate::Error::io(path, e).to_string())
    }

    /// A file that failed before it could be decoded, with the reason.
    pub fn failed(path: &Path, message: String) -> FileOutcome {
        FileOutcome {
            path: path.to_path_buf(),
            format: Format::UNKNOWN,
            status: Status::Failed,
            message: Some(message),
            decoded: Decoded::default(),
            content_hash: String::new(),
            members: Vec::new(),
        }
    }
}

/// Read every file under `roots` in parallel; outcomes in path order.
pub fn ingest(roots: &[PathBuf], ctx: &ReadContext) -> crate::Result<Vec<FileOutcome>> {
    let files = discover(roots)?;
    Ok(files.par_iter().map(|p| read_path(p, ctx)).collect())
}
