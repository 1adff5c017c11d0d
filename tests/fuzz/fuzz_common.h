/* What both fuzz targets check on every input (header-only, so that the
 * Makefile's one-file-per-target rules need no change):
 *   - a refused input gets ACHE_ERR_INVALID and a message that starts with
 *     the file name (so it names a place) and carries no control or
 *     bidi characters (it is printed on a terminal: fuzz_check.h);
 *   - an accepted input, written out in either format, reads back and
 *     writes again to the very same bytes.
 */
#ifndef ACHE_FUZZ_COMMON_H
#define ACHE_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "fuzz_check.h"

static const char *fuzz_name(enum exchange_format f)
{
    return f == EXCHANGE_CSV ? "fuzz.csv" : "fuzz.json";
}

static char *fuzz_write(enum exchange_format f, const struct checkin_list *l)
{
    struct strbuf sb = {0};
    exchange_write_begin(f, &sb);
    for (size_t i = 0; i < l->n; i++)
        exchange_write_checkin(f, &l->items[i], i, &sb);
    exchange_write_end(f, l->n, &sb);
    return strbuf_take(&sb);
}

static void fuzz_check_message(enum exchange_format f, enum ache_status st,
                               const struct ache_err *err)
{
    if (st != ACHE_ERR_INVALID)
        fuzz_die("a refused input must be ACHE_ERR_INVALID", err->msg);
    if (strncmp(err->msg, fuzz_name(f), strlen(fuzz_name(f))) != 0 ||
        err->msg[strlen(fuzz_name(f))] != ':')
        fuzz_die("the message does not start with the file name", err->msg);
    fuzz_check_clean(err->msg, false);
}

/* Accepted check-ins written as g read back and write the same bytes. */
static void fuzz_round_trip(enum exchange_format g,
                            const struct checkin_list *list, ache_day today)
{
    char *first = fuzz_write(g, list);
    struct checkin_list back = {0};
    struct ache_err err = {{0}};
    if (exchange_parse(g, fuzz_name(g), first, strlen(first), today, &back,
                       &err) != ACHE_OK)
        fuzz_die(err.msg, first);
    if (back.n != list->n)
        fuzz_die("the round trip changed the number of check-ins", first);
    char *second = fuzz_write(g, &back);
    if (strcmp(first, second) != 0)
        fuzz_die("the round trip changed the bytes", first);
    free(first);
    free(second);
    checkin_list_free(&back);
}

static void fuzz_exchange(enum exchange_format f, const uint8_t *data,
                          size_t size)
{
    ache_day today = date_from_ymd(2026, 11, 24);
    struct checkin_list list = {0};
    struct ache_err err = {{0}};
    enum ache_status st = exchange_parse(f, fuzz_name(f), (const char *)data,
                                         size, today, &list, &err);
    if (st != ACHE_OK) {
        fuzz_check_message(f, st, &err);
    } else {
        fuzz_round_trip(EXCHANGE_CSV, &list, today);
        fuzz_round_trip(EXCHANGE_JSON, &list, today);
    }
    checkin_list_free(&list);
}

#endif
