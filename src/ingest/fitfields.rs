//! Values out of fitparser's messages: numbers, instants and text from
//! `Value`s, the fields of a `record` the analysis uses (one pass, by field
//! number), and Garmin strength `set` messages.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use fitparser::{FitDataRecord, Value};

/// A numeric FIT value as f64 (`None` for invalid, text and arrays).
pub(super) fn num(v: &Value) -> Option<f64> {
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

pub(super) fn utc(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::Timestamp(t) => Some(t.with_timezone(&Utc)),
        _ => None,
    }
}

pub(super) fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.to_lowercase()),
        other => num(other).map(|n| format!("{n}")),
    }
}

/// The raw seconds of a `local_date_time` that fitparser turned into a
/// machine-local `DateTime`: undo its conversion exactly, so the machine's
/// own zone never leaks into results.
pub(super) fn local_seconds(v: &Value) -> Option<i64> {
    let Value::Timestamp(t) = v else { return None };
    let reference = NaiveDate::from_ymd_opt(1989, 12, 31)?.and_hms_opt(0, 0, 0)?;
    let reference = Local.from_local_datetime(&reference).earliest()?;
    Some(t.timestamp() - reference.timestamp())
}

pub(super) fn get<'a>(rec: &'a FitDataRecord, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .find_map(|n| rec.fields().iter().find(|f| f.name() == *n))
        .map(|f| f.value())
        .filter(|v| !matches!(v, Value::Invalid))
}

pub(super) fn getf(rec: &FitDataRecord, names: &[&str]) -> Option<f64> {
    get(rec, names).and_then(num)
}

/// Whether a `device_info` message describes a heart-rate monitor paired
/// with the watch (ANT+ or Bluetooth device type 120, `heart_rate`): a
/// chest strap or an arm band, not the watch's own optical sensor, which
/// some watches list as a `local` source of the same type.
pub(super) fn is_hr_monitor(rec: &FitDataRecord) -> bool {
    let local = get(rec, &["source_type"])
        .and_then(text)
        .is_some_and(|t| t == "local" || t == "5");
    let heart_rate = get(
        rec,
        &["antplus_device_type", "device_type", "ble_device_type"],
    )
    .and_then(text)
    .is_some_and(|t| t == "heart_rate" || t == "120");
    heart_rate && !local
}

/// Garmin's undocumented user-metrics message, seen in Forerunner exports
/// (age in field 1, height 2, weight 3, sex 4, maximum heart rate 6).
use crate::fit::mesg::GARMIN_USER_METRICS;

/// The athlete's resting and maximum heart rate a message states, if any:
/// `user_profile` (`resting_heart_rate`, `default_max_heart_rate`),
/// `zones_target` (`max_heart_rate`) or Garmin's user-metrics message.
/// Values outside what a human heart does are ignored.
pub(super) fn stated_hr(rec: &FitDataRecord) -> (Option<f64>, Option<f64>) {
    use fitparser::profile::MesgNum;
    let rest_ok = |h: f64| (25.0..=110.0).contains(&h);
    let max_ok = |h: f64| (120.0..=230.0).contains(&h);
    let (rest, max) = match rec.kind() {
        MesgNum::UserProfile => (
            getf(rec, &["resting_heart_rate"]),
            getf(rec, &["default_max_heart_rate"]),
        ),
        MesgNum::ZonesTarget => (None, getf(rec, &["max_heart_rate"])),
        MesgNum::Value(GARMIN_USER_METRICS) => (None, getf(rec, &["unknown_field_6"])),
        _ => (None, None),
    };
    (rest.filter(|&h| rest_ok(h)), max.filter(|&h| max_ok(h)))
}

/// A FIT `set` message (Garmin strength activities).
pub(super) struct GymSet {
    /// When the set started (every set may share one `timestamp`).
    pub(super) start: DateTime<Utc>,
    /// `set_type` active, not rest.
    pub(super) active: bool,
    pub(super) reps: Option<f64>,
    pub(super) weight_kg: Option<f64>,
    pub(super) duration_s: Option<f64>,
    /// The watch's first guess of the exercise category, e.g. `squat`.
    pub(super) category: Option<String>,
}

pub(super) fn gym_set(m: &FitDataRecord) -> Option<GymSet> {
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

#[derive(Default)]
pub(super) struct Sample {
    /// `None` for a record without a timestamp (kept, without a time).
    pub(super) at: Option<DateTime<Utc>>,
    pub(super) distance: Option<f64>,
    pub(super) speed: Option<f64>,
    pub(super) altitude: Option<f64>,
    pub(super) hr: Option<f64>,
    pub(super) cadence: Option<f64>,
    pub(super) temperature: Option<f64>,
    pub(super) extra: Extra,
}

/// A record's power and running dynamics, in the profile's units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Extra {
    /// `power`, W.
    pub(super) power: Option<f64>,
    /// A pod's or app's developer power field ([`crate::fit::DEV_POWER_NAMES`]), W.
    pub(super) dev_power: Option<f64>,
    /// `step_length`, mm.
    pub(super) step_length: Option<f64>,
    /// `stance_time`, ms.
    pub(super) stance_time: Option<f64>,
    /// `stance_time_balance`, %.
    pub(super) stance_balance: Option<f64>,
    /// `vertical_oscillation`, mm.
    pub(super) vertical_oscillation: Option<f64>,
    /// `vertical_ratio`, %.
    pub(super) vertical_ratio: Option<f64>,
    /// `cycle_length16`, else `cycle_length`, m: a step or a stride.
    pub(super) cycle_length: Option<f64>,
}

/// Whether a field named `name` (not the profile's own `power`) is a
/// developer power field, as pods and apps name it.
pub(super) fn is_dev_power(number: u8, name: &str) -> bool {
    crate::fit::is_power_name(name) && !(number == 7 && name == "power")
}

/// The fields of a `record` the analysis uses, in one pass over its fields
/// (matched by field number, and name, so developer fields never pass for
/// profile fields).
pub(super) fn sample(m: &FitDataRecord) -> Sample {
    let mut s = Sample::default();
    let (mut speed, mut altitude, mut fraction) = (None, None, None);
    let (mut cycle16, mut cycle8) = (None, None);
    let x = &mut s.extra;
    let (mut enhanced_speed, mut enhanced_altitude) = (Enhanced::default(), Enhanced::default());
    for f in m.fields() {
        let v = f.value();
        match (f.number(), f.name()) {
            (253, "timestamp") => s.at = utc(v),
            (5, "distance") => s.distance = num(v),
            (73, "enhanced_speed") => enhanced_speed.add(num(v)),
            (6, "speed") => speed = num(v),
            (78, "enhanced_altitude") => enhanced_altitude.add(num(v)),
            (2, "altitude") => altitude = num(v),
            (3, "heart_rate") => s.hr = num(v),
            (4, "cadence") => s.cadence = num(v),
            (53, "fractional_cadence") => fraction = num(v),
            (13, "temperature") => s.temperature = num(v),
            (7, "power") => x.power = num(v),
            (85, "step_length") => x.step_length = num(v),
            (41, "stance_time") => x.stance_time = num(v),
            (84, "stance_time_balance") => x.stance_balance = num(v),
            (39, "vertical_oscillation") => x.vertical_oscillation = num(v),
            (83, "vertical_ratio") => x.vertical_ratio = num(v),
            (87, "cycle_length16") => cycle16 = num(v),
            (12, "cycle_length") => cycle8 = num(v),
            (n, name) if is_dev_power(n, name) => x.dev_power = num(v),
            _ => {}
        }
    }
    x.cycle_length = cycle16.or(cycle8);
    s.speed = enhanced_speed.own(speed);
    s.altitude = enhanced_altitude.own(altitude);
    s.hr = heart_rate(s.hr);
    s.cadence = steps_per_minute(s.cadence, fraction);
    s
}

/// The enhanced values of one field in a record: the file's own, and the
/// one fitparser expands from the 16-bit field (numbers only; an array, as
/// some devices write, is no value).
#[derive(Default)]
struct Enhanced([Option<f64>; 2]);

impl Enhanced {
    fn add(&mut self, v: Option<f64>) {
        if let Some(x) = v {
            self.0 = [self.0[1], Some(x)];
        }
    }

    /// The file's own enhanced value where it has one (the value that is not
    /// the 16-bit field's), else the 16-bit field's.
    fn own(&self, short: Option<f64>) -> Option<f64> {
        let own = self.0.iter().rev().flatten().find(|&&e| Some(e) != short);
        own.copied().or(short)
    }
}

/// A record's heart rate: 0 (no contact) and 255 read as missing.
pub(super) fn heart_rate(hr: Option<f64>) -> Option<f64> {
    hr.filter(|&h| h > 0.0 && h < 255.0)
}

/// Strides per minute (plus the fraction) to steps per minute.
pub(super) fn steps_per_minute(cadence: Option<f64>, fraction: Option<f64>) -> Option<f64> {
    cadence.map(|c| 2.0 * (c + fraction.unwrap_or(0.0)))
}
