# ache edit with other writers, rm, restore, history and undo

# A check-in with something in every kind of part, on 2026-11-20 at 21:05,
# added at 09:00; its id is in $id.
add_full() {
    ok ache add --date 2026-11-20 --time 21:05 --pain 6 --fatigue 7 \
        --sleep-hours 5.5 --regions neck,shoulder-l --tag stress,yoga \
        --note "Long day"
    id=$OUT
}

removed_msg() { # COMMAND ID: what a command says of a removed check-in
    echo "ache $1: check-in ${2:0:8} was removed on 2026-11-24: \`ache restore ${2:0:8}\` brings it back"
}

# edit_loop PREFIX N: N edits of $id, each adding the tag PREFIXi; for
# each, out.PREFIX.i, err.PREFIX.i and rc.PREFIX.i. With RM_AT=k, the
# loop removes the check-in itself after its k-th edit.
edit_loop() {
    local i
    for i in $(seq 1 "$2"); do
        "$ACHE_BIN" edit "$id" --tag "$1$i" >"out.$1.$i" 2>"err.$1.$i"
        echo $? >"rc.$1.$i"
        if [ "$i" = "${RM_AT:-}" ]; then
            "$ACHE_BIN" rm "$id" >rm.out 2>rm.err
            echo $? >rm.rc
        fi
    done
}

# The tags of the check-in, one a line, sorted (from the CSV export).
stored_tags() {
    ache export --format csv | tail -n +2 | grep "^$id," | cut -d, -f13 |
        tr ';' '\n' | sort
}

# ---- edit with a second writer ---------------------------------------------

# Two edit loops at once on one check-in, each adding its own 150 tags:
# every edit says it updated the check-in, and every tag is on it (before
# edits read again and retried, 70-100 of the 300 were lost).
test_edit_two_writers_at_once_lose_nothing() {
    # 50 tags each: together the 100 a check-in holds
    ok ache add --date 2026-11-20 --pain 5 --note "two writers"
    id=$OUT
    edit_loop a 50 &
    local pa=$!
    edit_loop b 50 &
    local pb=$!
    wait $pa
    wait $pb
    local p i
    for p in a b; do
        for i in $(seq 1 50); do
            OUT=$(cat out.$p.$i) ERR=$(cat err.$p.$i) RC=$(cat rc.$p.$i)
            expect_rc 0
            expect_out "updated $id"
            expect_err "ache edit: new tag '$p$i' (kind other)"
        done
    done
    expect_eq "$(stored_tags)" "$({ seq -f a%g 50; seq -f b%g 50; } | sort)" \
        "the tags confirmed by the edits"
    ok ache list
    expect_out_has "2026-11-20 --:-- pain=5 tags="
    expect_out_has 'note="two writers"'
    # each edit is a version of its own, and a change of its own
    expect_eq "$(ache history "$id" | grep -c '  ache edit     tags +[ab][0-9]*')" "100"
    expect_eq "$(count_changes)" "101"
}

# An rm comes while two loops edit the check-in: an edit either says it
# updated it, and its change is in what was removed (restore shows it), or
# fails saying that the check-in was removed and how to bring it back.
test_edit_racing_rm_never_loses_a_confirmed_edit() {
    ok ache add --date 2026-11-20 --pain 5
    id=$OUT
    RM_AT=20 edit_loop a 50 &
    local pa=$!
    edit_loop b 50 &
    local pb=$!
    wait $pa
    wait $pb
    OUT=$(cat rm.out) ERR=$(cat rm.err) RC=$(cat rm.rc)
    expect_rc 0
    expect_out_has "removed ${id:0:8} (2026-11-20: pain 5, tags "
    local p i confirmed=() refused=0
    for p in a b; do
        for i in $(seq 1 50); do
            OUT=$(cat out.$p.$i) ERR=$(cat err.$p.$i) RC=$(cat rc.$p.$i)
            if [ "$RC" = 0 ]; then
                expect_out "updated $id"
                confirmed+=("$p$i")
            else
                expect_rc 1
                expect_out ""
                # the tag may have been announced before the removal
                expect_eq "$(printf '%s\n' "$ERR" | tail -n 1)" \
                    "$(removed_msg edit "$id")" "the last line of stderr"
                refused=$((refused + 1))
            fi
        done
    done
    # loop a removed it after its 20th edit: every later one is refused
    for i in $(seq 21 50); do
        expect_eq "$(cat rc.a.$i)" "1" "edit a$i after the removal"
    done
    [ "$refused" -ge 30 ] || fail "only $refused edits were refused"
    ok ache list
    expect_out ""
    want=$(printf '%s\n' "${confirmed[@]}" | sort)
    # rm said what it removed: the check-in with every confirmed tag
    expect_eq "$(head -n 1 rm.out | sed 's/.*, tags \(.*\))$/\1/' | tr , '\n' | sort)" \
        "$want" "the tags rm said it removed"
    ok ache restore "$id"
    expect_eq "$(stored_tags)" "$want" "the tags confirmed before the removal"
}

# Two removals of one check-in at once: one removes it, the other says it
# was removed (not that there is no such check-in).
test_rm_twice_at_once() {
    local round
    for round in $(seq 1 15); do
        id=$(ache add --pain 4 --date 2026-11-20)
        "$ACHE_BIN" rm "$id" >out.1 2>err.1 &
        local p1=$!
        "$ACHE_BIN" rm "$id" >out.2 2>err.2
        local rc2=$?
        wait $p1
        local rc1=$?
        expect_eq "$((rc1 + rc2))" "1" "round $round: the exit statuses $rc1 and $rc2"
        local lost=2 # the one that failed
        [ $rc1 = 0 ] || lost=1
        expect_eq "$(cat out.$((3 - lost)))" "removed ${id:0:8} (2026-11-20: pain 4)
\`ache restore ${id:0:8}\` brings it back"
        expect_eq "$(cat err.$lost)" "$(removed_msg rm "$id")" "round $round"
        expect_eq "$(cat out.$lost)" ""
    done
}

test_edit_of_the_same_content_says_unchanged() {
    ok ache add --pain 5 --tag yoga
    id=$OUT
    ok at 10:00 ache edit "$id" --pain 5 --tag yoga
    expect_out "unchanged $id: it already had that"
    expect_err ""
    expect_eq "$(count_changes)" "1" "an edit that changed nothing"
    ok at 10:00 ache edit "$id" --pain 5 --tag heat
    expect_out "updated $id"
    expect_eq "$(count_changes)" "2"
}

# ---- rm ------------------------------------------------------------------------

test_rm_says_what_it_removed_and_how_to_get_it_back() {
    add_full
    ok ache rm "${id:0:6}"
    expect_out "removed ${id:0:8} (2026-11-20 21:05: pain 6, fatigue 7, sleep hours 5.5, regions shoulder-l,neck, tags stress,yoga, a note)
\`ache restore ${id:0:8}\` brings it back"
    expect_err ""
    ok ache add --date 2026-11-21 --fog 3
    other=$OUT
    ok ache rm "$other"
    expect_out "removed ${other:0:8} (2026-11-21: brain fog 3)
\`ache restore ${other:0:8}\` brings it back"
    ok ache list
    expect_out ""
}

test_rm_of_a_removed_check_in_names_restore() {
    ok ache add --pain 6
    id=$OUT
    ok at 10:00 ache rm "$id"
    run ache rm "$id"
    expect_rc 1; expect_out ""; expect_err "$(removed_msg rm "$id")"
    run ache rm "${id:0:6}"
    expect_rc 1; expect_err "$(removed_msg rm "$id")"
    # edit and rm say the same of it
    run ache edit "${id:0:7}" --pain 2
    expect_rc 1; expect_err "$(removed_msg edit "$id")"
    expect_eq "$(count_changes)" "2"
}

test_rm_bad_ids_and_usage() {
    ok ache add --pain 6
    id=$OUT
    before=$(ache export)
    run ache rm
    expect_rc 2; expect_err "ache rm: which check-in? give its id (see ache list) (see ache rm --help)"
    run ache rm abc
    expect_rc 2; expect_err "ache rm: 'abc' is not a check-in id (6 to 32 hex digits)"
    run ache rm 12345
    expect_rc 2; expect_err "ache rm: '12345' is not a check-in id (6 to 32 hex digits)"
    run ache rm zzzzzzzz
    expect_rc 2; expect_err "ache rm: 'zzzzzzzz' is not a check-in id (6 to 32 hex digits)"
    run ache rm "${id}0"
    expect_rc 2; expect_err "ache rm: '${id}0' is not a check-in id (6 to 32 hex digits)"
    run ache rm 0123456789abcdef
    expect_rc 2; expect_err "ache rm: no check-in with id '0123456789abcdef'"
    run ache rm "$id" extra
    expect_rc 2; expect_err "ache rm: unexpected 'extra' (see ache rm --help)"
    run ache rm --force "$id"
    expect_rc 2; expect_err "ache rm: unknown option '--force' (see ache rm --help)"
    expect_eq "$(ache export)" "$before" "the diary after refused removals"
    expect_eq "$(count_changes)" "1"
}

# Ids in capitals are the same id; a prefix of two check-ins is refused.
test_rm_prefix_in_capitals_and_ambiguous_prefix() {
    printf 'id,date,pain\n%s,2026-11-01,3\n%s,2026-11-02,4\n' \
        0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcde0 > two.csv
    ok ache import two.csv
    run ache rm 0123456789ab
    expect_rc 2; expect_err "ache rm: id '0123456789ab' matches 2 check-ins: give more digits"
    ok ache rm 0123456789ABCDEF0123456789ABCDEF
    expect_out_has "removed 01234567 (2026-11-01: pain 3)"
    # the history sees removed check-ins too, so the prefix is still two
    run ache history 0123456789ab
    expect_rc 2; expect_err "ache history: id '0123456789ab' matches 2 check-ins: give more digits"
    # edit sees only the one in the diary
    ok ache edit 0123456789ab --pain 5
    expect_out "updated 0123456789abcdef0123456789abcde0"
}

# ---- restore -------------------------------------------------------------------

# What comes back is what was removed, whole: only updated_at moves on.
test_restore_brings_back_exactly_what_was_removed() {
    add_full
    ok at 10:00 ache edit "$id" --stiffness 4 --note "$(printf 'Long day\nsecond line, "quoted"')"
    before=$(export_held)
    old=$(ache export --format json | grep -o '"updated_at": "[^"]*"')
    ok at 11:00 ache rm "$id"
    ok at 12:00 ache restore "${id:0:8}"
    expect_out "restored ${id:0:8} (2026-11-20 21:05: pain 6, fatigue 7, sleep hours 5.5, stiffness 4, regions shoulder-l,neck, tags stress,yoga, a note)"
    expect_err ""
    expect_eq "$(export_held)" "$before" "the check-in brought back"
    ok ache export --format json
    expect_out_has '"updated_at": "2026-11-24T12:00:'
    expect_out_lacks "$old"
    ok ache history "$id"
    expect_out_has "ache restore  brought back  (now)"
    # and it can be removed and brought back again
    ok at 13:00 ache rm "$id"
    ok at 14:00 ache restore "$id"
    expect_eq "$(export_held)" "$before" "the check-in brought back twice"
}

test_restore_errors() {
    ok ache add --pain 6
    id=$OUT
    before=$(ache export)
    run ache restore "$id"
    expect_rc 1; expect_out ""
    expect_err "ache restore: check-in ${id:0:8} is in the diary: it was not removed"
    run ache restore 000000
    expect_rc 2; expect_err "ache restore: no check-in with id '000000'"
    run ache restore abc
    expect_rc 2; expect_err "ache restore: 'abc' is not a check-in id (6 to 32 hex digits)"
    run ache restore 12345g
    expect_rc 2; expect_err "ache restore: '12345g' is not a check-in id (6 to 32 hex digits)"
    run ache restore
    expect_rc 2; expect_err "ache restore: which check-in? give its id (ache rm printed it) (see ache restore --help)"
    run ache restore "$id" "$id"
    expect_rc 2; expect_err "ache restore: unexpected '$id' (see ache restore --help)"
    run ache restore --all
    expect_rc 2; expect_err "ache restore: unknown option '--all' (see ache restore --help)"
    expect_eq "$(ache export)" "$before" "the diary after refused restores"
    expect_eq "$(count_changes)" "1"
    ok ache rm "$id"
    ok ache restore "$id"
    run ache restore "$id"
    expect_rc 1
    expect_err "ache restore: check-in ${id:0:8} is in the diary: it was not removed"
}

test_restore_and_undo_without_a_diary() {
    run ache restore 0123456789
    expect_rc 1; expect_err "ache restore: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    run ache undo
    expect_rc 1; expect_err "ache undo: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    run ache history
    expect_rc 1; expect_err "ache history: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    [ ! -e "$ACHE_DB" ] || fail "restore, undo or history created the diary"
}

# ---- history ID ----------------------------------------------------------------

# Every version, oldest first, with what made it and what it changed.
test_history_of_a_check_in_lists_every_version() {
    add_full
    ok at 10:00 ache edit "$id" --pain 4 --tag heat --untag yoga --clear note --regions chest
    # an export edited later elsewhere, imported: the row keeps its stamp
    ache export -o mine.csv
    awk -F, -v OFS=, 'NR == 2 { $5 = 3; $7 = ""; $16 = "2026-11-24T11:00:00.000Z" } { print }' \
        mine.csv > newer.csv
    ok at 11:30 ache import newer.csv
    expect_out "imported newer.csv: 1 row: 1 updated"
    ok at 12:00 ache rm "$id"
    ok at 13:00 ache restore "$id"
    ok at 14:00 ache undo
    ok at 15:00 ache undo
    ok at 16:00 ache edit "$id" --time 20:00
    ok ache history "${id:0:6}"
    expect_out "check-in ${id:0:8}, Friday 2026-11-20 20:00
1   2026-11-24 09:00  ache add      time 21:05, pain 6, fatigue 7, sleep hours 5.5, regions shoulder-l,neck, tags stress,yoga, a note
2   2026-11-24 10:00  ache edit     pain 6 -> 4, regions -shoulder-l -neck +chest, tags +heat -yoga, note removed
3   2026-11-24 11:00  ache import   fatigue 7 -> 3, sleep hours 5.5 -> not given
-   2026-11-24 12:00  ache rm       removed
4   2026-11-24 13:00  ache restore  brought back
-   2026-11-24 14:00  ache undo     removed
5   2026-11-24 15:00  ache undo     brought back
6   2026-11-24 16:00  ache edit     time 21:05 -> 20:00  (now)"
    expect_err ""
    # the full id and one in capitals say the same
    ok ache history "$id"
    first=$OUT
    ok ache history "$(printf '%s' "${id:0:10}" | tr a-f A-F)"
    expect_eq "$OUT" "$first" "history by a prefix in capitals"
}

test_history_of_a_removed_check_in() {
    ok ache add --date 2026-11-22 --mood 7 --note "$(printf 'first\nsecond')"
    id=$OUT
    ok at 10:00 ache edit "$id" --note "changed"
    ok at 11:00 ache rm "$id"
    ok ache history "$id"
    expect_out "check-in ${id:0:8}, Sunday 2026-11-22
1   2026-11-24 09:00  ache add      mood 7, a note
2   2026-11-24 10:00  ache edit     note changed
-   2026-11-24 11:00  ache rm       removed: \`ache restore ${id:0:8}\` brings it back"
}

test_history_of_an_added_then_undone_check_in() {
    ok ache add --pain 2 --time 07:30
    id=$OUT
    ok at 10:00 ache undo
    ok ache history "$id"
    expect_out "check-in ${id:0:8}, Tuesday 2026-11-24 07:30
1   2026-11-24 09:00  ache add      time 07:30, pain 2
-   2026-11-24 10:00  ache undo     removed: \`ache restore ${id:0:8}\` brings it back"
}

test_history_bad_ids() {
    ok ache add --pain 2
    run ache history 000000
    expect_rc 2; expect_out ""; expect_err "ache history: no check-in with id '000000'"
    run ache history xyz
    expect_rc 2; expect_err "ache history: 'xyz' is not a check-in id (6 to 32 hex digits)"
    run ache history 12345
    expect_rc 2; expect_err "ache history: '12345' is not a check-in id (6 to 32 hex digits)"
    run ache history "$OUT" "$OUT"
    expect_rc 2; expect_err "ache history: unexpected '$OUT' (see ache history --help)"
    run ache history --all
    expect_rc 2; expect_err "ache history: unknown option '--all' (see ache history --help)"
}

# ---- history (the latest changes) ----------------------------------------------

test_history_lists_the_latest_changes() {
    ok ache add --pain 1 --date 2026-11-20
    a=$OUT
    ok at 10:00 ache edit "$a" --pain 2
    printf 'date,pain\n2026-11-21,3\n2026-11-22,4\n' > a-rather-long-file-name.csv
    ok at 11:00 ache import a-rather-long-file-name.csv
    ok at 12:00 ache rm "$a"
    ok at 13:00 ache restore "$a"
    ok at 14:00 ache undo
    ok at 15:00 ache undo
    ok at 16:00 ache undo
    ok at 17:00 ache undo
    printf 'date,pain\n2026-11-23,5\n' | at 18:00 ache import - > /dev/null
    ok ache history
    expect_out "change  when              what
    10  2026-11-24 18:00  ache import stdin
     9  2026-11-24 17:00  ache undo of change 8 (${a:0:8})
     8  2026-11-24 16:00  ache undo of change 7 (${a:0:8})
     7  2026-11-24 15:00  ache undo of change 6 (${a:0:8})
     6  2026-11-24 14:00  ache undo of change 5 (${a:0:8})
     5  2026-11-24 13:00  ache restore ${a:0:8}
     4  2026-11-24 12:00  ache rm ${a:0:8}
     3  2026-11-24 11:00  ache import a-rather-long-file-name.csv
     2  2026-11-24 10:00  ache edit ${a:0:8}
     1  2026-11-24 09:00  ache add ${a:0:8}"
    expect_err ""
    ok ache history --last 2
    expect_out "change  when              what
    10  2026-11-24 18:00  ache import stdin
     9  2026-11-24 17:00  ache undo of change 8 (${a:0:8})"
    ok ache history --last=1
    expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "2"
    # an undo of an import names its file whole
    ok at 19:00 ache undo
    ok at 19:30 ache undo
    ok ache history --last 2
    expect_out "change  when              what
    12  2026-11-24 19:30  ache undo of change 11 (stdin)
    11  2026-11-24 19:00  ache undo of change 10 (stdin)"
}

test_history_lists_twenty_changes_unless_asked() {
    for i in $(seq 1 25); do ache add --pain $((i % 11)) --date "$(printf 2026-10-%02d "$i")" > /dev/null; done
    ok ache history
    expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "21" "a heading and 20 changes"
    expect_eq "$(printf '%s\n' "$OUT" | sed -n '2p' | awk '{ print $1 }')" "25"
    expect_eq "$(printf '%s\n' "$OUT" | tail -n 1 | awk '{ print $1 }')" "6"
    ok ache history --last 1000
    expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "26" "a heading and all 25"
}

test_history_on_a_diary_without_changes() {
    printf 'date,pain\n' > empty.csv
    ok ache import empty.csv # starts the diary, stores nothing
    ok ache history
    expect_out "no changes yet"
    expect_err ""
}

test_history_last_bad_values() {
    ok ache add --pain 3
    for v in 0 -1 1001 x 2.5 +5 ""; do
        run ache history --last "$v"
        expect_rc 2; expect_out ""
        expect_err "ache history: last: '$v' is not a number from 1 to 1000 (see ache history --help)"
    done
    run ache history --last
    expect_rc 2; expect_err "ache history: --last needs a value (N) (see ache history --help)"
    run ache history "$OUT" --last 5
    expect_rc 2; expect_err "ache history: --last goes with the list of changes, not with an id: give one or the other (see ache history --help)"
}

# ---- undo ----------------------------------------------------------------------

test_undo_with_nothing_to_undo() {
    printf 'date,pain\n' > empty.csv
    ok ache import empty.csv # starts the diary, stores nothing
    run ache undo
    expect_rc 1; expect_out ""
    expect_err "ache undo: nothing to undo: the diary has no changes yet"
    # an import that stored nothing is no change either
    printf 'date,pain\n' > empty.csv
    ok ache import empty.csv
    run ache undo
    expect_rc 1; expect_err "ache undo: nothing to undo: the diary has no changes yet"
}

test_undo_of_add() {
    ok ache add --pain 2 --date 2026-11-22 --time 07:30
    id=$OUT
    ok ache add --pain 3 --date 2026-11-23
    other=$OUT
    ok at 10:00 ache undo
    expect_out "undid change 2 (ache add, 2026-11-24 09:00)
  ${other:0:8} 2026-11-23: removed
this undo is change 3: \`ache undo\` again reverses it"
    expect_err ""
    ok ache list
    expect_out "${id:0:8} 2026-11-22 07:30 pain=2"
    # it was removed, so it can also be restored
    run ache rm "$other"
    expect_rc 1; expect_err "ache rm: check-in ${other:0:8} was removed on 2026-11-24: \`ache restore ${other:0:8}\` brings it back"
}

# An undo writes the earlier values as a new version, with a new time.
test_undo_of_edit() {
    ok ache add --date 2026-11-20 --time 08:00 --pain 6 --tag yoga --note "n1"
    id=$OUT
    before=$(export_held)
    ok at 10:00 ache edit "$id" --pain 4 --tag heat --clear note --time 09:15
    after=$(export_held)
    ok at 11:00 ache undo
    expect_out "undid change 2 (ache edit, 2026-11-24 10:00)
  ${id:0:8} 2026-11-20 08:00: time 09:15 -> 08:00, pain 4 -> 6, tags -heat, note added
this undo is change 3: \`ache undo\` again reverses it"
    expect_eq "$(export_held)" "$before" "the check-in after undoing the edit"
    ok ache export --format json
    expect_out_has '"updated_at": "2026-11-24T11:00:'
    # undoing the undo does the edit again
    ok at 12:00 ache undo
    expect_out "undid change 3 (ache undo of change 2, 2026-11-24 11:00)
  ${id:0:8} 2026-11-20 09:15: time 08:00 -> 09:15, pain 6 -> 4, tags +heat, note removed
this undo is change 4: \`ache undo\` again reverses it"
    expect_eq "$(export_held)" "$after" "the check-in after undoing the undo"
    ok ache export --format json
    expect_out_has '"updated_at": "2026-11-24T12:00:'
}

test_undo_of_rm_and_of_restore() {
    ok ache add --date 2026-11-20 --pain 6 --regions neck
    id=$OUT
    before=$(export_held)
    ok at 10:00 ache rm "$id"
    ok at 11:00 ache undo
    expect_out "undid change 2 (ache rm, 2026-11-24 10:00)
  ${id:0:8} 2026-11-20: back in the diary
this undo is change 3: \`ache undo\` again reverses it"
    expect_eq "$(export_held)" "$before" "the check-in after undoing its removal"
    ok at 12:00 ache rm "$id"
    ok at 13:00 ache restore "$id"
    ok at 14:00 ache undo
    expect_out "undid change 5 (ache restore, 2026-11-24 13:00)
  ${id:0:8} 2026-11-20: removed
this undo is change 6: \`ache undo\` again reverses it"
    expect_eq "$(count_checkins)" "0"
    ok ache restore "$id"
    expect_eq "$(export_held)" "$before" "the check-in restored after all that"
}

# Undo toggles the latest change: five in a row leave the diary as the
# first one did, and each is a change of its own.
test_five_undos_in_a_row() {
    ok ache add --date 2026-11-20 --pain 6
    id=$OUT
    ok at 10:00 ache edit "$id" --pain 2 --fog 5
    edited=$(export_held)
    ok at 10:30 ache undo
    undone=$(export_held)
    for i in 1 2 3 4; do
        ok at 1$i:00 ache undo
        expect_out "undid change $((i + 2)) (ache undo of change $((i + 1)), 2026-11-24 $([ $i = 1 ] && echo 10:30 || echo 1$((i - 1)):00))
  ${id:0:8} 2026-11-20: $([ $((i % 2)) = 1 ] && echo 'pain 6 -> 2, brain fog not given -> 5' || echo 'pain 2 -> 6, brain fog 5 -> not given')
this undo is change $((i + 3)): \`ache undo\` again reverses it"
        if [ $((i % 2)) = 1 ]; then
            expect_eq "$(export_held)" "$edited" "after undo $((i + 1))"
        else
            expect_eq "$(export_held)" "$undone" "after undo $((i + 1))"
        fi
    done
    expect_eq "$(count_changes)" "7"
    expect_eq "$(ache history "$id" | wc -l)" "8" "a heading and 7 versions"
}

test_undo_usage_errors_change_nothing() {
    ok ache add --pain 3
    before=$(ache export)
    run ache undo now
    expect_rc 2; expect_out ""; expect_err "ache undo: unexpected 'now' (see ache undo --help)"
    run ache undo --all
    expect_rc 2; expect_err "ache undo: unknown option '--all' (see ache undo --help)"
    run ache undo -n
    expect_rc 2; expect_err "ache undo: unknown option '-n' (see ache undo --help)"
    expect_eq "$(ache export)" "$before"
    expect_eq "$(count_changes)" "1"
}
