/* Widgets and whole screens drawn into a grid and compared with golden
 * text: the slider in every state, the grid's handling of wide characters,
 * and the check-in screen at 80x24 in UTF-8 and ASCII. */
#include "golden.h"

#include "../../src/screens/checkin_impl.h"
#include "ache/fields.h"
#include "ache/widgets.h"

static char *slider_picture(bool utf8, bool styles)
{
    static const struct {
        enum checkin_field f;
        int steps;
        bool focus;
    } rows[] = {
        {CF_PAIN, CHECKIN_ABSENT, true}, {CF_PAIN, 0, false},
        {CF_PAIN, 3, false},             {CF_PAIN, 6, false},
        {CF_PAIN, 10, false},            {CF_SLEEP_QUALITY, 2, false},
        {CF_SLEEP_HOURS, 29, false},     {CF_ACTIVITY, 8, false},
    };
    int n = (int)(sizeof rows / sizeof rows[0]);
    struct grid *g = grid_new(44, n * SLIDER_ROWS);
    for (int i = 0; i < n; i++)
        slider_draw(g, 0, i * SLIDER_ROWS, 44, rows[i].f, rows[i].steps,
                    NULL, rows[i].focus, glyphs_get(utf8));
    char *text = styles ? grid_styles_to_text(g) : grid_to_text(g);
    grid_free(g);
    return text;
}

START_TEST(test_slider_golden)
{
    char *text = slider_picture(true, false);
    check_golden("slider_utf8.txt", text);
    free(text);
    text = slider_picture(true, true);
    check_golden("slider_utf8_styles.txt", text);
    free(text);
    text = slider_picture(false, false);
    check_golden("slider_ascii.txt", text);
    for (const char *p = text; *p; p++)
        ck_assert_uint_lt((unsigned char)*p, 0x80);
    free(text);
}
END_TEST

/* A number being typed shows as typed, a mark after it, the digits where
 * the value's digits stand; the bar keeps the value stored so far. */
START_TEST(test_slider_shows_a_number_being_typed)
{
    struct grid *g = grid_new(44, SLIDER_ROWS);
    slider_draw(g, 0, 0, 44, CF_SLEEP_HOURS, 24, "6.2", true,
                glyphs_get(false));
    char *text = grid_to_text(g);
    ck_assert_msg(str_starts_with(text, "> Sleep hours   6.2_ ===="), "%s",
                  text);
    grid_clear(g);
    slider_draw(g, 0, 0, 44, CF_SLEEP_HOURS, 24, NULL, true,
                glyphs_get(false));
    free(text);
    text = grid_to_text(g);
    ck_assert_msg(str_starts_with(text, "> Sleep hours     6  ===="), "%s",
                  text);
    free(text);
    grid_free(g);
}
END_TEST

START_TEST(test_slider_click_maps_to_values)
{
    int bar = slider_bar_width(44);
    ck_assert_int_eq(slider_value_at(44, CF_PAIN, SLIDER_BAR_X), 0);
    ck_assert_int_eq(slider_value_at(44, CF_PAIN, SLIDER_BAR_X + bar - 1), 10);
    ck_assert_int_eq(slider_value_at(44, CF_PAIN, SLIDER_BAR_X - 1), -1);
    ck_assert_int_eq(slider_value_at(44, CF_PAIN, SLIDER_BAR_X + bar), -1);
    ck_assert_int_eq(slider_value_at(44, CF_SLEEP_HOURS, SLIDER_BAR_X + bar - 1),
                     96);
    /* every value can be reached by a click */
    for (int f = 0; f < CF_COUNT; f++) {
        int max = checkin_field_info((enum checkin_field)f)->max_steps;
        int last = -1;
        for (int col = SLIDER_BAR_X; col < SLIDER_BAR_X + bar; col++) {
            int v = slider_value_at(44, (enum checkin_field)f, col);
            ck_assert_int_ge(v, last);
            last = v;
        }
        ck_assert_int_eq(last, max);
    }
}
END_TEST

START_TEST(test_value_styles_follow_badness)
{
    ck_assert_int_eq(slider_value_style(CF_PAIN, CHECKIN_ABSENT), ST_ABSENT);
    ck_assert_int_eq(slider_value_style(CF_PAIN, 0), ST_BAND_NONE);
    ck_assert_int_eq(slider_value_style(CF_PAIN, 9), ST_BAND_SEVERE);
    /* poor sleep looks as bad as severe pain */
    ck_assert_int_eq(slider_value_style(CF_SLEEP_QUALITY, 1), ST_BAND_SEVERE);
    ck_assert_int_eq(slider_value_style(CF_MOOD, 10), ST_BAND_NONE);
}
END_TEST

START_TEST(test_grid_wide_characters)
{
    struct grid *g = grid_new(6, 2);
    ck_assert_int_eq(grid_text(g, 0, 0, "日本語", ST_NORMAL, -1), 6);
    grid_put(g, 1, 0, 'x', ST_NORMAL); /* over the right half of 日 */
    ck_assert_int_eq(grid_text(g, 4, 1, "語!", ST_NORMAL, -1), 2);
    /* a wide character with no room left is a blank, and writing over
     * the right half of 語 blanks its left half too */
    grid_put(g, 5, 1, 0x8a9e, ST_NORMAL);
    char *text = grid_to_text(g);
    ck_assert_str_eq(text, " x本語\n\n");
    free(text);
    grid_free(g);
}
END_TEST

START_TEST(test_grid_controls_and_clipping)
{
    struct grid *g = grid_new(5, 1);
    ck_assert_int_eq(grid_text(g, 0, 0, "a\tb\x1b", ST_NORMAL, -1), 4);
    grid_text(g, -2, 0, "xyz", ST_NORMAL, -1);
    char *text = grid_to_text(g);
    ck_assert_str_eq(text, "z�b�\n");
    free(text);
    grid_free(g);
}
END_TEST

START_TEST(test_grid_box)
{
    struct grid *g = grid_new(12, 3);
    grid_box(g, 0, 0, 12, 3, glyphs_get(false), "Tags", ST_DIM);
    char *text = grid_to_text(g);
    ck_assert_str_eq(text, "+- Tags ---+\n|          |\n+----------+\n");
    free(text);
    grid_free(g);
}
END_TEST

/* The check-in screen at 80x24 with a known state, as the loop draws it. */
static char *screen_picture(bool utf8)
{
    struct app app = {.today = date_from_ymd(2026, 11, 24), .utf8 = utf8,
                      .gl = glyphs_get(utf8), .screen = &checkin_screen};
    app.grid = grid_new(80, 24);
    struct checkin_state s = {.day = app.today - 1, .focus = CF_FATIGUE,
                              .region = region_find("neck")};
    checkin_init(&s.cur, s.day);
    strcpy(s.cur.id, "0123456789abcdef0123456789abcdef");
    s.cur.minute = 21 * 60 + 5;
    s.cur.value[CF_PAIN] = 6;
    s.cur.value[CF_FATIGUE] = 7;
    s.cur.value[CF_SLEEP_HOURS] = 26;
    s.cur.value[CF_MOOD] = 0;
    region_set_parse("neck,shoulder-l,lower-back", ',', &s.cur.regions, NULL);
    checkin_add_tag(&s.cur, "long-sitting");
    checkin_add_tag(&s.cur, "magnesium");
    checkin_set_note(&s.cur, "Long meeting; sat for hours.\nHot bath helped.");
    checkin_copy(checkin_list_push(&s.saved), &s.cur);
    s.index = 0;
    int cx, cy;
    checkin_screen_draw(&s, &app, app.grid, &cx, &cy);
    app_draw_status(&app, app.grid, 23, checkin_screen.bindings);
    char *text = grid_to_text(app.grid);
    checkin_free(&s.cur);
    checkin_list_free(&s.saved);
    grid_free(app.grid);
    return text;
}

START_TEST(test_checkin_screen_golden)
{
    char *text = screen_picture(true);
    check_golden("checkin_screen_utf8.txt", text);
    free(text);
    text = screen_picture(false);
    check_golden("checkin_screen_ascii.txt", text);
    for (const char *p = text; *p; p++)
        ck_assert_uint_lt((unsigned char)*p, 0x80);
    free(text);
}
END_TEST

/* Own fields of every kind, after the eight built in: keys 8 to 12. */
static void install_own_fields(void)
{
    struct field_row rows[] = {
        {8, "headache", NULL, NULL, NULL, FIELD_RATING, false, false},
        {9, "nausea", NULL, NULL, NULL, FIELD_YESNO, false, false},
        {10, "stiff_minutes", NULL, NULL, NULL, FIELD_MINUTES, false, false},
        {11, "steps", NULL, NULL, NULL, FIELD_TALLY, false, false},
        {12, "stiffness_after_waking", NULL, NULL, NULL, FIELD_RATING, false,
         false},
    };
    fields_install(rows, sizeof rows / sizeof rows[0]);
}

static char *controls_picture(bool utf8)
{
    static const struct {
        int key, steps;
        const char *typed;
        bool focus;
    } rows[] = {
        {9, CHECKIN_ABSENT, NULL, true}, {9, 1, NULL, false},
        {9, 0, NULL, false},             {10, CHECKIN_ABSENT, NULL, false},
        {10, 95, NULL, true},            {11, 1200, NULL, false},
        {11, 12, "125", true},           {12, 7, NULL, false},
    };
    int n = (int)(sizeof rows / sizeof rows[0]);
    struct grid *g = grid_new(44, n * SLIDER_ROWS);
    install_own_fields();
    for (int i = 0; i < n; i++)
        control_draw(g, 0, i * SLIDER_ROWS, 44, rows[i].key, rows[i].steps,
                     rows[i].typed, rows[i].focus, glyphs_get(utf8));
    fields_reset();
    char *text = grid_to_text(g);
    grid_free(g);
    return text;
}

/* A yes/no shows both answers, a count and minutes a box to type into,
 * a long label ends in an ellipsis: as sliders, two rows each. */
START_TEST(test_controls_golden)
{
    char *text = controls_picture(true);
    check_golden("controls_utf8.txt", text);
    free(text);
    text = controls_picture(false);
    check_golden("controls_ascii.txt", text);
    for (const char *p = text; *p; p++)
        ck_assert_uint_lt((unsigned char)*p, 0x80);
    free(text);
}
END_TEST

/* A click on a yes/no's answer sets it; on a number's box, nothing. */
START_TEST(test_control_click_maps_to_values)
{
    install_own_fields();
    ck_assert_int_eq(control_value_at(44, 9, SLIDER_BAR_X), 0);
    ck_assert_int_eq(control_value_at(44, 9, SLIDER_BAR_X + 3), 0);
    ck_assert_int_eq(control_value_at(44, 9, SLIDER_BAR_X + 4), -1);
    ck_assert_int_eq(control_value_at(44, 9, SLIDER_BAR_X + 7), 1);
    ck_assert_int_eq(control_value_at(44, 9, SLIDER_BAR_X + 11), 1);
    ck_assert_int_eq(control_value_at(44, 9, SLIDER_BAR_X + 12), -1);
    ck_assert_int_eq(control_value_at(44, 10, SLIDER_BAR_X + 2), -1);
    ck_assert_int_eq(control_value_at(44, 11, SLIDER_BAR_X + 2), -1);
    ck_assert_int_eq(control_value_at(44, 8, SLIDER_BAR_X),
                     slider_value_at(44, CF_PAIN, SLIDER_BAR_X));
    fields_reset();
}
END_TEST

/* The check-in screen at 80x24 with thirteen fields, on the last: the
 * form scrolled to it, the first five above it counted, none cut. */
START_TEST(test_checkin_screen_scrolled_golden)
{
    struct app app = {.today = date_from_ymd(2026, 11, 24), .utf8 = true,
                      .gl = glyphs_get(true), .screen = &checkin_screen};
    app.grid = grid_new(80, 24);
    install_own_fields();
    struct checkin_state s = {.day = app.today, .focus = 12};
    checkin_init(&s.cur, s.day);
    s.index = 0;
    checkin_set(&s.cur, 9, 1);
    checkin_set(&s.cur, 10, 95);
    checkin_set(&s.cur, 11, 1200);
    int cx, cy;
    checkin_screen_draw(&s, &app, app.grid, &cx, &cy);
    ck_assert_int_eq(s.scroll, 5);
    s.focus = CF_FATIGUE; /* back up: the form follows, as little as it can */
    checkin_screen_draw(&s, &app, app.grid, &cx, &cy);
    ck_assert_int_eq(s.scroll, 1);
    s.focus = 12;
    grid_clear(app.grid);
    checkin_screen_draw(&s, &app, app.grid, &cx, &cy);
    char *text = grid_to_text(app.grid);
    check_golden("checkin_screen_scrolled_utf8.txt", text);
    free(text);
    checkin_free(&s.cur);
    fields_reset();
    grid_free(app.grid);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("widgets");
    TCase *tc = tcase_create("widgets");
    tcase_add_test(tc, test_slider_golden);
    tcase_add_test(tc, test_slider_shows_a_number_being_typed);
    tcase_add_test(tc, test_slider_click_maps_to_values);
    tcase_add_test(tc, test_value_styles_follow_badness);
    tcase_add_test(tc, test_grid_wide_characters);
    tcase_add_test(tc, test_grid_controls_and_clipping);
    tcase_add_test(tc, test_grid_box);
    tcase_add_test(tc, test_checkin_screen_golden);
    tcase_add_test(tc, test_controls_golden);
    tcase_add_test(tc, test_control_click_maps_to_values);
    tcase_add_test(tc, test_checkin_screen_scrolled_golden);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
