/* Unit tests for bodymap_draw: the figure against golden files, spots,
 * hit-testing, arrow-key navigation and the summary line.
 *
 * Golden files live in tests/golden/ (tests run from the repository root).
 * After a deliberate change to the figure, rewrite them with
 *   ACHE_UPDATE_GOLDEN=1 build/tests/test_bodymap
 * and look at the diff before committing. */
#include "golden.h"

#include "ache/bodymap_draw.h"
#include "ache/grid.h"
#include "ache/regions.h"

#define BIT(code) (1u << region_find(code))

/* The marked set the golden pictures use: some of each group, including a
 * jaw (whose cursor brackets overlap the head) and the back view. */
#define SOME_MARKED                                                        \
    (BIT("neck") | BIT("shoulder-l") | BIT("upper-arm-l") |                \
     BIT("lower-back") | BIT("hip-r") | BIT("jaw-r"))

static struct grid *draw(region_set marked, int cursor, bool utf8)
{
    int w, h;
    bodymap_size(utf8, &w, &h);
    struct grid *g = grid_new(w, h);
    bodymap_draw(g, 0, 0, marked, cursor, utf8);
    return g;
}

/* Checks the text (and, with styles_name, the styles) of one picture. */
static void check_picture(const char *text_name, const char *styles_name,
                          region_set marked, int cursor, bool utf8)
{
    struct grid *g = draw(marked, cursor, utf8);
    char *text = grid_to_text(g);
    check_golden(text_name, text);
    free(text);
    if (styles_name) {
        char *styles = grid_styles_to_text(g);
        check_golden(styles_name, styles);
        free(styles);
    }
    grid_free(g);
}

START_TEST(test_golden_utf8)
{
    check_picture("bodymap_utf8_empty.txt", NULL, 0, -1, true);
    check_picture("bodymap_utf8_marked.txt", "bodymap_utf8_marked_styles.txt",
                  SOME_MARKED, -1, true);
    check_picture("bodymap_utf8_cursor.txt", "bodymap_utf8_cursor_styles.txt",
                  SOME_MARKED, region_find("upper-arm-l"), true);
}
END_TEST

START_TEST(test_golden_ascii)
{
    check_picture("bodymap_ascii_empty.txt", NULL, 0, -1, false);
    check_picture("bodymap_ascii_marked.txt", NULL, SOME_MARKED, -1, false);
    check_picture("bodymap_ascii_cursor.txt",
                  "bodymap_ascii_cursor_styles.txt", SOME_MARKED,
                  region_find("jaw-r"), false);
}
END_TEST

START_TEST(test_size_fits_beside_sliders)
{
    for (int u = 0; u <= 1; u++) {
        int w, h;
        bodymap_size(u, &w, &h);
        ck_assert_int_ge(w, 30);
        ck_assert_int_le(w, 34);
        ck_assert_int_ge(h, 15);
        ck_assert_int_le(h, 17);
    }
}
END_TEST

/* Drawn into a larger grid at an offset, nothing lands outside the box
 * bodymap_size reports, and the box's top row and left column are used. */
START_TEST(test_drawing_stays_in_its_box)
{
    for (int u = 0; u <= 1; u++) {
        int w, h;
        bodymap_size(u, &w, &h);
        struct grid *g = grid_new(w + 6, h + 6);
        bodymap_draw(g, 3, 2, REGION_ALL, region_find("jaw-r"), u);
        bool top = false, left = false;
        for (int y = 0; y < g->h; y++) {
            for (int x = 0; x < g->w; x++) {
                bool inside = x >= 3 && x < 3 + w && y >= 2 && y < 2 + h;
                bool used = grid_at(g, x, y)->cp != ' ';
                ck_assert_msg(inside || !used, "drawn outside at %d,%d", x, y);
                top |= used && y == 2;
                left |= used && x == 3;
            }
        }
        ck_assert(top && left);
        grid_free(g);
    }
}
END_TEST

START_TEST(test_spots_inside_and_distinct)
{
    for (int u = 0; u <= 1; u++) {
        int w, h, xs[REGION_COUNT], ys[REGION_COUNT];
        bodymap_size(u, &w, &h);
        for (int r = 0; r < REGION_COUNT; r++) {
            bodymap_spot(r, u, &xs[r], &ys[r]);
            ck_assert_msg(xs[r] >= 0 && xs[r] < w && ys[r] >= 0 && ys[r] < h,
                          "%s outside", region_get(r)->code);
            for (int o = 0; o < r; o++)
                ck_assert_msg(xs[o] != xs[r] || ys[o] != ys[r],
                              "%s and %s share a cell", region_get(o)->code,
                              region_get(r)->code);
        }
    }
}
END_TEST

START_TEST(test_spot_of_no_region)
{
    int x = 0, y = 0;
    bodymap_spot(-1, true, &x, &y);
    ck_assert(x == -1 && y == -1);
    bodymap_spot(REGION_COUNT, false, &x, &y);
    ck_assert(x == -1 && y == -1);
}
END_TEST

/* Each spot shows the mark glyphs of grid.h with the region styles:
 * marked and unmarked differ in glyph, not only in colour. */
START_TEST(test_spots_show_marking)
{
    for (int u = 0; u <= 1; u++) {
        const struct glyphs *gl = glyphs_get(u);
        region_set marked = BIT("chest") | BIT("lower-leg-r");
        struct grid *g = draw(marked, -1, u);
        for (int r = 0; r < REGION_COUNT; r++) {
            int x, y;
            bodymap_spot(r, u, &x, &y);
            const struct cell *c = grid_at(g, x, y);
            bool on = marked & (1u << r);
            ck_assert_uint_eq(c->cp, on ? gl->mark_on : gl->mark_off);
            ck_assert_int_eq(c->style, on ? ST_REGION_ON : ST_REGION);
        }
        grid_free(g);
    }
}
END_TEST

/* The cursor shows as brackets (text), not only as reverse video. */
START_TEST(test_cursor_is_bracketed)
{
    for (int u = 0; u <= 1; u++) {
        for (int r = 0; r < REGION_COUNT; r++) {
            struct grid *g = draw(0, r, u);
            int x, y;
            bodymap_spot(r, u, &x, &y);
            ck_assert_uint_eq(grid_at(g, x - 1, y)->cp, '[');
            ck_assert_uint_eq(grid_at(g, x + 1, y)->cp, ']');
            ck_assert_uint_eq(grid_at(g, x, y)->cp, glyphs_get(u)->mark_off);
            for (int dx = -1; dx <= 1; dx++)
                ck_assert_int_eq(grid_at(g, x + dx, y)->style, ST_CURSOR);
            grid_free(g);
        }
    }
}
END_TEST

START_TEST(test_bad_cursor_draws_none)
{
    struct grid *a = draw(SOME_MARKED, -1, true);
    struct grid *b = draw(SOME_MARKED, REGION_COUNT, true);
    char *ta = grid_styles_to_text(a), *tb = grid_styles_to_text(b);
    ck_assert_str_eq(ta, tb);
    free(ta);
    free(tb);
    grid_free(a);
    grid_free(b);
}
END_TEST

START_TEST(test_ascii_is_ascii)
{
    region_set sets[] = {0, SOME_MARKED, REGION_ALL};
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
        for (int cur = -1; cur < REGION_COUNT; cur++) {
            struct grid *g = draw(sets[s], cur, false);
            char *text = grid_to_text(g);
            for (const unsigned char *p = (const unsigned char *)text; *p;
                 p++)
                ck_assert_msg(*p < 0x80, "byte 0x%02x in the ASCII figure",
                              *p);
            free(text);
            grid_free(g);
        }
    }
}
END_TEST

/* Left and right are the person's own: facing us, their left is on our
 * right, for every pair of sided regions. */
START_TEST(test_persons_left_on_viewers_right)
{
    static const char *const pairs[] = {"jaw", "shoulder", "upper-arm",
                                        "lower-arm", "hip", "upper-leg",
                                        "lower-leg"};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char code[32];
        int lx, ly, rx, ry;
        snprintf(code, sizeof code, "%s-l", pairs[i]);
        bodymap_spot(region_find(code), true, &lx, &ly);
        snprintf(code, sizeof code, "%s-r", pairs[i]);
        bodymap_spot(region_find(code), true, &rx, &ry);
        ck_assert_msg(lx > rx, "%s: left at %d, right at %d", pairs[i], lx,
                      rx);
        ck_assert_int_eq(ly, ry);
    }
}
END_TEST

START_TEST(test_hit_round_trip)
{
    for (int u = 0; u <= 1; u++) {
        for (int r = 0; r < REGION_COUNT; r++) {
            int x, y;
            bodymap_spot(r, u, &x, &y);
            ck_assert_int_eq(bodymap_hit(x, y, u), r);
            ck_assert_int_eq(bodymap_hit(x - 1, y, u), r);
            ck_assert_int_eq(bodymap_hit(x + 1, y, u), r);
        }
    }
}
END_TEST

START_TEST(test_hit_misses)
{
    int x, y;
    bodymap_spot(region_find("chest"), true, &x, &y);
    ck_assert_int_eq(bodymap_hit(x + 2, y, true), -1);
    ck_assert_int_eq(bodymap_hit(x, y + 1, true), -1);
    ck_assert_int_eq(bodymap_hit(0, 0, true), -1);  /* blank corner */
    ck_assert_int_eq(bodymap_hit(7, 0, false), -1); /* top of the head */
    ck_assert_int_eq(bodymap_hit(-1, -1, true), -1);
    ck_assert_int_eq(bodymap_hit(1000, 5, false), -1);
}
END_TEST

static const int dirs[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

/* Regions reachable from `start` by arrow keys, as a bit set. */
static region_set reachable(int start)
{
    int queue[REGION_COUNT], head = 0, tail = 0;
    region_set seen = 1u << start;
    queue[tail++] = start;
    while (head < tail) {
        int r = queue[head++];
        for (int d = 0; d < 4; d++) {
            int next = bodymap_move(r, dirs[d][0], dirs[d][1]);
            ck_assert(next >= 0 && next < REGION_COUNT);
            if (!(seen & (1u << next))) {
                seen |= 1u << next;
                queue[tail++] = next;
            }
        }
    }
    return seen;
}

START_TEST(test_every_region_reachable)
{
    for (int r = 0; r < REGION_COUNT; r++)
        ck_assert_msg(reachable(r) == REGION_ALL, "not all reachable from %s",
                      region_get(r)->code);
}
END_TEST

/* A move lands on a spot strictly in the direction of the key. */
START_TEST(test_moves_go_forward)
{
    for (int r = 0; r < REGION_COUNT; r++) {
        for (int d = 0; d < 4; d++) {
            int next = bodymap_move(r, dirs[d][0], dirs[d][1]);
            int fx, fy, tx, ty;
            bodymap_spot(r, true, &fx, &fy);
            bodymap_spot(next, true, &tx, &ty);
            int along = (tx - fx) * dirs[d][0] + (ty - fy) * dirs[d][1];
            ck_assert(next == r || along > 0);
        }
    }
}
END_TEST

static void assert_move(const char *from, int dx, int dy, const char *to)
{
    int got = bodymap_move(region_find(from), dx, dy);
    ck_assert_msg(got == region_find(to), "%s (%d,%d): got %s, want %s",
                  from, dx, dy, region_get(got)->code, to);
}

/* The moves a person would expect; dx 1 is right on screen, toward the
 * person's left on the front view. */
START_TEST(test_specific_moves)
{
    assert_move("shoulder-l", 1, 0, "upper-arm-l");
    assert_move("shoulder-r", -1, 0, "upper-arm-r");
    assert_move("chest", 1, 0, "shoulder-l");
    assert_move("chest", -1, 0, "shoulder-r");
    assert_move("neck", 0, 1, "chest");
    assert_move("chest", 0, -1, "neck");
    assert_move("chest", 0, 1, "abdomen");
    assert_move("jaw-r", 1, 0, "jaw-l");
    assert_move("upper-arm-l", 0, 1, "lower-arm-l");
    assert_move("upper-arm-l", 1, 0, "upper-back");
    assert_move("upper-back", 0, 1, "lower-back");
    assert_move("lower-back", 0, -1, "upper-back");
    assert_move("hip-l", 0, 1, "upper-leg-l");
    assert_move("upper-leg-r", 0, 1, "lower-leg-r");
    assert_move("lower-leg-r", 1, 0, "lower-leg-l");
}
END_TEST

START_TEST(test_moves_at_the_edges)
{
    int leg = region_find("lower-leg-l");
    ck_assert_int_eq(bodymap_move(leg, 0, 1), leg); /* nothing below */
    int back = region_find("upper-back");
    ck_assert_int_eq(bodymap_move(back, 1, 0), back); /* nothing right */
    ck_assert_int_eq(bodymap_move(back, 0, 0), back);
    ck_assert_int_eq(bodymap_move(-1, 0, 1), region_find("neck"));
    ck_assert_int_eq(bodymap_move(REGION_COUNT, 1, 0), region_find("neck"));
}
END_TEST

START_TEST(test_summary_wording)
{
    char buf[BODYMAP_SUMMARY_BUF];
    bodymap_summary(0, true, buf, sizeof buf);
    ck_assert_str_eq(buf, "0 of 19 regions \xC2\xB7 0 of 5 groups");
    region_set s = BIT("jaw-l") | BIT("shoulder-l") | BIT("neck");
    bodymap_summary(s, true, buf, sizeof buf);
    ck_assert_str_eq(buf, "3 of 19 regions \xC2\xB7 2 of 5 groups");
    bodymap_summary(s, false, buf, sizeof buf);
    ck_assert_str_eq(buf, "3 of 19 regions - 2 of 5 groups");
    bodymap_summary(REGION_ALL, false, buf, sizeof buf);
    ck_assert_str_eq(buf, "19 of 19 regions - 5 of 5 groups");
}
END_TEST

/* The summary fits beside the figure and is cut, never overrun. */
START_TEST(test_summary_short_buffer)
{
    char buf[8];
    memset(buf, 'x', sizeof buf);
    bodymap_summary(REGION_ALL, true, buf, 6);
    ck_assert_str_eq(buf, "19 of");
    ck_assert_int_eq(buf[6], 'x');
    bodymap_summary(REGION_ALL, true, buf, 0);
    ck_assert_int_eq(buf[0], '1');

    char full[BODYMAP_SUMMARY_BUF];
    int w, h;
    bodymap_size(true, &w, &h);
    bodymap_summary(REGION_ALL, false, full, sizeof full);
    ck_assert_int_le((int)strlen(full), w);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("bodymap");
    TCase *pic = tcase_create("picture");
    tcase_add_test(pic, test_golden_utf8);
    tcase_add_test(pic, test_golden_ascii);
    tcase_add_test(pic, test_size_fits_beside_sliders);
    tcase_add_test(pic, test_drawing_stays_in_its_box);
    tcase_add_test(pic, test_spots_inside_and_distinct);
    tcase_add_test(pic, test_spot_of_no_region);
    tcase_add_test(pic, test_spots_show_marking);
    tcase_add_test(pic, test_cursor_is_bracketed);
    tcase_add_test(pic, test_bad_cursor_draws_none);
    tcase_add_test(pic, test_ascii_is_ascii);
    tcase_add_test(pic, test_persons_left_on_viewers_right);
    suite_add_tcase(s, pic);

    TCase *input = tcase_create("input");
    tcase_add_test(input, test_hit_round_trip);
    tcase_add_test(input, test_hit_misses);
    tcase_add_test(input, test_every_region_reachable);
    tcase_add_test(input, test_moves_go_forward);
    tcase_add_test(input, test_specific_moves);
    tcase_add_test(input, test_moves_at_the_edges);
    suite_add_tcase(s, input);

    TCase *sum = tcase_create("summary");
    tcase_add_test(sum, test_summary_wording);
    tcase_add_test(sum, test_summary_short_buffer);
    suite_add_tcase(s, sum);
    return s;
}

ACHE_TEST_MAIN(make_suite)
