/* store_sql: the text of every statement the store prepares. Values are
 * always bound (?1, ?2...), never pasted into the text. */
#include "store_impl.h"

#include <stdbool.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/util.h"

/* Statements that name every field say so with a marker, filled in from
 * the field table (checkin_field_info) when the statement is first asked
 * for: the fields are listed in one place, and the statements follow it.
 *   {values}    the value columns: "pain, fatigue, ..."
 *   {X.values}  the same of the table named X: "c.pain, c.fatigue, ..."
 *   {params}    one "?" a value column (the next parameter numbers)
 *   {set}       "pain = ?, fatigue = ?, ..."
 *   {keep}      every part of an earlier version kept as it was first
 *               kept: the version holds the check-in as it was before the
 *               change, however many writes the change made
 *   {removed}   STORE_PART_REMOVED, the parts of a removal's version
 * The columns of a check-in come in the order of enum store_col, the last
 * being its tag names joined by ',' (a character no tag name holds). */
/* Tags as people look for them: triggers, treatments, the rest, each by
 * name. */
#define TAG_ORDER                                                          \
    " ORDER BY CASE t.kind WHEN 'trigger' THEN 0"                          \
    " WHEN 'treatment' THEN 1 ELSE 2 END, t.name"

#define CHECKIN_COLUMNS                                                       \
    "c.id, c.date, c.time, {c.values}, c.regions, c.note, c.created_at, "     \
    "c.updated_at, c.rev, (SELECT group_concat(t.name, ',') FROM "            \
    "checkin_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.checkin = c.n), " \
    "(SELECT group_concat(cv.field || ':' || cv.value, ',') FROM "           \
    "checkin_value cv WHERE cv.checkin = c.n)"

/* An earlier version's, up to the tags, which it keeps as text. */
#define VERSION_COLUMNS                                                       \
    "v.id, v.date, v.time, {v.values}, v.regions, v.note, v.created_at, "     \
    "v.updated_at, v.rev, v.tags, v.own, v.parts"

static const char *const templates[SS_STMT_COUNT] = {
    [SS_BEGIN] = "BEGIN IMMEDIATE",
    [SS_COMMIT] = "COMMIT",
    [SS_ROLLBACK] = "ROLLBACK",
    [SS_SAVEPOINT] = "SAVEPOINT store_write",
    [SS_RELEASE] = "RELEASE store_write",
    [SS_ROLLBACK_TO] = "ROLLBACK TO store_write",

    [SS_INSERT] = "INSERT INTO checkin (id, date, time, {values}, regions,"
                  " note, created_at, updated_at, rev, change)"
                  " VALUES (?, ?, ?, {params}, ?, ?, ?, ?, ?, ?)",
    [SS_UPDATE] = "UPDATE checkin SET date = ?2, time = ?3, {set},"
                  " regions = ?, note = ?, created_at = ?, updated_at = ?,"
                  " rev = ?, change = ? WHERE id = ?1",
    [SS_DELETE] = "DELETE FROM checkin WHERE n = ?1",
    [SS_STAMPS] =
        "SELECT created_at, updated_at, n FROM checkin WHERE id = ?1",
    [SS_GET] = "SELECT " CHECKIN_COLUMNS " FROM checkin c WHERE c.id = ?1",
    /* ?2 is the prefix followed by 'g', just above every hex digit, so the
     * range walks the primary key index. */
    [SS_PREFIX] = "SELECT count(*), min(id) FROM checkin"
                  " WHERE id >= ?1 AND id < ?2",
    [SS_COUNT] = "SELECT count(*) FROM checkin",
    /* Two subqueries: SQLite finds a lone min() or max() at one end of
     * the index, but both in one SELECT walk all of it. */
    [SS_SPAN] = "SELECT (SELECT min(date) FROM checkin),"
                " (SELECT max(date) FROM checkin)",
    /* Ordered as the index checkin_by_date, so no sorting is needed. */
    [SS_RANGE] = "SELECT " CHECKIN_COLUMNS " FROM checkin c"
                 " WHERE c.date >= ?1 AND c.date <= ?2"
                 " ORDER BY c.date, c.time, c.created_at, c.id",

    /* The notes of a range, for a search that reads them all: no index
     * of words is kept (see store.h). The date index gives the order. */
    [SS_NOTES] = "SELECT id, date, time, note FROM checkin"
                 " WHERE date >= ?1 AND date <= ?2 AND note IS NOT NULL"
                 " ORDER BY date, time, created_at, id",
    [SS_NOTES_DESC] = "SELECT id, date, time, note FROM checkin"
                      " WHERE date >= ?1 AND date <= ?2"
                      " AND note IS NOT NULL"
                      " ORDER BY date DESC, time DESC, created_at DESC,"
                      " id DESC",

    [SS_TAG_ENSURE] = "INSERT INTO tag (name, kind) VALUES (?1, ?2)"
                      " ON CONFLICT (name) DO NOTHING",
    [SS_TAG_FIND] = "SELECT kind FROM tag WHERE name = ?1",
    [SS_TAG_INSERT] = "INSERT INTO tag (name, kind) VALUES (?1, ?2)",
    [SS_TAGS_LIST] =
        "SELECT t.name, t.kind, count(ct.checkin) FROM tag t"
        " LEFT JOIN checkin_tag ct ON ct.tag_id = t.id GROUP BY t.id"
        TAG_ORDER,
    [SS_TAGS_KINDED] =
        "SELECT t.name, t.kind, 0 FROM tag t WHERE t.kind <> 'other'"
        TAG_ORDER,
    /* The diary's first ?2 check-ins by date (from the date index alone),
     * the earliest of them that carries the tag. */
    [SS_TAG_FIRST_EARLY] =
        "SELECT e.date FROM (SELECT n, date FROM checkin ORDER BY date"
        " LIMIT ?2) e WHERE EXISTS (SELECT 1 FROM checkin_tag ct"
        " WHERE ct.checkin = e.n"
        " AND ct.tag_id = (SELECT id FROM tag WHERE name = ?1))"
        " ORDER BY e.date LIMIT 1",
    /* Every use of the tag through its index: as dear as it has uses. */
    [SS_TAG_FIRST_USE] =
        "SELECT min(c.date) FROM checkin_tag ct"
        " JOIN checkin c ON c.n = ct.checkin"
        " WHERE ct.tag_id = (SELECT id FROM tag WHERE name = ?1)",
    /* OR IGNORE: a tag named twice on one check-in is stored once. */
    [SS_LINK] = "INSERT OR IGNORE INTO checkin_tag (checkin, tag_id)"
                " SELECT ?1, id FROM tag WHERE name = ?2",
    [SS_LINK_ID] = "INSERT OR IGNORE INTO checkin_tag (checkin, tag_id)"
                   " VALUES (?1, ?2)",
    [SS_TAG_ID] = "SELECT id FROM tag WHERE name = ?1",
    [SS_UNLINK_ALL] = "DELETE FROM checkin_tag WHERE checkin = ?1",
    [SS_OWN_PUT] = "INSERT INTO checkin_value (checkin, field, value)"
                   " VALUES (?1, ?2, ?3)",
    [SS_OWN_CLEAR] = "DELETE FROM checkin_value WHERE checkin = ?1",

    [SS_CURRENT] = "SELECT " CHECKIN_COLUMNS ", c.n, c.change FROM checkin c"
                   " WHERE c.id = ?1",
    [SS_DAY_ROWS] = "SELECT " CHECKIN_COLUMNS ", c.n FROM checkin c"
                    " WHERE c.date = ?1 ORDER BY c.time, c.created_at, c.id",
    /* Removed check-ins of a day as their removal kept them (a partial
     * index holds the removals by date). */
    [SS_REMOVED_ON_DAY] = "SELECT " VERSION_COLUMNS " FROM checkin_version v"
                          " JOIN checkin_deleted d ON d.id = v.id"
                          " AND d.change = v.change"
                          " WHERE v.date = ?1 AND v.parts >= {removed}",
    [SS_PREFIX_REMOVED] = "SELECT count(*), min(id) FROM checkin_deleted"
                          " WHERE id >= ?1 AND id < ?2",
    [SS_CHANGE_LAST] = "SELECT n, at FROM change ORDER BY n DESC LIMIT 1",
    [SS_CHANGE_INSERT] = "INSERT INTO change (at, source, detail, undoes)"
                         " VALUES (?1, ?2, ?3, ?4)",
    [SS_CHANGE_GET] = "SELECT n, at, source, detail, undoes FROM change"
                      " WHERE n = ?1",
    [SS_CHANGES_RECENT] = "SELECT n, at, source, detail, undoes FROM change"
                          " ORDER BY n DESC LIMIT ?1",
    [SS_VERSION_EXISTS] = "SELECT 1 FROM checkin_version"
                          " WHERE id = ?1 AND change = ?2",
    /* The row of a check-in before change ?2: a first write inserts it,
     * later writes of the same change add the parts they touch. */
    [SS_VERSION_KEEP] =
        "INSERT INTO checkin_version (id, date, time, {values}, regions,"
        " note, created_at, updated_at, rev, tags, own, change, parts,"
        " made_by) VALUES (?, ?, ?, {params}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id, change) DO UPDATE SET {keep},"
        " parts = parts | excluded.parts",
    [SS_VERSION_GET] = "SELECT " VERSION_COLUMNS " FROM checkin_version v"
                       " WHERE v.id = ?1 AND v.change = ?2",
    [SS_VERSIONS_OF] = "SELECT " VERSION_COLUMNS ", v.change, ch.at,"
                       " v.made_by, mb.source FROM checkin_version v"
                       " JOIN change ch ON ch.n = v.change"
                       " LEFT JOIN change mb ON mb.n = v.made_by"
                       " WHERE v.id = ?1 ORDER BY v.change DESC",
    [SS_TOMB_INSERT] = "INSERT INTO checkin_deleted (id, deleted_at, change)"
                       " VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET"
                       " deleted_at = excluded.deleted_at,"
                       " change = excluded.change",
    [SS_TOMB_GET] = "SELECT deleted_at, change FROM checkin_deleted"
                    " WHERE id = ?1",
    [SS_TOMB_DROP] = "DELETE FROM checkin_deleted WHERE id = ?1",
    [SS_CHANGED_BY] = "SELECT id FROM checkin WHERE change = ?1",
    [SS_REMOVED_BY] = "SELECT id FROM checkin_deleted WHERE change = ?1",
    /* Versions of check-ins dated ?1..?2 with the moment of their change;
     * whether that was after the day is for local time to say. That
     * moment is the updated_at of the version the change made: kept by
     * the check-in's next version, or the check-in's own when there is
     * none. Not the change's `at`: an import brings edits made elsewhere,
     * maybe long before it. */
    [SS_LATE_CHANGES] = "SELECT c.date, c.time, v.parts,"
                        " coalesce((SELECT w.updated_at FROM checkin_version w"
                        "  WHERE w.id = v.id AND w.change > v.change"
                        "  ORDER BY w.change LIMIT 1), c.updated_at)"
                        " FROM checkin c"
                        " JOIN checkin_version v ON v.id = c.id"
                        " WHERE c.date >= ?1 AND c.date <= ?2"
                        " AND v.parts < {removed}"
                        " ORDER BY c.date, c.time, v.change",
};

/* The column each part of a check-in is kept in (enum checkin_part). */
static const char *part_column(int part)
{
    static const char *const others[] = {[CP_DATE] = "date",
                                         [CP_TIME] = "time",
                                         [CP_REGIONS] = "regions",
                                         [CP_TAGS] = "tags",
                                         [CP_NOTE] = "note",
                                         [CP_OWN] = "own"};
    if (part >= CP_VALUE0 && part < CP_VALUE0 + CF_COUNT)
        return checkin_field_info((enum checkin_field)(part - CP_VALUE0))
            ->name;
    return others[part];
}

static bool marker_is(const char *name, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(name, word, len) == 0;
}

static void keep_parts(struct strbuf *sb)
{
    for (int i = 0; i < CP_COUNT; i++) {
        const char *col = part_column(i);
        strbuf_printf(sb,
                      "%s%s = CASE WHEN parts & %u THEN %s ELSE "
                      "excluded.%s END",
                      i ? ", " : "", col, 1u << i, col, col);
    }
}

/* Appends what the marker `name` (without its braces) stands for. */
static void expand_marker(struct strbuf *sb, const char *name, size_t len)
{
    if (marker_is(name, len, "keep")) {
        keep_parts(sb);
        return;
    }
    if (marker_is(name, len, "removed")) {
        strbuf_printf(sb, "%u", STORE_PART_REMOVED);
        return;
    }
    for (int f = 0; f < CF_COUNT; f++) {
        const char *col = checkin_field_info((enum checkin_field)f)->name;
        const char *sep = f ? ", " : "";
        if (marker_is(name, len, "params"))
            strbuf_printf(sb, "%s?", sep);
        else if (marker_is(name, len, "set"))
            strbuf_printf(sb, "%s%s = ?", sep, col);
        else /* "values" or "X.values": the alias is what precedes */
            strbuf_printf(sb, "%s%.*s%s", sep, (int)(len - 6), name, col);
    }
}

const char *store_sql(enum store_stmt id)
{
    static char *texts[SS_STMT_COUNT]; /* built once, kept for the run */
    if (texts[id])
        return texts[id];
    struct strbuf sb = {0};
    for (const char *p = templates[id]; *p;) {
        const char *open = strchr(p, '{');
        if (!open) {
            strbuf_append(&sb, p);
            break;
        }
        strbuf_printf(&sb, "%.*s", (int)(open - p), p);
        const char *close = strchr(open, '}');
        expand_marker(&sb, open + 1, (size_t)(close - open - 1));
        p = close + 1;
    }
    texts[id] = strbuf_take(&sb);
    return texts[id];
}
