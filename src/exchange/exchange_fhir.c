/* exchange_fhir: check-ins as a FHIR R4 Bundle of Observations, for a
 * clinic's system (export only).
 *
 *   {"resourceType": "Bundle", "type": "collection", "entry": [
 *     {"fullUrl": "urn:uuid:...", "resource": {"resourceType":
 *      "Observation", "id": "<check-in id>-pain", "status": "final", ...}},
 *     ...
 *   ]}
 *
 * One Observation per rating given, in field order, each with status
 * final, category survey (self-reported), the check-in's date and time as
 * effectiveDateTime and its updated_at as issued (the time this version of
 * the values was made). Codes:
 *
 *   pain          LOINC 72514-3 (0-10 numeric rating), valueInteger
 *   sleep_hours   LOINC 93832-4 (sleep duration), valueQuantity in UCUM h
 *   the others    system "urn:ache:rating", code the column name
 *                 ("fatigue", "sleep_quality", ...), valueInteger 0-10
 *
 * "urn:ache:rating" only names ache's code system, as FHIR needs some URI;
 * nothing is ever looked up there. Every code also has a code.text that
 * reads on its own ("Mood (0 very low to 10 very good)"), since a
 * receiving system will not know ache's codes.
 *
 * Painful regions go on the pain Observation as bodySite.text ("left
 * shoulder, neck"); with no pain rating they have no Observation to go on
 * and are left out. A note (only when asked) goes on the check-in's first
 * Observation, which is the pain one when pain was rated. Tags are left
 * out. FHIR allows no empty arrays, so a Bundle without Observations has
 * no "entry" at all. There is no Bundle.timestamp: it would be the time of
 * export, and the same diary should give the same bytes.
 *
 * effectiveDateTime is the date alone when the check-in has no time. With
 * a time FHIR requires an offset from UTC, and ache keeps local civil
 * time, so the offset is the local time zone's at that date and time:
 * exports are deterministic for a given TZ.
 *
 * Each period of a medicine's regimen that overlaps the days exported is a
 * MedicationStatement (status active while it goes on, else completed;
 * the medicine by its name as text; effectivePeriod from its first to its
 * last day taken; a dosage with its text, times of day, as-needed and
 * dose, in UCUM where the unit has a code).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/meds.h"
#include "ache/regions.h"
#include "ache/util.h"
#include "exchange_impl.h"

#define LOINC "http://loinc.org"
#define UCUM "http://unitsofmeasure.org"
#define ACHE_RATING_SYSTEM "urn:ache:rating"

/* "YYYY-MM-DDTHH:MM:00+HH:MM" and a NUL is 26 bytes; the rest is room for
 * numbers the compiler cannot know are small, so -Wformat-truncation is
 * quiet without a check at every use. */
#define EFFECTIVE_BUF 64
/* 8-4-4-4-12 hex digits and a NUL */
#define UUID_BUF 37

static const char category_survey[] =
    "\"category\": [{\"coding\": [{\"system\": "
    "\"http://terminology.hl7.org/CodeSystem/observation-category\", "
    "\"code\": \"survey\", \"display\": \"Survey\"}]}]";

/* What one check-in's Observations share, worked out once. */
struct fhir_checkin {
    const struct checkin *c;
    char key[CHECKIN_ID_LEN + 1]; /* the id, or "new" and a number */
    char effective[EFFECTIVE_BUF];
    char issued[STAMP_BUF];
    bool with_note;
};

/* ---- ids ----------------------------------------------------------------- */

/* FNV-1a over a string, continuing from h. */
static uint64_t fnv1a(const char *s, uint64_t h)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The MurmurHash3 finaliser: spreads every input bit over the output, so
 * ids that differ in one digit give unrelated UUIDs. */
static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb93fe53a87cdULL;
    h ^= h >> 33;
    return h;
}

/* A UUID for the fullUrl of one Observation, hashed from the check-in's
 * key and the field's name so that the same diary always gives the same
 * bytes. RFC 9562 version 8 (a layout of our own); not cryptographic, as
 * nothing is hidden by it: the check-in id is in the Observation's id. */
static void observation_uuid(const char *key, const char *field,
                             char out[UUID_BUF])
{
    uint64_t h = fnv1a(field, fnv1a("/", fnv1a(key, 0xcbf29ce484222325ULL)));
    uint64_t hi = mix64(h);
    uint64_t lo = mix64(h ^ 0x9e3779b97f4a7c15ULL ^ hi);
    hi = (hi & ~0xf000ULL) | 0x8000ULL; /* version 8 */
    lo = (lo & ~(3ULL << 62)) | (2ULL << 62); /* variant 10 */
    snprintf(out, UUID_BUF, "%08x-%04x-%04x-%04x-%012llx",
             (unsigned)(hi >> 32), (unsigned)(hi >> 16) & 0xffffu,
             (unsigned)hi & 0xffffu, (unsigned)(lo >> 48),
             (unsigned long long)(lo & 0xffffffffffffULL));
}

/* The Observation's id: "<key>-<field>", the field's '_' as '-' since a
 * FHIR id allows only letters, digits, '-' and '.'. */
static void put_observation_id(struct strbuf *out, const char *key,
                               const char *field)
{
    strbuf_printf(out, "\"id\": \"%s-", key);
    for (const char *p = field; *p; p++)
        strbuf_putc(out, *p == '_' ? '-' : *p);
    strbuf_putc(out, '"');
}

/* ---- times --------------------------------------------------------------- */

/* The local zone's offset from UTC, in minutes, at a civil date and time
 * of day (mktime applies the zone's daylight-saving rules; for a time
 * that a clock change skipped it picks one side). False when the C
 * library cannot say or the offset is beyond FHIR's -14:00 to +14:00. */
static bool local_offset(ache_day day, int minute, int *offset)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    struct tm local = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
                       .tm_hour = minute / 60, .tm_min = minute % 60,
                       .tm_isdst = -1};
    struct tm utc;
    time_t t = mktime(&local);
    if (t == (time_t)-1 || !gmtime_r(&t, &utc))
        return false;
    /* the two clocks are at most a day apart */
    long days = local.tm_year != utc.tm_year
                    ? (local.tm_year > utc.tm_year ? 1 : -1)
                    : local.tm_yday - utc.tm_yday;
    long secs = days * 86400L +
                (local.tm_hour - utc.tm_hour) * 3600L +
                (local.tm_min - utc.tm_min) * 60L + (local.tm_sec - utc.tm_sec);
    *offset = (int)(secs / 60);
    return *offset >= -14 * 60 && *offset <= 14 * 60;
}

static void format_effective(const struct checkin *c,
                             char out[EFFECTIVE_BUF])
{
    char date[DATE_BUF];
    int offset;
    date_format(c->date, date);
    if (c->minute == CHECKIN_TIME_ABSENT ||
        !local_offset(c->date, c->minute, &offset)) {
        snprintf(out, EFFECTIVE_BUF, "%s", date);
        return;
    }
    int mag = offset < 0 ? -offset : offset;
    snprintf(out, EFFECTIVE_BUF, "%sT%02d:%02d:00%c%02d:%02d", date,
             c->minute / 60, c->minute % 60, offset < 0 ? '-' : '+',
             mag / 60, mag % 60);
}

/* ---- one Observation ----------------------------------------------------- */

static void put_coding(struct strbuf *out, const char *system,
                       const char *code, const char *display)
{
    strbuf_printf(out, "{\"system\": \"%s\", \"code\": \"%s\", \"display\": ",
                  system, code);
    exchange_json_put_string(out, display);
    strbuf_putc(out, '}');
}

static void put_code(struct strbuf *out, enum checkin_field f)
{
    const struct field_info *info = checkin_field_info(f);
    strbuf_append(out, "\"code\": {\"coding\": [");
    if (f == CF_PAIN)
        put_coding(out, LOINC, "72514-3",
                   "Pain severity - 0-10 verbal numeric rating [Score] - "
                   "Reported");
    else if (f == CF_SLEEP_HOURS)
        put_coding(out, LOINC, "93832-4", "Sleep duration");
    else
        put_coding(out, ACHE_RATING_SYSTEM, info->name, info->label);
    strbuf_append(out, "], \"text\": ");
    /* The scale's ends, since a reader cannot guess that 10 is good for
     * mood and bad for pain. */
    char *text = f == CF_SLEEP_HOURS
                     ? xstrdup(info->label)
                     : xasprintf("%s (0 %s to 10 %s)", info->label,
                                 info->low_word, info->high_word);
    exchange_json_put_string(out, text);
    free(text);
    strbuf_putc(out, '}');
}

static void put_value(struct strbuf *out, enum checkin_field f, int steps)
{
    char buf[32];
    if (f == CF_SLEEP_HOURS)
        strbuf_printf(out,
                      "\"valueQuantity\": {\"value\": %s, \"unit\": \"h\", "
                      "\"system\": \"" UCUM "\", \"code\": \"h\"}",
                      checkin_format_value(f, steps, buf, sizeof buf));
    else
        strbuf_printf(out, "\"valueInteger\": %d", steps);
}

/* "left shoulder, neck": the regions' names in table order. */
static void put_body_site(struct strbuf *out, region_set regions)
{
    struct strbuf text = {0};
    for (int i = 0; i < REGION_COUNT; i++) {
        if (regions & (1u << i)) {
            strbuf_append(&text, text.len ? ", " : "");
            strbuf_append(&text, region_get(i)->name);
        }
    }
    strbuf_append(out, ", \"bodySite\": {\"text\": ");
    exchange_json_put_string(out, strbuf_str(&text));
    strbuf_putc(out, '}');
    strbuf_free(&text);
}

/* Members in the order of the Observation's definition, which FHIR's
 * JSON does not require but readers of the file will expect. */
static void put_observation(struct strbuf *out, const struct fhir_checkin *fc,
                            enum checkin_field f, bool first_of_checkin)
{
    const struct checkin *c = fc->c;
    const char *name = checkin_field_info(f)->name;
    char uuid[UUID_BUF];
    observation_uuid(fc->key, name, uuid);
    strbuf_printf(out, "{\"fullUrl\": \"urn:uuid:%s\", \"resource\": "
                       "{\"resourceType\": \"Observation\", ",
                  uuid);
    put_observation_id(out, fc->key, name);
    strbuf_printf(out, ", \"status\": \"final\", %s, ", category_survey);
    put_code(out, f);
    strbuf_printf(out, ", \"effectiveDateTime\": \"%s\"", fc->effective);
    if (fc->issued[0])
        strbuf_printf(out, ", \"issued\": \"%s\"", fc->issued);
    strbuf_append(out, ", ");
    put_value(out, f, c->value[f]);
    if (first_of_checkin && fc->with_note) {
        strbuf_append(out, ", \"note\": [{\"text\": ");
        exchange_json_put_string(out, c->note);
        strbuf_append(out, "}]");
    }
    if (f == CF_PAIN && c->regions)
        put_body_site(out, c->regions);
    strbuf_append(out, "}}");
}

/* ---- the Bundle ---------------------------------------------------------- */

void exchange_fhir_write_begin(struct strbuf *out)
{
    strbuf_append(out, "{\"resourceType\": \"Bundle\", \"type\": "
                       "\"collection\"");
}

size_t exchange_fhir_write_checkin(const struct checkin *c, size_t index,
                                   const struct exchange_opts *opts,
                                   struct strbuf *out)
{
    struct fhir_checkin fc = {.c = c};
    size_t written = 0;
    /* A check-in not yet stored has no id; the number of Observations
     * before it is unique within the Bundle, as each check-in that gets
     * here writes at least one. */
    if (c->id[0])
        snprintf(fc.key, sizeof fc.key, "%s", c->id);
    else
        snprintf(fc.key, sizeof fc.key, "new%zu", index);
    format_effective(c, fc.effective);
    if (c->updated_at)
        stamp_format(c->updated_at, fc.issued);
    fc.with_note = opts->notes && c->note && *c->note;
    for (int f = 0; f < CF_COUNT; f++) {
        if (c->value[f] == CHECKIN_ABSENT)
            continue;
        strbuf_append(out, index + written ? ",\n  " : ", \"entry\": [\n  ");
        put_observation(out, &fc, (enum checkin_field)f, written == 0);
        written++;
    }
    return written;
}

/* ---- medicines ---------------------------------------------------------- */

/* A unit's UCUM code, where it has one (a tablet or a puff has none). */
static const char *ucum_unit(const char *unit)
{
    static const char *const known[][2] = {
        {"mg", "mg"}, {"g", "g"}, {"mcg", "ug"}, {"ug", "ug"},
        {"ml", "mL"}, {"l", "L"},  {"iu", "[iU]"}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(unit, known[i][0]) == 0)
            return known[i][1];
    return NULL;
}

static void put_dosage(struct strbuf *out, const struct med_period *p)
{
    char amount[32], t[TIME_BUF];
    struct strbuf text = {0};
    med_period_describe(p, &text);
    strbuf_append(out, ", \"dosage\": [{\"text\": ");
    exchange_json_put_string(out, strbuf_str(&text));
    for (size_t i = 0; i < p->ntimes; i++)
        strbuf_printf(out, "%s\"%s:00\"",
                      i ? ", " : ", \"timing\": {\"repeat\": {\"timeOfDay\": [",
                      time_format(p->times[i], t));
    if (p->ntimes)
        strbuf_append(out, "]}}");
    strbuf_printf(out, ", \"asNeededBoolean\": %s",
                  p->as_needed ? "true" : "false");
    if (p->dose) {
        const char *code = ucum_unit(p->unit);
        strbuf_printf(out, ", \"doseAndRate\": [{\"doseQuantity\": "
                           "{\"value\": %s, \"unit\": \"%s\"",
                      med_amount_format(p->dose, amount, sizeof amount),
                      p->unit);
        if (code)
            strbuf_printf(out, ", \"system\": \"" UCUM "\", \"code\": \"%s\"",
                          code);
        strbuf_append(out, "}}]");
    }
    strbuf_append(out, "}]");
    strbuf_free(&text);
}

/* One MedicationStatement: a period of a regimen, its end the last day
 * taken (the day before the stop). */
static void put_statement(struct strbuf *out, const struct med *m,
                          const struct med_period *p)
{
    char uuid[UUID_BUF], day[DATE_BUF];
    observation_uuid(p->id, "medication", uuid);
    strbuf_printf(out, "{\"fullUrl\": \"urn:uuid:%s\", \"resource\": "
                       "{\"resourceType\": \"MedicationStatement\", "
                       "\"id\": \"%s\", \"status\": \"%s\", "
                       "\"medicationCodeableConcept\": {\"text\": ",
                  uuid, p->id, p->stop == MED_OPEN ? "active" : "completed");
    exchange_json_put_string(out, m->name);
    strbuf_printf(out, "}, \"subject\": {\"display\": \"the diary's "
                       "keeper\"}, \"effectivePeriod\": {\"start\": \"%s\"",
                  date_format(p->start, day));
    if (p->stop != MED_OPEN)
        strbuf_printf(out, ", \"end\": \"%s\"",
                      date_format(p->stop - 1, day));
    strbuf_append(out, "}");
    put_dosage(out, p);
    strbuf_append(out, "}}");
}

size_t exchange_fhir_write_meds(const struct med_list *meds, ache_day from,
                                ache_day to, size_t index, struct strbuf *out)
{
    size_t written = 0;
    for (size_t i = 0; i < meds->n; i++)
        for (size_t j = 0; j < meds->items[i].nperiods; j++) {
            const struct med_period *p = &meds->items[i].periods[j];
            if (p->start > to || (p->stop != MED_OPEN && p->stop <= from))
                continue;
            strbuf_append(out, index + written ? ",\n  "
                                               : ", \"entry\": [\n  ");
            put_statement(out, &meds->items[i], p);
            written++;
        }
    return written;
}

void exchange_fhir_write_end(size_t count, struct strbuf *out)
{
    strbuf_append(out, count ? "\n]}\n" : "}\n");
}
