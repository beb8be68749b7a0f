//! Hevy's CSV export: one row per set, `start_time` like `8 Apr 2026, 16:50`
//! (local wall clock), `set_type` `normal`/`warmup`/`dropset`/`failure`,
//! loads in `weight_kg` or `weight_lbs`.

use super::csvutil::{self, Columns, KG_PER_LB, SetColumns, field, number, read_rows, set_row};
use super::{Decoded, ReadContext};
use crate::error::Result;
use crate::kinds::SetType;
use chrono::NaiveDateTime;
use std::path::Path;

fn parse_time(s: &str) -> Option<NaiveDateTime> {
    ["%d %b %Y, %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Read a Hevy export.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut rdr = csvutil::reader(bytes);
    let cols = Columns::from_reader(path, &mut rdr)?;
    let start = cols.require(path, "start_time")?;
    let end = cols.get("end_time");
    let exercise = cols.require(path, "exercise_title")?;
    let (kg, lbs, set_type) = (
        cols.get("weight_kg"),
        cols.get("weight_lbs"),
        cols.get("set_type"),
    );
    let shared = SetColumns {
        reps: cols.get("reps"),
        seconds: cols.get("duration_seconds"),
        rpe: cols.get("rpe"),
    };
    let mut out = Decoded::default();
    out.sets = read_rows(
        &mut rdr,
        csvutil::decimal_comma(bytes),
        &mut out.warnings,
        |rec| {
            let start_local = field(rec, Some(start))
                .and_then(parse_time)
                .ok_or("start_time not understood")?;
            let name = field(rec, Some(exercise)).ok_or("no exercise_title")?;
            let weight_kg =
                number(field(rec, kg)).or_else(|| number(field(rec, lbs)).map(|w| w * KG_PER_LB));
            let kind = match field(rec, set_type) {
                Some("warmup") => SetType::Warmup,
                Some("dropset") => SetType::Drop,
                Some("failure") => SetType::Failure,
                _ => SetType::Working,
            };
            let mut row = set_row(ctx, start_local, name, kind, weight_kg, rec, shared);
            // The session's length: its end less its start, where both read.
            let end_local = field(rec, end).and_then(parse_time);
            row.session_s = end_local
                .map(|e| (e - start_local).num_seconds() as f64)
                .filter(|&s| s > 0.0 && s < 6.0 * 3600.0);
            Ok(Some(row))
        },
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hevy_rows_with_kg_and_lbs() {
        let ctx = ReadContext {
            timezone: chrono_tz::UTC,
            ..Default::default()
        };
        let csv = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_lbs\",\"reps\",\"distance_miles\",\"duration_seconds\",\"rpe\"\n\
                   \"Legs\",\"8 Apr 2026, 16:50\",\"8 Apr 2026, 17:43\",\"\",\"Squat (Barbell)\",,\"\",0,\"warmup\",100,5,,,\n\
                   \"Legs\",\"8 Apr 2026, 16:50\",\"8 Apr 2026, 17:43\",\"\",\"Squat (Barbell)\",,\"\",1,\"normal\",225,4,,,8.5\n";
        let d = read(Path::new("h.csv"), csv.as_bytes(), &ctx).unwrap();
        assert_eq!(d.sets.len(), 2);
        assert_eq!(d.sets[0].set_type, SetType::Warmup);
        assert!((d.sets[1].weight_kg.unwrap() - 102.058).abs() < 0.01);
        assert_eq!(d.sets[1].rpe, Some(8.5));
        assert_eq!(
            d.sets[1].start_local.format("%Y-%m-%d %H:%M").to_string(),
            "2026-04-08 16:50"
        );
    }
}
