/* cli_calendar: `ache calendar [YYYY-MM] [--field F] [--months N]
 * [--color auto|always|never] [--ascii]` prints month grids like cal(1),
 * shaded, from the same drawing code as the calendar screen. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/calendar_draw.h"
#include "ache/checkin.h"
#include "ache/config.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/grid.h"
#include "ache/stats.h"
#include "ache/store.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_calendar_opts[] = {
    {"field", 0, "FIELD", "what the shade shows (default pain): fatigue, "
                          "sleep, sleep-hours, ... or a field of your own"},
    {"months", 0, "N", "how many months, ending with the one given (1-12, "
                       "default 1)"},
    {"width", 0, "W", "columns to fit (default: the terminal's, else "
                      "$COLUMNS, else 80)"},
    {"color", 0, "WHEN", "auto (on a terminal without NO_COLOR), always or "
                         "never"},
    {"ascii", 0, NULL, "plain ASCII even in a UTF-8 locale"},
    {0}};

/* At most this many months side by side, however wide the terminal. */
#define PER_ROW_MAX 4
#define MONTH_GAP 2
#define LOOKBACK_DAYS 28
/* Room for the whole legend under a single month. */
#define LEGEND_W 80

struct calendar_args {
    int year, month, months;
    int width; /* 0 until print_calendar asks the terminal */
    int per_row; /* months side by side, from the width */
    enum checkin_field field;
    const char *color;
    bool ascii;
    const char *month_word; /* YYYY-MM as given */
};

static int parse_month(const struct cli_ctx *ctx, const char *text,
                       struct calendar_args *a)
{
    char extra;
    if (strlen(text) != 7 ||
        sscanf(text, "%4d-%2d%c", &a->year, &a->month, &extra) != 2 ||
        !date_valid_ymd(a->year, a->month, 1))
        return cli_usage_error(ctx, "'%s' is not a month (use YYYY-MM)",
                               text);
    return EXIT_OK;
}

static int apply_option(const struct cli_ctx *ctx, const struct cli_opt *o,
                        const char *value, struct calendar_args *a)
{
    long n;
    if (strcmp(o->name, "field") == 0) {
        int key = field_find(value); /* hidden ones too, asked by name */
        if (key == FIELD_NONE)
            return cli_not_a_field(ctx, "field: ", value);
        a->field = (enum checkin_field)key;
    } else if (strcmp(o->name, "months") == 0) {
        if (!parse_int(value, 1, 12, &n) || value[0] == '+')
            return cli_usage_error(ctx, "months: '%s' is not a number from "
                                        "1 to 12",
                                   value);
        a->months = (int)n;
    } else if (strcmp(o->name, "width") == 0) {
        if (!parse_int(value, 1, 1000, &n) || value[0] == '+')
            return cli_usage_error(ctx, "width: '%s' is not a number from "
                                        "1 to 1000",
                                   value);
        a->width = (int)n;
    } else if (strcmp(o->name, "color") == 0) {
        a->color = value;
        return cli_check_color(ctx, value);
    } else {
        a->ascii = true;
    }
    return EXIT_OK;
}

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    struct calendar_args *a = arg;
    if (opt)
        return apply_option(ctx, opt, value, a);
    if (a->month_word)
        return cli_unexpected(ctx, value);
    a->month_word = value;
    return EXIT_OK;
}

/* The diary's fields are read first, so that its own are known by name. */
static int parse_args(const struct cli_ctx *ctx, int argc, char **argv,
                      struct calendar_args *a)
{
    cli_load_fields(ctx);
    int rc = cli_parse_args(ctx, argc, argv, cli_calendar_opts, take_arg, a);
    if (rc == EXIT_OK && a->month_word)
        rc = parse_month(ctx, a->month_word, a);
    return rc;
}

/* The months' days from first to last: their summaries (flares marked)
 * and, for an own field, which the summaries do not hold, its means. */
struct calendar_days {
    ache_day first;
    size_t n;
    struct day_summary *days;
    double *means; /* NULL for a built-in field */
};

static int read_days(const struct cli_ctx *ctx, struct store *st,
                     enum checkin_field field, ache_day last,
                     struct calendar_days *cd)
{
    struct checkin_list list = {0};
    struct ache_err err = {{0}};
    enum ache_status s = store_list_range(st, cd->first, last, &list, &err);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    cd->n = (size_t)(last - cd->first + 1);
    cd->days = xcalloc(cd->n, sizeof *cd->days);
    stats_days(list.items, list.n, cd->first, last, cd->days);
    stats_mark_flares(cd->days, cd->n);
    if (field_is_own((int)field)) {
        cd->means = xcalloc(cd->n, sizeof *cd->means);
        stats_means(list.items, list.n, cd->first, last, field, cd->means);
    }
    checkin_list_free(&list);
    return EXIT_OK;
}

/* Reads the months' days (and the 28 before, for flares) and draws them,
 * per_row months to a row, with the legend under them. */
static int draw_months(const struct cli_ctx *ctx, struct store *st,
                       const struct calendar_args *a, int week_start,
                       bool utf8, struct grid *g)
{
    int y0 = a->year, m0 = a->month;
    date_add_months(&y0, &m0, -(a->months - 1));
    ache_day last = date_from_ymd(a->year, a->month,
                                  date_days_in_month(a->year, a->month));
    struct calendar_days cd = {date_from_ymd(y0, m0, 1) - LOOKBACK_DAYS, 0,
                               NULL, NULL};
    int rc = read_days(ctx, st, a->field, last, &cd);
    if (rc != EXIT_OK)
        return rc;
    struct calendar_view v = {
        .week_start = week_start, .field = a->field, .today = ctx->today,
        .selected = -1, .days = cd.days, .days_first = cd.first,
        .ndays = cd.n, .utf8 = utf8, .means = cd.means};
    for (int i = 0; i < a->months; i++) {
        v.year = y0, v.month = m0;
        date_add_months(&v.year, &v.month, i);
        calendar_draw_month(g, (i % a->per_row) * (CALENDAR_MONTH_W + MONTH_GAP),
                            (i / a->per_row) * (CALENDAR_MONTH_H + 1), &v);
    }
    calendar_draw_legend(g, 0, g->h - 1, g->w, &v);
    free(cd.days);
    free(cd.means);
    return EXIT_OK;
}

/* As many months side by side as fit the width (always at least one: a
 * narrower terminal cuts a lone month rather than show nothing). */
static int months_per_row(const struct calendar_args *a)
{
    int width = a->width;
    int fit = (width + MONTH_GAP) / (CALENDAR_MONTH_W + MONTH_GAP);
    if (fit > PER_ROW_MAX)
        fit = PER_ROW_MAX;
    if (fit > a->months)
        fit = a->months;
    return fit < 1 ? 1 : fit;
}

static int print_calendar(const struct cli_ctx *ctx,
                          struct calendar_args *a, int week_start)
{
    bool utf8 = cli_utf8(a->ascii);
    if (!a->width)
        a->width = cli_terminal_width();
    a->per_row = months_per_row(a);
    int rows = (a->months + a->per_row - 1) / a->per_row;
    int w = a->per_row * (CALENDAR_MONTH_W + MONTH_GAP) - MONTH_GAP;
    /* the legend takes what room the width leaves, cut to fit */
    int legend_w = a->width < LEGEND_W ? a->width : LEGEND_W;
    struct grid *g = grid_new(w < legend_w ? legend_w : w,
                              rows * (CALENDAR_MONTH_H + 1) + 1);
    struct store *st;
    int rc = cli_open_reader(ctx, &st);
    if (rc == EXIT_OK) {
        rc = draw_months(ctx, st, a, week_start, utf8, g);
        store_close(st);
    }
    if (rc == EXIT_OK) {
        enum ansi_colors colors = cli_colors(a->color);
        /* without colour, plain text: no escape sequences at all */
        char *text = colors == ANSI_NONE ? grid_to_text(g)
                                         : grid_to_ansi(g, colors);
        fputs(text, ctx->out);
        free(text);
    }
    grid_free(g);
    return rc;
}

int cli_calendar(struct cli_ctx *ctx, int argc, char **argv)
{
    int y, m, d;
    date_to_ymd(ctx->today, &y, &m, &d);
    struct calendar_args a = {.year = y, .month = m, .months = 1,
                              .field = CF_PAIN, .color = "auto"};
    int rc = parse_args(ctx, argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    struct config conf;
    struct ache_err err = {{0}};
    char *path = config_path();
    enum ache_status s = config_load(path, &conf, &err);
    free(path);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    return print_calendar(ctx, &a, conf.week_start);
}
