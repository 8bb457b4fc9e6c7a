"""Shared by the benchmarks: loopback-only URLs, demo-user tokens from Keycloak, percentiles, machine facts."""

from __future__ import annotations

import math
import os
import platform
import subprocess
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ISSUER = os.environ.get("CEN_OIDC_ISSUER", "http://127.0.0.1:8180/realms/cen")
GATEWAY = os.environ.get("BENCH_GATEWAY_URL", "http://127.0.0.1:8080")
DEMO_USER = "readonly"
DEMO_PASSWORD = "cen-demo-pass"  # noqa: S105 (the dev overlay's published demo password)


ROOT = Path(__file__).resolve().parents[1]


def stack_env(service: str) -> dict[str, str]:
    """The environment the local stack gives one of its processes (deploy/local/env.sh)."""
    out = subprocess.run(
        ["bash", str(ROOT / "deploy/local/env.sh"), service], capture_output=True, text=True, check=True
    ).stdout
    env = dict(os.environ)
    for line in out.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        env[key] = value.strip("'\"")
    return env


def loopback(url: str) -> str:
    """Benchmarks load only this machine's own servers; refuse any other target."""
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"error: bench: {url} is not a loopback address; benchmarks only target 127.0.0.1")
    return url.rstrip("/")


def token_endpoint() -> str:
    return f"{loopback(ISSUER)}/protocol/openid-connect/token"


def password_grant(username: str = DEMO_USER) -> dict[str, Any]:
    """A demo user's token response (client cen-dev, direct access grant), or a one-line error."""
    try:
        resp = requests.post(
            token_endpoint(),
            data={
                "grant_type": "password",
                "client_id": "cen-dev",
                "username": username,
                "password": DEMO_PASSWORD,
            },
            timeout=10,
        )
    except requests.RequestException as exc:
        raise SystemExit(
            f"error: bench: Keycloak at {ISSUER} is not reachable ({exc}); run `make up`"
        ) from None
    if resp.status_code != 200:
        raise SystemExit(
            f"error: bench: password grant for {username!r} refused ({resp.status_code}); "
            "is the realm's dev overlay imported?"
        )
    body: dict[str, Any] = resp.json()
    return body


def refreshed(refresh_token: str) -> dict[str, Any]:
    """A new token response from a refresh token: fresh access tokens without hashing the password again."""
    resp = requests.post(
        token_endpoint(),
        data={"grant_type": "refresh_token", "client_id": "cen-dev", "refresh_token": refresh_token},
        timeout=10,
    )
    if resp.status_code != 200:
        raise SystemExit(f"error: bench: refresh grant refused ({resp.status_code})")
    body: dict[str, Any] = resp.json()
    return body


def percentile(sorted_samples: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted samples (q in 0..100)."""
    rank = max(1, min(len(sorted_samples), math.ceil(q / 100 * len(sorted_samples))))
    return sorted_samples[rank - 1]


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
    }


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _stat_fields() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, utime + stime jiffies) of every process."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the command name in parentheses may hold spaces: split after its closing parenthesis
            rest = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(stat.parent.name)] = (int(rest[1]), int(rest[11]) + int(rest[12]))
    return table


def process_family(name: str, table: dict[int, tuple[int, int]] | None = None) -> set[int]:
    """The pids of a local-stack process (pid file in .devstack/run) and all its descendants."""
    run = Path(__file__).resolve().parents[1] / ".devstack" / "run"
    pid_file = run / f"{name}.pid"
    if not pid_file.exists():
        return set()
    table = table if table is not None else _stat_fields()
    family = {int(pid_file.read_text().split()[0])}
    grew = True
    while grew:  # bounded by the process count: each pass adds at least one pid or stops
        kids = {pid for pid, (ppid, _) in table.items() if ppid in family} - family
        family |= kids
        grew = bool(kids)
    return family


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def stack_cpu_jiffies(names: list[str]) -> dict[str, int]:
    """CPU jiffies used so far by each local-stack process and its children."""
    table = _stat_fields()
    used = {}
    for name in names:
        family = process_family(name, table)
        if family:
            used[name] = sum(table[pid][1] for pid in family if pid in table)
    return used


class PeakRss:
    """Samples the resident memory of a local-stack process and its children while running: the largest
    single process and the largest sum."""

    def __init__(self, name: str, every: float = 0.2) -> None:
        self.name = name
        self.every = every
        self.max_process = 0
        self.max_family = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            sizes = [rss_bytes(pid) for pid in process_family(self.name)]
            if sizes:
                self.max_process = max(self.max_process, *sizes)
                self.max_family = max(self.max_family, sum(sizes))
            self._stop.wait(self.every)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
