#!/bin/sh
# test_check_layers.sh [ROOT]: check_layers.sh on copies of ROOT's src/,
# include/ and docs/, each with one kind of bad include planted: the check
# must fail with exactly the expected message. Each planted include
# compiles as far as the check can tell and breaks only the rule under
# test, so a missing rule fails this test. The unmodified copy must pass.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=${1:-$here/../..}
check=$here/check_layers.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ache-layers-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
tree=$tmp/tree
passed=0 failed=0

mkdir "$tree" && cp -R "$root/src" "$root/include" "$root/docs" "$tree/" ||
    exit 1
touched=

# The copy as the tree is: the file the last case changed put back.
fresh() {
    if [ -n "$touched" ] && [ -f "$root/$touched" ]; then
        cp "$root/$touched" "$tree/$touched"
    elif [ -n "$touched" ]; then
        rm -f "$tree/$touched"
    fi
    touched=
}

# plant FILE LINE: LINE becomes line 1 of FILE (made if missing).
plant() {
    touched=$1
    mkdir -p "$(dirname "$tree/$1")"
    { printf '%s\n' "$2"; cat "$tree/$1" 2>/dev/null; } >"$tmp/planted"
    mv "$tmp/planted" "$tree/$1"
}

# expect_clean CASE: the check passes.
expect_clean() {
    out=$(sh "$check" "$tree" 2>&1)
    rc=$?
    case $rc:$out in
    "0:check-layers: "*" includes in order") passed=$((passed + 1)) ;;
    *)
        failed=$((failed + 1))
        printf 'FAIL %s (exit %s):\n%s\n' "$1" "$rc" "$out"
        ;;
    esac
}

# expect CASE STATUS MESSAGE: the check exits STATUS printing MESSAGE.
expect() {
    out=$(sh "$check" "$tree" 2>&1)
    rc=$?
    if [ "$rc" -eq "$2" ] && [ "$out" = "$3" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s\n  want (exit %s): %s\n  got  (exit %s): %s\n' \
            "$1" "$2" "$3" "$rc" "$out"
    fi
}

expect_clean "the tree as it is"

fresh && plant src/stats.c '#include "ache/term.h"'
expect "domain includes face" 1 \
    'src/stats.c:1: includes ache/term.h (face) from the domain layer'

fresh && plant include/ache/checkin.h '#include "ache/store.h"'
expect "a public header includes a lower layer" 1 \
    'include/ache/checkin.h:1: includes ache/store.h (storage) from the domain layer'

fresh && plant src/chart/chart.c '#include "ache/exchange.h"'
expect "drawing includes storage" 1 \
    'src/chart/chart.c:1: includes ache/exchange.h (storage) from the drawing layer'

fresh && plant src/exchange/exchange.c '#include <sqlite3.h>'
expect "sqlite3.h outside the store" 1 \
    'src/exchange/exchange.c:1: includes <sqlite3.h>, which only src/store/ may include'

fresh && plant src/store/store.c '#include <sodium.h>'
expect "sodium.h outside the sync folder" 1 \
    'src/store/store.c:1: includes <sodium.h>, which only src/sync/ may include'

fresh && plant include/ache/sync.h '#include <sodium/crypto_box.h>'
expect "a libsodium header in the public header of sync" 1 \
    'include/ache/sync.h:1: includes <sodium/crypto_box.h>, which only src/sync/ may include'

fresh && plant src/app.c '#include <curses.h>'
expect "curses.h outside term.c" 1 \
    'src/app.c:1: includes <curses.h>, which only src/term.c may include'

fresh && plant src/grid/grid.c '#include <ncursesw/curses.h>'
expect "ncursesw/ outside term.c" 1 \
    'src/grid/grid.c:1: includes <ncursesw/curses.h>, which only src/term.c may include'

fresh && plant src/screens/trends.c '#include <term.h>'
expect "curses term.h outside term.c" 1 \
    'src/screens/trends.c:1: includes <term.h>, which only src/term.c may include'

fresh && plant src/screens/trends.c '#include "../store/store_impl.h"'
expect "another module's private header" 1 \
    'src/screens/trends.c:1: includes ../store/store_impl.h, private to src/store/'

fresh && plant src/app.c '#include "chart/chart_impl.h"'
expect "a private header from the top of src" 1 \
    'src/app.c:1: includes chart/chart_impl.h, private to src/chart/'

fresh && plant src/stats.c '#include "stats_impl.h"'
expect "a quoted include of no file" 1 \
    'src/stats.c:1: includes stats_impl.h, which is no file of src/ or include/'

fresh && plant src/weather/weather.c '#include "ache/util.h"'
expect "a module missing from the table" 1 \
    'src/weather/weather.c: module weather is in no layer of docs/ARCHITECTURE.md'

fresh && plant include/ache/weather.h '#include "ache/util.h"'
expect "a public header of a module missing from the table" 1 \
    'include/ache/weather.h: module weather is in no layer of docs/ARCHITECTURE.md'

fresh && touched=docs/ARCHITECTURE.md &&
    sed 's/`demo` |/`demo`, `ghost` |/' "$root/$touched" >"$tree/$touched"
expect "a module of the table without files" 1 \
    'docs/ARCHITECTURE.md: module ghost of the layer table has no files'

fresh && touched=docs/ARCHITECTURE.md &&
    sed 's/^| Layer | Modules |/| Layers | Modules |/' "$root/$touched" \
        >"$tree/$touched"
expect "no layer table" 2 \
    'check-layers: docs/ARCHITECTURE.md: no layer table (a header row "| Layer | Modules | ... |" and rows "| 1 base | `util`, ... |")'

fresh && touched=docs/ARCHITECTURE.md && rm "$tree/$touched"
expect "no architecture document" 2 \
    'check-layers: docs/ARCHITECTURE.md: no such file'

fresh
expect_clean "the copy put back"

echo "check-layers self-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
