#!/usr/bin/env bash
# `make bench`: measure runlift on three years of simulated exports and print
# the numbers BENCHMARKS.md records. Timings, never assertions.
#
# 1. Simulates 157 weeks (736 runs, about 2.4 M records, plus a Strong log)
#    once into target/bench/full; the last week is held back.
# 2. Whole-process runs, wall time and peak RSS from /usr/bin/time:
#    cold report with 1 and 2 decoding threads (empty store), warm re-run
#    with no new files, incremental run after one new week of files (and
#    the gym app's new full export), forced re-render from the store.
# 3. In-process timings (benches/ingest.rs): raw fitparser decode on one
#    thread (the floor), runlift's FIT reader, cold ingest on 1 and 2
#    threads, load, analysis + rendering alone.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
BIN="$TARGET/release/runlift"
DIR="$TARGET/bench"
WEEKS=157
SEED=11

cargo build --release --quiet
if [ ! -f "$DIR/full/truth.json" ]; then
    rm -rf "$DIR/full"
    "$BIN" simulate --weeks "$WEEKS" --seed "$SEED" --out "$DIR/full" >/dev/null
fi

# The newest week is held back for the incremental run.
last_run=$(ls "$DIR/full/runs" | sort | tail -1)
cut_day=$(date -d "${last_run:0:10} -6 days" +%F)
reset_data() {
    rm -rf "$DIR/data" "$DIR/out"
    mkdir -p "$DIR/data/runs" "$DIR/data/gym" "$DIR/new/runs"
    cp "$DIR/full/runlift.toml" "$DIR/data/"
    for f in "$DIR/full/runs/"*.fit; do
        name=$(basename "$f")
        if [[ "${name:0:10}" < "$cut_day" ]]; then cp "$f" "$DIR/data/runs/"; else cp "$f" "$DIR/new/runs/"; fi
    done
    awk -F, -v cut="$cut_day" 'NR == 1 || substr($1, 1, 10) < cut' \
        "$DIR/full/gym/strong.csv" > "$DIR/data/gym/strong.csv"
}

MEASURE_LABEL="%-46s"
# shellcheck source=scripts/measure.sh
source scripts/measure.sh  # (the script has cd to the repository)

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB memory"
reset_data
runs=$(ls "$DIR/data/runs" | wc -l)
mb=$(du -sm "$DIR/data" | cut -f1)
echo "history: $runs FIT files held ($mb MB), $(ls "$DIR/new/runs" | wc -l) more in the held-back week from $cut_day"

measure "cold report, --jobs 1 (empty store)" "$BIN" report --data "$DIR/data" --out "$DIR/out" --jobs 1
records=$("$BIN" ingest "$DIR/data" --out "$DIR/out" | sed -n 's/.* activities, \([0-9]*\) samples.*/\1/p')
echo "  records: $records"
rm -rf "$DIR/out"
measure "cold report, --jobs 2 (empty store)" "$BIN" report --data "$DIR/data" --out "$DIR/out" --jobs 2
measure "warm re-run, no new files" "$BIN" report --data "$DIR/data" --out "$DIR/out"
grep -q "report up to date" "$DIR/last.out" && echo "  (report up to date: not rendered again)"
cp "$DIR/new/runs/"*.fit "$DIR/data/runs/"
cp "$DIR/full/gym/strong.csv" "$DIR/data/gym/strong.csv"
measure "incremental run, one new week of files" "$BIN" report --data "$DIR/data" --out "$DIR/out"
grep "files decoded" "$DIR/last.out" | sed 's/^/  /'
measure "re-render from the store (--force)" "$BIN" report --data "$DIR/data" --out "$DIR/out" --force

echo "in-process (benches/ingest.rs):"
cargo bench --quiet --bench ingest -- "$DIR/data" 2>/dev/null | sed 's/^/  /'
