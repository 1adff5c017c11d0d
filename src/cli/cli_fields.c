/* cli_fields: `ache fields` lists the diary's fields; `add`, `rename`,
 * `hide` and `show` change them. Each write names the revision it read;
 * when another writer came between, it reads the field again and redoes
 * the change, as `ache edit` does for a check-in. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/fields.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_fields_opts[] = {
    {"kind", 0, "KIND", "add: rating (0-10), count (0-9999), minutes "
                        "(0-1440) or yesno"},
    {"label", 0, "TEXT", "what screens and reports call it"},
    {"low", 0, "WORD", "the word for its lowest value (\"none\")"},
    {"high", 0, "WORD", "the word for its highest value (\"severe\")"},
    {"weekly", 0, NULL, "add: asked once a week, not every check-in"},
    {0}};

/* What the command line gave. */
struct fields_args {
    const char *words[3]; /* action, NAME, NEW */
    size_t nwords;
    const char *kind, *label, *low, *high;
    bool weekly;
};

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    struct fields_args *a = arg;
    if (!opt) {
        if (a->nwords == 3)
            return cli_unexpected(ctx, value);
        a->words[a->nwords++] = value;
    } else if (strcmp(opt->name, "kind") == 0) {
        a->kind = value;
    } else if (strcmp(opt->name, "label") == 0) {
        a->label = value;
    } else if (strcmp(opt->name, "low") == 0) {
        a->low = value;
    } else if (strcmp(opt->name, "high") == 0) {
        a->high = value;
    } else {
        a->weekly = true;
    }
    return EXIT_OK;
}

/* ---- the list ------------------------------------------------------------- */

static const char *range_text(enum field_kind k)
{
    static const char *const ranges[FIELD_KIND_COUNT] = {
        [FIELD_RATING] = "0-10",       [FIELD_HOURS] = "0-24 h",
        [FIELD_TALLY] = "0-9999",      [FIELD_MINUTES] = "0-1440 min",
        [FIELD_YESNO] = "yes/no",
    };
    return (unsigned)k < FIELD_KIND_COUNT ? ranges[k] : "?";
}

/* "Headache, none .. severe; own, weekly, hidden". */
static void put_about(struct strbuf *out, const struct field_record *f)
{
    const struct field_info *fi = checkin_field_info(f->key);
    strbuf_printf(out, "%s, %s .. %s", fi ? fi->label : f->name,
                  fi ? fi->low_word : "", fi ? fi->high_word : "");
    const char *sep = "; ";
    if (f->key >= CF_COUNT) {
        strbuf_printf(out, "%sown", sep);
        sep = ", ";
    }
    if (f->weekly) {
        strbuf_printf(out, "%sweekly", sep);
        sep = ", ";
    }
    if (f->hidden)
        strbuf_printf(out, "%shidden", sep);
}

static int list_fields(const struct cli_ctx *ctx)
{
    struct store *st;
    struct store_field_list list;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = store_fields_list(st, &list, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    unsigned flags = cli_utf8(false) ? TEXT_SAFE_UTF8 : 0;
    struct strbuf about = {0}, shown = {0};
    fprintf(ctx->out, "%-20s %-8s %-10s %6s  %s\n", "FIELD", "KIND", "RANGE",
            "USES", "LABEL, LOW .. HIGH");
    for (size_t i = 0; i < list.n; i++) {
        const struct field_record *f = &list.items[i];
        strbuf_reset(&about);
        put_about(&about, f);
        fprintf(ctx->out, "%-20s %-8s %-10s %6ld  %s\n", f->name,
                field_kind_name(f->kind), range_text(f->kind), f->uses,
                text_safe_str(&shown, strbuf_str(&about), flags));
    }
    strbuf_free(&about);
    strbuf_free(&shown);
    store_field_list_free(&list);
    return EXIT_OK;
}

/* ---- adding --------------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Checks a name as given, before the diary is opened: a refused name
 * then neither starts a diary nor is cut to fit struct store_field (a
 * name too long for it was refused as ''). */
static int check_name(const struct cli_ctx *ctx, const char *name)
{
    char *copy = xstrdup(name);
    struct ache_err err = {{0}};
    enum ache_status s = field_name_check(copy, &err);
    free(copy);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* One line for a field added, by `add` or a preset alike. */
static void say_added(const struct cli_ctx *ctx, const struct field_record *f)
{
    struct strbuf about = {0};
    put_about(&about, f);
    fprintf(ctx->out, "added field %s (%s %s): %s\n", f->name,
            field_kind_name(f->kind), range_text(f->kind), strbuf_str(&about));
    strbuf_free(&about);
}

static int add_field(const struct cli_ctx *ctx, const struct fields_args *a)
{
    struct field_record f = {.weekly = a->weekly};
    if (!a->kind)
        return cli_usage_error(ctx, "fields add NAME needs --kind (%s)",
                               field_kind_choices());
    f.kind = field_kind_find(a->kind);
    if (f.kind == FIELD_KIND_COUNT || f.kind == FIELD_HOURS)
        return cli_usage_error(ctx, "kind: '%s' is not a kind (use %s)",
                               a->kind, field_kind_choices());
    int rc = check_name(ctx, a->words[1]);
    if (rc != EXIT_OK)
        return rc;
    /* the words too, before a diary is made for the field */
    struct field_record texts = {.label = (char *)a->label,
                                 .low_word = (char *)a->low,
                                 .high_word = (char *)a->high};
    struct ache_err err = {{0}};
    if (field_record_check_texts(&texts, &err) != ACHE_OK)
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    snprintf(f.name, sizeof f.name, "%s", a->words[1]);
    struct store *st;
    rc = cli_open_writer(ctx, true, &st);
    if (rc != EXIT_OK)
        return rc;
    f.label = dup_or_null(a->label);
    f.low_word = dup_or_null(a->low);
    f.high_word = dup_or_null(a->high);
    enum ache_status s = store_field_add(st, &f, NULL, &err);
    store_close(st);
    if (s == ACHE_OK)
        say_added(ctx, &f);
    field_record_free(&f);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* ---- changing ------------------------------------------------------------- */

/* The stored field named name (by name or option name) into *out. */
static enum ache_status find_field(struct store *st, const char *name,
                                   struct field_record *out,
                                   struct ache_err *err)
{
    bool found = false;
    int key = field_find(name);
    enum ache_status s =
        key == FIELD_NONE ? ACHE_OK
                          : store_field_get(st, key, out, &found, err);
    if (!s && !found)
        s = ache_fail(err, ACHE_ERR_INVALID,
                      "'%s' is not a field (see ache fields)", name);
    return s;
}

static void replace(char **slot, const char *with)
{
    if (!with)
        return;
    free(*slot);
    *slot = xstrdup(with);
}

/* What the action makes of f. */
static void apply_change(struct field_record *f, const struct fields_args *a)
{
    const char *action = a->words[0];
    if (strcmp(action, "hide") == 0 || strcmp(action, "show") == 0) {
        f->hidden = action[0] == 'h';
        return;
    }
    if (a->nwords == 3) {
        snprintf(f->name, sizeof f->name, "%s", a->words[2]);
        if (strlen(a->words[2]) >= sizeof f->name)
            f->name[0] = '\0';
    }
    replace(&f->label, a->label);
    replace(&f->low_word, a->low);
    replace(&f->high_word, a->high);
}

/* Reads the field, changes it and writes it, again from the start when
 * another writer changed it in between. *before gets it as read. */
static enum ache_status change_field(struct store *st,
                                     const struct fields_args *a,
                                     struct field_record *before,
                                     struct field_record *after,
                                     struct ache_err *err)
{
    enum ache_status s = ACHE_ERR_CONFLICT;
    for (int i = 0; s == ACHE_ERR_CONFLICT && i < 100; i++) {
        field_record_free(before);
        field_record_free(after);
        s = find_field(st, a->words[1], before, err);
        if (s)
            break;
        *after = *before;
        after->label = dup_or_null(before->label);
        after->low_word = dup_or_null(before->low_word);
        after->high_word = dup_or_null(before->high_word);
        apply_change(after, a);
        s = store_field_write(st, after, NULL, err);
    }
    return s;
}

static void say_changed(const struct cli_ctx *ctx, const char *action,
                        const struct field_record *was,
                        const struct field_record *now)
{
    if (now->rev == was->rev)
        fprintf(ctx->out, "field %s unchanged: it already was so\n",
                now->name);
    else if (strcmp(action, "hide") == 0)
        fprintf(ctx->out,
                "hid field %s: its values are kept (`ache fields show %s` "
                "brings it back)\n",
                now->name, now->name);
    else if (strcmp(action, "show") == 0)
        fprintf(ctx->out, "field %s shown again\n", now->name);
    else if (strcmp(was->name, now->name) != 0)
        fprintf(ctx->out, "renamed field %s to %s\n", was->name, now->name);
    else
        fprintf(ctx->out, "changed field %s\n", now->name);
}

static int rewrite_field(const struct cli_ctx *ctx,
                         const struct fields_args *a)
{
    struct store *st;
    /* a NEW too long to hold is refused as given (the rest is checked
     * against the diary's fields when it is written) */
    if (a->nwords == 3 && strlen(a->words[2]) > FIELD_NAME_MAX)
        return check_name(ctx, a->words[2]);
    int rc = cli_open_writer(ctx, false, &st);
    if (rc != EXIT_OK)
        return rc;
    struct field_record was = {0}, now = {0};
    struct ache_err err = {{0}};
    enum ache_status s = change_field(st, a, &was, &now, &err);
    store_close(st);
    if (s == ACHE_OK)
        say_changed(ctx, a->words[0], &was, &now);
    field_record_free(&was);
    field_record_free(&now);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* ---- presets -------------------------------------------------------------- */

/* `fields preset sss|peg`: the fields of a preset the diary lacks, in one
 * change; one it has (the same name and kind) is kept as it is. */
/* A field of the diary that has a preset field's name but another kind:
 * the preset is refused whole before it adds any, so that it never
 * leaves half its questions behind. */
static enum ache_status preset_clash(const char *preset,
                                     const struct field_row *rows, size_t n,
                                     struct ache_err *err)
{
    for (size_t i = 0; i < n; i++) {
        const struct field_info *fi = field_named(rows[i].name);
        if (fi && fi->kind != rows[i].kind)
            return ache_fail(
                err, ACHE_ERR_INVALID,
                "preset %s: the diary has a field '%s' of kind %s, and the "
                "preset asks it as %s: rename yours first (ache fields "
                "rename %s NEW); nothing was added",
                preset, rows[i].name, field_kind_name(fi->kind),
                field_kind_name(rows[i].kind), rows[i].name);
    }
    return ACHE_OK;
}

static int add_preset(const struct cli_ctx *ctx, const char *name)
{
    const struct field_row *rows;
    size_t n;
    if (!field_preset(name, &rows, &n))
        return cli_usage_error(ctx, "'%s' is not a preset (use sss or peg)",
                               name);
    struct store *st;
    int rc = cli_open_writer(ctx, true, &st);
    if (rc != EXIT_OK)
        return rc;
    struct ache_err err = {{0}};
    if (preset_clash(name, rows, n, &err) != ACHE_OK) {
        store_close(st);
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    }
    struct store_change ch = {.source = STORE_BY_FIELDS, .detail = name};
    enum ache_status s = ACHE_OK;
    for (size_t i = 0; s == ACHE_OK && i < n; i++) {
        const struct field_row *r = &rows[i];
        const struct field_info *fi = field_named(r->name);
        if (fi && fi->kind == r->kind) {
            fprintf(ctx->out, "field %s is there already\n", r->name);
            continue;
        }
        struct field_record f = {.kind = r->kind, .weekly = r->weekly,
                                 .label = (char *)r->label,
                                 .low_word = (char *)r->low_word,
                                 .high_word = (char *)r->high_word};
        snprintf(f.name, sizeof f.name, "%s", r->name);
        s = store_field_add(st, &f, &ch, &err);
        if (s == ACHE_OK)
            say_added(ctx, &f);
    }
    store_close(st);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* ---- the command ---------------------------------------------------------- */

/* Which words and options each action takes. */
static int check_usage(const struct cli_ctx *ctx, const struct fields_args *a)
{
    const char *action = a->words[0];
    bool add = strcmp(action, "add") == 0;
    bool rename = strcmp(action, "rename") == 0;
    bool flag = strcmp(action, "hide") == 0 || strcmp(action, "show") == 0;
    if (!add && !rename && !flag)
        return cli_usage_error(ctx, "'%s' is not an action of fields (use "
                                    "add, rename, hide, show or preset)",
                               action);
    if (a->nwords < 2)
        return cli_usage_error(ctx, "fields %s needs the field's name",
                               action);
    if (a->nwords == 3 && !rename)
        return cli_unexpected(ctx, a->words[2]);
    if (!add && (a->kind || a->weekly))
        return cli_usage_error(ctx, "a field's kind and how often it is "
                                    "asked are set when it is added");
    if (flag && (a->label || a->low || a->high))
        return cli_usage_error(ctx, "fields %s takes no options", action);
    if (rename && a->nwords == 2 && !a->label && !a->low && !a->high)
        return cli_usage_error(ctx, "fields rename OLD NEW, or --label, "
                                    "--low or --high");
    return EXIT_OK;
}

int cli_fields(struct cli_ctx *ctx, int argc, char **argv)
{
    struct fields_args a = {{NULL}, 0, NULL, NULL, NULL, NULL, false};
    int rc = cli_parse_args(ctx, argc, argv, cli_fields_opts, take_arg, &a);
    if (rc != EXIT_OK)
        return rc;
    if (a.nwords == 0) {
        if (a.kind || a.label || a.low || a.high || a.weekly)
            return cli_usage_error(ctx, "options go with an action: ache "
                                        "fields add NAME --kind KIND");
        return list_fields(ctx);
    }
    if (strcmp(a.words[0], "preset") == 0)
        return a.nwords != 2 || a.kind || a.label || a.low || a.high ||
                       a.weekly
                   ? cli_usage_error(ctx, "fields preset takes one name: "
                                          "sss or peg")
                   : add_preset(ctx, a.words[1]);
    rc = check_usage(ctx, &a);
    if (rc != EXIT_OK)
        return rc;
    return strcmp(a.words[0], "add") == 0 ? add_field(ctx, &a)
                                          : rewrite_field(ctx, &a);
}
