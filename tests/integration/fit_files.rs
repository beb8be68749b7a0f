//! The simulator's FIT files are valid FIT that fitparser reads back: CRCs,
//! records written as smart recording with auto-pause, the athlete's
//! stated heart rates, sport and the local-time offset across a DST change.

use crate::common::{files, sim};
use fitparser::Value;
use fitparser::profile::MesgNum;
use runlift::fit::crc16;
use runlift::ingest::ReadContext;
use runlift::simulate::Scenario;
use runlift::simulate::gymfit::{WatchSet, strength_fit};
use std::path::Path;

#[test]
fn simulated_fit_files_decode_with_counts_crc_sport_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    // Six weeks from 2026-03-02 cross the switch to summer time on 2026-03-29.
    sim(dir.path(), Scenario::Strength, 6, 11, "2026-03-02");
    let runs: Vec<_> = files(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "fit"))
        .collect();
    assert!(runs.len() >= 25, "{} runs", runs.len());
    let (mut winter, mut summer) = (0, 0);
    for rel in &runs {
        let bytes = std::fs::read(dir.path().join(rel)).unwrap();
        // Header CRC over bytes 0..12, file CRC over everything: both check to zero.
        assert_eq!(crc16(0, &bytes[..14]), 0, "{rel:?} header CRC");
        assert_eq!(crc16(0, &bytes), 0, "{rel:?} file CRC");
        let messages = fitparser::from_bytes(&bytes).unwrap();
        let records = messages
            .iter()
            .filter(|m| m.kind() == MesgNum::Record)
            .count();
        let session = messages
            .iter()
            .find(|m| m.kind() == MesgNum::Session)
            .unwrap();
        let field = |name: &str| {
            session
                .fields()
                .iter()
                .find(|f| f.name() == name)
                .unwrap()
                .value()
                .clone()
        };
        assert_eq!(field("sport"), Value::String("running".into()));
        let (Value::Float64(elapsed), Value::Float64(timer)) =
            (field("total_elapsed_time"), field("total_timer_time"))
        else {
            panic!("elapsed and timer time")
        };
        // Smart recording: a record every 1–8 s of running time.
        assert!(
            records as f64 * 2.0 < timer && records as f64 * 9.0 > timer,
            "{rel:?}: {records} records in {timer} s"
        );
        assert!(timer <= elapsed, "{rel:?}");
        // A longer gap between records is an auto-pause, between a timer stop and start.
        let at = |m: &fitparser::FitDataRecord| {
            m.fields()
                .iter()
                .find(|f| f.name() == "timestamp")
                .map(|f| match f.value() {
                    Value::Timestamp(t) => t.timestamp(),
                    _ => 0,
                })
        };
        let stops: Vec<i64> = (messages.iter())
            .filter(|m| m.kind() == MesgNum::Event)
            .filter(|m| {
                m.fields()
                    .iter()
                    .any(|f| f.name() == "event_type" && f.value().to_string() == "stop_all")
            })
            .filter_map(at)
            .collect();
        let times: Vec<i64> = (messages.iter())
            .filter(|m| m.kind() == MesgNum::Record)
            .filter_map(at)
            .collect();
        for w in times.windows(2).filter(|w| w[1] - w[0] > 8) {
            assert!(
                stops.iter().any(|s| (w[0]..w[1]).contains(s)),
                "{rel:?}: a {} s gap without a timer stop",
                w[1] - w[0]
            );
        }
        let stated = messages
            .iter()
            .find(|m| m.kind() == MesgNum::UserProfile)
            .map(|m| {
                m.fields()
                    .iter()
                    .map(|f| (f.name().to_string(), f.value().to_string()))
                    .collect::<Vec<_>>()
            });
        let stated = stated.expect("a user_profile message");
        assert!(
            stated.contains(&("resting_heart_rate".into(), "48".into())),
            "{stated:?}"
        );
        assert!(
            stated.contains(&("default_max_heart_rate".into(), "188".into())),
            "{stated:?}"
        );
        // The reader's offset comes from activity.local_timestamp.
        let decoded = runlift::ingest::fit::read(
            rel,
            &bytes,
            &runlift::ingest::ReadContext {
                timezone: chrono_tz::UTC,
                ..Default::default()
            },
        )
        .unwrap();
        let offset = decoded.activities[0].meta.utc_offset_min.unwrap();
        let name = rel.file_name().unwrap().to_string_lossy().to_string();
        if name.as_str() < "2026-03-29" {
            assert_eq!(offset, 60, "{name}");
            winter += 1;
        } else {
            assert_eq!(offset, 120, "{name}");
            summer += 1;
        }
    }
    assert!(winter > 5 && summer > 5);
}

#[test]
fn local_offset_does_not_depend_on_the_machine_zone() {
    let dir = tempfile::tempdir().unwrap();
    sim(dir.path(), Scenario::Control, 4, 2, "2026-06-01");
    let fit = files(dir.path())
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "fit"))
        .unwrap();
    let path = dir.path().join(fit);
    for tz in ["America/New_York", "Asia/Tokyo", "UTC"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_runlift"))
            .args(["inspect", "--json", path.to_str().unwrap()])
            .env("TZ", tz)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["sessions"][0]["utc_offset_min"], 120, "machine zone {tz}");
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    sim(a.path(), Scenario::Strength, 5, 7, "2026-01-05");
    sim(b.path(), Scenario::Strength, 5, 7, "2026-01-05");
    sim(c.path(), Scenario::Strength, 5, 8, "2026-01-05");
    let list = files(a.path());
    assert_eq!(list, files(b.path()));
    for rel in &list {
        assert_eq!(
            std::fs::read(a.path().join(rel)).unwrap(),
            std::fs::read(b.path().join(rel)).unwrap(),
            "{rel:?}"
        );
    }
    let truth = |d: &std::path::Path| std::fs::read(d.join("truth.json")).unwrap();
    assert_ne!(truth(a.path()), truth(c.path()));
}

#[test]
fn garmin_sdk_reads_the_files_when_installed() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import garmin_fit_sdk"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "skipped: Garmin's FIT SDK for Python is not installed (pip install garmin-fit-sdk)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    sim(dir.path(), Scenario::Strength, 4, 5, "2026-01-05");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/check_fit_sdk.py");
    let out = std::process::Command::new("python3")
        .args([script, dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains(" 0 bad"), "{text}");
}

/// A FIT file whose record definition declares a 16-bit field 3 bytes long
/// (a maker's bug seen in real files), with valid CRCs.
fn misaligned_fit() -> Vec<u8> {
    let mut data = vec![0x40, 0, 0, 20, 0, 3]; // definition: local 0, record, 3 fields
    // timestamp, heart_rate, speed declared 3 bytes: the base-type byte of speed is byte 28.
    data.extend([253, 4, 0x86, 3, 1, 0x02, 6, 3, 0x84]);
    for (t, hr) in [(1_000_000_000u32, 120u8), (1_000_000_001, 121)] {
        data.push(0x00);
        data.extend(t.to_le_bytes());
        data.extend([hr, 0x10, 0x0E, 0x00]);
    }
    let mut bytes = vec![14, 0x20, 0x08, 0x08];
    bytes.extend((data.len() as u32).to_le_bytes());
    bytes.extend(b".FIT");
    bytes.extend([0, 0]); // a header CRC of 0 means "not set"
    bytes.extend(&data);
    let crc = crc16(0, &bytes);
    bytes.extend(crc.to_le_bytes());
    bytes
}

#[test]
fn a_misaligned_field_definition_is_logged_not_printed_by_the_decoder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("coros.fit"), misaligned_fit()).unwrap();
    let o = crate::common::runlift(dir.path(), &["inspect", "--json", "coros.fit"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "",
        "the decoder printed"
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["records"], 2);
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains("1 field definitions (at bytes 28)"),
        "{warnings}"
    );
    assert!(warnings.contains("read as raw bytes"), "{warnings}");
}

/// A watch's strength workout as the simulator writes it (FIT `set` messages).
#[test]
fn strength_session_sets_use_start_time_and_drop_rest_sets() {
    let t0 = 1_100_000_000; // FIT seconds
    let set = |active, reps, kg, category| WatchSet {
        active,
        reps,
        kg,
        category,
    };
    let sets = [
        set(true, 5, 100.0, 28),
        set(false, 0, 0.0, 28),
        set(true, 8, 60.0, 17),
    ];
    let bytes = strength_fit(t0, 900, 120, &sets);
    let ctx = ReadContext::default();
    let d = runlift::ingest::fit::read(Path::new("gym.fit"), &bytes, &ctx).unwrap();
    assert_eq!(d.activities.len(), 1);
    assert_eq!(d.activities[0].meta.sport, "training");
    assert_eq!(d.activities[0].meta.avg_hr, Some(120.0));
    assert_eq!(d.sets.len(), 2, "the rest set is dropped");
    assert_eq!(d.sets[0].exercise_raw, "squat");
    assert_eq!(
        (d.sets[0].reps, d.sets[0].weight_kg),
        (Some(5.0), Some(100.0))
    );
    assert_eq!(d.sets[1].exercise_raw, "lunge");
    assert_eq!(d.sets[1].duration_s, Some(45.0));
    // All sets carry the session's start, so they form one session.
    assert_eq!(d.sets[0].start_utc, d.sets[1].start_utc);
}
