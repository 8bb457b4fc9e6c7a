"""ISO 3166-1 alpha-2 country codes, read once from the data file shipped with the service."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def country_names() -> dict[str, str]:
    """Every officially assigned alpha-2 code mapped to its English short name."""
    text = files("cen_auth").joinpath("data/iso3166_alpha2.tsv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.partition("\t")
            names[code] = name
    return names


def is_country_code(value: str) -> bool:
    """True for an assigned ISO 3166-1 alpha-2 code in upper case (e.g. "NL")."""
    return value in country_names()
