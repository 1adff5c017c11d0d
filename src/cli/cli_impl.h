/* cli_impl.h: what the command line's files share (private to src/cli).
 * Each subcommand lives in a cli_*.c file and is listed in one table in
 * cli.c, which also feeds `ache --help`; the helpers here parse options,
 * open the diary and print messages the same way for all of them.
 */
#ifndef ACHE_CLI_IMPL_H
#define ACHE_CLI_IMPL_H

#include <stdbool.h>
#include <stdio.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/util.h"

struct store;

/* Exit statuses (documented in ache(1)). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* One option a command accepts. `name` is the long name without "--";
 * `short_name` is 0 or a letter for "-x". */
struct cli_opt {
    const char *name;
    char short_name;
    const char *arg;  /* NULL for a flag, else the value's placeholder */
    const char *help;
};

/* Walks argv after the command name: options in any order, "--name
 * value", "--name=value", "-x value", "-xvalue" (a short option with a
 * value glued on), "--" ends options. */
struct cli_iter {
    int argc;
    char **argv;
    int index;
    bool options_done;
    const char *command; /* for messages: "add" */
    const struct cli_opt *opts;
};

enum cli_next {
    CLI_OPTION,     /* *opt is set, *value is its value or NULL */
    CLI_POSITIONAL, /* *value is the word */
    CLI_END,
    CLI_ERROR       /* err names the problem */
};

void cli_iter_init(struct cli_iter *it, const char *command, int argc,
                   char **argv, const struct cli_opt *opts);
enum cli_next cli_iter_next(struct cli_iter *it, const struct cli_opt **opt,
                            const char **value, struct ache_err *err);

struct cli_ctx;

/* Called for each option (opt set) or positional word (opt NULL) of a
 * command; returns an exit status, and anything but 0 stops the walk. */
typedef int (*cli_arg_fn)(const struct cli_ctx *ctx, const struct cli_opt *opt,
                          const char *value, void *arg);
/* Walks argv through fn; a malformed option is a usage error (exit 2). */
int cli_parse_args(const struct cli_ctx *ctx, int argc, char **argv,
                   const struct cli_opt *opts, cli_arg_fn fn, void *arg);
/* "unexpected 'WORD'" as a usage error (exit 2). */
int cli_unexpected(const struct cli_ctx *ctx, const char *word);
/* A cli_arg_fn for commands whose only argument is one word: arg is a
 * `const char **`, NULL on entry; a second word is unexpected. */
int cli_take_one_word(const struct cli_ctx *ctx, const struct cli_opt *opt,
                      const char *value, void *arg);

/* A command's context: its name, the chosen database path, today. */
struct cli_ctx {
    const char *command;
    const char *db_path; /* from --db, $ACHE_DB or the XDG default */
    ache_day today;
    FILE *out;
    FILE *err;
    /* Set by a command reading its options a second time (edit, after
     * another writer's change): what cli_parse_time and cli_parse_tags
     * say of a value they read loosely was said the first time. */
    bool read_notes_said;
};

struct cli_command {
    const char *name;
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    const char *synopsis;   /* "[--date D] [--pain N] ..." */
    const char *summary;    /* one line for `ache --help` */
    const struct cli_opt *opts;
};

/* Writes the formatted message to ctx->err with every control character
 * shown, none emitted (text_safe, keeping line ends): messages quote file
 * names, values and words that came from a person or a file. */
void cli_err(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes s to out as text_safe shows it on one line, in the locale's
 * character set: a name or a note from a person or a file. */
void cli_put_safe(FILE *out, const char *s);

/* Prints "ache COMMAND: message" to stderr and returns the exit status of
 * the status (2 for bad input, 1 for failures). */
int cli_fail(const struct cli_ctx *ctx, enum ache_status st,
               const struct ache_err *err);
/* Bad usage: prints the message and a pointer to --help; returns 2. */
int cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The usage error for a name that is no field, the fields named from
 * the process's table (the built-in ones, then the diary's own when it
 * was read, hidden ones too): "field: 'x' is not a field (use pain, ...,
 * activity or headache)" with what = "field: ". */
int cli_not_a_field(const struct cli_ctx *ctx, const char *what,
                    const char *name);

/* EXIT_OK when the context's diary exists (or cannot be looked at: the
 * opening then says why); else says "no diary at PATH yet (`ache add`
 * starts one)" and returns EXIT_FAIL. */
int cli_no_diary_yet(const struct cli_ctx *ctx);

/* Opens the context's diary. `create` false: a missing diary is an error
 * ("no diary at PATH yet: `ache add` starts one"). Prints errors itself
 * and returns the exit status (0 when *out is open). */
int cli_open_store(const struct cli_ctx *ctx, bool create, struct store **out);
/* The same to read only (store_open_read): for commands that only read,
 * which then work on a diary they cannot write. */
int cli_open_reader(const struct cli_ctx *ctx, struct store **out);
/* The same (a reader unless `create`, then a writer checked for damage
 * as cli_open_writer does), then store_check: for commands
 * that write or copy a lot. */
int cli_open_checked_store(const struct cli_ctx *ctx, bool create,
                           struct store **out);


/* Reads the diary's fields into the process's table (fields.h) when there
 * is a diary, for a command that reads values by name before it opens the
 * diary to write; one that cannot be opened says why when it is. */
void cli_load_fields(const struct cli_ctx *ctx);

/* Parses a date option's value, refusing dates after today when
 * `no_future` ("date: 2026-11-25 is in the future"). */
enum ache_status cli_parse_date(const struct cli_ctx *ctx, const char *what,
                                const char *text, bool no_future,
                                ache_day *out, struct ache_err *err);

/* A time of day typed on the command line (time_parse_typed): "8:00" is
 * read as 08:00, and said so on stderr ("ache add: read time 8:00 as
 * 08:00"); anything else is refused in err with "time: '8:60' is not a
 * time of day (use HH:MM, 00:00-23:59)". Every command's --time goes
 * through here. */
enum ache_status cli_parse_time(const struct cli_ctx *ctx, const char *text,
                                int *minutes, struct ache_err *err);
/* A list of times typed on the command line, HH:MM,HH:MM (meds --times),
 * with each H:MM written as HH:MM and said so as cli_parse_time says it;
 * anything else is left as typed, for the list's own parser to refuse.
 * The caller frees the copy. */
char *cli_times_typed(const struct cli_ctx *ctx, const char *text);
/* Tag names typed on the command line, NAME,NAME (tag_names_parse_typed):
 * capitals are lowered and said so on stderr ("ache add: read tag 'Stress'
 * as 'stress'"); a name still no tag name is refused in err. Every
 * command's --tag goes through here. */
enum ache_status cli_parse_tags(const struct cli_ctx *ctx, const char *text,
                                char ***names, size_t *count,
                                struct ache_err *err);
/* One tag name typed on the command line, read as cli_parse_tags reads
 * it; "tag: give one tag name, not 'a,b'" for none or several. *name is
 * the caller's to free. */
enum ache_status cli_parse_tag_name(const struct cli_ctx *ctx,
                                    const char *text, char **name,
                                    struct ache_err *err);

/* Colour for pictures on stdout: "never", "always" or "auto" (only on a
 * terminal, and not with NO_COLOR set); 256 colours when $TERM says so. */
enum ansi_colors cli_colors(const char *when);
/* Whether pictures may use UTF-8: the locale's, unless --ascii. */
bool cli_utf8(bool ascii);
/* Columns for pictures on stdout: the terminal's when stdout is one, else
 * $COLUMNS when it holds a number from 20 to 1000, else 80. */
int cli_terminal_width(void);
/* Validates a --color value; prints the usage error itself. */
int cli_check_color(const struct cli_ctx *ctx, const char *when);

/* A command about to write a file (path), or standard output (NULL),
 * refuses the diary and its -wal and -shm files, found by what they are
 * (device and inode), not by name: replacing one would destroy it.
 * Prints the refusal; returns an exit status (2 when refused). */
int cli_refuse_diary_file(const struct cli_ctx *ctx, const char *path);

/* Where output named `path` goes. A missing or plain file: *target is
 * the file to replace (a symbolic link followed to the file it names, so
 * the link stays; caller frees). A FIFO or a device, where stream_ok:
 * *target is NULL, and the output is written straight into it. Any other
 * kind (a folder, a socket) is refused with "PATH is not a plain file"
 * and exit status 2. */
int cli_output_target(const struct cli_ctx *ctx, const char *path,
                      bool stream_ok, char **target);

/* Writes a file whole or not at all (never the diary, see
 * cli_refuse_diary_file): `fill` gets a descriptor on a new
 * temporary file beside the target (mode 0600) and returns 0 or an errno
 * value; the file is synced and renamed over the target, or removed on
 * any failure. A FIFO or a device (cli_output_target) is written straight
 * into instead. Prints errors itself; returns an exit status. */
typedef int (*cli_fill_fn)(int fd, void *arg);
int cli_replace_file(const struct cli_ctx *ctx, const char *path,
                     cli_fill_fn fill, void *arg);

/* A range of days from --from and --to (default: everything up to
 * today). */
struct cli_range {
    ache_day from, to;
};
void cli_range_init(const struct cli_ctx *ctx, struct cli_range *r);
/* Takes a --from or --to value; prints errors itself (exit status). */
int cli_range_option(const struct cli_ctx *ctx, const struct cli_opt *opt,
                     const char *value, struct cli_range *r);
/* "--from comes after --to" when it does (exit 2). */
int cli_range_check(const struct cli_ctx *ctx, const struct cli_range *r);

/* A window of days ending with `to_text` (default today) and starting
 * with `from_text` (default `days` days before the end). Prints its errors
 * (exit status). */
int cli_window(const struct cli_ctx *ctx, const char *from_text,
               const char *to_text, int days, ache_day *first,
               ache_day *last);
/* Opens the diary (no creating), reads first..last and closes it;
 * prints its errors. */
int cli_read_days(const struct cli_ctx *ctx, ache_day first, ache_day last,
                  struct checkin_list *out);
/* The daily means of n fields over first..last (see store_read_means),
 * read value by value with no list of check-ins kept: charts of years. */
int cli_read_means(const struct cli_ctx *ctx, ache_day first, ache_day last,
                   const enum checkin_field *fields, int n, double **means);

/* Appends a check-in in a few words: "2026-11-24 08:30: pain 6, fatigue
 * 7, regions neck, a note". */
void cli_describe_checkin(const struct checkin *c, struct strbuf *out);

/* Opens the diary to write into it (see cli_open_store), after the check
 * writers run once a day (store_check_daily): a damaged diary is closed
 * again with "ache add: PATH is damaged (...): nothing was written.
 * `ache recover NEW.db` saves what can still be read; ..." (exit 1), as is
 * one SQLite cannot open for its damaged header. Prints its errors; exit
 * status. */
int cli_open_writer(const struct cli_ctx *ctx, bool create,
                    struct store **out);

/* Subcommands. */
int cli_add(struct cli_ctx *ctx, int argc, char **argv);
int cli_edit(struct cli_ctx *ctx, int argc, char **argv);
int cli_rm(struct cli_ctx *ctx, int argc, char **argv);
int cli_show(struct cli_ctx *ctx, int argc, char **argv);
int cli_list(struct cli_ctx *ctx, int argc, char **argv);
int cli_search(struct cli_ctx *ctx, int argc, char **argv);
int cli_tags(struct cli_ctx *ctx, int argc, char **argv);
int cli_fields(struct cli_ctx *ctx, int argc, char **argv);
int cli_meds(struct cli_ctx *ctx, int argc, char **argv);
int cli_took(struct cli_ctx *ctx, int argc, char **argv);
int cli_doses(struct cli_ctx *ctx, int argc, char **argv);
int cli_export(struct cli_ctx *ctx, int argc, char **argv);
int cli_import(struct cli_ctx *ctx, int argc, char **argv);
int cli_backup(struct cli_ctx *ctx, int argc, char **argv);
int cli_demo(struct cli_ctx *ctx, int argc, char **argv);
int cli_calendar(struct cli_ctx *ctx, int argc, char **argv);
int cli_chart(struct cli_ctx *ctx, int argc, char **argv);
int cli_spark(struct cli_ctx *ctx, int argc, char **argv);
int cli_status(struct cli_ctx *ctx, int argc, char **argv);
int cli_insights(struct cli_ctx *ctx, int argc, char **argv);
int cli_report(struct cli_ctx *ctx, int argc, char **argv);
int cli_history(struct cli_ctx *ctx, int argc, char **argv);
int cli_undo(struct cli_ctx *ctx, int argc, char **argv);
int cli_restore(struct cli_ctx *ctx, int argc, char **argv);
int cli_check(struct cli_ctx *ctx, int argc, char **argv);
int cli_recover(struct cli_ctx *ctx, int argc, char **argv);
int cli_remind(struct cli_ctx *ctx, int argc, char **argv);
int cli_sync(struct cli_ctx *ctx, int argc, char **argv);
int cli_complete(struct cli_ctx *ctx, int argc, char **argv);

/* The command table of cli.c, for `ache _complete`: the commands, their
 * synopses and options, whose names start with '_' kept off --help. */
extern const struct cli_command *const cli_command_table;
extern const size_t cli_command_count;

/* Option tables, shared with the help text. */
extern const struct cli_opt cli_add_opts[];
extern const struct cli_opt cli_edit_opts[];
extern const struct cli_opt cli_rm_opts[];
extern const struct cli_opt cli_show_opts[];
extern const struct cli_opt cli_list_opts[];
extern const struct cli_opt cli_search_opts[];
extern const struct cli_opt cli_tags_opts[];
extern const struct cli_opt cli_fields_opts[];
extern const struct cli_opt cli_meds_opts[];
extern const struct cli_opt cli_took_opts[];
extern const struct cli_opt cli_doses_opts[];
extern const struct cli_opt cli_export_opts[];
extern const struct cli_opt cli_import_opts[];
extern const struct cli_opt cli_backup_opts[];
extern const struct cli_opt cli_demo_opts[];
extern const struct cli_opt cli_calendar_opts[];
extern const struct cli_opt cli_chart_opts[];
extern const struct cli_opt cli_spark_opts[];
extern const struct cli_opt cli_status_opts[];
extern const struct cli_opt cli_insights_opts[];
extern const struct cli_opt cli_report_opts[];
extern const struct cli_opt cli_history_opts[];
extern const struct cli_opt cli_undo_opts[];
extern const struct cli_opt cli_restore_opts[];
extern const struct cli_opt cli_check_opts[];
extern const struct cli_opt cli_recover_opts[];
extern const struct cli_opt cli_remind_opts[];
extern const struct cli_opt cli_sync_opts[];
extern const struct cli_opt cli_complete_opts[];

#endif
