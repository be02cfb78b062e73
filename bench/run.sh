#!/usr/bin/env bash
# Benchmark: shadow-import's full rehearsal against the sqlite3 shell's own
# `.import --csv` of the same four files, on generated Salesforce-shaped
# exports of 100k and 1M contacts (Account N/4, Contact N, Opportunity N/2,
# OpportunityContactRole 0.8 N; 1% defects). One command:
#
#   bench/run.sh            # REPS=3 by default; the median is reported
#
# Installs the sqlite3 shell and GNU time from the system package manager when
# they are missing. Checks that the trigger counts equal the generator's
# manifest exactly. Data goes to target/bench/ (regenerated only if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-3}
SIZES=${SIZES:-"100000 1000000"}

need() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "installing $2 ..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q "$2" >/dev/null; else sudo apt-get install -y -q "$2" >/dev/null; fi
}
need sqlite3 sqlite3
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release --quiet
bin=target/release/shadow-import

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-10s %10s %8s %14s %14s %7s %12s %12s\n' contacts lines MB "sqlite3 (s)" "shadow (s)" ratio "sqlite3 RSS" "shadow RSS"
declare -A rss_of
for n in $SIZES; do
  dir=target/bench/$n
  if [ ! -f "$dir/manifest.json" ]; then
    $bin generate --contacts "$n" --seed 1 --defects 0.01 --out "$dir" >/dev/null
  fi
  files=("$dir"/data/Account.csv "$dir"/data/Contact.csv "$dir"/data/Opportunity.csv "$dir"/data/OpportunityContactRole.csv)
  rows=$(( $(cat "${files[@]}" | wc -l) ))
  mb=$(du -m -c "${files[@]}" | tail -1 | cut -f1)
  sq_t=(); sq_m=(); sh_t=(); sh_m=()
  for _ in $(seq "$REPS"); do
    rm -f "$dir/import.db"
    out=$( { /usr/bin/time -f '%e %M' sqlite3 "$dir/import.db" \
      ".import --csv ${files[0]} account" ".import --csv ${files[1]} contact" \
      ".import --csv ${files[2]} opportunity" ".import --csv ${files[3]} contact_role"; } 2>&1 | tail -1)
    sq_t+=("${out% *}"); sq_m+=("${out#* }")
    rm -f "$dir/report.json"
    out=$( { /usr/bin/time -f '%e %M' $bin run "$dir" --quiet --format json --output "$dir/report.json" || true; } 2>&1 | tail -1)
    # ROLLBACK (exit 1) is the expected verdict; a run that wrote no report failed
    # and its time means nothing.
    if [ ! -s "$dir/report.json" ]; then
      echo "shadow-import run $dir failed; not timing it:" >&2
      $bin run "$dir" --quiet >/dev/null || true
      exit 1
    fi
    sh_t+=("${out% *}"); sh_m+=("${out#* }")
  done
  rm -f "$dir/import.db"
  sq=$(printf '%s\n' "${sq_t[@]}" | median); sh=$(printf '%s\n' "${sh_t[@]}" | median)
  sqm=$(printf '%s\n' "${sq_m[@]}" | median); shm=$(printf '%s\n' "${sh_m[@]}" | median)
  rss_of[$n]=$shm
  ratio=$(awk -v a="$sh" -v b="$sq" 'BEGIN { printf "%.2f", a / b }')
  printf '%-10s %10d %8d %14.2f %14.2f %6sx %9d MB %9d MB\n' "$n" "$rows" "$mb" "$sq" "$sh" "$ratio" $((sqm / 1024)) $((shm / 1024))
  # The trigger values must equal the injected defects exactly.
  python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
m = json.load(open(f"{d}/manifest.json")); r = json.load(open(f"{d}/report.json"))
got = {(t["id"], t["object"]): t["count"] for t in r["triggers"]}
want = {("critical_blank", "contacts.email"): m["blank_emails"],
        ("unmapped_value", "deals.dealstage"): m["unknown_stages"],
        ("orphan_reference", "deal_contacts.right → contacts"): m["orphan_contact_roles"]}
bad = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
print("           manifest check:", "exact" if not bad else f"MISMATCH {bad}")
sys.exit(1 if bad else 0)
PY
done
set -- $SIZES
if [ $# -ge 2 ]; then
  awk -v a="${rss_of[$2]}" -v b="${rss_of[$1]}" -v x="$2" -v y="$1" 'BEGIN { printf "peak RSS at %s / at %s: %.2f\n", x, y, a / b }'
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sqlite3 --version | cut -d' ' -f1) shell"
