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
    run ache add --pain 3 --tag 'Yo/ga'
    expect_rc 2; expect_err_has "ache add: tag: 'Yo/ga' is not a tag name"
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

# ---- fewer keys: short options, --like, times and tags read loosely --------

# What the diary holds, one CSV line a check-in, from the date to the note.
held_csv() {
    "$ACHE_BIN" export --format csv | tail -n +2 | cut -d, -f2-14
}

# The morning check-in of a bad day is one short command line, and stores
# exactly what it says.
test_add_morning_checkin_is_one_short_command_line() {
    local line="ache add -p6 -f7 -s3 -H5.5 -r neck,lower-back -t stress"
    [ "${#line}" -le 56 ] || fail "the command line is ${#line} characters"
    ok $line
    [[ $OUT =~ ^[0-9a-f]{32}$ ]] || fail "add printed '$OUT', not an id"
    id=$OUT
    expect_err ""
    expect_eq "$(held_csv)" "2026-11-24,09:00,6,7,3,5.5,,,,,neck;lower-back,stress,"
    ok ache show
    expect_out "Tuesday 2026-11-24: 1 check-in

09:00  ${id:0:8}
  Pain            6    moderate
  Fatigue         7    severe
  Sleep quality   3    poor
  Sleep hours     5.5
  Regions         neck, lower back
                  (2 of 19 regions, 1 of 5 groups)
  Tags            stress"
}

# The next morning, yesterday's regions and tags come with --like.
test_add_morning_checkin_like_yesterday() {
    at 08:10 ache add -d yesterday --time 08:10 -p6 -f7 -s3 -H5.5 \
        -r neck,lower-back -t stress -n "woke at 4" >/dev/null 2>&1 ||
        fail "yesterday's check-in failed"
    local line="ache add --like yesterday -p5 -f6 -s4 -H6"
    [ "${#line}" -le 45 ] || fail "the command line is ${#line} characters"
    ok $line
    expect_err "ache add: copied 2 regions and 1 tag from 2026-11-23 08:10"
    expect_eq "$(held_csv | grep 2026-11-24)" "2026-11-24,09:00,5,6,4,6,,,,,neck;lower-back,stress,"
}

test_add_short_options_glued_and_spaced() {
    ok ache add -p 6 -f7 -s 3 -H5.5 -r neck -t stress,Yoga -n "one" -d yesterday --time 07:45
    expect_err "ache add: read tag 'Yoga' as 'yoga'"
    ok ache add -p0 -H0 -nok -d-2
    expect_eq "$(held_csv)" "2026-11-22,,0,,,0,,,,,,,ok
2026-11-23,07:45,6,7,3,5.5,,,,,neck,stress;yoga,one"
    # a glued value is the whole rest of the word (the CSV guards a note
    # that starts with '-' from spreadsheets with a quote)
    ok ache add -p2 -n-p3
    expect_eq "$(held_csv | tail -n 1)" "2026-11-24,09:00,2,,,,,,,,,,'-p3"
}

test_add_help_lists_short_options() {
    ok ache add --help
    expect_out_has "  -d, --date D "
    expect_out_has "      --time HH:MM "
    expect_out_has "  -p, --pain N               pain 0-10"
    expect_out_has "  -f, --fatigue N "
    expect_out_has "  -s, --sleep N "
    expect_out_has "  -H, --sleep-hours H "
    expect_out_has "  -r, --regions CODE,... "
    expect_out_has "  -t, --tag NAME "
    expect_out_has "  -n, --note TEXT "
    expect_out_has "      --like DAY|ID          copy the regions and tags (never values or the note) of that day's latest check-in, or of that check-in; --regions and --tag add to them"
    ok ache edit --help
    expect_out_has "  -p, --pain N "
    expect_out_has "      --untag NAME "
    expect_out_lacks "--like"
}

# Bad short options are refused as the long ones are, storing nothing.
test_add_short_option_errors() {
    run ache add -x3
    expect_rc 2; expect_err "ache add: unknown option '-x3' (see ache add --help)"
    run ache add -P6
    expect_rc 2; expect_err "ache add: unknown option '-P6' (see ache add --help)"
    run ache add -p
    expect_rc 2; expect_err "ache add: -p needs a value (N) (see ache add --help)"
    run ache add -f7 -H
    expect_rc 2; expect_err "ache add: -H needs a value (H) (see ache add --help)"
    run ache add -p11
    expect_rc 2; expect_err "ache add: pain: 11 is out of range 0-10"
    run ache add -p 11
    expect_rc 2; expect_err "ache add: pain: 11 is out of range 0-10"
    run ache add -pX
    expect_rc 2; expect_err "ache add: pain: 'X' is not a whole number (use 0-10)"
    run ache add -H5.3
    expect_rc 2; expect_err "ache add: sleep_hours: 5.3 is not a number of hours from 0 to 24 in steps of 0.25"
    run ache add -p3 -rknee
    expect_rc 2; expect_err_has "ache add: regions: 'knee' is not a body region"
    run ache add -p3 -d2026-11-25
    expect_rc 2; expect_err "ache add: date: 2026-11-25 is in the future (today is 2026-11-24)"
    run ache add -p3 --untag x
    expect_rc 2; expect_err "ache add: unknown option '--untag' (see ache add --help)"
    [ ! -e "$ACHE_DB" ] || fail "a refused add created the diary"
}

test_edit_short_options() {
    ok ache add --pain 6 --tag yoga --time 07:00
    id=$OUT
    ok ache edit "${id:0:8}" -p4 -f 5 -H7.25 -t Heat -n later
    expect_out "updated $id"
    expect_err "ache edit: read tag 'Heat' as 'heat'"
    expect_eq "$(held_csv)" "2026-11-24,07:00,4,5,,7.25,,,,,,heat;yoga,later"
    run ache edit "${id:0:8}" -p11
    expect_rc 2; expect_err "ache edit: pain: 11 is out of range 0-10"
    run ache edit "${id:0:8}" -q1
    expect_rc 2; expect_err "ache edit: unknown option '-q1' (see ache edit --help)"
    run ache edit "${id:0:8}" --like yesterday
    expect_rc 2; expect_err "ache edit: unknown option '--like' (see ache edit --help)"
    ok ache edit "${id:0:8}" --untag Heat
    expect_err "ache edit: read tag 'Heat' as 'heat'"
    expect_eq "$(held_csv)" "2026-11-24,07:00,4,5,,7.25,,,,,,yoga,later"
}

# H:MM is read as 0H:MM and said so; HH:MM says nothing; the rest is
# refused, naming the value, with nothing stored.
test_add_time_read_loosely_and_said() {
    ok ache add -p3 --time 8:00
    expect_err "ache add: read time 8:00 as 08:00"
    ok ache add -p4 --time 08:05 -d yesterday
    expect_err ""
    ok ache add -p5 --time=0:30 -d -2
    expect_err "ache add: read time 0:30 as 00:30"
    expect_eq "$(held_csv | cut -d, -f1-3)" "2026-11-22,00:30,5
2026-11-23,08:05,4
2026-11-24,08:00,3"
    local before
    before=$(ache export)
    for t in 25:00 24:00 8:60 8:5 8 800 8:000 "8:00 " 8.00 -1:00 ""; do
        run ache add -p3 --time "$t"
        expect_rc 2
        expect_err "ache add: time: '$t' is not a time of day (use HH:MM, 00:00-23:59)"
    done
    expect_eq "$(ache export)" "$before" "the diary after refused times"
}

test_edit_and_took_read_time_loosely_too() {
    ok ache add -p3 --time 07:00
    id=$OUT
    ok ache edit "${id:0:8}" --time 9:15
    expect_err "ache edit: read time 9:15 as 09:15"
    expect_eq "$(held_csv | cut -d, -f2)" "09:15"
    run ache edit "${id:0:8}" --time 8:60
    expect_rc 2; expect_err "ache edit: time: '8:60' is not a time of day (use HH:MM, 00:00-23:59)"
    ok ache meds add ibuprofen --dose 400 --unit mg --as-needed --start 2026-11-01
    ok ache took ibuprofen --time 7:30
    expect_err "ache took: read time 7:30 as 07:30"
    ok ache export --what doses
    expect_eq "$(printf '%s\n' "$OUT" | tail -n 1 | cut -d, -f2-6)" "2026-11-24,07:30,ibuprofen,400,mg"
    ok ache meds add amitriptyline --dose 10 --unit mg --times 8:00,21:00,7:05 \
        --start 2026-11-01
    expect_err "ache meds: read time 8:00 as 08:00
ache meds: read time 7:05 as 07:05"
    expect_out "taking amitriptyline from 2026-11-01: 10 mg at 07:05, 08:00, 21:00"
    run ache meds change amitriptyline --times 8:00,9:5 --on 2026-11-10
    expect_rc 2; expect_out ""
    expect_err "ache meds: read time 8:00 as 08:00
ache meds: times: '9:5' is not a time of day (use HH:MM, 00:00-23:59, joined by commas)"
    ok ache meds
    expect_out_has "amitriptyline         10 mg at 07:05, 08:00, 21:00"
    run ache took ibuprofen --time 25:00
    expect_rc 2; expect_err "ache took: time: '25:00' is not a time of day (use HH:MM, 00:00-23:59) (see ache took --help)"
    ok ache export --what doses
    expect_eq "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "1"
}

# Capitals in a tag are read as lowercase, and said so, once per name.
test_add_tag_capitals_read_as_lowercase() {
    ok ache add -p3 --tag Stress --tag 'Poor-Sleep, heat,Übel'
    expect_err "ache add: read tag 'Stress' as 'stress'
ache add: read tag 'Poor-Sleep' as 'poor-sleep'
ache add: new tag 'Übel' (kind other)"
    expect_eq "$(held_csv | cut -d, -f12)" "heat;poor-sleep;stress;Übel"
    ok ache add -p3 --tag STRESS,stress,Flare-Up --time 10:00
    expect_err "ache add: read tag 'STRESS' as 'stress'
ache add: read tag 'Flare-Up' as 'flare-up'
ache add: new tag 'flare-up' (kind other)"
    expect_eq "$(held_csv | tail -n 1 | cut -d, -f12)" "flare-up;stress"
    local before
    before=$(ache export)
    run ache add -p3 --tag 'Bad Tag'
    expect_rc 2
    expect_err "ache add: tag: 'Bad Tag' is not a tag name: character 4 is a space (a tag name is lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 bytes)"
    run ache add -p3 --tag 'Stress!'
    expect_rc 2
    expect_err "ache add: tag: 'Stress!' is not a tag name: character 7 is '!' (a tag name is lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 bytes)"
    run ache add -p3 -t _Stress
    expect_rc 2
    expect_err "ache add: tag: '_Stress' is not a tag name: it starts with '_' (a tag name is lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 bytes)"
    expect_eq "$(ache export)" "$before" "the diary after refused tags"
}

# --like copies the regions and tags of the day's latest check-in, never
# its values or note; --regions and --tag add to what it copies.
test_add_like_a_day_copies_regions_and_tags_only() {
    ache add -d 2026-11-20 --time 21:00 -p2 -r jaw-l -t yoga >/dev/null 2>&1 &&
        ache add -d 2026-11-20 --time 08:10 -p8 -f9 -s1 -H3 -r neck,hip-r \
            -t stress,heat -n "bad" >/dev/null 2>&1 &&
        ache add -d 2026-11-20 -p1 -r chest >/dev/null 2>&1 ||
        fail "seeding failed"
    ok ache add --like 2026-11-20 -p4
    expect_err "ache add: copied 1 region and 1 tag from 2026-11-20 21:00"
    expect_eq "$(held_csv | tail -n 1)" "2026-11-24,09:00,4,,,,,,,,jaw-l,yoga,"
    ok ache add --like -4 -r chest -t magnesium --time 10:00
    expect_err "ache add: copied 1 region and 1 tag from 2026-11-20 21:00"
    expect_eq "$(held_csv | tail -n 1)" "2026-11-24,10:00,,,,,,,,,jaw-l;chest,magnesium;yoga,"
}

test_add_like_an_id() {
    ache add -d 2026-11-20 --time 08:10 -p8 -r neck,hip-r,hip-l \
        -t stress,heat -n "bad" >/dev/null 2>&1 || fail "seeding failed"
    id=$(ache export | tail -n 1 | cut -d, -f1)
    ok ache add --like "${id:0:6}" -p3 -d yesterday
    expect_err "ache add: copied 3 regions and 2 tags from 2026-11-20 08:10"
    expect_eq "$(held_csv | tail -n 1)" "2026-11-23,,3,,,,,,,,hip-l;hip-r;neck,heat;stress,"
    ok ache add --like "$(printf '%s' "$id" | tr a-f A-F)" -f2
    expect_err "ache add: copied 3 regions and 2 tags from 2026-11-20 08:10"
    # one with no time, and one with nothing to copy
    ache add -d 2026-11-21 -p1 -t heat >/dev/null 2>&1 || fail "seeding failed"
    ok ache add --like 2026-11-21 -p2 --time 10:00
    expect_err "ache add: copied 1 tag from 2026-11-21"
    ache add -d 2026-11-22 -p1 >/dev/null 2>&1 || fail "seeding failed"
    ok ache add --like 2026-11-22 -p2 --time 11:00
    expect_err "ache add: nothing to copy: no regions or tags from 2026-11-22"
    expect_eq "$(held_csv | tail -n 1)" "2026-11-24,11:00,2,,,,,,,,,,"
}

# --like alone records what it copies; with nothing copied, nothing is
# recorded.
test_add_like_alone() {
    ache add -d yesterday -p5 -r neck >/dev/null 2>&1 || fail "seeding failed"
    ok ache add --like yesterday
    expect_err "ache add: copied 1 region from 2026-11-23"
    expect_eq "$(held_csv | tail -n 1)" "2026-11-24,09:00,,,,,,,,,neck,,"
    ache add -d 2026-11-20 -p5 >/dev/null 2>&1 || fail "seeding failed"
    local before
    before=$(ache export)
    run ache add --like 2026-11-20
    expect_rc 2
    expect_err "ache add: nothing to copy: no regions or tags from 2026-11-20
ache add: nothing to record: give at least one value, for example --pain 4 (see ache add --help)"
    expect_eq "$(ache export)" "$before" "the diary after a refused --like"
}

test_add_like_refusals_store_nothing() {
    run ache add --like yesterday -p3
    expect_rc 1
    expect_err "ache add: like: no diary at $ACHE_DB yet, so nothing to copy"
    [ ! -e "$ACHE_DB" ] || fail "--like created the diary"
    printf 'id,date,time,pain,regions\n%s,2026-11-01,08:00,3,neck\n%s,2026-11-02,08:00,4,jaw-l\n' \
        0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcde0 > two.csv
    ok ache import two.csv
    local before
    before=$(ache export)
    run ache add --like yesterday -p3
    expect_rc 2; expect_err "ache add: like: no check-in on 2026-11-23 to copy from"
    run ache add --like 2026-11-25 -p3
    expect_rc 2; expect_err "ache add: like: no check-in on 2026-11-25 to copy from"
    run ache add --like 0123456789ab -p3
    expect_rc 2; expect_err "ache add: like: id '0123456789ab' matches 2 check-ins: give more digits"
    run ache add --like abcdef -p3
    expect_rc 2; expect_err "ache add: like: no check-in with id 'abcdef'"
    run ache add --like abc -p3
    expect_rc 2; expect_err "ache add: like: 'abc' is not a check-in id (6 to 32 hex digits)"
    run ache add --like last-week -p3
    expect_rc 2; expect_err "ache add: like: 'last-week' is neither a day (YYYY-MM-DD, today, yesterday or -N) nor a check-in id (6 to 32 hex digits)"
    run ache add --like 2026-02-30 -p3
    expect_rc 2; expect_err "ache add: like: '2026-02-30' is neither a day (YYYY-MM-DD, today, yesterday or -N) nor a check-in id (6 to 32 hex digits)"
    run ache add --like -p3
    expect_rc 2; expect_err "ache add: like: '-p3' is neither a day (YYYY-MM-DD, today, yesterday or -N) nor a check-in id (6 to 32 hex digits)"
    run ache add -p3 --like
    expect_rc 2; expect_err "ache add: --like needs a value (DAY|ID) (see ache add --help)"
    expect_eq "$(ache export)" "$before" "the diary after refused --like"
    ok ache rm 0123456789abcdef0123456789abcdef
    before=$(ache export)
    run ache add --like 0123456789abcdef0123456789abcdef -p3
    expect_rc 1; expect_err_has "ache add: like: check-in 01234567 was removed on 2026-11-24"
    expect_eq "$(ache export)" "$before" "the diary after --like of a removed one"
    expect_eq "$(count_checkins)" "1" "only the one not removed"
}

# Two edit loops at once on one check-in, with a tag in capitals and a time
# as H:MM: an edit that reads the check-in again after the other's change
# says what it read loosely once, not once a try, and loses nothing.
test_edit_read_notes_said_once_with_a_second_writer() {
    ok ache add --date 2026-11-20 --pain 5
    id=$OUT
    local p i
    for p in A B; do
        (
            for i in $(seq 1 40); do
                "$ACHE_BIN" edit "$id" --tag "$p$i" --time "8:0$((i % 10))" \
                    >"out.$p.$i" 2>"err.$p.$i"
                echo $? >"rc.$p.$i"
            done
        ) &
    done
    wait
    local low
    for p in A B; do
        low=$(printf '%s' "$p" | tr A-Z a-z)
        for i in $(seq 1 40); do
            OUT=$(cat out.$p.$i) ERR=$(cat err.$p.$i) RC=$(cat rc.$p.$i)
            expect_rc 0
            expect_out "updated $id"
            expect_err "ache edit: read tag '$p$i' as '$low$i'
ache edit: read time 8:0$((i % 10)) as 08:0$((i % 10))
ache edit: new tag '$low$i' (kind other)"
        done
    done
    expect_eq "$(held_csv | cut -d, -f12 | tr ';' '\n' | sort)" \
        "$({ seq -f a%g 40; seq -f b%g 40; } | sort)" "every tag confirmed"
}

# meds --from-tag reads its one tag name as --tag does.
test_meds_from_tag_reads_capitals_as_lowercase() {
    ok ache add -d yesterday -p3 -t heat
    local before
    before=$(ache export --format json)
    run ache meds add warmth --as-needed --from-tag 'Bad Tag'
    expect_rc 2; expect_out ""
    expect_err "ache meds: tag: 'Bad Tag' is not a tag name: character 4 is a space (a tag name is lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 bytes)"
    run ache meds add warmth --as-needed --from-tag heat,Yoga
    expect_rc 2; expect_out ""
    expect_err "ache meds: read tag 'Yoga' as 'yoga'
ache meds: tag: give one tag name, not 'heat,Yoga'"
    expect_eq "$(ache export --format json)" "$before" "the diary after refused --from-tag"
    ok ache meds add warmth --as-needed --from-tag Heat
    expect_err "ache meds: read tag 'Heat' as 'heat'"
    expect_out "taking warmth from 2026-11-23: as needed
1 dose from the days tagged heat (the tag stays on them)"
}
