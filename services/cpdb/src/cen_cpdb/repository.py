"""SQL of the Concealment Picture Database; every method runs in the caller's session (one transaction per use)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cen_cpdb.domain import Kind, PictureRecord, Status

COLUMNS = (
    "id, kind, title, description, heading, commodity_type, concealment_method, transport_mode, country, "
    "case_id, case_reference, tags, uploaded_by, uploader_id, uploader_country, filename, status, status_reason, "
    "media_type, size_bytes, width, height, sha256, phash, rendition_type, attempts, created_at, processed_at"
)
SORTS = {
    "newest": ("created_at", "DESC"),
    "oldest": ("created_at", "ASC"),
    "title": ("lower(title)", "ASC"),
}


@dataclass(frozen=True)
class PictureQuery:
    """A checked search: SQL conditions come from here only."""

    text: str = ""
    kinds: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    commodity_types: tuple[str, ...] = ()
    concealment_methods: tuple[str, ...] = ()
    transport_modes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    uploaded_from: date | None = None
    uploaded_to: date | None = None
    case_id: uuid.UUID | None = None
    # Only this uploader's pictures, any status but withdrawn (None: ready pictures of everyone).
    uploader_id: str | None = None


def _record(row: sa.Row[Any]) -> PictureRecord:
    m = row._mapping
    return PictureRecord(
        **{
            **{k: m[k] for k in m.keys()},  # noqa: SIM118 (RowMapping.keys is the column list)
            "kind": Kind(m["kind"]),
            "status": Status(m["status"]),
            "tags": tuple(m["tags"] or ()),
            "country": m["country"].strip(),
            "uploader_country": m["uploader_country"].strip(),
        }
    )


def _where(q: PictureQuery, params: dict[str, Any]) -> list[str]:
    where: list[str] = []
    if q.uploader_id is not None:
        where.append("uploader_id = :uploader_id")
        params["uploader_id"] = q.uploader_id
        where.append("status <> 'withdrawn'")
    else:
        where.append("status = 'ready'")
    for name, column in (
        ("kinds", "kind"),
        ("headings", "heading"),
        ("commodity_types", "commodity_type"),
        ("concealment_methods", "concealment_method"),
        ("transport_modes", "transport_mode"),
        ("countries", "country"),
    ):
        values = getattr(q, name)
        if values:
            params[name] = list(values)
            cast = "bpchar[]" if column == "country" else "text[]"
            where.append(f"{column} = ANY(CAST(:{name} AS {cast}))")
    if q.tags:
        params["tags"] = list(q.tags)
        where.append("tags @> CAST(:tags AS text[])")
    if q.text:
        params["text"] = q.text
        where.append("search_vector @@ websearch_to_tsquery('english', :text)")
    if q.uploaded_from:
        params["uploaded_from"] = q.uploaded_from
        where.append("created_at >= CAST(:uploaded_from AS date)")
    if q.uploaded_to:
        params["uploaded_to"] = q.uploaded_to + timedelta(days=1)
        where.append("created_at < CAST(:uploaded_to AS date)")
    if q.case_id:
        params["case_id"] = q.case_id
        where.append("case_id = :case_id")
    return where or ["true"]


class PictureRepository:
    def add(self, session: Session, row: dict[str, Any]) -> None:
        columns = ", ".join(row)
        values = ", ".join(f":{k}" for k in row)
        session.execute(sa.text(f"INSERT INTO pictures ({columns}) VALUES ({values})"), row)

    def get(self, session: Session, pid: uuid.UUID, *, lock: bool = False) -> PictureRecord | None:
        sql = f"SELECT {COLUMNS} FROM pictures WHERE id = :id"
        if lock:
            sql += " FOR UPDATE"
        row = session.execute(sa.text(sql), {"id": pid}).first()
        return _record(row) if row else None

    def by_demo_keys(self, session: Session, keys: Sequence[str]) -> set[str]:
        rows = session.execute(
            sa.text("SELECT demo_key FROM pictures WHERE demo_key = ANY(CAST(:k AS text[]))"),
            {"k": list(keys)},
        )
        return {r.demo_key for r in rows}

    def count_attempt(self, session: Session, pid: uuid.UUID) -> int | None:
        """Count one processing attempt of a pending picture (its own transaction, so a crash still counts);
        None when the picture is not pending any more."""
        return session.execute(
            sa.text(
                "UPDATE pictures SET attempts = attempts + 1 WHERE id = :id AND status = 'pending' RETURNING attempts"
            ),
            {"id": pid},
        ).scalar_one_or_none()

    def lock_pending(self, session: Session, pid: uuid.UUID) -> PictureRecord | None:
        """Lock a pending picture for the processing transaction; a second run waits, then finds it done."""
        row = session.execute(
            sa.text(f"SELECT {COLUMNS} FROM pictures WHERE id = :id AND status = 'pending' FOR UPDATE"),
            {"id": pid},
        ).first()
        return _record(row) if row else None

    def finish(self, session: Session, pid: uuid.UUID, **values: Any) -> None:
        """Record the outcome of processing (the caller holds the pending picture's lock)."""
        assignments = ", ".join(f"{k} = :{k}" for k in values)
        session.execute(sa.text(f"UPDATE pictures SET {assignments} WHERE id = :id"), {**values, "id": pid})

    def withdraw(self, session: Session, pid: uuid.UUID, *, by: str, reason: str, now: datetime) -> None:
        session.execute(
            sa.text(
                "UPDATE pictures SET status = 'withdrawn', status_reason = :reason, withdrawn_by = :by, "
                "withdrawn_at = :now WHERE id = :id"
            ),
            {"id": pid, "by": by, "reason": reason, "now": now},
        )

    def stale_pending(self, session: Session, older_than: datetime, limit: int) -> list[uuid.UUID]:
        rows = session.execute(
            sa.text(
                "SELECT id FROM pictures WHERE status = 'pending' AND created_at < :t ORDER BY created_at LIMIT :n"
            ),
            {"t": older_than, "n": limit},
        )
        return [r.id for r in rows]

    def search(
        self, session: Session, q: PictureQuery, *, sort: str, after: list[Any] | None, limit: int
    ) -> list[PictureRecord]:
        """One page in a stable order (sort key, then id); `after` is the previous page's last key."""
        params: dict[str, Any] = {"limit": limit}
        where = _where(q, params)
        key, direction = SORTS[sort]
        if after is not None:
            params["after_key"], params["after_id"] = after
            op = "<" if direction == "DESC" else ">"
            where.append(f"({key}, id) {op} (CAST(:after_key AS {_key_type(sort)}), CAST(:after_id AS uuid))")
        sql = (
            f"SELECT {COLUMNS} FROM pictures WHERE {' AND '.join(where)} "
            f"ORDER BY {key} {direction}, id {direction} LIMIT :limit"
        )
        return [_record(r) for r in session.execute(sa.text(sql), params)]

    def count(self, session: Session, q: PictureQuery, cap: int) -> int:
        params: dict[str, Any] = {"cap": cap}
        where = _where(q, params)
        return int(
            session.execute(
                sa.text(
                    f"SELECT count(*) FROM (SELECT 1 FROM pictures WHERE {' AND '.join(where)} LIMIT :cap) x"
                ),
                params,
            ).scalar_one()
        )

    def nearest(
        self, session: Session, phash: int, *, exclude: uuid.UUID | None, max_distance: int, limit: int
    ) -> list[tuple[uuid.UUID, int]]:
        """Ready pictures by Hamming distance of their perceptual hash, nearest first (ties: by id)."""
        # One pass over a narrow index: starting parallel workers costs more than it saves (measured).
        session.execute(sa.text("SET LOCAL max_parallel_workers_per_gather = 0"))
        rows = session.execute(
            sa.text(
                "SELECT id, d FROM (SELECT id, bit_count(int8send(phash # CAST(:h AS bigint))) AS d "
                "FROM pictures WHERE status = 'ready' AND phash IS NOT NULL) x "
                "WHERE d <= :max AND (CAST(:x AS uuid) IS NULL OR id <> CAST(:x AS uuid)) "
                "ORDER BY d, id LIMIT :n"
            ),
            {"h": phash, "max": max_distance, "x": exclude, "n": limit},
        )
        return [(r.id, int(r.d)) for r in rows]

    def by_ids(self, session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, PictureRecord]:
        if not ids:
            return {}
        rows = session.execute(
            sa.text(f"SELECT {COLUMNS} FROM pictures WHERE id = ANY(CAST(:ids AS uuid[]))"),
            {"ids": list(ids)},
        )
        return {r.id: _record(r) for r in rows}

    def same_file(self, session: Session, sha256: str, exclude: uuid.UUID) -> list[uuid.UUID]:
        rows = session.execute(
            sa.text(
                "SELECT id FROM pictures WHERE status = 'ready' AND sha256 = :s AND id <> :x ORDER BY created_at LIMIT 20"
            ),
            {"s": sha256, "x": exclude},
        )
        return [r.id for r in rows]


def _key_type(sort: str) -> str:
    return "timestamptz" if sort in ("newest", "oldest") else "text"
