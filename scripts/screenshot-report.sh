#!/usr/bin/env bash
# Renders a scenario's HTML report to a PNG with headless Chromium, to look at
# the page as a person will. Needs Debian's chromium package
# (apt-get install chromium; or CHROMIUM=/path/to/chrome); nothing is fetched
# from the network. Used by scripts/test-html-in-chromium.sh.
#   scripts/screenshot-report.sh scenarios/opportunity-contact-roles-missed report.png [1200x1500]
set -euo pipefail
scenario=${1:?scenario folder}
png=${2:-report.png}
size=${3:-1200x1500}
chromium=${CHROMIUM:-chromium}
html=$(mktemp --suffix=.html)
profile=$(mktemp -d)
trap 'rm -rf "$html" "$profile"' EXIT
# The report's exit code is the verdict (1 for ROLLBACK): not an error here.
cargo run --release --quiet -- run "$scenario" --format html --output "$html" --quiet || [ $? -eq 1 ]
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size="${size/x/,}" \
  --screenshot="$png" "file://$html" 2>/dev/null
echo "wrote $png"
