/* exchange_csv: check-ins as RFC 4180 CSV.
 *
 * Writing: a header line, then one line per check-in, lines ending in LF;
 * a field is quoted only when it holds a comma, a quote, CR or LF, or
 * starts or ends with a space (which other programs would trim).
 *
 * Reading: a UTF-8 BOM, CRLF or LF line ends, a last line without an end
 * and empty lines are all accepted; anything else that is not RFC 4180 is
 * refused with the place, rather than guessed at: a quote inside an
 * unquoted field, text after a closing quote, a CR alone outside quotes.
 * Inside quotes every byte is kept as it is (a note's CRLF stays CRLF).
 *
 * Formulas: a spreadsheet runs a cell that starts with '=', '+', '-',
 * '@', a tab or a CR as a formula, so a note could act when an export is
 * opened. A note that starts with any number of apostrophes and then one
 * of those is written with one apostrophe more ("=SUM(A1)" as
 * "'=SUM(A1)", "'=x" as "''=x"), which a spreadsheet shows as text; on
 * reading, a note cell that starts with one or more apostrophes and then
 * one of those loses exactly one. So export -> import -> export gives the
 * same bytes. The other columns cannot start so (tag names start with a
 * letter or digit).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/meds.h"
#include "ache/regions.h"
#include "ache/util.h"
#include "exchange_impl.h"

/* ---- formulas ---------------------------------------------------------- */

/* The apostrophes at the start of s when a formula character follows
 * them (SIZE_MAX when none does). */
static size_t formula_apostrophes(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[n] == '\'')
        n++;
    return n < len && strchr("=+-@\t\r", s[n]) && s[n] != '\0' ? n
                                                                : SIZE_MAX;
}

/* ---- writing ----------------------------------------------------------- */

static void put_field(struct strbuf *out, const char *s)
{
    size_t len = strlen(s);
    bool quote =
        len && (s[0] == ' ' || s[len - 1] == ' ' || strpbrk(s, ",\"\r\n"));
    if (!quote) {
        strbuf_appendn(out, s, len);
        return;
    }
    strbuf_putc(out, '"');
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        strbuf_appendn(out, s, (size_t)(q - s) + 1);
        strbuf_putc(out, '"');
    }
    strbuf_append(out, s);
    strbuf_putc(out, '"');
}

void exchange_csv_write_header(struct strbuf *out)
{
    int cols[EXCHANGE_MAX_COLUMNS];
    size_t n = exchange_columns(cols, EXCHANGE_MAX_COLUMNS);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(out, ',');
        strbuf_append(out, exchange_column_name(cols[i]));
    }
    strbuf_putc(out, '\n');
}

static void put_stamp(struct strbuf *out, int64_t ms)
{
    char buf[STAMP_BUF];
    if (ms != 0)
        strbuf_append(out, stamp_format(ms, buf));
}

static void put_note(struct strbuf *out, const char *note)
{
    if (formula_apostrophes(note, strlen(note)) != SIZE_MAX) {
        char *guarded = xasprintf("'%s", note);
        put_field(out, guarded);
        free(guarded);
    } else {
        put_field(out, note);
    }
}

/* The cell of column col. */
static void put_cell(struct strbuf *out, const struct checkin *c, int col)
{
    char buf[REGION_SET_BUF];
    int key = exchange_column_field(col);
    if (key != FIELD_NONE) {
        strbuf_append(out, checkin_format_value((enum checkin_field)key,
                                                checkin_get(c, key), buf,
                                                sizeof buf));
        return;
    }
    switch (col) {
    case EC_ID:
        strbuf_append(out, c->id);
        break;
    case EC_DATE:
        strbuf_append(out, date_format(c->date, buf));
        break;
    case EC_TIME:
        if (c->minute != CHECKIN_TIME_ABSENT)
            strbuf_append(out, time_format(c->minute, buf));
        break;
    case EC_REGIONS:
        strbuf_append(out, region_set_format(c->regions, ';', buf, sizeof buf));
        break;
    case EC_TAGS:
        for (size_t i = 0; i < c->ntags; i++)
            strbuf_printf(out, "%s%s", i ? ";" : "", c->tags[i]);
        break;
    case EC_NOTE:
        put_note(out, c->note ? c->note : "");
        break;
    default:
        put_stamp(out, col == EC_CREATED_AT ? c->created_at : c->updated_at);
    }
}

void exchange_csv_write_checkin(const struct checkin *c, struct strbuf *out)
{
    int cols[EXCHANGE_MAX_COLUMNS];
    size_t n = exchange_columns(cols, EXCHANGE_MAX_COLUMNS);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(out, ',');
        put_cell(out, c, cols[i]);
    }
    strbuf_putc(out, '\n');
}

/* ---- reading records ----------------------------------------------------- */

struct csv_reader {
    const char *p, *end;
    int line; /* line of p, from 1 */
    const char *name;
    struct ache_err *err;
    struct strbuf *cells; /* reused from record to record */
    size_t ncells, cap; /* cells in the record; slots in cells */
    int record_line; /* line where the current record starts */
};

static enum ache_status csv_fail(struct csv_reader *r, int line, size_t field,
                                 const char *msg)
{
    return ache_fail(r->err, ACHE_ERR_INVALID, "%s:%d:%zu: %s", r->name, line,
                     field, msg);
}

/* Cells kept per record: enough for every column once, one repeat and
 * one more; the cells of a longer record share the last slot, since such
 * a record is refused for its length before any cell is used (a header
 * that long holds an unknown or repeated name before it ends). */
#define CSV_MAX_CELLS (EXCHANGE_MAX_COLUMNS + 2)

static struct strbuf *next_cell(struct csv_reader *r)
{
    if (!r->cells) {
        r->cells = xcalloc(CSV_MAX_CELLS, sizeof *r->cells);
        r->cap = CSV_MAX_CELLS;
    }
    size_t slot = r->ncells < CSV_MAX_CELLS ? r->ncells : CSV_MAX_CELLS - 1;
    struct strbuf *cell = &r->cells[slot];
    r->ncells++;
    strbuf_reset(cell);
    strbuf_grow(cell, 0); /* so an empty cell is "" rather than NULL */
    return cell;
}

/* True at a line end (LF or CRLF) or at the end of the data. */
static bool at_line_end(const struct csv_reader *r)
{
    return r->p == r->end || *r->p == '\n' ||
           (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n');
}

static void skip_line_end(struct csv_reader *r)
{
    if (r->p < r->end && *r->p == '\r')
        r->p++;
    if (r->p < r->end && *r->p == '\n') {
        r->p++;
        r->line++;
    }
}

static enum ache_status read_bare(struct csv_reader *r, struct strbuf *cell)
{
    const char *start = r->p;
    while (r->p < r->end && *r->p != ',' && !at_line_end(r)) {
        if (*r->p == '"')
            return csv_fail(r, r->line, r->ncells,
                            "a '\"' inside an unquoted field (quote the "
                            "whole field and write the quote as \"\")");
        if (*r->p == '\r')
            return csv_fail(r, r->line, r->ncells,
                            "a carriage return outside quotes (line ends "
                            "are LF or CRLF; quote a field that holds one)");
        r->p++;
    }
    strbuf_appendn(cell, start, (size_t)(r->p - start));
    return ACHE_OK;
}

static enum ache_status read_quoted(struct csv_reader *r, struct strbuf *cell)
{
    int start_line = r->line;
    r->p++; /* the opening quote */
    for (;;) {
        const char *start = r->p;
        while (r->p < r->end && *r->p != '"')
            r->line += *r->p++ == '\n';
        strbuf_appendn(cell, start, (size_t)(r->p - start));
        if (r->p == r->end)
            return csv_fail(r, start_line, r->ncells,
                            "unterminated quoted field (the '\"' that "
                            "opens it is never closed)");
        r->p++;
        if (r->p < r->end && *r->p == '"') {
            strbuf_putc(cell, '"');
            r->p++;
            continue;
        }
        break;
    }
    if (r->p < r->end && *r->p != ',' && !at_line_end(r))
        return csv_fail(r, r->line, r->ncells,
                        "text after the closing quote (a quote inside a "
                        "quoted field is written \"\")");
    return ACHE_OK;
}

/* Reads the next record that is not an empty line; *got is false at the
 * end of the data. */
static enum ache_status read_record(struct csv_reader *r, bool *got)
{
    while (r->p < r->end && at_line_end(r))
        skip_line_end(r);
    *got = r->p < r->end;
    if (!*got)
        return ACHE_OK;
    r->record_line = r->line;
    r->ncells = 0;
    for (;;) {
        struct strbuf *cell = next_cell(r);
        enum ache_status st =
            *r->p == '"' ? read_quoted(r, cell) : read_bare(r, cell);
        if (st != ACHE_OK)
            return st;
        if (r->p == r->end || *r->p != ',')
            break;
        r->p++;
        if (r->p == r->end) { /* "a,b," at the very end: one more, empty */
            next_cell(r);
            break;
        }
    }
    skip_line_end(r);
    return ACHE_OK;
}

/* ---- reading the header and the rows ------------------------------------- */

struct csv_header {
    int col[EXCHANGE_MAX_COLUMNS]; /* column of each field of a row */
    size_t n;
};

/* Where in the header column col came before cell i (from 1), or 0. */
static size_t seen_before(const struct csv_header *h, size_t i, int col)
{
    for (size_t j = 0; j < i; j++)
        if (h->col[j] == col)
            return j + 1;
    return 0;
}

static enum ache_status read_header(struct csv_reader *r, struct csv_header *h)
{
    bool got;
    enum ache_status st = read_record(r, &got);
    if (st != ACHE_OK)
        return st;
    if (!got)
        return ache_fail(r->err, ACHE_ERR_INVALID,
                         "%s:%d: empty file (expected a header line with "
                         "the columns: %s)",
                         r->name, r->line, exchange_column_list());
    char shown[96];
    for (size_t i = 0; i < r->ncells && i < CSV_MAX_CELLS - 1; i++) {
        const struct strbuf *cell = &r->cells[i];
        int col = exchange_column_find(cell->data);
        exchange_describe(cell->data, cell->len, shown, sizeof shown);
        if (col < 0 || strlen(cell->data) != cell->len)
            return ache_fail(r->err, ACHE_ERR_INVALID,
                             "%s:%d:%zu: unknown column '%s' (allowed: %s; "
                             "`ache fields add` makes a field of your own, "
                             "and import --create-fields one for each such "
                             "column)",
                             r->name, r->record_line, i + 1, shown,
                             exchange_column_list());
        size_t first = seen_before(h, i, col);
        if (first)
            return ache_fail(r->err, ACHE_ERR_INVALID,
                             "%s:%d:%zu: column '%s' is repeated (first at "
                             "column %zu)",
                             r->name, r->record_line, i + 1, shown, first);
        h->col[i] = col;
    }
    h->n = r->ncells;
    if (!seen_before(h, h->n, EC_DATE))
        return ache_fail(r->err, ACHE_ERR_INVALID,
                         "%s:%d: the header has no 'date' column (every "
                         "check-in needs a date)",
                         r->name, r->record_line);
    return ACHE_OK;
}

static enum ache_status fill_checkin(struct csv_reader *r,
                                     const struct csv_header *h, ache_day today,
                                     struct checkin *c)
{
    for (size_t i = 0; i < h->n; i++) {
        const struct strbuf *cell = &r->cells[i];
        const char *text = cell->data;
        size_t len = cell->len;
        enum ache_status st = ACHE_OK;
        if (h->col[i] == EC_NOTE) {
            size_t quotes = formula_apostrophes(text, len);
            if (quotes != SIZE_MAX && quotes > 0)
                text++, len--; /* the apostrophe the export put there */
        }
        if (len > 0)
            st = exchange_set_text(c, h->col[i], text, len, today, r->err);
        else if (h->col[i] == EC_DATE)
            st = ache_fail(r->err, ACHE_ERR_INVALID,
                           "date: missing (every check-in needs a date, "
                           "YYYY-MM-DD)");
        if (st != ACHE_OK) {
            ache_err_prefix(r->err, "%s:%d:%zu: ", r->name, r->record_line,
                            i + 1);
            return st;
        }
    }
    return ACHE_OK;
}

static size_t find_id_field(const struct csv_header *h)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->col[i] == EC_ID)
            return i + 1;
    return 0;
}

/* Every record after the header, each handed on as soon as it is read. */
static enum ache_status read_rows(struct csv_reader *r,
                                  const struct csv_header *h,
                                  struct exchange_run *run)
{
    size_t id_field = find_id_field(h);
    for (;;) {
        bool got;
        enum ache_status st = read_record(r, &got);
        if (st != ACHE_OK || !got)
            return st;
        if (r->ncells != h->n)
            return ache_fail(r->err, ACHE_ERR_INVALID,
                             "%s:%d: %zu field%s, but the header has %zu",
                             r->name, r->record_line, r->ncells,
                             r->ncells == 1 ? "" : "s", h->n);
        struct exchange_place place = {r->record_line, 0, r->record_line,
                                       (int)id_field};
        struct checkin c;
        checkin_init(&c, 0);
        st = fill_checkin(r, h, run->today, &c);
        if (st == ACHE_OK)
            st = exchange_deliver(run, &c, &place, r->err);
        else
            checkin_free(&c);
        if (st != ACHE_OK)
            return st;
        exchange_done_before(run, r->p);
    }
}

enum ache_status exchange_csv_read(struct exchange_run *run,
                                   struct ache_err *err)
{
    struct csv_reader r = {.p = run->data,
                           .end = run->data + run->len,
                           .line = 1,
                           .name = run->name,
                           .err = err};
    if (run->len >= 3 && memcmp(run->data, "\xEF\xBB\xBF", 3) == 0)
        r.p += 3;
    struct csv_header h = {.n = 0};
    enum ache_status st = read_header(&r, &h);
    if (st == ACHE_OK)
        st = read_rows(&r, &h, run);
    for (size_t i = 0; i < r.cap; i++)
        strbuf_free(&r.cells[i]);
    free(r.cells);
    return st;
}

/* ---- columns of fields the diary does not have ----------------------------- */

/* What the values of one unknown column allow: every cell yes or no, or
 * every cell a whole number (the largest kept). */
struct column_guess {
    char name[FIELD_NAME_MAX + 1];
    size_t cell; /* its place in the header, from 0 */
    bool yesno, number, seen;
    long max;
};

static void guess_from(struct column_guess *g, const struct strbuf *cell)
{
    long v;
    if (cell->len == 0)
        return;
    g->seen = true;
    bool yn = strcmp(cell->data, "yes") == 0 || strcmp(cell->data, "no") == 0;
    g->yesno = g->yesno && yn;
    if (g->number && parse_int(cell->data, 0, 9999, &v) &&
        cell->data[0] != '+')
        g->max = v > g->max ? v : g->max;
    else
        g->number = false;
}

/* The header's columns that name no column and no field but could name a
 * field of one's own. */
static size_t unknown_columns(struct csv_reader *r, struct column_guess *out)
{
    size_t n = 0;
    for (size_t i = 0; i < r->ncells && i < CSV_MAX_CELLS - 1; i++) {
        const struct strbuf *cell = &r->cells[i];
        char name[FIELD_NAME_MAX + 1];
        struct ache_err ignored;
        if (cell->len > FIELD_NAME_MAX || exchange_column_find(cell->data) >= 0)
            continue;
        memcpy(name, cell->data, cell->len + 1);
        if (field_name_check(name, &ignored) != ACHE_OK ||
            strcmp(name, cell->data) != 0 || n == FIELD_OWN_MAX)
            continue;
        out[n] = (struct column_guess){.cell = i, .yesno = true,
                                       .number = true, .max = 0};
        memcpy(out[n++].name, name, sizeof name);
    }
    return n;
}

/* A kind for each guess: yes/no, a rating when every number is 0-10, a
 * count otherwise; FIELD_KIND_COUNT when the values fit none. */
static enum field_kind kind_of(const struct column_guess *g)
{
    if (!g->seen)
        return FIELD_RATING; /* no value says otherwise */
    if (g->yesno)
        return FIELD_YESNO;
    if (!g->number)
        return FIELD_KIND_COUNT;
    return g->max <= 10 ? FIELD_RATING : FIELD_TALLY;
}

enum ache_status exchange_csv_new_fields(const char *name, const char *data,
                                         size_t len, struct field_row **rows,
                                         size_t *n, struct ache_err *err)
{
    struct csv_reader r = {.p = data, .end = data + len, .line = 1,
                           .name = name, .err = err};
    struct column_guess *g = xcalloc(FIELD_OWN_MAX, sizeof *g);
    *rows = NULL;
    *n = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r.p += 3;
    bool got = false;
    enum ache_status st = read_record(&r, &got);
    size_t ng = !st && got ? unknown_columns(&r, g) : 0;
    while (!st && ng && (st = read_record(&r, &got)) == ACHE_OK && got)
        for (size_t i = 0; i < ng; i++)
            if (g[i].cell < r.ncells && r.ncells < CSV_MAX_CELLS)
                guess_from(&g[i], &r.cells[g[i].cell]);
    for (size_t i = 0; !st && i < ng; i++) {
        enum field_kind k = kind_of(&g[i]);
        if (k == FIELD_KIND_COUNT)
            continue; /* the first pass names the column and its value */
        *rows = xreallocarray(*rows, *n + 1, sizeof **rows);
        (*rows)[(*n)++] = (struct field_row){0, xstrdup(g[i].name), NULL,
                                             NULL, NULL, k, false, false};
    }
    for (size_t i = 0; i < r.cap; i++)
        strbuf_free(&r.cells[i]);
    free(r.cells);
    free(g);
    return st;
}

/* ---- doses -------------------------------------------------------------------- */

void exchange_csv_write_doses(const struct dose_list *doses, struct strbuf *out)
{
    char day[DATE_BUF], when[TIME_BUF], amount[32], stamp[STAMP_BUF];
    strbuf_append(out, "id,date,time,medicine,amount,unit,created_at,"
                       "updated_at\n");
    for (size_t i = 0; i < doses->n; i++) {
        const struct dose *d = &doses->items[i];
        strbuf_printf(out, "%s,%s,%s,", d->id, date_format(d->date, day),
                      d->minute == CHECKIN_TIME_ABSENT
                          ? ""
                          : time_format(d->minute, when));
        /* a name never starts with a formula character but '-', '+', '='
         * or '@': guarded as a note is */
        if (formula_apostrophes(d->med, strlen(d->med)) != SIZE_MAX) {
            char *guarded = xasprintf("'%s", d->med);
            put_field(out, guarded);
            free(guarded);
        } else {
            put_field(out, d->med);
        }
        strbuf_printf(out, ",%s,%s,%s,",
                      d->amount ? med_amount_format(d->amount, amount,
                                                    sizeof amount)
                                : "",
                      d->unit, d->created_at ? stamp_format(d->created_at,
                                                            stamp)
                                             : "");
        strbuf_printf(out, "%s\n",
                      d->updated_at ? stamp_format(d->updated_at, stamp) : "");
    }
}
