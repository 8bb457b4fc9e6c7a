"""Celery app of the auth service (queue `auth`); auth has no background task yet, its worker idles."""

from __future__ import annotations

from celery import Celery
from cen_core.celery_app import create_celery

from cen_auth.settings import AuthSettings


def make_celery(settings: AuthSettings) -> Celery:
    return create_celery(settings.service_name, settings.celery_broker_url)
