/* The check-in screen's doses row: the real ache binary in a
 * pseudo-terminal at 80x24, medicines made with `ache meds add` and doses
 * with `ache took` first, keys sent, the screen read back, and the doses
 * ticked read back with `ache doses`. Scheduled times shown as ticks, the
 * as-needed fact line exact, a tick recording a dose and Space on it
 * taking it back, a tick or an untick refused when another program
 * changed the regimen, the day's doses or the dose under the screen, no
 * row without medicines, and a dose another program records showing
 * after a save. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uitest.h"

/* UITEST_NOW is 2026-11-24T09:00. */
static void add_meds(void)
{
    ACHE_OK(UITEST_NOW, "meds add amitriptyline --dose 10 --unit mg --times 08:00,21:00 "
            "--start 2026-11-01");
    ACHE_OK(UITEST_NOW, "meds add ibuprofen --dose 400 --unit mg --as-needed "
            "--start 2026-11-01");
}

/* Waits until `ache doses` holds (or no longer holds) `text`. */
static void expect_dose(const char *text, bool there)
{
    char out[4096];
    for (int waited = 0; waited < WAIT_MS; waited += 50) {
        int rc = ache_at(UITEST_NOW, out, sizeof out, "doses");
        ck_assert_int_eq(rc, 0);
        if ((strstr(out, text) != NULL) == there)
            return;
        usleep(50 * 1000);
    }
    ck_abort_msg("ache doses %s %s: %s", there ? "lacks" : "still has", text,
                 out);
}

/* Tab from pain: body, tags, note, doses. */
static void to_doses(struct vt *t)
{
    vt_send(t, "\t\t\t\t");
    expect_in_row(t, "Doses", "▸", true);
}

/* Ticks and the fact line at 80x24: the last dose 3 h ago (06:00), and
 * the 24 hours since yesterday 09:00 hold 800 + 400 (not the dose of
 * yesterday 08:00, 25 h ago). */
START_TEST(test_row_shows_ticks_and_facts)
{
    add_meds();
    ACHE_OK(UITEST_NOW, "took ibuprofen --date 2026-11-23 --time 08:00");
    ACHE_OK(UITEST_NOW, "took ibuprofen 800 --date 2026-11-23 --time 23:00");
    ACHE_OK(UITEST_NOW, "took ibuprofen --time 06:00");
    ACHE_OK(UITEST_NOW, "took amitriptyline --time 08:10");
    struct vt *t = start();
    expect_in_row(t, "Doses", "amitriptyline: [x] 08:00 [ ] 21:00", true);
    expect_text(t, "ibuprofen: last dose 3 h ago; 1,200 mg in 24 h");
    quit(t);
}
END_TEST

/* Space on the focused time records the regimen's dose there; h/l move
 * over the times; Space on a time ticked takes its dose back. */
START_TEST(test_tick_records_a_dose)
{
    add_meds();
    struct vt *t = start();
    expect_text(t, "ibuprofen: no dose in 24 h");
    to_doses(t);
    expect_text(t, "Space tick/untick a dose"); /* the status line's key */
    vt_send(t, " ");
    expect_in_row(t, "Doses", "[x] 08:00 [ ] 21:00", true);
    expect_text(t, "Recorded amitriptyline 10 mg at 08:00; `ache undo` "
                   "takes it back.");
    expect_dose("2026-11-24 08:00  amitriptyline        10 mg", true);
    vt_send(t, "l ");                       /* 21:00, not reached yet */
    expect_in_row(t, "Doses", "[x] 08:00 [x] 21:00", true);
    expect_dose("2026-11-24 21:00  amitriptyline        10 mg", true);
    quit(t);
    char out[4096];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "doses"), 0);
    /* one dose at 21:00, not two */
    const char *first = strstr(out, "21:00  amitriptyline");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_null(strstr(first + 1, "21:00  amitriptyline"));
    ACHE_OK(UITEST_NOW, "undo");
    expect_dose("21:00  amitriptyline", false);
}
END_TEST

/* The first 8 digits of the id of the only dose `ache doses` lists. */
static void only_dose_id(char id[9])
{
    char out[4096];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "doses"), 0);
    ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "%s", out);
    ck_assert_uint_ge(strspn(out, "0123456789abcdef"), 8);
    memcpy(id, out, 8);
    id[8] = '\0';
}

/* Space on a ticked time removes the dose that ticks it, kept so that
 * `ache undo` brings it back. */
START_TEST(test_space_unticks_a_dose)
{
    add_meds();
    ACHE_OK(UITEST_NOW, "took amitriptyline --time 08:10");
    struct vt *t = start();
    to_doses(t);
    expect_in_row(t, "Doses", "[x] 08:00 [ ] 21:00", true);
    vt_send(t, "h ");               /* the focus came on 21:00, not ticked */
    expect_in_row(t, "Doses", "[ ] 08:00 [ ] 21:00", true);
    expect_text(t, "Removed the dose of amitriptyline 10 mg at 08:00; `ache "
                   "undo` brings it back.");
    expect_dose("amitriptyline", false);
    char out[4096];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "history --last 1"),
                     0);
    ck_assert_msg(strstr(out, "ache rm dose ") &&
                      strstr(out, ": amitriptyline 10 mg on 2026-11-24 at "
                                  "08:10"),
                  "%s", out);
    ACHE_OK(UITEST_NOW, "undo");
    expect_dose("2026-11-24 08:10  amitriptyline        10 mg", true);
    vt_send(t, "\t4"); /* pain 4: a save reads the row again */
    expect_in_row(t, "Doses", "[x] 08:00 [ ] 21:00", true);
    quit(t);
}
END_TEST

/* An untick states the dose as the row read it: removed or changed by
 * another program since, it is refused and the row read again. */
START_TEST(test_untick_refused_when_the_dose_changed)
{
    add_meds();
    ACHE_OK(UITEST_NOW, "took amitriptyline --time 08:00");
    char id[9];
    only_dose_id(id);
    struct vt *t = start();
    to_doses(t);
    expect_in_row(t, "Doses", "[x] 08:00 [ ] 21:00", true);
    ACHE_OK(UITEST_NOW, "undo");                /* removed under the screen, */
    ACHE_OK(UITEST_NOW, "undo");                /* and back: the same id, changed */
    vt_send(t, "h ");
    expect_text(t, "amitriptyline at 08:00 was changed elsewhere; read "
                   "again, nothing removed.");
    expect_dose(id, true);
    expect_in_row(t, "Doses", "[x] 08:00 [ ] 21:00", true);
    ACHE_OK(UITEST_NOW, "doses rm %s", id);     /* removed under the screen */
    vt_send(t, " ");
    expect_text(t, "amitriptyline at 08:00 was removed elsewhere; read "
                   "again, nothing removed.");
    expect_in_row(t, "Doses", "[ ] 08:00 [ ] 21:00", true);
    quit(t);
    char out[4096];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "history --last 1"),
                     0);
    ck_assert_msg(strstr(out, "ache rm dose") != NULL, "%s", out);
}
END_TEST

/* A tick states the regimen as the row read it: changed by another
 * program since, it records nothing; read again, the new dose. */
START_TEST(test_tick_refused_when_the_regimen_changed)
{
    add_meds();
    struct vt *t = start();
    to_doses(t);
    expect_in_row(t, "Doses", "[ ] 08:00 [ ] 21:00", true);
    ACHE_OK(UITEST_NOW, "meds change amitriptyline --dose 20 --on 2026-11-01");
    vt_send(t, " ");
    expect_text(t, "amitriptyline was changed elsewhere; read again, "
                   "nothing recorded.");
    expect_in_row(t, "Doses", "[ ] 08:00 [ ] 21:00", true);
    expect_dose("amitriptyline", false);
    vt_send(t, " ");
    expect_text(t, "Recorded amitriptyline 20 mg at 08:00");
    expect_dose("2026-11-24 08:00  amitriptyline        20 mg", true);
    quit(t);
}
END_TEST

START_TEST(test_no_row_without_medicines)
{
    struct vt *t = start();
    expect_text(t, "Note");
    ck_assert(vt_wait_no_text(t, "Doses", 300));
    vt_send(t, "\t\t\t\t");                /* Tab goes round: pain again */
    expect_in_row(t, "Pain", "▸", true);
    quit(t);
}
END_TEST

/* A dose another program records shows after the screen's next save. */
START_TEST(test_second_writer_dose_shown_after_save)
{
    add_meds();
    struct vt *t = start();
    expect_in_row(t, "Doses", "[ ] 08:00 [ ] 21:00", true);
    ACHE_OK(UITEST_NOW, "took amitriptyline --time 21:30");
    ACHE_OK(UITEST_NOW, "took ibuprofen 200 --time 08:00");
    vt_send(t, "4");                         /* pain 4: a save */
    expect_in_row(t, "Doses", "[ ] 08:00 [x] 21:00", true);
    expect_text(t, "ibuprofen: last dose 1 h ago; 200 mg in 24 h");
    quit(t);
}
END_TEST

/* A time another program ticked after the row was read is not ticked
 * twice: the tick is refused, and the row read again shows it. */
START_TEST(test_tick_refused_when_ticked_elsewhere)
{
    add_meds();
    struct vt *t = start();
    to_doses(t);
    expect_in_row(t, "Doses", "[ ] 08:00 [ ] 21:00", true);
    ACHE_OK(UITEST_NOW, "took amitriptyline --time 08:05");
    vt_send(t, " ");
    expect_text(t, "amitriptyline was changed elsewhere; read again, "
                   "nothing recorded.");
    expect_in_row(t, "Doses", "[x] 08:00 [ ] 21:00", true);
    quit(t);
    char out[4096];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "doses"), 0);
    ck_assert_msg(strstr(out, "08:05  amitriptyline") &&
                      !strstr(out, "08:00  amitriptyline"),
                  "%s", out);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("checkin screen, doses");
    TCase *tc = tcase_create("doses");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_row_shows_ticks_and_facts);
    tcase_add_test(tc, test_tick_records_a_dose);
    tcase_add_test(tc, test_space_unticks_a_dose);
    tcase_add_test(tc, test_untick_refused_when_the_dose_changed);
    tcase_add_test(tc, test_tick_refused_when_the_regimen_changed);
    tcase_add_test(tc, test_tick_refused_when_ticked_elsewhere);
    tcase_add_test(tc, test_no_row_without_medicines);
    tcase_add_test(tc, test_second_writer_dose_shown_after_save);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
