"""Fixtures for the proto toolchain tests: compile protos to descriptor sets, load the OpenAPI generator."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parents[2]
PROTOS = ROOT / "protos"
# The installed googleapis-common-protos: where google/api/*.proto come from (never copied into the repo).
GOOGLEAPIS = Path(annotations_pb2.__file__).resolve().parents[2]

Compile = Callable[[Path, list[str]], list[descriptor_pb2.FileDescriptorProto]]


@pytest.fixture(scope="session")
def gen_openapi() -> ModuleType:
    """protos/tools/gen_openapi.py, which is a script rather than an installed module."""
    spec = importlib.util.spec_from_file_location("gen_openapi", PROTOS / "tools" / "gen_openapi.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_openapi"] = module  # dataclasses resolve their annotations through sys.modules
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def compile_protos(tmp_path_factory: pytest.TempPathFactory) -> Compile:
    """Compile protos (relative to `root`) with grpcio-tools' protoc into descriptors with source info."""

    def run(root: Path, files: list[str]) -> list[descriptor_pb2.FileDescriptorProto]:
        out = tmp_path_factory.mktemp("descriptors") / "set.binpb"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "grpc_tools.protoc",
                f"-I{root}",
                f"-I{GOOGLEAPIS}",
                f"--descriptor_set_out={out}",
                "--include_source_info",
                "--include_imports",
                *files,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return list(descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file)

    return run


@pytest.fixture(scope="session")
def cen_document(gen_openapi: ModuleType, compile_protos: Compile) -> dict[str, Any]:
    """The OpenAPI document generated from the real protos under protos/cen."""
    files = sorted(str(p.relative_to(PROTOS)) for p in (PROTOS / "cen").rglob("*.proto"))
    document: dict[str, Any] = gen_openapi.generate(compile_protos(PROTOS, files), "cen.", "CEN API", "v1")
    return document
