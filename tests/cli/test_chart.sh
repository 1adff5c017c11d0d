# ache chart, ache spark, ache status

seed_days() {
    for d in 1 2 3 4 5 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        ache add --date 2026-11-$(printf %02d $d) --pain $((d % 10)) --fatigue 5 --sleep-hours 7.5 >/dev/null
    done
}

test_chart_fits_the_size_asked() {
    seed_days
    ok ache chart pain fatigue --width 60 --height 12 --from 2026-11-01 --to 2026-11-24
    expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "12" "rows"
    longest=$(printf '%s\n' "$OUT" | while IFS= read -r l; do printf '%s\n' "${#l}"; done | sort -n | tail -1)
    [ "$longest" -le 60 ] || fail "a row is $longest columns wide"
    expect_out_has "Pain"
    expect_out_has "Fatigue"
    expect_out_has "Nov"
    [[ $OUT == *$'\e['* ]] && fail "colour in a pipe"
    true
}

test_chart_ascii_is_ascii() {
    seed_days
    ok ache chart pain --ascii --width 50 --height 10 --days 30
    LC_ALL=C; [[ $OUT == *[$'\x80'-$'\xff']* ]] && fail "not ASCII"
    true
}

test_chart_color_always() {
    seed_days
    ok ache chart --color always --width 40 --height 8
    [[ $OUT == *$'\e['* ]] || fail "no colour with --color always"
}

# Without colour (a pipe) two series are told apart by their marks, under
# box-drawn axes; with colour they are braille lines of two colours.
test_chart_series_apart_without_colour() {
    seed_days
    ok ache chart pain fatigue --width 60 --height 12 --from 2026-11-01 --to 2026-11-24
    expect_out_has "* Pain  + Fatigue"
    expect_out_has "┤"
    [[ $OUT == *[⠁-⣿]* ]] && fail "braille in plain text of two series"
    ok ache chart pain fatigue --color always --width 60 --height 12 --from 2026-11-01 --to 2026-11-24
    [[ $OUT == *[⠁-⣿]* ]] || fail "no braille in colour"
    ok ache chart pain --width 60 --height 12 --from 2026-11-01 --to 2026-11-24
    [[ $OUT == *[⠁-⣿]* ]] || fail "one series is not a braille line"
    true
}

test_chart_too_small() {
    seed_days
    run ache chart --width 10 --height 3
    expect_rc 2
    expect_err "ache chart: 10x3 is too small (need at least 24x6)"
}

test_chart_bad_input() {
    seed_days
    run ache chart colour
    expect_rc 2; expect_err_has "ache chart: 'colour' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood or activity)"
    run ache chart pain fatigue sleep mood fog
    expect_rc 2; expect_err "ache chart: at most 4 fields in one chart (see ache chart --help)"
    run ache chart --days 0
    expect_rc 2; expect_err "ache chart: days: '0' is not a number from 1 to 100000 (see ache chart --help)"
    run ache chart --days 5 --from 2026-11-01
    expect_rc 2; expect_err "ache chart: give --days or --from, not both (see ache chart --help)"
    run ache chart --from 2026-11-20 --to 2026-11-01
    expect_rc 2; expect_err "ache chart: --from comes after --to (see ache chart --help)"
    run ache chart --from 2026-02-30
    expect_rc 2; expect_err_has "ache chart: from: '2026-02-30' is not a date"
    run ache chart --width abc
    expect_rc 2; expect_err "ache chart: width: 'abc' is not a number from 1 to 1000 (see ache chart --help)"
}

test_spark_one_line() {
    seed_days
    ok ache spark pain --days 14
    expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "1"
    [[ $OUT == "pain "* ]] || fail "spark: $OUT"
    ok ache spark fatigue --days 7 --ascii
    expect_eq "${#OUT}" "$((8 + 7))" "label and 7 columns"
    run ache spark pain fatigue
    expect_rc 2; expect_err "ache spark: one field at a time (see ache spark --help)"
}

test_status_says_whether_today_has_a_checkin() {
    ok ache add --pain 2 --date yesterday
    run ache status
    expect_rc 1; expect_out "today: no check-in yet (run ache to add one)"
    ok ache add --pain 6 --time 08:15
    run ache status
    expect_rc 0; expect_out "today: 1 check-in, the latest at 08:15 (pain 6)"
    run ache status extra
    expect_rc 2; expect_err "ache status: unexpected 'extra' (see ache status --help)"
}

# A mistyped --db or ACHE_DB is no diary, not a day without a check-in.
test_status_says_there_is_no_diary_there() {
    run ache status
    expect_rc 1; expect_eq "$OUT" ""
    expect_err "ache status: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    ok ache add --pain 3
    run ache status --db "$PWD/diray.db"
    expect_rc 1; expect_eq "$OUT" ""
    expect_err "ache status: no diary at $PWD/diray.db yet (\`ache add\` starts one)"
    run env ACHE_DB="$PWD/diray.db" "$ACHE_BIN" status --format json
    expect_rc 1; expect_eq "$OUT" ""
    expect_err "ache status: no diary at $PWD/diray.db yet (\`ache add\` starts one)"
    [ ! -e "$PWD/diray.db" ] || fail "status made a diary"
}

test_status_as_json() {
    ok ache add --pain 2 --date yesterday
    run ache status --format json
    expect_rc 1; expect_out '{"date": "2026-11-24", "checkins": 0}'
    ok ache add --fatigue 4 --time 07:00
    run ache status --format json
    expect_rc 0; expect_out '{"date": "2026-11-24", "checkins": 1, "latest_time": "07:00"}'
    ok ache add --pain 6 --time 08:15
    run ache status --format json
    expect_rc 0
    expect_out '{"date": "2026-11-24", "checkins": 2, "latest_time": "08:15", "latest_pain": 6}'
    printf '%s' "$OUT" | python3 -c 'import json, sys; assert json.load(sys.stdin)["checkins"] == 2' ||
        fail "status --format json is not JSON"
    ok ache status --format text
    expect_out "today: 2 check-ins, the latest at 08:15 (pain 6)"
    run ache status --format xml
    expect_rc 2; expect_err "ache status: format: 'xml' is not a format (use text or json) (see ache status --help)"
}

# Fields of one's own: headache (a rating), nap (yes/no), naps (a count).
seed_own_fields() {
    ache fields add headache --kind rating >/dev/null
    ache fields add nap --kind yesno >/dev/null
    ache fields add naps --kind count >/dev/null
    for d in 18 19 20 21 23 24; do
        ache add --date 2026-11-$d --pain $((d % 10)) --set headache=$((d * 3 % 11)) \
            --set nap=$((d % 2)) --set naps=$((d % 4)) >/dev/null
    done
    # a second check-in on the 24th: headache 6 and 4 make 5, nap half yes
    ache add --date 2026-11-24 --set headache=4 --set nap=yes >/dev/null
}

test_chart_own_field() {
    seed_own_fields
    ok ache chart headache --width 50 --height 10 --from 2026-11-17 --to 2026-11-24 --ascii
    expect_out_has "* Headache"
    expect_out_has "10+"
    ok ache chart pain headache --width 60 --height 12 --days 8
    expect_out_has "* Pain  + Headache"
    expect_out_lacks "(right)"
    # a count goes on its own scale on the right, up to a round top (3: 0-5)
    ok ache chart pain naps --width 60 --height 12 --days 8
    expect_out_has "+ Naps (right)"
    expect_out_has "├5"
    # an own field's name takes '-' for '_' as the built-in ones do
    ok ache fields add morning_walk --kind minutes
    ok ache add --date 2026-11-24 --set morning_walk=25
    ok ache spark morning-walk --days 2 --ascii
    expect_out "morning_walk .#"
}

test_spark_own_field() {
    seed_own_fields
    ok ache spark headache --days 7 --ascii
    expect_out "headache @-+#.:+"
    ok ache spark headache --days 7
    expect_out "headache █▂▅▇·▃▅"
    ok ache spark naps --days 7 --ascii
    expect_out "naps =+_-.+_"
}

# A yes/no field is charted as the share of days (and check-ins) that
# said yes, from 0% to 100%.
test_chart_yes_no_field() {
    seed_own_fields
    ok ache spark nap --days 7 --ascii
    expect_out "nap _@_@.@+"
    ok ache chart nap --width 40 --height 8 --from 2026-11-17 --to 2026-11-24 --ascii
    expect_out_has "* Nap"
    expect_out_has "100%+"
    expect_out_has " 50%+"
    expect_out_has "  0%+"
}

# A hidden field is not offered on the screens, but charted when asked
# for by name.
test_chart_hidden_field_by_name() {
    seed_own_fields
    ok ache fields hide headache
    ok ache spark headache --days 7 --ascii
    expect_out "headache @-+#.:+"
}

test_chart_own_field_errors() {
    seed_own_fields
    run ache chart headaches
    expect_rc 2
    expect_err "ache chart: 'headaches' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity, headache, nap or naps) (see ache chart --help)"
    run ache spark headaches
    expect_rc 2
    expect_err_has "'headaches' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity, headache, nap or naps)"
    run ache chart pain nap naps
    expect_rc 2
    expect_err "ache chart: naps would need a third scale (count); a chart has two: chart it apart (see ache chart --help)"
}
