"""Processing of an uploaded picture (worker side): identify, check, re-encode without metadata, hash.

Safe to run twice, at once or after a crash: the attempt is counted in its own transaction, then the picture is
locked while it is processed, renditions go to fixed object keys, and the outcome is written in that same
transaction only while the picture is still pending. A second run waits for the lock and finds nothing to do;
a run killed half-way leaves the picture pending for the next delivery. So a picture becomes ready or rejected
exactly once.
"""

from __future__ import annotations

import io
import logging
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from cen_core.db import session_scope

from cen_cpdb import imaging
from cen_cpdb.domain import Kind, Status
from cen_cpdb.service import BUCKET, PictureService, original_key, rendition_keys

# A picture that breaks the worker this often (killed each time, never finishing) is given up on.
MAX_ATTEMPTS = 5

log = logging.getLogger("cen.cpdb.processing")


def process_picture(pictures: PictureService, pid: uuid.UUID) -> str:
    """Process one pending picture; returns what became of it ('ready', 'rejected', or 'done' if nothing to do)."""
    with session_scope(pictures.sessions) as session:
        attempts = pictures.repo.count_attempt(session, pid)
    if attempts is None:
        return "done"
    with session_scope(pictures.sessions) as session:
        record = pictures.repo.lock_pending(session, pid)
        if record is None:
            return "done"
        outcome = _outcome(pictures, pid, record.kind, attempts)
        if isinstance(outcome, str):
            pictures.repo.finish(
                session,
                pid,
                status=Status.REJECTED.value,
                status_reason=outcome[:500],
                processed_at=datetime.now(UTC),
            )
        else:
            pictures.repo.finish(
                session,
                pid,
                status=Status.READY.value,
                media_type=outcome.original_type,
                width=outcome.width,
                height=outcome.height,
                sha256=outcome.sha256,
                phash=outcome.phash,
                rendition_type=outcome.media_type,
                processed_at=datetime.now(UTC),
            )
    if isinstance(outcome, str):
        # A refused file is not kept: the store must never hold something that could be served by mistake.
        pictures.remove_files(pid)
        log.info("picture rejected", extra={"picture": str(pid), "reason": outcome})
        return Status.REJECTED.value
    return Status.READY.value


def _outcome(pictures: PictureService, pid: uuid.UUID, kind: Kind, attempts: int) -> imaging.Processed | str:
    """The processed picture with its renditions stored, or the reason it is refused."""
    if attempts > MAX_ATTEMPTS:
        return f"the picture could not be processed in {MAX_ATTEMPTS} attempts"
    with tempfile.TemporaryDirectory(prefix="cen-cpdb-") as tmp:
        path = Path(tmp) / "original"
        pictures.store.download(BUCKET, original_key(pid), path)
        try:
            done = imaging.process(path, xray=kind is Kind.XRAY)
        except imaging.Rejected as exc:
            return exc.reason
    for key, data in zip(rendition_keys(pid), (done.thumbnail, done.preview, done.full), strict=True):
        pictures.store.put_stream(
            BUCKET, key, io.BytesIO(data), length=len(data), content_type=done.media_type
        )
    return done
