# Helpers for the command-line tests. Each tests/cli/test_*.sh defines
# functions named test_*; run.sh runs each in a subshell, in a fresh private
# folder, with ACHE_DB pointing into it and the clock set by ACHE_NOW to
# 2026-11-24 09:00 (UTC): no test reads the wall clock unless it unsets it.

# run CMD ARGS...: runs a command, keeping stdout in $OUT, stderr in $ERR
# and the exit status in $RC (never aborts the test by itself).
run() {
    local o e
    o=$(mktemp) e=$(mktemp)
    "$@" >"$o" 2>"$e" </dev/null
    RC=$?
    OUT=$(cat "$o") ERR=$(cat "$e")
    rm -f "$o" "$e"
}

# ache ARGS...: the binary under test.
ache() { "$ACHE_BIN" "$@"; }

fail() {
    echo "    FAIL: $*" >&2
    echo "    stdout: ${OUT-}" | head -n 20 >&2
    echo "    stderr: ${ERR-}" | head -n 20 >&2
    exit 1
}

expect_rc() { [ "$RC" -eq "$1" ] || fail "exit status $RC, expected $1"; }
expect_out() { [ "$OUT" = "$1" ] || fail "stdout differs; expected: $1"; }
expect_err() { [ "$ERR" = "$1" ] || fail "stderr differs; expected: $1"; }
expect_out_has() {
    case "$OUT" in *"$1"*) ;; *) fail "stdout lacks: $1" ;; esac
}
expect_err_has() {
    case "$ERR" in *"$1"*) ;; *) fail "stderr lacks: $1" ;; esac
}
expect_out_lacks() {
    case "$OUT" in *"$1"*) fail "stdout has: $1" ;; esac
}
expect_eq() { [ "$1" = "$2" ] || fail "got '$1', expected '$2'${3:+ ($3)}"; }

# ok CMD ARGS...: runs and insists on exit status 0.
ok() { run "$@"; [ "$RC" -eq 0 ] || fail "'$*' exited $RC"; }

# the number of check-ins in the diary, by the CSV export
count_checkins() {
    "$ACHE_BIN" export --format csv | tail -n +2 | grep -c '^[0-9a-f]\{32\},' || true
}

# expect_counts_add_up ROWS: an import's counts ("NAME: 5 rows: 2 added,
# 3 unchanged"; on stdout, or on stderr when it failed with conflicts) name
# ROWS rows and add up to them.
expect_counts_add_up() {
    local line total=0 part
    line=$(printf '%s\n' "$OUT" | head -n 1)
    [ "$RC" -eq 0 ] || line=$(printf '%s\n' "$ERR" | head -n 1)
    [[ $line =~ \ ([0-9]+)\ rows?(: (.*))?$ ]] || fail "no counts in '$line'"
    [ "${BASH_REMATCH[1]}" = "$1" ] ||
        fail "the import read ${BASH_REMATCH[1]} rows, the file has $1"
    local IFS=,
    for part in ${BASH_REMATCH[3]}; do
        [[ $part =~ ^\ ?([0-9]+)\  ]] || fail "a count without a number: '$part'"
        total=$((total + BASH_REMATCH[1]))
    done
    [ "$total" -eq "$1" ] || fail "the counts add up to $total, not $1 rows"
}

# at HH:MM CMD ARGS...: runs CMD with the clock at that time of the test
# day, so that the stamps of successive commands differ.
at() {
    local when=$1
    shift
    ACHE_NOW=2026-11-24T$when "$@"
}

# The diary as JSON, one check-in a line, without updated_at: what a
# check-in holds, apart from when it was last written.
export_held() {
    "$ACHE_BIN" export --format json | sed 's/, "updated_at": "[^"]*"//'
}

# The number of changes the diary has recorded (0 when none).
count_changes() {
    "$ACHE_BIN" history --last 1 | awk 'NR == 2 { print $1 } END { if (NR < 2) print 0 }'
}
