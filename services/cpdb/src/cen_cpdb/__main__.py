"""Entry point: `python -m cen_cpdb serve|migrate|worker|seed`."""

from pathlib import Path

from cen_core.service_main import run

from cen_cpdb.grpc_api import create_server
from cen_cpdb.seed import seed_command
from cen_cpdb.settings import Settings
from cen_cpdb.tasks import make_celery

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    run(
        Settings,
        create_server=create_server,
        migrations_dir=MIGRATIONS,
        make_celery=make_celery,
        commands={"seed": seed_command},
    )
