"""The analysis dashboard: trends, top routes, concealment by transport mode, risk indicators, world map."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import grpc
from cen.seizures.v1 import seizures_pb2
from flask import request
from flask_babel import lazy_gettext as _l

from cen_gateway.seizures.web import (
    Reference,
    ServiceError,
    blueprint,
    call,
    caller,
    friendly_message,
    html_response,
    reference,
)

T = TypeVar("T")
GRAINS = (
    ("GRAIN_MONTH", _l("Month")),
    ("GRAIN_WEEK", _l("Week")),
    ("GRAIN_DAY", _l("Day")),
    ("GRAIN_YEAR", _l("Year")),
)
GROUPS = (
    ("", _l("All cases together")),
    ("GROUP_BY_HEADING", _l("Heading")),
    ("GROUP_BY_COMMODITY_TYPE", _l("Commodity type")),
    ("GROUP_BY_COUNTRY", _l("Country")),
    ("GROUP_BY_REGION", _l("Region")),
    ("GROUP_BY_TRANSPORT_MODE", _l("Transport mode")),
)
# The reference list that names a trend group's keys.
GROUP_KINDS = {
    "GROUP_BY_HEADING": "headings",
    "GROUP_BY_COMMODITY_TYPE": "commodity_types",
    "GROUP_BY_COUNTRY": "countries",
    "GROUP_BY_REGION": "regions",
    "GROUP_BY_TRANSPORT_MODE": "transport_modes",
}
TREND_GROUPS = 8
TOP_ROUTES = 15


def route_label(ref: Reference, departure: str, destination: str) -> str:
    return f"{ref.label('countries', departure)} → {ref.label('countries', destination)}"


def trends_data(reply: Any, group: str, ref: Reference) -> dict[str, Any]:
    """Chart.js line data: one series per group key, every period on the x axis (0 where a key had none)."""
    periods = sorted({p.period for p in reply.points})
    keys = list(reply.keys) or sorted({p.key for p in reply.points})
    counts = {(p.key, p.period): int(p.cases) for p in reply.points}
    kind = GROUP_KINDS.get(group, "")
    series = [
        {
            "key": key,
            "label": ref.label(kind, key) if kind and key else str(_l("Cases")),
            "data": [counts.get((key, period), 0) for period in periods],
        }
        for key in keys
    ]
    return {"periods": periods, "series": series}


def concealment_data(reply: Any, ref: Reference) -> dict[str, Any]:
    """Stacked bars: transport modes on the axis, one stack segment per concealment method."""
    modes = sorted({c.transport_mode for c in reply.counts})
    methods = sorted({c.concealment_method for c in reply.counts})
    counts = {(c.transport_mode, c.concealment_method): int(c.cases) for c in reply.counts}
    return {
        "modes": [ref.label("transport_modes", m) for m in modes],
        "methods": [
            {
                "label": ref.label("concealment_methods", method) if method else str(_l("Not stated")),
                "data": [counts.get((mode, method), 0) for mode in modes],
            }
            for method in methods
        ],
    }


def indicator_label(ref: Reference, indicator: Any) -> str:
    if indicator.kind == seizures_pb2.INDICATOR_KIND_ROUTE and ">" in indicator.key:
        departure, _, destination = indicator.key.partition(">")
        return route_label(ref, departure, destination)
    return ref.label("commodity_types", indicator.key)


@blueprint.get("/analysis")
def analysis() -> Any:
    who = caller()
    ref = reference()
    grains = dict(GRAINS)
    groups = dict(GROUPS)
    grain = request.args.get("grain", "GRAIN_MONTH")
    grain = grain if grain in grains else "GRAIN_MONTH"
    group = request.args.get("group_by", "")
    group = group if group in groups else ""
    date_from = request.args.get("date_from", "").strip()
    date_to = request.args.get("date_to", "").strip()
    heading = request.args.get("heading", "").strip()
    scope = seizures_pb2.AnalysisScope(date_from=date_from, date_to=date_to)
    problems: dict[str, str] = {}

    def panel(name: str, fetch: Callable[[], T]) -> T | None:
        """One panel's data; a panel that fails says so without taking the dashboard down."""
        try:
            return fetch()
        except ServiceError as exc:
            if exc.code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
                raise
            if exc.code == grpc.StatusCode.INVALID_ARGUMENT and exc.field_errors:
                problems[name] = "; ".join(f"{k}: {v}" for k, v in exc.field_errors.items())
            else:
                problems[name] = str(friendly_message(exc))
            return None

    trends = panel(
        "trends",
        lambda: call(
            "GetTrends",
            seizures_pb2.GetTrendsRequest(
                grain=seizures_pb2.Grain.Value(grain),
                group_by=seizures_pb2.GroupBy.Value(group or "GROUP_BY_UNSPECIFIED"),
                scope=scope,
                top=TREND_GROUPS,
            ),
        ),
    )
    routes = panel(
        "routes",
        lambda: call(
            "GetTopRoutes", seizures_pb2.GetTopRoutesRequest(scope=scope, heading=heading, top=TOP_ROUTES)
        ),
    )
    concealment = panel(
        "concealment",
        lambda: call(
            "GetConcealmentByTransportMode", seizures_pb2.GetConcealmentByTransportModeRequest(scope=scope)
        ),
    )
    risks = panel("risks", lambda: call("GetRiskIndicators", seizures_pb2.GetRiskIndicatorsRequest()))
    countries = panel(
        "map",
        lambda: call("GetCountryCounts", seizures_pb2.GetCountryCountsRequest(scope=scope, heading=heading)),
    )
    country_counts = [
        {"code": c.country, "name": ref.label("countries", c.country), "cases": int(c.cases)}
        for c in (countries.counts if countries is not None else [])
    ]
    data: dict[str, Any] = {
        "trends": trends_data(trends, group, ref) if trends is not None else None,
        "routes": [
            {"label": route_label(ref, r.departure_country, r.destination_country), "cases": int(r.cases)}
            for r in (routes.routes if routes is not None else [])
        ],
        "concealment": concealment_data(concealment, ref) if concealment is not None else None,
        "countries": country_counts,
        "labels": {"cases": str(_l("Cases")), "noData": str(_l("No cases in this period."))},
    }
    return html_response(
        "seizures/analysis.html",
        who=who,
        ref=ref,
        data=data,
        problems=problems,
        grains=GRAINS,
        groups=GROUPS,
        selected={
            "grain": grain,
            "group_by": group,
            "date_from": date_from,
            "date_to": date_to,
            "heading": heading,
        },
        risks=risks,
        routes=routes.routes if routes is not None else [],
        countries=sorted(country_counts, key=lambda c: -int(c["cases"])),
        indicator_label=lambda indicator: indicator_label(ref, indicator),
        route_label=lambda r: route_label(ref, r.departure_country, r.destination_country),
    )
