#!/usr/bin/env bash
# Renders a scenario's HTML report to a PNG with headless Chromium, to look at
# the page as a person will. Needs Debian's chromium package
# (apt-get install chromium); nothing is fetched from the network.
#   scripts/screenshot-report.sh scenarios/opportunity-contact-roles-missed report.png
set -euo pipefail
scenario=${1:?scenario folder}
png=${2:-report.png}
html=$(mktemp --suffix=.html)
profile=$(mktemp -d)
trap 'rm -rf "$html" "$profile"' EXIT
cargo run --release --quiet -- run "$scenario" --format html --output "$html" || true
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1200,1500 --screenshot="$png" "file://$html" 2>/dev/null
echo "wrote $png"
