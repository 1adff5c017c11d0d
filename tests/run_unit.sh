#!/usr/bin/env bash
# Runs each Check unit-test binary given on the command line and sums up.
# Check prints "NN%: Checks: N, Failures: N, Errors: N" for each binary.
set -u
passed=0 failed=0 bad=()
for t in "$@"; do
    out=$("$t" 2>&1)
    rc=$?
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -n 1)
    printf '%-32s %s\n' "${t##*/}" "${line:-no Check summary (exit $rc)}"
    if [[ $line =~ Checks:\ ([0-9]+),\ Failures:\ ([0-9]+),\ Errors:\ ([0-9]+) ]]; then
        f=$((BASH_REMATCH[2] + BASH_REMATCH[3]))
        passed=$((passed + BASH_REMATCH[1] - f))
        failed=$((failed + f))
    fi
    if [ $rc -ne 0 ] || [ -z "$line" ]; then
        bad+=("${t##*/}")
        printf '%s\n' "$out" | grep -vE '^(Running suite|[0-9]+%: Checks)' | head -n 40
    fi
done
echo "${SUITE_LABEL:-unit}: $passed passed, $failed failed"
[ ${#bad[@]} -eq 0 ] || { echo "unit tests failed: ${bad[*]}"; exit 1; }
