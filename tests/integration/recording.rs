//! The analysis measures time, not records: one simulated run written every
//! second and the same run written with smart recording (a record every
//! 1–8 s) and auto-pause must give the same steady state and decoupling.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use runlift::analysis::form::decoupling;
use runlift::analysis::steady::{Prepared, prepare, select_prepared};
use runlift::analysis::timeline::Records;
use runlift::simulate::model::Athlete;
use runlift::simulate::plan::{Day, RunKind, RunPlan};
use runlift::simulate::record::{Recording, record};
use runlift::simulate::run::{Trace, simulate};

/// The records a watch in `mode` keeps of `trace`, prepared for analysis.
fn recorded(trace: &Trace, mode: Recording, rng: &mut ChaCha8Rng) -> (Prepared, usize) {
    let kept = record(trace, mode, rng).kept;
    let pick = |v: &[f64]| kept.iter().map(|&i| Some(v[i])).collect::<Vec<_>>();
    let t: Vec<f64> = kept.iter().map(|&i| i as f64).collect();
    let hr: Vec<Option<f64>> = kept.iter().map(|&i| trace.hr_bpm[i]).collect();
    let p = prepare(&Records {
        t_s: &t,
        speed: &pick(&trace.speed_mps),
        distance: &pick(&trace.distance_m),
        altitude: &pick(&trace.altitude_m),
        hr: &hr,
        cadence: &pick(&trace.cadence_spm),
        power: &[],
        chest_strap: false,
    })
    .expect("a run of over a minute");
    (p, kept.len())
}

#[test]
fn a_run_thinned_to_smart_recording_gives_the_same_steady_state() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    for seed in 1..=12u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let kind = if seed % 3 == 0 {
            RunKind::Long
        } else {
            RunKind::Easy
        };
        let plan = RunPlan {
            kind,
            start_local: date.and_hms_opt(7, 0, 0).unwrap(),
            minutes: if kind == RunKind::Long { 95.0 } else { 55.0 },
            easy_speed: 2.9 + 0.02 * seed as f64,
        };
        let day = Day {
            date,
            temperature_c: 10.0,
            economy: 1.0,
            offset_bpm: 0.0,
            runs: vec![plan.clone()],
            gym: None,
        };
        let trace = simulate(&Athlete::default(), &day, &plan, &mut rng);
        let (full, n_full) = recorded(&trace, Recording::EverySecond, &mut rng);
        let (thin, n_thin) = recorded(&trace, Recording::Smart, &mut rng);
        assert!(
            n_thin * 5 < n_full * 2,
            "seed {seed}: smart kept {n_thin} of {n_full} records"
        );
        let (a, b) = (select_prepared(&full), select_prepared(&thin));
        assert!(a.kept_s >= 1200.0, "seed {seed}: {} steady s", a.kept_s);
        let rel = |x: f64, y: f64| (x / y - 1.0).abs();
        assert!(
            rel(b.gap_mps, a.gap_mps) < 0.01,
            "seed {seed}: speed {:.3} vs {:.3}",
            b.gap_mps,
            a.gap_mps
        );
        assert!(
            rel(b.hr_bpm, a.hr_bpm) < 0.01,
            "seed {seed}: HR {:.1} vs {:.1}",
            b.hr_bpm,
            a.hr_bpm
        );
        assert!(
            rel(b.kept_s, a.kept_s) < 0.15,
            "seed {seed}: steady {} vs {} s",
            b.kept_s,
            a.kept_s
        );
        let (da, db) = (decoupling(&full), decoupling(&thin));
        if let (Some(da), Some(db)) = (da, db) {
            assert!(
                (da - db).abs() < 0.5,
                "seed {seed}: decoupling {db:.2} vs {da:.2}"
            );
        } else {
            assert_eq!(da.is_some(), db.is_some(), "seed {seed}");
        }
    }
}
