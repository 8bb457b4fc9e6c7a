"""Bulk commands: load the deterministic demo cases (`seed --count N`) and recompute the rollups (`rebuild-rollups`)."""

from __future__ import annotations

import argparse
import json
import logging
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from cen_core.db import create_engine, make_sessionmaker, session_scope
from cen_core.reference import ReferenceData, load_reference

from cen_seizures import demo
from cen_seizures.domain import PUBLISHED, Status, validate_seizure
from cen_seizures.repository import SeizureRepository, line_rows, seizure_row
from cen_seizures.settings import Settings

log = logging.getLogger("cen.seizures.seed")
BATCH = 20_000
FOLD_EVERY_BATCHES = 5


def seed_command(settings: Settings, argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m cen_seizures seed")
    parser.add_argument(
        "--count", type=int, default=20_000, help="demo cases wanted in total (default 20000)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    engine = create_engine(settings.database_url.get_secret_value(), pool_size=1)
    try:
        loaded = seed(engine, args.count, args.seed)
    finally:
        engine.dispose()
    print(json.dumps({"demo_cases_added": loaded, "demo_cases_wanted": args.count}))


def rebuild_rollups_command(settings: Settings, argv: list[str]) -> None:
    """`python -m cen_seizures rebuild-rollups`: recompute the analysis rollups from the cases."""
    argparse.ArgumentParser(prog="python -m cen_seizures rebuild-rollups").parse_args(argv)
    engine = create_engine(settings.database_url.get_secret_value(), pool_size=1)
    try:
        with session_scope(make_sessionmaker(engine)) as session:
            cases = SeizureRepository().rebuild_rollups(session)
    finally:
        engine.dispose()
    print(json.dumps({"rollups_rebuilt_from_cases": cases}))


def seed(engine: sa.Engine, count: int, seed_value: int = 2026) -> int:
    """Add the demo cases that are missing (the first `count` of the generator); returns how many were added."""
    with engine.connect() as conn:
        have = conn.execute(
            sa.text("SELECT count(*) FROM seizures WHERE external_id LIKE :p"),
            {"p": f"{demo.DEMO_EXTERNAL_ID_PREFIX}%"},
        ).scalar_one()
    if have >= count:
        return 0
    ref = load_reference()
    sessions = make_sessionmaker(engine)
    repo = SeizureRepository()
    today = datetime.now(UTC).date()
    started = time.monotonic()
    added = 0
    batch: list[demo.DemoCase] = []
    for index, case in enumerate(demo.generate(count, seed=seed_value)):
        if index < have:
            continue
        batch.append(case)
        if len(batch) >= BATCH:
            added += _load_batch(sessions, repo, batch, ref, today)
            batch = []
            log.info(
                "demo cases loaded", extra={"added": added, "seconds": round(time.monotonic() - started, 1)}
            )
            if (added // BATCH) % FOLD_EVERY_BATCHES == 0:
                _fold(sessions, repo)
    if batch:
        added += _load_batch(sessions, repo, batch, ref, today)
    _fold(sessions, repo)
    return added


def _fold(sessions: Any, repo: SeizureRepository) -> None:
    with session_scope(sessions) as session:
        repo.fold_rollups(session)


def _load_batch(
    sessions: Any, repo: SeizureRepository, batch: list[demo.DemoCase], ref: ReferenceData, today: date
) -> int:
    """One transaction per batch: cases and lines by COPY, then their contribution to the rollups."""
    prepared = [
        (case, validate_seizure(case.seizure, ref=ref, today=today, default_country=case.seizure["country"]))
        for case in batch
    ]
    counts: dict[tuple[str, int], int] = {}
    for _, valid in prepared:
        key = (valid.country, valid.seizure_date.year)
        counts[key] = counts.get(key, 0) + 1
    rows, lines, published = [], [], []
    with session_scope(sessions) as session:
        next_seq = repo.allocate_reference_blocks(session, counts)
        for case, valid in prepared:
            key = (valid.country, valid.seizure_date.year)
            reference = f"{key[0]}-{key[1]}-{next_seq[key]:06d}"
            next_seq[key] += 1
            status = Status(case.status)
            # Entered a few days after the seizure, as national reporting usually is.
            entered = datetime.combine(valid.seizure_date, datetime.min.time(), UTC) + timedelta(days=3)
            sid = uuid.uuid4()
            row = seizure_row(
                sid, valid, reference=reference, status=status, actor=case.created_by, now=entered
            )
            if status is Status.VALIDATED:
                row.update(
                    validated_at=entered + timedelta(days=2), validated_by=f"rilo-{valid.rilo.lower()}"
                )
            if status is Status.RETURNED:
                row.update(submitted_at=entered, return_reason="Please complete the concealment description.")
            rows.append(row)
            lines += line_rows(sid, valid)
            if status in PUBLISHED:
                published.append(sid)
        repo.insert(session, rows, lines)
        repo.queue_rollups(session, published)
    return len(prepared)
