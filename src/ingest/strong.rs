//! Strong's CSV export, every generation seen in the wild: comma or
//! semicolon separated; with or without `Duration`, `RPE` and `Weight Unit`
//! columns; `Set Order` as a number or a letter (`W` warm-up, `D` drop set,
//! `F` failure); `Rest Timer` rows; reps written as `10.0`. Times are local
//! wall clock with no zone.

use super::csvutil::{self, Columns, KG_PER_LB, SetColumns, field, number, read_rows, set_row};
use super::{Decoded, ReadContext};
use crate::error::Result;
use crate::kinds::SetType;
use chrono::NaiveDateTime;
use std::path::Path;

/// Read a Strong export.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut rdr = csvutil::reader(bytes);
    let cols = Columns::from_reader(path, &mut rdr)?;
    let date = cols.require(path, "date")?;
    let exercise = cols.require(path, "exercise name")?;
    let order = cols.require(path, "set order")?;
    let (weight, unit) = (cols.get("weight"), cols.get("weight unit"));
    let length = cols.get("duration");
    let shared = SetColumns {
        reps: cols.get("reps"),
        seconds: cols.get("seconds"),
        rpe: cols.get("rpe"),
    };
    let mut out = Decoded::default();
    if unit.is_none() {
        let assumed = if ctx.weight_in_lb { "lb" } else { "kg" };
        out.warnings.push(format!(
            "no weight unit in the file: {assumed} assumed (athlete setting)"
        ));
    }
    out.sets = read_rows(
        &mut rdr,
        csvutil::decimal_comma(bytes),
        &mut out.warnings,
        |rec| {
            let set_type = match field(rec, Some(order)).ok_or("no set order")? {
                "W" | "w" => SetType::Warmup,
                "D" | "d" => SetType::Drop,
                "F" | "f" => SetType::Failure,
                t if t.eq_ignore_ascii_case("rest timer") => return Ok(None),
                t if t.parse::<f64>().is_ok() => SetType::Working,
                t => return Err(format!("set order '{t}' not understood")),
            };
            let start_local = field(rec, Some(date))
                .and_then(|d| NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M:%S").ok())
                .ok_or("date not understood")?;
            let name = field(rec, Some(exercise)).ok_or("no exercise name")?;
            let in_lb =
                field(rec, unit).map_or(ctx.weight_in_lb, |u| u.to_lowercase().starts_with("lb"));
            let factor = if in_lb { KG_PER_LB } else { 1.0 };
            let weight_kg = number(field(rec, weight)).map(|w| w * factor);
            let mut row = set_row(ctx, start_local, name, set_type, weight_kg, rec, shared);
            row.session_s = field(rec, length).and_then(csvutil::session_length_s);
            Ok(Some(row))
        },
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> ReadContext {
        ReadContext {
            timezone: chrono_tz::Europe::Copenhagen,
            ..Default::default()
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
        assert_eq!(d.sets[0].set_type, SetType::Warmup);
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
