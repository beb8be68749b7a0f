//! Heart rate locked to cadence, told apart from a heart rate that is only
//! near the cadence, on simulated seasons whose truth says which runs
//! locked and for how long (`truth.json`'s `cadence_lock_s`): the lock's
//! seconds are caught, and a runner whose heart rate sits on their cadence
//! keeps their runs.

use crate::common::{LockTally, analyse_dir, json, sim_options};
use runlift::kinds::RunKind;
use runlift::simulate::{Recording, Scenario, SimOptions, simulate};

/// Over six 8-week control seasons with the cadence moved by `offset`
/// steps/min and the watch recording as `recording` says: the share of
/// simulated lock seconds flagged (runs with a lock), the share of running
/// seconds flagged in runs without one, and the share of easy and long runs
/// of 20 minutes or more that keep 10 steady minutes.
fn lock_check(offset: f64, recording: Recording) -> (f64, f64, f64) {
    let mut locks = LockTally::default();
    let (mut long_enough, mut steady) = (0, 0);
    for seed in 1..=6 {
        let dir = tempfile::tempdir().unwrap();
        simulate(&SimOptions {
            cadence_offset_spm: offset,
            recording,
            ..sim_options(dir.path(), Scenario::Control, 8, seed, "2026-03-02")
        })
        .unwrap();
        let truth = json(&dir.path().join("truth.json"));
        let a = analyse_dir(dir.path(), true);
        for r in &a.runs {
            locks.add(r, &truth);
            if matches!(r.kind, RunKind::Easy | RunKind::Long) && r.duration_s >= 1200.0 {
                long_enough += 1;
                steady += usize::from(r.steady.kept_s >= 600.0);
            }
        }
    }
    assert!(
        locks.locked_s > 1000.0,
        "too few simulated locks to judge: {} s",
        locks.locked_s
    );
    let (caught, flagged) = locks.shares();
    (caught, flagged, steady as f64 / long_enough as f64)
}

#[test]
fn locks_are_caught_and_a_heart_rate_near_the_cadence_is_kept() {
    for rec in [Recording::EverySecond, Recording::Smart] {
        // Cadence about 170, easy heart rate about 138; then the cadence
        // moved onto the heart rate.
        for offset in [0.0, -32.0] {
            let (caught, false_share, steady) = lock_check(offset, rec);
            eprintln!(
                "{rec:?}, cadence offset {offset}: {:.1} % of lock seconds caught, {:.2} % of other seconds flagged, {:.0} % of easy/long runs steady",
                100.0 * caught,
                100.0 * false_share,
                100.0 * steady
            );
            assert!(caught >= 0.90, "{rec:?} {offset}: caught {caught}");
            assert!(
                false_share < 0.02,
                "{rec:?} {offset}: flagged {false_share}"
            );
            assert!(steady >= 0.9, "{rec:?} {offset}: steady {steady}");
        }
    }
}
