/* bodymap_draw: the body-region picker as a picture in a grid. */
#include "ache/bodymap_draw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/grid.h"
#include "ache/text.h"

#define FIG_W 34
#define FIG_H 17

/* The figure, one string per row, one code point per cell. The letters
 * 'a'..'s' are the spots of regions 0..18 in the order of the region
 * table (a jaw-l, b shoulder-l, c upper-arm-l, d lower-arm-l, e jaw-r,
 * f shoulder-r, g upper-arm-r, h lower-arm-r, i hip-l, j upper-leg-l,
 * k lower-leg-l, l hip-r, m upper-leg-r, n lower-leg-r, o neck,
 * p upper-back, q lower-back, r chest, s abdomen). Keeping the spots in
 * the drawing itself means positions, hit-testing and navigation can never
 * drift from what is seen. The person faces us: their left ('a'..'d',
 * 'i'..'k') is on our right. Every spot has a blank cell on each side for
 * the cursor's brackets, except the jaws: their outer bracket covers the
 * side of the head while the cursor is there. */
static const char *const figure[FIG_H] = {
    "       ╭─────╮",
    "       │     │",
    "       │e   a│            ╭───╮",
    "       ╰╮   ╭╯            ╰╮ ╭╯",
    "  ╭─────╯ o ╰─────╮     ╭──╯ ╰──╮",
    " ╱  f           b  ╲   ╱    ┊    ╲",
    "╱   ╭─╮   r   ╭─╮   ╲  │ │  p  │ │",
    "│ g │ │       │ │ c │  │ │  ┊  │ │",
    "│   │ │       │ │   │  │ │  ┊  │ │",
    "│ h │ │   s   │ │ d │  ╰─┤  q  ├─╯",
    "╰───╯ │ l   i │ ╰───╯    ╰──┴──╯",
    "      │   ┬   │",
    "      │ m │ j │",
    "      │   │   │",
    "      │ n │ k │",
    "      ╰───┴───╯",
    "",
};

/* Captions, drawn dim: which side is which, and which view. */
static const struct {
    int x, y;
    const char *text;
} captions[] = {
    {3, 15, "R"},
    {17, 15, "L"},
    {8, 16, "front"},
    {27, 11, "back"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The ASCII stand-in for an outline character: rounded tops become '.',
 * rounded bottoms '\'', the way ASCII art draws soft corners. */
static uint32_t ascii_outline(uint32_t cp)
{
    switch (cp) {
    case 0x256D: case 0x256E: case 0x252C: /* ╭ ╮ ┬ */
        return '.';
    case 0x2570: case 0x256F: case 0x2534: /* ╰ ╯ ┴ */
        return '\'';
    case 0x2502: case 0x251C: case 0x2524: /* │ ├ ┤ */
        return '|';
    case 0x2500: /* ─ */
        return '-';
    case 0x2571: /* ╱ */
        return '/';
    case 0x2572: /* ╲ */
        return '\\';
    case 0x250A: /* ┊ the spine */
        return ':';
    default:
        return cp < 0x80 ? cp : '?';
    }
}

/* The region a template code point stands for, or -1 for outline. */
static int spot_region(uint32_t cp)
{
    if (cp >= 'a' && cp < 'a' + REGION_COUNT)
        return (int)(cp - 'a');
    return -1;
}

/* Calls visit(col, row, cp, ctx) for every non-blank cell of the
 * template; stops early when visit returns true. */
typedef bool (*cell_visit)(int col, int row, uint32_t cp, void *ctx);

static void template_walk(cell_visit visit, void *ctx)
{
    for (int row = 0; row < FIG_H; row++) {
        const char *s = figure[row];
        size_t len = strlen(s), off = 0;
        for (int col = 0; off < len; col++) {
            uint32_t cp;
            off += utf8_decode(s + off, len - off, &cp);
            if (cp != ' ' && visit(col, row, cp, ctx))
                return;
        }
    }
}

void bodymap_size(bool utf8, int *w, int *h)
{
    (void)utf8; /* both figures have the same shape */
    *w = FIG_W;
    *h = FIG_H;
}

struct spot_query {
    int region, x, y;
};

static bool find_spot(int col, int row, uint32_t cp, void *ctx)
{
    struct spot_query *q = ctx;
    if (spot_region(cp) != q->region)
        return false;
    q->x = col;
    q->y = row;
    return true;
}

void bodymap_spot(int region, bool utf8, int *x, int *y)
{
    (void)utf8;
    struct spot_query q = {region, -1, -1};
    if (region >= 0 && region < REGION_COUNT)
        template_walk(find_spot, &q);
    *x = q.x;
    *y = q.y;
}

struct draw_ctx {
    struct grid *g;
    int x, y;
    region_set marked;
    const struct glyphs *gl;
};

static bool draw_cell(int col, int row, uint32_t cp, void *ctx)
{
    struct draw_ctx *d = ctx;
    int r = spot_region(cp);
    if (r < 0) {
        uint32_t glyph = d->gl->utf8 ? cp : ascii_outline(cp);
        grid_put(d->g, d->x + col, d->y + row, glyph, ST_BODY);
    } else if (d->marked & (1u << r)) {
        grid_put(d->g, d->x + col, d->y + row, d->gl->mark_on, ST_REGION_ON);
    } else {
        grid_put(d->g, d->x + col, d->y + row, d->gl->mark_off, ST_REGION);
    }
    return false;
}

/* "[●]": brackets as well as reverse video, so the cursor shows on a
 * monochrome terminal and to someone who cannot tell the colours apart. */
static void draw_cursor(struct grid *g, int x, int y, int cursor, bool utf8)
{
    int sx, sy;
    bodymap_spot(cursor, utf8, &sx, &sy);
    if (sx < 0)
        return;
    grid_put(g, x + sx - 1, y + sy, '[', ST_CURSOR);
    grid_put(g, x + sx + 1, y + sy, ']', ST_CURSOR);
    grid_restyle(g, x + sx, y + sy, 1, 1, ST_CURSOR);
}

void bodymap_draw(struct grid *g, int x, int y, region_set marked, int cursor,
                  bool utf8)
{
    struct draw_ctx d = {g, x, y, marked, glyphs_get(utf8)};
    template_walk(draw_cell, &d);
    for (size_t i = 0; i < COUNT(captions); i++)
        grid_text(g, x + captions[i].x, y + captions[i].y, captions[i].text,
                  ST_DIM, -1);
    draw_cursor(g, x, y, cursor, utf8);
}

void bodymap_summary(region_set marked, bool utf8, char *buf, size_t bufsz)
{
    if (bufsz == 0)
        return;
    snprintf(buf, bufsz, "%d of %d regions %s %d of %d groups",
             region_set_count(marked), REGION_COUNT,
             utf8 ? "\xC2\xB7" : "-", region_set_groups(marked),
             RGROUP_COUNT);
}

/* How far `to` lies from `from` for a move in (dx, dy): distance along the
 * direction plus twice the distance across it, so a region roughly in line
 * wins over a nearer one off to the side. -1 when it is not ahead. */
static int move_score(int from, int to, int dx, int dy)
{
    int fx, fy, tx, ty;
    bodymap_spot(from, true, &fx, &fy);
    bodymap_spot(to, true, &tx, &ty);
    int vx = tx - fx, vy = ty - fy;
    int along = vx * dx + vy * dy;
    int across = abs(vx * dy - vy * dx);
    return along > 0 ? along + 2 * across : -1;
}

int bodymap_move(int from, int dx, int dy)
{
    if (from < 0 || from >= REGION_COUNT)
        return region_find("neck");
    int best = from, best_score = -1;
    for (int r = 0; r < REGION_COUNT; r++) {
        if (r == from)
            continue;
        int score = move_score(from, r, dx, dy);
        if (score > 0 && (best_score < 0 || score < best_score)) {
            best = r;
            best_score = score;
        }
    }
    return best;
}

int bodymap_hit(int x, int y, bool utf8)
{
    /* The spot itself first, so a bracket cell can never shadow a spot. */
    for (int reach = 0; reach <= 1; reach++) {
        for (int r = 0; r < REGION_COUNT; r++) {
            int sx, sy;
            bodymap_spot(r, utf8, &sx, &sy);
            if (y == sy && abs(x - sx) == reach)
                return r;
        }
    }
    return -1;
}
