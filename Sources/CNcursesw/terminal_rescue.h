#ifndef BBCLERK_CNCURSESW_TERMINAL_RESCUE_H
#define BBCLERK_CNCURSESW_TERMINAL_RESCUE_H
// Gives the terminal back when bbclerk dies of a fatal signal (a crash, a Swift runtime trap,
// abort, or someone's `kill -SEGV`), before anything else is printed: the saved terminal
// modes are restored with tcsetattr and the reset sequence is written with write(2), both
// async-signal-safe. Then the handler that was there before (the Swift runtime's crash
// reporter) runs, now on the main screen of a cooked terminal, and the signal ends the
// process with its default action, so the exit status and any core dump are as usual.
//
// C because a signal handler must not touch the Swift runtime (no allocation, no locks).
// Header-only, like shim.h: only CursesUI imports this module, so there is one copy of the
// state below.
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define BB_RESCUE_SIGNAL_COUNT 6
#define BB_RESCUE_SEQUENCE_MAX 128
#define BB_RESCUE_STACK_SIZE (256 * 1024)

/// The fatal signals: faults, a Swift runtime trap (SIGILL on x86-64, SIGTRAP on ARM), abort.
static inline int bb_rescue_signal(int index) {
    static const int numbers[BB_RESCUE_SIGNAL_COUNT] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    return numbers[index];
}

/// Everything the handler needs, prepared before any signal can arrive.
struct bb_rescue_state {
    struct sigaction previous[BB_RESCUE_SIGNAL_COUNT];
    struct termios termios;
    int termios_fd;
    int output_fd;
    char sequence[BB_RESCUE_SEQUENCE_MAX];
    size_t sequence_length;
    volatile sig_atomic_t armed;
    volatile sig_atomic_t done;
};

// A function-local static rather than file-scope ones: Swift's importer emits the bodies of
// the inline functions it calls, with their local statics, but not file-scope variables.
static inline struct bb_rescue_state *bb_rescue(void) {
    static struct bb_rescue_state state = { .termios_fd = -1, .output_fd = -1 };
    return &state;
}

/// Restores the terminal once, whichever signal (or thread) gets here first. Async-signal-safe.
static void bb_rescue_restore_terminal(void) {
    struct bb_rescue_state *state = bb_rescue();
    if (!state->armed || state->done) return;
    state->done = 1;
    if (state->termios_fd >= 0) (void)tcsetattr(state->termios_fd, TCSANOW, &state->termios);
    size_t offset = 0;
    while (state->output_fd >= 0 && offset < state->sequence_length) {
        ssize_t n = write(state->output_fd, state->sequence + offset, state->sequence_length - offset);
        if (n <= 0) break; // EINTR cannot happen: every signal is blocked while this runs
        offset += (size_t)n;
    }
}

static void bb_rescue_handler(int sig, siginfo_t *info, void *context) {
    bb_rescue_restore_terminal();
    int index = -1;
    for (int i = 0; i < BB_RESCUE_SIGNAL_COUNT; i++) if (bb_rescue_signal(i) == sig) index = i;
    // Let the previous handler (the Swift runtime's backtracer) write its report, now on a
    // usable screen. It may end the process itself.
    if (index >= 0) {
        struct sigaction previous = bb_rescue()->previous[index];
        if (previous.sa_flags & SA_SIGINFO) {
            if (previous.sa_sigaction) previous.sa_sigaction(sig, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(sig);
        }
    }
    // Then die of the signal with its default action (SA_RESETHAND already put it back, but
    // the previous handler may have installed its own again).
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    (void)sigaction(sig, &fallback, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    (void)raise(sig);
    (void)sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    // A real fault returns here and faults again, now with the default action.
}

/// Saves the terminal modes of `termios_fd` (call before curses changes them) and installs
/// the handler for the fatal signals, writing `sequence` to `output_fd` when one arrives.
/// Sets up an alternate signal stack for the calling thread when it has none, so a stack
/// overflow can still be handled. Returns 0, or -1 when the modes cannot be read.
static inline int bb_rescue_arm(int termios_fd, int output_fd, const char *sequence) {
    struct bb_rescue_state *state = bb_rescue();
    if (tcgetattr(termios_fd, &state->termios) != 0) return -1;
    state->termios_fd = termios_fd;
    state->output_fd = output_fd;
    size_t length = strlen(sequence);
    if (length > BB_RESCUE_SEQUENCE_MAX) length = BB_RESCUE_SEQUENCE_MAX;
    memcpy(state->sequence, sequence, length);
    state->sequence_length = length;

    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t stack;
        stack.ss_sp = malloc(BB_RESCUE_STACK_SIZE);
        stack.ss_size = BB_RESCUE_STACK_SIZE;
        stack.ss_flags = 0;
        if (stack.ss_sp) (void)sigaltstack(&stack, NULL); // kept for the process's life
    }
    state->done = 0;
    state->armed = 1;
    for (int i = 0; i < BB_RESCUE_SIGNAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = bb_rescue_handler;
        action.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_ONSTACK;
        sigfillset(&action.sa_mask); // nothing interrupts the restore
        (void)sigaction(bb_rescue_signal(i), &action, &state->previous[i]);
    }
    return 0;
}

static void bb_rescue_stop_handler(int sig) {
    bb_rescue_restore_terminal();
    _exit(128 + sig);
}

/// Until the program's own watchers take over (they start after the first frame): SIGINT,
/// SIGTERM, SIGHUP or SIGQUIT gives the terminal back (when armed) and ends the process with
/// 128 + the signal's number, as the watchers would. So a start that stalls before its first
/// frame (a slow disk, output held by Ctrl-S) can still be stopped, and cleanly.
static inline void bb_rescue_catch_stops(void) {
    static const int numbers[4] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    for (int i = 0; i < 4; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = bb_rescue_stop_handler;
        sigfillset(&action.sa_mask);
        (void)sigaction(numbers[i], &action, NULL);
    }
}

/// Puts the handlers that were there before `bb_rescue_arm` back (the terminal was given
/// back the ordinary way, so there is nothing left to restore).
static inline void bb_rescue_disarm(void) {
    struct bb_rescue_state *state = bb_rescue();
    if (!state->armed) return;
    state->armed = 0;
    for (int i = 0; i < BB_RESCUE_SIGNAL_COUNT; i++) (void)sigaction(bb_rescue_signal(i), &state->previous[i], NULL);
}

#endif
