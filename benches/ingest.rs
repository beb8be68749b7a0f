//! In-process timings for `make bench` (run by `scripts/bench.sh`; no
//! criterion: each step is long enough to time once, and the script prints
//! the numbers BENCHMARKS.md records).
//!
//! Usage: `cargo bench --bench ingest -- DATA_DIR [--floor-only]`
//!
//! Prints, single-threaded where it says so:
//! * raw fitparser decode of every FIT file (the reference decoder),
//! * the fast path on the same bytes, alone and with fitparser on the other
//!   messages it hands on (MB/s, records/s, times fitparser),
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
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("fit")))
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    let mb = files.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;

    // fitparser on whole files: what runlift did before the fast path (the reference).
    let t = Instant::now();
    let (mut records, mut refused) = (0usize, 0usize);
    for bytes in &files {
        match fitparser::from_bytes(bytes) {
            Ok(messages) => {
                records += (messages.iter())
                    .filter(|m| m.kind() == fitparser::profile::MesgNum::Record)
                    .count()
            }
            Err(_) => refused += 1,
        }
    }
    let floor = secs(t);
    let rate = |s: f64, n: usize| format!("{:.1} MB/s, {:.0} records/s", mb / s, n as f64 / s);
    println!(
        "fitparser decode, 1 thread: {} files ({refused} refused), {mb:.1} MB, {records} records in {floor:.2} s = {}",
        files.len(),
        rate(floor, records)
    );

    // The fast path alone, then with fitparser on the other messages it hands on.
    let t = Instant::now();
    let (mut fast_records, mut declined) = (0usize, 0usize);
    let mut rests = Vec::new();
    for bytes in &files {
        match runlift::fit::fast::decode(bytes, &runlift::ingest::fit::USED) {
            Ok(read) => {
                fast_records += read.records.len();
                rests.push(read.rest);
            }
            Err(_) => declined += 1,
        }
    }
    let fast = secs(t);
    let t = Instant::now();
    for rest in &rests {
        fitparser::from_bytes(rest).expect("the fast path's other messages decode");
    }
    let both = fast + secs(t);
    println!(
        "fast path, 1 thread: {fast:.3} s = {} ({:.1}x fitparser; {declined} files declined); with fitparser on the other messages {both:.3} s = {} ({:.1}x)",
        rate(fast, fast_records),
        floor / fast,
        rate(both, fast_records),
        floor / both
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
        "runlift FIT reader, 1 thread: {reader:.2} s = {:.0} records/s ({:+.0} % against fitparser decoding the files)",
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
        "cold ingest into the store: 1 thread {:.2} s ({:+.0} % against fitparser decoding the files), 2 threads {:.2} s ({:.2}x)",
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
