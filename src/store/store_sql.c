/* store_sql: the text of every statement the store prepares. Values are
 * always bound (?1, ?2...), never pasted into the text. */
#include "store_impl.h"

#include "ache/checkin.h"

/* The columns of a check-in in the order of enum store_col: the eight
 * values follow enum checkin_field, and the last column is the check-in's
 * tag names joined by ',' (a character no tag name holds). */
#define CHECKIN_COLUMNS                                                  \
    "c.id, c.date, c.time, c.pain, c.fatigue, c.sleep_quality, "        \
    "c.sleep_hours, c.stiffness, c.fog, c.mood, c.activity, c.regions, " \
    "c.note, c.created_at, c.updated_at, c.rev, "                        \
    "(SELECT group_concat(t.name, ',') FROM checkin_tag ct "             \
    "JOIN tag t ON t.id = ct.tag_id WHERE ct.checkin = c.n)"

/* The columns of an earlier version, in the order of enum store_col up to
 * the tags, which it keeps as text. */
#define VERSION_COLUMNS                                                  \
    "v.id, v.date, v.time, v.pain, v.fatigue, v.sleep_quality, "        \
    "v.sleep_hours, v.stiffness, v.fog, v.mood, v.activity, v.regions, " \
    "v.note, v.created_at, v.updated_at, v.rev, v.tags, v.parts"

/* A kept part stays as it was first kept: the version holds the check-in
 * as it was before the change, however many writes the change made. */
#define KEEP(col, bit) col " = CASE WHEN parts & " #bit " THEN " col    \
                       " ELSE excluded." col " END"

const char *const store_sql[SS_STMT_COUNT] = {
    [SS_BEGIN] = "BEGIN IMMEDIATE",
    [SS_COMMIT] = "COMMIT",
    [SS_ROLLBACK] = "ROLLBACK",
    [SS_SAVEPOINT] = "SAVEPOINT store_write",
    [SS_RELEASE] = "RELEASE store_write",
    [SS_ROLLBACK_TO] = "ROLLBACK TO store_write",

    [SS_INSERT] =
        "INSERT INTO checkin (id, date, time, pain, fatigue, sleep_quality,"
        " sleep_hours, stiffness, fog, mood, activity, regions, note,"
        " created_at, updated_at, rev, change)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?15, ?16, ?17)",
    [SS_UPDATE] =
        "UPDATE checkin SET date = ?2, time = ?3, pain = ?4, fatigue = ?5,"
        " sleep_quality = ?6, sleep_hours = ?7, stiffness = ?8, fog = ?9,"
        " mood = ?10, activity = ?11, regions = ?12, note = ?13,"
        " created_at = ?14, updated_at = ?15, rev = ?16, change = ?17"
        " WHERE id = ?1",
    [SS_DELETE] = "DELETE FROM checkin WHERE n = ?1",
    [SS_STAMPS] = "SELECT created_at, updated_at, n FROM checkin WHERE id = ?1",
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

    [SS_TAG_ENSURE] = "INSERT INTO tag (name, kind) VALUES (?1, 'other')"
                      " ON CONFLICT (name) DO NOTHING",
    [SS_TAG_FIND] = "SELECT kind FROM tag WHERE name = ?1",
    [SS_TAG_INSERT] = "INSERT INTO tag (name, kind) VALUES (?1, ?2)",
    [SS_TAGS_LIST] =
        "SELECT t.name, t.kind, count(ct.checkin) FROM tag t"
        " LEFT JOIN checkin_tag ct ON ct.tag_id = t.id GROUP BY t.id"
        " ORDER BY CASE t.kind WHEN 'trigger' THEN 0"
        " WHEN 'treatment' THEN 1 ELSE 2 END, t.name",
    /* OR IGNORE: a tag named twice on one check-in is stored once. */
    [SS_LINK] = "INSERT OR IGNORE INTO checkin_tag (checkin, tag_id)"
                " SELECT ?1, id FROM tag WHERE name = ?2",
    [SS_LINK_ID] = "INSERT OR IGNORE INTO checkin_tag (checkin, tag_id)"
                   " VALUES (?1, ?2)",
    [SS_TAG_ID] = "SELECT id FROM tag WHERE name = ?1",
    [SS_UNLINK_ALL] = "DELETE FROM checkin_tag WHERE checkin = ?1",

    [SS_CURRENT] = "SELECT " CHECKIN_COLUMNS ", c.n, c.change FROM checkin c"
                   " WHERE c.id = ?1",
    [SS_DAY_ROWS] = "SELECT " CHECKIN_COLUMNS ", c.n FROM checkin c"
                    " WHERE c.date = ?1 ORDER BY c.time, c.created_at, c.id",
    /* Removed check-ins of a day as their removal kept them (a partial
     * index holds the removals by date). */
    [SS_REMOVED_ON_DAY] = "SELECT " VERSION_COLUMNS " FROM checkin_version v"
                          " JOIN checkin_deleted d ON d.id = v.id"
                          " AND d.change = v.change"
                          " WHERE v.date = ?1 AND v.parts >= 8192",
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
        "INSERT INTO checkin_version (id, date, time, pain, fatigue,"
        " sleep_quality, sleep_hours, stiffness, fog, mood, activity,"
        " regions, note, created_at, updated_at, rev, tags, change, parts,"
        " made_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?15, ?16, ?17, ?18, ?19, ?20)"
        " ON CONFLICT (id, change) DO UPDATE SET "
        KEEP("date", 1) ", " KEEP("time", 2) ", " KEEP("pain", 4) ", "
        KEEP("fatigue", 8) ", " KEEP("sleep_quality", 16) ", "
        KEEP("sleep_hours", 32) ", " KEEP("stiffness", 64) ", "
        KEEP("fog", 128) ", " KEEP("mood", 256) ", " KEEP("activity", 512)
        ", " KEEP("regions", 1024) ", " KEEP("tags", 2048) ", "
        KEEP("note", 4096) ", parts = parts | excluded.parts",
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
    [SS_LATE_CHANGES] =
        "SELECT c.date, c.time, v.parts,"
        " coalesce((SELECT w.updated_at FROM checkin_version w"
        "  WHERE w.id = v.id AND w.change > v.change"
        "  ORDER BY w.change LIMIT 1), c.updated_at)"
        " FROM checkin c"
        " JOIN checkin_version v ON v.id = c.id"
        " WHERE c.date >= ?1 AND c.date <= ?2"
        " AND v.parts < 8192"
        " ORDER BY c.date, c.time, v.change",
};

const char *const store_value_columns[CF_COUNT] = {
    [CF_PAIN] = "pain",
    [CF_FATIGUE] = "fatigue",
    [CF_SLEEP_QUALITY] = "sleep_quality",
    [CF_SLEEP_HOURS] = "sleep_hours",
    [CF_STIFFNESS] = "stiffness",
    [CF_FOG] = "fog",
    [CF_MOOD] = "mood",
    [CF_ACTIVITY] = "activity",
};
