# ache import: every row accounted for, conflicts, removed check-ins,
# dry runs, and an import as one change. Every import's counts are checked
# to add up to the rows of its file (expect_counts_add_up).

HEADER=id,date,time,pain,fatigue,sleep_quality,sleep_hours,stiffness,fog,mood,activity,regions,tags,note,created_at,updated_at

# Three check-ins, added at 09:00 (the last one at 09:30), exported to
# base.csv; their ids in $id1 $id2 $id3.
seed_three() {
    ok ache add --date 2026-11-01 --time 08:00 --pain 5 --note "first note"
    id1=$OUT
    ok ache add --date 2026-11-02 --pain 7 --tag stress --regions neck
    id2=$OUT
    ok at 09:30 ache add --date 2026-11-03 --time 22:10 --fatigue 3 --mood 8
    id3=$OUT
    ache export -o base.csv
}

# edit_row FILE LINE AWK: FILE with line LINE changed by an awk program
# (fields split at commas: no note in that row may hold one).
edit_row() {
    awk -F, -v OFS=, -v line="$2" "NR == line { $3 } { print }" "$1"
}

# ---- rows without ids -----------------------------------------------------------

test_import_without_ids_twice_adds_nothing_the_second_time() {
    printf 'date,time,pain,tags,note\n2026-11-01,08:00,3,yoga,morning\n2026-11-01,20:00,5,,\n2026-11-02,,4,heat;yoga,"a, b"\n' > plain.csv
    run ache import plain.csv
    expect_rc 0; expect_err ""
    expect_out "imported plain.csv: 3 rows: 3 added"
    expect_counts_add_up 3
    first=$(ache export)
    run ache import plain.csv
    expect_rc 0
    expect_out "imported plain.csv: 3 rows: 3 unchanged"
    expect_counts_add_up 3
    expect_eq "$(ache export)" "$first" "the diary after the second import"
    expect_eq "$(count_changes)" "1" "the second import is no change"
}

# Two equal rows are two check-ins; each row matches one of them after.
test_import_two_identical_rows_adds_two_then_none() {
    printf 'date,time,pain,note\n2026-11-01,08:00,3,same\n2026-11-01,08:00,3,same\n' > twice.csv
    run ache import twice.csv
    expect_rc 0
    expect_out "imported twice.csv: 2 rows: 2 added"
    expect_counts_add_up 2
    expect_eq "$(count_checkins)" "2"
    run ache import twice.csv
    expect_out "imported twice.csv: 2 rows: 2 unchanged"
    expect_counts_add_up 2
    expect_eq "$(count_checkins)" "2"
    # a third equal row is one more check-in, the other two match
    printf '2026-11-01,08:00,3,same\n' >> twice.csv
    run ache import twice.csv
    expect_out "imported twice.csv: 3 rows: 1 added, 2 unchanged"
    expect_counts_add_up 3
    expect_eq "$(count_checkins)" "3"
}

# ---- by id: updated, unchanged, older, in conflict ----------------------------

test_import_counts_every_kind_of_row() {
    seed_three
    ok at 10:00 ache edit "$id3" --mood 6
    {
        edit_row base.csv 2 '$4 = 9; $16 = "2026-11-24T11:00:00.000Z"'
        echo ",2026-11-04,,2,,,,,,,,,,,,"
    } | grep -v "^$id2," > mixed.csv
    printf '%s,2026-11-02,,7,,,,,,,,neck,stress,,,2026-11-24T12:00:00.000Z\n' "$id2" >> mixed.csv
    # rows: id1 newer (updated), id3 older than the edit, a new one
    # (added), id2 the same content with a newer stamp (unchanged)
    run at 13:00 ache import mixed.csv
    expect_rc 0; expect_err ""
    expect_out "imported mixed.csv: 4 rows: 1 added, 1 updated, 1 unchanged, 1 older than the diary"
    expect_counts_add_up 4
    new=$(ache export --from 2026-11-04 | tail -n 1 | cut -c1-8)
    ok ache list
    expect_out "${id1:0:8} 2026-11-01 08:00 pain=9 note=\"first note\"
${id2:0:8} 2026-11-02 --:-- pain=7 regions=neck tags=stress
${id3:0:8} 2026-11-03 22:10 fatigue=3 mood=6
$new 2026-11-04 --:-- pain=2"
    # the updated row keeps the file's stamp
    ok ache export
    expect_out_has "$id1,2026-11-01,08:00,9,"
    expect_out_has ",2026-11-24T11:00:00.000Z"
}

# A value changed by hand in an exported file: the same id and updated_at,
# other content. Nothing is stored, and each conflict is listed.
test_import_hand_edited_export_is_a_conflict() {
    seed_three
    edit_row base.csv 2 '$4 = 6; $14 = "other note"' > hand.csv
    edit_row hand.csv 3 '$12 = "chest"; $13 = "stress;heat"' > hand2.csv
    before=$(ache export)
    run at 10:00 ache import hand2.csv
    expect_rc 1; expect_out ""
    expect_err "ache import: hand2.csv: 3 rows: 1 unchanged, 2 in conflict
ache import: 2 rows are in conflict with the diary (the same check-in with other content, and neither is newer):
  hand2.csv:2: ${id1:0:8} 2026-11-01 08:00: the file has pain 6, note \"other note\"; the diary pain 5, note \"first note\"
  hand2.csv:3: ${id2:0:8} 2026-11-02: the file has regions chest, tags heat,stress; the diary regions neck, tags stress
ache import: nothing was imported: --prefer-file takes the file's versions, --prefer-diary keeps the diary's"
    expect_counts_add_up 3
    expect_eq "$(ache export)" "$before" "the diary after an import with conflicts"
    expect_eq "$(count_changes)" "3" "an import with conflicts is no change"
    # a dry run finds the same, and says nothing would be imported
    run ache import --dry-run hand.csv
    expect_rc 1; expect_out ""
    expect_err "ache import: hand.csv: 3 rows: 2 unchanged, 1 in conflict
ache import: 1 row is in conflict with the diary (the same check-in with other content, and neither is newer):
  hand.csv:2: ${id1:0:8} 2026-11-01 08:00: the file has pain 6, note \"other note\"; the diary pain 5, note \"first note\"
ache import: nothing would be imported: --prefer-file takes the file's versions, --prefer-diary keeps the diary's"
    expect_counts_add_up 3
    expect_eq "$(ache export)" "$before" "the diary after a dry run"
}

# A note is shown by its first line, so two notes can be told apart.
test_import_conflict_shows_notes_by_their_first_line() {
    ok ache add --date 2026-11-05 --note "$(printf 'Slept badly, woke at four and could not sleep again\nsecond line')"
    id=$OUT
    ache export --format json > mine.json
    sed 's/"note": "[^"]*"/"note": "Slept well"/' mine.json > theirs.json
    run ache import theirs.json
    expect_rc 1
    expect_err_has "  theirs.json:11: ${id:0:8} 2026-11-05: the file has note \"Slept well\"; the diary note \"Slept badly, woke at four and could n...\""
    sed 's/"note": "[^"]*"/"note": "Slept well\\nthen badly"/' mine.json > lines.json
    run ache import lines.json
    expect_rc 1
    expect_err_has "  lines.json:11: ${id:0:8} 2026-11-05: the file has note \"Slept well...\"; the diary"
    sed 's/"note": "[^"]*", //' mine.json > none.json
    run ache import none.json
    expect_rc 1
    expect_err_has "  none.json:11: ${id:0:8} 2026-11-05: the file has no note; the diary note \"Slept badly, woke at four and could n...\""
    expect_counts_add_up 1
}

# A row with an id the diary has, other content and no updated_at.
test_import_row_without_updated_at_is_a_conflict() {
    printf 'id,date,pain\n0123456789abcdef0123456789abcdef,2026-11-01,3\n' > a.csv
    run ache import a.csv
    expect_out "imported a.csv: 1 row: 1 added"
    expect_counts_add_up 1
    run ache import a.csv
    expect_out "imported a.csv: 1 row: 1 unchanged"
    expect_counts_add_up 1
    printf 'id,date,pain\n0123456789abcdef0123456789abcdef,2026-11-01,4\n' > b.csv
    run ache import b.csv
    expect_rc 1
    expect_err_has "  b.csv:2: 01234567 2026-11-01: the file has pain 4; the diary pain 3"
    expect_counts_add_up 1
}

test_import_prefer_file_stores_the_files_version_anew() {
    seed_three
    edit_row base.csv 2 '$4 = 6; $5 = 2' > hand.csv
    run at 10:00 ache import --prefer-file hand.csv
    expect_rc 0; expect_err ""
    expect_out "imported hand.csv: 3 rows: 2 unchanged, 1 in conflict (the file's version taken)"
    expect_counts_add_up 3
    ok ache list --to 2026-11-01
    expect_out "${id1:0:8} 2026-11-01 08:00 pain=6 fatigue=2 note=\"first note\""
    # a new version, with a new updated_at (not the file's, which is not
    # newer than the diary's was)
    ok ache export --from 2026-11-01 --to 2026-11-01
    expect_out_has ",2026-11-24T10:00:"
    ok ache history "$id1"
    expect_out_has "2   2026-11-24 10:00  ache import   pain 5 -> 6, fatigue not given -> 2  (now)"
    # the same file again: the diary now has its content
    run ache import --prefer-file hand.csv
    expect_out "imported hand.csv: 3 rows: 3 unchanged"
    expect_counts_add_up 3
}

test_import_prefer_diary_keeps_the_diarys_version() {
    seed_three
    edit_row base.csv 2 '$4 = 6' > hand.csv
    before=$(ache export)
    run ache import --prefer-diary hand.csv
    expect_rc 0; expect_err ""
    expect_out "imported hand.csv: 3 rows: 2 unchanged, 1 in conflict (the diary's version kept)"
    expect_counts_add_up 3
    expect_eq "$(ache export)" "$before" "the diary after --prefer-diary"
    expect_eq "$(count_changes)" "3" "an import that changed nothing is no change"
}

test_import_prefer_file_and_diary_together_is_a_usage_error() {
    seed_three
    edit_row base.csv 2 '$4 = 6' > hand.csv
    before=$(ache export)
    run ache import --prefer-file --prefer-diary hand.csv
    expect_rc 2; expect_out ""
    expect_err "ache import: --prefer-file and --prefer-diary cannot both win; give one (see ache import --help)"
    expect_eq "$(ache export)" "$before"
}

# ---- removed check-ins -----------------------------------------------------------

test_import_keeps_removed_check_ins_removed() {
    seed_three
    before=$(export_held)
    ok at 10:00 ache rm "$id2"
    removed=$(export_held)
    run at 11:00 ache import base.csv
    expect_rc 0; expect_err ""
    expect_out "imported base.csv: 3 rows: 2 unchanged, 1 kept deleted
1 check-in in the file was removed from the diary since, and stays removed: --restore-deleted brings it back"
    expect_counts_add_up 3
    expect_eq "$(export_held)" "$removed" "the diary after the import"
    ok ache rm "$id3"
    run ache import base.csv
    expect_out "imported base.csv: 3 rows: 1 unchanged, 2 kept deleted
2 check-ins in the file were removed from the diary since, and stay removed: --restore-deleted brings them back"
    expect_counts_add_up 3
    run at 12:00 ache import --restore-deleted base.csv
    expect_rc 0; expect_err ""
    expect_out "imported base.csv: 3 rows: 1 unchanged, 2 restored"
    expect_counts_add_up 3
    expect_eq "$(export_held)" "$before" "the diary after --restore-deleted"
    ok ache history "$id2"
    expect_out_has "-   2026-11-24 10:00  ache rm       removed
2   2026-11-24 12:00  ache import   brought back  (now)"
    # and they are not added a second time
    run ache import --restore-deleted base.csv
    expect_out "imported base.csv: 3 rows: 3 unchanged"
    expect_counts_add_up 3
}

# A row written after the removal (changed elsewhere since) comes back.
test_import_row_newer_than_the_removal_comes_back() {
    seed_three
    ok at 10:00 ache rm "$id1"
    edit_row base.csv 2 '$4 = 2; $16 = "2026-11-24T11:00:00.000Z"' > later.csv
    run at 12:00 ache import later.csv
    expect_rc 0; expect_err ""
    expect_out "imported later.csv: 3 rows: 2 unchanged, 1 restored"
    expect_counts_add_up 3
    ok ache list --to 2026-11-01
    expect_out "${id1:0:8} 2026-11-01 08:00 pain=2 note=\"first note\""
    ok ache export
    expect_out_has "$id1,2026-11-01,08:00,2,"
    expect_out_has ",2026-11-24T11:00:00.000Z"
    # a row older than the removal stays out
    ok at 13:00 ache rm "$id1"
    run ache import later.csv
    expect_out_has "1 kept deleted"
    expect_counts_add_up 3
}

# ---- created_at -------------------------------------------------------------------

test_import_without_created_at_leaves_it_unknown() {
    printf 'date,time,pain\n2026-11-01,08:00,3\n' > nocreated.csv
    run ache import nocreated.csv
    expect_out "imported nocreated.csv: 1 row: 1 added"
    expect_counts_add_up 1
    ok ache export
    line=$(printf '%s\n' "$OUT" | tail -n 1)
    expect_eq "$(printf '%s' "$line" | cut -d, -f15)" "" "created_at"
    [[ $(printf '%s' "$line" | cut -d, -f16) == 2026-11-24T09:00:* ]] ||
        fail "updated_at is not the import's time: $line"
    ok ache export --format json
    expect_out_lacks '"created_at"'
    ok ache show 2026-11-01
    expect_out_lacks "filled in"
    # an edit later leaves it unknown
    ok at 10:00 ache edit "$(ache list | cut -c1-8)" --pain 4
    ok ache show 2026-11-01
    expect_out_lacks "filled in"
    expect_eq "$(ache export | tail -n 1 | cut -d, -f15)" "" "created_at after an edit"
    # while a known created_at days later is said
    printf 'date,pain,created_at\n2026-11-02,3,2026-11-20T10:00:00Z\n' > created.csv
    run ache import created.csv
    expect_counts_add_up 1
    ok ache show 2026-11-02
    expect_out_has "(filled in on 2026-11-20)"
}

# ---- dry runs -----------------------------------------------------------------------

test_import_dry_run_stores_nothing() {
    seed_three
    ok at 10:00 ache rm "$id3"
    { edit_row base.csv 2 '$4 = 9; $16 = "2026-11-24T11:00:00.000Z"'; echo ",2026-11-04,,2,,,,,,,,,,,,"; } > next.csv
    before=$(ache export)
    for dry in --dry-run -n; do
        run ache import $dry next.csv
        expect_rc 0; expect_err ""
        expect_out "would import next.csv: 4 rows: 1 added, 1 updated, 1 unchanged, 1 kept deleted
1 check-in in the file was removed from the diary since, and would stay removed: --restore-deleted brings it back
(a dry run: nothing was stored)"
        expect_counts_add_up 4
        expect_eq "$(ache export)" "$before" "the diary after $dry"
    done
    run ache import next.csv -n --restore-deleted
    expect_out "would import next.csv: 4 rows: 1 added, 1 updated, 1 unchanged, 1 restored
(a dry run: nothing was stored)"
    expect_counts_add_up 4
    expect_eq "$(ache export)" "$before" "the diary after -n --restore-deleted"
    expect_eq "$(count_changes)" "4" "dry runs are no change"
    # the import itself does what the dry run said
    run ache import next.csv --restore-deleted
    expect_out "imported next.csv: 4 rows: 1 added, 1 updated, 1 unchanged, 1 restored"
    expect_counts_add_up 4
}

test_import_dry_run_does_not_create_a_diary() {
    printf 'date,pain\n2026-11-01,3\n2026-11-01,3\n2026-11-02,\n' > new.csv
    run ache import -n new.csv
    expect_rc 0; expect_err ""
    expect_out "would import new.csv: 3 rows: 3 added
(a dry run: nothing was stored)"
    expect_counts_add_up 3
    [ ! -e "$ACHE_DB" ] || fail "a dry run created the diary"
    printf '{"format": "ache", "version": 1, "checkins": [{"date": "2026-11-05", "pain": 4}]}' |
        ache import --dry-run - > out.txt
    expect_eq "$(cat out.txt)" "would import stdin: 1 row: 1 added
(a dry run: nothing was stored)"
    [ ! -e "$ACHE_DB" ] || fail "a dry run from stdin created the diary"
}

# ---- JSON ---------------------------------------------------------------------------

test_import_json_rows_are_accounted_for_too() {
    seed_three
    ache export --format json -o base.json
    run ache import base.json
    expect_out "imported base.json: 3 rows: 3 unchanged"
    expect_counts_add_up 3
    sed -e 's/"pain": 7, //' -e 's/"neck"/"chest"/' base.json > hand.json
    run ache import hand.json
    expect_rc 1
    expect_err "ache import: hand.json: 3 rows: 2 unchanged, 1 in conflict
ache import: 1 row is in conflict with the diary (the same check-in with other content, and neither is newer):
  hand.json:12: ${id2:0:8} 2026-11-02: the file has pain not given, regions chest; the diary pain 7, regions neck
ache import: nothing was imported: --prefer-file takes the file's versions, --prefer-diary keeps the diary's"
    expect_counts_add_up 3
    ok at 10:00 ache rm "$id1"
    run ache import hand.json --prefer-diary
    expect_out "imported hand.json: 3 rows: 1 unchanged, 1 kept deleted, 1 in conflict (the diary's version kept)
1 check-in in the file was removed from the diary since, and stays removed: --restore-deleted brings it back"
    expect_counts_add_up 3
    run at 11:00 ache import hand.json --prefer-file --restore-deleted
    expect_out "imported hand.json: 3 rows: 1 unchanged, 1 restored, 1 in conflict (the file's version taken)"
    expect_counts_add_up 3
    ok ache list
    expect_out "${id1:0:8} 2026-11-01 08:00 pain=5 note=\"first note\"
${id2:0:8} 2026-11-02 --:-- regions=chest tags=stress
${id3:0:8} 2026-11-03 22:10 fatigue=3 mood=8"
    # JSON without ids, twice
    sed -e 's/"id": "[^"]*", //' -e 's/, "created_at": "[^"]*"//' \
        -e 's/, "updated_at": "[^"]*"//' base.json > plain.json
    run ache import plain.json
    expect_out "imported plain.json: 3 rows: 1 added, 2 unchanged"
    expect_counts_add_up 3
    run ache import plain.json
    expect_out "imported plain.json: 3 rows: 3 unchanged"
    expect_counts_add_up 3
}

# ---- an import is one change ----------------------------------------------------------

test_undo_takes_a_whole_import_back() {
    seed_three
    ok at 10:00 ache rm "$id3"
    before=$(export_held)
    {
        edit_row base.csv 2 '$4 = 9; $16 = "2026-11-24T11:00:00.000Z"'
        echo ",2026-11-04,,2,,,,,,,,,,,,"
        echo ",2026-11-05,,1,,,,,,,,,,,,"
    } > next.csv
    run at 12:00 ache import --restore-deleted next.csv
    expect_out "imported next.csv: 5 rows: 2 added, 1 updated, 1 unchanged, 1 restored"
    expect_counts_add_up 5
    after=$(export_held)
    ok at 13:00 ache undo
    expect_out "undid change 5 (ache import next.csv, 2026-11-24 12:00)
  4 check-ins: 1 put back as before, 3 taken out
this undo is change 6: \`ache undo\` again reverses it"
    expect_err ""
    expect_eq "$(export_held)" "$before" "the diary after undoing the import"
    ok ache history "$id1"
    expect_out_has "3   2026-11-24 13:00  ache undo     pain 9 -> 5  (now)"
    ok at 14:00 ache undo
    expect_out "undid change 6 (ache undo of change 5, 2026-11-24 13:00)
  4 check-ins: 1 put back as before, 3 brought back
this undo is change 7: \`ache undo\` again reverses it"
    expect_eq "$(export_held)" "$after" "the diary after undoing the undo"
}

test_undo_of_an_import_of_one_row() {
    printf 'date,pain\n2026-11-01,3\n' > one.csv
    run ache import one.csv
    expect_counts_add_up 1
    id=$(ache export | tail -n 1 | cut -d, -f1)
    ok at 10:00 ache undo
    expect_out "undid change 1 (ache import one.csv, 2026-11-24 09:00)
  ${id:0:8} 2026-11-01: removed
this undo is change 2: \`ache undo\` again reverses it"
    expect_eq "$(count_checkins)" "0"
}

# ---- bad input ----------------------------------------------------------------------

test_import_usage_errors_change_nothing() {
    seed_three
    edit_row base.csv 2 '$4 = 9; $16 = "2026-11-24T11:00:00.000Z"' > next.csv
    before=$(ache export)
    run ache import next.csv other.csv
    expect_rc 2; expect_out ""; expect_err "ache import: unexpected 'other.csv' (see ache import --help)"
    run ache import next.csv --dry
    expect_rc 2; expect_err "ache import: unknown option '--dry' (see ache import --help)"
    run ache import next.csv --prefer
    expect_rc 2; expect_err "ache import: unknown option '--prefer' (see ache import --help)"
    run ache import next.csv --restore-deleted=yes
    expect_rc 2; expect_err "ache import: --restore-deleted takes no value (see ache import --help)"
    run ache import next.csv --dry-run=no
    expect_rc 2; expect_err "ache import: --dry-run takes no value (see ache import --help)"
    run ache import next.csv --prefer-file=1
    expect_rc 2; expect_err "ache import: --prefer-file takes no value (see ache import --help)"
    run ache import next.csv -x
    expect_rc 2; expect_err "ache import: unknown option '-x' (see ache import --help)"
    run ache import next.csv --format
    expect_rc 2; expect_err "ache import: --format needs a value (csv|json) (see ache import --help)"
    run ache import next.csv --format fhir
    expect_rc 2; expect_err "ache import: fhir: ache cannot import FHIR (export only) (see ache import --help)"
    run ache import -n
    expect_rc 2; expect_err "ache import: which file? give its name, or - for standard input (see ache import --help)"
    run ache import --restore-deleted --prefer-diary
    expect_rc 2; expect_err "ache import: which file? give its name, or - for standard input (see ache import --help)"
    expect_eq "$(ache export)" "$before" "the diary after refused imports"
    expect_eq "$(count_changes)" "3"
}

# A bad row refuses the whole file, in a dry run too.
test_import_bad_file_is_refused_whole_in_a_dry_run_too() {
    seed_three
    before=$(ache export)
    printf 'date,pain\n2026-11-04,3\n2026-11-05,12\n' > bad.csv
    run ache import -n bad.csv
    expect_rc 2; expect_out ""
    expect_err "ache import: bad.csv:3:2: pain: 12 is out of range 0-10"
    run ache import --prefer-file --restore-deleted bad.csv
    expect_rc 2
    expect_err "ache import: bad.csv:3:2: pain: 12 is out of range 0-10"
    expect_eq "$(ache export)" "$before"
}

# A row with an id and a row without one, both equal to one check-in of
# the diary: the file holds two of it, whatever their order.
test_import_rows_with_and_without_ids_in_either_order() {
    ok ache add --date 2026-11-01 --pain 3
    id=$OUT
    printf 'id,date,pain\n,2026-11-01,3\n%s,2026-11-01,3\n' "$id" > a.csv
    printf 'id,date,pain\n%s,2026-11-01,3\n,2026-11-01,3\n' "$id" > b.csv
    run ache import -n a.csv
    expect_rc 0; expect_counts_add_up 2
    expect_out_has "would import a.csv: 2 rows: 1 added, 1 unchanged"
    run ache import -n b.csv
    expect_rc 0; expect_counts_add_up 2
    expect_out_has "would import b.csv: 2 rows: 1 added, 1 unchanged"
    ok ache import a.csv
    run ache import b.csv
    expect_rc 0; expect_out "imported b.csv: 2 rows: 2 unchanged"
}

# Rows without ids are matched to check-ins removed since, too: they stay
# removed, and --restore-deleted brings back those very check-ins.
test_import_without_ids_keeps_removed_check_ins_removed() {
    printf 'date,pain,tags\n2026-11-02,4,stress\n2026-11-02,4,stress\n' > c.csv
    ok ache import c.csv
    ok ache list
    gone=$(printf '%s\n' "$OUT" | head -n 1 | cut -c1-8)
    ok ache rm "$gone"
    run ache import c.csv
    expect_rc 0; expect_counts_add_up 2
    expect_out "imported c.csv: 2 rows: 1 unchanged, 1 kept deleted
1 check-in in the file was removed from the diary since, and stays removed: --restore-deleted brings it back"
    run ache import c.csv --restore-deleted
    expect_rc 0; expect_counts_add_up 2
    expect_out "imported c.csv: 2 rows: 1 unchanged, 1 restored"
    ok ache list
    expect_out_has "$gone 2026-11-02 --:-- pain=4 tags=stress"
    expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 2
}

# ---- a file that changes while it is read -------------------------------------

# import_while_blocked CHANGE: starts `ache import big.csv` while another
# connection holds the diary's write lock, waits until the import has the
# file mapped (so it is between reading and storing), runs CHANGE on the
# file, then lets the import go on. Its outcome is in $RC, $OUT and $ERR.
import_while_blocked() {
    mkfifo held
    python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.read()
db.execute("ROLLBACK")' "$ACHE_DB" <held >locked &
    exec 3>held
    while [ ! -s locked ]; do sleep 0.02; done
    "$ACHE_BIN" import big.csv >out 2>err 3>&- &
    local pid=$!
    local tries=0
    until grep -q "/big.csv" /proc/$pid/maps 2>/dev/null; do
        kill -0 $pid 2>/dev/null && [ $((tries += 1)) -lt 1000 ] ||
            { exec 3>&-; wait; OUT=$(cat out) ERR=$(cat err); fail "the import never mapped big.csv"; }
        sleep 0.01
    done
    "$@"
    exec 3>&-
    wait $pid
    RC=$?
    wait
    OUT=$(cat out) ERR=$(cat err)
}

# The rows of big.csv: a day of November each, pain 3.
write_big() {
    printf 'date,pain,note\n' > big.csv
    for d in $(seq -w 1 20); do printf '2026-11-%s,3,a day\n' "$d"; done >> big.csv
    touch -d @1600000000 big.csv
}

# Cut short under the reader: refused with a message (not SIGBUS), and
# nothing stored.
test_import_refuses_a_file_cut_short_while_read() {
    command -v python3 >/dev/null || { echo "    (python3 missing: skipped)" >&2; return 0; }
    ok ache add --date 2026-10-01 --pain 6
    before=$(ache export)
    write_big
    import_while_blocked truncate -s 0 big.csv
    expect_rc 1
    expect_err "ache import: big.csv changed while it was read; nothing was stored: import it again once it is complete"
    expect_eq "$(ache export)" "$before" "the diary after the refused import"
}

# Rewritten in place to the same length while the import waited to store
# it (the first row's pain, 3, becomes 9): what was checked is not what
# would be stored, so nothing is.
overwrite_first_pain() {
    printf 9 | dd of=big.csv bs=1 seek=26 conv=notrunc status=none
}

test_import_refuses_a_file_rewritten_while_read() {
    command -v python3 >/dev/null || { echo "    (python3 missing: skipped)" >&2; return 0; }
    ok ache add --date 2026-10-01 --pain 6
    before=$(ache export)
    write_big
    import_while_blocked overwrite_first_pain
    expect_rc 1
    expect_err "ache import: big.csv changed while it was read; nothing was stored: import it again once it is complete"
    expect_eq "$(ache export)" "$before" "the diary after the refused import"
}
