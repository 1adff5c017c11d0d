/* The tag picker: the tags ticked when it opened first, then the recent
 * ones (of the latest TAGPICK_RECENT_CHECKINS check-ins, the latest
 * first), then the rest by kind and name. j/k and the arrows move; / or a
 * letter that is not j or k begins a filter (names that begin with it
 * first), in which j and k are letters. Space or Enter ticks a tag; a
 * name that is not there yet can be created in place, after choosing its
 * kind. Ctrl-R renames the tag under the cursor (typed capitals read in
 * small letters), offering to merge it when the new name is a tag there;
 * the check-in shown is read again after, its tags having new names. One
 * Esc leaves. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/grid.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/term.h"
#include "ache/text.h"
#include "ache/util.h"
#include "checkin_impl.h"

/* A visible row: a tag (index into the list) or the "new tag" row. */
#define ROW_NEW (-1)

/* The picker's keys, for the status line and help (tagpick_handle acts on
 * them). */
const struct binding tagpick_bindings[] = {
    {'/', REQ_FILTER, "/ a-z", NULL, "filter: / or a letter other than j "
     "and k begins it (then j and k are letters too); a new name offers "
     "to create the tag", "filter"},
    {'j', REQ_NEXT_FIELD, "j/k ↓/↑", "j/k", "move (ticked tags first, "
     "then the recent ones)", "move"},
    {' ', REQ_TOGGLE, "Space", NULL, "tick or untick the tag", "tick"},
    {TK_ENTER, REQ_TOGGLE, "Enter", NULL, "tick, or create the new tag",
     NULL},
    {TK_BACKSPACE, REQ_CLEAR, "Backspace", NULL, "erase the filter's last "
     "letter", NULL},
    {TK_CTRL('r'), REQ_RENAME, "Ctrl-R", NULL, "rename the tag under the "
     "cursor on every check-in (a name already there offers to merge "
     "into it; ache undo takes it back)", "rename"},
    {TK_ESC, REQ_QUIT, "Esc", NULL, "close the tags (what is ticked is "
     "saved)", "done"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

/* The keys of the rename prompt and of the merge question, for the
 * status line (rename_key and answer_merge act on them). */
static const struct binding rename_bindings[] = {
    {TK_ENTER, REQ_RENAME, "Enter", NULL, "rename the tag to the name "
     "typed", "rename"},
    {TK_BACKSPACE, REQ_ERASE, "Backspace", NULL, "erase a character",
     "erase"},
    {TK_CTRL('u'), REQ_CLEAR, "Ctrl-U", NULL, "erase the whole name",
     "clear"},
    {TK_ESC, REQ_QUIT, "Esc", NULL, "leave the name as it was", "cancel"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};
static const struct binding merge_bindings[] = {
    {'y', REQ_YES, "y", NULL, "merge the tag into the one named", "merge"},
    {'n', REQ_NO, "n Esc", "n", "keep both tags", "keep both"},
    {TK_ESC, REQ_NO, NULL, NULL, NULL, NULL},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

const struct binding *tagpick_bindings_of(const struct tagpick *p)
{
    if (p->renaming)
        return rename_bindings;
    return p->asking_merge ? merge_bindings : tagpick_bindings;
}

static void load_tags(struct tagpick *p, struct app *app)
{
    struct ache_err err = {{0}};
    tag_list_free(&p->tags);
    if (store_tags_list(app->store, &p->tags, &err) != ACHE_OK)
        app_message(app, ST_ERROR, "%s", err.msg);
}

static int tag_index(const struct tagpick *p, const char *name)
{
    for (size_t i = 0; i < p->tags.n; i++)
        if (strcmp(p->tags.items[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Each tag's place before any filter: ticked now (0), recent (1 the
 * latest check-in's), the rest. Fixed while the picker is open, so that a
 * tag ticked does not jump away from the cursor. */
static void rank_tags(struct tagpick *p, struct checkin_state *s,
                      struct app *app)
{
    struct checkin_list recent = {0};
    free(p->rank);
    p->rank = xcalloc(p->tags.n + 1, sizeof *p->rank);
    for (size_t i = 0; i < p->tags.n; i++)
        p->rank[i] = checkin_has_tag(&s->cur, p->tags.items[i].name)
                         ? 0
                         : TAGPICK_REST;
    checkin_quick_before(s, app, TAGPICK_RECENT_CHECKINS, &recent);
    int next = 1;
    for (size_t c = 0; c < recent.n; c++)
        for (size_t t = 0; t < recent.items[c].ntags; t++) {
            int at = tag_index(p, recent.items[c].tags[t]);
            if (at >= 0 && p->rank[at] == TAGPICK_REST)
                p->rank[at] = next++;
        }
    checkin_list_free(&recent);
}

struct tagpick *tagpick_open(struct checkin_state *s, struct app *app)
{
    struct tagpick *p = xcalloc(1, sizeof *p);
    load_tags(p, app);
    rank_tags(p, s, app);
    return p;
}

void tagpick_close(struct tagpick *p)
{
    if (!p)
        return;
    tag_list_free(&p->tags);
    free(p->rank);
    free(p);
}

static bool filter_is_new_name(const struct tagpick *p)
{
    if (!p->filter[0] || tag_name_check(p->filter, NULL) != ACHE_OK)
        return false;
    for (size_t i = 0; i < p->tags.n; i++)
        if (strcmp(p->tags.items[i].name, p->filter) == 0)
            return false;
    return true;
}

/* A row's order: names that begin with the filter first, then by rank,
 * then as the diary lists them (kind, name). */
struct row_order {
    int index, starts, rank;
};

static int row_order_cmp(const void *a, const void *b)
{
    const struct row_order *x = a, *y = b;
    if (x->starts != y->starts)
        return x->starts ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Fills rows[] with what the filter lets through, in order; returns the
 * count. */
static int visible_rows(const struct tagpick *p, int *rows)
{
    struct row_order *order = xcalloc(p->tags.n + 1, sizeof *order);
    size_t n = 0, flen = strlen(p->filter);
    for (size_t i = 0; i < p->tags.n; i++)
        if (strstr(p->tags.items[i].name, p->filter))
            order[n++] = (struct row_order){
                .index = (int)i,
                .starts = strncmp(p->tags.items[i].name, p->filter, flen) == 0,
                .rank = p->rank ? p->rank[i] : TAGPICK_REST};
    if (n > 1)
        qsort(order, n, sizeof *order, row_order_cmp);
    for (size_t i = 0; i < n; i++)
        rows[i] = order[i].index;
    free(order);
    if (filter_is_new_name(p))
        rows[n++] = ROW_NEW;
    return (int)n;
}

static int *rows_alloc(const struct tagpick *p)
{
    return xcalloc(p->tags.n + 1, sizeof(int));
}

/* Whether one more tag would be more than a check-in holds; says so on
 * the status line, and the check-in keeps the tags it has. */
static bool tags_full(const struct checkin_state *s, struct app *app)
{
    if (s->cur.ntags < CHECKIN_TAGS_MAX)
        return false;
    app_message(app, ST_WARN, "A check-in holds at most %d tags: untick one "
                              "to make room.",
                CHECKIN_TAGS_MAX);
    return true;
}

static void toggle_tag(struct checkin_state *s, struct app *app,
                       const char *name)
{
    if (!checkin_has_tag(&s->cur, name) && tags_full(s, app))
        return;
    checkin_screen_step(s, app);
    if (!checkin_remove_tag(&s->cur, name))
        checkin_add_tag(&s->cur, name);
    checkin_screen_save(s, app);
}

static void create_tag(struct checkin_state *s, struct app *app,
                       enum tag_kind kind)
{
    struct tagpick *p = s->picker;
    struct ache_err err = {{0}};
    p->choosing_kind = false;
    if (store_tag_add(app->store, p->filter, kind, &err) != ACHE_OK) {
        app_message(app, ST_ERROR, "%s", err.msg);
        return;
    }
    checkin_screen_step(s, app);
    checkin_add_tag(&s->cur, p->filter);
    checkin_screen_save(s, app);
    app_message(app, ST_OK, "New %s tag: %s", tag_kind_name(kind), p->filter);
    p->filter[0] = '\0';
    p->filtering = false;
    p->cursor = 0;
    load_tags(p, app);
    rank_tags(p, s, app); /* the list changed under the ranks */
}

static unsigned choose_kind(struct checkin_state *s, struct app *app,
                            int key)
{
    static const char keys[TAG_KIND_COUNT] = {'t', 'r', 'o'};
    for (int k = 0; k < TAG_KIND_COUNT; k++)
        if (key == keys[k]) {
            create_tag(s, app, (enum tag_kind)k);
            return H_HANDLED;
        }
    if (key == TK_ESC)
        s->picker->choosing_kind = false;
    return H_HANDLED;
}

static void activate_row(struct checkin_state *s, struct app *app, int row)
{
    struct tagpick *p = s->picker;
    if (row == ROW_NEW)
        p->choosing_kind = !tags_full(s, app);
    else
        toggle_tag(s, app, p->tags.items[row].name);
}

/* Enter or Space on the cursor's row. */
static void activate_cursor(struct checkin_state *s, struct app *app)
{
    struct tagpick *p = s->picker;
    int *rows = rows_alloc(p);
    int n = visible_rows(p, rows);
    if (p->cursor < n)
        activate_row(s, app, rows[p->cursor]);
    free(rows);
}

static void type_char(struct tagpick *p, int key)
{
    if (key >= 'A' && key <= 'Z')
        key += 'a' - 'A'; /* tags are lowercase: be forgiving */
    char enc[4];
    size_t n = utf8_encode((uint32_t)key, enc);
    size_t len = strlen(p->filter);
    if (len + n > TAG_NAME_MAX)
        return;
    memcpy(p->filter + len, enc, n);
    p->filter[len + n] = '\0';
    p->cursor = 0;
    p->scroll = 0;
}

static void erase_char(struct tagpick *p)
{
    size_t len = strlen(p->filter);
    if (len)
        p->filter[utf8_prev(p->filter, len)] = '\0';
    else
        p->filtering = false; /* j and k move again */
    p->cursor = 0;
}

static void move_cursor(struct tagpick *p, int delta)
{
    int *rows = rows_alloc(p);
    int n = visible_rows(p, rows);
    free(rows);
    p->cursor += delta;
    if (p->cursor >= n)
        p->cursor = n - 1;
    if (p->cursor < 0)
        p->cursor = 0;
}

/* One Esc leaves, filter or not: what was ticked is saved already. */
static unsigned escape(struct checkin_state *s)
{
    tagpick_close(s->picker);
    s->picker = NULL;
    return H_HANDLED;
}

/* j and k move until a filter begins; / begins one. */
static bool is_move_letter(const struct tagpick *p, int key)
{
    return !p->filtering && (key == 'j' || key == 'k');
}

static unsigned click(struct checkin_state *s, struct app *app,
                      const struct term_event *ev)
{
    struct checkin_layout l;
    checkin_screen_layout(s, app, app->grid, &l);
    int row = ev->y - (l.panel_y + 3) + s->picker->scroll;
    int *rows = rows_alloc(s->picker);
    int n = visible_rows(s->picker, rows);
    if (ev->mouse_down && ev->x < l.panel_w && row >= 0 && row < n) {
        s->picker->cursor = row;
        activate_row(s, app, rows[row]);
    }
    free(rows);
    return H_HANDLED;
}

/* ---- Ctrl-R: renaming the tag under the cursor --------------------------- */

/* The tag under the cursor, or -1 (no row, or the new-tag row). */
static int cursor_tag(const struct tagpick *p)
{
    int *rows = rows_alloc(p);
    int n = visible_rows(p, rows);
    int at = p->cursor < n ? rows[p->cursor] : -1;
    free(rows);
    return at < 0 ? -1 : at;
}

/* The tags read again after one changed, the cursor on `name` when the
 * filter shows it. */
static void reread_tags(struct checkin_state *s, struct app *app,
                        const char *name)
{
    struct tagpick *p = s->picker;
    p->renaming = p->asking_merge = false;
    load_tags(p, app);
    rank_tags(p, s, app);
    int *rows = rows_alloc(p);
    int n = visible_rows(p, rows);
    p->cursor = 0;
    for (int i = 0; name && i < n; i++)
        if (rows[i] >= 0 && strcmp(p->tags.items[rows[i]].name, name) == 0)
            p->cursor = i;
    free(rows);
}

static unsigned begin_rename(struct checkin_state *s, struct app *app)
{
    struct tagpick *p = s->picker;
    int at = cursor_tag(p);
    if (at < 0) {
        app_message(app, ST_DIM, "Ctrl-R renames the tag under the cursor.");
        return H_HANDLED;
    }
    const char *name = p->tags.items[at].name;
    size_t len = strlen(name);
    bool found = false;
    struct ache_err err = {{0}};
    if (len > TAG_NAME_MAX ||
        store_tag_rev(app->store, name, &found, &p->rename_rev, &err)) {
        app_message(app, ST_ERROR, "%s", err.msg);
        return H_HANDLED;
    }
    if (!found) {
        app_message(app, ST_WARN, "Tag '%s' is no longer in the diary: "
                                  "renamed or removed elsewhere.", name);
        reread_tags(s, app, NULL);
        return H_HANDLED;
    }
    memcpy(p->rename_from, name, len + 1);
    memcpy(p->rename_text, name, len + 1);
    p->renaming = true;
    return H_HANDLED;
}

/* The name typed: trimmed, capitals read in small letters (*lowered
 * says so), one tag name. */
static void note_lowered(const char *typed, const char *name, void *arg)
{
    (void)typed;
    (void)name;
    *(bool *)arg = true;
}

static enum ache_status read_new_name(const char *typed, char *name,
                                      bool *lowered, struct ache_err *err)
{
    char **names = NULL;
    size_t count = 0;
    struct tag_lowered said = {.said = note_lowered, .arg = lowered};
    enum ache_status st =
        tag_names_parse_typed(typed, ',', &names, &count, &said, err);
    if (st == ACHE_OK && count != 1)
        st = ache_fail(err, ACHE_ERR_INVALID,
                       count ? "tag: give one tag name, not '%s'"
                             : "tag: type the new name%s",
                       count ? typed : "");
    if (st == ACHE_OK)
        memcpy(name, names[0], strlen(names[0]) + 1);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return st;
}

static const char *checkins_word(size_t n)
{
    return n == 1 ? "check-in" : "check-ins";
}

/* After a rename or merge was tried: done, the check-in shown is read
 * again (its tags have new names, its revision moved, so that no stale
 * copy is written back); refused for a change elsewhere, the tags are
 * read again; any other failure keeps the question open to try again. */
static void finish_edit(struct checkin_state *s, struct app *app,
                        enum ache_status st, const struct ache_err *err,
                        const char *into, const char *not_done)
{
    if (st == ACHE_OK) {
        checkin_screen_reload(s, app);
        reread_tags(s, app, into);
        return;
    }
    if (st == ACHE_ERR_CONFLICT || st == ACHE_ERR_NOT_FOUND) {
        app_message(app, ST_WARN, "%s: %s.", not_done, err->msg);
        checkin_screen_reload(s, app);
        reread_tags(s, app, NULL);
        return;
    }
    app_message(app, ST_ERROR, "%s", err->msg);
}

static void merge_tag(struct checkin_state *s, struct app *app)
{
    struct tagpick *p = s->picker;
    struct store_tag_edit e = {.name = p->rename_from, .to = p->merge_into,
                               .rev = p->rename_rev};
    struct store_tag_result r = {0};
    struct ache_err err = {{0}};
    enum ache_status st = store_tag_merge(app->store, &e, &r, &err);
    char into[TAG_NAME_MAX + 1];
    memcpy(into, p->merge_into, sizeof into);
    if (st == ACHE_OK)
        app_message(app, ST_OK, "Merged tag '%s' into '%s' (%zu %s).",
                    p->rename_from, into, r.checkins,
                    checkins_word(r.checkins));
    finish_edit(s, app, st, &err, into, "Not merged");
}

static unsigned answer_merge(struct checkin_state *s, struct app *app,
                             int key)
{
    struct tagpick *p = s->picker;
    if (key == 'y' || key == 'Y') {
        merge_tag(s, app);
    } else if (key == 'n' || key == 'N' || key == TK_ESC) {
        p->asking_merge = false;
        app_message(app, ST_DIM, "Not merged: '%s' kept its name.",
                    p->rename_from);
    }
    return H_HANDLED;
}

/* The new name is a tag there already: ask before merging into it. */
static void ask_merge(struct tagpick *p, struct app *app, const char *name,
                      enum tag_kind kind)
{
    memcpy(p->merge_into, name, strlen(name) + 1);
    p->merge_kind = kind;
    p->renaming = false;
    p->asking_merge = true;
    app_message(app, ST_WARN, "Tag '%s' already exists (%s).", name,
                tag_kind_name(kind));
}

static void submit_rename(struct checkin_state *s, struct app *app)
{
    struct tagpick *p = s->picker;
    char name[TAG_NAME_MAX + 1];
    bool lowered = false, exists = false;
    enum tag_kind kind = TAG_OTHER;
    struct ache_err err = {{0}};
    if (read_new_name(p->rename_text, name, &lowered, &err) ||
        store_tag_find(app->store, name, &exists, &kind, &err)) {
        app_message(app, ST_ERROR, "%s", err.msg);
        return; /* the prompt stays, to be put right */
    }
    if (strcmp(name, p->rename_from) == 0) {
        p->renaming = false;
        app_message(app, ST_DIM, "Tag '%s' kept its name.", name);
        return;
    }
    if (exists) {
        ask_merge(p, app, name, kind);
        return;
    }
    struct store_tag_edit e = {.name = p->rename_from, .to = name,
                               .rev = p->rename_rev};
    struct store_tag_result r = {0};
    enum ache_status st = store_tag_rename(app->store, &e, &r, &err);
    if (st == ACHE_OK)
        app_message(app, ST_OK, "Renamed tag '%s' to '%s' (%zu %s)%s.",
                    p->rename_from, name, r.checkins,
                    checkins_word(r.checkins),
                    lowered ? ", read in small letters" : "");
    finish_edit(s, app, st, &err, name, "Not renamed");
}

/* The keys of the rename prompt: letters go into the name, Backspace
 * erases one, Ctrl-U all, Enter renames, Esc cancels. */
static unsigned rename_key(struct checkin_state *s, struct app *app, int key)
{
    struct tagpick *p = s->picker;
    if (key == TK_ESC) {
        p->renaming = false;
        app_message(app, ST_DIM, "Not renamed.");
    } else if (key == TK_ENTER) {
        submit_rename(s, app);
    } else if (key == TK_CTRL('u')) {
        p->rename_text[0] = '\0';
    } else {
        app_line_edit(p->rename_text, sizeof p->rename_text, key);
    }
    return H_HANDLED;
}

unsigned tagpick_handle(struct checkin_state *s, struct app *app,
                        const struct term_event *ev)
{
    struct tagpick *p = s->picker;
    if (p->choosing_kind)
        return choose_kind(s, app, ev->key);
    if (p->renaming)
        return rename_key(s, app, ev->key);
    if (p->asking_merge)
        return answer_merge(s, app, ev->key);
    if (ev->key == TK_CTRL('r'))
        return begin_rename(s, app);
    if (is_move_letter(p, ev->key)) {
        move_cursor(p, ev->key == 'j' ? 1 : -1);
        return H_HANDLED;
    }
    if (ev->key == '/' && !p->filtering) {
        p->filtering = true;
        return H_HANDLED;
    }
    switch (ev->key) {
    case TK_ESC:
        return escape(s);
    case TK_UP:
    case TK_CTRL('p'):
        move_cursor(p, -1);
        return H_HANDLED;
    case TK_DOWN:
    case TK_CTRL('n'):
        move_cursor(p, 1);
        return H_HANDLED;
    case TK_PGUP:
    case TK_PGDN:
        move_cursor(p, ev->key == TK_PGUP ? -10 : 10);
        return H_HANDLED;
    case ' ':
    case TK_ENTER:
        activate_cursor(s, app);
        return H_HANDLED;
    case TK_BACKSPACE:
        erase_char(p);
        return H_HANDLED;
    case TK_MOUSE:
        return click(s, app, ev);
    default:
        if (ev->key > ' ' && ev->key < TK_BASE && ev->key != 0x7f) {
            type_char(p, ev->key);
            p->filtering = true;
        }
        return H_HANDLED; /* the picker keeps every key while open */
    }
}

static void draw_row(const struct checkin_state *s, struct app *app,
                     struct grid *g, int x, int y, int w, int row,
                     bool cursor)
{
    const struct tagpick *p = s->picker;
    enum style st = cursor ? ST_CURSOR : ST_NORMAL;
    if (cursor)
        grid_fill(g, x, y, w, 1, ' ', ST_CURSOR);
    if (row == ROW_NEW) {
        grid_printf(g, x + 1, y, st, "+ new tag \"%s\"", p->filter);
        return;
    }
    const struct tag *t = &p->tags.items[row];
    bool on = checkin_has_tag(&s->cur, t->name);
    grid_text(g, x + 1, y, on ? "[x]" : "[ ]", cursor ? st : ST_REGION_ON,
              3);
    grid_text(g, x + 5, y, t->name, on && !cursor ? ST_BOLD : st, w - 18);
    grid_text(g, x + w - 11, y, tag_kind_name(t->kind),
              cursor ? st : ST_DIM, 10);
    (void)app;
}

/* The two lines under the list: its keys, or the question of a new
 * tag's kind or of a merge, on two lines so that every choice shows in
 * the panel's 40 columns. */
/* The rename prompt on the panel's last two lines, the cursor after the
 * name typed (its end shown when it is longer than the room). */
static void draw_rename(const struct tagpick *p, struct grid *g, int x,
                        int y, int w, int *cx, int *cy)
{
    grid_printf(g, x + 2, y - 1, ST_WARN, "Rename '%s' (Esc: cancel):",
                p->rename_from);
    int lead = grid_text(g, x + 2, y, "New name: ", ST_DIM, -1);
    const char *text = p->rename_text;
    size_t room = (size_t)(w - 5 - lead);
    while (text_width(text, strlen(text)) > room)
        text += utf8_next(text, strlen(text), 0);
    *cx = x + 2 + lead + grid_text(g, x + 2 + lead, y, text, ST_BOLD,
                                   (int)room);
    *cy = y;
}

static void draw_merge_question(const struct tagpick *p, struct grid *g,
                                int x, int y, int w)
{
    grid_printf(g, x + 2, y - 1, ST_WARN, "'%s' is a tag (%s): merge?",
                p->merge_into, tag_kind_name(p->merge_kind));
    grid_text(g, x + 2, y, "y merge into it  n keep both", ST_WARN, w - 4);
}

static void draw_hint(const struct tagpick *p, struct grid *g, int x, int y,
                      int w)
{
    if (p->asking_merge) {
        draw_merge_question(p, g, x, y, w);
        return;
    }
    if (p->choosing_kind) {
        grid_text(g, x + 2, y - 1, "Kind of the new tag? (Esc: cancel)",
                  ST_WARN, w - 4);
        grid_text(g, x + 2, y, "t trigger  r treatment  o other", ST_WARN,
                  w - 4);
        return;
    }
    const char *hint = p->filtering ? "type to filter, Space tick, Esc done"
                                    : "j/k move, / filter, Space tick, "
                                      "Esc done";
    grid_text(g, x + 2, y - 1, "Ctrl-R renames the tag under the cursor",
              ST_DIM, w - 4);
    grid_text(g, x + 2, y, hint, ST_DIM, w - 4);
}

void tagpick_draw(const struct checkin_state *s, struct app *app,
                  struct grid *g, const struct checkin_layout *l, int *cx,
                  int *cy)
{
    struct tagpick *p = s->picker;
    int x = l->panel_x, y = l->panel_y, w = l->panel_w, h = l->panel_h;
    grid_box(g, x, y, w, h, app->gl, "Tags: triggers, treatments, other",
             ST_DIM);
    int fx = x + 2 + grid_text(g, x + 2, y + 1, "Filter: ", ST_DIM, -1);
    int used = grid_text(g, fx, y + 1, p->filter, ST_BOLD, w - 12);
    *cx = fx + used;
    *cy = y + 1;
    int *rows = rows_alloc(p);
    /* the kind question takes the list's last row */
    /* the hint, or a question, takes the list's last row too */
    int n = visible_rows(p, rows), list_h = h - 6;
    if (p->cursor < p->scroll)
        p->scroll = p->cursor;
    if (p->cursor >= p->scroll + list_h)
        p->scroll = p->cursor - list_h + 1;
    for (int i = 0; i < list_h && p->scroll + i < n; i++)
        draw_row(s, app, g, x + 1, y + 3 + i, w - 2, rows[p->scroll + i],
                 p->scroll + i == p->cursor);
    if (n == 0)
        grid_text(g, x + 2, y + 3, "no tag matches", ST_DIM, -1);
    free(rows);
    if (p->renaming)
        draw_rename(p, g, x, y + h - 2, w, cx, cy);
    else
        draw_hint(p, g, x, y + h - 2, w);
}
