#!/bin/sh
# check_layers.sh [ROOT]: every #include of ROOT/src and ROOT/include
# against the layer table of ROOT/docs/ARCHITECTURE.md (the one place the
# layers are written). It fails when
#   - a module includes a header of a module in a higher layer (a larger
#     number in the table: 1 is the bottom);
#   - a file belongs to no module of the table, or a module there has no
#     files (so the table and the tree cannot drift apart);
#   - a header under src/ (a module's private *_impl.h) is included from
#     outside its own folder, or a quoted include names no file;
#   - a file outside src/store/ includes <sqlite3.h>, one outside
#     src/sync/ includes libsodium, or one other than src/term.c includes
#     curses.
# Files: src/NAME.c, include/ache/NAME.h -> module NAME; src/DIR/* -> DIR.
# Exit status: 0 in order, 1 with a line per problem, 2 when the table
# cannot be read.
set -u
root=${1:-.}
cd "$root" || exit 2
doc=docs/ARCHITECTURE.md
if [ ! -f "$doc" ]; then
    echo "check-layers: $doc: no such file" >&2
    exit 2
fi
IFS='
'
set -f
# shellcheck disable=SC2046 # one file a line
set -- $(find src include -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)
if [ $# -eq 0 ]; then
    echo "check-layers: no source files under $root" >&2
    exit 2
fi
exec awk -v doc="$doc" '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function complain(msg) { print msg | "cat >&2"; bad = 1 }
function give_up(msg) { print "check-layers: " msg | "cat >&2"; gave_up = 1; exit 2 }
function dir_of(path) { sub(/\/[^\/]*$/, "", path); return path }

# The module of a file, or "" for a file outside the layout.
function module_of(path,   p, n) {
    n = split(path, p, "/")
    if (n == 3 && p[1] == "include" && p[2] == "ache" && p[3] ~ /\.h$/)
        return substr(p[3], 1, length(p[3]) - 2)
    if (n == 2 && p[1] == "src" && p[2] ~ /\.[ch]$/)
        return substr(p[2], 1, length(p[2]) - 2)
    if (n >= 3 && p[1] == "src")
        return p[2]
    return ""
}

# a/b/../c/./d -> a/c/d
function normalize(path,   p, n, i, k, st, out) {
    n = split(path, p, "/")
    k = 0
    for (i = 1; i <= n; i++) {
        if (p[i] == "" || p[i] == ".")
            continue
        if (p[i] == ".." && k > 0 && st[k] != "..")
            k--
        else
            st[++k] = p[i]
    }
    out = st[1]
    for (i = 2; i <= k; i++)
        out = out "/" st[i]
    return out
}

# The table: a header row "| Layer | Modules | ...", then rows
# "| N name | `module`, `module` | ... |" numbered from 1.
function read_table(   line, lineno, in_table, rows, f, cell, m, name) {
    while ((getline line < doc) > 0) {
        lineno++
        if (!in_table) {
            if (line ~ /^[|][ \t]*Layer[ \t]*[|][ \t]*Modules[ \t]*[|]/)
                in_table = 1
            continue
        }
        if (line !~ /^[|]/)
            break
        if (line ~ /^[|][ \t:-]+[|]/)
            continue
        split(line, f, "|")
        cell = trim(f[2])
        if (cell !~ /^[0-9]+ [a-z]+$/)
            give_up(doc ":" lineno ": a layer is \"N name\", not \"" cell "\"")
        split(cell, m, " ")
        if (m[1] != ++rows)
            give_up(doc ":" lineno ": layer " m[1] " where " rows " was due")
        layer_name[rows] = m[2]
        nlayers = rows
        cell = f[3]
        while (match(cell, /`[a-z_][a-z0-9_]*`/)) {
            name = substr(cell, RSTART + 1, RLENGTH - 2)
            if (name in layer)
                give_up(doc ":" lineno ": module " name " is in two layers")
            layer[name] = rows
            cell = substr(cell, 1, RSTART - 1) substr(cell, RSTART + RLENGTH)
        }
        if (cell !~ /^[ \t,]*$/)
            give_up(doc ":" lineno ": modules are `name`s joined by commas, not \"" trim(cell) "\"")
    }
    close(doc)
    if (!rows)
        give_up(doc ": no layer table (a header row \"| Layer | Modules | ... |\" and rows \"| 1 base | `util`, ... |\")")
}

BEGIN {
    read_table()
    for (i = 1; i < ARGC; i++) {
        file = ARGV[i]
        exists[file] = 1
        m = module_of(file)
        if (m == "")
            complain(file ": belongs to no module (src/NAME.c, src/NAME/, include/ache/NAME.h)")
        else if (!(m in layer))
            complain(file ": module " m " is in no layer of " doc)
        else
            has_files[m] = 1
    }
    for (m in layer)
        if (!(m in has_files))
            complain(doc ": module " m " of the layer table has no files")
}

/^[ \t]*#[ \t]*include[ \t]*[<"]/ {
    includes++
    spec = $0
    sub(/^[ \t]*#[ \t]*include[ \t]*/, "", spec)
    quoted = substr(spec, 1, 1) == "\""
    end = index(substr(spec, 2), quoted ? "\"" : ">")
    name = substr(spec, 2, end - 1)
    shown = quoted ? name : "<" name ">"
    at = FILENAME ":" FNR ": includes "
    if (name ~ /^sqlite3(ext)?\.h$/) {
        if (FILENAME !~ /^src\/store\//)
            complain(at shown ", which only src/store/ may include")
        next
    }
    if (name ~ /^sodium(\.h$|\/)/) {
        if (FILENAME !~ /^src\/sync\//)
            complain(at shown ", which only src/sync/ may include")
        next
    }
    if (name ~ /^(n?curses|term|panel|menu|form|unctrl|termcap)\.h$/ || name ~ /^ncursesw?\//) {
        if (FILENAME != "src/term.c")
            complain(at shown ", which only src/term.c may include")
        next
    }
    if (!quoted && name !~ /^ache\//)
        next # the C library or POSIX
    target = name ~ /^ache\// ? "include/" name : normalize(dir_of(FILENAME) "/" name)
    if (!(target in exists)) {
        complain(at shown ", which is no file of src/ or include/")
        next
    }
    if (target ~ /^src\// && dir_of(target) != dir_of(FILENAME)) {
        complain(at shown ", private to " dir_of(target) "/")
        next
    }
    own = module_of(FILENAME)
    them = module_of(target)
    if ((own in layer) && (them in layer) && layer[them] > layer[own])
        complain(at shown " (" layer_name[layer[them]] ") from the " layer_name[layer[own]] " layer")
}

END {
    if (gave_up)
        exit 2
    if (bad)
        exit 1
    n = 0
    for (m in layer)
        n++
    printf "check-layers: %d files of %d modules in %d layers, %d includes in order\n", ARGC - 1, n, nlayers, includes
}
' "$@"
