//! A coach's roster: three simulated athletes (one with a corrupt file, one
//! whose folder is missing), each report built with its own store, and an
//! overview whose rows say what each athlete's `summary.json` says.

use crate::common::{json, run_ok, sim};
use runlift::simulate::Scenario;
use std::path::Path;

fn roster(dir: &Path) -> std::path::PathBuf {
    for (name, seed) in [("ana", 1), ("ben", 2), ("cy", 3)] {
        sim(
            &dir.join("exports").join(name),
            Scenario::Strength,
            10,
            seed,
            "2026-01-05",
        );
    }
    // Ben has a FIT file cut off after 60 bytes, before any record.
    let runs = dir.join("exports/ben/runs");
    let first = std::fs::read_dir(&runs)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = std::fs::read(&first).unwrap();
    std::fs::write(runs.join("cut.fit"), &bytes[..60]).unwrap();
    let toml = "[[athletes]]\nname = \"Ana\"\ndata = [\"exports/ana\"]\n\n\
                [[athletes]]\nname = \"Ben\"\ndata = [\"exports/ben\"]\nconfig = \"exports/ben/runlift.toml\"\n\n\
                [[athletes]]\nname = \"Cy\"\ndata = [\"exports/cy\"]\n\n\
                [[athletes]]\nname = \"Dee Gone\"\ndata = [\"exports/dee\"]\n";
    let path = dir.join("roster.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

#[test]
fn the_overview_rows_match_each_report_and_a_warm_run_decodes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let config = roster(dir.path());
    let out = dir.path().join("out");
    let args = [
        "roster",
        "--config",
        config.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let cold = run_ok(dir.path(), &args);
    let mut r = csv::Reader::from_path(out.join("roster.csv")).unwrap();
    let head = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    let get = |row: &csv::StringRecord, col: &str| {
        row.get(head.iter().position(|h| h == col).unwrap())
            .unwrap()
            .to_string()
    };
    for (row, slug) in rows.iter().zip(["ana", "ben", "cy"]) {
        let s = json(&out.join(slug).join("latest/summary.json"));
        let speed = &s["effort"]["speed_at_reference_hr"];
        assert_eq!(get(row, "week"), s["week"].as_str().unwrap());
        let change: f64 = get(row, "change_pct").parse().unwrap();
        assert!((change - speed["change_pct"].as_f64().unwrap()).abs() < 0.006);
        let low: f64 = get(row, "ci95_low_pct").parse().unwrap();
        assert!((low - speed["ci95_pct"][0].as_f64().unwrap()).abs() < 0.006);
        assert_eq!(
            get(row, "clear"),
            speed["clear"].as_bool().unwrap().to_string()
        );
        let km: f64 = get(row, "week_distance_km").parse().unwrap();
        assert!((km - s["this_week"]["distance_km"].as_f64().unwrap()).abs() < 0.006);
        assert_eq!(
            get(row, "week_strength_sessions"),
            s["this_week"]["strength_sessions"].to_string()
        );
        assert_eq!(
            get(row, "week_conflicts"),
            s["this_week"]["conflicts"].to_string()
        );
        assert_eq!(
            get(row, "last_data"),
            s["data_range"]["to"].as_str().unwrap()
        );
        assert_eq!(get(row, "status"), "ok");
        assert_eq!(get(row, "report"), format!("{slug}/latest/index.html"));
        // Each athlete has a store of their own.
        assert!(out.join(slug).join(".store").is_dir());
    }
    // Ben's cut-off file is named in his row; the others have none.
    assert_eq!(get(&rows[1], "files_failed"), "1");
    assert_eq!(get(&rows[1], "failed_files"), "ben/runs/cut.fit");
    assert_eq!(get(&rows[0], "files_failed"), "0");
    // Dee's folder is missing: her row says so, and the others were built.
    assert!(
        get(&rows[3], "status").contains("exports/dee"),
        "{:?}",
        rows[3]
    );
    assert!(!get(&rows[3], "status").contains(dir.path().to_str().unwrap()));
    assert!(cold.contains("Dee Gone: no report"), "{cold}");
    // The page links each report and sorts in the browser.
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<a href=\"ben/latest/index.html\">report</a>"));
    assert!(html.contains("ben/runs/cut.fit") && html.contains("addEventListener('click'"));
    // A heading for every cell: 15 columns, each row (4 athletes) as wide.
    let count = |tag: &str| html.matches(tag).count();
    assert_eq!(count("<th>"), 15);
    assert_eq!(count("<td>"), 15 * 4);
    // A warm re-run decodes nothing.
    let warm = run_ok(dir.path(), &args);
    for name in ["Ana", "Ben", "Cy"] {
        let line = warm
            .lines()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap();
        assert!(line.contains(": 0 files decoded, "), "{line}");
    }
    assert!(
        cold.lines()
            .any(|l| l.starts_with("Ana: ") && !l.contains(": 0 files decoded"))
    );
}

/// The README's DuckDB query over the roster's Parquet stores gives each
/// athlete's weekly runs and distance as their `tables/weeks.csv` does.
/// Needs Python's `duckdb` (`.ci/run` installs it); skips without.
#[test]
fn the_documented_duckdb_query_reads_the_stores_as_the_reports_do() {
    let has_duckdb = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_duckdb {
        eprintln!("skipping: Python's duckdb is not installed (pip install duckdb)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = roster(dir.path());
    let out = dir.path().join("out");
    run_ok(
        dir.path(),
        &[
            "roster",
            "--config",
            config.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let sql = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/roster_weekly.sql");
    let script = format!(
        "import duckdb\nfor r in duckdb.sql(open({:?}).read()).fetchall(): print(','.join(map(str, r)))",
        sql.to_str().unwrap()
    );
    let o = std::process::Command::new("python3")
        .args(["-c", &script])
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let mut want = Vec::new();
    for slug in ["ana", "ben", "cy"] {
        let mut r = csv::Reader::from_path(out.join(slug).join("latest/tables/weeks.csv")).unwrap();
        for rec in r.records().map(|x| x.unwrap()).filter(|x| &x[2] != "0") {
            let km: f64 = rec[3].parse().unwrap();
            want.push(format!("{slug},{},{},{km}", &rec[0], &rec[2]));
        }
    }
    assert_eq!(got, want);
}
