/* Unit tests of report: the --format and --hide words, the 80-column limit
 * of text and Markdown against long and wide user text, escaping of the
 * person's text in every format, hidden parts left out, and calm output
 * for empty diaries; treatment trials with their range and warnings. The
 * whole reports are compared as golden text by the
 * command tests (tests/cli/test_report.sh). */
#include "testutil.h"

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/report.h"
#include "ache/tags.h"
#include "ache/text.h"

#include "../../src/report/report_impl.h"

static ache_day nov(int day)
{
    return date_from_ymd(2026, 11, day);
}

/* 24 days of check-ins in November 2026 with a note on the 19th. */
static void november(struct checkin_list *list, const char *note,
                     const char *tag)
{
    for (int d = 1; d <= 24; d++) {
        struct checkin *c = checkin_list_push(list);
        checkin_init(c, nov(d));
        c->value[CF_PAIN] = d % 5 + 2;
        c->value[CF_FATIGUE] = d % 4 + 3;
        c->value[CF_SLEEP_QUALITY] = 7 - d % 3;
        c->value[CF_FOG] = d % 3;
        c->value[CF_MOOD] = 6;
        c->value[CF_STIFFNESS] = d % 6;
        c->value[CF_SLEEP_HOURS] = 24 + d % 9; /* 6 to 8 hours */
        c->value[CF_ACTIVITY] = d % 7 + 1;
        c->regions = d % 2 ? 0x3u : 0x4001u;
        if (d % 3 == 0)
            checkin_add_tag(c, tag);
        if (d == 19)
            checkin_set_note(c, note);
    }
}

static char *render(const struct checkin_list *list, enum report_format f,
                    bool utf8, unsigned hide)
{
    struct report_input in = {.items = list->items, .n = list->n,
                              .first = nov(1), .last = nov(24),
                              .prepared = nov(24), .permutations = 200};
    struct report_options opt = {f, utf8, {hide, {0}, 0}};
    return report_render(&in, &opt);
}

/* Every line at most REPORT_WIDTH columns. */
static void assert_fits(const char *text)
{
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        size_t w = text_width(line, len);
        ck_assert_msg(w <= REPORT_WIDTH, "%zu columns: %.*s", w, (int)len,
                      line);
        line += len + (line[len] == '\n');
    }
}

START_TEST(test_format_words)
{
    enum report_format f;
    ck_assert(report_format_parse("markdown", &f) && f == REPORT_MARKDOWN);
    ck_assert(report_format_parse("md", &f) && f == REPORT_MARKDOWN);
    ck_assert(report_format_parse("html", &f) && f == REPORT_HTML);
    ck_assert(!report_format_parse("pdf", &f));
    ck_assert(report_format_from_path("a/b.htm", &f) && f == REPORT_HTML);
    ck_assert(report_format_from_path("r.txt", &f) && f == REPORT_TEXT);
    ck_assert(report_format_from_path("r.markdown", &f) &&
              f == REPORT_MARKDOWN);
    ck_assert(!report_format_from_path("report", &f));
    ck_assert(!report_format_from_path("dir.html/report", &f));
}
END_TEST

START_TEST(test_hide_words)
{
    struct report_hide hide = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(report_hide_parse("notes, mood,,tag", &hide, &err),
                     ACHE_OK);
    ck_assert_uint_eq(hide.mask, REPORT_HIDE_NOTES | REPORT_HIDE_TAGS |
                                     REPORT_HIDE_FIELD(CF_MOOD));
    ck_assert_int_eq(report_hide_parse("sleep-hours,sleep", &hide, &err),
                     ACHE_OK);
    ck_assert(hide.mask & REPORT_HIDE_FIELD(CF_SLEEP_HOURS));
    ck_assert(hide.mask & REPORT_HIDE_FIELD(CF_SLEEP_QUALITY));
    ck_assert_uint_eq(hide.nown, 0);
    ck_assert_int_eq(report_hide_parse("regions,knees", &hide, &err),
                     ACHE_ERR_INVALID);
    ck_assert(strstr(err.msg, "hide: 'knees' is not part of a report") ==
              err.msg);
}
END_TEST

/* A note with no spaces, wide characters and a 40-letter tag: nothing may
 * push a line past 80 columns. */
START_TEST(test_long_text_fits)
{
    struct checkin_list list = {0};
    char note[700];
    memset(note, 'x', 100);
    strcpy(note + 100, " 痛みがひどい痛みがひどい痛みがひどい痛みがひどい"
                       "痛みがひどい痛みがひどい痛みがひどい痛みがひどい");
    november(&list, note, "a-very-long-tag-name-of-forty-letters-xx");
    for (int f = REPORT_TEXT; f <= REPORT_MARKDOWN; f++) {
        char *text = render(&list, (enum report_format)f, f == REPORT_TEXT,
                            0);
        assert_fits(text);
        ck_assert_ptr_nonnull(strstr(text, "痛み"));
        free(text);
    }
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_user_text_escaped)
{
    struct checkin_list list = {0};
    november(&list, "</li><script>alert('x')</script> & \"q\"", "my_tag");
    char *html = render(&list, REPORT_HTML, true, 0);
    ck_assert_ptr_null(strstr(html, "<script"));
    ck_assert_ptr_nonnull(strstr(html, "&lt;/li&gt;&lt;script&gt;alert(&#39;"
                                       "x&#39;)&lt;/script&gt; &amp; "
                                       "&quot;q&quot;"));
    free(html);
    char *md = render(&list, REPORT_MARKDOWN, false, 0);
    ck_assert_ptr_nonnull(strstr(md, "\\</li\\>\\<script\\>"));
    ck_assert_ptr_nonnull(strstr(md, "my\\_tag"));
    free(md);
    char *text = render(&list, REPORT_TEXT, false, 0);
    ck_assert_ptr_nonnull(strstr(text, "</li><script>alert('x')"));
    free(text);
    checkin_list_free(&list);
}
END_TEST

/* No raw control character in text: C0 but LF, DEL, C1, bidi overrides
 * and isolates, bytes that are not UTF-8. */
static void assert_no_controls(const char *text, bool ascii)
{
    size_t len = strlen(text);
    ck_assert_msg(utf8_valid(text, len, NULL), "not UTF-8");
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(text + i, len - i, &cp);
        ck_assert_msg(cp == '\n' || !text_cp_is_control(cp),
                      "U+%04X at byte %zu", (unsigned)cp, i);
        ck_assert_msg(!text_cp_is_bidi_override(cp), "U+%04X at byte %zu",
                      (unsigned)cp, i);
        ck_assert_msg(!ascii || cp < 0x80, "U+%04X in ASCII output",
                      (unsigned)cp);
    }
}

/* text with its lines joined and runs of spaces made one (the plain
 * formats wrap paragraphs); the caller frees it. */
static char *flat(const char *text)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    for (const char *p = text; *p; p++) {
        char c = *p == '\n' ? ' ' : *p;
        if (c == ' ' && sb.len && sb.data[sb.len - 1] == ' ')
            continue;
        strbuf_putc(&sb, c);
    }
    return strbuf_take(&sb);
}

#define NASTY_NOTE                                                          \
    "osc52 \x1b]52;c;aGk=\x07 clear \x1b[2J c1 \xc2\x9b" "2J bidi "         \
    "\xe2\x80\xae" "evil\xe2\x81\xa6 tab\there\r\nnext"
#define NASTY_TAG "x\xc2\x9b" "2\xe2\x80\xae"

/* The person's text reaches no report, in any format, and no insights
 * with a control character in it: shown visibly instead. */
START_TEST(test_user_text_controls_shown)
{
    struct checkin_list list = {0};
    /* a tag name only an older ache let in */
    november(&list, NASTY_NOTE, NASTY_TAG);
    for (int f = REPORT_TEXT; f <= REPORT_HTML; f++) {
        for (int utf8 = 0; utf8 <= 1; utf8++) {
            char *raw = render(&list, (enum report_format)f, utf8, 0);
            bool ascii = f == REPORT_TEXT && !utf8;
            assert_no_controls(raw, ascii);
            char *text = flat(raw);
            free(raw);
            /* Markdown escapes the brackets: ^\[ still reads ^[ */
            ck_assert_msg(strstr(text, f == REPORT_MARKDOWN ? "clear ^\\[\\[2J"
                                                          : "clear ^[[2J"),
                          "%s", text);
            ck_assert_ptr_nonnull(strstr(text, ascii ? "c1 ?2J bidi ?evil? tab here next"
                                                     : "c1 \xef\xbf\xbd" "2J bidi "
                                                       "\xef\xbf\xbd" "evil\xef\xbf\xbd"
                                                       " tab here next"));
            ck_assert_ptr_nonnull(strstr(text, ascii ? "x?2?"
                                                     : "x\xef\xbf\xbd" "2\xef\xbf\xbd"));
            free(text);
        }
    }
    struct report_input in = {.items = list.items, .n = list.n,
                              .first = nov(1), .last = nov(24),
                              .prepared = nov(24), .permutations = 200};
    for (int utf8 = 0; utf8 <= 1; utf8++) {
        char *text = report_insights(&in, utf8);
        assert_no_controls(text, !utf8);
        ck_assert_ptr_nonnull(strstr(text, utf8 ? "x\xef\xbf\xbd" "2\xef\xbf\xbd"
                                                : "x?2?"));
        free(text);
    }
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_hidden_parts_left_out)
{
    struct checkin_list list = {0};
    november(&list, "private words", "secret-tag");
    unsigned all = REPORT_HIDE_NOTES | REPORT_HIDE_TAGS | REPORT_HIDE_REGIONS;
    for (int f = 0; f < CF_COUNT; f++)
        all |= REPORT_HIDE_FIELD(f);
    for (int f = REPORT_TEXT; f <= REPORT_HTML; f++) {
        char *text = render(&list, (enum report_format)f, true, all);
        ck_assert_ptr_null(strstr(text, "private words"));
        ck_assert_ptr_null(strstr(text, "secret-tag"));
        ck_assert_ptr_null(strstr(text, "Trend"));
        ck_assert_ptr_null(strstr(text, "Where it hurt"));
        ck_assert_ptr_nonnull(strstr(text, "How complete the diary is"));
        free(text);
    }
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_empty_diary_is_calm)
{
    struct report_input in = {.first = nov(1), .last = nov(1),
                              .prepared = nov(1)};
    char *text = report_insights(&in, true);
    ck_assert_ptr_nonnull(strstr(text, "1 day, 0 of them with a check-in"));
    ck_assert_ptr_nonnull(strstr(text, "nothing to look at yet"));
    free(text);
    for (int f = REPORT_TEXT; f <= REPORT_HTML; f++) {
        struct report_options opt = {(enum report_format)f, false, {0}};
        text = report_render(&in, &opt);
        ck_assert_ptr_nonnull(strstr(text, "No check-ins in this period"));
        free(text);
    }
}
END_TEST

/* Stiffness and sleep hours in a second weekly table (in HTML folded into
 * the one weekly table), with the days filled in later and those of
 * unknown timing: november()'s check-ins have no created_at. */
START_TEST(test_weekly_stiffness_sleep_and_entry)
{
    struct checkin_list list = {0};
    november(&list, "a note", "tag");
    char *text = render(&list, REPORT_TEXT, false, 0);
    /* the week of Nov 23 has two days: stiffness 5 and 0 (median 2.5),
     * sleep hours 29 and 30 quarters: 7.25 and 7.5, median 7.375, shown
     * rounded half up; both days imported, timing unknown */
    ck_assert_ptr_nonnull(strstr(text,
        "  Week of       Stiffness         Sleep hours  Filled later  "
        "Unknown\n"));
    ck_assert_ptr_nonnull(strstr(text,
        "  2026-11-23  0 / 2.5 / 5   7.25 / 7.38 / 7.5             0"
        "        2\n"));
    char *f = flat(text);
    ck_assert_msg(strstr(f, "Check-ins on 24 of 24 days (100%), 24 in all. 0 "
                            "of those days (0%) were filled in later than the "
                            "day itself; for 24 (100%) the timing is unknown "
                            "(imported without it)."),
                  "%s", f);
    free(f);
    free(text);
    text = render(&list, REPORT_MARKDOWN, false, 0);
    ck_assert_ptr_nonnull(strstr(text, "| Week of    |   Stiffness |        Sleep hours | "
                                       "Filled later | Unknown |"));
    assert_fits(text);
    free(text);
    text = render(&list, REPORT_HTML, false, 0);
    /* one weekly table, with every part in it */
    const char *weeks = strstr(text, "<table class=\"weeks\">");
    ck_assert_ptr_nonnull(weeks);
    ck_assert_ptr_null(strstr(weeks + 1, "<table class=\"weeks\">"));
    ck_assert_ptr_nonnull(strstr(text, "<th class=\"num sep\">Stiffness</th>"
                                       "<th class=\"num\">Sleep hours</th>"
                                       "<th class=\"num\">Filled later</th>"
                                       "<th class=\"num\">Unknown</th>"));
    ck_assert_ptr_nonnull(strstr(text, "WPI+SSS est. (0&#8209;28)</th>"));
    ck_assert_ptr_nonnull(strstr(text, "<td class=\"num sep\">0&#8201;/&#8201;"
                                       "2.5&#8201;/&#8201;5</td>"));
    free(text);
    /* hidden values leave their columns out; the entry stays */
    text = render(&list, REPORT_TEXT, false,
                  REPORT_HIDE_FIELD(CF_STIFFNESS) |
                      REPORT_HIDE_FIELD(CF_SLEEP_HOURS));
    ck_assert_ptr_null(strstr(text, "Stiffness"));
    ck_assert_ptr_null(strstr(text, "Sleep hours"));
    ck_assert_ptr_nonnull(strstr(text, "  Week of     Filled later  Unknown\n"));
    free(text);
    checkin_list_free(&list);
}
END_TEST

/* ache insights says how many days were filled in later or are of unknown
 * timing: here every one, imported without created_at. */
START_TEST(test_insights_entry_sentence)
{
    struct checkin_list list = {0};
    november(&list, "a note", "tag");
    struct report_input in = {.items = list.items, .n = list.n,
                              .first = nov(1), .last = nov(24),
                              .prepared = nov(24), .permutations = 200};
    char *text = report_insights(&in, false);
    char *f = flat(text);
    ck_assert_msg(strstr(f, "24 days, 24 of them with a check-in (24 "
                            "check-ins). 0 of those days (0%) were filled in "
                            "later than the day itself; for 24 (100%) the "
                            "timing is unknown (imported without it). "
                            "Everything below"),
                  "%s", f);
    free(f);
    free(text);
    /* entered on the day: no more than that */
    for (size_t i = 0; i < list.n; i++)
        list.items[i].created_at =
            ((int64_t)list.items[i].date * 86400 + 43200) * 1000;
    text = report_insights(&in, false);
    f = flat(text);
    ck_assert_msg(strstr(f, "0 of those days (0%) were filled in later than "
                            "the day itself. Everything below"),
                  "%s", f);
    free(f);
    free(text);
    checkin_list_free(&list);
}
END_TEST

/* Years of sparse check-ins: the tables and charts still fit. */
START_TEST(test_long_period_fits)
{
    struct checkin_list list = {0};
    for (ache_day d = nov(24) - 900; d <= nov(24); d += 3) {
        struct checkin *c = checkin_list_push(&list);
        checkin_init(c, d);
        c->value[CF_PAIN] = (int)(d % 11);
        c->regions = (region_set)(d % 7) << 3;
    }
    struct report_input in = {.items = list.items, .n = list.n,
                              .first = nov(24) - 900, .last = nov(24),
                              .prepared = nov(24), .permutations = 100};
    struct report_options opt = {REPORT_TEXT, true, {0}};
    char *text = report_render(&in, &opt);
    assert_fits(text);
    free(text);
    text = report_insights(&in, false);
    assert_fits(text);
    free(text);
    checkin_list_free(&list);
}
END_TEST

/* The text of f(in) written to a file as it is made. */
static char *streamed(const struct report_input *in,
                      const struct report_options *opt)
{
    FILE *out = tmpfile();
    ck_assert_ptr_nonnull(out);
    if (opt)
        report_render_to(in, opt, out);
    else
        report_insights_to(in, false, out);
    long size = ftell(out);
    ck_assert_int_ge(size, 0);
    char *text = calloc(1, (size_t)size + 1);
    rewind(out);
    ck_assert_uint_eq(fread(text, 1, (size_t)size, out), (size_t)size);
    fclose(out);
    return text;
}

/* A report of 215 weeks sent as it is written (its week tables in parts
 * of 128 rows) is the report kept whole, to the byte: the widest cells,
 * pain of 10, come only in the last weeks, so the first part's columns
 * must already be as wide as the last part's. */
START_TEST(test_streamed_same_as_whole)
{
    struct checkin_list list = {0};
    ache_day first = nov(24) - 1500;
    for (ache_day d = first; d <= nov(24); d++) {
        struct checkin *c = checkin_list_push(&list);
        checkin_init(c, d);
        c->value[CF_PAIN] = d > nov(24) - 50 ? 10 : (int)(d % 10);
        c->value[CF_FATIGUE] = (int)(d % 7);
        c->regions = (region_set)(d % 5) << 2;
    }
    struct report_input in = {.items = list.items, .n = list.n,
                              .first = first, .last = nov(24),
                              .prepared = nov(24), .permutations = 100};
    for (int f = REPORT_TEXT; f <= REPORT_HTML; f++) {
        struct report_options opt = {(enum report_format)f, true, {0}};
        char *whole = report_render(&in, &opt), *sent = streamed(&in, &opt);
        ck_assert_msg(strcmp(whole, sent) == 0, "format %d differs", f);
        ck_assert_ptr_nonnull(strstr(whole, "10"));
        free(whole);
        free(sent);
    }
    char *whole = report_insights(&in, false), *sent = streamed(&in, NULL);
    ck_assert_str_eq(whole, sent);
    free(whole);
    free(sent);
    checkin_list_free(&list);
}
END_TEST

/* A trial begun in a bad spell, as in test_insights.c: usual pain 3, 3,
 * 4, 4, ... for 3 weeks from 2026-10-01, a week of 7, heat from 10-29 and
 * pain 2, 2, 3, 3, ... for 2 weeks; yoga once, on 10-31. */
static void trial_october(struct checkin_list *list)
{
    ache_day first = date_from_ymd(2026, 10, 1);
    for (int i = 0; i <= 42; i++) {
        struct checkin *c = checkin_list_push(list);
        checkin_init(c, first + i);
        c->value[CF_PAIN] = i < 21   ? 3 + (i / 2) % 2
                            : i < 28 ? 7
                            : i == 28 ? 7
                                      : 2 + (i - 29) / 2 % 2;
        if (i >= 28)
            checkin_add_tag(c, "heat");
        if (i == 30)
            checkin_add_tag(c, "yoga");
    }
}

/* The clinic report in format f, or with `insights` the insights text. */
static char *render_trial(const struct checkin_list *list,
                          const struct tag_list *tags, enum report_format f,
                          unsigned hide, bool insights)
{
    struct report_input in = {.items = list->items, .n = list->n,
                              .first = date_from_ymd(2026, 10, 1),
                              .last = date_from_ymd(2026, 11, 12),
                              .tags = tags, .prepared = nov(24),
                              .permutations = 100};
    struct report_options opt = {f, false, {hide, {0}, 0}};
    return insights ? report_insights(&in, false) : report_render(&in, &opt);
}

/* In `ache insights`: every trial, in full. */
#define HEAT_TRIAL                                                          \
    "heat (first used 2026-10-29): minimal improvement. Pain 4.4 in the 4 " \
    "weeks before, 2.4 in the 2 weeks after: -44% (95% range -55% to "     \
    "-31%). Used on 14 of the 14 days with a check-in after. Careful: it " \
    "began in a bad spell (pain 7 in the week before, 3.5 in the 3 weeks " \
    "before that). Bad spells often ease on their own, so ache only "      \
    "counts a drop below those 3 weeks: -30% (95% range -36% to -25%)."
#define YOGA_TRIAL                                                          \
    "yoga (first used 2026-10-31): too little data. Used on 0 of the 12 "  \
    "days with a check-in in the 2 weeks after; a trial needs it on at "   \
    "least half."
/* In the clinic report: briefly, the ones without a label by name. */
#define HEAT_BRIEF                                                          \
    "heat (from 2026-10-29): minimal improvement, -44% (95% range -55% to " \
    "-31%); pain 4.4 before, 2.4 after; used on 14 of 14 days. Careful: "  \
    "began in a bad spell (7 the week before, usual 3.5); below usual: "   \
    "-30% (95% range -36% to -25%)."
#define YOGA_BRIEF "Too little data yet: yoga."

/* Markdown escapes a '-' that starts a line (it would start a list). */
static void expect_in(const char *raw, const char *want)
{
    char *text = flat(raw);
    for (char *p = text; (p = strstr(p, "\\-"));)
        memmove(p, p + 1, strlen(p));
    bool found = strstr(text, want) != NULL;
    free(text);
    if (!found)
        fprintf(stderr, "--- wanted: %s\n--- in:\n%s", want, raw);
    ck_assert_msg(found, "text not found (see stderr)");
}

/* Trials in the clinic report and in insights: the label, the range and
 * the warning, within 80 columns; left out with pain or tags hidden. */
START_TEST(test_trials_shown)
{
    struct checkin_list list = {0};
    struct tag_list tags = {0};
    trial_october(&list);
    tag_list_push(&tags, "heat", TAG_TREATMENT, 15);
    tag_list_push(&tags, "yoga", TAG_TREATMENT, 1);
    char *raw = render_trial(&list, &tags, REPORT_TEXT, 0, true);
    assert_fits(raw);
    expect_in(raw, HEAT_TRIAL);
    expect_in(raw, YOGA_TRIAL);
    free(raw);
    for (int f = REPORT_TEXT; f <= REPORT_HTML; f++) {
        raw = render_trial(&list, &tags, (enum report_format)f, 0, false);
        if (f != REPORT_HTML)
            assert_fits(raw);
        expect_in(raw, HEAT_BRIEF);
        expect_in(raw, YOGA_BRIEF);
        free(raw);
    }
    unsigned hides[] = {REPORT_HIDE_TAGS, REPORT_HIDE_FIELD(CF_PAIN)};
    for (size_t i = 0; i < 2; i++) {
        raw = render_trial(&list, &tags, REPORT_TEXT, hides[i], false);
        ck_assert_ptr_null(strstr(raw, "Treatment trials"));
        free(raw);
    }
    tag_list_free(&tags);
    checkin_list_free(&list);
}
END_TEST

/* The one-page report shows the 3 latest labelled trials and says how
 * many it left out; a trial whose 2 weeks after ended before the period
 * is not shown at all. */
START_TEST(test_trials_cut_to_fit)
{
    static const char *const names[] = {"heat", "yoga", "massage", "swim"};
    struct checkin_list list = {0};
    struct tag_list tags = {0};
    trial_october(&list);
    for (size_t i = 0; i < list.n; i++) {
        checkin_remove_tag(&list.items[i], "yoga");
        for (size_t k = 1; k < 4; k++) /* one day later each */
            if (list.items[i].date >= date_from_ymd(2026, 10, 29) + (int)k)
                checkin_add_tag(&list.items[i], names[k]);
    }
    for (size_t k = 0; k < 4; k++)
        tag_list_push(&tags, names[k], TAG_TREATMENT, 10);
    char *raw = render_trial(&list, &tags, REPORT_TEXT, 0, false);
    ck_assert_ptr_nonnull(strstr(raw, "swim (from 2026-11-01)"));
    ck_assert_ptr_nonnull(strstr(raw, "massage (from 2026-10-31)"));
    ck_assert_ptr_nonnull(strstr(raw, "yoga (from 2026-10-30)"));
    ck_assert_ptr_null(strstr(raw, "heat (from"));
    ck_assert_ptr_nonnull(strstr(raw, "1 earlier trial left out."));
    free(raw);
    struct checkin *late = checkin_list_push(&list); /* still carried */
    checkin_init(late, nov(24));
    late->value[CF_PAIN] = 3;
    checkin_add_tag(late, "heat");
    struct report_input in = {.items = list.items, .n = list.n,
                              .first = date_from_ymd(2026, 11, 20),
                              .last = date_from_ymd(2026, 11, 24),
                              .tags = &tags, .prepared = nov(24)};
    struct report_options opt = {REPORT_TEXT, false, {0}};
    raw = report_render(&in, &opt);
    ck_assert_ptr_nonnull(strstr(raw, "Tags that went with symptoms"));
    ck_assert_ptr_null(strstr(raw, "Treatment trials"));
    free(raw);
    tag_list_free(&tags);
    checkin_list_free(&list);
}
END_TEST

/* ---- own fields ------------------------------------------------------------ */

enum { WATER = CF_COUNT, NAP, MIGRAINE, NAUSEA, ENERGY, SECRET, UNUSED,
       HEADACHES };

/* Own fields of every kind, one asked weekly, one hidden in the diary,
 * one never answered and a preset's (headaches). */
static void own_fields(void)
{
    static const struct field_row rows[] = {
        {WATER, "water", NULL, NULL, NULL, FIELD_TALLY, false, false},
        {NAP, "nap", NULL, NULL, NULL, FIELD_MINUTES, false, false},
        {MIGRAINE, "migraine", NULL, NULL, NULL, FIELD_YESNO, false, false},
        {NAUSEA, "nausea", NULL, NULL, NULL, FIELD_RATING, false, false},
        {ENERGY, "energy", NULL, NULL, NULL, FIELD_RATING, true, false},
        {SECRET, "secret", NULL, NULL, NULL, FIELD_YESNO, false, true},
        {UNUSED, "unused", NULL, NULL, NULL, FIELD_RATING, false, false},
        {HEADACHES, "headaches", NULL, NULL, NULL, FIELD_YESNO, true, false},
    };
    fields_install(rows, sizeof rows / sizeof rows[0]);
}

/* A weekly answer on 2026-10-27 (before the period, in its first week),
 * november's days, own values on some of them and a second check-in on
 * the 24th. Weeks: 10-26 (the 1st alone in the period), 11-02, 11-09,
 * 11-16, 11-23 (the 23rd and 24th). */
static void november_own(struct checkin_list *list)
{
    struct checkin *c = checkin_list_push(list);
    checkin_init(c, date_from_ymd(2026, 10, 27));
    checkin_set(c, ENERGY, 3);
    november(list, "a note", "stress");
    static const struct { int day, key, steps; } v[] = {
        {2, WATER, 3},    {3, WATER, 4},     {4, WATER, 5},
        {5, WATER, 2},    {23, WATER, 4},    {24, WATER, 1},
        {9, NAP, 20},     {10, NAP, 25},     {2, MIGRAINE, 1},
        {3, MIGRAINE, 0}, {4, MIGRAINE, 1},  {16, MIGRAINE, 0},
        {16, NAUSEA, 4},  {17, NAUSEA, 5},   {18, NAUSEA, 7},
        {3, ENERGY, 4},   {8, ENERGY, 6},    {2, SECRET, 1},
        {2, HEADACHES, 1},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        checkin_set(&list->items[v[i].day], v[i].key, v[i].steps);
    c = checkin_list_push(list);
    checkin_init(c, nov(24));
    checkin_set(c, WATER, 3); /* the 24th: (1 + 3) / 2 */
}

static struct report_input own_input(const struct checkin_list *list)
{
    return (struct report_input){.items = list->items, .n = list->n,
                                 .first = nov(1), .last = nov(24),
                                 .prepared = nov(24), .permutations = 100};
}

/* Each kind's figure week by week, the absent weeks "-". */
START_TEST(test_own_weekly_figures)
{
    own_fields();
    struct checkin_list list = {0};
    november_own(&list);
    struct report_input in = own_input(&list);
    struct report_hide hide = {0};
    struct report_own o;
    report_own_build(&in, &hide, &o);
    ck_assert_uint_eq(o.n, 5); /* not secret, unused nor headaches */
    static const char *const want[5][5] = {
        /* 10-26, 11-02, 11-09, 11-16, 11-23 */
        {"-", "14 (3.5)", "-", "-", "6 (3)"}, /* water: total (a day) */
        {"-", "-", "23", "-", "-"},           /* nap: 22.5 min */
        {"-", "2/3", "-", "0/1", "-"},        /* migraine: yes/answered */
        {"-", "-", "-", "5.3", "-"},          /* nausea: 16 / 3 */
        {"3", "6", "-", "-", "-"},            /* energy: the latest */
    };
    static const int keys[5] = {WATER, NAP, MIGRAINE, NAUSEA, ENERGY};
    char buf[REPORT_NUM_BUF];
    for (size_t i = 0; i < 5; i++) {
        ck_assert_int_eq(o.keys[i], keys[i]);
        for (int w = 0; w < 5; w++)
            ck_assert_str_eq(report_own_figure(&o, i,
                                               date_from_ymd(2026, 10, 26) +
                                                   7 * w,
                                               buf),
                             want[i][w]);
    }
    report_own_free(&o);
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

/* The table in every format; hidden fields, presets and fields never
 * answered left out, and a field left out with --hide. */
START_TEST(test_own_in_report)
{
    own_fields();
    struct checkin_list list = {0};
    november_own(&list);
    struct report_input in = own_input(&list);
    struct report_options opt = {REPORT_TEXT, false, {0}};
    char *text = report_render(&in, &opt);
    /* water fits beside the second table; the rest have one of their own */
    ck_assert_ptr_nonnull(strstr(text, "  Unknown     Water\n"));
    ck_assert_ptr_nonnull(strstr(text, "  2026-11-02    0 / 2 / 5      "
                                       "6.5 / 7.25 / 8             0        "
                                       "7  14 (3.5)\n"));
    ck_assert_ptr_nonnull(strstr(text, "  Week of     Nap  Migraine  Nausea  "
                                       "Energy\n"));
    ck_assert_ptr_nonnull(strstr(text, "  2026-10-26    -         -       -"
                                       "       3\n"));
    ck_assert_ptr_nonnull(strstr(text, "  2026-11-16    -       0/1     5.3"
                                       "       -\n"));
    ck_assert_ptr_nonnull(strstr(text, "Nausea, 0-10: the mean a day"));
    ck_assert_ptr_null(strstr(text, "Secret"));
    ck_assert_ptr_null(strstr(text, "Unused"));
    ck_assert_ptr_null(strstr(text, "Headaches"));
    assert_fits(text);
    free(text);
    struct ache_err err = {{0}};
    ck_assert_int_eq(report_hide_parse("nausea,migraine,nausea", &opt.hide,
                                       &err),
                     ACHE_OK);
    ck_assert_uint_eq(opt.hide.nown, 2);
    ck_assert(report_hides_own(&opt.hide, NAUSEA));
    ck_assert(!report_hides_own(&opt.hide, WATER));
    ck_assert(!report_hides_own(&opt.hide, CF_PAIN));
    text = report_render(&in, &opt);
    ck_assert_ptr_null(strstr(text, "Nausea"));
    ck_assert_ptr_null(strstr(text, "Migraine"));
    ck_assert_ptr_nonnull(strstr(text, "Water"));
    ck_assert_ptr_nonnull(
        strstr(text, "Left out at the person's wish: migraine, nausea."));
    free(text);
    opt = (struct report_options){REPORT_HTML, true, {0}};
    char *html = report_render(&in, &opt);
    ck_assert_ptr_nonnull(strstr(html, "<tr><th>Week of</th><th class=\"num\">"
                                       "Water</th><th class=\"num\">Nap</th>"));
    ck_assert_ptr_nonnull(strstr(html, "<td class=\"num\">14 (3.5)</td>"));
    free(html);
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

/* --hide names own fields, and its error lists them. */
START_TEST(test_hide_own_words)
{
    own_fields();
    struct report_hide hide = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(report_hide_parse("water,pain", &hide, &err), ACHE_OK);
    ck_assert(report_hides_own(&hide, WATER));
    ck_assert(report_hides_own(&hide, CF_PAIN));
    ck_assert_int_eq(report_hide_parse("knees", &hide, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "hide: 'knees' is not part of a report (use "
                              "notes, tags, regions, meds or a field: pain, "
                              "fatigue, sleep, sleep-hours, stiffness, fog, "
                              "mood, activity, water, nap, migraine, nausea, "
                              "energy, secret, unused, headaches)");
    fields_reset();
}
END_TEST

/* Six own fields with 32-letter names: every line within 80 columns,
 * every field in a table, the week repeated, and names alike at their
 * start told apart by their ends. */
START_TEST(test_own_long_names_fit)
{
    struct field_row rows[6];
    char names[6][FIELD_NAME_MAX + 1];
    static const enum field_kind kinds[6] = {FIELD_TALLY, FIELD_MINUTES,
        FIELD_YESNO, FIELD_RATING, FIELD_TALLY, FIELD_RATING};
    for (int i = 0; i < 6; i++) {
        /* a digit of its own: the compiler cannot bound an int's width */
        snprintf(names[i], sizeof names[i], "a_long_name_of_an_own_field_no_%c",
                 (char)('1' + i));
        ck_assert_uint_eq(strlen(names[i]), FIELD_NAME_MAX);
        rows[i] = (struct field_row){CF_COUNT + i, names[i], NULL, NULL, NULL,
                                     kinds[i], false, false};
    }
    fields_install(rows, 6);
    struct checkin_list list = {0};
    november(&list, "a note", "stress");
    for (size_t d = 0; d < list.n; d++)
        for (int i = 0; i < 6; i++)
            checkin_set(&list.items[d], CF_COUNT + i, (int)(d % 2));
    struct report_input in = {.items = list.items, .n = list.n,
                              .first = nov(1), .last = nov(24),
                              .prepared = nov(24), .permutations = 100};
    for (int f = REPORT_TEXT; f <= REPORT_MARKDOWN; f++) {
        for (int utf8 = 0; utf8 <= 1; utf8++) {
            struct report_options opt = {(enum report_format)f, utf8, {0}};
            char *text = report_render(&in, &opt), *sent = streamed(&in, &opt);
            ck_assert_str_eq(text, sent); /* measured the same in parts */
            free(sent);
            assert_fits(text);
            bool dots = f == REPORT_MARKDOWN || !utf8;
            for (int i = 1; i <= 6; i++) {
                char head[32];
                snprintf(head, sizeof head, "%s no %d",
                         dots ? "A long..." : "A long na\u2026", i);
                ck_assert_msg(strstr(text, head), "no head %s", head);
            }
            free(text);
        }
    }
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_format_words);
    tcase_add_test(tc, test_hide_words);
    tcase_add_test(tc, test_long_text_fits);
    tcase_add_test(tc, test_user_text_escaped);
    tcase_add_test(tc, test_user_text_controls_shown);
    tcase_add_test(tc, test_hidden_parts_left_out);
    tcase_add_test(tc, test_empty_diary_is_calm);
    tcase_add_test(tc, test_long_period_fits);
    tcase_add_test(tc, test_streamed_same_as_whole);
    tcase_add_test(tc, test_weekly_stiffness_sleep_and_entry);
    tcase_add_test(tc, test_insights_entry_sentence);
    tcase_add_test(tc, test_trials_shown);
    tcase_add_test(tc, test_trials_cut_to_fit);
    tcase_add_test(tc, test_own_weekly_figures);
    tcase_add_test(tc, test_own_in_report);
    tcase_add_test(tc, test_hide_own_words);
    tcase_add_test(tc, test_own_long_names_fit);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
