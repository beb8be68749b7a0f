//! Recognising a file's format from its content, never from its name.

/// Formats runlift recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// FIT binary (`.FIT` signature in the header).
    Fit,
    /// gzip stream (e.g. Strava's `.fit.gz`).
    Gzip,
    /// zip archive (e.g. Garmin's bulk export).
    Zip,
    /// Strong CSV export.
    Strong,
    /// Hevy CSV export.
    Hevy,
    /// FitNotes CSV export.
    FitNotes,
    /// Garmin Connect `Activities.csv`.
    GarminActivities,
    /// Strava bulk export `activities.csv`.
    StravaActivities,
    /// Polar Flow per-session CSV.
    PolarFlow,
    /// GPX track (recognised, not read yet).
    Gpx,
    /// Garmin Training Center XML (recognised, not read yet).
    Tcx,
    /// Anything else.
    Unknown,
}

impl Format {
    /// Name used in `inspect --json`, the ingest log and tables.
    pub fn name(self) -> &'static str {
        match self {
            Format::Fit => "fit",
            Format::Gzip => "gzip",
            Format::Zip => "zip",
            Format::Strong => "strong",
            Format::Hevy => "hevy",
            Format::FitNotes => "fitnotes",
            Format::GarminActivities => "garmin_activities",
            Format::StravaActivities => "strava_activities",
            Format::PolarFlow => "polar_flow",
            Format::Gpx => "gpx",
            Format::Tcx => "tcx",
            Format::Unknown => "unknown",
        }
    }
}

/// The header row of a text file (BOM and quotes removed), if it looks like text.
fn header_line(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    let line = text.lines().next()?;
    Some(line.replace('"', ""))
}

/// Recognise the format of `bytes`.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.len() >= 12 && &bytes[8..12] == b".FIT" && (bytes[0] == 12 || bytes[0] == 14) {
        return Format::Fit;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    if head.contains("<TrainingCenterDatabase") {
        return Format::Tcx;
    }
    if head.contains("<gpx") {
        return Format::Gpx;
    }
    let Some(header) = header_line(bytes) else {
        return Format::Unknown;
    };
    let cols: Vec<String> = header
        .split([',', ';'])
        .map(|c| c.trim().to_lowercase())
        .collect();
    let has = |name: &str| cols.iter().any(|c| c == name);
    if has("exercise name") && has("set order") {
        Format::Strong
    } else if has("exercise_title") && has("set_index") {
        Format::Hevy
    } else if has("exercise") && has("category") && has("reps") {
        Format::FitNotes
    } else if has("activity id") && has("activity date") {
        Format::StravaActivities
    } else if (has("activity type") || has("aktivitetstype")) && (has("date") || has("dato")) {
        Format::GarminActivities
    } else if has("sport") && has("start time") && has("name") {
        Format::PolarFlow
    } else {
        Format::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_by_content() {
        let mut fit = vec![14u8, 0x20, 0, 0, 0, 0, 0, 0];
        fit.extend_from_slice(b".FIT\0\0");
        assert_eq!(sniff(&fit), Format::Fit);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Format::Gzip);
        assert_eq!(sniff(b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(
            sniff(b"Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n"),
            Format::Strong
        );
        assert_eq!(
            sniff(b"\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\"\n"),
            Format::Hevy
        );
        assert_eq!(
            sniff(b"Date,Exercise,Category,Weight (lbs),Reps\n"),
            Format::FitNotes
        );
        assert_eq!(
            sniff(b"Activity ID,Activity Date,Activity Name\n"),
            Format::StravaActivities
        );
        assert_eq!(
            sniff(b"Aktivitetstype,Dato,Favorit,Titel\n"),
            Format::GarminActivities
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"StravaGPX\">"),
            Format::Gpx
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"x\">"),
            Format::Tcx
        );
        assert_eq!(sniff(b"[athlete]\nname = \"x\"\n"), Format::Unknown);
        assert_eq!(sniff(b""), Format::Unknown);
    }
}
