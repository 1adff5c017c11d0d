# ache remind: the timer's unit files as written, the calls made to a fake
# systemctl and notify-send (scripts that log their words to calls.log),
# the crontab lines where there is no systemd, --off, --print, bad input,
# and --notify with and without a check-in since the previous time.

# Puts fake systemctl and notify-send first on PATH. FAIL_VERB makes
# systemctl fail when it is given that word; NOTIFY_FAIL makes notify-send
# fail. $NOSYS holds a notify-send alone, for a PATH without systemd.
remind_setup() {
    BIN=$PWD/bin NOSYS=$PWD/nosys CALLS=$PWD/calls.log
    mkdir -p "$BIN" "$NOSYS"
    cat >"$BIN/systemctl" <<'EOF'
#!/bin/sh
echo "systemctl $*" >>"$CALLS"
case " $* " in
*" ${FAIL_VERB:-none} "*)
    echo "Failed to connect to bus: No medium found" >&2
    exit 1 ;;
esac
echo "Created symlink for $*"
EOF
    cat >"$BIN/notify-send" <<'EOF'
#!/bin/sh
for w in "$@"; do printf '[%s] ' "$w" >>"$CALLS"; done
echo >>"$CALLS"
[ -z "${NOTIFY_FAIL:-}" ] || { echo "cannot reach the desktop" >&2; exit 1; }
EOF
    chmod +x "$BIN/systemctl" "$BIN/notify-send"
    cp "$BIN/notify-send" "$NOSYS/"
    export CALLS PATH="$BIN:$PATH"
    UNITS=$HOME/.config/systemd/user
    SELF=$(readlink -f "$ACHE_BIN")
    DB=$(readlink -f "$ACHE_DB")
}

calls() { cat "$CALLS" 2>/dev/null; }

expected_service() { # the ExecStart line's command
    printf '%s\n' "# Written by \`ache remind\`; \`ache remind --off\` removes it." \
        "[Unit]" "Description=A reminder to check in to ache" "" \
        "[Service]" "Type=oneshot" "ExecStart=$1"
}

expected_timer_0900_2100() {
    printf '%s\n' "# Written by \`ache remind\`; \`ache remind --off\` removes it." \
        "[Unit]" "Description=Reminders to check in to ache at 09:00 and 21:00" "" \
        "[Timer]" "OnCalendar=*-*-* 09:00:00" "OnCalendar=*-*-* 21:00:00" \
        "Persistent=true" "" "[Install]" "WantedBy=timers.target"
}

test_remind_installs_a_systemd_user_timer() {
    remind_setup
    run ache remind --at 21:00,9:00
    expect_rc 0
    expect_out "ache: reminders at 09:00 and 21:00, by the systemd user timer ache-remind.timer, each only when no check-in was made since the one before (\`ache remind --off\` removes them)"
    expect_err ""
    expect_eq "$(cat "$UNITS/ache-remind.service")" \
        "$(expected_service "$SELF --db $DB remind --notify --at 09:00,21:00")"
    expect_eq "$(cat "$UNITS/ache-remind.timer")" "$(expected_timer_0900_2100)"
    expect_eq "$(calls)" "systemctl --user daemon-reload
systemctl --user enable --now ache-remind.timer"
    expect_eq "$(stat -c %a "$UNITS/ache-remind.service" "$UNITS/ache-remind.timer")" "600
600" "unit files private"
    expect_eq "$(stat -c %a "$UNITS" "$HOME/.config/systemd")" "700
700" "folders made private"
    run ache remind
    expect_out "ache: reminders at 09:00 and 21:00 (systemd user timer $UNITS/ache-remind.timer)"
}

test_remind_again_replaces_the_times() {
    remind_setup
    ok ache remind --at 09:00,21:00
    ok ache remind --at 13:30
    expect_eq "$(grep '^OnCalendar\|^Description=Rem' "$UNITS/ache-remind.timer")" \
        "Description=Reminders to check in to ache at 13:30
OnCalendar=*-*-* 13:30:00"
    expect_eq "$(grep ExecStart "$UNITS/ache-remind.service")" \
        "ExecStart=$SELF --db $DB remind --notify --at 13:30"
}

test_remind_units_under_xdg_config_home() {
    remind_setup
    export XDG_CONFIG_HOME=$PWD/config
    ok ache remind --at 08:00
    [ -f "$PWD/config/systemd/user/ache-remind.timer" ] || fail "no timer under XDG_CONFIG_HOME"
    [ ! -e "$UNITS" ] || fail "units written under ~/.config too"
}

test_remind_default_diary_is_not_named() {
    remind_setup
    unset ACHE_DB
    ok ache remind --at 09:00
    expect_eq "$(grep ExecStart "$UNITS/ache-remind.service")" \
        "ExecStart=$SELF remind --notify --at 09:00"
    # the default diary given by name is the default all the same
    mkdir -p "$HOME/.local/share/ache"
    ok ache --db "$HOME/.local/share/ache/diary.db" remind --at 10:00
    expect_eq "$(grep ExecStart "$UNITS/ache-remind.service")" \
        "ExecStart=$SELF remind --notify --at 10:00"
}

test_remind_relative_db_is_written_absolute() {
    remind_setup
    mkdir sub
    ok ache --db sub/x.db remind --at 09:00
    expect_eq "$(grep ExecStart "$UNITS/ache-remind.service")" \
        "ExecStart=$SELF --db $(readlink -f sub)/x.db remind --notify --at 09:00"
}

test_remind_quotes_paths_for_systemd_and_cron() {
    remind_setup
    mkdir "odd dir"
    local db="$(readlink -f "odd dir")/it's 100%\$HOME \"x\\y\".db"
    ok ache --db "$db" remind --at 09:00
    local sd=${db//\\/\\\\}
    sd=${sd//\"/\\\"} sd=${sd//%/%%} sd=${sd//\$/\$\$}
    expect_eq "$(grep ExecStart "$UNITS/ache-remind.service")" \
        "ExecStart=$SELF --db \"$sd\" remind --notify --at 09:00"
    run env PATH="$NOSYS" "$ACHE_BIN" --db "$db" remind --at 09:00
    local cr=${db//\'/\'\\\'\'}
    cr=${cr//%/\\%}
    expect_out "0 9 * * * $SELF --db '$cr' remind --notify --at 09:00"
    # what the shell makes of the line, once cron has made \% a %, is
    # the path itself
    local words=${OUT#0 9 \* \* \* }
    words=${words//\\%/%}
    expect_eq "$(eval "set -- $words"; printf '%s' "$3")" "$db" "cron words"
}

test_remind_without_systemctl_prints_crontab_lines() {
    remind_setup
    run env PATH="$NOSYS" "$ACHE_BIN" remind --at 09:00,21:30
    expect_rc 0
    expect_err "ache remind: systemctl is not on PATH, so no timer was installed.
To be reminded by cron instead, add these lines to your crontab (crontab -e):"
    expect_out "0 9 * * * $SELF --db $DB remind --notify --at 09:00,21:30
30 21 * * * $SELF --db $DB remind --notify --at 09:00,21:30"
    [ ! -e "$HOME/.config/systemd" ] || fail "unit folder made without systemd"
    expect_eq "$(calls)" ""
}

test_remind_when_systemctl_user_fails_prints_crontab_lines() {
    remind_setup
    FAIL_VERB=daemon-reload run ache remind --at 07:15
    expect_rc 0
    expect_err "ache remind: \`systemctl --user daemon-reload\` failed (Failed to connect to bus: No medium found), so no timer was installed.
To be reminded by cron instead, add this line to your crontab (crontab -e):"
    expect_out "15 7 * * * $SELF --db $DB remind --notify --at 07:15"
    [ ! -e "$UNITS/ache-remind.service" ] && [ ! -e "$UNITS/ache-remind.timer" ] ||
        fail "unit files left behind"
    expect_eq "$(calls)" "systemctl --user daemon-reload
systemctl --user daemon-reload"
}

test_remind_when_enable_fails_nothing_stays() {
    remind_setup
    FAIL_VERB=enable run ache remind --at 07:15
    expect_rc 0
    expect_err_has "\`systemctl --user enable --now\` failed (Failed to connect to bus: No medium found), so no timer was installed."
    expect_out "15 7 * * * $SELF --db $DB remind --notify --at 07:15"
    [ -z "$(ls -A "$UNITS")" ] || fail "unit files left behind: $(ls "$UNITS")"
    expect_eq "$(calls)" "systemctl --user daemon-reload
systemctl --user enable --now ache-remind.timer
systemctl --user daemon-reload"
}

test_remind_print_installs_nothing() {
    remind_setup
    run ache remind --print --at 09:00,21:00
    expect_rc 0
    expect_out "# $UNITS/ache-remind.service
$(expected_service "$SELF --db $DB remind --notify --at 09:00,21:00")

# $UNITS/ache-remind.timer
$(expected_timer_0900_2100)

# then: systemctl --user daemon-reload; systemctl --user enable --now ache-remind.timer"
    [ ! -e "$HOME/.config" ] || fail "--print made folders"
    expect_eq "$(calls)" ""
    run env PATH="$NOSYS" "$ACHE_BIN" remind --print --at 09:00
    expect_out "# systemctl is not on PATH: lines for crontab -e
0 9 * * * $SELF --db $DB remind --notify --at 09:00"
}

test_remind_off_removes_the_timer() {
    remind_setup
    ok ache remind --at 09:00
    mkdir -p "$UNITS/timers.target.wants"
    ln -s ../ache-remind.timer "$UNITS/timers.target.wants/ache-remind.timer"
    : >"$CALLS"
    run ache remind --off
    expect_rc 0
    expect_out "ache: reminders removed (the timer ache-remind.timer is off and its files are gone)"
    expect_eq "$(calls)" "systemctl --user disable --now ache-remind.timer
systemctl --user daemon-reload"
    expect_eq "$(find "$UNITS" -name "ache-remind*")" "" "files left"
    : >"$CALLS"
    run ache remind --off
    expect_rc 0
    expect_out "ache: no reminders were installed: nothing to remove (a line added to a crontab by hand stays: crontab -e)"
    expect_eq "$(calls)" ""
    run ache remind
    expect_out "ache: no reminders installed (\`ache remind --at 09:00,21:00\` sets them)"
}

test_remind_off_when_disable_fails_still_removes() {
    remind_setup
    ok ache remind --at 09:00
    FAIL_VERB=disable run ache remind --off
    expect_rc 0
    expect_err "ache remind: \`systemctl --user disable --now\` failed (Failed to connect to bus: No medium found); removing the files all the same"
    [ ! -e "$UNITS/ache-remind.timer" ] || fail "timer left"
}

expect_bad_remind() { # MESSAGE ARGS...
    local msg=$1
    shift
    run ache remind "$@"
    expect_rc 2
    expect_err "ache remind: $msg (see ache remind --help)"
    expect_out ""
    [ ! -e "$HOME/.config" ] || fail "'$*' made folders"
    expect_eq "$(calls)" "" "'$*' ran something"
}

test_remind_bad_input() {
    remind_setup
    expect_bad_remind "at: '25:00' is not a time of day (use HH:MM, from 00:00 to 23:59)" --at 25:00
    expect_bad_remind "at: '09:60' is not a time of day (use HH:MM, from 00:00 to 23:59)" --at 08:00,09:60
    expect_bad_remind "at: 'noon' is not a time of day (use HH:MM, from 00:00 to 23:59)" --at noon
    expect_bad_remind "at: give one or more times of day, as --at 09:00,21:00" --at ""
    expect_bad_remind "at: give one or more times of day, as --at 09:00,21:00" --at " "
    expect_bad_remind "at: a time is missing in '09:00,,21:00' (use HH:MM,HH:MM)" --at 09:00,,21:00
    expect_bad_remind "at: a time is missing in '09:00,' (use HH:MM,HH:MM)" --at 09:00,
    expect_bad_remind "at: 09:00 is given twice" --at 09:00,21:00,9:00
    expect_bad_remind "--off and --at cannot go together" --off --at 09:00
    expect_bad_remind "--off and --print cannot go together" --print --off
    expect_bad_remind "--off and --notify cannot go together" --off --notify
    expect_bad_remind "--notify and --print cannot go together" --notify --print --at 09:00
    expect_bad_remind "--print needs --at (the times to show)" --print
    expect_bad_remind "--at needs a value (HH:MM,...)" --at
    expect_bad_remind "unexpected 'soon'" soon
    # nothing already installed changes either
    ok ache remind --at 09:00
    cp "$UNITS/ache-remind.timer" before
    : >"$CALLS"
    run ache remind --off --at 10:00
    expect_rc 2
    cmp -s before "$UNITS/ache-remind.timer" || fail "timer changed by bad input"
    expect_eq "$(calls)" ""
}

# --notify: the clock is the diary's (ACHE_NOW); reminders at 09:00, 21:00.
notify_at() { # HH:MM [ARGS...]
    local when=$1
    shift
    : >"$CALLS"
    ACHE_NOW=2026-11-24T$when run ache remind --notify "$@"
}

test_remind_notify_without_a_checkin_sends_one() {
    remind_setup
    notify_at 09:00 --at 09:00,21:00
    expect_rc 0
    expect_out "ache: no check-in yet today; a reminder was sent"
    expect_eq "$(calls)" "[--app-name=ache] [ache] [A check-in, whenever it suits you.] "
    # a check-in of yesterday is not one of today
    ACHE_NOW=2026-11-23T20:00 ok ache add --pain 4
    notify_at 09:05 --at 09:00,21:00
    expect_out "ache: no check-in yet today; a reminder was sent"
}

test_remind_notify_after_a_checkin_stays_quiet() {
    remind_setup
    at 08:10 ok ache add --pain 3
    notify_at 09:00 --at 09:00,21:00
    expect_rc 0
    expect_out "ache: checked in at 08:10; no reminder"
    expect_eq "$(calls)" ""
}

test_remind_notify_counts_from_the_previous_time() {
    remind_setup
    at 08:10 ok ache add --pain 3
    notify_at 21:00 --at 09:00,21:00
    expect_out "ache: no check-in since 09:00; a reminder was sent"
    expect_eq "$(calls)" "[--app-name=ache] [ache] [A check-in, whenever it suits you.] "
    at 12:40 ok ache add --pain 5
    notify_at 21:00 --at 09:00,21:00
    expect_out "ache: checked in at 12:40; no reminder"
    expect_eq "$(calls)" ""
    # a reminder that comes late (the computer slept) still counts from
    # the one before it
    notify_at 23:30 --at 09:00,13:00,21:00
    expect_out "ache: no check-in since 13:00; a reminder was sent"
}

test_remind_notify_reads_the_installed_times() {
    remind_setup
    ok ache remind --at 09:00,21:00
    at 08:10 ok ache add --pain 3
    notify_at 21:00
    expect_out "ache: no check-in since 09:00; a reminder was sent"
    ok ache remind --off
    notify_at 21:00
    expect_out "ache: checked in at 08:10; no reminder"
}

test_remind_notify_with_no_diary_yet() {
    remind_setup
    notify_at 09:00 --at 09:00
    expect_rc 0
    expect_out "ache: no check-in yet today; a reminder was sent"
    [ ! -e "$ACHE_DB" ] || fail "--notify made a diary"
}

test_remind_notify_without_notify_send() {
    remind_setup
    ACHE_NOW=2026-11-24T21:00 run env PATH=/nonexistent "$ACHE_BIN" remind --notify --at 09:00,21:00
    expect_rc 0
    expect_out "ache: no check-in since 09:00 (notify-send is not on PATH, so no notification)"
}

test_remind_notify_when_notify_send_fails() {
    remind_setup
    NOTIFY_FAIL=1 notify_at 09:00 --at 09:00
    expect_rc 1
    expect_err "ache remind: notify-send failed (cannot reach the desktop)"
}

test_remind_notify_bad_times() {
    remind_setup
    notify_at 09:00 --at 9
    expect_rc 2
    expect_err "ache remind: at: '9' is not a time of day (use HH:MM, from 00:00 to 23:59) (see ache remind --help)"
    expect_eq "$(calls)" ""
}
