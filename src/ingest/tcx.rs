//! TCX (Garmin's Training Center XML; plain, or `.tcx.gz` through the gzip
//! container), read with a streaming XML reader.
//!
//! Each `<Activity Sport="…">` is an activity; the trackpoints of all its
//! `<Lap>`s are its samples (made into one by [`super::track`]). A
//! trackpoint gives time, position, altitude, the distance from the start,
//! `HeartRateBpm/Value`, `Cadence`, and in the `ActivityExtension`
//! (`TPX`, any prefix) `Speed`, `RunCadence` and `Watts`. Laps' own totals are used
//! only when the activity has no trackpoints. `Sport` is `Running`,
//! `Biking` or `Other`; the device is `Creator/Name`. Strava writes spaces
//! before `<?xml`, which are skipped.

use super::track::{self, Point};
use super::{ActivityData, ActivityMeta, Decoded, ReadContext};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use quick_xml::events::Event;
use std::path::Path;

/// One activity as the file states it.
#[derive(Default)]
struct Activity {
    sport: Option<String>,
    device: Option<String>,
    points: Vec<Point>,
    /// Sum of the laps' `TotalTimeSeconds` and `DistanceMeters`.
    lap_time_s: f64,
    lap_distance_m: f64,
    /// First lap's `StartTime`.
    start: Option<DateTime<Utc>>,
}

fn time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn attribute(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).to_string())
}

/// Put one element's text where it belongs, by its name and its parents'.
fn take(a: &mut Activity, point: Option<&mut Point>, path: &[Vec<u8>], value: &str) {
    let num = || value.parse::<f64>().ok();
    let name = path.last().map(Vec::as_slice).unwrap_or_default();
    let parent = path.len().checked_sub(2).map(|i| path[i].as_slice());
    match (point, name, parent) {
        (Some(p), b"Time", _) => p.at = time(value),
        (Some(p), b"LatitudeDegrees", _) => p.lat = num(),
        (Some(p), b"LongitudeDegrees", _) => p.lon = num(),
        (Some(p), b"AltitudeMeters", _) => p.ele = num(),
        (Some(p), b"DistanceMeters", _) => p.dist = num(),
        (Some(p), b"Value", Some(b"HeartRateBpm")) => p.hr = num(),
        (Some(p), b"Cadence" | b"RunCadence", _) => p.cad = p.cad.or(num()),
        (Some(p), b"Speed", _) => p.speed = num(),
        (Some(p), b"Watts", _) => p.power = num(),
        (Some(_), _, _) => {}
        (None, b"TotalTimeSeconds", Some(b"Lap")) => a.lap_time_s += num().unwrap_or(0.0),
        (None, b"DistanceMeters", Some(b"Lap")) => a.lap_distance_m += num().unwrap_or(0.0),
        (None, b"Name", Some(b"Creator")) => a.device = Some(value.to_string()),
        _ => {}
    }
}

/// Parse the activities of a TCX document.
fn activities(path: &Path, bytes: &[u8]) -> Result<Vec<Activity>> {
    let (body, skip) = track::xml_body(bytes);
    let mut reader = quick_xml::Reader::from_reader(body);
    let (mut buf, mut out) = (Vec::new(), Vec::<Activity>::new());
    let (mut point, mut stack): (Option<Point>, Vec<Vec<u8>>) = (None, Vec::new());
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            let at = reader.buffer_position() as usize + skip;
            Error::input(path, format!("broken TCX at byte {at}: {e}"))
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_vec();
                match name.as_slice() {
                    b"Activity" => out.push(Activity {
                        sport: attribute(&e, b"Sport"),
                        ..Default::default()
                    }),
                    b"Lap" => {
                        if let Some(a) = out.last_mut().filter(|a| a.start.is_none()) {
                            a.start = attribute(&e, b"StartTime").and_then(|t| time(&t));
                        }
                    }
                    b"Trackpoint" => point = Some(Point::default()),
                    _ => {}
                }
                stack.push(name);
            }
            Event::Text(t) => {
                let text = t.decode().unwrap_or_default();
                if let Some(a) = out.last_mut() {
                    take(a, point.as_mut(), &stack, text.trim());
                }
            }
            Event::End(_) => {
                if stack.pop().as_deref() == Some(b"Trackpoint")
                    && let (Some(p), Some(a)) = (point.take(), out.last_mut())
                {
                    a.points.push(p);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// An activity with its samples; `index` is its place in the file.
fn activity(
    a: &Activity,
    index: u32,
    ctx: &ReadContext,
    warnings: &mut Vec<String>,
) -> ActivityData {
    let what = format!("activity {index}");
    let (sport, sub_sport) = match a.sport.as_deref().map(str::trim) {
        Some("Biking") => ("cycling".to_string(), None),
        Some("Other") | None => (track::guess_sport(&a.points, &what, warnings), None),
        Some(s) => super::sports::sport(s),
    };
    let meta = ActivityMeta {
        session_index: index,
        sport,
        sub_sport,
        device: a.device.clone(),
        power_source: Some("tcx Watts".into()),
        start_utc: a.start.filter(|_| a.points.is_empty()),
        duration_s: (a.points.is_empty() && a.lap_time_s > 0.0).then_some(a.lap_time_s),
        distance_m: (a.lap_distance_m > 0.0).then_some(a.lap_distance_m),
        ..Default::default()
    };
    track::activity(&a.points, meta, ctx)
}

/// Decode a TCX file into activities and samples.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut out = Decoded::default();
    for (i, a) in activities(path, bytes)?.iter().enumerate() {
        if a.points.is_empty() && a.lap_time_s <= 0.0 {
            continue;
        }
        let activity = activity(a, i as u32, ctx, &mut out.warnings);
        out.activities.push(activity);
    }
    if out.activities.is_empty() {
        return Err(Error::NotAWorkout {
            path: path.to_path_buf(),
            what: "a TCX file without activities (courses or workouts only)".into(),
        });
    }
    Ok(out)
}
