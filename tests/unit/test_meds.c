/* Tests of medicines (meds.h, store_meds.c): amounts, units and times as
 * typed and kept, regimens as periods without gaps or overlaps, a second
 * writer changing a regimen under another, doses before a start, and
 * undo. The clock is fixed (ACHE_NOW). */
#include <stdint.h>

#include "testutil.h"

#include "ache/date.h"
#include "ache/meds.h"
#include "ache/store.h"

static char *dir;
static char *path;

static void setup(void)
{
    dir = test_tmpdir();
    path = xasprintf("%s/diary.db", dir);
    setenv("ACHE_NOW", "2026-11-24T09:00", 1);
}

static void teardown(void)
{
    unsetenv("ACHE_NOW");
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

static ache_day day(const char *iso)
{
    ache_day d;
    ck_assert(date_parse_iso(iso, &d));
    return d;
}

/* "2026-10-01..2026-11-15 10 mg at 21:00; 2026-11-15..now 20 mg" */
static char *periods_of(struct store *st, const char *name)
{
    struct med m;
    bool found = false;
    struct ache_err err = {""};
    ck_assert_int_eq(store_med_get(st, name, &m, &found, &err), ACHE_OK);
    ck_assert(found);
    struct strbuf sb = {0};
    for (size_t i = 0; i < m.nperiods; i++) {
        char a[DATE_BUF], b[DATE_BUF];
        const struct med_period *p = &m.periods[i];
        strbuf_printf(&sb, "%s%s..%s ", i ? "; " : "",
                      date_format(p->start, a),
                      p->stop == MED_OPEN ? "now" : date_format(p->stop, b));
        med_period_describe(p, &sb);
    }
    med_free(&m);
    return strbuf_take(&sb);
}

static void add_med(struct store *st, const char *name, const char *start,
                    int64_t dose, const char *times)
{
    struct med_period p = {.start = day(start), .dose = dose};
    struct ache_err err = {""};
    snprintf(p.unit, sizeof p.unit, "mg");
    if (times)
        ck_assert_int_eq(med_times_parse(times, &p, &err), ACHE_OK);
    ck_assert_msg(store_med_add(st, name, &p, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
}

START_TEST(test_amounts_as_typed)
{
    int64_t milli = 0;
    char buf[32];
    struct ache_err err = {""};
    ck_assert_int_eq(med_amount_parse("dose", "2.5", &milli, &err), ACHE_OK);
    ck_assert_int_eq(milli, 2500);
    ck_assert_str_eq(med_amount_format(milli, buf, sizeof buf), "2.5");
    ck_assert_int_eq(med_amount_parse("dose", "0.125", &milli, &err),
                     ACHE_OK);
    ck_assert_str_eq(med_amount_format(milli, buf, sizeof buf), "0.125");
    ck_assert_int_eq(med_amount_parse("dose", "400", &milli, &err), ACHE_OK);
    ck_assert_str_eq(med_amount_format(milli, buf, sizeof buf), "400");
    ck_assert_int_eq(med_amount_parse("dose", "1000000", &milli, &err),
                     ACHE_OK);
    static const char *const bad[] = {"0", "-1", "4.0001", "1000000.001",
                                      "1e3", "", ".5", "5.", "four"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(med_amount_parse("dose", bad[i], &milli, &err) ==
                          ACHE_ERR_INVALID,
                      "%s", bad[i]);
    ck_assert_str_eq(err.msg, "dose: 'four' is not an amount (a number "
                              "above 0, up to 1000000, with at most 3 "
                              "decimals)");
}
END_TEST

START_TEST(test_times_sorted_and_checked)
{
    struct med_period p = {0};
    struct ache_err err = {""};
    struct strbuf sb = {0};
    ck_assert_int_eq(med_times_parse("21:00,08:00,13:30", &p, &err), ACHE_OK);
    med_times_format(&p, &sb);
    ck_assert_str_eq(strbuf_str(&sb), "08:00,13:30,21:00");
    strbuf_free(&sb);
    ck_assert_int_eq(med_times_parse("08:00,8:00", &p, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "times: '8:00' is not a time of day (use "
                              "HH:MM, 00:00-23:59, joined by commas)");
    ck_assert_int_eq(med_times_parse("08:00,08:00", &p, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "times: 08:00 is given twice");
    ck_assert_int_eq(med_times_parse("24:00", &p, &err), ACHE_ERR_INVALID);
    ck_assert_int_eq(med_times_parse("", &p, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "times: give one or more times of day, such "
                              "as 08:00,21:00");
    ck_assert_int_eq(med_times_parse("08:00,,09:00", &p, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "times: an empty time between commas (give "
                              "HH:MM,HH:MM)");
    ck_assert_int_eq(med_unit_check("mg", &err), ACHE_OK);
    ck_assert_int_eq(med_unit_check("Mg", &err), ACHE_ERR_INVALID);
    ck_assert_int_eq(med_name_check("Co-codamol 30/500", &err), ACHE_OK);
    ck_assert_int_eq(med_name_check(" x", &err), ACHE_ERR_INVALID);
}
END_TEST

/* Changes end one period where the next begins; a change on a period's
 * first day corrects it; a stop ends the last. */
START_TEST(test_regimen_periods_are_exact)
{
    struct store *st = open_ok();
    struct ache_err err = {""};
    add_med(st, "amitriptyline", "2026-10-01", 10000, "21:00");
    struct med_period given = {.dose = 20000};
    ck_assert_int_eq(store_med_change(st, "Amitriptyline", day("2026-11-15"),
                                      &given, MED_SET_DOSE, NULL, NULL, &err),
                     ACHE_OK);
    given.dose = 25000; /* the same day: corrected, no new period */
    ck_assert_int_eq(store_med_change(st, "amitriptyline", day("2026-11-15"),
                                      &given, MED_SET_DOSE, NULL, NULL, &err),
                     ACHE_OK);
    char *got = periods_of(st, "amitriptyline");
    ck_assert_str_eq(got, "2026-10-01..2026-11-15 10 mg at 21:00; "
                          "2026-11-15..now 25 mg at 21:00");
    free(got);
    ck_assert_int_eq(store_med_change(st, "amitriptyline", day("2026-11-01"),
                                      &given, MED_SET_DOSE, NULL, NULL, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "amitriptyline: a change on 2026-11-01 comes "
                              "before its regimen began (2026-11-15)");
    struct med_period stopped;
    ck_assert_int_eq(store_med_stop(st, "amitriptyline", day("2026-11-15"),
                                    &stopped, NULL, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "amitriptyline: a stop on 2026-11-15 is not "
                              "after its start (2026-11-15)");
    ck_assert_int_eq(store_med_stop(st, "amitriptyline", day("2026-11-20"),
                                    &stopped, NULL, &err),
                     ACHE_OK);
    got = periods_of(st, "amitriptyline");
    ck_assert_str_eq(got, "2026-10-01..2026-11-15 10 mg at 21:00; "
                          "2026-11-15..2026-11-20 25 mg at 21:00");
    free(got);
    store_close(st);
}
END_TEST

/* One writer changes the times while another, which read the regimen
 * before, changes the dose: the second write is made on the regimen as
 * it then is, so both changes stay. */
START_TEST(test_second_writer_keeps_both_changes)
{
    struct store *a = open_ok(), *b = open_ok();
    struct ache_err err = {""};
    add_med(a, "ibuprofen", "2026-11-01", 400000, "08:00");
    struct med stale;
    bool found = false;
    ck_assert_int_eq(store_med_get(a, "ibuprofen", &stale, &found, &err),
                     ACHE_OK);
    struct med_period times = {0};
    ck_assert_int_eq(med_times_parse("08:00,20:00", &times, &err), ACHE_OK);
    ck_assert_int_eq(store_med_change(b, "ibuprofen", day("2026-11-10"),
                                      &times, MED_SET_TIMES, NULL, NULL, &err),
                     ACHE_OK);
    struct med_period dose = stale.periods[0]; /* as read before */
    dose.dose = 200000;
    ck_assert_int_eq(store_med_change(a, "ibuprofen", day("2026-11-20"),
                                      &dose, MED_SET_DOSE, NULL, NULL, &err),
                     ACHE_OK);
    char *got = periods_of(a, "ibuprofen");
    ck_assert_str_eq(got, "2026-11-01..2026-11-10 400 mg at 08:00; "
                          "2026-11-10..2026-11-20 400 mg at 08:00, 20:00; "
                          "2026-11-20..now 200 mg at 08:00, 20:00");
    free(got);
    med_free(&stale);
    store_close(b);
    store_close(a);
}
END_TEST

START_TEST(test_dose_before_the_start_moves_it)
{
    struct store *st = open_ok();
    struct ache_err err = {""};
    add_med(st, "ibuprofen", "2026-11-01", 400000, NULL);
    struct dose d = {.date = day("2026-10-20"), .minute = 8 * 60};
    snprintf(d.med, sizeof d.med, "IBUPROFEN");
    ache_day moved = MED_OPEN;
    ck_assert_int_eq(store_dose_add(st, &d, &moved, NULL, &err), ACHE_OK);
    ck_assert_int_eq(moved, day("2026-11-01"));
    ck_assert_str_eq(d.med, "ibuprofen"); /* the stored name */
    char *got = periods_of(st, "ibuprofen");
    ck_assert_str_eq(got, "2026-10-20..now 400 mg");
    free(got);
    struct dose_list list;
    ck_assert_int_eq(store_doses_list(st, day("2026-10-01"),
                                      day("2026-11-24"), &list, &err),
                     ACHE_OK);
    ck_assert_uint_eq(list.n, 1);
    ck_assert_int_eq(list.items[0].minute, 8 * 60);
    ck_assert_int_eq(list.items[0].amount, 0); /* none was given */
    dose_list_free(&list);
    snprintf(d.med, sizeof d.med, "ibuprofn");
    ck_assert_int_eq(store_dose_add(st, &d, &moved, NULL, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "no medicine 'ibuprofn' (`ache meds` lists "
                              "them; `ache meds add NAME` adds one)");
    store_close(st);
}
END_TEST

/* Undo of a dose puts the moved start back; a second undo redoes it; an
 * undone add takes the medicine and its period out. */
START_TEST(test_undo_of_medicines)
{
    struct store *st = open_ok();
    struct ache_err err = {""};
    add_med(st, "ibuprofen", "2026-11-01", 400000, NULL);
    struct dose d = {.date = day("2026-10-20"), .minute = CHECKIN_TIME_ABSENT};
    snprintf(d.med, sizeof d.med, "ibuprofen");
    ache_day moved;
    ck_assert_int_eq(store_dose_add(st, &d, &moved, NULL, &err), ACHE_OK);
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.records[STORE_RECORD_DOSE], 1);
    ck_assert_uint_eq(r.records[STORE_RECORD_PERIOD], 1);
    char *got = periods_of(st, "ibuprofen");
    ck_assert_str_eq(got, "2026-11-01..now 400 mg");
    free(got);
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK); /* redo */
    got = periods_of(st, "ibuprofen");
    ck_assert_str_eq(got, "2026-10-20..now 400 mg");
    free(got);
    store_close(st);
}
END_TEST

START_TEST(test_undo_of_an_added_medicine)
{
    struct store *st = open_ok();
    struct ache_err err = {""};
    add_med(st, "ibuprofen", "2026-11-01", 400000, "08:00");
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.records[STORE_RECORD_MED], 1);
    ck_assert_uint_eq(r.records[STORE_RECORD_PERIOD], 1);
    struct med_list list;
    ck_assert_int_eq(store_meds_list(st, &list, &err), ACHE_OK);
    ck_assert_uint_eq(list.n, 0);
    med_list_free(&list);
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK); /* back again */
    char *got = periods_of(st, "ibuprofen");
    ck_assert_str_eq(got, "2026-11-01..now 400 mg at 08:00");
    free(got);
    store_close(st);
}
END_TEST

/* The regimen's dose as a second writer left it between a read and the
 * write: `ache took` once read the regimen before its write and recorded
 * the dose of a period changed meanwhile. */
START_TEST(test_dose_takes_the_regimen_as_written)
{
    struct store *a = open_ok(), *b = open_ok();
    struct ache_err err = {""};
    add_med(a, "ibuprofen", "2026-11-01", 400000, "08:00");
    struct med stale;
    bool found = false;
    ck_assert_int_eq(store_med_get(a, "ibuprofen", &stale, &found, &err),
                     ACHE_OK);
    struct med_period given = {.dose = 600000};
    ck_assert_int_eq(store_med_change(b, "ibuprofen", day("2026-11-01"),
                                      &given, MED_SET_DOSE, NULL, NULL, &err),
                     ACHE_OK); /* corrected on its start: the same period */
    struct store_dose_new n = {.dose = {.date = day("2026-11-24"),
                                        .minute = 8 * 60}};
    snprintf(n.dose.med, sizeof n.dose.med, "IBUPROFEN");
    ck_assert_int_eq(store_dose_record(a, &n, NULL, &err), ACHE_OK);
    ck_assert_int_eq(n.dose.amount, 600000);
    ck_assert_str_eq(n.dose.unit, "mg");
    ck_assert_str_eq(n.dose.med, "ibuprofen");
    /* a caller that states the regimen it showed is refused, and writes
     * nothing, when that regimen was changed since */
    struct store_dose_new shown = {.dose = {.date = day("2026-11-24"),
                                            .minute = 20 * 60},
                                   .seen = &stale.periods[0]};
    snprintf(shown.dose.med, sizeof shown.dose.med, "ibuprofen");
    ck_assert_int_eq(store_dose_record(a, &shown, NULL, &err),
                     ACHE_ERR_CONFLICT);
    ck_assert_str_eq(err.msg, "the regimen of ibuprofen was changed "
                              "elsewhere since it was read");
    struct dose_list list;
    ck_assert_int_eq(store_doses_list(a, day("2026-11-24"), day("2026-11-24"),
                                      &list, &err),
                     ACHE_OK);
    ck_assert_uint_eq(list.n, 1);
    dose_list_free(&list);
    med_free(&stale);
    ck_assert_int_eq(store_med_get(a, "ibuprofen", &stale, &found, &err),
                     ACHE_OK);
    shown.seen = &stale.periods[0]; /* read again: taken */
    ck_assert_int_eq(store_dose_record(a, &shown, NULL, &err), ACHE_OK);
    ck_assert_int_eq(shown.dose.amount, 600000);
    med_free(&stale);
    store_close(b);
    store_close(a);
}
END_TEST

/* A caller that states the doses of the day it showed is refused when a
 * second writer recorded one since: the same time is not ticked twice. */
START_TEST(test_dose_refused_when_the_day_changed_under_it)
{
    struct store *a = open_ok(), *b = open_ok();
    struct ache_err err = {""};
    add_med(a, "ibuprofen", "2026-11-01", 400000, "08:00");
    struct store_dose_day none = {0, 0};
    struct store_dose_new other = {.dose = {.date = day("2026-11-24"),
                                            .minute = 8 * 60 + 5}};
    snprintf(other.dose.med, sizeof other.dose.med, "ibuprofen");
    ck_assert_int_eq(store_dose_record(b, &other, NULL, &err), ACHE_OK);
    struct store_dose_new n = {.dose = {.date = day("2026-11-24"),
                                        .minute = 8 * 60},
                               .seen_day = &none};
    snprintf(n.dose.med, sizeof n.dose.med, "ibuprofen");
    ck_assert_int_eq(store_dose_record(a, &n, NULL, &err), ACHE_ERR_CONFLICT);
    ck_assert_str_eq(err.msg, "the doses of ibuprofen on 2026-11-24 were "
                              "changed elsewhere since they were read");
    struct store_dose_day read = {1, other.dose.updated_at};
    n.seen_day = &read;
    ck_assert_int_eq(store_dose_record(a, &n, NULL, &err), ACHE_OK);
    store_close(b);
    store_close(a);
}
END_TEST

/* The regimen fills what is not given: an amount alone is in its unit;
 * its own unit alone is its dose; another unit alone is refused. */
START_TEST(test_dose_filled_from_the_regimen)
{
    struct store *st = open_ok();
    struct ache_err err = {""};
    add_med(st, "ibuprofen", "2026-11-01", 400000, NULL);
    struct store_dose_new n = {.dose = {.date = day("2026-11-20"),
                                        .minute = CHECKIN_TIME_ABSENT,
                                        .amount = 200000}};
    snprintf(n.dose.med, sizeof n.dose.med, "ibuprofen");
    ck_assert_int_eq(store_dose_record(st, &n, NULL, &err), ACHE_OK);
    ck_assert_str_eq(n.dose.unit, "mg");
    ck_assert_int_eq(n.dose.amount, 200000);
    struct store_dose_new u = {.dose = {.date = day("2026-11-20"),
                                        .minute = CHECKIN_TIME_ABSENT}};
    snprintf(u.dose.med, sizeof u.dose.med, "ibuprofen");
    snprintf(u.dose.unit, sizeof u.dose.unit, "tablet");
    ck_assert_int_eq(store_dose_record(st, &u, NULL, &err), ACHE_ERR_INVALID);
    ck_assert(u.unit_alone);
    snprintf(u.dose.unit, sizeof u.dose.unit, "mg");
    ck_assert_int_eq(store_dose_record(st, &u, NULL, &err), ACHE_OK);
    ck_assert(!u.unit_alone);
    ck_assert_int_eq(u.dose.amount, 400000);
    store_close(st);
}
END_TEST

/* A dose with the id given (as an import keeps its own). */
static void add_dose_id(struct store *st, const char *id, const char *date)
{
    struct dose d = {.date = day(date), .minute = 8 * 60, .amount = 400000};
    struct ache_err err = {""};
    ache_day moved;
    snprintf(d.id, sizeof d.id, "%s", id);
    snprintf(d.med, sizeof d.med, "ibuprofen");
    snprintf(d.unit, sizeof d.unit, "mg");
    ck_assert_msg(store_dose_add(st, &d, &moved, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
}

static struct dose get_dose(struct store *st, const char *id)
{
    struct dose d;
    bool found = false;
    struct ache_err err = {""};
    ck_assert_int_eq(store_dose_get(st, id, &d, &found, &err), ACHE_OK);
    ck_assert(found);
    return d;
}

#define ID_A "aaaa1111000000000000000000000001"
#define ID_B "aaaa1111000000000000000000000002"
#define ID_C "bbbb2222000000000000000000000003"

START_TEST(test_dose_ids_resolve)
{
    struct store *st = open_ok();
    struct ache_err err = {""};
    char id[CHECKIN_ID_LEN + 1];
    add_med(st, "ibuprofen", "2026-11-01", 400000, NULL);
    add_dose_id(st, ID_A, "2026-11-20");
    add_dose_id(st, ID_B, "2026-11-21");
    add_dose_id(st, ID_C, "2026-11-22");
    ck_assert_int_eq(store_dose_resolve(st, "BBBB22", id, &err), ACHE_OK);
    ck_assert_str_eq(id, ID_C);
    ck_assert_int_eq(store_dose_resolve(st, ID_A, id, &err), ACHE_OK);
    ck_assert_str_eq(id, ID_A);
    ck_assert_int_eq(store_dose_resolve(st, "aaaa1111", id, &err),
                     ACHE_ERR_AMBIGUOUS);
    ck_assert_str_eq(err.msg, "id 'aaaa1111' matches 2 doses: give more "
                              "digits");
    ck_assert_int_eq(store_dose_resolve(st, "cccccc", id, &err),
                     ACHE_ERR_NOT_FOUND);
    ck_assert_str_eq(err.msg, "no dose with id 'cccccc'");
    ck_assert_int_eq(store_dose_resolve(st, "abc", id, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "'abc' is not a dose id (6 to 32 hex digits)");
    ck_assert_int_eq(store_dose_resolve(st, "xyzxyzxy", id, &err),
                     ACHE_ERR_INVALID);
    struct dose c = get_dose(st, ID_C);
    ck_assert_int_eq(store_dose_remove(st, &c, NULL, &err), ACHE_OK);
    ck_assert_int_eq(store_dose_resolve(st, "bbbb2222", id, &err),
                     ACHE_ERR_GONE);
    ck_assert_str_eq(err.msg, "dose bbbb2222 was removed on 2026-11-24");
    store_close(st);
}
END_TEST

/* A removal states the revision it read: a second writer's change or
 * removal of the dose under it refuses it, and nothing is written. */
START_TEST(test_dose_removal_refused_when_changed_under_it)
{
    struct store *a = open_ok(), *b = open_ok();
    struct ache_err err = {""};
    add_med(a, "ibuprofen", "2026-11-01", 400000, NULL);
    add_dose_id(a, ID_A, "2026-11-20");
    struct dose read = get_dose(a, ID_A);
    struct dose newer = get_dose(b, ID_A);
    newer.amount = 200000; /* corrected by another program */
    newer.updated_at += 1000;
    enum store_merge_result r;
    struct store_change ch = {.source = STORE_BY_IMPORT, .detail = "x"};
    ck_assert_int_eq(store_dose_merge(b, &newer, &ch, &r, &err), ACHE_OK);
    ck_assert_int_eq(r, STORE_UPDATED);
    struct store_change_info before[1];
    size_t nchanges = 0;
    ck_assert_int_eq(store_changes_recent(a, 1, before, &nchanges, &err),
                     ACHE_OK);
    ck_assert_int_eq(store_dose_remove(a, &read, NULL, &err),
                     ACHE_ERR_CONFLICT);
    ck_assert_str_eq(err.msg, "dose aaaa1111 was changed elsewhere since it "
                              "was read");
    struct dose now = get_dose(a, ID_A); /* still there, as b left it */
    ck_assert_int_eq(now.amount, 200000);
    struct store_change_info after[1];
    ck_assert_int_eq(store_changes_recent(a, 1, after, &nchanges, &err),
                     ACHE_OK);
    ck_assert_int_eq(after[0].n, before[0].n); /* no change made */
    ck_assert_int_eq(store_dose_remove(b, &now, NULL, &err), ACHE_OK);
    ck_assert_int_eq(store_dose_remove(a, &now, NULL, &err), ACHE_ERR_GONE);
    ck_assert_str_eq(err.msg, "dose aaaa1111 was removed on 2026-11-24");
    struct dose none = {.rev = 1};
    snprintf(none.id, sizeof none.id, "%s", ID_B);
    ck_assert_int_eq(store_dose_remove(a, &none, NULL, &err),
                     ACHE_ERR_NOT_FOUND);
    store_close(b);
    store_close(a);
}
END_TEST

/* A removal keeps the dose whole, is listed as a change, and `undo`
 * brings it back as it was. */
START_TEST(test_dose_removal_kept_and_undone)
{
    struct store *st = open_ok();
    struct ache_err err = {""};
    add_med(st, "ibuprofen", "2026-11-01", 400000, NULL);
    add_dose_id(st, ID_A, "2026-11-20");
    struct dose d = get_dose(st, ID_A);
    ck_assert_int_eq(store_dose_remove(st, &d, NULL, &err), ACHE_OK);
    bool found = true;
    struct dose gone;
    ck_assert_int_eq(store_dose_get(st, ID_A, &gone, &found, &err), ACHE_OK);
    ck_assert(!found);
    struct store_change_info last[1];
    size_t n = 0;
    ck_assert_int_eq(store_changes_recent(st, 1, last, &n, &err), ACHE_OK);
    ck_assert_int_eq(last[0].source, STORE_BY_RM);
    ck_assert_str_eq(last[0].detail, "dose aaaa1111: ibuprofen 400 mg on "
                                     "2026-11-20 at 08:00");
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.records[STORE_RECORD_DOSE], 1);
    struct dose back = get_dose(st, ID_A);
    ck_assert_int_eq(back.amount, 400000);
    ck_assert_int_eq(back.date, day("2026-11-20"));
    ck_assert_int_eq(back.minute, 8 * 60);
    ck_assert_int_eq(back.rev, d.rev + 1);
    store_close(st);
}
END_TEST

static Suite *meds_suite(void)
{
    Suite *s = suite_create("meds");
    TCase *t = tcase_create("meds");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_amounts_as_typed);
    tcase_add_test(t, test_times_sorted_and_checked);
    tcase_add_test(t, test_regimen_periods_are_exact);
    tcase_add_test(t, test_second_writer_keeps_both_changes);
    tcase_add_test(t, test_dose_before_the_start_moves_it);
    tcase_add_test(t, test_undo_of_medicines);
    tcase_add_test(t, test_undo_of_an_added_medicine);
    tcase_add_test(t, test_dose_takes_the_regimen_as_written);
    tcase_add_test(t, test_dose_filled_from_the_regimen);
    tcase_add_test(t, test_dose_refused_when_the_day_changed_under_it);
    tcase_add_test(t, test_dose_ids_resolve);
    tcase_add_test(t, test_dose_removal_refused_when_changed_under_it);
    tcase_add_test(t, test_dose_removal_kept_and_undone);
    suite_add_tcase(s, t);
    return s;
}

ACHE_TEST_MAIN(meds_suite)
