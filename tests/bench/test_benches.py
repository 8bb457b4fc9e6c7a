"""The benchmark scripts keep working: their helpers, and a short run of each against the local stack."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"


def load(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCH))  # the scripts import their sibling `common` as the interpreter would
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_percentile_is_nearest_rank() -> None:
    common = load("common")
    samples = [float(v) for v in range(1, 101)]
    assert common.percentile(samples, 50) == 50.0
    assert common.percentile(samples, 99) == 99.0
    assert common.percentile(samples, 100) == 100.0
    assert common.percentile([7.0], 99) == 7.0


@pytest.mark.parametrize("url", ["http://10.0.0.5:8080", "https://example.org", "http://192.168.1.2"])
def test_only_loopback_targets_are_allowed(url: str) -> None:
    common = load("common")
    with pytest.raises(SystemExit, match="not a loopback address"):
        common.loopback(url)
    assert common.loopback("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    assert common.loopback("http://[::1]:8180") == "http://[::1]:8180"


def test_wrk_result_line_is_parsed() -> None:
    gateway_me = load("gateway_me")
    out = "Running 20s test\nRESULT 14296 20041200 0 0 0 3 0 21110 53330 22630\n"
    match = gateway_me.RESULT.search(out)
    assert match is not None
    assert [int(v) for v in match.groups()] == [14296, 20041200, 0, 0, 0, 3, 0, 21110, 53330, 22630]
    lua = gateway_me.LUA % "tok"  # Python's % templating leaves Lua's own format string intact
    assert "%%" not in lua and '"RESULT %d %d' in lua
    assert 'wrk.headers["Authorization"] = "Bearer tok"' in lua


def run_bench(name: str, *args: str, **env: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(BENCH / f"{name}.py"), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    (line,) = out.stdout.splitlines()
    result: dict[str, object] = json.loads(line)
    return result


@pytest.mark.integration
def test_tokens_bench_prints_its_figures() -> None:
    result = run_bench("tokens", BENCH_DISTINCT_TOKENS="5", BENCH_ROUNDS="2", BENCH_ITERATIONS="200")
    assert result["bench"] == "tokens"
    signature_check = result["signature_check"]
    assert isinstance(signature_check, dict)
    assert signature_check["samples"] == 8
    assert {"mean_us", "p50_us", "p99_us", "verifies_per_s"} <= set(signature_check)


@pytest.mark.integration
def test_gateway_bench_prints_its_figures() -> None:
    result = run_bench("gateway_me", BENCH_WARMUP="1", BENCH_DURATION="1")
    assert result["bench"] == "gateway_me"
    assert result["concurrency"] == 16
    assert result["errors"] == {"non_2xx_3xx": 0, "connect": 0, "read": 0, "write": 0, "timeout": 0}
    assert isinstance(result["requests"], int) and result["requests"] > 0
    assert result["target"] == {"req_per_s": 800, "p99_ms": 50}


@pytest.mark.integration
def test_seizures_bench_prints_its_figures() -> None:
    """A short run of the CEN database benchmark on whatever data the stack holds (no scaling)."""
    result = run_bench(
        "seizures", "--phases", "search,analysis,import", "--rounds", "1", "--import-rows", "300"
    )
    assert result["bench"] == "seizures"
    search = result["search"]
    assert isinstance(search, dict) and search["gateway"]["p95_ms"] > 0
    analysis = result["analysis"]
    assert isinstance(analysis, dict) and "risk_indicators" in analysis
    imported = result["import_simplified"]
    assert isinstance(imported, dict) and imported["imported"] == 300 and imported["rejected"] == 0
    assert set(result["met"]) >= {"search_p95_ms", "analysis_p95_ms", "import_long_rows_per_s"}


@pytest.mark.integration
def test_cpdb_bench_prints_its_figures() -> None:
    """A short run of the CPDb benchmark: two pictures through the pipeline, similar search over a small set."""
    result = run_bench(
        "cpdb", "--phases", "pipeline,similar", "--pictures", "2", "--similar-rows", "500", "--rounds", "5"
    )
    assert result["bench"] == "cpdb"
    pipeline = result["pipeline"]
    assert isinstance(pipeline, dict) and pipeline["pictures"] == 2 and pipeline["pipeline_per_s"] > 0
    similar = result["similar"]
    assert isinstance(similar, dict) and similar["pictures"] >= 500 and similar["in_process_p95_ms"] > 0
    assert set(result["met"]) == {"pipeline_vs_plain", "worker_peak_mb", "similar_p95_ms"}
