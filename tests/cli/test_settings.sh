# The settings file: only a regular file of a sane size is read, never
# waited on; a relative HOME is ignored.

settings() {
    mkdir -p "$HOME/.config/ache"
    printf '%s' "$HOME/.config/ache/config"
}

# calendar under `timeout`: a hang fails (exit 124) rather than blocks.
calendar_within_5s() {
    run timeout 5 "$ACHE_BIN" calendar 2026-11 "$@"
}

test_settings_fifo_is_refused_not_waited_on() {
    ache add --date 2026-11-02 --pain 3 >/dev/null
    mkfifo "$(settings)"
    calendar_within_5s
    expect_rc 2
    expect_err "ache calendar: $HOME/.config/ache/config: not a regular file; a settings file is a few lines of text"
}

test_settings_link_to_dev_zero_is_refused() {
    ln -s /dev/zero "$(settings)"
    # a few MB of memory at most: reading /dev/zero to its end fails here
    # (not under AddressSanitizer, which reserves terabytes of address
    # space; the timeout still ends a read that never stops)
    local limit='ulimit -v 200000;'
    grep -q __asan_init "$ACHE_BIN" && limit=
    run bash -c "$limit"' exec timeout 5 "$0" calendar 2026-11' "$ACHE_BIN"
    expect_rc 2
    expect_err "ache calendar: $HOME/.config/ache/config: not a regular file; a settings file is a few lines of text"
}

test_settings_larger_than_64_kib_is_refused() {
    ache add --date 2026-11-02 --pain 3 >/dev/null
    head -c 66560 /dev/zero | tr '\0' '#' >"$(settings)"
    calendar_within_5s
    expect_rc 2
    expect_err "ache calendar: $HOME/.config/ache/config: larger than 64 KiB; a settings file is a few lines"
    # 64 KiB exactly is still a settings file
    { head -c 65535 /dev/zero | tr '\0' '#'; echo; } >"$(settings)"
    calendar_within_5s
    expect_rc 0
}

test_settings_nul_byte_is_refused_with_its_line() {
    printf '# mine\nweek_start = sun\0day\n' >"$(settings)"
    calendar_within_5s
    expect_rc 2
    expect_err "ache calendar: $HOME/.config/ache/config:2: a NUL byte (a settings file is text)"
}

# A relative HOME would have read ./rel/.config/ache/config (and put the
# diary under ./rel): it is ignored for the password database's home.
test_settings_relative_home_is_ignored() {
    ache add --date 2026-11-02 --pain 3 >/dev/null
    mkdir -p rel/.config/ache
    printf 'week_start = friday\n' >rel/.config/ache/config
    HOME=rel run "$ACHE_BIN" calendar 2026-11 --ascii
    expect_rc 0
    expect_out_has "Wk  Mo   Tu"
    HOME=./rel run "$ACHE_BIN" calendar 2026-11 --ascii
    expect_rc 0
}
