/* ache: a private, terminal-first diary for chronic pain, fatigue and
 * sleep. main sets up the process and hands over to the command line. */
#include <sys/stat.h>

#include "ache/cli.h"

int main(int argc, char **argv)
{
    /* Health data is private: whatever ache creates is for the owner
     * only, whatever umask the shell had. */
    umask(077);
    /* The locale is not loaded here: ache's words are English, its dates
     * and numbers have one form (a decimal comma would break a CSV), and
     * its character set is loaded only where it is needed (the full
     * screen; see text_locale_utf8), as loading it takes longer than
     * drawing a chart. */
    return cli_main(argc, argv);
}
