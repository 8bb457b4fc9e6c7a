"""Celery tasks of the cpdb service (queue `cpdb`): processing pictures, and a sweep for lost tasks."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from celery import Celery
from cen_core.celery_app import create_celery
from cen_core.db import session_scope

from cen_cpdb.settings import Settings

PROCESS_PICTURE = "cen_cpdb.process_picture"
SWEEP_PENDING = "cen_cpdb.sweep_pending"
SWEEP_SECONDS = 60.0
# A picture still pending this long after upload lost its task (Redis restarted, worker killed): send it again.
STALE_AFTER = timedelta(minutes=2)


def make_celery(settings: Settings) -> Celery:
    app = create_celery(settings.service_name, settings.celery_broker_url)
    app.conf.beat_schedule = {"sweep-pending-pictures": {"task": SWEEP_PENDING, "schedule": SWEEP_SECONDS}}

    @cache
    def deps() -> Any:
        from cen_cpdb.grpc_api import build_deps

        return build_deps(settings, celery=app)

    # Acknowledged after it ran (cen_core's default): a worker killed mid-way leaves the message to another.
    @app.task(name=PROCESS_PICTURE)  # type: ignore[untyped-decorator]
    def process_picture(picture_id: str) -> str:
        from cen_cpdb.processing import process_picture as run

        return run(deps().pictures, uuid.UUID(picture_id))

    @app.task(name=SWEEP_PENDING)  # type: ignore[untyped-decorator]
    def sweep_pending() -> int:
        pictures = deps().pictures
        with session_scope(pictures.sessions) as session:
            stale = pictures.repo.stale_pending(session, datetime.now(UTC) - STALE_AFTER, 500)
        for pid in stale:
            process_picture.apply_async(args=[str(pid)])
        return len(stale)

    return app
