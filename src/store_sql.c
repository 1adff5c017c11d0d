/* store_sql: the text of every statement the store prepares. Values are
 * always bound (?1, ?2...), never pasted into the text. */
#include "store_impl.h"

/* The columns of a check-in in the order store_checkin.c reads them: the
 * eight values follow enum checkin_field, and the last column is the
 * check-in's tag names joined by ',' (a character no tag name holds). */
#define CHECKIN_COLUMNS                                                  \
    "c.id, c.date, c.time, c.pain, c.fatigue, c.sleep_quality, "        \
    "c.sleep_hours, c.stiffness, c.fog, c.mood, c.activity, c.regions, " \
    "c.note, c.created_at, c.updated_at, "                               \
    "(SELECT group_concat(t.name, ',') FROM checkin_tag ct "             \
    "JOIN tag t ON t.id = ct.tag_id WHERE ct.checkin = c.n)"

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
        " created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?15)",
    [SS_UPDATE] =
        "UPDATE checkin SET date = ?2, time = ?3, pain = ?4, fatigue = ?5,"
        " sleep_quality = ?6, sleep_hours = ?7, stiffness = ?8, fog = ?9,"
        " mood = ?10, activity = ?11, regions = ?12, note = ?13,"
        " created_at = ?14, updated_at = ?15 WHERE id = ?1",
    [SS_DELETE] = "DELETE FROM checkin WHERE id = ?1",
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
