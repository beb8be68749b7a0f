//! Polar Flow's per-session CSV: a summary header and one row of values,
//! then a sample header and one row per second. Dates are `dd.mm.yyyy`
//! with a local start time (read in the athlete's zone); speeds are km/h;
//! rows end with a trailing comma.

use super::csvutil::{duration_s, field, number};
use super::sports::sport;
use super::{
    ActivityData, ActivityMeta, Decoded, ReadContext, SampleCols, local_to_utc, utc_offset_min,
};
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveTime};
use std::path::Path;

fn records(path: &Path, bytes: &[u8]) -> Result<Vec<csv::StringRecord>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(super::csvutil::strip_bom(bytes));
    (rdr.records().enumerate())
        .map(|(i, r)| r.map_err(|e| Error::csv(path, i as u64 + 1, e.to_string())))
        .collect()
}

/// Position of `name` (lower case) in a header record.
fn pos(header: &csv::StringRecord, name: &str) -> Option<usize> {
    header.iter().position(|h| h.trim().to_lowercase() == name)
}

/// Read a Polar Flow session CSV.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let recs = records(path, bytes)?;
    let [head, values, sample_head, rows @ ..] = recs.as_slice() else {
        return Err(Error::csv(
            path,
            1,
            "needs a summary row and a sample header",
        ));
    };
    let date = field(values, pos(head, "date"))
        .and_then(|d| NaiveDate::parse_from_str(d, "%d.%m.%Y").ok())
        .ok_or_else(|| Error::csv(path, 2, "date not understood (dd.mm.yyyy)"))?;
    let time = field(values, pos(head, "start time"))
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M:%S").ok())
        .ok_or_else(|| Error::csv(path, 2, "start time not understood (hh:mm:ss)"))?;
    let start = local_to_utc(date.and_time(time), ctx.timezone);
    let (sport, sub_sport) = sport(field(values, pos(head, "sport")).unwrap_or(""));
    let col = |name| pos(sample_head, name);
    let (t, hr, speed) = (col("time"), col("hr (bpm)"), col("speed (km/h)"));
    let (cadence, alt, dist) = (col("cadence"), col("altitude (m)"), col("distances (m)"));
    let temp = col("temperatures (c)");
    let mut s = SampleCols::default();
    let mut out = Decoded::default();
    for (i, rec) in rows.iter().enumerate() {
        let Some(at) = duration_s(field(rec, t)) else {
            let row = i + 4;
            out.warnings.push(format!("row {row}: no time, skipped"));
            continue;
        };
        let n = |c| number(field(rec, c));
        s.t_s.push(at);
        s.hr_bpm.push(n(hr).filter(|&h| h > 0.0));
        s.speed_mps.push(n(speed).map(|v| v / 3.6));
        s.cadence_spm.push(n(cadence));
        s.altitude_m.push(n(alt));
        s.distance_m.push(n(dist));
        s.temperature_c.push(n(temp));
    }
    let total_km = number(field(values, pos(head, "total distance (km)")));
    out.activities.push(ActivityData {
        meta: ActivityMeta {
            sport,
            sub_sport,
            start_utc: Some(start),
            utc_offset_min: Some(utc_offset_min(start, ctx.timezone)),
            duration_s: duration_s(field(values, pos(head, "duration"))),
            distance_m: total_km.map(|km| km * 1000.0),
            avg_hr: number(field(values, pos(head, "average heart rate (bpm)"))),
            ..Default::default()
        },
        samples: s,
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_then_samples_with_trailing_commas() {
        let csv = "Name,Sport,Date,Start time,Duration,Total distance (km),Average heart rate (bpm),\n\
                   Hana,RUNNING,06.09.2015,10:01:07,02:16:08,21.34,160,\n\
                   Sample rate,Time,HR (bpm),Speed (km/h),Cadence,Altitude (m),Distances (m),Temperatures (C),\n\
                   1,00:00:00,111,5.4,,213,4.33,24.9,\n\
                   ,00:00:01,0,7.2,80,213,5.90,24.9,\n\
                   ,,,,,,,,\n";
        let ctx = ReadContext {
            timezone: chrono_tz::Europe::Prague,
            ..Default::default()
        };
        let d = read(Path::new("polar.csv"), csv.as_bytes(), &ctx).unwrap();
        let a = &d.activities[0];
        assert_eq!(a.meta.sport, "running");
        assert_eq!(
            a.meta.start_utc.unwrap().to_rfc3339(),
            "2015-09-06T08:01:07+00:00"
        );
        assert_eq!(a.meta.duration_s, Some(8168.0));
        assert_eq!(a.meta.distance_m, Some(21340.0));
        assert_eq!(a.samples.t_s, vec![0.0, 1.0]);
        assert_eq!(a.samples.hr_bpm, vec![Some(111.0), None]);
        assert!((a.samples.speed_mps[1].unwrap() - 2.0).abs() < 1e-9);
        assert_eq!(d.warnings, vec!["row 6: no time, skipped".to_string()]);
        assert!(read(Path::new("p.csv"), b"Name,Sport\n", &ctx).is_err());
    }
}
