//! In-process timings for `make bench` (run by `scripts/bench.sh`; no
//! criterion: each step is long enough to time once, and the script prints
//! the numbers BENCHMARKS.md records).
//!
//! Usage: `cargo bench --bench ingest -- DATA_DIR [--floor-only]`
//!
//! Prints, single-threaded where it says so:
//! * raw fitparser decode of every FIT file (the floor of what decoding costs),
//! * runlift's FIT reader on the same bytes (decode + columns + hash),
//! * stages of a report run on a warm store: load, analysis + rendering.

use runlift::config::{self, Overrides};
use runlift::ingest::{self, ReadContext};
use runlift::pipeline::{self, IngestOptions};
use runlift::report::{self, BuiltFrom};
use std::path::PathBuf;
use std::time::Instant;

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn main() {
    let data = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .expect("usage: cargo bench --bench ingest -- DATA_DIR");
    let files: Vec<Vec<u8>> = ingest::discover(std::slice::from_ref(&data))
        .expect("data folder")
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "fit"))
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    let mb = files.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;

    let t = Instant::now();
    let mut records = 0usize;
    for bytes in &files {
        let messages = fitparser::from_bytes(bytes).expect("simulated files decode");
        records += (messages.iter())
            .filter(|m| m.kind() == fitparser::profile::MesgNum::Record)
            .count();
    }
    let floor = secs(t);
    println!(
        "fitparser decode, 1 thread: {} files, {mb:.1} MB, {records} records in {floor:.2} s = {:.1} MB/s, {:.0} records/s",
        files.len(),
        mb / floor,
        records as f64 / floor
    );
    if std::env::args().any(|a| a == "--floor-only") {
        return;
    }

    let ctx = ReadContext::default();
    let t = Instant::now();
    for bytes in &files {
        let o = ingest::read_bytes(std::path::Path::new("bench.fit"), bytes, &ctx);
        assert_eq!(o.status, ingest::Status::Ok);
    }
    let reader = secs(t);
    println!(
        "runlift FIT reader, 1 thread: {reader:.2} s = {:.0} records/s ({:+.0} % over the decode floor)",
        records as f64 / reader,
        100.0 * (reader / floor - 1.0)
    );

    let settings = config::load(Some(data.join("runlift.toml")), Overrides::default())
        .expect("runlift.toml in the data folder");
    let out = tempfile_dir();
    let opts = IngestOptions {
        store: out.join(".store"),
        rebuild: false,
        progress: false,
        exclude: vec![],
    };
    let mut cold = Vec::new();
    for threads in [1, 2] {
        let _ = std::fs::remove_dir_all(&opts.store);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let t = Instant::now();
        let synced = pool.install(|| {
            pipeline::sync(std::slice::from_ref(&data), &settings.read_context(), &opts)
        });
        cold.push(secs(t));
        drop(synced.expect("ingest"));
    }
    println!(
        "cold ingest into the store: 1 thread {:.2} s ({:+.0} % over the decode floor), 2 threads {:.2} s ({:.2}x)",
        cold[0],
        100.0 * (cold[0] / floor - 1.0),
        cold[1],
        cold[0] / cold[1]
    );
    let t = Instant::now();
    let synced = pipeline::sync(std::slice::from_ref(&data), &settings.read_context(), &opts)
        .expect("ingest");
    let built = BuiltFrom::new(&synced, &settings);
    let warm_sync = secs(t);
    let t = Instant::now();
    let ingested = synced.load().expect("load");
    let load = secs(t);
    let t = Instant::now();
    report::render(
        &ingested,
        std::slice::from_ref(&data),
        &out,
        &settings,
        &built,
    )
    .expect("report");
    let render = secs(t);
    println!(
        "warm check {warm_sync:.3} s; load + duplicates {load:.2} s; analysis + rendering {render:.2} s"
    );
    let _ = std::fs::remove_dir_all(&out);
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("runlift-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
