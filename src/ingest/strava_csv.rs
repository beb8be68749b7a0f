//! Strava's bulk-export `activities.csv`: one row per activity, no samples.
//!
//! Column names repeat (`Elapsed Time`, `Distance`, `Relative Effort`…), so
//! columns are taken by position: the first `Distance` is in km (in the
//! account's unit), the second in metres and is preferred. `Activity Date`
//! is UTC. Descriptions may span lines inside quotes. `Filename` links a
//! row to its file under `activities/`; when that file is read too, the
//! duplicate check keeps the file (it has samples) and carries the row's
//! `Perceived Exertion` over to it.

use super::csvutil::{self, field, number, read_rows};
use super::sports::sport;
use super::{ActivityData, ActivityMeta, Decoded, ReadContext, utc_offset_min};
use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use std::path::Path;

/// Date layouts Strava has used for `Activity Date` (English locale, ISO).
const DATE_FORMATS: [&str; 3] = [
    "%b %d, %Y, %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%d %b %Y, %H:%M:%S",
];

/// Positions of the columns a reader needs; first occurrence unless noted.
struct Cols {
    date: usize,
    kind: Option<usize>,
    elapsed: Option<usize>,
    distance_km: Option<usize>,
    /// The second `Distance`, in metres.
    distance_m: Option<usize>,
    avg_hr: Option<usize>,
    rpe: Option<usize>,
    temperature: Option<usize>,
}

fn columns(path: &Path, headers: &csv::StringRecord) -> Result<Cols> {
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let nth = |name: &str, n: usize| {
        (names.iter().enumerate())
            .filter(|(_, h)| *h == name)
            .nth(n)
            .map(|(i, _)| i)
    };
    Ok(Cols {
        date: nth("activity date", 0)
            .ok_or_else(|| Error::csv(path, 1, "missing column 'Activity Date'"))?,
        kind: nth("activity type", 0),
        elapsed: nth("elapsed time", 0),
        distance_km: nth("distance", 0),
        distance_m: nth("distance", 1),
        avg_hr: nth("average heart rate", 0),
        rpe: nth("perceived exertion", 0),
        temperature: nth("average temperature", 0),
    })
}

/// Read an `activities.csv`.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut rdr = csvutil::reader(bytes);
    let headers = (rdr.headers())
        .map_err(|e| Error::csv(path, 1, e.to_string()))?
        .clone();
    let c = columns(path, &headers)?;
    let mut out = Decoded::default();
    let mut index = 0u32;
    out.activities = read_rows(
        &mut rdr,
        csvutil::decimal_comma(bytes),
        &mut out.warnings,
        |rec| {
            let text = field(rec, Some(c.date)).ok_or("no activity date")?;
            let start = (DATE_FORMATS.iter())
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                .ok_or_else(|| format!("activity date '{text}' not understood"))?
                .and_utc();
            let (sport, sub_sport) = sport(field(rec, c.kind).unwrap_or(""));
            let distance_m = number(field(rec, c.distance_m))
                .or_else(|| number(field(rec, c.distance_km)).map(|km| km * 1000.0));
            index += 1;
            Ok(Some(ActivityData {
                meta: ActivityMeta {
                    session_index: index - 1,
                    sport,
                    sub_sport,
                    start_utc: Some(start),
                    utc_offset_min: Some(utc_offset_min(start, ctx.timezone)),
                    duration_s: number(field(rec, c.elapsed)),
                    distance_m,
                    avg_hr: number(field(rec, c.avg_hr)).filter(|&h| h > 0.0),
                    avg_temperature_c: number(field(rec, c.temperature)),
                    rpe: number(field(rec, c.rpe)).filter(|r| (0.0..=10.0).contains(r)),
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
    fn repeated_columns_by_position_multiline_descriptions_and_rpe() {
        let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Elapsed Time,Distance,Average Heart Rate,Perceived Exertion\r\n\
                   1,\"Jan 4, 2020, 2:57:37 PM\",Afternoon Run,Run,\"two\r\nlines, quoted\",1509,5.01,activities/1.fit.gz,1509,5005.2,151,6\r\n\
                   2,2020-01-05 08:00:00,Walk,Walk,,600,\"1,234.5\",activities/2.gpx,600,,,\r\n\
                   3,yesterday,Run,Run,,1,1,,1,1,,\r\n";
        let ctx = ReadContext {
            timezone: chrono_tz::Europe::London,
            ..Default::default()
        };
        let d = read(Path::new("activities.csv"), csv.as_bytes(), &ctx).unwrap();
        assert_eq!(d.activities.len(), 2);
        let run = &d.activities[0].meta;
        assert_eq!(run.sport, "running");
        assert_eq!(
            run.start_utc.unwrap().to_rfc3339(),
            "2020-01-04T14:57:37+00:00"
        );
        assert_eq!(
            (run.duration_s, run.distance_m),
            (Some(1509.0), Some(5005.2))
        );
        assert_eq!((run.avg_hr, run.rpe), (Some(151.0), Some(6.0)));
        // No distance in metres: the first Distance (km, thousands separator) is used.
        assert_eq!(d.activities[1].meta.distance_m, Some(1_234_500.0));
        assert!(d.warnings[0].contains("row 4") && d.warnings[0].contains("yesterday"));
    }
}
