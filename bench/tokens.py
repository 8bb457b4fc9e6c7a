"""Benchmark: token verification per call with a warm JWKS cache, on real Keycloak tokens. Prints JSON.

Two figures, because TokenVerifier remembers tokens it has proven valid until they expire:
- `signature_check`: a token the verifier has not seen (RS256 signature, issuer, audience, expiry): what
  the first call with a new token costs;
- `repeat_token`: the same token again, the path of every further call a client makes with it.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from functools import partial

from cen_core.auth.tokens import TokenVerifier
from common import ISSUER, loopback, machine, password_grant, percentile, refreshed

DISTINCT_TOKENS = int(os.environ.get("BENCH_DISTINCT_TOKENS", "300"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
REPEATS = int(os.environ.get("BENCH_ITERATIONS", "20000"))


def new_verifier() -> TokenVerifier:
    issuer = loopback(ISSUER)
    return TokenVerifier(issuer, "cen", f"{issuer}/protocol/openid-connect/certs")


def timed(calls: list[Callable[[], object]]) -> dict[str, float | int]:
    samples = []
    for call in calls:
        t0 = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t0) * 1e6)
    samples.sort()
    mean = statistics.fmean(samples)
    return {
        "samples": len(samples),
        "mean_us": round(mean, 1),
        "p50_us": round(percentile(samples, 50), 1),
        "p99_us": round(percentile(samples, 99), 1),
        "verifies_per_s": round(1e6 / mean),
    }


def main() -> None:
    first = password_grant()
    tokens = [first["access_token"]]
    refresh = first["refresh_token"]
    while len(tokens) < DISTINCT_TOKENS:
        response = refreshed(refresh)
        tokens.append(response["access_token"])
        refresh = response["refresh_token"]

    # Each round: a new verifier whose JWKS is warmed by one token, then every other token once.
    fresh_calls: list[Callable[[], object]] = []
    for _ in range(ROUNDS):
        verifier = new_verifier()
        verifier.verify(tokens[0])
        fresh_calls.extend(partial(verifier.verify, token) for token in tokens[1:])
    signature_check = timed(fresh_calls)

    verifier = new_verifier()
    verifier.verify(tokens[0])
    repeat_token = timed([partial(verifier.verify, tokens[0])] * REPEATS)

    print(
        json.dumps(
            {
                "bench": "tokens",
                "user": "readonly",
                "jwks": "warm",
                "signature_check": signature_check,
                "repeat_token": repeat_token,
                "machine": machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
