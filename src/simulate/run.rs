//! One simulated run, second by second: the route (hills), the pace plan
//! (warm-up, intervals, stops), the heart rate from [`super::model`], and
//! what the sensors read (noise, drop-outs, cadence lock, GPS jitter and
//! jumps, heart-rate spikes). Which seconds become records is
//! [`super::record`]'s business.

use super::model::{Athlete, Conditions, hr_step};
use super::plan::{Day, RunKind, RunPlan};
use crate::analysis::gap::{FLAT_COST, minetti_cost};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use std::f64::consts::PI;

/// What the watch recorded, one entry per second.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// Latitude, degrees.
    pub lat: Vec<f64>,
    /// Longitude, degrees.
    pub lon: Vec<f64>,
    /// Distance since start, metres.
    pub distance_m: Vec<f64>,
    /// Recorded speed, m/s.
    pub speed_mps: Vec<f64>,
    /// Altitude, metres.
    pub altitude_m: Vec<f64>,
    /// Recorded heart rate (`None`: drop-out).
    pub hr_bpm: Vec<Option<f64>>,
    /// Cadence, steps per minute.
    pub cadence_spm: Vec<f64>,
    /// Temperature the watch read, °C.
    pub temperature_c: Vec<f64>,
    /// Perceived effort logged after the run (CR10), if asked.
    pub rpe: Option<f64>,
    /// Seconds the optical sensor reported the cadence as heart rate.
    pub cadence_lock_s: f64,
    /// Power and running dynamics of each second (`None` standing; empty
    /// for activities that are not runs).
    pub dynamics: Vec<Option<super::dynamics::Second>>,
}

impl Trace {
    /// Number of one-second records.
    pub fn len(&self) -> usize {
        self.distance_m.len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.distance_m.is_empty()
    }
}

/// Target speed (m/s) at second `t` of a run of `total` seconds.
fn target_speed(plan: &RunPlan, t: f64, total: f64) -> f64 {
    let easy = plan.easy_speed;
    match plan.kind {
        RunKind::Easy => easy,
        RunKind::Long => easy * 0.98,
        RunKind::Tempo => {
            if (900.0..2100.0).contains(&t) {
                3.75
            } else {
                easy * 0.97
            }
        }
        RunKind::Intervals => {
            let w = t - 900.0;
            if (0.0..6.0 * 300.0).contains(&w) && t < total - 600.0 {
                if w % 300.0 < 180.0 { 4.3 } else { 2.5 }
            } else {
                easy * 0.97
            }
        }
    }
}

/// Rolling hills: two sine waves along the distance (grades mostly within ±6 %).
struct Hills {
    waves: [(f64, f64, f64); 2],
    base: f64,
}

impl Hills {
    fn draw(rng: &mut ChaCha8Rng) -> Hills {
        let mut wave = |amplitude: f64, from: f64, to: f64| {
            let a = rng.gen_range(0.0..amplitude);
            (a, rng.gen_range(from..to), rng.gen_range(0.0..2.0 * PI))
        };
        let waves = [wave(10.0, 1000.0, 3000.0), wave(3.0, 300.0, 700.0)];
        let base = 20.0 + rng.gen_range(0.0..30.0);
        Hills { waves, base }
    }

    fn altitude(&self, d: f64) -> f64 {
        let [(a1, l1, p1), (a2, l2, p2)] = self.waves;
        self.base + a1 * (2.0 * PI * d / l1 + p1).sin() + a2 * (2.0 * PI * d / l2 + p2).sin()
    }

    fn grade(&self, d: f64) -> f64 {
        let [(a1, l1, p1), (a2, l2, p2)] = self.waves;
        2.0 * PI
            * (a1 / l1 * (2.0 * PI * d / l1 + p1).cos() + a2 / l2 * (2.0 * PI * d / l2 + p2).cos())
    }
}

/// What interrupts a run: stops (easy and long runs, away from the first
/// ten minutes; on city routes a traffic light every [`CITY_STOP_EVERY_S`]
/// on average from the first minute), an optical-HR cadence lock and a
/// heart-rate dropout, as `[from, to)` seconds.
struct Events {
    stops: Vec<(f64, f64)>,
    glitch: Option<(f64, f64)>,
    dropout: Option<(f64, f64)>,
}

impl Events {
    fn draw(plan: &RunPlan, total: f64, city: bool, rng: &mut ChaCha8Rng) -> Events {
        let mut stops = Vec::new();
        if city {
            stops = city_stops(total, rng);
        } else if matches!(plan.kind, RunKind::Easy | RunKind::Long) {
            for _ in 0..super::plan::stops(rng) {
                let at = rng.gen_range(600.0..(total - 120.0).max(601.0));
                stops.push((at, at + rng.gen_range(20.0..75.0)));
            }
        }
        let glitch = rng.gen_bool(0.12).then(|| {
            let at = rng.gen_range(300.0..(total - 400.0).max(301.0));
            (at, at + rng.gen_range(120.0..300.0))
        });
        let dropout = rng.gen_bool(0.10).then(|| {
            let at = rng.gen_range(300.0..(total - 300.0).max(301.0));
            (at, at + rng.gen_range(60.0..180.0))
        });
        Events {
            stops,
            glitch,
            dropout,
        }
    }
}

/// Mean running time between two traffic lights on a city route, s (a
/// city runner's Garmin history: 35 min with 387 s paused, over ten stops).
pub const CITY_STOP_EVERY_S: f64 = 180.0;
/// Shortest and longest wait at a light, s.
pub const CITY_WAIT_S: (f64, f64) = (8.0, 60.0);

/// Traffic lights along a city run: exponential gaps of running time, each
/// wait uniform in [`CITY_WAIT_S`], none in the last half minute.
fn city_stops(total: f64, rng: &mut ChaCha8Rng) -> Vec<(f64, f64)> {
    let mut stops = Vec::new();
    let mut at = 0.0;
    loop {
        at += -CITY_STOP_EVERY_S * (1.0 - rng.r#gen::<f64>()).ln();
        let wait = rng.gen_range(CITY_WAIT_S.0..CITY_WAIT_S.1);
        if at + wait > total - 30.0 {
            return stops;
        }
        stops.push((at, at + wait));
        at += wait;
    }
}

/// Duration of a city runner's easy run, minutes: 20–35.
pub fn city_minutes(rng: &mut ChaCha8Rng) -> f64 {
    rng.gen_range(20.0..35.0)
}

/// The perceived effort a runner logs after most runs (CR10), from the
/// mean fraction of heart-rate reserve.
fn logged_rpe(hrr_mean: f64, rng: &mut ChaCha8Rng) -> Option<f64> {
    let noise = Normal::new(0.0, 1.0).expect("unit normal");
    rng.gen_bool(0.85).then(|| {
        (13.0 * hrr_mean.powi(3) + 0.6 * noise.sample(rng))
            .round()
            .clamp(1.0, 10.0)
    })
}

/// Simulate `plan` on `day` for `athlete`.
pub fn simulate(athlete: &Athlete, day: &Day, plan: &RunPlan, rng: &mut ChaCha8Rng) -> Trace {
    let noise = Normal::new(0.0, 1.0).expect("unit normal");
    let total = (plan.minutes * 60.0).round();
    let n = total as usize;
    let hills = Hills::draw(rng);
    let Events {
        stops: stop_windows,
        glitch,
        dropout,
    } = Events::draw(plan, total, athlete.city, rng);
    let mut heading = rng.gen_range(0.0..2.0 * PI);
    let (mut lat, mut lon) = (
        55.676 + rng.gen_range(-0.02..0.02),
        12.568 + rng.gen_range(-0.03..0.03),
    );
    let mut trace = Trace::default();
    let (mut v, mut dist, mut hr) = (1.5, 0.0, athlete.hr_rest + 25.0);
    let mut hrr_sum = 0.0;
    let stride_noise = rng.gen_range(-3.0..3.0);
    // A stream of its own: the rest of the run draws what it drew before.
    let mut dyn_rng = rng.clone();
    dyn_rng.set_stream(0xD1A);
    let late_fade = (plan.kind == RunKind::Long).then(|| super::dynamics::fade(day.offset_bpm));
    for i in 0..n {
        let t = i as f64;
        let stopped = stop_windows.iter().any(|&(a, b)| t >= a && t < b);
        let g = hills.grade(dist);
        let target = if stopped {
            0.0
        } else {
            // Runners slow on climbs and speed up on descents, partly.
            target_speed(plan, t, total) * (FLAT_COST / minetti_cost(g)).powf(0.7)
        };
        v += (target - v) * if stopped { 0.5 } else { 0.25 };
        if v < 0.05 {
            v = 0.0;
        }
        dist += v;
        heading += 0.02 * noise.sample(rng);
        lat += v * heading.cos() / 111_320.0;
        lon += v * heading.sin() / (111_320.0 * lat.to_radians().cos());
        let air = athlete.heat.air(day.temperature_c, t, total);
        let cond = Conditions {
            economy: day.economy,
            temperature_c: air,
            offset_bpm: day.offset_bpm,
            elapsed_s: t,
        };
        hr = hr_step(hr, athlete.steady_hr(v, g, &cond), 1.0, athlete.kinetics());
        hrr_sum += (hr - athlete.hr_rest) / (athlete.hr_max - athlete.hr_rest);
        let cadence = if v > 0.5 {
            (143.0 + athlete.cadence_offset_spm + 9.0 * v + stride_noise + 1.5 * noise.sample(rng))
                .round()
        } else {
            0.0
        };
        let in_window = |w: Option<(f64, f64)>| w.is_some_and(|(a, b)| t >= a && t < b);
        let recorded_hr = if in_window(dropout) {
            None
        } else if in_window(glitch) && cadence > 0.0 {
            trace.cadence_lock_s += 1.0;
            Some(cadence + (noise.sample(rng) * 0.7).round())
        } else {
            Some((hr + 1.5 * noise.sample(rng)).round())
        };
        trace.lat.push(lat);
        trace.lon.push(lon);
        trace.distance_m.push(dist);
        trace
            .speed_mps
            .push((v + 0.06 * noise.sample(rng)).max(0.0));
        trace.altitude_m.push(hills.altitude(dist));
        trace.hr_bpm.push(recorded_hr);
        trace.cadence_spm.push(cadence);
        let warmup = crate::analysis::steady::WARMUP_S;
        let elapsed = (t - warmup) / (total - warmup).max(1.0);
        let second =
            super::dynamics::second(v, g, cadence, day.economy, elapsed, late_fade, &mut dyn_rng);
        trace.dynamics.push(second);
        trace
            .temperature_c
            .push((athlete.heat.sensor(air, t) + 0.5 * noise.sample(rng)).round());
    }
    if n > 0 {
        trace.rpe = logged_rpe(hrr_sum / n as f64, rng);
    }
    sensor_faults(&mut trace, rng);
    trace
}

/// What real sensors add: GPS position jitter, now and then a GPS jump (a
/// few seconds of impossible speed and the distance it invents), and
/// optical heart-rate spikes (30–60 bpm too high for 4–12 s).
fn sensor_faults(trace: &mut Trace, rng: &mut ChaCha8Rng) {
    let n = trace.len();
    if n < 600 {
        return;
    }
    let jitter = Normal::new(0.0, 2.5 / 111_320.0).expect("positive sd");
    for i in 0..n {
        trace.lat[i] += jitter.sample(rng);
        trace.lon[i] += jitter.sample(rng);
    }
    if rng.gen_bool(0.10) {
        let at = rng.gen_range(300..n - 60);
        let extra = rng.gen_range(4.0..8.0);
        for k in at..at + 3 {
            trace.speed_mps[k] += extra;
        }
        for d in &mut trace.distance_m[at..] {
            *d += 3.0 * extra;
        }
    }
    if rng.gen_bool(0.15) {
        for _ in 0..rng.gen_range(1..=3) {
            let at = rng.gen_range(120..n - 20);
            let (len, up) = (rng.gen_range(4..=12), rng.gen_range(30.0..60.0));
            for h in trace.hr_bpm[at..at + len].iter_mut().flatten() {
                *h = (*h + up).min(220.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::plan::Day;
    use chrono::NaiveDate;
    use rand::SeedableRng;

    #[test]
    fn easy_run_is_plausible() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let date = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let plan = RunPlan {
            kind: RunKind::Easy,
            start_local: date.and_hms_opt(7, 0, 0).unwrap(),
            minutes: 40.0,
            easy_speed: 2.95,
        };
        let day = Day {
            date,
            temperature_c: 8.0,
            economy: 1.0,
            offset_bpm: 0.0,
            runs: vec![plan.clone()],
            gym: None,
        };
        let trace = simulate(&Athlete::default(), &day, &plan, &mut rng);
        assert_eq!(trace.len(), 2400);
        let d = *trace.distance_m.last().unwrap();
        assert!((6000.0..7400.0).contains(&d), "{d}");
        let hrs: Vec<f64> = trace.hr_bpm[1200..].iter().flatten().copied().collect();
        let mean = hrs.iter().sum::<f64>() / hrs.len() as f64;
        assert!((125.0..150.0).contains(&mean), "{mean}");
    }

    #[test]
    fn city_routes_stop_every_three_minutes_for_a_light() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let (mut n, mut waited, mut run_s) = (0usize, 0.0, 0.0);
        for _ in 0..200 {
            let stops = city_stops(1800.0, &mut rng);
            assert!(stops.windows(2).all(|w| w[0].1 <= w[1].0));
            assert!(
                stops
                    .iter()
                    .all(|&(a, b)| (8.0..60.0).contains(&(b - a)) && b <= 1770.0)
            );
            n += stops.len();
            waited += stops.iter().map(|&(a, b)| b - a).sum::<f64>();
            run_s += 1800.0 - stops.iter().map(|&(a, b)| b - a).sum::<f64>();
        }
        // A light per 180 s of running on average, each a 34 s wait.
        let every = run_s / n as f64;
        assert!((150.0..200.0).contains(&every), "{every}");
        assert!((30.0..38.0).contains(&(waited / n as f64)));
    }
}
