#ifndef BBCLERK_CNCURSESW_SHIM_H
#define BBCLERK_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, so ask for the wide API explicitly.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>
#endif
