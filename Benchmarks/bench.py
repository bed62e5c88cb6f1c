#!/usr/bin/env python3
"""bbclerk beside whiptail and dialog, through a real pty at 80x24 (TERM=xterm-256color).

Run by Benchmarks/run, which builds bbclerk first. Standard library only. Measures:
  - start, in interleaved runs (medians, ratios to whiptail): `bbclerk` (against a standalone
    sandbox, as for real), `bbclerk --sandbox`, whiptail and dialog: first paint (the first
    complete frame on the screen) and, for bbclerk, "checks done" (the Connect screen's
    checks have settled); memory (VmRSS) inside the program at the write that completes the
    first frame (untimed runs), shared libraries mapped just after it, peak memory (VmHWM) at
    the end; `bbclerk --help`, `whiptail --help`, `dialog --help`: time to
    their output and to their exit, peak memory; the size of each binary;
  - bytes written per typed character in a text field;
  - CPU time used while idle on a screen waiting for a key;
  - peak memory (VmHWM) of the typing session and of the longest scripted `--sandbox`
    interaction (Connect, its checks, on to the Workspace step, quit);
  - workspace loading against a standalone sandbox (latency, 300 workspaces): bbclerk
    (cold name cache, then warm) beside a naive client that fetches every name in turn;
  - filtering 10,000 workspaces (parsed from FilterBenchmarkTests' output by run).
Prints a table and writes the same as JSON.
"""

import argparse
import base64
import fcntl
import json
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ beside the script
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vt import Screen  # noqa: E402

COLS, ROWS = 80, 24
TYPED = "ada.bench@example.io"  # 20 characters
CLK_TCK = os.sysconf("SC_CLK_TCK")
with open("/proc/self/comm") as _f:
    PYTHON_NAME = _f.read().strip()
SHARED_OBJECT = re.compile(r"\.so(\.[0-9.]+)?$")


# --- a child on a pty -----------------------------------------------------------------

class Session:
    """A program on its own pty, its output fed into a screen model and timed."""

    def __init__(self, argv, env, keep_output=False):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # child
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd = pid, master
        self.screen = Screen(COLS, ROWS)
        self.total = 0
        self.first_output = None
        self.last_output = None
        self.alive = True
        self.eof_at = None  # when the pty closed: every copy of the terminal closed (exit)
        self.status = None
        self.hwm_seen = None
        self.output = bytearray() if keep_output else None  # every byte read, for paint_memory

    def pump(self, timeout):
        """Reads what is there within `timeout` seconds; returns the number of bytes."""
        if not self.alive:
            time.sleep(max(0.0, timeout))
            return 0
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return 0
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            self.alive = False
            self.eof_at = time.monotonic()
            return 0
        self.last_output = time.monotonic()
        if self.first_output is None:
            self.first_output = self.last_output
        self.total += len(data)
        self.screen.feed(data)
        if self.output is not None:
            self.output += data
        return len(data)

    def wait_for(self, predicate, timeout, quiet=None):
        """Reads until predicate(screen) holds (returns when: the time of the output that made
        it true), or until `timeout`, or `quiet` seconds without output (returns None)."""
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline:
            if self.pump(0.01):
                last = time.monotonic()
                if predicate(self.screen):
                    return self.last_output
            elif quiet is not None and time.monotonic() - last >= quiet:
                return None
            if not self.alive:
                return None
        return None

    def settle(self, quiet, timeout=5.0):
        """Reads until no output arrives for `quiet` seconds; returns the time of the last output
        read in the meantime (None if there was none)."""
        deadline = time.monotonic() + timeout
        seen = None
        last = time.monotonic()
        while time.monotonic() < deadline:
            if self.pump(min(quiet, 0.01)):
                seen = last = self.last_output
            elif time.monotonic() - last >= quiet:
                break
        return seen

    def send(self, text):
        os.write(self.fd, text.encode() if isinstance(text, str) else text)

    def cpu_ms(self):
        """utime + stime of the whole process (every thread), in milliseconds."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / CLK_TCK

    def vm_kib(self, key, after_exec=False):
        """A line of /proc/<pid>/status in KiB (VmRSS: now, VmHWM: the most so far), or None.
        With `after_exec`, None while the child is still the forked Python (its Name)."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if after_exec and line.startswith("Name:") and line.split(None, 1)[1].strip() == PYTHON_NAME:
                        return None
                    if line.startswith(key + ":"):
                        return int(line.split()[1])
        except (OSError, IndexError, ValueError):
            pass
        return None

    def vm_hwm_kib(self):
        return self.vm_kib("VmHWM")

    def shared_libraries(self):
        """The shared objects mapped now (file names, once each), or None."""
        try:
            with open(f"/proc/{self.pid}/maps") as f:
                paths = {line.split(None, 5)[5].strip() for line in f if len(line.split(None, 5)) == 6}
        except OSError:
            return None
        return sorted({os.path.basename(p) for p in paths if SHARED_OBJECT.search(os.path.basename(p))})

    def wait_exit(self, timeout, poll_hwm=False):
        """Reads until the program exits (or `timeout`); returns the exit time (the pty's end
        of file, else the moment waitpid saw it) or None. Keeps the exit status, and in
        `hwm_seen` the last VmHWM read while it ran if `poll_hwm` (every millisecond, which
        costs CPU beside the program, so not in timed runs; getrusage's ru_maxrss cannot
        serve, as it counts the forked Python before the exec)."""
        deadline = time.monotonic() + timeout
        self.hwm_seen = None
        while time.monotonic() < deadline:
            if self.alive:
                if poll_hwm:
                    hwm = self.vm_kib("VmHWM", after_exec=True)
                    if hwm is not None:
                        self.hwm_seen = max(hwm, self.hwm_seen or 0)
                self.pump(0.001 if poll_hwm else 0.05)
                continue
            if self._reap(os.WNOHANG):
                return self.eof_at
            time.sleep(0.001)
        return self.eof_at if self._reap(os.WNOHANG) else None

    def _reap(self, flags):
        if self.status is not None:
            return True
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:
            return True
        if pid == 0:
            return False
        self.status = status
        if self.eof_at is None:
            self.eof_at = time.monotonic()
        return True


    def finish(self, wait=3.0):
        """Waits up to `wait` seconds for a voluntary exit, then SIGTERM, then SIGKILL."""
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None:
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + (wait if sig is None else 2.0)
            while time.monotonic() < deadline:
                self.pump(0.02)
                if self._reap(os.WNOHANG):
                    os.close(self.fd)
                    return
            wait = 0
        os.close(self.fd)


# --- helpers --------------------------------------------------------------------------

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def uptime_line():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: " + " ".join(map(str, load_average()))


def base_env(home):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
    }
    return env


class Sandbox:
    """`bbclerk sandbox` in its own process: URLs, credentials, request counts."""

    def __init__(self, binary, latency_ms, workspaces=None):
        argv = [binary, "sandbox", "--port", "0", "--latency-ms", str(latency_ms)]
        if workspaces:
            argv += ["--workspaces", str(workspaces)]
        self.proc = subprocess.Popen(argv,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("bench: bbclerk sandbox printed nothing")
        self.info = json.loads(line)
        api = urllib.parse.urlsplit(self.info["bitbucket_api_url"])
        self.root = f"{api.scheme}://{api.netloc}"
        self.api = self.info["bitbucket_api_url"].rstrip("/")
        token = f"{self.info['bitbucket_email']}:{self.info['bitbucket_api_token']}"
        self.auth = "Basic " + base64.b64encode(token.encode()).decode()

    def env(self, with_email=True):
        env = {
            "BBCLERK_BITBUCKET_API_URL": self.info["bitbucket_api_url"],
            "BBCLERK_BITBUCKET_WEB_URL": self.info["bitbucket_web_url"],
            "BBCLERK_CLERK_API_URL": self.info["clerk_api_url"],
            "BBCLERK_CLERK_FRONTEND_URL": self.info["clerk_frontend_url"],
            "BITBUCKET_API_TOKEN": self.info["bitbucket_api_token"],
            "CLERK_PLATFORM_API_KEY": self.info["clerk_platform_api_key"],
        }
        if with_email:
            env["BITBUCKET_EMAIL"] = self.info["bitbucket_email"]
        return env

    def requests(self, prefix):
        url = f"{self.root}/_sandbox/requests?path_prefix={urllib.parse.quote(prefix)}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(json.load(response)["count"])

    def get(self, url):
        request = urllib.request.Request(url, headers={"Authorization": self.auth, "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --- the programs ---------------------------------------------------------------------

def tool_argv(tool, binary):
    if tool == "bbclerk":
        return [binary, "--sandbox"]
    if tool == "whiptail":
        return [shutil.which("whiptail"), "--inputbox", "Atlassian email", "8", "60"]
    return [shutil.which("dialog"), "--inputbox", "Atlassian email", "8", "60"]


def frame_done(tool):
    """The first complete frame: bbclerk's first screen shows its title ("Step 1 of 9 ·
    Connect") and its help bar (which always ends with "^C quit"); whiptail's and dialog's
    input box shows its prompt and its buttons."""
    if tool == "bbclerk":
        return lambda s: "Step 1 of 9" in s.line(0) and "quit" in s.line(ROWS - 1)
    return lambda s: "Atlassian email" in s.text() and "Cancel" in s.text()


STATUS_MARKS = ("✓ ", "✗ ", "! ", "v ", "x ")  # ScreenKit.check: loaded, failed, loaded but not good (and ASCII)


def checks_done(s):
    """The Connect screen's checks have settled: a mark for Bitbucket's and Clerk's check each,
    no "Checking with …" spinner line and no "Working…" in the status line."""
    text = s.text()
    if not frame_done("bbclerk")(s) or "Checking with" in text or "Working…" in text:
        return False
    marks = [line for line in text.split("\n") if line.strip().startswith(STATUS_MARKS)]
    return len(marks) >= 2


# The start loop: every variant once per run, in this order, so all see the same load.
START_VARIANTS = [
    # name, tool (for frame_done), kind, arguments after the binary
    ("bbclerk", "bbclerk", "tui", []),
    ("bbclerk --sandbox", "bbclerk", "tui", ["--sandbox"]),
    ("whiptail", "whiptail", "tui", None),
    ("dialog", "dialog", "tui", None),
    ("bbclerk --help", "bbclerk", "help", ["--help"]),
    ("whiptail --help", "whiptail", "help", ["--help"]),
    ("dialog --help", "dialog", "help", ["--help"]),
]

FRAME_QUIET = 0.05

# Memory at first paint is read inside the program, at the write that completes its first
# frame: a preloaded library logs, after every write to the terminal, the bytes written so far
# and VmRSS (/proc/self/statm); the log is replayed into a screen model to find that write.
# Read from outside (/proc/<pid>/status once the frame has arrived) the figure came some
# milliseconds late, sometimes after bbclerk had opened libcurl for its checks. Separate,
# untimed runs: the logging costs a file read at every write. (The library adds its own few
# pages, some 20 KiB, to every program measured.)
WRITE_LOG_SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static unsigned long long written;
ssize_t write(int fd, const void *buf, size_t n) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    ssize_t r = real(fd, buf, n);
    const char *path = getenv("BENCH_WRITE_LOG");
    if (fd != 1 || r <= 0 || !path) return r;
    unsigned long long total = __atomic_add_fetch(&written, (unsigned long long)r, __ATOMIC_SEQ_CST);
    char text[128] = {0};
    long size = 0, resident = -1;
    int statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (statm >= 0) {
        if (read(statm, text, sizeof text - 1) > 0) sscanf(text, "%ld %ld", &size, &resident);
        close(statm);
    }
    int log = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (log >= 0) {
        int len = snprintf(text, sizeof text, "%llu %ld\n", total, resident * (sysconf(_SC_PAGESIZE) / 1024));
        real(log, text, (size_t)len);
        close(log);
    }
    return r;
}
"""


def build_write_log_shim(folder):
    """Compiles WRITE_LOG_SHIM into `folder`; returns its path, or None without a C compiler."""
    compiler = shutil.which("cc") or shutil.which("clang") or shutil.which("gcc")
    if not compiler:
        return None
    source, library = os.path.join(folder, "writelog.c"), os.path.join(folder, "writelog.so")
    with open(source, "w") as f:
        f.write(WRITE_LOG_SHIM)
    built = subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", library, source, "-ldl"], capture_output=True)
    return library if built.returncode == 0 else None


def paint_memory(variant, binary, home, sandbox_env, shim):
    """(VmRSS in KiB inside the program at the write that completed its first frame, the number
    of writes to the terminal up to and including it), or (None, None). Each write is a system
    call and a wake-up of the terminal (over SSH, often a packet of its own)."""
    _, tool, _, extra = variant
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    log = os.path.join(home, "writes.log")
    env = dict(base_env(home), LD_PRELOAD=shim, BENCH_WRITE_LOG=log)
    if tool == "bbclerk":
        argv = [binary] + extra
        if not extra:
            env.update(sandbox_env)
    else:
        argv = tool_argv(tool, binary)
    session = Session(argv, env, keep_output=True)
    painted = session.wait_for(frame_done(tool), timeout=20)
    session.finish(wait=0)
    if painted is None or not os.path.exists(log):
        return None, None
    screen, fed = Screen(COLS, ROWS), 0
    with open(log) as f:
        for writes, line in enumerate(f, start=1):
            end, rss_kib = (int(x) for x in line.split())
            screen.feed(bytes(session.output[fed:end]))
            fed = end
            if frame_done(tool)(screen):
                return (rss_kib if rss_kib > 0 else None), writes
    return None, None


def program(tool, binary):
    return binary if tool == "bbclerk" else shutil.which(tool)


def help_memory(variant, binary, home, tries=3):
    """The largest VmHWM seen in `tries` untimed runs of a --help variant (KiB), or None."""
    _, tool, _, extra = variant
    seen = []
    for _ in range(tries):
        shutil.rmtree(home, ignore_errors=True)
        os.makedirs(home)
        session = Session([program(tool, binary)] + extra, base_env(home))
        session.wait_exit(timeout=20, poll_hwm=True)
        session.finish(wait=0)
        seen.append(session.hwm_seen)
    seen = [v for v in seen if v is not None]
    return max(seen) if seen else None


def start_run(variant, binary, home, sandbox_env):
    """One start of one variant on a fresh home. For a full-screen program: milliseconds from
    fork to the first paint, VmRSS and the shared objects mapped at that moment, for bbclerk
    the milliseconds to "checks done", and VmHWM at the end (after the checks, or once the
    frame is quiet). For --help: milliseconds to the first output and to the exit. Returns a dict; "error" holds the screen when
    the awaited moment never came."""
    name, tool, kind, extra = variant
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    env = base_env(home)
    if kind == "help":
        session = Session([program(tool, binary)] + extra, env)
        exited = session.wait_exit(timeout=20)
        session.finish(wait=0)
        if exited is None or session.first_output is None:
            return {"error": session.screen.text() or "no output, no exit"}
        return {
            "output_ms": (session.first_output - session.started) * 1000.0,
            "exit_ms": (exited - session.started) * 1000.0,
            "output_bytes": session.total,
            "exit_status": os.waitstatus_to_exitcode(session.status) if session.status is not None else None,
        }
    if tool == "bbclerk":
        argv = [binary] + extra
        if not extra:
            env.update(sandbox_env)  # `bbclerk` as for real: credentials and URLs from the environment
    else:
        argv = tool_argv(tool, binary)
    session = Session(argv, env)
    painted = session.wait_for(frame_done(tool), timeout=20)
    if painted is None:
        session.finish(wait=0)
        return {"error": session.screen.text() or "no output"}
    # Just after first paint, read from outside (paint_memory has the figure at the frame).
    result = {
        "first_paint_ms": (painted - session.started) * 1000.0,
        "rss_kib_read_after_paint": session.vm_kib("VmRSS"),
        "shared_libraries": session.shared_libraries(),
    }
    if tool == "bbclerk":
        done = painted if checks_done(session.screen) else session.wait_for(checks_done, timeout=20)
        if done is None:
            result["error"] = "checks never settled:\n" + session.screen.text()
        else:
            result["checks_done_ms"] = (done - session.started) * 1000.0
    else:
        session.settle(FRAME_QUIET, timeout=2.0)
    result["hwm_kib_end"] = session.vm_hwm_kib()
    session.finish(wait=0)
    return result


def binary_size(path):
    try:
        return os.path.getsize(os.path.realpath(path)) if path else None
    except OSError:
        return None


def typing_session(tool, argv, env, idle_s):
    """Idle CPU on a screen waiting for a key, bytes per typed character, peak memory."""
    session = Session(argv, env)
    if session.wait_for(frame_done(tool), timeout=20) is None:
        session.finish(wait=0)
        return {"error": "no frame", "screen": session.screen.text()}
    # Let start-up work (bbclerk's credential checks, their spinner) finish first.
    session.settle(0.5, timeout=15)
    cpu_before, bytes_before = session.cpu_ms(), session.total
    t_end = time.monotonic() + idle_s
    while time.monotonic() < t_end:
        session.pump(t_end - time.monotonic())
    if not session.alive:
        return {"error": "exited", "screen": session.screen.text()}
    idle_cpu = session.cpu_ms() - cpu_before
    idle_bytes = session.total - bytes_before
    per_char = []
    for ch in TYPED:
        before = session.total
        session.send(ch)
        session.settle(0.06, timeout=2.0)
        per_char.append(session.total - before)
    typed_ok = TYPED in session.screen.text()
    hwm = session.vm_hwm_kib()
    session.finish(wait=0)
    return {
        "idle_seconds": idle_s,
        "idle_cpu_ms": idle_cpu,
        "idle_bytes": idle_bytes,
        "bytes_per_char": per_char,
        "bytes_per_char_median": median(per_char),
        "bytes_per_char_mean": sum(per_char) / len(per_char),
        "typed_text_on_screen": typed_ok,
        "vm_hwm_kib": hwm,
    }


def plain_field_theme(path):
    """Sources/CursesUI/Themes/default.toml with the focused field's colours removed, or None."""
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "CursesUI", "Themes", "default.toml")
    if not os.path.exists(source):
        return None
    with open(source) as f:
        text = f.read()
    plain, n = re.subn(r"(\[roles\.fieldFocused\]\n)(?:[^\[\n][^\n]*\n)*", r"\1\n", text)
    if n != 1:
        return None
    plain = re.sub(r'(?m)^name = ".*"$', 'name = "bench-plain-field"', plain)
    with open(path, "w") as f:
        f.write(plain)
    return path


# --- workspaces -----------------------------------------------------------------------

def list_rows(screen, slugs):
    """The workspace rows on screen as (slug, has_name)."""
    rows = []
    for y in range(3, ROWS - 2):
        tokens = screen.line(y).split()
        if tokens and not tokens[0][0].isalnum():
            tokens = tokens[1:]  # the selection pointer
        found = [t for t in tokens if t in slugs]
        if not found:
            continue
        rows.append((found[-1], tokens[0] not in slugs))
    return rows


def naive_client(sandbox):
    """Every page, then every workspace's details one after another (what a simple menu
    needs before it can show names)."""
    pages_before, details_before = sandbox.requests("/user/workspaces"), sandbox.requests("/workspaces")
    t0 = time.monotonic()
    url = f"{sandbox.api}/user/workspaces?administrator=true&pagelen=100"
    slugs, first_page = [], None
    while url:
        page = sandbox.get(url)
        first_page = first_page or time.monotonic()
        slugs += [v["workspace"]["slug"] for v in page.get("values", []) if v.get("administrator", True)]
        url = page.get("next")
    names = {}
    for slug in slugs:
        names[slug] = sandbox.get(f"{sandbox.api}/workspaces/{urllib.parse.quote(slug)}").get("name") or slug
    done = time.monotonic()
    return {
        "workspaces": len(slugs),
        "first_page_ms": (first_page - t0) * 1000.0,
        "usable_ms": (done - t0) * 1000.0,  # a menu of names needs every name
        "visible_names_ms": (done - t0) * 1000.0,
        "detail_requests": sandbox.requests("/workspaces") - details_before,
        "page_requests": sandbox.requests("/user/workspaces") - pages_before,
    }, names


def bbclerk_workspaces(binary, sandbox, home, state_dir, slugs, idle_s):
    """Drives bbclerk to the Workspace step; times the first rows and every visible name."""
    env = base_env(home)
    env["XDG_STATE_HOME"] = state_dir
    env.update(sandbox.env(with_email=True))
    pages_before, details_before = sandbox.requests("/user/workspaces"), sandbox.requests("/workspaces")
    session = Session([binary], env)
    result = {}
    connected = session.wait_for(lambda s: "Signed in as" in s.text() and "found" in s.text(), timeout=20)
    if connected is None:
        session.finish(wait=0)
        return {"error": "Connect checks did not finish", "screen": session.screen.text()}
    session.settle(0.2)
    on_step = lambda s: "Workspaces you administer" in s.text()  # noqa: E731
    t0 = None
    for _ in range(10):
        session.send("\r")
        t0 = session.wait_for(on_step, timeout=5, quiet=0.4)
        if t0 is not None:
            break
    if t0 is None:
        session.finish(wait=0)
        return {"error": "did not reach the Workspace step", "screen": session.screen.text()}
    t_rows = session.wait_for(lambda s: len(list_rows(s, slugs)) > 0, timeout=30)
    if t_rows is None:
        session.finish(wait=0)
        return {"error": "no rows", "screen": session.screen.text()}

    def all_named(s):
        rows = list_rows(s, slugs)
        return len(rows) > 0 and all(named for _, named in rows)
    t_names = t_rows if all_named(session.screen) else session.wait_for(all_named, timeout=60)
    session.settle(1.0, timeout=10)  # the rest of the pages, late answers
    rows = list_rows(session.screen, slugs)
    cpu_before, bytes_before = session.cpu_ms(), session.total
    t_end = time.monotonic() + idle_s
    while time.monotonic() < t_end:
        session.pump(t_end - time.monotonic())
    result.update({
        "usable_ms": (t_rows - t0) * 1000.0,
        "visible_names_ms": (t_names - t0) * 1000.0 if t_names else None,
        "visible_rows": len(rows),
        "detail_requests": sandbox.requests("/workspaces") - details_before,
        "page_requests": sandbox.requests("/user/workspaces") - pages_before,
        "idle_seconds": idle_s,
        "idle_cpu_ms": session.cpu_ms() - cpu_before,
        "idle_bytes": session.total - bytes_before,
    })
    # Quit through the dialog, so bbclerk exits on its own (and keeps what it keeps).
    session.send("\x03")
    session.wait_for(lambda s: "Quit bbclerk?" in s.text(), timeout=3)
    session.send("y")
    session.finish(wait=5)
    return result


def sandbox_walk(binary, home, idle_s):
    """Peak memory of `bbclerk --sandbox` (the emulator in-process) over the longest scripted
    interaction this benchmark has: first paint, the Connect checks, Enter on to the
    Workspace step, its list loaded, idle, then quit through the dialog. (The benchmark does
    not script the whole nine-step walk; the end-to-end tests do, and need focus detection
    this screen model lacks.) VmHWM is read just before quitting."""
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    session = Session([binary, "--sandbox"], base_env(home))
    if session.wait_for(checks_done, timeout=20) is None:
        session.finish(wait=0)
        return {"error": "Connect checks did not finish", "screen": session.screen.text()}
    session.settle(0.2)
    reached = None
    for _ in range(10):
        session.send("\r")
        reached = session.wait_for(lambda s: "Workspaces you administer" in s.text(), timeout=5, quiet=0.4)
        if reached is not None:
            break
    if reached is None:
        session.finish(wait=0)
        return {"error": "did not reach the Workspace step", "screen": session.screen.text()}
    session.settle(1.0, timeout=10)
    t_end = time.monotonic() + idle_s
    while time.monotonic() < t_end:
        session.pump(t_end - time.monotonic())
    hwm = session.vm_hwm_kib()
    rss = session.vm_kib("VmRSS")
    session.send("\x03")
    session.wait_for(lambda s: "Quit bbclerk?" in s.text(), timeout=3)
    session.send("y")
    session.finish(wait=5)
    return {"reached": "Workspace (step 3 of 9)", "hwm_kib_end": hwm, "rss_kib_end": rss,
            "exit_status": os.waitstatus_to_exitcode(session.status) if session.status is not None else None}


# --- main -----------------------------------------------------------------------------

def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--workspaces", type=int, default=300)
    parser.add_argument("--filter-output", help="file with FilterBenchmarkTests' output")
    parser.add_argument("--no-filter", action="store_true", help="the filter benchmark was left out on purpose")
    parser.add_argument("--build", default="release")
    parser.add_argument("--json", required=True)
    args = parser.parse_args()

    results = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "build": args.build,
        "terminal": f"{COLS}x{ROWS} xterm-256color pty",
        "cpus": os.cpu_count(),
        "uptime_start": uptime_line(),
        "load_start": load_average(),
    }
    try:
        results["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                           text=True).stdout.strip()
        results["worktree_dirty"] = bool(subprocess.run(["git", "status", "--porcelain"], capture_output=True,
                                                        text=True).stdout.strip())
    except OSError:
        pass
    scratch = tempfile.mkdtemp(prefix="bbclerk-bench-")
    tools = ["bbclerk", "whiptail", "dialog"]
    try:
        # 1. Start, interleaved: every variant once per run. `bbclerk` (without --sandbox)
        #    runs as for real, its credentials and URLs pointing at a standalone sandbox that
        #    answers at once (no added latency), so its checks go over loopback HTTP.
        start_sandbox = Sandbox(args.binary, 0)
        try:
            runs = {v[0]: [] for v in START_VARIANTS}
            failures = []
            for i in range(args.runs):
                for variant in START_VARIANTS:
                    name = variant[0]
                    r = start_run(variant, args.binary, os.path.join(scratch, "start"), start_sandbox.env())
                    if r.get("error"):
                        failures.append({"variant": name, "run": i, "screen": r["error"]})
                    runs[name].append(r)
                print(f"bench: start run {i + 1}/{args.runs}: " + "  ".join(
                    f"{n} {fmt(runs[n][-1].get('first_paint_ms', runs[n][-1].get('exit_ms')))}"
                    + (f"/{fmt(runs[n][-1].get('checks_done_ms'))}" if 'checks_done_ms' in runs[n][-1] else "")
                    for n in runs) + " ms", file=sys.stderr)
            # Memory at first paint, read inside each program (paint_memory), untimed runs.
            shim = build_write_log_shim(scratch)
            paint_rss = {v[0]: [] for v in START_VARIANTS if v[2] == "tui"}
            paint_writes = {v[0]: [] for v in START_VARIANTS if v[2] == "tui"}
            for _ in range(min(5, args.runs) if shim else 0):
                for variant in START_VARIANTS:
                    if variant[2] == "tui":
                        rss_kib, writes = paint_memory(variant, args.binary, os.path.join(scratch, "paint"),
                                                       start_sandbox.env(), shim)
                        paint_rss[variant[0]].append(rss_kib)
                        paint_writes[variant[0]].append(writes)
        finally:
            start_sandbox.stop()
        start = {}
        for name, rs in runs.items():
            keys = sorted({k for r in rs for k, v in r.items() if isinstance(v, (int, float)) and not isinstance(v, bool)})
            summary = {k: {"median": median([r.get(k) for r in rs]), "runs": [r.get(k) for r in rs]} for k in keys}
            libs = [r["shared_libraries"] for r in rs if r.get("shared_libraries") is not None]
            if libs:
                summary["shared_libraries"] = libs[-1]
                summary["shared_library_count"] = {"median": median([len(x) for x in libs]),
                                                   "runs": [len(x) for x in libs]}
            summary["runs_failed"] = sum(1 for r in rs if r.get("error"))
            if name in paint_rss:
                summary["rss_kib_first_paint"] = {"median": median(paint_rss[name]), "runs": paint_rss[name]}
                summary["writes_to_first_paint"] = {"median": median(paint_writes[name]), "runs": paint_writes[name]}
            start[name] = summary
        for variant in START_VARIANTS:
            if variant[2] == "help":
                start[variant[0]]["hwm_kib_last_seen"] = {
                    "median": help_memory(variant, args.binary, os.path.join(scratch, "help"))}
        results["start"] = start
        if failures:
            results["start_failures"] = failures
        results["binary_size_bytes"] = {t: binary_size(program(t, args.binary)) for t in tools}
        results["binaries"] = {t: os.path.realpath(program(t, args.binary)) for t in tools}

        def m(name, key):
            return start.get(name, {}).get(key, {}).get("median")
        wt, wt_help = m("whiptail", "first_paint_ms"), m("whiptail --help", "exit_ms")
        results["ratios_to_whiptail"] = {
            "bbclerk first paint": ratio(m("bbclerk", "first_paint_ms"), wt),
            "bbclerk --sandbox first paint": ratio(m("bbclerk --sandbox", "first_paint_ms"), wt),
            "dialog first paint": ratio(m("dialog", "first_paint_ms"), wt),
            "bbclerk checks done": ratio(m("bbclerk", "checks_done_ms"), wt),
            "bbclerk --sandbox checks done": ratio(m("bbclerk --sandbox", "checks_done_ms"), wt),
            "bbclerk --help exit": ratio(m("bbclerk --help", "exit_ms"), wt_help),
            "dialog --help exit": ratio(m("dialog --help", "exit_ms"), wt_help),
        }

        sandbox = Sandbox(args.binary, args.latency_ms, args.workspaces)
        try:
            # 2. Typing, idle CPU, peak memory. bbclerk runs against the standalone sandbox
            #    without BITBUCKET_EMAIL, so the Connect screen starts in the email field.
            sessions = {}
            for tool in tools:
                home = os.path.join(scratch, f"typing-{tool}")
                os.makedirs(home)
                env = base_env(home)
                if tool == "bbclerk":
                    env.update(sandbox.env(with_email=False))
                    argv = [args.binary]
                else:
                    argv = tool_argv(tool, args.binary)
                sessions[tool] = typing_session(tool, argv, env, args.idle)
                print(f"bench: {tool}: {json.dumps({k: v for k, v in sessions[tool].items() if k != 'bytes_per_char'})}",
                      file=sys.stderr)
            results["typing_idle_memory"] = sessions

            # What if the text being typed were drawn in the terminal's own colours? ncurses
            # resets the attributes after every update, so each coloured cell costs a colour
            # change and a reset; this theme differs from the default only in that role.
            theme = plain_field_theme(os.path.join(scratch, "plain-field.toml"))
            if theme:
                home = os.path.join(scratch, "typing-plain")
                os.makedirs(home)
                env = base_env(home)
                env.update(sandbox.env(with_email=False))
                results["typing_plain_focused_field"] = typing_session("bbclerk", [args.binary, "--theme", theme], env, 0)

            # Peak memory of the longest scripted `bbclerk --sandbox` interaction.
            results["sandbox_walk"] = sandbox_walk(args.binary, os.path.join(scratch, "walk"), args.idle)
            print(f"bench: bbclerk --sandbox walk: {json.dumps({k: v for k, v in results['sandbox_walk'].items() if k != 'screen'})}",
                  file=sys.stderr)

            # 3. Workspaces.
            naive, names = naive_client(sandbox)
            slugs = set(names)
            home = os.path.join(scratch, "workspaces")
            os.makedirs(home)
            cold = bbclerk_workspaces(args.binary, sandbox, home, os.path.join(home, "state-1"), slugs, args.idle)
            warm = bbclerk_workspaces(args.binary, sandbox, home, os.path.join(home, "state-2"), slugs, args.idle)
            cache_file = os.path.join(home, "cache", "bbclerk", "workspace-names.json")
            results["workspaces"] = {
                "sandbox": {"latency_ms": args.latency_ms, "workspaces": args.workspaces,
                            "administered": naive["workspaces"]},
                "naive": naive,
                "bbclerk_cold_cache": cold,
                "bbclerk_warm_cache": warm,
                "cache_file_mode": oct(os.stat(cache_file).st_mode & 0o777) if os.path.exists(cache_file) else None,
            }
        finally:
            sandbox.stop()

        # 4. Filtering (measured by the Swift test, parsed here).
        results["filter_skipped"] = args.no_filter
        if args.filter_output and os.path.exists(args.filter_output):
            with open(args.filter_output, errors="replace") as f:
                bench = dict(re.findall(r"BENCH\s+(\w+)=([0-9.]+)", f.read()))
            results["filter"] = {k: float(v) for k, v in bench.items()}
        results["uptime_end"] = uptime_line()
        results["load_end"] = load_average()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    table = render_table(results, args)
    results["table"] = table
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(table)
    print(f"\nJSON: {os.path.abspath(args.json)}")
    problems = missing(results)
    if problems:
        print("bench: some measurements could not be taken: " + "; ".join(problems), file=sys.stderr)
        sys.exit(1)


def missing(r):
    """What could not be measured (the script has rotted, or a program misbehaved)."""
    problems = []
    for name, v in r.get("start", {}).items():
        if v.get("runs_failed"):
            problems.append(f"start of {name} ({v['runs_failed']} runs)")
        wanted = ("output_ms", "exit_ms") if name.endswith("--help") else ("first_paint_ms", "rss_kib_first_paint")
        if name.startswith("bbclerk") and not name.endswith("--help"):
            wanted += ("checks_done_ms",)
        for key in wanted:
            if v.get(key, {}).get("median") is None:
                problems.append(f"{key} of {name}")
        if not name.endswith("--help") and not v.get("shared_libraries"):
            problems.append(f"shared libraries of {name}")
    for tool, v in r.get("typing_idle_memory", {}).items():
        if v.get("error") or not v.get("typed_text_on_screen"):
            problems.append(f"typing in {tool}: {v.get('error', 'the typed text is not on the screen')}")
    walk = r.get("sandbox_walk", {})
    if walk.get("error") or walk.get("hwm_kib_end") is None:
        problems.append(f"bbclerk --sandbox walk: {walk.get('error', 'no VmHWM')}")
    w = r.get("workspaces", {})
    for key in ("bbclerk_cold_cache", "bbclerk_warm_cache"):
        if w.get(key, {}).get("error") or w.get(key, {}).get("visible_names_ms") is None:
            problems.append(f"workspaces ({key}): {w.get(key, {}).get('error', 'names never all shown')}")
    if not r.get("filter_skipped") and "filter_ms_per_key" not in r.get("filter", {}):
        problems.append("filter benchmark")
    return problems


def mib(kib):
    return None if kib is None else kib / 1024.0


def mib_bytes(n):
    return None if n is None else n / 1048576.0


def verdict(ok):
    return "" if ok is None else ("PASS" if ok else "MISS")


MIB = 1024.0


def render_table(r, args):
    start = r["start"]
    s = r.get("typing_idle_memory", {})
    lines = []
    lines.append(f"bbclerk {r.get('commit', '?')}{' (uncommitted changes)' if r.get('worktree_dirty') else ''}, "
                 f"{r['build']}; {r['terminal']}, {r['cpus']} CPUs, {r['date']}")
    if "debug" in r["build"]:
        lines.append("DEBUG BUILD: this run checks that every measurement works; its timings are not representative.")
    lines.append(f"load average at start {' '.join(map(str, r['load_start']))}, "
                 f"at end {' '.join(map(str, r.get('load_end', [])))}")
    lines.append(f"binaries: bbclerk {fmt(mib_bytes(r['binary_size_bytes'].get('bbclerk')))} MiB "
                 f"({r['binaries'].get('bbclerk')}), whiptail {fmt(mib_bytes(r['binary_size_bytes'].get('whiptail')), 2)} MiB, "
                 f"dialog {fmt(mib_bytes(r['binary_size_bytes'].get('dialog')), 2)} MiB")
    lines.append("")
    lines.append(f"Start: median of {args.runs} runs, the seven programs in turn in one loop; `bbclerk` runs as for real "
                 "against a standalone sandbox (loopback HTTP, no added latency)")
    header = f"| {'measure':<44} | {'bbclerk':>9} | {'whiptail':>9} | {'dialog':>9} | {'target':<26} | met  |"
    rule = "|" + "-" * 46 + "|" + "-" * 11 + "|" + "-" * 11 + "|" + "-" * 11 + "|" + "-" * 28 + "|------|"
    lines.append(header)
    lines.append(rule)

    def row(name, values, target="", ok=None, digits=1):
        cells = " | ".join(f"{fmt(v, digits):>9}" for v in values)
        lines.append(f"| {name:<44} | {cells} | {target:<26} | {verdict(ok):<4} |")

    def med(name, key):
        return start.get(name, {}).get(key, {}).get("median")

    def three(bb, key, scale=None, others=("whiptail", "dialog")):
        values = [med(bb, key)] + [med(o, key) for o in others]
        return [None if v is None else (v / scale if scale else v) for v in values]

    def times(bb, key, limit, others=("whiptail", "dialog")):
        values = three(bb, key, others=others)
        q = ratio(values[0], values[1])
        return values, f"<= {limit:g}x whiptail ({fmt(q, 2)}x)", None if q is None else q <= limit

    v, t, ok = times("bbclerk", "first_paint_ms", 1.5)
    row("first paint, `bbclerk` (ms)", v, t, ok)
    row("  checks done (ms)", [med("bbclerk", "checks_done_ms"), None, None], "after first paint")
    v, t, ok = times("bbclerk --sandbox", "first_paint_ms", 1.5)
    row("first paint, `bbclerk --sandbox` (ms)", v, t, ok)
    row("  checks done (ms)", [med("bbclerk --sandbox", "checks_done_ms"), None, None], "after first paint")
    helps = ("whiptail --help", "dialog --help")
    row("`--help`: first output (ms)", three("bbclerk --help", "output_ms", others=helps))
    v, t, ok = times("bbclerk --help", "exit_ms", 2, others=helps)
    row("`--help`: exit (ms)", v, t, ok)
    rss = three("bbclerk", "rss_kib_first_paint", MIB)
    row("memory at first paint VmRSS, `bbclerk` (MiB)", rss, "<= 12 MiB", None if rss[0] is None else rss[0] <= 12)
    rss = three("bbclerk --sandbox", "rss_kib_first_paint", MIB)
    row("  `bbclerk --sandbox` (MiB)", rss, "<= 12 MiB", None if rss[0] is None else rss[0] <= 12)
    row("writes to the terminal up to first paint", three("bbclerk", "writes_to_first_paint"), "", None, 0)
    row("  `bbclerk --sandbox`", three("bbclerk --sandbox", "writes_to_first_paint"), "", None, 0)
    row("peak VmHWM at checks done, `bbclerk` (MiB)", three("bbclerk", "hwm_kib_end", MIB), "whiptail, dialog: at paint")
    row("  `bbclerk --sandbox` (MiB)", three("bbclerk --sandbox", "hwm_kib_end", MIB))
    row("peak VmHWM of `--help` (MiB, max of 3)", three("bbclerk --help", "hwm_kib_last_seen", MIB, others=helps))
    row("shared libraries mapped at first paint", three("bbclerk", "shared_library_count"), "", None, 0)
    row("  `bbclerk --sandbox`", three("bbclerk --sandbox", "shared_library_count"), "", None, 0)
    row("binary size (MiB)", [mib_bytes(r["binary_size_bytes"].get(t)) for t in ("bbclerk", "whiptail", "dialog")], "", None, 2)
    lines.append("Memory at first paint: VmRSS read inside each program at the write that completes its first "
                 "frame (median of 5 untimed runs, a preloaded library logging every write); shared libraries "
                 "and peaks are read from outside, after the frame.")

    lines.append("")
    lines.append("Typing, idle and memory in use; bbclerk against the standalone sandbox below "
                 "(on the Connect screen's email field)")
    lines.append(header)
    lines.append(rule)
    get = lambda t, k: s.get(t, {}).get(k)  # noqa: E731
    bpc = [get(t, "bytes_per_char_median") for t in ("bbclerk", "whiptail", "dialog")]
    row("bytes per typed character, median of 20", bpc, "1", None if bpc[0] is None else bpc[0] <= 1)
    row("bytes per typed character, mean of 20", [get(t, "bytes_per_char_mean") for t in ("bbclerk", "whiptail", "dialog")])
    plain = r.get("typing_plain_focused_field") or {}
    if plain.get("bytes_per_char_median") is not None:
        row("  same, plain-coloured field text (what-if)", [plain.get("bytes_per_char_median"), None, None],
            "1", plain["bytes_per_char_median"] <= 1)
    idle = [get(t, "idle_cpu_ms") for t in ("bbclerk", "whiptail", "dialog")]
    row(f"CPU while idle {fmt(args.idle, 0)} s (ms)", idle, "0", None if idle[0] is None else idle[0] == 0)
    row(f"bytes written while idle {fmt(args.idle, 0)} s", [get(t, "idle_bytes") for t in ("bbclerk", "whiptail", "dialog")],
        "0", None)
    row("peak VmHWM after typing (MiB)", [mib(get(t, "vm_hwm_kib")) for t in ("bbclerk", "whiptail", "dialog")])
    walk = r.get("sandbox_walk") or {}
    peak = mib(walk.get("hwm_kib_end"))
    row("peak VmHWM, --sandbox walk to step 3 (MiB)", [peak, None, None], "<= 30 MiB (whole walk)",
        None if peak is None else peak <= 30)

    w = r.get("workspaces")
    if w:
        lines.append("")
        sb = w["sandbox"]
        lines.append(f"Workspaces: sandbox with {sb['workspaces']} workspaces ({sb['administered']} administered), "
                     f"{sb['latency_ms']} ms per answer; times from arriving on the step")
        lines.append(f"| {'measure':<44} | {'cold':>9} | {'cached':>9} | {'naive':>9} | {'target':<26} | met  |")
        lines.append(rule)
        cold, warm, naive = w["bbclerk_cold_cache"], w["bbclerk_warm_cache"], w["naive"]
        g = lambda d, k: d.get(k)  # noqa: E731
        usable = [g(cold, "usable_ms"), g(warm, "usable_ms"), g(naive, "usable_ms")]
        first_page = naive.get("first_page_ms")
        # Usable after the first page: shown within twice the time one page takes to arrive.
        row("list usable: first rows shown (ms)", usable, f"~1 page ({fmt(first_page, 0)} ms)",
            None if usable[0] is None or first_page is None else usable[0] < first_page * 2)
        row("every visible row has its name (ms)", [g(cold, "visible_names_ms"), g(warm, "visible_names_ms"),
                                                    g(naive, "visible_names_ms")], "visible first", None)
        row("requests GET /workspaces/{slug}", [g(cold, "detail_requests"), g(warm, "detail_requests"),
                                                g(naive, "detail_requests")], "cached across runs",
            None if warm.get("detail_requests") is None else warm["detail_requests"] == 0)
        row("requests GET /user/workspaces (pages)", [g(cold, "page_requests"), g(warm, "page_requests"),
                                                      g(naive, "page_requests")], "", None)
        row(f"CPU while idle on the list {fmt(args.idle, 0)} s (ms)", [g(cold, "idle_cpu_ms"), g(warm, "idle_cpu_ms"), None],
            "0", None if cold.get("idle_cpu_ms") is None else cold["idle_cpu_ms"] == 0)
        for label, d in (("cold", cold), ("cached", warm)):
            if d.get("error"):
                lines.append(f"  bbclerk ({label}) failed: {d['error']}")
    f = r.get("filter")
    lines.append("")
    if f:
        ms = f.get("filter_ms_per_key")
        lines.append(f"Filtering {int(f.get('rows', 10000)):,} workspaces: {fmt(ms, 4)} ms per keystroke "
                     f"(ListView, median; target < 1 ms: {verdict(ms is not None and ms < 1)})")
        if "screen_ms_per_key" in f:
            lines.append(f"  the whole Workspace screen per keystroke (filter, sync, draw): "
                         f"{fmt(f['screen_ms_per_key'], 4)} ms")
    elif r.get("filter_skipped"):
        lines.append("Filtering: not measured in this run (--no-filter)")
    else:
        lines.append("Filtering: no result (FilterBenchmarkTests did not run or printed no BENCH line)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
