/* exchange_json_fields: the "fields" of an ache JSON export, written
 * before the check-ins so that a reader knows every field a check-in names:
 *
 *   "fields": [
 *     {"id": "...", "name": "headache", "kind": "rating", "label":
 *      "Headache", "low": "none", "high": "crushing", "weekly": true,
 *      "hidden": true, "created_at": "...", "updated_at": "..."},
 *     ...],
 *
 * every field of the diary, the eight built in too (their label, words and
 * hidden state are the person's). Members that are not set are left out.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ache/fields.h"
#include "ache/util.h"
#include "exchange_impl.h"
#include "exchange_json_impl.h"

enum field_member {
    FM_ID,
    FM_NAME,
    FM_KIND,
    FM_LABEL,
    FM_LOW,
    FM_HIGH,
    FM_WEEKLY,
    FM_HIDDEN,
    FM_CREATED_AT,
    FM_UPDATED_AT,
    FM_COUNT
};

static const char *const member_names[FM_COUNT] = {
    "id",   "name",   "kind",   "label",      "low",
    "high", "weekly", "hidden", "created_at", "updated_at"};

/* ---- writing --------------------------------------------------------------- */

static void put_text(struct strbuf *out, enum field_member m, const char *s)
{
    if (!s)
        return;
    strbuf_printf(out, "%s\"%s\": ", m == FM_ID ? "" : ", ",
                  member_names[m]);
    exchange_json_put_string(out, s);
}

static void put_field(struct strbuf *out, const struct field_record *f)
{
    char buf[STAMP_BUF];
    strbuf_append(out, "\n  {");
    put_text(out, FM_ID, f->id);
    put_text(out, FM_NAME, f->name);
    put_text(out, FM_KIND, field_kind_name(f->kind));
    put_text(out, FM_LABEL, f->label);
    put_text(out, FM_LOW, f->low_word);
    put_text(out, FM_HIGH, f->high_word);
    if (f->weekly)
        strbuf_append(out, ", \"weekly\": true");
    if (f->hidden)
        strbuf_append(out, ", \"hidden\": true");
    if (f->created_at)
        put_text(out, FM_CREATED_AT, stamp_format(f->created_at, buf));
    if (f->updated_at)
        put_text(out, FM_UPDATED_AT, stamp_format(f->updated_at, buf));
    strbuf_putc(out, '}');
}

void exchange_json_write_fields(const struct field_record *fields, size_t n,
                                struct strbuf *out)
{
    strbuf_append(out, "\"fields\": [");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(out, ',');
        put_field(out, &fields[i]);
    }
    strbuf_append(out, n ? "\n], " : "], ");
}

/* ---- reading --------------------------------------------------------------- */

static int member_find(const char *key, size_t len)
{
    for (int i = 0; i < FM_COUNT; i++)
        if (strlen(member_names[i]) == len && strcmp(key, member_names[i]) == 0)
            return i;
    return -1;
}

/* A text member into f, checked as far as its form goes (what the diary
 * allows is for the store to say). */
static enum ache_status take_text(struct json_parser *jp,
                                  enum field_member m, struct json_pos at,
                                  struct field_record *f)
{
    const char *t = jp->tok.data;
    char **slot = m == FM_LABEL ? &f->label
                  : m == FM_LOW ? &f->low_word
                  : m == FM_HIGH ? &f->high_word
                                 : NULL;
    if (strlen(t) != jp->tok.len)
        return exchange_json_fail(jp, at, "%s: holds a NUL character",
                                  member_names[m]);
    if (slot) {
        *slot = xstrdup(t);
    } else if (m == FM_ID) {
        if (!checkin_id_valid(t))
            return exchange_json_fail(jp, at, "id: not 32 lowercase hex "
                                              "digits");
        memcpy(f->id, t, sizeof f->id);
    } else if (m == FM_NAME) {
        if (jp->tok.len > FIELD_NAME_MAX)
            return exchange_json_fail(jp, at, "name: longer than %d",
                                      FIELD_NAME_MAX);
        memcpy(f->name, t, jp->tok.len + 1);
    } else if (m == FM_KIND) {
        f->kind = field_kind_find(t);
        if (f->kind == FIELD_KIND_COUNT)
            return exchange_json_fail(jp, at, "kind: '%.20s' is not a kind "
                                              "(rating, hours, count, minutes "
                                              "or yesno)",
                                      t);
    } else {
        int64_t *stamp = m == FM_CREATED_AT ? &f->created_at : &f->updated_at;
        if (!stamp_parse(t, stamp))
            return exchange_json_fail(jp, at,
                                      "%s: not a UTC timestamp (use "
                                      "YYYY-MM-DDTHH:MM:SS.mmmZ)",
                                      member_names[m]);
    }
    return ACHE_OK;
}

static enum ache_status take_member(struct json_parser *jp,
                                    enum field_member m, struct field_record *f)
{
    struct json_pos at = jp->at;
    enum json_kind kind = exchange_json_kind_at(jp);
    bool flag = m == FM_WEEKLY || m == FM_HIDDEN;
    if (flag && (kind == JK_TRUE || kind == JK_FALSE)) {
        *(m == FM_WEEKLY ? &f->weekly : &f->hidden) = kind == JK_TRUE;
        return exchange_json_skip_value(jp, 3);
    }
    if (flag || kind != JK_STRING)
        return exchange_json_fail(jp, at, "%s: expected %s, got %s",
                                  member_names[m],
                                  flag ? "true or false" : "a string",
                                  exchange_json_kind_name(kind));
    enum ache_status st = exchange_json_read_string(jp);
    return st ? st : take_text(jp, m, at, f);
}

/* One field object (the cursor on '{') into f. */
static enum ache_status read_field(struct json_parser *jp,
                                   struct field_record *f)
{
    struct json_pos object_at = jp->at, seen[FM_COUNT] = {{0}};
    bool first = true, done = false;
    char shown[96];
    exchange_json_advance(jp);
    for (;;) {
        struct json_pos key_at;
        enum ache_status st = exchange_json_next(jp, '}', &first, &done);
        if (!st && !done)
            st = exchange_json_read_key(jp, &key_at);
        if (st || done)
            return st ? st
                   : !seen[FM_NAME].p || !seen[FM_KIND].p
                       ? exchange_json_fail(jp, object_at,
                                            "a field needs a name and a kind")
                       : ACHE_OK;
        int m = member_find(jp->tok.data, jp->tok.len);
        exchange_describe(jp->tok.data, jp->tok.len, shown, sizeof shown);
        if (m < 0)
            return exchange_json_fail(jp, key_at,
                                      "unknown key \"%s\" in a field", shown);
        if (seen[m].p)
            return exchange_json_fail(jp, key_at,
                                      "duplicate key \"%s\" (first at %d:%d)",
                                      shown, seen[m].line, seen[m].col);
        seen[m] = key_at;
        if ((st = take_member(jp, (enum field_member)m, f)))
            return st;
    }
}

enum ache_status exchange_json_read_fields(struct json_parser *jp,
                                           struct exchange_run *run)
{
    bool first = true, done = false;
    exchange_json_advance(jp); /* '[' */
    for (;;) {
        enum ache_status st = exchange_json_next(jp, ']', &first, &done);
        if (st || done)
            return st;
        exchange_json_skip_space(jp);
        struct json_pos at = jp->at;
        if (exchange_json_kind_at(jp) != JK_OBJECT)
            return exchange_json_fail(jp, at, "a field must be an object "
                                              "{\"name\": ..., \"kind\": ...}");
        struct field_record f = {.kind = FIELD_KIND_COUNT};
        st = read_field(jp, &f);
        if (!st && run->reader->field) {
            st = run->reader->field(&f, run->reader->arg, jp->err);
            if (st)
                ache_err_prefix(jp->err, "%s:%d:%d: ", jp->name, at.line,
                                at.col);
        }
        field_record_free(&f);
        if (st)
            return st;
    }
}
