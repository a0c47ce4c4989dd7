"""Serving a site on a local port for a benchmark, and loading its pages with wrk (Debian's `wrk`).

A server runs in a process group of its own, so that stopping it stops its workers too: nothing is
left behind, even when the benchmark fails or is interrupted.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

# What every run sends: two threads, ten connections (the load); requests slower than the
# timeout count as errors, and the slowest pages at 50,000 case studies took over ten seconds.
WRK_ARGS = ["-t2", "-c10", "--timeout", "30s", "--latency"]
# Two gunicorns at once (the project's and bakerydemo's) would share the default control socket in
# the home folder; neither is controlled through it.
NO_CONTROL_SOCKET = ["--no-control-socket"]
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}
# A server at rest uses less CPU than this per second, in clock ticks (hundredths of a second).
IDLE_TICKS = 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 120) -> tuple[int, bytes]:
    try:
        with urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, b""


@dataclass
class Server:
    base: str
    process: subprocess.Popen

    def wait_until_idle(self, limit: float = 120) -> float:
        """Wait until the server's processes are at rest; returns the seconds waited. A request
        wrk gave up on (at the end of its run, or past its timeout) still runs on the server, and
        would slow whatever is measured next."""
        started = time.monotonic()
        previous = self.cpu_ticks()
        while time.monotonic() - started < limit:
            time.sleep(1)
            current = self.cpu_ticks()
            if 0 <= current - previous <= IDLE_TICKS:  # negative: a worker was replaced
                break
            previous = current
        return time.monotonic() - started

    def cpu_ticks(self) -> int:
        """CPU time used so far by the processes of the server's group."""
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # After the command's name: state, ppid, pgrp, … utime (12th), stime (13th).
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            if int(fields[2]) == self.process.pid:
                total += int(fields[11]) + int(fields[12])
        return total


@contextmanager
def serving(name: str, command: list[str], base: str, cwd, env: dict, log_path):
    """Run `command` (a server listening at `base`) until the block ends; yields the `Server` once
    it answers. Its output goes to `log_path`."""
    print(f"  starting {name} at {base}", flush=True)
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=log, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{name} exited with {server.returncode}; see {log_path}")
            try:
                get(base + "/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not answer in 90 s; see {log_path}") from None
                time.sleep(0.5)
        yield Server(base, server)
    finally:
        stop(server)
        print(f"  stopped {name}", flush=True)


def stop(server: subprocess.Popen):
    """Stop the server's whole process group: its master and every worker."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(server.pid, signal.SIGKILL)  # whatever outlived the master: a stuck worker
    except ProcessLookupError:
        pass
    server.wait()


def require_wrk():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian's package).")


def wrk(url: str, seconds: int) -> dict:
    """Requests per second, p50 latency (ms) and errors of `wrk -t2 -c10 -d<seconds>s` on `url`."""
    finished = subprocess.run(
        ["wrk", *WRK_ARGS, f"-d{seconds}s", url], capture_output=True, text=True
    )
    figures = parse_wrk(finished.stdout)
    if finished.returncode:
        figures["failed"] = f"wrk exited with {finished.returncode}: {finished.stderr.strip()}"
    return figures


def parse_wrk(output: str) -> dict:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    requests = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(number) for number in socket_errors.groups())
    completed = int(requests.group(1)) if requests else 0
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50_ms": float(p50.group(1)) * UNITS[p50.group(2)] if p50 and completed else None,
        "requests": completed,
        "errors": errors,
    }
