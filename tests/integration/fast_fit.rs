//! The fast FIT path against fitparser, file by file: every FIT file of the
//! simulator, of `../shared/corpus` and of `../shared/realdata` (skipped,
//! with a message, where those folders are absent) is read both ways, and
//! the activities, samples (bit for bit), sets and warnings must be the
//! same. A differential fuzz does the same on mutated files.

use crate::common::{shared, sim_options, sim_recorded};
use rand::{Rng, SeedableRng};
use runlift::ingest::fit::{Via, read_via};
use runlift::ingest::{Decoded, ReadContext};
use runlift::simulate::{Recording, Scenario, simulate};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The FIT files under `dir`, as (name, bytes): `.fit`, `.fit.gz` and the
/// FIT members of zips.
fn fit_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = walk(dir);
    paths.sort();
    for p in paths {
        let name = p.display().to_string();
        let lower = name.to_lowercase();
        let bytes = std::fs::read(&p).unwrap();
        if lower.ends_with(".fit") {
            out.push((name, bytes));
        } else if lower.ends_with(".fit.gz") {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut raw)
                .unwrap();
            out.push((name, raw));
        } else if lower.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut member = zip.by_index(i).unwrap();
                if member.name().to_lowercase().ends_with(".fit") {
                    let mut raw = Vec::new();
                    member.read_to_end(&mut raw).unwrap();
                    out.push((format!("{name}!{}", member.name()), raw));
                }
            }
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// What a read gave, in a form where equal text means equal values (f64
/// Debug round-trips), and which decoder took it.
fn read(name: &str, bytes: &[u8], via: Via) -> (String, String) {
    let ctx = ReadContext::default();
    match read_via(Path::new(name), bytes, &ctx, via) {
        Ok(d) => (shown(&d), d.decoder),
        Err(e) => (format!("error: {e}"), String::new()),
    }
}

fn shown(d: &Decoded) -> String {
    format!("{:?}\n{:?}\n{:?}", d.activities, d.sets, d.warnings)
}

/// Tally of one folder: files each path took, and the reasons for fitparser.
#[derive(Default)]
struct Tally {
    fast: usize,
    fitparser: Vec<String>,
    neither: usize,
}

/// Read every file both ways; panics on the first difference.
fn conform(files: &[(String, Vec<u8>)]) -> Tally {
    let mut t = Tally::default();
    for (name, bytes) in files {
        let (fast, decoder) = read(name, bytes, Via::Fast);
        let (reference, _) = read(name, bytes, Via::Fitparser);
        if fast != reference {
            let at = fast
                .chars()
                .zip(reference.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let from = at.saturating_sub(80);
            panic!(
                "{name}: the fast path ({decoder}) differs from fitparser at char {at}:\n fast: …{}\n  ref: …{}",
                &fast[from..(at + 80).min(fast.len())],
                &reference[from..(at + 80).min(reference.len())]
            );
        }
        match decoder.as_str() {
            "fast" => t.fast += 1,
            // Not a workout, or unreadable either way (the same error both ways).
            "" => t.neither += 1,
            other => t.fitparser.push(format!("{name}: {other}")),
        }
    }
    t
}

fn report(what: &str, files: usize, t: &Tally) {
    eprintln!(
        "{what}: {files} FIT files, {} by the fast path, {} by fitparser",
        t.fast,
        t.fitparser.len()
    );
    for line in t.fitparser.iter().take(20) {
        eprintln!("  {line}");
    }
}

#[test]
fn the_fast_path_reads_every_simulated_file_as_fitparser_does() {
    let dir = tempfile::tempdir().unwrap();
    // Every recording mode, other sports (rides, swims, hikes) and a city season with stops.
    for (k, recording) in [Recording::Smart, Recording::EverySecond]
        .into_iter()
        .enumerate()
    {
        let d = dir.path().join(format!("rec{k}"));
        sim_recorded(
            &d,
            Scenario::Strength,
            6,
            20 + k as u64,
            "2026-01-05",
            recording,
        );
    }
    let mut opts = sim_options(
        &dir.path().join("other"),
        Scenario::Strength,
        6,
        31,
        "2026-01-05",
    );
    opts.other_sports = true;
    simulate(&opts).unwrap();
    let mut city = sim_options(
        &dir.path().join("city"),
        Scenario::Strength,
        6,
        32,
        "2026-01-05",
    );
    city.city = true;
    simulate(&city).unwrap();
    let files = fit_files(dir.path());
    assert!(files.len() > 40, "{} files", files.len());
    let t = conform(&files);
    report("simulator", files.len(), &t);
    assert!(
        t.fitparser.is_empty(),
        "the simulator's files all take the fast path: {:?}",
        t.fitparser
    );
}

#[test]
fn the_fast_path_reads_the_corpus_as_fitparser_does() {
    let Some(dir) = shared("corpus") else { return };
    let files = fit_files(&dir.join("fit"));
    let t = conform(&files);
    report("corpus", files.len(), &t);
    assert!(
        t.fast * 10 >= files.len() * 8,
        "at least 80 % by the fast path: {}",
        t.fast
    );
}

#[test]
fn the_fast_path_reads_the_real_seasons_as_fitparser_does() {
    let Some(dir) = shared("realdata") else {
        return;
    };
    for season in ["qianjiawen-coros-2023-2026", "x3cl-garmin-2013-2015"] {
        let files = fit_files(&dir.join(season));
        let t = conform(&files);
        report(season, files.len(), &t);
        assert!(
            t.fast * 100 >= files.len() * 95,
            "{season}: at least 95 % by the fast path"
        );
    }
}

/// `bytes` with both CRCs of its one segment made good again.
fn fix_crcs(bytes: &mut [u8]) {
    let header = usize::from(bytes[0]);
    if header == 14 {
        let h = runlift::fit::crc16(0, &bytes[..12]);
        bytes[12..14].copy_from_slice(&h.to_le_bytes());
    }
    let n = bytes.len();
    let c = runlift::fit::crc16(0, &bytes[..n - 2]);
    bytes[n - 2..].copy_from_slice(&c.to_le_bytes());
}

#[test]
fn mutated_files_read_the_same_both_ways_whenever_both_read_them() {
    let dir = tempfile::tempdir().unwrap();
    sim_recorded(
        dir.path(),
        Scenario::Strength,
        6,
        41,
        "2026-01-05",
        Recording::Smart,
    );
    let mut files = fit_files(dir.path());
    files.truncate(6);
    if let Some(corpus) = shared("corpus") {
        // Single-segment files only, so that the CRCs can be mended after mutation.
        let one = |b: &Vec<u8>| {
            let size = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
            usize::from(b[0]) + size + 2 == b.len()
        };
        files.extend(
            fit_files(&corpus.join("fit"))
                .into_iter()
                .filter(|(_, b)| b.len() > 16 && one(b))
                .step_by(9),
        );
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x9E37_79B9_7F4A_7C15);
    let mut next = move || rng.r#gen::<u64>() as usize;
    let (mut compared, mut declined) = (0, 0);
    for (name, bytes) in &files {
        for _ in 0..60 {
            let mut b = bytes.clone();
            let header = usize::from(b[0]);
            for _ in 0..1 + next() % 4 {
                let at = header + next() % (b.len() - header - 2);
                b[at] = next() as u8;
            }
            fix_crcs(&mut b);
            // fitparser itself may refuse or panic on garbage: only files both read are compared.
            let whole =
                std::panic::catch_unwind(|| fitparser::from_bytes(&b).is_ok()).unwrap_or(false);
            let (fast, decoder) = read(name, &b, Via::Fast);
            if decoder != "fast" {
                declined += 1;
                continue;
            }
            if !whole {
                continue;
            }
            let Ok((reference, _)) = std::panic::catch_unwind(|| read(name, &b, Via::Fitparser))
            else {
                continue;
            };
            assert_eq!(fast, reference, "{name}: a mutation read differently");
            compared += 1;
        }
    }
    eprintln!(
        "mutations: {compared} read the same both ways, {declined} declined by the fast path"
    );
    assert!(compared > 100, "{compared} mutations compared");
}
