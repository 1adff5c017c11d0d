# fish completion for ache(1): commands, their options, the values an
# option takes (fields, regions, tags, kinds, formats) and files. The names
# come from ache itself (`ache _complete`), so they follow the program and
# the diary named by --db on the line, else $ACHE_DB, else the default.

# The command named on the line, and the --db given there.
function __ache_line
    set -l words (commandline -opc)
    set -l cmd
    set -l db
    set -l i 2
    while test $i -le (count $words)
        switch $words[$i]
            case --db
                set i (math $i + 1)
                set db --db $words[$i]
            case '-*'
            case '*'
                test -z "$cmd"; and set cmd $words[$i]
        end
        set i (math $i + 1)
    end
    printf '%s\n' "$cmd" $db
end

function __ache_complete
    set -l line (__ache_line)
    set -l cmd $line[1]
    set -l db $line[2..-1]
    set -l cur (commandline -ct)
    set -l prev (commandline -opc)[-1]
    set -l vals
    set -l rc 0
    if test "$prev" = --db
        __fish_complete_path $cur
    else if test -z "$cmd"; and string match -q -- '-*' $cur
        printf '%s\n' --db --help --version
    else if test -z "$cmd"
        command ache _complete commands 2>/dev/null
    else if string match -q -- '-*' $prev
        and begin
            set vals (command ache $db _complete arg -- $cmd $prev 2>/dev/null)
            set rc $status
            test $rc -eq 0 -o $rc -eq 3
        end
        # an option that takes a value: its values (3: a file's name)
        if test $rc -eq 3
            __fish_complete_path $cur
        else
            set -l prefix (string match -r -- '^.*,' $cur)
            for v in $vals
                echo "$prefix$v"
            end
        end
    else if string match -q -- '-*' $cur
        command ache _complete options -- $cmd 2>/dev/null
    else
        set vals (command ache $db _complete words -- $cmd 2>/dev/null)
        if test (count $vals) -gt 0
            printf '%s\n' $vals
        else
            __fish_complete_path $cur
        end
    end
end

complete -c ache -f -a '(__ache_complete)'
