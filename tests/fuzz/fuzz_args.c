/* libFuzzer target: command-line values. The input split on NUL bytes is
 * argv: its first word picks a command, the rest are its words.
 *
 * Commands that open the diary before touching any other file run whole
 * (their own option walk and value parsers) on a diary path that cannot
 * exist and cannot be made, so they stop at "no diary at PATH yet" once
 * their arguments are read. The others (add and demo make the diary,
 * import reads the file it is given) have their options walked by
 * cli_parse_args here, each value given to the parser that command uses.
 * Two run whole only when a first, silent walk of their words says they
 * will touch nothing: tags unless it adds a tag (which makes the diary),
 * remind only with --print and --at (it then prints the units it would
 * install; else it writes them, removes them or runs systemctl and
 * notify-send); otherwise their options are walked as the others'.
 * Nothing touches a diary, a file of the person's or the network.
 *
 * Checked on every input: no crash, no leak, an exit status of 0, 1 or 2
 * with a message for 1 and 2, and all that is printed free of control and
 * bidi characters (fuzz_check.h). `make fuzz` runs it; `make check` replays
 * tests/fuzz/corpus/args. */
#include <limits.h>
#include <locale.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "../../src/cli/cli_impl.h"
#include "ache/exchange.h"
#include "ache/regions.h"
#include "ache/report.h"
#include "ache/tags.h"
#include "fuzz_check.h"

/* /proc refuses new files, and nothing is there by this name. */
#define NO_DIARY "/proc/self/no-ache-diary-here/diary.db"
#define MAX_WORDS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*fuzz_run_fn)(struct cli_ctx *ctx, int argc, char **argv);

/* What a silent walk of a command's words saw: the options given (a bit
 * per row of its table) and the first word that is no option. */
struct fuzz_seen {
    const struct cli_opt *opts;
    unsigned long given;
    const char *first_word;
};

struct fuzz_command {
    const char *name;
    fuzz_run_fn run;             /* run whole, or NULL: */
    const struct cli_opt *opts;  /* only the values of these options */
    /* With both run and opts: whether the words seen are safe to run
     * whole (else only the values are walked). */
    bool (*safe)(const struct fuzz_seen *seen);
    /* Its exit status answers a shell (_complete: 1 an option with no
     * value, 3 a file's name), so 1 and 3 come with nothing on stderr. */
    bool answers_shell;
};

static bool seen_option(const struct fuzz_seen *seen, const char *name)
{
    for (size_t i = 0; seen->opts[i].name && i < 64; i++)
        if (strcmp(seen->opts[i].name, name) == 0)
            return (seen->given >> i) & 1;
    return false;
}

/* tags makes the diary only to add a tag (`tags add NAME`, `--add`). */
static bool tags_adds_nothing(const struct fuzz_seen *seen)
{
    return !seen_option(seen, "add") &&
           !(seen->first_word && strcmp(seen->first_word, "add") == 0);
}

/* remind --print --at only prints what it would install. */
static bool remind_only_prints(const struct fuzz_seen *seen)
{
    return seen_option(seen, "print") && seen_option(seen, "at") &&
           !seen_option(seen, "off") && !seen_option(seen, "notify") &&
           !seen->first_word;
}

static const struct fuzz_command commands[] = {
    {.name = "show", .run = cli_show},
    {.name = "list", .run = cli_list},
    {.name = "edit", .run = cli_edit},
    {.name = "rm", .run = cli_rm},
    {.name = "history", .run = cli_history},
    {.name = "undo", .run = cli_undo},
    {.name = "restore", .run = cli_restore},
    {.name = "calendar", .run = cli_calendar},
    {.name = "chart", .run = cli_chart},
    {.name = "spark", .run = cli_spark},
    {.name = "status", .run = cli_status},
    {.name = "insights", .run = cli_insights},
    {.name = "report", .run = cli_report},
    {.name = "export", .run = cli_export},
    {.name = "backup", .run = cli_backup},
    {.name = "check", .run = cli_check},
    {.name = "recover", .run = cli_recover},
    {.name = "doses", .run = cli_doses},
    {.name = "search", .run = cli_search},
    {.name = "_complete", .run = cli_complete, .answers_shell = true},
    {.name = "tags", .run = cli_tags, .opts = cli_tags_opts,
     .safe = tags_adds_nothing},
    {.name = "remind", .run = cli_remind, .opts = cli_remind_opts,
     .safe = remind_only_prints},
    {.name = "add", .opts = cli_add_opts},
    {.name = "demo", .opts = cli_demo_opts},
    {.name = "import", .opts = cli_import_opts},
};
#define COMMANDS (sizeof commands / sizeof commands[0])

/* What the options of add, demo, import and the gated commands fill. */
struct fuzz_values {
    struct checkin c;
    struct cli_range range;
    const char *command;
    int words; /* the words seen that are no option */
};

static enum ache_status take_tags(const struct cli_ctx *ctx,
                                  struct checkin *c, const char *value,
                                  struct ache_err *err)
{
    char **names = NULL;
    size_t count = 0;
    enum ache_status st = cli_parse_tags(ctx, value, &names, &count, err);
    for (size_t i = 0; i < count; i++) {
        if (st == ACHE_OK)
            checkin_add_tag(c, names[i]);
        free(names[i]);
    }
    free(names);
    return st;
}

static enum ache_status take_word(const char *name, const char *value,
                                  struct ache_err *err)
{
    enum exchange_format f;
    enum tag_kind kind;
    long n;
    struct report_hide hide = {0};
    bool ok = true;
    if (strcmp(name, "format") == 0)
        ok = exchange_format_parse(value, &f);
    else if (strcmp(name, "kind") == 0)
        ok = tag_kind_parse(value, &kind);
    else if (strcmp(name, "hide") == 0)
        return report_hide_parse(value, &hide, err);
    else if (strcmp(name, "days") == 0 || strcmp(name, "seed") == 0)
        ok = parse_int(value, LONG_MIN, LONG_MAX, &n);
    return ok ? ACHE_OK
              : ache_fail(err, ACHE_ERR_INVALID, "%s: '%s' is not allowed",
                          name, value);
}

/* One option's value, as add, demo, import, tags and remind read it
 * (remind's --at is read by remind itself, with --print). */
static enum ache_status take_value(const struct cli_ctx *ctx,
                                   struct fuzz_values *v, const char *name,
                                   const char *value, struct ache_err *err)
{
    enum checkin_field f = checkin_field_find(name);
    if (f != CF_COUNT && strcmp(name, "time") != 0)
        return checkin_parse_value(f, value, &v->c.value[f], err);
    if (strcmp(name, "date") == 0)
        return cli_parse_date(ctx, "date", value, true, &v->c.date, err);
    if (strcmp(name, "time") == 0)
        return cli_parse_time(ctx, value, &v->c.minute, err);
    if (strcmp(name, "regions") == 0)
        return region_set_parse(value, ',', &v->c.regions, err);
    if (strcmp(name, "tag") == 0 || strcmp(name, "add") == 0)
        return take_tags(ctx, &v->c, value, err);
    if (strcmp(name, "note") == 0) {
        checkin_set_note(&v->c, value);
        return ACHE_OK;
    }
    return take_word(name, value, err);
}

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    struct fuzz_values *v = arg;
    struct ache_err err = {{0}};
    /* after `tags add`, the name of the tag */
    if (!opt && strcmp(v->command, "tags") == 0 && v->words++ > 0) {
        enum ache_status st = take_tags(ctx, &v->c, value, &err);
        return st == ACHE_OK ? EXIT_OK : cli_fail(ctx, st, &err);
    }
    if (!opt || !value) /* a file name (never opened) or a flag */
        return EXIT_OK;
    if (strcmp(opt->name, "from") == 0 || strcmp(opt->name, "to") == 0)
        return cli_range_option(ctx, opt, value, &v->range);
    enum ache_status st = take_value(ctx, v, opt->name, value, &err);
    return st == ACHE_OK ? EXIT_OK : cli_fail(ctx, st, &err);
}

static int run_values(struct cli_ctx *ctx, const struct fuzz_command *cmd,
                      int argc, char **argv)
{
    struct fuzz_values v = {.command = cmd->name};
    checkin_init(&v.c, ctx->today);
    cli_range_init(ctx, &v.range);
    int rc = cli_parse_args(ctx, argc, argv, cmd->opts, take_arg, &v);
    if (rc == EXIT_OK)
        rc = cli_range_check(ctx, &v.range);
    checkin_free(&v.c);
    return rc;
}

static int note_seen(const struct cli_ctx *ctx, const struct cli_opt *opt,
                     const char *value, void *arg)
{
    struct fuzz_seen *seen = arg;
    (void)ctx;
    if (!opt && !seen->first_word)
        seen->first_word = value;
    else if (opt && opt - seen->opts < 64)
        seen->given |= 1ul << (opt - seen->opts);
    return EXIT_OK;
}

/* Whether cmd runs whole on these words: always when it has no gate,
 * else when a walk that prints nothing finds them safe. */
static bool runs_whole(const struct cli_ctx *ctx,
                       const struct fuzz_command *cmd, int argc, char **argv)
{
    if (!cmd->run || !cmd->safe)
        return cmd->run != NULL;
    struct fuzz_seen seen = {.opts = cmd->opts};
    struct cli_ctx quiet = *ctx;
    quiet.out = quiet.err = fopen("/dev/null", "w");
    if (!quiet.out)
        fuzz_die("cannot open /dev/null", "");
    int rc = cli_parse_args(&quiet, argc, argv, cmd->opts, note_seen, &seen);
    fclose(quiet.out);
    return rc == EXIT_OK && cmd->safe(&seen);
}

static const struct fuzz_command *pick(const char *word)
{
    for (size_t i = 0; i < COMMANDS; i++)
        if (strcmp(commands[i].name, word) == 0)
            return &commands[i];
    return &commands[(unsigned char)word[0] % COMMANDS];
}

/* argv from the input split on NUL bytes, each word in a buffer of its
 * own exact size (so that reading past one is caught). */
static int split_words(const uint8_t *data, size_t size, char **argv)
{
    int argc = 0;
    size_t at = 0;
    do {
        const uint8_t *nul = memchr(data + at, 0, size - at);
        size_t end = nul ? (size_t)(nul - data) : size;
        argv[argc++] = xstrndup((const char *)data + at, end - at);
        at = end + 1;
    } while (at <= size && argc < MAX_WORDS);
    argv[argc] = NULL;
    return argc;
}

/* The answers of _complete: 0, 1 and 3 never print an error into the
 * line being typed; a usage error (2) says why, as any command's does. */
static void check_shell_answer(int rc, const char *errors)
{
    if (rc != EXIT_OK && rc != EXIT_FAIL && rc != EXIT_USAGE && rc != 3)
        fuzz_die("_complete: an exit status other than 0, 1, 2 or 3", errors);
    if (rc != EXIT_USAGE && *errors)
        fuzz_die("_complete: an error printed into a line being typed",
                 errors);
    if (rc == EXIT_USAGE && !*errors)
        fuzz_die("a refusal without a message", "");
}

/* A usage error says why on stderr; exit 1 says something somewhere
 * (status answers "no check-in yet" on stdout). */
static void check_outcome(const struct fuzz_command *cmd, int rc,
                          const char *output, const char *errors)
{
    if (cmd->answers_shell)
        check_shell_answer(rc, errors);
    else if (rc != EXIT_OK && rc != EXIT_FAIL && rc != EXIT_USAGE)
        fuzz_die("an exit status other than 0, 1 or 2", errors);
    else if ((rc == EXIT_USAGE && !*errors) ||
             (rc == EXIT_FAIL && !*errors && !*output))
        fuzz_die("a refusal without a message", "");
    fuzz_check_clean(errors, true);
    fuzz_check_clean(output, true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) { /* messages in UTF-8, where controls could hide */
        setlocale(LC_ALL, "C.UTF-8");
        setenv("XDG_CONFIG_HOME", "/proc/self/no-ache-settings-here", 1);
        ready = true;
    }
    char *argv[MAX_WORDS + 1];
    int argc = split_words(data, size, argv);
    const struct fuzz_command *cmd = pick(argv[0]);
    char *out_text = NULL, *err_text = NULL;
    size_t out_len = 0, err_len = 0;
    struct cli_ctx ctx = {
        .command = cmd->name,
        .db_path = NO_DIARY,
        .today = date_from_ymd(2026, 11, 24),
        .out = open_memstream(&out_text, &out_len),
        .err = open_memstream(&err_text, &err_len),
    };
    if (!ctx.out || !ctx.err)
        fuzz_die("open_memstream failed", "");
    int rc = runs_whole(&ctx, cmd, argc, argv)
                 ? cmd->run(&ctx, argc, argv)
                 : run_values(&ctx, cmd, argc, argv);
    fclose(ctx.out);
    fclose(ctx.err);
    check_outcome(cmd, rc, out_text, err_text);
    free(out_text);
    free(err_text);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    return 0;
}
