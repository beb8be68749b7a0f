//! Strong's CSV export, every generation seen in the wild: comma or
//! semicolon separated; with or without `Duration`, `RPE` and `Weight Unit`
//! columns; `Set Order` as a number or a letter (`W` warm-up, `D` drop set,
//! `F` failure); `Rest Timer` rows; reps written as `10.0`. Times are local
//! wall clock with no zone.

use super::csvutil::{self, Columns, field, number};
use super::{Decoded, ReadContext, SetRow, local_to_utc};
use crate::error::Result;
use chrono::NaiveDateTime;
use std::path::Path;

const LB: f64 = 0.453_592_37;

/// Read a Strong export.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut rdr = csvutil::reader(bytes);
    let cols = Columns::from_reader(path, &mut rdr)?;
    let date = cols.require(path, "date")?;
    let exercise = cols.require(path, "exercise name")?;
    let order = cols.require(path, "set order")?;
    let (weight, reps) = (cols.get("weight"), cols.get("reps"));
    let (unit, rpe, seconds) = (
        cols.get("weight unit"),
        cols.get("rpe"),
        cols.get("seconds"),
    );
    let mut out = Decoded::default();
    if unit.is_none() {
        let assumed = if ctx.weight_in_lb { "lb" } else { "kg" };
        out.warnings.push(format!(
            "no weight unit in the file: {assumed} assumed (athlete setting)"
        ));
    }
    for (i, rec) in rdr.records().enumerate() {
        let row = i as u64 + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                out.warnings
                    .push(format!("row {row}: unreadable, skipped ({e})"));
                continue;
            }
        };
        let Some(order_text) = field(&rec, Some(order)) else {
            out.warnings
                .push(format!("row {row}: no set order, skipped"));
            continue;
        };
        let set_type = match order_text {
            "W" | "w" => "warmup",
            "D" | "d" => "drop",
            "F" | "f" => "failure",
            t if t.eq_ignore_ascii_case("rest timer") => continue,
            t if t.parse::<f64>().is_ok() => "working",
            t => {
                out.warnings.push(format!(
                    "row {row}: set order '{t}' not understood, skipped"
                ));
                continue;
            }
        };
        let Some(start_local) = field(&rec, Some(date))
            .and_then(|d| NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M:%S").ok())
        else {
            out.warnings
                .push(format!("row {row}: date not understood, skipped"));
            continue;
        };
        let Some(exercise_raw) = field(&rec, Some(exercise)) else {
            out.warnings
                .push(format!("row {row}: no exercise name, skipped"));
            continue;
        };
        let in_lb = match field(&rec, unit) {
            Some(u) => u.to_lowercase().starts_with("lb"),
            None => ctx.weight_in_lb,
        };
        let factor = if in_lb { LB } else { 1.0 };
        out.sets.push(SetRow {
            start_local,
            start_utc: local_to_utc(start_local, ctx.timezone),
            exercise_raw: exercise_raw.to_string(),
            set_type,
            weight_kg: number(field(&rec, weight)).map(|w| w * factor),
            reps: number(field(&rec, reps)).filter(|&r| r > 0.0),
            duration_s: number(field(&rec, seconds)).filter(|&s| s > 0.0),
            rpe: number(field(&rec, rpe)),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> ReadContext {
        ReadContext {
            timezone: chrono_tz::Europe::Copenhagen,
            weight_in_lb: false,
        }
    }

    #[test]
    fn semicolon_generation_with_units_and_warmups() {
        let csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n\
                   2019-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";W;135;lbs;5.0;;;;0;\"\";\"\"\n\
                   2019-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";1;100;kg;5;8;;;0;;\n\
                   2019-01-11 12:31:54;\"Leg\";\"Rest Timer\";Rest Timer;;;;;;;90;;\n";
        let d = read(Path::new("s.csv"), csv.as_bytes(), &ctx()).unwrap();
        assert_eq!(d.sets.len(), 2);
        assert_eq!(d.sets[0].set_type, "warmup");
        assert!((d.sets[0].weight_kg.unwrap() - 61.235).abs() < 0.01);
        assert_eq!(d.sets[1].rpe, Some(8.0));
        assert_eq!(d.sets[1].reps, Some(5.0));
        // 12:31:54 in Copenhagen winter is 11:31:54 UTC.
        assert_eq!(
            d.sets[1].start_utc.format("%H:%M:%S").to_string(),
            "11:31:54"
        );
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn comma_generation_without_unit_warns_and_bad_rows_are_skipped() {
        let csv = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n\
                   2017-05-12 19:00:00,\"Afternoon\",\"Squat (Barbell)\",1,50,10,0,0,\"\",\"\"\n\
                   yesterday,\"Afternoon\",\"Squat (Barbell)\",2,50,10,0,0,\"\",\"\"\n";
        let d = read(Path::new("s.csv"), csv.as_bytes(), &ctx()).unwrap();
        assert_eq!(d.sets.len(), 1);
        assert_eq!(d.warnings.len(), 2);
        assert!(d.warnings[1].contains("row 3"));
        assert!(read(Path::new("s.csv"), b"Date,Weight\n", &ctx()).is_err());
    }
}
