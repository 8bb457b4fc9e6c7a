"""The seizure case in the domain: statuses, validation of what a country enters, derived search fields."""

from __future__ import annotations

import enum
import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from cen_core.errors import FieldViolation, InvalidArgument
from cen_core.reference import ReferenceData
from cen_core.text import clean_text


class Status(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    VALIDATED = "validated"
    RETURNED = "returned"


class Form(enum.StrEnum):
    LONG = "long"
    SIMPLIFIED = "simplified"


# Cases of other countries that every reader may see; drafts and returned cases stay with their country.
PUBLISHED = (Status.SUBMITTED, Status.VALIDATED)
EDITABLE = (Status.DRAFT, Status.RETURNED)

EARLIEST_DATE = date(1950, 1, 1)
MAX_COMMODITY_LINES = 20
MAX_OFFENDERS = 50
MAX_TRANSITS = 10
MAX_PICTURES = 50
MAX_NARRATIVE = 10_000
MAX_VALUE = 1e12

_SIMPLIFIED_FIELDS = frozenset(
    {
        "form",
        "seizure_date",
        "country",
        "transport_mode",
        "departure_country",
        "destination_country",
        "commodities",
        "external_id",
    }
)
_SIMPLIFIED_LINE_FIELDS = frozenset({"heading", "commodity_type", "quantity", "unit"})
_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
_FLIGHT = re.compile(r"^[A-Z0-9]{2}[A-Z]?[0-9]{1,4}[A-Z]?$")
_IMO = re.compile(r"^[0-9]{7}$")
_CONTAINER = re.compile(r"^[A-Z]{3}[UJZ][0-9]{7}$")
_PLATE = re.compile(r"^[A-Z0-9][A-Z0-9 -]{0,18}[A-Z0-9]$")
_WAYBILL = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,39}$")
_HS = re.compile(r"^[0-9]{4,10}$")
_EXTERNAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$")
_PICTURE_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


def imo_check_digit(first_six: str) -> int:
    """IMO ship numbers: the sum of the first six digits weighted 7..2, modulo 10."""
    return sum(int(d) * w for d, w in zip(first_six, range(7, 1, -1), strict=True)) % 10


def imo_check_ok(imo: str) -> bool:
    return imo_check_digit(imo[:6]) == int(imo[6])


def container_check_sum(first_ten: str) -> int:
    """ISO 6346: letters map to 10..38 skipping multiples of 11, weights 2**i, modulo 11 (10 stands for 0)."""
    total = 0
    for i, char in enumerate(first_ten):
        if char.isdigit():
            value = int(char)
        else:
            value = ord(char) - ord("A") + 10
            value += (value - 1) // 10  # skip 11, 22, 33
        total += value * 2**i
    return total % 11


def container_check_ok(number: str) -> bool:
    return container_check_sum(number[:10]) % 10 == int(number[10])


@dataclass(frozen=True)
class CommodityFact:
    """One commodity line as the storage indexes it (rollups, quantity filters)."""

    line_no: int
    heading: str
    commodity_type: str
    unit: str
    quantity: float


@dataclass(frozen=True)
class ValidSeizure:
    """A checked and normalised case, with everything storage derives from it."""

    content: dict[str, Any]
    form: Form
    country: str
    region: str
    rilo: str
    seizure_date: date
    transport_mode: str
    detection_method: str | None
    concealment_method: str | None
    departure_country: str | None
    destination_country: str | None
    route_countries: list[str]
    headings: list[str]
    commodity_types: list[str]
    conveyance_ids: list[str]
    lines: list[CommodityFact]
    search_text: str
    content_hash: str
    external_id: str | None

    @property
    def first_line(self) -> CommodityFact:
        return self.lines[0]


@dataclass
class SeizureRecord:
    """A stored case as the domain reads it back."""

    id: uuid.UUID
    reference: str
    status: Status
    country: str
    region: str
    rilo: str
    content: dict[str, Any]
    version: int
    return_reason: str
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    submitted_at: datetime | None
    validated_at: datetime | None
    validated_by: str
    possible_duplicates: list[str] = field(default_factory=list)


class _Checker:
    """Collects every problem of one input so the caller sees them all at once."""

    def __init__(self, ref: ReferenceData, today: date) -> None:
        self.ref = ref
        self.today = today
        self.violations: list[FieldViolation] = []

    def fail(self, path: str, reason: str) -> None:
        self.violations.append(FieldViolation(path, reason))

    def text(self, data: dict[str, Any], key: str, path: str, limit: int, *, multiline: bool = False) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.fail(path, "must be text")
            return ""
        cleaned = clean_text(value, multiline=multiline)
        if len(cleaned) > limit:
            self.fail(path, f"must be at most {limit} characters")
        return cleaned

    def term(
        self, data: dict[str, Any], key: str, path: str, list_name: str, *, required: bool = False
    ) -> str:
        value = self.text(data, key, path, 64).lower()
        if not value:
            if required:
                self.fail(path, "required")
            return ""
        if not self.ref.has_term(list_name, value):
            self.fail(path, f"unknown value {value!r}; see {list_name} in the reference data")
        return value

    def country(self, data: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        return self.country_value(data.get(key, ""), path, required=required)

    def country_value(self, raw: object, path: str, *, required: bool = False) -> str:
        value = clean_text(raw).upper() if isinstance(raw, str) else None
        if value is None:
            self.fail(path, "must be an ISO 3166-1 alpha-2 code")
            return ""
        if not value:
            if required:
                self.fail(path, "required")
            return ""
        if self.ref.country(value) is None:
            self.fail(path, f"unknown country code {value!r} (ISO 3166-1 alpha-2, e.g. NL)")
            return ""
        return value

    def number(self, data: dict[str, Any], key: str, path: str) -> float | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, "must be a number")
            return None
        number = float(value)
        if not math.isfinite(number):
            self.fail(path, "must be a finite number")
            return None
        return number

    def seizure_date(self, data: dict[str, Any]) -> date | None:
        raw = data.get("seizure_date", "")
        if not isinstance(raw, str) or not raw:
            self.fail("seizure_date", "required (YYYY-MM-DD)")
            return None
        try:
            value = date.fromisoformat(raw.strip())
        except ValueError:
            self.fail("seizure_date", "must be a date written YYYY-MM-DD")
            return None
        # A day of slack: a seizure made today in UTC+14 is still "tomorrow" in UTC.
        if value > self.today + timedelta(days=1):
            self.fail("seizure_date", "must not be in the future")
        elif value < EARLIEST_DATE:
            self.fail("seizure_date", f"must be on or after {EARLIEST_DATE.isoformat()}")
        return value


def _clean_conveyance(check: _Checker, data: dict[str, Any]) -> dict[str, str]:
    raw = data.get("conveyance") or {}
    if not isinstance(raw, dict):
        check.fail("conveyance", "must be an object")
        return {}
    rules = {
        "flight_number": (_FLIGHT, "a flight number like KL1234"),
        "vessel_imo": (_IMO, "7 digits"),
        "vehicle_plate": (_PLATE, "letters, digits, spaces and dashes (2-20)"),
        "container_number": (_CONTAINER, "an ISO 6346 container number like CSQU3054383"),
        "waybill_number": (_WAYBILL, "letters, digits and dashes (4-40)"),
    }
    cleaned: dict[str, str] = {}
    for key, (pattern, wanted) in rules.items():
        value = check.text(raw, key, f"conveyance.{key}", 40).upper()
        if key != "vehicle_plate":
            value = value.replace(" ", "")
        if not value:
            continue
        if not pattern.match(value):
            check.fail(f"conveyance.{key}", f"must be {wanted}")
        elif key == "vessel_imo" and not imo_check_ok(value):
            check.fail(f"conveyance.{key}", "the IMO check digit does not match")
        elif key == "container_number" and not container_check_ok(value):
            check.fail(f"conveyance.{key}", "the ISO 6346 check digit does not match")
        cleaned[key] = value
    vessel_name = check.text(raw, "vessel_name", "conveyance.vessel_name", 100)
    if vessel_name:
        cleaned["vessel_name"] = vessel_name
    return cleaned


def _clean_line(check: _Checker, raw: object, path: str, form: Form) -> dict[str, Any]:
    if not isinstance(raw, dict):
        check.fail(path, "must be an object")
        return {}
    if form is Form.SIMPLIFIED:
        for extra in sorted(set(raw) - _SIMPLIFIED_LINE_FIELDS):
            if raw[extra] not in ("", 0, None):
                check.fail(f"{path}.{extra}", "not part of the simplified form; use the long form")
    line: dict[str, Any] = {}
    heading = check.text(raw, "heading", f"{path}.heading", 32).lower()
    ctype = check.text(raw, "commodity_type", f"{path}.commodity_type", 64).lower()
    if not heading:
        check.fail(f"{path}.heading", "required")
    elif check.ref.heading(heading) is None:
        check.fail(f"{path}.heading", f"unknown heading {heading!r}")
    if not ctype:
        check.fail(f"{path}.commodity_type", "required")
    else:
        known = check.ref.commodity_type(ctype)
        if known is None:
            check.fail(f"{path}.commodity_type", f"unknown commodity type {ctype!r}")
        elif heading and known.heading != heading:
            check.fail(
                f"{path}.commodity_type", f"{ctype!r} belongs to heading {known.heading!r}, not {heading!r}"
            )
    line["heading"], line["commodity_type"] = heading, ctype
    unit_code = check.text(raw, "unit", f"{path}.unit", 16).lower()
    unit = check.ref.unit(unit_code) if unit_code else None
    if not unit_code:
        check.fail(f"{path}.unit", "required")
    elif unit is None:
        check.fail(f"{path}.unit", f"unknown unit {unit_code!r}")
    line["unit"] = unit_code
    quantity = check.number(raw, "quantity", f"{path}.quantity")
    if quantity is None:
        if raw.get("quantity") in (None, ""):
            check.fail(f"{path}.quantity", "required")
    elif quantity <= 0:
        check.fail(f"{path}.quantity", "must be greater than zero")
    elif unit is not None and quantity > unit.max_quantity:
        check.fail(f"{path}.quantity", f"implausibly large: at most {unit.max_quantity:g} {unit.code}")
    line["quantity"] = quantity
    if form is Form.SIMPLIFIED:
        return line
    hs_code = check.text(raw, "hs_code", f"{path}.hs_code", 12).replace(".", "")
    if hs_code and not _HS.match(hs_code):
        check.fail(f"{path}.hs_code", "must be 4 to 10 digits of the Harmonized System")
    value = check.number(raw, "estimated_value", f"{path}.estimated_value")
    if value is not None and not 0 <= value <= MAX_VALUE:
        check.fail(f"{path}.estimated_value", f"must be between 0 and {MAX_VALUE:g}")
    currency = check.text(raw, "currency", f"{path}.currency", 3).upper()
    if currency and not check.ref.has_term("currencies", currency):
        check.fail(f"{path}.currency", f"unknown ISO 4217 currency {currency!r}")
    if value and not currency:
        check.fail(f"{path}.currency", "required with an estimated value")
    species = check.text(raw, "cites_species", f"{path}.cites_species", 200)
    appendix = check.text(raw, "cites_appendix", f"{path}.cites_appendix", 3).upper()
    if appendix and not check.ref.has_term("cites_appendices", appendix):
        check.fail(f"{path}.cites_appendix", "must be I, II or III")
    if (species or appendix) and heading != "cites":
        check.fail(f"{path}.cites_species", "only for the cites heading")
    brand = check.text(raw, "ipr_brand", f"{path}.ipr_brand", 100)
    description = check.text(raw, "description", f"{path}.description", 500)
    for key, item in (
        ("hs_code", hs_code),
        ("estimated_value", value),
        ("currency", currency),
        ("cites_species", species),
        ("cites_appendix", appendix),
        ("ipr_brand", brand),
        ("description", description),
    ):
        if item:
            line[key] = item
    return line


def _clean_offender(check: _Checker, raw: object, path: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        check.fail(path, "must be an object")
        return {}
    offender = {
        "nationality": check.country(raw, "nationality", f"{path}.nationality"),
        "gender": check.term(raw, "gender", f"{path}.gender", "genders"),
        "age_band": check.term(raw, "age_band", f"{path}.age_band", "age_bands"),
        "role": check.term(raw, "role", f"{path}.role", "offender_roles"),
    }
    return {k: v for k, v in offender.items() if v}


def _list(check: _Checker, data: dict[str, Any], key: str, limit: int) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        check.fail(key, "must be a list")
        return []
    if len(value) > limit:
        check.fail(key, f"at most {limit} entries")
        return value[:limit]
    return value


def validate_seizure(
    data: dict[str, Any], *, ref: ReferenceData, today: date, default_country: str
) -> ValidSeizure:
    """Check a SeizureInput (proto JSON field names) and derive storage fields; InvalidArgument lists every problem."""
    if not isinstance(data, dict):
        raise InvalidArgument([FieldViolation("seizure", "must be an object")])
    check = _Checker(ref, today)
    form_name = str(data.get("form") or "SEIZURE_FORM_LONG")
    form = Form.SIMPLIFIED if form_name in ("SEIZURE_FORM_SIMPLIFIED", "simplified") else Form.LONG
    if form is Form.SIMPLIFIED:
        for extra in sorted(set(data) - _SIMPLIFIED_FIELDS):
            if data[extra] not in ("", [], {}, None):
                check.fail(extra, "not part of the simplified form; use the long form")

    country = check.country_value(data.get("country") or default_country, "country", required=True)
    member = ref.country(country) if country else None
    if member is not None and not member.wco_member:
        check.fail("country", f"{country} is not a WCO member administration")
    seizure_date = check.seizure_date(data)
    content: dict[str, Any] = {"form": f"SEIZURE_FORM_{form.name}", "country": country}
    if seizure_date:
        content["seizure_date"] = seizure_date.isoformat()
    content["transport_mode"] = check.term(
        data, "transport_mode", "transport_mode", "transport_modes", required=True
    )
    departure = check.country(
        data, "departure_country", "departure_country", required=form is Form.SIMPLIFIED
    )
    destination = check.country(
        data, "destination_country", "destination_country", required=form is Form.SIMPLIFIED
    )
    transits = [
        check.country_value(code, f"transit_countries[{i}]", required=True)
        for i, code in enumerate(_list(check, data, "transit_countries", MAX_TRANSITS))
    ]
    raw_lines = _list(check, data, "commodities", MAX_COMMODITY_LINES)
    if not raw_lines:
        check.fail("commodities", "at least one commodity line is required")
    if form is Form.SIMPLIFIED and len(raw_lines) > 1:
        check.fail("commodities", "the simplified form has exactly one commodity line")
    lines = [_clean_line(check, raw, f"commodities[{i}]", form) for i, raw in enumerate(raw_lines)]

    external_id = check.text(data, "external_id", "external_id", 100)
    if external_id and not _EXTERNAL_ID.match(external_id):
        check.fail("external_id", "letters, digits and . _ : / - only (at most 100)")

    conveyance: dict[str, str] = {}
    if form is Form.LONG:
        content["place_type"] = check.term(data, "place_type", "place_type", "place_types")
        content["place_name"] = check.text(data, "place_name", "place_name", 200)
        locode = check.text(data, "locode", "locode", 6).upper().replace(" ", "")
        if locode and (not _LOCODE.match(locode) or ref.country(locode[:2]) is None):
            check.fail("locode", "must be a UN/LOCODE like NLRTM (country code and 3 characters)")
        content["locode"] = locode
        content["customs_procedure"] = check.term(
            data, "customs_procedure", "customs_procedure", "customs_procedures"
        )
        content["direction"] = check.term(data, "direction", "direction", "directions")
        content["detection_method"] = check.term(
            data, "detection_method", "detection_method", "detection_methods"
        )
        content["concealment_method"] = check.term(
            data, "concealment_method", "concealment_method", "concealment_methods"
        )
        content["concealment_description"] = check.text(
            data, "concealment_description", "concealment_description", 2000, multiline=True
        )
        conveyance = _clean_conveyance(check, data)
        content["conveyance"] = conveyance
        content["offenders"] = [
            _clean_offender(check, raw, f"offenders[{i}]")
            for i, raw in enumerate(_list(check, data, "offenders", MAX_OFFENDERS))
        ]
        content["narrative"] = check.text(data, "narrative", "narrative", MAX_NARRATIVE, multiline=True)
        pictures = [str(p).strip() for p in _list(check, data, "picture_ids", MAX_PICTURES)]
        for i, picture in enumerate(pictures):
            if not _PICTURE_ID.match(picture):
                check.fail(f"picture_ids[{i}]", "must be a CPDb picture id")
        content["picture_ids"] = pictures
    content.update(
        departure_country=departure,
        transit_countries=transits,
        destination_country=destination,
        commodities=lines,
        external_id=external_id,
    )
    if check.violations:
        raise InvalidArgument(check.violations, "the seizure has invalid fields")
    assert seizure_date is not None and member is not None

    content = {k: v for k, v in content.items() if v not in ("", None, [], {})}
    facts = [
        CommodityFact(i, line["heading"], line["commodity_type"], line["unit"], float(line["quantity"]))
        for i, line in enumerate(lines)
    ]
    conveyance_ids = sorted({v for k, v in conveyance.items() if k != "vessel_name"})
    words = [
        content.get("narrative", ""),
        content.get("concealment_description", ""),
        content.get("concealment_method", "").replace("_", " "),
        content.get("place_name", ""),
        conveyance.get("vessel_name", ""),
        " ".join(conveyance_ids),
    ]
    for line in lines:
        commodity = ref.commodity_type(line["commodity_type"])
        words += [
            commodity.name if commodity else "",
            line["commodity_type"].replace("_", " "),
            line.get("cites_species", ""),
            line.get("ipr_brand", ""),
            line.get("description", ""),
        ]
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return ValidSeizure(
        content=content,
        form=form,
        country=country,
        region=member.region,
        rilo=member.rilo,
        seizure_date=seizure_date,
        transport_mode=content["transport_mode"],
        detection_method=content.get("detection_method"),
        concealment_method=content.get("concealment_method"),
        departure_country=departure or None,
        destination_country=destination or None,
        route_countries=sorted({c for c in (departure, *transits, destination) if c}),
        headings=sorted({f.heading for f in facts}),
        commodity_types=sorted({f.commodity_type for f in facts}),
        conveyance_ids=conveyance_ids,
        lines=facts,
        search_text=" ".join(w for w in words if w),
        content_hash=hashlib.sha256(canonical.encode()).hexdigest(),
        external_id=external_id or None,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The top-level fields that differ, as (before, after) objects for the history."""
    keys = sorted(set(before) | set(after))
    changed = [k for k in keys if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after.get(k) for k in changed}
