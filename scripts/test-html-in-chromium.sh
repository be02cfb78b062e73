#!/usr/bin/env bash
# Checks that the HTML report renders in headless Chromium as it should:
# the incident scenario's page, screenshotted by scripts/screenshot-report.sh,
# must show the red ROLLBACK banner at the top, the yellow box of the warning
# that explains the failure inside it, and a red failure bar below; and the
# DOM Chromium builds must hold the failures before the warnings and the
# passing checks collapsed. Exits 0 when all hold, 1 when one does not, and
# 0 with SKIPPED when Chromium is not installed (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=${CHROMIUM:-chromium}
if ! command -v "$chromium" >/dev/null; then
  echo "SKIPPED: $chromium not installed (apt-get install chromium)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario=scenarios/opportunity-contact-roles-missed
scripts/screenshot-report.sh "$scenario" "$work/page.png" 1200x900 >/dev/null

# The DOM as Chromium parsed it.
cargo run --release --quiet -- run "$scenario" --format html --output "$work/page.html" --quiet || [ $? -eq 1 ]
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --dump-dom "file://$work/page.html" 2>/dev/null > "$work/dom.html"

python3 - "$work/page.png" "$work/dom.html" <<'PY'
import struct, sys, zlib

def pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG (what Chromium writes) into rows."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"PNG depth {depth} colour {colour}"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows

width, height, rows = pixels(sys.argv[1])
def count(colour, top, bottom):
    return sum(row.count(colour) for row in rows[top:bottom])
failures = []
banner = count((0xcf, 0x22, 0x2e), 0, 260)    # the ROLLBACK banner
why = count((0xff, 0xf8, 0xc5), 0, 260)       # the explaining warning's box in it
bar = count((0xe5, 0x53, 0x4b), 260, height)  # a failure's bar below
if (width, height) != (1200, 900): failures.append(f"page is {width}x{height}")
if banner < 50_000: failures.append(f"banner red pixels: {banner}")
if why < 10_000: failures.append(f"explaining box pixels in the banner: {why}")
if bar < 5_000: failures.append(f"failure bar pixels: {bar}")

dom = open(sys.argv[2], encoding="utf-8").read()
order = [dom.find(t) for t in ("<h2>Failures</h2>", "<h2>Warnings</h2>", "<h2>Passing checks</h2>")]
if -1 in order or order != sorted(order): failures.append(f"section order in the DOM: {order}")
if "<details><summary>18 checks passed</summary>" not in dom: failures.append("passing checks not collapsed")
if "Why: <code>unmapped_file</code>" not in dom: failures.append("no explaining warning in the banner")
print(f"rendered {width}x{height}: banner {banner} px, explaining box {why} px, failure bars {bar} px")
if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("ok: the HTML report renders in headless Chromium")
PY
