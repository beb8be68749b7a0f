//! Tests of [`super`].

use super::*;

fn records(t: &[f64], v: &[f64], hr: &[f64]) -> Timeline {
    let mut d = 0.0;
    let mut dist = Vec::new();
    for i in 0..t.len() {
        if i > 0 {
            d += (v[i] + v[i - 1]) / 2.0 * (t[i] - t[i - 1]);
        }
        dist.push(Some(d));
    }
    let speed: Vec<Option<f64>> = v.iter().map(|&x| Some(x)).collect();
    let h: Vec<Option<f64>> = hr.iter().map(|&x| Some(x)).collect();
    let none = vec![None; t.len()];
    build(&Records {
        t_s: t,
        speed: &speed,
        distance: &dist,
        altitude: &none,
        hr: &h,
        cadence: &none,
        power: &[],
        chest_strap: false,
    })
    .unwrap()
}

#[test]
fn smart_records_are_interpolated_second_by_second() {
    let t = [0.0, 4.0, 10.0, 13.0];
    let tl = records(&t, &[3.0, 3.0, 3.0, 3.0], &[120.0, 124.0, 130.0, 133.0]);
    assert_eq!(tl.len(), 14);
    assert_eq!(tl.hr[2], Some(122.0));
    assert_eq!(tl.hr[7], Some(127.0));
    assert_eq!(tl.run_t[13], 13.0);
    assert_eq!(tl.quality.paused_s, 0.0);
}

#[test]
fn a_gap_without_distance_is_a_pause_and_not_running_time() {
    // Auto-pause: 60 s with no records and no distance covered.
    let mut tl_t = vec![0.0, 1.0, 2.0, 3.0];
    tl_t.extend([63.0, 64.0, 65.0]);
    let v = [3.0, 3.0, 3.0, 0.0, 0.0, 3.0, 3.0];
    let tl = records(&tl_t, &v, &[140.0; 7]);
    assert_eq!(tl.quality.paused_s, 60.0);
    assert!(tl.paused[30]);
    assert_eq!(tl.run_t[65], 5.0);
}

#[test]
fn heart_rate_on_some_records_only_is_interpolated_between_them() {
    // A GPX file with heart rate on every fourth point, a point a second.
    let t: Vec<f64> = (0..40).map(f64::from).collect();
    let mut d = 0.0;
    let dist: Vec<Option<f64>> = t
        .iter()
        .map(|_| {
            d += 3.0;
            Some(d)
        })
        .collect();
    let hr: Vec<Option<f64>> = (0..40)
        .map(|i| (i % 4 == 0).then_some(140.0 + i as f64))
        .collect();
    let none = vec![None; 40];
    let tl = build(&Records {
        t_s: &t,
        speed: &none,
        distance: &dist,
        altitude: &none,
        hr: &hr,
        cadence: &none,
        power: &[],
        chest_strap: false,
    })
    .unwrap();
    assert_eq!(tl.hr[2], Some(142.0));
    assert_eq!(tl.hr[36], Some(176.0));
    assert_eq!(tl.quality.hr_dropout_s, 3.0, "{:?}", tl.quality);
    assert!((tl.speed[10].unwrap() - 3.0).abs() < 1e-9);
}

#[test]
fn gps_jumps_and_hr_spikes_are_dropped_and_counted() {
    let t: Vec<f64> = (0..200).map(f64::from).collect();
    let mut v = vec![3.0; 200];
    v[100] = 25.0;
    let mut hr = vec![140.0; 200];
    hr[50] = 190.0;
    let tl = records(&t, &v, &hr);
    assert!(tl.speed[100].is_none() && tl.speed[90].is_some());
    assert!(tl.quality.gps_jump_s >= 11.0, "{:?}", tl.quality);
    assert!(tl.hr[50].is_none() && tl.hr[70].is_some());
    assert!(tl.quality.hr_spike_s >= 20.0, "{:?}", tl.quality);
}

#[test]
fn missing_or_disagreeing_speed_comes_from_distance() {
    let t: Vec<f64> = (0..300).map(|i| f64::from(i) * 2.0).collect();
    let dist: Vec<Option<f64>> = t.iter().map(|&x| Some(3.0 * x)).collect();
    // A speed field 40 % too high (a miscalibrated foot pod) is not used.
    let speed = vec![Some(4.2); 300];
    let none = vec![None; 300];
    let tl = build(&Records {
        t_s: &t,
        speed: &speed,
        distance: &dist,
        altitude: &none,
        hr: &none,
        cadence: &none,
        power: &[],
        chest_strap: false,
    })
    .unwrap();
    assert!((tl.speed[101].unwrap() - 3.0).abs() < 1e-9);
    assert!(tl.quality.speed_from_distance_s > 590.0);
}
