/* grid: the cell canvas every picture is drawn into. */
#include "ache/grid.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/text.h"
#include "ache/util.h"

static const struct cell blank = {' ', ST_NORMAL, 1};

struct grid *grid_new(int w, int h)
{
    struct grid *g = xcalloc(1, sizeof *g);
    grid_resize(g, w, h);
    return g;
}

void grid_free(struct grid *g)
{
    if (!g)
        return;
    free(g->cells);
    free(g);
}

void grid_resize(struct grid *g, int w, int h)
{
    g->w = w > 0 ? w : 0;
    g->h = h > 0 ? h : 0;
    free(g->cells);
    g->cells = xcalloc((size_t)g->w * (size_t)g->h + 1, sizeof *g->cells);
    grid_clear(g);
}

void grid_clear(struct grid *g)
{
    for (int i = 0; i < g->w * g->h; i++)
        g->cells[i] = blank;
}

const struct cell *grid_at(const struct grid *g, int x, int y)
{
    if (x < 0 || y < 0 || x >= g->w || y >= g->h)
        return &blank;
    return &g->cells[y * g->w + x];
}

static struct cell *cell_at(struct grid *g, int x, int y)
{
    return &g->cells[y * g->w + x];
}

/* Before overwriting (x, y): blank the other half of a wide character. */
static void break_wide(struct grid *g, int x, int y)
{
    struct cell *c = cell_at(g, x, y);
    if (c->width == 0 && x > 0)
        *cell_at(g, x - 1, y) = blank;
    if (c->width == 2 && x + 1 < g->w)
        *cell_at(g, x + 1, y) = blank;
}

int grid_put(struct grid *g, int x, int y, uint32_t cp, enum style st)
{
    int width = text_cp_width(cp);
    if (width == 0)
        return 0; /* combining marks are not kept: a cell is one glyph */
    if (x < 0 || y < 0 || x >= g->w || y >= g->h)
        return width;
    break_wide(g, x, y);
    if (width == 2 && x + 1 >= g->w) {
        *cell_at(g, x, y) = (struct cell){' ', (uint8_t)st, 1};
        return width;
    }
    *cell_at(g, x, y) = (struct cell){cp, (uint8_t)st, (uint8_t)width};
    if (width == 2) {
        break_wide(g, x + 1, y);
        *cell_at(g, x + 1, y) = (struct cell){' ', (uint8_t)st, 0};
    }
    return width;
}

int grid_text(struct grid *g, int x, int y, const char *utf8, enum style st,
              int max_cols)
{
    int limit = max_cols < 0 ? g->w - x : max_cols;
    int used = 0;
    size_t len = strlen(utf8), off = 0;
    while (off < len) {
        uint32_t cp;
        off += utf8_decode(utf8 + off, len - off, &cp);
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
            cp = TEXT_REPLACEMENT;
        int w = text_cp_width(cp);
        if (w == 0)
            continue;
        if (used + w > limit)
            break;
        grid_put(g, x + used, y, cp, st);
        used += w;
    }
    return used;
}

int grid_printf(struct grid *g, int x, int y, enum style st, const char *fmt,
                ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return grid_text(g, x, y, buf, st, -1);
}

void grid_fill(struct grid *g, int x, int y, int w, int h, uint32_t cp,
               enum style st)
{
    int step = text_cp_width(cp) == 2 ? 2 : 1;
    for (int row = y; row < y + h; row++)
        for (int col = x; col + step <= x + w; col += step)
            grid_put(g, col, row, cp, st);
}

void grid_restyle(struct grid *g, int x, int y, int w, int h, enum style st)
{
    for (int row = y < 0 ? 0 : y; row < y + h && row < g->h; row++)
        for (int col = x < 0 ? 0 : x; col < x + w && col < g->w; col++)
            cell_at(g, col, row)->style = (uint8_t)st;
}

void grid_box(struct grid *g, int x, int y, int w, int h,
              const struct glyphs *gl, const char *title, enum style st)
{
    if (w < 2 || h < 2)
        return;
    grid_fill(g, x, y, w, h, ' ', ST_NORMAL);
    grid_fill(g, x + 1, y, w - 2, 1, gl->hline, st);
    grid_fill(g, x + 1, y + h - 1, w - 2, 1, gl->hline, st);
    grid_fill(g, x, y + 1, 1, h - 2, gl->vline, st);
    grid_fill(g, x + w - 1, y + 1, 1, h - 2, gl->vline, st);
    grid_put(g, x, y, gl->tl, st);
    grid_put(g, x + w - 1, y, gl->tr, st);
    grid_put(g, x, y + h - 1, gl->bl, st);
    grid_put(g, x + w - 1, y + h - 1, gl->br, st);
    if (title) {
        char padded[256];
        snprintf(padded, sizeof padded, " %s ", title);
        grid_text(g, x + 2, y, padded, ST_HEADER, w - 4);
    }
}

static const struct glyphs utf8_glyphs = {
    .utf8 = true,
    .hline = 0x2500, .vline = 0x2502, .tl = 0x256d, .tr = 0x256e,
    .bl = 0x2570, .br = 0x256f,
    .fill = 0x2501, .track = 0x2500, .knob = 0x25cf, .absent = 0x2508,
    .mark_on = 0x25cf, .mark_off = 0x25cb,
    .arrow_left = 0x25c2, .arrow_right = 0x25b8, .ellipsis = 0x2026,
    .shade = {' ', 0x2591, 0x2592, 0x2593, 0x2588},
};

static const struct glyphs ascii_glyphs = {
    .utf8 = false,
    .hline = '-', .vline = '|', .tl = '+', .tr = '+', .bl = '+', .br = '+',
    .fill = '=', .track = '-', .knob = 'O', .absent = '.',
    .mark_on = '*', .mark_off = 'o',
    .arrow_left = '<', .arrow_right = '>', .ellipsis = '~',
    .shade = {' ', '.', ':', '*', '#'},
};

const struct glyphs *glyphs_get(bool utf8)
{
    return utf8 ? &utf8_glyphs : &ascii_glyphs;
}

char *grid_to_text(const struct grid *g)
{
    struct strbuf sb = {0};
    for (int y = 0; y < g->h; y++) {
        size_t keep = sb.len;
        for (int x = 0; x < g->w; x++) {
            const struct cell *c = grid_at(g, x, y);
            if (c->width == 0)
                continue;
            char buf[4];
            strbuf_appendn(&sb, buf, utf8_encode(c->cp, buf));
            if (c->cp != ' ')
                keep = sb.len;
        }
        sb.len = keep;
        strbuf_putc(&sb, '\n');
    }
    return strbuf_take(&sb);
}

/* One letter per style, for golden files of styling. */
static const char style_letters[ST_COUNT + 1] = ".dbthsSfcowexNMOVgBrR1234";

char *grid_styles_to_text(const struct grid *g)
{
    struct strbuf sb = {0};
    for (int y = 0; y < g->h; y++) {
        for (int x = 0; x < g->w; x++) {
            const struct cell *c = grid_at(g, x, y);
            strbuf_putc(&sb, c->style < ST_COUNT ? style_letters[c->style]
                                                 : '?');
        }
        strbuf_putc(&sb, '\n');
    }
    return strbuf_take(&sb);
}
