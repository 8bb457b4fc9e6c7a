"""The case entry forms' data: browser fields <-> SeizureInput, with inputs named by the service's field paths.

Inputs are named as the service names fields in its errors (`seizure_date`, `conveyance.vessel_imo`,
`commodities[0].quantity`), so a BadRequest field violation lands next to the input it is about.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from cen.seizures.v1 import seizures_pb2
from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from werkzeug.datastructures import MultiDict

SIMPLIFIED = "simplified"
LONG = "long"
KINDS = {SIMPLIFIED: "SEIZURE_FORM_SIMPLIFIED", LONG: "SEIZURE_FORM_LONG"}
MAX_ROWS = 50
_ROW = re.compile(r"^(commodities|offenders)\[(\d{1,3})\]\.([a-z_]+)$")


def _scalars(desc: Descriptor) -> tuple[str, ...]:
    return tuple(f.name for f in desc.fields if not f.is_repeated and f.type == FieldDescriptor.TYPE_STRING)


def _numbers(desc: Descriptor) -> frozenset[str]:
    return frozenset(f.name for f in desc.fields if f.cpp_type == FieldDescriptor.CPPTYPE_DOUBLE)


# The proto stays the one definition of the fields.
INPUT_FIELDS = _scalars(seizures_pb2.SeizureInput.DESCRIPTOR)
CONVEYANCE_FIELDS = _scalars(seizures_pb2.Conveyance.DESCRIPTOR)
COMMODITY_FIELDS = tuple(f.name for f in seizures_pb2.CommodityLine.DESCRIPTOR.fields)
COMMODITY_NUMBERS = _numbers(seizures_pb2.CommodityLine.DESCRIPTOR)
OFFENDER_FIELDS = _scalars(seizures_pb2.Offender.DESCRIPTOR)
# What the simplified form asks (proto: date, country, heading, commodity, quantity, unit, transport
# mode, departure and destination).
SIMPLIFIED_FIELDS = ("seizure_date", "country", "transport_mode", "departure_country", "destination_country")
SIMPLIFIED_COMMODITY = ("heading", "commodity_type", "quantity", "unit")


def _number_text(value: float) -> str:
    return "" if not value else f"{value:.15g}"


@dataclass
class CaseForm:
    """One entry form's values as typed, the errors per input name, and the general errors."""

    kind: str = SIMPLIFIED
    values: dict[str, str] = field(default_factory=dict)
    transit_countries: list[str] = field(default_factory=list)
    commodities: list[dict[str, str]] = field(default_factory=lambda: [{}])
    offenders: list[dict[str, str]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def simplified(self) -> bool:
        return self.kind == SIMPLIFIED

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def error(self, name: str) -> str:
        return self.errors.get(name, "")

    def input_names(self) -> set[str]:
        """The names of the inputs the form shows, to tell which errors have no input to sit next to."""
        if self.simplified:
            names = set(SIMPLIFIED_FIELDS)
            names.update(f"commodities[0].{f}" for f in SIMPLIFIED_COMMODITY)
            names.add("commodities")
            return names
        names = set(INPUT_FIELDS) | {"transit_countries", "picture_ids", "commodities", "offenders"}
        names.update(f"conveyance.{f}" for f in CONVEYANCE_FIELDS)
        names.update(f"commodities[{i}].{f}" for i in range(len(self.commodities)) for f in COMMODITY_FIELDS)
        names.update(f"offenders[{i}].{f}" for i in range(len(self.offenders)) for f in OFFENDER_FIELDS)
        return names

    def unplaced_errors(self) -> list[tuple[str, str]]:
        """Errors about fields the form has no input for (shown in the summary at the top)."""
        shown = self.input_names()
        unplaced = []
        for name, message in self.errors.items():
            base = re.sub(r"\[\d+\]$", "", name)  # transit_countries[1] sits with transit_countries
            if name not in shown and base not in shown:
                unplaced.append((name, message))
        return unplaced

    def list_error(self, name: str) -> str:
        """The first error of a list input or one of its items (transit_countries, picture_ids[2], …)."""
        if name in self.errors:
            return self.errors[name]
        prefix = name + "["
        return next((m for k, m in self.errors.items() if k.startswith(prefix)), "")

    # ---- to the service -----------------------------------------------------------------------------------

    def to_input(self, *, with_country: bool) -> Any:
        """The SeizureInput message; numbers that do not parse become errors (and the message is not sent)."""
        data: dict[str, Any] = {"form": KINDS[self.kind]}
        allowed = SIMPLIFIED_FIELDS if self.simplified else INPUT_FIELDS
        for name in allowed:
            if name == "country" and not with_country:
                continue
            if self.values.get(name):
                data[name] = self.values[name]
        if not self.simplified:
            conveyance = {
                f: self.values[f"conveyance.{f}"]
                for f in CONVEYANCE_FIELDS
                if self.values.get(f"conveyance.{f}")
            }
            if conveyance:
                data["conveyance"] = conveyance
            if self.transit_countries:
                data["transit_countries"] = list(self.transit_countries)
            pictures = [p for p in re.split(r"[\s,;]+", self.values.get("picture_ids", "")) if p]
            if pictures:
                data["picture_ids"] = pictures
        commodity_fields = SIMPLIFIED_COMMODITY if self.simplified else COMMODITY_FIELDS
        lines = []
        for index, row in enumerate(self.commodities):
            line: dict[str, Any] = {}
            for name in commodity_fields:
                text = row.get(name, "").strip()
                if not text:
                    continue
                if name in COMMODITY_NUMBERS:
                    number = _parse_number(text)
                    if number is None:
                        self.errors[f"commodities[{index}].{name}"] = "must be a number"
                        continue
                    line[name] = number
                else:
                    line[name] = text
            lines.append(line)
        if lines:
            data["commodities"] = lines
        if not self.simplified:
            offenders = [{f: row[f] for f in OFFENDER_FIELDS if row.get(f)} for row in self.offenders]
            if offenders:
                data["offenders"] = offenders
        message = seizures_pb2.SeizureInput()
        json_format.ParseDict(data, message)
        return message


def _parse_number(text: str) -> float | None:
    try:
        number = float(text.replace(" ", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _rows(found: dict[int, dict[str, str]], limit: int) -> list[dict[str, str]]:
    """Rows in index order, blank ones dropped and the rest renumbered (errors then match what is shown)."""
    rows = [found[i] for i in sorted(found) if any(v.strip() for v in found[i].values())]
    return rows[:limit]


def parse_form(form: MultiDict[str, str], kind: str) -> CaseForm:
    """The browser's fields as a CaseForm, nothing dropped that the user typed (for re-display)."""
    state = CaseForm(kind=kind if kind in KINDS else SIMPLIFIED)
    for name in INPUT_FIELDS:
        state.values[name] = form.get(name, "").strip()
    for name in CONVEYANCE_FIELDS:
        state.values[f"conveyance.{name}"] = form.get(f"conveyance.{name}", "").strip()
    state.values["picture_ids"] = form.get("picture_ids", "").strip()
    state.transit_countries = [c for c in form.getlist("transit_countries") if c.strip()]
    rows: dict[str, dict[int, dict[str, str]]] = {"commodities": {}, "offenders": {}}
    for key, value in form.items(multi=True):
        match = _ROW.match(key)
        if match:
            group, index, name = match.group(1), int(match.group(2)), match.group(3)
            allowed = COMMODITY_FIELDS if group == "commodities" else OFFENDER_FIELDS
            if name in allowed:
                rows[group].setdefault(index, {})[name] = value.strip()
    state.commodities = _rows(rows["commodities"], 1 if state.simplified else MAX_ROWS) or [{}]
    state.offenders = [] if state.simplified else _rows(rows["offenders"], MAX_ROWS)
    return state


def form_from_input(content: Any) -> CaseForm:
    """A CaseForm showing a stored case (to edit it); the long form when the case has more than the short one."""
    kind = SIMPLIFIED if content.form == seizures_pb2.SEIZURE_FORM_SIMPLIFIED else LONG
    state = CaseForm(kind=kind)
    for name in INPUT_FIELDS:
        state.values[name] = getattr(content, name)
    for name in CONVEYANCE_FIELDS:
        state.values[f"conveyance.{name}"] = getattr(content.conveyance, name)
    state.values["picture_ids"] = ", ".join(content.picture_ids)
    state.transit_countries = list(content.transit_countries)
    state.commodities = [
        {
            name: _number_text(getattr(line, name)) if name in COMMODITY_NUMBERS else getattr(line, name)
            for name in COMMODITY_FIELDS
        }
        for line in content.commodities
    ] or [{}]
    state.offenders = [{name: getattr(o, name) for name in OFFENDER_FIELDS} for o in content.offenders]
    if state.simplified and _beyond_simplified(state):
        state.kind = LONG
    return state


def _beyond_simplified(state: CaseForm) -> bool:
    extra_values = any(v for k, v in state.values.items() if k not in SIMPLIFIED_FIELDS and v)
    extra_lines = len(state.commodities) > 1 or any(
        v for k, v in state.commodities[0].items() if k not in SIMPLIFIED_COMMODITY and v
    )
    return bool(extra_values or extra_lines or state.offenders or state.transit_countries)
