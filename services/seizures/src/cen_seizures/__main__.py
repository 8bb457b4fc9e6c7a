"""Entry point: `python -m cen_seizures serve|migrate|worker|seed`."""

from pathlib import Path

from cen_core.service_main import run

from cen_seizures.grpc_api import create_server
from cen_seizures.seed import rebuild_rollups_command, seed_command
from cen_seizures.settings import Settings
from cen_seizures.tasks import make_celery

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    run(
        Settings,
        create_server=create_server,
        migrations_dir=MIGRATIONS,
        make_celery=make_celery,
        commands={"seed": seed_command, "rebuild-rollups": rebuild_rollups_command},
    )
