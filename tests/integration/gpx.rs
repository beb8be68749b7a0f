//! GPX files as apps write them: Garmin's TrackPointExtension v2 under an
//! `ns3` prefix after a byte-order mark and blank lines, Cluetrust's
//! `gpxdata` without an activity type, Strava's numbered types, gzip.

use crate::common;
use runlift::ingest::{ReadContext, Status, read_bytes, read_path};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::fixture("gpx", name)
}

fn ctx() -> ReadContext {
    common::copenhagen()
}

#[test]
fn garmin_v2_with_a_byte_order_mark_gives_a_run_with_heart_rate_cadence_and_temperature() {
    let o = read_path(&fixture("garmin_v2_bom.gpx"), &ctx());
    assert_eq!(
        (o.format.name(), o.status),
        ("gpx", Status::Ok),
        "{:?}",
        o.message
    );
    let a = &o.decoded.activities[0];
    assert_eq!(a.meta.sport, "running");
    assert_eq!(
        a.meta.start_utc.unwrap().to_rfc3339(),
        "2026-03-01T07:00:00+00:00"
    );
    assert_eq!(a.meta.utc_offset_min, Some(60));
    assert_eq!(a.samples.t_s, vec![0.0, 4.0, 8.0]);
    // 0.0001° of latitude is 11.1 m; a heart rate of 0 is missing.
    let d = a.samples.distance_m[2].unwrap();
    assert!((d - 22.24).abs() < 0.05, "{d}");
    assert_eq!(a.samples.hr_bpm, vec![Some(120.0), Some(124.0), None]);
    // Strides per minute in the file, steps per minute in the tables.
    assert_eq!(a.samples.cadence_spm[0], Some(164.0));
    assert_eq!(a.samples.temperature_c[2], Some(9.0));
    assert_eq!(a.samples.altitude_m[1], Some(10.5));
    assert_eq!(a.meta.avg_hr, Some(122.0));
    assert!(o.decoded.warnings.is_empty(), "{:?}", o.decoded.warnings);
}

#[test]
fn gpxdata_without_a_type_is_guessed_from_its_speed_and_segments_are_one_track() {
    let o = read_path(&fixture("gpxdata_no_type.gpx"), &ctx());
    let a = &o.decoded.activities[0];
    // 11 m in 4 s is 2.8 m/s: a run, and the log says it was guessed.
    assert_eq!(a.meta.sport, "running");
    assert!(
        o.decoded.warnings[0].contains("running guessed"),
        "{:?}",
        o.decoded.warnings
    );
    assert_eq!(a.samples.t_s, vec![0.0, 4.0, 64.0]);
    assert_eq!(a.samples.hr_bpm[1], Some(152.0));
    assert_eq!(a.samples.cadence_spm[0], Some(170.0));
    assert_eq!(a.samples.temperature_c[0], Some(27.5));
    assert_eq!(a.meta.duration_s, Some(64.0));
}

#[test]
fn strava_numbered_types_and_gzip_are_read() {
    let bytes = std::fs::read(fixture("strava_v1.gpx")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    let o = read_bytes(Path::new("ride.gpx.gz"), &gz.finish().unwrap(), &ctx());
    assert_eq!(o.format.name(), "gzip");
    let m = &o.members[0];
    assert_eq!(m.path, PathBuf::from("ride.gpx.gz!ride.gpx"));
    let a = &m.decoded.activities[0];
    assert_eq!(a.meta.sport, "cycling");
    // Cadence of a ride is per crank turn, not doubled (none here).
    assert_eq!(a.samples.hr_bpm, vec![Some(101.0), Some(103.0)]);
    assert!((a.meta.distance_m.unwrap() - 111.2).abs() < 0.5);
}

#[test]
fn a_gpx_without_track_points_is_skipped_and_broken_xml_fails_with_its_offset() {
    let route = b"<?xml version=\"1.0\"?><gpx version=\"1.1\"><rte><rtept lat=\"1\" lon=\"2\"/></rte></gpx>";
    let o = read_bytes(Path::new("route.gpx"), route, &ctx());
    assert_eq!(o.status, Status::Skipped, "{:?}", o.message);
    let broken = b"<?xml version=\"1.0\"?><gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2026-01-01T00:00:00Z</time></trkseg></gpx>";
    let o = read_bytes(Path::new("broken.gpx"), broken, &ctx());
    assert_eq!(o.status, Status::Failed);
    let msg = o.message.unwrap();
    assert!(msg.contains("broken.gpx") && msg.contains("byte"), "{msg}");
}

#[test]
fn every_running_type_garmin_connect_and_strava_write_is_a_run() {
    let garmin = std::fs::read_to_string(fixture("garmin_v2_bom.gpx")).unwrap();
    for (kind, sub) in [
        ("track_running", Some("track")),
        ("trail_running", Some("trail")),
        ("street_running", Some("street")),
        ("treadmill_running", Some("treadmill")),
        ("TrailRun", Some("trail")),
        ("9", None),
    ] {
        let bytes = garmin.replace("<type>running</type>", &format!("<type>{kind}</type>"));
        let o = read_bytes(Path::new("run.gpx"), bytes.as_bytes(), &ctx());
        let a = &o.decoded.activities[0];
        assert_eq!(
            (a.meta.sport.as_str(), a.meta.sub_sport.as_deref()),
            ("running", sub),
            "{kind}"
        );
    }
}
