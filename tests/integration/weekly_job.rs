//! The weekly job exactly as the README shows it: its cron line, run by
//! `sh` with a bare `PATH` and `HOME` set to a folder holding the binary
//! where `cargo install` puts it and a simulated season in `~/exports`.

use crate::common::{json, sim};
use runlift::simulate::Scenario;
use std::path::Path;
use std::process::Command;

/// The command of the README's cron line (after its five time fields).
fn cron_command() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let line = (readme.lines())
        .find(|l| l.starts_with("0 6 * * 1 "))
        .expect("the README shows a cron line for Monday 06:00");
    line["0 6 * * 1 ".len()..].trim().to_string()
}

fn run(home: &Path, command: &str) {
    let status = Command::new("sh")
        .args(["-c", command])
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .current_dir("/")
        .status()
        .unwrap();
    assert!(status.success(), "{command}");
}

#[test]
fn the_readme_cron_line_writes_the_report() {
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_runlift"), bin.join("runlift")).unwrap();
    sim(
        &home.path().join("exports"),
        Scenario::Strength,
        12,
        4,
        "2026-01-05",
    );

    let command = cron_command();
    run(home.path(), &command);
    let reports = home.path().join("runlift-reports");
    let summary = json(&reports.join("latest/summary.json"));
    assert_eq!(summary["week"], "2026-W13");
    assert!(
        summary["runs"]["used"].as_u64().unwrap() > 30,
        "{}",
        summary["runs"]
    );
    assert!(reports.join("latest/index.html").is_file());
    let log = std::fs::read_to_string(reports.join("weekly.log")).unwrap();
    assert!(
        log.contains("report: ") && log.contains("2026-W13"),
        "{log}"
    );

    // Next Monday with nothing new: the job says so and returns.
    run(home.path(), &command);
    let log = std::fs::read_to_string(reports.join("weekly.log")).unwrap();
    assert!(log.contains("report up to date"), "{log}");
}
