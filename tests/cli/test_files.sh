# Files: no command writes over the diary, whatever name it goes by.

two_checkins() {
    ache add --date -3 --pain 3 >/dev/null
    ache add --pain 4 >/dev/null
}

# expect_refused CMD...: exit 2, the refusal, and the diary as it was
expect_diary_refused() {
    local before shown=$1
    shift
    before=$(ache export)
    run "$@"
    expect_rc 2
    expect_err "ache $2: $shown is the diary itself (or its -wal or -shm file): writing there would destroy it; give another file"
    expect_eq "$(ache export)" "$before" "the diary changed"
}

test_export_and_report_refuse_the_diary_by_any_name() {
    two_checkins
    expect_diary_refused "$ACHE_DB" ache export --from -1 -o "$ACHE_DB"
    expect_diary_refused "$ACHE_DB" ache report -o "$ACHE_DB"
    ln "$ACHE_DB" hard.db
    expect_diary_refused hard.db ache export -o hard.db
    ln -s "$ACHE_DB" link.db
    expect_diary_refused link.db ache report --format html -o link.db
    mkdir sub
    expect_diary_refused "sub/../diary.db" ache export -o sub/../diary.db
}

test_no_command_writes_over_the_wal_or_shm() {
    two_checkins
    # -wal and -shm come and go: they are refused by name as well
    expect_diary_refused "$ACHE_DB-wal" ache backup "$ACHE_DB-wal"
    expect_diary_refused "$ACHE_DB-shm" ache backup "$ACHE_DB-shm"
    expect_diary_refused "$ACHE_DB-wal" ache export -o "$ACHE_DB-wal"
    [ ! -e "$ACHE_DB-shm" ] || [ -s "$ACHE_DB-shm" ] || fail "an empty -shm was left"
}

test_export_to_standard_output_that_is_the_diary_is_refused() {
    two_checkins
    before=$(ache export)
    ache export >>"$ACHE_DB" 2>err.txt
    expect_eq "$?" 2
    expect_eq "$(cat err.txt)" "ache export: standard output is the diary itself (or its -wal or -shm file): writing there would destroy it; give another file"
    ache report >>"$ACHE_DB" 2>/dev/null
    expect_eq "$?" 2
    expect_eq "$(ache export)" "$before" "the diary changed"
}

test_export_to_another_file_still_works() {
    two_checkins
    ok ache export -o copy.csv
    expect_eq "$(tail -n +2 copy.csv | wc -l)" 2
    ok ache backup copy.db
    expect_out "backed up 2 check-ins to copy.db"
}
