//! GPX 1.1 tracks (plain, or `.gpx.gz` through the gzip container), read
//! with a streaming XML reader.
//!
//! Each `<trk>` is an activity; its `<trkseg>` points are samples. Heart
//! rate, cadence and temperature come from the extensions in use whatever
//! their namespace prefix: Garmin's `TrackPointExtension` v1 and v2 (`hr`,
//! `cad`, `atemp`, `speed`), Cluetrust's `gpxdata` (`hr`, `cadence`,
//! `temp`). Cadence there is per foot (strides per minute, as in FIT) and is
//! stored as steps per minute (×2) for runs. Distance is summed along the
//! positions (haversine); speed, where the file gives none, is left to the
//! analysis, which derives it from the distance over time. The sport comes
//! from `<type>` (names and Strava's numbers); without one it is guessed
//! from the speed and the log says so. Times are UTC; the local offset is
//! the configured time zone's.

use super::{ActivityData, ActivityMeta, Decoded, ReadContext, SampleCols, utc_offset_min};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// One track point.
#[derive(Clone, Debug, Default)]
struct Point {
    lat: Option<f64>,
    lon: Option<f64>,
    at: Option<DateTime<Utc>>,
    ele: Option<f64>,
    hr: Option<f64>,
    cad: Option<f64>,
    temp: Option<f64>,
    speed: Option<f64>,
}

/// One track: its type and points.
#[derive(Default)]
struct Track {
    kind: Option<String>,
    points: Vec<Point>,
}

/// Great-circle distance between two positions, metres.
pub fn haversine(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * a.sqrt().asin()
}

/// Sport of a GPX `<type>`: names as apps write them, and Strava's numbers.
fn sport_of(kind: &str) -> String {
    match kind.trim() {
        "9" => "running".into(),
        "1" => "cycling".into(),
        "10" | "11" => "walking".into(),
        k => super::sports::sport(k).0,
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<f64> {
    let a = e.try_get_attribute(name).ok()??;
    std::str::from_utf8(&a.value).ok()?.trim().parse().ok()
}

/// Parse the tracks of a GPX document.
fn tracks(path: &Path, bytes: &[u8]) -> Result<Vec<Track>> {
    // A byte-order mark or blank lines before `<?xml` occur in real exports.
    let start = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let skip = start.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let mut reader = quick_xml::Reader::from_reader(&start[skip..]);
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

/// Median of the speeds between timed points that moved, m/s.
fn median_speed(points: &[Point]) -> Option<f64> {
    let mut v: Vec<f64> = points
        .windows(2)
        .filter_map(|w| {
            let dt = (w[1].at? - w[0].at?).num_milliseconds() as f64 / 1000.0;
            let d = haversine(w[0].lat?, w[0].lon?, w[1].lat?, w[1].lon?);
            (dt > 0.0 && d > 0.5).then_some(d / dt)
        })
        .collect();
    v.sort_by(f64::total_cmp);
    (!v.is_empty()).then(|| v[v.len() / 2])
}

/// A track as an activity with its samples.
fn activity(
    track: &Track,
    index: u32,
    ctx: &ReadContext,
    warnings: &mut Vec<String>,
) -> ActivityData {
    let sport = match &track.kind {
        Some(k) => sport_of(k),
        None => {
            let guess = match median_speed(&track.points) {
                Some(v) if v < 1.9 => "walking",
                Some(v) if v > 6.5 => "cycling",
                _ => "running",
            };
            warnings.push(format!(
                "track {index}: no activity type in the file; {guess} guessed from its speed"
            ));
            guess.to_string()
        }
    };
    let per_foot = if sport == "running" { 2.0 } else { 1.0 };
    let first = track.points.iter().find_map(|p| p.at);
    let mut cols = SampleCols::default();
    let (mut dist, mut last) = (0.0, None::<(f64, f64)>);
    for p in &track.points {
        if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
            if let Some((a, b)) = last {
                dist += haversine(a, b, lat, lon);
            }
            last = Some((lat, lon));
        }
        let t =
            p.at.zip(first)
                .map(|(a, f)| (a - f).num_milliseconds() as f64 / 1000.0);
        cols.t_s.push(t.unwrap_or(f64::NAN));
        cols.distance_m.push(last.map(|_| dist));
        cols.speed_mps.push(p.speed);
        cols.altitude_m.push(p.ele);
        cols.hr_bpm.push(p.hr);
        cols.cadence_spm.push(p.cad.map(|c| c * per_foot));
        cols.temperature_c.push(p.temp);
    }
    let hrs: Vec<f64> = cols.hr_bpm.iter().flatten().copied().collect();
    let meta = ActivityMeta {
        session_index: index,
        sport,
        start_utc: first,
        utc_offset_min: first.map(|f| utc_offset_min(f, ctx.timezone)),
        duration_s: cols.t_s.iter().rev().copied().find(|t| t.is_finite()),
        distance_m: Some(dist),
        avg_hr: (!hrs.is_empty()).then(|| hrs.iter().sum::<f64>() / hrs.len() as f64),
        ..Default::default()
    };
    ActivityData {
        meta,
        samples: cols,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_by_hand() {
        // One degree of latitude is about 111.2 km.
        assert!((haversine(0.0, 0.0, 1.0, 0.0) - 111_195.0).abs() < 10.0);
        assert_eq!(haversine(55.0, 12.0, 55.0, 12.0), 0.0);
    }
}
