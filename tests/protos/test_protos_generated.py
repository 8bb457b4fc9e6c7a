"""The committed generated code in libs/protos-python is current, and protos/generate.sh can tell when not."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "protos" / "generate.sh"
COMMITTED = ROOT / "libs" / "protos-python" / "src" / "cen"
STALE = "generated code is stale: run make protos"


@pytest.fixture(scope="module", autouse=True)
def buf_installed() -> None:
    # Installing buf needs the npm registry; tests stay off the network, so `make protos-check` (run by
    # `make test` before pytest) must have installed it.
    if not (ROOT / "protos" / "node_modules" / ".bin" / "buf").exists():
        pytest.fail("buf is not installed in protos/node_modules: run make protos-check first")


def run(*args: str, out: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if out is not None:
        env["CEN_PROTOS_OUT"] = str(out)
    return subprocess.run(
        [str(GENERATE), *args], capture_output=True, text=True, env=env, check=False, timeout=300
    )


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_committed_generated_code_is_current() -> None:
    result = run("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: lint, format, breaking and generated code are clean" in result.stdout


def test_check_fails_and_names_the_files_when_the_output_is_stale(tmp_path: Path) -> None:
    out = tmp_path / "cen"
    shutil.copytree(COMMITTED, out, ignore=shutil.ignore_patterns("__pycache__"))
    with (out / "auth" / "v1" / "auth_pb2.py").open("a") as f:
        f.write("# edited by hand\n")
    (out / "common" / "v1" / "paging_pb2.pyi").unlink()
    (out / "retired" / "v1").mkdir(parents=True)
    (out / "retired" / "v1" / "retired_pb2.py").write_text("")

    result = run("--check", out=out)

    assert result.returncode == 1
    assert STALE in result.stderr
    assert f"differs:  {out}/auth/v1/auth_pb2.py" in result.stderr
    assert f"missing:  {out}/common/v1/paging_pb2.pyi" in result.stderr
    assert f"stale:    {out}/retired/v1/retired_pb2.py" in result.stderr
    assert "openapi.json" not in result.stderr


def test_generate_is_deterministic_removes_stale_files_and_matches_the_commit(tmp_path: Path) -> None:
    out = tmp_path / "cen"
    (out / "retired" / "v1" / "__pycache__").mkdir(parents=True)
    (out / "retired" / "v1" / "retired_pb2.py").write_text("")
    (out / "retired" / "v1" / "__pycache__" / "retired_pb2.cpython-311.pyc").write_bytes(b"")

    first = run(out=out)
    assert first.returncode == 0, first.stderr
    assert "removed stale" in first.stdout
    generated = tree(out)
    second = run(out=out)
    assert second.returncode == 0, second.stderr

    assert tree(out) == generated
    assert not (out / "retired").exists()
    assert "wrote" not in second.stdout
    assert generated == tree(COMMITTED)
    for package in ("", "auth", "auth/v1", "common", "common/v1"):
        assert (out / package / "__init__.py").is_file(), package


def test_unknown_option_is_refused() -> None:
    result = run("--force")
    assert result.returncode == 1
    assert "error: protos: unknown argument '--force'" in result.stderr
