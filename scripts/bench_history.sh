#!/usr/bin/env bash
# `make bench`, second part: how time and peak memory grow with the length
# of the history. Timings, never assertions; BENCHMARKS.md records them.
#
# For 1, 3 and 13 years (seed 11, from 2014-01-06) the simulator writes runs,
# a Strong log and, as real exports hold, rides (1–5 h at 1 Hz), pool swims
# and monthly 4–8 h hikes (`--other-sports`). The newest week is held back.
# Per length: cold report on 2 threads, warm re-run, one new week, and the
# single-thread fitparser and fast-path decode times for the same FIT files;
# then both decoders on ../shared/corpus and ../shared/realdata where present.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
BIN="$TARGET/release/runlift"
DIR="$TARGET/bench-history"
LENGTHS=${LENGTHS:-"52 157 676"}

cargo build --release --quiet
# shellcheck source=scripts/measure.sh
source scripts/measure.sh  # (the script has cd to the repository)

mkdir -p "$DIR"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB memory; binary $(du -m "$BIN" | cut -f1) MB"
for weeks in $LENGTHS; do
    full="$DIR/full-$weeks"
    if [ ! -f "$full/truth.json" ]; then
        rm -rf "$full"
        "$BIN" simulate --weeks "$weeks" --seed 11 --start 2014-01-06 --other-sports --out "$full" >/dev/null
    fi
    # Everything but the newest week's files goes into data/.
    data="$DIR/data-$weeks" out="$DIR/out-$weeks" new="$DIR/new-$weeks"
    rm -rf "$data" "$out" "$new"
    last=$(ls "$full/runs" | sort | tail -1)
    cut_day=$(date -d "${last:0:10} -6 days" +%F)
    mkdir -p "$data/runs" "$data/other" "$data/gym" "$new"
    cp "$full/runlift.toml" "$data/"
    for f in "$full"/runs/*.fit "$full"/other/*.fit; do
        name=$(basename "$f"); sub=$(basename "$(dirname "$f")")
        if [[ "${name:0:10}" < "$cut_day" ]]; then cp "$f" "$data/$sub/"; else cp "$f" "$new/"; fi
    done
    awk -F, -v cut="$cut_day" 'NR == 1 || substr($1, 1, 10) < cut' \
        "$full/gym/strong.csv" > "$data/gym/strong.csv"
    echo "$((weeks / 52)) year(s), $weeks weeks: $(ls "$data/runs" | wc -l) runs, $(ls "$data/other" | wc -l) other activities, $(du -sm "$data" | cut -f1) MB; $(ls "$new" | wc -l) files in the held-back week"
    measure "cold report, --jobs 2" "$BIN" report --data "$data" --out "$out" --jobs 2
    measure "warm re-run, no new files" "$BIN" report --data "$data" --out "$out"
    cp "$new"/*.fit "$data/runs/"
    cp "$full/gym/strong.csv" "$data/gym/strong.csv"
    measure "one new week" "$BIN" report --data "$data" --out "$out"
    measure "re-render from the store (--force)" "$BIN" report --data "$data" --out "$out" --force
    echo "  records: $("$BIN" ingest "$data" --out "$out" | sed -n 's/.* activities, \([0-9]*\) samples.*/\1/p')"
    cargo bench --quiet --bench ingest -- "$data" --floor-only 2>/dev/null | sed 's/^/  /'
    du -sm "$out/.store" | awk '{print "  store on disk: " $1 " MB"}'
done

# Both FIT decoders on real devices' files, where the shared folders are here.
for dir in ../shared/corpus/fit ../shared/realdata/*/; do
    [ -n "$(find "$dir" -iname '*.fit' -print -quit 2>/dev/null)" ] || continue
    echo "decoders on $dir:"
    cargo bench --quiet --bench ingest -- "$dir" --floor-only 2>/dev/null | sed 's/^/  /'
done
