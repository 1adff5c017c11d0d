/* bodymap_draw: the body-region picker as a picture in a grid.
 *
 * A front view of a standing person (17 regions) with a smaller back view
 * beside it (upper back and lower back), 34 x 17 cells:
 *
 *            ╭─────╮
 *            │     │
 *            │○   ○│            ╭───╮
 *            ╰╮   ╭╯            ╰╮ ╭╯
 *       ╭─────╯ ○ ╰─────╮     ╭──╯ ╰──╮
 *      ╱  ○           ○  ╲   ╱    ┊    ╲
 *     ╱   ╭─╮   ○   ╭─╮   ╲  │ │  ○  │ │
 *     │ ○ │ │       │ │ ○ │  │ │  ┊  │ │
 *     │   │ │       │ │   │  │ │  ┊  │ │
 *     │ ○ │ │   ○   │ │ ○ │  ╰─┤  ○  ├─╯
 *     ╰───╯ │ ○   ○ │ ╰───╯    ╰──┴──╯
 *           │   ┬   │            back
 *           │ ○ │ ○ │
 *           │   │   │
 *           │ ○ │ ○ │
 *        R  ╰───┴───╯  L
 *             front
 *
 * Left and right are the person's own, so in the front view the person's
 * left is on the viewer's right (labelled "R" and "L" at the feet). Every
 * region has one spot (one cell): mark_off/ST_REGION when not marked,
 * mark_on/ST_REGION_ON when marked, so marking never rests on colour. The
 * cursor is the spot and the cell on each side drawn as "[●]" in ST_CURSOR:
 * brackets and reverse video, visible without colour. Without UTF-8 the
 * same figure is drawn in plain ASCII (. ' | - / \ :) with 'o' and '*'.
 * Spots sit on the same cells in both modes; the `utf8` parameters below
 * are there so that a future ASCII figure may differ.
 *
 * The name of the region under the cursor and the summary line are not
 * drawn here: the screen places them (region_get(cursor)->name and
 * bodymap_summary()).
 */
#ifndef ACHE_BODYMAP_DRAW_H
#define ACHE_BODYMAP_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/regions.h"

struct grid;

/* Bytes that always hold bodymap_summary's text. */
#define BODYMAP_SUMMARY_BUF 64

/* The figure's size in cells, captions included (34 x 17). */
void bodymap_size(bool utf8, int *w, int *h);

/* Draws the figure with its top-left corner at (x, y), clipped to g.
 * `cursor` is a region index or -1 for none. Cells of the figure's box
 * that hold nothing are left as they were. */
void bodymap_draw(struct grid *g, int x, int y, region_set marked, int cursor,
                  bool utf8);

/* "3 of 19 regions · 2 of 5 groups" (ASCII: "3 of 19 regions - 2 of 5
 * groups"): regions marked, and how many of the five groups of regions.h
 * they touch, every region counting (region_set_groups; the generalized
 * pain rule, which leaves out jaw, chest and abdomen, is stats' business).
 * Cut short (still NUL-terminated) when bufsz is below BODYMAP_SUMMARY_BUF;
 * nothing is written when bufsz is 0. At most 32 columns: it fits under
 * the figure. */
void bodymap_summary(region_set marked, bool utf8, char *buf, size_t bufsz);

/* The region reached from `from` by an arrow key (dx, dy in -1..1, screen
 * directions: dx 1 is right on screen, which on the front view is toward
 * the person's left; dy 1 is down). Among the spots strictly ahead (a
 * positive distance along the direction) it takes the lowest
 * distance-along + 2 x distance-across; ties go to the lower region index.
 * Returns `from` when nothing lies ahead, and the neck when `from` is not a
 * region (-1: no cursor yet). Examples: shoulder-l right -> upper-arm-l,
 * upper-arm-l right -> upper-back (the back view), neck down -> chest. */
int bodymap_move(int from, int dx, int dy);

/* The region whose spot is at (x, y), relative to the figure's top-left:
 * the spot cell itself or the cell on either side of it (where the
 * cursor's brackets go). -1 for anywhere else. */
int bodymap_hit(int x, int y, bool utf8);

/* The cell of a region's spot relative to the figure's top-left; (-1, -1)
 * for an index that is not a region. */
void bodymap_spot(int region, bool utf8, int *x, int *y);

#endif
