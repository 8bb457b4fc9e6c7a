"""Entry point: `python -m cen_cws serve|migrate|worker`."""

from pathlib import Path

from cen_core.service_main import run

from cen_cws.grpc_api import create_server
from cen_cws.settings import Settings
from cen_cws.tasks import make_celery

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    run(Settings, create_server=create_server, migrations_dir=MIGRATIONS, make_celery=make_celery)
