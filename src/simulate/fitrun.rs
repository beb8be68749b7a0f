//! Writes a simulated run as a FIT activity file laid out the way a Garmin
//! watch writes one: file_id, device_info, the athlete's `user_profile` and
//! `zones_target` (resting and maximum heart rate), a timer-start event,
//! the records the watch kept ([`super::record`]: every second or smart
//! recording) with timer stop/start events around each auto-pause, an
//! auto-lap every kilometre, a timer-stop event, the session and the
//! activity message with `local_timestamp`.

use super::record::Recorded;
use super::run::Trace;
use crate::fit::write::{BaseType::*, FIT_EPOCH_OFFSET, FitWriter, MessageDef, semicircles};

const FILE_ID: MessageDef = MessageDef {
    global: crate::fit::mesg::FILE_ID,
    local: 0,
    fields: &[
        (0, Enum),
        (1, UInt16),
        (2, UInt16),
        (3, UInt32z),
        (4, UInt32),
    ],
};
const DEVICE_INFO: MessageDef = MessageDef {
    global: crate::fit::mesg::DEVICE_INFO,
    local: 1,
    fields: &[
        (253, UInt32),
        (0, UInt8),
        (2, UInt16),
        (3, UInt32z),
        (4, UInt16),
        (5, UInt16),
    ],
};
const EVENT: MessageDef = MessageDef {
    global: crate::fit::mesg::EVENT,
    local: 2,
    fields: &[(253, UInt32), (0, Enum), (1, Enum), (4, UInt8)],
};
const RECORD: MessageDef = MessageDef {
    global: crate::fit::mesg::RECORD,
    local: 3,
    fields: &[
        (253, UInt32),
        (0, SInt32),
        (1, SInt32),
        (2, UInt16),
        (3, UInt8),
        (4, UInt8),
        (5, UInt32),
        (6, UInt16),
        (13, SInt8),
        (53, UInt8),
        (7, UInt16),
        (85, UInt16),
        (41, UInt16),
        (39, UInt16),
        (83, UInt16),
    ],
};
const LAP: MessageDef = MessageDef {
    global: crate::fit::mesg::LAP,
    local: 4,
    fields: &[
        (253, UInt32),
        (0, Enum),
        (1, Enum),
        (2, UInt32),
        (7, UInt32),
        (8, UInt32),
        (9, UInt32),
        (13, UInt16),
        (15, UInt8),
        (16, UInt8),
        (25, Enum),
        (254, UInt16),
    ],
};
const SESSION: MessageDef = MessageDef {
    global: crate::fit::mesg::SESSION,
    local: 5,
    fields: &[
        (253, UInt32),
        (0, Enum),
        (1, Enum),
        (2, UInt32),
        (3, SInt32),
        (4, SInt32),
        (5, Enum),
        (6, Enum),
        (7, UInt32),
        (8, UInt32),
        (9, UInt32),
        (14, UInt16),
        (16, UInt8),
        (17, UInt8),
        (18, UInt8),
        (22, UInt16),
        (25, UInt16),
        (26, UInt16),
        (57, SInt8),
        (193, UInt8),
        (254, UInt16),
    ],
};
const ACTIVITY: MessageDef = MessageDef {
    global: crate::fit::mesg::ACTIVITY,
    local: 6,
    fields: &[
        (253, UInt32),
        (0, UInt32),
        (1, UInt16),
        (2, Enum),
        (3, Enum),
        (4, Enum),
        (5, UInt32),
    ],
};

const USER_PROFILE: MessageDef = MessageDef {
    global: crate::fit::mesg::USER_PROFILE,
    local: 7,
    fields: &[(8, UInt8), (11, UInt8)],
};
const ZONES_TARGET: MessageDef = MessageDef {
    global: crate::fit::mesg::ZONES_TARGET,
    local: 8,
    fields: &[(1, UInt8)],
};

/// Garmin's manufacturer id and a Forerunner product id.
const GARMIN: i64 = 1;
const PRODUCT: i64 = 3113;
const SERIAL: i64 = 3_987_654_321;

struct Span {
    elapsed_s: f64,
    timer_s: f64,
    distance_m: f64,
    avg_hr: Option<i64>,
    max_hr: Option<i64>,
}

impl Span {
    /// Elapsed and timer time (ms), distance (cm) and mean speed (mm/s), as
    /// lap and session store them.
    fn wire_totals(&self) -> [Option<i64>; 4] {
        let ms = (self.elapsed_s * 1000.0) as i64;
        let timer_ms = (self.timer_s * 1000.0) as i64;
        let speed = (self.distance_m / self.timer_s.max(1.0) * 1000.0).round() as i64;
        [
            Some(ms),
            Some(timer_ms),
            Some((self.distance_m * 100.0).round() as i64),
            Some(speed),
        ]
    }
}

fn span(trace: &Trace, rec: &Recorded, from: usize, to: usize) -> Span {
    let paused: usize = (rec.pauses.iter())
        .map(|&(a, b)| b.min(to).saturating_sub(a.max(from)))
        .sum();
    let hrs: Vec<f64> = trace.hr_bpm[from..to].iter().flatten().copied().collect();
    let start_d = if from == 0 {
        0.0
    } else {
        trace.distance_m[from - 1]
    };
    Span {
        elapsed_s: (to - from) as f64,
        timer_s: (to - from - paused) as f64,
        distance_m: trace.distance_m[to - 1] - start_d,
        avg_hr: (!hrs.is_empty())
            .then(|| (hrs.iter().sum::<f64>() / hrs.len() as f64).round() as i64),
        max_hr: hrs
            .iter()
            .copied()
            .fold(None, |m: Option<f64>, h| Some(m.map_or(h, |m| m.max(h))))
            .map(|h| h as i64),
    }
}

/// The run as its session message states it, for the activity list:
/// elapsed and timer time (s), distance (m), mean HR (bpm).
pub fn totals(trace: &Trace, rec: &Recorded) -> (f64, f64, f64, Option<f64>) {
    let s = span(trace, rec, 0, trace.len());
    (
        s.elapsed_s,
        s.timer_s,
        s.distance_m,
        s.avg_hr.map(|h| h as f64),
    )
}

/// The athlete's heart-rate limits as the watch's settings state them, bpm.
#[derive(Clone, Copy, Debug)]
pub struct StatedHr {
    /// Resting heart rate.
    pub rest: f64,
    /// Maximum heart rate.
    pub max: f64,
}

/// File id, device, the athlete's settings and the first timer start.
fn write_head(w: &mut FitWriter, hr: StatedHr, start: i64) {
    let file_id = [
        Some(4),
        Some(GARMIN),
        Some(PRODUCT),
        Some(SERIAL),
        Some(start),
    ];
    w.write(&FILE_ID, &file_id);
    let device = [
        Some(start),
        Some(0),
        Some(GARMIN),
        Some(SERIAL),
        Some(PRODUCT),
        Some(1150),
    ];
    w.write(&DEVICE_INFO, &device);
    w.write(
        &USER_PROFILE,
        &[Some(hr.rest.round() as i64), Some(hr.max.round() as i64)],
    );
    w.write(&ZONES_TARGET, &[Some(hr.max.round() as i64)]);
    w.write(&EVENT, &[Some(start), Some(0), Some(0), Some(0)]);
}

/// The kept records, with a timer stop and start around each pause.
fn write_records(w: &mut FitWriter, trace: &Trace, rec: &Recorded, start: i64) {
    let mut pauses = rec.pauses.iter().peekable();
    for &i in &rec.kept {
        while let Some(&&(stop, go)) = pauses.peek()
            && stop < i
        {
            w.write(
                &EVENT,
                &[Some(start + stop as i64), Some(0), Some(4), Some(0)],
            );
            w.write(
                &EVENT,
                &[Some(start + go as i64), Some(0), Some(0), Some(0)],
            );
            pauses.next();
        }
        let cadence = trace.cadence_spm[i] / 2.0; // FIT stores strides per minute
        let whole = cadence.floor();
        // The profile's scales: step length, stance time and oscillation ×10, ratio ×100.
        let d = trace.dynamics.get(i).copied().flatten();
        let scaled = |f: fn(&super::dynamics::Second) -> f64, by: f64| {
            d.as_ref().map(|d| (f(d) * by).round() as i64)
        };
        w.write(
            &RECORD,
            &[
                Some(start + i as i64),
                Some(semicircles(trace.lat[i])),
                Some(semicircles(trace.lon[i])),
                Some(((trace.altitude_m[i] + 500.0) * 5.0).round() as i64),
                trace.hr_bpm[i].map(|h| h as i64),
                Some(whole as i64),
                Some((trace.distance_m[i] * 100.0).round() as i64),
                Some((trace.speed_mps[i] * 1000.0).round() as i64),
                Some(trace.temperature_c[i] as i64),
                Some(((cadence - whole) * 128.0).round() as i64),
                scaled(|d| d.power_w, 1.0),
                scaled(|d| d.step_length_mm, 10.0),
                scaled(|d| d.stance_time_ms, 10.0),
                scaled(|d| d.vertical_oscillation_mm, 10.0),
                scaled(|d| d.vertical_ratio_pct, 100.0),
            ],
        );
    }
}

/// Auto-laps every kilometre as `[from, to)` seconds; the last lap ends the run.
fn laps(trace: &Trace) -> Vec<(usize, usize)> {
    let n = trace.len();
    let (mut laps, mut lap_from) = (Vec::new(), 0);
    for i in 0..n {
        let lap_km = (trace.distance_m[i] / 1000.0).floor() as usize;
        if lap_km > laps.len() || i + 1 == n {
            laps.push((lap_from, i + 1));
            lap_from = i + 1;
        }
    }
    laps
}

/// A FIT sport and sub-sport pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sport {
    /// FIT `sport` (1 running, 2 cycling, 5 swimming, 17 hiking).
    pub sport: i64,
    /// FIT `sub_sport` (0 generic, 17 lap swimming).
    pub sub_sport: i64,
}

/// Running, generic: every simulated run.
pub const RUNNING: Sport = Sport {
    sport: 1,
    sub_sport: 0,
};

/// The session message: totals, means, ascent, laps, temperature and RPE.
fn write_session(
    w: &mut FitWriter,
    trace: &Trace,
    rec: &Recorded,
    start: i64,
    laps: usize,
    sport: Sport,
) {
    let n = trace.len();
    let s = span(trace, rec, 0, n);
    let moving: Vec<f64> = (trace.cadence_spm.iter().copied())
        .filter(|&c| c > 0.0)
        .collect();
    let avg_cadence =
        (moving.iter().sum::<f64>() / moving.len().max(1) as f64 / 2.0).round() as i64;
    let ascent: f64 = (trace.altitude_m.windows(2))
        .map(|p| (p[1] - p[0]).max(0.0))
        .sum();
    let avg_temp = trace.temperature_c.iter().sum::<f64>() / n as f64;
    let (lat0, lon0) = (semicircles(trace.lat[0]), semicircles(trace.lon[0]));
    // event session/stop, then the sport
    let end = start + n as i64;
    let mut values = vec![
        Some(end),
        Some(8),
        Some(1),
        Some(start),
        Some(lat0),
        Some(lon0),
        Some(sport.sport),
        Some(sport.sub_sport),
    ];
    values.extend(s.wire_totals());
    let (ascent, laps) = (Some(ascent.round() as i64), Some(laps as i64));
    values.extend([s.avg_hr, s.max_hr, Some(avg_cadence), ascent, Some(0)]);
    let rpe = trace.rpe.map(|r| (r * 10.0) as i64);
    values.extend([laps, Some(avg_temp.round() as i64), rpe, Some(0)]);
    w.write(&SESSION, &values);
}

/// Encode the seconds `rec` kept of `trace` (first second at `start_unix`,
/// local offset `offset_s`) as a FIT running activity.
pub fn encode(
    trace: &Trace,
    rec: &Recorded,
    hr: StatedHr,
    start_unix: i64,
    offset_s: i64,
) -> Vec<u8> {
    encode_as(trace, rec, hr, (start_unix, offset_s), RUNNING)
}

/// As [`encode`], for any sport; `when` is the start (Unix s) and the local offset (s).
pub fn encode_as(
    trace: &Trace,
    rec: &Recorded,
    hr: StatedHr,
    when: (i64, i64),
    sport: Sport,
) -> Vec<u8> {
    let (start_unix, offset_s) = when;
    let start = start_unix - FIT_EPOCH_OFFSET;
    let n = trace.len();
    let end = start + n as i64;
    let mut w = FitWriter::new();
    write_head(&mut w, hr, start);
    write_records(&mut w, trace, rec, start);
    let laps = laps(trace);
    w.write(&EVENT, &[Some(end), Some(0), Some(4), Some(0)]);
    for (index, &(from, to)) in laps.iter().enumerate() {
        let s = span(trace, rec, from, to);
        let mut values = vec![
            Some(start + to as i64),
            Some(9),
            Some(1),
            Some(start + from as i64),
        ];
        values.extend(s.wire_totals());
        values.extend([s.avg_hr, s.max_hr, Some(sport.sport), Some(index as i64)]);
        w.write(&LAP, &values);
    }
    write_session(&mut w, trace, rec, start, laps.len(), sport);
    let elapsed_ms = Some((span(trace, rec, 0, n).elapsed_s * 1000.0) as i64);
    let activity = [
        Some(end),
        elapsed_ms,
        Some(1),
        Some(0),
        Some(26),
        Some(1),
        Some(end + offset_s),
    ];
    w.write(&ACTIVITY, &activity);
    w.finish()
}
