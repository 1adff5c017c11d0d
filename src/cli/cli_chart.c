/* cli_chart: `ache chart` (a trend chart on stdout), `ache spark` (one
 * line for a prompt). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/grid.h"
#include "ache/store.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_chart_opts[] = {
    {"days", 0, "N", "the last N days (default 30)"},
    {"from", 0, "D", "first day (with --to)"},
    {"to", 0, "D", "last day (default today)"},
    {"width", 0, "W", "columns (default: the terminal's, else "
                      "$COLUMNS, else 80)"},
    {"height", 0, "H", "rows (default 16)"},
    {"avg", 0, NULL, "draw the 7-day rolling mean over the daily line"},
    {"spread", 0, NULL, "show each bucket's min-max range as a band"},
    {"ascii", 0, NULL, "plain ASCII even in a UTF-8 locale"},
    {"color", 0, "WHEN", "auto, always or never"},
    {0}};
const struct cli_opt cli_spark_opts[] = {
    {"days", 0, "N", "the last N days (default 14)"},
    {"ascii", 0, NULL, "plain ASCII even in a UTF-8 locale"},
    {0}};

struct chart_args {
    enum checkin_field fields[CHART_MAX_SERIES];
    int nfields;
    long days, width, height;
    const char *from, *to, *color;
    bool avg, spread, ascii;
};

/* Any field of the diary by name or option name, hidden ones too: hiding
 * retires a field from the screens, not its values from a chart asked
 * for by name. */
static int add_field(const struct cli_ctx *ctx, struct chart_args *a,
                     const char *name)
{
    int key = field_find(name);
    if (key == FIELD_NONE)
        return cli_not_a_field(ctx, "", name);
    if (a->nfields == CHART_MAX_SERIES)
        return cli_usage_error(ctx, "at most %d fields in one chart",
                               CHART_MAX_SERIES);
    struct chart_series series[CHART_MAX_SERIES];
    a->fields[a->nfields++] = (enum checkin_field)key;
    for (int i = 0; i < a->nfields; i++)
        series[i] = (struct chart_series){a->fields[i], NULL};
    if (!chart_scales_fit(series, a->nfields))
        return cli_usage_error(ctx, "%s would need a third scale (%s); a "
                                    "chart has two: chart it apart",
                               name,
                               field_kind_name(checkin_field_info(
                                   (enum checkin_field)key)->kind));
    return EXIT_OK;
}

static int number_option(const struct cli_ctx *ctx, const char *name,
                         const char *value, long min, long max, long *out)
{
    if (value[0] == '+' || !parse_int(value, min, max, out))
        return cli_usage_error(ctx, "%s: '%s' is not a number from %ld to "
                                    "%ld",
                               name, value, min, max);
    return EXIT_OK;
}

static int chart_option(const struct cli_ctx *ctx, const struct cli_opt *o,
                        const char *v, struct chart_args *a)
{
    const char *n = o->name;
    if (strcmp(n, "days") == 0)
        return number_option(ctx, n, v, 1, 100000, &a->days);
    if (strcmp(n, "width") == 0)
        return number_option(ctx, n, v, 1, 1000, &a->width);
    if (strcmp(n, "height") == 0)
        return number_option(ctx, n, v, 1, 500, &a->height);
    if (strcmp(n, "color") == 0) {
        a->color = v;
        return cli_check_color(ctx, v);
    } else if (strcmp(n, "from") == 0) {
        a->from = v;
    } else if (strcmp(n, "to") == 0) {
        a->to = v;
    } else {
        *(n[0] == 'a' ? (n[1] == 'v' ? &a->avg : &a->ascii) : &a->spread) =
            true;
    }
    return EXIT_OK;
}

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    return opt ? chart_option(ctx, opt, value, arg)
               : add_field(ctx, arg, value);
}

/* The diary's fields are read first, so that its own are known by name. */
static int parse_chart(const struct cli_ctx *ctx, int argc, char **argv,
                       const struct cli_opt *opts, struct chart_args *a)
{
    cli_load_fields(ctx);
    int rc = cli_parse_args(ctx, argc, argv, opts, take_arg, a);
    if (rc == EXIT_OK && a->nfields == 0)
        a->fields[a->nfields++] = CF_PAIN;
    return rc;
}

/* The days asked for: --days N (ending today) or --from/--to. */
static int chart_range(const struct cli_ctx *ctx, const struct chart_args *a,
                       ache_day *first, ache_day *last)
{
    if (a->from && a->days)
        return cli_usage_error(ctx, "give --days or --from, not both");
    return cli_window(ctx, a->from, a->to, a->days ? (int)a->days : 30,
                      first, last);
}

/* The values charted: per field, one daily mean per day of the range
 * (CHART_GAP where there is none). */
struct chart_values {
    size_t n;
    double *of[CHART_MAX_SERIES];
};

static void values_free(struct chart_values *v, int nfields)
{
    for (int i = 0; i < nfields; i++)
        free(v->of[i]);
}

/* Reads the daily means of the fields charted over first..last. */
static int load_values(const struct cli_ctx *ctx, const struct chart_args *a,
                       ache_day first, ache_day last, struct chart_values *v)
{
    v->n = (size_t)(last - first + 1);
    for (int i = 0; i < a->nfields; i++)
        v->of[i] = xreallocarray(NULL, v->n, sizeof *v->of[i]);
    int rc = cli_read_means(ctx, first, last, a->fields, a->nfields, v->of);
    if (rc != EXIT_OK) {
        values_free(v, a->nfields);
        return rc;
    }
    for (int i = 0; i < a->nfields; i++)
        for (size_t d = 0; d < v->n; d++)
            if (v->of[i][d] < 0)
                v->of[i][d] = CHART_GAP;
    return EXIT_OK;
}

static void print_grid(const struct cli_ctx *ctx, const struct grid *g,
                       const char *color)
{
    enum ansi_colors colors = cli_colors(color);
    char *text = colors == ANSI_NONE ? grid_to_text(g)
                                     : grid_to_ansi(g, colors);
    fputs(text, ctx->out);
    free(text);
}

static int draw_chart(const struct cli_ctx *ctx, const struct chart_args *a,
                      ache_day first, const struct chart_values *v)
{
    struct chart_series series[CHART_MAX_SERIES];
    for (int i = 0; i < a->nfields; i++)
        series[i] = (struct chart_series){a->fields[i], v->of[i]};
    bool plain = cli_colors(a->color) == ANSI_NONE;
    struct chart_spec spec = {first, (int)v->n, series, a->nfields, a->avg,
                              a->spread, cli_utf8(a->ascii), -1, plain};
    int w = a->width ? (int)a->width : cli_terminal_width();
    int h = a->height ? (int)a->height : 16;
    struct grid *g = grid_new(w, h);
    bool drawn = chart_draw(g, 0, 0, w, h, &spec);
    print_grid(ctx, g, a->color);
    grid_free(g);
    if (!drawn)
        cli_err(ctx, "ache chart: %dx%d is too small (need at least "
                          "%dx%d)\n",
                w, h, CHART_MIN_W, CHART_MIN_H);
    return drawn ? EXIT_OK : EXIT_USAGE;
}

int cli_chart(struct cli_ctx *ctx, int argc, char **argv)
{
    struct chart_args a = {.color = "auto"};
    ache_day first, last;
    struct chart_values v;
    int rc = parse_chart(ctx, argc, argv, cli_chart_opts, &a);
    if (rc == EXIT_OK)
        rc = chart_range(ctx, &a, &first, &last);
    if (rc == EXIT_OK)
        rc = load_values(ctx, &a, first, last, &v);
    if (rc != EXIT_OK)
        return rc;
    rc = draw_chart(ctx, &a, first, &v);
    values_free(&v, a.nfields);
    return rc;
}

int cli_spark(struct cli_ctx *ctx, int argc, char **argv)
{
    struct chart_args a = {.color = "never"};
    ache_day first, last;
    struct chart_values v;
    int rc = parse_chart(ctx, argc, argv, cli_spark_opts, &a);
    if (rc == EXIT_OK && a.nfields > 1)
        rc = cli_usage_error(ctx, "one field at a time");
    if (rc == EXIT_OK && !a.days)
        a.days = 14;
    if (rc == EXIT_OK)
        rc = chart_range(ctx, &a, &first, &last);
    if (rc == EXIT_OK)
        rc = load_values(ctx, &a, first, last, &v);
    if (rc != EXIT_OK)
        return rc;
    int cols = v.n > 60 ? 60 : (int)v.n;
    struct grid *g = grid_new(cols, 1);
    chart_sparkline(g, 0, 0, cols, v.of[0], (int)v.n, a.fields[0],
                    cli_utf8(a.ascii), true);
    char *text = grid_to_text(g);
    text[strcspn(text, "\n")] = '\0';
    fprintf(ctx->out, "%s %s\n", checkin_field_info(a.fields[0])->option,
            text);
    free(text);
    grid_free(g);
    values_free(&v, a.nfields);
    return EXIT_OK;
}
