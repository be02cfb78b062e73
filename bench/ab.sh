#!/usr/bin/env bash
# Side-by-side timing of two shadow-import binaries on the same generated
# export, interleaved (A B A B …) so the machine's noise hits both alike:
#
#   bench/ab.sh OLD_BINARY NEW_BINARY [CONTACTS]   # REPS=5 by default
#
# Prints each binary's median wall time and peak RSS, and NEW / OLD. Uses the
# export bench/run.sh generates (target/bench/CONTACTS), generating it if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 n=${3:-1000000} REPS=${REPS:-5}
dir=target/bench/$n
[ -f "$dir/manifest.json" ] || "$new" generate --contacts "$n" --seed 1 --defects 0.01 --out "$dir" >/dev/null
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -a ot om nt nm
for _ in $(seq "$REPS"); do
  for side in old new; do
    bin=${!side}
    out=$( { /usr/bin/time -f '%e %M' "$bin" run "$dir" --quiet --format json --output "$dir/ab-$side.json" || true; } 2>&1 | tail -1)
    [ -s "$dir/ab-$side.json" ] || { echo "$bin run $dir wrote no report" >&2; exit 1; }
    if [ "$side" = old ]; then ot+=("${out% *}"); om+=("${out#* }"); else nt+=("${out% *}"); nm+=("${out#* }"); fi
  done
done
o=$(printf '%s\n' "${ot[@]}" | median); nn=$(printf '%s\n' "${nt[@]}" | median)
omm=$(printf '%s\n' "${om[@]}" | median); nmm=$(printf '%s\n' "${nm[@]}" | median)
printf 'old %s: %.2f s, %d MB\nnew %s: %.2f s, %d MB\nnew / old: %s\n' "$old" "$o" $((omm / 1024)) "$new" "$nn" $((nmm / 1024)) \
  "$(awk -v a="$nn" -v b="$o" 'BEGIN { printf "%.3f", a / b }')"
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
old, new = (json.load(open(f"{d}/ab-{s}.json")) for s in ("old", "new"))
count = lambda r: {(t["id"], t["object"]): t["count"] for t in r["triggers"]}
same = all(count(new).get(k) == v for k, v in count(old).items())
print("trigger counts:", "identical" if same else f"DIFFER: {count(old)} vs {count(new)}")
sys.exit(0 if same else 1)
PY
rm -f "$dir"/ab-old.json "$dir"/ab-new.json
