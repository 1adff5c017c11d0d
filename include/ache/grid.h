/* grid: a W x H buffer of cells (a code point and a semantic style), the
 * canvas every picture is drawn into: screens, charts, the calendar, the
 * body map. `term` blits a grid to the terminal; tests and `ache chart`
 * turn it into text. Nothing here knows curses or SQLite.
 *
 * A wide character (2 columns) occupies its cell and a continuation cell
 * to its right (width 0). Writing over either half of a wide character
 * blanks the other half, so a grid never holds half a character.
 */
#ifndef ACHE_GRID_H
#define ACHE_GRID_H

#include <stdbool.h>
#include <stdint.h>

/* Semantic styles; `term` maps them to colours and attributes (and to
 * attributes alone without colour). Meaning is never carried by colour
 * alone: every styled thing also differs in glyph or text. */
enum style {
    ST_NORMAL,
    ST_DIM,        /* secondary text, hints */
    ST_BOLD,
    ST_TITLE,      /* screen titles, the date */
    ST_HEADER,     /* section headings */
    ST_STATUS,     /* the status line */
    ST_STATUS_KEY, /* a key in the status line */
    ST_FOCUS,      /* the focused field's label */
    ST_CURSOR,     /* a selection cursor (reverse video) */
    ST_OK,         /* "saved" */
    ST_WARN,       /* "retrying" */
    ST_ERROR,
    ST_ABSENT,     /* a value not given */
    ST_BAND_NONE,  /* 0 */
    ST_BAND_MILD,  /* 1-3 */
    ST_BAND_MODERATE, /* 4-6 */
    ST_BAND_SEVERE,   /* 7-10 */
    ST_GOOD,       /* a good value on a higher-is-better scale */
    ST_BODY,       /* the outline of the body figure */
    ST_REGION,     /* a region not marked */
    ST_REGION_ON,  /* a marked region */
    ST_SERIES1,
    ST_SERIES2,
    ST_SERIES3,
    ST_SERIES4,
    ST_COUNT
};

/* How a style looks: colours for 256- and 8-colour terminals (-1: the
 * terminal's default) and attributes. `attrs` apply always; `mono_attrs`
 * are added when there is no colour, so meaning survives without it. One
 * table serves the curses screen (term.c) and ANSI text (grid_to_ansi). */
enum { STA_BOLD = 1, STA_DIM = 2, STA_REVERSE = 4, STA_UNDERLINE = 8 };
struct style_spec {
    short fg256, bg256, fg8, bg8;
    unsigned attrs, mono_attrs;
};
const struct style_spec *style_spec(enum style st);

struct cell {
    uint32_t cp;   /* code point; ' ' for blank */
    uint8_t style; /* enum style */
    uint8_t width; /* 1, 2 (wide start) or 0 (continuation) */
};

struct grid {
    int w, h;
    struct cell *cells;
};

struct grid *grid_new(int w, int h);
void grid_free(struct grid *g);
/* Changes the size; the content becomes blank. */
void grid_resize(struct grid *g, int w, int h);
void grid_clear(struct grid *g);
const struct cell *grid_at(const struct grid *g, int x, int y);

/* Puts one code point; clipped outside the grid. A wide character that
 * does not fit at the right edge is drawn as a blank. Returns its width. */
int grid_put(struct grid *g, int x, int y, uint32_t cp, enum style st);
/* Writes UTF-8 text from (x, y), at most max_cols columns (or to the
 * right edge when max_cols < 0); control characters become U+FFFD (or
 * '?'). Returns the columns written. */
int grid_text(struct grid *g, int x, int y, const char *utf8, enum style st,
              int max_cols);
/* printf into the grid (the text is cut at 512 bytes). */
int grid_printf(struct grid *g, int x, int y, enum style st, const char *fmt,
                ...) __attribute__((format(printf, 5, 6)));
/* Fills a rectangle with one code point. */
void grid_fill(struct grid *g, int x, int y, int w, int h, uint32_t cp,
               enum style st);
/* Changes the style of a rectangle, keeping its characters. */
void grid_restyle(struct grid *g, int x, int y, int w, int h, enum style st);

struct glyphs;
/* Clears a rectangle and draws a frame around its edge, with a title in
 * the top edge when title is not NULL. */
void grid_box(struct grid *g, int x, int y, int w, int h,
              const struct glyphs *gl, const char *title, enum style st);

/* The glyphs drawing uses: UTF-8 box drawing, blocks and braille, or
 * plain ASCII when the locale is not UTF-8 (or --ascii). */
struct glyphs {
    bool utf8;
    uint32_t hline, vline, tl, tr, bl, br;
    uint32_t fill;        /* a slider's filled part */
    uint32_t track;       /* a slider's empty part */
    uint32_t knob;        /* a slider's value mark */
    uint32_t absent;      /* the track of a slider with no value */
    uint32_t mark_on;     /* a marked region or ticked tag */
    uint32_t mark_off;
    uint32_t arrow_left, arrow_right;
    uint32_t ellipsis;    /* "…" or '~' */
    uint32_t shade[5];    /* light to full: " ░▒▓█" or " .:*#" */
};
const struct glyphs *glyphs_get(bool utf8);

/* The grid as text, rows joined by '\n', trailing spaces of each row
 * removed: what golden files hold. The caller frees it. */
char *grid_to_text(const struct grid *g);
/* One character per cell naming its style ('.' normal, see grid.c), for
 * golden tests of styling. The caller frees it. */
char *grid_styles_to_text(const struct grid *g);

enum ansi_colors { ANSI_NONE, ANSI_8, ANSI_256 };
/* The grid as text with ANSI SGR sequences for the styles (ANSI_NONE: the
 * mono attributes only, still no colour), for `ache calendar` and
 * `ache chart` on a terminal. Rows end in "\n". The caller frees it. */
char *grid_to_ansi(const struct grid *g, enum ansi_colors colors);

#endif
