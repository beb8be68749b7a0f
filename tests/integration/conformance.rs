//! Conformance with real exports in `../shared/corpus/` (skipped, with a
//! message, where that folder is absent). FIT files are compared with what
//! the reference decoders read (`fit/expected.tsv`); CSV files with counts
//! pinned here, checked by hand once against the corpus manifest.

use crate::common::runlift;
use runlift::ingest::{FileOutcome, ReadContext, Status, read_path};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("fit/expected.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: no corpus at {} (it is not part of the repository)",
            dir.display()
        );
        None
    }
}

/// Every outcome of a file, members included.
fn all(o: &FileOutcome) -> Vec<&FileOutcome> {
    o.flatten()
}

fn records(o: &FileOutcome) -> usize {
    all(o)
        .iter()
        .flat_map(|m| &m.decoded.activities)
        .map(|a| a.samples.len())
        .sum()
}

fn sessions(o: &FileOutcome) -> usize {
    all(o).iter().map(|m| m.decoded.activities.len()).sum()
}

fn sports(o: &FileOutcome) -> BTreeSet<String> {
    all(o)
        .iter()
        .flat_map(|m| &m.decoded.activities)
        .map(|a| a.meta.sport.clone())
        .collect()
}

fn warnings(o: &FileOutcome) -> Vec<String> {
    all(o)
        .iter()
        .flat_map(|m| m.decoded.warnings.clone())
        .collect()
}

fn status(o: &FileOutcome) -> Status {
    runlift::inspect::status(o)
}

#[test]
fn fit_files_match_the_reference_decoders() {
    let Some(dir) = corpus() else { return };
    let tsv = std::fs::read_to_string(dir.join("fit/expected.tsv")).unwrap();
    let mut lines = tsv.lines();
    let head: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (c_path, c_ok, c_fd_ok) = (col("local_path"), col("decoder_ok"), col("fitdecode_ok"));
    let (c_rec, c_sess, c_sports, c_type) = (
        col("n_record"),
        col("n_session"),
        col("sports_all"),
        col("file_type"),
    );
    let ctx = ReadContext::default();
    let (mut compared, mut broken, mut skipped) = (0, 0, 0);
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let path = dir.join(f[c_path]);
        let o = read_path(&path, &ctx);
        let n_rec: usize = f[c_rec].parse().unwrap_or(0);
        let n_sess: usize = f[c_sess].parse().unwrap_or(0);
        let name = f[c_path];
        if f[c_ok] != "True" && f[c_fd_ok] != "True" {
            // Broken: a clear error naming the file, or its sound part with a warning.
            broken += 1;
            match status(&o) {
                Status::Failed => {
                    let msg = all(&o)
                        .iter()
                        .filter_map(|m| m.message.clone())
                        .collect::<String>();
                    assert!(
                        msg.contains(path.file_name().unwrap().to_str().unwrap()),
                        "{name}: {msg}"
                    );
                }
                Status::Ok => {
                    assert!(!warnings(&o).is_empty(), "{name}: kept without a warning");
                    assert!(records(&o) <= n_rec, "{name}: {} > {n_rec}", records(&o));
                }
                s => panic!("{name}: {s:?}"),
            }
            continue;
        }
        let kind = f[c_type];
        if !kind.is_empty() && kind != "activity" {
            // Deliberate: settings, monitoring, weight and workout files hold no workout.
            skipped += 1;
            assert_eq!(status(&o), Status::Skipped, "{name}");
            continue;
        }
        compared += 1;
        assert_eq!(status(&o), Status::Ok, "{name}: {:?}", o.message);
        assert_eq!(records(&o), n_rec, "{name}: records");
        let ref_sports: BTreeSet<String> = (f[c_sports].split(','))
            .filter(|s| !s.is_empty())
            .map(|s| s.split('/').next().unwrap().replace("None", "unknown"))
            .collect();
        if n_sess == 0 && n_rec > 0 {
            // Deliberate: records without a session (a watch that died) still
            // make one activity, its sport `unknown` unless a sport message says.
            assert_eq!(sessions(&o), 1, "{name}");
            assert!(
                warnings(&o)
                    .iter()
                    .any(|w| w.contains("no session message")),
                "{name}"
            );
        } else {
            assert_eq!(sessions(&o), n_sess, "{name}: sessions");
            assert_eq!(sports(&o), ref_sports, "{name}: sports");
        }
    }
    assert!(
        compared >= 80 && broken >= 8 && skipped >= 4,
        "{compared} {broken} {skipped}"
    );
}

#[test]
fn a_batch_of_every_corpus_file_prints_nothing_from_the_decoder_and_fails_no_run() {
    let Some(dir) = corpus() else { return };
    let out = tempfile::tempdir().unwrap();
    let o = runlift(
        out.path(),
        &[
            "ingest",
            dir.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{stderr}");
    assert!(!stderr.contains("ERROR"), "the decoder printed: {stderr}");
    assert!(stdout.contains(" files: "), "{stdout}");
}

/// Pinned per CSV: (file, format, rows read, sessions or activities, first
/// and last local date), checked against an independent read with Python's
/// csv module. The corpus manifest says 566 set rows for the Hevy file;
/// both readers find 567 records (one note holds an escaped newline).
const CSV_FILES: &[(&str, &str, usize, usize, &str, &str)] = &[
    (
        "bilallb__FitNotes_Export.csv",
        "fitnotes",
        1624,
        78,
        "2025-04-29",
        "2025-09-16",
    ),
    // 11 493 rows, of which 170 cardio rows are left out.
    (
        "wmgriffi3__FitNotes_Export.csv",
        "fitnotes",
        11323,
        465,
        "2017-06-23",
        "2020-08-03",
    ),
    (
        "Caturrell__activities.csv",
        "garmin_activities",
        160,
        160,
        "2021-11-25",
        "2022-12-21",
    ),
    (
        "HLasse__Activities.csv",
        "garmin_activities",
        41,
        41,
        "2018-09-08",
        "2020-03-02",
    ),
    (
        "FelipeRuizM__workout_data.csv",
        "hevy",
        567,
        37,
        "2025-07-08",
        "2026-04-08",
    ),
    (
        "hanakysela__Hana_Kysela_2015-09-06_10-01-07.csv",
        "polar_flow",
        1,
        1,
        "2015-09-06",
        "2015-09-06",
    ),
    (
        "DillM94__activities.csv",
        "strava_activities",
        143,
        143,
        "2020-01-04",
        "2021-07-18",
    ),
    (
        "LinusJacobsson__strong.csv",
        "strong",
        507,
        62,
        "2022-07-28",
        "2023-01-28",
    ),
    (
        "MiroslavCsonka__strong.csv",
        "strong",
        2995,
        137,
        "2017-05-12",
        "2019-07-12",
    ),
    (
        "mtanzim__strong.csv",
        "strong",
        6084,
        385,
        "2019-01-11",
        "2021-05-04",
    ),
];

#[test]
fn csv_files_give_the_pinned_counts() {
    let Some(dir) = corpus() else { return };
    let ctx = ReadContext::default();
    let mut seen = 0;
    for entry in walk(&dir.join("csv")) {
        let o = read_path(&entry, &ctx);
        let d = &o.decoded;
        let (rows, groups, dates): (usize, usize, Vec<chrono::NaiveDate>) = if d.sets.is_empty() {
            let dates = (d.activities.iter())
                .filter_map(|a| {
                    let off = chrono::Duration::minutes(i64::from(a.meta.utc_offset_min?));
                    Some((a.meta.start_utc? + off).date_naive())
                })
                .collect();
            (d.activities.len(), d.activities.len(), dates)
        } else {
            let starts: BTreeSet<_> = d.sets.iter().map(|s| s.start_local).collect();
            let dates = starts.iter().map(|s| s.date()).collect();
            (d.sets.len(), starts.len(), dates)
        };
        let (first, last) = (dates.iter().min().unwrap(), dates.iter().max().unwrap());
        let name = entry.file_name().unwrap().to_string_lossy().to_string();
        let pinned = CSV_FILES.iter().find(|p| p.0 == name);
        if let Some(&(_, format, n, g, f, l)) = pinned {
            seen += 1;
            assert_eq!(o.status, Status::Ok, "{name}");
            assert_eq!(
                (
                    o.format.name(),
                    rows,
                    groups,
                    first.to_string(),
                    last.to_string()
                ),
                (format, n, g, f.to_string(), l.to_string()),
                "{name}"
            );
        }
        match o.format.name() {
            // The half-marathon's per-second samples, 00:00:00 to 02:16:06.
            "polar_flow" => assert_eq!(d.activities[0].samples.len(), 8167),
            // 21 rows carry a perceived exertion.
            "strava_activities" => {
                assert_eq!(
                    d.activities.iter().filter(|a| a.meta.rpe.is_some()).count(),
                    21
                )
            }
            _ => {}
        }
    }
    assert_eq!(seen, CSV_FILES.len());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = runlift::ingest::discover(&[dir.to_path_buf()]).unwrap();
    out.sort();
    out
}
