/* A number typed into a field of the check-in screen: a rating's digit
 * (1 then 0 is 10), or as text: sleep hours (6.5, 6,5, 12), a count
 * (1200) or minutes (45). Its characters come within TYPING_WINDOW_MS of
 * each other; every other key ends it before it is handled
 * (checkin_handle_key), as do leaving the screen (checkin_close) and the
 * end of the window (checkin_tick), so that a digit never carries over
 * into another field, check-in or day. Backspace takes back a character
 * of text, and begins a number from the value shown when none is being
 * typed: what the field shows is what it holds, and a number erased
 * whole is not given. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/grid.h"
#include "ache/term.h"
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

int64_t checkin_typing_now_ms(void)
{
    return monotonic_ms();
}

/* Hours have a fraction, counts and minutes have up to four digits, so
 * they are typed as text; ratings are whole numbers of one digit, or 10.
 * A yes/no has no number. */
bool checkin_typing_as_text(int field)
{
    const struct field_info *fi =
        checkin_field_info((enum checkin_field)field);
    return fi && (fi->kind == FIELD_HOURS || fi->kind == FIELD_TALLY ||
                  fi->kind == FIELD_MINUTES); /* not a field: no */
}

static bool is_number_char(int field, int key)
{
    const struct field_info *fi =
        checkin_field_info((enum checkin_field)field);
    if (!fi || fi->kind == FIELD_YESNO)
        return false;
    if (key >= '0' && key <= '9')
        return true;
    return fi->kind == FIELD_HOURS && (key == '.' || key == ',');
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

/* Whether a typed count or minutes is a value or the start of one:
 * digits alone, no more of them than the largest value has, and not
 * above it. */
static bool whole_could_be(int field, const char *text)
{
    const struct field_info *fi =
        checkin_field_info((enum checkin_field)field);
    char max[16];
    snprintf(max, sizeof max, "%d", fi->max_steps);
    size_t len = strlen(text);
    if (strspn(text, "0123456789") != len || len > strlen(max))
        return false;
    return atoi(text) <= fi->max_steps;
}

/* Whether a text typed into a field could still become its value. */
static bool could_be(int field, const char *text)
{
    const struct field_info *fi =
        checkin_field_info((enum checkin_field)field);
    return fi->kind == FIELD_HOURS ? hours_could_be(text)
                                   : whole_could_be(field, text);
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
    else if (fi->kind != FIELD_HOURS) /* digits alone: too large */
        app_message(app, ST_WARN, "%s: %s is more than %s (%s)", fi->label,
                    t->text, max, kept);
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
    if (!t->active || s->focus != t->field || checkin_typing_ms_left(s) == 0)
        return false;
    if (checkin_typing_as_text(t->field)) /* even a character that refuses it */
        return is_number_char(t->field, key) || key == TK_BACKSPACE;
    return key == '0'; /* a rating waits only as a 1, for the 0 of 10 */
}

/* The first character of a number: what the field held is kept, for
 * refusing the number as a whole. A number is one change however many
 * prefixes were stored on the way: one step for u. */
static void begin(struct checkin_state *s, struct app *app)
{
    struct typing *t = &s->typing;
    checkin_screen_step(s, app); /* may start a new check-in */
    t->active = true;
    t->text[0] = '\0';
    t->field = s->focus;
    t->before = checkin_get(&s->cur, s->focus);
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
    if (!t->active)
        begin(s, app);
    append(t, key);
    t->last_ms = monotonic_ms();
    if (t->refused)
        say_refused(s, app);
    else if (checkin_typing_as_text(t->field) && !could_be(t->field, t->text))
        refuse(s, app);
    else if (value_of(t->field, t->text, &steps))
        checkin_screen_set(s, app, t->field, steps); /* stored at once */
    if (!checkin_typing_as_text(t->field) && strcmp(t->text, "1") != 0)
        checkin_typing_end(s, app); /* no other rating has a second digit */
    return true;
}

/* Stores what the text now says after Backspace: its value, nothing for
 * an empty text, or (short of a value, "6.") the value before. A number
 * refused takes its characters back too, and comes back once what is
 * left could be a value. */
static void store_shortened(struct checkin_state *s, struct app *app)
{
    struct typing *t = &s->typing;
    int steps;
    if (t->refused && !could_be(t->field, t->text)) {
        say_refused(s, app); /* still no value: the key cleared the line */
        return;
    }
    t->refused = false;
    if (!t->text[0])
        checkin_screen_set(s, app, t->field, CHECKIN_ABSENT);
    else if (value_of(t->field, t->text, &steps))
        checkin_screen_set(s, app, t->field, steps);
}

bool checkin_typing_erase(struct checkin_state *s, struct app *app)
{
    struct typing *t = &s->typing;
    if (!checkin_typing_as_text(s->focus))
        return false;
    if (!t->active) {
        if (checkin_get(&s->cur, s->focus) == CHECKIN_ABSENT)
            return true; /* nothing to take back */
        begin(s, app); /* a settled check-in gives way: its value goes */
        checkin_format_value(t->field, t->before, t->text, sizeof t->text);
    }
    size_t n = strlen(t->text);
    if (n > 0)
        t->text[n - 1] = '\0';
    t->last_ms = monotonic_ms();
    store_shortened(s, app);
    return true;
}

void checkin_typing_end(struct checkin_state *s, struct app *app)
{
    struct typing *t = &s->typing;
    int steps;
    if (!t->active)
        return;
    if (t->refused)
        say_refused(s, app); /* again: the key that ended it cleared it */
    else if (t->text[0] && !value_of(t->field, t->text, &steps))
        refuse(s, app); /* it ended short of a value: "6.2" */
    /* a whole rating: a digit right after it is the next field's */
    t->flow = !t->refused && t->text[0] && !checkin_typing_as_text(t->field);
    t->flow_field = t->field;
    t->flow_ms = t->last_ms;
    t->text[0] = '\0';
    t->active = false;
}

/* The field after `key` in the form, when it takes digits; else -1. */
static int next_digit_field(const struct checkin_state *s, int key)
{
    struct checkin_rows r;
    checkin_rows_get(s, &r);
    int at = checkin_rows_find(&r, key);
    if (at < 0 || at + 1 >= r.n)
        return -1;
    const struct field_info *fi = checkin_field_info(r.key[at + 1]);
    return fi && fi->kind != FIELD_YESNO ? r.key[at + 1] : -1;
}

void checkin_typing_flow(struct checkin_state *s, int key)
{
    struct typing *t = &s->typing;
    bool flows = t->flow && key >= '0' && key <= '9' && !t->active &&
                 s->focus == t->flow_field &&
                 monotonic_ms() - t->flow_ms < TYPING_WINDOW_MS;
    t->flow = false;
    int next = flows ? next_digit_field(s, s->focus) : -1;
    if (next >= 0)
        s->focus = next;
}

int checkin_typing_ms_left(const struct checkin_state *s)
{
    if (!s->typing.active)
        return -1;
    int64_t left = s->typing.last_ms + TYPING_WINDOW_MS - monotonic_ms();
    return left > 0 ? (int)left : 0;
}

const char *checkin_typing_shown(const struct checkin_state *s, int field)
{
    const struct typing *t = &s->typing;
    return t->active && !t->refused && t->field == field ? t->text : NULL;
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
    if (!t->text[0])
        snprintf(buf, size, "type a number within a moment, or it stays "
                 "not given");
    else if (!checkin_typing_as_text(t->field))
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
