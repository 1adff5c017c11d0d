/* chart_spark: one-line sparklines on a field's scale as the charts draw
 * it (0-10, 0-12 h for sleep hours, 0-100% of days for yes/no), so that
 * two sparklines of the same field can be compared by eye; counts and
 * minutes, which have no fixed top, up to a round number at or above the
 * largest value drawn. */
#include "chart_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/fields.h"
#include "ache/grid.h"

/* Eight levels, low to high. ASCII rises in ink and height; '.' is kept
 * for gaps. */
static const char ascii_ramp[8] = {'_', '-', ':', '=', '+', '*', '#', '@'};
#define SPARK_BASE 0x2581u /* ▁; ▁..█ are U+2581..U+2588 */
#define SPARK_GAP_UTF8 0xB7u

/* The mean of the present values of values[start..end), or CHART_GAP. */
static double mean_of(const double *values, int start, int end)
{
    double sum = 0;
    int n = 0;
    for (int i = start; i < end; i++)
        if (values[i] >= 0) {
            sum += values[i];
            n++;
        }
    return n > 0 ? sum / n : CHART_GAP;
}

static int spark_level(double v, double max)
{
    long level = lround(v / max * 7.0);
    return level < 0 ? 0 : level > 7 ? 7 : (int)level;
}

int chart_sparkline(struct grid *g, int x, int y, int cols,
                    const double *values, int n, enum checkin_field f,
                    bool utf8, bool dot_gaps)
{
    if (cols <= 0 || n <= 0 || !values)
        return 0;
    int k = n <= cols ? 1 : (n + cols - 1) / cols;
    double max =
        field_scale_top(checkin_field_info(f), chart_largest(values, n));
    int used = 0;
    for (int start = 0; start < n; start += k, used++) {
        int end = start + k < n ? start + k : n;
        double v = mean_of(values, start, end);
        if (v < 0 && !dot_gaps)
            grid_put(g, x + used, y, ' ', ST_NORMAL);
        else if (v < 0)
            grid_put(g, x + used, y, utf8 ? SPARK_GAP_UTF8 : '.', ST_ABSENT);
        else if (utf8)
            grid_put(g, x + used, y, SPARK_BASE + (uint32_t)spark_level(v, max),
                     ST_NORMAL);
        else
            grid_put(g, x + used, y,
                     (uint32_t)ascii_ramp[spark_level(v, max)], ST_NORMAL);
    }
    return used;
}
