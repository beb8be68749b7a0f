//! Garmin Connect's `Activities.csv`: one row per activity, no samples.
//!
//! Headers are localised (a locale is one row of [`LOCALES`]) and repeat
//! (`Avg Run Cadence` twice), so columns are found by position: the first
//! column with the wanted name. Times are local wall clock with no zone
//! (read in the athlete's zone, DST-aware); `--` is missing; numbers carry
//! thousands separators; durations are `hh:mm:ss`. Distances are in the
//! account's unit (km or miles, the `distance_unit` setting), except swims,
//! which Garmin lists in metres (or yards).

use super::csvutil::{self, Columns, duration_s, field, number, read_rows};
use super::sports::{distance_in_pool_units, sport};
use super::{ActivityData, ActivityMeta, Decoded, ReadContext, local_to_utc, utc_offset_min};
use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use std::path::Path;

/// Column names of one language of Garmin Connect.
pub struct Locale {
    /// Language, for messages.
    pub language: &'static str,
    /// Activity type.
    pub kind: &'static str,
    /// Start, local time.
    pub date: &'static str,
    /// Distance.
    pub distance: &'static str,
    /// Moving (timer) time.
    pub time: &'static str,
    /// Elapsed time, where exported.
    pub elapsed: &'static str,
    /// Mean heart rate.
    pub avg_hr: &'static str,
}

/// The languages runlift reads.
pub const LOCALES: &[Locale] = &[
    Locale {
        language: "English",
        kind: "activity type",
        date: "date",
        distance: "distance",
        time: "time",
        elapsed: "elapsed time",
        avg_hr: "avg hr",
    },
    Locale {
        language: "Danish",
        kind: "aktivitetstype",
        date: "dato",
        distance: "distance",
        time: "tid",
        elapsed: "forløbet tid",
        avg_hr: "gennemsnitlig puls",
    },
];

const M_PER_MILE: f64 = 1609.344;
const M_PER_YARD: f64 = 0.9144;

/// Read an `Activities.csv`.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut rdr = csvutil::reader(bytes);
    let cols = Columns::from_reader(path, &mut rdr)?;
    let locale = (LOCALES.iter())
        .find(|l| cols.get(l.kind).is_some())
        .ok_or_else(|| Error::csv(path, 1, "no activity type column in a known language"))?;
    let kind = cols.require(path, locale.kind)?;
    let date = cols.require(path, locale.date)?;
    let (distance, avg_hr) = (cols.get(locale.distance), cols.get(locale.avg_hr));
    let time = cols.get(locale.elapsed).or(cols.get(locale.time));
    let mut out = Decoded::default();
    let unit = if ctx.distance_in_miles { "miles" } else { "km" };
    out.warnings.push(format!(
        "{} headers; distances read in {unit} (setting distance_unit); times in {}",
        locale.language, ctx.timezone
    ));
    let mut index = 0u32;
    out.activities = read_rows(
        &mut rdr,
        csvutil::decimal_comma(bytes),
        &mut out.warnings,
        |rec| {
            let (sport, sub_sport) = sport(field(rec, Some(kind)).ok_or("no activity type")?);
            let local = field(rec, Some(date))
                .and_then(|d| NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M:%S").ok())
                .ok_or("date not understood")?;
            let start = local_to_utc(local, ctx.timezone);
            let scale = match (distance_in_pool_units(&sport), ctx.distance_in_miles) {
                (true, false) => 1.0,
                (true, true) => M_PER_YARD,
                (false, false) => 1000.0,
                (false, true) => M_PER_MILE,
            };
            index += 1;
            Ok(Some(ActivityData {
                meta: ActivityMeta {
                    session_index: index - 1,
                    sport,
                    sub_sport,
                    start_utc: Some(start),
                    utc_offset_min: Some(utc_offset_min(start, ctx.timezone)),
                    duration_s: duration_s(field(rec, time)),
                    distance_m: number(field(rec, distance)).map(|d| d * scale),
                    avg_hr: number(field(rec, avg_hr)).filter(|&h| h > 0.0),
                    ..Default::default()
                },
                samples: Default::default(),
            }))
        },
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_danish_lists_with_repeated_columns_and_placeholders() {
        let ctx = ReadContext {
            timezone: chrono_tz::Europe::Copenhagen,
            ..Default::default()
        };
        let en = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Avg Run Cadence,Avg Run Cadence\n\
                  Running,2022-07-12 14:38:08,false,\"Run\",\"9.73\",\"747\",\"01:03:58\",\"138\",\"163\",\"0\"\n\
                  Pool Swimming,2022-11-16 08:14:07,false,\"Swim\",\"1,000\",\"205\",\"00:26:06\",\"--\",\"0\",\"0\"\n\
                  Running,someday,false,\"Run\",\"1\",\"1\",\"00:10:00\",\"1\",\"1\",\"1\"\n";
        let d = read(Path::new("Activities.csv"), en.as_bytes(), &ctx).unwrap();
        assert_eq!(d.activities.len(), 2);
        let run = &d.activities[0].meta;
        assert_eq!(run.sport, "running");
        assert_eq!(run.distance_m, Some(9730.0));
        assert_eq!(run.duration_s, Some(3838.0));
        assert_eq!(run.avg_hr, Some(138.0));
        // Summer time in Copenhagen: 14:38 local is 12:38 UTC.
        assert_eq!(run.start_utc.unwrap().format("%H:%M").to_string(), "12:38");
        assert_eq!(run.utc_offset_min, Some(120));
        let swim = &d.activities[1].meta;
        assert_eq!((swim.distance_m, swim.avg_hr), (Some(1000.0), None));
        assert_eq!(swim.utc_offset_min, Some(60));
        assert!(d.warnings.iter().any(|w| w.starts_with("row 4: date")));
        let da = "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls\r\n\
                  Løb,2020-03-02 15:05:08,false,\"5k, dukkert\",\"6.29\",\"469\",\"00:36:26\",\"150\"\r\n";
        let miles = ReadContext {
            distance_in_miles: true,
            ..ctx
        };
        let d = read(Path::new("Activities.csv"), da.as_bytes(), &miles).unwrap();
        let m = &d.activities[0].meta;
        assert_eq!(m.sport, "running");
        assert!((m.distance_m.unwrap() - 6.29 * M_PER_MILE).abs() < 1e-6);
        assert!(d.warnings[0].starts_with("Danish headers; distances read in miles"));
    }
}
