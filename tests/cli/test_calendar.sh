# ache calendar and the settings file

seed_month() {
    ache add --date 2026-11-02 --pain 0 >/dev/null
    ache add --date 2026-11-03 --pain 2 --note "hello" >/dev/null
    ache add --date 2026-11-04 --pain 5 >/dev/null
    ache add --date 2026-11-05 --pain 9 >/dev/null
}

test_calendar_prints_the_month_like_cal() {
    seed_month
    ok ache calendar 2026-11
    expect_out "             November 2026
Wk  Mo   Tu   We   Th   Fr   Sa   Su
44                                 1··
45   2░░  3▒▒✎ 4▓▓  5██  6··  7··  8··
46   9·· 10·· 11·· 12·· 13·· 14·· 15··
47  16·· 17·· 18·· 19·· 20·· 21·· 22··
48  23·· 24·· 25   26   27   28   29
49  30

Pain: ░░ 0  ▒▒ 1-3  ▓▓ 4-6  ██ 7-10  ·· no entry  ! flare  ✎ note"
}

test_calendar_ascii_and_sunday_start() {
    seed_month
    mkdir -p "$HOME/.config/ache"
    printf '# my settings\nweek_start = sunday  # as at home\n' > "$HOME/.config/ache/config"
    ok ache calendar 2026-11 --ascii
    expect_out_has "Wk  Su   Mo   Tu   We   Th   Fr   Sa"
    expect_out_has "45   1--  2..  3::\" 4**  5##  6--  7--"
    [[ $OUT == *[![:print:][:space:]]* ]] && fail "not ASCII"
    true
}

test_calendar_field_and_months() {
    seed_month
    ok ache calendar --months 3 --field fatigue
    expect_out_has "September 2026"
    expect_out_has "October 2026"
    expect_out_has "November 2026"
    expect_out_has "Fatigue: "
    expect_out_lacks "December 2026"
}

# Months side by side only as many as fit: two at 80 columns (in a pipe,
# the width is $COLUMNS, else 80), three at 121, never a line too long.
test_calendar_months_fit_the_width() {
    seed_month
    ok ache calendar --months 3
    expect_out_has "            September 2026                            October 2026"
    expect_out_has "
             November 2026
"
    [[ $(widest_line) -le 80 ]] || fail "wider than 80: $(widest_line)"
    COLUMNS=121 run ache calendar --months 3
    expect_rc 0
    [[ $(widest_line) -gt 80 && $(widest_line) -le 121 ]] || fail "not three across: $(widest_line)"
    ok ache calendar --months 3 --width 60
    [[ $(widest_line) -le 60 ]] || fail "wider than 60: $(widest_line)"
    expect_out_has "November 2026"
    COLUMNS=abc run ache calendar --months 2
    expect_rc 0
    [[ $(widest_line) -le 80 ]] || fail "bad COLUMNS not ignored: $(widest_line)"
    run ache calendar --width 0
    expect_rc 2; expect_err "ache calendar: width: '0' is not a number from 1 to 1000 (see ache calendar --help)"
}

# The widest line of the last output, in columns (wc -L counts display
# width in a UTF-8 locale, where awk's length may count bytes).
widest_line() {
    printf '%s\n' "$OUT" | wc -L
}

test_calendar_color() {
    seed_month
    ok ache calendar 2026-11 --color always
    [[ $OUT == *$'\e['* ]] || fail "no colour with --color always"
    ok ache calendar 2026-11 --color auto
    [[ $OUT == *$'\e['* ]] && fail "colour on a pipe with --color auto"
    ok ache calendar 2026-11 --color never
    [[ $OUT == *$'\e['* ]] && fail "colour with --color never"
    true
}

test_calendar_bad_input() {
    seed_month
    run ache calendar 2026-13
    expect_rc 2; expect_err "ache calendar: '2026-13' is not a month (use YYYY-MM) (see ache calendar --help)"
    run ache calendar --field colour
    expect_rc 2; expect_err_has "ache calendar: field: 'colour' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood or activity)"
    run ache calendar --months 13
    expect_rc 2; expect_err "ache calendar: months: '13' is not a number from 1 to 12 (see ache calendar --help)"
    run ache calendar --color sometimes
    expect_rc 2; expect_err "ache calendar: color: 'sometimes' is not allowed (use auto, always or never) (see ache calendar --help)"
}

test_calendar_bad_config_names_file_and_line() {
    seed_month
    mkdir -p "$HOME/.config/ache"
    printf 'week_start = monday\nweek_start = friday\n' > "$HOME/.config/ache/config"
    run ache calendar
    expect_rc 2
    expect_err "ache calendar: $HOME/.config/ache/config:2: week_start: 'friday' is not allowed (use monday or sunday)"
    printf 'colour = blue\n' > "$HOME/.config/ache/config"
    run ache calendar
    expect_err "ache calendar: $HOME/.config/ache/config:1: unknown setting 'colour' (known: week_start)"
    printf 'week_start monday\n' > "$HOME/.config/ache/config"
    run ache calendar
    expect_err "ache calendar: $HOME/.config/ache/config:1: 'week_start monday' is not a setting (write name = value)"
    XDG_CONFIG_HOME="$PWD/cfg" run ache calendar
    expect_rc 0
}

test_calendar_every_day_once_in_every_time_zone() {
    seed_month
    for tz in UTC America/New_York Europe/Berlin Australia/Lord_Howe Pacific/Kiritimati; do
        for month in 2026-03 2026-10 2026-11 2024-02 2020-12; do
            out=$(TZ=$tz ache calendar $month --ascii | sed -n '3,8p' | cut -c5-)
            days=$(printf '%s\n' "$out" | grep -o '[0-9]\+' | tr '\n' ' ')
            y=${month%-*} m=${month#*-}
            want=$(seq 1 "$(cal "$m" "$y" 2>/dev/null | awk 'NF {last=$NF} END {print last}')" | tr '\n' ' ')
            [ -n "$want" ] || want=$(seq 1 $(date -d "$month-01 +1 month -1 day" +%d) | tr '\n' ' ')
            expect_eq "$days" "$want" "$month in $tz"
        done
    done
}

# A field of one's own shades the month as the built-in ones do: a rating
# by the bands of pain, yes/no as no and yes.
test_calendar_own_field() {
    seed_month
    ache fields add headache --kind rating >/dev/null
    ache fields add nap --kind yesno >/dev/null
    ache add --date 2026-11-02 --set headache=0 --set nap=no >/dev/null
    ache add --date 2026-11-03 --set headache=3 --set nap=yes >/dev/null
    ache add --date 2026-11-03 --set headache=6 >/dev/null # 4.5: 5
    ache add --date 2026-11-10 --set headache=8 --set nap=yes >/dev/null
    ok ache calendar 2026-11 --field headache
    expect_out "             November 2026
Wk  Mo   Tu   We   Th   Fr   Sa   Su
44                                 1··
45   2░░  3▓▓✎ 4··  5··  6··  7··  8··
46   9·· 10██ 11·· 12·· 13·· 14·· 15··
47  16·· 17·· 18·· 19·· 20·· 21·· 22··
48  23·· 24·· 25   26   27   28   29
49  30

Headache: ░░ 0  ▒▒ 1-3  ▓▓ 4-6  ██ 7-10  ·· no entry  ! flare  ✎ note"
    ok ache calendar 2026-11 --field nap --ascii
    expect_out_has "45   2..  3##\" 4--  5--"
    expect_out_has "Nap: .. no  ## yes  -- no entry  ! flare  \" note"
    # hidden, it is still there by name
    ok ache fields hide nap
    ok ache calendar 2026-11 --field nap --ascii
    expect_out_has "46   9-- 10##"
    run ache calendar --field naps
    expect_rc 2
    expect_err "ache calendar: field: 'naps' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity, headache or nap) (see ache calendar --help)"
}
