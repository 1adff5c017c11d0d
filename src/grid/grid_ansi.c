/* grid_ansi: the palette of semantic styles, and a grid written as text
 * with ANSI colours for the commands that print pictures. */
#include "ache/grid.h"
#include "ache/text.h"
#include "ache/util.h"

/* The eight ANSI colours by number. */
enum { C_BLACK, C_RED, C_GREEN, C_YELLOW, C_BLUE, C_MAGENTA, C_CYAN, C_WHITE };

/* A calm palette: muted colours, one hue per meaning; every style also
 * carries an attribute or a glyph, so nothing depends on colour. */
static const struct style_spec specs[ST_COUNT] = {
    [ST_NORMAL] = {-1, -1, -1, -1, 0, 0},
    [ST_DIM] = {245, -1, -1, -1, 0, STA_DIM},
    [ST_BOLD] = {-1, -1, -1, -1, STA_BOLD, 0},
    [ST_TITLE] = {110, -1, C_CYAN, -1, STA_BOLD, 0},
    [ST_HEADER] = {109, -1, C_CYAN, -1, STA_BOLD, 0},
    [ST_STATUS] = {252, 237, C_BLACK, C_WHITE, 0, STA_REVERSE},
    [ST_STATUS_KEY] = {222, 237, C_BLUE, C_WHITE, STA_BOLD, STA_REVERSE},
    [ST_FOCUS] = {117, -1, C_CYAN, -1, STA_BOLD, STA_UNDERLINE},
    [ST_CURSOR] = {-1, -1, -1, -1, STA_REVERSE, 0},
    [ST_OK] = {108, -1, C_GREEN, -1, 0, 0},
    [ST_WARN] = {179, -1, C_YELLOW, -1, STA_BOLD, 0},
    [ST_ERROR] = {167, -1, C_RED, -1, STA_BOLD, 0},
    [ST_ABSENT] = {240, -1, -1, -1, 0, STA_DIM},
    [ST_BAND_NONE] = {109, -1, C_CYAN, -1, 0, 0},
    [ST_BAND_MILD] = {143, -1, C_GREEN, -1, 0, 0},
    [ST_BAND_MODERATE] = {179, -1, C_YELLOW, -1, 0, 0},
    [ST_BAND_SEVERE] = {167, -1, C_RED, -1, STA_BOLD, 0},
    [ST_GOOD] = {108, -1, C_GREEN, -1, 0, 0},
    [ST_BODY] = {246, -1, -1, -1, 0, 0},
    [ST_REGION] = {244, -1, -1, -1, 0, STA_DIM},
    [ST_REGION_ON] = {174, -1, C_RED, -1, STA_BOLD, 0},
    /* without colour, series differ by weight and underline (and the
     * legend shows each one drawn that way) */
    [ST_SERIES1] = {110, -1, C_CYAN, -1, 0, 0},
    [ST_SERIES2] = {179, -1, C_YELLOW, -1, 0, STA_BOLD},
    [ST_SERIES3] = {139, -1, C_MAGENTA, -1, 0, STA_UNDERLINE},
    [ST_SERIES4] = {108, -1, C_GREEN, -1, 0, STA_DIM},
};

const struct style_spec *style_spec(enum style st)
{
    return &specs[(unsigned)st < ST_COUNT ? st : ST_NORMAL];
}

/* Appends the SGR sequence that turns style st on (after a reset). */
static void append_sgr(struct strbuf *sb, enum style st,
                       enum ansi_colors colors)
{
    const struct style_spec *sp = style_spec(st);
    unsigned attrs = sp->attrs | (colors == ANSI_NONE ? sp->mono_attrs : 0);
    strbuf_append(sb, "\x1b[0");
    if (attrs & STA_BOLD)
        strbuf_append(sb, ";1");
    if (attrs & STA_DIM)
        strbuf_append(sb, ";2");
    if (attrs & STA_UNDERLINE)
        strbuf_append(sb, ";4");
    if (attrs & STA_REVERSE)
        strbuf_append(sb, ";7");
    short fg = colors == ANSI_256 ? sp->fg256 : sp->fg8;
    short bg = colors == ANSI_256 ? sp->bg256 : sp->bg8;
    if (colors != ANSI_NONE && fg >= 0)
        strbuf_printf(sb, colors == ANSI_256 ? ";38;5;%d" : ";%d",
                      colors == ANSI_256 ? fg : 30 + fg);
    if (colors != ANSI_NONE && bg >= 0)
        strbuf_printf(sb, colors == ANSI_256 ? ";48;5;%d" : ";%d",
                      colors == ANSI_256 ? bg : 40 + bg);
    strbuf_putc(sb, 'm');
}

static void append_row(struct strbuf *sb, const struct grid *g, int y,
                       enum ansi_colors colors)
{
    int last = g->w - 1; /* trailing blanks in the normal style are cut */
    while (last >= 0 && grid_at(g, last, y)->cp == ' ' &&
           grid_at(g, last, y)->style == ST_NORMAL)
        last--;
    int current = ST_NORMAL;
    for (int x = 0; x <= last; x++) {
        const struct cell *c = grid_at(g, x, y);
        if (c->width == 0)
            continue;
        if (c->style != current) {
            append_sgr(sb, (enum style)c->style, colors);
            current = c->style;
        }
        char buf[4];
        strbuf_appendn(sb, buf, utf8_encode(c->cp, buf));
    }
    if (current != ST_NORMAL)
        strbuf_append(sb, "\x1b[0m");
    strbuf_putc(sb, '\n');
}

char *grid_to_ansi(const struct grid *g, enum ansi_colors colors)
{
    struct strbuf sb = {0};
    for (int y = 0; y < g->h; y++)
        append_row(&sb, g, y, colors);
    return strbuf_take(&sb);
}
