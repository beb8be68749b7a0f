//! Apple Health's export, unzipped (`export.xml` beside `workout-routes/`)
//! and as the `export.zip` the phone shares: an outdoor run with a route
//! and heart-rate records, a treadmill run whose distance comes from the
//! watch's distance records (the phone's are left out), and a strength
//! workout without sets.

use crate::common;
use runlift::ingest::{FileOutcome, ReadContext, Status, read_bytes, read_path};
use std::io::Write;
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apple_health")
}

fn ctx() -> ReadContext {
    ReadContext::default()
}

/// The fixture folder as Health's `export.zip`.
fn zipped() -> Vec<u8> {
    zipped_with(&[])
}

/// The fixture folder zipped, with `extra` (name, content) files beside it.
fn zipped_with(extra: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    for f in common::files(&folder()) {
        z.start_file(f.to_string_lossy(), opts).unwrap();
        z.write_all(&std::fs::read(folder().join(&f)).unwrap())
            .unwrap();
    }
    for (name, text) in extra {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

fn check(o: &FileOutcome) {
    assert_eq!(
        (o.format.name(), o.status),
        ("apple_health", Status::Ok),
        "{:?}",
        o.message
    );
    let [run, treadmill, gym] = &o.decoded.activities[..] else {
        panic!("3 workouts expected: {:?}", o.decoded.activities.len())
    };
    assert!(o.decoded.warnings.is_empty(), "{:?}", o.decoded.warnings);

    assert_eq!(
        (run.meta.sport.as_str(), run.meta.sub_sport.as_deref()),
        ("running", None)
    );
    assert_eq!(
        run.meta.start_utc.unwrap().to_rfc3339(),
        "2026-03-05T06:00:00+00:00"
    );
    // The offset is the one the phone wrote, whatever zone is configured.
    assert_eq!(run.meta.utc_offset_min, Some(60));
    assert_eq!(
        (run.meta.duration_s, run.meta.distance_m),
        (Some(30.0), Some(80.0))
    );
    assert_eq!(run.meta.device.as_deref(), Some("Anna’s Apple Watch"));
    // Route points at 0, 15 and 30 s; heart-rate records at 5 and 15 s
    // (the one at 06:50, before the run, is not part of it).
    let s = &run.samples;
    assert_eq!(s.t_s, vec![0.0, 5.0, 15.0, 30.0]);
    assert_eq!(s.hr_bpm, vec![None, Some(120.0), Some(130.0), None]);
    assert_eq!(s.speed_mps, vec![Some(2.6), None, Some(2.7), Some(2.7)]);
    let d: Vec<f64> = s
        .distance_m
        .iter()
        .map(|d| d.unwrap_or(-1.0).round())
        .collect();
    assert_eq!(d, vec![0.0, -1.0, 40.0, 80.0]);
    assert_eq!(run.meta.avg_hr, Some(125.0));

    assert_eq!(treadmill.meta.sub_sport.as_deref(), Some("treadmill"));
    assert_eq!(
        (treadmill.meta.distance_m, treadmill.meta.avg_hr),
        (Some(185.0), Some(142.0))
    );
    let s = &treadmill.samples;
    assert_eq!(s.t_s, vec![30.0, 60.0]);
    assert_eq!(s.distance_m, vec![Some(90.0), Some(185.0)]);
    assert_eq!(s.hr_bpm, vec![Some(140.0), Some(144.0)]);

    assert_eq!(gym.meta.sport, "training");
    assert_eq!(gym.meta.sub_sport.as_deref(), Some("strength_training"));
    assert_eq!(
        (gym.meta.duration_s, gym.meta.avg_hr),
        (Some(2700.0), Some(112.0))
    );
    assert_eq!(gym.samples.t_s, vec![600.0]);
}

#[test]
fn the_unzipped_export_reads_workouts_records_and_routes() {
    check(&read_path(
        &folder().join("apple_health_export/export.xml"),
        &ctx(),
    ));
}

#[test]
fn a_large_unzipped_export_is_streamed_from_disk() {
    // Years of step counts before the workouts make the file over 20 MB.
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("apple_health_export");
    std::fs::create_dir_all(export.join("workout-routes")).unwrap();
    let route = "workout-routes/route_2026-03-05_7.00am.gpx";
    let src = folder().join("apple_health_export");
    std::fs::copy(src.join(route), export.join(route)).unwrap();
    let xml = std::fs::read_to_string(src.join("export.xml")).unwrap();
    let steps = "<Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Anna’s iPhone\" unit=\"count\" creationDate=\"2024-01-01 10:00:00 +0100\" startDate=\"2024-01-01 09:59:00 +0100\" endDate=\"2024-01-01 10:00:00 +0100\" value=\"57\"/>\n";
    let xml = xml.replacen(
        " <ExportDate",
        &format!("{} <ExportDate", steps.repeat(120_000)),
        1,
    );
    assert!(xml.len() > 20 << 20, "{}", xml.len());
    std::fs::write(export.join("export.xml"), xml).unwrap();
    let path = export.join("export.xml");
    assert!(runlift::ingest::Content::of(&path).unwrap().is_streamed());
    check(&read_path(&path, &ctx()));
}

#[test]
fn the_shared_zip_is_one_export_read_as_a_stream() {
    let o = read_bytes(Path::new("export.zip"), &zipped(), &ctx());
    check(&o);
    assert!(
        o.members.is_empty(),
        "the routes are read with their workouts"
    );
}

#[test]
fn a_zip_holding_the_export_beside_other_files_is_read_member_by_member() {
    // A runner zips the whole exports folder: the gym log beside the
    // Health export must be read too.
    let strong = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-03-07 10:00:00,Legs,Squat (Barbell),1,100,5\n";
    let bytes = zipped_with(&[("strong.csv", strong)]);
    let o = read_bytes(Path::new("exports.zip"), &bytes, &ctx());
    assert_eq!(o.format.name(), "zip");
    let all = o.flatten();
    let health = all
        .iter()
        .find(|m| m.format.name() == "apple_health")
        .unwrap();
    assert_eq!(health.decoded.activities.len(), 3);
    // Its route is a member of the zip, not a file beside it: the run keeps
    // its heart rate, and the log says the route was not found.
    assert!(
        health.decoded.warnings[0].contains("route"),
        "{:?}",
        health.decoded.warnings
    );
    let strong = all.iter().find(|m| m.format.name() == "strong").unwrap();
    assert_eq!(strong.decoded.sets[0].weight_kg, Some(100.0));
}

#[test]
fn an_unzipped_export_counts_each_run_once_and_the_gym_session_as_unlogged() {
    // The route files are found by the folder walk as well; the duplicate
    // check keeps the workout with its heart rate.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("export.zip"), zipped()).unwrap();
    let out = dir.path().join("reports");
    let summary = common::report(dir.path(), &folder(), &out, &[]);
    assert_eq!(summary["runs"]["total"], 2, "{summary:#}");
    assert_eq!(summary["ingest"]["duplicates"], 1, "{summary:#}");
    assert_eq!(summary["strength"]["kinds"]["unlogged"], 1, "{summary:#}");
    let summary = common::report(dir.path(), &data, &dir.path().join("r2"), &[]);
    assert_eq!(summary["runs"]["total"], 2, "{summary:#}");
}

#[test]
fn a_broken_export_names_the_file_and_offset() {
    let o = read_bytes(
        Path::new("export.xml"),
        b"<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData []>\n<HealthData><Workout startDate=\"x\"></Record></HealthData>",
        &ctx(),
    );
    assert_eq!(o.status, Status::Failed);
    let msg = o.message.unwrap();
    assert!(
        msg.contains("export.xml") && msg.contains("at byte"),
        "{msg}"
    );
}
