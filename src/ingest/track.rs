//! What the XML formats share: a track of timed points (GPX track points,
//! TCX trackpoints, an Apple workout's route and heart-rate samples) turned
//! into one activity with its samples.
//!
//! Distance is the file's own where it states one (TCX), else summed along
//! the positions (haversine). Speed, where the file gives none, is left to
//! the analysis, which derives it from the distance over time. Cadence in
//! these files is per foot (as in FIT) and is stored as steps per minute
//! (×2) for runs; some apps write steps per minute already, and a run's
//! value above [`MAX_PER_FOOT`] is taken as such.

use super::{ActivityData, ActivityMeta, ReadContext, SampleCols, utc_offset_min};
use chrono::{DateTime, Utc};

/// One timed point of a track; every field may be missing.
#[derive(Clone, Debug, Default)]
pub struct Point {
    /// Latitude, degrees.
    pub lat: Option<f64>,
    /// Longitude, degrees.
    pub lon: Option<f64>,
    /// Instant.
    pub at: Option<DateTime<Utc>>,
    /// Elevation, m.
    pub ele: Option<f64>,
    /// Distance from the start as the file states it, m.
    pub dist: Option<f64>,
    /// Heart rate, bpm.
    pub hr: Option<f64>,
    /// Cadence as written (per foot for runs), per minute.
    pub cad: Option<f64>,
    /// Temperature, °C.
    pub temp: Option<f64>,
    /// Speed, m/s.
    pub speed: Option<f64>,
    /// Power, W.
    pub power: Option<f64>,
}

impl Point {
    /// Fill what this point lacks from `other` (the same instant from
    /// another source: a heart-rate record and a route point).
    pub fn fill_from(&mut self, other: &Point) {
        self.lat = self.lat.or(other.lat);
        self.lon = self.lon.or(other.lon);
        self.ele = self.ele.or(other.ele);
        self.dist = self.dist.or(other.dist);
        self.hr = self.hr.or(other.hr);
        self.speed = self.speed.or(other.speed);
        self.power = self.power.or(other.power);
    }
}

/// Largest running cadence read as per foot; above it, steps per minute
/// (no one runs at 240 steps a minute, nor at 60).
pub const MAX_PER_FOOT: f64 = 120.0;

/// An XML document from `<?xml` on: the byte-order mark and the blank
/// lines or spaces that real exports put before it (Strava's TCX) are
/// skipped. Returns the rest and how many bytes were skipped, so that
/// offsets in messages are the file's.
pub fn xml_body(bytes: &[u8]) -> (&[u8], usize) {
    let bom = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let blank = bytes[bom..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    (&bytes[bom + blank..], bom + blank)
}

/// Great-circle distance between two positions, metres.
pub fn haversine(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * a.sqrt().asin()
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

/// A sport for a track whose file names none, guessed from its speed; the
/// warning says so.
pub fn guess_sport(points: &[Point], what: &str, warnings: &mut Vec<String>) -> String {
    let guess = match median_speed(points) {
        Some(v) if v < 1.9 => "walking",
        Some(v) if v > 6.5 => "cycling",
        _ => "running",
    };
    warnings.push(format!(
        "{what}: no activity type in the file; {guess} guessed from its speed"
    ));
    guess.to_string()
}

/// The samples of `points`, in their order. Points without a position or a
/// stated distance leave the distance empty, to be interpolated.
pub fn samples(points: &[Point], sport: &str) -> SampleCols {
    let per_foot = if sport == "running" { 2.0 } else { 1.0 };
    let first = points.iter().find_map(|p| p.at);
    let mut cols = SampleCols::default();
    let (mut summed, mut last) = (0.0, None::<(f64, f64)>);
    for p in points {
        let mut dist = p.dist;
        if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
            if let Some((a, b)) = last {
                summed += haversine(a, b, lat, lon);
            }
            last = Some((lat, lon));
            dist = dist.or(Some(summed));
        }
        let t = p.at.zip(first);
        let t = t.map(|(a, f)| (a - f).num_milliseconds() as f64 / 1000.0);
        cols.t_s.push(t.unwrap_or(f64::NAN));
        cols.distance_m.push(dist);
        cols.speed_mps.push(p.speed);
        cols.altitude_m.push(p.ele);
        cols.hr_bpm.push(p.hr.filter(|h| *h > 0.0));
        let steps = |c: f64| if c > MAX_PER_FOOT { c } else { c * per_foot };
        cols.cadence_spm.push(p.cad.map(steps));
        cols.temperature_c.push(p.temp);
        cols.dynamics.power_w.push(p.power);
    }
    cols.dynamics.drop_empty();
    cols
}

/// One activity of `points`: start, elapsed time, distance and mean HR are
/// taken from the samples; `meta` gives the rest (sport, device, index, and
/// the name of the power source, kept where the points have power).
pub fn activity(points: &[Point], meta: ActivityMeta, ctx: &ReadContext) -> ActivityData {
    let samples = samples(points, &meta.sport);
    let power_source = meta
        .power_source
        .clone()
        .filter(|_| !samples.dynamics.power_w.is_empty());
    let first = points.iter().find_map(|p| p.at);
    let hrs: Vec<f64> = samples.hr_bpm.iter().flatten().copied().collect();
    let last_dist = samples.distance_m.iter().rev().find_map(|d| *d);
    let meta = ActivityMeta {
        start_utc: meta.start_utc.or(first),
        utc_offset_min: meta
            .utc_offset_min
            .or_else(|| first.map(|f| utc_offset_min(f, ctx.timezone))),
        duration_s: meta
            .duration_s
            .or_else(|| samples.t_s.iter().rev().copied().find(|t| t.is_finite())),
        distance_m: meta.distance_m.or(last_dist),
        avg_hr: meta
            .avg_hr
            .or((!hrs.is_empty()).then(|| hrs.iter().sum::<f64>() / hrs.len() as f64)),
        power_source,
        ..meta
    };
    ActivityData { meta, samples }
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

    #[test]
    fn stated_distance_wins_and_gaps_stay_empty() {
        let at = |s: i64| DateTime::from_timestamp(1_700_000_000 + s, 0);
        let pts = vec![
            Point {
                at: at(0),
                lat: Some(0.0),
                lon: Some(0.0),
                dist: Some(0.0),
                ..Default::default()
            },
            Point {
                at: at(10),
                hr: Some(140.0),
                ..Default::default()
            },
            Point {
                at: at(20),
                lat: Some(0.0),
                lon: Some(0.0005),
                dist: Some(60.0),
                cad: Some(85.0),
                ..Default::default()
            },
            Point {
                at: at(30),
                lat: Some(0.0),
                lon: Some(0.001),
                ..Default::default()
            },
        ];
        let s = samples(&pts, "running");
        assert_eq!(s.t_s, vec![0.0, 10.0, 20.0, 30.0]);
        assert_eq!(s.distance_m[1], None);
        assert_eq!(s.distance_m[2], Some(60.0));
        // No stated distance: summed along the positions (0.001° ≈ 111 m).
        assert!((s.distance_m[3].unwrap() - 111.2).abs() < 0.5);
        assert_eq!(s.cadence_spm[2], Some(170.0));
        let mut full = pts.clone();
        full[2].cad = Some(172.0);
        assert_eq!(samples(&full, "running").cadence_spm[2], Some(172.0));
        let a = activity(
            &pts,
            ActivityMeta {
                sport: "running".into(),
                ..Default::default()
            },
            &ReadContext::default(),
        );
        assert_eq!(a.meta.duration_s, Some(30.0));
        assert_eq!(a.meta.avg_hr, Some(140.0));
        assert_eq!(a.meta.start_utc, at(0));
    }
}
