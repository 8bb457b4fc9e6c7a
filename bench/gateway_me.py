"""Benchmark: authenticated GET /api/v1/me through gateway -> auth at 16 concurrent clients (wrk). Prints JSON.

wrk (Debian's package; installed here when missing) runs one event-loop thread so that the client takes
as little of the 2 cores as possible; its CPU time and the machine's CPU use are reported beside the
figures, to tell which side limits the rate.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import requests
from common import GATEWAY, cpu_times, loopback, machine, password_grant, stack_cpu_jiffies

CONNECTIONS = 16
WARMUP_S = int(os.environ.get("BENCH_WARMUP", "3"))
DURATION_S = int(os.environ.get("BENCH_DURATION", "20"))
TARGET = {"req_per_s": 800, "p99_ms": 50}
SERVER_PROCESSES = ["gateway", "auth", "keycloak", "redis", "postgres"]

# wrk's `done` hook prints exact figures on one line, easier to parse than its human summary.
LUA = """
wrk.headers["Authorization"] = "Bearer %s"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""
RESULT = re.compile(r"^RESULT " + " ".join([r"(\d+)"] * 10) + "$", re.MULTILINE)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
        subprocess.run(install, env=env, capture_output=True, check=False)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("error: bench: wrk is missing and `apt-get install wrk` failed; install it as root")
    return found


def run_wrk(wrk: str, script: Path, url: str, seconds: int) -> str:
    return subprocess.run(
        [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout


def main() -> None:
    wrk = ensure_wrk()
    url = f"{loopback(GATEWAY)}/api/v1/me"
    # a fresh token outlives the run (Keycloak's default access-token lifespan is 5 minutes)
    token = password_grant()["access_token"]
    try:
        probe = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=5)
    except requests.RequestException as exc:
        raise SystemExit(
            f"error: bench: the gateway at {GATEWAY} is not reachable ({exc}); run `make up`"
        ) from None
    if probe.status_code != 200:
        raise SystemExit(f"error: bench: GET {url} answered {probe.status_code}, expected 200")

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "me.lua"
        script.write_text(LUA % token)
        run_wrk(wrk, script, url, WARMUP_S)
        client_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy_before, total_before = cpu_times()
        servers_before = stack_cpu_jiffies(SERVER_PROCESSES)
        started = time.monotonic()
        out = run_wrk(wrk, script, url, DURATION_S)
        wall = time.monotonic() - started
        busy_after, total_after = cpu_times()
        servers_after = stack_cpu_jiffies(SERVER_PROCESSES)
        client_after = resource.getrusage(resource.RUSAGE_CHILDREN)

    match = RESULT.search(out)
    if not match:
        raise SystemExit(f"error: bench: could not parse wrk's output:\n{out}")
    done, duration_us, e_connect, e_read, e_write, e_status, e_timeout, p50_us, p99_us, mean_us = (
        int(v) for v in match.groups()
    )
    rps = done / (duration_us / 1e6)
    p99_ms = p99_us / 1000
    client_cpu_s = (client_after.ru_utime + client_after.ru_stime) - (
        client_before.ru_utime + client_before.ru_stime
    )
    hz = os.sysconf("SC_CLK_TCK")
    server_cpu = {
        name: round(100 * (servers_after[name] - servers_before[name]) / hz / wall, 1)
        for name in servers_before
        if name in servers_after
    }
    print(
        json.dumps(
            {
                "bench": "gateway_me",
                "path": "GET /api/v1/me, gateway (HTTP 8080) -> auth (gRPC 50051), user readonly",
                "client": f"wrk, 1 thread, {CONNECTIONS} keep-alive connections",
                "concurrency": CONNECTIONS,
                "warmup_s": WARMUP_S,
                "duration_s": DURATION_S,
                "requests": done,
                "errors": {
                    "non_2xx_3xx": e_status,
                    "connect": e_connect,
                    "read": e_read,
                    "write": e_write,
                    "timeout": e_timeout,
                },
                "req_per_s": round(rps, 1),
                "p50_ms": round(p50_us / 1000, 2),
                "p99_ms": round(p99_ms, 2),
                "mean_ms": round(mean_us / 1000, 2),
                "target": TARGET,
                "meets_target": rps >= TARGET["req_per_s"] and p99_ms < TARGET["p99_ms"],
                "machine_cpu_busy_pct": round(
                    100 * (busy_after - busy_before) / (total_after - total_before), 1
                ),
                "client_cpu_pct_of_one_core": round(100 * client_cpu_s / wall, 1),
                # each local-stack process with its children (gunicorn workers), % of one core
                "server_cpu_pct_of_one_core": server_cpu,
                "machine": machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
