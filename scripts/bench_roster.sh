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
# shellcheck source=scripts/measure.sh
source scripts/measure.sh  # (the script has cd to the repository)

mkdir -p "$DIR/exports"
: > "$DIR/roster.toml"
for i in $(seq 1 "$ATHLETES"); do
    name=$(printf 'athlete-%02d' "$i")
    if [ ! -f "$DIR/exports/$name/truth.json" ]; then
        "$BIN" simulate --weeks 20 --seed "$i" --out "$DIR/exports/$name" >/dev/null
    fi
    printf '[[athletes]]\nname = "%s"\ndata = ["exports/%s"]\n\n' "$name" "$name" >> "$DIR/roster.toml"
done
dirs=$(for i in $(seq 1 "$ATHLETES"); do printf '%s/exports/athlete-%02d ' "$DIR" "$i"; done)
# shellcheck disable=SC2086 # one word per athlete's folder
files=$(find $dirs -type f | wc -l)
# shellcheck disable=SC2086
mb=$(du -scm $dirs | tail -1 | cut -f1)
echo "roster: $ATHLETES athletes, $files files, $mb MB; $(nproc) cores"
rm -rf "$DIR/out"
measure "cold (every file decoded)" "$BIN" roster --config "$DIR/roster.toml" --out "$DIR/out"
measure "warm (nothing changed)" "$BIN" roster --config "$DIR/roster.toml" --out "$DIR/out"
measure "re-render all (--force)" "$BIN" roster --config "$DIR/roster.toml" --out "$DIR/out" --force
