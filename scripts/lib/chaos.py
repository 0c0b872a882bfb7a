#!/usr/bin/env python3
"""scripts/lib/chaos.py — orchestration and statistics of `scripts/chaos` (Python 3 stdlib only).

Called by scripts/chaos (which installs the tools, finds the release binary and owns the
scratch directory and the last-resort trap); not meant to be run by hand:

    chaos.py --binary BIN --workdir DIR --report FILE [--long] [--missing TOOL,...] SCENARIO...

Every scenario runs the real `atscore serve` under load from wrk (scripts/load/chaos.lua, one
connection per wrk thread so every request is timed), in phases: a steady phase before the
fault, the fault phase (load running while the fault is injected and healed), and a steady
phase after it. Probes (plain HTTP from this process) time the recovery.

Everything started is registered in DIR/manifest (`pid N NAME`, `netns NAME`, `pgdata DIR`,
`dir DIR`) and stopped by PID here; every process gets CHAOS_RUN=DIR in its environment, and
scripts/chaos's trap reads the manifest again (signalling only PIDs with that marker) in case
this process itself was killed.
"""

import argparse
import datetime
import http.client as httpclient
import json
import os
import platform
import pwd
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LUA = REPO / "scripts" / "load" / "chaos.lua"
AUTOHEAL = REPO / "scripts" / "lib" / "autoheal.sh"
API_KEY = "chaos-key-0123456789abcdef"
AVAILABILITY_SLO = 99.0  # % non-5xx (connection errors count as failures), docs/slo.md
LATENCY_SLO_MS = 2000.0  # p95 under 2 s, docs/slo.md

# Phase lengths (seconds) and repetitions: the short form keeps every scenario under ~45 s.
SHORT = dict(steady=6, kill_window=5, kill_rounds=5, hang_window=16, hang_rounds=1,
             lat_base=3, lat_run=8, spike_normal=6, spike=10, db_outage=10, db_steady=5)
LONG = dict(steady=60, kill_window=20, kill_rounds=5, hang_window=25, hang_rounds=3,
            lat_base=20, lat_run=60, spike_normal=60, spike=60, db_outage=30, db_steady=30)

SCENARIOS = ["kill", "hang", "latency", "spike", "db", "clamd"]
ABOUT = {  # (fault, load) for a row whose scenario did not run; each scenario writes its own
    "kill": ("`kill -9` of the server (supervisord autorestart)", "candidate uploads"),
    "hang": ("`SIGSTOP` of the server → autoheal watchdog → `supervisorctl restart`", "POST /api/v1/score"),
    "latency": ("`atscore chaos proxy` latency; nftables packet loss between two netns", "POST /api/v1/score"),
    "spike": ("10× the connections on uncached scoring, MAX_IN_FLIGHT=16", "POST /api/v1/score"),
    "db": ("own PostgreSQL stopped and started again", "GET ranking"),
    "clamd": ("clamd killed under upload load (scanning on, fail closed)", "–"),
}
NEEDS = {  # tools each scenario needs (names as scripts/chaos reports them missing)
    "kill": ["wrk", "supervisor"],
    "hang": ["wrk", "supervisor"],
    "latency": ["wrk", "iproute2", "nftables"],
    "spike": ["wrk"],
    "db": ["wrk", "postgresql"],
    "clamd": [],
}


def log(msg):
    print(f"[chaos {time.strftime('%H:%M:%S')}] {msg}", flush=True)


class ScenarioError(Exception):
    """A scenario could not be carried out (its set-up failed): it fails with this reason."""


# --------------------------------------------------------------------------- processes

class Procs:
    """Every process started here, stopped by its PID (TERM, then KILL after a grace)."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.manifest = self.workdir / "manifest"
        self.live = []  # (Popen, name)
        self.lock = threading.Lock()

    def note(self, line):
        with self.lock, open(self.manifest, "a") as f:
            f.write(line + "\n")

    def start(self, cmd, log_path, env=None, name=None):
        # the run's marker: scripts/chaos's trap only ever signals a PID that carries it
        env = dict(os.environ if env is None else env, CHAOS_RUN=str(self.workdir))
        out = open(log_path, "ab")
        p = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, env=env)
        out.close()
        name = name or Path(str(cmd[0])).name
        self.live.append((p, name))
        self.note(f"pid {p.pid} {name}")
        return p

    def stop(self, p, grace=5.0):
        if p.poll() is None:
            try:
                os.kill(p.pid, signal.SIGCONT)  # a stopped process cannot act on TERM
                os.kill(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(grace)
            except subprocess.TimeoutExpired:
                try:
                    os.kill(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(5)
        self.live = [(q, n) for (q, n) in self.live if q is not p]

    def stop_all(self):
        for p, _ in reversed(list(self.live)):
            self.stop(p)


def uptime_s():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def proc_start_s(pid):
    """When a process started, in seconds since boot (the clock of /proc/uptime)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of stat(5)
    except (OSError, IndexError, ValueError):
        return None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(cmd, check=True, timeout=60, **kw):
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, **kw)
    if check and r.returncode != 0:
        raise ScenarioError(f"`{' '.join(map(str, cmd))}` failed (rc {r.returncode}): "
                            f"{(r.stderr or r.stdout).strip()[:400]}")
    return r


# --------------------------------------------------------------------------- HTTP

class Resp:
    def __init__(self, status, headers, body, elapsed, error=None, start=0.0, end=0.0):
        self.status, self.headers, self.body = status, headers, body
        self.elapsed, self.error, self.start, self.end = elapsed, error, start, end

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8", "replace"))
        except ValueError:
            return None

    def code(self):
        j = self.json()
        return j.get("code") if isinstance(j, dict) else None


def http(method, url, body=None, headers=None, timeout=5.0):
    u = urllib.parse.urlsplit(url)
    t0 = time.monotonic()
    try:
        c = httpclient.HTTPConnection(u.hostname, u.port, timeout=timeout)
        path = u.path + ("?" + u.query if u.query else "")
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        t1 = time.monotonic()
        return Resp(r.status, hdrs, data, t1 - t0, None, t0, t1)
    except Exception as e:  # refused, reset, timeout: no answer
        t1 = time.monotonic()
        return Resp(None, {}, b"", t1 - t0, f"{type(e).__name__}: {e}", t0, t1)


def multipart(fields):
    """fields: [(name, filename or None, bytes, content type)] → (body, content type)."""
    boundary = "----atscoreChaosPy" + "%016x" % random.getrandbits(64)
    out = []
    for name, fname, data, ctype in fields:
        disp = f'form-data; name="{name}"' + (f'; filename="{fname}"' if fname else "")
        out.append(f"--{boundary}\r\nContent-Disposition: {disp}\r\nContent-Type: {ctype}\r\n\r\n".encode())
        out.append(data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def wait_until(pred, timeout, interval=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    return None


class Prober(threading.Thread):
    """Asks one URL every `interval` seconds (each ask bounded by `timeout`) and keeps every
    answer; recovery = end of the first good answer to an ask started after the fault."""

    def __init__(self, url, interval=0.05, timeout=0.3, method="GET", headers=None, body_fn=None,
                 max_seconds=600):
        super().__init__(daemon=True)
        self.url, self.interval, self.timeout = url, interval, timeout
        self.method, self.headers, self.body_fn = method, headers or {}, body_fn
        self.samples = []
        self.halt = threading.Event()
        self.deadline = time.monotonic() + max_seconds

    def run(self):
        while not self.halt.is_set() and time.monotonic() < self.deadline:
            headers = dict(self.headers)
            body = None
            if self.body_fn:
                body, ctype = self.body_fn()
                headers["Content-Type"] = ctype
            r = http(self.method, self.url, body, headers, self.timeout)
            self.samples.append(r)
            self.halt.wait(self.interval)

    def stop(self):
        self.halt.set()
        self.join(10)

    def first(self, pred, after):
        for r in list(self.samples):
            if r.start >= after and pred(r):
                return r
        return None

    def wait_for(self, pred, after, timeout):
        return wait_until(lambda: self.first(pred, after), timeout, 0.02)

    def dump(self, path, t_ref):
        """Every probe as `start end status elapsed code/error` (seconds relative to t_ref)."""
        with open(path, "w") as f:
            for r in list(self.samples):
                what = r.code() or (r.error or "")
                if r.status and not r.code():
                    j = r.json()
                    what = json.dumps(j.get("checks") if isinstance(j, dict) and "checks" in j else "")
                f.write(f"{r.start - t_ref:+.3f}\t{r.end - t_ref:+.3f}\t{r.status}\t{r.elapsed:.3f}\t{what}\n")

    def between(self, t0, t1):
        return [r for r in list(self.samples) if t0 <= r.start <= t1]


# --------------------------------------------------------------------------- load (wrk)

def pct(sorted_values, p):
    if not sorted_values:
        return None
    i = max(1, -(-len(sorted_values) * p // 100))  # nearest rank
    return sorted_values[int(i) - 1]


class Load:
    """Answers (status, latency) and socket errors of one or more wrk runs."""

    def __init__(self, runs=()):
        self.samples = []
        self.sock = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
        self.codes5 = {}
        self.no_retry_after = 0
        self.duration = 0.0
        self.ids = []
        self.missing = []  # runs that left no summary (wrk killed or failed)
        for r in runs:
            self.add(r)

    def add(self, run):
        if run.summary is None:
            self.missing.append(run.name)
            return
        s = run.summary
        self.samples.extend(run.samples)
        for k in self.sock:
            self.sock[k] += s["socket_errors"].get(k, 0)
        for k, v in s.get("err5_codes", {}).items():
            self.codes5[k] = self.codes5.get(k, 0) + v
        self.no_retry_after += s.get("no_retry_after_503", 0)
        self.duration += s.get("duration_s", 0.0)
        self.ids.extend(run.ids)

    @property
    def answers(self):
        return len(self.samples)

    @property
    def sock_errors(self):
        return sum(self.sock.values())

    def count(self, pred):
        return sum(1 for s, _ in self.samples if pred(s))

    @property
    def e5(self):
        return self.count(lambda s: s >= 500)

    @property
    def errors(self):
        return self.e5 + self.sock_errors

    @property
    def availability(self):
        attempts = self.answers + self.sock_errors
        return None if attempts == 0 else 100.0 * (attempts - self.errors) / attempts

    def lat(self, p, pred=lambda s: True):
        return pct(sorted(ms for s, ms in self.samples if pred(s)), p)

    def statuses(self):
        out = {}
        for s, _ in self.samples:
            out[s] = out.get(s, 0) + 1
        return dict(sorted(out.items()))

    def describe(self):
        a = self.availability
        st = ", ".join(f"{k}: {v}" for k, v in self.statuses().items()) or "none"
        sock = ", ".join(f"{k} {v}" for k, v in self.sock.items() if v) or "none"
        rps = self.answers / self.duration if self.duration else 0
        return (f"{self.answers} answers in {self.duration:.1f} s ({rps:.0f}/s), statuses {{{st}}}, "
                f"socket errors: {sock}; availability {fmt_pct(a)}; latency p50 {fmt_ms(self.lat(50))}, "
                f"p95 {fmt_ms(self.lat(95))}, p99 {fmt_ms(self.lat(99))}, max {fmt_ms(self.lat(100))}")


class WrkRun:
    def __init__(self, ctx, name, url, mode, conns, seconds, delay_ms=0, timeout_s=5, netns=None):
        self.ctx, self.name, self.url, self.mode = ctx, name, url, mode
        self.conns, self.seconds = conns, seconds
        base = ctx.dir / f"wrk-{name}"
        self.out, self.lat, self.idsf = Path(f"{base}.json"), Path(f"{base}.lat"), Path(f"{base}.ids")
        env = dict(os.environ, CHAOS_MODE=mode, RESUME_FILE=str(ctx.resume), JOB_FILE=str(ctx.job),
                   API_KEY=API_KEY, CHAOS_DELAY_MS=str(delay_ms), CHAOS_OUT=str(self.out),
                   CHAOS_LAT=str(self.lat), CHAOS_IDS=str(self.idsf))
        cmd = ["timeout", "-k", "5", str(seconds + 30), "wrk", f"-t{conns}", f"-c{conns}",
               f"-d{seconds}s", f"--timeout", f"{timeout_s}s", "-s", LUA, url]
        if netns:
            cmd = ["ip", "netns", "exec", netns] + cmd
        self.proc = ctx.procs.start(cmd, f"{base}.log", env=env, name="timeout")  # timeout(1) runs wrk
        self.summary, self.samples, self.ids = None, [], []

    def wait(self):
        try:
            self.proc.wait(self.seconds + 45)
        except subprocess.TimeoutExpired:
            pass
        self.ctx.procs.stop(self.proc)
        if self.out.exists():
            try:
                self.summary = json.loads(self.out.read_text())
            except ValueError:
                self.summary = None
        if self.summary is not None and self.lat.exists():
            for line in self.lat.read_text().splitlines():
                a, b = line.split()
                self.samples.append((int(a), float(b)))
        if self.idsf.exists():
            self.ids = [x for x in self.idsf.read_text().split() if x]
        if self.summary is None:
            log(f"wrk run {self.name} left no summary; its log: "
                f"{Path(str(self.out)[:-5] + '.log').read_text(errors='replace')[-500:]}")
        return self


def wrk(ctx, *a, **kw):
    return WrkRun(ctx, *a, **kw).wait()


# --------------------------------------------------------------------------- formatting

def fmt_ms(ms):
    if ms is None:
        return "–"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 10:
        return f"{ms:.0f} ms"
    return f"{ms:.1f} ms"


def fmt_pct(a):
    return "–" if a is None else f"{a:.2f}%"


def fmt_s(s):
    return "–" if s is None else f"{s:.2f} s"


class Result:
    def __init__(self, name, fault="", load=""):
        self.name, self.fault, self.load = name, fault, load
        self.steady = Load()
        self.faulty = None  # Load of the fault phase(s)
        self.recovery = None  # seconds (worst round)
        self.recovery_text = None
        self.recovery_target = None
        self.checks = []  # (ok, text)
        self.details = []
        self.findings = []  # what the run found out about the product (reported, not a verdict)
        self.state = "run"  # run | not run | skipped
        self.note = ""
        self.p95_override = None
        self.seconds = 0.0

    def check(self, ok, text):
        self.checks.append((bool(ok), text))
        log(("  ok   " if ok else "  FAIL ") + text)
        return ok

    @property
    def passed(self):
        return self.state == "run" and bool(self.checks) and all(ok for ok, _ in self.checks)

    def slo_checks(self):
        """The steady phases keep the availability and latency SLOs."""
        a = self.steady.availability
        why = ""
        if a is not None and a < AVAILABILITY_SLO:
            why = (f" ({self.steady.e5} 5xx, codes {self.steady.codes5}; "
                   f"{self.steady.sock_errors} connection errors)")
        self.check(a is not None and a >= AVAILABILITY_SLO,
                   f"steady availability {fmt_pct(a)} ≥ {AVAILABILITY_SLO:.0f}%{why}")
        p95 = self.steady.lat(95)
        self.check(p95 is not None and p95 < LATENCY_SLO_MS, f"steady p95 {fmt_ms(p95)} < 2 s")
        if self.steady.missing or (self.faulty and self.faulty.missing):
            self.check(False, "every wrk run reported (missing: "
                       + ", ".join(self.steady.missing + (self.faulty.missing if self.faulty else [])) + ")")


# --------------------------------------------------------------------------- the server

class Ctx:
    def __init__(self, args):
        self.binary = Path(args.binary).resolve()
        self.workdir = Path(args.workdir)
        self.procs = Procs(self.workdir)
        self.long = args.long
        self.p = LONG if args.long else SHORT
        self.resume = Path(args.resume)
        self.job = Path(args.job)
        self.dir = self.workdir  # per-scenario directory, set by the runner
        self.missing = set(x for x in (args.missing or "").split(",") if x)
        self.ci = os.environ.get("CI") == "true"

    def server_env(self, **extra):
        env = {k: v for k, v in os.environ.items()
               if not (k in ("BIND", "DATABASE_URL", "ATSCORE_CONFIG") or k.startswith(("FAULT", "CLAMAV")))}
        env.update(API_KEY=API_KEY, RATE_LIMIT_PER_MINUTE="0", LOG_LEVEL="warn", LOG_FORMAT="json")
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def serve(self, port, db_url, name="atscore", **extra):
        env = self.server_env(BIND=f"127.0.0.1:{port}", DATABASE_URL=db_url, **extra)
        p = self.procs.start([self.binary, "serve"], self.dir / f"{name}.log", env=env, name="atscore")
        base = f"http://127.0.0.1:{port}"
        if not wait_until(lambda: p.poll() is None and http("GET", base + "/healthz", timeout=1).status == 200, 30, 0.1):
            raise ScenarioError(f"atscore did not answer /healthz: {tail(self.dir / f'{name}.log')}")
        return p, base


def tail(path, n=1200):
    try:
        return Path(path).read_text(errors="replace")[-n:].strip()
    except OSError:
        return "(no log)"


def api_headers(extra=None):
    h = {"X-API-Key": API_KEY}
    h.update(extra or {})
    return h


def create_job(ctx, base):
    body = json.dumps({"title": "chaos", "description": ctx.job.read_text()}).encode()
    r = http("POST", base + "/api/v1/jobs", body, api_headers({"Content-Type": "application/json"}), 30)
    if r.status != 201 or not (r.json() or {}).get("id"):
        raise ScenarioError(f"POST /api/v1/jobs: {r.status} {r.error or r.body[:300]!r}")
    return r.json()["id"]


def ranking_ids(base, job_id, timeout=120):
    r = http("GET", f"{base}/api/v1/jobs/{job_id}/ranking", None, api_headers(), timeout)
    if r.status != 200:
        raise ScenarioError(f"GET ranking: {r.status} {r.error or r.body[:300]!r}")
    return [c.get("id") for c in (r.json() or {}).get("candidates", [])]


class Supervisor:
    """supervisord (nodaemon, own socket and config in the scenario directory) running atscore
    on SQLite with autorestart=true — the analogue of compose's `restart: unless-stopped`."""

    STOPWAITSECS = 3  # graceful budget before SIGKILL (like terminationGracePeriodSeconds)

    def __init__(self, ctx, port):
        self.ctx, self.port = ctx, port
        d = ctx.dir
        self.conf = d / "supervisord.conf"
        env = ctx.server_env(BIND=f"127.0.0.1:{port}", DATABASE_URL=f"sqlite://{d}/atscore.db",
                             SHUTDOWN_TIMEOUT=self.STOPWAITSECS - 1)
        keep = ["BIND", "DATABASE_URL", "API_KEY", "RATE_LIMIT_PER_MINUTE", "LOG_LEVEL", "LOG_FORMAT",
                "SHUTDOWN_TIMEOUT", "PATH", "HOME"]
        envline = ",".join(f'{k}="{env[k]}"' for k in keep if k in env)
        self.conf.write_text(f"""; written by scripts/chaos: atscore under supervisord, like `restart: unless-stopped`
[unix_http_server]
file={d}/supervisor.sock

[supervisord]
logfile={d}/supervisord.log
pidfile={d}/supervisord.pid
childlogdir={d}
nodaemon=true
silent=true
user=root

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{d}/supervisor.sock

[program:atscore]
command={ctx.binary} serve
environment={envline}
autostart=true
autorestart=true
startsecs=1
startretries=10
stopsignal=TERM
stopwaitsecs={self.STOPWAITSECS}
stdout_logfile={d}/atscore.log
redirect_stderr=true

; supervisord's loop sleeps up to 1 s in poll(), and SIGCHLD does not wake it; it reaps a dead
; child on one turn and restarts it on the next. This program's output wakes the loop every
; 100 ms, so a killed atscore is reaped and restarted within ~0.2 s instead of up to 2 s
; (deploy/supervisor/atscore.conf ships the same).
[program:wakeup]
command=/bin/sh -c 'while :; do echo; sleep 0.1; done'
autostart=true
autorestart=true
startsecs=0
stdout_logfile=NONE
redirect_stderr=true
""")
        self.proc = ctx.procs.start(["supervisord", "-c", self.conf], d / "supervisord.out", name="supervisord")
        self.base = f"http://127.0.0.1:{port}"
        if not wait_until(lambda: http("GET", self.base + "/healthz", timeout=1).status == 200, 30, 0.1):
            raise ScenarioError(f"atscore under supervisord did not become healthy: {tail(d / 'atscore.log')} "
                                f"{tail(d / 'supervisord.log')}")
        self.pids_seen = set()

    def ctl(self, *args, timeout=30):
        return run(["supervisorctl", "-c", self.conf] + list(args), check=False, timeout=timeout)

    def pid(self):
        r = self.ctl("pid", "atscore")
        try:
            pid = int(r.stdout.strip())
        except ValueError:
            return None
        if pid > 0 and pid not in self.pids_seen:
            self.pids_seen.add(pid)
            self.ctx.procs.note(f"pid {pid} atscore")
        return pid if pid > 0 else None

    def stop(self):
        self.ctx.procs.stop(self.proc, grace=self.STOPWAITSECS + 5)


# --------------------------------------------------------------------------- scenarios

def scenario_kill(ctx, res):
    p = ctx.p
    res.fault = f"`kill -9` of the server{' ×' + str(p['kill_rounds']) if p['kill_rounds'] > 1 else ''}, {p['kill_window']} s apart (supervisord autorestart)"
    conns = int(os.environ.get("CHAOS_UPLOAD_CONNS", "2"))
    res.load = f"wrk {conns} conns, candidate uploads (1 PDF each, 50 ms pause)"
    # 2 s is the product's target; CHAOS_KILL_TARGET_S overrides it (the report shows the
    # target used).
    res.recovery_target = float(os.environ.get("CHAOS_KILL_TARGET_S", "2.0"))
    sup = Supervisor(ctx, free_port())
    base = sup.base
    job_id = create_job(ctx, base)
    up_url = f"{base}/api/v1/jobs/{job_id}/candidates"
    kw = dict(mode="upload", conns=conns, delay_ms=50, timeout_s=5)
    a = wrk(ctx, "steady-before", up_url, seconds=p["steady"], **kw)
    res.steady.add(a)
    prober = Prober(base + "/healthz", interval=0.05, timeout=0.3)
    prober.start()
    fault_run = WrkRun(ctx, "fault", up_url, seconds=p["kill_rounds"] * p["kill_window"], **kw)
    t_begin = time.monotonic()
    recoveries, before_counts, boots = [], [], []
    for i in range(p["kill_rounds"]):
        time.sleep(max(0, t_begin + i * p["kill_window"] + 2 - time.monotonic()))
        before_counts.append(len(ranking_ids(base, job_id)))
        pid = sup.pid()
        if not pid:
            raise ScenarioError("supervisorctl pid atscore gave no pid")
        up_kill = uptime_s()
        t_kill = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        ok = prober.wait_for(lambda r: r.status == 200, t_kill, 20)
        rec = (ok.end - t_kill) if ok else None
        new_pid = sup.pid()
        recoveries.append(rec)
        # split the recovery: supervisord noticing and starting a new process (its start time
        # in /proc, 10 ms resolution), then atscore starting until /healthz answers
        started = proc_start_s(new_pid) if new_pid else None
        restart = (started - up_kill) if started is not None else None
        boot = (rec - restart) if rec is not None and restart is not None else None
        boots.append(boot)
        res.details.append(f"round {i + 1}: killed pid {pid} with {before_counts[-1]} candidates stored; "
                           f"/healthz 200 again after {fmt_s(rec)} = supervisord restart {fmt_s(restart)} "
                           f"+ atscore start to healthy {fmt_s(boot)}; new pid {new_pid}")
        res.check(rec is not None and new_pid and new_pid != pid,
                  f"round {i + 1}: supervisord started a new process (pid {pid} → {new_pid})")
    fault_run.wait()
    res.faulty = Load([fault_run])
    c = wrk(ctx, "steady-after", up_url, seconds=p["steady"], **kw)
    res.steady.add(c)
    prober.stop()
    acked = set(a.ids) | set(fault_run.ids) | set(c.ids)
    stored = ranking_ids(base, job_id)
    stored_set = set(stored)
    lost = acked - stored_set
    extra = stored_set - acked
    res.details.append(f"uploads answered 201: {len(acked)} candidates (steady {len(a.ids)}, fault {len(fault_run.ids)}, "
                       f"after {len(c.ids)}); GET ranking lists {len(stored)}; lost {len(lost)}; "
                       f"stored without a 201 reaching the client (in flight at the kill): {len(extra)}")
    res.check(len(acked) > 0, f"uploads were accepted under load ({len(acked)} ids with a 201)")
    res.check(not lost, f"no accepted upload lost: {len(acked) - len(lost)}/{len(acked)} acknowledged ids in the ranking"
              + (f" (missing e.g. {sorted(lost)[:3]})" if lost else ""))
    res.check(len(stored) >= max(before_counts + [0]),
              f"candidate count before kill {max(before_counts + [0])} ≤ after {len(stored)}")
    busy = sum(1 for line in open(ctx.dir / "atscore.log", errors="replace") if "database is locked" in line)
    su = res.steady.codes5.get("storage_unavailable", 0) + res.faulty.codes5.get("storage_unavailable", 0)
    if su:
        res.findings.append(
            f"{su} uploads were answered 503 `storage_unavailable` with {conns} uploads running at once and the "
            f"server up; its log has {busy} `database is locked` (SQLite code 5) errors. The upload transaction "
            "reads (does the job exist?) before it writes, so it starts as a reader; when another upload commits "
            "in between, SQLite refuses the upgrade to a writer with SQLITE_BUSY at once — `busy_timeout` does "
            "not apply to that case. Starting write transactions with `BEGIN IMMEDIATE` on SQLite (or writing "
            "first) makes concurrent uploads wait for each other instead of failing.")
    # supervisord's loop reaps and restarts on its turns; the wakeup program (see Supervisor)
    # makes a turn every 100 ms, so every kill must be healthy again within the target.
    worst = None if any(r is None for r in recoveries) else max(recoveries)
    median = None if worst is None else sorted(recoveries)[(len(recoveries) - 1) // 2]
    within = sum(1 for r in recoveries if r is not None and r <= res.recovery_target)
    res.recovery = worst
    res.recovery_text = (f"median {fmt_s(median)}, worst {fmt_s(worst)} over {len(recoveries)} kills to /healthz 200; "
                         f"{within}/{len(recoveries)} within the {res.recovery_target:.0f} s target")
    res.check(worst is not None and worst <= res.recovery_target,
              f"healthy again within {res.recovery_target:.0f} s of every kill -9 "
              f"({', '.join(fmt_s(r) for r in recoveries)})")
    res.check(all(b is not None and b <= 1.0 for b in boots),
              f"atscore's own part, process start to /healthz 200, ≤ 1 s each ({', '.join(fmt_s(b) for b in boots)})")
    res.slo_checks()
    sup.stop()


def scenario_hang(ctx, res):
    p = ctx.p
    interval, timeout, retries = 1, 1, 3
    res.fault = "`SIGSTOP` of the server (hung process) → autoheal watchdog → `supervisorctl restart`"
    res.load = "wrk 2 conns, POST /api/v1/score (cached), 10 ms pause"
    # detection: `retries` failed probes, each up to `timeout` plus `interval` apart; then the
    # stop (TERM is held while stopped: SIGKILL after stopwaitsecs) and a start (+ ~1 s slack)
    res.recovery_target = retries * (interval + timeout) + Supervisor.STOPWAITSECS + 3
    sup = Supervisor(ctx, free_port())
    base = sup.base
    watchdog_log = ctx.dir / "autoheal.log"
    env = dict(os.environ, ATSCORE_BIN=str(ctx.binary))
    span = 2 * p["steady"] + p["hang_rounds"] * p["hang_window"] + 30
    watchdog = ctx.procs.start(["bash", AUTOHEAL, base + "/healthz", interval, timeout, retries, span, "--",
                                "supervisorctl", "-c", sup.conf, "restart", "atscore"],
                               watchdog_log, env=env, name="bash")
    url = base + "/api/v1/score"
    kw = dict(mode="score", conns=2, delay_ms=10, timeout_s=2)
    res.steady.add(wrk(ctx, "steady-before", url, seconds=p["steady"], **kw))
    prober = Prober(base + "/healthz", interval=0.05, timeout=0.3)
    prober.start()
    fault_run = WrkRun(ctx, "fault", url, seconds=p["hang_rounds"] * p["hang_window"], **kw)
    t_begin = time.monotonic()
    recoveries = []
    for i in range(p["hang_rounds"]):
        time.sleep(max(0, t_begin + i * p["hang_window"] + 2 - time.monotonic()))
        pid = sup.pid()
        if not pid:
            raise ScenarioError("supervisorctl pid atscore gave no pid")
        t_stop, wall_stop = time.monotonic(), time.time()
        os.kill(pid, signal.SIGSTOP)
        ok = prober.wait_for(lambda r: r.status == 200, t_stop, res.recovery_target + 15)
        rec = (ok.end - t_stop) if ok else None
        new_pid = sup.pid()
        recoveries.append(rec)
        events = []
        for line in watchdog_log.read_text(errors="replace").splitlines():
            try:
                ts, ev = line.split(" ", 1)
                if float(ts) >= wall_stop - 0.5:
                    events.append(f"+{float(ts) - wall_stop:.1f} s {ev}")
            except ValueError:
                pass
        restart_at = next((e for e in events if e.endswith(" restart")), None)
        res.details.append(f"round {i + 1}: stopped pid {pid}; healthy again after {fmt_s(rec)} with pid {new_pid}; "
                           f"watchdog: {'; '.join(events[:8]) or 'no events'}")
        res.check(restart_at is not None, f"round {i + 1}: the watchdog decided to restart after {retries} failed probes")
        res.check(rec is not None and new_pid and new_pid != pid,
                  f"round {i + 1}: a new process replaced the hung one (pid {pid} → {new_pid})")
        try:
            os.kill(pid, 0)
            gone = Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
        except (ProcessLookupError, FileNotFoundError):
            gone = True
        res.check(gone, f"round {i + 1}: the hung process {pid} is gone")
    fault_run.wait()
    res.faulty = Load([fault_run])
    res.steady.add(wrk(ctx, "steady-after", url, seconds=p["steady"], **kw))
    prober.stop()
    ctx.procs.stop(watchdog)
    worst = None if any(r is None for r in recoveries) else max(recoveries)
    res.recovery = worst
    res.recovery_text = f"{fmt_s(worst)} to /healthz 200 (target ≤ {res.recovery_target:.0f} s)"
    res.check(worst is not None and worst <= res.recovery_target,
              f"healed within {res.recovery_target:.0f} s of the hang ({', '.join(fmt_s(r) for r in recoveries)})")
    res.slo_checks()
    sup.stop()


class Netns:
    """Two network namespaces joined by a veth pair on 10.200.X.0/30 (addresses that exist only
    inside them): the server in one, the load generator in the other."""

    def __init__(self, ctx):
        self.ctx = ctx
        tag = f"{os.getpid() % 100000}"
        self.srv, self.cli = f"chaos-srv-{tag}", f"chaos-cli-{tag}"
        self.vsrv, self.vcli = f"chs{tag}", f"chc{tag}"
        used = run(["ip", "netns", "list"], check=False).stdout
        x = 1 + (os.getpid() % 250)
        self.net = f"10.200.{x}"
        self.srv_ip, self.cli_ip = f"{self.net}.1", f"{self.net}.2"
        self.created = []
        for ns in (self.srv, self.cli):
            if ns in used:
                run(["ip", "netns", "del", ns], check=False)
            ctx.procs.note(f"netns {ns}")
            run(["ip", "netns", "add", ns])
            self.created.append(ns)
        run(["ip", "link", "add", self.vsrv, "type", "veth", "peer", "name", self.vcli])
        run(["ip", "link", "set", self.vsrv, "netns", self.srv])
        run(["ip", "link", "set", self.vcli, "netns", self.cli])
        for ns, dev, ip in ((self.srv, self.vsrv, self.srv_ip), (self.cli, self.vcli, self.cli_ip)):
            run(["ip", "-n", ns, "addr", "add", f"{ip}/30", "dev", dev])
            run(["ip", "-n", ns, "link", "set", dev, "up"])
            run(["ip", "-n", ns, "link", "set", "lo", "up"])

    def nft_loss(self, percent):
        rules = f"""table inet atscore_chaos {{
  chain in {{ type filter hook input priority 0; policy accept;
    meta l4proto tcp numgen random mod 100 < {percent} counter drop
  }}
  chain out {{ type filter hook output priority 0; policy accept;
    meta l4proto tcp numgen random mod 100 < {percent} counter drop
  }}
}}
"""
        r = subprocess.run(["ip", "netns", "exec", self.srv, "nft", "-f", "-"], input=rules, text=True,
                           capture_output=True, timeout=20)
        if r.returncode != 0:
            raise ScenarioError(f"nft -f (loss rule) failed: {r.stderr.strip()}")

    def nft_dropped(self):
        r = run(["ip", "netns", "exec", self.srv, "nft", "-j", "list", "table", "inet", "atscore_chaos"], check=False)
        total = 0
        try:
            for item in json.loads(r.stdout)["nftables"]:
                rule = item.get("rule")
                if rule:
                    for e in rule.get("expr", []):
                        if "counter" in e:
                            total += e["counter"].get("packets", 0)
        except (ValueError, KeyError):
            return None
        return total

    def nft_clear(self):
        run(["ip", "netns", "exec", self.srv, "nft", "delete", "table", "inet", "atscore_chaos"], check=False)

    def close(self):
        for ns in self.created:
            run(["ip", "netns", "exec", ns, "nft", "flush", "ruleset"], check=False)
            run(["ip", "netns", "del", ns], check=False)
        self.created = []


def scenario_latency(ctx, res):
    p = ctx.p
    lat_ms, jitter_ms, loss = 200, 50, 10
    res.fault = (f"`atscore chaos proxy` +{lat_ms} ms ±{jitter_ms} ms per chunk; then veth between two netns "
                 f"with nftables {loss}% random drop each way")
    res.load = "wrk 4 conns, POST /api/v1/score (cached)"
    kw = dict(mode="score", conns=4, timeout_s=10)
    # (a) the userspace fault proxy (no tc netem on this kernel)
    help_r = run([ctx.binary, "chaos", "proxy", "--help"], check=False)
    proxy_ok = help_r.returncode == 0 and "--latency-ms" in help_r.stdout
    port = free_port()
    srv, base = ctx.serve(port, f"sqlite://{ctx.dir}/atscore.db")
    url = base + "/api/v1/score"
    base_run = wrk(ctx, "direct", url, seconds=p["lat_base"], **kw)
    direct = Load([base_run])
    res.steady.add(base_run)
    res.details.append(f"direct (no fault): {direct.describe()}")
    runs_fault = []
    if res.check(proxy_ok, "`atscore chaos proxy --help` lists --latency-ms (the proxy exists in this binary)"):
        pport = free_port()
        proxy = ctx.procs.start([ctx.binary, "chaos", "proxy", "--listen", f"127.0.0.1:{pport}",
                                 "--upstream", f"127.0.0.1:{port}", "--latency-ms", lat_ms,
                                 "--jitter-ms", jitter_ms, "--duration-s", p["lat_run"] + 20],
                                ctx.dir / "proxy.log", name="atscore")
        if not wait_until(lambda: proxy.poll() is None and http("GET", f"http://127.0.0.1:{pport}/healthz", timeout=3).status == 200, 15, 0.2):
            raise ScenarioError(f"chaos proxy did not pass /healthz through: {tail(ctx.dir / 'proxy.log')}")
        pr = wrk(ctx, "proxy", f"http://127.0.0.1:{pport}/api/v1/score", seconds=p["lat_run"], **kw)
        ctx.procs.stop(proxy)
        proxied = Load([pr])
        runs_fault.append(pr)
        res.details.append(f"through the proxy (+{lat_ms} ±{jitter_ms} ms): {proxied.describe()}")
        p50 = proxied.lat(50)
        res.check(p50 is not None and p50 >= lat_ms - jitter_ms,
                  f"the proxy added its latency (p50 {fmt_ms(p50)} ≥ {lat_ms - jitter_ms} ms)")
        a = proxied.availability
        res.check(a is not None and a >= AVAILABILITY_SLO, f"proxied availability {fmt_pct(a)} ≥ 99%")
        res.check(proxied.lat(95) is not None and proxied.lat(95) < LATENCY_SLO_MS,
                  f"proxied p95 {fmt_ms(proxied.lat(95))} < 2 s")
    ctx.procs.stop(srv)
    # (b) packet loss between two network namespaces
    ns = Netns(ctx)
    try:
        nport = 8080
        env = ctx.server_env(BIND=f"{ns.srv_ip}:{nport}", DATABASE_URL=f"sqlite://{ctx.dir}/netns.db")
        nsrv = ctx.procs.start(["ip", "netns", "exec", ns.srv, ctx.binary, "serve"], ctx.dir / "atscore-netns.log",
                               env=env, name="atscore")
        nurl = f"http://{ns.srv_ip}:{nport}"
        probe = ["ip", "netns", "exec", ns.cli, ctx.binary, "healthcheck", "--url", nurl + "/healthz", "--timeout", "1"]
        if not wait_until(lambda: nsrv.poll() is None and run(probe, check=False).returncode == 0, 30, 0.2):
            raise ScenarioError(f"atscore in netns {ns.srv} did not answer from {ns.cli}: {tail(ctx.dir / 'atscore-netns.log')}")
        b = wrk(ctx, "netns-clean", nurl + "/api/v1/score", seconds=p["lat_base"], netns=ns.cli, **kw)
        res.steady.add(b)
        res.details.append(f"netns veth {ns.cli_ip} → {ns.srv_ip}, no loss: {Load([b]).describe()}")
        ns.nft_loss(loss)
        lr = wrk(ctx, "netns-loss", nurl + "/api/v1/score", seconds=p["lat_run"], netns=ns.cli, **kw)
        dropped = ns.nft_dropped()
        ns.nft_clear()
        lossy = Load([lr])
        runs_fault.append(lr)
        res.details.append(f"netns with {loss}% loss each way ({dropped} packets dropped by nftables): {lossy.describe()}")
        res.check(dropped is not None and dropped > 0, f"nftables dropped packets ({dropped})")
        a = lossy.availability
        res.check(a is not None and a >= AVAILABILITY_SLO, f"availability under {loss}% loss {fmt_pct(a)} ≥ 99%")
        res.check(lossy.lat(95) is not None and lossy.lat(95) < LATENCY_SLO_MS,
                  f"p95 under {loss}% loss {fmt_ms(lossy.lat(95))} < 2 s")
        ctx.procs.stop(nsrv)
    finally:
        ns.close()
    res.faulty = Load(runs_fault)
    parts = [f"proxy p50 {fmt_ms(Load([r]).lat(50))} / p95 {fmt_ms(Load([r]).lat(95))}" if r.name == "proxy" else
             f"loss p50 {fmt_ms(Load([r]).lat(50))} / p95 {fmt_ms(Load([r]).lat(95))}" for r in runs_fault]
    res.p95_override = f"{fmt_ms(res.steady.lat(95))} no fault · " + " · ".join(parts)
    res.recovery_text = "n/a (degradation, not an outage)"
    res.slo_checks()


def scenario_spike(ctx, res):
    p = ctx.p
    normal, factor, limit = 4, 10, 16
    res.fault = f"traffic spike: {factor}× the connections ({normal} → {normal * factor}) for {p['spike']} s"
    res.load = f"wrk, POST /api/v1/score uncached (CACHE_ENTRIES=0, MAX_IN_FLIGHT={limit}, PARSE_WORKERS=2)"
    port = free_port()
    srv, base = ctx.serve(port, f"sqlite://{ctx.dir}/atscore.db", CACHE_ENTRIES=0, MAX_IN_FLIGHT=limit, PARSE_WORKERS=2)
    url = base + "/api/v1/score"
    kw = dict(mode="score", timeout_s=10)
    a = wrk(ctx, "normal-before", url, conns=normal, seconds=p["spike_normal"], **kw)
    res.steady.add(a)
    sustain = Load([a])
    res.details.append(f"normal load ({normal} conns, closed loop): {sustain.describe()}")
    s = wrk(ctx, "spike", url, conns=normal * factor, seconds=p["spike"], **kw)
    t_end = time.monotonic()
    resume = ctx.resume.read_bytes()
    job = ctx.job.read_bytes()

    def score_body():
        return multipart([("resume", ctx.resume.name, resume, "application/pdf"),
                          ("job_text", None, job, "text/plain; charset=utf-8")])
    prober = Prober(url, interval=0.05, timeout=5, method="POST", headers=api_headers(), body_fn=score_body)
    prober.start()
    ok = prober.wait_for(lambda r: r.status == 200, t_end, 20)
    prober.stop()
    rec = (ok.end - t_end) if ok else None
    c = wrk(ctx, "normal-after", url, conns=normal, seconds=p["spike_normal"], **kw)
    res.steady.add(c)
    spike = Load([s])
    res.faulty = spike
    after = Load([c])
    ok_p99 = spike.lat(99, lambda st: 200 <= st < 300)
    shed = spike.count(lambda st: st == 503)
    shed_p99 = spike.lat(99, lambda st: st == 503)
    others5 = spike.count(lambda st: st >= 500 and st != 503)
    res.details.append(f"spike ({normal * factor} conns): {spike.describe()}")
    res.details.append(f"spike, admitted (2xx): {spike.count(lambda st: 200 <= st < 300)} answers, p50 "
                       f"{fmt_ms(spike.lat(50, lambda st: 200 <= st < 300))}, p95 {fmt_ms(spike.lat(95, lambda st: 200 <= st < 300))}, "
                       f"p99 {fmt_ms(ok_p99)}; shed (503): {shed}, p50 {fmt_ms(spike.lat(50, lambda st: st == 503))}, "
                       f"p99 {fmt_ms(shed_p99)}; 5xx codes {spike.codes5}")
    res.details.append(f"after the spike ({normal} conns): {after.describe()}")
    res.check(ok_p99 is not None and ok_p99 < LATENCY_SLO_MS, f"admitted p99 during the spike {fmt_ms(ok_p99)} < 2 s")
    res.check(shed > 0, f"the excess was shed ({shed} fast 503s)")
    res.check(shed_p99 is not None and shed_p99 < 250, f"shedding is fast (503 p99 {fmt_ms(shed_p99)} < 250 ms)")
    only_overloaded = set(spike.codes5) <= {"overloaded"}
    res.check(others5 == 0 and only_overloaded and spike.no_retry_after == 0,
              f"every 5xx is 503 `overloaded` with Retry-After (other 5xx: {others5}, codes {spike.codes5}, "
              f"without Retry-After: {spike.no_retry_after})")
    if spike.sock_errors:
        res.findings.append(
            f"during the spike {spike.sock_errors} requests (wrk: read {spike.sock['read']}, write "
            f"{spike.sock['write']}) ended in a connection reset or broken pipe instead of a readable 503, "
            f"beside {shed} clean 503s: the refusal is sent before the ~{ctx.resume.stat().st_size // 1024} KB "
            "upload body is read, and closing a socket with unread data makes the kernel send RST, which can "
            "discard the 503 before the client reads it. A client then sees no Retry-After. Draining (or "
            "reading a bounded part of) the body before closing — a lingering close — would deliver the 503.")
    res.check(spike.sock_errors <= max(1, shed // 100),
              f"the shed requests got their 503, not a connection reset ({spike.sock_errors} connection "
              f"errors beside {shed} 503s; at most 1%)")
    aa = after.availability
    res.check(aa is not None and aa >= AVAILABILITY_SLO, f"after the spike {fmt_pct(aa)} succeed (≥ 99%)")
    res.recovery = rec
    res.recovery_target = 2.0
    res.recovery_text = f"{fmt_s(rec)} from spike end to a 200 (target ≤ 2 s)"
    res.check(rec is not None and rec <= 2.0, f"first 200 after the spike within 2 s ({fmt_s(rec)})")
    res.p95_override = (f"{fmt_ms(res.steady.lat(95))} normal · admitted p99 {fmt_ms(ok_p99)} in the spike "
                        f"(503 p99 {fmt_ms(shed_p99)})")
    res.slo_checks()
    ctx.procs.stop(srv)


class OwnPostgres:
    """A PostgreSQL of this scenario only: initdb in a temp dir, own port, trust auth, run as
    the `postgres` user (initdb refuses root). Never the machine's server on 5432."""

    def __init__(self, ctx):
        self.ctx = ctx
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.parent.name.split(".")])
        if not bins:
            raise ScenarioError("no /usr/lib/postgresql/*/bin/initdb")
        self.bindir = bins[-1].parent
        self.port = free_port()
        if self.port == 5432:
            self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="atscore-chaos-pg-"))
        ctx.procs.note(f"pgdata {self.dir}/data")
        ctx.procs.note(f"dir {self.dir}")
        pw = pwd.getpwnam("postgres")
        os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        os.chmod(self.dir, 0o700)
        self.data = self.dir / "data"
        self.as_pg([self.bindir / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"],
                   timeout=120)
        self.start()
        self.as_pg([self.bindir / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "atscore"])
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/atscore"

    def as_pg(self, cmd, timeout=60, check=True):
        return run(["runuser", "-u", "postgres", "--"] + cmd, check=check, timeout=timeout, cwd=self.dir)

    def start(self):
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        self.as_pg([self.bindir / "pg_ctl", "-D", self.data, "-o", opts, "-l", self.dir / "pg.log", "-w", "-t", "60", "start"],
                   timeout=90)

    def stop(self, mode="fast"):
        self.as_pg([self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop"], timeout=90, check=False)

    def close(self):
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def scenario_db(ctx, res):
    p = ctx.p
    res.fault = f"own PostgreSQL stopped (`pg_ctl stop -m fast`) for {p['db_outage']} s, then started again"
    res.load = "wrk 2 conns, GET /api/v1/jobs/{id}/ranking, 50 ms pause"
    res.recovery_target = 5.0
    hang_limit_s = 6.0  # the pool's acquire timeout is 5 s: past 6 s an answer counts as a hang
    pg = OwnPostgres(ctx)
    try:
        port = free_port()
        srv, base = ctx.serve(port, pg.url)
        job_id = create_job(ctx, base)
        body, ctype = multipart([("files", ctx.resume.name, ctx.resume.read_bytes(), "application/pdf")])
        r = http("POST", f"{base}/api/v1/jobs/{job_id}/candidates", body, api_headers({"Content-Type": ctype}), 30)
        if r.status != 201:
            raise ScenarioError(f"seed upload: {r.status} {r.error or r.body[:300]!r}")
        url = f"{base}/api/v1/jobs/{job_id}/ranking"
        kw = dict(mode="get", conns=2, delay_ms=50, timeout_s=10)
        res.steady.add(wrk(ctx, "steady-before", url, seconds=p["db_steady"], **kw))
        ready = Prober(base + "/readyz", interval=0.1, timeout=hang_limit_s + 4)
        api = Prober(url, interval=0.1, timeout=hang_limit_s + 4, headers=api_headers())
        ready.start()
        api.start()
        fault_run = WrkRun(ctx, "fault", url, seconds=2 + p["db_outage"] + 5, **kw)
        time.sleep(2)
        t_stop = time.monotonic()
        pg.stop("fast")
        t_down = time.monotonic()
        nr = ready.wait_for(lambda r: r.status == 503, t_down, 15)
        time.sleep(max(0, t_stop + p["db_outage"] - time.monotonic()))
        t_restart = time.monotonic()
        pg.start()
        t_up = time.monotonic()
        rr = ready.wait_for(lambda r: r.status == 200, t_up, 30)
        ar = api.wait_for(lambda r: r.status == 200, t_up, 30)
        fault_run.wait()
        ready.stop()
        api.stop()
        ready.dump(ctx.dir / "probes-readyz.tsv", t_stop)
        api.dump(ctx.dir / "probes-api.tsv", t_stop)
        res.faulty = Load([fault_run])
        res.steady.add(wrk(ctx, "steady-after", url, seconds=p["db_steady"], **kw))
        # what the probes saw while the database was down
        # asked after the stop began and answered before the start began: only the outage
        down_ready = [x for x in ready.between(t_stop, t_restart) if x.end <= t_restart]
        down_api = [x for x in api.between(t_stop, t_restart) if x.end <= t_restart]
        ready_bodies = {}
        for x in down_ready:
            j = x.json() or {}
            key = f"{x.status} database={((j.get('checks') or {}).get('database'))}" if x.status else f"no answer ({x.error})"
            ready_bodies[key] = ready_bodies.get(key, 0) + 1
        api_kinds = {}
        for x in down_api:
            key = f"{x.status} {x.code()}" + ("" if x.status != 503 or "retry-after" in x.headers else " (no Retry-After)") \
                if x.status else f"no answer ({x.error})"
            api_kinds[key] = api_kinds.get(key, 0) + 1
        max_api = max((x.elapsed for x in down_api), default=None)
        max_ready = max((x.elapsed for x in down_ready), default=None)
        res.details.append(f"PostgreSQL {pg.bindir.parent.name} on 127.0.0.1:{pg.port} (own initdb); "
                           f"stop took {t_down - t_stop:.2f} s; /readyz 503 {fmt_s(nr.end - t_down) if nr else 'never'} after it; "
                           f"down {t_restart - t_down:.1f} s; start took {t_up - t_restart:.2f} s")
        res.details.append(f"/readyz while down: {ready_bodies} (slowest {fmt_s(max_ready)})")
        res.details.append(f"API while down: {api_kinds} (slowest {fmt_s(max_api)})")
        res.details.append(f"wrk during the fault phase: {res.faulty.describe()}; 5xx codes {res.faulty.codes5}")
        saw = [k for k in ready_bodies if k.startswith("503 database=")]
        res.check(nr is not None and any(k in ("503 database=unreachable", "503 database=timeout") for k in saw),
                  f"/readyz turned 503 not_ready with the database reported down ({', '.join(saw) or 'never'})")
        n_timeout = ready_bodies.get("503 database=timeout", 0)
        n_unreach = ready_bodies.get("503 database=unreachable", 0)
        if n_timeout:
            res.findings.append(
                f"while PostgreSQL was stopped (connections refused) readiness answered `database: timeout` "
                f"{n_timeout}× and `unreachable` {n_unreach}×, and API calls took up to "
                f"{fmt_s(max_api)} to get their 503: the pool retries refused connections until its 5 s "
                "acquire timeout, longer than the 2 s readiness budget. A readiness check that does not "
                "wait for the pool (or a shorter acquire timeout while the database is known to be down) "
                "would say `unreachable` at once and answer API calls fast.")
        res.check(down_api and all(k.startswith("503 storage_unavailable") and "no Retry-After" not in k for k in api_kinds),
                  f"every API answer while down is 503 storage_unavailable with Retry-After ({api_kinds})")
        all5 = res.faulty.codes5
        n500 = res.faulty.count(lambda s: s >= 500 and s != 503)
        res.check(n500 == 0 and set(all5) <= {"storage_unavailable"} and res.faulty.no_retry_after == 0,
                  f"no 500s under load, only 503 storage_unavailable with Retry-After (codes {all5}, other 5xx {n500})")
        res.check(max_api is not None and max_api <= hang_limit_s and (max_ready or 0) <= hang_limit_s,
                  f"no hangs: slowest API answer {fmt_s(max_api)}, /readyz {fmt_s(max_ready)} (≤ {hang_limit_s:.0f} s)")
        rec = None
        if rr and ar:
            rec = max(rr.end, ar.end) - t_up
        res.recovery = rec
        res.recovery_text = (f"{fmt_s(rec)} after PostgreSQL is back to /readyz 200 and API 200 "
                             f"(target ≤ {res.recovery_target:.0f} s; outage seen {fmt_s((max(rr.end, ar.end) - t_stop) if rr and ar else None)})")
        res.check(rec is not None and rec <= res.recovery_target,
                  f"readiness and API recovered by themselves within {res.recovery_target:.0f} s ({fmt_s(rec)})")
        res.check(srv.poll() is None, "atscore was never restarted (same process throughout)")
        res.slo_checks()
        ctx.procs.stop(srv)
    finally:
        pg.close()


class OwnClamd:
    """A clamd of the scenario's own (Debian clamav-daemon) on a free loopback port, with a
    two-line signature database (EICAR by hash and by body; the string is put together here)."""

    EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").encode()

    def __init__(self, ctx):
        self.exe = shutil.which("clamd") or "/usr/sbin/clamd"
        if not os.path.exists(self.exe):
            raise ScenarioError("clamd is not installed (apt-get install clamav-daemon)")
        self.ctx, self.proc = ctx, None
        self.dir = ctx.dir / "clamd"
        db = self.dir / "db"
        db.mkdir(parents=True, exist_ok=True)
        (db / "chaos.hdb").write_text(f"44d88612fea8a8f36de82e1278abb02f:{len(self.EICAR)}:Chaos-Test-EICAR\n")
        (db / "chaos.ndb").write_text("Chaos.Test.EICAR-Body:0:*:" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE".hex() + "\n")
        self.port = free_port()
        self.conf = self.dir / "clamd.conf"
        self.conf.write_text(f"DatabaseDirectory {db}\nTCPSocket {self.port}\nTCPAddr 127.0.0.1\nForeground yes\n"
                             f"StreamMaxLength 10M\nMaxThreads 4\nLogFile {self.dir / 'clamd-own.log'}\n")

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as c:
                c.sendall(b"zPING\0")
                return c.recv(16).startswith(b"PONG")
        except OSError:
            return False

    def start(self):
        self.proc = self.ctx.procs.start([self.exe, f"--config-file={self.conf}"], self.dir / "clamd.out", name="clamd")
        if not wait_until(self.ping, 30, 0.1):
            raise ScenarioError(f"clamd did not answer PING: {tail(self.dir / 'clamd.out')}")

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def scenario_clamd(ctx, res):
    p = ctx.p
    res.fault = f"clamd killed for {p['db_outage']} s with scanning on (`CLAMAV_ENABLED`, fail closed), then started again"
    res.load = "wrk 2 conns, POST /api/v1/score (cache off: every upload scanned), 50 ms pause"
    res.recovery_target = 5.0
    clamd = OwnClamd(ctx)
    srv = None
    try:
        clamd.start()
        port = free_port()
        srv, base = ctx.serve(port, f"sqlite://{ctx.dir / 'clamd.db'}", CLAMAV_ENABLED="true",
                              CLAMAV_ADDRESS=f"tcp://127.0.0.1:{clamd.port}", CACHE_ENTRIES="0")

        def upload(name, data):
            body, ctype = multipart([("file", name, data, "text/plain")])
            return http("POST", base + "/api/v1/parse", body, api_headers({"Content-Type": ctype}), 15)

        clean = b"Jane Doe\nRust engineer\nExperience: built services in Rust and PostgreSQL.\n"
        r = upload("eicar.txt", clamd.EICAR)
        res.check(r.status == 422 and r.code() == "malware_detected",
                  f"with clamd up, the EICAR test file is refused ({r.status} {r.code()})")
        url = base + "/api/v1/score"
        kw = dict(mode="score", conns=2, delay_ms=50, timeout_s=10)
        res.steady.add(wrk(ctx, "steady-before", url, seconds=p["db_steady"], **kw))
        ready = Prober(base + "/readyz", interval=0.1, timeout=4)
        ready.start()
        fault_run = WrkRun(ctx, "fault", url, seconds=2 + p["db_outage"] + 5, **kw)
        time.sleep(2)
        t_kill = time.monotonic()
        clamd.kill()
        nr = ready.wait_for(lambda x: x.status == 503, t_kill, 15)
        down_clean = upload("cv.txt", clean)
        down_bad = upload("eicar.txt", clamd.EICAR)
        time.sleep(max(0, t_kill + p["db_outage"] - time.monotonic()))
        t_up = time.monotonic()
        clamd.start()
        rr = ready.wait_for(lambda x: x.status == 200, t_up, 30)
        fault_run.wait()
        ready.stop()
        ready.dump(ctx.dir / "probes-readyz.tsv", t_kill)
        res.faulty = Load([fault_run])
        after = upload("cv.txt", clean)
        res.steady.add(wrk(ctx, "steady-after", url, seconds=p["db_steady"], **kw))
        j = (nr.json() or {}) if nr else {}
        res.details.append(f"clamd on 127.0.0.1:{clamd.port} (own signatures); /readyz 503 "
                           f"{fmt_s(nr.end - t_kill) if nr else 'never'} after the kill, checks {j.get('checks')}")
        res.details.append(f"uploads while clamd was down: clean {down_clean.status} {down_clean.code()}, "
                           f"EICAR {down_bad.status} {down_bad.code()}; wrk during the fault: {res.faulty.describe()}; "
                           f"5xx codes {res.faulty.codes5}")
        res.check(nr is not None and (j.get("checks") or {}).get("clamd") == "unreachable",
                  "/readyz turned 503 with clamd reported unreachable")
        res.check(all(x.status == 503 and x.code() == "scanner_unavailable" and "retry-after" in x.headers
                      for x in (down_clean, down_bad)),
                  "with clamd down every upload is refused: 503 scanner_unavailable with Retry-After (fail closed, "
                  f"never passed unscanned: clean {down_clean.status}, EICAR {down_bad.status})")
        n500 = res.faulty.count(lambda st: st >= 500 and st != 503)
        res.check(n500 == 0 and set(res.faulty.codes5) <= {"scanner_unavailable"},
                  f"under load only 503 scanner_unavailable, no 500s (codes {res.faulty.codes5}, other 5xx {n500})")
        rec = (rr.end - t_up) if rr else None
        res.recovery = rec
        res.recovery_text = f"{fmt_s(rec)} after clamd is back to /readyz 200 (target ≤ {res.recovery_target:.0f} s)"
        res.check(rec is not None and rec <= res.recovery_target,
                  f"readiness recovered by itself within {res.recovery_target:.0f} s ({fmt_s(rec)})")
        res.check(after.status == 200, f"a clean upload is scanned and parsed again ({after.status})")
        res.check(srv.poll() is None, "atscore was never restarted (same process throughout)")
        res.slo_checks()
    finally:
        if srv is not None:
            ctx.procs.stop(srv)
        clamd.kill()


RUNNERS = {"kill": scenario_kill, "hang": scenario_hang, "latency": scenario_latency,
           "spike": scenario_spike, "db": scenario_db, "clamd": scenario_clamd}


# --------------------------------------------------------------------------- report

COLUMNS = """\
- **scenario** — the `scripts/chaos` argument that runs it.
- **fault** — what was broken, and how it was healed.
- **load** — the wrk load running throughout (`scripts/load/chaos.lua`, one connection per
  wrk thread, so every request is timed; closed loop, the pause is per connection).
- **availability** — share of requests that did not fail: answers with a status below 500 over
  all answers plus wrk's connection errors (refused, reset, timed out: each counts as a failed
  request). *steady* = the phases before and after the fault, which must keep the 99% SLO;
  *fault* = the fault phase, for information (while the server is down wrk retries refused
  connections in a tight loop, so this figure mostly measures how fast it retried).
- **p95** — 95th percentile latency of the answers (our own per-request timing in the Lua
  script; wrk's coordinated-omission-corrected figures are in the JSON files), steady phases
  and fault phase; for `spike` the p99 of the *admitted* (2xx) requests, the figure shedding
  protects. Only answered requests have a latency: one that never got an answer (the server
  was killed or hung under it) counts under errors instead.
- **errors** — failed requests as counted for availability (5xx answers + connection errors),
  steady / fault phase.
- **recovery** — from the fault (kill, SIGSTOP, end of the spike, PostgreSQL back) to the first
  good answer of a probe sent after it (50–100 ms apart), with its target. For `kill`:
  every kill must be healthy again within the 2 s target, and *Details* splits every recovery
  into supervisord's restart (its loop is woken every 100 ms, see docs/operations.md) and
  atscore's own start (bounded at 1 s).
- **verdict** — PASS when every check of the scenario held (the checks are listed under
  *Details*); *not run* rows are not counted.
"""


def binary_built(path):
    try:
        return datetime.datetime.fromtimestamp(os.stat(path).st_mtime).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    except OSError:
        return "?"


def git_rev():
    r = run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], check=False)
    if r.returncode != 0:
        return "unknown commit"
    dirty = run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"], check=False).stdout.strip()
    return f"commit {r.stdout.strip()}" + (" with uncommitted changes" if dirty else "")


def write_report(path, results, args, wall, version):
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# Chaos report (`scripts/chaos`)",
        "",
        f"- date: {now}",
        f"- machine: {os.cpu_count()} cores (nproc), {platform.system()} {platform.release()}, "
        f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB RAM",
        f"- binary: `{version}` ({args.binary}, built {binary_built(args.binary)}; source at {git_rev()})"
        + (" — **a debug build: slower to start and to tear down, its figures are not the product's**"
           if "/debug/" in str(Path(args.binary).resolve()) else ""),
        f"- form: {'long' if args.long else 'short'} (`scripts/chaos{' --long' if args.long else ''}`), "
        f"wall time {wall:.0f} s",
        f"- load generator: {run(['wrk', '--version'], check=False).stdout.splitlines()[0].strip() if shutil.which('wrk') else 'wrk (missing)'}",
        "",
        "| scenario | fault | load | availability | p95 | errors | recovery | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.state != "run":
            lines.append(f"| {r.name} | {r.fault} | {r.load} | – | – | – | – | {r.note} |")
            continue
        f = r.faulty
        avail = f"{fmt_pct(r.steady.availability)} steady" + (f" · {fmt_pct(f.availability)} fault" if f else "")
        p95 = r.p95_override or (f"{fmt_ms(r.steady.lat(95))} steady" + (f" · {fmt_ms(f.lat(95))} fault" if f else ""))
        errs = f"{r.steady.errors} steady" + (f" · {f.errors} fault ({f.e5} 5xx, {f.sock_errors} conn)" if f else "")
        verdict = "**PASS**" if r.passed else "**FAIL**: " + "; ".join(t for ok, t in r.checks if not ok)[:300]
        lines.append(f"| {r.name} | {r.fault} | {r.load} | {avail} | {p95} | {errs} | {r.recovery_text or '–'} | {verdict} |")
    found = [(r.name, f) for r in results for f in r.findings]
    if found:
        lines += ["", "## Findings", "",
                  "What the runs showed about the product, beside the verdicts (fixes belong in the Rust code):", ""]
        lines += [f"- **{n}**: {f}" for n, f in found]
    lines += ["", "## Columns", "", COLUMNS, "## Details", ""]
    for r in results:
        lines.append(f"### {r.name}")
        lines.append("")
        if r.state != "run":
            lines += [r.note, ""]
            continue
        lines.append(f"Took {r.seconds:.0f} s.")
        lines.append("")
        if r.steady.answers or r.steady.sock_errors:
            lines.append(f"- steady phases: {r.steady.describe()}")
        if r.faulty:
            lines.append(f"- fault phase: {r.faulty.describe()}")
        for d in r.details:
            lines.append(f"- {d}")
        lines.append("")
        lines.append("Checks:")
        lines.append("")
        for ok, t in r.checks:
            lines.append(f"- {'✔' if ok else '✘'} {t}")
        lines.append("")
    passed = sum(1 for r in results if r.state == "run" and r.passed)
    failed = sum(1 for r in results if r.state == "run" and not r.passed)
    lines.append(f"{passed} passed, {failed} failed")
    lines.append("")
    Path(path).write_text("\n".join(lines))


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--resume", required=True)
    ap.add_argument("--job", required=True)
    ap.add_argument("--long", action="store_true")
    ap.add_argument("--missing", default="")
    ap.add_argument("scenarios", nargs="*")
    args = ap.parse_args()
    names = args.scenarios or SCENARIOS
    for n in names:
        if n not in RUNNERS:
            print(f"unknown scenario {n} (known: {' '.join(SCENARIOS)})", file=sys.stderr)
            return 2
    ctx = Ctx(args)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    version = run([ctx.binary, "--version"], check=False).stdout.strip() or "unknown"
    log(f"binary {ctx.binary} ({version}); form {'long' if ctx.long else 'short'}; scenarios {' '.join(names)}")
    t0 = time.monotonic()
    results = []
    try:
        for n in names:
            res = Result(n)
            results.append(res)
            missing = [t for t in NEEDS[n] if t in ctx.missing]
            res.fault, res.load = ABOUT[n]
            if missing:
                res.state = "run" if ctx.ci else "skipped"
                res.note = f"not run: missing {', '.join(missing)}"
                if ctx.ci:
                    res.check(False, f"tools present ({', '.join(missing)} missing under CI=true)")
                log(f"== {n}: {res.note}")
                continue
            ctx.dir = ctx.workdir / n
            ctx.dir.mkdir(parents=True, exist_ok=True)
            log(f"== {n}")
            ts = time.monotonic()
            try:
                RUNNERS[n](ctx, res)
            except ScenarioError as e:
                res.check(False, f"set-up: {e}")
            except Exception as e:  # a bug here must not leave processes behind
                res.check(False, f"error: {type(e).__name__}: {e}")
                import traceback
                traceback.print_exc()
            finally:
                ctx.procs.stop_all()
            res.seconds = time.monotonic() - ts
            if res.state == "run":
                log(f"== {n}: {'PASS' if res.passed else 'FAIL'} ({res.seconds:.0f} s)")
            else:
                log(f"== {n}: {res.note}")
    except KeyboardInterrupt as e:
        log(f"interrupted ({e}); stopping everything")
        ctx.procs.stop_all()
        print(f"interrupted: no report written; {sum(1 for r in results if r.passed)} passed before it")
        return 130
    wall = time.monotonic() - t0
    write_report(args.report, results, args, wall, version)
    passed = sum(1 for r in results if r.state == "run" and r.passed)
    failed = sum(1 for r in results if r.state == "run" and not r.passed)
    print()
    for r in results:
        if r.state != "run":
            print(f"  {r.name:8} {r.note}")
        else:
            print(f"  {r.name:8} {'PASS' if r.passed else 'FAIL':5} recovery {r.recovery_text or '–'}")
    print(f"report: {args.report} (wall time {wall:.0f} s)")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
