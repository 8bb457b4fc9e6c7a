"""Benchmark: authenticated GET /api/v1/me through gateway → auth at 16 concurrent clients (wrk). Prints JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile

import requests

GATEWAY = os.environ.get("CEN_PUBLIC_URL", "http://127.0.0.1:8080")
ISSUER = os.environ.get("CEN_OIDC_ISSUER", "http://127.0.0.1:8180/realms/cen")
DURATION_S = int(os.environ.get("BENCH_DURATION", "20"))
CONNECTIONS = 16
TARGET = {"req_per_s": 800, "p99_ms": 50}

# wrk prints its own latency distribution; the Lua `done` hook prints exact percentiles we parse.
LUA = """
wrk.headers["Authorization"] = "Bearer %s"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%f %%f %%f\\n", summary.requests, summary.errors.status,
    summary.duration, latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    token = requests.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "cen-dev",
            "username": "readonly",
            "password": "cen-demo-pass",
        },
        timeout=10,
    ).json()["access_token"]
    assert requests.get(f"{GATEWAY}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=5).ok
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % token)
    url = f"{GATEWAY}/api/v1/me"
    subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", "-d3s", "-s", script.name, url], capture_output=True, check=True
    )
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "--timeout", "5s", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    if not match:
        raise SystemExit(f"could not parse wrk output:\n{out}")
    requests_done, status_errors, duration_us = (int(match.group(i)) for i in (1, 2, 3))
    p50, p99, mean = (float(match.group(i)) / 1000 for i in (4, 5, 6))
    rps = requests_done / (duration_us / 1e6)
    print(
        json.dumps(
            {
                "bench": "gateway_get_me",
                "concurrency": CONNECTIONS,
                "duration_s": DURATION_S,
                "requests": requests_done,
                "non_2xx": status_errors,
                "req_per_s": round(rps, 1),
                "p50_ms": round(p50, 2),
                "p99_ms": round(p99, 2),
                "mean_ms": round(mean, 2),
                "target": TARGET,
                "meets_target": rps >= TARGET["req_per_s"] and p99 < TARGET["p99_ms"],
                "cores": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
