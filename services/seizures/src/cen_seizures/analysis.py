"""Analysis over the rollups: trends, top routes, concealment by mode, profiles, risk indicators, map counts."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cen_core.db import session_scope
from cen_core.errors import FieldViolation, InvalidArgument
from cen_core.reference import ReferenceData
from sqlalchemy.orm import Session, sessionmaker

from cen_seizures.repository import SeizureRepository

GRAINS = {"day": "d", "week": "w", "month": "m", "year": "y"}
GROUPS = {
    "": "all",
    "heading": "heading",
    "commodity_type": "commodity_type",
    "country": "country",
    "region": "region",
    "transport_mode": "transport_mode",
}
# Default and longest date range per grain, so that a request never reads an unbounded number of rows.
DEFAULT_SPAN = {"d": timedelta(days=90), "w": timedelta(days=730), "m": timedelta(days=366 * 5), "y": None}
MAX_SPAN = {"d": timedelta(days=731), "w": timedelta(days=3660), "m": None, "y": None}


@dataclass
class TrendPoint:
    period: date
    key: str
    cases: int = 0
    quantities: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    date_from: date | None
    date_to: date | None
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    kind: str
    key: str
    period: date
    cases: int
    mean: float
    stddev: float
    months: int
    score: float
    ratio: float


# Period arithmetic (next year, month edges) must stay inside what dates can hold.
EARLIEST, LATEST = date(1950, 1, 1), date(2100, 12, 31)


def _date(value: str, path: str) -> date | None:
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InvalidArgument([FieldViolation(path, "must be a date written YYYY-MM-DD")]) from None
    if not EARLIEST <= parsed <= LATEST:
        raise InvalidArgument([FieldViolation(path, f"must be between {EARLIEST} and {LATEST}")])
    return parsed


def parse_scope(data: dict[str, Any] | None, prefix: str = "scope.") -> Scope:
    data = data or {}
    start = _date(str(data.get("date_from") or ""), f"{prefix}date_from")
    end = _date(str(data.get("date_to") or ""), f"{prefix}date_to")
    if start and end and start > end:
        raise InvalidArgument([FieldViolation(f"{prefix}date_to", "must be on or after date_from")])
    keys = tuple(str(k).strip() for k in data.get("keys") or [] if str(k).strip())
    if len(keys) > 50:
        raise InvalidArgument([FieldViolation(f"{prefix}keys", "at most 50 values")])
    return Scope(start, end, keys)


def period_start(value: date, grain: str) -> date:
    if grain == "w":
        return value - timedelta(days=value.weekday())
    if grain == "m":
        return value.replace(day=1)
    if grain == "y":
        return value.replace(month=1, day=1)
    return value


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_segments(start: date | None, end: date | None) -> list[tuple[str, date | None, date | None]]:
    """Cover the months touching [start, end] with whole years (grain y) plus the months at either edge (grain m)."""
    if start is None and end is None:
        return [("y", None, None)]
    first = start.replace(day=1) if start else None
    last = end.replace(day=1) if end else None
    year_from = None if first is None else first.year + (first.month != 1)
    year_to = None if last is None else last.year - (last.month != 12)
    if year_from is not None and year_to is not None and year_from > year_to:
        return [("m", first, last)]
    segments: list[tuple[str, date | None, date | None]] = [
        ("y", date(year_from, 1, 1) if year_from else None, date(year_to, 1, 1) if year_to else None)
    ]
    if first and first.month != 1:
        segments.append(("m", first, date(first.year, 12, 1)))
    if last and last.month != 12:
        segments.append(("m", date(last.year, 1, 1), last))
    return segments


class AnalysisService:
    """Every answer reads rollup rows only (kept current by the writes), never the cases table."""

    def __init__(
        self, sessions: sessionmaker[Session], ref: ReferenceData, repo: SeizureRepository | None = None
    ) -> None:
        self.sessions = sessions
        self.ref = ref
        self.repo = repo or SeizureRepository()

    def _totals(self, session: Session, dim: str, scope: Scope, **kw: Any) -> list[tuple[str, int]]:
        """Cases per key over the scope's months, largest first, summed in SQL."""
        return self.repo.rollup_totals(
            session, dim=dim, segments=month_segments(scope.date_from, scope.date_to), **kw
        )

    def trends(
        self, grain_name: str, group: str, scope: Scope, top: int
    ) -> tuple[list[TrendPoint], list[str]]:
        grain = GRAINS.get(grain_name or "month")
        dim = GROUPS.get(group)
        if grain is None or dim is None:
            raise InvalidArgument([FieldViolation("grain", "unknown grain or group")])
        if top < 0 or top > 50:
            raise InvalidArgument([FieldViolation("top", "must be between 1 and 50")])
        top = top or 10
        end = scope.date_to or datetime.now(UTC).date()
        start = scope.date_from
        if start is None and DEFAULT_SPAN[grain] is not None:
            start = end - DEFAULT_SPAN[grain]  # type: ignore[operator]
        limit = MAX_SPAN[grain]
        if start and limit is not None and end - start > limit:
            raise InvalidArgument(
                [
                    FieldViolation(
                        "scope.date_from", f"at most {limit.days} days at this grain; choose a coarser grain"
                    )
                ]
            )
        start = period_start(start, grain) if start else None
        with session_scope(self.sessions) as session:
            keys = list(scope.keys) or [
                key
                for key, _ in self.repo.rollup_totals(
                    session, dim=dim, segments=[(grain, start, end)], limit=top
                )
            ]
            rows = (
                self.repo.rollup(
                    session,
                    dim=dim,
                    grain=grain,
                    date_from=start,
                    date_to=end,
                    keys=keys,
                    cases_only=dim not in ("all", "heading", "commodity_type"),
                )
                if keys
                else []
            )
        wanted = set(keys)
        points: dict[tuple[date, str], TrendPoint] = {}
        for row in rows:
            if row.key not in wanted:
                continue
            point = points.setdefault(
                (row.period, row.key), TrendPoint(row.period, "" if dim == "all" else row.key)
            )
            if row.unit == "":
                point.cases += int(row.cases)
            else:
                point.quantities[row.unit] = point.quantities.get(row.unit, 0.0) + float(row.quantity)
        ordered = sorted(points.values(), key=lambda p: (p.period, keys.index(p.key) if p.key in keys else 0))
        return ordered, ([] if dim == "all" else keys)

    def top_routes(self, scope: Scope, heading: str, top: int) -> list[tuple[str, str, int]]:
        if heading and self.ref.heading(heading) is None:
            raise InvalidArgument([FieldViolation("heading", f"unknown heading {heading!r}")])
        if top < 0 or top > 100:
            raise InvalidArgument([FieldViolation("top", "must be between 1 and 100")])
        with session_scope(self.sessions) as session:
            if heading:
                best = self._totals(session, "route_heading", scope, key_like=f"{heading}|%", limit=top or 20)
            else:
                best = self._totals(session, "route", scope, limit=top or 20)
        out = []
        for key, cases in best:
            dep, _, dst = key.rpartition("|")[2].partition(">")
            out.append((dep, dst, cases))
        return out

    def concealment(self, scope: Scope) -> list[tuple[str, str, int]]:
        with session_scope(self.sessions) as session:
            totals = self._totals(session, "mode_concealment", scope)
        rows = [(*key.split("|", 1), cases) for key, cases in totals]
        return sorted(rows, key=lambda r: (r[0], -r[2], r[1]))  # type: ignore[return-value]

    def profile(self, country: str, region: str, scope: Scope) -> dict[str, Any]:
        country, region = country.strip().upper(), region.strip().upper()
        if bool(country) == bool(region):
            raise InvalidArgument([FieldViolation("country", "give exactly one of country or region")])
        if country and self.ref.country(country) is None:
            raise InvalidArgument([FieldViolation("country", f"unknown country code {country!r}")])
        if region and self.ref.region(region) is None:
            raise InvalidArgument([FieldViolation("region", f"unknown region {region!r}")])
        who, prefix = (country, "country") if country else (region, "region")
        members = {country} if country else set(self.ref.countries_of_region(region))
        with session_scope(self.sessions) as session:
            headings = self._totals(session, f"{prefix}_heading", scope, key_like=f"{who}|%")
            modes = self._totals(session, f"{prefix}_mode", scope, key_like=f"{who}|%")
            routes = self._totals(session, "route", scope, route_countries=sorted(members), limit=20)
            start = scope.date_from or add_months(datetime.now(UTC).date().replace(day=1), -23)
            monthly = self.repo.rollup(
                session,
                dim=prefix,
                grain="m",
                date_from=period_start(start, "m"),
                date_to=scope.date_to,
                keys=[who],
            )
            totals = dict(self._totals(session, prefix, scope, keys=[who]))

        def ranked(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
            return [(k.split("|", 1)[1], v) for k, v in counts]

        involved = [(*key.split(">", 1), cases) for key, cases in routes]
        return {
            "country": country,
            "region": region,
            "cases": totals.get(who, 0),
            "headings": ranked(headings),
            "transport_modes": ranked(modes),
            "routes": involved,
            "monthly": [
                TrendPoint(r.period, "", int(r.cases)) for r in sorted(monthly, key=lambda r: r.period)
            ],
        }

    def risk_indicators(
        self, month: str, baseline: int, min_score: float, min_cases: int
    ) -> tuple[date | None, list[Indicator]]:
        baseline = baseline or 12
        if not 3 <= baseline <= 36:
            raise InvalidArgument([FieldViolation("baseline_months", "must be between 3 and 36")])
        if min_score < 0 or min_cases < 0:
            raise InvalidArgument([FieldViolation("min_score", "must not be negative")])
        min_score = min_score or 2.0
        min_cases = min_cases or 5
        with session_scope(self.sessions) as session:
            if month:
                try:
                    current = date.fromisoformat(f"{month}-01")
                except ValueError:
                    raise InvalidArgument([FieldViolation("month", "must be written YYYY-MM")]) from None
                if not EARLIEST <= current <= LATEST:
                    raise InvalidArgument(
                        [FieldViolation("month", f"must be between {EARLIEST:%Y-%m} and {LATEST:%Y-%m}")]
                    )
            else:
                latest = self.repo.latest_period(session)
                if latest is None:
                    return None, []
                current = latest
            first = add_months(current, -baseline)
            # Only keys busy enough in the assessed month come back, with their baseline's sums.
            rows = self.repo.risk_candidates(session, current=current, first=first, min_cases=min_cases)
        found = []
        for row in rows:
            dim, key, cases = row.dim, row.key, int(row.cases)
            mean = float(row.total) / baseline  # months without cases count as zero
            stddev = math.sqrt(max(float(row.squares) / baseline - mean * mean, 0.0))
            score = (cases - mean) / max(stddev, 1.0)
            if score >= min_score:
                kind = "route" if dim == "route" else "commodity_type"
                found.append(
                    Indicator(
                        kind, key, current, cases, mean, stddev, baseline, score, cases / max(mean, 1.0)
                    )
                )
        found.sort(key=lambda i: (-i.score, i.key))
        return current, found[:100]

    def country_counts(self, scope: Scope, heading: str) -> tuple[list[tuple[str, int]], str]:
        if heading and self.ref.heading(heading) is None:
            raise InvalidArgument([FieldViolation("heading", f"unknown heading {heading!r}")])
        with session_scope(self.sessions) as session:
            if heading:
                counts = [
                    (k.split("|", 1)[0], v)
                    for k, v in self._totals(session, "country_heading", scope, key_like=f"%|{heading}")
                ]
            else:
                counts = self._totals(session, "country", scope)
        features = []
        for code, cases in counts:
            country = self.ref.country(code)
            if country is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [country.lon, country.lat]},
                    "properties": {"country": code, "name": country.name, "cases": cases},
                }
            )
        return counts, json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
