#!/usr/bin/env bash
# Heat adjustment on seasons it was not tuned on (issue #10): 20 seeds of a
# strength season and 20 of a control season, each with a heat model drawn
# per seed (threshold 5-20 C, 0.2-1.0 bpm/C, weather sd 2-5 C, warming within
# runs, a wrist sensor reading warm) in a season warming from 4 to 24 C.
# Prints, per seed, runlift's change in speed at the reference heart rate,
# its 95 % interval and the truth, then how many seeds meet the issue's
# targets. A measurement, not a test: it asserts nothing.
#
# usage: scripts/heat_check.sh [BIN] [smart|every-second] [WEEKS] [FIRST_SEED] [SIMULATE ARGS...]
# (seeds FIRST_SEED .. FIRST_SEED + 19; default 1). Further arguments go to
# `simulate`, e.g. `--base-gain 6 --block-week 10` for a runner who builds
# base while it warms (the control season has no block, so no base gain).
set -euo pipefail
BIN=${1:-target/release/runlift}
REC=${2:-smart}
WEEKS=${3:-20}
FIRST=${4:-1}
shift $(($# < 4 ? $# : 4))
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for scenario in strength control; do
  for seed in $(seq "$FIRST" $((FIRST + 19))); do
    d="$TMP/$scenario-$seed"
    "$BIN" simulate --scenario "$scenario" --seed "$seed" --weeks "$WEEKS" \
      --heat-model drawn --recording "$REC" "$@" --out "$d/data" >/dev/null
    "$BIN" report --data "$d/data" --out "$d/out" >/dev/null 2>&1 || true
  done
done
python3 - "$TMP" "$FIRST" <<'PY'
import json, sys, os
tmp, first = sys.argv[1], int(sys.argv[2])
for scenario in ("strength", "control"):
    near = cover = small = n = 0
    print(f"{scenario}: seed  T0   bpm/C  change  [95 % interval]  truth  heat note")
    for seed in range(first, first + 20):
        d = f"{tmp}/{scenario}-{seed}"
        truth = json.load(open(f"{d}/data/truth.json"))
        try:
            s = json.load(open(f"{d}/out/latest/summary.json"))
        except OSError:
            print(f"  {seed:2d}  no report"); continue
        e = s["effort"]["speed_at_reference_hr"]
        t = (truth.get("effort") or {}).get("speed_at_reference_hr", {}).get("change_pct")
        h = truth["heat_model"]
        c, ci = e.get("change_pct"), e.get("ci95_pct")
        note = s["effort"]["temperature"]["note"][:60]
        if c is None or t is None:
            print(f"  {seed:2d}  {h['threshold_c']:4.1f}  {h['bpm_per_c']:.2f}  none ({e.get('reason')})"); continue
        n += 1
        near += abs(c - t) <= 1.5
        cover += ci[0] <= t <= ci[1]
        small += abs(c) < 1
        print(f"  {seed:2d}  {h['threshold_c']:4.1f}  {h['bpm_per_c']:.2f}  {c:+6.2f}  [{ci[0]:+6.2f}, {ci[1]:+6.2f}]  {t:+5.2f}  {note}")
    if scenario == "strength":
        print(f"strength: within 1.5 points of the truth in {near} of {n}; interval covers it in {cover} of {n} (target: 17 of 20 each)")
    else:
        print(f"control: |change| < 1 in {small} of {n} (target: 17 of 20)")
PY
