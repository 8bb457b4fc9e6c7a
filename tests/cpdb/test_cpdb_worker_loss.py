"""Killing the cpdb worker's processes in the middle of processing loses no picture and processes each once."""

from __future__ import annotations

import io
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy
from cen.cpdb.v1 import cpdb_pb2 as pb

from tests.conftest import ROOT
from tests.cpdb.conftest import Pictures, fetch

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def cpdb_db(stack_env: dict[str, str]) -> Iterator[sqlalchemy.Engine]:
    engine = sqlalchemy.create_engine(
        f"postgresql+psycopg://cen:{stack_env['CEN_DB_PASSWORD']}@127.0.0.1:5433/cen_cpdb"
    )
    yield engine
    engine.dispose()


def worker_children() -> list[int]:
    """The Celery pool processes under the local stack's cpdb worker (the ones that run tasks)."""
    parent = int((ROOT / ".devstack" / "run" / "cpdb-worker.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


def big_photo(seed: int) -> bytes:
    """A 12-megapixel photo-like JPEG: slow enough to process that a kill lands mid-task."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    noise = rng.integers(0, 255, (3000 // 8, 4000 // 8, 3), dtype=np.uint8)
    image = Image.fromarray(noise).resize((4000, 3000), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_killed_worker_loses_nothing(pictures: Pictures, cpdb_db: sqlalchemy.Engine) -> None:
    ids = [pictures.upload("unlimited", big_photo(seed), f"big{seed}.jpg").id for seed in range(6)]
    # Kill every pool process while the first pictures are being processed: their tasks were not
    # acknowledged, so the broker hands them out again to the pool processes the worker starts anew.
    deadline = time.monotonic() + 30
    killed_mid_task = False
    while time.monotonic() < deadline and not killed_mid_task:
        with cpdb_db.connect() as conn:
            started = conn.execute(
                sqlalchemy.text(
                    "SELECT count(*) FROM pictures WHERE id = ANY(CAST(:ids AS uuid[])) "
                    "AND attempts > 0 AND status = 'pending'"
                ),
                {"ids": ids},
            ).scalar_one()
        if started:
            for pid in worker_children():
                os.kill(pid, signal.SIGKILL)
            killed_mid_task = True
        time.sleep(0.05)
    assert killed_mid_task, "no picture was seen in processing"
    done = [pictures.wait("unlimited", pid, timeout=120) for pid in ids]
    assert [p.status for p in done] == [pb.PICTURE_STATUS_READY] * len(ids)
    with cpdb_db.connect() as conn:
        attempts = dict(
            conn.execute(
                sqlalchemy.text(
                    "SELECT id::text, attempts FROM pictures WHERE id = ANY(CAST(:ids AS uuid[]))"
                ),
                {"ids": ids},
            ).all()
        )
    assert max(attempts.values()) >= 2  # at least one picture was taken up again after the kill
    for picture in done:
        assert fetch(picture.links.preview_url).status_code == 200
