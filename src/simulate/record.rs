//! What a watch keeps of a run: which seconds become records, and where
//! auto-pause stopped the timer.
//!
//! * **Every second**: a record each second the timer runs.
//! * **Smart** (the default of most Garmin watches, and how the real
//!   exports in `../shared/realdata` were written): a record when speed or
//!   heart rate changed noticeably since the last one, else after an interval
//!   drawn anew each time from 2–8 s; median 3–5 s as in real exports.
//!
//! Both pause with **auto-pause**: when the runner stands still (speed below
//! [`AUTO_PAUSE_MPS`]) the timer stops and nothing is recorded until they
//! move again; the FIT file carries timer stop/start events.

use super::run::Trace;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Speed below which auto-pause stops the timer, m/s.
pub const AUTO_PAUSE_MPS: f64 = 0.5;
/// Change of speed since the last record that makes smart recording write one, m/s.
const SMART_SPEED_STEP: f64 = 0.4;
/// Change of heart rate since the last record that makes smart recording write one, bpm.
const SMART_HR_STEP: f64 = 5.0;

/// How the watch records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Recording {
    /// A record every 1–8 s, when something changed ("smart recording").
    #[default]
    Smart,
    /// A record every second.
    EverySecond,
}

/// The seconds a watch wrote records for, and its timer pauses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recorded {
    /// Seconds of the trace with a record, ascending.
    pub kept: Vec<usize>,
    /// Auto-pauses as `[stop, start)` seconds of the trace.
    pub pauses: Vec<(usize, usize)>,
}

/// Which seconds of `trace` the watch records in `mode`.
pub fn record(trace: &Trace, mode: Recording, rng: &mut ChaCha8Rng) -> Recorded {
    let n = trace.len();
    let mut out = Recorded::default();
    let mut paused_since: Option<usize> = None;
    let mut last: Option<usize> = None;
    let mut next_gap = 1;
    for i in 0..n {
        let standing = trace.speed_mps[i] < AUTO_PAUSE_MPS && i > 0 && i + 1 < n;
        match (standing, paused_since) {
            (true, None) => {
                paused_since = Some(i);
                continue;
            }
            (true, Some(_)) => continue,
            (false, Some(from)) => {
                out.pauses.push((from, i));
                paused_since = None;
                // The first record after a pause is always written.
                last = None;
            }
            (false, None) => {}
        }
        let write = match (mode, last) {
            (Recording::EverySecond, _) | (_, None) => true,
            (Recording::Smart, Some(j)) => {
                let changed = (trace.speed_mps[i] - trace.speed_mps[j]).abs() > SMART_SPEED_STEP
                    || matches!((trace.hr_bpm[i], trace.hr_bpm[j]), (Some(a), Some(b)) if (a - b).abs() >= SMART_HR_STEP);
                i + 1 == n || i - j >= next_gap || (changed && i - j >= 1)
            }
        };
        if write {
            out.kept.push(i);
            last = Some(i);
            next_gap = rng.gen_range(2..=8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn trace(speed: impl Fn(usize) -> f64, n: usize) -> Trace {
        Trace {
            speed_mps: (0..n).map(speed).collect(),
            distance_m: vec![0.0; n],
            hr_bpm: vec![Some(140.0); n],
            ..Default::default()
        }
    }

    #[test]
    fn smart_recording_keeps_a_record_every_two_to_eight_seconds() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let r = record(&trace(|_| 3.0, 3600), Recording::Smart, &mut rng);
        let gaps: Vec<usize> = r.kept.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.iter().all(|g| (1..=8).contains(g)), "{gaps:?}");
        let mut sorted = gaps.clone();
        sorted.sort();
        let median = sorted[sorted.len() / 2];
        assert!((3..=6).contains(&median), "median {median}");
        assert_eq!(*r.kept.last().unwrap(), 3599);
        let every = record(&trace(|_| 3.0, 100), Recording::EverySecond, &mut rng);
        assert_eq!(every.kept, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn standing_still_pauses_the_timer() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let t = trace(|i| if (600..660).contains(&i) { 0.0 } else { 3.0 }, 1200);
        let r = record(&t, Recording::EverySecond, &mut rng);
        assert_eq!(r.pauses, vec![(600, 660)]);
        assert_eq!(r.kept.len(), 1140);
        assert!(!r.kept.contains(&630) && r.kept.contains(&660));
    }
}
