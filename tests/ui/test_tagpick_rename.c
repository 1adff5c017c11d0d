/* A mistyped tag put right in the tag picker: Ctrl-R renames the tag
 * under the cursor on every check-in, a name already there is merged
 * into after asking, capitals are read in small letters, a tag changed
 * by another program meanwhile is not renamed, and `ache undo` takes a
 * rename back. */
#include "uitest.h"

#define EVENING "2026-11-24T21:00"
#define MINUTE_BEFORE "2026-11-24T20:59"
#define MINUTE_AFTER "2026-11-24T21:01"
#define CTRL_R "\x12"
#define CTRL_U "\x15"

/* Whether `ache tags` lists a tag called name, of kind `kind`. */
static bool tag_listed(const char *name, const char *kind)
{
    char out[8192];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "tags"), 0);
    ck_assert_ptr_nonnull(strstr(out, "KIND"));
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        char k[32], tag[64];
        if (sscanf(line, "%31s %63s", k, tag) == 2 && strcmp(tag, name) == 0)
            return strcmp(k, kind) == 0;
    }
    return false;
}

/* The screen at evening over a check-in carrying `tag`, the picker open
 * with the cursor on it (ticked tags come first), the rename prompt open
 * and emptied. */
static struct vt *open_rename(const char *tag)
{
    ACHE_OK(MINUTE_BEFORE, "add --pain 4 --tag %s", tag);
    struct vt *t = start_at(EVENING);
    vt_send(t, "#");
    expect_text(t, "Ctrl-R renames the tag under the cursor");
    expect_text(t, "Ctrl-R rename");
    char row[96];
    snprintf(row, sizeof row, "[x] %s", tag);
    expect_text(t, row);
    vt_send(t, CTRL_R);
    char prompt[96];
    snprintf(prompt, sizeof prompt, "Rename '%s' (Esc: cancel):", tag);
    expect_text(t, prompt);
    snprintf(prompt, sizeof prompt, "New name: %s", tag);
    expect_text(t, prompt); /* prefilled with the old name */
    expect_text(t, "Enter rename  Backspace erase  Ctrl-U clear  Esc cancel");
    vt_send(t, CTRL_U);
    return t;
}

static void leave_picker(struct vt *t)
{
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    expect_text(t, "Sleep quality");
}

START_TEST(test_rename_from_the_picker)
{
    struct vt *t = open_rename("wrk");
    vt_send(t, "work\r");
    expect_text(t, "Renamed tag 'wrk' to 'work' (1 check-in).");
    expect_text(t, "[x] work");
    ck_assert(tag_listed("work", "other"));
    ck_assert(!tag_listed("wrk", "other"));
    /* the check-in shown was read again: its next save is no conflict */
    vt_send(t, " ");
    expect_text(t, "[ ] work");
    vt_wait_idle(t, 200, WAIT_MS);
    ck_assert(!vt_find(t, "Changed elsewhere", NULL, NULL));
    expect_export("4,13", "4,\n");
    vt_send(t, " ");
    expect_text(t, "[x] work");
    leave_picker(t);
    expect_in_row(t, "Tags", "work", true);
    ck_assert(!vt_find(t, "Changed elsewhere", NULL, NULL));
    quit(t);
    expect_export("4,13", "4,work\n");
}
END_TEST

START_TEST(test_capitals_read_in_small_letters)
{
    struct vt *t = open_rename("wrk");
    vt_send(t, "  Work \r");
    expect_text(t, "Renamed tag 'wrk' to 'work' (1 check-in), read in small "
                   "letters.");
    expect_text(t, "[x] work");
    leave_picker(t);
    quit(t);
    ck_assert(tag_listed("work", "other"));
    expect_export("4,13", "4,work\n");
}
END_TEST

/* A name that is no tag name is refused with why, and the prompt stays
 * to be put right; Esc leaves the tag as it was. */
START_TEST(test_a_bad_name_is_refused)
{
    struct vt *t = open_rename("wrk");
    vt_send(t, "w k\r");
    expect_text(t, "is not a tag name");
    expect_text(t, "New name: w k");
    vt_send(t, CTRL_U "a,b\r");
    expect_text(t, "tag: give one tag name, not 'a,b'");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    expect_text(t, "Not renamed.");
    expect_text(t, "Ctrl-R renames the tag under the cursor");
    leave_picker(t);
    quit(t);
    ck_assert(tag_listed("wrk", "other"));
    expect_export("4,13", "4,wrk\n");
}
END_TEST

START_TEST(test_rename_onto_a_tag_there_merges_after_asking)
{
    struct vt *t = open_rename("coffe");
    vt_send(t, "Caffeine\r");
    expect_text(t, "'caffeine' is a tag (trigger): merge?");
    expect_text(t, "y merge into it  n keep both");
    expect_text(t, "Tag 'caffeine' already exists (trigger).");
    expect_text(t, "y merge  n keep both"); /* the status line */
    vt_send(t, "y");
    expect_text(t, "Merged tag 'coffe' into 'caffeine' (1 check-in).");
    expect_text(t, "[x] caffeine");
    leave_picker(t);
    expect_in_row(t, "Tags", "caffeine", true);
    quit(t);
    ck_assert(!tag_listed("coffe", "other"));
    ck_assert(tag_listed("caffeine", "trigger"));
    expect_export("4,13", "4,caffeine\n");
}
END_TEST

START_TEST(test_declining_the_merge_keeps_both)
{
    struct vt *t = open_rename("coffe");
    vt_send(t, "caffeine\r");
    expect_text(t, "'caffeine' is a tag (trigger): merge?");
    vt_send(t, "n");
    expect_text(t, "Not merged: 'coffe' kept its name.");
    expect_text(t, "[x] coffe");
    leave_picker(t);
    quit(t);
    ck_assert(tag_listed("coffe", "other"));
    ck_assert(tag_listed("caffeine", "trigger"));
    expect_export("4,13", "4,coffe\n");
}
END_TEST

/* Another program renamed the tag while the prompt was open: the rename
 * is refused, the name the other gave kept, the screen reading it. */
START_TEST(test_renamed_elsewhere_meanwhile_is_refused)
{
    struct vt *t = open_rename("wrk");
    ACHE_OK(MINUTE_AFTER, "tags rename wrk wrok");
    vt_send(t, "work\r");
    expect_text(t, "Not renamed: no tag 'wrk' in the diary");
    expect_text(t, "[x] wrok");
    leave_picker(t);
    expect_in_row(t, "Tags", "wrok", true);
    quit(t);
    ck_assert(tag_listed("wrok", "other"));
    ck_assert(!tag_listed("work", "other"));
    expect_export("4,13", "4,wrok\n");
}
END_TEST

/* Another program gave the tag another kind meanwhile: its revision
 * moved, and the rename stating the one read is refused. */
START_TEST(test_changed_elsewhere_meanwhile_is_refused)
{
    struct vt *t = open_rename("wrk");
    ACHE_OK(MINUTE_AFTER, "tags kind wrk trigger");
    vt_send(t, "work\r");
    expect_text(t, "Not renamed: tag 'wrk' was changed elsewhere since it "
                   "was read.");
    /* read again, it can be renamed now */
    expect_text(t, "Ctrl-R renames the tag under the cursor");
    vt_send(t, CTRL_R CTRL_U "work\r");
    expect_text(t, "Renamed tag 'wrk' to 'work' (1 check-in).");
    leave_picker(t);
    quit(t);
    ck_assert(tag_listed("work", "trigger"));
    expect_export("4,13", "4,work\n");
}
END_TEST

START_TEST(test_ache_undo_takes_the_rename_back)
{
    struct vt *t = open_rename("wrk");
    vt_send(t, "work\r");
    expect_text(t, "Renamed tag 'wrk' to 'work' (1 check-in).");
    leave_picker(t);
    quit(t);
    char out[4096];
    ck_assert_int_eq(ache_at(MINUTE_AFTER, out, sizeof out, "history"), 0);
    ck_assert_msg(strstr(out, "rename wrk work"), "%s", out);
    ck_assert_int_eq(ache_at(MINUTE_AFTER, out, sizeof out, "undo"), 0);
    ck_assert(tag_listed("wrk", "other"));
    ck_assert(!tag_listed("work", "other"));
    expect_export("4,13", "4,wrk\n");
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("tag picker rename");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_rename_from_the_picker);
    tcase_add_test(tc, test_capitals_read_in_small_letters);
    tcase_add_test(tc, test_a_bad_name_is_refused);
    tcase_add_test(tc, test_rename_onto_a_tag_there_merges_after_asking);
    tcase_add_test(tc, test_declining_the_merge_keeps_both);
    tcase_add_test(tc, test_renamed_elsewhere_meanwhile_is_refused);
    tcase_add_test(tc, test_changed_elsewhere_meanwhile_is_refused);
    tcase_add_test(tc, test_ache_undo_takes_the_rename_back);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
