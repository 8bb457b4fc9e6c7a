"""Celery tasks of the seizures service (queue `seizures`): import jobs and watch-list hit mail."""

from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage
from functools import cache
from typing import Any

from celery import Celery
from cen_core.celery_app import create_celery
from cen_core.db import session_scope

from cen_seizures.settings import Settings

RUN_IMPORT = "cen_seizures.run_import"
DELIVER_HITS = "cen_seizures.deliver_watch_hits"
FOLD_ROLLUPS = "cen_seizures.fold_rollups"
HITS_PER_RUN = 200
# The sweep re-sends whatever a lost task (Redis or worker restart) left behind: the outbox is the truth.
SWEEP_SECONDS = 30.0

log = logging.getLogger("cen.seizures.tasks")


def make_celery(settings: Settings) -> Celery:
    app = create_celery(settings.service_name, settings.celery_broker_url)
    app.conf.beat_schedule = {
        "sweep-watch-hits": {"task": DELIVER_HITS, "schedule": SWEEP_SECONDS},
        # An import killed between a batch and its fold leaves queued cases; this folds them.
        "fold-rollups": {"task": FOLD_ROLLUPS, "schedule": SWEEP_SECONDS},
    }

    @cache
    def deps() -> Any:
        from cen_seizures.grpc_api import build_deps

        return build_deps(settings, celery=app)

    @app.task(name=RUN_IMPORT, soft_time_limit=3 * 3600, time_limit=3 * 3600 + 60)  # type: ignore[untyped-decorator]
    def run_import(job_id: str) -> None:
        deps().imports.run(uuid.UUID(job_id))

    @app.task(name=DELIVER_HITS)  # type: ignore[untyped-decorator]
    def deliver_watch_hits() -> int:
        return deliver_hits(deps().cases, settings)

    @app.task(name=FOLD_ROLLUPS)  # type: ignore[untyped-decorator]
    def fold_rollups() -> int:
        return int(deps().imports.fold_rollups())

    return app


def deliver_hits(cases: Any, settings: Settings) -> int:
    """Mail pending hits to their owners; a hit is marked sent only after the mail server accepted it."""
    sent = 0
    with session_scope(cases.sessions) as session:
        hits = cases.pending_hits(session, HITS_PER_RUN)
        if not hits:
            return 0
        delivered, failed = [], []
        try:
            smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10)
        except OSError as exc:
            log.warning("mail server unreachable; hits stay queued", extra={"error": str(exc)})
            return 0
        with smtp:
            for hit in hits:
                if not hit.owner_email:
                    # Nowhere to send it; the hit still shows in the app.
                    delivered.append(hit.id)
                    continue
                try:
                    smtp.send_message(hit_mail(hit, settings))
                    delivered.append(hit.id)
                    sent += 1
                except smtplib.SMTPException as exc:
                    log.warning("hit mail refused", extra={"hit": str(hit.id), "error": str(exc)})
                    failed.append(hit.id)
        cases.repo.mark_mailed(session, delivered, ok=True)
        cases.repo.mark_mailed(session, failed, ok=False)
    return sent


def hit_mail(hit: Any, settings: Settings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = hit.owner_email
    message["Subject"] = f'CEN watch list "{hit.watch_list_name}": case {hit.reference}'
    message.set_content(
        f"Hello {hit.owner_username},\n\n"
        f"The seizure case {hit.reference} (version {hit.seizure_version}) matches your watch list "
        f'"{hit.watch_list_name}".\n\n'
        f"Open it: {settings.public_url.rstrip('/')}/seizures/{hit.seizure_id}\n\n"
        "You receive this because you saved this watch list in the CEN database.\n"
    )
    return message
