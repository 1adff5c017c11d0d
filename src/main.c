/* ache: a private, terminal-first diary for chronic pain, fatigue and
 * sleep. main sets up the process and hands over to the command line. */
#include <locale.h>
#include <sys/stat.h>

#include "ache/cli.h"

int main(int argc, char **argv)
{
    /* Health data is private: whatever ache creates is for the owner
     * only, whatever umask the shell had. */
    umask(077);
    /* The character set alone: ache's words are English, its dates and
     * numbers have one form (a decimal comma would break a CSV), and
     * loading the other categories takes longer than drawing a chart. */
    setlocale(LC_CTYPE, "");
    return cli_main(argc, argv);
}
