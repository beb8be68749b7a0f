//! Duplicates across sources: the watch's FIT files, a Strava bulk export of
//! the same runs (gzipped copies plus `activities.csv` rows with perceived
//! exertion), cumulative gym-app exports, and a watch recording of a gym
//! session that the app also logged.

use crate::common::{files, sim};
use runlift::ingest::{ReadContext, read_path};
use runlift::pipeline::{IngestOptions, ingest};
use runlift::schema::{activities as a, ingest_log as l, strength_sets as st};
use runlift::simulate::Scenario;
use runlift::simulate::gymfit::{WatchSet, strength_fit};
use runlift::tables::{f64s, i64s, strs};
use std::io::Write;
use std::path::Path;

fn run_ingest(root: &Path, store: &Path) -> runlift::pipeline::Ingested {
    let opts = IngestOptions {
        store: store.to_path_buf(),
        rebuild: false,
        progress: false,
        exclude: vec![],
    };
    let ctx = ReadContext {
        timezone: chrono_tz::Europe::Copenhagen,
        ..Default::default()
    };
    ingest(&[root.to_path_buf()], &ctx, &opts).unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn a_strava_export_of_the_watch_runs_adds_no_activity_and_brings_its_rpe() {
    let dir = tempfile::tempdir().unwrap();
    let watch = dir.path().join("garmin");
    sim(&watch, Scenario::Control, 4, 8, "2026-03-02");
    let strava = dir.path().join("strava");
    std::fs::create_dir_all(strava.join("activities")).unwrap();
    let mut csv = String::from(
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,\
         Elapsed Time,Distance,Filename,Elapsed Time,Distance,Perceived Exertion\n",
    );
    let fits: Vec<_> = (files(&watch).into_iter())
        .filter(|p| p.extension().is_some_and(|e| e == "fit"))
        .collect();
    let mut expected_rpe = Vec::new();
    for (i, rel) in fits.iter().enumerate() {
        let bytes = std::fs::read(watch.join(rel)).unwrap();
        let name = format!("activities/{i}.fit.gz");
        std::fs::write(strava.join(&name), gzip(&bytes)).unwrap();
        let meta = &read_path(&watch.join(rel), &ReadContext::default())
            .decoded
            .activities[0]
            .meta;
        // Strava's date is UTC in its English layout, rounded to the second.
        let date = meta.start_utc.unwrap().format("%b %-d, %Y, %-I:%M:%S %p");
        let (secs, m) = (meta.duration_s.unwrap().round(), meta.distance_m.unwrap());
        let rpe = if i % 2 == 0 { "4" } else { "" };
        // The watch's own RPE (the simulator asks after some runs) wins over Strava's.
        expected_rpe.push(meta.rpe.or((i % 2 == 0).then_some(4.0)));
        csv += &format!(
            "{i},\"{date}\",Run,Run,\"easy\nsecond line\",{secs},{:.2},{name},{secs},{m:.1},{rpe}\n",
            m / 1000.0
        );
    }
    // A run Strava has as GPX: the file (with samples) is kept, its row is
    // a duplicate that brings its perceived exertion.
    csv += "999,\"Mar 1, 2026, 7:00:00 AM\",Run,Run,,1800,5.0,activities/999.gpx,1800,5000,5\n";
    let points: String = (0..=30)
        .map(|m| {
            let lat = 55.0 + f64::from(m) * 5000.0 / 30.0 / 111_195.0;
            format!(
                "<trkpt lat=\"{lat:.7}\" lon=\"12.0\"><time>2026-03-01T07:{m:02}:00Z</time></trkpt>"
            )
        })
        .collect();
    std::fs::write(
        strava.join("activities/999.gpx"),
        format!("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><trk><type>9</type><trkseg>{points}</trkseg></trk></gpx>"),
    )
    .unwrap();
    std::fs::write(strava.join("activities.csv"), csv).unwrap();

    let got = run_ingest(dir.path(), &dir.path().join("store"));
    let t = &got.tables;
    let formats = strs(&t.activities, a::SOURCE_FORMAT).unwrap();
    assert_eq!(t.activities.height(), fits.len() + 1);
    assert_eq!(
        formats
            .iter()
            .filter(|f| f.as_deref() == Some("fit"))
            .count(),
        fits.len()
    );
    let paths = strs(&t.activities, a::FILE).unwrap();
    assert!(
        paths
            .iter()
            .flatten()
            .filter(|p| p.contains("garmin"))
            .count()
            == fits.len()
    );
    // Half the rows had an RPE of 4; kept FIT activities without their own now carry it.
    let rpe = f64s(&t.activities, a::RPE).unwrap();
    let mut want = expected_rpe.clone();
    want.push(Some(5.0)); // the GPX-only row
    let (mut got_sorted, mut want_sorted) = (rpe.clone(), want);
    let key = |r: &Option<f64>| r.map_or(-1.0, |x| x);
    got_sorted.sort_by(|x, y| key(x).total_cmp(&key(y)));
    want_sorted.sort_by(|x, y| key(x).total_cmp(&key(y)));
    assert_eq!(got_sorted, want_sorted);
    assert!(expected_rpe.iter().filter(|r| **r == Some(4.0)).count() >= 3);
    // Every gzipped copy is a duplicate, and so is activities.csv (each of
    // its rows came from a FIT or the GPX file); counts add up.
    assert_eq!(got.counts.duplicates, fits.len() + 1, "{:?}", got.counts);
    assert_eq!(got.counts.ok, fits.len() + 1, "{:?}", got.counts);
    let log_paths = strs(&t.ingest_log, l::PATH).unwrap();
    let msgs = strs(&t.ingest_log, l::MESSAGE).unwrap();
    let gpx = log_paths
        .iter()
        .position(|p| p.as_deref().is_some_and(|p| p.ends_with(".gpx")))
        .unwrap();
    assert_eq!(
        formats
            .iter()
            .filter(|f| f.as_deref() == Some("gpx"))
            .count(),
        1
    );
    assert_eq!(msgs[gpx].as_deref(), Some(""), "the GPX copy is kept");
    let list = log_paths
        .iter()
        .position(|p| p.as_deref().is_some_and(|p| p.ends_with("activities.csv")))
        .unwrap();
    assert!(
        msgs[list].as_deref().unwrap().contains("kept that copy"),
        "{:?}",
        msgs[list]
    );
    // One run, one set of samples.
    let ids = strs(&t.activities, a::ACTIVITY_ID).unwrap();
    let n0 = t.samples.rows_of(ids[0].as_deref().unwrap());
    let kept: std::collections::BTreeSet<&str> = ids.iter().flatten().map(String::as_str).collect();
    let kept_rows: usize = kept.iter().map(|id| t.samples.rows_of(id)).sum();
    assert_eq!(
        t.samples.rows(),
        kept_rows,
        "only the kept copies' samples are left"
    );
    assert_eq!(
        n0,
        read_path(&watch.join(&fits[0]), &ReadContext::default())
            .decoded
            .activities[0]
            .samples
            .len()
    );
}

const STRONG_HEAD: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n";

fn strong_session(date: &str, kg: f64) -> String {
    (1..=3)
        .map(|i| format!("{date},\"Legs\",50m,\"Squat (Barbell)\",{i},{kg},5,0,0,,,8\n"))
        .collect()
}

#[test]
fn gym_exports_overlap_and_the_watch_recording_merges_with_the_app_log() {
    let dir = tempfile::tempdir().unwrap();
    let gym = dir.path().join("gym");
    std::fs::create_dir_all(&gym).unwrap();
    let (a1, b1, c1) = (
        strong_session("2026-03-24 18:00:00", 100.0),
        strong_session("2026-03-26 18:00:00", 102.5),
        strong_session("2026-03-31 18:00:00", 105.0),
    );
    // Strong exports the whole history each time: the second export repeats the first.
    std::fs::write(gym.join("strong-1.csv"), format!("{STRONG_HEAD}{a1}{b1}")).unwrap();
    std::fs::write(
        gym.join("strong-2.csv"),
        format!("{STRONG_HEAD}{a1}{b1}{c1}"),
    )
    .unwrap();
    // The watch recorded the 31 March session (summer time: 18:02 local is 16:02 UTC).
    let start = chrono::DateTime::parse_from_rfc3339("2026-03-31T16:02:00Z")
        .unwrap()
        .timestamp()
        - runlift::fit::FIT_EPOCH_OFFSET;
    let sets = [WatchSet {
        active: true,
        reps: 5,
        kg: 105.0,
        category: 28,
    }; 3];
    std::fs::write(gym.join("watch.fit"), strength_fit(start, 2700, 118, &sets)).unwrap();

    let got = run_ingest(dir.path(), &dir.path().join("store"));
    let t = &got.tables;
    assert_eq!(t.strength_sets.height(), 9, "three sessions of three sets");
    let names = strs(&t.strength_sets, st::EXERCISE_RAW).unwrap();
    assert!(
        names
            .iter()
            .all(|n| n.as_deref() == Some("Squat (Barbell)")),
        "{names:?}"
    );
    let files_of_sets = strs(&t.strength_sets, st::FILE).unwrap();
    assert!(
        files_of_sets
            .iter()
            .all(|f| f.as_deref().unwrap().ends_with("strong-2.csv"))
    );
    // The app's session got the watch's start; the others keep the app's (DST-aware) time.
    let starts = i64s(&t.strength_sets, st::START_UTC).unwrap();
    let utc = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .timestamp_millis()
    };
    assert_eq!(starts[0], Some(utc("2026-03-24T17:00:00Z")));
    assert_eq!(starts[8], Some(utc("2026-03-31T16:02:00Z")));
    // Moving the times keeps the column an instant in UTC.
    let utc_type = polars::prelude::DataType::Datetime(
        polars::prelude::TimeUnit::Milliseconds,
        Some(polars::prelude::TimeZone::UTC),
    );
    assert_eq!(
        t.strength_sets.column(st::START_UTC).unwrap().dtype(),
        &utc_type
    );
    // The watch's activity stays, with its heart rate.
    assert_eq!(t.activities.height(), 1);
    assert_eq!(f64s(&t.activities, a::AVG_HR).unwrap(), vec![Some(118.0)]);
    let log = strs(&t.ingest_log, l::MESSAGE)
        .unwrap()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        log.contains("also in") && log.contains("strong-2.csv: kept that copy"),
        "{log}"
    );
    assert!(
        log.contains("kept the app's sets with this file's time"),
        "{log}"
    );
    assert_eq!(
        got.counts.duplicates, 1,
        "strong-1.csv adds nothing: {:?}",
        got.counts
    );
}

/// A run's copy as GPX, TCX and an Apple Health workout, written from what
/// its FIT file decodes to (positions walk north by the run's distance).
fn copies(meta: &runlift::ingest::ActivityMeta, s: &runlift::ingest::SampleCols) -> [String; 3] {
    let start = meta.start_utc.unwrap();
    let at = |t: f64| (start + chrono::Duration::milliseconds((t * 1000.0) as i64)).to_rfc3339();
    let (mut gpx, mut tcx) = (String::new(), String::new());
    for i in (0..s.len()).step_by(5) {
        let (Some(d), Some(hr)) = (s.distance_m[i], s.hr_bpm[i]) else {
            continue;
        };
        let lat = 55.0 + d / 111_195.0;
        gpx += &format!(
            "<trkpt lat=\"{lat:.7}\" lon=\"12.0\"><time>{}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr:.0}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>",
            at(s.t_s[i])
        );
        tcx += &format!(
            "<Trackpoint><Time>{}</Time><DistanceMeters>{d:.1}</DistanceMeters><HeartRateBpm><Value>{hr:.0}</Value></HeartRateBpm></Trackpoint>",
            at(s.t_s[i])
        );
    }
    let gpx = format!(
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"StravaGPX\" xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\"><trk><type>running</type><trkseg>{gpx}</trkseg></trk></gpx>"
    );
    let tcx = format!(
        "  <?xml version=\"1.0\"?>\n<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Id>{}</Id><Lap StartTime=\"{}\"><Track>{tcx}</Track></Lap></Activity></Activities></TrainingCenterDatabase>",
        at(0.0),
        at(0.0)
    );
    let date = |t: f64| {
        let local = start + chrono::Duration::milliseconds((t * 1000.0) as i64);
        local
            .with_timezone(&chrono_tz::Europe::Copenhagen)
            .format("%Y-%m-%d %H:%M:%S %z")
            .to_string()
    };
    let end = meta.duration_s.unwrap();
    let apple = format!(
        "<Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"{:.2}\" durationUnit=\"min\" totalDistance=\"{:.3}\" totalDistanceUnit=\"km\" sourceName=\"Watch\" startDate=\"{}\" endDate=\"{}\"/>\n",
        end / 60.0,
        meta.distance_m.unwrap() / 1000.0,
        date(0.0),
        date(end)
    );
    [gpx, tcx, apple]
}

#[test]
fn a_run_as_fit_strava_gpx_tcx_and_an_apple_workout_is_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let watch = dir.path().join("garmin");
    sim(&watch, Scenario::Control, 4, 9, "2026-03-02");
    let fits: Vec<_> = (files(&watch).into_iter())
        .filter(|p| p.extension().is_some_and(|e| e == "fit"))
        .take(3)
        .collect();
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    let mut workouts = String::new();
    for (i, rel) in fits.iter().enumerate() {
        let o = read_path(&watch.join(rel), &ReadContext::default());
        let a = &o.decoded.activities[0];
        let [gpx, tcx, apple] = copies(&a.meta, &a.samples);
        std::fs::write(other.join(format!("{i}.gpx")), gpx).unwrap();
        std::fs::write(other.join(format!("{i}.tcx")), tcx).unwrap();
        workouts += &apple;
    }
    std::fs::write(
        other.join("export.xml"),
        format!("<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n]>\n<HealthData locale=\"en\">\n{workouts}</HealthData>\n"),
    )
    .unwrap();
    // Only the three runs copied: the rest of the season is left out.
    for rel in files(&watch).iter().filter(|p| !fits.contains(p)) {
        std::fs::remove_file(watch.join(rel)).unwrap();
    }
    let got = run_ingest(dir.path(), &dir.path().join("store"));
    let formats = strs(&got.tables.activities, a::SOURCE_FORMAT).unwrap();
    assert_eq!(
        formats,
        vec![Some("fit".to_string()); 3],
        "the FIT copy of each run is kept"
    );
    // Three GPX, three TCX files and the export: all duplicates.
    assert_eq!(got.counts.duplicates, 7, "{:?}", got.counts);
}
