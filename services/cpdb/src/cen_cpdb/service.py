"""Use cases of the Concealment Picture Database: upload, who sees what, search, similar pictures, withdrawal."""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from cen_core.auth.principal import NCP, Principal, Tier
from cen_core.db import session_scope
from cen_core.errors import FieldViolation, InvalidArgument, NotFound, PermissionDenied
from cen_core.objectstore import LimitedStream, ObjectStore
from cen_core.paging import decode_keyset, encode_keyset, keyset_id, keyset_text, keyset_time, page_size
from cen_core.reference import ReferenceData
from cen_core.text import clean_text, parse_uuid
from sqlalchemy.orm import Session, sessionmaker

from cen_cpdb import imaging
from cen_cpdb.domain import Kind, PictureRecord, Status, validate_details
from cen_cpdb.repository import PictureQuery, PictureRepository

BUCKET = "cen-cpdb"
MAX_PICTURE_BYTES = 40 * 1024 * 1024
SORTS = {"": "newest", "newest": "newest", "oldest": "oldest", "title": "title"}
MAX_FILTER_VALUES = 100
COUNT_CAP = 10_000
DEFAULT_SIMILAR = 12
MAX_SIMILAR = 50
DEFAULT_DISTANCE = 20
# Upload dates a filter may name (the end of the range is taken as the next midnight).
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2100, 12, 31)

log = logging.getLogger("cen.cpdb.service")


def original_key(pid: uuid.UUID) -> str:
    return f"originals/{pid}"


def rendition_keys(pid: uuid.UUID) -> tuple[str, str, str]:
    """(thumbnail, preview, full-size copy) object keys of a picture; the upload itself is never served."""
    return f"thumbnails/{pid}", f"previews/{pid}", f"full/{pid}"


class CaseLookup(Protocol):
    """Asks the seizures service for a case as the caller (so their own rights apply)."""

    def reference_of(self, principal: Principal, case_id: uuid.UUID) -> str | None: ...


@dataclass(frozen=True)
class Links:
    thumbnail_url: str
    preview_url: str
    original_url: str
    expires_at: datetime


@dataclass(frozen=True)
class PictureView:
    """A picture as one caller may see it: case fields blanked below readonly, links only when ready."""

    record: PictureRecord
    links: Links | None = None
    duplicate_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class Page:
    items: list[PictureView]
    next_token: str
    total: int = 0


@dataclass(frozen=True)
class Match:
    view: PictureView
    distance: int


@dataclass
class PictureService:
    sessions: sessionmaker[Session]
    ref: ReferenceData
    store: ObjectStore
    cases: CaseLookup
    enqueue: Callable[[Session, uuid.UUID], None]
    max_bytes: int = MAX_PICTURE_BYTES
    link_ttl: timedelta = timedelta(minutes=5)
    repo: PictureRepository = field(default_factory=PictureRepository)

    # ---- upload -----------------------------------------------------------------------------------------------

    def upload(
        self, principal: Principal, details: dict[str, Any], filename: str, chunks: Iterator[bytes]
    ) -> PictureView:
        """Check the details, stream the file to the private bucket, record the picture as pending and queue its
        processing once that is committed. Bad details are refused before a byte is stored."""
        if principal.tier < Tier.UNLIMITED:
            raise PermissionDenied("uploading pictures needs the unlimited tier")
        checked = validate_details(details, self.ref, default_country=principal.country)
        case_reference = ""
        if checked.case_id is not None:
            found = self.cases.reference_of(principal, checked.case_id)
            if found is None:
                raise InvalidArgument([FieldViolation("case_id", "no such seizure case visible to you")])
            case_reference = found
        pid = uuid.uuid4()
        self.store.ensure_bucket(BUCKET)
        stream = LimitedStream(chunks, self.max_bytes)
        self.store.put_stream(BUCKET, original_key(pid), stream)  # type: ignore[arg-type]
        if stream.size == 0:
            self.store.remove(BUCKET, original_key(pid))
            raise InvalidArgument([FieldViolation("chunk", "the file is empty")])
        try:
            with session_scope(self.sessions) as session:
                self.repo.add(
                    session,
                    self._row(pid, checked, principal, case_reference, filename, stream.size),
                )
                self.enqueue(session, pid)
                record = self.repo.get(session, pid)
        except Exception:
            self.store.remove(BUCKET, original_key(pid))  # nothing stays behind a failed upload
            raise
        assert record is not None
        return self._view(principal, record)

    def _row(
        self,
        pid: uuid.UUID,
        checked: Any,
        principal: Principal,
        case_reference: str,
        filename: str,
        size: int,
        demo_key: str | None = None,
    ) -> dict[str, Any]:
        return {
            "id": pid,
            "kind": checked.kind.value,
            "title": checked.title,
            "description": checked.description,
            "heading": checked.heading,
            "commodity_type": checked.commodity_type,
            "concealment_method": checked.concealment_method,
            "transport_mode": checked.transport_mode,
            "country": checked.country,
            "case_id": checked.case_id,
            "case_reference": case_reference,
            "tags": list(checked.tags),
            "uploaded_by": principal.username,
            "uploader_id": principal.user_id,
            "uploader_country": principal.country or checked.country,
            "filename": clean_text(filename).replace("/", "_")[:200],
            "status": Status.PENDING.value,
            "size_bytes": size,
            "search_text": checked.search_text(self.ref),
            "demo_key": demo_key,
            "created_at": datetime.now(UTC),
        }

    def add_demo(
        self, principal: Principal, details: dict[str, Any], key: str, data: bytes, filename: str
    ) -> bool:
        """Store one demo picture under its generator key (no case link); False when it is already there."""
        with session_scope(self.sessions) as session:
            if self.repo.by_demo_keys(session, [key]):
                return False
        checked = validate_details(details, self.ref, default_country=principal.country)
        pid = uuid.uuid4()
        self.store.ensure_bucket(BUCKET)
        self.store.put_stream(BUCKET, original_key(pid), io.BytesIO(data), length=len(data))
        with session_scope(self.sessions) as session:
            self.repo.add(session, self._row(pid, checked, principal, "", filename, len(data), demo_key=key))
            self.enqueue(session, pid)
        return True

    # ---- reading ----------------------------------------------------------------------------------------------

    def get(self, principal: Principal, pid: str) -> PictureView:
        with session_scope(self.sessions) as session:
            record = self.repo.get(session, parse_uuid(pid))
            if record is None or not self._may_see(principal, record):
                raise NotFound(f"no picture {pid}")
            duplicates = (
                tuple(self.repo.same_file(session, record.sha256, record.id))
                if record.status is Status.READY
                else ()
            )
        return self._view(principal, record, duplicates)

    def search(
        self, principal: Principal, criteria: dict[str, Any], sort: str, size: int, token: str
    ) -> Page:
        limit = page_size(size)
        sort_key = SORTS.get(sort)
        if sort_key is None:
            raise InvalidArgument([FieldViolation("sort", f"unknown sort {sort!r}")])
        query = self._query(principal, criteria)
        checks = [keyset_text if sort_key == "title" else keyset_time, keyset_id]
        after = decode_keyset(token, f"pictures:{sort_key}", checks)
        with session_scope(self.sessions) as session:
            rows = self.repo.search(session, query, sort=sort_key, after=after, limit=limit + 1)
            total = self.repo.count(session, query, COUNT_CAP)
        more = len(rows) > limit
        rows = rows[:limit]
        next_token = ""
        if more:
            last = rows[-1]
            key: Any = last.created_at.isoformat() if sort_key != "title" else last.title.lower()
            next_token = encode_keyset(f"pictures:{sort_key}", [key, str(last.id)])
        return Page([self._view(principal, r) for r in rows], next_token, total)

    def _query(self, principal: Principal, criteria: dict[str, Any]) -> PictureQuery:
        problems: list[FieldViolation] = []

        def codes(name: str, known: Callable[[str], bool]) -> tuple[str, ...]:
            values = [str(v) for v in criteria.get(name) or []]
            if len(values) > MAX_FILTER_VALUES:
                problems.append(FieldViolation(f"filter.{name}", f"at most {MAX_FILTER_VALUES} values"))
                return ()
            for v in values:
                if not known(v):
                    problems.append(FieldViolation(f"filter.{name}", f"unknown value {v!r}"))
            return tuple(values)

        def day(name: str) -> date | None:
            value = str(criteria.get(name) or "")
            if not value:
                return None
            try:
                day = date.fromisoformat(value)
            except ValueError:
                problems.append(FieldViolation(f"filter.{name}", "a date YYYY-MM-DD"))
                return None
            if not EARLIEST_DAY <= day <= LATEST_DAY:
                problems.append(FieldViolation(f"filter.{name}", f"between {EARLIEST_DAY} and {LATEST_DAY}"))
                return None
            return day

        kinds = codes("kinds", lambda v: v in Kind.__members__.values())
        headings = codes("headings", lambda v: self.ref.heading(v) is not None)
        commodity_types = codes("commodity_types", lambda v: self.ref.commodity_type(v) is not None)
        concealment = codes("concealment_methods", lambda v: self.ref.has_term("concealment_methods", v))
        modes = codes("transport_modes", lambda v: self.ref.has_term("transport_modes", v))
        countries = codes("countries", lambda v: self.ref.country(v) is not None)
        tags = tuple(" ".join(clean_text(str(t)).lower().split()) for t in criteria.get("tags") or [])[
            :MAX_FILTER_VALUES
        ]
        text = clean_text(str(criteria.get("text") or ""))[:200]
        case_id = None
        if criteria.get("case_id"):
            if principal.tier < Tier.READONLY:
                raise PermissionDenied("links to seizure cases need the readonly tier")
            try:
                case_id = uuid.UUID(str(criteria["case_id"]))
            except ValueError:
                problems.append(FieldViolation("filter.case_id", "must be a UUID"))
        uploaded_from, uploaded_to = day("uploaded_from"), day("uploaded_to")
        if uploaded_from and uploaded_to and uploaded_from > uploaded_to:
            problems.append(FieldViolation("filter.uploaded_to", "before uploaded_from"))
        if problems:
            raise InvalidArgument(problems)
        return PictureQuery(
            text=text,
            kinds=kinds,
            headings=headings,
            commodity_types=commodity_types,
            concealment_methods=concealment,
            transport_modes=modes,
            countries=countries,
            tags=tuple(t for t in tags if t),
            uploaded_from=uploaded_from,
            uploaded_to=uploaded_to,
            case_id=case_id,
            uploader_id=principal.user_id if criteria.get("mine") else None,
        )

    # ---- similar pictures -------------------------------------------------------------------------------------

    def similar(self, principal: Principal, pid: str, limit: int, max_distance: int) -> list[Match]:
        limit, max_distance = _similar_bounds(limit, max_distance, "")
        with session_scope(self.sessions) as session:
            record = self.repo.get(session, parse_uuid(pid))
            if record is None or not self._may_see(principal, record):
                raise NotFound(f"no picture {pid}")
            if record.phash is None:
                return []
            return self._matches(session, principal, record.phash, record.id, limit, max_distance)

    def similar_to_upload(
        self, principal: Principal, options: dict[str, int], chunks: Iterator[bytes]
    ) -> list[Match]:
        """Nearest ready pictures to an uploaded file, which is hashed in memory and never stored."""
        limit, max_distance = _similar_bounds(
            options.get("limit", 0), options.get("max_distance", 0), "options."
        )
        stream = LimitedStream(chunks, self.max_bytes)
        data = stream.read()
        if not data:
            raise InvalidArgument([FieldViolation("chunk", "the file is empty")])
        try:
            phash = imaging.perceptual_hash_of(data)
        except imaging.Rejected as exc:
            raise InvalidArgument([FieldViolation("chunk", exc.reason)]) from None
        with session_scope(self.sessions) as session:
            return self._matches(session, principal, phash, None, limit, max_distance)

    def _matches(
        self,
        session: Session,
        principal: Principal,
        phash: int,
        exclude: uuid.UUID | None,
        limit: int,
        max_distance: int,
    ) -> list[Match]:
        nearest = self.repo.nearest(session, phash, exclude=exclude, max_distance=max_distance, limit=limit)
        records = self.repo.by_ids(session, [pid for pid, _ in nearest])
        return [Match(self._view(principal, records[pid]), d) for pid, d in nearest if pid in records]

    # ---- withdrawal -------------------------------------------------------------------------------------------

    def withdraw(self, principal: Principal, pid: str, reason: str) -> PictureView:
        reason = clean_text(reason).strip()
        if not 3 <= len(reason) <= 500:
            raise InvalidArgument([FieldViolation("reason", "3 to 500 characters")])
        with session_scope(self.sessions) as session:
            record = self.repo.get(session, parse_uuid(pid), lock=True)
            if record is None or not self._may_see(principal, record):
                raise NotFound(f"no picture {pid}")
            if not (
                principal.is_wco_admin
                or (principal.has_role(NCP) and principal.country == record.uploader_country)
            ):
                raise PermissionDenied("only the uploader's NCP or a wco-admin may withdraw a picture")
            if record.status is Status.WITHDRAWN:
                raise InvalidArgument([FieldViolation("id", "the picture is already withdrawn")])
            self.repo.withdraw(
                session, record.id, by=principal.username, reason=reason, now=datetime.now(UTC)
            )
            record = self.repo.get(session, record.id)
        assert record is not None
        # After the commit: a withdrawn picture is never served again, even if a removal below fails.
        self.remove_files(record.id)
        return self._view(principal, record)

    def remove_files(self, pid: uuid.UUID) -> None:
        for key in (original_key(pid), *rendition_keys(pid)):
            try:
                self.store.remove(BUCKET, key)
            except Exception as exc:  # logged: the record already says withdrawn
                log.warning(
                    "could not remove a withdrawn picture's file", extra={"key": key, "error": str(exc)}
                )

    # ---- who sees what ----------------------------------------------------------------------------------------

    def _may_see(self, principal: Principal, record: PictureRecord) -> bool:
        if record.status is Status.READY or principal.is_wco_admin:
            return True
        if record.uploader_id == principal.user_id:
            return True
        # The uploader's NCP follows its country's pictures, withdrawn ones included.
        return principal.has_role(NCP) and principal.country == record.uploader_country

    def _view(
        self, principal: Principal, record: PictureRecord, duplicates: tuple[uuid.UUID, ...] = ()
    ) -> PictureView:
        if principal.tier < Tier.READONLY:
            # The limited tier sees pictures, never which case they come from.
            record = replace(record, case_id=None, case_reference="")
        links = None
        if record.status is Status.READY:
            thumbnail, preview, full = rendition_keys(record.id)
            expires = datetime.now(UTC) + self.link_ttl
            links = Links(
                thumbnail_url=self.store.presigned_get(
                    BUCKET, thumbnail, self.link_ttl, record.rendition_type
                ),
                preview_url=self.store.presigned_get(BUCKET, preview, self.link_ttl, record.rendition_type),
                original_url=(
                    self.store.presigned_get(BUCKET, full, self.link_ttl, record.rendition_type)
                    if principal.tier >= Tier.READONLY
                    else ""
                ),
                expires_at=expires,
            )
        return PictureView(record, links, duplicates)


def _similar_bounds(limit: int, max_distance: int, prefix: str) -> tuple[int, int]:
    problems = []
    if not 0 <= limit <= MAX_SIMILAR:
        problems.append(FieldViolation(f"{prefix}limit", f"between 1 and {MAX_SIMILAR}"))
    if not 0 <= max_distance <= 64:
        problems.append(FieldViolation(f"{prefix}max_distance", "between 0 and 64"))
    if problems:
        raise InvalidArgument(problems)
    return limit or DEFAULT_SIMILAR, max_distance or DEFAULT_DISTANCE
