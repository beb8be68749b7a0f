//! Tests of [`super`].

use super::*;

fn run(n: usize, speed: impl Fn(usize) -> f64, hr: impl Fn(usize) -> f64) -> Steady {
    select_prepared(&synthetic(n, speed, hr, |_| 170.0))
}

#[test]
fn steady_run_keeps_minutes_10_to_60() {
    let s = run(3000, |_| 3.0, |_| 140.0);
    assert_eq!(s.kept_s, 2400.0); // t = 600 … 2999
    assert!((s.gap_mps - 3.0).abs() < 1e-9 && (s.hr_bpm - 140.0).abs() < 1e-9);
    assert!(!s.quality);
}

#[test]
fn hr_locked_to_cadence_is_dropped() {
    // The sensor copies a cadence that moves ±3 steps a minute from second to second.
    let cadence = |i: usize| 170.0 + [0.0, 2.0, -2.0, 1.0, -1.0, 3.0, -3.0][i % 7];
    let s = select_prepared(&synthetic(
        3000,
        |_| 3.0,
        |i| {
            if (1500..1700).contains(&i) {
                cadence(i)
            } else {
                140.0
            }
        },
        cadence,
    ));
    assert!((s.hr_bpm - 140.0).abs() < 1e-9, "{}", s.hr_bpm);
    // The lock's onset and end are 30 bpm jumps within a second: spikes
    // too. The 200 s lock goes, with at most a window's margin beside it.
    let q = s.signal;
    assert!(q.hr_spike_s > 0.0, "{q:?}");
    assert!(
        (200.0..=260.0).contains(&(q.hr_cadence_lock_s + q.hr_spike_s)),
        "{q:?}"
    );
}

/// Speed of 3-minute repeats with 2-minute jogs after 15 minutes.
fn repeats(i: usize) -> f64 {
    if i > 900 && (i - 900) % 300 < 180 {
        4.3
    } else {
        2.8
    }
}

#[test]
fn intervals_are_quality_and_stops_cost_recovery_time() {
    // Heart rate follows the repeats, 40 s behind.
    let s = run(3000, repeats, |i| {
        120.0 + 12.0 * repeats(i.saturating_sub(40))
    });
    assert!(s.quality);
    let s = run(
        3000,
        |i| if (1200..1260).contains(&i) { 0.0 } else { 3.0 },
        |_| 140.0,
    );
    assert!(s.kept_s < 2400.0 - 150.0, "{}", s.kept_s);
}

#[test]
fn speed_that_heart_rate_does_not_follow_is_not_a_workout() {
    // The same speeds, but heart rate flat (hills the altitude missed) or
    // moving against the speed (slow on the climbs, heart rate up).
    assert!(!run(3000, repeats, |_| 150.0).quality);
    assert!(!run(3000, repeats, |i| 200.0 - 12.0 * repeats(i)).quality);
}

#[test]
fn a_city_run_with_traffic_stops_is_not_a_workout() {
    // Six 45 s stops; heart rate falls while standing and climbs back after.
    let stopped = |i: usize| (1200..2900).contains(&i) && (i - 1200) % 300 < 45;
    let since_stop = |i: usize| if i >= 1200 { (i - 1200) % 300 } else { 999 };
    let hr = |i: usize| match since_stop(i) {
        s if s < 45 => 140.0 - 0.5 * s as f64,
        s if s < 105 => 118.0 + 22.0 * (s - 45) as f64 / 60.0,
        _ => 140.0,
    };
    let s = run(3000, |i| if stopped(i) { 0.0 } else { 3.0 }, hr);
    assert!(!s.quality);
    assert!(s.kept_s > 600.0, "{}", s.kept_s);
}

#[test]
fn smart_recording_and_pauses_are_measured_in_time() {
    // The steady run above, recorded every 4 s, with a 3-minute auto-pause at 30:00.
    let t: Vec<f64> = (0..3000 / 4)
        .map(|k| f64::from(k) * 4.0)
        .map(|t| if t >= 1800.0 { t + 180.0 } else { t })
        .collect();
    let n = t.len();
    let v = vec![Some(3.0); n];
    let d: Vec<Option<f64>> = (0..n).map(|k| Some(12.0 * k as f64)).collect();
    let h = vec![Some(140.0); n];
    let c = vec![Some(170.0); n];
    let alt = vec![Some(10.0); n];
    let p = prepare(&Records {
        t_s: &t,
        speed: &v,
        distance: &d,
        altitude: &alt,
        hr: &h,
        cadence: &c,
        power: &[],
        chest_strap: false,
    })
    .unwrap();
    let s = select_prepared(&p);
    // From the last record before the pause (29:56) to the first after it.
    assert_eq!(s.signal.paused_s, 184.0);
    // 10–50 min of running time, less 2 minutes of recovery after the pause.
    assert!((2150.0..=2300.0).contains(&s.kept_s), "{}", s.kept_s);
    assert!((s.gap_mps - 3.0).abs() < 1e-9);
}

#[test]
fn every_running_second_is_kept_or_dropped_for_one_reason() {
    let s = run(
        3000,
        |i| if (1200..1260).contains(&i) { 0.0 } else { 3.0 },
        |i| {
            if (2000..2100).contains(&i) {
                f64::NAN
            } else {
                140.0
            }
        },
    );
    let d = s.dropped;
    let total =
        s.kept_s + d.stopped_s + d.lock_s + d.no_hr_s + d.settling_s + d.no_speed_s + d.unsteady_s;
    assert_eq!(total, 3000.0, "{d:?}");
    // The 10-minute warm-up and the 2 minutes after the stop, less the 20 s
    // of speeding up that count as the stop's.
    assert!((690.0..=710.0).contains(&d.settling_s), "{d:?}");
    assert!((90.0..=120.0).contains(&d.stopped_s), "{d:?}");
    // 100 s without heart rate, give or take the edge of interpolation.
    assert!((100.0..=102.0).contains(&d.no_hr_s), "{d:?}");
}
