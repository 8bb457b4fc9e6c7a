"""Search criteria: checking a SeizureFilter and turning it into one SQL condition (search, export, watch lists)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cen_core.errors import FieldViolation, InvalidArgument
from cen_core.reference import ReferenceData
from cen_core.text import clean_text

from cen_seizures.domain import PUBLISHED, Status

MAX_VALUES = 200
MAX_TEXT = 500
STATUS_NAMES = {f"SEIZURE_STATUS_{s.name}": s for s in Status}


@dataclass(frozen=True)
class Visibility:
    """Which cases a reader sees: published ones everywhere, plus all of their own country (all for wco-admin)."""

    country: str
    all_countries: bool = False


@dataclass(frozen=True)
class SearchFilter:
    text: str = ""
    headings: tuple[str, ...] = ()
    commodity_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    rilos: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    transport_modes: tuple[str, ...] = ()
    detection_methods: tuple[str, ...] = ()
    route_countries: tuple[str, ...] = ()
    quantity_min: float | None = None
    quantity_max: float | None = None
    quantity_unit: str = ""
    statuses: tuple[Status, ...] = ()
    concealment_methods: tuple[str, ...] = ()
    departure_country: str = ""
    destination_country: str = ""
    # Watch lists: any of these conveyance identifiers (normalised upper case, no spaces).
    conveyance_ids: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The proto JSON shape (for storing watch-list criteria)."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "conveyance_ids" or value in ("", (), None):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif name == "statuses":
                value = [f"SEIZURE_STATUS_{s.name}" for s in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        return out


def _codes(
    data: dict[str, Any],
    key: str,
    prefix: str,
    violations: list[FieldViolation],
    known: Any,
    *,
    upper: bool = False,
) -> tuple[str, ...]:
    raw = data.get(key) or []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        violations.append(FieldViolation(f"{prefix}{key}", "must be a list"))
        return ()
    if len(raw) > MAX_VALUES:
        violations.append(FieldViolation(f"{prefix}{key}", f"at most {MAX_VALUES} values"))
        return ()
    out: list[str] = []
    for i, value in enumerate(raw):
        code = clean_text(str(value))
        code = code.upper() if upper else code.lower()
        if not known(code):
            violations.append(FieldViolation(f"{prefix}{key}[{i}]", f"unknown value {code!r}"))
        else:
            out.append(code)
    return tuple(sorted(set(out)))


def _date(data: dict[str, Any], key: str, prefix: str, violations: list[FieldViolation]) -> date | None:
    raw = data.get(key) or ""
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        violations.append(FieldViolation(f"{prefix}{key}", "must be a date written YYYY-MM-DD"))
        return None


def _number(data: dict[str, Any], key: str, prefix: str, violations: list[FieldViolation]) -> float | None:
    raw = data.get(key)
    if raw in (None, "", 0, 0.0):
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw) or raw < 0:
        violations.append(FieldViolation(f"{prefix}{key}", "must be a number of zero or more"))
        return None
    return float(raw)


def parse_filter(data: dict[str, Any] | None, ref: ReferenceData, prefix: str = "filter.") -> SearchFilter:
    """A SeizureFilter in proto JSON, checked against the reference data; InvalidArgument names each bad field."""
    data = data or {}
    v: list[FieldViolation] = []
    text = clean_text(str(data.get("text") or ""))
    if len(text) > MAX_TEXT:
        v.append(FieldViolation(f"{prefix}text", f"must be at most {MAX_TEXT} characters"))

    def is_country(code: str) -> bool:
        return ref.country(code) is not None

    def term(list_name: str) -> Any:
        return lambda code: ref.has_term(list_name, code)

    statuses_raw = data.get("statuses") or []
    statuses: list[Status] = []
    for i, name in enumerate(statuses_raw if isinstance(statuses_raw, list) else [statuses_raw]):
        status = STATUS_NAMES.get(str(name)) or next(
            (s for s in Status if s.value == str(name).lower()), None
        )
        if status is None:
            v.append(FieldViolation(f"{prefix}statuses[{i}]", f"unknown status {name!r}"))
        else:
            statuses.append(status)
    single = {}
    for key in ("departure_country", "destination_country"):
        code = clean_text(str(data.get(key) or "")).upper()
        if code and not is_country(code):
            v.append(FieldViolation(f"{prefix}{key}", f"unknown country code {code!r}"))
        single[key] = code
    unit = clean_text(str(data.get("quantity_unit") or "")).lower()
    if unit and ref.unit(unit) is None:
        v.append(FieldViolation(f"{prefix}quantity_unit", f"unknown unit {unit!r}"))
    result = SearchFilter(
        text=text,
        headings=_codes(data, "headings", prefix, v, lambda c: ref.heading(c) is not None),
        commodity_types=_codes(
            data, "commodity_types", prefix, v, lambda c: ref.commodity_type(c) is not None
        ),
        countries=_codes(data, "countries", prefix, v, is_country, upper=True),
        regions=_codes(data, "regions", prefix, v, lambda c: ref.region(c) is not None, upper=True),
        rilos=_codes(data, "rilos", prefix, v, lambda c: ref.rilo(c) is not None, upper=True),
        date_from=_date(data, "date_from", prefix, v),
        date_to=_date(data, "date_to", prefix, v),
        transport_modes=_codes(data, "transport_modes", prefix, v, term("transport_modes")),
        detection_methods=_codes(data, "detection_methods", prefix, v, term("detection_methods")),
        route_countries=_codes(data, "route_countries", prefix, v, is_country, upper=True),
        quantity_min=_number(data, "quantity_min", prefix, v),
        quantity_max=_number(data, "quantity_max", prefix, v),
        quantity_unit=unit,
        statuses=tuple(sorted(set(statuses))),
        concealment_methods=_codes(data, "concealment_methods", prefix, v, term("concealment_methods")),
        departure_country=single["departure_country"],
        destination_country=single["destination_country"],
    )
    if (result.quantity_min is not None or result.quantity_max is not None) and not result.quantity_unit:
        v.append(FieldViolation(f"{prefix}quantity_unit", "required with a quantity range (e.g. kg)"))
    if result.date_from and result.date_to and result.date_from > result.date_to:
        v.append(FieldViolation(f"{prefix}date_to", "must be on or after date_from"))
    if (
        result.quantity_min is not None
        and result.quantity_max is not None
        and result.quantity_min > result.quantity_max
    ):
        v.append(FieldViolation(f"{prefix}quantity_max", "must be at least quantity_min"))
    if v:
        raise InvalidArgument(v, "the search criteria have invalid fields")
    return result


def where_sql(f: SearchFilter, params: dict[str, Any], visibility: Visibility, alias: str = "s") -> str:
    """One SQL condition over `seizures {alias}`; parameters are added to params (never interpolated)."""
    a = alias
    parts: list[str] = []
    if not visibility.all_countries:
        params["vis_country"] = visibility.country
        params["vis_statuses"] = [s.value for s in PUBLISHED]
        parts.append(f"({a}.status = ANY(:vis_statuses) OR {a}.country = :vis_country)")
    if f.text:
        params["q"] = f.text
        parts.append(f"{a}.search_vector @@ websearch_to_tsquery('english', :q)")
    arrays = {
        "headings": f.headings,
        "commodity_types": f.commodity_types,
        "route_countries": f.route_countries,
    }
    for column, values in arrays.items():
        if values:
            params[f"f_{column}"] = list(values)
            parts.append(f"{a}.{column} && CAST(:f_{column} AS text[])")
    scalars = {
        "country": f.countries,
        "region": f.regions,
        "rilo": f.rilos,
        "transport_mode": f.transport_modes,
        "detection_method": f.detection_methods,
        "concealment_method": f.concealment_methods,
        "status": tuple(s.value for s in f.statuses),
    }
    for column, values in scalars.items():
        if values:
            params[f"f_{column}"] = list(values)
            parts.append(f"{a}.{column} = ANY(:f_{column})")
    if f.departure_country:
        params["f_dep"] = f.departure_country
        parts.append(f"{a}.departure_country = :f_dep")
    if f.destination_country:
        params["f_dst"] = f.destination_country
        parts.append(f"{a}.destination_country = :f_dst")
    if f.date_from:
        params["f_from"] = f.date_from
        parts.append(f"{a}.seizure_date >= :f_from")
    if f.date_to:
        params["f_to"] = f.date_to
        parts.append(f"{a}.seizure_date <= :f_to")
    if f.quantity_min is not None or f.quantity_max is not None or f.quantity_unit:
        line = [f"l.seizure_id = {a}.id"]
        if f.quantity_unit:
            params["f_unit"] = f.quantity_unit
            line.append("l.unit = :f_unit")
        if f.quantity_min is not None:
            params["f_qmin"] = f.quantity_min
            line.append("l.quantity >= :f_qmin")
        if f.quantity_max is not None:
            params["f_qmax"] = f.quantity_max
            line.append("l.quantity <= :f_qmax")
        # A semi-join on the (unit, quantity) index, not a probe per candidate case.
        parts.append(f"{a}.id IN (SELECT l.seizure_id FROM commodity_lines l WHERE {' AND '.join(line[1:])})")
    if f.conveyance_ids:
        params["f_conv"] = list(f.conveyance_ids)
        parts.append(f"{a}.conveyance_ids && CAST(:f_conv AS text[])")
    return " AND ".join(parts) or "TRUE"
