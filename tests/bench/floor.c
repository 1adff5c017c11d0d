/* The floor for `ache chart`: the least a program can do with a diary,
 * which is to open it with SQLite, read its schema and exit.  A chart that
 * costs little more than this spends its time where it must. */
#include <stdio.h>

#include <sqlite3.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: floor DIARY\n", stderr);
        return 2;
    }
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL);
    /* Counting the schema's rows makes SQLite read and parse the schema,
     * as any real query would. */
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master",
                                -1, &s, NULL);
    if (rc == SQLITE_OK && sqlite3_step(s) != SQLITE_ROW)
        rc = SQLITE_ERROR;
    if (rc != SQLITE_OK)
        fprintf(stderr, "floor: %s: %s\n", argv[1], sqlite3_errmsg(db));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
