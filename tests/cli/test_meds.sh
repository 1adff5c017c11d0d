# ache meds, took and doses: medicines taken in dated periods of a
# regimen, the doses taken, the refusals of what is not a medicine, an
# amount, a unit, a time or a day; undo and redo of each change; two
# writers at once.

# All that is stored of medicines, a row a line: the tables as they are,
# the versions kept, the tombstones.
meds_held() {
    sqlite3 "$ACHE_DB" 'SELECT * FROM med ORDER BY n;
        SELECT * FROM med_period ORDER BY n;
        SELECT * FROM dose ORDER BY n;
        SELECT * FROM record_version ORDER BY id, change;
        SELECT * FROM record_deleted ORDER BY id;' ||
        fail "sqlite3 could not read the medicines"
}

# All that is stored: the check-ins, the medicines and doses, and the
# number of changes recorded.
held() {
    export_held
    meds_held
    count_changes
}

# refused STATUS MESSAGE ARGS...: `ache ARGS` fails with STATUS, says
# MESSAGE (all of stderr) and nothing on stdout, and changes nothing.
refused() {
    local rc=$1 msg=$2 before
    shift 2
    before=$(held)
    run ache "$@"
    expect_rc "$rc"
    expect_out ""
    expect_err "$msg"
    expect_eq "$(held)" "$before" "nothing stored changed by 'ache $*'"
}

# The rows of medicines, periods and doses without their stamps, revisions
# and changes: what an undo puts back (keys, ids and creation included).
meds_rows() {
    sqlite3 "$ACHE_DB" "SELECT 'med', n, id, name, created_at FROM med ORDER BY n;
        SELECT 'period', n, id, med, start, ifnull(stop, '-'), ifnull(dose, '-'),
            ifnull(unit, '-'), ifnull(times, '-'), as_needed, created_at
            FROM med_period ORDER BY n;
        SELECT 'dose', n, id, med, date, ifnull(time, '-'), ifnull(amount, '-'),
            ifnull(unit, '-'), created_at FROM dose ORDER BY n;" ||
        fail "sqlite3 could not read the medicines"
}

# The periods of medicine NAME as stored, oldest first:
# start|stop|dose|unit|times|as_needed (- for none).
periods() {
    sqlite3 "$ACHE_DB" "SELECT p.start, ifnull(p.stop, '-'), ifnull(p.dose, '-'),
            ifnull(p.unit, '-'), ifnull(p.times, '-'), p.as_needed
        FROM med_period p JOIN med m ON m.n = p.med
        WHERE m.name = '$1' ORDER BY p.start"
}

# The doses as stored, by day and time: name|date|time|amount|unit.
doses_held() {
    sqlite3 "$ACHE_DB" "SELECT m.name, d.date, ifnull(d.time, '-'),
            ifnull(d.amount, '-'), ifnull(d.unit, '-')
        FROM dose d JOIN med m ON m.n = d.med ORDER BY d.date, d.time, d.n"
}

# expect_doses TEXT: `ache doses` said TEXT, each line led by the first 8
# digits of its dose's id (random, so left out of TEXT).
expect_doses() {
    printf '%s\n' "$OUT" | grep -qv '^[0-9a-f]\{8\}  ' &&
        fail "a line of ache doses without its id"
    local shown
    shown=$(printf '%s\n' "$OUT" | cut -c 11-)
    [ "$shown" = "$1" ] || fail "stdout differs; expected: $1"
}

# The id of the dose of DATE TIME (TIME - for none), from the diary.
dose_id() {
    sqlite3 "$ACHE_DB" "SELECT id FROM dose WHERE date = '$1'
        AND ifnull(time, '-') = '$2'"
}

# Each period but the last (and those a stop ended) stops on the day the
# next one starts: no gap, no overlap. Reads `ache meds NAME`.
expect_periods_meet() {
    ok ache meds "$1"
    printf '%s\n' "$OUT" | awk '
        NR > 1 && $1 != stop { bad = bad " " NR ": starts " $1 ", the one before stops " stop }
        { stop = $3 }
        END { if (bad != "") { print bad; exit 1 } }' >/dev/null ||
        fail "the periods of $1 do not meet: $OUT"
}

# A diary with Ibuprofen, 400 mg at 08:00 and 21:00 from 2026-11-01.
ibuprofen() {
    ok ache meds add Ibuprofen --dose 400 --unit mg --times 21:00,08:00 \
        --start 2026-11-01
}

AMOUNT_MSG='is not an amount (a number above 0, up to 1000000, with at most 3 decimals)'
UNIT_MSG='is not a unit (1 to 16 lowercase letters, such as mg, ml, mcg, tablet, drop, puff)'
TIMES_MSG='is not a time of day (use HH:MM, 00:00-23:59, joined by commas)'
DATE_MSG='is not a date (use YYYY-MM-DD, today, yesterday or -N for N days ago)'
NO_IBU="no medicine 'nosuch' (\`ache meds\` lists them; \`ache meds add NAME\` adds one)"

# ---- without a diary, without medicines ------------------------------------------

test_meds_without_a_diary_says_there_is_none() {
    local args cmd
    for args in "meds" "meds ibuprofen" "meds change ibuprofen --dose 5" \
        "meds stop ibuprofen" "took ibuprofen" "doses"; do
        cmd=${args%% *}
        # shellcheck disable=SC2086 # the words of the command
        run ache $args
        expect_rc 1
        expect_out ""
        expect_err "ache $cmd: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    done
    [ ! -e "$ACHE_DB" ] || fail "a command without a diary made one"
}

test_meds_of_a_diary_without_medicines() {
    ok ache add --pain 3
    ok ache meds
    expect_out "no medicines yet (\`ache meds add NAME\` adds one)"
    expect_err ""
    ok ache doses
    expect_out "no doses from 2026-10-26 to 2026-11-24"
    expect_err ""
    refused 2 "ache meds: no medicine 'ibuprofen' (\`ache meds\` lists them)" \
        meds ibuprofen
}

# ---- adding ------------------------------------------------------------------

test_meds_add_with_each_option() {
    ok ache add --date 2026-11-01 --pain 2
    ok ache meds add Ibuprofen --dose 400 --unit mg --times 21:00,08:00 \
        --start 2026-11-01
    expect_out "taking Ibuprofen from 2026-11-01: 400 mg at 08:00, 21:00"
    expect_err ""
    # the start defaults to today; as needed, with a dose
    ok ache meds add paracetamol --as-needed --dose 1 --unit g
    expect_out "taking paracetamol from 2026-11-24: as needed, 1 g"
    # a regimen of nothing but its name
    ok ache meds add "Vitamin D"
    expect_out "taking Vitamin D from 2026-11-24: no dose given"
    # a decimal comma, a start N days ago, --name=value
    ok ache meds add Drops --dose=2,5 --unit=ml --times 08:00 --start -3
    expect_out "taking Drops from 2026-11-21: 2.5 ml at 08:00"
    ok ache meds add Cream --unit % --dose 0.125 --start yesterday
    expect_out "taking Cream from 2026-11-23: 0.125 %"
    ok ache meds
    expect_out "Cream                 0.125 %                           since 2026-11-23
Drops                 2.5 ml at 08:00                   since 2026-11-21
Ibuprofen             400 mg at 08:00, 21:00            since 2026-11-01
paracetamol           as needed, 1 g                    since 2026-11-24
Vitamin D             no dose given                     since 2026-11-24"
    expect_err ""
    ok ache meds ibuprofen
    expect_out "2026-11-01 to now         400 mg at 08:00, 21:00"
    expect_eq "$(periods Ibuprofen)" "2026-11-01|-|400.0|mg|08:00,21:00|0"
    expect_eq "$(periods paracetamol)" "2026-11-24|-|1.0|g|-|1"
    expect_eq "$(periods 'Vitamin D')" "2026-11-24|-|-|-|-|0"
    expect_eq "$(periods Drops)" "2026-11-21|-|2.5|ml|08:00|0"
    expect_eq "$(periods Cream)" "2026-11-23|-|0.125|%|-|0"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*), count(DISTINCT id), sum(rev)
        FROM med')" "5|5|5" "a medicine a row, each at its first revision"
    expect_eq "$(count_changes)" "6" "a change per medicine added"
}

test_meds_add_starts_a_diary() {
    ok ache meds add Ibuprofen --dose 400 --unit mg
    expect_out "taking Ibuprofen from 2026-11-24: 400 mg"
    [ -e "$ACHE_DB" ] || fail "no diary made"
    ok ache meds
    expect_out "Ibuprofen             400 mg                            since 2026-11-24"
}

test_meds_add_takes_the_ends_of_each_range() {
    local n40 e20 t12
    n40=$(printf 'n%.0s' {1..40}) e20=$(printf '\xc3\xa9%.0s' {1..20})
    t12=01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,11:00,12:00
    ok ache meds add "$n40" --dose 1000000 --unit abcdefghijklmnop --times "$t12"
    expect_out "taking $n40 from 2026-11-24: 1000000 abcdefghijklmnop at 01:00, 02:00, 03:00, 04:00, 05:00, 06:00, 07:00, 08:00, 09:00, 10:00, 11:00, 12:00"
    ok ache meds add "$e20" --dose 0.001 --unit m --times 00:00,23:59
    expect_out "taking $e20 from 2026-11-24: 0.001 m at 00:00, 23:59"
    expect_eq "$(periods "$n40")" "2026-11-24|-|1000000.0|abcdefghijklmnop|$t12|0"
    expect_eq "$(periods "$e20")" "2026-11-24|-|0.001|m|00:00,23:59|0"
}

test_meds_add_refuses_bad_amounts() {
    ok ache add --pain 3
    local bad
    for bad in 0 0.000 -2 1.2345 1000000.001 1000001 ten "" 1. .5 1e3 " 5" 5mg; do
        refused 2 "ache meds: dose: '$bad' $AMOUNT_MSG" \
            meds add Ibuprofen --dose "$bad" --unit mg
    done
    refused 2 "ache meds: dose: give its --unit too (mg, ml, tablet...)" \
        meds add Ibuprofen --dose 400
    refused 2 "ache meds: dose: give its --unit too (mg, ml, tablet...)" \
        meds add Ibuprofen --dose 400 --as-needed --times 08:00
    refused 2 "ache meds: --dose needs a value (N) (see ache meds --help)" \
        meds add Ibuprofen --unit mg --dose
}

test_meds_add_refuses_bad_units() {
    ok ache add --pain 3
    local bad
    for bad in MG Mg m1 2 abcdefghijklmnopq "" "m g" mg. "µg"; do
        refused 2 "ache meds: unit: '$bad' $UNIT_MSG" \
            meds add Ibuprofen --dose 400 --unit "$bad"
    done
}

test_meds_add_refuses_bad_times() {
    ok ache add --pain 3
    local bad
    for bad in 24:00 08:60 8 8am x 08:00,25:00 -1:00; do
        refused 2 "ache meds: times: '${bad##*,}' $TIMES_MSG" \
            meds add Ibuprofen --times "$bad"
    done
    refused 2 "ache meds: times: 08:00 is given twice" \
        meds add Ibuprofen --times 08:00,08:00
    refused 2 "ache meds: times: 21:00 is given twice" \
        meds add Ibuprofen --times 21:00,08:00,21:00
    refused 2 "ache meds: times: at most 12 times of day" \
        meds add Ibuprofen --times 01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,11:00,12:00,13:00
    refused 2 "ache meds: times: give one or more times of day, such as 08:00,21:00" \
        meds add Ibuprofen --times ""
    refused 2 "ache meds: times: an empty time between commas (give HH:MM,HH:MM)" \
        meds add Ibuprofen --times ,
    refused 2 "ache meds: times: an empty time between commas (give HH:MM,HH:MM)" \
        meds add Ibuprofen --times 08:00,,09:00
    refused 2 "ache meds: times: an empty time between commas (give HH:MM,HH:MM)" \
        meds add Ibuprofen --times 08:00,
}

test_meds_add_refuses_bad_names() {
    ok ache add --pain 3
    local long
    long=$(printf 'x%.0s' {1..41})
    refused 2 "ache meds: 'a,b': a medicine's name holds no control character or comma" \
        meds add a,b
    refused 2 "ache meds: 'Ibuprofen, 400': a medicine's name holds no control character or comma" \
        meds add "Ibuprofen, 400"
    refused 2 "ache meds: 'a^Ab': a medicine's name holds no control character or comma" \
        meds add "$(printf 'a\001b')"
    refused 2 "ache meds: 'a^Jb': a medicine's name holds no control character or comma" \
        meds add "$(printf 'a\nb')"
    refused 2 "ache meds: 'a^?b': a medicine's name holds no control character or comma" \
        meds add "$(printf 'a\177b')"
    refused 2 "ache meds: ' Ibuprofen': a medicine's name does not start or end with a space" \
        meds add " Ibuprofen"
    refused 2 "ache meds: 'Ibuprofen ': a medicine's name does not start or end with a space" \
        meds add "Ibuprofen "
    refused 2 "ache meds: '$long': a medicine's name is 1 to 40 bytes" \
        meds add "$long"
    # bytes, not letters: 21 two-byte letters are 42
    refused 2 "ache meds: '$(printf '\xc3\xa9%.0s' {1..21})': a medicine's name is 1 to 40 bytes" \
        meds add "$(printf '\xc3\xa9%.0s' {1..21})"
    refused 2 "ache meds: '': a medicine's name is 1 to 40 bytes" meds add ""
    # a bad name with a good regimen, or with a start
    refused 2 "ache meds: 'a,b': a medicine's name holds no control character or comma" \
        meds add a,b --dose 400 --unit mg --start 2026-11-01
    ok ache meds
    expect_out "no medicines yet (\`ache meds add NAME\` adds one)"
}

test_meds_add_refusing_a_name_makes_no_diary() {
    run ache meds add a,b --dose 400 --unit mg
    expect_rc 2
    expect_err "ache meds: 'a,b': a medicine's name holds no control character or comma"
    run ache meds add " Ibuprofen"
    expect_rc 2
    run ache meds add Ibuprofen --dose 0 --unit mg
    expect_rc 2
    expect_err "ache meds: dose: '0' $AMOUNT_MSG"
    [ ! -e "$ACHE_DB" ] || fail "a refused medicine made a diary"
}

test_meds_add_refuses_a_medicine_taken_already() {
    ibuprofen
    refused 2 "ache meds: Ibuprofen is taken already (since 2026-11-01): \`ache meds change\` changes its regimen" \
        meds add Ibuprofen --dose 200 --unit mg
    # names are one without regard to case
    refused 2 "ache meds: Ibuprofen is taken already (since 2026-11-01): \`ache meds change\` changes its regimen" \
        meds add IBUPROFEN
}

# ---- usage ------------------------------------------------------------------------

test_meds_usage_errors() {
    ibuprofen
    local see="(see ache meds --help)"
    local opts="options go with an action: ache meds add NAME --dose N --unit U $see"
    refused 2 "ache meds: $opts" meds --dose 4
    refused 2 "ache meds: $opts" meds --unit mg
    refused 2 "ache meds: $opts" meds --times 08:00
    refused 2 "ache meds: $opts" meds --as-needed
    refused 2 "ache meds: $opts" meds --scheduled
    refused 2 "ache meds: $opts" meds --start 2026-11-01
    refused 2 "ache meds: $opts" meds --on 2026-11-01
    refused 2 "ache meds: 'frob' is not an action of meds (use add, change or stop) $see" \
        meds frob Ibuprofen
    # a medicine's periods take no options and no more words
    refused 2 "ache meds: 'Ibuprofen' is not an action of meds (use add, change or stop) $see" \
        meds Ibuprofen --on 2026-11-01
    refused 2 "ache meds: 'Ibuprofen' is not an action of meds (use add, change or stop) $see" \
        meds Ibuprofen extra
    refused 2 "ache meds: meds add needs the medicine's name $see" meds add
    refused 2 "ache meds: meds add needs the medicine's name $see" meds add --dose 4 --unit mg
    refused 2 "ache meds: meds change needs the medicine's name $see" meds change --dose 4
    refused 2 "ache meds: meds stop needs the medicine's name $see" meds stop
    refused 2 "ache meds: unexpected 'Aspirin' $see" meds add Ibuprofen Aspirin
    refused 2 "ache meds: unexpected 'extra' $see" meds change Ibuprofen extra --dose 3
    refused 2 "ache meds: unexpected 'extra' $see" meds stop Ibuprofen extra
    refused 2 "ache meds: unexpected 'c' $see" meds stop a b c
    refused 2 "ache meds: --start goes with add (change and stop take --on) $see" \
        meds change Ibuprofen --dose 3 --start 2026-11-10
    refused 2 "ache meds: --start goes with add (change and stop take --on) $see" \
        meds stop Ibuprofen --start 2026-11-10
    refused 2 "ache meds: meds add takes --start, not --on or --scheduled $see" \
        meds add Aspirin --on 2026-11-10
    refused 2 "ache meds: meds add takes --start, not --on or --scheduled $see" \
        meds add Aspirin --scheduled --times 08:00
    refused 2 "ache meds: meds add takes --start, not --on or --scheduled $see" \
        meds add Aspirin --as-needed --scheduled
    local o
    for o in "--dose 3" "--unit mg" "--times 08:00" --as-needed --scheduled; do
        # shellcheck disable=SC2086 # the option and its value
        refused 2 "ache meds: meds stop takes only --on $see" meds stop Ibuprofen $o
    done
    refused 2 "ache meds: meds change needs what changes: --dose, --unit, --times, --as-needed or --scheduled $see" \
        meds change Ibuprofen
    refused 2 "ache meds: meds change needs what changes: --dose, --unit, --times, --as-needed or --scheduled $see" \
        meds change Ibuprofen --on 2026-11-10
    refused 2 "ache meds: --as-needed or --scheduled, not both $see" \
        meds change Ibuprofen --as-needed --scheduled
    # the usage error before the medicine is looked for
    refused 2 "ache meds: --as-needed or --scheduled, not both $see" \
        meds change nosuch --as-needed --scheduled --dose 3
    refused 2 "ache meds: unknown option '--frob' $see" meds add Aspirin --frob
    refused 2 "ache meds: unknown option '--date' $see" meds add Aspirin --date 2026-11-10
    refused 2 "ache meds: --as-needed takes no value $see" meds add Aspirin --as-needed=yes
    refused 2 "ache meds: --on needs a value (D) $see" meds stop Ibuprofen --on
}

test_meds_took_and_doses_usage_errors() {
    ibuprofen
    refused 2 "ache took: took what? give the medicine's name (see ache took --help)" took
    refused 2 "ache took: took what? give the medicine's name (see ache took --help)" \
        took --date 2026-11-20
    refused 2 "ache took: unexpected 'tablets' (see ache took --help)" \
        took Ibuprofen 2 tablets
    refused 2 "ache took: unknown option '--dose' (see ache took --help)" \
        took Ibuprofen --dose 3
    refused 2 "ache took: unknown option '--on' (see ache took --help)" \
        took Ibuprofen --on 2026-11-20
    refused 2 "ache took: --time needs a value (HH:MM) (see ache took --help)" \
        took Ibuprofen --time
    refused 2 "ache doses: unexpected 'Ibuprofen' (see ache doses --help)" doses Ibuprofen
    refused 2 "ache doses: unknown option '--date' (see ache doses --help)" \
        doses --date 2026-11-20
}

# ---- days ------------------------------------------------------------------------

test_meds_dates_in_the_future_or_malformed_are_refused() {
    ibuprofen
    ok ache meds add Aspirin --dose 100 --unit mg --start 2026-11-01
    ok ache meds stop Aspirin --on 2026-11-10
    local d
    refused 2 "ache meds: start: 2026-11-25 is in the future (today is 2026-11-24)" \
        meds add Codeine --start 2026-11-25
    refused 2 "ache meds: start: 2027-01-01 is in the future (today is 2026-11-24)" \
        meds add Aspirin --start 2027-01-01
    refused 2 "ache meds: on: 2026-11-25 is in the future (today is 2026-11-24)" \
        meds change Ibuprofen --dose 200 --on 2026-11-25
    refused 2 "ache meds: on: 2026-12-01 is in the future (today is 2026-11-24)" \
        meds stop Ibuprofen --on 2026-12-01
    refused 2 "ache took: date: 2026-11-25 is in the future (today is 2026-11-24)" \
        took Ibuprofen --date 2026-11-25
    for d in 2026-02-30 2026-13-01 26-11-01 xyz tomorrow ""; do
        refused 2 "ache meds: start: '$d' $DATE_MSG" meds add Codeine --start "$d"
        refused 2 "ache meds: on: '$d' $DATE_MSG" meds change Ibuprofen --dose 200 --on "$d"
        refused 2 "ache meds: on: '$d' $DATE_MSG" meds stop Ibuprofen --on "$d"
        refused 2 "ache took: date: '$d' $DATE_MSG" took Ibuprofen --date "$d"
        refused 2 "ache doses: from: '$d' $DATE_MSG" doses --from "$d"
        refused 2 "ache doses: to: '$d' $DATE_MSG" doses --to "$d"
    done
}

# ---- changing ------------------------------------------------------------------

test_meds_change_ends_the_period_and_starts_the_next() {
    ibuprofen
    ok ache meds change ibuprofen --dose 600 --on 2026-11-10
    expect_out "changed Ibuprofen from 2026-11-10: 600 mg at 08:00, 21:00"
    expect_err ""
    ok ache meds change IBUPROFEN --times 08:00 --on 2026-11-15
    expect_out "changed Ibuprofen from 2026-11-15: 600 mg at 08:00"
    ok ache meds change Ibuprofen --unit mcg --on 2026-11-18
    expect_out "changed Ibuprofen from 2026-11-18: 600 mcg at 08:00"
    ok ache meds change Ibuprofen --as-needed --on 2026-11-20
    expect_out "changed Ibuprofen from 2026-11-20: as needed, 600 mcg at 08:00"
    # --on defaults to today
    ok ache meds change Ibuprofen --scheduled --dose 400 --unit mg --times 09:00,21:00
    expect_out "changed Ibuprofen from 2026-11-24: 400 mg at 09:00, 21:00"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to 2026-11-15  600 mg at 08:00, 21:00
2026-11-15 to 2026-11-18  600 mg at 08:00
2026-11-18 to 2026-11-20  600 mcg at 08:00
2026-11-20 to 2026-11-24  as needed, 600 mcg at 08:00
2026-11-24 to now         400 mg at 09:00, 21:00"
    expect_periods_meet Ibuprofen
    expect_eq "$(periods Ibuprofen)" "2026-11-01|2026-11-10|400.0|mg|08:00,21:00|0
2026-11-10|2026-11-15|600.0|mg|08:00,21:00|0
2026-11-15|2026-11-18|600.0|mg|08:00|0
2026-11-18|2026-11-20|600.0|mcg|08:00|0
2026-11-20|2026-11-24|600.0|mcg|08:00|1
2026-11-24|-|400.0|mg|09:00,21:00|0"
    ok ache meds
    expect_out "Ibuprofen             400 mg at 09:00, 21:00            since 2026-11-24"
    expect_eq "$(count_changes)" "6" "a change per command"
}

test_meds_change_on_the_start_day_corrects_the_period() {
    ibuprofen
    ok ache meds change Ibuprofen --dose 200 --on 2026-11-01
    expect_out "changed Ibuprofen from 2026-11-01: 200 mg at 08:00, 21:00"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to now         200 mg at 08:00, 21:00"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*), max(rev) FROM med_period')" "1|2" \
        "one period, at its second revision"
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT kind, json_extract(body, '$.dose')
        FROM record_version")" "period|400.0" "the period as it was, kept"
    # and a later period corrected on its own start day
    ok ache meds change Ibuprofen --dose 300 --on 2026-11-10
    ok ache meds change Ibuprofen --times 12:00 --on 2026-11-10
    expect_out "changed Ibuprofen from 2026-11-10: 300 mg at 12:00"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  200 mg at 08:00, 21:00
2026-11-10 to now         300 mg at 12:00"
    expect_periods_meet Ibuprofen
}

test_meds_change_before_the_start_is_refused() {
    ibuprofen
    refused 2 "ache meds: Ibuprofen: a change on 2026-10-31 comes before its regimen began (2026-11-01)" \
        meds change Ibuprofen --dose 200 --on 2026-10-31
    ok ache meds change Ibuprofen --dose 600 --on 2026-11-10
    # a day of an earlier period is before the current one's start
    refused 2 "ache meds: Ibuprofen: a change on 2026-11-05 comes before its regimen began (2026-11-10)" \
        meds change ibuprofen --dose 200 --on 2026-11-05
    refused 2 "ache meds: Ibuprofen: a change on 2026-11-09 comes before its regimen began (2026-11-10)" \
        meds change ibuprofen --as-needed --on 2026-11-09
}

test_meds_change_of_an_unknown_or_stopped_medicine_is_refused() {
    ibuprofen
    # not a message about the options of a regimen that is not there
    refused 2 "ache meds: $NO_IBU" meds change nosuch --dose 5
    refused 2 "ache meds: $NO_IBU" meds change nosuch --dose 5 --unit mg
    refused 2 "ache meds: $NO_IBU" meds change nosuch --as-needed
    refused 2 "ache meds: $NO_IBU" meds stop nosuch
    refused 2 "ache meds: $NO_IBU" meds stop nosuch --on 2026-11-02
    ok ache meds stop Ibuprofen --on 2026-11-20
    local stopped="Ibuprofen was stopped on 2026-11-20: \`ache meds add Ibuprofen --start DAY\` starts it again"
    refused 2 "ache meds: $stopped" meds change ibuprofen --dose 200
    refused 2 "ache meds: $stopped" meds change ibuprofen --dose 200 --unit mg --on 2026-11-21
    refused 2 "ache meds: $stopped" meds change Ibuprofen --as-needed --on 2026-11-05
    refused 2 "ache meds: $stopped" meds stop Ibuprofen
    refused 2 "ache meds: $stopped" meds stop Ibuprofen --on 2026-11-22
}

test_meds_change_refuses_bad_values() {
    ok ache meds add "Vitamin D" --start 2026-11-01
    ibuprofen
    refused 2 "ache meds: dose: give its --unit too (mg, ml, tablet...)" \
        meds change "vitamin d" --dose 5
    refused 2 "ache meds: dose: '0' $AMOUNT_MSG" meds change Ibuprofen --dose 0
    refused 2 "ache meds: dose: '-400' $AMOUNT_MSG" meds change Ibuprofen --dose -400
    refused 2 "ache meds: dose: '0.0005' $AMOUNT_MSG" meds change Ibuprofen --dose 0.0005
    refused 2 "ache meds: dose: '2000000' $AMOUNT_MSG" meds change Ibuprofen --dose 2000000
    refused 2 "ache meds: dose: 'more' $AMOUNT_MSG" meds change Ibuprofen --dose more
    refused 2 "ache meds: unit: 'MG' $UNIT_MSG" meds change Ibuprofen --unit MG
    refused 2 "ache meds: unit: 'mg2' $UNIT_MSG" meds change Ibuprofen --unit mg2
    refused 2 "ache meds: unit: 'milligrammesperkg' $UNIT_MSG" \
        meds change Ibuprofen --unit milligrammesperkg
    refused 2 "ache meds: times: '25:00' $TIMES_MSG" meds change Ibuprofen --times 08:00,25:00
    refused 2 "ache meds: times: 08:00 is given twice" meds change Ibuprofen --times 08:00,08:00
    refused 2 "ache meds: times: give one or more times of day, such as 08:00,21:00" \
        meds change Ibuprofen --times ""
    refused 2 "ache meds: times: at most 12 times of day" \
        meds change Ibuprofen --times 00:00,01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,11:00,12:00
    # with a good value beside it, nothing of it is kept
    refused 2 "ache meds: unit: 'Mg' $UNIT_MSG" \
        meds change Ibuprofen --dose 200 --unit Mg --on 2026-11-10
}

# A change to what the regimen already is ends no period and records no
# change, as a field renamed to its own name is unchanged.
test_meds_change_to_the_same_regimen_changes_nothing() {
    ibuprofen
    local before
    before=$(held)
    ok ache meds change Ibuprofen --dose 400 --on 2026-11-10
    expect_out "Ibuprofen unchanged: its regimen already was so"
    expect_err ""
    ok ache meds change ibuprofen --unit mg --times 21:00,08:00 --scheduled
    expect_out "Ibuprofen unchanged: its regimen already was so"
    ok ache meds change ibuprofen --dose 400.000 --on 2026-11-01
    expect_out "Ibuprofen unchanged: its regimen already was so"
    expect_eq "$(held)" "$before" "nothing stored changed by changes to the same"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to now         400 mg at 08:00, 21:00"
    # the same values before the start are still refused
    refused 2 "ache meds: Ibuprofen: a change on 2026-10-01 comes before its regimen began (2026-11-01)" \
        meds change Ibuprofen --dose 400 --on 2026-10-01
}

# ---- stopping and starting again ------------------------------------------------

test_meds_stop_ends_the_period() {
    ibuprofen
    ok ache meds change Ibuprofen --dose 600 --on 2026-11-10
    refused 2 "ache meds: Ibuprofen: a stop on 2026-11-10 is not after its start (2026-11-10)" \
        meds stop Ibuprofen --on 2026-11-10
    refused 2 "ache meds: Ibuprofen: a stop on 2026-11-05 is not after its start (2026-11-10)" \
        meds stop Ibuprofen --on 2026-11-05
    ok ache meds stop ibuprofen --on 2026-11-11
    expect_out "stopped Ibuprofen on 2026-11-11"
    expect_err ""
    ok ache meds
    expect_out "Ibuprofen             600 mg at 08:00, 21:00            stopped 2026-11-11"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to 2026-11-11  600 mg at 08:00, 21:00"
    expect_eq "$(periods Ibuprofen)" "2026-11-01|2026-11-10|400.0|mg|08:00,21:00|0
2026-11-10|2026-11-11|600.0|mg|08:00,21:00|0"
}

test_meds_stop_defaults_to_today_and_not_on_the_start() {
    ok ache meds add Aspirin --dose 100 --unit mg
    refused 2 "ache meds: Aspirin: a stop on 2026-11-24 is not after its start (2026-11-24)" \
        meds stop Aspirin
    ibuprofen
    ok ache meds stop Ibuprofen
    expect_out "stopped Ibuprofen on 2026-11-24"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-24  400 mg at 08:00, 21:00"
}

test_meds_restart_after_a_stop() {
    ibuprofen
    ok ache meds stop Ibuprofen --on 2026-11-10
    refused 2 "ache meds: Ibuprofen was taken until 2026-11-10: a new start comes on or after that day" \
        meds add ibuprofen --start 2026-11-09
    refused 2 "ache meds: Ibuprofen was taken until 2026-11-10: a new start comes on or after that day" \
        meds add ibuprofen --start 2026-10-01 --dose 200 --unit mg
    # on the stop day: no day between
    ok ache meds add Ibuprofen --start 2026-11-10 --as-needed --dose 200 --unit mg
    expect_out "taking Ibuprofen from 2026-11-10: as needed, 200 mg"
    ok ache meds stop Ibuprofen --on 2026-11-15
    # later: a pause, and the same medicine (one row, its id kept)
    ok ache meds add Ibuprofen --start 2026-11-20 --dose 400 --unit mg --times 08:00
    expect_out "taking Ibuprofen from 2026-11-20: 400 mg at 08:00"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to 2026-11-15  as needed, 200 mg
2026-11-20 to now         400 mg at 08:00"
    ok ache meds
    expect_out "Ibuprofen             400 mg at 08:00                   since 2026-11-20"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*), name, rev FROM med')" "1|Ibuprofen|1"
    # taken again, it changes as any other
    ok ache meds change Ibuprofen --dose 600 --on 2026-11-22
    expect_out "changed Ibuprofen from 2026-11-22: 600 mg at 08:00"
    refused 2 "ache meds: Ibuprofen: a change on 2026-11-21 comes before its regimen began (2026-11-22)" \
        meds change Ibuprofen --dose 300 --on 2026-11-21
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to 2026-11-15  as needed, 200 mg
2026-11-20 to 2026-11-22  400 mg at 08:00
2026-11-22 to now         600 mg at 08:00"
}

# The periods of several changes, stops and starts again are exact: each
# period of a change stops on the day the next starts, a stop leaves the
# days to the next start untaken.
test_meds_period_history_after_several_changes_is_exact() {
    ok ache meds add Pregabalin --dose 25 --unit mg --times 21:00 --start 2026-09-01
    local day dose=25
    for day in 2026-09-08 2026-09-15 2026-09-22 2026-09-29 2026-10-06; do
        dose=$((dose + 25))
        ok ache meds change pregabalin --dose $dose --on $day
    done
    ok ache meds change pregabalin --times 09:00,21:00 --on 2026-10-10
    ok ache meds change pregabalin --dose 75 --on 2026-10-10 # corrected
    ok ache meds stop pregabalin --on 2026-10-20
    ok ache meds add pregabalin --dose 25 --unit mg --times 21:00 --start 2026-11-01
    ok ache meds change pregabalin --dose 50 --on 2026-11-08
    ok ache meds Pregabalin
    expect_out "2026-09-01 to 2026-09-08  25 mg at 21:00
2026-09-08 to 2026-09-15  50 mg at 21:00
2026-09-15 to 2026-09-22  75 mg at 21:00
2026-09-22 to 2026-09-29  100 mg at 21:00
2026-09-29 to 2026-10-06  125 mg at 21:00
2026-10-06 to 2026-10-10  150 mg at 21:00
2026-10-10 to 2026-10-20  75 mg at 09:00, 21:00
2026-11-01 to 2026-11-08  25 mg at 21:00
2026-11-08 to now         50 mg at 21:00"
    # from the tables: every period but the last stops; each stop but the
    # one of `meds stop` is the next start
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT p.start, p.stop, q.start FROM med_period p
        LEFT JOIN med_period q ON q.med = p.med AND q.start = (SELECT min(start)
            FROM med_period r WHERE r.med = p.med AND r.start > p.start)
        ORDER BY p.start")" "2026-09-01|2026-09-08|2026-09-08
2026-09-08|2026-09-15|2026-09-15
2026-09-15|2026-09-22|2026-09-22
2026-09-22|2026-09-29|2026-09-29
2026-09-29|2026-10-06|2026-10-06
2026-10-06|2026-10-10|2026-10-10
2026-10-10|2026-10-20|2026-11-01
2026-11-01|2026-11-08|2026-11-08
2026-11-08||"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*) FROM med_period p, med_period q
        WHERE p.n < q.n AND p.med = q.med AND q.start < ifnull(p.stop, "9999")
        AND p.start < ifnull(q.stop, "9999")')" "0" "periods that overlap"
}

# ---- doses -----------------------------------------------------------------------

test_meds_took_the_regimen_dose() {
    ibuprofen
    ok ache meds change Ibuprofen --dose 600 --on 2026-11-10
    ok ache took ibuprofen
    expect_out "took Ibuprofen 600 mg on 2026-11-24 at 09:00"
    expect_err ""
    # the time is now's, on today
    ok at 13:45 ache took IBUPROFEN
    expect_out "took Ibuprofen 600 mg on 2026-11-24 at 13:45"
    # another day has no time unless given
    ok ache took Ibuprofen --date 2026-11-20
    expect_out "took Ibuprofen 600 mg on 2026-11-20"
    ok ache took Ibuprofen --date -1 --time 22:30
    expect_out "took Ibuprofen 600 mg on 2026-11-23 at 22:30"
    ok ache took Ibuprofen --time 07:05
    expect_out "took Ibuprofen 600 mg on 2026-11-24 at 07:05"
    # the dose of the period of the day
    ok ache took Ibuprofen --date 2026-11-05
    expect_out "took Ibuprofen 400 mg on 2026-11-05"
    ok ache took Ibuprofen --date 2026-11-10 --time 08:00
    expect_out "took Ibuprofen 600 mg on 2026-11-10 at 08:00"
    # an amount alone is in the regimen's unit; a unit with it its own
    ok ache took Ibuprofen 200 --date 2026-11-21
    expect_out "took Ibuprofen 200 mg on 2026-11-21"
    ok ache took Ibuprofen 1,5 --unit tablet --date 2026-11-22
    expect_out "took Ibuprofen 1.5 tablet on 2026-11-22"
    ok ache took Ibuprofen 0.001 --unit g --date 2026-11-22 --time 12:00
    expect_out "took Ibuprofen 0.001 g on 2026-11-22 at 12:00"
    ok ache took Ibuprofen 1000000 --date 2026-11-22 --time 13:00
    expect_out "took Ibuprofen 1000000 mg on 2026-11-22 at 13:00"
    # the regimen's own unit alone is its dose
    ok ache took Ibuprofen --unit mg --date 2026-11-22 --time 14:00
    expect_out "took Ibuprofen 600 mg on 2026-11-22 at 14:00"
    expect_eq "$(doses_held)" "Ibuprofen|2026-11-05|-|400.0|mg
Ibuprofen|2026-11-10|08:00|600.0|mg
Ibuprofen|2026-11-20|-|600.0|mg
Ibuprofen|2026-11-21|-|200.0|mg
Ibuprofen|2026-11-22|-|1.5|tablet
Ibuprofen|2026-11-22|12:00|0.001|g
Ibuprofen|2026-11-22|13:00|1000000.0|mg
Ibuprofen|2026-11-22|14:00|600.0|mg
Ibuprofen|2026-11-23|22:30|600.0|mg
Ibuprofen|2026-11-24|07:05|600.0|mg
Ibuprofen|2026-11-24|09:00|600.0|mg
Ibuprofen|2026-11-24|13:45|600.0|mg"
    ok ache doses
    expect_doses "2026-11-05 --:--  Ibuprofen            400 mg
2026-11-10 08:00  Ibuprofen            600 mg
2026-11-20 --:--  Ibuprofen            600 mg
2026-11-21 --:--  Ibuprofen            200 mg
2026-11-22 --:--  Ibuprofen            1.5 tablet
2026-11-22 12:00  Ibuprofen            0.001 g
2026-11-22 13:00  Ibuprofen            1000000 mg
2026-11-22 14:00  Ibuprofen            600 mg
2026-11-23 22:30  Ibuprofen            600 mg
2026-11-24 07:05  Ibuprofen            600 mg
2026-11-24 09:00  Ibuprofen            600 mg
2026-11-24 13:45  Ibuprofen            600 mg"
    # doses change no regimen
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to now         600 mg at 08:00, 21:00"
}

# The regimen's amount is in the regimen's unit: with another unit alone,
# it would be another dose (400 mg is not 400 tablets).
test_meds_took_refuses_a_unit_alone_that_is_not_the_regimens() {
    ibuprofen
    refused 2 "ache took: --unit tablet goes with the amount taken (ache took NAME AMOUNT --unit tablet) (see ache took --help)" \
        took Ibuprofen --unit tablet
    ok ache meds add Rescue --as-needed
    refused 2 "ache took: --unit puff goes with the amount taken (ache took NAME AMOUNT --unit puff) (see ache took --help)" \
        took rescue --unit puff
    ok ache took rescue 2 --unit puff
    expect_out "took Rescue 2 puff on 2026-11-24 at 09:00"
    # an unknown medicine is that first
    refused 2 "ache took: $NO_IBU" took nosuch --unit tablet
}

test_meds_took_of_a_medicine_without_a_dose() {
    ok ache meds add Rescue --as-needed --start 2026-11-01
    ok ache took Rescue
    expect_out "took Rescue on 2026-11-24 at 09:00"
    ok ache took Rescue 2 --date 2026-11-20
    expect_out "took Rescue 2 on 2026-11-20"
    ok ache doses
    expect_doses "2026-11-20 --:--  Rescue               2
2026-11-24 09:00  Rescue               "
    expect_eq "$(doses_held)" "Rescue|2026-11-20|-|2.0|-
Rescue|2026-11-24|09:00|-|-"
}

test_meds_took_after_a_stop_is_kept() {
    ibuprofen
    ok ache meds stop Ibuprofen --on 2026-11-10
    ok ache took Ibuprofen --date 2026-11-20
    expect_out "took Ibuprofen 400 mg on 2026-11-20"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00"
}

test_meds_took_before_the_start_moves_the_start_back() {
    ibuprofen
    ok ache meds change Ibuprofen --dose 600 --on 2026-11-10
    ok ache took ibuprofen --date 2026-10-28 --time 08:00
    expect_out "took Ibuprofen 400 mg on 2026-10-28 at 08:00
Ibuprofen now starts on 2026-10-28 (it started on 2026-11-01): the dose was taken before"
    expect_err ""
    ok ache meds Ibuprofen
    expect_out "2026-10-28 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to now         600 mg at 08:00, 21:00"
    expect_periods_meet Ibuprofen
    ok ache meds
    expect_out "Ibuprofen             600 mg at 08:00, 21:00            since 2026-11-10"
    # on the start itself, or after, nothing moves
    ok ache took ibuprofen 200 --date 2026-10-28
    expect_out "took Ibuprofen 200 mg on 2026-10-28"
    ok ache took ibuprofen 50 --unit ml --date 2026-10-20
    expect_out "took Ibuprofen 50 ml on 2026-10-20
Ibuprofen now starts on 2026-10-20 (it started on 2026-10-28): the dose was taken before"
    expect_eq "$(periods Ibuprofen)" "2026-10-20|2026-11-10|400.0|mg|08:00,21:00|0
2026-11-10|-|600.0|mg|08:00,21:00|0"
    expect_eq "$(doses_held)" "Ibuprofen|2026-10-20|-|50.0|ml
Ibuprofen|2026-10-28|-|200.0|mg
Ibuprofen|2026-10-28|08:00|400.0|mg"
}

test_meds_took_refuses_bad_input() {
    ibuprofen
    local bad
    refused 2 "ache took: $NO_IBU" took nosuch
    refused 2 "ache took: $NO_IBU" took nosuch 2 --unit tablet --date 2026-11-20
    refused 2 "ache took: no medicine 'Ibu' (\`ache meds\` lists them; \`ache meds add NAME\` adds one)" \
        took Ibu
    refused 2 "ache took: no medicine 'a,b' (\`ache meds\` lists them; \`ache meds add NAME\` adds one)" \
        took a,b
    refused 2 "ache took: no medicine 'a^Ab' (\`ache meds\` lists them; \`ache meds add NAME\` adds one)" \
        took "$(printf 'a\001b')"
    refused 2 "ache took: '$(printf 'y%.0s' {1..41})': a medicine's name is 1 to 40 bytes" \
        took "$(printf 'y%.0s' {1..41})"
    for bad in 0 0.0 -1 -0.5 1.2345 1000000.001 1000001 abc "" 1. .5 2x; do
        refused 2 "ache took: amount: '$bad' $AMOUNT_MSG" took Ibuprofen "$bad"
    done
    for bad in MG Tablet m1 2 abcdefghijklmnopq ""; do
        refused 2 "ache took: unit: '$bad' $UNIT_MSG" took Ibuprofen 2 --unit "$bad"
    done
    for bad in 24:00 12:60 9 9:5 noon "" 08:00,09:00; do
        refused 2 "ache took: time: '$bad' is not a time of day (use HH:MM, 00:00-23:59) (see ache took --help)" \
            took Ibuprofen --time "$bad"
    done
    # a bad amount before an unknown medicine
    refused 2 "ache took: amount: '0' $AMOUNT_MSG" took nosuch 0
}

test_meds_doses_list_their_days() {
    ibuprofen
    ok ache meds add Aspirin --dose 100 --unit mg --start 2026-10-01
    ok ache took Aspirin --date 2026-10-25 --time 08:00
    ok ache took Aspirin --date 2026-10-26 --time 08:00
    ok ache took Ibuprofen --date 2026-11-24 --time 21:00
    ok ache took Aspirin --date 2026-11-24 --time 20:59
    ok ache took Aspirin --date 2026-11-24 # today: now, 09:00
    ok ache took Ibuprofen 200 --date 2026-11-02
    # the last 30 days (from 29 days ago), by day and time
    ok ache doses
    expect_doses "2026-10-26 08:00  Aspirin              100 mg
2026-11-02 --:--  Ibuprofen            200 mg
2026-11-24 09:00  Aspirin              100 mg
2026-11-24 20:59  Aspirin              100 mg
2026-11-24 21:00  Ibuprofen            400 mg"
    expect_err ""
    ok ache doses --from 2026-10-25 --to 2026-11-02
    expect_doses "2026-10-25 08:00  Aspirin              100 mg
2026-10-26 08:00  Aspirin              100 mg
2026-11-02 --:--  Ibuprofen            200 mg"
    ok ache doses --from 2026-11-24
    expect_doses "2026-11-24 09:00  Aspirin              100 mg
2026-11-24 20:59  Aspirin              100 mg
2026-11-24 21:00  Ibuprofen            400 mg"
    # --to alone: the 30 days up to it
    ok ache doses --to 2026-10-25
    expect_doses "2026-10-25 08:00  Aspirin              100 mg"
    ok ache doses --to 2026-10-24
    expect_out "no doses from 2026-09-25 to 2026-10-24"
    ok ache doses --to 2026-11-23
    expect_doses "2026-10-25 08:00  Aspirin              100 mg
2026-10-26 08:00  Aspirin              100 mg
2026-11-02 --:--  Ibuprofen            200 mg"
    # --to after today is taken (nothing to show there)
    ok ache doses --from 2026-11-03 --to 2026-12-31
    expect_doses "2026-11-24 09:00  Aspirin              100 mg
2026-11-24 20:59  Aspirin              100 mg
2026-11-24 21:00  Ibuprofen            400 mg"
    ok ache doses --from 2026-11-03 --to 2026-11-23
    expect_out "no doses from 2026-11-03 to 2026-11-23"
    refused 2 "ache doses: --from comes after --to (see ache doses --help)" \
        doses --from 2026-11-24 --to 2026-11-23
    refused 2 "ache doses: --from comes after --to (see ache doses --help)" \
        doses --from 2026-11-25
}

test_meds_names_are_matched_without_regard_to_case() {
    ok ache meds add "Vitamin D" --dose 0.025 --unit mg --times 08:00 --start 2026-11-01
    ok ache meds "VITAMIN D"
    expect_out "2026-11-01 to now         0.025 mg at 08:00"
    ok ache meds change "vitamin d" --dose 0.05 --on 2026-11-10
    expect_out "changed Vitamin D from 2026-11-10: 0.05 mg at 08:00"
    ok ache took "vItAmIn D"
    expect_out "took Vitamin D 0.05 mg on 2026-11-24 at 09:00"
    ok ache meds stop "VITAMIN d" --on 2026-11-20
    expect_out "stopped Vitamin D on 2026-11-20"
    ok ache meds add "vitamin D" --start 2026-11-22
    ok ache doses
    expect_doses "2026-11-24 09:00  Vitamin D            0.05 mg"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*), name FROM med')" "1|Vitamin D"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*) FROM med_period')" "3"
}

# ---- removing a dose ---------------------------------------------------------------

# Two doses of Ibuprofen on 2026-11-20 (08:00, and 21:00 of 200 mg) and
# one on 2026-11-21.
three_doses() {
    ibuprofen
    ok ache took Ibuprofen --date 2026-11-20 --time 08:00
    ok ache took Ibuprofen 200 --date 2026-11-20 --time 21:00
    ok ache took Ibuprofen --date 2026-11-21
}

test_meds_doses_rm_by_id_prefix() {
    three_doses
    local id
    id=$(dose_id 2026-11-20 21:00)
    ok ache doses
    expect_out_has "${id:0:8}  2026-11-20 21:00  Ibuprofen            200 mg"
    ok at 10:00 ache doses rm "${id:0:8}"
    expect_out "removed dose ${id:0:8} (Ibuprofen 200 mg on 2026-11-20 at 21:00)
\`ache undo\` brings it back, while no change has been made since"
    expect_err ""
    ok ache doses
    expect_doses "2026-11-20 08:00  Ibuprofen            400 mg
2026-11-21 --:--  Ibuprofen            400 mg"
    expect_out_lacks "${id:0:8}"
    ok ache export --what doses
    expect_out_lacks "$id"
    expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "3" "the header and two doses"
    # kept whole, with a tombstone, as a change of its own
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT kind, removed, json_extract(body, '\$.amount'),
            json_extract(body, '\$.time') FROM record_version WHERE id = '$id'")" \
        "dose|1|200.0|21:00" "the removed dose kept whole"
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT kind, change FROM record_deleted WHERE id = '$id'")" \
        "dose|5" "its tombstone"
    ok ache history --last 2
    expect_out "change  when              what
     5  2026-11-24 10:00  ache rm dose ${id:0:8}: Ibuprofen 200 mg on 2026-11-20 at 21:00
     4  2026-11-24 09:00  ache took Ibuprofen"
    # the full id, in capitals, is the same id
    local other
    other=$(dose_id 2026-11-21 -)
    ok ache doses rm "$(printf '%s' "$other" | tr a-f A-F)"
    expect_out_has "removed dose ${other:0:8} (Ibuprofen 400 mg on 2026-11-21)"
    ok ache doses
    expect_doses "2026-11-20 08:00  Ibuprofen            400 mg"
}

test_meds_doses_rm_undone_brings_it_back() {
    three_doses
    local id before
    before=$(meds_rows)
    id=$(dose_id 2026-11-20 08:00)
    ok ache doses rm "${id:0:6}"
    ok ache undo
    expect_out "undid change 5 (ache rm, 2026-11-24 09:00)
  1 dose put back as before
this undo is change 6: \`ache undo\` again reverses it"
    expect_eq "$(meds_rows)" "$before" "the dose back with its key, id and stamp of creation"
    ok ache doses
    expect_doses "2026-11-20 08:00  Ibuprofen            400 mg
2026-11-20 21:00  Ibuprofen            200 mg
2026-11-21 --:--  Ibuprofen            400 mg"
    ok ache undo # removed again
    ok ache doses --from 2026-11-20 --to 2026-11-20
    expect_doses "2026-11-20 21:00  Ibuprofen            200 mg"
}

test_meds_doses_rm_refuses_what_is_not_one_dose() {
    three_doses
    local id
    id=$(dose_id 2026-11-20 08:00)
    # two doses behind ache's back with ids alike
    sqlite3 "$ACHE_DB" "UPDATE dose SET id = 'abcdef01' || substr(id, 9) WHERE time = '08:00';
        UPDATE dose SET id = 'abcdef02' || substr(id, 9) WHERE time = '21:00'" ||
        fail "sqlite3 could not set the ids"
    refused 2 "ache doses: id 'abcdef' matches 2 doses: give more digits" doses rm abcdef
    refused 2 "ache doses: id 'ABCDEF0' matches 2 doses: give more digits" doses rm ABCDEF0
    refused 2 "ache doses: 'xyz' is not a dose id (6 to 32 hex digits)" doses rm xyz
    refused 2 "ache doses: 'abcde' is not a dose id (6 to 32 hex digits)" doses rm abcde
    refused 2 "ache doses: '${id}0' is not a dose id (6 to 32 hex digits)" doses rm "${id}0"
    refused 2 "ache doses: no dose with id 'fedcba98'" doses rm fedcba98
    # a check-in's id is not a dose's
    ok ache add --pain 3
    refused 2 "ache doses: no dose with id '${OUT:0:8}'" doses rm "${OUT:0:8}"
    ok ache doses rm abcdef01
    refused 1 "ache doses: dose abcdef01 was removed on 2026-11-24" doses rm abcdef01
    ok ache doses rm abcdef
    expect_out_has "removed dose abcdef02 (Ibuprofen 200 mg on 2026-11-20 at 21:00)"
    refused 2 "ache doses: doses rm needs the dose's id (\`ache doses\` lists them) (see ache doses --help)" \
        doses rm
    refused 2 "ache doses: doses rm takes only the dose's id, not --from or --to (see ache doses --help)" \
        doses rm abcdef02 --from 2026-11-01
    refused 2 "ache doses: unexpected 'more' (see ache doses --help)" doses rm abcdef02 more
    refused 2 "ache doses: unexpected 'remove' (see ache doses --help)" doses remove abcdef02
}

# A file made before a dose's removal does not bring it back; one whose
# dose is newer than the removal does, and its tombstone goes.
test_meds_doses_rm_kept_removed_on_import() {
    three_doses
    local id
    id=$(dose_id 2026-11-20 08:00)
    ok ache export --format json -o before.json
    ok at 10:00 ache doses rm "$id"
    ok at 11:00 ache import before.json
    expect_out "imported before.json: 0 rows
doses: 2 unchanged, 1 removed from the diary since, and kept removed"
    ok ache doses
    expect_out_lacks "${id:0:8}"
    sed "/$id/s/\"updated_at\": \"[^\"]*\"/\"updated_at\": \"2026-11-24T10:30:00.000Z\"/" \
        before.json >newer.json
    ok at 11:00 ache import newer.json
    expect_out "imported newer.json: 0 rows
doses: 1 added, 2 unchanged"
    ok ache doses
    expect_out_has "${id:0:8}  2026-11-20 08:00  Ibuprofen            400 mg"
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT count(*) FROM record_deleted WHERE id = '$id'")" \
        "0" "the tombstone of a dose brought back"
}

# ---- history and undo --------------------------------------------------------------

test_meds_history_lists_meds_and_took() {
    ok ache add --date 2026-11-01 --pain 2
    id=$OUT
    ibuprofen
    ok ache meds change Ibuprofen --dose 600 --on 2026-11-10
    ok ache took Ibuprofen
    ok ache meds stop Ibuprofen --on 2026-11-20
    ok ache meds add Ibuprofen --start 2026-11-22
    ok ache undo
    ok ache history
    expect_out "change  when              what
     7  2026-11-24 09:00  ache undo of change 6 (Ibuprofen)
     6  2026-11-24 09:00  ache meds Ibuprofen
     5  2026-11-24 09:00  ache meds Ibuprofen
     4  2026-11-24 09:00  ache took Ibuprofen
     3  2026-11-24 09:00  ache meds Ibuprofen
     2  2026-11-24 09:00  ache meds Ibuprofen
     1  2026-11-24 09:00  ache add ${id:0:8}"
    expect_err ""
}

test_meds_undo_and_redo_of_add() {
    ok ache add --date 2026-11-01 --pain 2
    local before added
    before=$(meds_rows)
    ibuprofen
    added=$(meds_rows)
    ok ache undo
    expect_out "undid change 2 (ache meds, 2026-11-24 09:00)
  1 medicine, 1 regimen period put back as before
this undo is change 3: \`ache undo\` again reverses it"
    expect_err ""
    ok ache meds
    expect_out "no medicines yet (\`ache meds add NAME\` adds one)"
    expect_eq "$(meds_rows)" "$before" "the tables after the undo"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT kind, change FROM record_deleted ORDER BY kind')" \
        "med|3
period|3" "a tombstone for the medicine and its period"
    refused 2 "ache took: no medicine 'Ibuprofen' (\`ache meds\` lists them; \`ache meds add NAME\` adds one)" \
        took Ibuprofen
    # and back: the same medicine, with its key, id and period
    ok ache undo
    expect_out "undid change 3 (ache undo of change 2, 2026-11-24 09:00)
  1 medicine, 1 regimen period put back as before
this undo is change 4: \`ache undo\` again reverses it"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to now         400 mg at 08:00, 21:00"
    expect_eq "$(meds_rows)" "$added" "the tables after the redo"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*) FROM record_deleted')" "0" \
        "tombstones after the redo"
    ok ache took Ibuprofen
    expect_out "took Ibuprofen 400 mg on 2026-11-24 at 09:00"
}

test_meds_undo_and_redo_of_change() {
    ibuprofen
    local before changed
    before=$(meds_rows)
    ok ache meds change Ibuprofen --dose 600 --times 08:00 --on 2026-11-10
    changed=$(meds_rows)
    ok ache undo
    expect_out "undid change 2 (ache meds, 2026-11-24 09:00)
  2 regimen periods put back as before
this undo is change 3: \`ache undo\` again reverses it"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to now         400 mg at 08:00, 21:00"
    expect_eq "$(meds_rows)" "$before" "the tables after the undo"
    ok ache undo
    expect_out "undid change 3 (ache undo of change 2, 2026-11-24 09:00)
  2 regimen periods put back as before
this undo is change 4: \`ache undo\` again reverses it"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to now         600 mg at 08:00"
    expect_eq "$(meds_rows)" "$changed" "the tables after the redo"
    # a correction on the start day, undone
    ok ache meds change Ibuprofen --as-needed --on 2026-11-10
    ok ache undo
    expect_out "undid change 5 (ache meds, 2026-11-24 09:00)
  1 regimen period put back as before
this undo is change 6: \`ache undo\` again reverses it"
    expect_eq "$(meds_rows)" "$changed" "the tables after undoing a correction"
    # the undone change can be made again
    ok ache meds change Ibuprofen --dose 800 --on 2026-11-20
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-10 to 2026-11-20  600 mg at 08:00
2026-11-20 to now         800 mg at 08:00"
    expect_periods_meet Ibuprofen
}

test_meds_undo_and_redo_of_stop() {
    ibuprofen
    local before stopped
    before=$(meds_rows)
    ok ache meds stop Ibuprofen --on 2026-11-20
    stopped=$(meds_rows)
    ok ache undo
    expect_out "undid change 2 (ache meds, 2026-11-24 09:00)
  1 regimen period put back as before
this undo is change 3: \`ache undo\` again reverses it"
    ok ache meds
    expect_out "Ibuprofen             400 mg at 08:00, 21:00            since 2026-11-01"
    expect_eq "$(meds_rows)" "$before" "the tables after the undo"
    ok ache undo
    expect_out "undid change 3 (ache undo of change 2, 2026-11-24 09:00)
  1 regimen period put back as before
this undo is change 4: \`ache undo\` again reverses it"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-20  400 mg at 08:00, 21:00"
    expect_eq "$(meds_rows)" "$stopped" "the tables after the redo"
    refused 2 "ache meds: Ibuprofen was stopped on 2026-11-20: \`ache meds add Ibuprofen --start DAY\` starts it again" \
        meds change Ibuprofen --dose 200
    # undone again, it is taken again, so changed again
    ok ache undo
    expect_out "undid change 4 (ache undo of change 3, 2026-11-24 09:00)
  1 regimen period put back as before
this undo is change 5: \`ache undo\` again reverses it"
    expect_eq "$(meds_rows)" "$before" "the tables after a second undo"
    ok ache meds change Ibuprofen --dose 200
    expect_out "changed Ibuprofen from 2026-11-24: 200 mg at 08:00, 21:00"
}

test_meds_undo_and_redo_of_a_restart() {
    ibuprofen
    ok ache meds stop Ibuprofen --on 2026-11-10
    local before restarted
    before=$(meds_rows)
    ok ache meds add Ibuprofen --start 2026-11-15 --as-needed
    restarted=$(meds_rows)
    ok ache undo
    expect_out "undid change 3 (ache meds, 2026-11-24 09:00)
  1 regimen period put back as before
this undo is change 4: \`ache undo\` again reverses it"
    expect_eq "$(meds_rows)" "$before" "the medicine stays, its new period goes"
    ok ache meds
    expect_out "Ibuprofen             400 mg at 08:00, 21:00            stopped 2026-11-10"
    ok ache undo
    expect_eq "$(meds_rows)" "$restarted" "the tables after the redo"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to 2026-11-10  400 mg at 08:00, 21:00
2026-11-15 to now         as needed"
}

test_meds_undo_and_redo_of_took() {
    ibuprofen
    ok ache took Ibuprofen --date 2026-11-20 --time 08:00
    local before took
    before=$(meds_rows)
    ok ache took Ibuprofen 200 --date 2026-11-21
    took=$(meds_rows)
    ok ache undo
    expect_out "undid change 3 (ache took, 2026-11-24 09:00)
  1 dose put back as before
this undo is change 4: \`ache undo\` again reverses it"
    ok ache doses
    expect_doses "2026-11-20 08:00  Ibuprofen            400 mg"
    expect_eq "$(meds_rows)" "$before" "the tables after the undo"
    ok ache undo
    expect_out "undid change 4 (ache undo of change 3, 2026-11-24 09:00)
  1 dose put back as before
this undo is change 5: \`ache undo\` again reverses it"
    ok ache doses
    expect_doses "2026-11-20 08:00  Ibuprofen            400 mg
2026-11-21 --:--  Ibuprofen            200 mg"
    expect_eq "$(meds_rows)" "$took" "the tables after the redo"
}

test_meds_undo_and_redo_of_took_that_moved_the_start() {
    ibuprofen
    local before took
    before=$(meds_rows)
    ok ache took Ibuprofen --date 2026-10-30
    expect_out "took Ibuprofen 400 mg on 2026-10-30
Ibuprofen now starts on 2026-10-30 (it started on 2026-11-01): the dose was taken before"
    took=$(meds_rows)
    ok ache undo
    expect_out "undid change 2 (ache took, 2026-11-24 09:00)
  1 regimen period, 1 dose put back as before
this undo is change 3: \`ache undo\` again reverses it"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to now         400 mg at 08:00, 21:00"
    ok ache doses
    expect_out "no doses from 2026-10-26 to 2026-11-24"
    expect_eq "$(meds_rows)" "$before" "the tables after the undo"
    ok ache undo
    expect_out "undid change 3 (ache undo of change 2, 2026-11-24 09:00)
  1 regimen period, 1 dose put back as before
this undo is change 4: \`ache undo\` again reverses it"
    ok ache meds Ibuprofen
    expect_out "2026-10-30 to now         400 mg at 08:00, 21:00"
    ok ache doses
    expect_doses "2026-10-30 --:--  Ibuprofen            400 mg"
    expect_eq "$(meds_rows)" "$took" "the tables after the redo"
}

# Refusals record no change, so an undo after one reverses what came
# before it.
test_meds_undo_after_a_refusal_undoes_the_change_before() {
    ibuprofen
    ok ache took Ibuprofen --date 2026-11-20
    run ache meds stop Ibuprofen --on 2026-10-01
    expect_rc 2
    run ache took nosuch
    expect_rc 2
    ok ache undo
    expect_out_has "undid change 2 (ache took, 2026-11-24 09:00)"
    expect_eq "$(doses_held)" "" "doses after the undo"
}

# ---- more than one writer ------------------------------------------------------

# took_loop TAG N DAY: N doses of TAG mg of Ibuprofen on DAY (by the name
# in capitals), at 00:01, 00:02, ...; each one's output in out.TAG.i,
# err.TAG.i and rc.TAG.i.
took_loop() {
    local i
    for i in $(seq 1 "$2"); do
        "$ACHE_BIN" took IBUPROFEN "$1" --date "$3" \
            --time "$(printf '%02d:%02d' $((i / 60)) $((i % 60)))" \
            >"out.$1.$i" 2>"err.$1.$i"
        echo $? >"rc.$1.$i"
    done
}

# Two loops at once record doses of one medicine: every dose says so, is
# kept, and is one change; the counts add up.
test_meds_two_writers_took_at_once_lose_nothing() {
    ibuprofen
    local changes
    changes=$(count_changes)
    took_loop 1 40 2026-11-20 &
    local pa=$!
    took_loop 2 40 2026-11-20 &
    local pb=$!
    wait $pa
    wait $pb
    local w i
    for w in 1 2; do
        for i in $(seq 1 40); do
            OUT=$(cat "out.$w.$i") ERR=$(cat "err.$w.$i") RC=$(cat "rc.$w.$i")
            expect_rc 0
            expect_out "took Ibuprofen $w mg on 2026-11-20 at $(printf '%02d:%02d' $((i / 60)) $((i % 60)))"
            expect_err ""
        done
    done
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*), count(DISTINCT id), sum(amount)
        FROM dose')" "80|80|120.0" "doses kept, each its own, their amounts"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT amount, count(*), count(DISTINCT time)
        FROM dose GROUP BY amount ORDER BY amount')" "1.0|40|40
2.0|40|40" "each writer's doses"
    expect_eq "$(count_changes)" "$((changes + 80))" "a change per dose"
    ok ache doses --from 2026-11-20 --to 2026-11-20
    expect_eq "$(printf '%s\n' "$OUT" | grep -c ' Ibuprofen  *[12] mg$')" "80" \
        "doses listed"
    ok ache meds Ibuprofen
    expect_out "2026-11-01 to now         400 mg at 08:00, 21:00"
}

# early_loop N: N doses of Ibuprofen on the days before 2026-11-01, each a
# day earlier than the last; output in out.early.i and rc.early.i.
early_loop() {
    local i
    for i in $(seq 1 "$1"); do
        "$ACHE_BIN" took Ibuprofen --date "$(date -u -d "2026-11-01 - $i days" +%F)" \
            >"out.early.$i" 2>"err.early.$i"
        echo $? >"rc.early.$i"
    done
}

# One writer's doses move the start back, day by day, while another's are
# kept beside them: each move starts from where the last one left it.
test_meds_two_writers_one_moving_the_start_lose_nothing() {
    ibuprofen
    early_loop 25 &
    local pa=$!
    took_loop 3 25 2026-11-20 &
    local pb=$!
    wait $pa
    wait $pb
    local i day was=2026-11-01
    for i in $(seq 1 25); do
        day=$(date -u -d "2026-11-01 - $i days" +%F)
        OUT=$(cat "out.early.$i") ERR=$(cat "err.early.$i") RC=$(cat "rc.early.$i")
        expect_rc 0
        expect_out "took Ibuprofen 400 mg on $day
Ibuprofen now starts on $day (it started on $was): the dose was taken before"
        expect_err ""
        was=$day
        OUT=$(cat "out.3.$i") ERR=$(cat "err.3.$i") RC=$(cat "rc.3.$i")
        expect_rc 0
        expect_out "took Ibuprofen 3 mg on 2026-11-20 at $(printf '%02d:%02d' $((i / 60)) $((i % 60)))"
        expect_err ""
    done
    ok ache meds Ibuprofen
    expect_out "2026-10-07 to now         400 mg at 08:00, 21:00"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*), sum(amount) FROM dose')" \
        "50|10075.0" "25 doses of 400 mg and 25 of 3 mg"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT rev FROM med_period')" "26" \
        "a revision per move"
}
