//! The command line as a user meets it: help, exit codes, `inspect`, the
//! report folder and its determinism.

use crate::common::{files, first_file, runlift, sim};
use runlift::simulate::Scenario;
use std::io::Write;

#[test]
fn help_lists_every_command_and_each_works() {
    let dir = tempfile::tempdir().unwrap();
    let o = runlift(dir.path(), &["--help"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for cmd in ["report", "ingest", "simulate", "inspect"] {
        assert!(text.contains(cmd), "{text}");
        assert!(runlift(dir.path(), &[cmd, "--help"]).status.success());
    }
}

#[test]
fn bad_settings_fail_with_a_message_and_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = runlift(
        dir.path(),
        &["report", "--data", ".", "--timezone", "Mars/Base"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Mars/Base"));
    let o = runlift(dir.path(), &["report", "--data", "does-not-exist"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does-not-exist"));
    let o = runlift(
        dir.path(),
        &["simulate", "--scenario", "tapering", "--out", "x"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("tapering"));
    let o = runlift(dir.path(), &["report", "--data", ".", "--jobs", "0"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("'0'") && err.contains("--jobs") && err.contains("zero"),
        "{err}"
    );
    let o = runlift(
        dir.path(),
        &["report", "--data", ".", "--units", "furlongs"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("furlongs") && err.contains("metric, imperial"),
        "{err}"
    );
    let o = runlift(
        dir.path(),
        &["ingest", ".", "--gym-default-time", "evening"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("'evening' is not HH:MM"));
}

#[test]
fn one_decoding_thread_gives_the_same_rows_as_the_default() {
    let dir = tempfile::tempdir().unwrap();
    sim(
        &dir.path().join("data"),
        Scenario::Control,
        4,
        12,
        "2026-03-02",
    );
    let counts = |out: &str, jobs: &[&str]| {
        let mut args = vec!["ingest", "data", "--out", out];
        args.extend_from_slice(jobs);
        let o = runlift(dir.path(), &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8_lossy(&o.stdout).to_string();
        text.lines()
            .find(|l| l.contains(" samples, "))
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string()
    };
    let one = counts("one", &["--jobs", "1"]);
    assert!(
        one.contains(" activities, ") && !one.starts_with("0 "),
        "{one}"
    );
    assert_eq!(one, counts("default", &[]));
}

#[test]
fn inspect_json_for_fit_csv_container_broken_and_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    sim(&data, Scenario::Strength, 8, 1, "2026-01-05");
    let fit = first_file(&data, "easy.fit");
    let fit = data.join(fit);
    let inspect = |path: &std::path::Path| {
        let o = runlift(dir.path(), &["inspect", "--json", path.to_str().unwrap()]);
        (
            o.status.code(),
            serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap(),
        )
    };
    let (code, v) = inspect(&fit);
    assert_eq!(code, Some(0));
    assert_eq!(v["format"], "fit");
    assert_eq!(v["status"], "ok");
    assert!(v["error"].is_null());
    assert_eq!(v["activities"], 1);
    assert_eq!(v["sessions"][0]["sport"], "running");
    assert_eq!(v["sessions"][0]["sub_sport"], "generic");
    let records = v["records"].as_u64().unwrap();
    assert_eq!(v["sessions"][0]["records"].as_u64().unwrap(), records);
    // A run of at least 30 minutes, smart-recorded: a record every 1–8 s.
    assert!(records > 220, "{records}");
    assert_eq!(v["warnings"], serde_json::json!([]));

    let (code, v) = inspect(&data.join("gym/strong.csv"));
    assert_eq!(code, Some(0));
    assert_eq!(v["format"], "strong");
    assert!(v["sets"].as_u64().unwrap() > 20 * v["strength_sessions"].as_u64().unwrap() / 2);

    // A .fit.gz as Strava writes it: one member, counts summed.
    let gz_path = dir.path().join("run.fit.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&std::fs::read(&fit).unwrap()).unwrap();
    std::fs::write(&gz_path, gz.finish().unwrap()).unwrap();
    let (code, v) = inspect(&gz_path);
    assert_eq!(code, Some(0));
    assert_eq!(v["format"], "gzip");
    assert_eq!(v["records"].as_u64().unwrap(), records);
    assert_eq!(v["members"][0]["format"], "fit");

    // A run cut off half-way (the watch died): the sound first half is kept, with a warning.
    let bytes = std::fs::read(&fit).unwrap();
    let cut = dir.path().join("cut.fit");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let (code, v) = inspect(&cut);
    assert_eq!(code, Some(0));
    assert_eq!(v["status"], "ok");
    let kept = v["records"].as_u64().unwrap();
    assert!(
        kept > records / 3 && kept < records,
        "kept {kept} of {records}"
    );
    let warning = v["warnings"][0].as_str().unwrap();
    assert!(warning.contains("damaged at byte"), "{warning}");

    // Nothing sound left: an error naming the file, exit 1.
    let tiny = dir.path().join("tiny.fit");
    std::fs::write(&tiny, &bytes[..40]).unwrap();
    let (code, v) = inspect(&tiny);
    assert_eq!(code, Some(1));
    assert_eq!(v["status"], "error");
    assert!(
        v["error"].as_str().unwrap().contains("tiny.fit"),
        "{}",
        v["error"]
    );

    // Not a workout export: skipped, exit 3.
    let (code, v) = inspect(&data.join("runlift.toml"));
    assert_eq!(code, Some(3));
    assert_eq!(
        (v["format"].as_str(), v["status"].as_str()),
        (Some("unknown"), Some("skipped"))
    );
}

#[test]
fn report_folder_latest_link_and_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 12, 5, "2026-01-05");
    let (r1, r2) = (dir.path().join("r1"), dir.path().join("r2"));
    for r in [&r1, &r2] {
        let o = runlift(
            dir.path(),
            &["report", "--data", "data", "--out", r.to_str().unwrap()],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let line = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(
            line.contains("files:") && line.contains("0 failed"),
            "{line}"
        );
    }
    // 12 weeks from 2026-01-05 end in ISO week 2026-W13.
    let week = r1.join("2026-W13");
    assert!(week.is_dir());
    assert_eq!(
        std::fs::read_link(r1.join("latest")).unwrap(),
        std::path::PathBuf::from("2026-W13")
    );
    let list = files(&week);
    for name in [
        "summary.json",
        "report.md",
        "ingest.csv",
        "pace_at_reference_hr.png",
        "hr_at_reference_pace.png",
        "weekly_training.png",
        "tables/runs.csv",
        "tables/strength_sessions.csv",
        "tables/weeks.csv",
    ] {
        assert!(list.contains(&name.into()), "missing {name}");
    }
    for rel in &list {
        assert_eq!(
            std::fs::read(week.join(rel)).unwrap(),
            std::fs::read(r2.join("2026-W13").join(rel)).unwrap(),
            "{rel:?} differs"
        );
    }
    // PNGs are 1600×900 (IHDR width and height).
    let png = std::fs::read(week.join("pace_at_reference_hr.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1600);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 900);
    // No staging folders are left behind: the week, `latest` and the store.
    let mut names: Vec<_> = std::fs::read_dir(&r1)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, [".store", "2026-W13", "latest"]);
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    sim(dir.path(), Scenario::Control, 4, 1, "2026-01-05");
    let fit = first_file(dir.path(), ".fit");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(["inspect", "--json", fit.to_str().unwrap()])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before runlift has written anything (`| head`).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("panicked") && stderr.is_empty(),
        "{stderr}"
    );
}
