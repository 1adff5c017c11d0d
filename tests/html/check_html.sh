#!/usr/bin/env bash
# make check-html: the HTML clinic report of a demo diary, opened in
# headless Chromium. Checks that the browser's DOM holds the trend chart
# and the body figure as SVG, that a screenshot of the page is not blank,
# and that the report prints on exactly one page of A4 and of Letter, for
# the default 90 days and for most of a year (with Ghostscript, also that
# no printed text is below 7pt). Usage: ACHE_BIN=/path/to/ache check_html.sh
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

# Every run gets a fresh profile and stays off the network. The page is
# $page, the report unless a caller names another file.
browse() {
    local profile
    profile=$(mktemp -d "$work/profile-XXXXXX")
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" "file://${page:-$report}" \
        2>>"$work/chromium.log"
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

# Pages of a PDF: its page objects (/Type /Page, not the /Pages tree).
pdf_pages() {
    if command -v pdfinfo >/dev/null 2>&1; then
        pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
    else
        LC_ALL=C grep -a -o '/Type */Page\([^s]\|$\)' "$1" | wc -l | tr -d ' '
    fi
}

# The smallest text size (pt) in a PDF, from Ghostscript's text dump.
pdf_smallest_text() {
    gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite -dTextFormat=0 \
        -sOutputFile=- "$1" 2>/dev/null |
        sed -n 's/.* size="\([0-9.]*\)".*/\1/p' | sort -n | head -n 1
}

# Prints $1 on paper $2 (a CSS page size) and checks it fills exactly one
# sheet. The report leaves the size to the printer (size: auto), so a
# copy names the paper in a later @page rule, which wins.
one_page() {
    local html=$1 paper=$2 label=$3 copy pdf n small
    copy="$work/print-$paper.html" pdf="$work/print-$paper.pdf"
    sed "s|</head>|<style>@page { size: $paper; }</style></head>|" \
        "$html" >"$copy"
    rm -f "$pdf"
    page=$copy browse --no-pdf-header-footer --print-to-pdf-no-header \
        --print-to-pdf="$pdf" >/dev/null ||
        fail "chromium --print-to-pdf failed: $(tail -n 5 "$work/chromium.log")"
    [ -s "$pdf" ] || fail "no PDF printed for $paper"
    n=$(pdf_pages "$pdf")
    [ "${n:-0}" -gt 0 ] ||
        fail "cannot count the pages of the $paper PDF (install pdfinfo)"
    [ "$n" = 1 ] ||
        fail "the $label report prints on $n pages of $paper, not 1"
    command -v gs >/dev/null 2>&1 || return 0
    small=$(pdf_smallest_text "$pdf")
    [ -n "$small" ] || fail "no text found in the $paper PDF"
    awk -v s="$small" 'BEGIN { exit !(s >= 6.95) }' ||
        fail "the $label report prints text of ${small}pt on $paper (below 7pt)"
}

for paper in A4 letter; do
    one_page "$report" "$paper" "90-day"
done

# Most of a year: the weekly table and the flares are cut to fit.
long="$work/long.html"
"$ACHE_BIN" --db "$work/year.db" demo --days 365 >/dev/null ||
    fail "ache demo --days 365 failed"
"$ACHE_BIN" --db "$work/year.db" report --format html --from 2026-01-01 \
    --to 2026-11-24 -o "$long" || fail "ache report of a long period failed"
for paper in A4 letter; do
    one_page "$long" "$paper" "2026-01-01 to 2026-11-24"
done
command -v gs >/dev/null 2>&1 ||
    echo "check-html: note: no Ghostscript (gs), text sizes not checked"

echo "check-html: the report renders in Chromium (screenshot $size bytes)" \
    "and prints on one page of A4 and of Letter"
