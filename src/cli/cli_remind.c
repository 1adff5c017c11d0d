/* cli_remind: `ache remind`, a gentle reminder to check in. `--at` installs
 * a systemd user timer (Persistent, so a reminder missed while the computer
 * slept comes when it wakes) or, with no systemd, prints crontab lines;
 * `--off` removes it; `--print` shows it. The timer runs `ache remind
 * --notify --at TIMES`: the times travel in the unit itself, so that no
 * second copy of them can disagree. A reminder is sent only when no
 * check-in was made since the previous reminder time of the day.
 *
 * Other programs (systemctl, notify-send) run through posix_spawnp with
 * their words as they are: never through a shell. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ache/date.h"
#include "ache/store.h"
#include "ache/util.h"
#include "cli_impl.h"

extern char **environ;

#define DAY_MINUTES (24 * 60)
#define UNIT_NAME "ache-remind"
#define UNIT_HEADER "# Written by `ache remind`; `ache remind --off` removes it.\n"
#define CALENDAR_PREFIX "OnCalendar=*-*-* "

const struct cli_opt cli_remind_opts[] = {
    {"at", 0, "HH:MM,...", "the times of day to be reminded at"},
    {"off", 0, NULL, "remove the reminders"},
    {"print", 0, NULL, "show what --at would install; install nothing"},
    {"notify", 0, NULL,
     "remind now, unless checked in since the previous time"},
    {0}};

struct remind_args {
    const char *at; /* --at's text, NULL when not given */
    bool off, print, notify;
};

/* Reminder times, minutes since midnight, ascending, no two alike. */
struct remind_times {
    int n;
    int minute[DAY_MINUTES];
};

/* What `--at` installs: where, and the two unit files' text. */
struct remind_plan {
    struct remind_times times;
    char *dir, *service_path, *timer_path;
    struct strbuf command; /* the words the timer runs, quoted for systemd */
    struct strbuf cron;    /* the same, quoted for a crontab */
    struct strbuf service, timer;
};

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    struct remind_args *a = arg;
    if (!opt)
        return cli_unexpected(ctx, value);
    if (strcmp(opt->name, "at") == 0)
        a->at = value;
    else if (strcmp(opt->name, "off") == 0)
        a->off = true;
    else if (strcmp(opt->name, "print") == 0)
        a->print = true;
    else
        a->notify = true;
    return EXIT_OK;
}

/* The options that cannot go together, named as they were typed. */
static int check_combination(const struct cli_ctx *ctx,
                             const struct remind_args *a)
{
    const char *clash = a->off && a->at       ? "--off and --at"
                        : a->off && a->print  ? "--off and --print"
                        : a->off && a->notify ? "--off and --notify"
                        : a->notify && a->print ? "--notify and --print"
                                                : NULL;
    if (clash)
        return cli_usage_error(ctx, "%s cannot go together", clash);
    if (a->print && !a->at)
        return cli_usage_error(ctx, "--print needs --at (the times to show)");
    return EXIT_OK;
}

/* "9:00" or "09:00" (len bytes at s) into minutes, as a time typed on
 * the command line is read (time_parse_typed). */
static bool parse_time_item(const char *s, size_t len, int *minute)
{
    char buf[6];
    if (len != 4 && len != 5)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return time_parse_typed(buf, minute);
}

static int parse_times(const struct cli_ctx *ctx, const char *text,
                       struct remind_times *t)
{
    bool seen[DAY_MINUTES] = {false};
    if (str_is_blank(text))
        return cli_usage_error(ctx, "at: give one or more times of day, as "
                                    "--at 09:00,21:00");
    for (const char *p = text;; p++) {
        size_t len = strcspn(p, ",");
        int m;
        char shown[TIME_BUF];
        if (len == 0)
            return cli_usage_error(ctx, "at: a time is missing in '%s' "
                                        "(use HH:MM,HH:MM)", text);
        if (!parse_time_item(p, len, &m))
            return cli_usage_error(ctx, "at: '%.*s' is not a time of day "
                                        "(use HH:MM, from 00:00 to 23:59)",
                                   (int)len, p);
        if (seen[m])
            return cli_usage_error(ctx, "at: %s is given twice",
                                   time_format(m, shown));
        seen[m] = true;
        p += len;
        if (*p == '\0')
            break;
    }
    t->n = 0;
    for (int m = 0; m < DAY_MINUTES; m++)
        if (seen[m])
            t->minute[t->n++] = m;
    return EXIT_OK;
}

/* "09:00", "09:00 and 21:00", "08:00, 13:00 and 21:00". */
static void times_describe(const struct remind_times *t, struct strbuf *out)
{
    for (int i = 0; i < t->n; i++) {
        char shown[TIME_BUF];
        strbuf_printf(out, "%s%s",
                      i == 0 ? "" : i == t->n - 1 ? " and " : ", ",
                      time_format(t->minute[i], shown));
    }
}

/* "09:00,21:00": the value of --at. */
static void times_list(const struct remind_times *t, struct strbuf *out)
{
    for (int i = 0; i < t->n; i++) {
        char shown[TIME_BUF];
        strbuf_printf(out, "%s%s", i ? "," : "",
                      time_format(t->minute[i], shown));
    }
}

/* ---- running other programs ------------------------------------------------ */

/* Whether `name` is an executable file in a folder of $PATH. */
static bool on_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    for (const char *p = path;; p++) {
        size_t len = strcspn(p, ":");
        char *file = xasprintf("%.*s/%s", (int)len, len ? p : ".", name);
        struct stat sb;
        bool found = stat(file, &sb) == 0 && S_ISREG(sb.st_mode) &&
                     access(file, X_OK) == 0;
        free(file);
        p += len;
        if (found)
            return true;
        if (*p == '\0')
            return false;
    }
}

/* Runs argv (argv[0] found on $PATH) with no input, its output (both
 * streams) kept in *said. Returns its exit status, or -1 when it could not
 * be started or did not exit. */
static int run_program(char *const argv[], struct strbuf *said)
{
    FILE *out = tmpfile();
    if (!out)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fileno(out), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(out), STDERR_FILENO);
    pid_t pid;
    int status = 0, rc = -1;
    fflush(NULL); /* nothing of ours is written twice by the child */
    if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) == 0) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    posix_spawn_file_actions_destroy(&fa);
    char *text = NULL;
    size_t len = 0;
    if (fflush(out) == 0 && fseek(out, 0, SEEK_SET) == 0 &&
        fd_read_all(fileno(out), &text, &len) == 0)
        strbuf_appendn(said, text, strcspn(text, "\n"));
    free(text);
    fclose(out);
    return rc;
}

/* Runs `systemctl --user VERB [UNIT]`; on failure says why in *why. */
static bool systemctl(const char *verb, const char *extra, struct strbuf *why)
{
    char *argv[] = {"systemctl", "--user", (char *)verb, (char *)extra,
                    (char *)(extra ? UNIT_NAME ".timer" : NULL), NULL};
    struct strbuf said = {0};
    int rc = run_program(argv, &said);
    if (rc != 0) {
        strbuf_printf(why, "`systemctl --user %s%s%s` failed", verb,
                      extra ? " " : "", extra ? extra : "");
        if (said.len)
            strbuf_printf(why, " (%s)", strbuf_str(&said));
        else if (rc > 0)
            strbuf_printf(why, " (exit status %d)", rc);
    }
    strbuf_free(&said);
    return rc == 0;
}

/* ---- what is installed ------------------------------------------------------ */

static char *unit_dir(void)
{
    char *config = xdg_dir("XDG_CONFIG_HOME", ".config");
    char *dir = xasprintf("%s/systemd/user", config);
    free(config);
    return dir;
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* The times an installed timer reminds at (its OnCalendar lines); n 0
 * when there is none. */
static void installed_times(const char *timer_path, struct remind_times *t)
{
    char *data = NULL;
    size_t len = 0;
    struct ache_err err = {{0}};
    t->n = 0;
    if (file_read_all(timer_path, &data, &len, &err) != ACHE_OK)
        return;
    for (char *line = data; line && *line && t->n < DAY_MINUTES;) {
        char *end = strchr(line, '\n');
        int m;
        if (str_starts_with(line, CALENDAR_PREFIX) &&
            parse_time_item(line + strlen(CALENDAR_PREFIX), 5, &m))
            t->minute[t->n++] = m;
        line = end ? end + 1 : NULL;
    }
    free(data);
}

/* ---- quoting ------------------------------------------------------------------ */

static bool is_plain_word(const char *w)
{
    return *w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
                           "VWXYZ0123456789_./:,=+-") == strlen(w);
}

/* A word of ExecStart: double quotes around anything but a plain word,
 * with \ and " escaped, % and $ doubled (systemd's specifiers and
 * variables). */
static void quote_systemd(const char *w, struct strbuf *out)
{
    if (is_plain_word(w)) {
        strbuf_append(out, w);
        return;
    }
    strbuf_putc(out, '"');
    for (; *w; w++) {
        if (*w == '\\' || *w == '"')
            strbuf_putc(out, '\\');
        else if (*w == '%' || *w == '$')
            strbuf_putc(out, *w);
        strbuf_putc(out, *w);
    }
    strbuf_putc(out, '"');
}

/* A word of a crontab command (run by sh): single quotes around anything
 * but a plain word, ' as '\'', and % escaped for cron, which would turn
 * it into a new line. */
static void quote_cron(const char *w, struct strbuf *out)
{
    if (is_plain_word(w)) {
        strbuf_append(out, w);
        return;
    }
    strbuf_putc(out, '\'');
    for (; *w; w++) {
        if (*w == '\'')
            strbuf_append(out, "'\\''");
        else if (*w == '%')
            strbuf_append(out, "\\%");
        else
            strbuf_putc(out, *w);
    }
    strbuf_putc(out, '\'');
}

/* ---- the plan ------------------------------------------------------------------ */

/* The diary's path as the timer must name it: NULL for the default diary
 * (the one ache opens with neither --db nor ACHE_DB), else absolute. */
static char *diary_argument(const struct cli_ctx *ctx)
{
    char *data = xdg_dir("XDG_DATA_HOME", ".local/share");
    char *fallback = xasprintf("%s/ache/diary.db", data);
    char *given = path_canonical(ctx->db_path);
    char *usual = path_canonical(fallback);
    bool is_default = strcmp(given ? given : ctx->db_path,
                             usual ? usual : fallback) == 0;
    char *arg = NULL;
    if (!is_default && given)
        arg = xstrdup(given);
    else if (!is_default) {
        char cwd[4096];
        arg = ctx->db_path[0] == '/' || !getcwd(cwd, sizeof cwd)
                  ? xstrdup(ctx->db_path)
                  : xasprintf("%s/%s", cwd, ctx->db_path);
    }
    free(data);
    free(fallback);
    free(given);
    free(usual);
    return arg;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* The words the timer runs, quoted both ways into the plan. */
static int plan_command(const struct cli_ctx *ctx, struct remind_plan *p)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        cli_err(ctx, "ache remind: cannot tell where the ache program is "
                     "(/proc/self/exe): %s\n", strerror(errno));
        return EXIT_FAIL;
    }
    self[n] = '\0';
    char *db = diary_argument(ctx);
    struct strbuf at = {0};
    times_list(&p->times, &at);
    const char *words[] = {self, db ? "--db" : "remind", db ? db : "--notify",
                           db ? "remind" : "--at", db ? "--notify" : at.data,
                           db ? "--at" : NULL, db ? at.data : NULL, NULL};
    int rc = EXIT_OK;
    for (size_t i = 0; words[i]; i++) {
        if (has_control(words[i])) {
            cli_err(ctx, "ache remind: %s holds a control character, which "
                         "a unit file or a crontab cannot carry\n", words[i]);
            rc = EXIT_USAGE;
            break;
        }
        strbuf_append(&p->command, i ? " " : "");
        strbuf_append(&p->cron, i ? " " : "");
        quote_systemd(words[i], &p->command);
        quote_cron(words[i], &p->cron);
    }
    strbuf_free(&at);
    free(db);
    return rc;
}

static void plan_units(struct remind_plan *p)
{
    struct strbuf when = {0};
    times_describe(&p->times, &when);
    strbuf_printf(&p->service,
                  UNIT_HEADER "[Unit]\nDescription=A reminder to check in "
                  "to ache\n\n[Service]\nType=oneshot\nExecStart=%s\n",
                  strbuf_str(&p->command));
    strbuf_printf(&p->timer,
                  UNIT_HEADER "[Unit]\nDescription=Reminders to check in to "
                  "ache at %s\n\n[Timer]\n", strbuf_str(&when));
    for (int i = 0; i < p->times.n; i++) {
        char shown[TIME_BUF];
        strbuf_printf(&p->timer, CALENDAR_PREFIX "%s:00\n",
                      time_format(p->times.minute[i], shown));
    }
    strbuf_append(&p->timer,
                  "Persistent=true\n\n[Install]\nWantedBy=timers.target\n");
    strbuf_free(&when);
}

static void plan_paths(struct remind_plan *p)
{
    p->dir = unit_dir();
    p->service_path = xasprintf("%s/%s.service", p->dir, UNIT_NAME);
    p->timer_path = xasprintf("%s/%s.timer", p->dir, UNIT_NAME);
}

static void plan_free(struct remind_plan *p)
{
    free(p->dir);
    free(p->service_path);
    free(p->timer_path);
    strbuf_free(&p->command);
    strbuf_free(&p->cron);
    strbuf_free(&p->service);
    strbuf_free(&p->timer);
}

/* "0 9 * * * COMMAND", a line a time. */
static void print_cron_lines(const struct cli_ctx *ctx,
                             const struct remind_plan *p)
{
    for (int i = 0; i < p->times.n; i++)
        fprintf(ctx->out, "%d %d * * * %s\n", p->times.minute[i] % 60,
                p->times.minute[i] / 60, strbuf_str(&p->cron));
}

/* ---- --print, --at, --off, the state ------------------------------------------ */

static int print_plan(const struct cli_ctx *ctx, const struct remind_plan *p)
{
    if (!on_path("systemctl")) {
        fprintf(ctx->out, "# systemctl is not on PATH: lines for crontab "
                          "-e\n");
        print_cron_lines(ctx, p);
        return EXIT_OK;
    }
    fprintf(ctx->out,
            "# %s\n%s\n# %s\n%s\n# then: systemctl --user daemon-reload; "
            "systemctl --user enable --now %s.timer\n",
            p->service_path, strbuf_str(&p->service), p->timer_path,
            strbuf_str(&p->timer), UNIT_NAME);
    return EXIT_OK;
}

/* mkdir -p of dir; folders made here get 0700 (those there are left). */
static int make_folders(const struct cli_ctx *ctx, const char *dir)
{
    char *path = xstrdup(dir);
    int rc = EXIT_OK;
    for (char *s = path + 1;; s++) {
        bool end = *s == '\0';
        if (*s != '/' && !end)
            continue;
        *s = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            cli_err(ctx, "ache remind: %s: %s\n", path, strerror(errno));
            rc = EXIT_FAIL;
            break;
        }
        if (end)
            break;
        *s = '/';
    }
    free(path);
    return rc;
}

static int fill_text(int fd, void *arg)
{
    const struct strbuf *text = arg;
    return fd_write_all(fd, text->data, text->len);
}

static int write_units(const struct cli_ctx *ctx, struct remind_plan *p)
{
    int rc = make_folders(ctx, p->dir);
    if (rc == EXIT_OK)
        rc = cli_replace_file(ctx, p->service_path, fill_text, &p->service);
    if (rc == EXIT_OK)
        rc = cli_replace_file(ctx, p->timer_path, fill_text, &p->timer);
    return rc;
}

/* Takes the unit files away again, and the link `enable` made. Returns 0
 * or the errno of the first that could not be removed (one not there is
 * removed already). */
static int remove_units(const struct remind_plan *p)
{
    char *wants = xasprintf("%s/timers.target.wants/%s.timer", p->dir,
                            UNIT_NAME);
    const char *files[] = {wants, p->timer_path, p->service_path};
    int e = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (unlink(files[i]) != 0 && errno != ENOENT && e == 0)
            e = errno;
    free(wants);
    return e;
}

static int cron_instead(const struct cli_ctx *ctx, const struct remind_plan *p,
                        const char *why)
{
    cli_err(ctx, "ache remind: %s, so no timer was installed.\nTo be "
                 "reminded by cron instead, add %s to your crontab "
                 "(crontab -e):\n",
            why, p->times.n == 1 ? "this line" : "these lines");
    print_cron_lines(ctx, p);
    return EXIT_OK;
}

static int install(const struct cli_ctx *ctx, struct remind_plan *p)
{
    if (!on_path("systemctl"))
        return cron_instead(ctx, p, "systemctl is not on PATH");
    int rc = write_units(ctx, p);
    if (rc != EXIT_OK)
        return rc;
    struct strbuf why = {0};
    if (!systemctl("daemon-reload", NULL, &why) ||
        !systemctl("enable", "--now", &why)) {
        struct strbuf again = {0};
        remove_units(p);
        systemctl("daemon-reload", NULL, &again);
        rc = cron_instead(ctx, p, strbuf_str(&why));
        strbuf_free(&again);
        strbuf_free(&why);
        return rc;
    }
    struct strbuf when = {0};
    times_describe(&p->times, &when);
    fprintf(ctx->out, "ache: reminders at %s, by the systemd user timer "
                      "%s.timer, each only when no check-in was made since "
                      "the one before (`ache remind --off` removes them)\n",
            strbuf_str(&when), UNIT_NAME);
    strbuf_free(&when);
    return EXIT_OK;
}

static int turn_off(const struct cli_ctx *ctx)
{
    struct remind_plan p = {0};
    plan_paths(&p);
    int rc = EXIT_OK;
    if (!exists(p.service_path) && !exists(p.timer_path)) {
        fprintf(ctx->out, "ache: no reminders were installed: nothing to "
                          "remove (a line added to a crontab by hand stays: "
                          "crontab -e)\n");
    } else {
        struct strbuf why = {0};
        bool systemd = on_path("systemctl");
        if (systemd && !systemctl("disable", "--now", &why))
            cli_err(ctx, "ache remind: %s; removing the files all the "
                         "same\n", strbuf_str(&why));
        int e = remove_units(&p);
        if (e != 0) {
            cli_err(ctx, "ache remind: %s: %s\n", p.dir, strerror(e));
            rc = EXIT_FAIL;
        } else {
            if (systemd)
                systemctl("daemon-reload", NULL, &why);
            fprintf(ctx->out, "ache: reminders removed (the timer %s.timer "
                              "is off and its files are gone)\n", UNIT_NAME);
        }
        strbuf_free(&why);
    }
    plan_free(&p);
    return rc;
}

static int show_state(const struct cli_ctx *ctx)
{
    struct remind_plan p = {0};
    plan_paths(&p);
    installed_times(p.timer_path, &p.times);
    if (p.times.n == 0) {
        fprintf(ctx->out, "ache: no reminders installed (`ache remind --at "
                          "09:00,21:00` sets them)\n");
    } else {
        struct strbuf when = {0};
        times_describe(&p.times, &when);
        fprintf(ctx->out, "ache: reminders at %s (systemd user timer %s)\n",
                strbuf_str(&when), p.timer_path);
        strbuf_free(&when);
    }
    plan_free(&p);
    return EXIT_OK;
}

/* ---- --notify ------------------------------------------------------------------- */

/* The local time of day of a stamp, in minutes. */
static int stamp_minute(int64_t ms)
{
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    return localtime_r(&secs, &tm) ? tm.tm_hour * 60 + tm.tm_min : 0;
}

/* When today's latest check-in was made: its time of day, or for one
 * without a time when it was written (midnight when that was another day).
 * -1 when today has none. */
static int latest_checkin(const struct cli_ctx *ctx, int *minute)
{
    struct store *st;
    struct checkin_list list = {0};
    struct ache_err err = {{0}};
    *minute = -1;
    if (access(ctx->db_path, F_OK) != 0)
        return EXIT_OK; /* no diary yet: no check-in */
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s =
        store_list_range(st, ctx->today, ctx->today, &list, &err);
    store_close(st);
    for (size_t i = 0; s == ACHE_OK && i < list.n; i++) {
        const struct checkin *c = &list.items[i];
        int at = c->minute >= 0 ? c->minute
                 : c->created_at && stamp_local_day(c->created_at) ==
                                        ctx->today
                     ? stamp_minute(c->created_at)
                     : 0;
        if (at > *minute)
            *minute = at;
    }
    checkin_list_free(&list);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* The reminder time before the one now due (midnight for the first of the
 * day, or when none is due yet). */
static int previous_time(const struct remind_times *t, int now)
{
    int due = -1;
    for (int i = 0; i < t->n && t->minute[i] <= now; i++)
        due = i;
    return due > 0 ? t->minute[due - 1] : 0;
}

static int send_reminder(const struct cli_ctx *ctx, int since)
{
    char shown[TIME_BUF];
    char *what = since ? xasprintf("no check-in since %s",
                                   time_format(since, shown))
                       : xstrdup("no check-in yet today");
    int rc = EXIT_OK;
    if (!on_path("notify-send")) {
        fprintf(ctx->out, "ache: %s (notify-send is not on PATH, so no "
                          "notification)\n", what);
    } else {
        char *argv[] = {"notify-send", "--app-name=ache", "ache",
                        "A check-in, whenever it suits you.", NULL};
        struct strbuf said = {0};
        int st = run_program(argv, &said);
        if (st == 0) {
            fprintf(ctx->out, "ache: %s; a reminder was sent\n", what);
        } else {
            cli_err(ctx, "ache remind: notify-send failed (%s)\n",
                    said.len ? strbuf_str(&said) : "it did not run");
            rc = EXIT_FAIL;
        }
        strbuf_free(&said);
    }
    free(what);
    return rc;
}

static int notify(const struct cli_ctx *ctx, struct remind_times *t,
                  bool given)
{
    if (!given) {
        char *dir = unit_dir(), *timer = xasprintf("%s/%s.timer", dir,
                                                   UNIT_NAME);
        installed_times(timer, t);
        free(dir);
        free(timer);
    }
    int since = previous_time(t, time_now_local()), latest;
    int rc = latest_checkin(ctx, &latest);
    if (rc != EXIT_OK)
        return rc;
    if (latest < 0 || latest < since)
        return send_reminder(ctx, since);
    char shown[TIME_BUF];
    fprintf(ctx->out, "ache: checked in at %s; no reminder\n",
            time_format(latest, shown));
    return EXIT_OK;
}

int cli_remind(struct cli_ctx *ctx, int argc, char **argv)
{
    struct remind_args a = {0};
    int rc = cli_parse_args(ctx, argc, argv, cli_remind_opts, take_arg, &a);
    if (rc == EXIT_OK)
        rc = check_combination(ctx, &a);
    if (rc != EXIT_OK)
        return rc;
    if (a.off)
        return turn_off(ctx);
    if (!a.at && !a.notify)
        return show_state(ctx);
    struct remind_plan p = {0};
    if (a.at)
        rc = parse_times(ctx, a.at, &p.times);
    if (rc == EXIT_OK && a.notify)
        rc = notify(ctx, &p.times, a.at != NULL);
    else if (rc == EXIT_OK) {
        plan_paths(&p);
        rc = plan_command(ctx, &p);
        if (rc == EXIT_OK) {
            plan_units(&p);
            rc = a.print ? print_plan(ctx, &p) : install(ctx, &p);
        }
    }
    plan_free(&p);
    return rc;
}
