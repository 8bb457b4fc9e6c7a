"""Benchmark: the CEN database at scale (1,000,000 cases by default): import, search, analysis. Prints JSON.

Runs against the local stack (`make up` first). It grows the stack's own seizures database to --cases demo
cases with the deterministic generator (only the missing ones are added, so a second run starts at once),
then measures:
- import: a CSV of --import-rows new cases uploaded over gRPC as wco-admin, until the job is done; rows/s
  end to end (upload, queue, worker) and the peak resident memory of the seizures worker processes, plus
  the CPU each row cost in the worker and in PostgreSQL beside what the machine's cores allow per row at
  the target rate;
- search: a fixed mix of searches through the gateway (POST /api/v1/seizures/search, facets included),
  one at a time, p50/p95, and the same searches run in process against PostgreSQL (the service's own SQL,
  no gRPC or HTTP), so the cost of the stack shows as a ratio;
- analysis: every analysis endpoint through the gateway with typical parameters, p50/p95 each.
Timings are wall clock on this machine; nothing here asserts a target (the JSON says which were met).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import grpc
import requests
from cen.seizures.v1 import seizures_pb2 as pb
from cen.seizures.v1 import seizures_pb2_grpc
from common import (
    GATEWAY,
    ROOT,
    PeakRss,
    cpu_times,
    loopback,
    machine,
    password_grant,
    percentile,
    stack_cpu_jiffies,
    stack_env,
)

SEIZURES_ADDR = "127.0.0.1:50052"
# The local-stack processes whose CPU an import uses (each with its children: worker processes, backends).
CPU_ACCOUNTED = ["seizures-worker", "postgres"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
TARGETS = {"import_rows_per_s": 5000, "import_peak_mb": 500, "search_p95_ms": 150, "analysis_p95_ms": 100}

SEARCHES: list[dict[str, Any]] = [
    {"filter": {"text": "cocaine container"}, "sort": "SEARCH_SORT_RELEVANCE"},
    {
        "filter": {
            "headings": ["drugs"],
            "countries": ["NL"],
            "date_from": "2024-01-01",
            "date_to": "2024-12-31",
        }
    },
    {"filter": {"text": "pangolin", "route_countries": ["NG"]}},
    {"filter": {"headings": ["tobacco"], "transport_modes": ["road"], "regions": ["EUR"]}},
    {
        "filter": {"commodity_types": ["ivory"], "date_from": "2022-01-01"},
        "sort": "SEARCH_SORT_QUANTITY_DESC",
    },
    {"filter": {"text": "swallowed", "transport_modes": ["air"], "date_from": "2025-01-01"}},
    {"filter": {"countries": ["BR"], "detection_methods": ["x_ray"]}},
    {
        "filter": {
            "headings": ["ipr"],
            "transport_modes": ["postal", "express_courier"],
            "date_from": "2025-06-01",
        }
    },
    {"filter": {"route_countries": ["CO"], "quantity_min": 500, "quantity_unit": "kg"}},
    {"filter": {}},
]
ANALYSES: dict[str, tuple[str, dict[str, str]]] = {
    "trends_month_heading": (
        "trends",
        {
            "grain": "GRAIN_MONTH",
            "group_by": "GROUP_BY_HEADING",
            "scope.date_from": "2021-11-01",
            "scope.date_to": "2026-10-31",
        },
    ),
    "trends_week_country": (
        "trends",
        {
            "grain": "GRAIN_WEEK",
            "group_by": "GROUP_BY_COUNTRY",
            "scope.date_from": "2024-11-01",
            "scope.date_to": "2026-10-31",
        },
    ),
    "trends_day_all": (
        "trends",
        {"grain": "GRAIN_DAY", "scope.date_from": "2026-01-01", "scope.date_to": "2026-10-31"},
    ),
    "trends_year_commodity": ("trends", {"grain": "GRAIN_YEAR", "group_by": "GROUP_BY_COMMODITY_TYPE"}),
    "top_routes": ("routes", {"top": "20"}),
    "top_routes_drugs_3y": (
        "routes",
        {"heading": "drugs", "scope.date_from": "2023-03-01", "scope.date_to": "2026-10-31"},
    ),
    "concealment": ("concealment", {}),
    "profile_country": ("profile", {"country": "NL"}),
    "profile_region": ("profile", {"region": "EUR"}),
    "risk_indicators": ("risk-indicators", {}),
    "country_counts": ("country-counts", {"heading": "drugs"}),
}


def scale(cases: int) -> dict[str, Any]:
    started = time.perf_counter()
    out = subprocess.run(
        ["uv", "run", "--quiet", "python", "-m", "cen_seizures", "seed", "--count", str(cases)],
        env=stack_env("seizures"),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise SystemExit(f"error: bench: seeding failed: {out.stderr.strip().splitlines()[-1:]}")
    added = json.loads(out.stdout.strip().splitlines()[-1])["demo_cases_added"]
    seconds = time.perf_counter() - started
    return {
        "cases": cases,
        "added": added,
        "seconds": round(seconds, 1),
        "cases_per_s": round(added / seconds) if added else None,
    }


def import_csv(rows: int, run: str, layout: str = "long") -> bytes:
    """A CSV of new cases (demo distributions, fresh external ids) covering one year, as a national system
    sends its reports of a period."""
    from cen_seizures import demo, tabular

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=tabular.LAYOUTS[layout], extrasaction="ignore")
    writer.writeheader()
    for case in demo.generate(rows, seed=9000 + len(run), start=date(2025, 11, 1), end=date(2026, 10, 31)):
        row = tabular.input_to_row(
            {**case.seizure, "external_id": f"BENCH-{run}-{case.seizure['external_id']}"}, layout
        )
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return buffer.getvalue().encode()


def bench_import(rows: int, token: str, layout: str) -> dict[str, Any]:
    data = import_csv(rows, uuid.uuid4().hex[:8], layout)
    metadata = [("authorization", f"Bearer {token}")]

    def parts() -> Iterator[pb.UploadImportRequest]:
        yield pb.UploadImportRequest(
            metadata=pb.ImportMetadata(
                filename="bench.csv",
                format=pb.FILE_FORMAT_CSV,
                layout=pb.SEIZURE_FORM_LONG if layout == "long" else pb.SEIZURE_FORM_SIMPLIFIED,
                submit=True,
            )
        )
        for i in range(0, len(data), 256 * 1024):
            yield pb.UploadImportRequest(chunk=data[i : i + 256 * 1024])

    with grpc.insecure_channel(SEIZURES_ADDR) as channel:
        stub = seizures_pb2_grpc.SeizureServiceStub(channel)
        with PeakRss("seizures-worker", 0.2) as peak:
            busy_before, total_before = cpu_times()
            used_before = stack_cpu_jiffies(CPU_ACCOUNTED)
            started = token_at = time.perf_counter()
            job = stub.UploadImport(parts(), metadata=metadata, timeout=600)
            while job.status not in (pb.IMPORT_STATUS_DONE, pb.IMPORT_STATUS_FAILED):
                time.sleep(0.25)
                if time.perf_counter() - token_at > 120:  # tokens live a few minutes: take a fresh one
                    metadata = [("authorization", f"Bearer {password_grant('wco-admin')['access_token']}")]
                    token_at = time.perf_counter()
                job = stub.GetImportJob(pb.GetImportJobRequest(id=job.id), metadata=metadata, timeout=30)
            seconds = time.perf_counter() - started
            busy_after, total_after = cpu_times()
            used_after = stack_cpu_jiffies(CPU_ACCOUNTED)
    if job.status != pb.IMPORT_STATUS_DONE:
        raise SystemExit(f"error: bench: the import failed: {job.failure}")
    return {
        "rows": rows,
        "file_mb": round(len(data) / 2**20, 1),
        "layout": layout,
        "submitted": True,
        "imported": job.rows_imported,
        "rejected": job.rows_rejected,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "worker_peak_process_mb": round(peak.max_process / 2**20),
        "worker_peak_all_processes_mb": round(peak.max_family / 2**20),
        # Where the time goes: CPU microseconds per row in the worker (parse, validate, build rows) and in
        # PostgreSQL (insert with indexes and text vector, rollup folding), and how busy the machine was.
        "cpu_us_per_row": {
            name: round((used_after.get(name, 0) - used_before.get(name, 0)) / CLOCK_TICKS / rows * 1e6)
            for name in CPU_ACCOUNTED
        },
        "machine_busy": round((busy_after - busy_before) / max(total_after - total_before, 1), 2),
        "cpu_us_per_row_at_target": round(len(os.sched_getaffinity(0)) * 1e6 / TARGETS["import_rows_per_s"]),
    }


def timed(call: Callable[[], Any], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples)


def figures(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples, 50), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "max_ms": round(samples[-1], 1),
    }


def bench_search(session: requests.Session, rounds: int) -> dict[str, Any]:
    url = f"{loopback(GATEWAY)}/api/v1/seizures/search"

    def post(body: dict[str, Any]) -> None:
        resp = session.post(url, json=body, timeout=30)
        if resp.status_code != 200:
            raise SystemExit(f"error: bench: search answered {resp.status_code}: {resp.text[:200]}")

    for body in SEARCHES:  # warm caches and connections
        post(body)
    gateway = timed(lambda: [post(b) for b in SEARCHES], rounds)
    per_search = [s / len(SEARCHES) for s in gateway]
    # Each round is the whole mix; p95 per search needs the single calls, so time those too.
    singles = sorted(t for body in SEARCHES for t in timed(lambda b=body: post(b), rounds))
    direct = direct_search_timings(rounds)
    return {
        "searches": len(SEARCHES),
        "rounds": rounds,
        "gateway": figures(singles),
        "sql_in_process": figures(direct),
        "ratio_p50": round(percentile(singles, 50) / max(percentile(direct, 50), 0.001), 2),
        "mix_mean_ms": round(sum(per_search) / len(per_search), 1),
    }


def direct_search_timings(rounds: int) -> list[float]:
    """The same searches through the service's own domain and SQL in this process (no gRPC, no HTTP)."""
    from cen_core.auth.principal import Principal, Tier
    from cen_core.db import create_engine, make_sessionmaker
    from cen_core.reference import load_reference
    from cen_seizures.service import SeizureService

    env = stack_env("seizures")
    engine = create_engine(env["CEN_DATABASE_URL"])
    service = SeizureService(make_sessionmaker(engine), load_reference())
    reader = Principal(user_id="bench", username="bench", tier=Tier.READONLY, country="DE")
    sorts = {"SEARCH_SORT_RELEVANCE": "relevance", "SEARCH_SORT_QUANTITY_DESC": "quantity_desc"}
    try:

        def run(body: dict[str, Any]) -> None:
            service.search(reader, body["filter"], sorts.get(body.get("sort", ""), "date_desc"), 0, "")

        for body in SEARCHES:
            run(body)
        return sorted(t for body in SEARCHES for t in timed(lambda b=body: run(b), rounds))
    finally:
        engine.dispose()


def bench_analysis(session: requests.Session, rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (path, params) in ANALYSES.items():
        url = f"{loopback(GATEWAY)}/api/v1/seizures/analysis/{path}"

        def get(u: str = url, p: dict[str, str] = params) -> None:
            resp = session.get(u, params=p, timeout=30)
            if resp.status_code != 200:
                raise SystemExit(f"error: bench: {u} answered {resp.status_code}: {resp.text[:200]}")

        get()
        out[name] = figures(timed(get, rounds))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="repetitions of each search and analysis")
    parser.add_argument(
        "--phases", default="scale,search,analysis,import", help="comma-separated subset to run"
    )
    args = parser.parse_args()
    phases = set(args.phases.split(","))
    result: dict[str, Any] = {"bench": "seizures", "machine": machine(), "targets": TARGETS}

    def reader_session() -> requests.Session:
        # A fresh token per phase: a phase can outlast an access token's lifetime.
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {password_grant('readonly')['access_token']}"
        return session

    def done(name: str, value: Any) -> None:
        result[name] = value
        print(json.dumps({name: value}), file=sys.stderr)  # progress for whoever watches a long run

    if "scale" in phases:
        done("scale", scale(args.cases))
    if "search" in phases:
        done("search", bench_search(reader_session(), args.rounds))
    if "analysis" in phases:
        done("analysis", bench_analysis(reader_session(), args.rounds))
    for layout in ("simplified", "long"):
        if "import" in phases:
            token = password_grant("wco-admin")["access_token"]
            done(f"import_{layout}", bench_import(args.import_rows, token, layout))
    met: dict[str, bool] = {}
    for layout in ("simplified", "long"):
        if f"import_{layout}" in result:
            figures_ = result[f"import_{layout}"]
            met[f"import_{layout}_rows_per_s"] = figures_["rows_per_s"] >= TARGETS["import_rows_per_s"]
            met[f"import_{layout}_peak_mb"] = figures_["worker_peak_process_mb"] < TARGETS["import_peak_mb"]
    if "search" in result:
        met["search_p95_ms"] = result["search"]["gateway"]["p95_ms"] < TARGETS["search_p95_ms"]
    if "analysis" in result:
        met["analysis_p95_ms"] = (
            max(v["p95_ms"] for v in result["analysis"].values()) < TARGETS["analysis_p95_ms"]
        )
    result["met"] = met
    print(json.dumps(result))


if __name__ == "__main__":
    main()
