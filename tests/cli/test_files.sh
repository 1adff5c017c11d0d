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

# A named pipe (or a device such as /dev/null) is written straight into,
# as standard output is: a file renamed over it would take its place.
test_export_and_report_into_a_named_pipe() {
    two_checkins
    mkfifo pipe
    for cmd in "export -o pipe" "report -o pipe"; do
        timeout 10 cat pipe >got &
        run timeout 10 "$ACHE_BIN" $cmd
        wait
        expect_rc 0
        [ -p pipe ] || fail "'$cmd' put a plain file in the pipe's place"
        [ -s got ] || fail "'$cmd' wrote nothing into the pipe"
    done
    expect_eq "$(cat got)" "$(ache report)" "what the pipe carried"
}

# A backup is a diary file: a pipe or a folder is refused, and a link is
# followed to the file it names, which is replaced; the link stays.
test_output_kinds_refused_and_links_followed() {
    two_checkins
    mkfifo pipe
    mkdir folder
    run ache backup pipe
    expect_rc 2; expect_err "ache backup: pipe is not a plain file; give a file name"
    [ -p pipe ] || fail "the pipe was replaced"
    run ache export -o folder
    expect_rc 2; expect_err "ache export: folder is not a plain file; give a file name"
    echo old >real.csv
    ln -s real.csv link.csv
    ok ache export -o link.csv
    [ -L link.csv ] || fail "the link was replaced by a file"
    expect_eq "$(cat real.csv)" "$(ache export)" "the file the link names"
    ln -s real.db link.db
    ok ache backup link.db
    [ -L link.db ] && [ -f real.db ] || fail "the backup did not follow the link"
    # a link to the diary's -wal, there or not, is the -wal
    before=$(ache export)
    rm -f "$ACHE_DB-wal"
    ln -s "$ACHE_DB-wal" wal-link
    run ache backup wal-link
    expect_rc 2
    expect_err "ache backup: $ACHE_DB-wal is the diary itself (or its -wal or -shm file): writing there would destroy it; give another file"
    expect_eq "$(ache export)" "$before" "the diary after the refusal"
}

# ---- a diary that cannot be written -----------------------------------------

# ro_run CMD...: CMD with this test's folder mounted read-only, in a mount
# namespace of its own (as on a read-only stick); exit 77 where this
# machine lets no mount be made.
ro_run() {
    unshare -m --propagation private sh -c '
        mount --bind "$1" "$1" 2>/dev/null &&
            mount -o remount,ro,bind "$1" 2>/dev/null || exit 77
        shift
        exec "$@"' sh "$PWD" "$@"
}

# skip_unless CHECK...: says why and ends the test (passing) when CHECK
# fails: the rest needs what this machine lacks.
skip_unless() {
    "$@" >/dev/null 2>&1 && return 0
    echo "    skipped: this machine cannot: $*" >&2
    exit 0
}

test_reading_commands_work_on_a_read_only_medium() {
    skip_unless ro_run true
    two_checkins
    before=$(ache export)
    for cmd in list show export report insights history tags status \
        "search night" "chart pain --days 5" "spark pain" "calendar 2026-11"; do
        run ro_run "$ACHE_BIN" $cmd
        [ "$RC" -le 1 ] || fail "'$cmd' exited $RC on a read-only medium"
        [ -z "$ERR" ] || fail "'$cmd' said: $ERR"
    done
    run ro_run "$ACHE_BIN" export
    expect_rc 0
    expect_eq "$OUT" "$before"
    run ro_run "$ACHE_BIN" add --pain 2
    expect_rc 1
    expect_err "ache add: $ACHE_DB: the diary is read-only here (its file or its folder cannot be written); commands that only read, such as list, show or export, work"
    expect_eq "$(ache export)" "$before" "the diary changed"
}

# Without its -shm (a copy of the diary file alone), SQLite cannot make
# one on a read-only medium: ache reads the file as immutable, which is
# safe there, as no writer can exist.
test_read_only_medium_without_the_shm() {
    skip_unless ro_run true
    two_checkins
    before=$(ache export)
    rm -f "$ACHE_DB-shm" "$ACHE_DB-wal"
    run ro_run "$ACHE_BIN" export
    expect_rc 0
    expect_eq "$OUT" "$before"
    [ ! -e "$ACHE_DB-shm" ] || fail "a -shm was made"
}

# as_nobody CMD...: CMD as the user nobody (who owns nothing here).
as_nobody() {
    setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# A diary of mode 0400 can be read and not written; a -shm of mode 0400
# left behind does not block writes once the diary's mode is fixed.
test_read_only_file_and_a_read_only_shm() {
    skip_unless as_nobody true
    mkdir -m 0777 shared
    chmod 0711 .
    export ACHE_DB="$PWD/shared/diary.db"
    run as_nobody "$ACHE_BIN" add --pain 4
    expect_rc 0
    chmod 0400 "$ACHE_DB"
    run as_nobody "$ACHE_BIN" list
    expect_rc 0; expect_out_has "pain=4"
    run as_nobody "$ACHE_BIN" add --pain 5
    expect_rc 1; expect_err_has "the diary is read-only here"
    chmod 0600 "$ACHE_DB"
    chmod 0400 "$ACHE_DB-shm"
    run as_nobody "$ACHE_BIN" add --pain 5
    expect_rc 0
    run as_nobody "$ACHE_BIN" list
    expect_out_has "pain=5"
    [ "$(stat -c %a "$ACHE_DB-shm")" = 600 ] || fail "the -shm stayed read-only"
}

# A diary file copied alone into a folder this user cannot write: SQLite
# can neither find nor make its -shm, so ache reads it as immutable,
# holding the read lock a connection would hold, and makes nothing there.
test_read_only_folder_without_the_shm() {
    skip_unless as_nobody true
    mkdir -m 0755 store
    chmod 0755 .
    two_checkins
    before=$(ache export)
    cp "$ACHE_DB" store/diary.db
    chmod 0644 store/diary.db
    export ACHE_DB="$PWD/store/diary.db"
    for cmd in list export check "chart pain --days 5"; do
        run as_nobody "$ACHE_BIN" $cmd
        [ "$RC" -eq 0 ] || fail "'$cmd' exited $RC: $ERR"
    done
    run as_nobody "$ACHE_BIN" export
    expect_eq "$OUT" "$before"
    expect_eq "$(ls store)" "diary.db" "files were made beside the diary"
    run as_nobody "$ACHE_BIN" add --pain 2
    expect_rc 1; expect_err_has "the diary is read-only here"
}

# While a writer of the diary's owner is closing (and so holds the write
# lock it needs to move its -wal into the file), a reader that cannot use
# a -shm waits for nothing and says to try again; it never reads a file
# that is being written.
test_read_only_folder_while_a_writer_closes() {
    skip_unless as_nobody true
    skip_unless command -v python3
    mkdir -m 0755 store
    chmod 0755 .
    ache add --pain 3 >/dev/null
    cp "$ACHE_DB" store/diary.db
    chmod 0644 store/diary.db
    export ACHE_DB="$PWD/store/diary.db"
    mkfifo held
    python3 -c '
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX, 510, 0x40000002, 0)
print("held", flush=True)
sys.stdin.read()' "$ACHE_DB" <held >locked &
    exec 3>held
    while [ ! -s locked ]; do sleep 0.05; done
    run as_nobody "$ACHE_BIN" list
    exec 3>&-
    wait
    expect_rc 1
    expect_err "ache list: $ACHE_DB: another program is writing the diary just now; try again in a moment"
    run as_nobody "$ACHE_BIN" list
    expect_rc 0; expect_out_has "pain=3"
}

# ache check reads: a diary on a read-only medium can be checked.
test_check_on_a_read_only_medium() {
    skip_unless ro_run true
    two_checkins
    run ro_run "$ACHE_BIN" check
    expect_rc 0
    expect_out "$ACHE_DB: sound (integrity, foreign keys and schema checked)"
}

# Reading commands leave the -wal and -shm in place, as writers now do:
# no command makes and removes them each time.
test_side_files_stay_between_commands() {
    two_checkins
    [ -e "$ACHE_DB-wal" ] && [ -e "$ACHE_DB-shm" ] || fail "no -wal and -shm"
    [ ! -s "$ACHE_DB-wal" ] || fail "the -wal keeps pages after the writer closed"
    inode=$(stat -c %i "$ACHE_DB-shm")
    ok ache list
    ok ache chart pain --days 3
    expect_eq "$(stat -c %i "$ACHE_DB-shm")" "$inode" "the -shm was made anew"
}

# ---- where the diary is ------------------------------------------------------

# A link anywhere above the diary is fine; only the diary may not be one.
test_a_link_above_the_diary() {
    mkdir -p real/deeper
    ln -s real linked
    export ACHE_DB="$PWD/linked/deeper/diary.db"
    ok ache add --pain 3
    [ -f real/deeper/diary.db ] || fail "the diary is not in the linked folder"
    ok ache list
    expect_out_has "pain=3"
    ln -s real/deeper/diary.db direct.db
    ACHE_DB="$PWD/direct.db" run ache list
    expect_rc 1
    expect_err "ache list: $PWD/direct.db: is a symbolic link (give the diary's own path)"
}

# A first creation that fails leaves no empty diary behind.
test_failed_creation_leaves_no_empty_file() {
    mkdir full
    # a diary whose folder takes the file but nothing beside it: the -wal
    # cannot be made (here, a folder named like it stands in the way)
    mkdir full/diary.db-wal
    ACHE_DB="$PWD/full/diary.db" run ache add --pain 3
    expect_rc 1
    [ ! -e full/diary.db ] || fail "an empty diary was left behind"
}
