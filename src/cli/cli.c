/* cli: dispatch, help, the database path and shared helpers for the
 * subcommands. */
#include "ache/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/config.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/grid.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

static const struct cli_command commands[] = {
    {"add", cli_add,
     "[--date D] [--time HH:MM] [--pain N] [--fatigue N] [--sleep N] "
     "[--sleep-hours H] [--stiffness N] [--fog N] [--mood N] "
     "[--activity N] [--regions CODE,...] [--tag NAME]... [--note TEXT] "
     "[--like DAY|ID]",
     "record a new check-in and print its id", cli_add_opts},
    {"edit", cli_edit,
     "ID [the options of add] [--untag NAME]... "
     "[--clear FIELD]...",
     "change a check-in: only what is given", cli_edit_opts},
    {"rm", cli_rm, "ID", "remove a check-in (ache restore brings it back)",
     cli_rm_opts},
    {"history", cli_history, "[ID] [--last N]",
     "a check-in's versions, or the latest changes to the diary",
     cli_history_opts},
    {"undo", cli_undo, "",
     "reverse the latest change to the diary (an undo is one too)",
     cli_undo_opts},
    {"restore", cli_restore, "ID", "bring back a removed check-in",
     cli_restore_opts},
    {"show", cli_show, "[DATE] [--format text|json]",
     "show a day's check-ins (today by default)",
     cli_show_opts},
    {"list", cli_list,
     "[--from D] [--to D] [--tag NAME]... [--region CODE]... "
     "[--min FIELD=N]... [--max FIELD=N]... [--format text|json]",
     "one line per check-in, or those passing every filter",
     cli_list_opts},
    {"search", cli_search,
     "WORD... [--from D] [--to D] [--oldest-first] "
     "[--color auto|always|never]",
     "the check-ins whose notes hold every word, newest first",
     cli_search_opts},
    {"calendar", cli_calendar,
     "[YYYY-MM] [--field F] [--months N] [--color auto|always|never] "
     "[--ascii]",
     "print month grids shaded by a field, like cal(1)", cli_calendar_opts},
    {"chart", cli_chart,
     "[FIELD...] [--days N | --from D --to D] [--width W] [--height H] "
     "[--avg] [--spread] [--ascii] [--color auto|always|never]",
     "draw a trend chart of one or more fields", cli_chart_opts},
    {"spark", cli_spark, "FIELD [--days N] [--ascii]",
     "one-line sparkline, for a prompt or a status bar", cli_spark_opts},
    {"status", cli_status, "[--format text|json]",
     "say whether today has a check-in (exit 0) or not (exit 1)",
     cli_status_opts},
    {"remind", cli_remind,
     "[--at HH:MM,... [--print] | --off | --notify [--at HH:MM,...]]",
     "a reminder to check in at the times you choose, by a timer",
     cli_remind_opts},
    {"sync", cli_sync,
     "DIR [--passphrase-file FILE | --no-encrypt] [--compact]",
     "one diary on several machines, through a folder they share",
     cli_sync_opts},
    {"insights", cli_insights, "[--from D] [--to D] [--format text|json]",
     "flares, tags, treatments, pacing and widespread pain, explained",
     cli_insights_opts},
    {"report", cli_report,
     "[--from D] [--to D] [--format text|markdown|html] [--hide WHAT,...] "
     "[-o FILE]",
     "one page for a clinician: text, Markdown or HTML", cli_report_opts},
    {"tags", cli_tags,
     "[add NAME [--kind K] | rename OLD NEW | merge FROM INTO | kind NAME K "
     "| rm NAME [--force]]",
     "list tags and their use, or add, rename, merge or remove one",
     cli_tags_opts},
    {"fields", cli_fields,
     "[add NAME --kind KIND | rename OLD [NEW] | hide NAME | show NAME | "
     "preset sss|peg] "
     "[--label TEXT] [--low WORD --high WORD] [--weekly]",
     "list the fields, or add one of your own, rename, hide or show one",
     cli_fields_opts},
    {"meds", cli_meds,
     "[NAME | add NAME [--dose N --unit U] [--times HH:MM,...] "
     "[--as-needed] [--start D] | change NAME [--dose N] [--unit U] "
     "[--times HH:MM,...] [--as-needed | --scheduled] [--on D] | "
     "stop NAME [--on D]]",
     "list medicines and their regimens, or add, change or stop one",
     cli_meds_opts},
    {"took", cli_took, "NAME [AMOUNT] [--unit U] [--date D] [--time HH:MM]",
     "record a dose taken (the regimen's dose unless given)",
     cli_took_opts},
    {"doses", cli_doses, "[--from D] [--to D] | rm ID",
     "list the doses taken (the last 30 days by default), or remove one",
     cli_doses_opts},
    {"export", cli_export,
     "[--format csv|json|fhir] [--notes] [--from D] [--to D] [-o FILE]",
     "write check-ins as CSV, JSON or FHIR", cli_export_opts},
    {"import", cli_import,
     "FILE [--format csv|json] [--dry-run] [--prefer-file | --prefer-diary] "
     "[--restore-deleted]",
     "read check-ins from CSV or JSON, all or nothing", cli_import_opts},
    {"backup", cli_backup, "FILE", "write a consistent copy of the diary",
     cli_backup_opts},
    {"check", cli_check, "",
     "look for damage: integrity, foreign keys, schema (exit 1: damaged)",
     cli_check_opts},
    {"recover", cli_recover, "NEW.db",
     "copy what can still be read of a damaged diary into a new one",
     cli_recover_opts},
    {"demo", cli_demo, "--days N [--seed S]",
     "fill an empty diary with a realistic synthetic history", cli_demo_opts},
    {"_complete", cli_complete,
     "commands | options CMD | arg CMD OPTION | words CMD | fields | "
     "regions | tags",
     "names for the shell's completion, one a line (not listed in --help)",
     cli_complete_opts},
};
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])
/* The table as `ache _complete` reads it (cli_complete.c). */
const struct cli_command *const cli_command_table = commands;
const size_t cli_command_count = COMMAND_COUNT;

static void print_main_help(FILE *to)
{
    fprintf(to, "ache %s: a private pain, fatigue and sleep diary\n\n"
                "usage: ache [--db PATH]             open the full-screen "
                "diary\n"
                "       ache COMMAND [OPTIONS]       see below\n"
                "       ache COMMAND --help          a command's options\n\n"
                "commands:\n",
            ACHE_VERSION);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (commands[i].name[0] != '_') /* _complete: for the shell */
            fprintf(to, "  %-8s %s\n", commands[i].name,
                    commands[i].summary);
    fprintf(to,
            "\nDates: YYYY-MM-DD, today, yesterday or -N (N days ago).\n"
            "Every command takes --db PATH; without it, $ACHE_DB, else\n"
            "$XDG_DATA_HOME/ache/diary.db (~/.local/share/ache/diary.db).\n"
            "Exit status: 0 ok, 1 failure, 2 bad usage or bad input.\n"
            "More: man ache\n");
}

static bool any_short_option(const struct cli_opt *opts)
{
    for (const struct cli_opt *o = opts; o && o->name; o++)
        if (o->short_name)
            return true;
    return false;
}

/* Prints usage help of a command to `to`. When some options have a short
 * name, the long names line up under each other ("-p, --pain" above
 * "    --fog"). */
static void cli_print_command_help(const struct cli_command *cmd, FILE *to)
{
    fprintf(to, "usage: ache %s %s\n\n%s.\n\noptions:\n", cmd->name,
            cmd->synopsis, cmd->summary);
    const char *no_short = any_short_option(cmd->opts) ? "    " : "";
    for (const struct cli_opt *o = cmd->opts; o && o->name; o++) {
        char left[48];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, ", o->short_name);
        else
            snprintf(left, sizeof left, "%s", no_short);
        size_t n = strlen(left);
        snprintf(left + n, sizeof left - n, "--%s%s%s", o->name,
                 o->arg ? " " : "", o->arg ? o->arg : "");
        /* a long option and its value take a line of their own, so that
         * the value never runs into the words ("html text, ...") */
        if (strlen(left) > 26)
            fprintf(to, "  %s\n  %-26s %s\n", left, "", o->help);
        else
            fprintf(to, "  %-26s %s\n", left, o->help);
    }
    char db[32];
    snprintf(db, sizeof db, "%s--db PATH", no_short);
    fprintf(to, "  %-26s %s\n  %-26s %s\n", db, "the diary to use",
            "-h, --help", "show this help");
}

void cli_describe_checkin(const struct checkin *c, struct strbuf *out)
{
    char day[DATE_BUF], when[TIME_BUF];
    strbuf_append(out, date_format(c->date, day));
    if (c->minute != CHECKIN_TIME_ABSENT)
        strbuf_printf(out, " %s", time_format(c->minute, when));
    strbuf_append(out, ": ");
    checkin_describe(c, checkin_given(c) & ~CHECKIN_PART(CP_TIME), out);
}

void cli_err(const struct cli_ctx *ctx, const char *fmt, ...)
{
    struct strbuf msg = {0}, shown = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    text_safe(&shown, msg.data, msg.len,
              TEXT_SAFE_LINES | (cli_utf8(false) ? TEXT_SAFE_UTF8 : 0));
    fputs(strbuf_str(&shown), ctx->err);
    strbuf_free(&msg);
    strbuf_free(&shown);
}

int cli_fail(const struct cli_ctx *ctx, enum ache_status st,
             const struct ache_err *err)
{
    cli_err(ctx, "ache %s: %s\n", ctx->command,
            err && err->msg[0] ? err->msg : ache_status_message(st));
    return ache_exit_code(st);
}

int cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...)
{
    struct strbuf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    cli_err(ctx, "ache %s: %s (see ache %s --help)\n", ctx->command,
            strbuf_str(&msg), ctx->command);
    strbuf_free(&msg);
    return EXIT_USAGE;
}

int cli_not_a_field(const struct cli_ctx *ctx, const char *what,
                    const char *name)
{
    struct strbuf fields = {0};
    fields_list(&fields, " or ");
    int rc = cli_usage_error(ctx, "%s'%s' is not a field (use %s)", what,
                             name, strbuf_str(&fields));
    strbuf_free(&fields);
    return rc;
}

/* "no diary at PATH yet" when there is none and none is to be made. */
int cli_no_diary_yet(const struct cli_ctx *ctx)
{
    struct stat sb;
    if (stat(ctx->db_path, &sb) == 0 || errno != ENOENT)
        return EXIT_OK;
    cli_err(ctx, "ache %s: no diary at %s yet (`ache add` starts one)\n",
            ctx->command, ctx->db_path);
    return EXIT_FAIL;
}

int cli_open_store(const struct cli_ctx *ctx, bool create, struct store **out)
{
    struct ache_err err = {{0}};
    int rc = create ? EXIT_OK : cli_no_diary_yet(ctx);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status st = store_open(ctx->db_path, create, out, &err);
    return st == ACHE_OK ? EXIT_OK : cli_fail(ctx, st, &err);
}

int cli_open_reader(const struct cli_ctx *ctx, struct store **out)
{
    struct ache_err err = {{0}};
    int rc = cli_no_diary_yet(ctx);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status st = store_open_read(ctx->db_path, out, &err);
    return st == ACHE_OK ? EXIT_OK : cli_fail(ctx, st, &err);
}

void cli_load_fields(const struct cli_ctx *ctx)
{
    struct store *st = NULL;
    struct ache_err err = {{0}};
    if (access(ctx->db_path, F_OK) == 0 &&
        store_open_read(ctx->db_path, &st, &err) == ACHE_OK)
        store_close(st);
}

int cli_open_checked_store(const struct cli_ctx *ctx, bool create,
                           struct store **out)
{
    struct ache_err err = {{0}};
    int rc = create ? cli_open_writer(ctx, create, out)
                    : cli_open_reader(ctx, out);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status st = store_check(*out, &err);
    if (st == ACHE_OK)
        return EXIT_OK;
    store_close(*out);
    return cli_fail(ctx, st, &err);
}

enum ache_status cli_parse_date(const struct cli_ctx *ctx, const char *what,
                                const char *text, bool no_future,
                                ache_day *out, struct ache_err *err)
{
    if (date_parse_user(text, ctx->today, out, err) != ACHE_OK) {
        ache_err_prefix(err, "%s: ", what);
        return ACHE_ERR_INVALID;
    }
    if (no_future && *out > ctx->today) {
        char buf[DATE_BUF];
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: %s is in the future (today is %s)", what,
                         date_format(*out, buf),
                         date_format(ctx->today, (char[DATE_BUF]){0}));
    }
    return ACHE_OK;
}

enum ansi_colors cli_colors(const char *when)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    if (strcmp(when, "never") == 0 ||
        (strcmp(when, "auto") == 0 &&
         (!isatty(STDOUT_FILENO) || (no_color && *no_color))))
        return ANSI_NONE;
    return term && strstr(term, "256") ? ANSI_256 : ANSI_8;
}

int cli_terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col > 0)
        return ws.ws_col;
    /* a pipe to less or a file: the width the shell says it has */
    long columns;
    const char *env = getenv("COLUMNS");
    if (env && parse_int(env, 20, 1000, &columns))
        return (int)columns;
    return 80;
}

bool cli_utf8(bool ascii)
{
    return !ascii && text_locale_utf8();
}

int cli_check_color(const struct cli_ctx *ctx, const char *when)
{
    if (strcmp(when, "auto") && strcmp(when, "always") &&
        strcmp(when, "never"))
        return cli_usage_error(ctx, "color: '%s' is not allowed (use auto, "
                                    "always or never)",
                               when);
    return EXIT_OK;
}

static const char *const diary_suffixes[] = {"", "-wal", "-shm"};
#define DIARY_FILES (sizeof diary_suffixes / sizeof diary_suffixes[0])

/* Whether the file sb describes is the diary, its -wal or its -shm. */
static bool is_diary_file(const struct cli_ctx *ctx, const struct stat *sb)
{
    bool same = false;
    for (size_t i = 0; !same && i < DIARY_FILES; i++) {
        char *side = xasprintf("%s%s", ctx->db_path, diary_suffixes[i]);
        same = file_is(side, sb);
        free(side);
    }
    return same;
}

/* Whether path names the diary, its -wal or its -shm, by name: the -wal
 * and -shm come and go, and may not be there when this is asked. */
static bool is_diary_name(const struct cli_ctx *ctx, const char *path)
{
    char *want = path_canonical(path), *diary = path_canonical(ctx->db_path);
    bool same = false;
    for (size_t i = 0; want && diary && !same && i < DIARY_FILES; i++) {
        char *side = xasprintf("%s%s", diary, diary_suffixes[i]);
        same = strcmp(side, want) == 0;
        free(side);
    }
    free(want);
    free(diary);
    return same;
}

int cli_refuse_diary_file(const struct cli_ctx *ctx, const char *path)
{
    struct stat sb;
    bool diary = path ? is_diary_name(ctx, path) ||
                            (stat(path, &sb) == 0 && is_diary_file(ctx, &sb))
                      : fstat(STDOUT_FILENO, &sb) == 0 &&
                            is_diary_file(ctx, &sb);
    if (!diary)
        return EXIT_OK;
    cli_err(ctx, "ache %s: %s is the diary itself (or its -wal or -shm "
                      "file): writing there would destroy it; give another "
                      "file\n",
            ctx->command, path ? path : "standard output");
    return EXIT_USAGE;
}

/* A FIFO or a device (/dev/null, a terminal, a pipe named on the command
 * line) is written straight into, as standard output is: renaming a file
 * over it would put a plain file in its place (as root, /dev/null
 * itself). No kind of file but those and a plain one takes output. */
static int write_stream(const struct cli_ctx *ctx, const char *path,
                        cli_fill_fn fill, void *arg)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC), e = 0;
    if (fd < 0 || (e = fill(fd, arg)) != 0 || close(fd) != 0)
        e = e ? e : errno;
    if (e > 0)
        cli_err(ctx, "ache %s: %s: %s\n", ctx->command, path, strerror(e));
    return e == 0 ? EXIT_OK : EXIT_FAIL;
}

/* The file a symbolic link names, whether it is there yet or not (a
 * link to a file still to be made names it all the same); NULL when path
 * is not a link. */
static char *link_target(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode))
        return NULL;
    char *real = realpath(path, NULL);
    if (real)
        return real;
    char to[PATH_MAX];
    ssize_t n = readlink(path, to, sizeof to - 1);
    if (n <= 0)
        return NULL;
    to[n] = '\0';
    const char *slash = strrchr(path, '/');
    if (to[0] == '/' || !slash)
        return xstrdup(to);
    return xasprintf("%.*s/%s", (int)(slash - path), path, to);
}

int cli_output_target(const struct cli_ctx *ctx, const char *path,
                      bool stream_ok, char **target)
{
    struct stat sb;
    *target = NULL;
    if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode)) {
        /* a link is followed: the file it names is replaced, the link
         * stays */
        *target = link_target(path);
        if (!*target)
            return (*target = xstrdup(path)), EXIT_OK;
        int rc = cli_refuse_diary_file(ctx, *target); /* a link to a -wal */
        if (rc != EXIT_OK) {
            free(*target);
            *target = NULL;
        }
        return rc;
    }
    if (stream_ok && (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode)))
        return EXIT_OK;
    cli_err(ctx, "ache %s: %s is not a plain file; give a file name\n",
            ctx->command, path);
    return EXIT_USAGE;
}

/* The temporary file is synced before it is renamed over the file, and
 * the folder after, so that the rename itself survives a power cut. */
static int replace_whole(const struct cli_ctx *ctx, const char *path,
                         cli_fill_fn fill, void *arg)
{
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp), e = 0;
    if (fd < 0) {
        cli_err(ctx, "ache %s: %s: %s\n", ctx->command, path,
                strerror(errno));
        free(tmp);
        return EXIT_FAIL;
    }
    if (fchmod(fd, 0600) != 0 || (e = fill(fd, arg)) != 0 || fsync(fd) != 0)
        e = e ? e : errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == 0 && rename(tmp, path) != 0)
        e = errno;
    if (e == 0)
        e = path_sync_folder(path);
    if (e != 0) {
        if (e > 0) /* below 0: fill has said what went wrong */
            cli_err(ctx, "ache %s: %s: %s\n", ctx->command, path,
                    strerror(e));
        unlink(tmp);
    }
    free(tmp);
    return e == 0 ? EXIT_OK : EXIT_FAIL;
}

int cli_replace_file(const struct cli_ctx *ctx, const char *path,
                     cli_fill_fn fill, void *arg)
{
    char *target;
    int rc = cli_refuse_diary_file(ctx, path);
    if (rc == EXIT_OK)
        rc = cli_output_target(ctx, path, true, &target);
    if (rc != EXIT_OK)
        return rc;
    rc = target ? replace_whole(ctx, target, fill, arg)
                : write_stream(ctx, path, fill, arg);
    free(target);
    return rc;
}

void cli_range_init(const struct cli_ctx *ctx, struct cli_range *r)
{
    r->from = date_from_ymd(DATE_MIN_YEAR, 1, 1);
    r->to = ctx->today;
}

int cli_range_option(const struct cli_ctx *ctx, const struct cli_opt *opt,
                     const char *value, struct cli_range *r)
{
    struct ache_err err = {{0}};
    ache_day *which = strcmp(opt->name, "from") == 0 ? &r->from : &r->to;
    if (cli_parse_date(ctx, opt->name, value, false, which, &err))
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    return EXIT_OK;
}

int cli_range_check(const struct cli_ctx *ctx, const struct cli_range *r)
{
    return r->from > r->to ? cli_usage_error(ctx, "--from comes after --to")
                           : EXIT_OK;
}

int cli_window(const struct cli_ctx *ctx, const char *from_text,
               const char *to_text, int days, ache_day *first,
               ache_day *last)
{
    struct ache_err err = {{0}};
    *last = ctx->today;
    if (to_text && cli_parse_date(ctx, "to", to_text, false, last, &err))
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    *first = *last - days + 1;
    if (from_text &&
        cli_parse_date(ctx, "from", from_text, false, first, &err))
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    if (*first > *last)
        return cli_usage_error(ctx, "--from comes after --to");
    return EXIT_OK;
}

int cli_read_days(const struct cli_ctx *ctx, ache_day first, ache_day last,
                  struct checkin_list *out)
{
    struct store *st;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = store_list_range(st, first, last, out, &err);
    store_close(st);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

int cli_read_means(const struct cli_ctx *ctx, ache_day first, ache_day last,
                   const enum checkin_field *fields, int n, double **means)
{
    struct store *st;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s =
        store_read_means(st, first, last, fields, n, means, &err);
    store_close(st);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* Takes --db PATH / --db=PATH and -h/--help out of argv (before "--"),
 * so that every command accepts them anywhere. Returns false when --db
 * lacks its value. */
static bool take_global_options(int *argc, char **argv, const char **db,
                                bool *help)
{
    int kept = 1;
    bool done = false;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (!done && strcmp(a, "--") == 0)
            done = true;
        if (!done && strcmp(a, "--db") == 0) {
            if (i + 1 >= *argc)
                return false;
            *db = argv[++i];
        } else if (!done && str_starts_with(a, "--db=")) {
            *db = a + 5;
        } else if (!done && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            *help = true;
        } else {
            argv[kept++] = argv[i];
        }
    }
    *argc = kept;
    argv[kept] = NULL;
    return true;
}

static const struct cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* Room for the diary's path in the welcome, so that the line fits 78
 * columns with the default path; a longer one keeps its end. */
#define WELCOME_PATH_MAX 30

/* A first run's welcome: where the new diary is (so a mistyped --db shows
 * at once) and the one thing to do. The home folder is written ~. */
static void first_run_welcome(const char *path, char *out, size_t size)
{
    const char *home = getenv("HOME");
    size_t home_len = home ? strlen(home) : 0;
    bool in_home = home_len > 1 && strncmp(path, home, home_len) == 0 &&
                   path[home_len] == '/';
    const char *shown = in_home ? path + home_len : path;
    size_t len = strlen(shown);
    const char *cut = len > WELCOME_PATH_MAX ? shown + len - WELCOME_PATH_MAX
                                             : NULL;
    while (cut && (*cut & 0xC0) == 0x80)
        cut++; /* never into the middle of a character */
    /* plain ASCII: the same words in every locale */
    snprintf(out, size, "New diary at %s%s - type 0-9 for pain, ? for keys",
             cut ? "..." : in_home ? "~" : "", cut ? cut : shown);
}

/* `ache` alone: the full-screen diary needs a terminal on both ends. */
static int run_without_command(struct cli_ctx *ctx)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        cli_err(ctx,
                "ache: the full-screen diary needs a terminal; from a "
                "script use a command,\nfor example `ache add --pain 5` "
                "or `ache show` (see ache --help)\n");
        return EXIT_USAGE;
    }
    bool first_run = access(ctx->db_path, F_OK) != 0;
    struct store *st;
    int rc = cli_open_store(ctx, true, &st);
    if (rc != EXIT_OK)
        return rc;
    struct config conf;
    struct ache_err err = {{0}};
    char *path = config_path();
    bool bad = config_load(path, &conf, &err) != ACHE_OK;
    free(path);
    char welcome[160];
    first_run_welcome(ctx->db_path, welcome, sizeof welcome);
    struct app_start start = {.today = ctx->today,
                              .week_start = conf.week_start,
                              .notice = bad ? err.msg : NULL,
                              .welcome = first_run ? welcome : NULL};
    rc = app_run(st, &start);
    store_close(st);
    return rc;
}

static int dispatch(struct cli_ctx *ctx, int argc, char **argv, bool help)
{
    if (argc < 2) {
        if (help) {
            print_main_help(ctx->out);
            return EXIT_OK;
        }
        return run_without_command(ctx);
    }
    if (strcmp(argv[1], "--version") == 0) {
        fprintf(ctx->out, "ache %s\n", ACHE_VERSION);
        return EXIT_OK;
    }
    const struct cli_command *cmd = find_command(argv[1]);
    if (!cmd) {
        cli_err(ctx, "ache: '%s' is not a command (see ache --help)\n",
                argv[1]);
        return EXIT_USAGE;
    }
    if (help) {
        cli_print_command_help(cmd, ctx->out);
        return EXIT_OK;
    }
    ctx->command = cmd->name;
    return cmd->run(ctx, argc - 1, argv + 1);
}

int cli_main(int argc, char **argv)
{
    struct cli_ctx ctx = {.command = "", .out = stdout, .err = stderr};
    const char *db = NULL;
    bool help = false;
    struct ache_err err = {{0}};
    if (!take_global_options(&argc, argv, &db, &help)) {
        fprintf(stderr, "ache: --db needs a path (see ache --help)\n");
        return EXIT_USAGE;
    }
    if (date_today(&ctx.today, &err) != ACHE_OK) {
        cli_err(&ctx, "ache: %s\n", err.msg);
        return EXIT_USAGE;
    }
    char *path = db ? xstrdup(db) : config_default_db_path();
    ctx.db_path = path;
    int rc = dispatch(&ctx, argc, argv, help);
    free(path);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "ache: cannot write the output: %s\n",
                strerror(errno));
        return EXIT_FAIL;
    }
    return rc;
}

void cli_put_safe(FILE *out, const char *s)
{
    struct strbuf sb = {0};
    fputs(text_safe_str(&sb, s, cli_utf8(false) ? TEXT_SAFE_UTF8 : 0), out);
    strbuf_free(&sb);
}
