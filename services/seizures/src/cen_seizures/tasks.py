"""Celery tasks of the seizures service (queue `seizures`)."""

import os

from cen_core.celery_app import create_celery

celery_app = create_celery("seizures", os.environ.get("CEN_CELERY_BROKER_URL", "redis://127.0.0.1:6380/1"))
