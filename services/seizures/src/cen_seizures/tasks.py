"""Celery tasks of the seizures service (queue `seizures`)."""

from celery import Celery
from cen_core.celery_app import create_celery

from cen_seizures.settings import Settings


def make_celery(settings: Settings) -> Celery:
    return create_celery(settings.service_name, settings.celery_broker_url)
