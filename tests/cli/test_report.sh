# ache insights, ache report

golden_dir="$here/../golden"

# A hand-made November: 22 of 24 days (none on the 6th and 13th), the 9th
# filled in two days late, the 22nd imported without created_at, a flare
# on the 17th-20th, two check-ins on the 20th, long-sitting every third
# day, a note with HTML and Markdown in it.
seed_november() {
    {
        echo "date,time,pain,fatigue,sleep_quality,sleep_hours,stiffness,fog,mood,activity,regions,tags,note,created_at"
        for d in $(seq 1 24); do
            case $d in 6 | 13) continue ;; esac
            local day pain regions tags="" note="" created
            day=$(printf '2026-11-%02d' "$d")
            pain=$(((d * 7) % 5 + 2))
            [ "$d" -ge 18 ] && [ "$d" -le 20 ] && pain=8
            regions="neck;shoulder-l"
            [ $((d % 4)) -eq 1 ] && regions="neck;shoulder-l;shoulder-r;lower-back;hip-r;upper-leg-l"
            [ $((d % 3)) -eq 0 ] && tags="long-sitting"
            [ "$d" -eq 12 ] && note="Slept badly; walked 20 min."
            [ "$d" -eq 19 ] && note="\"Tom & Jerry <b>bold</b> said \"\"stop\"\" and it's *worse* | [x]\""
            created="${day}T20:00:00Z"
            [ "$d" -eq 9 ] && created="2026-11-11T08:00:00Z"
            [ "$d" -eq 22 ] && created=""
            echo "$day,20:00,$pain,$(((d * 3) % 6 + 2)),$((8 - d % 5)),$((6 + d % 3)).$((d % 4 * 25)),$((d % 6 + 2)),$((d % 4 + 1)),$((5 + d % 3)),$(((d * 5) % 9 + 1)),$regions,$tags,$note,$created"
            [ "$d" -eq 20 ] && echo "$day,08:00,6,,,,,,,,neck,magnesium,,${day}T08:00:00Z"
        done
    } >november.csv
    ache import november.csv >/dev/null || fail "import failed"
}

# seed_november with medicines: amitriptyline from October, its dose
# raised on the 10th, taken on most nights from then; ibuprofen as needed
# from the 5th, taken in the flare, stopped on the 21st.
seed_november_meds() {
    seed_november
    ache meds add amitriptyline --dose 10 --unit mg --times 21:00 \
        --start 2026-10-20 >/dev/null &&
        ache meds change amitriptyline --dose 20 --on 2026-11-10 >/dev/null &&
        ache meds add ibuprofen --dose 400 --unit mg --as-needed \
            --start 2026-11-05 >/dev/null || fail "meds failed"
    for d in 10 11 12 14 15 16 17 19 20 21 22 23 24; do
        ache took amitriptyline --date 2026-11-$d --time 21:00 >/dev/null ||
            fail "took failed"
    done
    for d in 18 19 20; do
        ache took ibuprofen --date 2026-11-$d --time 12:00 >/dev/null ||
            fail "took failed"
    done
    ache meds stop ibuprofen --on 2026-11-21 >/dev/null || fail "stop failed"
    # the weekly questions: all of them in the week of the 9th, the
    # symptom items alone in the week of the 16th
    ache fields preset sss >/dev/null && ache fields preset peg >/dev/null ||
        fail "presets failed"
    ache add --date 2026-11-15 --time 21:30 --set headaches=yes \
        --set abdominal-pain=no --set depression=no --set peg-pain=6 \
        --set peg-enjoyment=5 --set peg-activity=7 >/dev/null &&
        ache add --date 2026-11-17 --time 21:30 --set headaches=yes \
            --set abdominal-pain=yes --set depression=no >/dev/null ||
        fail "answers failed"
}

# compare_golden NAME: $OUT against tests/golden/NAME (ACHE_UPDATE_GOLDEN=1
# rewrites it).
compare_golden() {
    local file="$golden_dir/$1"
    if [ "${ACHE_UPDATE_GOLDEN:-}" = 1 ]; then
        printf '%s\n' "$OUT" >"$file"
        return
    fi
    [ -f "$file" ] || fail "$file is missing (ACHE_UPDATE_GOLDEN=1 makes it)"
    diff -u "$file" <(printf '%s\n' "$OUT") >&2 || fail "differs from $1"
}

longest_line() {
    printf '%s\n' "$OUT" | while IFS= read -r l; do printf '%s\n' "${#l}"; done | sort -n | tail -1
}

test_report_text_golden() {
    seed_november_meds
    ok ache report --from 2026-11-01
    compare_golden report_text.txt
    [ "$(longest_line)" -le 80 ] || fail "a line is wider than 80 columns"
}

test_report_markdown_golden() {
    seed_november_meds
    ok ache report --from 2026-11-01 --format markdown
    compare_golden report_markdown.txt
    [ "$(longest_line)" -le 80 ] || fail "a line is wider than 80 columns"
    flat=$(printf '%s\n' "$OUT" | tr '\n' ' ' | tr -s ' ')
    [[ $flat == *'Tom \& Jerry \<b\>bold\</b\> said "stop" and it'"'"'s \*worse\* \| \[x\]'* ]] ||
        fail "the note is not escaped for Markdown"
    LC_ALL=C; [[ $OUT == *[$'\x80'-$'\xff']* ]] && fail "Markdown is not ASCII"
    true
}

test_report_text_is_ascii_outside_utf8() {
    seed_november
    LC_ALL=C ok ache report --from 2026-11-01
    LC_ALL=C; [[ $OUT == *[$'\x80'-$'\xff']* ]] && fail "not ASCII"
    expect_out_has "Pain diary report"
}

test_report_hide() {
    seed_november_meds
    ok ache report --from 2026-11-01
    expect_out_has "Medicines"
    ok ache report --from 2026-11-01 --hide meds
    expect_out_lacks "Medicines"
    expect_out_lacks "amitriptyline"
    expect_out_has "Left out at the person's wish: medicines."
    ok ache report --from 2026-11-01 --hide notes,mood,tags
    expect_out_has "Left out at the person's wish: mood, notes, tags."
    expect_out_lacks "Tom & Jerry"
    expect_out_lacks "Slept badly"
    expect_out_lacks "Mood"
    expect_out_lacks "long-sitting"
    expect_out_lacks "magnesium"
    expect_out_lacks "Tags that went"
    expect_out_has "Pain"
    ok ache report --from 2026-11-01 --hide regions --hide pain --format html
    expect_out_lacks "Where it hurt"
    expect_out_lacks "<svg class=\"bodymap\""
    expect_out_lacks "Flares"
    expect_out_has "The latest notes"
}

# Every element opened is closed, in order (void and self-closed ones
# aside).
html_balanced() {
    grep -o '<[^>]*>' | awk '
        /^<!/ || /\/>$/ || /^<meta / { next }
        /^<\// { name = substr($0, 3); sub(/>$/, "", name)
                 if (n == 0 || stack[n] != name) { print "unexpected </" name ">"; bad = 1; exit }
                 n--; next }
        { name = substr($0, 2); sub(/[ >].*$/, "", name); stack[++n] = name }
        END { if (!bad && n) { print "unclosed <" stack[n] ">"; bad = 1 } exit bad }'
}

test_report_html_is_self_contained() {
    seed_november
    ok ache report --from 2026-11-01 --format html
    [[ $OUT == "<!DOCTYPE html>"* ]] || fail "no doctype"
    problem=$(printf '%s\n' "$OUT" | html_balanced) || fail "HTML: $problem"
    expect_out_lacks "<script"
    expect_out_lacks "http:"
    expect_out_lacks "https:"
    expect_out_lacks "<b>"
    expect_out_has "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; said &quot;stop&quot; and it&#39;s"
    expect_out_has '<svg class="trend"'
    expect_out_has '<svg class="bodymap"'
    expect_out_has "@page"
    expect_out_has "<polyline"
}

test_report_output_file() {
    seed_november
    ok ache report --from 2026-11-01 -o clinic.html
    expect_out ""
    [ "$(stat -c %a clinic.html)" = 600 ] || fail "mode $(stat -c %a clinic.html)"
    head -c 15 clinic.html | grep -q '<!DOCTYPE html>' || fail "not HTML from the .html name"
    ok ache report --from 2026-11-01 -o clinic.md
    grep -q '^# Pain diary report' clinic.md || fail "not Markdown from the .md name"
    ok ache report --from 2026-11-01 --format text -o clinic.html
    grep -q '^Pain diary report' clinic.html || fail "--format loses to the name"
    ls | grep -q tmp && fail "a temporary file stayed behind"
    run ache report -o missing-dir/x.txt
    expect_rc 1
    expect_err_has "ache report: missing-dir/x.txt: No such file or directory"
}

test_report_bad_input() {
    seed_november
    run ache report --format pdf
    expect_rc 2
    expect_err "ache report: format: 'pdf' is not a format (use text, markdown or html) (see ache report --help)"
    run ache report --hide notes,colour
    expect_rc 2
    expect_err "ache report: hide: 'colour' is not part of a report (use notes, tags, regions, meds or a field: pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity) (see ache report --help)"
    run ache report --from 2026-02-30
    expect_rc 2
    expect_err "ache report: from: '2026-02-30' is not a date (use YYYY-MM-DD, today, yesterday or -N for N days ago)"
    run ache report --from 2026-11-20 --to 2026-11-01
    expect_rc 2
    expect_err "ache report: --from comes after --to (see ache report --help)"
    run ache report extra
    expect_rc 2
    expect_err_has "ache report: unexpected 'extra'"
    run ache insights --to tomorrow
    expect_rc 2
    expect_err_has "ache insights: to: 'tomorrow' is not a date"
}

test_report_empty_diary() {
    echo "date,pain" >empty.csv
    ok ache import empty.csv
    ok ache report
    expect_out_has "No check-ins in this period: there is nothing to report yet."
    expect_out_lacks "Week by week"
    ok ache insights
    expect_out_has "Insights: 2026-08-27 to 2026-11-24"
    expect_out_has "There are no check-ins in this period, so there is nothing to look at yet."
    run ache --db nowhere.db report
    expect_rc 1
    expect_err_has "no diary at nowhere.db yet"
}

# sixty_days FILE TAGS: imports 60 days from 2026-09-26 with pain 3, 7
# the day after every 4th day (i % 4 == 1), and 1 more every 7th; TAGS is a
# function that prints the tags of day i (i as $1) given its pain ($2).
sixty_days() {
    {
        echo "date,pain,fatigue,sleep_quality,tags"
        for i in $(seq 0 59); do
            local day pain=3
            day=$(date -u -d "2026-09-26 + $i days" +%F)
            [ $((i % 4)) -eq 1 ] && pain=7
            [ $((i % 7)) -eq 3 ] && pain=$((pain + 1))
            echo "$day,$pain,4,6,$("$2" "$i" "$pain")"
        done
    } >"$1"
    ache import "$1" >/dev/null || fail "import of $1 failed"
}

# "late-night" every 4th day, always followed by a bad day; "coffee" on a
# pattern unrelated to pain.
trigger_tags() {
    local tags=""
    [ $(($1 % 4)) -eq 0 ] && tags="late-night"
    [ $(($1 % 3)) -eq 0 ] && tags="${tags:+$tags;}coffee"
    echo "$tags"
}
seed_trigger() { sixty_days trigger.csv trigger_tags; }

test_insights_finds_the_trigger() {
    seed_trigger
    ok ache insights --from 2026-09-26
    expect_out_has "60 days, 60 of them with a check-in (60 check-ins)."
    expect_out_has "This shows association, not cause."
    expect_out_has "18 comparisons had enough data; 3 survive the correction for their number (q"
    expect_out_has "1. late-night (other): strongest with pain on the next day, +4.0 (p<0.001,"
    expect_out_has "q=0.009): unlikely to be chance alone, even allowing for the 18 comparisons"
    expect_out_has "  pain     -1.4 15/45 p=0.006*  +4.0 15/44 p<0.001*  -1.3 15/43 p=0.007*"
    first=$(printf '%s\n' "$OUT" | grep -E '^[0-9]+\. ' | head -1)
    [[ $first == "1. late-night"* ]] || fail "late-night is not first: $first"
    coffee=$(printf '%s\n' "$OUT" | grep -A1 -E '^[0-9]+\. coffee' | tr '\n' ' ')
    [[ $coffee == *"could well be chance"* ]] || fail "coffee: $coffee"
    expect_out_has "Flares"
    expect_out_has "Treatment trials"
    expect_out_has "Pacing needs at least 7 days with an activity rating; this period has 0."
    expect_out_has "An aid for a conversation with a clinician, not a diagnosis."
    [ "$(longest_line)" -le 80 ] || fail "a line is wider than 80 columns"
}

# Only coffee, which does nothing: the tag tables say plainly that no
# difference survives the correction, with q beside p.
test_insights_says_when_nothing_survives() {
    {
        echo "date,pain,fatigue,sleep_quality,tags"
        for i in $(seq 0 59); do
            local day tags=""
            day=$(date -u -d "2026-09-26 + $i days" +%F)
            [ $((i % 3)) -eq 0 ] && tags="coffee"
            echo "$day,$(((i * 7) % 5 + 3)),$(((i * 3) % 4 + 3)),6,$tags"
        done
    } >coffee.csv
    ok ache import coffee.csv
    ok ache insights --from 2026-09-26
    [[ $(flat_out) == *"9 comparisons had enough data, and none survives the correction for their number: every difference below could be chance."* ]] ||
        fail "no survivor sentence: $(flat_out)"
    expect_out_has "1. coffee (other): strongest with"
    expect_out_lacks "*"
    ok ache report --from 2026-09-26
    [[ $(flat_out) == *"and none survives the correction"* ]] ||
        fail "report: $(flat_out)"
}

# The flare of the 17th-20th, seen from a period that starts inside it:
# listed from its own first day, with its tags beside their share of days.
test_insights_flare_begun_before_the_period() {
    seed_november
    ok ache insights --from 2026-11-19
    [[ $(flat_out) == *"- 2026-11-17 to 2026-11-20, 4 days, begun before this period: peak 8 on 2026-11-18 (usual 4, highest single rating 8). In the 3 days before: long-sitting on 1 day (on 33% of all days)."* ]] ||
        fail "flare: $(flat_out)"
    expect_out_has "  long-sitting   1 of 3 (33%)  2 of 6 (33%)"
    ok ache report --from 2026-11-20
    [[ $(flat_out) == *"- 2026-11-17 to 2026-11-20, 4 days, begun before this period:"* ]] ||
        fail "report: $(flat_out)"
    ok ache insights --from 2026-11-17
    [[ $(flat_out) == *"- 2026-11-17 to 2026-11-20, 4 days: peak 8"* ]] ||
        fail "starting on its first day: $(flat_out)"
}

# Busts after booms beside the same rise after ordinary days.
test_insights_pacing_compares_ordinary_days() {
    seed_november
    ok ache insights --from 2026-11-01
    [[ $(flat_out) == *"8 booms; 8 could be followed (pain known on the day and after); 5 ended in a bust (63%). For comparison, of the 13 ordinary days (activity rated, below your top quarter) that could be followed, 6 (46%) had pain at least 2 higher within the 2 days after. When the two shares are close, pain rises as often after ordinary days as after booms. The busts:"* ]] ||
        fail "pacing: $(flat_out)"
    # activity 1-10 and no pain: booms 8-10, ordinary 1-7, none followed
    { echo "date,activity"; for a in $(seq 1 10); do echo "2026-11-$((10 + a)),$a"; done; } >active.csv
    ok ache --db active.db import active.csv
    ok ache --db active.db insights --from 2026-11-11 --to 2026-11-20
    [[ $(flat_out) == *"3 booms; 0 could be followed (pain known on the day and after); 0 ended in a bust. None of the 7 ordinary days (activity rated, below your top quarter) could be followed, so there is nothing to compare with."* ]] ||
        fail "none followed: $(flat_out)"
}

# The same findings for programs: every tested association with p, q and
# the number of tests, trials, flares, pacing and the entry counts.
test_insights_json() {
    seed_trigger
    ok ache insights --from 2026-09-26 --format json
    expect_out_has '  "days_with_checkins": 60,'
    expect_out_has '  "days_filled_later": 0,'
    expect_out_has '  "days_timing_unknown": 60,'
    expect_out_has '  "tests": 18,'
    expect_out_has '  "surviving_correction": 3,'
    # measured until surely below 0.05 / 18: none as strong in 2000
    expect_out_has '    {"tag": "late-night", "outcome": "pain", "lag": 1, "difference": 3.9742424242424246, "mean_with": 7.1333333333333337, "mean_without": 3.1590909090909092, "days_with": 15, "days_without": 44, "p": 0.00049975012493753122, "q": 0.0089955022488755615, "tests": 18, "survives_correction": true, "permutations": 2000},'
    [ "$(printf '%s\n' "$OUT" | grep -c '"outcome": ')" -eq 18 ] ||
        fail "not 18 associations"
    [ "$(printf '%s\n' "$OUT" | grep -c '"survives_correction": true')" -eq 3 ] ||
        fail "not 3 survivors"
    expect_out_has '  "trials": [],'
    expect_out_has '  "flares": [],'
    expect_out_has '  "pacing": {"booms": 0, "booms_followed": 0, "busts": 0, "ordinary_days_followed": 0, "ordinary_days_with_a_rise": 0}'
    [ "$(printf '%s\n' "$OUT" | tail -n 1)" = "}" ] || fail "no closing brace"
    if command -v python3 >/dev/null; then
        printf '%s\n' "$OUT" | python3 -m json.tool >/dev/null ||
            fail "not JSON"
    fi
    ok ache insights --format text --from 2026-09-26
    expect_out_has "Tags and symptoms"
    run ache insights --format xml
    expect_rc 2
    expect_err_has "ache insights: format: 'xml' is not a format (use text or json)"
}

# wine comes with most late nights: both pass on all days, and the days
# one has without the other tell which goes with next-day pain.
# late-night as above; wine on most late nights (not every 20th day) and on
# some other days (i % 10 == 6).
overlap_tags() {
    if [ $(($1 % 4)) -eq 0 ] && [ $(($1 % 20)) -ne 0 ]; then
        echo "late-night;wine"
    elif [ $(($1 % 4)) -eq 0 ]; then
        echo "late-night"
    elif [ $(($1 % 10)) -eq 6 ]; then
        echo "wine"
    fi
}

test_insights_overlap() {
    sixty_days overlap.csv overlap_tags
    ok ache insights --from 2026-09-26
    [[ $(flat_out) == *"late-night and wine share most of their days (12 of late-night's 15, and of wine's 15), so their tests on all days cannot tell them apart. On the days without the other (not tested separately): late-night +3.8 (pain, next day; 3 days with it, 41 without); wine -0.2 (pain, next day; 3 days with it, 41 without)."* ]] ||
        fail "overlap: $(flat_out)"
    ok ache report --from 2026-09-26
    [[ $(flat_out) == *"late-night and wine share most of their days (12 of late-night's 15, and of wine's 15)"* ]] ||
        fail "report: $(flat_out)"
    ok ache insights --from 2026-09-26 --format json
    expect_out_has '    {"tags": ["late-night", "wine"], "shared_days": 12, "days": [15, 15], "alone": [{"tag": "late-night", "outcome": "pain", "lag": 1, "days_with": 3, "days_without": 41, "difference": 3.8'
}

# pain-relief is taken on the bad days (pain 7) and does nothing: the
# same day shows why it was taken, so its heading is from the days after,
# with a note why.
relief_tags() { [ "$2" -ge 7 ] && echo "pain-relief"; true; }

test_insights_treatment_taken_for_pain() {
    sixty_days relief.csv relief_tags
    ok ache insights --from 2026-09-26
    expect_out_has "  pain     +4.0 15/45 p<0.001*"
    [[ $(flat_out) == *"1. pain-relief (treatment): strongest with pain on the next day, -1.4 (p=0.005, q=0.01)"* ]] ||
        fail "heading: $(flat_out)"
    [[ $(flat_out) == *"More pain on the days it was taken is what taking it when in pain looks like, not what it does: it is judged above by the days after, and by its trial below."* ]] ||
        fail "note: $(flat_out)"
}

test_insights_small_diary() {
    ok ache add --pain 4 --tag yoga
    ok ache insights
    expect_out_has "Only 1 day has a check-in."
    expect_out_has "Too little data for: yoga"
    expect_out_has "No flares in this period."
}

# the report's text as one line, for sentences a narrow page wraps
flat_out() { printf '%s\n' "$OUT" | tr '\n' ' ' | tr -s ' '; }

test_report_says_when_entry_times_are_unknown() {
    printf 'date,pain\n2026-11-20,5\n2026-11-21,6\n' >no-created.csv
    ok ache import no-created.csv
    ok ache add --date 2026-11-22 --pain 3 # entered on the 24th: later
    ok ache add --pain 2                   # today, on time
    ok ache report --from 2026-11-20
    [[ $(flat_out) == *"Check-ins on 4 of 5 days (80%), 4 in all. 1 of those days (25%) was filled in later than the day itself; for 2 (50%) the timing is unknown (imported without it)."* ]] ||
        fail "completeness: $(flat_out)"
    expect_out_has "  Week of     Stiffness  Sleep hours  Filled later  Unknown"
    expect_out_has "  2026-11-16          -            -             1        2"
    expect_out_has "  2026-11-23          -            -             0        0"
    ok ache insights --from 2026-11-20
    [[ $(flat_out) == *"1 of those days (25%) was filled in later than the day itself; for 2 (50%) the timing is unknown (imported without it). Values recalled later may be less exact."* ]] ||
        fail "insights: $(flat_out)"
    ok ache report --from 2026-11-23
    expect_out_lacks "unknown"
}

# Every check-in imported without created_at: its timing is unknown, which
# is not "filled in later".
test_insights_all_timing_unknown() {
    printf 'date,pain\n2026-11-20,5\n2026-11-21,6\n' >no-created.csv
    ok ache import no-created.csv
    ok ache insights --from 2026-11-20
    [[ $(flat_out) == *"5 days, 2 of them with a check-in (2 check-ins). 0 of those days (0%) were filled in later than the day itself; for 2 (100%) the timing is unknown (imported without it). Everything below"* ]] ||
        fail "insights: $(flat_out)"
    ok ache report --from 2026-11-20
    expect_out_has "  2026-11-16          -            -             0        2"
}

test_report_names_values_changed_after_their_day() {
    ACHE_NOW=2026-11-20T09:00 ok ache add --date 2026-11-20 --pain 5 --fatigue 4
    id=$OUT
    ACHE_NOW=2026-11-20T21:00 ok ache edit "$id" --pain 6 # the same day
    ACHE_NOW=2026-11-22T10:00 ok ache edit "$id" --fatigue 6 --note "better"
    ACHE_NOW=2026-11-21T10:00 ok ache add --date 2026-11-21 --mood 4
    ACHE_NOW=2026-11-23T10:00 ok ache edit "${OUT:0:8}" --mood 5
    ok ache report --from 2026-11-20
    [[ $(flat_out) == *"Changed after their day (2 changes): 2026-11-20: fatigue and the note (on 2026-11-22); 2026-11-21: mood (on 2026-11-23)."* ]] ||
        fail "late changes: $(flat_out)"
    ok ache report --from 2026-11-20 --hide notes,mood
    [[ $(flat_out) == *"Changed after their day (1 change): 2026-11-20: fatigue (on 2026-11-22)."* ]] ||
        fail "hidden parts named: $(flat_out)"
    ok ache report --from 2026-11-20 --hide notes,mood,fatigue
    expect_out_lacks "Changed after their day"
    ok ache report --from 2026-11-21 --to 2026-11-21
    [[ $(flat_out) == *"Changed after their day (1 change): 2026-11-21: mood (on 2026-11-23)."* ]] ||
        fail "outside the period: $(flat_out)"
}

# physio first used on 2025-01-10 after weeks of pain 6, then pain 3;
# nothing from March 2025 until seven days of pain 3 from 2026-10-08 to
# 2026-11-04 (the first a month before the rest), then pain 8 from
# 2026-11-05 to 2026-11-14 and 3 again. The flare of the 5th has a baseline
# only with 8 October in it, which is 32 days before a period that starts
# on the 9th.
seed_two_years() {
    {
        echo "date,pain,tags,created_at"
        local day pain tags
        for i in $(seq 0 89); do
            day=$(date -u -d "2024-12-01 + $i days" +%F) pain=3 tags=""
            [[ $day < 2025-01-10 ]] && pain=6
            [[ $day > 2025-01-09 && $((i % 2)) -eq 0 ]] && tags="physio"
            echo "$day,$pain,$tags,${day}T20:00:00Z"
        done
        echo "2026-10-08,3,,2026-10-08T20:00:00Z"
        for i in $(seq 0 25); do
            day=$(date -u -d "2026-10-30 + $i days" +%F) pain=3 tags=""
            [[ $day > 2026-11-04 && $day < 2026-11-15 ]] && pain=8
            [ $((i % 2)) -eq 0 ] && tags="physio"
            echo "$day,$pain,$tags,${day}T20:00:00Z"
        done
    } >two-years.csv
    ache tags --add physio --kind treatment >/dev/null ||
        fail "tags --add failed"
    ache import two-years.csv >/dev/null || fail "import failed"
}

# A period reads its own days and what it needs further back, no more: the
# trial of a treatment first used two years before still starts on that
# day, and the flare under way when the period begins keeps its first day,
# whose baseline lies further back than any period's usual history.
test_report_reads_back_only_what_it_needs() {
    seed_two_years
    ok ache insights --from 2026-11-09 --to 2026-11-24
    [[ $(flat_out) == *"- physio (first used 2025-01-10): substantial improvement. Pain 6 in the 4 weeks before, 3 in the 2 weeks after: -50% (95% range -50% to -50%). Used on 7 of the 14 days with a check-in after."* ]] ||
        fail "trial: $(flat_out)"
    [[ $(flat_out) == *"- 2026-11-05 to 2026-11-11, 7 days, begun before this period: peak 8 on 2026-11-05 (usual 3, highest single rating 8)."* ]] ||
        fail "flare: $(flat_out)"
    # after the flare, the period's history does not reach it: the trial
    # is read on its own, around its first use
    ok ache insights --from 2026-11-16 --to 2026-11-24 --format json
    expect_out_has '{"treatment": "physio", "start": "2025-01-10", "change_percent": -50, "interval": [-50, -50], "label": "substantial improvement", "bad_spell": false}'
    expect_out_has '"flares": [],'
    ok ache report --from 2026-11-09 --to 2026-11-24
    [[ $(flat_out) == *"- 2026-11-05 to 2026-11-11, 7 days, begun before this period: peak 8"* ]] ||
        fail "report flare: $(flat_out)"
    expect_out_has "  physio  pain     day after     0.0   7/7  0.44  0.61"
}

# A trial read on its own, around the first use, stops with the period:
# the days after the period's last one are not the period's.
test_report_trial_stops_with_the_period() {
    seed_two_years
    ok ache insights --from 2024-12-01 --to 2025-01-13
    [[ $(flat_out) == *"- physio (first used 2025-01-10): too little data. 3 days with pain in the 2 weeks after; a trial needs 7."* ]] ||
        fail "trial: $(flat_out)"
    ok ache insights --from 2025-01-05 --to 2025-01-13
    [[ $(flat_out) == *"- physio (first used 2025-01-10): too little data. 3 days with pain in the 2 weeks after; a trial needs 7."* ]] ||
        fail "trial, short period: $(flat_out)"
}

# A period asked from before the first check-in starts at it, and says so;
# one wholly before the diary stays as asked.
test_report_period_starts_at_the_first_checkin() {
    seed_two_years
    ok ache insights --from 0001-01-01 --to 2024-12-31
    expect_out_has "Insights: 2024-12-01 to 2024-12-31"
    expect_out_has "31 days, 31 of them with a check-in (31 check-ins)."
    [[ $(flat_out) == *"The diary begins on 2024-12-01, so the period starts there, not on 0001-01-01."* ]] ||
        fail "insights: $(flat_out)"
    ok ache insights --from 0001-01-01 --to 2024-12-31 --format json
    expect_out_has '"from": "2024-12-01",'
    expect_out_has '"days": 31,'
    ok ache report --from 0001-01-01 --to 2024-12-31
    [[ $(flat_out) == *"2024-12-01 to 2024-12-31 (31 days)."* ]] ||
        fail "report header: $(flat_out)"
    [[ $(flat_out) == *"The diary begins on 2024-12-01, so the period starts there, not on 0001-01-01."* ]] ||
        fail "report: $(flat_out)"
    ok ache insights --from 2020-01-01 --to 2020-01-31
    expect_out_has "Insights: 2020-01-01 to 2020-01-31"
    expect_out_lacks "The diary begins"
    ok ache insights --from 2024-12-01 --to 2024-12-31
    expect_out_lacks "The diary begins"
}

# A medicine begun on 2026-11-10 after four weeks of pain 6, then pain 3:
# its trial starts from the regimen, and says how many doses were noted.
test_report_trial_of_a_regimen() {
    {
        echo "date,pain"
        for i in $(seq 0 41); do
            day=$(date -d "2026-10-13 + $i days" +%F)
            [ "$i" -lt 28 ] && echo "$day,6" || echo "$day,3"
        done
    } >pain.csv
    ache import pain.csv >/dev/null || fail "import failed"
    ache meds add amitriptyline --dose 10 --unit mg --times 21:00 \
        --start 2026-11-09 >/dev/null || fail "meds failed"
    for d in 10 11 12 13 15 16 17 19 20 21; do
        ache took amitriptyline --date 2026-11-$d >/dev/null || fail "took failed"
    done
    ok ache report --from 2026-11-01
    flat=$(printf '%s\n' "$OUT" | tr '\n' ' ' | tr -s ' ')
    [[ $flat == *"amitriptyline 10 mg (from 2026-11-09): substantial improvement, -50%"*"doses noted: 10 of 14 scheduled (71%)."* ]] ||
        fail "no trial of the regimen: $flat"
    ok ache insights --from 2026-11-01 --format json
    expect_out_has '"treatment": "amitriptyline 10 mg", "start": "2026-11-09"'
    expect_out_has '"regimen": true, "doses_scheduled": 14, "doses_noted": 10'
    ok ache report --from 2026-11-01 --hide meds
    expect_out_lacks "amitriptyline"
}

# seed_november with own fields of every kind, one asked weekly, one
# hidden in the diary, one never answered and the symptom preset, answered
# in check-ins of their own (the 24th twice; energy once before the
# period, in its first week).
seed_november_own() {
    seed_november
    { ache fields add water --kind count && ache fields add nap --kind minutes &&
        ache fields add migraine --kind yesno &&
        ache fields add nausea --kind rating &&
        ache fields add energy --kind rating --weekly &&
        ache fields add secret --kind yesno && ache fields hide secret &&
        ache fields add unused --kind rating && ache fields preset sss; } \
        >/dev/null || fail "fields failed"
    local day values
    while read -r day values; do
        # shellcheck disable=SC2086 # values are words of --set
        ache add --date "2026-$day" --time 21:00 $values >/dev/null ||
            fail "add $day failed"
    done <<'DAYS'
10-27 --set energy=3
11-02 --set water=3 --set migraine=yes --set secret=yes --set headaches=yes
11-03 --set water=4 --set migraine=no --set energy=4
11-04 --set water=5 --set migraine=yes
11-05 --set water=2
11-08 --set energy=6
11-09 --set nap=20
11-10 --set nap=25
11-16 --set migraine=no --set nausea=4
11-17 --set nausea=5
11-18 --set nausea=7
11-23 --set water=4
11-24 --set water=1
11-24 --set water=3
DAYS
}

# The section of the weekly tables of $OUT.
weekly_section() {
    printf '%s\n' "$OUT" | sed -n '/^Week by week/,/^Widespread/p'
}

test_report_own_fields_weekly() {
    seed_november_own
    ok ache report --from 2026-11-01
    [ "$(longest_line)" -le 80 ] || fail "a line is wider than 80 columns"
    OUT=$(weekly_section)
    compare_golden report_own_text.txt
    # water: the week's total of the days' means (the 24th is (1 + 3) / 2)
    # and the mean a day; beside the second table, where it fits
    expect_out_has "  Unknown     Water"
    expect_out_has "  2026-11-02  3 / 4.5 / 7   6.75 / 7.88 / 8.5             0        0  14 (3.5)"
    expect_out_has "  2026-11-23  2 / 4.5 / 7     6 / 7.38 / 8.75             0        0     6 (3)"
    # nap: 22.5 minutes; migraine: days yes of days answered; nausea: the
    # mean, 16 / 3; energy (weekly): the latest answer of its week, the
    # first week's given before the period; a week without one is "-"
    expect_out_has "  Week of     Nap  Migraine  Nausea  Energy"
    expect_out_has "  2026-10-26    -         -       -       3"
    expect_out_has "  2026-11-02    -       2/3       -       6"
    expect_out_has "  2026-11-09   23         -       -       -"
    expect_out_has "  2026-11-16    -       0/1     5.3       -"
    expect_out_has "  2026-11-23    -         -       -       -"
    # left out: hidden in the diary, never answered, the preset (a score)
    expect_out_lacks "Secret"
    expect_out_lacks "Unused"
    expect_out_lacks "Headaches"
}

test_report_own_fields_markdown_and_html() {
    seed_november_own
    ok ache report --from 2026-11-01 --format markdown
    [ "$(longest_line)" -le 80 ] || fail "a line is wider than 80 columns"
    # Markdown's table is wider: water has a table of its own too
    expect_out_has "| Week of    |    Water | Nap | Migraine | Nausea | Energy |"
    expect_out_has "| 2026-11-02 | 14 (3.5) |   - |      2/3 |      - |      6 |"
    ok ache report --from 2026-11-01 --format html
    problem=$(printf '%s\n' "$OUT" | html_balanced) || fail "HTML: $problem"
    expect_out_has '<tr><th>Week of</th><th class="num">Water</th><th class="num">Nap</th><th class="num">Migraine</th><th class="num">Nausea</th></tr>'
    expect_out_has '<tr><th>Week of</th><th class="num">Energy</th></tr>'
    expect_out_has '<div class="own">'
    expect_out_has '<td class="num">14 (3.5)</td>'
    expect_out_has 'Water, a count: the week&#39;s total'
}

test_report_own_field_hidden_in_diary() {
    seed_november_own
    ok ache fields hide nausea
    ok ache report --from 2026-11-01
    expect_out_lacks "Nausea"
    expect_out_has "  Week of     Nap  Migraine  Energy"
    expect_out_lacks "Left out at the person's wish"
}

test_report_hide_own_field() {
    seed_november_own
    ok ache report --from 2026-11-01 --hide energy --hide water,mood
    expect_out_has "Left out at the person's wish: mood, water, energy."
    expect_out_lacks "Energy"
    expect_out_lacks "Water"
    expect_out_has "  Unknown  Nap"
    expect_out_has "  Week of     Migraine  Nausea"
    ok ache report --from 2026-11-01 --hide water,nap,migraine,nausea,energy
    expect_out_lacks "own fields"
    ok ache report --from 2026-11-01 --format html --hide nap,migraine
    expect_out_lacks ">Nap<"
    expect_out_has '<th class="num">Water</th><th class="num">Nausea</th><th class="num">Energy</th>'
}

test_report_hide_unknown_names_own_fields() {
    seed_november_own
    run ache report --hide water,colour
    expect_rc 2
    expect_err "ache report: hide: 'colour' is not part of a report (use notes, tags, regions, meds or a field: pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity, water, nap, migraine, nausea, energy, secret, unused, headaches, abdominal_pain, depression) (see ache report --help)"
    expect_out ""
}

# Six own fields with 32-letter names: every line of text and Markdown
# within 80 columns, each field in a table with the week repeated.
test_report_own_long_names_fit() {
    seed_november
    local i name sets=""
    for i in 1 2 3 4 5 6; do
        name="a_long_name_of_an_own_field_no_$i"
        [ ${#name} -eq 32 ] || fail "name of ${#name} letters"
        ache fields add "$name" --kind count >/dev/null || fail "add $name"
        sets="$sets --set $name=$i"
    done
    # shellcheck disable=SC2086 # sets are words of --set
    ache add --date 2026-11-10 $sets >/dev/null || fail "values failed"
    for format in text markdown; do
        ok ache report --from 2026-11-01 --format $format
        [ "$(longest_line)" -le 80 ] || fail "$format: a line is wider than 80 columns"
        flat=$(printf '%s\n' "$OUT" | tr '\n' ' ' | tr -s ' ')
        [[ $flat == *"own field no 5 and A long name of an own field no 6, counts: the week's total"* ]] ||
            fail "$format: the fields are not named in full"
    done
    # Markdown: 3 own fields a table (ASCII dots, wider separators)
    expect_out_has "| Week of    | A long... no 1 | A long... no 2 | A long... no 3 |"
    expect_out_has "| Week of    | A long... no 4 | A long... no 5 | A long... no 6 |"
    ok ache report --from 2026-11-01
    [ "$(printf '%s\n' "$OUT" | grep -c '^  Week of')" -eq 5 ] ||
        fail "not 5 weekly tables"
    expect_out_has "  Week of     A long na… no 1  A long na… no 2  A long na… no 3  A long na… no 4"
    expect_out_has "  2026-11-09            1 (1)            2 (2)            3 (3)            4 (4)"
    expect_out_has "  Week of     A long na… no 5  A long na… no 6"
}

# A change after its day to an own value is named as such, and not at all
# when an own field is hidden (the change may be that field's).
test_report_late_change_of_own_value() {
    seed_november_own
    ok ache list --from 2026-11-05 --to 2026-11-05
    id=$(printf '%s\n' "$OUT" | awk '/ 20:00 / { print $1 }')
    [ -n "$id" ] || fail "no check-in at 20:00: $OUT"
    ok ache edit "$id" --set water=7
    ok ache report --from 2026-11-01
    expect_out_has "2026-11-05: own fields (on 2026-11-24)"
    ok ache report --from 2026-11-01 --hide nap
    expect_out_lacks "2026-11-05: own fields"
}

# More own fields than the store reads at once (6): every one is read.
test_report_own_many_fields() {
    seed_november
    local i sets=""
    for i in 1 2 3 4 5 6 7 8; do
        ache fields add "f$i" --kind count >/dev/null || fail "add f$i"
        sets="$sets --set f$i=$i"
    done
    # shellcheck disable=SC2086 # sets are words of --set
    ache add --date 2026-11-10 $sets >/dev/null || fail "values failed"
    ok ache report --from 2026-11-01 --format markdown
    expect_out_has "| Week of    |    F1 |    F2 |    F3 |    F4 |    F5 |    F6 |    F7 |    F8 |"
    expect_out_has "| 2026-11-09 | 1 (1) | 2 (2) | 3 (3) | 4 (4) | 5 (5) | 6 (6) | 7 (7) | 8 (8) |"
}
