# ache insights with fields of one's own: each own field that is not
# hidden, not weekly and has values is tested against the tags after pain,
# fatigue and sleep, in its own words; a long name is cut to keep 80
# columns; JSON names the field.

# The widest line of $OUT, in characters (C.UTF-8: "…" is one).
widest_line() {
    printf '%s\n' "$OUT" | while IFS= read -r l; do printf '%s\n' "${#l}"; done | sort -n | tail -1
}

# own_days NAME [flat]: the 60 days of test_report.sh's sixty_days from
# 2026-09-26 (pain 3, 7 the day after every 4th day, 1 more every 7th; or
# 3 throughout when flat), "late-night" every 4th day, with dizziness 6
# (else 2), nausea yes (else no), NAME counting 8000 (else 3000) and 90
# minutes walked (else 30) on those days; "coffee" every 3rd day, with
# nothing. A hidden and a weekly field have values every day.
own_days() {
    ache fields add dizziness --kind rating --high spinning >/dev/null &&
        ache fields add nausea --kind yesno >/dev/null &&
        ache fields add "$1" --kind count >/dev/null &&
        ache fields add walk --kind minutes >/dev/null &&
        ache fields add retired --kind rating >/dev/null &&
        ache fields hide retired >/dev/null &&
        ache fields add weekly_mood --kind rating --weekly >/dev/null ||
        fail "the fields could not be added"
    {
        echo "date,pain,fatigue,sleep_quality,dizziness,nausea,$1,walk,retired,weekly_mood,tags"
        for i in $(seq 0 59); do
            local day pain=3 dz=2 na=0 n=3000 wk=30 tags=""
            day=$(date -u -d "2026-09-26 + $i days" +%F)
            [ $((i % 4)) -eq 1 ] && pain=7
            [ $((i % 7)) -eq 3 ] && pain=$((pain + 1))
            [ "${2-}" = flat ] && pain=3
            [ $((i % 4)) -eq 0 ] && { tags="late-night" dz=6 na=1 n=8000 wk=90; }
            [ $((i % 3)) -eq 0 ] && tags="${tags:+$tags;}coffee"
            echo "$day,$pain,4,6,$dz,$na,$n,$wk,$((i % 5)),$((i % 7)),$tags"
        done
    } >own.csv
    ache import own.csv >/dev/null || fail "import of own.csv failed"
}

test_insights_own_fields_are_outcomes() {
    own_days steps
    ok ache insights --from 2026-09-26
    expect_out_has "Your own fields follow: a rating, count or minutes as the difference of the"
    expect_out_has "42 comparisons had enough data; 15 survive the correction for their number (q"
    expect_out_has "1. late-night (other): strongest with steps on the same day, +5000 (p<0.001,"
    expect_out_has "  pain        -1.4 15/45 p=0.006*   +4.0 15/44 p<0.001*   -1.3 15/43 p=0.007*"
    expect_out_has "  dizziness   +4.0 15/45 p<0.001*    -1.3 15/44 p=0.01*   -1.3 15/43 p<0.001*"
    expect_out_has "  nausea     +100% 15/45 p<0.001*   -32% 15/44 p=0.007*   -33% 15/43 p<0.001*"
    expect_out_has "  steps      +5000 15/45 p<0.001*  -1591 15/44 p=0.008*  -1628 15/43 p<0.001*"
    expect_out_has "  walk       +60.0 15/45 p<0.001*   -19.1 15/44 p=0.01*  -19.5 15/43 p<0.001*"
    expect_out_lacks "retired"
    expect_out_lacks "weekly_mood"
    [ "$(widest_line)" -le 80 ] || fail "a line is wider than 80 columns"
}

# The built-in outcomes keep their shuffles: coffee's rows of pain,
# fatigue and sleep are those of the diary with its own fields hidden
# (late-night's small p are measured until they surely pass the
# correction, which more comparisons move), and the pain row is
# test_report.sh's.
test_insights_own_fields_leave_pain_alone() {
    own_days steps
    ok ache insights --from 2026-09-26 --format json
    expect_out_has '"tests": 42,'
    expect_out_has '{"tag": "late-night", "outcome": "nausea", "lag": 0, "difference": 1, "mean_with": 1, "mean_without": 0, "days_with": 15, "days_without": 45,'
    expect_out_has '{"tag": "late-night", "outcome": "dizziness", "lag": 0, "difference": 4, "mean_with": 6, "mean_without": 2,'
    [ "$(printf '%s\n' "$OUT" | grep -c '"outcome": ')" -eq 42 ] ||
        fail "not 2 tags x 7 outcomes x 3 lags"
    local with
    with=$(printf '%s\n' "$OUT" | grep -E '"coffee", "outcome": "(pain|fatigue|sleep_quality)"' | sed 's/"q": [^,]*, "tests": [0-9]*, //')
    for f in dizziness nausea steps walk; do ok ache fields hide $f; done
    ok ache insights --from 2026-09-26 --format json
    expect_out_has '"tests": 18,'
    expect_eq "$(printf '%s\n' "$OUT" | grep -c '"outcome": ')" 18
    expect_eq "$(printf '%s\n' "$OUT" | grep -E '"coffee", "outcome": "(pain|fatigue|sleep_quality)"' | sed 's/"q": [^,]*, "tests": [0-9]*, //')" "$with"
    ok ache insights --from 2026-09-26
    expect_out_has "  pain     -1.4 15/45 p=0.006*  +4.0 15/44 p<0.001*  -1.3 15/43 p=0.007*"
}

# A yes/no strongest is said as shares of days, a rating toward its word.
test_insights_own_words() {
    own_days steps flat
    for f in steps walk dizziness; do ok ache fields hide $f; done
    ok ache insights --from 2026-09-26
    expect_out_has "1. late-night (other): strongest with nausea on the same day, 100% of days vs"
    expect_out_has "0% (p<0.001,"
    ok ache fields show dizziness
    ok ache insights --from 2026-09-26
    expect_out_has "1. late-night (other): strongest with dizziness on the same day, +4.0, toward"
    expect_out_has "spinning (p<0.001,"
}

# A name of 32 is cut in every table of insights and the report.
test_insights_own_long_name() {
    own_days a_very_long_field_name_of_32_chr
    ok ache insights --from 2026-09-26
    expect_out_has "  a_very_lo…  +5000 15/45 p<0.001*  -1591 15/44 p=0.01*  -1628 15/43 p<0.001*"
    [ "$(widest_line)" -le 80 ] || fail "insights: a line is wider than 80 columns"
    for f in text markdown; do
        ok ache report --from 2026-09-26 --format $f
        [ "$(widest_line)" -le 80 ] || fail "$f: a line is wider than 80 columns"
    done
    expect_out_has "| late-night | a\\_very\\_lon... | same day |  +5000 | 15/45 | <0.001 | 0.001\\* |"
}

# The report's --hide leaves an own field out of the tag table as it does
# a built-in one.
test_insights_own_hidden_in_report() {
    own_days a_very_long_field_name_of_32_chr
    ok ache report --from 2026-09-26 --format markdown
    expect_out_has "| late-night | a\\_very\\_lon... | same day |"
    ok ache report --from 2026-09-26 --format markdown --hide a_very_long_field_name_of_32_chr
    expect_out_lacks "a\\_very\\_lon"
    expect_out_has "late-night"
}
