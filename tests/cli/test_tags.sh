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
