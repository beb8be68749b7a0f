//! GPX 1.1 tracks (plain, or `.gpx.gz` through the gzip container), read
//! with a streaming XML reader.
//!
//! Each `<trk>` is an activity; its `<trkseg>` points are samples (made into
//! one by [`super::track`]). Heart rate, cadence and temperature come from
//! the extensions in use whatever their namespace prefix: Garmin's
//! `TrackPointExtension` v1 and v2 (`hr`, `cad`, `atemp`, `speed`),
//! Cluetrust's `gpxdata` (`hr`, `cadence`, `temp`), and power as Strava
//! and others write it (`power`, `PowerInWatts`, `watts`). The sport comes from
//! `<type>` (names and Strava's numbers); without one it is guessed from the
//! speed and the log says so. Times are UTC; the local offset is the
//! configured time zone's.

use super::track::{self, Point};
use super::{ActivityMeta, Decoded, ReadContext};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// One track: its type and points.
#[derive(Default)]
pub struct Track {
    /// `<type>` as written.
    pub kind: Option<String>,
    /// Points of all its segments.
    pub points: Vec<Point>,
}

/// Sport and sub-sport of a GPX `<type>`: names as apps write them
/// (`trail_running`, `TrailRun`, …), and Strava's numbers.
fn sport_of(kind: &str) -> (String, Option<String>) {
    match kind.trim() {
        "9" => ("running".into(), None),
        "1" => ("cycling".into(), None),
        "10" | "11" => ("walking".into(), None),
        k => super::sports::sport(k),
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<f64> {
    let a = e.try_get_attribute(name).ok()??;
    std::str::from_utf8(&a.value).ok()?.trim().parse().ok()
}

/// Parse the tracks of a GPX document.
pub fn tracks(path: &Path, bytes: &[u8]) -> Result<Vec<Track>> {
    let (body, skip) = track::xml_body(bytes);
    let mut reader = quick_xml::Reader::from_reader(body);
    let (mut buf, mut out) = (Vec::new(), Vec::<Track>::new());
    let (mut point, mut element): (Option<Point>, Vec<u8>) = (None, Vec::new());
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            let at = reader.buffer_position() as usize + skip;
            Error::input(path, format!("broken GPX at byte {at}: {e}"))
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"trk" => {
                out.push(Track::default());
            }
            Event::Start(e) if e.local_name().as_ref() == b"trkpt" => {
                point = Some(Point {
                    lat: attr(&e, "lat"),
                    lon: attr(&e, "lon"),
                    ..Default::default()
                });
            }
            Event::Start(e) => element = e.local_name().as_ref().to_vec(),
            Event::Text(t) => {
                let text = t.decode().unwrap_or_default();
                let value = text.trim();
                let num = || value.parse::<f64>().ok();
                match (point.as_mut(), element.as_slice()) {
                    (Some(p), b"time") => {
                        p.at = DateTime::parse_from_rfc3339(value)
                            .ok()
                            .map(|t| t.with_timezone(&Utc));
                    }
                    (Some(p), b"ele") => p.ele = num(),
                    (Some(p), b"hr" | b"heartrate") => p.hr = num().filter(|h| *h > 0.0),
                    (Some(p), b"cad" | b"cadence") => p.cad = num(),
                    (Some(p), b"atemp" | b"temp" | b"wtemp") => p.temp = num(),
                    (Some(p), b"speed") => p.speed = num(),
                    // Strava and others write `<power>`; some `PowerInWatts` or `watts`.
                    (Some(p), b"power" | b"PowerInWatts" | b"watts") => p.power = num(),
                    (None, b"type") => {
                        if let Some(t) = out.last_mut() {
                            t.kind = Some(value.to_string());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if e.local_name().as_ref() == b"trkpt"
                    && let (Some(p), Some(t)) = (point.take(), out.last_mut())
                {
                    t.points.push(p);
                }
                element.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A track as an activity with its samples.
fn activity(
    track: &Track,
    index: u32,
    ctx: &ReadContext,
    warnings: &mut Vec<String>,
) -> super::ActivityData {
    let (sport, sub_sport) = match &track.kind {
        Some(k) => sport_of(k),
        None => (
            track::guess_sport(&track.points, &format!("track {index}"), warnings),
            None,
        ),
    };
    let meta = ActivityMeta {
        session_index: index,
        sport,
        sub_sport,
        power_source: Some("gpx power".into()),
        ..Default::default()
    };
    track::activity(&track.points, meta, ctx)
}

/// Decode a GPX file into activities and samples.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let tracks = tracks(path, bytes)?;
    let mut out = Decoded::default();
    for (i, t) in tracks
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.points.is_empty())
    {
        let a = activity(t, i as u32, ctx, &mut out.warnings);
        out.activities.push(a);
    }
    if out.activities.is_empty() {
        return Err(Error::NotAWorkout {
            path: path.to_path_buf(),
            what: "a GPX file without track points (routes or waypoints only)".into(),
        });
    }
    Ok(out)
}
