"""Entry point: `python -m cen_auth serve|migrate|worker`."""

from __future__ import annotations

from pathlib import Path

from cen_core.service_main import run

from cen_auth.grpc_api import build_deps, create_server
from cen_auth.settings import AuthSettings
from cen_auth.tasks import make_celery

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


if __name__ == "__main__":
    run(
        AuthSettings,
        create_server=lambda settings: create_server(settings, build_deps(settings)),
        migrations_dir=MIGRATIONS_DIR,
        make_celery=make_celery,
    )
