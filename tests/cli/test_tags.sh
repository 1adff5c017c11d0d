# A check-in holds at most 100 tags, on every path; one stored with more by
# an older version can still be changed.

# names N [PREFIX] [SEP]: N distinct tag names joined by SEP (default ',')
names() {
    local i out=""
    for ((i = 1; i <= $1; i++)); do
        out+="${out:+${3:-,}}${2:-t}$i"
    done
    printf '%s' "$out"
}

# the tags the diary knows, one a line
known_tags() { sqlite3 "$ACHE_DB" 'SELECT name FROM tag ORDER BY name'; }

test_tags_add_takes_100_and_refuses_101() {
    ok ache add --pain 3 --tag "$(names 100)"
    ok ache add --pain 3 --tag "$(names 60)" --tag "$(names 100)" --tag t1
    before=$(export_held) tags=$(known_tags)
    run ache add --pain 3 --tag "$(names 100)" --tag extra
    expect_rc 2
    expect_err "ache add: tags: 101 tags; a check-in holds at most 100"
    expect_eq "$(export_held)" "$before" "nothing stored"
    expect_eq "$(known_tags)" "$tags" "no tag made"
}

test_tags_edit_refuses_the_101st_and_keeps_the_100() {
    ok ache add --pain 3 --tag "$(names 100)"
    id=$OUT
    before=$(export_held)
    run ache edit "$id" --tag extra --pain 4
    expect_rc 2
    expect_err "ache edit: tags: 101 tags; a check-in holds at most 100"
    expect_eq "$(export_held)" "$before" "nothing stored"
    ok ache edit "$id" --untag t1 --tag extra
    expect_out "updated $id"
}

# A check-in of 150 tags, as an older version could store it.
make_old_checkin() {
    ok ache add --pain 3 --tag t1
    id=$OUT
    sqlite3 "$ACHE_DB" "WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL
            SELECT i + 1 FROM k WHERE i < 150)
        INSERT INTO tag (name, kind) SELECT 't' || i, 'other' FROM k;
        INSERT INTO checkin_tag (checkin, tag_id)
            SELECT c.n, t.id FROM checkin c, tag t
            WHERE c.id = '$id' AND t.name GLOB 't[0-9]*' AND t.id NOT IN
                (SELECT tag_id FROM checkin_tag WHERE checkin = c.n);" ||
        fail "sqlite3 could not add the tags"
    ok ache export --format json
    [ "$(grep -o '"t[0-9]*"' <<<"$OUT" | wc -l)" -eq 150 ] ||
        fail "the old check-in does not have 150 tags"
}

test_tags_a_check_in_stored_with_more_can_still_be_changed() {
    make_old_checkin
    ok ache edit "$id" --pain 5 --note "still here"
    expect_out "updated $id"
    ok ache edit "$id" --untag t150,t149
    ok ache export --format json
    [ "$(grep -o '"t[0-9]*"' <<<"$OUT" | wc -l)" -eq 148 ] ||
        fail "the untagged check-in does not have 148 tags"
    expect_out_has '"pain": 5'
    before=$(export_held)
    run ache edit "$id" --tag extra
    expect_rc 2
    expect_err "ache edit: tags: 149 tags; a check-in holds at most 100 (this one had 148 from before: it can lose tags, not gain them)"
    expect_eq "$(export_held)" "$before" "nothing stored"
}

test_tags_import_csv_refuses_a_row_of_101_and_stores_nothing() {
    {
        echo "date,pain,tags"
        echo "2026-11-20,3,$(names 100 t ';')"
        echo "2026-11-21,4,$(names 101 t ';')"
    } >big.csv
    ok ache add --date 2026-11-01 --pain 1 --tag t1
    before=$(export_held) tags=$(known_tags)
    run ache import big.csv
    expect_rc 2
    expect_err "ache import: big.csv:3:3: tags: 101 tags; a check-in holds at most 100"
    expect_eq "$(export_held)" "$before" "nothing stored"
    expect_eq "$(known_tags)" "$tags" "no tag made"
}

test_tags_import_json_refuses_the_101st_tag_and_stores_nothing() {
    list=$(names 101 '"t' '", ')
    printf '{"format": "ache", "version": 1, "checkins": [\n{"date": "2026-11-20", "pain": 3, "tags": ["a"]},\n{"date": "2026-11-21", "pain": 3,\n "tags": [%s"]}]}\n' \
        "$list" >big.json
    ok ache add --date 2026-11-01 --pain 1
    before=$(export_held)
    run ache import big.json
    expect_rc 2
    # the place of the 101st tag
    pre=' "tags": ['"$(names 100 '"t' '", ')"'", '
    expect_err "ache import: big.json:4:$((${#pre} + 1)): tags: 101 tags; a check-in holds at most 100"
    expect_eq "$(export_held)" "$before" "nothing stored"
}

# ---- tags changed: add, rename, merge, kind, rm ------------------------------

# kind:uses of a tag as `ache tags` lists it, or "-" when it is not there
tag_line() {
    ache tags | awk -v t="$1" '$2 == t { print $1 ":" $3; f = 1 } END { if (!f) print "-" }'
}

test_tags_add_rename_and_undo() {
    ok ache tags add knitting --kind treatment
    expect_out "added tag knitting (treatment)"
    ok ache tags add sewing
    expect_out "added tag sewing (other)"
    ok ache tags --add crochet --kind treatment
    expect_out "added tag crochet (treatment)"
    ok ache add --date 2026-11-23 --pain 4 --tag knitting,stress
    first=$OUT
    ok ache add --pain 5 --tag knitting
    ok ache tags rename knitting needlework
    expect_out "renamed tag knitting to needlework (on 2 check-ins)"
    expect_eq "$(tag_line needlework)" "treatment:2"
    expect_eq "$(tag_line knitting)" "-"
    ok ache show 2026-11-23
    expect_out_has "needlework"
    ok ache history "$first"
    expect_out_has "ache tags"
    ok ache history
    expect_out_has "ache tags rename knitting needlework"
    ok ache undo
    expect_eq "$(tag_line knitting)" "treatment:2"
    expect_eq "$(tag_line needlework)" "-"
}

test_tags_merge_moves_check_ins_and_undo_brings_them_back() {
    ok ache add --date 2026-11-22 --pain 3 --tag coffee
    a=$OUT
    ok ache add --date 2026-11-23 --pain 4 --tag coffee,caffeine
    ok ache tags merge coffee caffeine
    expect_out "merged tag coffee into caffeine (on 2 check-ins)"
    expect_eq "$(tag_line coffee)" "-"
    expect_eq "$(tag_line caffeine)" "trigger:2"
    ok ache list
    expect_out_lacks "coffee"
    ok ache undo
    expect_eq "$(tag_line coffee)" "other:2"
    expect_eq "$(tag_line caffeine)" "trigger:1"
    ok ache show 2026-11-22
    expect_out_has "coffee"
}

test_tags_kind_and_rm() {
    run ache tags kind stress other
    expect_rc 1
    expect_err "ache tags: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    ok ache add --pain 2 --tag stress
    changes=$(count_changes)
    ok ache tags kind stress other
    expect_out "tag stress is now of kind other"
    ok ache tags kind stress other
    expect_out "tag stress is of kind other already: nothing changed"
    run ache tags rm stress
    expect_rc 1
    expect_err "ache tags: tag 'stress' is on 1 check-in: \`ache tags rm stress --force\` takes it off them (\`ache undo\` puts it back)"
    expect_eq "$(tag_line stress)" "other:1"
    ok ache tags rm stress --force
    expect_out "removed tag stress (from 1 check-in)"
    expect_eq "$(tag_line stress)" "-"
    ok ache list
    expect_out_lacks "stress"
    ok ache undo
    expect_eq "$(tag_line stress)" "other:1"
    ok ache tags rm yoga
    expect_out "removed tag yoga"
    expect_eq "$(tag_line yoga)" "-"
    ok ache undo
    expect_eq "$(tag_line yoga)" "treatment:0"
    expect_eq "$(count_changes)" "$((changes + 5))" "kind, rm, undo, rm, undo"
}

test_tags_bad_input_changes_nothing() {
    ok ache add --pain 2 --tag stress,worry
    before=$(export_held) changes=$(count_changes)
    run ache tags rename stress worry
    expect_rc 2
    expect_err "ache tags: tag 'worry' already exists (other): \`ache tags merge stress worry\` puts one into the other"
    run ache tags rename stres strain
    expect_rc 1
    expect_err "ache tags: no tag 'stres' in the diary (\`ache tags\` lists them)"
    run ache tags rename stress 'Bad Name'
    expect_rc 2
    expect_err "ache tags: tag: 'Bad Name' is not a tag name: character 4 is a space (a tag name is lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 bytes)"
    run ache tags merge stress stress
    expect_rc 2
    expect_err "ache tags: a tag cannot be merged into itself"
    run ache tags merge stress tea
    expect_rc 1
    expect_err "ache tags: no tag 'tea' to merge into (\`ache tags rename stress tea\` gives the tag that name)"
    run ache tags kind stress sometimes
    expect_rc 2
    expect_err "ache tags: kind: 'sometimes' is not a kind (use trigger, treatment or other) (see ache tags --help)"
    run ache tags rename stress
    expect_rc 2
    expect_err "ache tags: use: ache tags rename OLD NEW (see ache tags --help)"
    run ache tags merge a b --force
    expect_rc 2
    expect_err "ache tags: use: ache tags merge FROM INTO (see ache tags --help)"
    run ache tags frob stress
    expect_rc 2
    expect_err "ache tags: 'frob' is not an action of tags (use add, rename, merge, kind or rm) (see ache tags --help)"
    run ache tags add worry
    expect_rc 2
    expect_err "ache tags: tag 'worry' already exists (other)"
    run ache tags add
    expect_rc 2
    expect_err "ache tags: use: ache tags add NAME [--kind KIND] (see ache tags --help)"
    run ache tags --force
    expect_rc 2
    expect_err "ache tags: --force goes with rm NAME (see ache tags --help)"
    run ache tags rename stress strain
    expect_eq "$RC" 0
    ache undo >/dev/null
    expect_eq "$(export_held)" "$before" "nothing stored changed"
    expect_eq "$(count_changes)" "$((changes + 2))" "only the rename and its undo"
}

# A copy of a check-in read before a rename, written back by another
# writer, is refused rather than bring the old name back as a new tag.
test_tags_rename_under_a_writer_holding_an_old_copy() {
    ok ache add --pain 2 --tag stress
    id=$OUT
    ok ache tags rename stress strain
    sqlite3 "$ACHE_DB" "SELECT rev FROM checkin WHERE id = '$id'" >rev
    expect_eq "$(cat rev)" "2" "the rename gave the check-in a new revision"
    ok ache edit "$id" --pain 3
    ok ache show
    expect_out_has "strain"
    expect_out_lacks "stress"
}

# Names typed with capitals are read in small letters, and said so, as on
# every command.
test_tags_names_typed_loosely() {
    ok ache add --pain 2 --tag stress
    ok ache tags rename Stress Strain
    expect_err "ache tags: read tag 'Stress' as 'stress'
ache tags: read tag 'Strain' as 'strain'"
    expect_out "renamed tag stress to strain (on 1 check-in)"
    ok ache tags add Knitting --kind treatment
    expect_out "added tag knitting (treatment)"
    ok ache tags kind Knitting other
    expect_out "tag knitting is now of kind other"
    ok ache list --tag Strain
    expect_err "ache list: read tag 'Strain' as 'strain'"
    expect_out_has "tags=strain"
}

test_tags_format_json() {
    ok ache add --pain 2 --tag stress,stress-2
    ok ache tags --format json
    expect_out_has '[
  {"name": "alcohol", "kind": "trigger", "uses": 0},'
    expect_out_has '  {"name": "stress", "kind": "trigger", "uses": 1},'
    expect_out_has '  {"name": "stress-2", "kind": "other", "uses": 1}'
    [ "${OUT: -2}" = "}"$'\n'"]" ] || [ "${OUT: -1}" = "]" ] || fail "not one array"
    printf '%s\n' "$OUT" | python3 -c 'import json,sys; json.load(sys.stdin)' ||
        fail "not JSON"
    ok ache tags --format text
    expect_out_has "trigger    stress                   1"
    run ache tags --format yaml
    expect_rc 2
    expect_err "ache tags: format: 'yaml' is not a format (use text or json) (see ache tags --help)"
    run ache tags rm stress --format json
    expect_rc 2
    expect_err "ache tags: --format goes with the list (ache tags --format json) (see ache tags --help)"
}
