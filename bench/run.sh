#!/usr/bin/env bash
# Benchmark: shadow-import's full rehearsal against two peers, in the same
# run: the sqlite3 shell's own `.import --csv` of the same four files (which
# checks nothing), and a DuckDB script (bench/duckdb_check.py) that loads
# them and counts the same defects by hand-written SQL. On generated Salesforce-shaped
# exports of 100k and 1M contacts (Account N/4, Contact N, Opportunity N/2,
# OpportunityContactRole 0.8 N; 1% defects). One command:
#
#   bench/run.sh            # REPS=3 by default; the median is reported
#
# Installs the sqlite3 shell and GNU time from the system package manager when
# they are missing, and DuckDB from PyPI into target/bench/venv. Checks that
# the trigger counts, and DuckDB's, equal the generator's manifest exactly.
# Data goes to target/bench/ (regenerated only if missing).
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
venv=target/bench/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  echo "installing duckdb from PyPI into $venv ..." >&2
  python3 -m venv "$venv" && "$venv/bin/pip" install -q duckdb >&2
fi
duck="$venv/bin/python bench/duckdb_check.py"

cargo build --release --quiet
bin=target/release/shadow-import

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-10s %10s %8s %12s %12s %12s %8s %8s %12s %12s %12s\n' contacts lines MB \
  "sqlite3 (s)" "duckdb (s)" "shadow (s)" "/sqlite3" "/duckdb" "sqlite3 RSS" "duckdb RSS" "shadow RSS"
declare -A rss_of
for n in $SIZES; do
  dir=target/bench/$n
  if [ ! -f "$dir/manifest.json" ]; then
    $bin generate --contacts "$n" --seed 1 --defects 0.01 --out "$dir" >/dev/null
  fi
  files=("$dir"/data/Account.csv "$dir"/data/Contact.csv "$dir"/data/Opportunity.csv "$dir"/data/OpportunityContactRole.csv)
  rows=$(( $(cat "${files[@]}" | wc -l) ))
  mb=$(du -m -c "${files[@]}" | tail -1 | cut -f1)
  sq_t=(); sq_m=(); sh_t=(); sh_m=(); dk_t=(); dk_m=(); tmp_k=()
  for _ in $(seq "$REPS"); do
    rm -f "$dir/import.db"
    out=$( { /usr/bin/time -f '%e %M' sqlite3 "$dir/import.db" \
      ".import --csv ${files[0]} account" ".import --csv ${files[1]} contact" \
      ".import --csv ${files[2]} opportunity" ".import --csv ${files[3]} contact_role"; } 2>&1 | tail -1)
    sq_t+=("${out% *}"); sq_m+=("${out#* }")
    out=$( { /usr/bin/time -f '%e %M' $duck "$dir" > "$dir/duckdb.json"; } 2>&1 | tail -1)
    dk_t+=("${out% *}"); dk_m+=("${out#* }")
    rm -f "$dir/report.json"
    # The shadow and its scratch files live in TMPDIR: its peak size, polled.
    rm -rf "$dir/tmp"; mkdir -p "$dir/tmp"
    ( peak=0; while :; do k=$(du -sk "$dir/tmp" 2>/dev/null | cut -f1); [ "${k:-0}" -gt "$peak" ] && peak=$k && echo "$peak" > "$dir/tmp.peak"; sleep 0.2; done ) &
    poller=$!
    out=$( { TMPDIR=$dir/tmp /usr/bin/time -f '%e %M' $bin run "$dir" --quiet --format json --output "$dir/report.json" || true; } 2>&1 | tail -1)
    kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null || true
    tmp_k+=("$(cat "$dir/tmp.peak" 2>/dev/null || echo 0)")
    # ROLLBACK (exit 1) is the expected verdict; a run that wrote no report failed
    # and its time means nothing.
    if [ ! -s "$dir/report.json" ]; then
      echo "shadow-import run $dir failed; not timing it:" >&2
      $bin run "$dir" --quiet >/dev/null || true
      exit 1
    fi
    sh_t+=("${out% *}"); sh_m+=("${out#* }")
  done
  rm -rf "$dir/import.db" "$dir/tmp" "$dir/tmp.peak"
  tmpk=$(printf '%s\n' "${tmp_k[@]}" | sort -n | tail -1)
  sq=$(printf '%s\n' "${sq_t[@]}" | median); sh=$(printf '%s\n' "${sh_t[@]}" | median)
  sqm=$(printf '%s\n' "${sq_m[@]}" | median); shm=$(printf '%s\n' "${sh_m[@]}" | median)
  dk=$(printf '%s\n' "${dk_t[@]}" | median); dkm=$(printf '%s\n' "${dk_m[@]}" | median)
  rss_of[$n]=$shm
  r_sq=$(awk -v a="$sh" -v b="$sq" 'BEGIN { printf "%.2f", a / b }')
  r_dk=$(awk -v a="$sh" -v b="$dk" 'BEGIN { printf "%.2f", a / b }')
  printf '%-10s %10d %8d %12.2f %12.2f %12.2f %7sx %7sx %9d MB %9d MB %9d MB\n' "$n" "$rows" "$mb" \
    "$sq" "$dk" "$sh" "$r_sq" "$r_dk" $((sqm / 1024)) $((dkm / 1024)) $((shm / 1024))
  awk -v t="$tmpk" -v m="$mb" 'BEGIN { printf "           temporary disk at peak: %d MB, %.2fx the input\n", t / 1024, t / 1024 / m }'
  # The trigger values must equal the injected defects exactly.
  python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
m = json.load(open(f"{d}/manifest.json")); r = json.load(open(f"{d}/report.json"))
duck = json.load(open(f"{d}/duckdb.json"))
off = {k: (duck[k], m[k]) for k in ["blank_emails", "unknown_stages", "orphan_contact_roles"] if duck[k] != m[k]}
got_deals = next(t["count"] for t in r["triggers"] if t["id"] == "missing_relationship")
if duck["deals_without_contact"] != got_deals:
    off["deals_without_contact"] = (duck["deals_without_contact"], got_deals)
print("           duckdb check:", "exact" if not off else f"MISMATCH {off}")
got = {(t["id"], t["object"]): t["count"] for t in r["triggers"]}
want = {("critical_blank", "contacts.email"): m["blank_emails"],
        ("unmapped_value", "deals.dealstage"): m["unknown_stages"],
        ("orphan_reference", "deal_contacts.right → contacts"): m["orphan_contact_roles"]}
bad = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
print("           manifest check:", "exact" if not bad else f"MISMATCH {bad}")
sys.exit(1 if bad or off else 0)
PY
done
set -- $SIZES
if [ $# -ge 2 ]; then
  awk -v a="${rss_of[$2]}" -v b="${rss_of[$1]}" -v x="$2" -v y="$1" 'BEGIN { printf "peak RSS at %s / at %s: %.2f\n", x, y, a / b }'
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sqlite3 --version | cut -d' ' -f1) shell"
