//! TCX files as apps write them: Strava's export with spaces before
//! `<?xml` and the activity extension under an `ns3` prefix and without
//! one; a file with a ride and a treadmill run that has laps only; gzip.

use crate::common;
use runlift::ingest::{ReadContext, Status, read_bytes, read_path};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::fixture("tcx", name)
}

fn ctx() -> ReadContext {
    common::copenhagen()
}

#[test]
fn strava_tcx_with_leading_spaces_gives_a_run_with_its_extension_values() {
    let o = read_path(&fixture("strava_leading_spaces.tcx"), &ctx());
    assert_eq!(
        (o.format.name(), o.status),
        ("tcx", Status::Ok),
        "{:?}",
        o.message
    );
    assert_eq!(o.decoded.activities.len(), 1);
    let a = &o.decoded.activities[0];
    assert_eq!(a.meta.sport, "running");
    assert_eq!(a.meta.device.as_deref(), Some("Forerunner 255"));
    assert_eq!(
        a.meta.start_utc.unwrap().to_rfc3339(),
        "2026-03-02T06:30:00+00:00"
    );
    assert_eq!(a.meta.utc_offset_min, Some(60));
    // Both laps' points are one activity; the file's distances are kept.
    assert_eq!(a.samples.t_s, vec![0.0, 5.0, 10.0]);
    assert_eq!(
        a.samples.distance_m,
        vec![Some(0.0), Some(14.6), Some(30.0)]
    );
    assert_eq!(a.samples.speed_mps, vec![Some(2.9), Some(3.0), Some(3.1)]);
    assert_eq!(
        a.samples.hr_bpm,
        vec![Some(128.0), Some(132.0), Some(134.0)]
    );
    // RunCadence is per foot; the tables hold steps per minute.
    assert_eq!(
        a.samples.cadence_spm,
        vec![Some(168.0), Some(172.0), Some(174.0)]
    );
    assert_eq!(a.samples.altitude_m[1], Some(12.4));
    // The laps' totals: 10 + 5 s, 30 + 15.4 m.
    assert_eq!(a.meta.distance_m, Some(45.4));
    assert_eq!(a.meta.duration_s, Some(10.0));
    assert!((a.meta.avg_hr.unwrap() - 131.333).abs() < 0.01);
}

#[test]
fn a_ride_and_a_run_with_laps_only_are_two_activities() {
    let o = read_path(&fixture("two_activities.tcx"), &ctx());
    assert_eq!(o.status, Status::Ok, "{:?}", o.message);
    let [ride, run] = &o.decoded.activities[..] else {
        panic!(
            "two activities expected, got {}",
            o.decoded.activities.len()
        )
    };
    assert_eq!(ride.meta.sport, "cycling");
    // A ride's cadence is revolutions per minute, not doubled.
    assert_eq!(ride.samples.cadence_spm, vec![Some(80.0), Some(82.0)]);
    assert_eq!(ride.meta.duration_s, Some(1800.0));
    assert_eq!(run.meta.sport, "running");
    assert!(run.samples.is_empty());
    assert_eq!(
        run.meta.start_utc.unwrap().to_rfc3339(),
        "2026-03-04T06:00:00+00:00"
    );
    assert_eq!(
        (run.meta.duration_s, run.meta.distance_m),
        (Some(1500.0), Some(5000.0))
    );
}

#[test]
fn gzipped_and_broken_tcx() {
    let bytes = std::fs::read(fixture("strava_leading_spaces.tcx")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    let o = read_bytes(Path::new("run.tcx.gz"), &gz.finish().unwrap(), &ctx());
    let m = &o.members[0];
    assert_eq!((m.format.name(), m.decoded.activities.len()), ("tcx", 1));
    assert_eq!(m.decoded.activities[0].samples.len(), 3);

    let cut = &bytes[..bytes.len() / 2];
    let mut broken = cut.to_vec();
    broken.extend_from_slice(b"</Foo>");
    let o = read_bytes(Path::new("cut.tcx"), &broken, &ctx());
    assert_eq!(o.status, Status::Failed);
    let msg = o.message.unwrap();
    assert!(
        msg.contains("cut.tcx") && msg.contains("broken TCX at byte"),
        "{msg}"
    );

    let empty =
        b"<?xml version=\"1.0\"?><TrainingCenterDatabase><Activities/></TrainingCenterDatabase>";
    let o = read_bytes(Path::new("none.tcx"), empty, &ctx());
    assert_eq!(o.status, Status::Skipped);
}
