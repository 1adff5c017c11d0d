#!/usr/bin/env bash
# Runs every test_* function of tests/cli/test_*.sh, each in its own
# subshell and private folder. Usage: ACHE_BIN=/path/to/ache run.sh [FILTER]
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${ACHE_BIN:?ACHE_BIN must name the ache binary}"
filter=${1:-}
passed=0 failed=0 failures=()
for file in "$here"/test_*.sh; do
    tests=$(bash -c "source '$here/lib.sh'; source '$file'; declare -F" |
        awk '$3 ~ /^test_/ { print $3 }')
    for t in $tests; do
        [ -n "$filter" ] && [[ $t != *"$filter"* ]] && continue
        dir=$(mktemp -d /tmp/ache-cli-XXXXXX)
        (
            cd "$dir" || exit 1
            export HOME="$dir/home" XDG_DATA_HOME="" XDG_CONFIG_HOME=""
            export ACHE_DB="$dir/diary.db" ACHE_NOW=2026-11-24T09:00
            export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
            unset COLUMNS # a width the caller's shell exported would change pictures
            source "$here/lib.sh"
            source "$file"
            set +e
            "$t"
        ) 2>"$dir/.stderr"
        if [ $? -eq 0 ]; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            failures+=("${file##*/}:$t")
            echo "FAIL ${file##*/}: $t"
            sed 's/^/  /' "$dir/.stderr" | head -n 30
        fi
        rm -rf "$dir"
    done
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
