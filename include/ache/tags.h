/* tags: short lowercase names of triggers, treatments and other things,
 * and the starting catalogue shipped in data/tags.tsv (compiled in, so a
 * new diary gets it wherever the program was installed).
 */
#ifndef ACHE_TAGS_H
#define ACHE_TAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/util.h"

enum tag_kind { TAG_TRIGGER, TAG_TREATMENT, TAG_OTHER, TAG_KIND_COUNT };

#define TAG_NAME_MAX 40

struct tag {
    char *name;
    enum tag_kind kind;
    long uses; /* check-ins carrying it (filled by store_tags_list) */
};

struct tag_list {
    struct tag *items;
    size_t n, cap;
};

/* "trigger", "treatment", "other". */
const char *tag_kind_name(enum tag_kind kind);
bool tag_kind_parse(const char *s, enum tag_kind *out);

/* A tag name is 1-40 bytes of lowercase ASCII letters, digits, '-' and
 * '_' or UTF-8 characters beyond ASCII, starting with anything but '-'
 * and '_'; never a control character (C0, DEL, C1), a bidirectional
 * control (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) or a
 * line separator (U+2028, U+2029). Every path that makes or takes a tag
 * (add, edit, tags --add, import, the screen's picker, the store) checks
 * it here. The message quotes the name safely (text_quote) and says what
 * is wrong and where: "tag: 'ab?c' is not a tag name: character 3 is
 * U+202E, a bidirectional control (a tag name is ...)", the '?' there
 * being U+FFFD. */
enum ache_status tag_name_check(const char *name, struct ache_err *err);

/* Splits `text` on `sep` into names (trimmed, empty parts skipped), checks
 * each and appends them to names[]/count (growing the array). Repeats are
 * dropped. */
enum ache_status tag_names_parse(const char *text, char sep, char ***names,
                                 size_t *count, struct ache_err *err);

/* Lowers the ASCII capitals of a name in place ("Stress" becomes
 * "stress"); true when there were any. Other characters stay as they
 * are: a tag name beyond ASCII is kept as typed. */
bool tag_name_lower(char *name);

/* How tag_names_parse_typed says that it lowered a name's capitals:
 * said(typed, name, arg), `said` may be NULL. */
struct tag_lowered {
    void (*said)(const char *typed, const char *name, void *arg);
    void *arg;
};

/* tag_names_parse for names a person typed: with `lowered` not NULL, each
 * name's capitals are lowered first (tag_name_lower) and each name so
 * changed is said; a name still no tag name is refused as tag_name_check
 * does, its message quoting the name as typed. Files read stay strict:
 * they go through tag_names_parse. */
enum ache_status tag_names_parse_typed(const char *text, char sep,
                                       char ***names, size_t *count,
                                       const struct tag_lowered *lowered,
                                       struct ache_err *err);

/* The built-in catalogue (from data/tags.tsv). */
size_t tag_catalogue_size(void);
const char *tag_catalogue_name(size_t i);
enum tag_kind tag_catalogue_kind(size_t i);
/* The kind a tag of that name is made with when a check-in names it
 * first: the catalogue's, else other (a catalogue tag removed and named
 * again is what it was; every copy of a diary makes it alike). */
enum tag_kind tag_catalogue_kind_of(const char *name);

void tag_list_push(struct tag_list *list, const char *name,
                   enum tag_kind kind, long uses);
void tag_list_free(struct tag_list *list);

#endif
