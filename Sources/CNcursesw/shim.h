#ifndef BBCLERK_CNCURSESW_SHIM_H
#define BBCLERK_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, so ask for the wide API explicitly:
// without it get_wch, cchar_t and setcchar are invisible.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>
#include <sys/ioctl.h>
#include <unistd.h>

// The terminal's size from the kernel (ioctl is variadic, which Swift cannot call).
static inline int bb_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// How many bytes the kernel holds for reading on `fd` (FIONREAD), or -1 if it cannot say.
static inline int bb_pending_bytes(int fd) {
    int count = 0;
    if (ioctl(fd, FIONREAD, &count) != 0) return -1;
    return count;
}

// Swift 6 rejects mutable C globals (stdscr, COLS, LINES, COLORS, COLOR_PAIRS, stdin,
// stdout) and cannot import function-like macros (A_*, COLOR_PAIR, KEY_F, get_wch,
// mvadd_wch). These accessors are what CursesTerminal uses instead.

static inline WINDOW *bb_stdscr(void) { return stdscr; }
static inline int bb_cols(void) { return COLS; }
static inline int bb_lines(void) { return LINES; }
static inline int bb_colors(void) { return COLORS; }
static inline int bb_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *bb_stdin(void) { return stdin; }
static inline FILE *bb_stdout(void) { return stdout; }

static inline attr_t bb_attr_normal(void) { return A_NORMAL; }
static inline attr_t bb_attr_bold(void) { return A_BOLD; }
static inline attr_t bb_attr_reverse(void) { return A_REVERSE; }
static inline attr_t bb_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t bb_attr_dim(void) { return A_DIM; }
static inline attr_t bb_attr_italic(void) { return A_ITALIC; }
static inline attr_t bb_attr_standout(void) { return A_STANDOUT; }
static inline attr_t bb_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

/// Builds a cchar_t from a NUL-terminated wide string (one spacing character followed by
/// at most CCHARW_MAX-1 combining characters), attributes and a colour pair.
static inline int bb_setcchar(cchar_t *out, const wchar_t *wch, attr_t attrs, short pair) {
    return setcchar(out, wch, attrs, pair, NULL);
}
static inline int bb_ccharw_max(void) { return CCHARW_MAX; }

/// Reads one key or wide character from stdscr (get_wch is a macro).
static inline int bb_get_wch(wint_t *out) { return wget_wch(stdscr, out); }
/// Reads one key or byte from stdscr (wgetch: a key code above 255, ERR, or a byte), for a
/// locale that is not UTF-8; puts one back for the next read.
static inline int bb_getch(void) { return wgetch(stdscr); }
static inline int bb_ungetch(int ch) { return ungetch(ch); }
static inline int bb_mvadd_wch(int y, int x, const cchar_t *ch) { return mvwadd_wch(stdscr, y, x, ch); }
static inline void bb_timeout(int ms) { wtimeout(stdscr, ms); }

static inline int bb_ok(void) { return OK; }
static inline int bb_err(void) { return ERR; }
static inline int bb_key_code_yes(void) { return KEY_CODE_YES; }

static inline int bb_key_down(void) { return KEY_DOWN; }
static inline int bb_key_up(void) { return KEY_UP; }
static inline int bb_key_left(void) { return KEY_LEFT; }
static inline int bb_key_right(void) { return KEY_RIGHT; }
static inline int bb_key_home(void) { return KEY_HOME; }
static inline int bb_key_end(void) { return KEY_END; }
static inline int bb_key_backspace(void) { return KEY_BACKSPACE; }
static inline int bb_key_dc(void) { return KEY_DC; }
static inline int bb_key_npage(void) { return KEY_NPAGE; }
static inline int bb_key_ppage(void) { return KEY_PPAGE; }
static inline int bb_key_enter(void) { return KEY_ENTER; }
static inline int bb_key_btab(void) { return KEY_BTAB; }
static inline int bb_key_resize(void) { return KEY_RESIZE; }
static inline int bb_key_f0(void) { return KEY_F0; }
static inline int bb_key_f(int n) { return KEY_F(n); }

// For writing a hyperlink's cells again around OSC 8 (CursesTerminal.paintHyperlinks):
// the attribute sequences through ncurses, which then knows what the terminal is set to;
// where ncurses left the cursor; whether the terminal wraps at the right margin.
static inline int bb_vid_puts(attr_t attrs, short pair, int (*out)(int)) { return vid_puts(attrs, pair, NULL, out); }
static inline int bb_cury(void) { return getcury(stdscr); }
static inline int bb_curx(void) { return getcurx(stdscr); }
static inline int bb_auto_margins(void) { return tigetflag("am") > 0; }
#endif
