# ache sync DIR: diaries on several machines through one folder. Each test
# has two or three diaries in its private folder (a.db, b.db, c.db) and
# the folder F, sealed with the passphrase in the file pass.

setup_sync() {
    printf 'correct horse battery\n' >pass
    chmod 600 pass
}

# A DIARY ARGS...: ache on diary DIARY (a, b or c).
on() {
    local d=$1
    shift
    ache --db "$PWD/$d.db" "$@"
}

# sync DIARY [ARGS...]: syncs diary DIARY through F.
sync_on() {
    local d=$1
    shift
    run ache --db "$PWD/$d.db" sync F --passphrase-file pass "$@"
}

device_of() { sqlite3 -cmd '.timeout 5000' "$1.db" "SELECT value FROM meta WHERE key = 'device_id'"; }
files_in() { find F -type f | sort; }
# The diary's check-ins as JSON, as an export gives them.
held() { on "$1" export --format json | sed -n '/"checkins"/,$p'; }

test_sync_two_diaries_meet_and_say_what_moved() {
    setup_sync
    at 08:00 on a add -p5 -t stress -n "laptop note" >/dev/null
    sync_on a
    expect_rc 0
    dev_a=$(device_of a)
    expect_out "started the sync folder F (sealed with your passphrase)
this diary syncs as device ${dev_a:0:8}
sent 1 check-in"
    at 08:30 on b add -p3 -n "desktop note" >/dev/null
    sync_on b
    dev_b=$(device_of b)
    expect_out "this diary syncs as device ${dev_b:0:8}
sent 1 check-in
received 1 check-in from 1 device"
    sync_on a
    expect_out "received 1 check-in from 1 device"
    expect_eq "$(held a)" "$(held b)" "both diaries hold the same"
    sync_on a
    expect_out "nothing new to send or receive in F"
    expect_rc 0
}

test_sync_folder_and_files_are_private() {
    setup_sync
    on a add -p5 >/dev/null
    sync_on a
    expect_eq "$(stat -c %a F)" 700 "the folder's mode"
    for f in $(find F -type f) $(find F -mindepth 1 -type d); do
        case $f in
        */*/*) expect_eq "$(stat -c %a "$f")" 600 "$f" ;;
        F/ache-sync) expect_eq "$(stat -c %a "$f")" 600 "$f" ;;
        *) expect_eq "$(stat -c %a "$f")" 700 "$f" ;;
        esac
    done
}

test_sync_folder_holds_no_plain_health_data() {
    setup_sync
    on a fields add zebraswelling --kind rating >/dev/null
    on a meds add quokkamycin --dose 200 --unit mg >/dev/null
    on a add -p7 -t wombatstrain -n "marmalade headache after the ferry" \
        --set zebraswelling=4 >/dev/null
    on a took quokkamycin >/dev/null
    sync_on a
    expect_rc 0
    for word in zebraswelling quokkamycin wombatstrain marmalade ferry; do
        if grep -rqa "$word" F; then fail "F holds '$word' in the clear"; fi
        if find F | grep -q "$word"; then fail "a name in F holds '$word'"; fi
    done
    sync_on b
    expect_out_has "received 1 check-in, 1 field, 1 medicine, 1 period, 1 dose, 1 tag from 1 device"
    expect_eq "$(held b)" "$(held a)" "b reads it all back"
}

test_sync_wrong_passphrase_is_refused_and_nothing_moves() {
    setup_sync
    on a add -p5 >/dev/null
    sync_on a
    printf 'wrong horse\n' >bad
    chmod 600 bad
    on b add -p4 >/dev/null
    before=$(files_in) held_b=$(held b)
    run on b sync F --passphrase-file bad
    expect_rc 1
    expect_err "ache sync: F: the passphrase does not open this sync folder"
    expect_eq "$(files_in)" "$before" "nothing written into F"
    expect_eq "$(held b)" "$held_b" "nothing applied"
    expect_eq "$(device_of b)" "" "b took no device id"
}

test_sync_plain_only_on_request_and_never_mixed() {
    setup_sync
    on a add -p5 >/dev/null
    run on a sync F --no-encrypt
    expect_rc 0
    expect_out_has "started the sync folder F (plain files: anyone who can read the folder reads the diary)"
    run on b sync F --passphrase-file pass
    expect_rc 1
    expect_err "ache sync: F: this sync folder is not sealed: give --no-encrypt to use it"
    run on b sync G --no-encrypt --passphrase-file pass
    expect_rc 2
    expect_err_has "ache sync: --no-encrypt takes no passphrase"
    run on a sync
    expect_rc 2
    expect_err_has "ache sync: give the sync folder: ache sync DIR"
    sync_on a
    sync_on c
    run on a sync H --passphrase-file pass
    expect_rc 0
    run on c sync H --no-encrypt
    expect_rc 1
    expect_err "ache sync: H: this sync folder is sealed: leave out --no-encrypt"
}

test_sync_passphrase_file_must_be_private_and_no_terminal_is_said() {
    setup_sync
    chmod 644 pass
    run on a sync F --passphrase-file pass
    expect_rc 1
    expect_err "ache sync: pass: readable by others: chmod 600 pass"
    run on a sync F
    expect_rc 1
    expect_err "ache sync: no terminal to ask the passphrase on: give --passphrase-file FILE"
    [ ! -e F ] || fail "F was made without a passphrase"
}

test_sync_an_edit_on_two_devices_is_a_conflict_with_both_kept() {
    setup_sync
    at 08:00 on a add -p5 -n "first" >/dev/null
    id=$(on a list | awk '{print $1}')
    sync_on a
    sync_on b
    at 09:00 on a edit "$id" -p 7 >/dev/null
    at 09:05 on b edit "$id" -p 2 -n "from the desktop" >/dev/null
    sync_on a
    sync_on b
    expect_out "sent 1 check-in
read 1 file: 1 version, 0 new, 1 older than this diary's (kept aside), 0 already here
conflict: check-in $id was changed on two devices since they last met; kept this diary's (the later), the other is in \`ache history $id\`"
    sync_on a
    expect_out "received 1 check-in from 1 device
conflict: check-in $id was changed on two devices since they last met; kept theirs (the later), the other is in \`ache history $id\`"
    expect_eq "$(held a)" "$(held b)" "the same version everywhere"
    # a took b's: its own is the version before in its history
    run on a history "$id"
    expect_out_has "2   2026-11-24 09:00  ache edit     pain 5 -> 7"
    expect_out_has "3   2026-11-24 09:05  ache sync     pain 7 -> 2, note changed  (now)"
    expect_out_lacks "not taken"
    # b kept its own: a's is kept aside
    run on b history "$id"
    expect_out_has "not taken: versions from other devices that a later one replaced
-   2026-11-24 09:00  device $(device_of a | cut -c1-8)  time 08:00, pain 7, a note  (a conflict)"
}

test_sync_a_clock_hours_fast_does_not_win_forever() {
    setup_sync
    at 08:00 on a add -p5 >/dev/null
    id=$(on a list | awk '{print $1}')
    sync_on a
    sync_on b
    # a's clock is five hours fast
    ACHE_NOW=2026-11-24T14:00 on a edit "$id" -p 8 >/dev/null
    ACHE_NOW=2026-11-24T14:00 run on a sync F --passphrase-file pass
    at 09:10 sync_on b
    expect_out "received 1 check-in from 1 device"
    at 09:20 on b edit "$id" -p 3 >/dev/null
    at 09:30 sync_on b
    ACHE_NOW=2026-11-24T14:40 run on a sync F --passphrase-file pass
    expect_out "received 1 check-in from 1 device"
    run on a list
    expect_out_has "pain=3"
    expect_eq "$(held a)" "$(held b)"
}

test_sync_a_removal_wins_over_an_older_edit_and_loses_to_a_newer() {
    setup_sync
    at 08:00 on a add -p5 -n one >/dev/null
    at 08:01 on a add -p6 -n two >/dev/null
    one=$(on a list | awk '/one/ {print $1}')
    two=$(on a list | awk '/two/ {print $1}')
    sync_on a
    sync_on b
    at 09:00 on b edit "$one" -p 1 >/dev/null
    at 09:10 on a rm "$one" >/dev/null
    at 09:20 on a rm "$two" >/dev/null
    at 09:30 on b edit "$two" -p 9 >/dev/null
    at 10:00 sync_on a
    at 10:01 sync_on b
    at 10:02 sync_on a
    run on a list
    expect_out_lacks "one"
    expect_out_has "pain=9"
    expect_eq "$(held a)" "$(held b)"
}

test_sync_a_half_copied_file_is_left_and_read_once_whole() {
    setup_sync
    on a add -p5 -n "all of it" >/dev/null
    sync_on a
    file=$(find F -name '*.ache')
    cp "$file" whole
    head -c 60 whole >"$file"
    sync_on b
    expect_rc 0
    expect_err "ache sync: left for the next sync:
$file: ends before its last part (still being copied?): left for the next sync"
    expect_eq "$(on b list)" "" "nothing applied"
    cp whole "$file"
    sync_on b
    expect_rc 0
    expect_out_has "received 1 check-in from 1 device"
}

test_sync_a_changed_file_is_refused_and_the_rest_goes_on() {
    setup_sync
    on a add -p5 >/dev/null
    sync_on a
    file=$(find F -name '*.ache')
    printf '\001' | dd of="$file" bs=1 seek=80 conv=notrunc 2>/dev/null
    on b add -p4 >/dev/null
    sync_on b
    expect_rc 1
    expect_err "ache sync: left for the next sync:
$file: fails its check (damaged, changed, or sealed with another passphrase): left as it is"
    expect_out_has "sent 1 check-in"
    expect_out_lacks "received"
    [ "$(on b list | wc -l)" -eq 1 ] || fail "b applied part of a changed file"
}

test_sync_a_copy_of_the_diary_syncs_as_a_new_device() {
    setup_sync
    on a add -p5 >/dev/null
    sync_on a
    dev_a=$(device_of a)
    cp a.db b.db
    on b add -p2 >/dev/null
    sync_on b
    dev_b=$(device_of b)
    [ "$dev_a" != "$dev_b" ] || fail "the copy kept the device id"
    expect_out "this diary is a copy of another (or a backup put back): it syncs as a new device, ${dev_b:0:8}
sent 1 check-in"
    expect_eq "$(ls F/"$dev_a" | wc -l)" 1 "the copy wrote nothing into a's folder"
    sync_on a
    expect_out "received 1 check-in from 1 device"
    expect_eq "$(held a)" "$(held b)"
}

test_sync_a_backup_put_back_takes_a_new_device_and_gets_what_came_after() {
    setup_sync
    at 08:00 on a add -p5 -n before >/dev/null
    sync_on a
    ok on a backup saved.db
    at 09:00 on a add -p6 -n after >/dev/null
    sync_on a
    cp saved.db a.db # the backup put back over the diary
    sync_on a
    expect_out_has "the folder holds files of this device that this diary did not write (a copy or a backup of it wrote them, or a sync was cut short): it syncs as a new device"
    expect_out_has "received 1 check-in from 1 device"
    run on a list
    expect_out_has "after"
}

test_sync_compact_writes_a_snapshot_a_new_machine_joins_from() {
    setup_sync
    for d in 1 2 3; do on a add -d -$d -p$d >/dev/null; sync_on a; done
    sync_on b
    on b add -d -5 -p4 >/dev/null
    sync_on b
    sync_on a --compact
    expect_out "received 1 check-in from 1 device
wrote a snapshot of this diary; removed 3 of this device's files it covers"
    dev_a=$(device_of a) dev_b=$(device_of b)
    expect_eq "$(ls F/"$dev_a")" "$(ls F/"$dev_a" | grep '\.snap$')" "a keeps its snapshot alone"
    expect_eq "$(ls F/"$dev_b" | wc -l)" 1 "b's file is b's to remove"
    sync_on c
    expect_out_has "received 4 check-ins from 1 device"
    expect_eq "$(held c)" "$(held a)"
    sync_on c
    expect_out "nothing new to send or receive in F"
}

test_sync_as_a_git_repository_never_changes_a_file() {
    command -v git >/dev/null || return 0
    setup_sync
    on a add -p5 >/dev/null
    sync_on a
    before=$(find F -type f -exec sha256sum {} + | sort)
    on a add -p6 >/dev/null
    sync_on a
    sync_on b
    after=$(find F -type f -exec sha256sum {} + | sort)
    while read -r line; do
        grep -qxF "$line" <<<"$after" || fail "a file changed or went: $line"
    done <<<"$before"
}

test_sync_a_field_renamed_apart_on_two_machines_still_syncs() {
    setup_sync
    on a fields add itch --kind rating >/dev/null
    at 08:00 on a add -p5 --set itch=3 >/dev/null
    sync_on a
    sync_on b
    at 09:00 on a fields rename itch itching >/dev/null
    at 09:01 on a add -p6 --set itching=4 >/dev/null
    at 09:05 on b fields rename itch scratch >/dev/null
    at 09:06 on b add -p7 --set scratch=5 >/dev/null
    at 10:00 sync_on a
    expect_rc 0
    at 10:01 sync_on b
    expect_rc 0
    expect_out_has "received 1 check-in from 1 device"
    at 10:02 sync_on a
    expect_rc 0
    expect_eq "$(held a)" "$(held b)" "the same check-ins"
    expect_eq "$(on a fields | grep -c scratch)" 1 "the later name won"
    run on b list
    expect_out_has "scratch=4"
    expect_out_has "scratch=5"
}

test_sync_a_file_brings_the_fields_and_medicines_it_names() {
    setup_sync
    on a fields add itch --kind rating >/dev/null
    on a meds add quokkamycin --dose 200 --unit mg >/dev/null
    sync_on a
    sync_on b
    at 09:00 on b add -p4 --set itch=2 >/dev/null
    at 09:01 on b took quokkamycin >/dev/null
    sync_on b
    dev_a=$(device_of a)
    mv "F/$dev_a" away # the carrier has not brought a's files to c yet
    sync_on c
    expect_rc 0
    expect_eq "$ERR" "" "nothing left"
    expect_out_has "received 1 check-in, 1 dose from 1 device"
    run on c list
    expect_out_has "itch=2"
    mv away "F/$dev_a"
    sync_on c
    expect_rc 0
    expect_eq "$(on c export --format json)" "$(on b export --format json)"
}

test_sync_a_tag_given_two_kinds_apart_is_a_conflict_by_name() {
    setup_sync
    sync_on a
    sync_on b
    at 09:00 on a tags kind stress treatment >/dev/null
    at 09:05 on b tags kind stress other >/dev/null
    at 10:00 sync_on a
    at 10:01 sync_on b
    expect_out_has "conflict: tag stress was changed on two devices since they last met; kept this diary's (the later)"
    at 10:02 sync_on a
    expect_out_has "conflict: tag stress was changed on two devices since they last met; kept theirs (the later)"
    expect_eq "$(on a tags | grep '^stress')" "$(on b tags | grep '^stress')"
    run on a tags
    expect_out_has "other"
}

test_sync_undo_does_not_take_back_what_a_sync_brought() {
    setup_sync
    on a add -p5 -n one >/dev/null
    sync_on a
    sync_on b
    before=$(held b)
    run on b undo
    expect_rc 1
    expect_err "ache undo: the latest change is a sync (change 1), which brought other devices' versions: it is not undone; change or remove what it brought instead (\`ache history\` lists each check-in's versions)"
    expect_eq "$(held b)" "$before" "nothing changed"
    on b add -p2 >/dev/null
    ok on b undo
    expect_eq "$(held b)" "$before" "b's own change is undone"
}
