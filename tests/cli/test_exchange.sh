# ache export / import / backup

seed_diary() {
    ache add --date 2026-11-01 --time 08:00 --pain 5 --sleep-hours 7.25 --regions neck >/dev/null
    ache add --date 2026-11-02 --pain 7 --tag stress --note "$(printf 'line one, with comma\nline "two" — 日本語 😀')" >/dev/null
    ache add --date 2026-11-03 --time 22:10 --fatigue 3 --mood 8 --tag yoga,heat >/dev/null
}

test_export_import_export_gives_the_same_bytes_csv() {
    seed_diary
    ok ache export -o first.csv
    ACHE_DB="$PWD/other.db" run ache import first.csv
    expect_rc 0
    expect_out "imported first.csv: 3 rows: 3 added"
    ACHE_DB="$PWD/other.db" ache export --format csv > second.csv
    cmp first.csv second.csv || fail "CSV round trip changed bytes"
}

test_export_import_export_gives_the_same_bytes_json() {
    seed_diary
    ok ache export --format json -o first.json
    head -c 40 first.json | grep -q '^{"format": "ache", "version": 2' || fail "not ache JSON"
    ACHE_DB="$PWD/other.db" run ache import first.json
    expect_out "imported first.json: 3 rows: 3 added"
    ACHE_DB="$PWD/other.db" ache export -o second.json
    cmp first.json second.json || fail "JSON round trip changed bytes"
}

test_export_range_and_stdout() {
    seed_diary
    ok ache export --from 2026-11-02 --to 2026-11-02
    expect_eq "$(printf '%s\n' "$OUT" | grep -c '^[0-9a-f]\{32\},2026-11-02,')" "1"
    expect_out_lacks ",2026-11-01,"
    expect_out_lacks ",2026-11-03,"
}

test_export_file_is_private_and_atomic() {
    seed_diary
    umask 022
    ok ache export -o out.csv
    expect_eq "$(stat -c %a out.csv)" "600" "export mode"
    ls out.csv.tmp-* 2>/dev/null && fail "temporary file left behind"
    run ache export -o nodir/out.csv
    expect_rc 1
    expect_err "ache export: nodir/out.csv: No such file or directory"
    # a folder is in the way: refused before anything is written
    mkdir taken
    run ache export -o taken
    expect_rc 2
    expect_err "ache export: taken is not a plain file; give a file name"
    [ -z "$(ls -A taken)" ] || fail "something was written into the folder"
    ls taken.tmp-* 2>/dev/null && fail "temporary file left behind"
    true
}

test_export_bad_format() {
    seed_diary
    run ache export --format xml
    expect_rc 2
    expect_err "ache export: format: 'xml' is not a format (use csv, json or fhir) (see ache export --help)"
}

test_import_is_all_or_nothing() {
    seed_diary
    before=$(ache export)
    printf 'date,pain\n2026-10-01,3\n2026-10-02,4\n2026-10-03,11\n' > bad.csv
    run ache import bad.csv
    expect_rc 2
    expect_err "ache import: bad.csv:4:2: pain: 11 is out of range 0-10"
    expect_eq "$(ache export)" "$before" "diary changed by a failed import"
}

test_import_merges_by_id_and_updated_at() {
    seed_diary
    ache export -o base.csv
    ok ache import base.csv
    expect_out "imported base.csv: 3 rows: 3 unchanged"
    # a newer edit of the first row: updated; an older one: left alone,
    # and said to be older
    awk -F, 'NR==2 { $4 = 9; $16 = "2099-01-01T00:00:00.000Z" } { print }' OFS=, base.csv > newer.csv
    ok ache import newer.csv
    expect_out "imported newer.csv: 3 rows: 1 updated, 2 unchanged"
    ok ache list --to 2026-11-01
    expect_out_has "pain=9"
    # the file from before that edit is older than the diary now
    ok ache import base.csv
    expect_out "imported base.csv: 3 rows: 2 unchanged, 1 older than the diary"
    ok ache list --to 2026-11-01
    expect_out_has "pain=9"
}

test_import_subset_of_columns_makes_ids() {
    printf 'pain,date,note\n3,2026-11-01,hello\n,2026-11-02,\n' > few.csv
    ok ache import few.csv
    expect_out "imported few.csv: 2 rows: 2 added"
    ok ache export
    expect_eq "$(printf '%s\n' "$OUT" | grep -c '^[0-9a-f]\{32\},2026-11-0[12],')" "2"
}

test_import_from_stdin_guesses_format() {
    printf '{"format": "ache", "version": 1, "checkins": [{"date": "2026-11-05", "pain": 4}]}' |
        ache import - > out.txt 2> err.txt
    expect_eq "$?" "0"
    expect_eq "$(cat out.txt)" "imported stdin: 1 row: 1 added"
}

test_import_errors() {
    run ache import
    expect_rc 2; expect_err "ache import: which file? give its name, or - for standard input (see ache import --help)"
    run ache import missing.csv
    expect_rc 1; expect_err "ache import: missing.csv: No such file or directory"
    printf 'date,colour\n2026-11-01,red\n' > unknown.csv
    run ache import unknown.csv
    expect_rc 2; expect_err_has "ache import: unknown.csv:1:2: unknown column 'colour'"
    printf 'date,pain\n2026-11-30,3\n' > future.csv
    run ache import future.csv
    expect_rc 2; expect_err_has "ache import: future.csv:2:1: date: 2026-11-30 is in the future"
    printf '{"format": "ache", "version": 1, "checkins": [{"date": "2026-11-05", "pain": "4"}]}' > types.json
    run ache import types.json
    expect_rc 2; expect_err_has "ache import: types.json:1:"
    expect_err_has "pain: expected a whole number"
    run ache import types.json --format yaml
    expect_rc 2; expect_err "ache import: format: 'yaml' is not a format (use csv or json) (see ache import --help)"
    [ ! -e "$ACHE_DB" ] || fail "a failed import created the diary"
}

# A file is read twice: checked whole with the diary untouched, then
# merged. A bad last row, far from the first, still changes nothing, and
# a repeated id is named with the line that gave it first.
test_import_checks_the_whole_file_first() {
    awk 'BEGIN { print "date,pain"; for (i = 1; i <= 3000; i++) print "2026-01-01," i % 11 }' > long.csv
    printf '2026-01-02,12\n' >> long.csv
    run ache import long.csv
    expect_rc 2
    expect_err "ache import: long.csv:3002:2: pain: 12 is out of range 0-10"
    [ ! -e "$ACHE_DB" ] || fail "a failed import created the diary"
    id=0123456789abcdef0123456789abcdef
    { echo "id,date"; echo "$id,2026-01-01";
      awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "%032x,2026-01-02\n", i }';
      echo "$id,2026-01-03"; } > twice.csv
    run ache import twice.csv
    expect_rc 2
    expect_err "ache import: twice.csv:2003:1: id: $id is given twice (first at line 2)"
    [ ! -e "$ACHE_DB" ] || fail "a failed import created the diary"
}

# Standard input from a file (mapped) and from a pipe (read whole).
test_import_stdin_from_a_file_and_a_pipe() {
    seed_diary
    ache export -o all.csv
    rm -f "$ACHE_DB"
    ache import - < all.csv > out.txt 2> err.txt
    expect_eq "$?" "0"
    expect_eq "$(cat out.txt)" "imported stdin: 3 rows: 3 added"
    expect_eq "$(ache export)" "$(cat all.csv)" "the diary differs from the file"
    cat all.csv | ache import - > out.txt 2> err.txt
    expect_eq "$?" "0"
    expect_eq "$(cat out.txt)" "imported stdin: 3 rows: 3 unchanged"
}

test_backup_is_a_consistent_private_copy() {
    seed_diary
    umask 022
    ok ache backup copy.db
    expect_out "backed up 3 check-ins to copy.db"
    expect_eq "$(stat -c %a copy.db)" "600" "backup mode"
    expect_eq "$(ACHE_DB=$PWD/copy.db ache export)" "$(ache export)" "backup differs"
    run ache backup
    expect_rc 2; expect_err "ache backup: where to? give a file name (see ache backup --help)"
}

# A diary that uses everything of schema 4: own fields of every kind (one
# hidden, one weekly, a built-in one relabelled), values of them, medicines
# with a change of dose, a stop, doses, and one made from a tag.
seed_everything() {
    seed_diary
    ache fields add headache --kind rating --low none --high crushing >/dev/null &&
        ache fields add nausea --kind yesno >/dev/null &&
        ache fields add steps --kind count >/dev/null &&
        ache fields add morning-stiffness --kind minutes --weekly >/dev/null &&
        ache fields hide steps >/dev/null &&
        ache fields rename pain --label "Pain overall" >/dev/null ||
        fail "fields failed"
    ache add --date 2026-11-04 --time 07:30 --pain 4 --set headache=0 \
        --set nausea=no --set steps=4200 --set morning-stiffness=45 \
        --tag heat >/dev/null &&
        ache add --date 2026-11-05 --set nausea=yes --set headache=9 >/dev/null ||
        fail "values failed"
    ache meds add amitriptyline --dose 10 --unit mg --times 21:00 \
        --start 2026-10-01 >/dev/null &&
        ache meds change amitriptyline --dose 12.5 --on 2026-11-02 >/dev/null &&
        ache meds add ibuprofen --dose 400 --unit mg --as-needed \
            --start 2026-11-01 >/dev/null &&
        ache took ibuprofen --date 2026-11-03 --time 13:00 >/dev/null &&
        ache took ibuprofen 200 --date 2026-11-04 >/dev/null &&
        ache meds stop ibuprofen --on 2026-11-05 >/dev/null &&
        ache meds add warmth --as-needed --from-tag heat >/dev/null ||
        fail "medicines failed"
}

test_export_import_export_json_of_everything() {
    seed_everything
    ok ache export --format json -o first.json
    ACHE_DB="$PWD/other.db" run ache import first.json
    expect_rc 0
    expect_out "imported first.json: 5 rows: 5 added
fields: 4 added, 1 updated, 7 unchanged
medicines: 3 added
regimen periods: 4 added
doses: 4 added"
    ACHE_DB="$PWD/other.db" ache export --format json -o second.json
    cmp first.json second.json || fail "JSON round trip changed bytes"
    # and the second import finds everything there already
    ACHE_DB="$PWD/other.db" run ache import first.json
    expect_out "imported first.json: 5 rows: 5 unchanged"
    ACHE_DB="$PWD/other.db" run ache fields
    expect_out_has "steps                count    0-9999          1  Steps, 0 .. 9999; own, hidden"
    ACHE_DB="$PWD/other.db" run ache meds amitriptyline
    expect_out "2026-10-01 to 2026-11-02  10 mg at 21:00
2026-11-02 to now         12.5 mg at 21:00"
    # an undo takes the import back whole
    ACHE_DB="$PWD/other.db" run ache undo
    expect_out_has "3 medicines, 4 regimen periods, 4 doses put back as before"
    ACHE_DB="$PWD/other.db" run ache meds
    expect_out "no medicines yet (\`ache meds add NAME\` adds one)"
}

test_export_import_export_csv_with_own_fields() {
    seed_everything
    ok ache export -o first.csv
    head -1 first.csv | grep -q ',activity,headache,nausea,steps,morning_stiffness,regions,' ||
        fail "own columns missing: $(head -1 first.csv)"
    grep -q ',2026-11-04,07:30,4,,,,,,,,0,no,4200,45,' first.csv ||
        fail "own values missing"
    ACHE_DB="$PWD/other.db" run ache import first.csv
    expect_rc 2
    expect_err_has "unknown column 'headache'"
    ACHE_DB="$PWD/other.db" run ache import --create-fields first.csv
    expect_rc 0
    expect_out_has "made field headache (rating, from its values)"
    expect_out_has "made field nausea (yesno, from its values)"
    expect_out_has "made field steps (count, from its values)"
    expect_out_has "made field morning_stiffness (count, from its values)"
    ACHE_DB="$PWD/other.db" ache export -o second.csv
    cmp first.csv second.csv || fail "CSV round trip changed bytes"
}

test_export_doses_as_csv() {
    seed_everything
    ok ache export --what doses
    expect_eq "$(printf '%s\n' "$OUT" | head -1)" "id,date,time,medicine,amount,unit,created_at,updated_at"
    expect_eq "$(printf '%s\n' "$OUT" | cut -d, -f2-6 | grep ibuprofen)" "2026-11-03,13:00,ibuprofen,400,mg
2026-11-04,,ibuprofen,200,mg"
    expect_eq "$(printf '%s\n' "$OUT" | cut -d, -f2-6 | grep -c ',warmth,,$')" "2"
    run ache export --what doses --format json
    expect_rc 2
    expect_err "ache export: --what doses writes CSV (JSON carries the doses with the check-ins) (see ache export --help)"
}

# export -o says what it wrote, and where, on stderr; the export itself on
# standard output comes alone.
test_export_to_a_file_says_what_it_wrote() {
    seed_diary
    run ache export -o out.csv
    expect_rc 0; expect_out ""
    expect_err "ache export: wrote 3 check-ins to out.csv (CSV)"
    expect_eq "$(tail -n +2 out.csv | grep -c '^[0-9a-f]\{32\},')" "3"
    run ache export --from 2026-11-02 --to 2026-11-02 --output=one.json
    expect_rc 0; expect_out ""
    expect_err "ache export: wrote 1 check-in to one.json (JSON)"
    run ache export --from 2026-11-20 -o none.csv
    expect_rc 0
    expect_err "ache export: wrote 0 check-ins to none.csv (CSV)"
    run ache export --format fhir -o fhir.json
    expect_rc 0
    expect_err "ache export: wrote 3 check-ins to fhir.json (FHIR)"
    run ache export
    expect_rc 0; expect_err ""
    expect_out_has ",2026-11-01,08:00,5,"
    # a failed export says why, and nothing of what it would have written
    run ache export -o nodir/out.csv
    expect_rc 1
    expect_err "ache export: nodir/out.csv: No such file or directory"
}

test_export_to_a_file_counts_doses_too() {
    seed_everything
    run ache export -o all.json
    expect_rc 0
    expect_err "ache export: wrote 5 check-ins and 4 doses to all.json (JSON)"
    run ache export --what doses -o doses.csv
    expect_rc 0
    expect_err "ache export: wrote 4 doses to doses.csv (CSV)"
    expect_eq "$(tail -n +2 doses.csv | wc -l | tr -d ' ')" "4"
    run ache export --what doses --from 2026-11-04 --to 2026-11-04 -o two.csv
    expect_rc 0
    expect_err "ache export: wrote 2 doses to two.csv (CSV)"
    expect_eq "$(tail -n +2 two.csv | cut -d, -f2 | sort -u)" "2026-11-04"
    ACHE_DB=$PWD/other.db ache meds add aspirin --dose 100 --unit mg \
        --as-needed --start 2026-11-01 >/dev/null 2>&1 || fail "meds add failed"
    ACHE_DB=$PWD/other.db ache took aspirin --date 2026-11-02 >/dev/null 2>&1 ||
        fail "took failed"
    ACHE_DB=$PWD/other.db run ache export --what doses -o one.csv
    expect_rc 0
    expect_err "ache export: wrote 1 dose to one.csv (CSV)"
    ACHE_DB=$PWD/other.db run ache export -o one.json
    expect_rc 0
    expect_err "ache export: wrote 0 check-ins and 1 dose to one.json (JSON)"
    run ache export --what doses
    expect_rc 0; expect_err ""
    run ache export -o some.csv --to 2026-11-01
    expect_rc 0
    expect_err "ache export: wrote 1 check-in to some.csv (CSV)"
}
