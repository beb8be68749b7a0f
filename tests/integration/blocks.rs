//! The whole story: every lifting block compared (on simulated two-block
//! seasons with a known truth per block), the report's summaries by reason
//! and by kind with the full lists in `tables/`, and what changed since
//! last week across two consecutive `--week` runs.

use crate::common::{analyse_dir, json, report, sim, sim_options};
use runlift::simulate::{GymFormat, Scenario, simulate};
use serde_json::Value;
use std::path::Path;

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records().map(|x| x.unwrap()).collect()
}

#[test]
fn both_blocks_of_two_block_seasons_are_compared_and_cover_their_truth() {
    for seed in [1, 2, 3] {
        let dir = tempfile::tempdir().unwrap();
        sim(dir.path(), Scenario::TwoBlocks, 44, seed, "2025-01-06");
        let truth = json(&dir.path().join("truth.json"));
        let a = analyse_dir(dir.path(), true);
        let blocks = truth["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 2, "{seed}: {blocks:?}");
        assert_eq!(a.block_comparisons.len(), 2, "{seed}");
        for (c, t) in a.block_comparisons.iter().zip(blocks) {
            assert_eq!(c.block.from.to_string(), t["from"].as_str().unwrap());
            assert_eq!(json_period(c.before), t["before"], "{seed}");
            assert_eq!(json_period(c.compared), t["compared"], "{seed}");
            let e = c.speed.as_ref().unwrap();
            let want = t["change_pct"].as_f64().unwrap();
            eprintln!(
                "seed {seed} block {}: {:+.2} [{:+.2}, {:+.2}] truth {want:+.2}",
                c.block.from, e.change, e.ci95[0], e.ci95[1]
            );
            assert!(
                e.ci95[0] <= want && want <= e.ci95[1],
                "seed {seed}, block {}: {e:?}, truth {want}",
                c.block.from
            );
        }
        // 5 % then a further 3 % of economy: the truths differ, the first is larger.
        let (t1, t2) = (
            blocks[0]["change_pct"].as_f64().unwrap(),
            blocks[1]["change_pct"].as_f64().unwrap(),
        );
        assert!(t1 > 4.0 && (2.0..4.0).contains(&t2), "{t1} {t2}");
        assert!(!a.block_comparisons[0].current && a.block_comparisons[1].current);
    }
}

/// The top of week 14's report names its conflict, with the unknown load.
fn md_top_has_conflict(dir: &tempfile::TempDir) -> bool {
    let md = std::fs::read_to_string(dir.path().join("reports/2026-W14/report.md")).unwrap();
    let top: Vec<&str> = md.lines().take(12).collect();
    top.iter().any(|l| {
        l.starts_with("- Long run on Sun 2026-04-05 09:00 came ")
            && l.ends_with(
                "h after a strength session of unknown load (recorded by a watch without sets).",
            )
    })
}

fn json_period(p: Option<runlift::analysis::periods::Period>) -> Value {
    serde_json::to_value(p).unwrap()
}

/// A 16-week strength season from its fourth week whose gym sessions a
/// watch recorded without sets (a Thursday session slips to Friday, before
/// the long run, in weeks 6 and 13 of the season: ISO weeks 7 and 14), with
/// a report for ISO week 13 then 14 into one folder.
fn watch_gym_reports() -> (tempfile::TempDir, Value, Value) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let opts = sim_options(&data, Scenario::Strength, 16, 3, "2026-01-05");
    simulate(&runlift::simulate::SimOptions {
        gym: GymFormat::Watch,
        block_week: Some(4),
        ..opts
    })
    .unwrap();
    let out = dir.path().join("reports");
    let first = report(dir.path(), &data, &out, &["--week", "2026-W13"]);
    let second = report(dir.path(), &data, &out, &["--week", "2026-W14"]);
    (dir, first, second)
}

#[test]
fn sessions_without_sets_are_unknown_load_and_summed_up_with_the_full_list_in_a_csv() {
    let (dir, _, s) = watch_gym_reports();
    let week = dir.path().join("reports/2026-W14");
    let conflicts = s["strength"]["conflicts"].as_array().unwrap();
    assert!(conflicts.len() >= 2, "{conflicts:?}");
    assert!(
        conflicts
            .iter()
            .all(|c| c["load"] == "unknown" && c["session_kind"] == "unlogged")
    );
    let md = std::fs::read_to_string(week.join("report.md")).unwrap();
    assert!(!md.contains("may have been hard"), "{md}");
    let finding = format!(
        "- 0 logged heavy or plyometric sessions and {} of unknown load (recorded by a watch without sets) came within 48 h",
        conflicts.len()
    );
    assert!(md.contains(&finding), "{finding}\n{md}");
    // The older ones are summed up, not listed.
    let older = (conflicts.iter())
        .filter(|c| c["run_start_local"].as_str().unwrap() < "2026-03-30")
        .count();
    let plural = if older == 1 { "" } else { "s" };
    let line = format!(
        "{older} scheduling conflict{plural} before this week (a quality or long run within 48 h after strength work): 0 after a logged heavy or plyometric session, {older} after a session of unknown load"
    );
    assert!(md.contains(&line), "{line}\n{md}");
    assert!(
        md.contains(&format!(": {older} (0 known load, {older} unknown).")),
        "{md}"
    );
    // tables/conflicts.csv holds every one.
    let rows = csv_rows(&week.join("tables/conflicts.csv"));
    assert_eq!(rows.len(), conflicts.len());
    assert!(
        rows.iter()
            .all(|r| &r[3] == "unlogged" && &r[4] == "unknown")
    );
    // Left-out runs: counts by reason in the report and summary, each run in the CSV.
    let left = csv_rows(&week.join("tables/left_out.csv"));
    let excluded = s["runs"]["excluded"].as_u64().unwrap() as usize;
    assert_eq!(left.len(), excluded);
    let by_reason = s["runs"]["excluded_by_reason"].as_object().unwrap();
    let quality = left.iter().filter(|r| &r[4] == "quality session").count();
    assert!(quality >= 8, "{by_reason:?}");
    assert_eq!(by_reason["quality session"], quality);
    assert_eq!(
        by_reason
            .values()
            .map(|v| v.as_u64().unwrap() as usize)
            .sum::<usize>(),
        excluded
    );
    assert!(
        md.contains(&format!("- {quality} × quality session\n")),
        "{md}"
    );
    // Only this week's left-out runs are listed one by one.
    assert!(!md.contains("2026-01-06 06:30 (quality)"), "{md}");
}

#[test]
fn the_second_weekly_report_says_what_changed_since_the_first() {
    let (dir, w14, w15) = watch_gym_reports();
    assert!(
        w14["since_last_week"].is_null(),
        "{}",
        w14["since_last_week"]
    );
    let since = &w15["since_last_week"];
    assert_eq!(since["previous_week"], "2026-W13");
    let (then, now) = (
        &w14["effort"]["speed_at_reference_hr"]["change_pct"],
        &w15["effort"]["speed_at_reference_hr"]["change_pct"],
    );
    assert_eq!(&since["headline_change_pct"]["then"], then);
    assert_eq!(&since["headline_change_pct"]["now"], now);
    let moved = now.as_f64().unwrap() - then.as_f64().unwrap();
    assert!((since["headline_change_pct"]["moved"].as_f64().unwrap() - moved).abs() < 0.011);
    // New conflicts: those of runs in week 14 (the Friday slip of week 13).
    let in_w15 = (w15["strength"]["conflicts"].as_array().unwrap().iter())
        .filter(|c| c["run_start_local"].as_str().unwrap() >= "2026-03-30")
        .count();
    assert_eq!((since["new_conflicts"].as_u64(), in_w15), (Some(1), 1));
    assert!(
        md_top_has_conflict(&dir),
        "this week's conflict is at the top"
    );
    let md = std::fs::read_to_string(dir.path().join("reports/2026-W14/report.md")).unwrap();
    let top: String = md.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(
        top.contains("## This week (2026-W14, 2026-03-30 to 2026-04-05)"),
        "{top}"
    );
    assert!(top.contains("\nSince the report of 2026-W13:\n"), "{top}");
    assert!(
        top.contains(&format!("- The headline moved {moved:+.1} points")),
        "{top}"
    );
}

#[test]
fn new_e1rm_records_are_the_sessions_above_every_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 12, 3, "2026-01-05");
    let out = dir.path().join("reports");
    report(dir.path(), &data, &out, &["--week", "2026-W09"]);
    let s = report(dir.path(), &data, &out, &["--week", "2026-W10"]);
    let records = s["since_last_week"]["new_e1rm_records"].as_array().unwrap();
    // Loads progress: week 10's sessions set records, each above the best before.
    assert!(!records.is_empty(), "{}", s["since_last_week"]);
    for r in records {
        let date = r["date"].as_str().unwrap();
        assert!(("2026-03-02".."2026-03-09").contains(&date), "{r}");
        assert!(r["e1rm_kg"].as_f64().unwrap() > r["previous_best_kg"].as_f64().unwrap());
    }
    let md = std::fs::read_to_string(out.join("2026-W10/report.md")).unwrap();
    assert!(md.contains("- New e1RM records: "), "{md}");
}

#[test]
fn the_report_tables_every_block_in_md_html_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::TwoBlocks, 44, 1, "2025-01-06");
    let out = dir.path().join("reports");
    let s = report(dir.path(), &data, &out, &[]);
    let week = out.join("latest");
    let rows = csv_rows(&week.join("tables/blocks.csv"));
    assert_eq!(rows.len(), 2);
    let compared = s["blocks_compared"].as_array().unwrap();
    assert_eq!(compared.len(), 2);
    for (r, c) in rows.iter().zip(compared) {
        assert_eq!(&r[0], c["block"]["from"].as_str().unwrap());
        let change: f64 = r[11].parse().unwrap();
        assert!((change - c["change_pct"].as_f64().unwrap()).abs() < 0.006);
    }
    let md = std::fs::read_to_string(week.join("report.md")).unwrap();
    let html = std::fs::read_to_string(week.join("index.html")).unwrap();
    assert!(md.contains("## Every lifting block") && html.contains("<h2>Every lifting block</h2>"));
    assert!(
        md.contains("coincided with") && !md.contains("caused by"),
        "{md}"
    );
    // Each block's row: its dates, its change, and a reading that follows
    // its interval (the first block's gain, +4.2 % [+1.8, +6.7], is clear).
    let first = &rows[0];
    let row = (md.lines())
        .find(|l| l.starts_with(&format!("| {} to {} |", &first[0], &first[1])))
        .unwrap_or_else(|| panic!("no row for the first block\n{md}"));
    let change: f64 = first[11].parse().unwrap();
    assert!(row.contains(&format!("| {change:+.1} % |")), "{row}");
    assert_eq!(&first[15], "true", "{first:?}");
    assert!(
        row.ends_with("| faster: clear, it coincided with this block |"),
        "{row}"
    );
}

#[test]
fn long_view_labels_of_a_season_with_new_watches_stay_inside_and_apart() {
    use runlift::report::charts::{labels, long_view_labels};
    let dir = tempfile::tempdir().unwrap();
    sim(dir.path(), Scenario::Strength, 20, 2, "2026-01-05");
    let mut a = analyse_dir(dir.path(), true);
    // New watches: two a week apart mid-season, and one for the last three
    // runs, whose label would run off the right edge.
    let n = a.runs.len();
    for (i, r) in a.runs.iter_mut().enumerate() {
        let watch = match i {
            i if i + 3 >= n => "garmin fr265_large",
            i if i >= n / 2 + 3 => "coros pace 3",
            i if i >= n / 2 => "garmin fenix 6x pro solar",
            _ => "garmin fr910xt",
        };
        r.device = Some(watch.into());
    }
    a.kit_changes = runlift::analysis::longview::kit_changes(&a.runs);
    assert_eq!(a.kit_changes.len(), 3, "{:?}", a.kit_changes);
    let settings = runlift::config::load(None, Default::default()).unwrap();
    let l = long_view_labels(&a, &settings).unwrap();
    assert_eq!(labels::check(&l.placed, l.plot), Ok(()));
    let texts: Vec<&str> = l.placed.iter().map(|p| p.text.as_str()).collect();
    for watch in ["fenix 6x pro solar", "coros pace 3", "fr265_large"] {
        assert!(texts.iter().any(|t| t.ends_with(watch)), "{texts:?}");
    }
    // The strength block's change is labelled too.
    assert!(texts.iter().any(|t| t.starts_with("block: ")), "{texts:?}");
    assert_eq!(l.wanted, 4);
}

#[test]
fn where_a_gym_log_and_the_watch_recorded_one_workout_the_logs_sets_decide() {
    // The same season twice, its gym sessions once as a Strong log and once
    // as the watch's strength FIT files without sets, read together.
    let dir = tempfile::tempdir().unwrap();
    let (logged, watch) = (dir.path().join("data"), dir.path().join("watch"));
    sim(&logged, Scenario::Strength, 8, 4, "2026-01-05");
    let opts = sim_options(&watch, Scenario::Strength, 8, 4, "2026-01-05");
    simulate(&runlift::simulate::SimOptions {
        gym: GymFormat::Watch,
        ..opts
    })
    .unwrap();
    let fits = std::fs::read_dir(watch.join("gym")).unwrap().count();
    assert!(fits >= 10, "{fits} watch strength files");
    crate::common::copy_dir(&watch.join("gym"), &logged.join("watch-gym"));
    let s = report(dir.path(), &logged, &dir.path().join("reports"), &[]);
    let kinds = &s["strength"]["kinds"];
    assert_eq!(s["strength"]["sessions"], fits, "each workout once");
    assert_eq!(kinds["unlogged"], 0, "{kinds}");
    assert_eq!(kinds["heavy"], fits, "{kinds}");
}
