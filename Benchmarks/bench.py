#!/usr/bin/env python3
"""bbclerk beside whiptail and dialog, through a real pty at 80x24 (TERM=xterm-256color).

Run by Benchmarks/run, which builds bbclerk first. Standard library only. Measures:
  - time to the first full frame (interleaved runs, medians, ratio bbclerk/whiptail);
  - bytes written per typed character in a text field;
  - CPU time used while idle on a screen waiting for a key;
  - peak memory (VmHWM);
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vt import Screen  # noqa: E402

COLS, ROWS = 80, 24
TYPED = "ada.bench@example.io"  # 20 characters
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- a child on a pty -----------------------------------------------------------------

class Session:
    """A program on its own pty, its output fed into a screen model and timed."""

    def __init__(self, argv, env):
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
        self.last_output = None
        self.alive = True

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
            return 0
        self.last_output = time.monotonic()
        self.total += len(data)
        self.screen.feed(data)
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

    def vm_hwm_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return None

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
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
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

    def __init__(self, binary, latency_ms, workspaces):
        self.proc = subprocess.Popen(
            [binary, "sandbox", "--port", "0", "--latency-ms", str(latency_ms), "--workspaces", str(workspaces)],
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
    if tool == "bbclerk":
        return lambda s: "quit" in s.line(ROWS - 1)
    return lambda s: "Cancel" in s.text()


FRAME_QUIET = 0.05


def first_frame(tool, binary, home):
    """Milliseconds from fork to the end of the first complete frame, and the VmHWM."""
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    session = Session(tool_argv(tool, binary), base_env(home))
    seen = session.wait_for(frame_done(tool), timeout=20)
    end = session.settle(FRAME_QUIET, timeout=2.0) if seen else None
    hwm = session.vm_hwm_kib() if session.alive else None
    session.finish(wait=0)
    if seen is None:
        return None, hwm, session.screen.text()
    end = max(seen, end or seen)
    return (end - session.started) * 1000.0, hwm, None


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
    """Themes/default.toml with the focused field's colours removed, or None."""
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Themes", "default.toml")
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


# --- main -----------------------------------------------------------------------------

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
        # 1. First frame, interleaved.
        frames = {t: [] for t in tools}
        hwm_sandbox = []
        failures = []
        for i in range(args.runs):
            for tool in tools:
                ms, hwm, screen = first_frame(tool, args.binary, os.path.join(scratch, f"ff-{tool}"))
                frames[tool].append(ms)
                if tool == "bbclerk" and hwm:
                    hwm_sandbox.append(hwm)
                if screen is not None:
                    failures.append({"tool": tool, "run": i, "screen": screen})
            print(f"bench: first frame run {i + 1}/{args.runs}: "
                  + "  ".join(f"{t} {fmt(frames[t][-1])} ms" for t in tools), file=sys.stderr)
        results["first_frame_ms"] = {t: {"median": median(frames[t]), "runs": frames[t]} for t in tools}
        if failures:
            results["first_frame_failures"] = failures
        wt = median(frames["whiptail"])
        bb = median(frames["bbclerk"])
        results["first_frame_ratio_bbclerk_whiptail"] = (bb / wt) if bb and wt else None

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
            results["vm_hwm_kib_bbclerk_in_process_sandbox"] = max(hwm_sandbox) if hwm_sandbox else None

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
    for tool, v in r.get("first_frame_ms", {}).items():
        if v["median"] is None or None in v["runs"]:
            problems.append(f"first frame of {tool}")
    for tool, v in r.get("typing_idle_memory", {}).items():
        if v.get("error") or not v.get("typed_text_on_screen"):
            problems.append(f"typing in {tool}: {v.get('error', 'the typed text is not on the screen')}")
    w = r.get("workspaces", {})
    for key in ("bbclerk_cold_cache", "bbclerk_warm_cache"):
        if w.get(key, {}).get("error") or w.get(key, {}).get("visible_names_ms") is None:
            problems.append(f"workspaces ({key}): {w.get(key, {}).get('error', 'names never all shown')}")
    if "filter_ms_per_key" not in r.get("filter", {}):
        problems.append("filter benchmark")
    return problems


def verdict(ok):
    return "" if ok is None else ("yes" if ok else "NO")


def render_table(r, args):
    ff = r["first_frame_ms"]
    s = r.get("typing_idle_memory", {})
    lines = []
    lines.append(f"bbclerk {r.get('commit', '?')}{' (uncommitted changes)' if r.get('worktree_dirty') else ''}, "
                 f"{r['build']}; {r['terminal']}, {r['cpus']} CPUs, {r['date']}")
    if "debug" in r["build"]:
        lines.append("DEBUG BUILD: this run checks that every measurement works; its timings are not representative.")
    lines.append(f"load average at start {' '.join(map(str, r['load_start']))}, "
                 f"at end {' '.join(map(str, r.get('load_end', [])))}")
    lines.append("")
    header = f"| {'measure':<44} | {'bbclerk':>9} | {'whiptail':>9} | {'dialog':>9} | {'target':<22} | met |"
    lines.append(header)
    lines.append("|" + "-" * 46 + "|" + "-" * 11 + "|" + "-" * 11 + "|" + "-" * 11 + "|" + "-" * 24 + "|-----|")

    def row(name, values, target, ok):
        cells = " | ".join(f"{fmt(v):>9}" for v in values)
        lines.append(f"| {name:<44} | {cells} | {target:<22} | {verdict(ok):<3} |")

    ratio = r.get("first_frame_ratio_bbclerk_whiptail")
    row(f"first frame, median of {args.runs} (ms)", [ff[t]["median"] for t in ("bbclerk", "whiptail", "dialog")],
        f"<= 2x whiptail ({fmt(ratio, 2)}x)", None if ratio is None else ratio <= 2)
    get = lambda t, k: s.get(t, {}).get(k)  # noqa: E731
    bpc = [get(t, "bytes_per_char_median") for t in ("bbclerk", "whiptail", "dialog")]
    row("bytes per typed character, median of 20", bpc, "<= 2", None if bpc[0] is None else bpc[0] <= 2)
    row("bytes per typed character, mean of 20", [get(t, "bytes_per_char_mean") for t in ("bbclerk", "whiptail", "dialog")],
        "", None)
    plain = r.get("typing_plain_focused_field") or {}
    if plain.get("bytes_per_char_median") is not None:
        row("  same, plain-coloured field text (what-if)", [plain.get("bytes_per_char_median"), None, None],
            "<= 2", plain["bytes_per_char_median"] <= 2)
    idle = [get(t, "idle_cpu_ms") for t in ("bbclerk", "whiptail", "dialog")]
    row(f"CPU while idle {fmt(args.idle, 0)} s (ms)", idle, "0", None if idle[0] is None else idle[0] == 0)
    row(f"bytes written while idle {fmt(args.idle, 0)} s", [get(t, "idle_bytes") for t in ("bbclerk", "whiptail", "dialog")],
        "0", None)
    mib = lambda k: None if k is None else k / 1024.0  # noqa: E731
    row("peak memory VmHWM (MiB)", [mib(get(t, "vm_hwm_kib")) for t in ("bbclerk", "whiptail", "dialog")], "", None)
    row("  bbclerk --sandbox (emulator in-process)", [mib(r.get("vm_hwm_kib_bbclerk_in_process_sandbox")), None, None],
        "", None)

    w = r.get("workspaces")
    if w:
        lines.append("")
        sb = w["sandbox"]
        lines.append(f"Workspaces: sandbox with {sb['workspaces']} workspaces ({sb['administered']} administered), "
                     f"{sb['latency_ms']} ms per answer; times from arriving on the step")
        lines.append(f"| {'measure':<44} | {'cold':>9} | {'cached':>9} | {'naive':>9} | {'target':<22} | met |")
        lines.append("|" + "-" * 46 + "|" + "-" * 11 + "|" + "-" * 11 + "|" + "-" * 11 + "|" + "-" * 24 + "|-----|")
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
    else:
        lines.append("Filtering: no result (FilterBenchmarkTests did not run or printed no BENCH line)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
