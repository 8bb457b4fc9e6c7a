"""The hand-written OpenAPI of the seizures file routes, merged into the generated document at serve time."""

from __future__ import annotations

import copy
import importlib.resources
import json
from typing import Any

FRAGMENT = "openapi.json"
FILTER_SCHEMA = "cen.seizures.v1.SeizureFilter"
EXPORT_PATH = "/api/v1/seizures/export"


def fragment() -> dict[str, Any]:
    text = (importlib.resources.files("cen_gateway.seizures") / FRAGMENT).read_text(encoding="utf-8")
    return dict(json.loads(text))


def merge(document: dict[str, Any]) -> dict[str, Any]:
    """The document with the fragment's operations added (next to the generated ones of the same path).

    The export's query parameters are the search filter's fields, taken from the generated schema so they
    cannot drift from the proto.
    """
    merged = copy.deepcopy(document)
    extra = fragment()
    paths = merged.setdefault("paths", {})
    for path, operations in extra["paths"].items():
        for verb, operation in operations.items():
            paths.setdefault(path, {})[verb] = _resolve(operation, extra)
    schema = merged.get("components", {}).get("schemas", {}).get(FILTER_SCHEMA, {})
    export = paths.get(EXPORT_PATH, {}).get("get")
    if export is not None:
        for name, prop in sorted(schema.get("properties", {}).items()):
            parameter: dict[str, Any] = {"name": f"filter.{name}", "in": "query", "schema": prop}
            if prop.get("type") == "array":
                parameter.update(style="form", explode=True)
            if prop.get("description"):
                parameter["description"] = prop["description"]
            export["parameters"].append(parameter)
    return dict(sorted(merged.items()))


def _resolve(value: Any, extra: dict[str, Any]) -> Any:
    """Replace the fragment's local references ({"$ref": "#/x-…"}) by what they name."""
    if isinstance(value, dict):
        ref = value.get("$ref", "")
        if len(value) == 1 and isinstance(ref, str) and ref.startswith("#/x-"):
            return copy.deepcopy(extra[ref.removeprefix("#/")])
        return {key: _resolve(item, extra) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, extra) for item in value]
    return value
