#!/usr/bin/env bash
# make check-html: the HTML clinic report of a demo diary, opened in
# headless Chromium. Checks that the browser's DOM holds the trend chart
# and the body figure as SVG, and that a screenshot of the page is not
# blank. Usage: ACHE_BIN=/path/to/ache check_html.sh
set -u
: "${ACHE_BIN:?ACHE_BIN must name the ache binary}"
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() {
    echo "check-html: FAIL: $*" >&2
    exit 1
}

[ -x "$chromium" ] ||
    fail "$chromium is missing (Debian: apt-get install chromium)"

work=$(mktemp -d /tmp/ache-html-XXXXXX)
trap 'rm -rf "$work"' EXIT
export ACHE_TODAY=2026-11-24 TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1
report="$work/report.html"

"$ACHE_BIN" --db "$work/diary.db" demo --days 120 >/dev/null ||
    fail "ache demo failed"
"$ACHE_BIN" --db "$work/diary.db" report --format html -o "$report" ||
    fail "ache report failed"

# Every run gets a fresh profile and stays off the network.
browse() {
    local profile
    profile=$(mktemp -d "$work/profile-XXXXXX")
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" "file://$report" 2>>"$work/chromium.log"
}

browse --dump-dom >"$work/dom.html" ||
    fail "chromium --dump-dom failed: $(tail -n 5 "$work/chromium.log")"
for want in '<svg class="trend"' '<polyline' '<svg class="bodymap"' \
    '<circle' 'Where it hurt' 'Widespread pain'; do
    grep -qF "$want" "$work/dom.html" || fail "the DOM lacks $want"
done
grep -qi '<script' "$work/dom.html" && fail "the DOM holds a script"

shot="$work/page.png"
browse --screenshot="$shot" --window-size=1240,1754 >/dev/null ||
    fail "chromium --screenshot failed: $(tail -n 5 "$work/chromium.log")"
[ -s "$shot" ] || fail "no screenshot"
size=$(wc -c <"$shot")
# A blank 1240x1754 page compresses to a few kilobytes.
[ "$size" -gt 30000 ] || fail "the screenshot is $size bytes: blank?"

# Not a single colour: the decompressed pixel rows of a blank page hold
# almost no distinct byte values.
if command -v python3 >/dev/null 2>&1; then
    python3 - "$shot" <<'PY' || fail "the screenshot is (nearly) one colour"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
distinct = len(set(zlib.decompress(idat)))
sys.exit(0 if distinct > 32 else 1)
PY
fi
echo "check-html: the report renders in Chromium (screenshot $size bytes)"
