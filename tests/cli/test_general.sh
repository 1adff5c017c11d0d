# help, version, the database path, privacy, tags, demo

test_version_and_help() {
    ok ache --version
    [[ $OUT =~ ^ache\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "version: $OUT"
    ok ache --help
    for c in add edit rm show list tags export import backup demo; do
        expect_out_has "  $c "
    done
    ok ache add --help
    expect_out_has "usage: ache add [--date D]"
    expect_out_has "--sleep-hours H"
    ok ache export -h
    expect_out_has "-o, --output FILE"
    # the main list fits 80 columns; a long option's words start a line
    ok ache --help
    [ "$(printf '%s\n' "$OUT" | wc -L)" -le 80 ] || fail "ache --help is wider than 80"
    ok ache report --help
    expect_out_has "      --format text|markdown|html
                             text, markdown or html"
    expect_out_has "      --db PATH              the diary to use"
}

test_unknown_command() {
    run ache frobnicate
    expect_rc 2
    expect_err "ache: 'frobnicate' is not a command (see ache --help)"
}

test_no_command_without_a_terminal() {
    run ache
    expect_rc 2
    expect_err_has "ache: the full-screen diary needs a terminal"
}

test_bad_ache_today() {
    ACHE_NOW= ACHE_TODAY=2026-13-40 run ache add --pain 3
    expect_rc 2
    expect_err "ache: ACHE_TODAY: '2026-13-40' is not a date (use YYYY-MM-DD)"
}

test_bad_ache_now() {
    for bad in 2026-11-24 2026-11-24T25:00 "2026-11-24T09:00 " 2026-02-30T08:00 \
        2026-11-24T09:00:61 2026-11-24T9:00 now; do
        ACHE_NOW=$bad run ache add --pain 3
        expect_rc 2
        expect_err "ache: ACHE_NOW: '$bad' is not a local date and time (use YYYY-MM-DDTHH:MM)"
    done
    [ ! -e "$ACHE_DB" ] || fail "a refused clock created the diary"
}

test_ache_now_sets_date_time_and_stamps() {
    ACHE_NOW="2026-11-20 21:15:30" ok ache add --pain 3
    ACHE_NOW=2026-11-20T21:15:30 ok ache export
    row=$(printf '%s\n' "$OUT" | tail -n 1)
    expect_eq "$(printf '%s' "$row" | cut -d, -f2-4)" "2026-11-20,21:15,3"
    [[ $row == *,2026-11-20T21:15:3?.???Z,2026-11-20T21:15:3?.???Z ]] ||
        fail "the stamps are not the clock's: $row"
    # the clock is local time: in Auckland (UTC+13 in November) 08:00 on
    # the 21st is 19:00 UTC on the 20th
    TZ=NZST-12NZDT,M9.5.0,M4.1.0/3 ACHE_NOW=2026-11-21T08:00 ok ache add --pain 4
    ok ache export
    row=$(printf '%s\n' "$OUT" | tail -n 1)
    expect_eq "$(printf '%s' "$row" | cut -d, -f2-4)" "2026-11-21,08:00,4"
    [[ $row == *,2026-11-20T19:00:0?.???Z,* ]] || fail "not UTC: $row"
}

test_ache_today_alone_moves_the_stamps_to_that_day() {
    ACHE_NOW= ACHE_TODAY=2021-03-04 ok ache add --pain 3
    ACHE_NOW= ACHE_TODAY=2021-03-04 ok ache show
    expect_out_has "Thursday 2021-03-04: 1 check-in"
    expect_out_lacks "filled in on"
    ok ache export
    [[ $OUT == *,2021-03-04T*Z,2021-03-04T*Z ]] || fail "stamps not on that day"
}

test_default_path_follows_xdg_and_is_private() {
    unset ACHE_DB
    export HOME="$PWD/home"
    umask 022
    ok ache add --pain 3
    [ -f "$HOME/.local/share/ache/diary.db" ] || fail "no diary at the XDG default"
    expect_eq "$(stat -c %a "$HOME/.local/share/ache")" "700" "folder mode"
    expect_eq "$(stat -c %a "$HOME/.local/share/ache/diary.db")" "600" "file mode"
    XDG_DATA_HOME="$PWD/xdg" ok ache add --pain 4
    [ -f "$PWD/xdg/ache/diary.db" ] || fail "XDG_DATA_HOME ignored"
    XDG_DATA_HOME="relative" ok ache add --pain 5
    [ ! -e relative ] || fail "a relative XDG_DATA_HOME was used"
    expect_eq "$(ache list | wc -l | tr -d ' ')" "2" "relative XDG means the default"
}

test_db_option_beats_environment() {
    ok ache add --pain 3 --db "$PWD/chosen.db"
    [ -f chosen.db ] || fail "--db ignored"
    [ ! -e "$ACHE_DB" ] || fail "ACHE_DB used despite --db"
    run ache list --db
    expect_rc 2; expect_err "ache: --db needs a path (see ache --help)"
}

test_refuses_a_file_that_is_not_a_diary() {
    echo "my shopping list" > "$ACHE_DB"
    run ache add --pain 3
    expect_rc 1
    expect_err_has "ache add: $ACHE_DB: not an ache diary"
    expect_eq "$(cat "$ACHE_DB")" "my shopping list" "the file was changed"
}

test_tags_add_and_errors() {
    ok ache tags --add gardening --kind trigger
    expect_out "added tag gardening (trigger)"
    ok ache tags
    expect_out_has "trigger    gardening                0"
    expect_out_has "treatment  magnesium                0"
    run ache tags --add gardening --kind other
    expect_rc 2; expect_err "ache tags: tag 'gardening' already exists (trigger)"
    run ache tags --add Bad! --kind other
    expect_rc 2; expect_err_has "ache tags: tag: 'Bad!' is not a tag name"
    run ache tags --add x --kind food
    expect_rc 2; expect_err "ache tags: kind: 'food' is not a kind (use trigger, treatment or other) (see ache tags --help)"
    run ache tags --add x
    expect_rc 2; expect_err "ache tags: --add needs --kind trigger, treatment or other (see ache tags --help)"
}

test_tags_counts_uses() {
    ok ache add --pain 3 --tag yoga
    ok ache add --pain 4 --tag yoga,stress
    ok ache tags
    expect_out_has "trigger    stress                   1"
    expect_out_has "treatment  yoga                     2"
    # triggers come first, then treatments, then other
    first=$(printf '%s\n' "$OUT" | sed -n 2p)
    [[ $first == trigger* ]] || fail "tags not ordered by kind: $first"
}

test_demo_fills_an_empty_diary_only() {
    ok ache demo --days 365 --seed 7
    [[ $OUT =~ ^added\ ([0-9]+)\ check-ins\ over\ 365\ days\ \(2025-11-25\ to\ 2026-11-24\) ]] || fail "demo: $OUT"
    n=${BASH_REMATCH[1]}
    [ "$n" -ge 300 ] && [ "$n" -le 500 ] || fail "implausible count $n"
    expect_eq "$(count_checkins)" "$n"
    run ache demo --days 10
    expect_rc 1
    expect_err "ache demo: $ACHE_DB already holds $n check-ins; demo fills only an empty diary (name a new one with --db PATH)"
    ACHE_DB="$PWD/again.db" ache demo --days 365 --seed 7 >/dev/null
    expect_eq "$(ACHE_DB=$PWD/again.db ache export | cut -d, -f1-14)" "$(ache export | cut -d, -f1-14)" "same seed, same diary"
    run ache demo --days 0
    expect_rc 2; expect_err "ache demo: days: '0' is not a number of days from 1 to 100000 (see ache demo --help)"
    run ache demo
    expect_rc 2; expect_err "ache demo: how many days? give --days N (see ache demo --help)"
}

test_demo_has_structure() {
    ok ache demo --days 730
    ok ache export
    # several check-ins on some days, skipped days, absent values, notes
    days=$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f2 | sort -u | wc -l)
    rows=$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)
    [ "$rows" -gt "$days" ] || fail "no day has two check-ins"
    [ "$days" -lt 700 ] || fail "no day was skipped ($days days)"
    printf '%s\n' "$OUT" | grep -q 'magnesium' || fail "no treatment tags"
    printf '%s\n' "$OUT" | grep -q 'long-sitting' || fail "no trigger tags"
}
