//! The other sports a runner's watch records: long rides (a record every
//! second, as bike computers write), pool swims and a multi-hour hike each
//! month. Real exports are mostly such files; a simulated history with them
//! weighs what a real one does, for the memory benchmarks and for the tests
//! that the run analysis leaves them out. They are not part of the truth.
//!
//! They come from their own random stream, so the runs, the gym log and the
//! truth of a seed are the same bytes with or without them.

use super::fitrun::{self, Sport, StatedHr};
use super::model::Athlete;
use super::plan::Day;
use super::record::{self, Recording};
use super::run::Trace;
use chrono::{Datelike, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// What kind of other activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ride,
    Swim,
    Hike,
}

impl Kind {
    fn sport(self) -> Sport {
        let (sport, sub_sport) = match self {
            Kind::Ride => (2, 7),  // cycling, road
            Kind::Swim => (5, 17), // swimming, lap swimming
            Kind::Hike => (17, 0), // hiking, generic
        };
        Sport { sport, sub_sport }
    }

    /// Mean speed (m/s), heart rate above rest (bpm) and cadence (per min).
    fn pace(self) -> (f64, f64, f64) {
        match self {
            Kind::Ride => (7.5, 75.0, 85.0),
            Kind::Swim => (0.8, 70.0, 28.0),
            Kind::Hike => (1.2, 45.0, 100.0),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Ride => "ride",
            Kind::Swim => "swim",
            Kind::Hike => "hike",
        }
    }
}

/// One planned activity: local start, kind, minutes, and its own seed.
struct Planned {
    start: NaiveDateTime,
    kind: Kind,
    minutes: f64,
    temperature_c: f64,
    seed: u64,
}

/// Rides on most Saturdays (1–5 h), a swim on half the Wednesdays, a hike
/// (4–8 h) on each month's first Sunday.
fn plan(days: &[Day], rng: &mut ChaCha8Rng) -> Vec<Planned> {
    let mut out = Vec::new();
    for d in days {
        let (kind, hour, minutes) = match d.date.weekday() {
            Weekday::Sat if rng.gen_bool(0.7) => (Kind::Ride, 13, rng.gen_range(60.0..300.0)),
            Weekday::Wed if rng.gen_bool(0.5) => (Kind::Swim, 12, rng.gen_range(30.0..60.0)),
            Weekday::Sun if d.date.day() <= 7 => (Kind::Hike, 10, rng.gen_range(240.0..480.0)),
            _ => continue,
        };
        let at = NaiveTime::from_hms_opt(hour, 0, 0).expect("valid hour");
        out.push(Planned {
            start: d.date.and_time(at),
            kind,
            minutes,
            temperature_c: d.temperature_c,
            seed: rng.r#gen(),
        });
    }
    out
}

/// One activity second by second: a wandering speed, heart rate following
/// it, a straight-ish track.
fn trace(p: &Planned, athlete: &Athlete, rng: &mut ChaCha8Rng) -> Trace {
    let (mean_v, hr_up, cadence) = p.kind.pace();
    let n = (p.minutes * 60.0) as usize;
    let mut t = Trace::default();
    let (mut v, mut dist, mut heading) = (mean_v, 0.0, rng.gen_range(0.0..std::f64::consts::TAU));
    let (mut lat, mut lon) = (55.70, 12.50);
    for _ in 0..n {
        v = (v + 0.05 * (mean_v - v) + 0.05 * mean_v * rng.gen_range(-1.0..1.0)).max(0.0);
        dist += v;
        heading += rng.gen_range(-0.02..0.02);
        lat += v * f64::cos(heading) / 111_320.0;
        lon += v * f64::sin(heading) / 62_600.0;
        t.lat.push(lat);
        t.lon.push(lon);
        t.distance_m.push(dist);
        t.speed_mps.push(v);
        t.altitude_m.push(20.0 + 10.0 * f64::sin(dist / 2000.0));
        let hr = athlete.hr_rest + hr_up * (v / mean_v).sqrt() + rng.gen_range(-3.0..3.0);
        t.hr_bpm.push(Some(hr.round()));
        t.cadence_spm.push(2.0 * cadence);
        t.temperature_c.push(p.temperature_c + 3.0);
    }
    t
}

/// Write the other activities of the season as FIT files under
/// `other/`; returns how many.
pub fn write(
    out: &std::path::Path,
    days: &[Day],
    athlete: &Athlete,
    tz: &Tz,
    seed: u64,
) -> crate::error::Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x07_4e5f_0a11);
    let planned = plan(days, &mut rng);
    let hr = StatedHr {
        rest: athlete.hr_rest,
        max: athlete.hr_max,
    };
    // A batch at a time, so a history of years never holds all its files.
    for batch in planned.chunks(64) {
        let files: Vec<(String, Vec<u8>)> = (batch.par_iter())
            .filter_map(|p| {
                let local = tz.from_local_datetime(&p.start).earliest()?;
                let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
                let trace = trace(p, athlete, &mut rng);
                let mode = match p.kind {
                    Kind::Ride => Recording::EverySecond,
                    _ => Recording::Smart,
                };
                let kept = record::record(&trace, mode, &mut rng);
                let offset_s = (p.start - local.naive_utc()).num_seconds();
                let when = (local.timestamp(), offset_s);
                let bytes = fitrun::encode_as(&trace, &kept, hr, when, p.kind.sport());
                let name = format!(
                    "other/{}_{}.fit",
                    p.start.format("%Y-%m-%d_%H%M"),
                    p.kind.name()
                );
                Some((name, bytes))
            })
            .collect();
        for (name, bytes) in files {
            crate::output::write_atomic(&out.join(name), &bytes)?;
        }
    }
    Ok(planned.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ReadContext, fit};

    #[test]
    fn a_ride_reads_back_as_cycling_with_a_record_every_second() {
        let p = Planned {
            start: chrono::NaiveDate::from_ymd_opt(2026, 6, 6)
                .unwrap()
                .and_hms_opt(13, 0, 0)
                .unwrap(),
            kind: Kind::Ride,
            minutes: 90.0,
            temperature_c: 18.0,
            seed: 5,
        };
        let athlete = Athlete::default();
        let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
        let t = trace(&p, &athlete, &mut rng);
        let kept = record::record(&t, Recording::EverySecond, &mut rng);
        let hr = StatedHr {
            rest: 48.0,
            max: 188.0,
        };
        let bytes = fitrun::encode_as(&t, &kept, hr, (1_780_000_000, 7200), Kind::Ride.sport());
        let decoded = fit::read(
            std::path::Path::new("ride.fit"),
            &bytes,
            &ReadContext::default(),
        )
        .unwrap();
        let a = &decoded.activities[0];
        assert_eq!(a.meta.sport, "cycling");
        assert_eq!(a.samples.len(), 90 * 60);
        let km = a.meta.distance_m.unwrap() / 1000.0;
        assert!((35.0..46.0).contains(&km), "{km} km in 90 min");
    }
}
