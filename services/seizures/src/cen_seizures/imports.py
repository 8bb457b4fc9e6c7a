"""Import jobs: upload to the object store, then a worker validates and stores the rows in batches with progress."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cen_core.auth.principal import NCP, Principal, Tier
from cen_core.db import session_scope
from cen_core.errors import FieldViolation, InvalidArgument, NotFound, PermissionDenied
from cen_core.objectstore import LimitedStream, ObjectStore
from cen_core.paging import decode_keyset, keyset_id, keyset_time, page_size
from cen_core.text import clean_text, parse_uuid
from sqlalchemy.orm import Session

from cen_seizures import tabular
from cen_seizures.domain import EDITABLE, PUBLISHED, Status, ValidSeizure, changed_fields
from cen_seizures.repository import Page, line_rows, seizure_row
from cen_seizures.service import SeizureService, history_entry, keyset_page

BUCKET = "cen-seizures-imports"
BATCH_ROWS = 2000
# Rollups of imported cases are folded every this many batches: one fold of many cases touches each rollup
# row once instead of once per batch.
FOLD_EVERY_BATCHES = 10
MAX_IMPORT_BYTES = 200 * 1024 * 1024
FORMATS = {"FILE_FORMAT_CSV": "csv", "FILE_FORMAT_XLSX": "xlsx"}
LAYOUTS = {"SEIZURE_FORM_SIMPLIFIED": "simplified", "SEIZURE_FORM_LONG": "long"}
# Keep the error report useful and bounded: beyond this, rows are still counted as rejected.
MAX_STORED_ERRORS = 50_000


@dataclass
class CheckedBatch:
    size: int
    valid: list[tuple[int, ValidSeizure]] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def _batches(rows: Iterator[tabular.ParsedRow], size: int) -> Iterator[list[tabular.ParsedRow]]:
    batch: list[tabular.ParsedRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class BatchOutcome:
    imported: int = 0
    unchanged: int = 0
    rejected: int = 0


class ImportService:
    def __init__(
        self,
        cases: SeizureService,
        store: ObjectStore,
        enqueue: Callable[[Session, uuid.UUID], None],
        max_bytes: int = MAX_IMPORT_BYTES,
    ) -> None:
        self.cases = cases
        self.store = store
        self.enqueue = enqueue
        self.max_bytes = max_bytes

    # ---- API side ---------------------------------------------------------------------------------------------

    def start(self, principal: Principal, metadata: dict[str, Any], chunks: Iterator[bytes]) -> Any:
        """Stream the file into the object store, record the job and queue it once that is committed."""
        if principal.tier < Tier.UNLIMITED:
            raise PermissionDenied("importing needs the unlimited tier")
        if not principal.country and not principal.is_wco_admin:
            raise PermissionDenied("your account has no country to import for")
        fmt = FORMATS.get(str(metadata.get("format") or ""))
        layout = LAYOUTS.get(str(metadata.get("layout") or ""))
        violations = []
        if fmt is None:
            violations.append(
                FieldViolation("metadata.format", "must be FILE_FORMAT_CSV or FILE_FORMAT_XLSX")
            )
        if layout is None:
            violations.append(
                FieldViolation("metadata.layout", "must be SEIZURE_FORM_SIMPLIFIED or SEIZURE_FORM_LONG")
            )
        filename = (
            clean_text(str(metadata.get("filename") or "")).replace("/", "_")[:200]
            or f"import.{fmt or 'csv'}"
        )
        if violations:
            raise InvalidArgument(violations)
        submit = bool(metadata.get("submit"))
        if submit and not principal.has_role(NCP) and not principal.is_wco_admin:
            raise PermissionDenied("only the NCP may submit imported cases directly; import them as drafts")
        jid = uuid.uuid4()
        key = f"imports/{jid}/{filename}"
        self.store.ensure_bucket(BUCKET)
        stream = LimitedStream(chunks, self.max_bytes)
        self.store.put_stream(BUCKET, key, stream, content_type=tabular.CONTENT_TYPES[fmt])  # type: ignore[arg-type,index]
        if stream.size == 0:
            self.store.remove(BUCKET, key)
            raise InvalidArgument([FieldViolation("chunk", "the file is empty")])
        row = {
            "id": jid,
            # wco-admin imports for any country (each row names its own); everyone else for their own.
            "country": "--" if principal.is_wco_admin else principal.country,
            "created_by": principal.username,
            "filename": filename,
            "format": fmt,
            "layout": layout,
            "submit": submit,
            "status": "queued",
            "object_key": key,
            "size_bytes": stream.size,
            "created_at": datetime.now(UTC),
        }
        with session_scope(self.cases.sessions) as session:
            self.cases.repo.add_import_job(session, row)
            self.enqueue(session, jid)
            job = self.cases.repo.import_job(session, jid)
        return job

    def _visible_job(self, session: Session, principal: Principal, jid: str) -> Any:
        job = self.cases.repo.import_job(session, parse_uuid(jid))
        if job is None or (not principal.is_wco_admin and job.country != principal.country):
            raise NotFound(f"no import job {jid}")
        return job

    def get(self, principal: Principal, jid: str) -> Any:
        with session_scope(self.cases.sessions) as session:
            return self._visible_job(session, principal, jid)

    def list(self, principal: Principal, size: int, token: str) -> Page:
        limit = page_size(size)
        after = decode_keyset(token, "imports", [keyset_time, keyset_id])
        with session_scope(self.cases.sessions) as session:
            rows = self.cases.repo.import_jobs_of(
                session, None if principal.is_wco_admin else principal.country, after, limit + 1
            )
        return keyset_page(rows, limit, "imports", lambda r: [r.created_at.isoformat(), str(r.id)])

    def errors(self, principal: Principal, jid: str, size: int, token: str) -> Page:
        limit = page_size(size)
        after = decode_keyset(token, "import_errors", [int, int])
        with session_scope(self.cases.sessions) as session:
            job = self._visible_job(session, principal, jid)
            rows = self.cases.repo.import_errors_of(session, job.id, after, limit + 1)
        return keyset_page(rows, limit, "import_errors", lambda r: [r.line, r.seq])

    @staticmethod
    def template(layout: str, fmt: str) -> tuple[str, str, bytes]:
        """An empty import file of the layout (csv or xlsx): file name, media type, bytes."""
        return tabular.template_bytes(layout, fmt)

    # ---- worker side --------------------------------------------------------------------------------------------

    def run(self, jid: uuid.UUID) -> None:
        """Process one job; safe to run again after a crash (rows already stored come out unchanged)."""
        repo = self.cases.repo
        with session_scope(self.cases.sessions) as session:
            job = repo.import_job(session, jid, lock=True)
            if job is None or job.status in ("done", "failed"):
                return
            repo.update_import_job(
                session,
                jid,
                status="running",
                rows_done=0,
                rows_imported=0,
                rows_unchanged=0,
                rows_rejected=0,
            )
            repo.clear_import_errors(session, jid)
        with tempfile.TemporaryDirectory(prefix="cen-import-") as tmp:
            path = Path(tmp) / f"upload.{job.format}"
            self.store.download(BUCKET, job.object_key, path)
            try:
                total = tabular.count_rows(path, job.format)
                with session_scope(self.cases.sessions) as session:
                    repo.update_import_job(session, jid, rows_total=total)
                self._process(job, path)
            except tabular.FileRejected as exc:
                with session_scope(self.cases.sessions) as session:
                    repo.update_import_job(
                        session, jid, status="failed", failure=str(exc.reason), finished_at=datetime.now(UTC)
                    )
                return
        with session_scope(self.cases.sessions) as session:
            repo.update_import_job(session, jid, status="done", finished_at=datetime.now(UTC))

    def _process(self, job: Any, path: Path) -> None:
        """A pipeline of three: this thread reads and validates batch n+1 while the writer stores batch n and
        the folder folds earlier batches into the rollups, each on its own database connection."""
        errors_stored = 0
        batches = 0
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer") as writer,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-folder") as folder,
        ):
            pending: Future[int] | None = None
            folding: Future[int] | None = None
            for rows in _batches(tabular.read_rows(path, job.format, job.layout), BATCH_ROWS):
                checked = self._check_batch(job, rows)
                if pending is not None:
                    errors_stored = pending.result()
                batches += 1
                if batches % FOLD_EVERY_BATCHES == 0 and (folding is None or folding.done()):
                    if folding is not None:
                        folding.result()  # surface a failed fold
                    folding = folder.submit(self.fold_rollups)
                pending = writer.submit(self._write_batch, job, checked, errors_stored)
            if pending is not None:
                pending.result()
            if folding is not None:
                folding.result()
        # Whatever is still queued is folded before the job reports done.
        self.fold_rollups()

    def fold_rollups(self) -> int:
        """Fold queued cases into the rollups (also run by the periodic sweep after a crash)."""
        with session_scope(self.cases.sessions) as session:
            return self.cases.repo.fold_rollups(session)

    def _check_batch(self, job: Any, batch: list[tabular.ParsedRow]) -> CheckedBatch:
        """Validate one batch (no database): the valid cases, and each refused row's reasons."""
        checked = CheckedBatch(size=len(batch))
        seen: dict[str, int] = {}
        default_country = job.country if job.country != "--" else ""
        for parsed in batch:
            if parsed.errors or parsed.data is None:
                checked.errors += [(e.line, e.column, e.reason) for e in parsed.errors]
                continue
            data = parsed.data
            country = str(data.get("country") or default_country).upper()
            if job.country != "--" and country != job.country:
                checked.errors.append((parsed.line, "country", f"you may import cases of {job.country} only"))
                continue
            if not data.get("external_id"):
                checked.errors.append((parsed.line, "external_id", "required: it makes re-imports safe"))
                continue
            try:
                case = self.cases.validate(data, country=country)
            except InvalidArgument as exc:
                checked.errors += [
                    (parsed.line, tabular.column_for(job.layout, v.field), v.description)
                    for v in exc.violations
                ]
                continue
            key = f"{case.country}:{case.external_id}"
            if key in seen:
                checked.errors.append(
                    (parsed.line, "external_id", f"repeats the external id of line {seen[key]}")
                )
                continue
            seen[key] = parsed.line
            checked.valid.append((parsed.line, case))
        return checked

    def _write_batch(self, job: Any, checked: CheckedBatch, errors_stored: int) -> int:
        """Store one checked batch in one transaction: rows, history, queued rollups, hits, errors, progress."""
        repo = self.cases.repo
        errors, valid = checked.errors, checked.valid
        outcome = BatchOutcome(rejected=len({line for line, _, _ in errors}))
        now = datetime.now(UTC)
        status = Status.SUBMITTED if job.submit else Status.DRAFT
        with session_scope(self.cases.sessions) as session:
            existing = repo.by_external_ids(session, [(c.country, c.external_id or "") for _, c in valid])
            fresh = [c for _, c in valid if (c.country, c.external_id) not in existing]
            refs = iter(self._references(session, fresh))
            new_rows, new_lines, history, published = [], [], [], []
            for line, case in valid:
                found = existing.get((case.country, case.external_id or ""))
                if found is None:
                    sid = uuid.uuid4()
                    new_rows.append(
                        seizure_row(
                            sid, case, reference=next(refs), status=status, actor=job.created_by, now=now
                        )
                    )
                    new_lines += line_rows(sid, case)
                    history.append(history_entry(sid, 1, "imported", job.created_by, {}, case.content, now))
                    if status in PUBLISHED:
                        published.append(sid)
                    outcome.imported += 1
                    continue
                sid, current_status, content_hash, version = found
                if content_hash == case.content_hash:
                    outcome.unchanged += 1
                elif Status(current_status) not in EDITABLE:
                    errors.append(
                        (line, "external_id", f"case already {current_status}; correct it in the application")
                    )
                    outcome.rejected += 1
                else:
                    record = repo.get(session, sid)
                    assert record is not None  # locked by by_external_ids
                    before, after = changed_fields(record.content, case.content)
                    repo.replace_content(
                        session, sid, case, actor=job.created_by, now=now, version=version + 1
                    )
                    history.append(
                        history_entry(sid, version + 1, "imported", job.created_by, before, after, now)
                    )
                    outcome.imported += 1
            repo.insert(session, new_rows, new_lines)
            repo.add_history(session, history)
            repo.queue_rollups(session, published)
            self.cases.record_hits(session, published)
            room = max(0, MAX_STORED_ERRORS - errors_stored)
            repo.add_import_errors(
                session,
                [
                    {"job_id": job.id, "line": line, "col": column, "reason": reason[:500], "seq": i}
                    for i, (line, column, reason) in enumerate(errors[:room])
                ],
            )
            repo.add_to_import_counts(
                session,
                job.id,
                rows_done=checked.size,
                rows_imported=outcome.imported,
                rows_unchanged=outcome.unchanged,
                rows_rejected=outcome.rejected,
            )
        return errors_stored + min(room, len(errors))

    def _references(self, session: Session, cases: list[ValidSeizure]) -> list[str]:
        """Reference numbers for new cases, one block per country and year, all in one statement."""
        counts: dict[tuple[str, int], int] = {}
        for case in cases:
            key = (case.country, case.seizure_date.year)
            counts[key] = counts.get(key, 0) + 1
        if not counts:
            return []
        next_seq = self.cases.repo.allocate_reference_blocks(session, counts)
        references = []
        for case in cases:
            key = (case.country, case.seizure_date.year)
            references.append(f"{key[0]}-{key[1]}-{next_seq[key]:06d}")
            next_seq[key] += 1
        return references
