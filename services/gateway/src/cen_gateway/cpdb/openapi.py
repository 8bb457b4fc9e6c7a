"""The hand-written OpenAPI of the CPDb picture routes, merged into the generated document at serve time."""

from __future__ import annotations

import copy
import importlib.resources
import json
from typing import Any

FRAGMENT = "openapi.json"


def fragment() -> dict[str, Any]:
    text = (importlib.resources.files("cen_gateway.cpdb") / FRAGMENT).read_text(encoding="utf-8")
    return dict(json.loads(text))


def merge(document: dict[str, Any]) -> dict[str, Any]:
    """The document with the fragment's operations added (next to the generated ones of the same path)."""
    merged = copy.deepcopy(document)
    paths = merged.setdefault("paths", {})
    for path, operations in fragment()["paths"].items():
        for verb, operation in operations.items():
            paths.setdefault(path, {})[verb] = operation
    merged["paths"] = dict(sorted(paths.items()))
    return dict(sorted(merged.items()))
