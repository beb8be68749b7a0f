//! The incremental store as the weekly job uses it: a second run decodes
//! nothing, a changed file is decoded again, a removed file drops out, a
//! killed run leaves a usable store, and a second run on a busy store is
//! refused.

use crate::common::{first_file, run_ok, runlift, sim};
use runlift::simulate::Scenario;
use std::path::Path;
use std::process::{Command, Stdio};

/// `runlift ingest DATA --out OUT`; returns stdout.
fn ingest(data: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "ingest",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run_ok(data, &args)
}

/// (activities, samples, strength sets, decoded, unchanged) from `runlift ingest` output.
fn numbers(stdout: &str) -> [usize; 5] {
    let line = stdout
        .lines()
        .find(|l| l.contains("activities,"))
        .unwrap_or_else(|| panic!("no counts in {stdout}"));
    let nums: Vec<usize> = line
        .split([' ', ',', ';'])
        .filter_map(|w| w.parse().ok())
        .collect();
    nums[..5].try_into().unwrap()
}

#[test]
fn second_run_decodes_nothing_changed_files_are_redecoded_removed_files_drop_out() {
    let dir = tempfile::tempdir().unwrap();
    let (data, out) = (dir.path().join("data"), dir.path().join("reports"));
    sim(&data, Scenario::Strength, 6, 3, "2026-03-02");
    let first = numbers(&ingest(&data, &out, &[]));
    let files = first[3];
    assert!(
        first[0] > 20 && first[1] > 10_000 && first[2] > 20,
        "{first:?}"
    );
    assert_eq!(first[4], 0);
    // Unchanged: nothing decoded, the same rows.
    let second = numbers(&ingest(&data, &out, &[]));
    assert_eq!(second, [first[0], first[1], first[2], 0, files]);
    // Touched but the same bytes: still nothing decoded.
    let gym = data.join(first_file(&data, "strong.csv"));
    let text = std::fs::read_to_string(&gym).unwrap();
    std::fs::write(&gym, &text).unwrap();
    assert_eq!(numbers(&ingest(&data, &out, &[]))[3], 0);
    // Changed: the gym log loses its last set and is decoded again.
    let cut = text.trim_end().rsplit_once('\n').unwrap().0.to_string() + "\n";
    std::fs::write(&gym, cut).unwrap();
    let changed = numbers(&ingest(&data, &out, &[]));
    assert_eq!(changed[3], 1);
    assert_eq!(changed[2], first[2] - 1);
    // Removed: its activity and samples disappear.
    let run = data.join(first_file(&data, ".fit"));
    std::fs::remove_file(&run).unwrap();
    let removed = numbers(&ingest(&data, &out, &[]));
    assert_eq!(removed[0], first[0] - 1);
    assert!(removed[1] < first[1]);
    assert_eq!(removed[3], 0);
    // --rebuild reads everything again and gives the same rows.
    let rebuilt = numbers(&ingest(&data, &out, &["--rebuild"]));
    assert_eq!(rebuilt[..3], removed[..3]);
    assert_eq!(rebuilt[3], files - 1);
}

#[test]
fn warm_report_is_byte_identical_to_a_cold_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 8, 4, "2026-03-02");
    let (cold, warm) = (dir.path().join("cold"), dir.path().join("warm"));
    // The third run reads nothing and renders from the store's rows only.
    for (out, force) in [(&cold, false), (&warm, false), (&warm, true)] {
        let mut args = vec!["report", "--data", "data", "--out", out.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let o = runlift(dir.path(), &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let decoded = String::from_utf8_lossy(&o.stdout).contains("\n0 files decoded");
        assert_eq!(decoded, force);
    }
    for name in [
        "summary.json",
        "report.md",
        "ingest.csv",
        "tables/runs.csv",
        "weekly_training.png",
    ] {
        assert_eq!(
            std::fs::read(cold.join("latest").join(name)).unwrap(),
            std::fs::read(warm.join("latest").join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn a_killed_run_leaves_a_usable_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 16, 5, "2026-03-02");
    let reference = numbers(&ingest(&data, &dir.path().join("ref"), &[]));
    let out = dir.path().join("reports");
    // Kill runs at several points of their work, as fractions of how long a
    // whole run takes here; each next run must still be right.
    let started = std::time::Instant::now();
    ingest(&data, &dir.path().join("timed"), &["--rebuild"]);
    let whole_ms = started.elapsed().as_millis() as u64;
    let mut interrupted = 0;
    for delay_ms in [2, 15, 35, 60, 85].map(|pct| 1 + whole_ms * pct / 100) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_runlift"))
            .args(["ingest", data.to_str().unwrap(), "--rebuild", "--out"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let after = numbers(&ingest(&data, &out, &[]));
        assert_eq!(after[..3], reference[..3], "killed after {delay_ms} ms");
        assert_eq!(after[3] + after[4], reference[3]);
    }
    // Otherwise every run finished before its kill and nothing was tested.
    assert!(
        interrupted >= 3,
        "only {interrupted} runs were still going when killed"
    );
    // Nothing but the manifest, the lock and one live segment remains.
    let left: Vec<String> = std::fs::read_dir(out.join(".store"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("seg-") || n.starts_with(".tmp"))
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn a_second_run_on_a_busy_store_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Control, 4, 6, "2026-03-02");
    let store = dir.path().join("reports/.store");
    std::fs::create_dir_all(&store).unwrap();
    let lock = std::fs::File::create(store.join("lock")).unwrap();
    lock.lock().unwrap();
    let o = runlift(
        dir.path(),
        &["report", "--data", "data", "--out", "reports"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("another runlift run is using this store"),
        "{err}"
    );
    assert!(!dir.path().join("reports/latest").exists());
    lock.unlock().unwrap();
    let o = runlift(
        dir.path(),
        &["report", "--data", "data", "--out", "reports"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn without_a_terminal_progress_is_one_plain_line_and_the_summary_counts_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Control, 4, 9, "2026-03-02");
    std::fs::write(data.join("notes.txt"), "not an export").unwrap();
    let o = runlift(
        dir.path(),
        &["report", "--data", "data", "--out", "reports"],
    );
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{err}");
    let n = crate::common::files(&data).len();
    assert_eq!(
        err.trim(),
        format!("reading {n} new or changed files (0 unchanged, from the store)")
    );
    let week = std::fs::read_link(dir.path().join("reports/latest")).unwrap();
    let summary = format!(
        "{n} files: {} ok, 0 duplicates, 3 skipped, 0 failed (see reports/{}/ingest.csv)",
        n - 3,
        week.display()
    );
    assert!(out.lines().any(|l| l == summary), "{out}");
    // Nothing new: no progress line at all.
    let o = runlift(
        dir.path(),
        &["report", "--data", "data", "--out", "reports"],
    );
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(&format!("0 files decoded, {n} unchanged"))
    );
}

#[test]
fn an_up_to_date_report_is_not_rendered_again_unless_inputs_settings_or_force_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Control, 4, 10, "2026-03-02");
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "--data", "data", "--out", "reports"];
        args.extend_from_slice(extra);
        let o = runlift(dir.path(), &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).contains("report up to date")
    };
    let summary = dir.path().join("reports/latest/summary.json");
    assert!(!report(&[]));
    let built = std::fs::metadata(&summary).unwrap().modified().unwrap();
    assert!(report(&[]), "same inputs and settings");
    assert_eq!(
        std::fs::metadata(&summary).unwrap().modified().unwrap(),
        built
    );
    assert!(!report(&["--force"]));
    assert!(!report(&["--units", "imperial"]), "a setting changed");
    assert!(report(&["--units", "imperial"]));
    std::fs::copy(
        data.join(first_file(&data, ".fit")),
        data.join("runs/copy-of-first.fit.bak"),
    )
    .unwrap();
    assert!(!report(&["--units", "imperial"]), "a new file");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("reports/latest/built_from.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["ingest"]["duplicates"], 1);
}

/// Segment folders in the store folder `store`.
fn segments_in(store: &Path) -> usize {
    (std::fs::read_dir(store).unwrap())
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with("seg-")
        })
        .count()
}

#[test]
fn segments_are_compacted_when_they_pile_up() {
    let dir = tempfile::tempdir().unwrap();
    let (data, out) = (dir.path().join("data"), dir.path().join("reports"));
    sim(&data, Scenario::Control, 4, 13, "2026-03-02");
    let first = numbers(&ingest(&data, &out, &[]));
    // Each run adds one new file, so each run writes one more segment; one
    // of them is an exact copy of a run, whose samples are stored once.
    for i in 0..12 {
        if i == 3 {
            let run = data.join(first_file(&data, ".fit"));
            std::fs::copy(run, data.join("copy-of-a-run.fit")).unwrap();
        } else {
            std::fs::write(data.join(format!("note-{i}.txt")), format!("week {i}")).unwrap();
        }
        let now = numbers(&ingest(&data, &out, &[]));
        assert_eq!(now[..3], first[..3], "run {i}");
        assert_eq!(now[3], 1, "run {i}: only the new file is decoded");
        let segments = segments_in(&out.join(".store"));
        assert!((1..=8).contains(&segments), "run {i}: {segments} segments");
    }
    // The same paths as `ingest` above, so the store's files are the same.
    let (data_arg, out_arg) = (data.to_str().unwrap(), out.to_str().unwrap());
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "--data", data_arg, "--out", out_arg];
        args.extend_from_slice(extra);
        run_ok(dir.path(), &args);
    };
    // A report whose own run compacts the store reads the samples from the
    // new segment (the old ones are deleted by then).
    let segments = || segments_in(&out.join(".store"));
    let mut compacted_by_report = false;
    for i in 0..9 {
        let before = segments();
        std::fs::write(data.join(format!("late-{i}.txt")), "more").unwrap();
        report(&[]);
        if segments() < before {
            compacted_by_report = true;
            break;
        }
    }
    assert!(compacted_by_report, "no report run compacted the store");
    // Every run's metrics from the compacted store are those of a fresh read.
    let runs_csv = |extra: &[&str]| {
        report(extra);
        std::fs::read_to_string(out.join("latest/tables/runs.csv")).unwrap()
    };
    let compacted = runs_csv(&["--force"]);
    assert!(compacted.lines().count() > 15, "{compacted}");
    assert_eq!(compacted, runs_csv(&["--force", "--rebuild"]));
}
