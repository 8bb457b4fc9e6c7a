"""SQLAlchemy tables of the seizures service (the schema itself is migrations/versions/0001_seizures.py)."""

from __future__ import annotations

from cen_core.db import metadata as conventional_metadata
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = conventional_metadata()

seizures = Table(
    "seizures",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("reference", Text),
    Column("country", String(2)),
    Column("region", Text),
    Column("rilo", Text),
    Column("form", Text),
    Column("status", Text),
    Column("seizure_date", Date),
    Column("transport_mode", Text),
    Column("detection_method", Text),
    Column("concealment_method", Text),
    Column("departure_country", String(2)),
    Column("destination_country", String(2)),
    Column("route_countries", ARRAY(Text)),
    Column("headings", ARRAY(Text)),
    Column("commodity_types", ARRAY(Text)),
    Column("conveyance_ids", ARRAY(Text)),
    Column("first_quantity", Float),
    Column("first_unit", Text),
    Column("content", JSONB),
    Column("content_hash", Text),
    Column("search_text", Text),
    Column("external_id", Text),
    Column("version", BigInteger),
    Column("return_reason", Text),
    Column("created_by", Text),
    Column("created_at", DateTime(timezone=True)),
    Column("updated_by", Text),
    Column("updated_at", DateTime(timezone=True)),
    Column("submitted_at", DateTime(timezone=True)),
    Column("validated_at", DateTime(timezone=True)),
    Column("validated_by", Text),
)

commodity_lines = Table(
    "commodity_lines",
    metadata,
    Column("seizure_id", Uuid, primary_key=True),
    Column("line_no", SmallInteger, primary_key=True),
    Column("heading", Text),
    Column("commodity_type", Text),
    Column("unit", Text),
    Column("quantity", Float),
)

seizure_history = Table(
    "seizure_history",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("seizure_id", Uuid),
    Column("version", BigInteger),
    Column("action", Text),
    Column("actor", Text),
    Column("occurred_at", DateTime(timezone=True)),
    Column("before", JSONB),
    Column("after", JSONB),
    Column("reason", Text),
)

watch_lists = Table(
    "watch_lists",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("owner_id", Text),
    Column("owner_username", Text),
    Column("owner_email", Text),
    Column("owner_country", String(2)),
    Column("owner_all_countries", Boolean),
    Column("name", Text),
    Column("criteria", JSONB),
    Column("created_at", DateTime(timezone=True)),
)

watch_hits = Table(
    "watch_hits",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("watch_list_id", Uuid),
    Column("seizure_id", Uuid),
    Column("seizure_version", BigInteger),
    Column("reference", Text),
    Column("created_at", DateTime(timezone=True)),
    Column("mailed_at", DateTime(timezone=True)),
    Column("mail_attempts", Integer),
)

import_jobs = Table(
    "import_jobs",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("country", String(2)),
    Column("created_by", Text),
    Column("filename", Text),
    Column("format", Text),
    Column("layout", Text),
    Column("submit", Boolean),
    Column("status", Text),
    Column("object_key", Text),
    Column("size_bytes", BigInteger),
    Column("rows_total", BigInteger),
    Column("rows_done", BigInteger),
    Column("rows_imported", BigInteger),
    Column("rows_unchanged", BigInteger),
    Column("rows_rejected", BigInteger),
    Column("failure", Text),
    Column("created_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
)

import_errors = Table(
    "import_errors",
    metadata,
    Column("job_id", Uuid, primary_key=True),
    Column("line", BigInteger, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("col", Text),
    Column("reason", Text),
)
