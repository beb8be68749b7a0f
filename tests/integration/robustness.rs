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
    let md = std::fs::read_to_string(out.join("latest/report.md")).unwrap();
    assert!(md.contains("truncated.fit"));
    assert!(
        md.contains("not known yet (counted as `other`): Zercher Carry"),
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
    let inputs = [
        std::fs::read(dir.path().join(fit)).unwrap(),
        std::fs::read(dir.path().join("gym/strong.csv")).unwrap(),
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for bytes in &inputs {
        for i in 0..150 {
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
