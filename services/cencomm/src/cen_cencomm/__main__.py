"""Entry point: `python -m cen_cencomm serve|migrate|worker`."""

from pathlib import Path

from cen_core.service_main import run

from cen_cencomm.grpc_api import create_server
from cen_cencomm.settings import Settings
from cen_cencomm.tasks import make_celery

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    run(Settings, create_server=create_server, migrations_dir=MIGRATIONS, make_celery=make_celery)
