# ache fields: the diary's own fields (schema 4), their list, adding,
# renaming, hiding and showing; --set NAME=VALUE and --clear NAME for any
# field; their history and undo.

# The field table and the own values as stored, a row a line.
fields_held() {
    sqlite3 "$ACHE_DB" 'SELECT * FROM field ORDER BY n;
        SELECT * FROM checkin_value ORDER BY 1, 2;' ||
        fail "sqlite3 could not read the fields"
}

# All that is stored: the check-ins, the fields and own values, and the
# number of changes recorded.
held() {
    export_held
    fields_held
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

# A diary of one check-in (pain 2 on 2026-11-01) and an own field of each
# kind: headache (rating), nausea (yesno), steps (count), walk (minutes).
own_fields() {
    ok ache add --date 2026-11-01 --pain 2
    first=$OUT
    ok ache fields add headache --kind rating
    ok ache fields add nausea --kind yesno
    ok ache fields add steps --kind count
    ok ache fields add walk --kind minutes
}

# The line of `ache fields` for NAME.
field_line() {
    ache fields | awk -v n="$1" '$1 == n'
}

# The id of the only check-in on a day.
id_on() {
    ache list | awk -v d="$1" '$2 == d { print $1 }'
}

BUILT_IN='pain                 rating   0-10            1  Pain, none .. worst imaginable
fatigue              rating   0-10            0  Fatigue, none .. exhausted
sleep_quality        rating   0-10            0  Sleep quality, unrefreshed .. fully restored
sleep_hours          hours    0-24 h          0  Sleep hours, 0 h .. 24 h
stiffness            rating   0-10            0  Stiffness, none .. severe
fog                  rating   0-10            0  Brain fog, none .. severe
mood                 rating   0-10            0  Mood, very low .. very good
activity             rating   0-10            0  Activity, rested .. very strenuous'
HEADER='FIELD                KIND     RANGE        USES  LABEL, LOW .. HIGH'

NAME_SHAPE='a field name is lowercase letters, digits and _, starting with a letter, at most 32 characters'

# ---- the list ----------------------------------------------------------------

test_fields_without_a_diary_says_there_is_none() {
    run ache fields
    expect_rc 1
    expect_out ""
    expect_err "ache fields: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    [ ! -e "$ACHE_DB" ] || fail "listing the fields made a diary"
}

test_fields_of_a_new_diary_are_the_eight_built_in_ones() {
    ok ache add --pain 3
    ok ache fields
    expect_out "$HEADER
$BUILT_IN"
    expect_err ""
}

test_fields_list_counts_the_uses_of_each_field() {
    own_fields
    ok ache add --date 2026-11-02 --pain 4 --set headache=3 --set nausea=no
    ok ache add --date 2026-11-03 --set headache=0
    expect_eq "$(field_line pain)" \
        "pain                 rating   0-10            2  Pain, none .. worst imaginable"
    expect_eq "$(field_line headache)" \
        "headache             rating   0-10            2  Headache, none .. severe; own"
    expect_eq "$(field_line nausea)" \
        "nausea               yesno    yes/no          1  Nausea, no .. yes; own"
    expect_eq "$(field_line steps)" \
        "steps                count    0-9999          0  Steps, 0 .. 9999; own"
}

# ---- adding ------------------------------------------------------------------

test_fields_add_one_of_each_kind() {
    ok ache add --pain 3
    ok ache fields add headache --kind rating
    expect_out "added field headache (rating 0-10): Headache, none .. severe; own"
    expect_err ""
    ok ache fields add steps --kind count
    expect_out "added field steps (count 0-9999): Steps, 0 .. 9999; own"
    ok ache fields add walk --kind minutes
    expect_out "added field walk (minutes 0-1440 min): Walk, 0 min .. 1440 min; own"
    ok ache fields add nausea --kind yesno
    expect_out "added field nausea (yesno yes/no): Nausea, no .. yes; own"
    ok ache fields
    expect_out "$HEADER
$BUILT_IN
headache             rating   0-10            0  Headache, none .. severe; own
steps                count    0-9999          0  Steps, 0 .. 9999; own
walk                 minutes  0-1440 min      0  Walk, 0 min .. 1440 min; own
nausea               yesno    yes/no          0  Nausea, no .. yes; own"
    expect_eq "$(count_changes)" "5" "a change per field added"
}

test_fields_add_with_label_words_and_weekly() {
    ok ache add --pain 3
    ok ache fields add morning-stiff --kind rating --label "Morning stiffness" \
        --low none --high awful --weekly
    expect_out "added field morning_stiff (rating 0-10): Morning stiffness, none .. awful; own, weekly"
    expect_eq "$(field_line morning_stiff)" \
        "morning_stiff        rating   0-10            0  Morning stiffness, none .. awful; own, weekly"
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT name, kind, label, low_word, high_word,
            weekly, hidden, rev FROM field WHERE name = 'morning_stiff'")" \
        "morning_stiff|rating|Morning stiffness|none|awful|1|0|1"
    # '-' and '_' name the same field
    ok ache add --date 2026-11-20 --set morning-stiff=3
    ok ache list
    expect_out_has "morning_stiff=3"
}

test_fields_add_starts_a_diary() {
    ok ache fields add nausea --kind yesno
    expect_out "added field nausea (yesno yes/no): Nausea, no .. yes; own"
    ok ache fields
    expect_out "$(printf '%s\n' "$HEADER" "$BUILT_IN" | sed 's/^pain  \(.*\)  1  /pain  \1  0  /')
nausea               yesno    yes/no          0  Nausea, no .. yes; own"
}

test_fields_add_refuses_a_kind_it_does_not_take() {
    ok ache add --pain 3
    refused 2 "ache fields: kind: 'bogus' is not a kind (use rating, count, minutes or yesno) (see ache fields --help)" \
        fields add foo --kind bogus
    refused 2 "ache fields: kind: 'hours' is not a kind (use rating, count, minutes or yesno) (see ache fields --help)" \
        fields add foo --kind hours
    refused 2 "ache fields: kind: 'Rating' is not a kind (use rating, count, minutes or yesno) (see ache fields --help)" \
        fields add foo --kind Rating
    refused 2 "ache fields: fields add NAME needs --kind (rating, count, minutes or yesno) (see ache fields --help)" \
        fields add foo
    refused 2 "ache fields: fields add NAME needs --kind (rating, count, minutes or yesno) (see ache fields --help)" \
        fields add foo --label Foo
}

test_fields_add_refuses_a_badly_shaped_name() {
    ok ache add --pain 3
    refused 2 "ache fields: 'Foo': $NAME_SHAPE" fields add Foo --kind rating
    refused 2 "ache fields: 'head_Ache': $NAME_SHAPE" fields add head-Ache --kind rating
    refused 2 "ache fields: '1foo': $NAME_SHAPE" fields add 1foo --kind rating
    refused 2 "ache fields: '_foo': $NAME_SHAPE" fields add _foo --kind rating
    refused 2 "ache fields: 'foo bar': $NAME_SHAPE" fields add "foo bar" --kind rating
    local long33 long32
    long33=$(printf 'a%.0s' {1..33}) long32=${long33:1}
    # the name as given, not cut short ('' until cli_fields checked it first)
    refused 2 "ache fields: '$long33': $NAME_SHAPE" fields add "$long33" --kind rating
    ok ache fields add "$long32" --kind rating
    expect_out_has "added field $long32 (rating 0-10)"
}

test_fields_add_refuses_a_name_with_other_letters() {
    ok ache add --pain 3
    local name
    name=$(printf 'f\xc3\xa9e')
    refused 2 "ache fields: '$name': $NAME_SHAPE" fields add "$name" --kind rating
}

test_fields_add_refusing_a_name_makes_no_diary() {
    run ache fields add Foo --kind rating
    expect_rc 2
    expect_err "ache fields: 'Foo': $NAME_SHAPE"
    run ache fields add pain --kind rating
    expect_rc 2
    expect_err "ache fields: 'pain' is a built-in field; pick another name"
    run ache fields add "$(printf 'a%.0s' {1..33})" --kind rating
    expect_rc 2
    expect_err_has "$NAME_SHAPE"
    [ ! -e "$ACHE_DB" ] || fail "a refused name made a diary"
}

test_fields_add_refuses_a_column_of_the_csv_or_a_word_of_clear() {
    ok ache add --pain 3
    local n
    for n in id date time regions tags note created_at updated_at tag untag set clear; do
        refused 2 "ache fields: '$n' is a column of the CSV or a word of --clear; pick another name" \
            fields add "$n" --kind rating
    done
    refused 2 "ache fields: 'updated_at' is a column of the CSV or a word of --clear; pick another name" \
        fields add updated-at --kind yesno
}

test_fields_add_refuses_a_built_in_field_or_its_option_name() {
    ok ache add --pain 3
    refused 2 "ache fields: 'pain' is a built-in field; pick another name" \
        fields add pain --kind rating
    refused 2 "ache fields: 'sleep' is a built-in field; pick another name" \
        fields add sleep --kind rating
    refused 2 "ache fields: 'sleep_hours' is a built-in field; pick another name" \
        fields add sleep-hours --kind minutes
    refused 2 "ache fields: 'sleep_quality' is a built-in field; pick another name" \
        fields add sleep_quality --kind rating
    refused 2 "ache fields: 'fog' is a built-in field; pick another name" \
        fields add fog --kind yesno
    # a hidden built-in field is still one
    ok ache fields hide mood
    refused 2 "ache fields: 'mood' is a built-in field; pick another name" \
        fields add mood --kind rating
}

test_fields_add_refuses_an_existing_own_field() {
    ok ache add --pain 3
    ok ache fields add morning_stiff --kind rating
    refused 2 "ache fields: 'morning_stiff' is already a field" \
        fields add morning_stiff --kind rating
    refused 2 "ache fields: 'morning_stiff' is already a field" \
        fields add morning-stiff --kind yesno
    # hidden, it is still there
    ok ache fields hide morning_stiff
    refused 2 "ache fields: 'morning_stiff' is already a field" \
        fields add morning_stiff --kind count
}

test_fields_add_refuses_bad_labels_and_words() {
    ok ache add --pain 3
    local x64 e32
    x64=$(printf 'x%.0s' {1..64}) e32=$(printf '\xc3\xa9%.0s' {1..32})
    refused 2 "ache fields: label: 65 bytes; give 1 to 64" \
        fields add foo --kind rating --label "${x64}y"
    # bytes, not letters: 33 two-byte letters are 66
    refused 2 "ache fields: label: 66 bytes; give 1 to 64" \
        fields add foo --kind rating --label "${e32}$(printf '\xc3\xa9')"
    refused 2 "ache fields: label: 0 bytes; give 1 to 64" \
        fields add foo --kind rating --label ""
    refused 2 "ache fields: label: holds a control character (at byte 4)" \
        fields add foo --kind rating --label "$(printf 'Foo\tbar')"
    refused 2 "ache fields: label: holds a control character (at byte 2)" \
        fields add foo --kind rating --label "$(printf 'F\x7f')"
    refused 2 "ache fields: label: holds a control character (at byte 4)" \
        fields add foo --kind rating --label "$(printf 'Foo\nbar')"
    refused 2 "ache fields: label: not valid UTF-8 (at byte 2)" \
        fields add foo --kind rating --label "$(printf 'F\xff')"
    refused 2 "ache fields: low: 0 bytes; give 1 to 40" \
        fields add foo --kind rating --low ""
    refused 2 "ache fields: high: 41 bytes; give 1 to 40" \
        fields add foo --kind rating --high "$(printf 'h%.0s' {1..41})"
    # 64 bytes are taken, of either
    ok ache fields add foo --kind rating --label "$x64"
    expect_out "added field foo (rating 0-10): $x64, none .. severe; own"
    ok ache fields add bar --kind rating --label "$e32"
    expect_out "added field bar (rating 0-10): $e32, none .. severe; own"
}

# ---- how the command is used ---------------------------------------------------

test_fields_refuses_wrong_usage() {
    ok ache add --pain 3
    ok ache fields add nausea --kind yesno
    local see=" (see ache fields --help)"
    refused 2 "ache fields: options go with an action: ache fields add NAME --kind KIND$see" \
        fields --label Foo
    refused 2 "ache fields: options go with an action: ache fields add NAME --kind KIND$see" \
        fields --kind rating
    refused 2 "ache fields: options go with an action: ache fields add NAME --kind KIND$see" \
        fields --weekly
    refused 2 "ache fields: 'frob' is not an action of fields (use add, rename, hide, show or preset)$see" \
        fields frob nausea
    refused 2 "ache fields: 'nausea' is not an action of fields (use add, rename, hide, show or preset)$see" \
        fields nausea
    refused 2 "ache fields: fields rename OLD NEW, or --label, --low or --high$see" \
        fields rename nausea
    refused 2 "ache fields: fields rename needs the field's name$see" \
        fields rename
    refused 2 "ache fields: fields add needs the field's name$see" \
        fields add --kind rating
    refused 2 "ache fields: fields hide needs the field's name$see" \
        fields hide
    refused 2 "ache fields: unexpected 'extra'$see" fields hide nausea extra
    refused 2 "ache fields: unexpected 'extra'$see" fields show nausea extra
    refused 2 "ache fields: unexpected 'b'$see" fields add a b --kind rating
    refused 2 "ache fields: fields hide takes no options$see" \
        fields hide nausea --label Sick
    refused 2 "ache fields: fields show takes no options$see" \
        fields show nausea --high always
    refused 2 "ache fields: a field's kind and how often it is asked are set when it is added$see" \
        fields rename nausea sick --kind rating
    refused 2 "ache fields: a field's kind and how often it is asked are set when it is added$see" \
        fields rename nausea --label Sick --weekly
    refused 2 "ache fields: a field's kind and how often it is asked are set when it is added$see" \
        fields hide nausea --weekly
}

# ---- renaming ----------------------------------------------------------------

test_fields_rename_an_own_field_keeps_its_values() {
    own_fields
    ok ache add --date 2026-11-20 --set nausea=yes
    id=$OUT
    ok ache fields rename nausea sick
    expect_out "renamed field nausea to sick"
    expect_err ""
    expect_eq "$(field_line sick)" \
        "sick                 yesno    yes/no          1  Sick, no .. yes; own"
    expect_eq "$(field_line nausea)" "" "the old name listed"
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- sick=yes"
    ok ache show 2026-11-20
    expect_out_has "  Sick            yes"
    # the new name is set, the old one is no field
    ok ache edit "$id" --set sick=no
    refused 2 "ache edit: set: 'nausea' is not a field (use pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity, headache, sick, steps, walk; \`ache fields add\` makes one)" \
        edit "$id" --set nausea=yes
    # '-' in NEW becomes '_'; label and words change with it
    ok ache fields rename sick feeling-sick --label "Feeling sick" --low fine
    expect_out "renamed field sick to feeling_sick"
    expect_eq "$(field_line feeling_sick)" \
        "feeling_sick         yesno    yes/no          1  Feeling sick, fine .. yes; own"
    ok ache show 2026-11-20
    expect_out_has "  Feeling sick    no"
}

test_fields_rename_of_a_built_in_field_changes_its_label_only() {
    ok ache add --date 2026-11-20 --pain 3
    ok ache fields rename pain --label "Pain overall"
    expect_out "changed field pain"
    expect_eq "$(field_line pain)" \
        "pain                 rating   0-10            1  Pain overall, none .. worst imaginable"
    ok ache show 2026-11-20
    expect_out_has "  Pain overall    3    mild"
    refused 2 "ache fields: pain is built in: its name stays (files and exports use it); give it a --label instead" \
        fields rename pain ache
    refused 2 "ache fields: pain is built in: its name stays (files and exports use it); give it a --label instead" \
        fields rename pain ache --label Ache
    # the same again changes nothing, and is no change
    local changes
    changes=$(count_changes)
    ok ache fields rename pain --label "Pain overall"
    expect_out "field pain unchanged: it already was so"
    expect_eq "$(count_changes)" "$changes" "a rename that changed nothing"
    # by its option name
    ok ache fields rename sleep --label Rest --high "like new"
    expect_out "changed field sleep_quality"
    expect_eq "$(field_line sleep_quality)" \
        "sleep_quality        rating   0-10            0  Rest, unrefreshed .. like new"
    # the files still call it pain
    ok ache export --format csv
    expect_out_has "id,date,time,pain,"
}

test_fields_rename_onto_an_existing_name_is_refused() {
    own_fields
    refused 2 "ache fields: 'steps' is already a field" fields rename nausea steps
    refused 2 "ache fields: 'pain' is a built-in field; pick another name" \
        fields rename nausea pain
    refused 2 "ache fields: 'sleep_hours' is a built-in field; pick another name" \
        fields rename nausea sleep-hours
    refused 2 "ache fields: 'note' is a column of the CSV or a word of --clear; pick another name" \
        fields rename nausea note
    refused 2 "ache fields: 'Sick': $NAME_SHAPE" fields rename nausea Sick
    local long33
    long33=$(printf 'b%.0s' {1..33})
    refused 2 "ache fields: '$long33': $NAME_SHAPE" fields rename nausea "$long33"
    refused 2 "ache fields: 'nosuch' is not a field (see ache fields)" \
        fields rename nosuch other
    refused 2 "ache fields: label: 0 bytes; give 1 to 64" \
        fields rename nausea sick --label ""
    refused 2 "ache fields: label: 65 bytes; give 1 to 64" \
        fields rename pain --label "$(printf 'p%.0s' {1..65})"
    # a field renamed onto itself is unchanged
    ok ache fields rename nausea nausea
    expect_out "field nausea unchanged: it already was so"
}

# ---- presets ----------------------------------------------------------------

test_fields_preset_adds_its_weekly_questions_once() {
    ok ache add --date 2026-11-01 --pain 2
    ok ache fields preset sss
    expect_out "added field headaches (yesno yes/no): Headaches, no .. yes; own, weekly
added field abdominal_pain (yesno yes/no): Pain or cramps in the lower abdomen, no .. yes; own, weekly
added field depression (yesno yes/no): Depression, no .. yes; own, weekly"
    ok ache fields preset peg
    expect_out "added field peg_pain (rating 0-10): PEG: average pain, past week, no pain .. as bad as you can imagine; own, weekly
added field peg_enjoyment (rating 0-10): PEG: pain's interference with enjoyment, none .. completely; own, weekly
added field peg_activity (rating 0-10): PEG: pain's interference with activity, none .. completely; own, weekly"
    # a second time adds nothing, and says why
    local before
    before=$(held)
    ok ache fields preset sss
    expect_out "field headaches is there already
field abdominal_pain is there already
field depression is there already"
    expect_eq "$(held)" "$before" "a preset taken twice changed nothing"
    # one change for the whole preset
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT count(*) FROM change WHERE source = 'fields'")" 2 \
        "one change a preset"
}

test_fields_preset_refuses_a_field_of_its_name_and_another_kind() {
    ok ache add --date 2026-11-01 --pain 2
    ok ache fields add depression --kind rating
    refused 2 "ache fields: preset sss: the diary has a field 'depression' of kind rating, and the preset asks it as yesno: rename yours first (ache fields rename depression NEW); nothing was added" \
        fields preset sss
    ok ache fields rename depression low_mood
    ok ache fields preset sss
    expect_out_has "added field depression (yesno yes/no)"
}

# ---- hiding and showing --------------------------------------------------------

test_fields_hide_and_show() {
    own_fields
    local changes
    ok ache fields hide nausea
    expect_out "hid field nausea: its values are kept (\`ache fields show nausea\` brings it back)"
    expect_err ""
    expect_eq "$(field_line nausea)" \
        "nausea               yesno    yes/no          0  Nausea, no .. yes; own, hidden"
    changes=$(count_changes)
    ok ache fields hide nausea
    expect_out "field nausea unchanged: it already was so"
    expect_eq "$(count_changes)" "$changes" "hiding a hidden field"
    ok ache fields show nausea
    expect_out "field nausea shown again"
    expect_eq "$(field_line nausea)" \
        "nausea               yesno    yes/no          0  Nausea, no .. yes; own"
    changes=$(count_changes)
    ok ache fields show nausea
    expect_out "field nausea unchanged: it already was so"
    expect_eq "$(count_changes)" "$changes" "showing a shown field"
    # a built-in one, by its option name
    ok ache fields hide sleep-hours
    expect_out "hid field sleep_hours: its values are kept (\`ache fields show sleep_hours\` brings it back)"
    expect_eq "$(field_line sleep_hours)" \
        "sleep_hours          hours    0-24 h          0  Sleep hours, 0 h .. 24 h; hidden"
    refused 2 "ache fields: 'nosuch' is not a field (see ache fields)" \
        fields hide nosuch
}

test_fields_hidden_keep_their_values() {
    own_fields
    ok ache add --date 2026-11-20 --set headache=6 --pain 4
    id=$OUT
    ok ache fields hide headache
    ok ache fields hide pain
    ok ache show 2026-11-20
    expect_out_has "  Pain            4    moderate"
    expect_out_has "  Headache        6    moderate"
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- pain=4 headache=6"
    expect_eq "$(field_line headache)" \
        "headache             rating   0-10            1  Headache, none .. severe; own, hidden"
    # set and clear still work
    ok ache edit "$id" --set headache=2 --set pain=1
    expect_out "updated $id"
    ok ache add --date 2026-11-21 --set headache=7
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- pain=1 headache=2"
    expect_out_has "2026-11-21 --:-- headache=7"
    ok ache edit "$id" --clear headache
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- pain=1"
    expect_out_lacks "pain=1 headache"
    # shown again, the values are there
    ok ache fields show headache
    ok ache show 2026-11-21
    expect_out_has "  Headache        7    severe"
}

# ---- --set and --clear ---------------------------------------------------------

test_fields_set_own_and_built_in_values_on_add() {
    own_fields
    ok ache add --date 2026-11-20 --set headache=4 --set nausea=yes \
        --set steps=1200 --set walk=30 --set pain=2 --set sleep-hours=7.5
    id=$OUT
    expect_err ""
    ok ache show 2026-11-20
    expect_out "Friday 2026-11-20: 1 check-in

--:--  ${id:0:8}  (filled in on 2026-11-24)
  Pain            2    mild
  Sleep hours     7.5
  Headache        4    moderate
  Nausea          yes
  Steps           1200
  Walk            30"
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- pain=2 sleep-hours=7.5 headache=4 nausea=yes steps=1200 walk=30"
    # the later --set of a field wins; --pain and --set pain are one field
    ok ache add --date 2026-11-21 --set headache=4 --set headache=5 --pain 1 --set pain=3
    ok ache list
    expect_out_has "2026-11-21 --:-- pain=3 headache=5"
}

test_fields_set_and_clear_on_edit() {
    own_fields
    ok ache add --date 2026-11-20 --pain 2 --set headache=4 --set nausea=yes --set walk=30
    id=$OUT
    ok ache edit "$id" --set nausea=no --clear walk --set steps=0 --clear pain \
        --set fatigue=3
    expect_out "updated $id"
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- fatigue=3 headache=4 nausea=no steps=0"
    expect_out_lacks "walk="
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT f.name FROM checkin_value v
            JOIN field f ON f.n = v.field JOIN checkin c ON c.n = v.checkin
            WHERE c.id = '$id' ORDER BY f.n" | tr '\n' ' ')" \
        "headache nausea steps " "the own values stored"
    # the same values again: unchanged
    ok ache edit "$id" --set nausea=no --set steps=0
    expect_out "unchanged $id: it already had that"
    # clearing all that is left is refused
    refused 2 "ache edit: that would leave the check-in empty; use \`ache rm ${id:0:8}\` to remove it (see ache edit --help)" \
        edit "$id" --clear fatigue --clear headache --clear nausea --clear steps
}

test_fields_set_refuses_values_out_of_range() {
    own_fields
    refused 2 "ache add: headache: 11 is out of range 0-10" add --set headache=11
    refused 2 "ache add: headache: -1 is out of range 0-10" add --set headache=-1
    refused 2 "ache add: headache: '4.5' is not a whole number (use 0-10)" add --set headache=4.5
    refused 2 "ache add: headache: 'x' is not a whole number (use 0-10)" add --set headache=x
    refused 2 "ache add: headache: '' is not a whole number (use 0-10)" add --set headache=
    refused 2 "ache add: steps: 10000 is out of range 0-9999" add --set steps=10000
    refused 2 "ache add: steps: -1 is out of range 0-9999" add --set steps=-1
    refused 2 "ache add: walk: 1441 is out of range 0-1440" add --set walk=1441
    refused 2 "ache add: nausea: 'maybe' is not yes or no" add --set nausea=maybe
    refused 2 "ache add: nausea: '2' is not yes or no" add --set nausea=2
    refused 2 "ache add: nausea: 'YES' is not yes or no" add --set nausea=YES
    refused 2 "ache add: pain: 11 is out of range 0-10" add --set pain=11
    refused 2 "ache add: sleep_hours: 24.1 is not a number of hours from 0 to 24 in steps of 0.25" \
        add --set sleep-hours=24.1
    # one bad value among good ones stores none of them
    refused 2 "ache add: walk: 1441 is out of range 0-1440" \
        add --set headache=3 --set walk=1441
    refused 2 "ache edit: steps: 10000 is out of range 0-9999" \
        edit "$first" --set headache=3 --set steps=10000
}

test_fields_set_takes_the_ends_of_each_range() {
    own_fields
    ok ache add --date 2026-11-20 --set headache=0 --set steps=0 --set walk=0 --set nausea=0
    a=$OUT
    ok ache add --date 2026-11-21 --set headache=10 --set steps=9999 --set walk=1440 --set nausea=1
    b=$OUT
    ok ache add --date 2026-11-22 --set nausea=no
    ok ache add --date 2026-11-23 --set nausea=yes
    ok ache list
    expect_out_has "${a:0:8} 2026-11-20 --:-- headache=0 nausea=no steps=0 walk=0"
    expect_out_has "${b:0:8} 2026-11-21 --:-- headache=10 nausea=yes steps=9999 walk=1440"
    expect_out_has "2026-11-22 --:-- nausea=no"
    expect_out_has "2026-11-23 --:-- nausea=yes"
}

test_fields_set_refuses_an_unknown_field_or_no_value() {
    own_fields
    local all="pain, fatigue, sleep, sleep-hours, stiffness, fog, mood, activity, headache, nausea, steps, walk"
    refused 2 "ache add: set: 'foo' is not a field (use $all; \`ache fields add\` makes one)" \
        add --set foo=1
    refused 2 "ache add: set: '' is not a field (use $all; \`ache fields add\` makes one)" \
        add --set =1
    refused 2 "ache add: set: 'headache' is not NAME=VALUE (for example --set headache=4)" \
        add --set headache
    refused 2 "ache edit: set: 'foo' is not a field (use $all; \`ache fields add\` makes one)" \
        edit "$first" --set foo=1
    refused 2 "ache edit: clear: 'foo' is not a field (use $all, time, regions, tags or note)" \
        edit "$first" --clear foo
}

test_fields_absent_stays_absent_and_zero_is_a_value() {
    own_fields
    ok ache add --date 2026-11-20 --pain 2
    id=$OUT
    ok ache show 2026-11-20
    expect_out "Friday 2026-11-20: 1 check-in

--:--  ${id:0:8}  (filled in on 2026-11-24)
  Pain            2    mild"
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- pain=2"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*) FROM checkin_value')" "0" \
        "own values of check-ins that gave none"
    # 0 is a value, shown as 0 (and no as no)
    ok ache edit "$id" --set headache=0 --set steps=0 --set walk=0 --set nausea=no
    ok ache show 2026-11-20
    expect_out "Friday 2026-11-20: 1 check-in

--:--  ${id:0:8}  (filled in on 2026-11-24)
  Pain            2    mild
  Headache        0    none
  Nausea          no
  Steps           0
  Walk            0"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*) FROM checkin_value')" "4"
    # --clear makes a value absent, not 0
    ok ache edit "$id" --clear headache --clear steps --clear walk --clear nausea
    ok ache show 2026-11-20
    expect_out "Friday 2026-11-20: 1 check-in

--:--  ${id:0:8}  (filled in on 2026-11-24)
  Pain            2    mild"
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- pain=2"
    expect_out_lacks "headache"
    expect_eq "$(sqlite3 "$ACHE_DB" 'SELECT count(*) FROM checkin_value')" "0"
    expect_eq "$(field_line headache)" \
        "headache             rating   0-10            0  Headache, none .. severe; own"
}

# ---- history and undo ----------------------------------------------------------

test_fields_history_of_a_check_in_shows_own_value_changes() {
    own_fields
    ok ache add --date 2026-11-20 --pain 2 --set nausea=yes --set steps=1200
    id=$OUT
    ok ache edit "$id" --set nausea=no --clear steps --set walk=0
    ok ache history "$id"
    expect_out "check-in ${id:0:8}, Friday 2026-11-20
1   2026-11-24 09:00  ache add      pain 2, nausea yes, steps 1200
2   2026-11-24 09:00  ache edit     nausea yes -> no, steps 1200 -> not given, walk not given -> 0  (now)"
}

test_fields_history_lists_changes_of_fields() {
    ok ache add --pain 3
    id=$OUT
    ok ache fields add nausea --kind yesno
    ok ache fields hide nausea
    ok ache fields rename nausea sick
    ok ache fields rename pain --label Ache
    ok ache history
    expect_out "change  when              what
     5  2026-11-24 09:00  ache fields pain
     4  2026-11-24 09:00  ache fields sick
     3  2026-11-24 09:00  ache fields nausea
     2  2026-11-24 09:00  ache fields nausea
     1  2026-11-24 09:00  ache add ${id:0:8}"
}

test_fields_undo_of_fields_add_takes_the_field_out_and_back() {
    ok ache add --pain 3
    before=$(fields_held)
    ok ache fields add nausea --kind yesno
    added=$(fields_held)
    ok ache undo
    expect_out "undid change 2 (ache fields, 2026-11-24 09:00)
  1 field put back as before
this undo is change 3: \`ache undo\` again reverses it"
    ok ache fields
    expect_out "$HEADER
$BUILT_IN"
    expect_eq "$(fields_held)" "$before" "the field table after the undo"
    run ache add --set nausea=yes
    expect_rc 2
    expect_err_has "ache add: set: 'nausea' is not a field"
    # and back
    ok ache undo
    expect_out "undid change 3 (ache undo of change 2, 2026-11-24 09:00)
  1 field put back as before
this undo is change 4: \`ache undo\` again reverses it"
    expect_eq "$(field_line nausea)" \
        "nausea               yesno    yes/no          0  Nausea, no .. yes; own"
    # the same field, with its id and key (not a new one)
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT n, id, name, kind FROM field WHERE name = 'nausea'")" \
        "$(grep '|nausea|' <<<"$added" | cut -d'|' -f1-4)" "the field brought back"
    ok ache add --date 2026-11-20 --set nausea=yes
    ok ache list
    expect_out_has "2026-11-20 --:-- nausea=yes"
}

test_fields_undo_of_a_rename_gives_the_old_name_back() {
    ok ache add --pain 3
    ok ache fields add nausea --kind yesno --label "Feeling sick"
    ok ache add --date 2026-11-20 --set nausea=yes
    id=$OUT
    ok ache fields rename nausea sick --low fine
    ok ache undo
    expect_out "undid change 4 (ache fields, 2026-11-24 09:00)
  1 field put back as before
this undo is change 5: \`ache undo\` again reverses it"
    expect_eq "$(field_line nausea)" \
        "nausea               yesno    yes/no          1  Feeling sick, no .. yes; own"
    expect_eq "$(field_line sick)" "" "the new name listed"
    ok ache edit "$id" --set nausea=no
    ok ache list
    expect_out_has "${id:0:8} 2026-11-20 --:-- nausea=no"
    # undo of a built-in field's label
    ok ache fields rename pain --label "Pain overall"
    ok ache undo
    expect_eq "$(field_line pain)" \
        "pain                 rating   0-10            1  Pain, none .. worst imaginable"
}

# ---- more than one writer ------------------------------------------------------

# One command changed the field, another changes it after: both changes
# stay (the second starts from the field as the first left it).
test_fields_a_change_after_another_keeps_both() {
    own_fields
    ok ache fields hide nausea
    ok ache fields rename nausea sick --low fine
    expect_out "renamed field nausea to sick"
    expect_eq "$(field_line sick)" \
        "sick                 yesno    yes/no          0  Sick, fine .. yes; own, hidden"
    ok ache fields rename sick --high always
    ok ache fields show sick
    ok ache fields rename sick --label "Feeling sick"
    expect_eq "$(field_line sick)" \
        "sick                 yesno    yes/no          0  Feeling sick, fine .. always; own"
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT rev FROM field WHERE name = 'sick'")" "6" \
        "a revision per change"
}

# label_loop WORD N: N renames of nausea, each setting --WORD to WORDi;
# each one's output in out.WORD.i, err.WORD.i and rc.WORD.i.
label_loop() {
    local i
    for i in $(seq 1 "$2"); do
        "$ACHE_BIN" fields rename nausea "--$1" "$1$i" >"out.$1.$i" 2>"err.$1.$i"
        echo $? >"rc.$1.$i"
    done
}

# Two loops at once change the words of one field: every change says so,
# and the last word of each is the field's.
test_fields_two_writers_at_once_lose_nothing() {
    own_fields
    label_loop low 40 &
    local pa=$!
    label_loop high 40 &
    local pb=$!
    wait $pa
    wait $pb
    local w i
    for w in low high; do
        for i in $(seq 1 40); do
            OUT=$(cat out.$w.$i) ERR=$(cat err.$w.$i) RC=$(cat rc.$w.$i)
            expect_rc 0
            expect_out "changed field nausea"
            expect_err ""
        done
    done
    expect_eq "$(field_line nausea)" \
        "nausea               yesno    yes/no          0  Nausea, low40 .. high40; own"
    expect_eq "$(sqlite3 "$ACHE_DB" "SELECT rev FROM field WHERE name = 'nausea'")" "81" \
        "a revision per change"
}
