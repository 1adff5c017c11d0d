/* cli: the command line (entry layer). main.c hands the arguments to
 * cli_main, which runs the subcommand they name (or the full-screen diary
 * when there is none) and returns the exit status: 0 ok, 1 failure, 2 bad
 * usage or bad input (ache(1) lists them).
 */
#ifndef ACHE_CLI_H
#define ACHE_CLI_H

int cli_main(int argc, char **argv);

#endif
