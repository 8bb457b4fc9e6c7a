"""Reference data of the CEN database (headings, commodity types, countries, regions, RILOs, term lists)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

TERM_LISTS = (
    "transport_modes",
    "detection_methods",
    "concealment_methods",
    "place_types",
    "customs_procedures",
    "directions",
    "genders",
    "age_bands",
    "offender_roles",
    "cites_appendices",
    "currencies",
)


@dataclass(frozen=True)
class Term:
    code: str
    name: str


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    max_quantity: float


@dataclass(frozen=True)
class CommodityType:
    code: str
    name: str
    heading: str
    default_unit: str
    hs_code: str


@dataclass(frozen=True)
class Heading:
    code: str
    name: str
    commodity_types: tuple[CommodityType, ...]


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class Rilo:
    code: str
    name: str
    city: str
    country: str
    region: str


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    wco_member: bool
    region: str
    rilo: str
    lat: float
    lon: float


@dataclass(frozen=True)
class ReferenceData:
    version: str
    headings: tuple[Heading, ...]
    regions: tuple[Region, ...]
    rilos: tuple[Rilo, ...]
    countries: tuple[Country, ...]
    transport_modes: tuple[Term, ...]
    detection_methods: tuple[Term, ...]
    concealment_methods: tuple[Term, ...]
    units: tuple[Unit, ...]
    place_types: tuple[Term, ...]
    customs_procedures: tuple[Term, ...]
    directions: tuple[Term, ...]
    genders: tuple[Term, ...]
    age_bands: tuple[Term, ...]
    offender_roles: tuple[Term, ...]
    cites_appendices: tuple[Term, ...]
    currencies: tuple[Term, ...]
    _index: dict[str, dict[str, Any]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookups are on every validated field of every imported row: dictionaries, built once.
        index: dict[str, dict[str, Any]] = {
            "heading": {h.code: h for h in self.headings},
            "commodity_type": {c.code: c for h in self.headings for c in h.commodity_types},
            "country": {c.code: c for c in self.countries},
            "unit": {u.code: u for u in self.units},
            "rilo": {r.code: r for r in self.rilos},
            "region": {r.code: r for r in self.regions},
        }
        for name in TERM_LISTS:
            index[name] = {t.code: t for t in getattr(self, name)}
        object.__setattr__(self, "_index", index)

    def heading(self, code: str) -> Heading | None:
        return self._index["heading"].get(code)

    def commodity_type(self, code: str) -> CommodityType | None:
        return self._index["commodity_type"].get(code)

    def country(self, code: str) -> Country | None:
        return self._index["country"].get(code)

    def unit(self, code: str) -> Unit | None:
        return self._index["unit"].get(code)

    def rilo(self, code: str) -> Rilo | None:
        return self._index["rilo"].get(code)

    def region(self, code: str) -> Region | None:
        return self._index["region"].get(code)

    def has_term(self, list_name: str, code: str) -> bool:
        return code in self._index[list_name]

    def countries_of_region(self, region: str) -> tuple[str, ...]:
        return tuple(c.code for c in self.countries if c.region == region)

    def countries_of_rilo(self, rilo: str) -> tuple[str, ...]:
        return tuple(c.code for c in self.countries if c.rilo == rilo)


def _read(name: str) -> dict[str, Any]:
    return dict(json.loads(files("cen_seizures").joinpath(f"data/{name}").read_text(encoding="utf-8")))


@cache
def load_reference() -> ReferenceData:
    """The reference data shipped with the service (data/terms.json and data/countries.json)."""
    terms, places = _read("terms.json"), _read("countries.json")
    return ReferenceData(
        version=f"{terms['version']}/{places['version']}",
        headings=tuple(
            Heading(
                h["code"],
                h["name"],
                tuple(CommodityType(heading=h["code"], **c) for c in h["commodity_types"]),
            )
            for h in terms["headings"]
        ),
        regions=tuple(Region(**r) for r in places["regions"]),
        rilos=tuple(Rilo(**r) for r in places["rilos"]),
        countries=tuple(Country(**c) for c in places["countries"]),
        units=tuple(Unit(**u) for u in terms["units"]),
        **{name: tuple(Term(**t) for t in terms[name]) for name in TERM_LISTS},
    )
