# ache search: notes holding every word, newest first, words marked.

seed_notes() {
    ok ache add --date 2026-11-20 --time 08:00 --pain 5 \
        --note "Bad night. Walked to the SHOP, back hurt after shopping"
    SHOP_ID=${OUT:0:8}
    ok ache add --date 2026-11-21 --pain 3 --note "Müde und ÜBEL; zu viel Stress"
    MUEDE_ID=${OUT:0:8}
    ok ache add --date 2026-11-22 --time 21:15 --pain 7 \
        --note "$(printf 'line one\nthe second line says shop and then goes on for a long while, longer than a line')"
    LONG_ID=${OUT:0:8}
    ok ache add --date 2026-11-23 --pain 2
}

test_search_marks_words_newest_first() {
    seed_notes
    ok ache search shop
    expect_out "2026-11-22 21:15 $LONG_ID  ...second line says [shop] and then goes on for a long while,...
2026-11-20 08:00 $SHOP_ID  Bad night. Walked to the [SHOP], back hurt after [shop]ping"
    expect_err ""
}

test_search_oldest_first_and_range() {
    seed_notes
    ok ache search shop --oldest-first
    expect_eq "$(printf '%s\n' "$OUT" | cut -c1-10 | tr '\n' ' ')" "2026-11-20 2026-11-22 "
    ok ache search shop --from 2026-11-21
    expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "1"
    expect_out_has "2026-11-22 21:15 $LONG_ID"
    ok ache search shop --to 2026-11-21
    expect_out_has "2026-11-20 08:00 $SHOP_ID"
    expect_out_lacks "2026-11-22"
    run ache search shop --from 2026-11-23 --to 2026-11-21
    expect_rc 2
    expect_err "ache search: --from comes after --to (see ache search --help)"
    run ache search shop --from 2026-02-30
    expect_rc 2
    expect_err_has "ache search: from: '2026-02-30' is not a date"
}

test_search_needs_every_word_in_any_case() {
    seed_notes
    ok ache search übel MÜDE
    expect_out "2026-11-21 --:-- $MUEDE_ID  [Müde] und [ÜBEL]; zu viel Stress"
    # several words in one argument are several words too
    ok ache search "night bad"
    expect_out "2026-11-20 08:00 $SHOP_ID  [Bad] [night]. Walked to the SHOP, back hurt after shopping"
    run ache search night stress
    expect_rc 1
    expect_out 'no note has all the words of "night stress"'
    expect_err ""
}

test_search_without_a_match_is_calm() {
    seed_notes
    run ache search storm
    expect_rc 1
    expect_out 'no note has "storm"'
    expect_err ""
}

test_search_bad_usage() {
    seed_notes
    run ache search
    expect_rc 2
    expect_err "ache search: give the words to look for (see ache search --help)"
    run ache search "  "
    expect_rc 2
    expect_err "ache search: give the words to look for (see ache search --help)"
    run ache search shop --color sometimes
    expect_rc 2
    expect_err "ache search: color: 'sometimes' is not allowed (use auto, always or never) (see ache search --help)"
    run ache search shop --fuzzy
    expect_rc 2
    expect_err "ache search: unknown option '--fuzzy' (see ache search --help)"
}

test_search_needs_a_diary() {
    run ache search shop
    expect_rc 1
    expect_err "ache search: no diary at $ACHE_DB yet (\`ache add\` starts one)"
    [ ! -e "$ACHE_DB" ] || fail "search created a diary"
}

test_search_marks_in_bold_reverse_when_asked() {
    seed_notes
    ok ache search müde --color always
    expect_out "2026-11-21 --:-- $MUEDE_ID  "$'\e[1;7m'"Müde"$'\e[0m'" und ÜBEL; zu viel Stress"
    # NO_COLOR is set by the runner and the output is no terminal: brackets
    ok ache search müde --color auto
    expect_out "2026-11-21 --:-- $MUEDE_ID  [Müde] und ÜBEL; zu viel Stress"
}

test_search_shows_control_characters_visibly() {
    ok ache add --pain 1 --note "$(printf 'ring \a the \033[31mbell')"
    id=${OUT:0:8}
    ok ache search bell
    expect_out "2026-11-24 09:00 $id  ring ^G the ^[[31m[bell]"
    run env LC_ALL=C "$ACHE_BIN" search müde
    expect_rc 1
}

test_search_finds_no_words_of_edited_or_removed_notes() {
    ok ache add --pain 1 --note "secret plan"
    a=$OUT
    ok ache add --pain 2 --note "another secret"
    b=$OUT
    ok ache edit "$a" --note "nothing to see"
    ok ache rm "$b"
    run ache search secret
    expect_rc 1
    expect_out 'no note has "secret"'
    ok ache search see
    expect_out_has "nothing to [see]"
}
