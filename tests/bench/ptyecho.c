/* The overhead of measuring through the pseudo-terminal: a program that
 * does no work, but writes as many bytes as ache does, so the bench can
 * time the pty, libvterm and its own loop and subtract them.
 *
 *   ptyecho FIRST SIZE...
 *
 * At start it writes FIRST bytes of screen text; then each key 'a'+i
 * answers with SIZE[i] bytes; 'q' (or end of input) ends it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

enum { MAX_SIZES = 8, MAX_PAYLOAD = 1 << 20 };

static char payload[MAX_PAYLOAD];

/* Rows of letters, each placed with a cursor move as curses would, filling
 * exactly n bytes; `shift` changes the letters between replies. */
static size_t fill(size_t n, int shift)
{
    size_t len = 0;
    int row = 0;
    if (n > sizeof payload)
        n = sizeof payload;
    while (len < n) {
        char cup[16];
        int c = snprintf(cup, sizeof cup, "\x1b[%d;1H", row % 22 + 1);
        /* Too little room left for a move: plain letters end the payload. */
        if (n - len > (size_t)c + 1) {
            memcpy(payload + len, cup, (size_t)c);
            len += (size_t)c;
        }
        for (int col = 0; col < 80 && len < n; col++)
            payload[len++] = (char)('a' + (row + col + shift) % 26);
        row++;
    }
    return len;
}

static void put(size_t n, int shift)
{
    size_t len = fill(n, shift), done = 0;
    while (done < len) {
        ssize_t w = write(STDOUT_FILENO, payload + done, len - done);
        if (w <= 0)
            exit(1);
        done += (size_t)w;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 2 + MAX_SIZES) {
        fputs("usage: ptyecho FIRST SIZE...\n", stderr);
        return 2;
    }
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(STDIN_FILENO, TCSANOW, &tio);
    }
    put(strtoul(argv[1], NULL, 10), 0);
    char key;
    for (int shift = 1; read(STDIN_FILENO, &key, 1) == 1 && key != 'q';
         shift++) {
        int i = key - 'a';
        if (i >= 0 && i < argc - 2)
            put(strtoul(argv[2 + i], NULL, 10), shift);
    }
    return 0;
}
