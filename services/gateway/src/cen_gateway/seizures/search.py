"""The search page (text, facets, ranges, sorting, paging, export links) and the watch lists built from it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import grpc
from cen.seizures.v1 import seizures_pb2
from cen_core.errors import InvalidArgument
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from google.protobuf.descriptor import FieldDescriptor
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway.seizures.web import (
    STATUS_LABELS,
    Pager,
    Reference,
    ServiceError,
    blueprint,
    call,
    caller,
    form_path,
    friendly_message,
    html_response,
    is_htmx,
    page_request,
    query_string,
    reference,
    without,
)
from cen_gateway.transcoder import message_from_query

PAGING_KEYS = ("page", "back")
STATUS_NAMES = frozenset(seizures_pb2.SeizureStatus.DESCRIPTOR.values_by_name)
FILTER_DESC = seizures_pb2.SeizureFilter.DESCRIPTOR
FACETS: tuple[tuple[str, Any], ...] = (
    ("headings", _l("Headings")),
    ("commodity_types", _l("Commodity types")),
    ("countries", _l("Reporting countries")),
    ("regions", _l("Regions")),
    ("transport_modes", _l("Transport modes")),
    ("detection_methods", _l("Detection methods")),
    ("statuses", _l("Statuses")),
    ("years", _l("Years")),
)
FILTER_LABELS: dict[str, Any] = {
    **dict(FACETS),
    "text": _l("Text"),
    "rilos": _l("RILOs"),
    "date_from": _l("From"),
    "date_to": _l("To"),
    "route_countries": _l("Route countries"),
    "quantity_min": _l("Quantity at least"),
    "quantity_max": _l("Quantity at most"),
    "quantity_unit": _l("Unit"),
    "concealment_methods": _l("Concealment methods"),
    "departure_country": _l("Departure"),
    "destination_country": _l("Destination"),
}
# Filter fields whose values are codes of a reference list (the list has the same name unless given).
REFERENCE_KINDS = {
    "route_countries": "countries",
    "departure_country": "countries",
    "destination_country": "countries",
    "quantity_unit": "units",
}
SORTS = (
    ("SEARCH_SORT_RELEVANCE", _l("Best match")),
    ("SEARCH_SORT_DATE_DESC", _l("Newest seizure first")),
    ("SEARCH_SORT_DATE_ASC", _l("Oldest seizure first")),
    ("SEARCH_SORT_QUANTITY_DESC", _l("Largest quantity first")),
    ("SEARCH_SORT_UPDATED_DESC", _l("Recently changed first")),
)
EXPORT_FORMATS = (("csv", "CSV"), ("xlsx", "XLSX"), ("jsonl", "JSONL"))
EXPORT_PATH = "/api/v1/seizures/export"


@dataclass(frozen=True)
class FacetItem:
    value: str
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class Chip:
    """An active filter value with the link that removes it."""

    field: str
    label: str
    value: str
    url: str


def status_value(value: str) -> str:
    """A facet's status as the filter takes it (the enum's name), whatever spelling the facet used."""
    text = value.strip().upper()
    if text.isdigit() and int(text) in STATUS_LABELS:
        return str(seizures_pb2.SeizureStatus.Name(int(text)))
    if not text.startswith("SEIZURE_STATUS_"):
        text = "SEIZURE_STATUS_" + text
    return text if text in STATUS_NAMES else value


def value_label(ref: Reference, field: str, value: str) -> str:
    if field == "statuses":
        name = status_value(value)
        if name in STATUS_NAMES:
            return str(STATUS_LABELS.get(seizures_pb2.SeizureStatus.Value(name), value))
        return value
    kind = REFERENCE_KINDS.get(field, field)
    return ref.label(kind, value) if kind in ref.names else value


def filter_pairs(message: Any, prefix: str = "filter.") -> Iterator[tuple[str, str]]:
    """A filter message as dotted query parameters, the form the search page and the export route read."""
    for fd, value in message.ListFields():
        values = list(value) if fd.is_repeated else [value]
        for item in values:
            if fd.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
                text = fd.enum_type.values_by_number[item].name
            elif fd.cpp_type == FieldDescriptor.CPPTYPE_DOUBLE:
                text = f"{item:.15g}"
            else:
                text = str(item)
            yield prefix + fd.name, text


def describe_filter(message: Any, ref: Reference) -> list[tuple[Any, str]]:
    """(label, values) for each criterion set in a filter, for people."""
    described = []
    for fd, value in message.ListFields():
        values = list(value) if fd.is_repeated else [value]
        if fd.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
            shown = [value_label(ref, fd.name, fd.enum_type.values_by_number[v].name) for v in values]
        elif fd.cpp_type == FieldDescriptor.CPPTYPE_DOUBLE:
            shown = [f"{v:.15g}" for v in values]
        else:
            shown = [value_label(ref, fd.name, str(v)) for v in values]
        described.append((FILTER_LABELS.get(fd.name, fd.name), ", ".join(shown)))
    return described


def snippet_html(snippet: str) -> Markup:
    """The service's snippet with only its <b> highlights kept as markup; everything else is escaped."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace("&lt;b&gt;", "<b>").replace("&lt;/b&gt;", "</b>"))  # noqa: S704 (escaped above)


def _toggle(query: MultiDict[str, str], key: str, value: str) -> tuple[str, bool]:
    pairs = list(query.items(multi=True))
    active = (key, value) in pairs
    pairs = [p for p in pairs if p != (key, value)] if active else [*pairs, (key, value)]
    return request.path + query_string(pairs), active


def _year_toggle(query: MultiDict[str, str], year: str) -> tuple[str, bool]:
    start, end = f"{year}-01-01", f"{year}-12-31"
    active = query.get("filter.date_from") == start and query.get("filter.date_to") == end
    pairs = [(k, v) for k, v in query.items(multi=True) if k not in ("filter.date_from", "filter.date_to")]
    if not active:
        pairs += [("filter.date_from", start), ("filter.date_to", end)]
    return request.path + query_string(pairs), active


def facet_groups(
    result: Any, query: MultiDict[str, str], ref: Reference
) -> list[tuple[str, Any, list[FacetItem]]]:
    by_field = {facet.field: facet for facet in result.facets} if result is not None else {}
    groups = []
    for field, title in FACETS:
        facet = by_field.get(field)
        if facet is None or not facet.counts:
            continue
        items = []
        for count in facet.counts:
            if field == "years":
                url, active = _year_toggle(query, count.value)
                label = count.value
            else:
                value = status_value(count.value) if field == "statuses" else count.value
                url, active = _toggle(query, f"filter.{field}", value)
                label = value_label(ref, field, count.value)
            items.append(FacetItem(count.value, label, int(count.count), url, active))
        groups.append((field, title, items))
    return groups


def _is_repeated_filter(key: str) -> bool:
    fd = FILTER_DESC.fields_by_name.get(key.removeprefix("filter."))
    return key.startswith("filter.") and fd is not None and bool(fd.is_repeated)


def chips(query: MultiDict[str, str], ref: Reference) -> list[Chip]:
    """The repeated (facet-like) filters in force, each removable; ranges and text stay in the form."""
    found = []
    for key, value in query.items(multi=True):
        if not _is_repeated_filter(key):
            continue
        field = key.removeprefix("filter.")
        url, _active = _toggle(query, key, value)
        found.append(Chip(field, str(FILTER_LABELS.get(field, field)), value_label(ref, field, value), url))
    return found


def export_links(query: MultiDict[str, str]) -> list[tuple[str, str]]:
    pairs = [(k, v) for k, v in query.items(multi=True) if k.startswith("filter.") or k == "sort"]
    return [(label, EXPORT_PATH + query_string([("format", fmt), *pairs])) for fmt, label in EXPORT_FORMATS]


@blueprint.get("/")
def search() -> Any:
    who = caller()
    ref = reference()
    query = without(request.args, *PAGING_KEYS)
    errors: dict[str, str] = {}
    result = None
    try:
        message = message_from_query(seizures_pb2.SearchSeizuresRequest, query)
    except InvalidArgument as exc:
        errors = {form_path(v.field): v.description for v in exc.violations}
    else:
        message.page.CopyFrom(page_request())
        try:
            result = call("SearchSeizures", message)
        except ServiceError as exc:
            if exc.code != grpc.StatusCode.INVALID_ARGUMENT:
                raise
            errors = exc.field_errors or {"": exc.remote.message}
    base = list(query.items(multi=True))
    pager = None
    if result is not None:
        pager = Pager.from_request(request.path, base, result.page.next_page_token, result.page.total_size)
    # The facet filters in force travel with the form as hidden fields; the form edits text and ranges.
    hidden = [(chip_key, value) for chip_key, value in base if _is_repeated_filter(chip_key)]
    return html_response(
        "seizures/search.html",
        status=400 if errors else 200,
        who=who,
        ref=ref,
        query=query,
        result=result,
        errors=errors,
        facets=facet_groups(result, query, ref),
        chips=chips(query, ref),
        hidden=hidden,
        pager=pager,
        sorts=SORTS,
        exports=export_links(query),
        criteria=query_string((k, v) for k, v in base if k.startswith("filter.")).removeprefix("?"),
        snippet_html=snippet_html,
        value_label=lambda field, value: value_label(ref, field, value),
    )


# ---- watch lists ------------------------------------------------------------------------------------------


def _identifiers(text: str) -> list[str]:
    return [
        part.strip().upper() for part in text.replace(";", ",").replace("\n", ",").split(",") if part.strip()
    ]


@blueprint.post("/watch-lists")
def create_watch_list() -> Any:
    caller()
    name = request.form.get("name", "").strip()
    errors: dict[str, str] = {}
    criteria_query = MultiDict(
        [
            (k, v)
            for k, v in parse_qsl(request.form.get("criteria", ""), keep_blank_values=False)
            if k.startswith("filter.")
        ]
    )
    watch: dict[str, Any] = {}
    try:
        search_message = message_from_query(seizures_pb2.SearchSeizuresRequest, criteria_query)
    except InvalidArgument as exc:
        errors = {form_path(v.field): v.description for v in exc.violations}
    else:
        criteria = seizures_pb2.WatchCriteria(filter=search_message.filter)
        for field in ("container_numbers", "vessel_imos", "flight_numbers", "vehicle_plates"):
            getattr(criteria, field).extend(_identifiers(request.form.get(field, "")))
        try:
            watch["list"] = call(
                "CreateWatchList", seizures_pb2.CreateWatchListRequest(name=name, criteria=criteria)
            )
        except ServiceError as exc:
            if exc.code != grpc.StatusCode.INVALID_ARGUMENT:
                if not is_htmx():
                    raise
                errors = {"": str(friendly_message(exc))}
            else:
                errors = exc.field_errors or {"": exc.remote.message}
    if not is_htmx():
        if errors:
            flash(
                _(
                    "The watch list was not saved: %(errors)s",
                    errors="; ".join(f"{k} {v}".strip() for k, v in errors.items()),
                ),
                "error",
            )
        else:
            flash(_("You are now watching this search as “%(name)s”.", name=name), "success")
        return redirect(url_for("seizures.watch_lists"), code=303)
    return html_response("seizures/_watch_result.html", errors=errors, created=watch.get("list"), name=name)


@blueprint.get("/watch-lists")
def watch_lists() -> Any:
    who = caller()
    ref = reference()
    lists = call("ListWatchLists", seizures_pb2.ListWatchListsRequest(page=page_request("l", 100)))
    selected = request.args.get("watch_list", "")
    hits = call(
        "ListWatchListHits",
        seizures_pb2.ListWatchListHitsRequest(watch_list_id=selected, page=page_request()),
    )
    base = [("watch_list", selected)] if selected else []
    pager = Pager.from_request(request.path, base, hits.page.next_page_token, hits.page.total_size)
    more_lists = Pager.from_request(
        request.path, base, lists.page.next_page_token, lists.page.total_size, "l"
    )
    return html_response(
        "seizures/watch_lists.html",
        who=who,
        ref=ref,
        lists=lists.watch_lists,
        hits=hits.hits,
        pager=pager,
        more_lists=more_lists,
        selected=selected,
        describe=lambda criteria: describe_criteria(criteria, ref),
        search_url=lambda criteria: url_for("seizures.search") + query_string(filter_pairs(criteria.filter)),
    )


def describe_criteria(criteria: Any, ref: Reference) -> list[tuple[Any, str]]:
    described = describe_filter(criteria.filter, ref)
    labels = {
        "container_numbers": _l("Containers"),
        "vessel_imos": _l("Vessels (IMO)"),
        "flight_numbers": _l("Flights"),
        "vehicle_plates": _l("Vehicles"),
    }
    for field, label in labels.items():
        values: Iterable[str] = getattr(criteria, field)
        if values:
            described.append((label, ", ".join(values)))
    return described


@blueprint.post("/watch-lists/<watch_list_id>/delete")
def delete_watch_list(watch_list_id: str) -> ResponseBase:
    caller()
    try:
        call("DeleteWatchList", seizures_pb2.DeleteWatchListRequest(id=watch_list_id))
    except ServiceError as exc:
        if exc.code == grpc.StatusCode.UNAUTHENTICATED:
            raise
        flash(str(friendly_message(exc)), "error")
    else:
        flash(_("The watch list was deleted."), "success")
    return redirect(url_for("seizures.watch_lists"), code=303)
