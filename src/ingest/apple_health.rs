//! Apple Health's export (`export.zip`, or the unzipped
//! `apple_health_export/export.xml`), read as a stream: the XML, often
//! several GB, is never held whole.
//!
//! * Every `<Workout>` is an activity, its start and end with the offset the
//!   phone wrote (so the local time is the runner's own), its sport from
//!   `workoutActivityType` (`HKWorkoutActivityTypeRunning` is `running`;
//!   traditional and functional strength training are strength sessions),
//!   its distance and mean HR from the attributes or from its
//!   `WorkoutStatistics` (newer exports).
//! * Its samples are the heart-rate `<Record>`s inside its time span, and
//!   the route its `WorkoutRoute` names (a GPX file under `workout-routes/`).
//!   A run without a route (treadmill) takes its distance from the
//!   walking-running distance records its own app wrote during it.
//!
//! Records come before workouts in the file, so it is read twice: first
//! the workouts, then the records inside their spans.

use super::gpx;
use super::track::{self, Point};
use super::{ActivityData, ActivityMeta, Decoded, ReadContext};
use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset, Utc};
use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

const HR: &[u8] = b"HKQuantityTypeIdentifierHeartRate";
const DISTANCE: &[u8] = b"HKQuantityTypeIdentifierDistanceWalkingRunning";

/// A workout as the export states it.
#[derive(Debug, Default)]
struct Workout {
    kind: String,
    source: String,
    start: Option<DateTime<FixedOffset>>,
    end: Option<DateTime<FixedOffset>>,
    duration_s: Option<f64>,
    distance_m: Option<f64>,
    avg_hr: Option<f64>,
    indoor: bool,
    route: Option<String>,
    /// Heart-rate and distance records inside its span, in file order.
    points: Vec<Point>,
}

impl Workout {
    fn span(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        Some((self.start?.to_utc(), self.end?.to_utc()))
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == name)?;
    a.unescape_value().ok().map(|v| v.into_owned())
}

fn num(e: &BytesStart, name: &[u8]) -> Option<f64> {
    attr(e, name)?.trim().parse().ok()
}

/// `2021-03-01 08:00:00 +0100`, as Health writes every date.
fn date(e: &BytesStart, name: &[u8]) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_str(attr(e, name)?.trim(), "%Y-%m-%d %H:%M:%S %z").ok()
}

/// A value in `unit` as metres (distances) or seconds (durations).
fn canonical(value: f64, unit: &str) -> f64 {
    match unit {
        "km" => value * 1000.0,
        "mi" => value * 1609.344,
        "cm" => value / 100.0,
        "ft" => value * 0.3048,
        "yd" => value * 0.9144,
        "min" => value * 60.0,
        "hr" | "h" => value * 3600.0,
        _ => value,
    }
}

/// Sport and sub-sport of a `workoutActivityType`.
fn sport(kind: &str, indoor: bool) -> (String, Option<String>) {
    let name = kind.trim_start_matches("HKWorkoutActivityType");
    let mut words = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    let (sport, sub) = super::sports::sport(&words);
    let sub = match (sport.as_str(), indoor) {
        ("running", true) => Some("treadmill".to_string()),
        _ => sub,
    };
    (sport, sub)
}

/// The XML as a stream: opens it and hands the reader to the visitor.
type Open<'a> = dyn FnMut(&mut dyn FnMut(&mut dyn BufRead) -> Result<()>) -> Result<()> + 'a;

/// Stream the document once, calling `on` for every start (or empty) tag.
fn each_tag(path: &Path, open: &mut Open, mut on: impl FnMut(&BytesStart, bool)) -> Result<()> {
    open(&mut |r| scan(path, r, &mut on))
}

fn scan(path: &Path, r: &mut dyn BufRead, on: &mut dyn FnMut(&BytesStart, bool)) -> Result<()> {
    let mut reader = quick_xml::Reader::from_reader(r);
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            let at = reader.buffer_position();
            Error::input(path, format!("broken Apple Health XML at byte {at}: {e}"))
        })?;
        match event {
            Event::Start(e) => on(&e, true),
            Event::Empty(e) => on(&e, false),
            Event::End(e) if e.local_name().as_ref() == b"Workout" => {
                on(&BytesStart::new("/Workout"), false)
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// First pass: the workouts and what they state about themselves.
fn workouts(path: &Path, open: &mut Open) -> Result<Vec<Workout>> {
    let (mut out, mut inside, mut seen_root) = (Vec::<Workout>::new(), false, false);
    each_tag(path, open, |e, opens| match e.name().as_ref() {
        b"HealthData" => seen_root = true,
        b"Workout" => {
            out.push(Workout {
                kind: attr(e, b"workoutActivityType").unwrap_or_default(),
                source: attr(e, b"sourceName").unwrap_or_default(),
                start: date(e, b"startDate"),
                end: date(e, b"endDate"),
                duration_s: num(e, b"duration")
                    .map(|d| canonical(d, &attr(e, b"durationUnit").unwrap_or_default())),
                distance_m: num(e, b"totalDistance")
                    .map(|d| canonical(d, &attr(e, b"totalDistanceUnit").unwrap_or_default())),
                ..Default::default()
            });
            inside = opens;
        }
        b"/Workout" => inside = false,
        _ if !inside => {}
        b"MetadataEntry" if attr(e, b"key").as_deref() == Some("HKIndoorWorkout") => {
            if let Some(w) = out.last_mut() {
                w.indoor = attr(e, b"value").as_deref() == Some("1");
            }
        }
        b"WorkoutStatistics" => {
            let (Some(w), Some(kind)) = (out.last_mut(), attr(e, b"type")) else {
                return;
            };
            let unit = attr(e, b"unit").unwrap_or_default();
            match kind.as_bytes() {
                HR => w.avg_hr = w.avg_hr.or(num(e, b"average")),
                k if k.starts_with(b"HKQuantityTypeIdentifierDistance") => {
                    w.distance_m = w.distance_m.or(num(e, b"sum").map(|s| canonical(s, &unit)));
                }
                _ => {}
            }
        }
        b"FileReference" => {
            if let Some(w) = out.last_mut() {
                w.route = attr(e, b"path");
            }
        }
        _ => {}
    })?;
    if !seen_root {
        return Err(Error::NotAWorkout {
            path: path.to_path_buf(),
            what: "an XML file without Apple Health's <HealthData>".into(),
        });
    }
    Ok(out)
}

/// Second pass: heart-rate records inside each workout's span, and the
/// distance records the workout's own app wrote.
fn records(path: &Path, open: &mut Open, workouts: &mut [Workout]) -> Result<()> {
    let mut order: Vec<(DateTime<Utc>, DateTime<Utc>, usize)> = (workouts.iter().enumerate())
        .filter_map(|(i, w)| w.span().map(|(s, e)| (s, e, i)))
        .collect();
    order.sort();
    let mut walked: Vec<f64> = vec![0.0; workouts.len()];
    each_tag(path, open, |e, _| {
        if e.name().as_ref() != b"Record" {
            return;
        }
        let Some(kind) = attr(e, b"type") else { return };
        let (is_hr, is_dist) = (kind.as_bytes() == HR, kind.as_bytes() == DISTANCE);
        if !is_hr && !is_dist {
            return;
        }
        let Some(at) = date(e, if is_hr { b"startDate" } else { b"endDate" }) else {
            return;
        };
        let at = at.to_utc();
        let first_after = order.partition_point(|(s, _, _)| *s <= at);
        let Some(&(_, end, i)) = first_after.checked_sub(1).map(|k| &order[k]) else {
            return;
        };
        let (w, value) = (&mut workouts[i], num(e, b"value"));
        if at > end || value.is_none() {
            return;
        }
        let point = if is_hr {
            Point {
                at: Some(at),
                hr: value,
                ..Default::default()
            }
        } else if attr(e, b"sourceName").as_deref() == Some(w.source.as_str()) {
            walked[i] += canonical(value.unwrap_or(0.0), &attr(e, b"unit").unwrap_or_default());
            Point {
                at: Some(at),
                dist: Some(walked[i]),
                ..Default::default()
            }
        } else {
            return;
        };
        w.points.push(point);
    })
}

/// One workout as an activity: its records, merged with its route's points.
fn activity(
    w: &mut Workout,
    index: u32,
    route: Option<Vec<Point>>,
    ctx: &ReadContext,
) -> ActivityData {
    let (sport, sub_sport) = sport(&w.kind, w.indoor);
    let mut points = std::mem::take(&mut w.points);
    if let Some(route) = route {
        // The route's positions give the distance; the app's own distance
        // records would count it twice.
        points.retain(|p| p.dist.is_none());
        points.extend(route);
    }
    points.sort_by_key(|p| p.at);
    // A heart-rate record and a route point at the same second are one sample.
    points.dedup_by(|later, kept| {
        let same = later.at == kept.at;
        if same {
            kept.fill_from(later);
        }
        same
    });
    let meta = ActivityMeta {
        session_index: index,
        sport,
        sub_sport,
        start_utc: w.start.map(|s| s.to_utc()),
        utc_offset_min: w.start.map(|s| s.offset().local_minus_utc() / 60),
        duration_s: w
            .duration_s
            .or_else(|| w.span().map(|(s, e)| (e - s).num_seconds() as f64)),
        distance_m: w.distance_m,
        avg_hr: w.avg_hr,
        device: Some(w.source.clone()).filter(|s| !s.is_empty()),
        utc_offset_stated: w.start.is_some(),
        ..Default::default()
    };
    let mut a = track::activity(&points, meta, ctx);
    // Sample times count from the workout's start, not from its first record.
    if let (Some(start), Some(first)) = (a.meta.start_utc, points.iter().find_map(|p| p.at)) {
        let shift = (first - start).num_milliseconds() as f64 / 1000.0;
        a.samples.t_s.iter_mut().for_each(|t| *t += shift);
    }
    a
}

/// Read an export, given a way to open its XML and to fetch a route file
/// by the path the XML names (`/workout-routes/route_….gpx`).
fn read_export(
    path: &Path,
    open: &mut Open,
    route: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    ctx: &ReadContext,
) -> Result<Decoded> {
    let mut workouts = workouts(path, open)?;
    records(path, open, &mut workouts)?;
    let mut out = Decoded::default();
    for (i, w) in workouts.iter_mut().enumerate() {
        let points = w.route.clone().and_then(|r| {
            let bytes = route(&r)?;
            let name = Path::new(r.trim_start_matches('/'));
            match gpx::tracks(name, &bytes) {
                Ok(tracks) => Some(tracks.into_iter().flat_map(|t| t.points).collect()),
                Err(e) => {
                    out.warnings
                        .push(format!("workout {i}: route not read: {e}"));
                    None
                }
            }
        });
        if w.route.is_some() && points.is_none() && out.warnings.len() < 20 {
            out.warnings.push(format!(
                "workout {i}: route {} not found",
                w.route.as_deref().unwrap_or("")
            ));
        }
        out.activities.push(activity(w, i as u32, points, ctx));
    }
    if out.activities.is_empty() {
        return Err(Error::NotAWorkout {
            path: path.to_path_buf(),
            what: "an Apple Health export without workouts".into(),
        });
    }
    Ok(out)
}

/// Read an unzipped `export.xml` already in memory; routes are looked up beside it.
pub fn read_xml(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let mut open = |visit: &mut dyn FnMut(&mut dyn BufRead) -> Result<()>| visit(&mut &bytes[..]);
    read_export(path, &mut open, &mut routes_beside(path), ctx)
}

/// Read an unzipped `export.xml` from disk as a stream (a large one is
/// never loaded); routes are looked up beside it.
pub fn read_file(path: &Path, ctx: &ReadContext) -> Result<Decoded> {
    let mut open = |visit: &mut dyn FnMut(&mut dyn BufRead) -> Result<()>| {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        visit(&mut BufReader::with_capacity(1 << 16, file))
    };
    read_export(path, &mut open, &mut routes_beside(path), ctx)
}

/// Route files of an unzipped export: `workout-routes/` beside `export.xml`.
fn routes_beside(path: &Path) -> impl FnMut(&str) -> Option<Vec<u8>> + use<> {
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    move |r: &str| std::fs::read(folder.join(r.trim_start_matches('/'))).ok()
}

/// Whether `head` (a file's first kilobytes) is an Apple Health export's XML.
pub fn is_export_xml(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    text.contains("<!DOCTYPE HealthData") || text.contains("<HealthData")
}

/// The name of the export's XML inside a zip, if the zip is Apple Health's
/// export. A zip that holds the export beside other files (a runner's
/// whole exports folder, zipped) is not: it is read member by member, so
/// nothing in it is passed over.
pub fn export_member(bytes: &[u8]) -> Option<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let name = archive.file_names().find(|n| {
        n.rsplit('/').next() == Some("export.xml")
            && (n.contains("apple_health_export") || *n == "export.xml")
    })?;
    let root = name.trim_end_matches("export.xml");
    let foreign =
        (archive.file_names()).any(|n| !n.starts_with(root) && !n.starts_with("__MACOSX/"));
    (!foreign).then(|| name.to_string())
}

/// Read `export.zip`, decompressing its XML as a stream (once per pass).
pub fn read_zip(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    let broken = |e: zip::result::ZipError| Error::input(path, format!("broken zip archive: {e}"));
    let member = export_member(bytes).ok_or_else(|| Error::input(path, "no export.xml inside"))?;
    let root = member.trim_end_matches("export.xml").to_string();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(broken)?;
    // A clone shares the bytes and the directory; routes are read through it.
    let mut routes = archive.clone();
    let mut open = |visit: &mut dyn FnMut(&mut dyn BufRead) -> Result<()>| {
        let entry = archive.by_name(&member).map_err(broken)?;
        visit(&mut BufReader::with_capacity(1 << 16, entry))
    };
    let mut route = |r: &str| {
        let name = format!("{root}{}", r.trim_start_matches('/'));
        let mut buf = Vec::new();
        routes.by_name(&name).ok()?.read_to_end(&mut buf).ok()?;
        Some(buf)
    };
    let xml_path = std::path::PathBuf::from(format!("{}!{member}", path.display()));
    read_export(&xml_path, &mut open, &mut route, ctx)
}

/// Read an export: `export.zip` or its `export.xml`.
pub fn read(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Decoded> {
    if bytes.starts_with(b"PK") {
        read_zip(path, bytes, ctx)
    } else {
        read_xml(path, bytes, ctx)
    }
}
