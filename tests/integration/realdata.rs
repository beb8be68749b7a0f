//! Real seasons in `../shared/realdata/` (skipped, with a message, where that
//! folder is absent), analysed as a new user would: no settings at all.
//! The counts are pinned as measured, so a change that loses runs shows.

use runlift::analysis::Analysis;
use runlift::analysis::limits::Source;
use runlift::kinds::RunKind;
use std::path::{Path, PathBuf};

fn folder(name: &str) -> Option<PathBuf> {
    crate::common::shared(&format!("realdata/{name}"))
}

/// Ingest and analyse a real folder with default settings, as `runlift report` does.
fn analyse(dir: &Path) -> Analysis {
    let settings = runlift::config::load(None, Default::default()).unwrap();
    crate::common::analyse_with(dir, &settings)
}

/// Easy and long runs of ≥ 30 minutes, and how many of them have ≥ 10 steady minutes.
fn steady_share(a: &Analysis) -> (usize, usize) {
    let long_enough: Vec<_> = (a.runs.iter())
        .filter(|r| matches!(r.kind, RunKind::Easy | RunKind::Long) && r.duration_s >= 1800.0)
        .filter(|r| r.excluded.as_deref() != Some("no heart rate"))
        .collect();
    let steady = long_enough
        .iter()
        .filter(|r| r.steady.kept_s >= 600.0)
        .count();
    (long_enough.len(), steady)
}

/// Easy and long runs of 20 minutes or more with heart rate: the share that
/// contribute to the estimates, and the share of their seconds flagged as
/// heart rate locked to cadence.
fn contributing_and_locked(a: &Analysis, name: &str) -> (f64, f64) {
    let runs: Vec<_> = (a.runs.iter())
        .filter(|r| matches!(r.kind, RunKind::Easy | RunKind::Long) && r.duration_s >= 1200.0)
        .filter(|r| r.excluded.as_deref() != Some("no heart rate"))
        .collect();
    let used = runs.iter().filter(|r| r.excluded.is_none()).count();
    let locked: f64 = runs.iter().map(|r| r.steady.signal.hr_cadence_lock_s).sum();
    let seconds: f64 = runs.iter().map(|r| r.duration_s).sum();
    let (share, lock) = (used as f64 / runs.len() as f64, locked / seconds);
    // Real heart rate comes back after a stop with τ of 60–90 s (median),
    // not the simulated default runner's 25 s: why settling stays fixed.
    let mut rises: Vec<f64> = (runs.iter())
        .filter(|r| r.steady.kinetics.rises_fitted > 0)
        .map(|r| r.steady.kinetics.tau_up_s)
        .collect();
    rises.sort_by(f64::total_cmp);
    let rise = rises[rises.len() / 2];
    eprintln!(
        "{name}: median rise after a stop τ {rise} s over {} runs",
        rises.len()
    );
    assert!(
        rises.len() >= 20 && (50.0..=100.0).contains(&rise),
        "{name}: {rise}"
    );
    eprintln!(
        "{name}: {used} of {} easy/long runs of 20 min+ contribute; {:.2} % of their seconds flagged as locked to cadence",
        runs.len(),
        100.0 * lock
    );
    (share, lock)
}

/// The placebo of the issue: adjacent 8-week stretches, every 4 weeks
/// through the season, compared as the headline is. At most 20 % of them
/// may be called clear; `pinned` is (clear, pairs) as measured.
fn placebo_8_weeks(a: &Analysis, name: &str, pinned: (usize, usize)) {
    use runlift::analysis::{effort, estimate::Scale, placebo};
    let history = effort::history_obs(&a.runs, |r| r.speed_used);
    let p = placebo::run(&history, Scale::Ratio, 8, 8, &[]);
    let e = a.effort.speed_at_ref_hr.as_ref().unwrap();
    eprintln!(
        "{name}: placebo {}/{} clear; headline {:+.2} % [{:+.2}, {:+.2}], wander ±{:.2} %",
        p.clear, p.pairs, e.change, e.ci95[0], e.ci95[1], e.wander
    );
    assert!(p.pairs >= 5 && p.share() <= 0.20, "{name}: {p:?}");
    assert_eq!((p.clear, p.pairs), pinned, "{name}");
}

/// The placebo of a block comparison: the weeks before a 12-week block
/// against its last 4 weeks (12 + 8 + 4 weeks) on a history with no
/// lifting. Nothing happened between them, so few should read clear.
fn block_placebo(a: &Analysis, name: &str, pinned: (usize, usize)) {
    use runlift::analysis::placebo::{Shape, pairs};
    use runlift::analysis::{effort, estimate};
    let history = effort::history_obs(&a.runs, |r| r.speed_used);
    let wander = estimate::wander_of(&history, estimate::Scale::Ratio);
    let shape = Shape {
        first: 12,
        gap: 8,
        second: 4,
    };
    let found = pairs(&history, &wander, estimate::Scale::Ratio, shape, |_| true);
    let clear = found.iter().filter(|e| e.clear()).count();
    eprintln!(
        "{name}: block placebo (12 + 8 + 4 weeks) {clear}/{} clear",
        found.len()
    );
    assert!(
        found.len() >= 5 && clear * 5 <= found.len(),
        "{name}: {clear}/{}",
        found.len()
    );
    assert_eq!((clear, found.len()), pinned, "{name}");
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn kinds(a: &Analysis) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for r in &a.runs {
        *counts.entry(r.kind).or_insert(0) += 1;
    }
    format!("{counts:?}")
}

/// What every real season must show: at least 70 % of its easy and long
/// runs of 30 minutes or more with 10 steady minutes (pinned as `steady`),
/// the compared periods (pinned, inclusive dates) and an estimate.
fn check_season(a: &Analysis, name: &str, steady: (usize, usize), periods: [&str; 4]) {
    let (n, kept) = steady_share(a);
    eprintln!(
        "{name}: {kept}/{n} steady; kinds {}; limits {:?}",
        kinds(a),
        a.hr_limits
    );
    assert!(
        kept * 10 >= n * 7,
        "{name}: {kept} of {n} easy/long runs steady"
    );
    assert_eq!((kept, n), steady, "{name}");
    let p = a.periods.expect("periods");
    let got = [p.baseline.from, p.baseline.to, p.recent.from, p.recent.to];
    assert_eq!(got, periods.map(d), "{name}");
    assert!((p.recent.from - p.baseline.to).num_days() <= 365, "{name}");
    let e = &a.effort.speed_at_ref_hr;
    assert!(e.is_ok(), "{name}: {e:?}");
    long_view_labels_fit(a, name);
    load_covers_the_history(a, name);
}

/// The training load has a day for every day of the history.
fn load_covers_the_history(a: &Analysis, name: &str) {
    let (first, last) = a.data_range.unwrap();
    let days = &a.load.days;
    assert_eq!(days.first().map(|d| d.date), Some(first), "{name}");
    assert_eq!(days.last().map(|d| d.date), Some(last), "{name}");
    assert_eq!(days.len() as i64, (last - first).num_days() + 1, "{name}");
    let with_load = days.iter().filter(|d| d.run > 0.0).count();
    eprintln!(
        "{name}: load over {} days, {with_load} with running load; {} runs without heart rate",
        days.len(),
        a.load.runs_without_hr
    );
    assert!(
        days.iter()
            .all(|d| d.fitness.is_finite() && d.fatigue >= 0.0),
        "{name}"
    );
}

/// The long view's labels (changes of kit, blocks) stay inside the plot and
/// off each other; how many of them were drawn is printed.
fn long_view_labels_fit(a: &Analysis, name: &str) {
    use runlift::report::charts::{labels, long_view_labels};
    let settings = runlift::config::load(None, Default::default()).unwrap();
    let l = long_view_labels(a, &settings).unwrap();
    eprintln!(
        "{name}: {} of {} long-view labels drawn: {:?}",
        l.placed.len(),
        l.wanted,
        l.placed.iter().map(|p| &p.text).collect::<Vec<_>>()
    );
    assert_eq!(labels::check(&l.placed, l.plot), Ok(()), "{name}");
    assert_eq!(
        l.wanted,
        a.kit_changes.len()
            + a.block_comparisons
                .iter()
                .filter(|c| c.speed.is_ok())
                .count()
    );
}

#[test]
fn garmin_2013_2015_smart_recording_gives_steady_minutes() {
    let Some(dir) = folder("x3cl-garmin-2013-2015") else {
        return;
    };
    let a = analyse(&dir);
    // Before time-based analysis: 13 of 82. No lifting: the same weeks a
    // year earlier, not May 2013.
    let periods = ["2014-03-10", "2014-06-01", "2015-03-09", "2015-05-31"];
    check_season(&a, "x3cl", (72, 90), periods);
    // The watch states the athlete's maximum heart rate (190); no file states a resting one.
    assert_eq!(a.hr_limits.max, 190.0);
    assert_eq!(a.hr_limits.max_source, Source::Files);
    assert_eq!(a.hr_limits.rest_source, Source::Default);
    placebo_8_weeks(&a, "x3cl", (1, 13));
    block_placebo(&a, "x3cl", (0, 7));
    // The runs of its last weeks carry no heart rate: the load is not known then.
    assert!(!a.load.known_lately(28));
    // Chest-strap years: nothing is flagged as a lock.
    let (share, lock) = contributing_and_locked(&a, "x3cl");
    assert!(lock <= 0.01 && share >= 0.65, "{share} {lock}");
}

#[test]
fn coros_2023_2026_gives_steady_minutes_and_a_maximum_from_the_data() {
    let Some(dir) = folder("qianjiawen-coros-2023-2026") else {
        return;
    };
    let a = analyse(&dir);
    // Before: 194 of 228 (maximum heart rate 190 assumed; now 187 from the
    // data); 173 of 214 while a heart rate near the cadence was taken for a
    // lock. No lifting: the same weeks a year earlier, not December 2023.
    let periods = ["2025-07-17", "2025-08-13", "2026-07-16", "2026-08-12"];
    check_season(&a, "coros", (207, 214), periods);
    // Coros files state no heart-rate limits: the maximum comes from the runs.
    assert_eq!(a.hr_limits.max_source, Source::Data);
    assert_eq!(a.hr_limits.max, 187.0);
    // A hot-climate season (the watch reads up to 35 °C): heat is told apart
    // from fitness, clearly, with a slope like the lab's 0.5–1 bpm per °C,
    // above a threshold in the upper half of the watch's range (0.86 ± 0.25
    // bpm/°C above 25 °C against the smooth trend).
    placebo_8_weeks(&a, "coros", (4, 31));
    block_placebo(&a, "coros", (3, 26));
    // A wrist sensor on a runner whose heart rate sits on their cadence:
    // the rule |HR - cadence| <= 3 flagged 27.8 % of the seconds and left
    // 185 of 269 runs; heart rate that follows the cadence, 0.3 %.
    assert!(a.load.known_lately(28));
    let (share, lock) = contributing_and_locked(&a, "coros");
    assert!(lock <= 0.01 && share >= 0.8, "{share} {lock}");
    let h = a
        .effort
        .heat
        .as_ref()
        .expect("a heat effect on the Coros season");
    assert!(h.clear() && (0.5..1.3).contains(&h.slope), "{h:?}");
    assert!((20.0..=30.0).contains(&h.threshold_c), "{h:?}");
    // The chart gets a point per run with a temperature, centred on the trend.
    let pts = &a.effort.heat_points;
    let cool: Vec<f64> = (pts.iter())
        .filter(|p| p.0 <= h.threshold_c)
        .map(|p| p.1)
        .collect();
    let mean = cool.iter().sum::<f64>() / cool.len() as f64;
    assert!(
        pts.len() >= 150 && mean.abs() < 1.0,
        "{} points, cool mean {mean}",
        pts.len()
    );
}

#[test]
fn runpandas_gpx_2020_2021_every_file_read_every_run_once_and_an_estimate() {
    let Some(dir) = folder("runpandas-gpx-2020-2021") else {
        return;
    };
    let a = analyse(&dir);
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "gpx")
        })
        .count();
    // 68 GPX files, one run each (before GPX was read: 0 of 68).
    assert_eq!((files, a.runs.len()), (68, 68));
    let (n, steady) = steady_share(&a);
    eprintln!(
        "runpandas: {steady}/{n} steady; kinds {}; limits {:?}",
        kinds(&a),
        a.hr_limits
    );
    assert_eq!((steady, n), (34, 37));
    let e = a.effort.speed_at_ref_hr.as_ref().expect("an estimate");
    assert_eq!((e.n_baseline, e.n_recent), (9, 6));
    placebo_8_weeks(&a, "runpandas", (0, 6));
    block_placebo(&a, "runpandas", (0, 6));
    long_view_labels_fit(&a, "runpandas");
    load_covers_the_history(&a, "runpandas");
    let (share, lock) = contributing_and_locked(&a, "runpandas");
    assert!(lock <= 0.01 && share >= 0.7, "{share} {lock}");
}

/// The three real seasons read together as one 13-year history (2013–2026,
/// a Garmin, GPX files, then a Coros): the long view's labels fit.
#[test]
fn thirteen_real_years_together_keep_the_long_view_labels_inside_and_apart() {
    let names = [
        "x3cl-garmin-2013-2015",
        "runpandas-gpx-2020-2021",
        "qianjiawen-coros-2023-2026",
    ];
    let Some(dirs) = names.iter().map(|n| folder(n)).collect::<Option<Vec<_>>>() else {
        return;
    };
    let settings = runlift::config::load(None, Default::default()).unwrap();
    let a = crate::common::analyse_dirs(&dirs, &settings);
    let (first, last) = a.data_range.unwrap();
    assert_eq!((first, last), (d("2013-05-13"), d("2026-08-12")));
    // The Coros names itself; the Garmin and GPX files name no watch.
    assert_eq!(a.kit_changes.len(), 1, "{:?}", a.kit_changes);
    long_view_labels_fit(&a, "13 years");
}
