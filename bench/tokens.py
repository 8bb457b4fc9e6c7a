"""Benchmark: token verification per call with a warm JWKS cache, on a real Keycloak token. Prints JSON."""

from __future__ import annotations

import json
import os
import statistics
import time

import requests
from cen_core.auth.tokens import TokenVerifier

ISSUER = os.environ.get("CEN_OIDC_ISSUER", "http://127.0.0.1:8180/realms/cen")
ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "5000"))


def main() -> None:
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
    verifier = TokenVerifier(ISSUER, "cen", f"{ISSUER}/protocol/openid-connect/certs")
    verifier.verify(token)  # warm the JWKS cache
    result: dict[str, object] = {"bench": "token_verification_warm_jwks", "iterations": ITERATIONS}
    # full check (signature, claims) as for a token seen for the first time, then a repeat of a known token
    for label, verify in (("full", verifier._verify_uncached), ("repeat_cached", verifier.verify)):
        samples = []
        started = time.perf_counter()
        for _ in range(ITERATIONS):
            t0 = time.perf_counter()
            verify(token)
            samples.append((time.perf_counter() - t0) * 1e6)
        elapsed = time.perf_counter() - started
        samples.sort()
        result[label] = {
            "mean_us": round(statistics.fmean(samples), 1),
            "p50_us": round(samples[len(samples) // 2], 1),
            "p99_us": round(samples[int(len(samples) * 0.99)], 1),
            "verifies_per_s": round(ITERATIONS / elapsed),
        }
    result["cores"] = os.cpu_count()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
