#!/usr/bin/env bash
# `make bench`, third part: a coach's roster of 50 simulated athletes (one
# 20-week season each, seeds 1-50), cold and warm `runlift roster` on the
# machine's cores, with peak memory. Timings, never assertions; BENCHMARKS.md
# records them.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
BIN="$TARGET/release/runlift"
DIR="$TARGET/bench-roster"
ATHLETES=${ATHLETES:-50}

cargo build --release --quiet
measure() { # label, then the command; prints wall seconds and peak RSS
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$DIR/time.log" "$@" > "$DIR/last.out" 2>&1
    read -r wall kb < "$DIR/time.log"
    printf '  %-34s %7.2f s  %6.0f MB peak RSS\n' "$label" "$wall" "$((kb / 1024))"
}

mkdir -p "$DIR/exports"
: > "$DIR/roster.toml"
for i in $(seq 1 "$ATHLETES"); do
    name=$(printf 'athlete-%02d' "$i")
    if [ ! -f "$DIR/exports/$name/truth.json" ]; then
        "$BIN" simulate --weeks 20 --seed "$i" --out "$DIR/exports/$name" >/dev/null
    fi
    printf '[[athletes]]\nname = "%s"\ndata = ["exports/%s"]\n\n' "$name" "$name" >> "$DIR/roster.toml"
done
files=$(find "$DIR/exports" -type f | wc -l)
mb=$(du -sm "$DIR/exports" | cut -f1)
echo "roster: $ATHLETES athletes, $files files, $mb MB; $(nproc) cores"
rm -rf "$DIR/out"
measure "cold (every file decoded)" "$BIN" roster --config "$DIR/roster.toml" --out "$DIR/out"
measure "warm (nothing changed)" "$BIN" roster --config "$DIR/roster.toml" --out "$DIR/out"
measure "re-render all (--force)" "$BIN" roster --config "$DIR/roster.toml" --out "$DIR/out" --force
