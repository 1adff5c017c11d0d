/* A number typed into a slider of the check-in screen: a rating's digit
 * (1 then 0 is 10) or sleep hours as text (6.5, 6,5, 12). Its characters
 * come within TYPING_WINDOW_MS of each other; every other key ends it
 * before it is handled (checkin_handle_key), as do leaving the screen
 * (checkin_close) and the end of the window (checkin_tick), so that a
 * digit never carries over into another field, check-in or day. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/grid.h"
#include "ache/util.h"
#include "checkin_impl.h"

/* How long a number waits for its next character. */
#define TYPING_WINDOW_MS 1500

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Hours have a fraction, so they are typed as text; ratings are whole
 * numbers of one digit, or 10. */
static bool typed_as_text(int field)
{
    const struct field_info *fi =
        checkin_field_info((enum checkin_field)field);
    return fi && fi->kind == FIELD_HOURS; /* not a field: no */
}

static bool is_number_char(int field, int key)
{
    if (key >= '0' && key <= '9')
        return true;
    return typed_as_text(field) && (key == '.' || key == ',');
}

/* The value a text stands for, read by the parser the command line uses;
 * the decimal mark may be '.' or ',', and may end the text ("6." is 6). */
static bool value_of(int field, const char *text, int *steps)
{
    char buf[TYPING_BUF];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *p = buf; (p = strchr(p, ',')) != NULL;)
        *p = '.';
    size_t n = strlen(buf);
    if (n > 1 && buf[n - 1] == '.')
        buf[n - 1] = '\0';
    struct ache_err err = {{0}};
    return checkin_parse_value((enum checkin_field)field, buf, steps,
                               &err) == ACHE_OK;
}

/* Whether digits begin a quarter's decimals, zeros after ("2" of .25,
 * "500" of .5). */
static bool starts_quarter(const char *digits, const char *quarter)
{
    size_t qn = strlen(quarter);
    for (size_t i = 0; digits[i]; i++)
        if (digits[i] != (i < qn ? quarter[i] : '0'))
            return false;
    return true;
}

/* Whether typed hours are a value or the start of one: one or two digits
 * of hours up to 24, then a fraction that begins .0, .25, .5 or .75, in
 * TYPING_TEXT_MAX characters at most. */
static bool hours_could_be(const char *text)
{
    static const char *const quarters[] = {"0", "25", "5", "75"};
    size_t len = strlen(text), whole = strspn(text, "0123456789");
    if (len > TYPING_TEXT_MAX || whole > 2 || (whole == 0 && len > 0))
        return false;
    int hours = atoi(text); /* of at most two digits */
    if (hours > 24)
        return false;
    if (whole == len)
        return true;
    if (text[whole] != '.' && text[whole] != ',')
        return false;
    for (int q = 0; q < (hours == 24 ? 1 : 4); q++)
        if (starts_quarter(text + whole + 1, quarters[q]))
            return true;
    return false;
}

/* Says what was refused and why, naming the field and the text. */
static void say_refused(const struct checkin_state *s, struct app *app)
{
    const struct typing *t = &s->typing;
    const struct field_info *fi = checkin_field_info(t->field);
    char max[16], step[16], was[16], kept[32];
    int steps;
    checkin_format_value(t->field, fi->max_steps, max, sizeof max);
    checkin_format_value(t->field, 1, step, sizeof step);
    checkin_format_value(t->field, t->before, was, sizeof was);
    snprintf(kept, sizeof kept, t->before == CHECKIN_ABSENT
                                    ? "left not given" : "kept %s", was);
    if (value_of(t->field, t->text, &steps)) /* "6.2500", longer than any */
        app_message(app, ST_WARN, "%s: %s has too many digits (%s)",
                    fi->label, t->text, kept);
    else
        app_message(app, ST_WARN, "%s: %s is not 0 to %s in steps of %s "
                    "(%s)", fi->label, t->text, max, step, kept);
}

/* A number that cannot be a value is refused whole: the field goes back
 * to what it held before the number began (never a silently different
 * value), and the rest of the number is swallowed as it comes, so that
 * "1234" is not read as 4. */
static void refuse(struct checkin_state *s, struct app *app)
{
    s->typing.refused = true;
    checkin_screen_set(s, app, s->typing.field, s->typing.before);
    say_refused(s, app);
}

bool checkin_typing_goes_on(const struct checkin_state *s, int key)
{
    const struct typing *t = &s->typing;
    if (!t->text[0] || s->focus != t->field || checkin_typing_ms_left(s) == 0)
        return false;
    if (typed_as_text(t->field))
        return is_number_char(t->field, key); /* even one that refuses it */
    return key == '0'; /* a rating waits only as a 1, for the 0 of 10 */
}

/* The first character of a number: what the field held is kept, for
 * refusing the number as a whole. A number is one change however many
 * prefixes were stored on the way: one step for u. */
static void begin(struct checkin_state *s, struct app *app)
{
    struct typing *t = &s->typing;
    checkin_screen_step(s, app); /* may start a new check-in */
    t->field = s->focus;
    t->before = s->cur.value[s->focus];
    t->refused = false;
}

static void append(struct typing *t, int key)
{
    size_t n = strlen(t->text);
    if (n + 1 < sizeof t->text) {
        t->text[n] = (char)key;
        t->text[n + 1] = '\0';
    }
}

bool checkin_typing_key(struct checkin_state *s, struct app *app, int key)
{
    struct typing *t = &s->typing;
    int steps;
    if (!is_number_char(s->focus, key))
        return false;
    if (!t->text[0])
        begin(s, app);
    append(t, key);
    t->last_ms = monotonic_ms();
    if (t->refused)
        say_refused(s, app);
    else if (typed_as_text(t->field) && !hours_could_be(t->text))
        refuse(s, app);
    else if (value_of(t->field, t->text, &steps))
        checkin_screen_set(s, app, t->field, steps); /* stored at once */
    if (!typed_as_text(t->field) && strcmp(t->text, "1") != 0)
        checkin_typing_end(s, app); /* no other rating has a second digit */
    return true;
}

void checkin_typing_end(struct checkin_state *s, struct app *app)
{
    struct typing *t = &s->typing;
    int steps;
    if (!t->text[0])
        return;
    if (t->refused)
        say_refused(s, app); /* again: the key that ended it cleared it */
    else if (!value_of(t->field, t->text, &steps))
        refuse(s, app); /* it ended short of a value: "6.2" */
    t->text[0] = '\0';
}

int checkin_typing_ms_left(const struct checkin_state *s)
{
    if (!s->typing.text[0])
        return -1;
    int64_t left = s->typing.last_ms + TYPING_WINDOW_MS - monotonic_ms();
    return left > 0 ? (int)left : 0;
}

const char *checkin_typing_shown(const struct checkin_state *s, int field)
{
    const struct typing *t = &s->typing;
    return t->text[0] && !t->refused && t->field == field ? t->text : NULL;
}

/* The digit that would make a text a value ("6.2" needs 5), or 0. */
static char finishing_digit(int field, const char *text)
{
    char longer[TYPING_BUF + 1];
    int steps;
    for (char d = '0'; d <= '9'; d++) {
        snprintf(longer, sizeof longer, "%s%c", text, d);
        if (value_of(field, longer, &steps))
            return d;
    }
    return 0;
}

bool checkin_typing_hint(const struct checkin_state *s, char *buf, size_t size)
{
    const struct typing *t = &s->typing;
    char value[16];
    int steps;
    if (!checkin_typing_shown(s, t->field))
        return false;
    char d = finishing_digit(t->field, t->text);
    if (!typed_as_text(t->field))
        snprintf(buf, size, "%s: type 0 within a moment for %s0, or it "
                 "stays %s", t->text, t->text, t->text);
    else if (value_of(t->field, t->text, &steps))
        snprintf(buf, size, "%s: type more within a moment, or it stays "
                 "%s", t->text, checkin_format_value(t->field, steps, value,
                                                     sizeof value));
    else if (d)
        snprintf(buf, size, "%s: type %c within a moment for %s%c, or it "
                 "is refused", t->text, d, t->text, d);
    else
        snprintf(buf, size, "%s: type more within a moment, or it is "
                 "refused", t->text);
    return true;
}
