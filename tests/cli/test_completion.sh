# Shell completion: `ache _complete` and the scripts of data/completions,
# each sourced in its own shell (bash always; zsh and fish when they are
# installed, else skipped with a note), completing a tag name read from a
# test diary, a command and an option.

completion_setup() {
    SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../data/completions" && pwd)
    mkdir -p bin
    ln -sf "$ACHE_BIN" bin/ache
    export PATH="$PWD/bin:$PATH"
    ok ache add --pain 3 --tag zumba-class --tag zest
    ok ache --db other.db add --pain 2 --tag zither
    : >notes-for-clinic.txt
}

# bash_complete WORD...: what bash offers for the last word, one a line.
bash_complete() {
    bash --norc --noprofile -c 'source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ache
        printf "%s\n" "${COMPREPLY[@]}"' _ "$SCRIPTS/ache.bash" "$@"
}

# zsh_complete WORD...: what the zsh function offers for the last word,
# with compadd, compset and _files standing in for the completion system
# (which needs a terminal), filtering by the word as zsh does.
zsh_complete() {
    zsh -f -c 'compdef() { : }
        compset() { [[ $1 == -P && $PREFIX == *,* ]] && PREFIX=${PREFIX##*,}; return 0 }
        compadd() {
            local -a c; local x
            if [[ $1 == -a ]]; then c=(${(P)2}); else shift; c=("$@"); fi
            for x in $c; do [[ $x == ${PREFIX}* ]] && print -r -- $x; done
        }
        _files() { print -r -- "(files)" }
        source $1; shift
        words=("$@"); CURRENT=$#; PREFIX=${words[CURRENT]}
        _ache' _ "$SCRIPTS/_ache" "$@"
}

# fish_complete LINE: what fish offers at the end of LINE.
fish_complete() {
    fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
        "$SCRIPTS/ache.fish" "$1" | cut -f1
}

test_complete_names() {
    completion_setup
    ok ache _complete tags
    expect_out_has "zumba-class"
    expect_out_lacks "zither"
    ok ache --db other.db _complete tags
    expect_out_has "zither"
    run ache --db nowhere.db _complete tags
    expect_rc 0
    expect_out ""
    [ ! -e nowhere.db ] || fail "_complete made a diary"
    ok ache _complete commands
    expect_out_has "remind"
    expect_out_lacks "_complete"
    # every command of --help, and no other
    expect_eq "$OUT" "$(ache --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 { print $1 }')"
    ok ache _complete options -- report
    expect_eq "$OUT" "--from
--to
--format
--hide
--output
-o
--db
--help"
    ok ache _complete regions
    expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "19"
    expect_out_has "lower-back"
    ok ache fields add headache --kind rating
    ok ache _complete fields
    expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "pain"
    expect_out_has "headache"
}

test_complete_option_values() {
    completion_setup
    ok ache _complete arg -- export --format
    expect_out "csv
json
fhir"
    ok ache _complete arg -- chart --color
    expect_out "auto
always
never"
    ok ache _complete arg -- tags --kind
    expect_out "trigger
treatment
other"
    ok ache _complete arg -- fields --kind
    expect_out "rating
count
minutes
yesno"
    ok ache _complete arg -- edit --untag
    expect_out_has "zumba-class"
    ok ache _complete arg -- add --pain
    expect_out ""
    run ache _complete arg -- report -o
    expect_rc 3
    run ache _complete arg -- add --db
    expect_rc 3
    run ache _complete arg -- chart --ascii
    expect_rc 1
    run ache _complete arg -- add --nonsense
    expect_rc 1
    ok ache _complete words -- spark
    expect_out_has "fatigue"
    ok ache _complete words -- show
    expect_out ""
    ok ache _complete words -- tags
    expect_out_has "rename
merge
kind
rm"
    expect_out_has "zumba-class"
    run ache _complete nonsense
    expect_rc 2
    expect_err "ache _complete: 'nonsense' is not something to complete (use commands, options CMD, arg CMD OPTION, words CMD, fields, regions or tags) (see ache _complete --help)"
}

test_completion_bash() {
    completion_setup
    expect_eq "$(bash_complete ache add --tag zu)" "zumba-class" "tag"
    expect_eq "$(bash_complete ache --db other.db edit --untag z)" "zither" "tag of --db"
    expect_eq "$(bash_complete ache rem)" "remind" "command"
    expect_eq "$(bash_complete ache remind --no)" "--notify" "option"
    expect_eq "$(bash_complete ache add --regions neck,lower-b)" "neck,lower-back" "region"
    expect_eq "$(bash_complete ache chart --color al)" "always" "value"
    expect_eq "$(bash_complete ache report -o notes-f)" "notes-for-clinic.txt" "file"
}

test_completion_zsh() {
    command -v zsh >/dev/null || { echo "note: zsh is not installed; its completion is not tested" >&2; return 0; }
    completion_setup
    expect_eq "$(zsh_complete ache add --tag zu)" "zumba-class" "tag"
    expect_eq "$(zsh_complete ache --db other.db edit --untag z)" "zither" "tag of --db"
    expect_eq "$(zsh_complete ache rem)" "remind" "command"
    expect_eq "$(zsh_complete ache remind --no)" "--notify" "option"
    expect_eq "$(zsh_complete ache add --regions neck,lower-b)" "lower-back" "region"
    expect_eq "$(zsh_complete ache report -o x)" "(files)" "file"
    # compinit finds the function by its #compdef line
    run zsh -f -c 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -D
        print -r -- $_comps[ache]' _ "$SCRIPTS"
    expect_out "_ache"
}

test_completion_fish() {
    command -v fish >/dev/null || { echo "note: fish is not installed; its completion is not tested" >&2; return 0; }
    completion_setup
    expect_eq "$(fish_complete 'ache add --tag zu')" "zumba-class" "tag"
    expect_eq "$(fish_complete 'ache --db other.db edit --untag z')" "zither" "tag of --db"
    expect_eq "$(fish_complete 'ache rem')" "remind" "command"
    expect_eq "$(fish_complete 'ache remind --no')" "--notify" "option"
    expect_eq "$(fish_complete 'ache add --regions neck,lower-b')" "neck,lower-back" "region"
    expect_eq "$(fish_complete 'ache report -o notes-f')" "notes-for-clinic.txt" "file"
}
