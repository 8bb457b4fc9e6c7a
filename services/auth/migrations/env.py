"""Alembic environment of the auth service (run by `python -m cen_auth migrate`)."""

from __future__ import annotations

from cen_auth.models import Base
from cen_core.db import alembic_env_run

alembic_env_run(Base.metadata)
