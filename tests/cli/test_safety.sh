# Output that is safe to print: a note, a tag or a file name holding
# terminal escapes reaches the terminal (or a text file) only in a visible
# form; tag names refuse control and bidi characters on every path; error
# messages quote what was typed the same safe way; a CSV export cannot run
# as a spreadsheet formula, and still comes back byte for byte.

# A note with every kind of trouble: OSC 52 (writes the clipboard), a
# screen clear, BEL, DEL, a C1 CSI (U+009B), a right-to-left override and
# an isolate, a tab, and a CRLF before its second line.
NOTE=$'osc52 \e]52;c;aGVsbG8=\a clear \e[2J c1 \xc2\x9b2J del \x7f bidi \xe2\x80\xaeevil\xe2\x81\xa6 end\ttab\r\nsecond line'
FFFD=$'\xef\xbf\xbd'

# raw_controls TEXT: the first thing in TEXT a terminal would act on (a C0
# control but LF, DEL, a C1 control, a bidi override or isolate, a byte
# that is not UTF-8), in hex; empty when there is none.
raw_controls() {
    local hit
    hit=$(printf '%s' "$1" | LC_ALL=C grep -aoE \
        $'[\x01-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' |
        head -n 1 | tr -d '\n' | od -An -tx1 | tr -d ' \n')
    if [ -z "$hit" ] && ! printf '%s' "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
        hit="(not UTF-8)"
    fi
    printf '%s' "$hit"
}

# expect_safe: neither $OUT nor $ERR carries a raw control character.
expect_safe() {
    local bad
    bad=$(raw_controls "$OUT")
    [ -z "$bad" ] || fail "stdout carries a raw control: $bad"
    bad=$(raw_controls "$ERR")
    [ -z "$bad" ] || fail "stderr carries a raw control: $bad"
}

# skip_unless_script: ends the test (passing) where there is no script(1)
# to give a command a terminal.
skip_unless_script() {
    command -v script >/dev/null && return 0
    echo "    skipped: no script(1) here" >&2
    exit 0
}

# expect_ascii: $OUT and $ERR are printable ASCII (and line ends).
expect_ascii() {
    printf '%s\n%s\n' "$OUT" "$ERR" | LC_ALL=C grep -aq '[^ -~]' &&
        fail "not printable ASCII"
    true
}

# expect_flat_has TEXT: $OUT has TEXT once its lines are joined by spaces
# (a report wraps its paragraphs).
expect_flat_has() {
    local flat
    flat=$(printf '%s\n' "$OUT" | tr '\n' ' ' | tr -s ' ')
    case "$flat" in *"$1"*) ;; *) fail "stdout (joined) lacks: $1" ;; esac
}

# The note's visible forms, in UTF-8 output.
expect_note_visible() {
    expect_out_has '^[]52;c;aGVsbG8=^G clear ^[[2J'
    expect_out_has "c1 ${FFFD}2J del ^? bidi ${FFFD}evil${FFFD} end tab"
}

test_show_shows_control_characters_visibly() {
    ok ache add --pain 5 --note "$NOTE"
    run ache show
    expect_rc 0
    expect_safe
    expect_note_visible
    # the CRLF ends the line; the second line is indented under the first
    expect_out_has $'end tab\n                  second line'
    expect_out_lacks '^M'
}

test_list_shows_control_characters_visibly() {
    ok ache add --pain 5 --note "$NOTE"
    run ache list
    expect_rc 0
    expect_safe
    expect_out_has 'note="osc52 ^[]52;c;aGVsbG8=^G clear ^[[..."'
}

# Outside a UTF-8 locale the output is ASCII: control characters by caret,
# C1, bidi controls and every other non-ASCII character as '?'.
test_show_and_list_are_ascii_outside_utf8() {
    ok ache add --pain 5 --note "café $NOTE"
    LC_ALL=C run ache show
    expect_rc 0
    expect_ascii
    expect_out_has 'caf? osc52 ^[]52;c;aGVsbG8=^G clear ^[[2J c1 ?2J del ^? bidi ?evil? end tab'
    LC_ALL=C run ache list
    expect_rc 0
    expect_ascii
    expect_out_has 'note="caf? osc52 ^[]52'
}

test_reports_show_control_characters_visibly() {
    ok ache add --date 2026-11-20 --pain 8 --note "$NOTE"
    ok ache add --date 2026-11-21 --pain 3
    run ache report --from 2026-11-01
    expect_rc 0
    expect_safe
    expect_flat_has "^[[2J c1 ${FFFD}2J"
    run ache report --from 2026-11-01 --format markdown
    expect_rc 0
    expect_safe
    expect_flat_has "c1 ${FFFD}2J del ^? bidi ${FFFD}evil${FFFD}"
    run ache report --from 2026-11-01 --format html
    expect_rc 0
    expect_safe
    expect_flat_has "c1 ${FFFD}2J del ^? bidi ${FFFD}evil${FFFD}"
    LC_ALL=C run ache report --from 2026-11-01
    expect_rc 0
    expect_ascii
    expect_flat_has 'c1 ?2J del ^? bidi ?evil?'
}

# A tag that an older ache let in (U+009B, U+202E) is shown visibly
# wherever tags are shown. Made with the sqlite3 shell, when there is one.
test_tags_from_an_older_diary_are_shown_visibly() {
    command -v sqlite3 >/dev/null || return 0
    ok ache add --date 2026-11-20 --pain 8 --tag stress
    ok ache add --date 2026-11-21 --pain 3 --tag stress
    sqlite3 "$ACHE_DB" "UPDATE tag SET name = CAST(X'78c29b32e280ae' AS TEXT) WHERE name = 'stress'" ||
        fail "sqlite3 could not change the tag"
    for cmd in show list tags insights history; do
        case $cmd in
        show) run ache show 2026-11-20 ;;
        insights) run ache insights --from 2026-11-01 ;;
        history) run ache history "$(ache list | head -c 8)" ;;
        *) run ache "$cmd" ;;
        esac
        expect_rc 0
        expect_safe
        [ "$cmd" = history ] || expect_out_has "x${FFFD}2${FFFD}"
    done
    run ache report --from 2026-11-01
    expect_rc 0
    expect_safe
}

# ---- tag names -----------------------------------------------------------------

# expect_tag_refused WHAT POSITION: the last command refused a tag for the
# character WHAT (U+XXXX) at POSITION, with exit 2, the message safe, and
# the diary as it was ($before).
expect_tag_refused() {
    expect_rc 2
    expect_safe
    expect_err_has "$1"
    expect_err_has "character $2"
    expect_eq "$(ache export --format json)" "$before" "the diary after a refused tag"
}

test_tag_names_refuse_control_and_bidi_characters_on_every_path() {
    ok ache add --date 2026-11-20 --pain 4 --tag stress
    id=$OUT
    local bad pos what json
    for bad in $'x\xc2\x9b' $'ab\xe2\x80\xae' $'a\x1b' $'ok\xc2\x85' $'abc\xe2\x81\xa6' $'a\xe2\x80\x8fb'; do
        case $bad in
        x*) what=U+009B pos=2 json='x\u009b' ;;
        abc*) what=U+2066 pos=4 json='abc\u2066' ;;
        ab*) what=U+202E pos=3 json='ab\u202e' ;;
        ok*) what=U+0085 pos=3 json='ok\u0085' ;;
        $'a\x1b') what=U+001B pos=2 json='a\u001b' ;;
        *) what=U+200F pos=2 json='a\u200fb' ;;
        esac
        before=$(ache export --format json)
        run ache add --pain 3 --tag "yoga,$bad"
        expect_tag_refused "$what" "$pos"
        run ache edit "$id" --tag "$bad"
        expect_tag_refused "$what" "$pos"
        run ache tags --add "$bad" --kind trigger
        expect_tag_refused "$what" "$pos"
        printf 'date,pain,tags\n2026-11-21,3,yoga;%s\n' "$bad" >bad.csv
        run ache import bad.csv
        expect_tag_refused "$what" "$pos"
        expect_err_has "bad.csv:2:3: tag: "
        printf '{"format": "ache", "version": 1, "checkins": [\n{"date": "2026-11-21", "tags": ["yoga", "%s"]}]}\n' "$json" >bad.json
        run ache import bad.json
        expect_tag_refused "$what" "$pos"
        expect_err_has "bad.json:2:"
    done
}

test_refused_tag_message_names_what_and_where() {
    run ache add --pain 3 --tag $'ab\xe2\x80\xaec'
    expect_rc 2
    expect_err "ache add: tag: 'ab${FFFD}c' is not a tag name: character 3 is U+202E, a bidirectional control (a tag name is lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 bytes)"
    run ache add --pain 3 --tag $'\e[2J'
    expect_rc 2
    expect_err "ache add: tag: '^[[2J' is not a tag name: character 1 is U+001B, a control character (a tag name is lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 bytes)"
    # capitals are read in small letters (and said so); a space never is
    run ache tags --add 'Yo ga' --kind treatment
    expect_rc 2
    expect_err_has "tag: 'Yo ga' is not a tag name: character 3 is a space"
    expect_eq "$(count_checkins)" 0
    [ ! -e "$ACHE_DB" ] || [ "$(ache tags | grep -ic 'yo ga')" = 0 ] || fail "Yo ga was stored"
}

# ---- quoting in messages -------------------------------------------------------

test_messages_quote_what_was_typed_safely() {
    ok ache add --pain 3
    run ache tags --add yoga2 --kind $'\e]52;c;aGk=\a'
    expect_rc 2
    expect_safe
    expect_err_has "kind: '^[]52;c;aGk=^G' is not a kind"
    run ache import --format $'\e[2J' x.csv
    expect_rc 2
    expect_safe
    expect_err_has "format: '^[[2J' is not a format"
    run ache report --hide $'\xc2\x9b2J'
    expect_rc 2
    expect_safe
    expect_err_has "hide: '${FFFD}2J' is not part of a report"
    run ache history --last $'1\e[2J'
    expect_rc 2
    expect_safe
    expect_err_has "last: '1^[[2J' is not a number"
    printf 'date,\e[31mred\n' >head.csv
    run ache import head.csv
    expect_rc 2
    expect_safe
    expect_err_has "unknown column '^[[31mred'"
}

# Every message passes through the same quoting, even those that name a
# word, a path or a setting without quoting it on purpose.
test_every_message_is_shown_safely() {
    run ache $'x\e[2J'
    expect_rc 2; expect_safe
    expect_err "ache: 'x^[[2J' is not a command (see ache --help)"
    run ache add --pain $'5\e]52;c;aGk=\a'
    expect_rc 2; expect_safe
    expect_err "ache add: pain: '5^[]52;c;aGk=^G' is not a whole number (use 0-10)"
    run ache import $'no\e[31m.csv'
    expect_rc 1; expect_safe
    expect_err "ache import: no^[[31m.csv: No such file or directory"
    ACHE_DB=$'/nowhere/d\e[2J.db' run ache list
    expect_rc 1; expect_safe
    expect_err "ache list: no diary at /nowhere/d^[[2J.db yet (\`ache add\` starts one)"
    ACHE_NOW=$'2026\e[2J' run ache list
    expect_rc 2; expect_safe
    expect_err "ache: ACHE_NOW: '2026^[[2J' is not a local date and time (use YYYY-MM-DDTHH:MM)"
}

# On a terminal an export is read, not kept: its notes show their controls
# as everywhere else; redirected, it is exact, byte for byte.
test_export_to_a_terminal_shows_controls() {
    skip_unless_script
    ok ache add --date 2026-11-20 --pain 3 --note "$NOTE"
    OUT=$(script -qec "$ACHE_BIN export" /dev/null | tr -d '\r') ERR=
    expect_safe
    expect_out_has "osc52 ^[]52;c;aGVsbG8=^G clear ^[[2J"
    ok ache export
    expect_out_has "$NOTE"
}

# A file name is quoted safely too: in the import's messages, its counts
# and the history of changes.
test_file_names_are_shown_safely() {
    local name=$'d\e[2Jx.csv'
    printf 'date,pain\n2026-11-20,3\n' >"$name"
    run ache import "$name"
    expect_rc 0
    expect_safe
    expect_out "imported d^[[2Jx.csv: 1 row: 1 added"
    run ache history
    expect_rc 0
    expect_safe
    expect_out_has "ache import d^[[2Jx.csv"
    run ache undo
    expect_rc 0
    expect_safe
    expect_out_has "(ache import d^[[2Jx.csv,"
    printf 'date,pain\n2026-11-20,11\n' >"$name"
    run ache import "$name"
    expect_rc 2
    expect_safe
    expect_err_has "d^[[2Jx.csv:2:2: pain: 11 is out of range"
}

test_import_conflicts_list_notes_safely() {
    ok ache add --date 2026-11-20 --time 08:00 --pain 4 --note "plain"
    ache export -o base.csv
    sed 's/,plain,/,"x\x1b]52;c;aGk=\x07 \xc2\x9b",/' base.csv >hand.csv
    run ache import hand.csv
    expect_rc 1
    expect_safe
    expect_err_has "the file has note \"x^[]52;c;aGk=^G ${FFFD}\"; the diary note \"plain\""
}

# ---- exports -------------------------------------------------------------------

# A note that a spreadsheet would run as a formula gets one more leading
# apostrophe in a CSV export; an import takes exactly one away again.
test_csv_export_neutralises_formulas_and_round_trips() {
    local n=0 note
    for note in '=SUM(A1:A9)' '+1' '-2 after' '@cmd' $'\ttab first' $'\rcr first' \
        "'=x" "''+y" "'plain" "it's" "'" '=' 'plain'; do
        n=$((n + 1))
        ok ache add --date "2026-11-$(printf %02d "$n")" --pain 3 --note "$note"
    done
    ache export -o one.csv
    grep -q "^[0-9a-f]*,2026-11-01,.*,'=SUM(A1:A9)," one.csv || fail "=SUM is not neutralised"
    grep -q ",'+1," one.csv || fail "+1 is not neutralised"
    grep -q ",'-2 after," one.csv || fail "-2 is not neutralised"
    grep -q ",'@cmd," one.csv || fail "@cmd is not neutralised"
    grep -q ",'"$'\t'"tab first," one.csv || fail "a leading tab is not neutralised"
    grep -q ",\"'"$'\r'"cr first\"," one.csv || fail "a leading CR is not neutralised"
    grep -q ",''=x," one.csv || fail "'=x does not get one more apostrophe"
    grep -q ",'''+y," one.csv || fail "''+y does not get one more apostrophe"
    grep -q ",'plain," one.csv || fail "'plain changed"
    grep -q ",it's," one.csv || fail "it's changed"
    grep -q ",'=," one.csv || fail "= alone is not neutralised"
    LC_ALL=C grep -aq $',[=+@\t\r-]' one.csv && fail "a cell starts with a formula character"
    # into a new diary and out again: the same notes, the same bytes
    ACHE_DB=$PWD/other.db run ache import one.csv
    expect_rc 0
    ACHE_DB=$PWD/other.db ache export -o two.csv
    cmp one.csv two.csv || fail "export -> import -> export changed the CSV"
    expect_eq "$(ACHE_DB=$PWD/other.db ache export --format json)" \
        "$(ache export --format json)" "the notes after the round trip"
    ACHE_DB=$PWD/other.db run ache show 2026-11-01
    expect_out_has "Note            =SUM(A1:A9)"
}

# JSON escapes control characters, C1 and bidi controls, and keeps them.
test_json_export_escapes_controls_and_round_trips() {
    ok ache add --pain 5 --note "$NOTE"
    run ache export --format json
    expect_safe
    expect_out_has '\u001b]52;c;aGVsbG8=\u0007 clear \u001b[2J c1 \u009b2J del \u007f bidi \u202eevil\u2066 end\ttab\r\nsecond line'
    ache export --format json -o one.json
    ACHE_DB=$PWD/other.db ok ache import one.json
    ACHE_DB=$PWD/other.db ache export --format json -o two.json
    cmp one.json two.json || fail "export -> import -> export changed the JSON"
    ache export -o one.csv
    ACHE_DB=$PWD/third.db ok ache import one.csv
    expect_eq "$(ACHE_DB=$PWD/third.db ache export)" "$(cat one.csv)" "the CSV round trip"
}
