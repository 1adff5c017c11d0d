# check, recover, and the check writers run once a day: diaries damaged
# behind ache's back (a page of check-ins, a page of an index, the header,
# a file cut short), with the messages a person reads.

ADVICE='`ache recover NEW.db` saves what can still be read; then use NEW.db (or restore a backup)'

# The page size of a diary (bytes 17-18 of its header).
page_size() { od -An -tu1 -j16 -N2 "$1" | awk '{ print $1 * 256 + $2 }'; }

# page_type FILE PAGE: the b-tree page type (13 a table's leaf, 10 an
# index's leaf, 5 and 2 their interior pages).
page_type() {
    od -An -tu1 -j$((($2 - 1) * $(page_size "$1"))) -N1 "$1" | tr -d ' '
}

# page_with FILE TEXT TYPE: the first page of that type holding TEXT.
page_with() {
    local off page ps
    ps=$(page_size "$1")
    for off in $(grep -obUaF -- "$2" "$1" | cut -d: -f1); do
        page=$((off / ps + 1))
        if [ "$(page_type "$1" "$page")" = "$3" ]; then
            echo "$page"
            return
        fi
    done
}

# damage_page FILE PAGE: a page type that does not exist, where the page
# starts.
damage_page() {
    printf '\007' | dd of="$1" bs=1 seek=$((($2 - 1) * $(page_size "$1"))) \
        conv=notrunc 2>/dev/null
}

# A diary of ten months of made-up history and a check-in of yesterday
# evening with a note to find it by; $MARKER is its id.
make_diary() {
    ok ache demo --days 300
    ok ache add --date -1 --time 20:00 --pain 4 --tag stress --note MARKER-NOTE-1
    MARKER=$OUT
}

# counts_line NAME SAVED LOST: a line of what recover says it saved.
counts_line() { printf '  %7d saved %5d lost  %s' "$2" "$3" "$1"; }
# v4_lines: the counts of a diary with no own fields, medicines or doses.
v4_lines() {
    counts_line fields 8 0; echo
    counts_line 'own values' 0 0; echo
    counts_line medicines 0 0; echo
    counts_line 'medicine periods' 0 0; echo
    counts_line doses 0 0; echo
    counts_line 'earlier versions of fields, medicines, doses and tags' 0 0; echo
    counts_line 'removals of fields, medicines, doses and tags' 0 0
}

tag_count() { ache tags | tail -n +2 | wc -l; }

test_help_names_check_and_recover() {
    ok ache --help
    expect_out_has "  check    look for damage: integrity, foreign keys, schema (exit 1: damaged)"
    expect_out_has "  recover  copy what can still be read of a damaged diary into a new one"
    ok ache recover --help
    expect_out_has "usage: ache recover NEW.db"
}

test_check_sound_diary() {
    make_diary
    run ache check
    expect_rc 0
    expect_out "$ACHE_DB: sound (integrity, foreign keys and schema checked)"
    expect_err ""
}

test_check_needs_a_diary_and_no_words() {
    run ache check
    expect_rc 1
    expect_err "ache check: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    run ache recover new.db
    expect_rc 1
    expect_err "ache recover: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    [ ! -e new.db ] || fail "recover made a diary out of nothing"
    ok ache add --pain 3
    run ache check now
    expect_rc 2
    expect_err "ache check: unexpected 'now' (see ache check --help)"
}

test_a_damaged_page_of_check_ins() {
    make_diary
    local page cells tags
    page=$(page_with "$ACHE_DB" MARKER-NOTE-1 13)
    [ -n "$page" ] || fail "no page of check-ins holds the marker"
    ok ache list
    local before_list=$OUT
    ok ache export
    printf '%s\n' "$OUT" >before.csv
    tags=$(tag_count)
    damage_page "$ACHE_DB" "$page"
    local sum
    sum=$(cksum <"$ACHE_DB")

    run ache check
    expect_rc 1
    expect_out "part of the check-ins cannot be read (SQLite: Page $page: btreeInitPage() returns error code 11)
what refers to what cannot be checked (SQLite: database disk image is malformed)"
    expect_err "ache check: $ACHE_DB is damaged (2 problems): $ADVICE"

    # the diary was found sound today: tomorrow's writers look again
    local cmd
    for cmd in "add --pain 3" "edit ${MARKER:0:8} --pain 5" "rm ${MARKER:0:8}"; do
        ACHE_NOW=2026-11-25T08:00 run ache $cmd
        expect_rc 1
        expect_err "ache ${cmd%% *}: $ACHE_DB is damaged (part of the check-ins cannot be read): nothing was written. $ADVICE"
    done
    expect_eq "$(cksum <"$ACHE_DB")" "$sum" "the damaged diary was changed"

    run ache recover new.db
    expect_rc 0
    local said=$OUT
    ok ache --db new.db list
    local after_list=$OUT lost_lines lost links
    lost_lines=$(comm -23 <(printf '%s\n' "$before_list" | sort) \
        <(printf '%s\n' "$after_list" | sort) | sort -k2,3)
    lost=$(printf '%s\n' "$lost_lines" | grep -c .)
    cells=$(od -An -tu1 -j$((($page - 1) * $(page_size "$ACHE_DB") + 3)) -N2 \
        "$ACHE_DB" | awk '{ print $1 * 256 + $2 }')
    expect_eq "$lost" "$cells" "check-ins lost, check-ins on the page"
    links=$(printf '%s\n' "$lost_lines" | sed -n 's/.* tags=\([^ ]*\).*/\1/p' |
        tr ',' '\n' | grep -c .)
    local total
    total=$(printf '%s\n' "$before_list" | grep -c .)
    OUT=$said ERR=
    expect_out "recovered what can be read of $ACHE_DB into new.db:
$(counts_line check-ins $((total - lost)) "$lost")
$(counts_line tags "$tags" 0)
$(counts_line 'tag links' $(($(ache --db new.db export | tail -n +2 | cut -d, -f13 |
        tr ';' '\n' | grep -c .))) "$links")
$(counts_line changes 2 0)
$(counts_line 'earlier versions' 0 0)
$(counts_line removals 0 0)
$(v4_lines)
lost:
$(printf '%s\n' "$lost_lines" | awk '{ printf "  check-in %s of %s %s: its row cannot be read\n", $1, $2, $3 }')
  $links tag links: their check-in was lost
1 damaged page could not be read at all: rows there that nothing else names are not counted
new.db passes \`ache check\`: use it with \`ache --db new.db\`, or put it in the diary's place (keep the damaged one)"
    expect_err ""
    # every other check-in is there as it was
    ok ache --db new.db export
    printf '%s\n' "$OUT" >after.csv
    [ -z "$(comm -13 <(sort before.csv) <(sort after.csv))" ] ||
        fail "the recovered diary holds what the diary did not"
    expect_eq "$(comm -23 <(sort before.csv) <(sort after.csv) | wc -l)" "$lost"
    expect_eq "$(stat -c %a new.db)" 600 "mode of the new diary"
    run ache --db new.db check
    expect_rc 0
    expect_out "new.db: sound (integrity, foreign keys and schema checked)"
    expect_eq "$(cksum <"$ACHE_DB")" "$sum" "recover changed the diary"
}

test_a_damaged_page_of_an_index() {
    make_diary
    local page tags
    page=$(page_with "$ACHE_DB" "$MARKER" 10)
    [ -n "$page" ] || fail "no index page holds the marker's id"
    ok ache export
    local before=$OUT
    tags=$(tag_count)
    damage_page "$ACHE_DB" "$page"
    run ache check
    expect_rc 1
    expect_out "an index of the check-ins is damaged (SQLite: Page $page: btreeInitPage() returns error code 11)"
    expect_err "ache check: $ACHE_DB is damaged (1 problem): $ADVICE"
    run ache recover new.db
    expect_rc 0
    local links
    links=$(printf '%s\n' "$before" | tail -n +2 | cut -d, -f13 | tr ';' '\n' | grep -c .)
    expect_out "recovered what can be read of $ACHE_DB into new.db:
$(counts_line check-ins 336 0)
$(counts_line tags "$tags" 0)
$(counts_line 'tag links' "$links" 0)
$(counts_line changes 2 0)
$(counts_line 'earlier versions' 0 0)
$(counts_line removals 0 0)
$(v4_lines)
new.db passes \`ache check\`: use it with \`ache --db new.db\`, or put it in the diary's place (keep the damaged one)"
    ok ache --db new.db export
    expect_eq "$OUT" "$before" "the recovered diary"
}

test_a_damaged_header() {
    make_diary
    ok ache export
    local before=$OUT
    printf 'not a database!!' | dd of="$ACHE_DB" bs=1 conv=notrunc 2>/dev/null
    run ache check
    expect_rc 1
    expect_out "the file's header is damaged: it does not begin as a SQLite database does"
    expect_err "ache check: $ACHE_DB is damaged (1 problem): $ADVICE"
    run ache add --pain 3
    expect_rc 1
    expect_err "ache add: $ACHE_DB: not an ache diary (not a SQLite database)
ache add: $ACHE_DB is damaged (the file's header is damaged: it does not begin as a SQLite database does): nothing was written. $ADVICE"
    run ache recover new.db
    expect_rc 0
    expect_out_has "$(counts_line check-ins 336 0)"
    expect_out_lacks "lost:"
    ok ache --db new.db export
    expect_eq "$OUT" "$before" "the recovered diary"
}

test_a_diary_cut_short() {
    make_diary
    ok ache export
    printf '%s\n' "$OUT" >before.csv
    local ps pages
    ps=$(page_size "$ACHE_DB")
    pages=$(($(stat -c %s "$ACHE_DB") / ps))
    truncate -s $(((pages - 3) * ps)) "$ACHE_DB"
    run ache check
    expect_rc 1
    expect_out "the file is cut short: it holds $((pages - 3)) whole pages of the $pages it needs"
    ACHE_NOW=2026-11-25T08:00 run ache add --pain 3
    expect_rc 1
    expect_err_has "ache add: $ACHE_DB is damaged (the file is cut short: it holds $((pages - 3)) whole pages of the $pages it needs): nothing was written."
    run ache recover new.db
    expect_rc 0
    local saved lost
    saved=$(printf '%s\n' "$OUT" | awk '$5 == "check-ins" { print $1 }')
    lost=$(printf '%s\n' "$OUT" | awk '$5 == "check-ins" { print $3 }')
    ok ache --db new.db export
    printf '%s\n' "$OUT" >after.csv
    expect_eq "$(tail -n +2 after.csv | wc -l)" "$saved" "check-ins saved"
    [ -z "$(comm -13 <(sort before.csv) <(sort after.csv))" ] ||
        fail "the recovered diary holds what the diary did not"
    [ "$lost" -le "$(comm -23 <(sort before.csv) <(sort after.csv) | wc -l)" ] ||
        fail "more check-ins said lost than are missing"
    run ache --db new.db check
    expect_rc 0
}

test_recover_refuses_its_target() {
    make_diary
    run ache recover
    expect_rc 2
    expect_err "ache recover: where to? give a new file for the recovered diary, for example \`ache recover recovered.db\` (see ache recover --help)"
    echo mine >taken.db
    run ache recover taken.db
    expect_rc 2
    expect_err "ache recover: taken.db: already exists; recover into a new file"
    expect_eq "$(cat taken.db)" mine
    run ache recover "$ACHE_DB"
    expect_rc 2
    expect_err "ache recover: $ACHE_DB: is the diary itself; recover into a new file"
    echo 'a,b' >other.db
    run ache --db other.db recover new.db
    expect_rc 1
    expect_err "ache recover: other.db: no check-ins can be found in it (not an ache diary, or its list of tables cannot be read)"
    [ ! -e new.db ] || fail "a failed recovery left new.db"
}

# A diary named with --db is named in the advice too.
test_advice_names_the_diary() {
    ACHE_DB=elsewhere.db make_diary
    damage_page elsewhere.db "$(page_with elsewhere.db MARKER-NOTE-1 13)"
    run ache --db elsewhere.db check
    expect_rc 1
    expect_err "ache check: elsewhere.db is damaged (2 problems): \`ache --db elsewhere.db recover NEW.db\` saves what can still be read; then use NEW.db (or restore a backup)"
}

# Writers look for damage once a day: the first write of the day pays for
# the check, the others do not; damage is found the next day at latest.
test_writers_check_once_a_day() {
    make_diary
    ok ache export
    local first
    first=$(printf '%s\n' "$OUT" | sed -n 2p | cut -c1-32)
    local page
    page=$(page_with "$ACHE_DB" "$first" 13)
    [ -n "$page" ] || fail "no page of check-ins holds the first check-in"
    damage_page "$ACHE_DB" "$page"
    at 10:00 run ache add --pain 2
    expect_rc 0
    ACHE_NOW=2026-11-25T08:00 run ache add --pain 2
    expect_rc 1
    expect_err "ache add: $ACHE_DB is damaged (part of the check-ins cannot be read): nothing was written. $ADVICE"
}

# Every command that writes looks first, not only add and edit: undo,
# restore, import and a new tag are refused in the same words, and the
# damaged diary is left as it was.
test_every_writer_refuses_a_damaged_diary() {
    make_diary
    ok ache add --date -2 --pain 1
    local gone=$OUT
    ok ache rm "${gone:0:8}"
    printf 'date,pain\n2026-11-20,5\n' >more.csv
    local page sum cmd
    page=$(page_with "$ACHE_DB" MARKER-NOTE-1 13)
    [ -n "$page" ] || fail "no page of check-ins holds the marker"
    damage_page "$ACHE_DB" "$page"
    sum=$(cksum <"$ACHE_DB")
    for cmd in undo "restore ${gone:0:8}" "import more.csv" \
        "tags --add walking --kind treatment"; do
        ACHE_NOW=2026-11-25T08:00 run ache $cmd
        expect_rc 1
        expect_err "ache ${cmd%% *}: $ACHE_DB is damaged (part of the check-ins cannot be read): nothing was written. $ADVICE"
    done
    expect_eq "$(cksum <"$ACHE_DB")" "$sum" "the damaged diary was changed"
}
