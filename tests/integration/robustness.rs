//! Bad input never stops the batch: broken and foreign files are logged
//! with their path and reason, and the report is still written.

use crate::common::{first_file, report, sim};
use runlift::simulate::Scenario;

#[test]
fn broken_files_are_logged_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 10, 2, "2026-01-05");
    let fit = first_file(&data, "easy.fit");
    let bytes = std::fs::read(data.join(&fit)).unwrap();
    let junk = data.join("junk");
    std::fs::create_dir_all(&junk).unwrap();
    std::fs::write(junk.join("truncated.fit"), &bytes[..5000]).unwrap();
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x55;
    std::fs::write(junk.join("flipped.fit"), &flipped).unwrap();
    std::fs::write(junk.join("empty.fit"), b"").unwrap();
    let mut garbage = bytes[..14].to_vec();
    garbage.extend(std::iter::repeat_n(0xEEu8, 300));
    std::fs::write(junk.join("garbage.fit"), &garbage).unwrap();
    std::fs::write(junk.join("notes.txt"), b"my training diary").unwrap();
    std::fs::write(junk.join("bad_rows.csv"), "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-02-01 10:00:00,A,Squat (Barbell),1,100,5\nnot a date,A,Squat (Barbell),2,100,5\n2026-02-01 10:00:00,A,Zercher Carry,1,60,5\n").unwrap();
    let out = dir.path().join("reports");
    let s = report(dir.path(), &data, &out, &[]);
    assert_eq!(s["ingest"]["failed"], 1, "{}", s["ingest"]); // garbage.fit
    assert_eq!(s["ingest"]["skipped"], 4, "{}", s["ingest"]); // empty, notes, runlift.toml, truth.json
    let log = std::fs::read_to_string(out.join("latest/ingest.csv")).unwrap();
    let line = |name: &str| {
        log.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not logged"))
            .to_string()
    };
    // Damaged files keep their sound part, with a warning naming the damage.
    assert!(
        line("truncated.fit").contains(",ok,") && line("truncated.fit").contains("damaged at byte")
    );
    assert!(line("flipped.fit").contains(",ok,") && line("flipped.fit").contains("CRC"));
    assert!(line("garbage.fit").contains("failed"));
    assert!(
        line("bad_rows.csv").contains("row 3"),
        "{}",
        line("bad_rows.csv")
    );
    assert!(line("notes.txt").contains("skipped"));
    assert!(
        line("empty.fit").contains("skipped") && line("empty.fit").contains("empty file (0 bytes)"),
        "{}",
        line("empty.fit")
    );
    let md = std::fs::read_to_string(out.join("latest/report.md")).unwrap();
    assert!(md.contains("truncated.fit"));
    assert!(
        md.contains("not known yet (counted as other): Zercher Carry"),
        "unknown names listed"
    );
    assert_eq!(
        s["strength"]["unknown_exercises"],
        serde_json::json!(["Zercher Carry"])
    );
    // The rest of the batch is all there: every simulated run, and an estimate from them.
    assert!(s["runs"]["total"].as_u64().unwrap() >= 45, "{}", s["runs"]);
    assert!(
        s["effort"]["speed_at_reference_hr"]["change_pct"].is_number(),
        "{}",
        s["effort"]
    );
}

#[test]
fn truncated_and_bit_flipped_inputs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    sim(dir.path(), Scenario::Strength, 8, 6, "2026-01-05");
    let ctx = runlift::ingest::ReadContext {
        timezone: chrono_tz::UTC,
        ..Default::default()
    };
    let fit = first_file(dir.path(), ".fit");
    let csv = |s: &str| s.as_bytes().to_vec();
    let inputs = [
        std::fs::read(dir.path().join(fit)).unwrap(),
        std::fs::read(dir.path().join("gym/strong.csv")).unwrap(),
        csv(
            "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n\
             2017-06-23,Squat,Legs,225.0,5,,,\n2017-06-23,Plank,Abs,0.0,,,,0:01:00\n",
        ),
        csv(
            "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Avg Run Cadence,Avg Run Cadence\n\
             Running,2022-07-12 14:38:08,false,\"Run\",\"9.73\",\"747\",\"01:03:58\",\"138\",\"163\",\"0\"\n\
             Pool Swimming,2022-11-16 08:14:07,false,\"Swim\",\"1,000\",\"205\",\"00:26:06\",\"--\",\"0\",\"0\"\n",
        ),
        csv(
            "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Elapsed Time,Distance,Perceived Exertion\n\
             1,\"Jan 4, 2020, 2:57:37 PM\",Run,Run,\"two\nlines\",1509,5.01,activities/1.fit.gz,1509,5005.2,6\n",
        ),
        csv(
            "Name,Sport,Date,Start time,Duration,Total distance (km),Average heart rate (bpm),\n\
             Hana,RUNNING,06.09.2015,10:01:07,02:16:08,21.34,160,\n\
             Sample rate,Time,HR (bpm),Speed (km/h),Cadence,Altitude (m),Distances (m),Temperatures (C),\n\
             1,00:00:00,111,5.4,,213,4.33,24.9,\n,00:00:01,0,7.2,80,213,5.90,24.9,\n",
        ),
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/gpx/garmin_v2_bom.gpx"),
        )
        .unwrap(),
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for bytes in &inputs {
        for i in 0..100 {
            let mut b = bytes.clone();
            if i % 2 == 0 {
                b.truncate((next() as usize) % bytes.len());
            } else {
                for _ in 0..1 + next() % 8 {
                    let at = (next() as usize) % b.len();
                    b[at] ^= 1 << (next() % 8);
                }
            }
            // Reading returns an outcome; a panic inside a reader would be reported as a crash.
            let o = runlift::ingest::read_bytes(std::path::Path::new("fuzz.bin"), &b, &ctx);
            assert!(
                !o.message.as_deref().unwrap_or("").contains("crashed"),
                "reader crashed on case {i}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_a_failed_file_and_a_link_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Control, 4, 14, "2026-03-02");
    let on_disk = crate::common::files(&data)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "fit"))
        .count();
    std::os::unix::fs::symlink("/nonexistent/run.fit", data.join("runs/gone.fit")).unwrap();
    std::os::unix::fs::symlink("..", data.join("runs/loop")).unwrap();
    let o = crate::common::runlift(
        dir.path(),
        &["report", "--data", "data", "--out", "reports"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let log = std::fs::read_to_string(dir.path().join("reports/latest/ingest.csv")).unwrap();
    let gone: Vec<&str> = log.lines().filter(|l| l.contains("gone.fit")).collect();
    assert_eq!(gone.len(), 1);
    assert!(
        gone[0].contains(",failed,") && gone[0].contains("No such file"),
        "{}",
        gone[0]
    );
    // The loop adds nothing: every run file is listed once.
    let fits = log.lines().filter(|l| l.contains(".fit,")).count();
    assert_eq!(fits, on_disk + 1);
}
