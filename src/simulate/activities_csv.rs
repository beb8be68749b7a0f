//! Garmin Connect's `Activities.csv` for the simulated runs, as the account
//! export writes it: one row per activity, local wall-clock start times
//! without a zone, distances in km, `--` for missing values. With the FIT
//! files beside it, every run is in the export twice, as in a real one.

use chrono::NaiveDateTime;
use std::io::Write;

/// One simulated run as the activity list shows it.
#[derive(Clone, Debug)]
pub struct Row {
    /// Start, local wall clock.
    pub start_local: NaiveDateTime,
    /// Distance, m.
    pub distance_m: f64,
    /// Timer (moving) time, s.
    pub moving_s: f64,
    /// Elapsed time, s.
    pub elapsed_s: f64,
    /// Mean heart rate, bpm.
    pub avg_hr: Option<f64>,
}

fn hms(s: f64) -> String {
    let s = s.round() as i64;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Write the list, newest first as Garmin Connect does.
pub fn write<W: Write>(rows: &[Row], out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Activity Type",
        "Date",
        "Favorite",
        "Title",
        "Distance",
        "Calories",
        "Time",
        "Avg HR",
        "Max HR",
        "Elapsed Time",
    ])?;
    let mut rows = rows.to_vec();
    rows.sort_by_key(|r| std::cmp::Reverse(r.start_local));
    for r in &rows {
        w.write_record([
            "Running".to_string(),
            r.start_local.format("%Y-%m-%d %H:%M:%S").to_string(),
            "false".to_string(),
            "Copenhagen Running".to_string(),
            format!("{:.2}", r.distance_m / 1000.0),
            "--".to_string(),
            hms(r.moving_s),
            r.avg_hr.map_or("--".to_string(), |h| format!("{h:.0}")),
            "--".to_string(),
            hms(r.elapsed_s),
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_local_newest_first_in_garmin_units() {
        let at = |d: &str| NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M").unwrap();
        let rows = [
            Row {
                start_local: at("2026-01-05 07:00"),
                distance_m: 8523.0,
                moving_s: 2712.0,
                elapsed_s: 2760.4,
                avg_hr: Some(144.6),
            },
            Row {
                start_local: at("2026-01-07 18:30"),
                distance_m: 5000.0,
                moving_s: 1500.0,
                elapsed_s: 1500.0,
                avg_hr: None,
            },
        ];
        let mut buf = Vec::new();
        write(&rows, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "Running,2026-01-07 18:30:00,false,Copenhagen Running,5.00,--,00:25:00,--,--,00:25:00"
        );
        assert_eq!(
            lines[2],
            "Running,2026-01-05 07:00:00,false,Copenhagen Running,8.52,--,00:45:12,145,--,00:46:00"
        );
    }
}
