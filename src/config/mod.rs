//! Settings: the athlete profile in `runlift.toml`, overridden by flags,
//! validated once into [`Settings`]. Analysis code only sees `Settings`.
//!
//! ```toml
//! [athlete]
//! name = "Alex Strider"
//! hr_rest = 48            # bpm
//! hr_max = 188            # bpm
//! sex = "male"            # or "female"; sets the TRIMP constant
//! timezone = "Europe/Copenhagen"   # IANA; gym logs are read in this zone
//! weight_unit = "kg"      # or "lb"; for gym logs that give no unit
//! distance_unit = "km"    # or "mi"; the Garmin Connect account's unit
//!
//! [analysis]
//! reference_hr = 145      # bpm
//! reference_pace = "5:30" # min:s per km
//!
//! [ingest]
//! store = "reports/.store"    # decoded tables kept between runs
//! gym_default_time = "18:00"  # start of gym sessions logged by date only
//! ```

use crate::analysis::periods::Period;
use crate::error::{Error, Result};
use crate::ingest::ReadContext;
use chrono::NaiveTime;
use chrono_tz::Tz;
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod units;
pub use units::{Units, format_pace, parse_pace};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    athlete: AthleteSection,
    #[serde(default)]
    analysis: AnalysisSection,
    #[serde(default)]
    ingest: IngestSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IngestSection {
    store: Option<PathBuf>,
    gym_default_time: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AthleteSection {
    name: Option<String>,
    hr_rest: Option<f64>,
    hr_max: Option<f64>,
    sex: Option<Sex>,
    timezone: Option<String>,
    weight_unit: Option<WeightUnit>,
    distance_unit: Option<DistanceUnit>,
}

/// `sex` in the config (for the TRIMP constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Sex {
    Male,
    Female,
}

/// `weight_unit`: of gym logs that give none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum WeightUnit {
    Kg,
    #[serde(alias = "lbs")]
    Lb,
}

/// `distance_unit`: the Garmin Connect account's, for `Activities.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum DistanceUnit {
    Km,
    #[serde(alias = "miles")]
    Mi,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalysisSection {
    reference_hr: Option<f64>,
    reference_pace: Option<String>,
}

/// Settings given on the command line; each overrides the config file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Resting heart rate, bpm.
    pub hr_rest: Option<f64>,
    /// Maximum heart rate, bpm.
    pub hr_max: Option<f64>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// Reference heart rate, bpm.
    pub reference_hr: Option<f64>,
    /// Reference pace, `MM:SS` per km.
    pub reference_pace: Option<String>,
    /// Baseline period.
    pub baseline: Option<Period>,
    /// Recent period.
    pub recent: Option<Period>,
    /// Turn the temperature adjustment off.
    pub no_temperature_adjustment: bool,
    /// Display units.
    pub units: Units,
    /// Build the report as of the end of this ISO week (`YYYY-Www`).
    pub week: Option<String>,
    /// Store folder.
    pub store: Option<PathBuf>,
    /// Start time of date-only gym sessions, `HH:MM`.
    pub gym_default_time: Option<String>,
}

/// Parse an ISO week `YYYY-Www` into its Sunday.
pub fn parse_iso_week(s: &str) -> Result<chrono::NaiveDate> {
    let bad = || Error::Config(format!("'{s}' is not an ISO week like 2026-W20"));
    let (y, w) = s.split_once("-W").ok_or_else(bad)?;
    let (y, w): (i32, u32) = (y.parse().map_err(|_| bad())?, w.parse().map_err(|_| bad())?);
    chrono::NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Sun).ok_or_else(bad)
}

/// Validated settings for one report.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Athlete's name for chart titles.
    pub athlete_name: String,
    /// Resting heart rate, bpm; `None`: from the files, else a default
    /// (see [`crate::analysis::limits`]).
    pub hr_rest: Option<f64>,
    /// Maximum heart rate, bpm; `None`: from the files, else the data, else a default.
    pub hr_max: Option<f64>,
    /// Time zone for wall-clock gym logs.
    pub timezone: Tz,
    /// Whether the zone was set (else UTC, and wall-clock times take the
    /// offsets the runner's files state).
    pub timezone_set: bool,
    /// Use the women's TRIMP constants.
    pub female: bool,
    /// Unit assumed for gym logs without one: true for pounds.
    pub weight_in_lb: bool,
    /// Reference heart rate (bpm); `None`: chosen from the data.
    pub reference_hr: Option<f64>,
    /// Reference speed (m/s); `None`: chosen from the data.
    pub reference_speed_mps: Option<f64>,
    /// Baseline period; `None`: chosen from the data.
    pub baseline: Option<Period>,
    /// Recent period; `None`: chosen from the data.
    pub recent: Option<Period>,
    /// Adjust for temperature where the runner's data show a heat effect.
    pub temperature_adjustment: bool,
    /// Display units.
    pub units: Units,
    /// Last day of data to use (the Sunday of `--week`).
    pub until: Option<chrono::NaiveDate>,
    /// Defaults that were assumed, for the report to state.
    pub assumptions: Vec<String>,
    /// Config file that was read, if any.
    pub config_path: Option<PathBuf>,
    /// Store folder; `None`: `<out>/.store`.
    pub store: Option<PathBuf>,
    /// Start time given to gym sessions of date-only logs (FitNotes).
    pub gym_default_time: NaiveTime,
    /// Garmin Connect activity lists give distances in miles.
    pub distance_in_miles: bool,
}

impl Settings {
    /// What the readers need from these settings.
    pub fn read_context(&self) -> ReadContext {
        ReadContext {
            timezone: self.timezone,
            timezone_set: self.timezone_set,
            weight_in_lb: self.weight_in_lb,
            gym_default_time: self.gym_default_time,
            distance_in_miles: self.distance_in_miles,
        }
    }
}

/// Find the config file: the explicit one, else `runlift.toml` here, else in the first data folder.
pub fn locate(explicit: Option<&Path>, data_dirs: &[PathBuf]) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let here = PathBuf::from("runlift.toml");
    if here.is_file() {
        return Some(here);
    }
    data_dirs
        .first()
        .map(|d| d.join("runlift.toml"))
        .filter(|p| p.is_file())
}

/// Read the config (if any) and apply the overrides.
pub fn load(config_path: Option<PathBuf>, o: Overrides) -> Result<Settings> {
    let file: ConfigFile = match &config_path {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            toml::from_str(&text).map_err(|e| Error::Config(format!("{}: {e}", p.display())))?
        }
        None => ConfigFile::default(),
    };
    let mut assumptions = Vec::new();
    let hr_rest = o.hr_rest.or(file.athlete.hr_rest);
    let hr_max = o.hr_max.or(file.athlete.hr_max);
    let bad_rest = hr_rest.is_some_and(|r| !(25.0..=120.0).contains(&r));
    let bad_max = hr_max.is_some_and(|m| !(120.0..=230.0).contains(&m));
    if bad_rest || bad_max || hr_rest.zip(hr_max).is_some_and(|(r, m)| r >= m) {
        return Err(Error::Config(format!(
            "heart rates out of range: rest {hr_rest:?}, max {hr_max:?}"
        )));
    }
    let tz_set = o.timezone.or(file.athlete.timezone);
    let timezone_set = tz_set.is_some();
    let tz_name = tz_set.unwrap_or_else(|| "UTC".into());
    let timezone: Tz = tz_name
        .parse()
        .map_err(|_| Error::Config(format!("unknown time zone '{tz_name}' (use an IANA name)")))?;
    let weight_in_lb = file.athlete.weight_unit == Some(WeightUnit::Lb);
    let distance_in_miles = file.athlete.distance_unit == Some(DistanceUnit::Mi);
    let female = file.athlete.sex == Some(Sex::Female);
    if file.athlete.sex.is_none() {
        assumptions.push("sex not set: TRIMP uses the men's constants".into());
    }
    let reference_hr = o.reference_hr.or(file.analysis.reference_hr);
    if let Some(hr) = reference_hr
        && !(hr > hr_rest.unwrap_or(25.0) && hr < hr_max.unwrap_or(230.0))
    {
        return Err(Error::Config(format!(
            "reference heart rate {hr} is not between rest and max"
        )));
    }
    let default_time = o.gym_default_time.or(file.ingest.gym_default_time);
    let gym_default_time = match default_time.as_deref() {
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|_| Error::Config(format!("gym_default_time '{t}' is not HH:MM")))?,
        None => ReadContext::default().gym_default_time,
    };
    let reference_speed_mps = match o.reference_pace.or(file.analysis.reference_pace) {
        Some(p) => Some(1000.0 / parse_pace(&p)?),
        None => None,
    };
    Ok(Settings {
        athlete_name: file.athlete.name.unwrap_or_else(|| "Runner".into()),
        hr_rest,
        hr_max,
        timezone,
        timezone_set,
        female,
        weight_in_lb,
        reference_hr,
        reference_speed_mps,
        baseline: o.baseline,
        recent: o.recent,
        temperature_adjustment: !o.no_temperature_adjustment,
        units: o.units,
        until: o.week.as_deref().map(parse_iso_week).transpose()?,
        assumptions,
        config_path,
        store: o.store.or(file.ingest.store),
        gym_default_time,
        distance_in_miles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks() {
        assert_eq!(
            parse_iso_week("2026-W20").unwrap().to_string(),
            "2026-05-17"
        );
        assert_eq!(
            parse_iso_week("2026-W01").unwrap().to_string(),
            "2026-01-04"
        );
        assert!(parse_iso_week("2026-W54").is_err() && parse_iso_week("May").is_err());
    }

    #[test]
    fn paces_round_trip() {
        assert_eq!(parse_pace("5:30").unwrap(), 330.0);
        assert_eq!(format_pace(330.0), "5:30");
        assert!(parse_pace("5:75").is_err() && parse_pace("fast").is_err());
    }

    #[test]
    fn flags_override_file_and_defaults_are_stated() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("runlift.toml");
        std::fs::write(&p, "[athlete]\nname = \"Kim\"\nhr_rest = 50\ntimezone = \"Europe/Oslo\"\n[analysis]\nreference_hr = 140\n").unwrap();
        let o = Overrides {
            reference_hr: Some(150.0),
            ..Default::default()
        };
        let s = load(Some(p), o).unwrap();
        assert_eq!(s.athlete_name, "Kim");
        assert_eq!((s.hr_rest, s.hr_max), (Some(50.0), None));
        assert_eq!(s.reference_hr, Some(150.0));
        assert_eq!(s.timezone, chrono_tz::Europe::Oslo);
        assert_eq!(
            s.assumptions,
            vec!["sex not set: TRIMP uses the men's constants".to_string()]
        );
    }

    #[test]
    fn bad_settings_are_refused() {
        let o = Overrides {
            timezone: Some("Mars/Olympus".into()),
            ..Default::default()
        };
        assert!(load(None, o).is_err());
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("runlift.toml");
        std::fs::write(&p, "[athlete]\nhr_rset = 50\n").unwrap();
        assert!(load(Some(p.clone()), Overrides::default()).is_err());
        std::fs::write(&p, "[athlete]\nweight_unit = \"stone\"\n").unwrap();
        let err = load(Some(p.clone()), Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("runlift.toml") && err.contains("stone") && err.contains("`kg`"),
            "{err}"
        );
    }

    #[test]
    fn unit_and_sex_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("runlift.toml");
        let read = |text: &str| {
            std::fs::write(&p, text).unwrap();
            load(Some(p.clone()), Overrides::default()).unwrap()
        };
        let s =
            read("[athlete]\nweight_unit = \"lbs\"\ndistance_unit = \"miles\"\nsex = \"female\"\n");
        assert!(s.weight_in_lb && s.distance_in_miles && s.female);
        assert!(s.assumptions.is_empty(), "{:?}", s.assumptions);
        let s = read("[athlete]\nweight_unit = \"kg\"\ndistance_unit = \"km\"\nsex = \"male\"\n");
        assert!(!s.weight_in_lb && !s.distance_in_miles && !s.female);
    }
}
