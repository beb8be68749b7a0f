#!/usr/bin/env bash
# Open a report's index.html in headless Chromium (Debian's `chromium`
# package), check that every image rendered, and save a screenshot.
# Usage: scripts/check_html.sh REPORT_DIR   (e.g. reports/latest)
set -euo pipefail
dir=$(cd "${1:?usage: check_html.sh REPORT_DIR}" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium not found (apt-get install chromium)" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Flags: no sandbox as root, no GPU, and no background network traffic.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile" --virtual-time-budget=10000)
dom=$("$browser" "${flags[@]}" --dump-dom "file://$dir/index.html" 2>/dev/null)
loaded=$(grep -o 'data-images-loaded="[0-9]*/[0-9]*"' <<<"$dom" | grep -o '[0-9]*/[0-9]*' || true)
"$browser" "${flags[@]}" --window-size=1200,3000 --screenshot="$dir/../index-screenshot.png" \
  "file://$dir/index.html" >/dev/null 2>&1
echo "index.html: ${loaded:-no answer} images loaded; screenshot in $(cd "$dir/.." && pwd)/index-screenshot.png"
total=${loaded#*/}
if [ -z "$loaded" ] || [ "${loaded%/*}" != "$total" ] || [ "$total" = 0 ]; then
  echo "FAILED: not every image in index.html rendered" >&2
  exit 1
fi
