# ache add / edit / rm / show / list

test_add_prints_id_and_show_reads_it_back() {
    ok ache add --pain 6 --fatigue 7 --sleep 3 --sleep-hours 6.5 --time 08:30 \
        --regions neck,shoulder-l --tag long-sitting --tag magnesium --note "Bad night"
    [[ $OUT =~ ^[0-9a-f]{32}$ ]] || fail "add printed '$OUT', not an id"
    id=$OUT
    ok ache show
    expect_out "Tuesday 2026-11-24: 1 check-in

08:30  ${id:0:8}
  Pain            6    moderate
  Fatigue         7    severe
  Sleep quality   3    poor
  Sleep hours     6.5
  Regions         left shoulder, neck
                  (2 of 19 regions, 2 of 5 groups)
  Tags            long-sitting
                  magnesium
  Note            Bad night"
}

test_add_every_field_round_trips_through_csv() {
    ok ache add --date 2026-11-20 --time 21:05 --pain 0 --fatigue 10 --sleep 0 \
        --sleep-hours 24 --stiffness 4 --fog 5 --mood 10 --activity 1 \
        --regions jaw-l,abdomen --tag yoga --note 'He said "ok", then left'
    id=$OUT
    ok ache export --format csv
    expect_out "id,date,time,pain,fatigue,sleep_quality,sleep_hours,stiffness,fog,mood,activity,regions,tags,note,created_at,updated_at
$id,2026-11-20,21:05,0,10,0,24,4,5,10,1,jaw-l;abdomen,yoga,\"He said \"\"ok\"\", then left\",$(ache export --format csv | tail -n 1 | cut -d, -f16-)"
}

test_add_absent_is_not_zero() {
    ok ache add --pain 4
    ok ache export
    line=$(printf '%s\n' "$OUT" | tail -n 1)
    fields=$(printf '%s' "$line" | cut -d, -f4-14)
    expect_eq "$fields" "4,,,,,,,,,," "only pain is given"
}

test_add_time_defaults_to_now_for_today_only() {
    ok ache add --pain 2 --date -2
    ok ache list
    expect_out_has " 2026-11-22 --:-- pain=2"
    ok ache add --pain 3
    ok ache list --from today
    [[ $OUT =~ 2026-11-24\ [0-2][0-9]:[0-5][0-9]\ pain=3 ]] || fail "today's check-in has no time"
}

test_add_relative_dates() {
    ok ache add --pain 1 --date yesterday
    ok ache add --pain 2 --date -3
    ok ache add --pain 3 --date 2024-02-29
    ok ache list
    expect_out_has "2024-02-29 --:-- pain=3"
    expect_out_has "2026-11-21 --:-- pain=2"
    expect_out_has "2026-11-23 --:-- pain=1"
}

test_add_bad_values_name_field_value_and_range() {
    run ache add --pain 11
    expect_rc 2; expect_err "ache add: pain: 11 is out of range 0-10"
    run ache add --fatigue -1
    expect_rc 2; expect_err "ache add: fatigue: -1 is out of range 0-10"
    run ache add --sleep abc
    expect_rc 2; expect_err "ache add: sleep_quality: 'abc' is not a whole number (use 0-10)"
    run ache add --sleep-hours 7.3
    expect_rc 2; expect_err "ache add: sleep_hours: 7.3 is not a number of hours from 0 to 24 in steps of 0.25"
    run ache add --sleep-hours 25
    expect_rc 2; expect_err "ache add: sleep_hours: 25 is not a number of hours from 0 to 24 in steps of 0.25"
    run ache add --mood 5.5
    expect_rc 2; expect_err "ache add: mood: '5.5' is not a whole number (use 0-10)"
    run ache add --pain 3 --regions neck,knee
    expect_rc 2; expect_err_has "ache add: regions: 'knee' is not a body region (use jaw-l/-r,"
    run ache add --pain 3 --tag Yoga
    expect_rc 2; expect_err_has "ache add: tag: 'Yoga' is not a tag name"
    run ache add --pain 3 --time 24:00
    expect_rc 2; expect_err "ache add: time: '24:00' is not a time of day (use HH:MM, 00:00-23:59)"
    run ache add --pain 3 --date 2026-02-30
    expect_rc 2; expect_err "ache add: date: '2026-02-30' is not a date (use YYYY-MM-DD, today, yesterday or -N for N days ago)"
    [ ! -e "$ACHE_DB" ] || fail "a refused add created the diary"
}

test_add_refuses_the_future() {
    run ache add --pain 3 --date 2026-11-25
    expect_rc 2
    expect_err "ache add: date: 2026-11-25 is in the future (today is 2026-11-24)"
}

test_add_needs_a_value() {
    run ache add --date yesterday
    expect_rc 2
    expect_err "ache add: nothing to record: give at least one value, for example --pain 4 (see ache add --help)"
}

test_add_usage_errors() {
    run ache add --pian 3
    expect_rc 2; expect_err "ache add: unknown option '--pian' (see ache add --help)"
    run ache add --pain
    expect_rc 2; expect_err "ache add: --pain needs a value (N) (see ache add --help)"
    run ache add --pain 3 extra
    expect_rc 2; expect_err "ache add: unexpected 'extra' (see ache add --help)"
}

test_add_option_forms_and_order() {
    ok ache add --note=first --pain=5 --date=-1
    ok ache --db "$ACHE_DB" add --pain 6
    ok ache add --pain 7 --db "$ACHE_DB"
    ok ache list
    expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "3"
    expect_out_has 'pain=5 note="first"'
}

test_add_new_tag_is_announced_and_kept_as_other() {
    ok ache add --pain 3 --tag gardening,yoga
    expect_err "ache add: new tag 'gardening' (kind other)"
    ok ache tags
    expect_out_has "other      gardening                1"
    expect_out_has "treatment  yoga                     1"
}

test_edit_changes_only_what_is_given() {
    ok ache add --pain 6 --fatigue 5 --tag yoga --note "n1" --time 07:00
    id=$OUT
    ok ache edit "${id:0:8}" --pain 4 --untag yoga --tag heat
    expect_out "updated $id"
    ok ache list
    expect_out "${id:0:8} 2026-11-24 07:00 pain=4 fatigue=5 tags=heat note=\"n1\""
    ok ache edit "$id" --clear fatigue --clear note --clear time
    ok ache list
    expect_out "${id:0:8} 2026-11-24 --:-- pain=4 tags=heat"
}

test_edit_errors() {
    ok ache add --pain 6
    id=$OUT
    run ache edit
    expect_rc 2; expect_err "ache edit: which check-in? give its id (see ache list) (see ache edit --help)"
    run ache edit "$id"
    expect_rc 2; expect_err "ache edit: nothing to change: give at least one option, for example --pain 4 (see ache edit --help)"
    run ache edit "$id" --clear pain
    expect_rc 2; expect_err "ache edit: that would leave the check-in empty; use \`ache rm ${id:0:8}\` to remove it (see ache edit --help)"
    run ache edit "$id" --clear colour
    expect_rc 2; expect_err_has "ache edit: clear: 'colour' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity, time, regions, tags or note)"
    run ache edit "$id" --untag yoga
    expect_rc 2; expect_err "ache edit: untag: the check-in has no tag 'yoga'"
    run ache edit abc --pain 3
    expect_rc 2; expect_err "ache edit: 'abc' is not a check-in id (6 to 32 hex digits)"
    run ache edit 000000 --pain 3
    expect_rc 2; expect_err "ache edit: no check-in with id '000000'"
    run ache edit "$id" --pain 12
    expect_rc 2; expect_err "ache edit: pain: 12 is out of range 0-10"
    ok ache list
    expect_out_has "pain=6"
}

test_rm_removes_and_reports() {
    ok ache add --pain 6
    id=$OUT
    ok ache add --pain 2
    ok ache rm "${id:0:10}"
    expect_out "removed ${id:0:8} (2026-11-24 09:00: pain 6)
\`ache restore ${id:0:8}\` brings it back"
    ok ache list
    expect_out_lacks "pain=6"
    expect_out_has "pain=2"
    run ache rm "$id"
    expect_rc 1
    expect_err "ache rm: check-in ${id:0:8} was removed on 2026-11-24: \`ache restore ${id:0:8}\` brings it back"
    run ache rm 0123456789abcdef
    expect_rc 2; expect_err "ache rm: no check-in with id '0123456789abcdef'"
}

test_show_empty_day_and_other_day() {
    ok ache add --pain 1
    ok ache show 2026-11-01
    expect_out "Sunday 2026-11-01: no check-ins"
    run ache show 2026-13-01
    expect_rc 2
    expect_err "ache show: date: '2026-13-01' is not a date (use YYYY-MM-DD, today, yesterday or -N for N days ago)"
}

test_show_marks_a_day_filled_in_later() {
    # created_at is the clock's now (2026-11-24); the day is long before it
    ok ache add --pain 5 --date 2020-01-10 --time 20:00
    id=$OUT
    ok ache show 2020-01-10
    expect_out_has "20:00  ${id:0:8}  (filled in on 2026-11-24)"
}

test_reading_commands_do_not_create_a_diary() {
    for c in show list tags export; do
        run ache $c
        expect_rc 1
        expect_err "ache $c: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    done
    [ ! -e "$ACHE_DB" ] || fail "a reading command created the diary"
}

test_list_range() {
    ok ache add --pain 1 --date 2026-11-01
    ok ache add --pain 2 --date 2026-11-10
    ok ache add --pain 3 --date 2026-11-20
    ok ache list --from 2026-11-05 --to 2026-11-15
    expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "1"
    expect_out_has "2026-11-10 --:-- pain=2"
    run ache list --from 2026-11-15 --to 2026-11-05
    expect_rc 2; expect_err "ache list: --from comes after --to (see ache list --help)"
}

test_list_note_is_cut_to_one_line() {
    ok ache add --pain 1 --note "$(printf 'first line\nsecond line')"
    ok ache list
    expect_out_has 'note="first line..."'
}

# Four check-ins for the filters of list: values, regions, tags and an
# own field (headache, a rating).
seed_filtered() {
    ok ache fields add headache --kind rating
    ok ache add --date 2026-11-20 --pain 8 --fatigue 3 --regions neck,lower-back --tag stress --tag rain
    A=${OUT:0:8}
    ok ache add --date 2026-11-21 --pain 5 --regions neck --tag stress --set headache=7
    B=${OUT:0:8}
    ok ache add --date 2026-11-22 --pain 2 --tag rain --set headache=2
    C=${OUT:0:8}
    ok ache add --date 2026-11-23 --fatigue 9
    D=${OUT:0:8}
}

# The short ids list printed, in order, on one line.
listed_ids() { printf '%s\n' "$OUT" | cut -c1-8 | tr '\n' ' '; }

test_list_filters_all_must_hold() {
    seed_filtered
    ok ache list --tag stress
    expect_eq "$(listed_ids)" "$A $B "
    ok ache list --tag stress --tag rain
    expect_eq "$(listed_ids)" "$A "
    ok ache list --tag Rain
    expect_eq "$(listed_ids)" "$A $C " "a tag as typed in capitals"
    ok ache list --region neck
    expect_eq "$(listed_ids)" "$A $B "
    ok ache list --region neck --region lower-back
    expect_eq "$(listed_ids)" "$A "
    ok ache list --region neck,lower-back
    expect_eq "$(listed_ids)" "$A "
    ok ache list --min pain=5
    expect_eq "$(listed_ids)" "$A $B " "a check-in without pain is no pain of 0"
    ok ache list --min pain=3 --max pain=6
    expect_eq "$(listed_ids)" "$B "
    ok ache list --max pain=2
    expect_eq "$(listed_ids)" "$C "
    ok ache list --max pain=0
    expect_eq "$OUT" ""
    ok ache list --min headache=5
    expect_eq "$(listed_ids)" "$B " "an own field"
    ok ache list --min fatigue=3 --tag stress --region lower-back --from 2026-11-20 --to 2026-11-20
    expect_eq "$(listed_ids)" "$A "
    ok ache list --min fatigue=3 --to 2026-11-19
    expect_eq "$OUT" ""
    ok ache list --min sleep-hours=7.5
    expect_eq "$OUT" ""
}

test_list_filters_refuse_bad_input() {
    seed_filtered
    run ache list --tag nope
    expect_rc 2; expect_eq "$OUT" ""
    expect_err "ache list: tag: 'nope' is not a tag of this diary (ache tags lists them)"
    run ache list --tag "a b"
    expect_rc 2; expect_err_has "ache list: tag: 'a b' is not a tag name"
    run ache list --region knee
    expect_rc 2; expect_eq "$OUT" ""
    expect_err "ache list: regions: 'knee' is not a body region (use jaw-l/-r, shoulder-l/-r, upper-arm-l/-r, lower-arm-l/-r, hip-l/-r, upper-leg-l/-r, lower-leg-l/-r, neck, upper-back, lower-back, chest, abdomen)"
    run ache list --min paine=3
    expect_rc 2; expect_eq "$OUT" ""
    expect_err "ache list: min: 'paine' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity or headache) (see ache list --help)"
    run ache list --max pain=11
    expect_rc 2; expect_err "ache list: max: pain: 11 is out of range 0-10"
    run ache list --min headache=-1
    expect_rc 2; expect_err "ache list: min: headache: -1 is out of range 0-10"
    run ache list --max sleep-hours=7.3
    expect_rc 2
    expect_err "ache list: max: sleep_hours: 7.3 is not a number of hours from 0 to 24 in steps of 0.25"
    run ache list --min pain=high
    expect_rc 2; expect_err "ache list: min: pain: 'high' is not a whole number (use 0-10)"
    for bad in pain 7 =7 pain= "pain 7"; do
        run ache list --min "$bad"
        expect_rc 2; expect_eq "$OUT" ""
        expect_err "ache list: min: '$bad' is not FIELD=N (for example --min pain=7) (see ache list --help)"
    done
    run ache list --max
    expect_rc 2; expect_err "ache list: --max needs a value (FIELD=N) (see ache list --help)"
    run ache list stress
    expect_rc 2; expect_err "ache list: unexpected 'stress' (see ache list --help)"
}

# The check-ins of an export, one a line: what list and show must print.
exported_checkins() { ache export --format json | grep '^  {.*"date": ' | sed 's/,$//'; }

test_list_and_show_as_json_are_the_export() {
    seed_filtered
    ok ache add --date 2026-11-21 --time 20:00 --pain 4 --note "$(printf 'two\nlines "quoted" \033[31m')"
    ok ache list --format json
    expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "["
    expect_eq "$(printf '%s\n' "$OUT" | tail -n 1)" "]"
    expect_eq "$(printf '%s\n' "$OUT" | grep '^  {' | sed 's/,$//')" "$(exported_checkins)"
    printf '%s' "$OUT" | python3 -c 'import json, sys; a = json.load(sys.stdin); assert len(a) == 5 and a[1]["headache"] == 7, a' ||
        fail "list --format json is not the array of five check-ins"
    ok ache list --format json --tag rain --min pain=3
    expect_eq "$(printf '%s\n' "$OUT" | grep -c '^  {')" "1"
    expect_out_has "\"id\": \"$A"
    ok ache show 2026-11-21 --format json
    expect_eq "$(printf '%s\n' "$OUT" | grep '^  {' | sed 's/,$//')" "$(exported_checkins | grep '"date": "2026-11-21"')"
    expect_out_has '"note": "two\nlines \"quoted\" \u001b[31m"'
    ok ache show 2026-11-01 --format json
    expect_out "[]"
    ok ache list --format json --tag stress --max pain=0
    expect_out "[]"
    ok ache show --format text 2026-11-01
    expect_out "Sunday 2026-11-01: no check-ins"
    run ache show --format yaml
    expect_rc 2; expect_err "ache show: format: 'yaml' is not a format (use text or json) (see ache show --help)"
    run ache list --format=csv
    expect_rc 2; expect_err "ache list: format: 'csv' is not a format (use text or json) (see ache list --help)"
}
