//! Records at any interval onto a one-second timeline.
//!
//! Watches write a record every second, or every 1–8 s ("smart recording"),
//! GPX points come every 1–5 s, and pauses (timer stop/start, auto-pause)
//! leave gaps in the timestamps. Everything downstream measures durations in
//! time, so each run is first laid onto a grid of one entry per elapsed
//! second:
//!
//! * between two records less than [`MAX_BRIDGE_S`] apart, values are
//!   interpolated linearly;
//! * a gap longer than [`PAUSE_MIN_S`] over which the distance advanced at
//!   less than [`STOPPED_MPS`] is a **pause** (auto-pause, timer stopped,
//!   standing at a light): not running time;
//! * a longer gap while the distance kept advancing is **lost signal**: running
//!   time without data.
//!
//! Signal checks, each counted in seconds per run ([`SignalQuality`]):
//! speed is derived from distance where the speed field is missing, or
//! everywhere when the speed field disagrees with the distance by more than
//! [`SPEED_FIELD_TOLERANCE`]; GPS jumps (speed above [`MAX_SPEED_MPS`] or a
//! change of more than [`MAX_ACCEL_MPS2`] within a second) leave speed
//! missing; heart rate outside 40–220 bpm or missing while running is a
//! drop-out; a jump of [`HR_SPIKE_BPM`] within [`HR_SPIKE_WINDOW_S`] seconds,
//! faster than a heart can change, is a spike and drops ±[`HR_SPIKE_PAD_S`].

pub use super::signal::{
    HR_SPIKE_BPM, HR_SPIKE_PAD_S, HR_SPIKE_WINDOW_S, MAX_ACCEL_MPS2, MAX_SPEED_MPS, dilate,
};
use super::signal::{drop_gps_jumps, drop_hr_spikes};

/// Longest gap between records bridged by interpolation, s.
pub const MAX_BRIDGE_S: f64 = 30.0;
/// A gap longer than this can be a pause, s.
pub const PAUSE_MIN_S: f64 = 4.0;
/// Mean speed over a gap below which the runner stood still, m/s.
pub const STOPPED_MPS: f64 = 0.8;
/// Relative disagreement of the speed field with the distance above which
/// the speed field is not used.
pub const SPEED_FIELD_TOLERANCE: f64 = 0.15;
/// Longest timeline laid out; anything later is left out (a watch left running for days), s.
pub const MAX_SPAN_S: f64 = 48.0 * 3600.0;

/// One run's records as the canonical `samples` columns give them.
pub struct Records<'a> {
    /// Seconds since the first record (any interval, may have gaps).
    pub t_s: &'a [f64],
    /// Speed, m/s.
    pub speed: &'a [Option<f64>],
    /// Distance, m.
    pub distance: &'a [Option<f64>],
    /// Altitude, m.
    pub altitude: &'a [Option<f64>],
    /// Heart rate, bpm.
    pub hr: &'a [Option<f64>],
    /// Cadence, steps/min.
    pub cadence: &'a [Option<f64>],
    /// Power, W (empty: none recorded).
    pub power: &'a [Option<f64>],
    /// The file states a chest strap (an ANT+ or Bluetooth heart-rate
    /// monitor), which cannot lock onto cadence.
    pub chest_strap: bool,
}

/// Seconds of a run affected by each signal problem.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SignalQuality {
    /// Seconds paused or standing still (not running time).
    pub paused_s: f64,
    /// Running seconds with no record within [`MAX_BRIDGE_S`] (lost signal).
    pub lost_s: f64,
    /// Seconds whose speed came from the distance (speed field missing or noisy).
    pub speed_from_distance_s: f64,
    /// Seconds dropped for GPS jumps.
    pub gps_jump_s: f64,
    /// Running seconds without a plausible heart rate.
    pub hr_dropout_s: f64,
    /// Seconds dropped around heart-rate spikes.
    pub hr_spike_s: f64,
    /// Seconds dropped for heart rate locked to cadence (set by steady-state selection).
    pub hr_cadence_lock_s: f64,
}

/// A run on a one-second grid of elapsed time.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// Running (timer) time at each second: pauses do not advance it, s.
    pub run_t: Vec<f64>,
    /// Speed, m/s (`None`: unknown or a GPS jump).
    pub speed: Vec<Option<f64>>,
    /// Distance, m.
    pub distance: Vec<Option<f64>>,
    /// Altitude, m.
    pub altitude: Vec<Option<f64>>,
    /// Plausible heart rate, bpm.
    pub hr: Vec<Option<f64>>,
    /// Cadence, steps/min.
    pub cadence: Vec<Option<f64>>,
    /// Power, W.
    pub power: Vec<Option<f64>>,
    /// Paused or standing still.
    pub paused: Vec<bool>,
    /// Heart rate from a chest strap (see [`Records::chest_strap`]).
    pub chest_strap: bool,
    /// What the signal checks found.
    pub quality: SignalQuality,
}

impl Timeline {
    /// Number of seconds on the grid.
    pub fn len(&self) -> usize {
        self.run_t.len()
    }

    /// True for an empty grid.
    pub fn is_empty(&self) -> bool {
        self.run_t.is_empty()
    }
}

fn lerp(a: Option<f64>, b: Option<f64>, f: f64) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + (b - a) * f),
        (Some(a), None) if f < 0.5 => Some(a),
        (None, Some(b)) if f >= 0.5 => Some(b),
        _ => None,
    }
}

/// Indices of records with a usable, increasing time.
fn timed(t: &[f64]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(t.len());
    for (i, &ti) in t.iter().enumerate() {
        if !ti.is_finite() || !(0.0..=MAX_SPAN_S).contains(&ti) {
            continue;
        }
        match out.last() {
            // Two records in one instant: the later one wins.
            Some(&j) if t[j] >= ti => {
                if t[j] == ti {
                    *out.last_mut().expect("non-empty") = i;
                }
            }
            _ => out.push(i),
        }
    }
    out
}

/// Whether the speed field agrees with the distance over the run.
fn speed_field_usable(r: &Records, idx: &[usize]) -> bool {
    let (mut by_speed, mut covered) = (0.0, 0.0);
    for w in idx.windows(2) {
        let (a, b) = (w[0], w[1]);
        let dt = r.t_s[b] - r.t_s[a];
        if dt > MAX_BRIDGE_S {
            continue;
        }
        if let (Some(va), Some(vb), Some(da), Some(db)) =
            (r.speed[a], r.speed[b], r.distance[a], r.distance[b])
        {
            by_speed += (va + vb) / 2.0 * dt;
            covered += db - da;
        }
    }
    covered < 200.0 || ((by_speed / covered) - 1.0).abs() <= SPEED_FIELD_TOLERANCE
}

/// Lay the time between each two timed records on the grid: a pause
/// (marked, speed 0), lost signal (marked), or speed and distance
/// interpolated (speed from the distance where the field is not used;
/// `derived` marks those seconds).
fn lay_gaps(
    r: &Records,
    idx: &[usize],
    use_speed_field: bool,
    tl: &mut Timeline,
    lost: &mut [bool],
    derived: &mut [bool],
) {
    let n = tl.paused.len();
    for w in idx.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (ta, tb) = (r.t_s[a], r.t_s[b]);
        let dt = tb - ta;
        let gap_speed = match (r.distance[a], r.distance[b]) {
            (Some(da), Some(db)) => Some(((db - da) / dt).max(0.0)),
            _ => None,
        };
        let field = |i: usize| r.speed[i].filter(|_| use_speed_field);
        let pause = dt > PAUSE_MIN_S
            && gap_speed
                .or_else(|| Some((field(a)? + field(b)?) / 2.0))
                .is_none_or(|v| v < STOPPED_MPS);
        let bridged = dt <= MAX_BRIDGE_S;
        for k in (ta.ceil() as usize)..(tb.ceil() as usize).min(n) {
            let f = (k as f64 - ta) / dt;
            if pause {
                tl.paused[k] = true;
                tl.speed[k] = Some(0.0);
                continue;
            }
            if !bridged {
                lost[k] = true;
                continue;
            }
            tl.speed[k] = match (field(a), field(b)) {
                (Some(va), Some(vb)) => Some(va + (vb - va) * f),
                _ => {
                    derived[k] = gap_speed.is_some();
                    gap_speed
                }
            };
            tl.distance[k] = lerp(r.distance[a], r.distance[b], f);
        }
    }
}

/// Lay `r` onto a one-second grid; `None` when fewer than two records have a time.
pub fn build(r: &Records) -> Option<Timeline> {
    let idx = timed(r.t_s);
    if idx.len() < 2 {
        return None;
    }
    let use_speed_field = speed_field_usable(r, &idx);
    let n = r.t_s[*idx.last()?].floor() as usize + 1;
    let mut tl = Timeline {
        run_t: vec![0.0; n],
        speed: vec![None; n],
        distance: vec![None; n],
        altitude: vec![None; n],
        hr: vec![None; n],
        cadence: vec![None; n],
        power: vec![None; n],
        paused: vec![false; n],
        chest_strap: r.chest_strap,
        quality: SignalQuality::default(),
    };
    let mut lost = vec![false; n];
    let mut derived = vec![false; n];
    lay_gaps(r, &idx, use_speed_field, &mut tl, &mut lost, &mut derived);
    // Sensors that write only some records (heart rate in many GPX files)
    // are interpolated between the records that have a value.
    let plausible = |h: &f64| (40.0..=220.0).contains(h);
    let hr: Vec<Option<f64>> = r.hr.iter().map(|h| h.filter(plausible)).collect();
    tl.altitude = channel(r.t_s, &idx, r.altitude, n);
    tl.hr = channel(r.t_s, &idx, &hr, n);
    tl.cadence = channel(r.t_s, &idx, r.cadence, n);
    if !r.power.is_empty() {
        tl.power = channel(r.t_s, &idx, r.power, n);
    }
    for k in (0..n).filter(|&k| tl.paused[k] || lost[k]) {
        (tl.altitude[k], tl.hr[k], tl.cadence[k], tl.power[k]) = (None, None, None, None);
    }
    // The last record covers its own second.
    let last = *idx.last()?;
    let k = n - 1;
    if !tl.paused[k] {
        tl.speed[k] = r.speed[last].filter(|_| use_speed_field).or(tl.speed[k]);
        tl.distance[k] = r.distance[last];
    }
    let mut clock = 0.0;
    for k in 0..n {
        tl.run_t[k] = clock;
        if !tl.paused[k] {
            clock += 1.0;
        }
    }
    let q = &mut tl.quality;
    q.paused_s = count(&tl.paused);
    q.lost_s = count(&lost);
    q.speed_from_distance_s = count(&derived);
    q.gps_jump_s = drop_gps_jumps(&mut tl.speed);
    q.hr_spike_s = drop_hr_spikes(&mut tl.hr);
    q.hr_dropout_s = (0..n)
        .filter(|&k| !tl.paused[k] && !lost[k] && tl.hr[k].is_none())
        .count() as f64;
    Some(tl)
}

/// One sensor's values on the grid: linear between the records (of `idx`)
/// that have a value, where those are at most [`MAX_BRIDGE_S`] apart.
fn channel(t: &[f64], idx: &[usize], values: &[Option<f64>], n: usize) -> Vec<Option<f64>> {
    let mut out = vec![None; n];
    let have: Vec<(f64, f64)> = (idx.iter())
        .filter_map(|&i| Some((t[i], values[i]?)))
        .collect();
    for w in have.windows(2) {
        let ((ta, va), (tb, vb)) = (w[0], w[1]);
        if tb - ta > MAX_BRIDGE_S {
            continue;
        }
        for (k, slot) in out
            .iter_mut()
            .enumerate()
            .take((tb.ceil() as usize).min(n))
            .skip(ta.ceil() as usize)
        {
            *slot = Some(va + (vb - va) * (k as f64 - ta) / (tb - ta));
        }
    }
    if let Some(&(tl, vl)) = have.last() {
        let k = tl.floor() as usize;
        if k < n && tl == k as f64 {
            out[k] = Some(vl);
        }
    }
    out
}

fn count(mask: &[bool]) -> f64 {
    mask.iter().filter(|m| **m).count() as f64
}

#[cfg(test)]
mod tests;
