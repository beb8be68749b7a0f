#!/usr/bin/env bash
# Open a report's index.html in headless Chromium (Debian's `chromium`
# package), check that every image rendered, and save a screenshot; then
# open share.html alone in an empty folder, so an image it does not carry
# inside itself cannot load.
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
# Prints "N/M" images loaded for the page at $1.
loaded_of() {
  "$browser" "${flags[@]}" --dump-dom "file://$1" 2>/dev/null \
    | grep -o 'data-images-loaded="[0-9]*/[0-9]*"' | grep -o '[0-9]*/[0-9]*' || true
}
# Fails unless every image of the page at $2 (named $1) rendered.
check() {
  local loaded total
  loaded=$(loaded_of "$2")
  echo "$1: ${loaded:-no answer} images loaded"
  total=${loaded#*/}
  if [ -z "$loaded" ] || [ "${loaded%/*}" != "$total" ] || [ "$total" = 0 ]; then
    echo "FAILED: not every image in $1 rendered" >&2
    exit 1
  fi
}
check index.html "$dir/index.html"
"$browser" "${flags[@]}" --window-size=1200,3000 --screenshot="$dir/../index-screenshot.png" \
  "file://$dir/index.html" >/dev/null 2>&1
echo "screenshot in $(cd "$dir/.." && pwd)/index-screenshot.png"
alone=$(mktemp -d)
trap 'rm -rf "$profile" "$alone"' EXIT
cp "$dir/share.html" "$alone/"
check "share.html (alone in an empty folder)" "$alone/share.html"
"$browser" "${flags[@]}" --window-size=412,3000 --screenshot="$dir/../share-screenshot.png" \
  "file://$alone/share.html" >/dev/null 2>&1
