/* Tests of the field table (fields.h) and of own fields in the diary:
 * names and kinds, values parsed and shown by kind, own values stored on a
 * check-in and kept in its history, field writes against their revision,
 * and undo of field changes. The clock is fixed (ACHE_NOW). */
#include <stdint.h>

#include "testutil.h"

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/stats.h"
#include "ache/store.h"

static char *dir;
static char *path;

static void setup(void)
{
    dir = test_tmpdir();
    path = xasprintf("%s/diary.db", dir);
    setenv("ACHE_NOW", "2026-11-24T09:00", 1);
    fields_reset();
}

static void teardown(void)
{
    unsetenv("ACHE_NOW");
    fields_reset();
    test_rmdir(dir);
    free(dir);
    free(path);
}

static struct store *open_ok(void)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_msg(store_open(path, true, &st, &err) == ACHE_OK, "%s",
                  err.msg);
    return st;
}

/* Adds an own field; returns its key. */
static int add_field(struct store *st, const char *name, enum field_kind k)
{
    struct field_record f = {.kind = k};
    snprintf(f.name, sizeof f.name, "%s", name);
    struct ache_err err = {""};
    ck_assert_msg(store_field_add(st, &f, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
    ck_assert_int_ge(f.key, CF_COUNT);
    ck_assert_int_eq(f.rev, 1);
    return f.key;
}

/* The stored field named name (the caller frees it). */
static struct field_record get_field(struct store *st, const char *name)
{
    struct store_field_list list;
    struct field_record out = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_fields_list(st, &list, &err), ACHE_OK);
    for (size_t i = 0; i < list.n; i++)
        if (strcmp(list.items[i].name, name) == 0) {
            out = list.items[i];
            list.items[i] = (struct field_record){0};
        }
    store_field_list_free(&list);
    ck_assert_msg(out.id[0], "no field %s", name);
    return out;
}

/* ---- the table ------------------------------------------------------------ */

START_TEST(test_builtin_table_until_a_diary_is_open)
{
    ck_assert_uint_eq(fields_count(), CF_COUNT);
    ck_assert_str_eq(fields_at(CF_SLEEP_HOURS)->name, "sleep_hours");
    ck_assert_int_eq(field_find("sleep-hours"), CF_SLEEP_HOURS);
    ck_assert_int_eq(field_find("sleep"), CF_SLEEP_QUALITY);
    ck_assert_int_eq(field_find("headache"), FIELD_NONE);
    ck_assert_ptr_null(checkin_field_info((enum checkin_field)CF_COUNT));
}
END_TEST

START_TEST(test_install_own_fields_and_labels)
{
    struct field_row rows[] = {
        {CF_FOG, "fog", "Concentration", NULL, NULL, FIELD_RATING, false,
         true},
        {12, "morning_stiffness", NULL, NULL, NULL, FIELD_MINUTES, false,
         false},
        {9, "headache", NULL, "none", "crushing", FIELD_RATING, true, false},
    };
    fields_install(rows, 3);
    ck_assert_uint_eq(fields_count(), CF_COUNT + 2);
    ck_assert_int_eq(fields_at(CF_COUNT)->key, 9); /* in key order */
    const struct field_info *h = checkin_field_info(9);
    ck_assert_str_eq(h->label, "Headache");
    ck_assert_str_eq(h->noun, "headache");
    ck_assert_str_eq(h->high_word, "crushing");
    ck_assert(h->weekly);
    const struct field_info *m = checkin_field_info(12);
    ck_assert_str_eq(m->label, "Morning stiffness");
    ck_assert_int_eq(m->max_steps, 1440);
    ck_assert_str_eq(checkin_field_info(CF_FOG)->label, "Concentration");
    ck_assert_str_eq(checkin_field_info(CF_FOG)->noun, "concentration");
    ck_assert(checkin_field_info(CF_FOG)->hidden);
    ck_assert_int_eq(field_find("morning-stiffness"), 12);
    ck_assert_ptr_null(checkin_field_info(10));
    fields_reset();
    ck_assert_str_eq(checkin_field_info(CF_FOG)->label, "Brain fog");
}
END_TEST

START_TEST(test_field_names_refused)
{
    static const struct {
        const char *name, *msg;
    } bad[] = {
        {"Headache", "'Headache': a field name is lowercase letters, digits "
                     "and _, starting with a letter, at most 32 characters"},
        {"1st", "'1st': a field name is lowercase letters, digits and _, "
                "starting with a letter, at most 32 characters"},
        {"", "'': a field name is lowercase letters, digits and _, starting "
             "with a letter, at most 32 characters"},
        {"abcdefghijabcdefghijabcdefghijabc",
         "'abcdefghijabcdefghijabcdefghijabc': a field name is lowercase "
         "letters, digits and _, starting with a letter, at most 32 characters"},
        {"note", "'note' is a column of the CSV or a word of --clear; pick "
                 "another name"},
        {"created-at", "'created_at' is a column of the CSV or a word of "
                       "--clear; pick another name"},
        {"sleep", "'sleep' is a built-in field; pick another name"},
        {"sleep_hours", "'sleep_hours' is a built-in field; pick another "
                        "name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char name[64];
        struct ache_err err = {""};
        snprintf(name, sizeof name, "%s", bad[i].name);
        ck_assert_int_eq(field_name_check(name, &err), ACHE_ERR_INVALID);
        ck_assert_str_eq(err.msg, bad[i].msg);
    }
    char ok[] = "ibs-flare";
    struct ache_err err = {""};
    ck_assert_int_eq(field_name_check(ok, &err), ACHE_OK);
    ck_assert_str_eq(ok, "ibs_flare");
}
END_TEST

START_TEST(test_values_by_kind)
{
    struct field_row rows[] = {
        {8, "nausea", NULL, NULL, NULL, FIELD_YESNO, false, false},
        {9, "steps", NULL, NULL, NULL, FIELD_TALLY, false, false},
        {10, "stiff_minutes", NULL, NULL, NULL, FIELD_MINUTES, false, false},
    };
    fields_install(rows, 3);
    struct ache_err err = {""};
    int v = -1;
    char buf[16];
    ck_assert_int_eq(checkin_parse_value(8, "yes", &v, &err), ACHE_OK);
    ck_assert_int_eq(v, 1);
    ck_assert_str_eq(checkin_format_value(8, v, buf, sizeof buf), "yes");
    ck_assert_int_eq(checkin_parse_value(8, "0", &v, &err), ACHE_OK);
    ck_assert_str_eq(checkin_format_value(8, v, buf, sizeof buf), "no");
    ck_assert_int_eq(checkin_parse_value(8, "maybe", &v, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "nausea: 'maybe' is not yes or no");
    ck_assert_int_eq(checkin_parse_value(9, "9999", &v, &err), ACHE_OK);
    ck_assert_int_eq(checkin_parse_value(9, "10000", &v, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "steps: 10000 is out of range 0-9999");
    ck_assert_int_eq(checkin_parse_value(10, "1441", &v, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "stiff_minutes: 1441 is out of range 0-1440");
    ck_assert_int_eq(checkin_parse_value(10, "1.5", &v, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg,
                     "stiff_minutes: '1.5' is not a whole number (use 0-1440)");
}
END_TEST

START_TEST(test_own_values_on_a_checkin)
{
    struct checkin c, d;
    checkin_init(&c, 0);
    ck_assert_int_eq(checkin_get(&c, 9), CHECKIN_ABSENT);
    checkin_set(&c, 11, 4);
    checkin_set(&c, 9, 0);
    checkin_set(&c, CF_PAIN, 6);
    ck_assert_uint_eq(c.nown, 2);
    ck_assert_int_eq(checkin_get(&c, 9), 0); /* 0 is a value */
    ck_assert_int_eq(c.value[CF_PAIN], 6);
    struct strbuf sb = {0};
    checkin_own_format(&c, &sb);
    ck_assert_str_eq(strbuf_str(&sb), "9:0,11:4");
    checkin_copy(&d, &c);
    ck_assert_uint_eq(checkin_diff(&c, &d), 0);
    checkin_set(&d, 9, CHECKIN_ABSENT);
    ck_assert_uint_eq(checkin_diff(&c, &d), CHECKIN_PART(CP_OWN));
    ck_assert_uint_eq(d.nown, 1);
    checkin_set_own_joined(&d, "12:3,x:1,13:-2,14:10000,8:5");
    strbuf_free(&sb);
    checkin_own_format(&d, &sb);
    ck_assert_str_eq(strbuf_str(&sb), "8:5,12:3");
    strbuf_free(&sb);
    checkin_free(&c);
    checkin_free(&d);
}
END_TEST

/* Mine changed one own value and theirs another: both stay. */
START_TEST(test_merge3_own_values)
{
    struct checkin base, mine, theirs;
    checkin_init(&base, 0);
    checkin_set(&base, 8, 1);
    checkin_set(&base, 9, 2);
    checkin_copy(&mine, &base);
    checkin_copy(&theirs, &base);
    checkin_set(&mine, 8, 5);
    checkin_set(&mine, 10, 7);
    checkin_set(&theirs, 9, 3);
    checkin_merge3(&theirs, &base, &mine);
    ck_assert_int_eq(checkin_get(&theirs, 8), 5);
    ck_assert_int_eq(checkin_get(&theirs, 9), 3);
    ck_assert_int_eq(checkin_get(&theirs, 10), 7);
    checkin_free(&base);
    checkin_free(&mine);
    checkin_free(&theirs);
}
END_TEST

/* ---- in the diary ---------------------------------------------------------- */

START_TEST(test_new_diary_lists_builtin_fields)
{
    struct store *st = open_ok();
    struct store_field_list list;
    struct ache_err err = {""};
    ck_assert_int_eq(store_fields_list(st, &list, &err), ACHE_OK);
    ck_assert_uint_eq(list.n, CF_COUNT);
    ck_assert_str_eq(list.items[CF_SLEEP_HOURS].name, "sleep_hours");
    ck_assert_int_eq(list.items[CF_SLEEP_HOURS].kind, FIELD_HOURS);
    ck_assert_str_eq(list.items[0].id, "00000000000000000000000000000001");
    ck_assert_ptr_null(list.items[0].label);
    store_field_list_free(&list);
    store_close(st);
}
END_TEST

START_TEST(test_own_values_stored_and_read_back)
{
    struct store *st = open_ok();
    int headache = add_field(st, "headache", FIELD_RATING);
    int nausea = add_field(st, "nausea", FIELD_YESNO);
    struct checkin c, got;
    struct ache_err err = {""};
    checkin_init(&c, 100);
    checkin_set(&c, headache, 0);
    checkin_set(&c, nausea, 1);
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_OK);
    ck_assert_int_eq(store_get(st, c.id, &got, &err), ACHE_OK);
    ck_assert_int_eq(checkin_get(&got, headache), 0);
    ck_assert_int_eq(checkin_get(&got, nausea), 1);
    ck_assert_int_eq(got.value[CF_PAIN], CHECKIN_ABSENT);
    /* an edit that clears one and sets the other */
    checkin_set(&got, headache, CHECKIN_ABSENT);
    checkin_set(&got, nausea, 0);
    ck_assert_int_eq(store_update(st, &got, NULL, &err), ACHE_OK);
    checkin_free(&got);
    ck_assert_int_eq(store_get(st, c.id, &got, &err), ACHE_OK);
    ck_assert_int_eq(checkin_get(&got, headache), CHECKIN_ABSENT);
    ck_assert_int_eq(checkin_get(&got, nausea), 0);
    ck_assert_int_eq(got.rev, 2);
    /* the history keeps the values before */
    struct store_history h;
    ck_assert_int_eq(store_history(st, c.id, &h, &err), ACHE_OK);
    ck_assert_uint_eq(h.n, 2);
    ck_assert_int_eq(checkin_get(&h.items[0].state, headache), 0);
    ck_assert_int_eq(checkin_get(&h.items[0].state, nausea), 1);
    store_history_free(&h);
    /* and undo puts them back */
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    checkin_free(&got);
    ck_assert_int_eq(store_get(st, c.id, &got, &err), ACHE_OK);
    ck_assert_int_eq(checkin_get(&got, headache), 0);
    ck_assert_int_eq(checkin_get(&got, nausea), 1);
    checkin_free(&got);
    checkin_free(&c);
    store_close(st);
}
END_TEST

START_TEST(test_value_out_of_its_range_refused)
{
    struct store *st = open_ok();
    int nausea = add_field(st, "nausea", FIELD_YESNO);
    struct checkin c;
    struct ache_err err = {""};
    long count = -1;
    checkin_init(&c, 100);
    checkin_set(&c, nausea, 2);
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "nausea: 2 is out of range 0-1");
    checkin_set(&c, nausea, CHECKIN_ABSENT);
    checkin_set(&c, 42, 1);
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "the diary has no field of key 42");
    ck_assert_int_eq(store_count(st, &count, &err), ACHE_OK);
    ck_assert_int_eq(count, 0);
    checkin_free(&c);
    store_close(st);
}
END_TEST

START_TEST(test_field_rename_hide_and_label)
{
    struct store *st = open_ok();
    int key = add_field(st, "headach", FIELD_RATING);
    struct field_record f = get_field(st, "headach");
    struct ache_err err = {""};
    snprintf(f.name, sizeof f.name, "headache");
    f.hidden = true;
    ck_assert_int_eq(store_field_write(st, &f, NULL, &err), ACHE_OK);
    ck_assert_int_eq(f.rev, 2);
    ck_assert_int_eq(field_find("headache"), key);
    ck_assert(checkin_field_info(key)->hidden);
    ck_assert_int_eq(field_find("headach"), FIELD_NONE);
    field_record_free(&f);
    /* a built-in field takes a label, not a name */
    struct field_record pain = get_field(st, "pain");
    pain.label = xstrdup("Pain overall");
    ck_assert_int_eq(store_field_write(st, &pain, NULL, &err), ACHE_OK);
    ck_assert_str_eq(checkin_field_info(CF_PAIN)->label, "Pain overall");
    snprintf(pain.name, sizeof pain.name, "ache");
    ck_assert_int_eq(store_field_write(st, &pain, NULL, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "pain is built in: its name stays (files and "
                              "exports use it); give it a --label instead");
    field_record_free(&pain);
    store_close(st);
}
END_TEST

/* Two writers read a field; the second write names a revision that is
 * gone and is refused, leaving the first writer's change. */
START_TEST(test_field_write_refused_when_changed_since)
{
    struct store *st = open_ok(), *other = open_ok();
    add_field(st, "headache", FIELD_RATING);
    struct field_record mine = get_field(st, "headache");
    struct field_record theirs = get_field(other, "headache");
    struct ache_err err = {""};
    theirs.label = xstrdup("Head pain");
    ck_assert_int_eq(store_field_write(other, &theirs, NULL, &err), ACHE_OK);
    mine.hidden = true;
    ck_assert_int_eq(store_field_write(st, &mine, NULL, &err),
                     ACHE_ERR_CONFLICT);
    ck_assert_str_eq(err.msg,
                     "field headache was changed elsewhere since it was read");
    struct field_record now = get_field(st, "headache");
    ck_assert_str_eq(now.label, "Head pain");
    ck_assert(!now.hidden);
    ck_assert_int_eq(now.rev, 2);
    field_record_free(&now);
    field_record_free(&mine);
    field_record_free(&theirs);
    store_close(other);
    store_close(st);
}
END_TEST

START_TEST(test_field_rename_onto_existing_refused)
{
    struct store *st = open_ok();
    add_field(st, "headache", FIELD_RATING);
    add_field(st, "nausea", FIELD_YESNO);
    struct field_record f = get_field(st, "nausea");
    struct ache_err err = {""};
    snprintf(f.name, sizeof f.name, "headache");
    ck_assert_int_eq(store_field_write(st, &f, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "'headache' is already a field");
    field_record_free(&f);
    f = get_field(st, "nausea");
    ck_assert_int_eq(f.rev, 1);
    field_record_free(&f);
    store_close(st);
}
END_TEST

/* Undo takes an added field out, a second undo brings it back under the
 * same key, and an undone rename gives the old name back. */
START_TEST(test_undo_field_changes)
{
    struct store *st = open_ok();
    int key = add_field(st, "headache", FIELD_RATING);
    struct store_undo_result r;
    struct ache_err err = {""};
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.records[STORE_RECORD_FIELD], 1);
    ck_assert_int_eq(field_find("headache"), FIELD_NONE);
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.records[STORE_RECORD_FIELD], 1);
    ck_assert_int_eq(field_find("headache"), key);
    struct field_record f = get_field(st, "headache");
    ck_assert_int_eq(f.rev, 2);
    snprintf(f.name, sizeof f.name, "migraine");
    ck_assert_int_eq(store_field_write(st, &f, NULL, &err), ACHE_OK);
    field_record_free(&f);
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_int_eq(field_find("headache"), key);
    ck_assert_int_eq(field_find("migraine"), FIELD_NONE);
    store_close(st);
}
END_TEST

/* A diary opened again installs its own fields. */
START_TEST(test_fields_installed_on_open)
{
    struct store *st = open_ok();
    int key = add_field(st, "headache", FIELD_MINUTES);
    store_close(st);
    fields_reset();
    struct store *rd = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open_read(path, &rd, &err), ACHE_OK);
    ck_assert_int_eq(field_find("headache"), key);
    ck_assert_int_eq(checkin_field_info(key)->kind, FIELD_MINUTES);
    store_close(rd);
}
END_TEST

/* Adds a check-in of day `day` with pain and an own field's value (each
 * CHECKIN_ABSENT for none). */
static void add_values(struct store *st, ache_day day, int pain, int key,
                       int steps)
{
    struct checkin c;
    struct ache_err err = {""};
    checkin_init(&c, day);
    c.value[CF_PAIN] = pain;
    checkin_set(&c, key, steps);
    ck_assert_msg(store_add(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    checkin_free(&c);
}

/* A chart reads an own field's daily means as it reads a built-in one's:
 * in the same walk, a day's check-ins averaged, a day without the value
 * absent (not 0), and nothing of another field or of another day. */
START_TEST(test_own_field_daily_means)
{
    struct store *st = open_ok();
    int naps = add_field(st, "naps", FIELD_TALLY);
    int walk = add_field(st, "walk", FIELD_MINUTES);
    ache_day d = 20000;
    add_values(st, d, 4, naps, 2);
    add_values(st, d, 6, naps, 5);             /* day d: naps 3.5, pain 5 */
    add_values(st, d + 1, 3, naps, CHECKIN_ABSENT); /* pain alone */
    add_values(st, d + 2, CHECKIN_ABSENT, naps, 0); /* 0 is a value */
    add_values(st, d + 2, CHECKIN_ABSENT, walk, 40);
    add_values(st, d + 4, 1, naps, 9999);      /* after the range */
    const enum checkin_field fields[] = {(enum checkin_field)naps, CF_PAIN,
                                         (enum checkin_field)walk};
    double *means[3];
    for (int k = 0; k < 3; k++)
        means[k] = xcalloc(4, sizeof *means[k]);
    struct ache_err err = {""};
    ck_assert_int_eq(store_read_means(st, d - 1, d + 2, fields, 3, means, &err),
                     ACHE_OK);
    const double want_naps[4] = {STATS_ABSENT, 3.5, STATS_ABSENT, 0};
    const double want_pain[4] = {STATS_ABSENT, 5, 3, STATS_ABSENT};
    const double want_walk[4] = {STATS_ABSENT, STATS_ABSENT, STATS_ABSENT, 40};
    for (int i = 0; i < 4; i++) {
        ck_assert_double_eq(means[0][i], want_naps[i]);
        ck_assert_double_eq(means[1][i], want_pain[i]);
        ck_assert_double_eq(means[2][i], want_walk[i]);
    }
    /* an own field alone, and the same means from check-ins in memory */
    ck_assert_int_eq(store_read_means(st, d + 1, d + 4, fields, 1, means,
                                      &err),
                     ACHE_OK);
    ck_assert_double_eq(means[0][0], STATS_ABSENT);
    ck_assert_double_eq(means[0][1], 0);
    ck_assert_double_eq(means[0][3], 9999);
    struct checkin_list list = {0};
    ck_assert_int_eq(store_list_range(st, d - 1, d + 2, &list, &err), ACHE_OK);
    stats_means(list.items, list.n, d - 1, d + 2, fields[0], means[2]);
    for (int i = 0; i < 4; i++)
        ck_assert_double_eq(means[2][i], want_naps[i]);
    checkin_list_free(&list);
    /* a key the diary has no field of is the caller's mistake */
    const enum checkin_field none = (enum checkin_field)(walk + 1);
    ck_assert_int_eq(store_read_means(st, d, d + 2, &none, 1, means, &err),
                     ACHE_ERR_INVALID);
    for (int k = 0; k < 3; k++)
        free(means[k]);
    store_close(st);
}
END_TEST

/* The scales a chart and a calendar show a field on. */
START_TEST(test_field_scale_tops)
{
    struct field_row rows[] = {
        {8, "naps", NULL, NULL, NULL, FIELD_TALLY, false, false},
        {9, "walk", NULL, NULL, NULL, FIELD_MINUTES, false, false},
        {10, "nap", NULL, NULL, NULL, FIELD_YESNO, false, true},
    };
    fields_install(rows, 3);
    const struct field_info *naps = checkin_field_info(8),
                            *walk = checkin_field_info(9),
                            *nap = checkin_field_info(10);
    ck_assert_int_eq(field_scale_top(checkin_field_info(CF_PAIN), 3), 10);
    ck_assert_int_eq(field_scale_top(checkin_field_info(CF_SLEEP_HOURS), 0),
                     12);
    ck_assert_int_eq(field_scale_top(nap, 0.5), 1);
    ck_assert_int_eq(field_scale_top(naps, 0), 5);
    ck_assert_int_eq(field_scale_top(naps, 5), 5);
    ck_assert_int_eq(field_scale_top(naps, 5.5), 10);
    ck_assert_int_eq(field_scale_top(naps, 120), 200);
    ck_assert_int_eq(field_scale_top(naps, 9999), 10000);
    ck_assert_int_eq(field_scale_top(walk, 0), 30);
    ck_assert_int_eq(field_scale_top(walk, 45), 60);
    ck_assert_int_eq(field_scale_top(walk, 500), 720);
    ck_assert_int_eq(field_scale_top(walk, 1440), 1440);
    /* the screens offer every field but the hidden nap, in key order */
    ck_assert_int_eq(field_next_visible(CF_ACTIVITY, 1), 8);
    ck_assert_int_eq(field_next_visible(9, 1), CF_PAIN);
    ck_assert_int_eq(field_next_visible(CF_PAIN, -1), 9);
    ck_assert_int_eq(field_next_visible(10, -1), 9);
    ck_assert_int_eq(field_next_visible(FIELD_NONE, 1), CF_PAIN);
}
END_TEST

static Suite *fields_suite(void)
{
    Suite *s = suite_create("fields");
    TCase *t = tcase_create("table");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_builtin_table_until_a_diary_is_open);
    tcase_add_test(t, test_install_own_fields_and_labels);
    tcase_add_test(t, test_field_names_refused);
    tcase_add_test(t, test_values_by_kind);
    tcase_add_test(t, test_own_values_on_a_checkin);
    tcase_add_test(t, test_merge3_own_values);
    tcase_add_test(t, test_field_scale_tops);
    suite_add_tcase(s, t);
    TCase *d = tcase_create("diary");
    tcase_add_checked_fixture(d, setup, teardown);
    tcase_add_test(d, test_new_diary_lists_builtin_fields);
    tcase_add_test(d, test_own_values_stored_and_read_back);
    tcase_add_test(d, test_value_out_of_its_range_refused);
    tcase_add_test(d, test_field_rename_hide_and_label);
    tcase_add_test(d, test_field_write_refused_when_changed_since);
    tcase_add_test(d, test_field_rename_onto_existing_refused);
    tcase_add_test(d, test_undo_field_changes);
    tcase_add_test(d, test_fields_installed_on_open);
    tcase_add_test(d, test_own_field_daily_means);
    suite_add_tcase(s, d);
    return s;
}

ACHE_TEST_MAIN(fields_suite)
