/* Tests of tags changed as records (store_tags_edit.c): rename, merge,
 * kind, removal and add, each read back, kept in the history of the
 * check-ins that carry the tag, refused when stale or wrong with nothing
 * changed, and reversed by an undo. The clock is fixed (ACHE_NOW). */
#include <stdint.h>

#include "testutil.h"

#include "ache/date.h"
#include "ache/store.h"
#include "ache/tags.h"

static char *dir;
static char *path;
static struct store *st;

static void setup(void)
{
    dir = test_tmpdir();
    path = xasprintf("%s/diary.db", dir);
    setenv("ACHE_NOW", "2026-11-24T09:00", 1);
    struct ache_err err = {""};
    ck_assert_msg(store_open(path, true, &st, &err) == ACHE_OK, "%s",
                  err.msg);
}

static void teardown(void)
{
    store_close(st);
    unsetenv("ACHE_NOW");
    test_rmdir(dir);
    free(dir);
    free(path);
}

/* Adds a check-in on the day with the tags ("a,b"); its id into id. */
static void add_tagged(const char *iso, const char *tags,
                       char id[CHECKIN_ID_LEN + 1])
{
    struct checkin c;
    ache_day d;
    ck_assert(date_parse_iso(iso, &d));
    checkin_init(&c, d);
    char *copy = xstrdup(tags);
    for (char *t = strtok(copy, ","); t; t = strtok(NULL, ","))
        checkin_add_tag(&c, t);
    free(copy);
    struct ache_err err = {""};
    ck_assert_msg(store_add(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    memcpy(id, c.id, CHECKIN_ID_LEN + 1);
    checkin_free(&c);
}

/* The check-in's tags joined by ',' and its revision: "a,b@2". */
static char *tags_of(const char *id)
{
    struct checkin c;
    struct ache_err err = {""};
    ck_assert_int_eq(store_get(st, id, &c, &err), ACHE_OK);
    struct strbuf sb = {0};
    for (size_t i = 0; i < c.ntags; i++)
        strbuf_printf(&sb, "%s%s", i ? "," : "", c.tags[i]);
    strbuf_printf(&sb, "@%lld", (long long)c.rev);
    checkin_free(&c);
    return strbuf_take(&sb);
}

static void expect_tags(const char *id, const char *want)
{
    char *got = tags_of(id);
    ck_assert_str_eq(got, want);
    free(got);
}

/* "kind:uses", or "-" when the diary has no such tag. */
static char *tag_state(const char *name)
{
    struct tag_list all = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_tags_list(st, &all, &err), ACHE_OK);
    char *out = xstrdup("-");
    for (size_t i = 0; i < all.n; i++)
        if (strcmp(all.items[i].name, name) == 0) {
            free(out);
            out = xasprintf("%s:%ld", tag_kind_name(all.items[i].kind),
                            all.items[i].uses);
        }
    tag_list_free(&all);
    return out;
}

static void expect_tag(const char *name, const char *want)
{
    char *got = tag_state(name);
    ck_assert_msg(strcmp(got, want) == 0, "%s: %s, not %s", name, got, want);
    free(got);
}

static void undo_ok(void)
{
    struct store_undo_result r;
    struct ache_err err = {""};
    ck_assert_msg(store_undo(st, &r, &err) == ACHE_OK, "%s", err.msg);
}

typedef enum ache_status (*edit_fn)(struct store *,
                                    const struct store_tag_edit *,
                                    struct store_tag_result *,
                                    struct ache_err *);

static struct store_tag_result edit_ok(edit_fn fn, struct store_tag_edit e)
{
    struct store_tag_result r;
    struct ache_err err = {""};
    ck_assert_msg(fn(st, &e, &r, &err) == ACHE_OK, "%s", err.msg);
    return r;
}

static void edit_fails(edit_fn fn, struct store_tag_edit e,
                       enum ache_status want, const char *msg)
{
    struct store_tag_result r;
    struct ache_err err = {""};
    ck_assert_int_eq(fn(st, &e, &r, &err), want);
    ck_assert_str_eq(err.msg, msg);
}

/* The changes in the diary: how many. */
static long changes(void)
{
    struct store_change_info info[64];
    size_t n = 0;
    struct ache_err err = {""};
    ck_assert_int_eq(store_changes_recent(st, 64, info, &n, &err), ACHE_OK);
    return (long)n;
}

/* A rename keeps every link, gives each carrier a new revision whose
 * history holds the old name, and an undo gives the name back. */
START_TEST(test_rename_keeps_links_and_history)
{
    char a[33], b[33];
    add_tagged("2026-11-23", "stress,walking", a);
    add_tagged("2026-11-24", "stress", b);
    struct store_tag_result r = edit_ok(
        store_tag_rename,
        (struct store_tag_edit){.name = "stress", .to = "strain"});
    ck_assert_uint_eq(r.checkins, 2);
    expect_tags(a, "strain,walking@2");
    expect_tags(b, "strain@2");
    expect_tag("stress", "-");
    expect_tag("strain", "trigger:2");
    struct store_history h;
    struct ache_err err = {""};
    ck_assert_int_eq(store_history(st, a, &h, &err), ACHE_OK);
    ck_assert_uint_eq(h.n, 2);
    ck_assert_str_eq(h.items[0].state.tags[0], "stress");
    ck_assert_str_eq(h.items[1].state.tags[0], "strain");
    ck_assert_int_eq(h.items[1].by, STORE_BY_TAGS);
    store_history_free(&h);
    undo_ok();
    expect_tag("stress", "trigger:2");
    expect_tag("strain", "-");
    expect_tags(a, "stress,walking@2");
}
END_TEST

/* A copy of a check-in read before the rename is refused, rather than
 * write the old name back as a new tag. */
START_TEST(test_stale_copy_after_rename_is_refused)
{
    char a[33];
    add_tagged("2026-11-24", "stress", a);
    struct checkin copy;
    struct ache_err err = {""};
    ck_assert_int_eq(store_get(st, a, &copy, &err), ACHE_OK);
    edit_ok(store_tag_rename,
            (struct store_tag_edit){.name = "stress", .to = "strain"});
    copy.value[CF_PAIN] = 4;
    ck_assert_int_eq(store_update(st, &copy, NULL, &err), ACHE_ERR_CONFLICT);
    checkin_free(&copy);
    expect_tag("stress", "-");
    expect_tags(a, "strain@2");
}
END_TEST

START_TEST(test_rename_refusals_change_nothing)
{
    char a[33];
    add_tagged("2026-11-24", "stress,worry", a);
    long before = changes();
    edit_fails(store_tag_rename,
               (struct store_tag_edit){.name = "stress", .to = "worry"},
               ACHE_ERR_INVALID,
               "tag 'worry' already exists (other): `ache tags merge stress "
               "worry` puts one into the other");
    edit_fails(store_tag_rename,
               (struct store_tag_edit){.name = "stres", .to = "strain"},
               ACHE_ERR_NOT_FOUND,
               "no tag 'stres' in the diary (`ache tags` lists them)");
    edit_fails(store_tag_rename,
               (struct store_tag_edit){.name = "stress", .to = "Strain"},
               ACHE_ERR_INVALID,
               "tag: 'Strain' is not a tag name: character 1 is 'S' (a tag "
               "name is lowercase letters, digits, '-' and '_', starting "
               "with a letter or digit, at most 40 bytes)");
    edit_fails(store_tag_rename,
               (struct store_tag_edit){.name = "stress", .to = "strain",
                                       .rev = 7},
               ACHE_ERR_CONFLICT,
               "tag 'stress' was changed elsewhere since it was read");
    struct store_tag_result r = edit_ok(
        store_tag_rename,
        (struct store_tag_edit){.name = "stress", .to = "stress"});
    ck_assert(r.unchanged);
    ck_assert_int_eq(changes(), before);
    expect_tags(a, "stress,worry@1");
}
END_TEST

/* A merge moves the tag's check-ins to the other (one carrying both keeps
 * one) and removes it; an undo brings both back as they were. */
START_TEST(test_merge_and_undo)
{
    char a[33], b[33], c[33];
    add_tagged("2026-11-22", "coffee", a);
    add_tagged("2026-11-23", "coffee,caffeine", b);
    add_tagged("2026-11-24", "caffeine", c);
    struct store_tag_result r = edit_ok(
        store_tag_merge,
        (struct store_tag_edit){.name = "coffee", .to = "caffeine"});
    ck_assert_uint_eq(r.checkins, 2);
    expect_tags(a, "caffeine@2");
    expect_tags(b, "caffeine@2");
    expect_tags(c, "caffeine@1");
    expect_tag("coffee", "-");
    expect_tag("caffeine", "trigger:3");
    undo_ok();
    expect_tag("coffee", "other:2");
    expect_tag("caffeine", "trigger:2");
    expect_tags(a, "coffee@3");
    expect_tags(b, "caffeine,coffee@3");
    edit_fails(store_tag_merge,
               (struct store_tag_edit){.name = "coffee", .to = "tea"},
               ACHE_ERR_NOT_FOUND,
               "no tag 'tea' to merge into (`ache tags rename coffee tea` "
               "gives the tag that name)");
    edit_fails(store_tag_merge,
               (struct store_tag_edit){.name = "coffee", .to = "coffee"},
               ACHE_ERR_INVALID, "a tag cannot be merged into itself");
}
END_TEST

START_TEST(test_kind_and_undo)
{
    struct store_tag_result r = edit_ok(
        store_tag_set_kind,
        (struct store_tag_edit){.name = "stress", .kind = TAG_OTHER});
    ck_assert(!r.unchanged);
    expect_tag("stress", "other:0");
    r = edit_ok(store_tag_set_kind,
                (struct store_tag_edit){.name = "stress", .kind = TAG_OTHER});
    ck_assert(r.unchanged);
    undo_ok();
    expect_tag("stress", "trigger:0");
}
END_TEST

/* A tag in use is removed only with force, which takes it off its
 * check-ins; an undo puts it back on them. */
START_TEST(test_remove_needs_force_when_used)
{
    char a[33];
    add_tagged("2026-11-24", "stress,worry", a);
    edit_fails(store_tag_remove, (struct store_tag_edit){.name = "stress"},
               ACHE_ERR_REFUSED,
               "tag 'stress' is on 1 check-in: `ache tags rm stress --force` "
               "takes it off them (`ache undo` puts it back)");
    expect_tags(a, "stress,worry@1");
    struct store_tag_result r = edit_ok(
        store_tag_remove,
        (struct store_tag_edit){.name = "stress", .force = true});
    ck_assert_uint_eq(r.checkins, 1);
    expect_tags(a, "worry@2");
    expect_tag("stress", "-");
    undo_ok();
    expect_tags(a, "stress,worry@3");
    expect_tag("stress", "trigger:1");
    edit_ok(store_tag_remove, (struct store_tag_edit){.name = "yoga"});
    expect_tag("yoga", "-");
}
END_TEST

/* An added tag is a change of its own; its undo takes it out, and an undo
 * of that undo brings it back. */
START_TEST(test_add_is_a_change)
{
    struct ache_err err = {""};
    long before = changes();
    ck_assert_int_eq(store_tag_add(st, "knitting", TAG_TREATMENT, &err),
                     ACHE_OK);
    ck_assert_int_eq(changes(), before + 1);
    expect_tag("knitting", "treatment:0");
    ck_assert_int_eq(store_tag_add(st, "knitting", TAG_OTHER, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tag 'knitting' already exists (treatment)");
    undo_ok();
    expect_tag("knitting", "-");
    undo_ok();
    expect_tag("knitting", "treatment:0");
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("store tags");
    TCase *tc = tcase_create("edit");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_rename_keeps_links_and_history);
    tcase_add_test(tc, test_stale_copy_after_rename_is_refused);
    tcase_add_test(tc, test_rename_refusals_change_nothing);
    tcase_add_test(tc, test_merge_and_undo);
    tcase_add_test(tc, test_kind_and_undo);
    tcase_add_test(tc, test_remove_needs_force_when_used);
    tcase_add_test(tc, test_add_is_a_change);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
