"""Storage of the seizures service: cases, history, rollups, watch lists and import jobs in PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cen_seizures import models
from cen_seizures.domain import SeizureRecord, Status, ValidSeizure
from cen_seizures.search import SearchFilter, Visibility, where_sql

# Facets are counted exactly over at most this many matches; beyond it they come from a sample.
EXACT_FACET_LIMIT = 2_000
FACET_SAMPLE_ROWS = 10_000
# Below this many estimated matches, sorting the matches beats walking a sort index and filtering. Dates
# spread evenly, so walking the date index finds matches fast unless they are very few; quantities cluster
# by commodity (ivory grams at the bottom), so walking the quantity index rarely pays.
FEW_MATCHES = {"date": 2_000, "quantity": 200_000}
# Relevance ranks the most recent matches only, so that a common word stays fast at a million cases.
RELEVANCE_CANDIDATES = 2_000
FACET_FIELDS = {
    "countries": "country",
    "regions": "region",
    "transport_modes": "transport_mode",
    "detection_methods": "detection_method",
    "statuses": "status",
    "years": "extract(year FROM seizure_date)::int::text",
}
FACET_ARRAYS = {"headings": "headings", "commodity_types": "commodity_types"}
SORTS = {
    # name: (sort column, descending, the same value written so that no index can serve it)
    "date_desc": ("s.seizure_date", True, "s.seizure_date + 0"),
    "date_asc": ("s.seizure_date", False, "s.seizure_date + 0"),
    "quantity_desc": ("s.first_quantity", True, "s.first_quantity + 0"),
    "updated_desc": ("s.updated_at", True, "s.updated_at + interval '0 s'"),
}


def _order(sort: str, *, few: bool) -> tuple[str, str, str]:
    """(ORDER BY, keyset column, comparison for the rows after the cursor) of a sort."""
    column, descending, unindexed = SORTS[sort]
    direction = "DESC" if descending else "ASC"
    key = unindexed if few else column
    return f"{key} {direction}, s.id {direction}", column, "<" if descending else ">"


def seizure_row(
    sid: uuid.UUID, valid: ValidSeizure, *, reference: str, status: Status, actor: str, now: datetime
) -> dict[str, Any]:
    """The seizures table row of a new case."""
    first = valid.first_line
    return {
        "id": sid,
        "reference": reference,
        "country": valid.country,
        "region": valid.region,
        "rilo": valid.rilo,
        "form": valid.form.value,
        "status": status.value,
        "seizure_date": valid.seizure_date,
        "transport_mode": valid.transport_mode,
        "detection_method": valid.detection_method,
        "concealment_method": valid.concealment_method,
        "departure_country": valid.departure_country,
        "destination_country": valid.destination_country,
        "route_countries": valid.route_countries,
        "headings": valid.headings,
        "commodity_types": valid.commodity_types,
        "conveyance_ids": valid.conveyance_ids,
        "first_quantity": first.quantity,
        "first_unit": first.unit,
        "content": valid.content,
        "content_hash": valid.content_hash,
        "search_text": valid.search_text,
        "external_id": valid.external_id,
        "version": 1,
        "return_reason": "",
        "created_by": actor,
        "created_at": now,
        "updated_by": actor,
        "updated_at": now,
        "submitted_at": now if status in (Status.SUBMITTED, Status.VALIDATED) else None,
        "validated_at": now if status is Status.VALIDATED else None,
        "validated_by": "",
    }


def line_rows(sid: uuid.UUID, valid: ValidSeizure) -> list[dict[str, Any]]:
    return [
        {
            "seizure_id": sid,
            "line_no": f.line_no,
            "heading": f.heading,
            "commodity_type": f.commodity_type,
            "unit": f.unit,
            "quantity": f.quantity,
        }
        for f in valid.lines
    ]


def _record(row: sa.Row[Any]) -> SeizureRecord:
    m = row._mapping
    values = {f.name: m[f.name] for f in fields(SeizureRecord) if f.name in m}
    return SeizureRecord(**{**values, "status": Status(m["status"])})


class SeizureRepository:
    """SQL of the CEN database; every method runs in the caller's session (one transaction per use case)."""

    # ---- cases ----------------------------------------------------------------------------------------

    def allocate_references(self, session: Session, country: str, year: int, count: int) -> list[str]:
        """`count` new reference numbers country-year-sequence."""
        first = self.allocate_reference_blocks(session, {(country, year): count})[(country, year)]
        return [f"{country}-{year}-{seq:06d}" for seq in range(first, first + count)]

    def allocate_reference_blocks(
        self, session: Session, counts: dict[tuple[str, int], int]
    ) -> dict[tuple[str, int], int]:
        """First sequence number of a block of `n` per (country, year), in one statement; the counter rows'
        locks serialise concurrent writers, taken in a fixed order so that they cannot deadlock."""
        keys = sorted(counts)
        rows = session.execute(
            sa.text(
                "INSERT INTO reference_counters AS c (country, year, last) "
                "SELECT * FROM unnest(CAST(:c AS text[]), CAST(:y AS int[]), CAST(:n AS bigint[])) "
                "ON CONFLICT (country, year) DO UPDATE SET last = c.last + excluded.last "
                "RETURNING country, year, last"
            ),
            {"c": [k[0] for k in keys], "y": [k[1] for k in keys], "n": [counts[k] for k in keys]},
        )
        return {(r.country, r.year): r.last - counts[(r.country, r.year)] + 1 for r in rows}

    def insert(
        self, session: Session, rows: Sequence[dict[str, Any]], lines: Sequence[dict[str, Any]]
    ) -> None:
        """New cases and their commodity lines, by COPY (imports write thousands per transaction)."""
        copy_rows(session, "seizures", rows)
        copy_rows(session, "commodity_lines", lines)

    def get(self, session: Session, sid: uuid.UUID, *, lock: bool = False) -> SeizureRecord | None:
        query = sa.select(models.seizures).where(models.seizures.c.id == sid)
        if lock:
            query = query.with_for_update()
        row = session.execute(query).first()
        return _record(row) if row else None

    def by_external_ids(
        self, session: Session, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[uuid.UUID, str, str, int]]:
        """(country, external id) -> (id, status, content hash, version) of stored cases, locked for update."""
        if not keys:
            return {}
        rows = session.execute(
            sa.text(
                "SELECT s.country, s.external_id, s.id, s.status, s.content_hash, s.version FROM seizures s "
                "JOIN unnest(CAST(:c AS bpchar[]), CAST(:e AS text[])) AS k (country, external_id) "
                "ON s.country = k.country AND s.external_id = k.external_id ORDER BY s.id FOR UPDATE OF s"
            ),
            {"c": [k[0] for k in keys], "e": [k[1] for k in keys]},
        )
        return {(r.country, r.external_id): (r.id, r.status, r.content_hash, r.version) for r in rows}

    def replace_content(
        self,
        session: Session,
        sid: uuid.UUID,
        valid: ValidSeizure,
        *,
        actor: str,
        now: datetime,
        version: int,
    ) -> None:
        row = seizure_row(sid, valid, reference="", status=Status.DRAFT, actor=actor, now=now)
        for key in (
            "id",
            "reference",
            "status",
            "created_by",
            "created_at",
            "submitted_at",
            "validated_at",
            "validated_by",
            "return_reason",
        ):
            row.pop(key)
        row["version"] = version
        session.execute(sa.update(models.seizures).where(models.seizures.c.id == sid).values(**row))
        session.execute(sa.delete(models.commodity_lines).where(models.commodity_lines.c.seizure_id == sid))
        session.execute(sa.insert(models.commodity_lines), line_rows(sid, valid))

    def set_status(self, session: Session, sid: uuid.UUID, **values: Any) -> None:
        session.execute(sa.update(models.seizures).where(models.seizures.c.id == sid).values(**values))

    def delete(self, session: Session, sid: uuid.UUID) -> None:
        session.execute(sa.delete(models.seizures).where(models.seizures.c.id == sid))

    def add_history(self, session: Session, entries: Sequence[dict[str, Any]]) -> None:
        copy_rows(session, "seizure_history", entries)

    def history(
        self, session: Session, sid: uuid.UUID, after_id: int | None, limit: int
    ) -> list[sa.Row[Any]]:
        query = sa.select(models.seizure_history).where(models.seizure_history.c.seizure_id == sid)
        if after_id is not None:
            query = query.where(models.seizure_history.c.id < after_id)
        return list(session.execute(query.order_by(models.seizure_history.c.id.desc()).limit(limit)))

    def possible_duplicates(
        self, session: Session, valid: ValidSeizure, exclude: uuid.UUID | None
    ) -> list[str]:
        """Same country and heading, date within a day, a line of the same unit within 5 % of the quantity."""
        first = valid.first_line
        rows = session.execute(
            sa.text(
                "SELECT DISTINCT s.reference FROM seizures s JOIN commodity_lines l ON l.seizure_id = s.id "
                "WHERE s.country = :c AND s.seizure_date BETWEEN CAST(:d AS date) - 1 AND CAST(:d AS date) + 1 "
                "AND l.heading = :h AND l.unit = :u AND l.quantity BETWEEN :q * 0.95 AND :q * 1.05 "
                "AND (CAST(:x AS uuid) IS NULL OR s.id <> :x) ORDER BY 1 LIMIT 10"
            ),
            {
                "c": valid.country,
                "d": valid.seizure_date,
                "h": first.heading,
                "u": first.unit,
                "q": first.quantity,
                "x": exclude,
            },
        )
        return [r.reference for r in rows]

    def apply_rollups(self, session: Session, ids: Sequence[uuid.UUID], sign: int) -> None:
        """Add (1) or remove (-1) these cases' contribution; cases still queued for folding are skipped.

        The queued rows of these cases are locked first: a fold cannot claim them while this transaction
        runs, and a fold already folding them is waited for (its claim deletes them), so every case is counted
        by exactly one of the two."""
        if not ids:
            return
        queued = {
            r.seizure_id
            for r in session.execute(
                sa.text(
                    "SELECT seizure_id FROM rollup_pending WHERE seizure_id = ANY(CAST(:ids AS uuid[])) "
                    "ORDER BY seizure_id FOR UPDATE"
                ),
                {"ids": list(ids)},
            )
        }
        counted = [i for i in ids if i not in queued]
        if counted:
            session.execute(
                sa.text("SELECT seizure_rollup_apply(CAST(:ids AS uuid[]), :s)"), {"ids": counted, "s": sign}
            )

    def queue_rollups(self, session: Session, ids: Sequence[uuid.UUID]) -> None:
        """Queue new cases for folding into the rollups later, in bulk (same transaction as their insert)."""
        copy_rows(session, "rollup_pending", [{"seizure_id": i} for i in ids])

    def fold_rollups(self, session: Session) -> int:
        """Fold queued cases into the rollups. Each queued row is claimed by exactly one fold (SKIP LOCKED,
        deleted as it is claimed); a change of a queued case locks its queued row first (apply_rollups), so
        it either keeps the case from this fold or waits for the fold and then counts the change itself."""
        ids = [
            r.seizure_id
            for r in session.execute(
                sa.text(
                    "DELETE FROM rollup_pending WHERE seizure_id IN "
                    "(SELECT seizure_id FROM rollup_pending FOR UPDATE SKIP LOCKED) RETURNING seizure_id"
                )
            )
        ]
        if ids:
            session.execute(sa.text("SELECT seizure_rollup_apply(CAST(:ids AS uuid[]), 1)"), {"ids": ids})
        return len(ids)

    def rebuild_rollups(self, session: Session, batch: int = 50_000) -> int:
        """Recompute every rollup from the cases (after a restore or a change of the rollup definitions)."""
        session.execute(sa.text("LOCK TABLE seizures IN SHARE MODE"))
        session.execute(sa.text("TRUNCATE rollups, rollup_pending"))
        ids = [r.id for r in session.execute(sa.text("SELECT id FROM seizures ORDER BY id"))]
        for start in range(0, len(ids), batch):
            self.apply_rollups(session, ids[start : start + batch], 1)
        return len(ids)

    # ---- search -------------------------------------------------------------------------------------------

    def search(
        self,
        session: Session,
        f: SearchFilter,
        vis: Visibility,
        *,
        sort: str,
        after: list[Any] | None,
        offset: int,
        limit: int,
        few: bool = False,
    ) -> list[sa.Row[Any]]:
        """A page of matches. `few`: the filter is selective, so sort the matches instead of walking an index."""
        params: dict[str, Any] = {"limit": limit}
        where = where_sql(f, params, vis)
        snippet = "''"
        if f.text:
            snippet = (
                "ts_headline('english', s.search_text, websearch_to_tsquery('english', :q), "
                "'MaxWords=25, MinWords=10, MaxFragments=1')"
            )
        columns = (
            "s.id, s.reference, s.status, s.country, s.seizure_date, s.transport_mode, s.headings, "
            "s.commodity_types, s.first_quantity, s.first_unit, s.departure_country, s.destination_country, "
            "s.concealment_method, s.updated_at"
        )
        if sort == "relevance":
            params["offset"] = offset
            params["candidates"] = RELEVANCE_CANDIDATES
            recent, _, _ = _order("date_desc", few=few)
            sql = (
                f"SELECT {columns}, {snippet} AS snippet FROM "
                f"(SELECT * FROM seizures s WHERE {where} ORDER BY {recent} LIMIT :candidates) s "
                "ORDER BY ts_rank_cd(s.search_vector, websearch_to_tsquery('english', :q)) DESC, s.id DESC "
                "LIMIT :limit OFFSET :offset"
            )
        else:
            order, column, op = _order(sort, few=few)
            if after is not None:
                params["k0"], params["k1"] = after
                where += f" AND ({column}, s.id) {op} (:k0, :k1)"
            sql = f"SELECT {columns}, {snippet} AS snippet FROM seizures s WHERE {where} ORDER BY {order} LIMIT :limit"
        return list(session.execute(sa.text(sql), params))

    def count_matches(self, session: Session, f: SearchFilter, vis: Visibility, cap: int) -> int:
        """Matches, counted up to cap + 1 (so the caller knows whether there are more)."""
        params: dict[str, Any] = {"cap": cap + 1}
        where = where_sql(f, params, vis)
        return int(
            session.execute(
                sa.text(f"SELECT count(*) FROM (SELECT 1 FROM seizures s WHERE {where} LIMIT :cap) m"), params
            ).scalar_one()
        )

    def estimate_matches(self, session: Session, f: SearchFilter, vis: Visibility) -> int:
        """The planner's row estimate, for totals too large to count on every page."""
        params: dict[str, Any] = {}
        where = where_sql(f, params, vis)
        compiled = sa.text(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM seizures s WHERE {where}").bindparams(
            **params
        )
        plan = session.execute(compiled).scalar_one()
        return int(plan[0]["Plan"]["Plan Rows"])

    def facets(
        self, session: Session, f: SearchFilter, vis: Visibility, *, sample_percent: float | None
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value over the matches (over a block sample scaled up when sample_percent is set)."""
        params: dict[str, Any] = {}
        where = where_sql(f, params, vis)
        source = "seizures s"
        scale = 1.0
        if sample_percent is not None:
            params["pct"] = sample_percent
            source = "seizures s TABLESAMPLE SYSTEM (:pct) REPEATABLE (7)"
            scale = 100.0 / sample_percent
        selects = [
            f"SELECT '{name}' AS facet, {expr} AS value, count(*) AS n FROM m GROUP BY 2"
            for name, expr in FACET_FIELDS.items()
        ] + [
            f"SELECT '{name}', v, count(*) FROM m, unnest(m.{column}) AS v GROUP BY 2"
            for name, column in FACET_ARRAYS.items()
        ]
        sql = (
            f"WITH m AS MATERIALIZED (SELECT s.country, s.region, s.transport_mode, s.detection_method, s.status, "
            f"s.seizure_date, s.headings, s.commodity_types FROM {source} WHERE {where}) "
            + " UNION ALL ".join(selects)
        )
        out: dict[str, list[tuple[str, int]]] = {name: [] for name in (*FACET_FIELDS, *FACET_ARRAYS)}
        for row in session.execute(sa.text(sql), params):
            if row.value is not None:
                out[row.facet].append((str(row.value), round(row.n * scale)))
        for counts in out.values():
            counts.sort(key=lambda item: (-item[1], item[0]))
        return out

    def table_size(self, session: Session) -> int:
        """Approximate number of cases (from the planner's statistics)."""
        return int(
            session.execute(
                sa.text("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'seizures'")
            ).scalar_one()
        )

    def stream_matches(
        self, session: Session, f: SearchFilter, vis: Visibility, sort: str, batch: int = 1000
    ) -> Iterator[sa.Row[Any]]:
        """Every matching case (full rows) in sort order, fetched in batches by keyset."""
        order, column, op = _order(sort if sort in SORTS else "date_desc", few=False)
        after: tuple[Any, Any] | None = None
        while True:
            params: dict[str, Any] = {"limit": batch}
            where = where_sql(f, params, vis)
            if after is not None:
                params["k0"], params["k1"] = after
                where += f" AND ({column}, s.id) {op} (:k0, :k1)"
            rows = list(
                session.execute(
                    sa.text(
                        f"SELECT s.*, {column} AS _k0 FROM seizures s WHERE {where} ORDER BY {order} LIMIT :limit"
                    ),
                    params,
                )
            )
            yield from rows
            if len(rows) < batch:
                return
            after = (rows[-1]._mapping["_k0"], rows[-1]._mapping["id"])

    def matching_ids(
        self, session: Session, f: SearchFilter, vis: Visibility, ids: Sequence[uuid.UUID]
    ) -> list[uuid.UUID]:
        """Which of these cases match the criteria (watch lists)."""
        params: dict[str, Any] = {"ids": list(ids)}
        where = where_sql(f, params, vis)
        return [
            r.id
            for r in session.execute(
                sa.text(f"SELECT s.id FROM seizures s WHERE s.id = ANY(CAST(:ids AS uuid[])) AND {where}"),
                params,
            )
        ]

    # ---- rollups --------------------------------------------------------------------------------------------

    def rollup(
        self,
        session: Session,
        *,
        dim: str | Sequence[str],
        grain: str,
        date_from: date | None,
        date_to: date | None,
        keys: Sequence[str] = (),
        key_like: str | None = None,
        cases_only: bool = True,
    ) -> list[sa.Row[Any]]:
        """Rollup rows of one or more dimensions at one grain; periods that start within the range."""
        params: dict[str, Any] = {}
        where = _rollup_where(
            params,
            dims=[dim] if isinstance(dim, str) else list(dim),
            segments=[(grain, date_from, date_to)],
            keys=keys,
            key_like=key_like,
            cases_only=cases_only,
        )
        return list(
            session.execute(
                sa.text(
                    f"SELECT dim, period, key, unit, cases, quantity FROM rollups WHERE {' AND '.join(where)} "
                    "AND (cases <> 0 OR quantity <> 0)"
                ),
                params,
            )
        )

    def rollup_totals(
        self,
        session: Session,
        *,
        dim: str,
        segments: Sequence[tuple[str, date | None, date | None]],
        keys: Sequence[str] = (),
        key_like: str | None = None,
        route_countries: Sequence[str] = (),
        limit: int | None = None,
    ) -> list[tuple[str, int]]:
        """Cases per key summed over period segments (grain, first, last), largest first, counted in SQL.

        route_countries keeps route keys ("DEP>DST", or "heading|DEP>DST") that leave from or arrive in one of
        the countries."""
        params: dict[str, Any] = {}
        where = _rollup_where(
            params, dims=[dim], segments=segments, keys=keys, key_like=key_like, cases_only=True
        )
        if route_countries:
            params["members"] = list(route_countries)
            route = "split_part(key, '|', -1)"
            where.append(
                f"(split_part({route}, '>', 1) = ANY(:members) OR split_part({route}, '>', 2) = ANY(:members))"
            )
        sql = (
            f"SELECT key, sum(cases)::bigint AS cases FROM rollups WHERE {' AND '.join(where)} "
            "GROUP BY key HAVING sum(cases) > 0 ORDER BY cases DESC, key"
        )
        if limit:
            params["limit"] = limit
            sql += " LIMIT :limit"
        return [(r.key, int(r.cases)) for r in session.execute(sa.text(sql), params)]

    def risk_candidates(
        self, session: Session, *, current: date, first: date, min_cases: int
    ) -> list[sa.Row[Any]]:
        """Routes and commodity types with at least min_cases in the month `current`, with the sum and sum of
        squares of their monthly cases from `first` up to the month before."""
        return list(
            session.execute(
                sa.text(
                    "WITH cur AS (SELECT dim, key, cases FROM rollups WHERE dim IN ('route', 'commodity_type') "
                    "AND grain = 'm' AND unit = '' AND period = :current AND cases >= :min) "
                    "SELECT cur.dim, cur.key, cur.cases, coalesce(sum(r.cases), 0) AS total, "
                    "coalesce(sum(r.cases::float8 * r.cases), 0) AS squares FROM cur "
                    "LEFT JOIN rollups r ON r.dim = cur.dim AND r.grain = 'm' AND r.unit = '' AND r.key = cur.key "
                    "AND r.period >= :first AND r.period < :current "
                    "GROUP BY cur.dim, cur.key, cur.cases"
                ),
                {"current": current, "first": first, "min": min_cases},
            )
        )

    def latest_period(self, session: Session) -> date | None:
        return session.execute(
            sa.text(
                "SELECT max(period) FROM rollups WHERE dim = 'all' AND grain = 'm' AND unit = '' AND cases > 0"
            )
        ).scalar_one()

    # ---- watch lists -----------------------------------------------------------------------------------------

    def add_watch_list(self, session: Session, row: dict[str, Any]) -> None:
        session.execute(sa.insert(models.watch_lists), row)

    def watch_lists_of(
        self, session: Session, owner: str, after: list[Any] | None, limit: int
    ) -> list[sa.Row[Any]]:
        params: dict[str, Any] = {"o": owner, "limit": limit}
        cond = ""
        if after:
            params["k0"], params["k1"] = after
            cond = "AND (w.created_at, w.id) < (CAST(:k0 AS timestamptz), CAST(:k1 AS uuid))"
        return list(
            session.execute(
                sa.text(
                    "SELECT w.*, (SELECT count(*) FROM watch_hits h WHERE h.watch_list_id = w.id) AS hit_count "
                    f"FROM watch_lists w WHERE w.owner_id = :o {cond} ORDER BY w.created_at DESC, w.id DESC LIMIT :limit"
                ),
                params,
            )
        )

    def watch_list(self, session: Session, wid: uuid.UUID) -> sa.Row[Any] | None:
        return session.execute(sa.select(models.watch_lists).where(models.watch_lists.c.id == wid)).first()

    def delete_watch_list(self, session: Session, wid: uuid.UUID) -> None:
        session.execute(sa.delete(models.watch_lists).where(models.watch_lists.c.id == wid))

    def all_watch_lists(self, session: Session) -> list[sa.Row[Any]]:
        return list(session.execute(sa.select(models.watch_lists)))

    def add_hits(self, session: Session, rows: Sequence[dict[str, Any]]) -> list[uuid.UUID]:
        """Insert hits (the outbox); a hit already recorded for the same case version is skipped."""
        if not rows:
            return []
        stmt = (
            sa.dialects.postgresql.insert(models.watch_hits)
            .values(list(rows))
            .on_conflict_do_nothing(constraint="uq_watch_hits_event")
            .returning(models.watch_hits.c.id)
        )
        return [r.id for r in session.execute(stmt)]

    def hits_of(
        self, session: Session, owner: str, wid: uuid.UUID | None, after: list[Any] | None, limit: int
    ) -> list[sa.Row[Any]]:
        params: dict[str, Any] = {"o": owner, "limit": limit}
        cond = ""
        if wid:
            params["w"] = wid
            cond += " AND h.watch_list_id = :w"
        if after:
            params["k0"], params["k1"] = after
            cond += " AND (h.created_at, h.id) < (CAST(:k0 AS timestamptz), CAST(:k1 AS uuid))"
        return list(
            session.execute(
                sa.text(
                    "SELECT h.*, w.name AS watch_list_name FROM watch_hits h JOIN watch_lists w ON w.id = h.watch_list_id "
                    f"WHERE w.owner_id = :o {cond} ORDER BY h.created_at DESC, h.id DESC LIMIT :limit"
                ),
                params,
            )
        )

    def unmailed_hits(self, session: Session, limit: int) -> list[sa.Row[Any]]:
        """Hits not yet mailed, locked so that two workers never mail the same hit."""
        return list(
            session.execute(
                sa.text(
                    "SELECT h.*, w.name AS watch_list_name, w.owner_email, w.owner_username FROM watch_hits h "
                    "JOIN watch_lists w ON w.id = h.watch_list_id WHERE h.mailed_at IS NULL AND h.mail_attempts < 10 "
                    "ORDER BY h.created_at LIMIT :limit FOR UPDATE OF h SKIP LOCKED"
                ),
                {"limit": limit},
            )
        )

    def mark_mailed(self, session: Session, ids: Sequence[uuid.UUID], *, ok: bool) -> None:
        if ok:
            session.execute(
                sa.text(
                    "UPDATE watch_hits SET mailed_at = now(), mail_attempts = mail_attempts + 1 "
                    "WHERE id = ANY(CAST(:ids AS uuid[]))"
                ),
                {"ids": list(ids)},
            )
        else:
            session.execute(
                sa.text(
                    "UPDATE watch_hits SET mail_attempts = mail_attempts + 1 "
                    "WHERE id = ANY(CAST(:ids AS uuid[]))"
                ),
                {"ids": list(ids)},
            )

    # ---- import jobs -------------------------------------------------------------------------------------------

    def add_import_job(self, session: Session, row: dict[str, Any]) -> None:
        session.execute(sa.insert(models.import_jobs), row)

    def import_job(self, session: Session, jid: uuid.UUID, *, lock: bool = False) -> sa.Row[Any] | None:
        query = sa.select(models.import_jobs).where(models.import_jobs.c.id == jid)
        if lock:
            query = query.with_for_update()
        return session.execute(query).first()

    def update_import_job(self, session: Session, jid: uuid.UUID, **values: Any) -> None:
        session.execute(sa.update(models.import_jobs).where(models.import_jobs.c.id == jid).values(**values))

    def add_to_import_counts(self, session: Session, jid: uuid.UUID, **deltas: int) -> None:
        cols = models.import_jobs.c
        session.execute(
            sa.update(models.import_jobs)
            .where(cols.id == jid)
            .values({getattr(cols, k): getattr(cols, k) + v for k, v in deltas.items()})
        )

    def import_jobs_of(
        self, session: Session, country: str | None, after: list[Any] | None, limit: int
    ) -> list[sa.Row[Any]]:
        cols = models.import_jobs.c
        query = sa.select(models.import_jobs)
        if country:
            query = query.where(cols.country == country)
        if after:
            query = query.where(
                sa.tuple_(cols.created_at, cols.id) < (datetime.fromisoformat(after[0]), uuid.UUID(after[1]))
            )
        return list(session.execute(query.order_by(cols.created_at.desc(), cols.id.desc()).limit(limit)))

    def clear_import_errors(self, session: Session, jid: uuid.UUID) -> None:
        session.execute(sa.delete(models.import_errors).where(models.import_errors.c.job_id == jid))

    def add_import_errors(self, session: Session, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            session.execute(sa.insert(models.import_errors), list(rows))

    def import_errors_of(
        self, session: Session, jid: uuid.UUID, after: list[Any] | None, limit: int
    ) -> list[sa.Row[Any]]:
        cols = models.import_errors.c
        query = sa.select(models.import_errors).where(cols.job_id == jid)
        if after:
            query = query.where(sa.tuple_(cols.line, cols.seq) > (int(after[0]), int(after[1])))
        return list(session.execute(query.order_by(cols.line, cols.seq).limit(limit)))


def _rollup_where(
    params: dict[str, Any],
    *,
    dims: Sequence[str],
    segments: Sequence[tuple[str, date | None, date | None]],
    keys: Sequence[str],
    key_like: str | None,
    cases_only: bool,
) -> list[str]:
    """Conditions on the rollups table: dimensions, any of the period segments (grain, first, last), keys."""
    params["dims"] = list(dims)
    ors = []
    for i, (grain, first, last) in enumerate(segments):
        params[f"g{i}"] = grain
        part = [f"grain = :g{i}"]
        if first:
            params[f"f{i}"] = first
            part.append(f"period >= :f{i}")
        if last:
            params[f"t{i}"] = last
            part.append(f"period <= :t{i}")
        ors.append("(" + " AND ".join(part) + ")")
    where = ["dim = ANY(:dims)", "(" + " OR ".join(ors) + ")"]
    if cases_only:
        where.append("unit = ''")
    if keys:
        params["keys"] = list(keys)
        where.append("key = ANY(:keys)")
    if key_like:
        params["like"] = key_like
        where.append("key LIKE :like")
    return where


def _copy_value(value: Any) -> Any:
    """COPY text-format values: arrays as quoted literals, objects as JSON; the rest psycopg adapts."""
    if isinstance(value, list):
        return (
            "{" + ",".join('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value) + "}"
        )
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    return value


def copy_rows(session: Session, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """COPY rows (dicts with the same keys) into a table on the session's connection and transaction."""
    if not rows:
        return
    columns = list(rows[0])
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_copy_value(row[c]) for c in columns])


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_token: str
    total: int = 0
