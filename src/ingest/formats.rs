//! Every format runlift recognises, in one list: its name, how it is
//! recognised from the content (never from the file name) and how it is
//! read. Adding a format is a reader module plus one entry in [`FORMATS`];
//! sniffing, reading, the ingest log and `inspect --json` all take it from
//! here, and the store's reader key ([`signature`]) changes with the list, so
//! files skipped before are read again once their format gets a reader.

use super::{Decoded, FileOutcome, ReadContext};
use crate::error::Result;
use std::path::Path;

/// What the detectors look at: the bytes, their first kilobyte as text and
/// the columns of a header row.
pub struct Head<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// The first kilobyte as text (lossy).
    pub text: String,
    /// Header-row columns, lower case, quotes and byte-order mark removed,
    /// split at `,` and `;`.
    pub columns: Vec<String>,
}

impl<'a> Head<'a> {
    /// Look at `bytes`.
    pub fn of(bytes: &'a [u8]) -> Head<'a> {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_string();
        let first = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let columns = (first.trim_start_matches('\u{feff}').lines().next())
            .map(|l| {
                l.replace('"', "")
                    .split([',', ';'])
                    .map(|c| c.trim().to_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        Head {
            bytes,
            text,
            columns,
        }
    }

    /// Whether the header row has a column `name` (lower case).
    pub fn has(&self, name: &str) -> bool {
        self.columns.iter().any(|c| c == name)
    }
}

/// How a recognised file is read.
#[derive(Clone, Copy)]
pub enum Reader {
    /// Into rows of the canonical tables.
    Rows(fn(&Path, &[u8], &ReadContext) -> Result<Decoded>),
    /// A container: each member is read like a file of its own.
    Members(fn(&Path, &[u8], &ReadContext) -> Result<Vec<FileOutcome>>),
    /// Recognised, not read (yet): the reason the log gives.
    Skip(&'static str),
}

/// One format.
pub struct Def {
    /// Name in `inspect --json`, the ingest log and the tables.
    pub name: &'static str,
    /// Whether a file is of this format.
    pub detect: fn(&Head) -> bool,
    /// How it is read.
    pub read: Reader,
    /// Whether its times are local wall-clock times without a zone (activity
    /// lists, gym logs): read in the configured zone, or, without one, at
    /// the offset the runner's FIT files state ([`crate::zones`]).
    pub local_clock: bool,
}

/// A recognised format (one entry of [`FORMATS`], or [`Format::UNKNOWN`]).
#[derive(Clone, Copy)]
pub struct Format(&'static Def);

impl Format {
    /// FIT binary.
    pub const FIT: Format = Format(&FIT);
    /// A file runlift does not recognise.
    pub const UNKNOWN: Format = Format(&UNKNOWN_DEF);

    /// Name used in `inspect --json`, the ingest log and tables.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// How files of this format are read.
    pub fn reader(self) -> Reader {
        self.0.read
    }

    /// Whether its times are wall-clock times without a zone.
    pub fn local_clock(self) -> bool {
        self.0.local_clock
    }

    /// The format named `name` (as in the tables), if runlift knows it.
    pub fn named(name: &str) -> Option<Format> {
        FORMATS.iter().find(|d| d.name == name).map(Format)
    }

    /// Whether files of this format hold other files (gzip, zip).
    pub fn is_container(self) -> bool {
        matches!(self.0.read, Reader::Members(_))
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Format {}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

const FIT: Def = Def {
    name: "fit",
    detect: |h| h.bytes.len() >= 12 && &h.bytes[8..12] == b".FIT" && matches!(h.bytes[0], 12 | 14),
    read: Reader::Rows(super::fit::read),
    local_clock: false,
};

const UNKNOWN_DEF: Def = Def {
    name: "unknown",
    detect: |_| true,
    read: Reader::Skip("not a workout export runlift reads"),
    local_clock: false,
};

/// Every format, in the order they are tried (binary signatures first, then
/// XML roots, then CSV header rows).
pub const FORMATS: &[Def] = &[
    FIT,
    Def {
        name: "gzip",
        detect: |h| h.bytes.starts_with(&[0x1f, 0x8b]),
        read: Reader::Members(super::container::read_gzip),
        local_clock: false,
    },
    Def {
        name: "apple_health",
        detect: |h| {
            super::apple_health::is_export_xml(&h.bytes[..h.bytes.len().min(4096)])
                || (h.bytes.starts_with(b"PK\x03\x04")
                    && super::apple_health::export_member(h.bytes).is_some())
        },
        read: Reader::Rows(super::apple_health::read),
        local_clock: false,
    },
    Def {
        name: "zip",
        detect: |h| h.bytes.starts_with(b"PK\x03\x04") || h.bytes.starts_with(b"PK\x05\x06"),
        read: Reader::Members(super::container::read_zip),
        local_clock: false,
    },
    Def {
        name: "tcx",
        detect: |h| h.text.contains("<TrainingCenterDatabase"),
        read: Reader::Rows(super::tcx::read),
        local_clock: false,
    },
    Def {
        name: "gpx",
        detect: |h| h.text.contains("<gpx"),
        read: Reader::Rows(super::gpx::read),
        local_clock: false,
    },
    Def {
        name: "strong",
        detect: |h| h.has("exercise name") && h.has("set order"),
        read: Reader::Rows(super::strong::read),
        local_clock: true,
    },
    Def {
        name: "hevy",
        detect: |h| h.has("exercise_title") && h.has("set_index"),
        read: Reader::Rows(super::hevy::read),
        local_clock: true,
    },
    Def {
        name: "fitnotes",
        detect: |h| h.has("exercise") && h.has("category") && h.has("reps"),
        read: Reader::Rows(super::fitnotes::read),
        local_clock: true,
    },
    Def {
        name: "strava_activities",
        detect: |h| h.has("activity id") && h.has("activity date"),
        read: Reader::Rows(super::strava_csv::read),
        local_clock: false,
    },
    Def {
        name: "garmin_activities",
        detect: |h| {
            (h.has("activity type") || h.has("aktivitetstype")) && (h.has("date") || h.has("dato"))
        },
        read: Reader::Rows(super::garmin_csv::read),
        local_clock: true,
    },
    Def {
        name: "polar_flow",
        detect: |h| h.has("sport") && h.has("start time") && h.has("name"),
        read: Reader::Rows(super::polar::read),
        local_clock: true,
    },
];

/// Recognise the format of `bytes`.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = Head::of(bytes);
    FORMATS
        .iter()
        .find(|d| (d.detect)(&head))
        .map_or(Format::UNKNOWN, Format)
}

/// The list as the store sees it: every format's name and whether it is
/// read, so that a new reader makes stores read their files again.
pub fn signature() -> String {
    FORMATS
        .iter()
        .map(|d| match d.read {
            Reader::Skip(_) => format!("{}-", d.name),
            _ => d.name.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> &'static str {
        sniff(bytes).name()
    }

    #[test]
    fn recognises_by_content() {
        let mut fit = vec![14u8, 0x20, 0, 0, 0, 0, 0, 0];
        fit.extend_from_slice(b".FIT\0\0");
        assert_eq!(sniff(&fit), Format::FIT);
        assert_eq!(name(&[0x1f, 0x8b, 8, 0]), "gzip");
        assert_eq!(name(b"PK\x03\x04rest"), "zip");
        assert_eq!(
            name(b"Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n"),
            "strong"
        );
        assert_eq!(
            name(b"\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\"\n"),
            "hevy"
        );
        assert_eq!(
            name(b"Date,Exercise,Category,Weight (lbs),Reps\n"),
            "fitnotes"
        );
        assert_eq!(
            name(b"Activity ID,Activity Date,Activity Name\n"),
            "strava_activities"
        );
        assert_eq!(
            name(b"Aktivitetstype,Dato,Favorit,Titel\n"),
            "garmin_activities"
        );
        assert_eq!(
            name(b"<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"StravaGPX\">"),
            "gpx"
        );
        assert_eq!(
            name(b"<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"x\">"),
            "tcx"
        );
        assert_eq!(
            name(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData"),
            "apple_health"
        );
        assert_eq!(sniff(b"[athlete]\nname = \"x\"\n"), Format::UNKNOWN);
        assert_eq!(sniff(b""), Format::UNKNOWN);
    }

    #[test]
    fn names_are_unique_and_the_signature_says_what_is_read() {
        let mut names: Vec<&str> = FORMATS.iter().map(|d| d.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FORMATS.len());
        let sig = signature();
        assert!(
            sig.starts_with("fit,gzip,apple_health,zip,tcx,gpx,strong"),
            "{sig}"
        );
    }
}
