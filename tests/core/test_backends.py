"""libs/core against the real local stack: PostgreSQL sessions and migrations, Celery over Redis, the S3 store."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
from cen_core.celery_app import enqueue_after_commit
from cen_core.db import create_engine, make_sessionmaker, run_migrations, session_scope
from cen_core.objectstore import ObjectStore

pytestmark = pytest.mark.integration


def db_url(stack_env: dict[str, str]) -> str:
    return f"postgresql+psycopg://cen:{stack_env['CEN_DB_PASSWORD']}@127.0.0.1:5433/cen_cws"


def test_session_scope_commits_or_rolls_back(stack_env: dict[str, str]) -> None:
    engine = create_engine(db_url(stack_env))
    table = f"core_test_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE TABLE {table} (id int primary key)"))
    try:
        factory = make_sessionmaker(engine)
        with session_scope(factory) as session:
            session.execute(sa.text(f"INSERT INTO {table} VALUES (1)"))
        with pytest.raises(sa.exc.IntegrityError), session_scope(factory) as session:
            session.execute(sa.text(f"INSERT INTO {table} VALUES (2)"))
            session.execute(
                sa.text(f"INSERT INTO {table} VALUES (1)")
            )  # duplicate: the whole block rolls back
        with engine.connect() as conn:
            assert conn.execute(sa.text(f"SELECT array_agg(id) FROM {table}")).scalar() == [1]
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE {table}"))
        engine.dispose()


def test_run_migrations_applies_a_service_folder(stack_env: dict[str, str], tmp_path: Path) -> None:
    table = f"core_mig_{uuid.uuid4().hex[:8]}"
    (tmp_path / "versions").mkdir()
    (tmp_path / "env.py").write_text("from cen_core.db import alembic_env_run\nalembic_env_run(None)\n")
    (tmp_path / "versions" / "0001_t.py").write_text(
        textwrap.dedent(f"""
        import sqlalchemy as sa
        from alembic import op
        revision = "0001"
        down_revision = None
        def upgrade():
            op.create_table("{table}", sa.Column("id", sa.Integer, primary_key=True))
        """)
    )
    engine = create_engine(db_url(stack_env))
    schema = f"s_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        url = db_url(stack_env) + f"?options=-csearch_path%3D{schema}"
        run_migrations(url, tmp_path)
        run_migrations(url, tmp_path)  # idempotent
        with engine.connect() as conn:
            assert conn.execute(sa.text(f"SELECT to_regclass('{schema}.{table}')")).scalar() is not None
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def test_celery_round_trip_carries_the_request_id(stack_env: dict[str, str], tmp_path: Path) -> None:
    """A real worker on a scratch queue: tasks run with the publisher's request id, and a task queued with
    enqueue_after_commit goes out only when its transaction commits."""
    queue = f"coretest-{uuid.uuid4().hex[:8]}"
    out = tmp_path / "seen.txt"
    (tmp_path / "coretasks.py").write_text(
        textwrap.dedent(f"""
        from cen_core.celery_app import create_celery
        from cen_core.logging import request_id_var
        app = create_celery("{queue}", "redis://127.0.0.1:6380/1")
        @app.task(name="record")
        def record(value):
            with open({str(out)!r}, "a") as f:
                f.write(value + ":" + request_id_var.get() + "\\n")
        """)
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coretasks",
            "worker",
            "-Q",
            queue,
            "-c",
            "1",
            "-P",
            "solo",
            "-l",
            "WARNING",
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = create_engine(db_url(stack_env))
    factory = make_sessionmaker(engine)
    try:
        sys.path.insert(0, str(tmp_path))
        import coretasks  # type: ignore[import-not-found]
        from cen_core.logging import request_id_var

        token = request_id_var.set("req-celery-1")
        coretasks.record.delay("hello")
        request_id_var.reset(token)

        session = factory()
        enqueue_after_commit(session, coretasks.record, "rolled-back")
        session.execute(sa.text("SELECT 1"))
        session.rollback()
        session.execute(sa.text("SELECT 1"))
        session.commit()  # a later, unrelated commit must not send the rolled-back task
        session.close()
        with session_scope(factory) as session:
            enqueue_after_commit(session, coretasks.record, "committed")
            session.execute(sa.text("SELECT 1"))
            time.sleep(0.5)
            assert not out.exists() or "committed" not in out.read_text()  # not before the commit

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "committed" not in (out.read_text() if out.exists() else ""):
            time.sleep(0.2)
        # one solo worker runs the queue in order: had the rolled-back task been sent, it would be here
        assert out.read_text().splitlines() == ["hello:req-celery-1", "committed:"]
    finally:
        sys.path.remove(str(tmp_path))
        engine.dispose()
        worker.terminate()
        worker.wait(20)


def test_object_store_round_trip(stack_env: dict[str, str]) -> None:
    store = ObjectStore("127.0.0.1:8333", stack_env["CEN_S3_ACCESS_KEY"], stack_env["CEN_S3_SECRET_KEY"])
    bucket = "cen-core-test"
    key = f"t/{uuid.uuid4().hex}.bin"
    store.ensure_bucket(bucket)
    store.ensure_bucket(bucket)
    data = b"x" * 100_000
    store.put_stream(bucket, key, io.BytesIO(data), len(data))
    assert store.exists(bucket, key)
    assert store.read(bucket, key) == data
    url = store.presigned_get(bucket, key)
    assert url.startswith("http://127.0.0.1:8333/")
    assert requests.get(url, timeout=10).content == data
    assert requests.get(url.split("?")[0], timeout=10).status_code == 403  # the bucket is private
    store.remove(bucket, key)
    assert not store.exists(bucket, key)


def test_object_store_streams_unknown_length_in_parts(stack_env: dict[str, str]) -> None:
    """An upload of unknown length goes up as a multipart upload and comes back byte for byte."""
    store = ObjectStore("127.0.0.1:8333", stack_env["CEN_S3_ACCESS_KEY"], stack_env["CEN_S3_SECRET_KEY"])
    bucket = "cen-core-test"
    key = f"t/{uuid.uuid4().hex}.bin"
    store.ensure_bucket(bucket)
    data = bytes(range(256)) * (12 * 1024 * 1024 // 256)  # 12 MiB: two parts of PART_SIZE
    try:
        store.put_stream(bucket, key, io.BytesIO(data), content_type="application/pdf")
        info = store.stat(bucket, key)
        assert (info.size, info.content_type) == (len(data), "application/pdf")
        response = store.get(bucket, key)
        try:
            received = b"".join(response.stream(1024 * 1024))
        finally:
            response.close()
            response.release_conn()
        assert received == data
    finally:
        store.remove(bucket, key)
