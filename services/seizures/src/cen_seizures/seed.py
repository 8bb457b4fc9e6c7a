"""Loads the deterministic demo cases (demo.py) into the database: `python -m cen_seizures seed --count N`."""

from __future__ import annotations

import argparse
import json
import logging
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from cen_core.db import create_engine

from cen_seizures import demo
from cen_seizures.domain import PUBLISHED, Status, validate_seizure
from cen_seizures.reference import load_reference
from cen_seizures.settings import Settings

log = logging.getLogger("cen.seizures.seed")
BATCH = 20_000
SEIZURE_COLUMNS = (
    "id",
    "reference",
    "country",
    "region",
    "rilo",
    "form",
    "status",
    "seizure_date",
    "transport_mode",
    "detection_method",
    "concealment_method",
    "departure_country",
    "destination_country",
    "route_countries",
    "headings",
    "commodity_types",
    "conveyance_ids",
    "first_quantity",
    "first_unit",
    "content",
    "content_hash",
    "search_text",
    "external_id",
    "version",
    "return_reason",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "submitted_at",
    "validated_at",
    "validated_by",
)
LINE_COLUMNS = ("seizure_id", "line_no", "heading", "commodity_type", "unit", "quantity")


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
    today = datetime.now(UTC).date()
    started = time.monotonic()
    added = 0
    cases = demo.generate(count, seed=seed_value)
    for _ in range(have):
        next(cases)
    batch: list[demo.DemoCase] = []
    for case in cases:
        batch.append(case)
        if len(batch) >= BATCH:
            added += _load_batch(engine, batch, ref, today)
            batch = []
            log.info(
                "demo cases loaded", extra={"added": added, "seconds": round(time.monotonic() - started, 1)}
            )
    if batch:
        added += _load_batch(engine, batch, ref, today)
    return added


def _copy_value(value: Any) -> Any:
    if isinstance(value, list):
        return "{" + ",".join(value) + "}"
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    return value


def _load_batch(engine: sa.Engine, batch: list[demo.DemoCase], ref: Any, today: Any) -> int:
    """COPY one batch of cases and lines, then add them to the rollups, in one transaction."""
    counters: dict[tuple[str, int], int] = defaultdict(int)
    prepared = []
    for case in batch:
        valid = validate_seizure(case.seizure, ref=ref, today=today, default_country=case.seizure["country"])
        counters[(valid.country, valid.seizure_date.year)] += 1
        prepared.append((case, valid))
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        starts: dict[tuple[str, int], int] = {}
        for (country, year), n in sorted(counters.items()):
            cur.execute(
                "INSERT INTO reference_counters AS c (country, year, last) VALUES (%s, %s, %s) "
                "ON CONFLICT (country, year) DO UPDATE SET last = c.last + %s RETURNING last",
                (country, year, n, n),
            )
            starts[(country, year)] = cur.fetchone()[0] - n
        published_ids = []
        with cur.copy(f"COPY seizures ({', '.join(SEIZURE_COLUMNS)}) FROM STDIN") as copy_s:
            lines = []
            for case, valid in prepared:
                sid = uuid.uuid4()
                key = (valid.country, valid.seizure_date.year)
                starts[key] += 1
                status = Status(case.status)
                # Entered a few days after the seizure, as national reporting usually is.
                entered = datetime.combine(valid.seizure_date, datetime.min.time(), UTC) + timedelta(days=3)
                row = {
                    "id": sid,
                    "reference": f"{valid.country}-{valid.seizure_date.year}-{starts[key]:06d}",
                    "country": valid.country,
                    "region": valid.region,
                    "rilo": valid.rilo,
                    "form": valid.form.value,
                    "status": status.value,
                    "seizure_date": valid.seizure_date,
                    "transport_mode": valid.transport_mode,
                    "detection_method": valid.detection_method,
                    "concealment_method": valid.concealment_method,
                    "departure_country": valid.departure_country,
                    "destination_country": valid.destination_country,
                    "route_countries": valid.route_countries,
                    "headings": valid.headings,
                    "commodity_types": valid.commodity_types,
                    "conveyance_ids": valid.conveyance_ids,
                    "first_quantity": valid.first_line.quantity,
                    "first_unit": valid.first_line.unit,
                    "content": valid.content,
                    "content_hash": valid.content_hash,
                    "search_text": valid.search_text,
                    "external_id": valid.external_id,
                    "version": 1,
                    "return_reason": "Please complete the concealment description."
                    if status is Status.RETURNED
                    else "",
                    "created_by": case.created_by,
                    "created_at": entered,
                    "updated_by": case.created_by,
                    "updated_at": entered,
                    "submitted_at": entered if status in PUBLISHED else None,
                    "validated_at": entered + timedelta(days=2) if status is Status.VALIDATED else None,
                    "validated_by": f"rilo-{valid.rilo.lower()}" if status is Status.VALIDATED else "",
                }
                copy_s.write_row([_copy_value(row[c]) for c in SEIZURE_COLUMNS])
                lines += [
                    (sid, f.line_no, f.heading, f.commodity_type, f.unit, f.quantity) for f in valid.lines
                ]
                if status in PUBLISHED:
                    published_ids.append(sid)
        with cur.copy(f"COPY commodity_lines ({', '.join(LINE_COLUMNS)}) FROM STDIN") as copy_l:
            for line in lines:
                copy_l.write_row(line)
        cur.execute("SELECT seizure_rollup_apply(%s::uuid[], 1)", (published_ids,))
        raw.commit()
    except BaseException:
        raw.rollback()
        raise
    finally:
        raw.close()
    return len(prepared)
