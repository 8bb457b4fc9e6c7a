"""Alembic environment of the cws service."""

from cen_core.db import alembic_env_run

alembic_env_run(target_metadata=None)
