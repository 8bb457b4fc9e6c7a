"""Reference data shared by the CEN modules (seizures, CPDb): headings, commodity types, units, countries, WCO
regions, RILOs and term lists, loaded from versioned files in cen_core/reference_data/ and checked on load."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

# The versioned files under cen_core/reference_data/; all of them carry the same "version".
DATA_FILES = ("headings.json", "terms.json", "wco.json", "countries.tsv")

# The attributes of ReferenceData that are plain code/name lists (has_term takes one of these names).
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

COUNTRY_COLUMNS = ("code", "name", "wco_member", "region", "rilo", "lat", "lon")

_HS_CODE = re.compile(r"\d{4}(\d{2})?")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


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
    region: str  # "" for non-members
    rilo: str  # "" for non-members
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
    place_types: tuple[Term, ...]
    customs_procedures: tuple[Term, ...]
    directions: tuple[Term, ...]
    genders: tuple[Term, ...]
    age_bands: tuple[Term, ...]
    offender_roles: tuple[Term, ...]
    cites_appendices: tuple[Term, ...]
    currencies: tuple[Term, ...]
    units: tuple[Unit, ...]
    # Lookups run on every validated field of every imported row: dictionaries, built once.
    _headings: dict[str, Heading] = field(init=False, repr=False, compare=False)
    _commodity_types: dict[str, CommodityType] = field(init=False, repr=False, compare=False)
    _countries: dict[str, Country] = field(init=False, repr=False, compare=False)
    _units: dict[str, Unit] = field(init=False, repr=False, compare=False)
    _rilos: dict[str, Rilo] = field(init=False, repr=False, compare=False)
    _regions: dict[str, Region] = field(init=False, repr=False, compare=False)
    _terms: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _countries_of_region: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _countries_of_rilo: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ValueError("inconsistent reference data: " + "; ".join(problems))
        of_region: dict[str, list[str]] = {r.code: [] for r in self.regions}
        of_rilo: dict[str, list[str]] = {r.code: [] for r in self.rilos}
        for c in self.countries:
            if c.wco_member:
                of_region[c.region].append(c.code)
                of_rilo[c.rilo].append(c.code)
        setattr_ = object.__setattr__
        setattr_(self, "_headings", {h.code: h for h in self.headings})
        setattr_(self, "_commodity_types", {c.code: c for h in self.headings for c in h.commodity_types})
        setattr_(self, "_countries", {c.code: c for c in self.countries})
        setattr_(self, "_units", {u.code: u for u in self.units})
        setattr_(self, "_rilos", {r.code: r for r in self.rilos})
        setattr_(self, "_regions", {r.code: r for r in self.regions})
        setattr_(
            self, "_terms", {name: frozenset(t.code for t in getattr(self, name)) for name in TERM_LISTS}
        )
        setattr_(self, "_countries_of_region", {k: tuple(sorted(v)) for k, v in of_region.items()})
        setattr_(self, "_countries_of_rilo", {k: tuple(sorted(v)) for k, v in of_rilo.items()})

    def heading(self, code: str) -> Heading | None:
        return self._headings.get(code)

    def commodity_type(self, code: str) -> CommodityType | None:
        return self._commodity_types.get(code)

    def country(self, code: str) -> Country | None:
        return self._countries.get(code)

    def unit(self, code: str) -> Unit | None:
        return self._units.get(code)

    def rilo(self, code: str) -> Rilo | None:
        return self._rilos.get(code)

    def region(self, code: str) -> Region | None:
        return self._regions.get(code)

    def has_term(self, list_name: str, code: str) -> bool:
        """Whether `code` is in the term list `list_name` (one of TERM_LISTS; any other name is a programming error)."""
        try:
            return code in self._terms[list_name]
        except KeyError:
            raise ValueError(
                f"no term list {list_name!r}; the term lists are {', '.join(TERM_LISTS)}"
            ) from None

    def countries_of_region(self, region: str) -> tuple[str, ...]:
        """The WCO Members of a region, in code order ((), for an unknown region)."""
        return self._countries_of_region.get(region, ())

    def countries_of_rilo(self, rilo: str) -> tuple[str, ...]:
        """The WCO Members a RILO covers, in code order ((), for an unknown RILO)."""
        return self._countries_of_rilo.get(rilo, ())


def _duplicates(kind: str, codes: list[str]) -> list[str]:
    dups = sorted(code for code, n in Counter(codes).items() if n > 1)
    return [f"duplicate {kind} codes {', '.join(dups)}"] if dups else []


def _problems(ref: ReferenceData) -> list[str]:
    """Everything that would make a lookup lie: duplicate codes and references to codes that do not exist."""
    types = [c for h in ref.headings for c in h.commodity_types]
    problems = [
        *_duplicates("heading", [h.code for h in ref.headings]),
        *_duplicates("commodity type", [c.code for c in types]),
        *_duplicates("unit", [u.code for u in ref.units]),
        *_duplicates("region", [r.code for r in ref.regions]),
        *_duplicates("RILO", [r.code for r in ref.rilos]),
        *_duplicates("country", [c.code for c in ref.countries]),
    ]
    for name in TERM_LISTS:
        terms = getattr(ref, name)
        problems += _duplicates(name, [t.code for t in terms])
        if not terms:
            problems.append(f"term list {name} is empty")
    units = {u.code for u in ref.units}
    regions = {r.code for r in ref.regions}
    rilos = {r.code: r for r in ref.rilos}
    countries = {c.code for c in ref.countries}
    for u in ref.units:
        if not u.max_quantity > 0:
            problems.append(f"unit {u.code}: max_quantity must be positive")
    for h in ref.headings:
        if not h.commodity_types:
            problems.append(f"heading {h.code} has no commodity types")
        for ct in h.commodity_types:
            if ct.heading != h.code:
                problems.append(
                    f"commodity type {ct.code} is listed under {h.code} but names heading {ct.heading}"
                )
            if ct.default_unit not in units:
                problems.append(f"commodity type {ct.code}: unknown unit {ct.default_unit}")
            if not _HS_CODE.fullmatch(ct.hs_code):
                problems.append(f"commodity type {ct.code}: HS code {ct.hs_code!r} is not 4 or 6 digits")
    for r in ref.rilos:
        if r.region not in regions:
            problems.append(f"RILO {r.code}: unknown region {r.region}")
        if r.country not in countries:
            problems.append(f"RILO {r.code}: unknown host country {r.country}")
    for c in ref.countries:
        if not _COUNTRY_CODE.fullmatch(c.code):
            problems.append(f"country code {c.code!r} is not two capital letters")
        if not (-90 <= c.lat <= 90 and -180 <= c.lon <= 180):
            problems.append(f"country {c.code}: point ({c.lat}, {c.lon}) is off the globe")
        if not c.wco_member:
            if c.region or c.rilo:
                problems.append(f"country {c.code} is no WCO Member but has region/RILO {c.region}/{c.rilo}")
            continue
        rilo = rilos.get(c.rilo)
        if c.region not in regions:
            problems.append(f"country {c.code}: unknown region {c.region!r}")
        if rilo is None:
            problems.append(f"country {c.code}: unknown RILO {c.rilo!r}")
        elif rilo.region != c.region:
            problems.append(
                f"country {c.code} is in region {c.region} but its RILO {c.rilo} serves {rilo.region}"
            )
    return problems


def _text(name: str) -> str:
    return files("cen_core").joinpath(f"reference_data/{name}").read_text(encoding="utf-8")


def _json(name: str) -> dict[str, Any]:
    doc = json.loads(_text(name))
    if not isinstance(doc, dict) or not doc.get("version"):
        raise ValueError(f"reference_data/{name}: no version")
    return doc


def _tsv(name: str, columns: tuple[str, ...]) -> tuple[str, list[dict[str, str]]]:
    """A TSV file with `# key: value` comment lines (one of them `# version: ...`), a header row and data rows."""
    version = ""
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for number, line in enumerate(_text(name).splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition(":")
            if key.strip() == "version":
                version = value.strip()
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise ValueError(f"reference_data/{name}: header {header} is not {list(columns)}")
            continue
        if len(cells) != len(header):
            raise ValueError(
                f"reference_data/{name} line {number}: {len(cells)} cells, {len(header)} expected"
            )
        rows.append(dict(zip(header, cells, strict=True)))
    if not version:
        raise ValueError(f"reference_data/{name}: no version")
    return version, rows


def _bool(value: str, where: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError(f"{where}: {value!r} is neither true nor false")
    return value == "true"


def _terms(items: list[dict[str, Any]]) -> tuple[Term, ...]:
    return tuple(Term(code=t["code"], name=t["name"]) for t in items)


@cache
def load_reference() -> ReferenceData:
    """The reference data shipped with the service (the files of DATA_FILES), read and checked once."""
    headings, terms, wco = _json("headings.json"), _json("terms.json"), _json("wco.json")
    countries_version, country_rows = _tsv("countries.tsv", COUNTRY_COLUMNS)
    versions = {
        "headings.json": headings["version"],
        "terms.json": terms["version"],
        "wco.json": wco["version"],
        "countries.tsv": countries_version,
    }
    if len(set(versions.values())) != 1:
        raise ValueError(f"the reference data files disagree on their version: {versions}")
    return ReferenceData(
        version=headings["version"],
        headings=tuple(
            Heading(
                code=h["code"],
                name=h["name"],
                commodity_types=tuple(
                    CommodityType(
                        code=c["code"],
                        name=c["name"],
                        heading=h["code"],
                        default_unit=c["default_unit"],
                        hs_code=c["hs_code"],
                    )
                    for c in h["commodity_types"]
                ),
            )
            for h in headings["headings"]
        ),
        regions=tuple(Region(code=r["code"], name=r["name"]) for r in wco["regions"]),
        rilos=tuple(
            Rilo(code=r["code"], name=r["name"], city=r["city"], country=r["country"], region=r["region"])
            for r in wco["rilos"]
        ),
        countries=tuple(
            Country(
                code=row["code"],
                name=row["name"],
                wco_member=_bool(row["wco_member"], f"reference_data/countries.tsv {row['code']}"),
                region=row["region"],
                rilo=row["rilo"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
            )
            for row in country_rows
        ),
        units=tuple(
            Unit(code=u["code"], name=u["name"], max_quantity=float(u["max_quantity"]))
            for u in headings["units"]
        ),
        **{name: _terms(terms[name]) for name in TERM_LISTS},
    )
