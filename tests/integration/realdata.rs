//! Real seasons in `../shared/realdata/` (skipped, with a message, where that
//! folder is absent), analysed as a new user would: no settings at all.
//! The counts are pinned as measured, so a change that loses runs shows.

use runlift::analysis::Analysis;
use runlift::analysis::limits::Source;
use std::path::{Path, PathBuf};

fn folder(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/realdata")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: no real season at {} (it is not part of the repository)",
            dir.display()
        );
        None
    }
}

/// Ingest and analyse a real folder with default settings.
fn analyse(dir: &Path) -> Analysis {
    let settings = runlift::config::load(None, Default::default()).unwrap();
    let outcomes = runlift::ingest::ingest(&[dir.to_path_buf()], &settings.read_context()).unwrap();
    let tables = runlift::tables::Tables::from_outcomes(&outcomes).unwrap();
    runlift::analysis::analyse(&tables, &settings).unwrap()
}

/// Easy and long runs of ≥ 30 minutes, and how many of them have ≥ 10 steady minutes.
fn steady_share(a: &Analysis) -> (usize, usize) {
    let long_enough: Vec<_> = (a.runs.iter())
        .filter(|r| matches!(r.kind, "easy" | "long") && r.duration_s >= 1800.0)
        .filter(|r| r.excluded.as_deref() != Some("no heart rate"))
        .collect();
    let steady = long_enough
        .iter()
        .filter(|r| r.steady.kept_s >= 600.0)
        .count();
    (long_enough.len(), steady)
}

fn kinds(a: &Analysis) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for r in &a.runs {
        *counts.entry(r.kind).or_insert(0) += 1;
    }
    format!("{counts:?}")
}

#[test]
fn garmin_2013_2015_smart_recording_gives_steady_minutes() {
    let Some(dir) = folder("x3cl-garmin-2013-2015") else {
        return;
    };
    let a = analyse(&dir);
    let (n, steady) = steady_share(&a);
    eprintln!("x3cl: {steady}/{n} steady; kinds {}", kinds(&a));
    assert!(
        steady * 10 >= n * 7,
        "{steady} of {n} easy/long runs steady"
    );
    // The watch states the athlete's maximum heart rate (190); no file states a resting one.
    assert_eq!(a.hr_limits.max, 190.0);
    assert_eq!(a.hr_limits.max_source, Source::Files);
    assert_eq!(a.hr_limits.rest_source, Source::Default);
}

#[test]
fn coros_2023_2026_gives_steady_minutes_and_a_maximum_from_the_data() {
    let Some(dir) = folder("qianjiawen-coros-2023-2026") else {
        return;
    };
    let a = analyse(&dir);
    let (n, steady) = steady_share(&a);
    eprintln!(
        "coros: {steady}/{n} steady; kinds {}; limits {:?}",
        kinds(&a),
        a.hr_limits
    );
    assert!(
        steady * 10 >= n * 7,
        "{steady} of {n} easy/long runs steady"
    );
    // Coros files state no heart-rate limits: the maximum comes from the runs.
    assert_eq!(a.hr_limits.max_source, Source::Data);
    assert!((170.0..=210.0).contains(&a.hr_limits.max));
}
