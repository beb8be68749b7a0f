//! FitNotes' CSV export: one row per set, dates only. The old layout puts
//! the unit in the header (`Weight (lbs)`, `Weight (kgs)`), the new one has
//! `Weight` and `Weight Unit` columns. A day's sets are one session placed
//! at the configured default time of day (stated in the ingest log).
//! `Cardio` rows (runs logged by hand) are not strength sets and are left
//! out, with a count in the log.

use super::csvutil::{
    self, Columns, KG_PER_LB, SetColumns, duration_s, field, number, read_rows, set_row,
};
use super::{Decoded, ReadContext};
use crate::error::{Error, Result};
use crate::kinds::SetType;
use chrono::NaiveDate;
use std::path::Path;

/// Read a FitNotes export.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut rdr = csvutil::reader(bytes);
    let cols = Columns::from_reader(path, &mut rdr)?;
    let date = cols.require(path, "date")?;
    let exercise = cols.require(path, "exercise")?;
    let category = cols.get("category");
    // (column, unit in the header: Some(true) for pounds, None: per row)
    let (weight, header_lb) = match (cols.get("weight (lbs)"), cols.get("weight (kgs)")) {
        (Some(c), _) => (Some(c), Some(true)),
        (None, Some(c)) => (Some(c), Some(false)),
        (None, None) => (cols.get("weight"), None),
    };
    let unit = cols.get("weight unit");
    if weight.is_some() && header_lb.is_none() && unit.is_none() {
        return Err(Error::csv(path, 1, "a Weight column with no unit"));
    }
    let time = cols.get("time");
    let shared = SetColumns {
        reps: cols.get("reps"),
        seconds: None,
        rpe: None,
    };
    let mut out = Decoded::default();
    out.warnings.push(format!(
        "dates only: sessions placed at {} local time (setting gym_default_time)",
        ctx.gym_default_time.format("%H:%M")
    ));
    let mut cardio = 0usize;
    out.sets = read_rows(
        &mut rdr,
        csvutil::decimal_comma(bytes),
        &mut out.warnings,
        |rec| {
            let day = field(rec, Some(date))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or("date not understood")?;
            if field(rec, category).is_some_and(|c| c.eq_ignore_ascii_case("cardio")) {
                cardio += 1;
                return Ok(None);
            }
            let name = field(rec, Some(exercise)).ok_or("no exercise")?;
            let in_lb = header_lb.unwrap_or_else(|| {
                field(rec, unit).is_some_and(|u| u.to_lowercase().starts_with("lb"))
            });
            let factor = if in_lb { KG_PER_LB } else { 1.0 };
            let weight_kg = number(field(rec, weight))
                .filter(|&w| w > 0.0)
                .map(|w| w * factor);
            let start = day.and_time(ctx.gym_default_time);
            let mut set = set_row(ctx, start, name, SetType::Working, weight_kg, rec, shared);
            set.duration_s = duration_s(field(rec, time)).filter(|&s| s > 0.0);
            Ok(Some(set))
        },
    );
    if cardio > 0 {
        out.warnings.push(format!(
            "{cardio} cardio rows left out (runs come from the watch or activity lists)"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_layouts_default_time_and_cardio_rows() {
        let ctx = ReadContext {
            timezone: chrono_tz::America::New_York,
            gym_default_time: chrono::NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
            ..Default::default()
        };
        let old = "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n\
                   2017-06-23,Squat,Legs,225.0,5,,,\n\
                   2017-06-23,Plank,Abs,0.0,,,,0:01:00\n\
                   2017-06-23,Running (Treadmill),Cardio,,,1.23,mi,0:09:21\n";
        let d = read(Path::new("FitNotes_Export.csv"), old.as_bytes(), &ctx).unwrap();
        assert_eq!(d.sets.len(), 2);
        assert!((d.sets[0].weight_kg.unwrap() - 102.058).abs() < 0.01);
        assert_eq!(d.sets[0].reps, Some(5.0));
        assert_eq!(
            (d.sets[1].weight_kg, d.sets[1].duration_s),
            (None, Some(60.0))
        );
        assert_eq!(d.sets[0].start_local.to_string(), "2017-06-23 07:30:00");
        // 07:30 in New York summer is 11:30 UTC.
        assert_eq!(d.sets[0].start_utc.format("%H:%M").to_string(), "11:30");
        assert!(d.warnings[0].contains("07:30"));
        assert!(d.warnings[1].starts_with("1 cardio rows"));
        let new = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n\
                   2025-04-29,Bench Press,Chest,15.0,kgs,6,,,\n\
                   2025-04-29,Bench Press,Chest,50.0,lbs,6,,,\n";
        let d = read(Path::new("FitNotes_Export.csv"), new.as_bytes(), &ctx).unwrap();
        assert_eq!(d.sets[0].weight_kg, Some(15.0));
        assert!((d.sets[1].weight_kg.unwrap() - 22.68).abs() < 0.01);
        let bad = "Date,Exercise,Category,Weight,Reps\n2025-04-29,Bench,Chest,15,6\n";
        assert!(read(Path::new("f.csv"), bad.as_bytes(), &ctx).is_err());
    }
}
