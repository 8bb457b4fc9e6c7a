"""Use cases of the CEN database: who may do what with a case, the status workflow, search, watch lists."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from cen_core.auth.principal import NCP, RILO_ANALYST, Principal, Tier
from cen_core.db import session_scope
from cen_core.errors import (
    Conflict,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from cen_core.paging import (
    decode_keyset,
    decode_offset,
    encode_keyset,
    encode_offset,
    keyset_date,
    keyset_id,
    keyset_time,
    page_size,
)
from cen_core.reference import ReferenceData
from cen_core.text import clean_text, parse_uuid
from sqlalchemy.orm import Session, sessionmaker

from cen_seizures import tabular
from cen_seizures.domain import (
    EDITABLE,
    PUBLISHED,
    SeizureRecord,
    Status,
    ValidSeizure,
    changed_fields,
    validate_seizure,
)
from cen_seizures.repository import (
    EXACT_FACET_LIMIT,
    FACET_SAMPLE_ROWS,
    FEW_MATCHES,
    Page,
    SeizureRepository,
    line_rows,
    seizure_row,
)
from cen_seizures.search import SearchFilter, Visibility, parse_filter

# The column whose value (with the id) a keyset page token carries.
# How a page token's sort value is checked before it reaches SQL (tokens come back from clients).
SORT_CHECKS: dict[str, Callable[[Any], object]] = {
    "date_desc": keyset_date,
    "date_asc": keyset_date,
    "quantity_desc": float,
    "updated_desc": keyset_time,
}
SORT_KEYS = {
    "date_desc": "seizure_date",
    "date_asc": "seizure_date",
    "quantity_desc": "first_quantity",
    "updated_desc": "updated_at",
}
MAX_RELEVANCE_OFFSET = 1_950  # relevance ranks the 2,000 most recent matches
MAX_WATCH_LISTS = 100


def visibility(principal: Principal) -> Visibility:
    return Visibility(country=principal.country, all_countries=principal.is_wco_admin)


def can_see(principal: Principal, record: SeizureRecord) -> bool:
    return principal.is_wco_admin or record.status in PUBLISHED or record.country == principal.country


@dataclass(frozen=True)
class SearchResult:
    rows: list[Any]
    next_token: str
    total: int
    total_is_estimate: bool
    facets: dict[str, list[tuple[str, int]]]


# Called with the ids of cases whose hits were written, after the transaction commits.
HitsNotifier = Callable[[Session], None]


class SeizureService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        ref: ReferenceData,
        repo: SeizureRepository | None = None,
        notify_hits: HitsNotifier | None = None,
        today: Callable[[], date] = lambda: datetime.now(UTC).date(),
    ) -> None:
        self.sessions = sessions
        self.ref = ref
        self.repo = repo or SeizureRepository()
        self.notify_hits = notify_hits
        self._pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="search-page")
        self.today = today

    # ---- authorisation ---------------------------------------------------------------------------------------

    def _entry_country(self, principal: Principal, requested: str) -> str:
        """Data entry: unlimited users enter cases of their own country; wco-admin any country."""
        if principal.tier < Tier.UNLIMITED:
            raise PermissionDenied("data entry needs the unlimited tier")
        country = clean_text(requested).upper() or principal.country
        if not principal.is_wco_admin and country != principal.country:
            raise PermissionDenied(
                f"you may enter cases of your own country ({principal.country or 'none'}) only"
            )
        if not country:
            raise InvalidArgument(
                [FieldViolation("seizure.country", "required (your account has no country)")]
            )
        return country

    def _load(self, session: Session, principal: Principal, sid: str, *, lock: bool = False) -> SeizureRecord:
        record = self.repo.get(session, parse_uuid(sid), lock=lock)
        if record is None or not can_see(principal, record):
            raise NotFound(f"no seizure {sid}")
        return record

    @staticmethod
    def _check_version(record: SeizureRecord, version: int) -> None:
        if version != record.version:
            raise Conflict(
                f"the case changed since you read it (your version {version}, now {record.version}); "
                "reload it and apply your change again"
            )

    def _check_editable(self, principal: Principal, record: SeizureRecord) -> None:
        if not principal.is_wco_admin and (
            principal.tier < Tier.UNLIMITED or record.country != principal.country
        ):
            raise PermissionDenied(f"only users of {record.country} may change this case")
        if record.status not in EDITABLE:
            raise FailedPrecondition(
                f"a {record.status.value} case cannot be changed; only drafts and returned cases"
            )

    # ---- cases -------------------------------------------------------------------------------------------------

    def validate(self, data: dict[str, Any], *, country: str) -> ValidSeizure:
        return validate_seizure(data, ref=self.ref, today=self.today(), default_country=country)

    def create(self, principal: Principal, data: dict[str, Any]) -> SeizureRecord:
        country = self._entry_country(principal, str(data.get("country") or ""))
        valid = self.validate({**data, "country": country}, country=country)
        now = datetime.now(UTC)
        with session_scope(self.sessions) as session:
            if valid.external_id and self.repo.by_external_ids(session, [(country, valid.external_id)]):
                raise Conflict(f"a case with external id {valid.external_id} already exists for {country}")
            duplicates = self.repo.possible_duplicates(session, valid, None)
            sid = uuid.uuid4()
            [reference] = self.repo.allocate_references(session, country, valid.seizure_date.year, 1)
            row = seizure_row(
                sid, valid, reference=reference, status=Status.DRAFT, actor=principal.username, now=now
            )
            self.repo.insert(session, [row], line_rows(sid, valid))
            self.repo.add_history(
                session, [history_entry(sid, 1, "created", principal, {}, valid.content, now)]
            )
            record = self.repo.get(session, sid)
        assert record is not None
        record.possible_duplicates = duplicates
        return record

    def get(self, principal: Principal, sid: str) -> SeizureRecord:
        with session_scope(self.sessions) as session:
            return self._load(session, principal, sid)

    def update(self, principal: Principal, sid: str, version: int, data: dict[str, Any]) -> SeizureRecord:
        now = datetime.now(UTC)
        with session_scope(self.sessions) as session:
            record = self._load(session, principal, sid, lock=True)
            self._check_editable(principal, record)
            self._check_version(record, version)
            valid = self.validate({**data, "country": record.country}, country=record.country)
            before, after = changed_fields(record.content, valid.content)
            if not after and not before:
                return record
            self.repo.replace_content(
                session, record.id, valid, actor=principal.username, now=now, version=record.version + 1
            )
            self.repo.add_history(
                session,
                [history_entry(record.id, record.version + 1, "updated", principal, before, after, now)],
            )
            duplicates = self.repo.possible_duplicates(session, valid, record.id)
            updated = self.repo.get(session, record.id)
        assert updated is not None
        updated.possible_duplicates = duplicates
        return updated

    def delete(self, principal: Principal, sid: str, version: int) -> None:
        now = datetime.now(UTC)
        with session_scope(self.sessions) as session:
            record = self._load(session, principal, sid, lock=True)
            self._check_editable(principal, record)
            self._check_version(record, version)
            if record.status is not Status.DRAFT or record.submitted_at is not None:
                raise FailedPrecondition("only drafts that were never submitted can be deleted")
            self.repo.delete(session, record.id)
            self.repo.add_history(
                session,
                [history_entry(record.id, record.version + 1, "deleted", principal, record.content, {}, now)],
            )

    def submit(self, principal: Principal, sid: str, version: int) -> SeizureRecord:
        with session_scope(self.sessions) as session:
            record = self._load(session, principal, sid, lock=True)
            if not principal.is_wco_admin and not (
                principal.has_role(NCP) and record.country == principal.country
            ):
                raise PermissionDenied(f"only the NCP of {record.country} may submit this case")
            if record.status not in EDITABLE:
                raise FailedPrecondition(f"a {record.status.value} case cannot be submitted")
            self._check_version(record, version)
            return self._transition(session, principal, record, Status.SUBMITTED, "submitted", "")

    def validate_case(self, principal: Principal, sid: str, version: int) -> SeizureRecord:
        with session_scope(self.sessions) as session:
            record = self._rilo_case(session, principal, sid, version)
            return self._transition(session, principal, record, Status.VALIDATED, "validated", "")

    def return_case(self, principal: Principal, sid: str, version: int, reason: str) -> SeizureRecord:
        reason = clean_text(reason, multiline=True)
        if not reason:
            raise InvalidArgument([FieldViolation("reason", "required: tell the country what to correct")])
        if len(reason) > 2000:
            raise InvalidArgument([FieldViolation("reason", "must be at most 2000 characters")])
        with session_scope(self.sessions) as session:
            record = self._rilo_case(session, principal, sid, version)
            return self._transition(session, principal, record, Status.RETURNED, "returned", reason)

    def _rilo_case(self, session: Session, principal: Principal, sid: str, version: int) -> SeizureRecord:
        record = self._load(session, principal, sid, lock=True)
        if not principal.is_wco_admin and not (
            principal.has_role(RILO_ANALYST) and record.rilo == principal.rilo
        ):
            raise PermissionDenied(f"only analysts of RILO {record.rilo} may validate or return this case")
        if record.status is not Status.SUBMITTED:
            raise FailedPrecondition(
                f"only submitted cases can be validated or returned (this one is {record.status.value})"
            )
        self._check_version(record, version)
        return record

    def _transition(
        self,
        session: Session,
        principal: Principal,
        record: SeizureRecord,
        status: Status,
        action: str,
        reason: str,
    ) -> SeizureRecord:
        now = datetime.now(UTC)
        self.repo.apply_rollups(session, [record.id], -1)
        values: dict[str, Any] = {
            "status": status.value,
            "version": record.version + 1,
            "updated_by": principal.username,
            "updated_at": now,
            "return_reason": reason,
        }
        if status is Status.SUBMITTED:
            values["submitted_at"] = now
        if status is Status.VALIDATED:
            values.update(validated_at=now, validated_by=principal.username)
        self.repo.set_status(session, record.id, **values)
        self.repo.apply_rollups(session, [record.id], 1)
        self.repo.add_history(
            session,
            [
                history_entry(
                    record.id,
                    record.version + 1,
                    action,
                    principal,
                    {"status": record.status.value},
                    {"status": status.value},
                    now,
                    reason,
                )
            ],
        )
        if status in PUBLISHED:
            self.record_hits(session, [record.id])
        updated = self.repo.get(session, record.id)
        assert updated is not None
        return updated

    def history(self, principal: Principal, sid: str, size: int, token: str) -> Page:
        limit = page_size(size)
        after = decode_keyset(token, "history", [int])
        with session_scope(self.sessions) as session:
            record = self._load(session, principal, sid)
            rows = self.repo.history(session, record.id, int(after[0]) if after else None, limit + 1)  # type: ignore[arg-type]
        more = len(rows) > limit
        rows = rows[:limit]
        return Page(rows, encode_keyset("history", [rows[-1].id]) if more else "")

    # ---- search ----------------------------------------------------------------------------------------------

    def parse_filter(self, data: dict[str, Any] | None, prefix: str = "filter.") -> SearchFilter:
        return parse_filter(data, self.ref, prefix)

    def search(
        self,
        principal: Principal,
        filter_data: dict[str, Any] | None,
        sort: str,
        size: int,
        token: str,
        *,
        with_facets: bool = True,
    ) -> SearchResult:
        f = self.parse_filter(filter_data)
        limit = page_size(size)
        if sort == "relevance" and not f.text:
            sort = "date_desc"
        vis = visibility(principal)
        offset, after = 0, None
        if sort == "relevance":
            offset = decode_offset(token)
            if offset > MAX_RELEVANCE_OFFSET:
                raise InvalidArgument([FieldViolation("page.page_token", "too deep: refine the search")])
        else:
            after = decode_keyset(token, sort, [SORT_CHECKS[sort], keyset_id])
        with session_scope(self.sessions) as session:
            # The planner's estimate decides between sorting the matches and walking a sort index. Text
            # matches come from the GIN index; walking the date index instead would test the (TOASTed)
            # search vector of every case it passes.
            planned = self.repo.estimate_matches(session, f, vis)
            few = bool(f.text) or planned < FEW_MATCHES["quantity" if sort == "quantity_desc" else "date"]

            def page() -> list[Any]:
                with session_scope(self.sessions) as own:
                    return self.repo.search(
                        own, f, vis, sort=sort, after=after, offset=offset, limit=limit + 1, few=few
                    )

            # The page on its own connection, the count and facets on this one: PostgreSQL runs them at once.
            rows_future = self._pool.submit(page)
            total = self.repo.count_matches(session, f, vis, EXACT_FACET_LIMIT)
            estimate = total > EXACT_FACET_LIMIT
            facets: dict[str, list[tuple[str, int]]] = {}
            if estimate:
                total = max(planned, total)
            if with_facets:
                sample = None
                if estimate:
                    size_all = max(self.repo.table_size(session), 1)
                    sample = min(100.0, max(0.5, 100.0 * FACET_SAMPLE_ROWS / size_all))
                facets = self.repo.facets(session, f, vis, sample_percent=sample)
            rows = rows_future.result()
        next_token = ""
        if len(rows) > limit:
            if sort == "relevance":
                next_token = encode_offset(offset + limit)
            else:
                last = rows[limit - 1]._mapping
                value = last[SORT_KEYS[sort]]
                next_token = encode_keyset(
                    sort, [value.isoformat() if hasattr(value, "isoformat") else value, str(last["id"])]
                )
        return SearchResult(rows[:limit], next_token, total, estimate, facets)

    def export(
        self, principal: Principal, filter_data: dict[str, Any] | None, sort: str, fmt: str
    ) -> tuple[str, str, Iterator[bytes]]:
        """File name, media type and the streamed file (csv, xlsx, jsonl) of every matching case."""
        # Checked now, before the first byte, so that bad criteria get a clean error instead of a broken file.
        self.parse_filter(filter_data)
        rows = (tabular.seizure_to_export_row(s) for s in self.export_rows(principal, filter_data, sort))
        filename = f"cen-seizures.{tabular.FILE_EXTENSIONS[fmt]}"
        return filename, tabular.CONTENT_TYPES[fmt], tabular.export_chunks(rows, fmt)

    def export_rows(
        self, principal: Principal, filter_data: dict[str, Any] | None, sort: str
    ) -> Iterable[dict[str, Any]]:
        """Every matching case as a Seizure JSON dict, streamed from one read transaction."""
        f = self.parse_filter(filter_data)
        vis = visibility(principal)
        session = self.sessions()
        try:
            for row in self.repo.stream_matches(
                session, f, vis, sort if sort != "relevance" else "date_desc"
            ):
                m = row._mapping
                yield {
                    "id": str(m["id"]),
                    "reference": m["reference"],
                    "status": m["status"],
                    "country": m["country"],
                    "region": m["region"],
                    "rilo": m["rilo"],
                    "version": m["version"],
                    "content": m["content"],
                }
        finally:
            session.close()

    # ---- watch lists --------------------------------------------------------------------------------------------

    def create_watch_list(self, principal: Principal, name: str, criteria: dict[str, Any]) -> dict[str, Any]:
        name = clean_text(name)
        violations = []
        if not name:
            violations.append(FieldViolation("name", "required"))
        elif len(name) > 200:
            violations.append(FieldViolation("name", "must be at most 200 characters"))
        f = self.parse_filter(criteria.get("filter"), "criteria.filter.")
        ids = conveyance_ids(criteria, violations)
        if violations:
            raise InvalidArgument(violations)
        stored = {"filter": f.as_json(), **{k: v for k, v in ids.items() if v}}
        if stored == {"filter": {}}:
            raise InvalidArgument(
                [FieldViolation("criteria", "give at least one filter or conveyance identifier")]
            )
        row = {
            "id": uuid.uuid4(),
            "owner_id": principal.user_id,
            "owner_username": principal.username,
            "owner_email": principal.email,
            "owner_country": principal.country or "--",
            "owner_all_countries": principal.is_wco_admin,
            "name": name,
            "criteria": stored,
            "created_at": datetime.now(UTC),
        }
        with session_scope(self.sessions) as session:
            if (
                len(self.repo.watch_lists_of(session, principal.user_id, None, MAX_WATCH_LISTS))
                >= MAX_WATCH_LISTS
            ):
                raise FailedPrecondition(f"at most {MAX_WATCH_LISTS} watch lists per user; delete one first")
            self.repo.add_watch_list(session, row)
        return {**row, "hit_count": 0}

    def list_watch_lists(self, principal: Principal, size: int, token: str) -> Page:
        limit = page_size(size)
        after = decode_keyset(token, "watch_lists", [keyset_time, keyset_id])
        with session_scope(self.sessions) as session:
            rows = self.repo.watch_lists_of(session, principal.user_id, after, limit + 1)
        return keyset_page(rows, limit, "watch_lists", lambda r: [r.created_at.isoformat(), str(r.id)])

    def delete_watch_list(self, principal: Principal, wid: str) -> None:
        with session_scope(self.sessions) as session:
            row = self.repo.watch_list(session, parse_uuid(wid))
            if row is None or row.owner_id != principal.user_id:
                raise NotFound(f"no watch list {wid}")
            self.repo.delete_watch_list(session, row.id)

    def list_hits(self, principal: Principal, wid: str, size: int, token: str) -> Page:
        limit = page_size(size)
        after = decode_keyset(token, "hits", [keyset_time, keyset_id])
        watch = parse_uuid(wid, "watch_list_id") if wid else None
        with session_scope(self.sessions) as session:
            rows = self.repo.hits_of(session, principal.user_id, watch, after, limit + 1)
        return keyset_page(rows, limit, "hits", lambda r: [r.created_at.isoformat(), str(r.id)])

    def record_hits(self, session: Session, ids: Sequence[uuid.UUID]) -> int:
        """Write an outbox hit for every watch list matching these (new or changed, published) cases."""
        if not ids:
            return 0
        hits: list[dict[str, Any]] = []
        now = datetime.now(UTC)
        lists = self.repo.all_watch_lists(session)
        if not lists:
            return 0
        for watch in lists:
            f = self.parse_filter(watch.criteria.get("filter"), "criteria.filter.")
            f = _with_conveyance(f, watch.criteria)
            vis = Visibility(country=watch.owner_country, all_countries=watch.owner_all_countries)
            for sid in self.repo.matching_ids(session, f, vis, ids):
                hits.append(
                    {"id": uuid.uuid4(), "watch_list_id": watch.id, "seizure_id": sid, "created_at": now}
                )
        if not hits:
            return 0
        refs = {r.id: r for r in (self.repo.get(session, h["seizure_id"]) for h in hits) if r}
        for hit in hits:
            record = refs[hit["seizure_id"]]
            hit.update(
                seizure_version=record.version, reference=record.reference, mailed_at=None, mail_attempts=0
            )
        written = self.repo.add_hits(session, hits)
        if written and self.notify_hits is not None:
            self.notify_hits(session)
        return len(written)

    def pending_hits(self, session: Session, limit: int) -> list[Any]:
        return self.repo.unmailed_hits(session, limit)


def history_entry(
    sid: uuid.UUID,
    version: int,
    action: str,
    principal: Principal | str,
    before: dict[str, Any],
    after: dict[str, Any],
    now: datetime,
    reason: str = "",
) -> dict[str, Any]:
    actor = principal if isinstance(principal, str) else principal.username
    return {
        "seizure_id": sid,
        "version": version,
        "action": action,
        "actor": actor,
        "occurred_at": now,
        "before": before,
        "after": after,
        "reason": reason,
    }


def conveyance_ids(criteria: dict[str, Any], violations: list[FieldViolation]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in ("container_numbers", "vessel_imos", "flight_numbers", "vehicle_plates"):
        raw = criteria.get(key) or []
        if not isinstance(raw, list) or len(raw) > 100:
            violations.append(FieldViolation(f"criteria.{key}", "a list of at most 100 identifiers"))
            continue
        values = []
        for i, value in enumerate(raw):
            ident = clean_text(str(value)).upper()
            if key != "vehicle_plates":
                ident = ident.replace(" ", "")
            if not ident or len(ident) > 40:
                violations.append(FieldViolation(f"criteria.{key}[{i}]", "1 to 40 characters"))
            values.append(ident)
        out[key] = sorted(set(values))
    return out


def _with_conveyance(f: SearchFilter, criteria: dict[str, Any]) -> SearchFilter:
    ids = sorted(
        {
            i
            for key in ("container_numbers", "vessel_imos", "flight_numbers", "vehicle_plates")
            for i in criteria.get(key) or []
        }
    )
    if not ids:
        return f
    return replace(f, conveyance_ids=tuple(ids))


def keyset_page(rows: list[Any], limit: int, kind: str, key: Callable[[Any], list[Any]]) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_keyset(kind, key(rows[-1])) if more else "")
