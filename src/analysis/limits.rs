//! The athlete's resting and maximum heart rate, and where they came from.
//!
//! In order: the settings (`runlift.toml` or flags); what the watch's files
//! state (FIT `user_profile`, `zones_target`, Garmin's user-metrics message;
//! the most recent file that states one); the data, for the maximum only:
//! the second-highest 99th percentile of a run's heart rate over the last
//! 365 days of running (one broken chest strap cannot set it), from at least
//! [`MIN_RUNS_FOR_MAX`] runs; else the defaults, 60 and 190 bpm. Resting
//! heart rate cannot be read off runs, so it is never taken from the data.
//! The report states the source of each.

use crate::config::Settings;
use crate::error::Result;
use crate::schema::{activities as a, samples as s};
use crate::tables::{Tables, f64s, i64s, strs};

/// Resting heart rate assumed when nothing states one, bpm.
pub const DEFAULT_REST: f64 = 60.0;
/// Maximum heart rate assumed when nothing states one, bpm.
pub const DEFAULT_MAX: f64 = 190.0;
/// Fewest runs with heart rate in the last year for a maximum from the data.
pub const MIN_RUNS_FOR_MAX: usize = 5;

/// Where a heart-rate limit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The settings.
    Config,
    /// The athlete's own files.
    Files,
    /// Measured in the runs.
    Data,
    /// Nothing said: a default.
    Default,
}

impl Source {
    /// Name used in `summary.json`.
    pub fn name(self) -> &'static str {
        match self {
            Source::Config => "config",
            Source::Files => "files",
            Source::Data => "data",
            Source::Default => "default",
        }
    }
}

/// Resting and maximum heart rate with their sources.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HrLimits {
    /// Resting heart rate, bpm.
    pub rest: f64,
    /// Maximum heart rate, bpm.
    pub max: f64,
    /// Where `rest` came from.
    pub rest_source: Source,
    /// Where `max` came from.
    pub max_source: Source,
}

impl HrLimits {
    /// Sentences for the report's assumptions (nothing for configured values).
    pub fn notes(&self) -> Vec<String> {
        let say = |what: &str, v: f64, src: Source| match src {
            Source::Config => None,
            Source::Files => Some(format!(
                "{what} not set: {v:.0} bpm, as the watch's files state"
            )),
            Source::Data => Some(format!(
                "{what} not set and not in the files: {v:.0} bpm from the data \
                 (second-highest 99th percentile of a run's heart rate in the last year)"
            )),
            Source::Default => Some(format!(
                "{what} not set and not in the files: {v:.0} bpm assumed"
            )),
        };
        [
            say("resting heart rate", self.rest, self.rest_source),
            say("maximum heart rate", self.max, self.max_source),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The most recent value a file states in column `name`.
fn latest_stated(tables: &Tables, name: &str) -> Result<Option<f64>> {
    let act = &tables.activities;
    let (starts, values) = (i64s(act, a::START_UTC)?, f64s(act, name)?);
    Ok(starts
        .iter()
        .zip(values)
        .filter_map(|(t, v)| Some((t.unwrap_or(i64::MIN), v?)))
        .max_by_key(|(t, _)| *t)
        .map(|(_, v)| v))
}

fn percentile(mut xs: Vec<f64>, q: f64) -> Option<f64> {
    xs.sort_by(f64::total_cmp);
    (!xs.is_empty()).then(|| xs[((xs.len() - 1) as f64 * q).round() as usize])
}

/// Maximum heart rate from the runs of the last 365 days, if enough have heart rate.
fn max_from_data(tables: &Tables) -> Result<Option<f64>> {
    let act = &tables.activities;
    let (ids, sports, starts) = (
        strs(act, a::ACTIVITY_ID)?,
        strs(act, a::SPORT)?,
        i64s(act, a::START_UTC)?,
    );
    let runs: Vec<(&str, i64)> = (0..ids.len())
        .filter(|&i| sports[i].as_deref() == Some("running"))
        .filter_map(|i| Some((ids[i].as_deref()?, starts[i]?)))
        .collect();
    let Some(last) = runs.iter().map(|r| r.1).max() else {
        return Ok(None);
    };
    let year_ms = 365 * 86_400_000;
    let recent: Vec<&str> = (runs.iter())
        .filter(|r| r.1 >= last - year_ms)
        .map(|r| r.0)
        .collect();
    let per_run = tables.samples.map(&recent, &[s::HR_BPM], |_, df| {
        let hrs: Vec<f64> = (f64s(df, s::HR_BPM).ok()?.into_iter())
            .flatten()
            .filter(|h| (40.0..=220.0).contains(h))
            .collect();
        (hrs.len() >= 60).then(|| percentile(hrs, 0.99)).flatten()
    })?;
    let mut per_run: Vec<f64> = per_run.into_iter().flatten().flatten().collect();
    if per_run.len() < MIN_RUNS_FOR_MAX {
        return Ok(None);
    }
    per_run.sort_by(f64::total_cmp);
    Ok(Some(per_run[per_run.len() - 2].round()))
}

/// Resolve the limits for `settings` and the data in `tables`.
pub fn resolve(tables: &Tables, settings: &Settings) -> Result<HrLimits> {
    let (rest, rest_source) = match (settings.hr_rest, latest_stated(tables, a::HR_REST_STATED)?) {
        (Some(v), _) => (v, Source::Config),
        (None, Some(v)) => (v, Source::Files),
        (None, None) => (DEFAULT_REST, Source::Default),
    };
    let (mut max, mut max_source) = match settings.hr_max {
        Some(v) => (v, Source::Config),
        None => match latest_stated(tables, a::HR_MAX_STATED)? {
            Some(v) => (v, Source::Files),
            None => match max_from_data(tables)? {
                Some(v) => (v, Source::Data),
                None => (DEFAULT_MAX, Source::Default),
            },
        },
    };
    // A maximum must leave room above rest for a reserve to mean anything.
    if max < rest + 60.0 && max_source != Source::Config {
        (max, max_source) = (DEFAULT_MAX.max(rest + 60.0), Source::Default);
    }
    Ok(HrLimits {
        rest,
        max,
        rest_source,
        max_source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_name_the_source() {
        let l = HrLimits {
            rest: 60.0,
            max: 186.0,
            rest_source: Source::Default,
            max_source: Source::Data,
        };
        let notes = l.notes();
        assert_eq!(notes.len(), 2);
        assert!(notes[0].contains("60 bpm assumed"), "{notes:?}");
        assert!(notes[1].contains("186 bpm from the data"), "{notes:?}");
        let configured = HrLimits {
            rest_source: Source::Config,
            max_source: Source::Files,
            ..l
        };
        assert_eq!(
            configured.notes(),
            vec!["maximum heart rate not set: 186 bpm, as the watch's files state".to_string()]
        );
        assert_eq!(percentile(vec![3.0, 1.0, 2.0], 0.99), Some(3.0));
    }
}
