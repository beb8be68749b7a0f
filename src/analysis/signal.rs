//! Signal checks on the one-second timeline: GPS jumps and optical
//! heart-rate spikes are removed, with a margin either side, and counted.

/// Speeds above this are GPS jumps for a runner, m/s.
pub const MAX_SPEED_MPS: f64 = 10.0;
/// Changes of speed faster than this are GPS jumps, m/s².
pub const MAX_ACCEL_MPS2: f64 = 4.0;
/// A heart-rate change this large within [`HR_SPIKE_WINDOW_S`] is a spike, bpm.
pub const HR_SPIKE_BPM: f64 = 25.0;
/// Window of the spike test, s.
pub const HR_SPIKE_WINDOW_S: usize = 3;
/// Seconds dropped either side of a heart-rate spike.
pub const HR_SPIKE_PAD_S: usize = 10;

/// Mark `mask` true within `pad` seconds of every `hit`.
pub fn dilate(hit: &[bool], before: usize, after: usize) -> Vec<bool> {
    let n = hit.len();
    let mut out = vec![false; n];
    for (i, _) in hit.iter().enumerate().filter(|(_, m)| **m) {
        out[i.saturating_sub(before)..(i + after + 1).min(n)].fill(true);
    }
    out
}

/// Speeds a runner cannot reach, or reach within a second, are GPS jumps:
/// removed with 5 s either side. Returns the seconds removed.
pub(super) fn drop_gps_jumps(speed: &mut [Option<f64>]) -> f64 {
    let n = speed.len();
    let hit: Vec<bool> = (0..n)
        .map(|k| {
            let v = speed[k];
            let prev = k.checked_sub(1).and_then(|j| speed[j]);
            v.is_some_and(|v| v > MAX_SPEED_MPS)
                || matches!((prev, v), (Some(p), Some(v)) if (v - p).abs() > MAX_ACCEL_MPS2)
        })
        .collect();
    drop_marked(speed, &dilate(&hit, 5, 5))
}

/// Heart rate that jumps faster than a heart can is a sensor spike: removed
/// with [`HR_SPIKE_PAD_S`] either side. Returns the seconds removed.
pub(super) fn drop_hr_spikes(hr: &mut [Option<f64>]) -> f64 {
    let n = hr.len();
    let w = HR_SPIKE_WINDOW_S;
    let hit: Vec<bool> = (0..n)
        .map(|k| {
            matches!((hr[k.saturating_sub(w)], hr[k]), (Some(a), Some(b)) if (b - a).abs() >= HR_SPIKE_BPM)
        })
        .collect();
    drop_marked(hr, &dilate(&hit, HR_SPIKE_PAD_S + w, HR_SPIKE_PAD_S))
}

/// Empty the values where `bad`; returns how many had a value.
fn drop_marked(values: &mut [Option<f64>], bad: &[bool]) -> f64 {
    let mut dropped = 0.0;
    for (v, b) in values.iter_mut().zip(bad) {
        if *b && v.is_some() {
            *v = None;
            dropped += 1.0;
        }
    }
    dropped
}
