/* The floor for `ache import`: what SQLite alone needs to store the same
 * check-ins and tag links in a diary of the same schema, with the same
 * settings, in one transaction. It copies them with INSERT ... SELECT from
 * a diary that already holds them (the bench's first import), in the same
 * order, so that no parsing, checking or per-row call of ache's is
 * counted: an import that costs little more than this spends its time
 * where the schema makes it. */
#include <stdio.h>

#include <sqlite3.h>

static const char copy_sql[] =
    "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
    " PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;"
    "BEGIN IMMEDIATE;"
    "INSERT OR IGNORE INTO tag (name, kind) SELECT name, kind FROM src.tag;"
    "INSERT INTO checkin (id, date, time, pain, fatigue, sleep_quality,"
    " sleep_hours, stiffness, fog, mood, activity, regions, note,"
    " created_at, updated_at)"
    " SELECT id, date, time, pain, fatigue, sleep_quality, sleep_hours,"
    " stiffness, fog, mood, activity, regions, note, created_at, updated_at"
    " FROM src.checkin ORDER BY n;"
    /* The source's keys run 1..N (see keys_dense), so each check-in has
     * the same key here, as ache knows it from the insert. */
    "INSERT INTO checkin_tag (checkin, tag_id)"
    " SELECT l.checkin, t.id FROM src.checkin_tag l"
    " JOIN src.tag st ON st.id = l.tag_id"
    " JOIN main.tag t ON t.name = st.name ORDER BY l.checkin;"
    "COMMIT;";

/* Whether the source's check-ins are keyed 1..N, as a fresh import's are,
 * and the diary to fill has none. */
static int keys_dense(sqlite3 *db)
{
    sqlite3_stmt *s = NULL;
    int ok = sqlite3_prepare_v2(db,
                                "SELECT (SELECT max(n) = count(*) FROM"
                                " src.checkin) AND NOT EXISTS (SELECT 1 FROM"
                                " main.checkin)",
                                -1, &s, NULL) == SQLITE_OK &&
             sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: import_floor EMPTY-DIARY FULL-DIARY\n", stderr);
        return 2;
    }
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_stmt *attach = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "ATTACH ?1 AS src", -1, &attach, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(attach, 1, argv[2], -1, SQLITE_STATIC);
        rc = sqlite3_step(attach) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(attach);
    if (rc == SQLITE_OK && !keys_dense(db)) {
        fprintf(stderr, "import_floor: %s must be empty and %s keyed 1..N\n",
                argv[1], argv[2]);
        sqlite3_close(db);
        return 1;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, copy_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "import_floor: %s: %s\n", argv[1], sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
