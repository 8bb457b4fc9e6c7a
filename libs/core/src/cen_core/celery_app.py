"""Celery app factory: Redis broker, one queue per service, late acknowledgement, request ids carried along."""

from __future__ import annotations

from typing import Any

from celery import Celery, Task
from celery.signals import before_task_publish, task_postrun, task_prerun
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from cen_core.logging import request_id_var

_HEADER = "cen_request_id"


def create_celery(service_name: str, broker_url: str, result_backend: str | None = None) -> Celery:
    app = Celery(f"cen_{service_name}", broker=broker_url, backend=result_backend)
    app.conf.update(
        task_default_queue=service_name,
        task_default_routing_key=service_name,
        task_acks_late=True,  # a task killed mid-way is redelivered; tasks are idempotent
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=300,
        task_time_limit=360,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        # Redis visibility timeout must exceed the longest task, or unacked tasks are redelivered early.
        broker_transport_options={"visibility_timeout": 3600},
        worker_hijack_root_logger=False,
        task_ignore_result=result_backend is None,
    )
    return app


@before_task_publish.connect  # type: ignore[untyped-decorator]
def _add_request_id(headers: dict[str, Any] | None = None, **_: Any) -> None:
    rid = request_id_var.get()
    if rid and headers is not None:
        headers[_HEADER] = rid


_tokens: dict[str, Any] = {}


@task_prerun.connect  # type: ignore[untyped-decorator]
def _set_request_id(task_id: str | None = None, task: Task | None = None, **_: Any) -> None:
    rid = getattr(task.request, _HEADER, None) if task is not None else None
    if rid is None and task is not None:
        rid = (task.request.headers or {}).get(_HEADER) if task.request.headers else None
    if rid and task_id:
        _tokens[task_id] = request_id_var.set(str(rid))


@task_postrun.connect  # type: ignore[untyped-decorator]
def _clear_request_id(task_id: str | None = None, **_: Any) -> None:
    token = _tokens.pop(task_id or "", None)
    if token is not None:
        request_id_var.reset(token)


def enqueue_after_commit(session: Session, task: Task, *args: Any, **kwargs: Any) -> None:
    """Send the task once the surrounding transaction commits; never if it rolls back or is closed.

    Without the disarm step a task queued in a rolled-back transaction would go out with the session's
    next, unrelated commit.
    """
    armed = True

    def send(_session: Session) -> None:
        nonlocal armed
        if armed:
            armed = False
            task.apply_async(args=args, kwargs=kwargs)

    def disarm(_session: Session, transaction: SessionTransaction) -> None:
        nonlocal armed
        if transaction.parent is None:  # the outer transaction ended (after_commit runs before this)
            armed = False

    event.listen(session, "after_commit", send, once=True)
    event.listen(session, "after_transaction_end", disarm)
