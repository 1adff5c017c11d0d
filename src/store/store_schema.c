/* store_schema: the schema, version by version, and the migrations that
 * bring any older diary up to STORE_SCHEMA_VERSION.
 *
 * PRAGMA user_version is the schema version. migrations[v] turns a version
 * v-1 diary into version v; each runs in its own BEGIN IMMEDIATE
 * transaction that also sets user_version, so a diary is always at exactly
 * one version, whatever interrupts the migration. A later change of schema
 * appends one entry here (never edits an old one) and raises
 * STORE_SCHEMA_VERSION; tests/unit/test_store.c keeps a frozen copy of every
 * older version to migrate from.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

#include "ache/fields.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"

/* Version 1. The CHECK constraints mirror the field table of checkin.h, so
 * that not even a program writing to the file behind ache's back can store
 * a pain of 11. NULL is an absent value (a NULL passes a CHECK). */
static const char schema_v1[] =
    "CREATE TABLE checkin ("
    " id TEXT PRIMARY KEY NOT NULL"
    "  CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),"
    " date TEXT NOT NULL"
    "  CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    "   AND date >= '0001-01-01' AND date(julianday(date)) IS date),"
    " time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'),"
    " pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    " fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),"
    " sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"
    " sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24"
    "  AND sleep_hours * 4 = round(sleep_hours * 4)),"
    " stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10),"
    " fog INTEGER CHECK (fog BETWEEN 0 AND 10),"
    " mood INTEGER CHECK (mood BETWEEN 0 AND 10),"
    " activity INTEGER CHECK (activity BETWEEN 0 AND 10),"
    " regions INTEGER NOT NULL DEFAULT 0"
    "  CHECK (regions BETWEEN 0 AND 524287),"
    " note TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 16384),"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL"
    ") STRICT;"
    /* Range queries and their order (date, time, created_at, id) come
     * straight from this index, without sorting. */
    "CREATE INDEX checkin_by_date ON checkin (date, time, created_at, id);"
    "CREATE TABLE tag ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE"
    "  CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40"
    "   AND name NOT GLOB '*[^-_0-9a-z\xc2\x80-\xf4\x8f\xbf\xbf]*'"
    "   AND name NOT GLOB '[-_]*'),"
    " kind TEXT NOT NULL CHECK (kind IN ('trigger', 'treatment', 'other'))"
    ") STRICT;"
    "CREATE TABLE checkin_tag ("
    " checkin_id TEXT NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,"
    " tag_id INTEGER NOT NULL REFERENCES tag (id),"
    " PRIMARY KEY (checkin_id, tag_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_tag_by_tag ON checkin_tag (tag_id);";

/* 32 lowercase hex digits, as one pattern without '*': SQLite matches it
 * in one pass, where '*[^0-9a-f]*' tried the class at every position. */
#define HEX "[0-9a-f]"
#define ID_PATTERN                                                       \
    "'" HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX \
    HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX "'"

/* Version 2: check-ins get a small integer key, n, and tags link to it
 * rather than to the 32-character id, and charts get an index of their
 * own. The checks of id and date are cheaper and as strict: date() of a
 * julianday() gives back only a canonical YYYY-MM-DD that exists. An
 * import runs them 100,000 times. An import adds check-ins in date
 * order, and so in key order: its links are appended instead of going to
 * random places in a tree keyed by random text (an import of 100,000
 * check-ins took three times as long), and the file is a third smaller.
 * The id keeps its own unique index, by which check-ins are found and
 * merged. The old tables are renamed away, copied and dropped; the copy
 * walks them in stored order and the new indexes take rows as they come,
 * so that no sort holds a long diary in memory. */
static const char schema_v2[] =
    "DROP INDEX checkin_by_date;"
    "DROP INDEX checkin_tag_by_tag;"
    "ALTER TABLE checkin_tag RENAME TO checkin_tag_v1;"
    "ALTER TABLE checkin RENAME TO checkin_v1;"
    "CREATE TABLE checkin ("
    " n INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL CHECK (id GLOB " ID_PATTERN "),"
    " date TEXT NOT NULL"
    "  CHECK (date >= '0001-01-01' AND date(julianday(date)) IS date),"
    " time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'),"
    " pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    " fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),"
    " sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"
    " sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24"
    "  AND sleep_hours * 4 = round(sleep_hours * 4)),"
    " stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10),"
    " fog INTEGER CHECK (fog BETWEEN 0 AND 10),"
    " mood INTEGER CHECK (mood BETWEEN 0 AND 10),"
    " activity INTEGER CHECK (activity BETWEEN 0 AND 10),"
    " regions INTEGER NOT NULL DEFAULT 0"
    "  CHECK (regions BETWEEN 0 AND 524287),"
    " note TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 16384),"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE UNIQUE INDEX checkin_by_id ON checkin (id);"
    "CREATE INDEX checkin_by_date ON checkin (date, time, created_at, id);"
    /* What charts read, by date: years of days come from a few pages of
     * this index instead of every page of the table, notes and all. */
    "CREATE INDEX checkin_values ON checkin (date, pain, fatigue,"
    " sleep_quality, sleep_hours, stiffness, fog, mood, activity, regions);"
    "CREATE TABLE checkin_tag ("
    " checkin INTEGER NOT NULL REFERENCES checkin (n) ON DELETE CASCADE,"
    " tag_id INTEGER NOT NULL REFERENCES tag (id),"
    " PRIMARY KEY (checkin, tag_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_tag_by_tag ON checkin_tag (tag_id);"
    "INSERT INTO checkin (id, date, time, pain, fatigue, sleep_quality,"
    " sleep_hours, stiffness, fog, mood, activity, regions, note,"
    " created_at, updated_at)"
    " SELECT id, date, time, pain, fatigue, sleep_quality, sleep_hours,"
    " stiffness, fog, mood, activity, regions, note, created_at, updated_at"
    " FROM checkin_v1;"
    /* CROSS JOIN keeps checkin outside: links come in key order. */
    "INSERT INTO checkin_tag (checkin, tag_id)"
    " SELECT c.n, old.tag_id FROM checkin c"
    " CROSS JOIN checkin_tag_v1 old ON old.checkin_id = c.id;"
    "DROP TABLE checkin_tag_v1;"
    "DROP TABLE checkin_v1;";

/* The checks of a check-in's content but its date, shared by the
 * check-ins and their earlier versions. */
#define DATE_CHECK                                                         \
    " CHECK (date >= '0001-01-01' AND date(julianday(date)) IS date),"
#define CONTENT_CHECKS                                                     \
    " time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'),"\
    " pain INTEGER CHECK (pain BETWEEN 0 AND 10),"                         \
    " fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),"                   \
    " sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"       \
    " sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24"                \
    "  AND sleep_hours * 4 = round(sleep_hours * 4)),"                     \
    " stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10),"               \
    " fog INTEGER CHECK (fog BETWEEN 0 AND 10),"                           \
    " mood INTEGER CHECK (mood BETWEEN 0 AND 10),"                         \
    " activity INTEGER CHECK (activity BETWEEN 0 AND 10),"                 \
    " note TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 16384),"

/* Version 3: nothing entered is lost. Every write belongs to a change
 * (the unit `ache undo` reverses); each check-in carries its revision,
 * which a write must name (so a stale copy is refused), and the change
 * that last wrote it. checkin_version keeps, for each change, what it
 * replaced of each check-in (only the parts it touched, so a ten-year
 * diary edited once over has a small history), and checkin_deleted a
 * tombstone for each removal, whose version keeps the check-in whole.
 * created_at may be unknown (NULL): a check-in imported without it must
 * not count as filled in later. meta holds what ache notes of the diary
 * itself. Making it nullable needs a new table,
 * copied as version 2's was, in stored order; n keeps its values, so the
 * tag links are copied as they are. */
static const char schema_v3[] =
    "DROP INDEX checkin_by_id;"
    "DROP INDEX checkin_by_date;"
    "DROP INDEX checkin_values;"
    "DROP INDEX checkin_tag_by_tag;"
    "ALTER TABLE checkin_tag RENAME TO checkin_tag_v2;"
    "ALTER TABLE checkin RENAME TO checkin_v2;"
    "CREATE TABLE change ("
    " n INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " source TEXT NOT NULL CHECK (source IN ('add', 'edit', 'rm', 'import',"
    "  'screen', 'undo', 'restore', 'demo')),"
    " detail TEXT CHECK (length(CAST(detail AS BLOB)) <= 4096),"
    " undoes INTEGER REFERENCES change (n)"
    ") STRICT;"
    "CREATE TABLE checkin ("
    " n INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL CHECK (id GLOB " ID_PATTERN "),"
    " date TEXT NOT NULL" DATE_CHECK
    CONTENT_CHECKS
    " regions INTEGER NOT NULL DEFAULT 0"
    "  CHECK (regions BETWEEN 0 AND 524287),"
    " created_at INTEGER,"
    " updated_at INTEGER NOT NULL,"
    " rev INTEGER NOT NULL DEFAULT 1 CHECK (rev >= 1),"
    " change INTEGER REFERENCES change (n)"
    ") STRICT;"
    "CREATE UNIQUE INDEX checkin_by_id ON checkin (id);"
    "CREATE INDEX checkin_by_date ON checkin (date, time, created_at, id);"
    "CREATE INDEX checkin_values ON checkin (date, pain, fatigue,"
    " sleep_quality, sleep_hours, stiffness, fog, mood, activity, regions);"
    "CREATE TABLE checkin_tag ("
    " checkin INTEGER NOT NULL REFERENCES checkin (n) ON DELETE CASCADE,"
    " tag_id INTEGER NOT NULL REFERENCES tag (id),"
    " PRIMARY KEY (checkin, tag_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_tag_by_tag ON checkin_tag (tag_id);"
    /* parts: a bit per enum checkin_part (the columns of parts not kept
     * are NULL), and 8192 when the change removed the check-in. tags: the
     * names joined by ','. made_by: the change that made this version.
     * created_at, which no change touches, only in a removal's. Rows are
     * found by id (a check-in's history, an undo's versions), so no other
     * index: the history of a ten-year diary edited once over stays a
     * third of the diary's size. */
    "CREATE TABLE checkin_version ("
    " id TEXT NOT NULL,"
    " change INTEGER NOT NULL REFERENCES change (n),"
    " parts INTEGER NOT NULL CHECK (parts BETWEEN 1 AND 16383),"
    " made_by INTEGER REFERENCES change (n),"
    " date TEXT" DATE_CHECK
    CONTENT_CHECKS
    " regions INTEGER CHECK (regions BETWEEN 0 AND 524287),"
    " tags TEXT,"
    " created_at INTEGER,"
    " updated_at INTEGER NOT NULL,"
    " rev INTEGER NOT NULL,"
    " PRIMARY KEY (id, change)"
    ") STRICT, WITHOUT ROWID;"
    /* An import finds by day a removed check-in a row without an id
     * equals. */
    "CREATE INDEX checkin_version_removed ON checkin_version (date)"
    " WHERE parts >= 8192;"
    "CREATE TABLE checkin_deleted ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " deleted_at INTEGER NOT NULL,"
    " change INTEGER NOT NULL REFERENCES change (n)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_deleted_by_change ON checkin_deleted (change);"
    /* What ache notes of the diary itself, such as the day it was last
     * checked for damage. */
    "CREATE TABLE meta ("
    " key TEXT PRIMARY KEY NOT NULL,"
    " value ANY"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO checkin (n, id, date, time, pain, fatigue, sleep_quality,"
    " sleep_hours, stiffness, fog, mood, activity, regions, note,"
    " created_at, updated_at)"
    " SELECT n, id, date, time, pain, fatigue, sleep_quality, sleep_hours,"
    " stiffness, fog, mood, activity, regions, note, created_at, updated_at"
    " FROM checkin_v2 ORDER BY n;"
    "INSERT INTO checkin_tag (checkin, tag_id)"
    " SELECT checkin, tag_id FROM checkin_tag_v2;"
    "DROP TABLE checkin_tag_v2;"
    "DROP TABLE checkin_v2;";

/* The checks of a record's stamps and revision, and of the change that
 * last wrote it, shared by the records of version 4. */
#define RECORD_STAMPS                                                      \
    " created_at INTEGER,"                                                 \
    " updated_at INTEGER NOT NULL,"                                        \
    " rev INTEGER NOT NULL DEFAULT 1 CHECK (rev >= 1),"                    \
    " change INTEGER REFERENCES change (n)"
#define TIME_CHECK " CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00')"
/* A medicine's amount: positive, and a unit of a few letters. */
#define AMOUNT_CHECK(col) " CHECK (" col " > 0 AND " col " <= 1000000),"
#define UNIT_CHECK                                                         \
    " CHECK (length(CAST(unit AS BLOB)) BETWEEN 1 AND 16"                  \
    "  AND unit NOT GLOB '*[^a-z%]*'),"

/* Version 4: the fields become data, and medicines arrive.
 *
 * field holds every field a check-in can carry: the eight built in (keys
 * 0-7, their values in checkin's own columns, their label and words NULL
 * while they are ache's) and a person's own (keys from 8 up, their values
 * in checkin_value, one row per value given: an absent value has no row).
 * Own values are one part of a check-in (own, bit 13 of a version's
 * parts), kept in a version as "key:value" joined by ','; a removal's
 * parts move from 8192 to 16384, so checkin_version is rebuilt as version
 * 3's tables were, its removals' parts rewritten (the old 8192 bit now
 * says the own part is kept: a removal keeps the check-in whole, and
 * before version 4 it had no own values).
 *
 * A medicine (med) is taken in periods (med_period), each a regimen from
 * its start up to the day it stopped (stop, not itself taken; NULL while
 * it goes on); a change of dose ends one period and begins the next on the
 * same day. dose holds each dose taken. Fields, medicines, periods and
 * doses carry a random id, stamps, a revision and the change that wrote
 * them last, as check-ins do; record_version keeps each as it was before
 * a change wrote over or removed it (whole, as JSON, these being small),
 * and record_deleted a tombstone for each removal. */
static const char schema_v4[] =
    /* change takes the sources of the new commands. It is the parent of
     * most tables: rebuilt with foreign keys off (see migrate_step), under
     * a new name renamed to the old, so that every reference to "change"
     * names the new table. */
    "CREATE TABLE change_v4 ("
    " n INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " source TEXT NOT NULL CHECK (source IN ('add', 'edit', 'rm', 'import',"
    "  'screen', 'undo', 'restore', 'demo', 'fields', 'meds', 'took')),"
    " detail TEXT CHECK (length(CAST(detail AS BLOB)) <= 4096),"
    " undoes INTEGER REFERENCES change (n)"
    ") STRICT;"
    "INSERT INTO change_v4 (n, at, source, detail, undoes)"
    " SELECT n, at, source, detail, undoes FROM change ORDER BY n;"
    "DROP TABLE change;"
    "ALTER TABLE change_v4 RENAME TO change;"
    "DROP INDEX checkin_version_removed;"
    "ALTER TABLE checkin_version RENAME TO checkin_version_v3;"
    "CREATE TABLE checkin_version ("
    " id TEXT NOT NULL,"
    " change INTEGER NOT NULL REFERENCES change (n),"
    " parts INTEGER NOT NULL CHECK (parts BETWEEN 1 AND 32767),"
    " made_by INTEGER REFERENCES change (n),"
    " date TEXT" DATE_CHECK
    CONTENT_CHECKS
    " regions INTEGER CHECK (regions BETWEEN 0 AND 524287),"
    " tags TEXT,"
    " own TEXT,"
    " created_at INTEGER,"
    " updated_at INTEGER NOT NULL,"
    " rev INTEGER NOT NULL,"
    " PRIMARY KEY (id, change)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_version_removed ON checkin_version (date)"
    " WHERE parts >= 16384;"
    "INSERT INTO checkin_version (id, change, parts, made_by, date, time,"
    " pain, fatigue, sleep_quality, sleep_hours, stiffness, fog, mood,"
    " activity, note, regions, tags, created_at, updated_at, rev)"
    " SELECT id, change, CASE WHEN parts >= 8192 THEN parts | 16384"
    " ELSE parts END, made_by, date, time, pain, fatigue, sleep_quality,"
    " sleep_hours, stiffness, fog, mood, activity, note, regions, tags,"
    " created_at, updated_at, rev FROM checkin_version_v3"
    " ORDER BY id, change;"
    "DROP TABLE checkin_version_v3;"
    "CREATE TABLE field ("
    " n INTEGER PRIMARY KEY CHECK (n >= 0),"
    " id TEXT NOT NULL UNIQUE CHECK (id GLOB " ID_PATTERN "),"
    " name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 32"
    "  AND name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'),"
    " kind TEXT NOT NULL"
    "  CHECK (kind IN ('rating', 'hours', 'count', 'minutes', 'yesno')),"
    " label TEXT CHECK (length(CAST(label AS BLOB)) BETWEEN 1 AND 64),"
    " low_word TEXT CHECK (length(CAST(low_word AS BLOB)) BETWEEN 1 AND 40),"
    " high_word TEXT"
    "  CHECK (length(CAST(high_word AS BLOB)) BETWEEN 1 AND 40),"
    " weekly INTEGER NOT NULL DEFAULT 0 CHECK (weekly IN (0, 1)),"
    " hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),"
    RECORD_STAMPS
    ") STRICT;"
    "CREATE TABLE checkin_value ("
    " checkin INTEGER NOT NULL REFERENCES checkin (n) ON DELETE CASCADE,"
    " field INTEGER NOT NULL REFERENCES field (n) CHECK (field >= 8),"
    " value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 9999),"
    " PRIMARY KEY (checkin, field)"
    ") STRICT, WITHOUT ROWID;"
    /* A chart of one field reads its values from this index alone. */
    "CREATE INDEX checkin_value_by_field ON checkin_value"
    " (field, checkin, value);";

/* Version 4's medicines, doses and the history of records (a second text:
 * C compilers need not take string constants much over 4 KiB). */
static const char schema_v4_records[] =
    "CREATE TABLE med ("
    " n INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE CHECK (id GLOB " ID_PATTERN "),"
    " name TEXT NOT NULL UNIQUE COLLATE NOCASE"
    "  CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40"
    "   AND name = trim(name) AND instr(name, ',') = 0),"
    RECORD_STAMPS
    ") STRICT;"
    "CREATE TABLE med_period ("
    " n INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE CHECK (id GLOB " ID_PATTERN "),"
    " med INTEGER NOT NULL REFERENCES med (n) ON DELETE CASCADE,"
    " start TEXT NOT NULL"
    "  CHECK (start >= '0001-01-01' AND date(julianday(start)) IS start),"
    " stop TEXT CHECK (stop >= start AND date(julianday(stop)) IS stop),"
    " dose REAL" AMOUNT_CHECK("dose")
    " unit TEXT" UNIT_CHECK
    " times TEXT CHECK (length(times) BETWEEN 5 AND 71"
    "  AND times GLOB '[0-2][0-9]:[0-5][0-9]*'"
    "  AND times NOT GLOB '*[^0-9:,]*'),"
    " as_needed INTEGER NOT NULL DEFAULT 0 CHECK (as_needed IN (0, 1)),"
    RECORD_STAMPS
    ") STRICT;"
    "CREATE INDEX med_period_by_med ON med_period (med, start);"
    "CREATE TABLE dose ("
    " n INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE CHECK (id GLOB " ID_PATTERN "),"
    " med INTEGER NOT NULL REFERENCES med (n),"
    " date TEXT NOT NULL" DATE_CHECK
    " time TEXT" TIME_CHECK ","
    " amount REAL" AMOUNT_CHECK("amount")
    " unit TEXT" UNIT_CHECK
    RECORD_STAMPS
    ") STRICT;"
    "CREATE INDEX dose_by_date ON dose (date, time);"
    "CREATE INDEX dose_by_med ON dose (med, date, time);"
    "CREATE TABLE record_version ("
    " id TEXT NOT NULL,"
    " change INTEGER NOT NULL REFERENCES change (n),"
    " kind TEXT NOT NULL CHECK (kind IN ('field', 'med', 'period', 'dose')),"
    " removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),"
    " made_by INTEGER REFERENCES change (n),"
    " body TEXT NOT NULL CHECK (json_valid(body)),"
    " updated_at INTEGER NOT NULL,"
    " rev INTEGER NOT NULL,"
    " PRIMARY KEY (id, change)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE record_deleted ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('field', 'med', 'period', 'dose')),"
    " deleted_at INTEGER NOT NULL,"
    " change INTEGER NOT NULL REFERENCES change (n)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX record_deleted_by_change ON record_deleted (change);";

/* Version 5: tags become records like fields and medicines, so that they
 * can be renamed, merged, given another kind and removed with their
 * history kept (`ache tags`), and copies of a diary merged later.
 *
 * tag keeps its integer key (checkin_tag links to it) and gains a random
 * id (uid: "id" is taken by the key), stamps, a revision and the change
 * that wrote it last. A tag made where a check-in names it, or by an
 * import, takes its random id from the default and stamps of 0 (unknown):
 * only `ache tags` writes them. change takes the source "tags", and
 * record_version and record_deleted the kind "tag"; all three are rebuilt
 * as version 4 rebuilt change, under new names renamed to the old. */
static const char schema_v5[] =
    "CREATE TABLE change_v5 ("
    " n INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " source TEXT NOT NULL CHECK (source IN ('add', 'edit', 'rm', 'import',"
    "  'screen', 'undo', 'restore', 'demo', 'fields', 'meds', 'took',"
    "  'tags')),"
    " detail TEXT CHECK (length(CAST(detail AS BLOB)) <= 4096),"
    " undoes INTEGER REFERENCES change (n)"
    ") STRICT;"
    "INSERT INTO change_v5 (n, at, source, detail, undoes)"
    " SELECT n, at, source, detail, undoes FROM change ORDER BY n;"
    "DROP TABLE change;"
    "ALTER TABLE change_v5 RENAME TO change;"
    "CREATE TABLE tag_v5 ("
    " id INTEGER PRIMARY KEY,"
    " uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16))))"
    "  CHECK (uid GLOB " ID_PATTERN "),"
    " name TEXT NOT NULL UNIQUE"
    "  CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40"
    "   AND name NOT GLOB '*[^-_0-9a-z\xc2\x80-\xf4\x8f\xbf\xbf]*'"
    "   AND name NOT GLOB '[-_]*'),"
    " kind TEXT NOT NULL CHECK (kind IN ('trigger', 'treatment', 'other')),"
    " created_at INTEGER,"
    " updated_at INTEGER NOT NULL DEFAULT 0,"
    " rev INTEGER NOT NULL DEFAULT 1 CHECK (rev >= 1),"
    " change INTEGER REFERENCES change (n)"
    ") STRICT;"
    "INSERT INTO tag_v5 (id, name, kind) SELECT id, name, kind FROM tag"
    " ORDER BY id;"
    "DROP TABLE tag;"
    "ALTER TABLE tag_v5 RENAME TO tag;"
    "CREATE TABLE record_version_v5 ("
    " id TEXT NOT NULL,"
    " change INTEGER NOT NULL REFERENCES change (n),"
    " kind TEXT NOT NULL"
    "  CHECK (kind IN ('field', 'med', 'period', 'dose', 'tag')),"
    " removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),"
    " made_by INTEGER REFERENCES change (n),"
    " body TEXT NOT NULL CHECK (json_valid(body)),"
    " updated_at INTEGER NOT NULL,"
    " rev INTEGER NOT NULL,"
    " PRIMARY KEY (id, change)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO record_version_v5 (id, change, kind, removed, made_by, body,"
    " updated_at, rev) SELECT id, change, kind, removed, made_by, body,"
    " updated_at, rev FROM record_version ORDER BY id, change;"
    "DROP TABLE record_version;"
    "ALTER TABLE record_version_v5 RENAME TO record_version;"
    "CREATE TABLE record_deleted_v5 ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " kind TEXT NOT NULL"
    "  CHECK (kind IN ('field', 'med', 'period', 'dose', 'tag')),"
    " deleted_at INTEGER NOT NULL,"
    " change INTEGER NOT NULL REFERENCES change (n)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO record_deleted_v5 (id, kind, deleted_at, change)"
    " SELECT id, kind, deleted_at, change FROM record_deleted ORDER BY id;"
    "DROP TABLE record_deleted;"
    "ALTER TABLE record_deleted_v5 RENAME TO record_deleted;"
    "CREATE INDEX record_deleted_by_change ON record_deleted (change);";

/* Version 6: a diary syncs through a folder (src/sync/, store_sync.c).
 * change takes the source "sync" (what a sync applied of other devices'
 * files). sync_version holds every version of a record the syncs have
 * seen or sent: its stamp (a hybrid logical clock and the device that
 * made it) and the stamp of the version it was made from, so that the
 * latest by stamp is the record's own and an edit made from an older one
 * is told apart as a conflict. A tag is named by its name there (kind
 * 'tag'), as check-ins name it. sync_other keeps the versions a sync saw
 * but did not take (they lost to a later one) whole, as the sync file
 * gave them, for `ache history` and `ache sync --conflicts`. sync_file
 * lists the files of the folder this diary wrote or applied. */
static const char schema_v6[] =
    "CREATE TABLE change_v6 ("
    " n INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " source TEXT NOT NULL CHECK (source IN ('add', 'edit', 'rm', 'import',"
    "  'screen', 'undo', 'restore', 'demo', 'fields', 'meds', 'took',"
    "  'tags', 'sync')),"
    " detail TEXT CHECK (length(CAST(detail AS BLOB)) <= 4096),"
    " undoes INTEGER REFERENCES change (n)"
    ") STRICT;"
    "INSERT INTO change_v6 (n, at, source, detail, undoes)"
    " SELECT n, at, source, detail, undoes FROM change ORDER BY n;"
    "DROP TABLE change;"
    "ALTER TABLE change_v6 RENAME TO change;"
    "CREATE TABLE sync_version ("
    " kind TEXT NOT NULL CHECK (kind IN ('checkin', 'field', 'med',"
    "  'period', 'dose', 'tag')),"
    " id TEXT NOT NULL CHECK (length(CAST(id AS BLOB)) BETWEEN 1 AND 40),"
    " hlc INTEGER NOT NULL CHECK (hlc >= 0),"
    " device TEXT NOT NULL CHECK (device GLOB " ID_PATTERN "),"
    " parent_hlc INTEGER CHECK (parent_hlc >= 0),"
    " parent_device TEXT CHECK (parent_device GLOB " ID_PATTERN "),"
    " removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),"
    " PRIMARY KEY (kind, id, hlc, device)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE sync_other ("
    " kind TEXT NOT NULL CHECK (kind IN ('checkin', 'field', 'med',"
    "  'period', 'dose', 'tag')),"
    " id TEXT NOT NULL CHECK (length(CAST(id AS BLOB)) BETWEEN 1 AND 40),"
    " hlc INTEGER NOT NULL CHECK (hlc >= 0),"
    " device TEXT NOT NULL CHECK (device GLOB " ID_PATTERN "),"
    " removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),"
    " body TEXT CHECK (length(CAST(body AS BLOB)) <= 65536),"
    " conflict INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1)),"
    " change INTEGER NOT NULL REFERENCES change (n),"
    " PRIMARY KEY (kind, id, hlc, device)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE sync_file ("
    " device TEXT NOT NULL CHECK (device GLOB " ID_PATTERN "),"
    " name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 63),"
    " own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),"
    " PRIMARY KEY (device, name)"
    ") STRICT, WITHOUT ROWID;";

/* A new diary starts with the catalogue of data/tags.tsv. */
static enum ache_status seed_catalogue(struct store *st, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_TAG_INSERT, &s, err);
    for (size_t i = 0; status == ACHE_OK && i < tag_catalogue_size(); i++) {
        sqlite3_bind_text(s, 1, tag_catalogue_name(i), -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, tag_kind_name(tag_catalogue_kind(i)), -1,
                          SQLITE_STATIC);
        int rc = sqlite3_step(s);
        if (rc != SQLITE_DONE)
            status = store_db_fail(st, rc, err, "adding the tag catalogue");
        store_stmt_done(s);
    }
    return status;
}

/* Version 4 lists the built-in fields, keyed by their place in enum
 * checkin_field, with ids every copy of a diary shares (a later merge
 * knows "pain" is "pain"). Their label and words stay NULL: ache's own,
 * which a later ache may word better. */
static enum ache_status seed_fields(struct store *st, struct ache_err *err)
{
    static const char sql[] =
        "INSERT INTO field (n, id, name, kind, updated_at, rev)"
        " VALUES (?1, ?2, ?3, ?4, 0, 1)";
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    for (int f = 0; rc == SQLITE_OK && f < CF_COUNT; f++) {
        const struct field_info *fi = checkin_field_info((enum checkin_field)f);
        char id[CHECKIN_ID_LEN + 1];
        snprintf(id, sizeof id, "%032x", f + 1);
        sqlite3_bind_int(s, 1, f);
        sqlite3_bind_text(s, 2, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, fi->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, field_kind_name(fi->kind), -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        rc = rc == SQLITE_DONE ? sqlite3_reset(s) : rc;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_OK ? ACHE_OK
                           : store_db_fail(st, rc, err, "listing the fields");
}

struct migration {
    const char *sql, *more; /* more: run after sql, when not NULL */
    /* It rebuilds a table others refer to: foreign keys are off while it
     * runs (they cannot be turned off inside a transaction, nor a parent
     * dropped with them on), and checked whole before it commits. */
    bool rebuilds_parent;
    /* Data the new version needs, run after sql in the same transaction. */
    enum ache_status (*fill)(struct store *st, struct ache_err *err);
};

static const struct migration migrations[] = {
    {NULL, NULL, false, NULL}, /* version 0: the empty file */
    {schema_v1, NULL, false, seed_catalogue},
    {schema_v2, NULL, false, NULL},
    {schema_v3, NULL, false, NULL},
    {schema_v4, schema_v4_records, true, seed_fields},
    {schema_v5, NULL, true, NULL},
    {schema_v6, NULL, true, NULL},
};

_Static_assert(sizeof migrations / sizeof migrations[0] ==
                   STORE_SCHEMA_VERSION + 1,
               "one migration per schema version");

enum ache_status store_check_version(struct store *st, long version,
                                     struct ache_err *err)
{
    if (version <= STORE_SCHEMA_VERSION)
        return ACHE_OK;
    return ache_fail(err, ACHE_ERR_REFUSED,
                     "%s: written by a newer ache (schema %ld, this ache "
                     "knows up to %d); upgrade ache",
                     st->path, version, STORE_SCHEMA_VERSION);
}

static enum ache_status read_version(struct store *st, long *version,
                                     struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
        *version = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return store_db_fail(st, rc, err, "reading the schema version");
    return ACHE_OK;
}

/* Refuses the upgrade to `to` when a row refers to one that is not there
 * (the rebuild ran with foreign keys off): such a diary was damaged
 * before, and `ache check` says where. */
static enum ache_status references_sound(struct store *st, long to,
                                         struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s,
                                NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return ACHE_OK;
    if (rc == SQLITE_ROW)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: cannot upgrade to schema %ld: some rows refer "
                         "to rows that are not there (`ache check` says "
                         "which); nothing was changed",
                         st->path, to);
    return store_db_fail(st, rc, err, "checking the upgrade");
}

/* The SQL of migration `to` plus the new user_version (a PRAGMA takes no
 * bound values; the numbers pasted in are ache's own constants). */
static enum ache_status apply(struct store *st, long to, struct ache_err *err)
{
    const struct migration *m = &migrations[to];
    char pragmas[96];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA user_version = %ld; PRAGMA application_id = %ld;", to,
             (long)STORE_APPLICATION_ID);
    int rc = sqlite3_exec(st->db, m->sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK && m->more)
        rc = sqlite3_exec(st->db, m->more, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, pragmas, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        char doing[48];
        snprintf(doing, sizeof doing, "upgrading to schema %ld", to);
        return store_db_fail(st, rc, err, doing);
    }
    enum ache_status status = m->fill ? m->fill(st, err) : ACHE_OK;
    if (!status && m->rebuilds_parent)
        status = references_sound(st, to, err);
    return status;
}

/* One step, in its own transaction. The version is read again inside it:
 * another process may have migrated the diary while this one waited. */
static enum ache_status migrate_step(struct store *st, bool *done,
                                     struct ache_err *err)
{
    enum ache_status status = store_run(st, SS_BEGIN, err,
                                        "starting the schema upgrade");
    if (status)
        return status;
    long version = 0;
    status = read_version(st, &version, err);
    if (!status)
        status = store_check_version(st, version, err);
    *done = version >= STORE_SCHEMA_VERSION;
    if (!status && !*done)
        status = apply(st, version + 1, err);
    if (status) {
        store_run(st, SS_ROLLBACK, NULL, "");
        return status;
    }
    return store_run(st, SS_COMMIT, err, "finishing the schema upgrade");
}

enum ache_status store_migrate(struct store *st, long version,
                               struct ache_err *err)
{
    /* A version is never lowered: at the current one, nothing can be
     * left to do. Below it, each step reads the version again. */
    if (version == STORE_SCHEMA_VERSION)
        return ACHE_OK;
    enum ache_status status = ACHE_OK;
    bool done = false;
    /* off for the upgrade (see struct migration), then on again as
     * store_open set it: no PRAGMA changes it inside a transaction */
    sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    while (!status && !done)
        status = migrate_step(st, &done, err);
    sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return status;
}
