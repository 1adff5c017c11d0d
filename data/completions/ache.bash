# bash completion for ache(1): commands, their options, the values an
# option takes (fields, regions, tags, kinds, formats) and files. The names
# come from ache itself (`ache _complete`), so they follow the program and
# the diary named by --db on the line, else $ACHE_DB, else the default.

# Offers the lines of $1 that begin with the word being completed; in a
# list such as "neck,lower-b", only the part after the last comma.
_ache_offer() {
    local cur=$2 prefix=""
    if [[ $cur == *,* ]]; then
        prefix=${cur%,*},
        cur=${cur##*,}
    fi
    local IFS=$'\n'
    COMPREPLY=($(compgen -P "$prefix" -W "$1" -- "$cur"))
}

_ache_files() {
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$1"))
}

_ache() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd="" word i rc
    local -a db=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --db)
            word=${COMP_WORDS[i + 1]}
            [[ $word == "~/"* ]] && word=$HOME/${word#"~/"}
            db=(--db "$word")
            i=$((i + 1))
            ;;
        -*) ;;
        *) [[ -z $cmd ]] && cmd=$word ;;
        esac
    done
    COMPREPLY=()
    if [[ $prev == --db ]]; then
        _ache_files "$cur"
    elif [[ -z $cmd && $cur == -* ]]; then
        _ache_offer $'--db\n--help\n--version' "$cur"
    elif [[ -z $cmd ]]; then
        _ache_offer "$(command ache _complete commands 2>/dev/null)" "$cur"
    elif [[ $prev == -* ]] && {
        word=$(command ache "${db[@]}" _complete arg -- "$cmd" "$prev" 2>/dev/null)
        rc=$?
        ((rc == 0 || rc == 3))
    }; then
        # an option that takes a value: its values (3: a file's name)
        if ((rc == 3)); then _ache_files "$cur"; else _ache_offer "$word" "$cur"; fi
    elif [[ $cur == -* ]]; then
        _ache_offer "$(command ache _complete options -- "$cmd" 2>/dev/null)" "$cur"
    else
        word=$(command ache "${db[@]}" _complete words -- "$cmd" 2>/dev/null)
        if [[ -n $word ]]; then _ache_offer "$word" "$cur"; else _ache_files "$cur"; fi
    fi
}

complete -F _ache ache
