"""Pictures of concealment methods and x-ray images: details, processing state, hashes, search vector.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE pictures (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('photo', 'xray')),
    title text NOT NULL,
    description text NOT NULL DEFAULT '',
    heading text NOT NULL,
    commodity_type text NOT NULL DEFAULT '',
    concealment_method text NOT NULL DEFAULT '',
    transport_mode text NOT NULL DEFAULT '',
    country char(2) NOT NULL,
    -- The linked seizure case (checked with the seizures service when linked) and its reference then.
    case_id uuid,
    case_reference text NOT NULL DEFAULT '',
    tags text[] NOT NULL DEFAULT '{}',
    uploaded_by text NOT NULL,
    uploader_id text NOT NULL,
    uploader_country char(2) NOT NULL,
    filename text NOT NULL DEFAULT '',
    status text NOT NULL CHECK (status IN ('pending', 'ready', 'rejected', 'withdrawn')),
    status_reason text NOT NULL DEFAULT '',
    -- Found in the content by processing (never taken from the file name or the client).
    media_type text NOT NULL DEFAULT '',
    size_bytes bigint NOT NULL,
    width int NOT NULL DEFAULT 0,
    height int NOT NULL DEFAULT 0,
    sha256 text NOT NULL DEFAULT '',
    -- 64-bit perceptual hash (DCT), compared by Hamming distance for similar pictures.
    phash bigint,
    -- Media type of the thumbnail and preview.
    rendition_type text NOT NULL DEFAULT '',
    search_text text NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_text)) STORED,
    -- Demo pictures carry their generator key, so that seeding twice adds nothing.
    demo_key text UNIQUE,
    attempts int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    withdrawn_by text NOT NULL DEFAULT '',
    withdrawn_at timestamptz
);
CREATE INDEX ix_pictures_ready ON pictures (created_at DESC, id DESC) WHERE status = 'ready';
CREATE INDEX ix_pictures_uploader ON pictures (uploader_id, created_at DESC, id DESC);
CREATE INDEX ix_pictures_pending ON pictures (created_at) WHERE status = 'pending';
CREATE INDEX ix_pictures_search ON pictures USING gin (search_vector);
CREATE INDEX ix_pictures_tags ON pictures USING gin (tags);
CREATE INDEX ix_pictures_heading ON pictures (heading);
CREATE INDEX ix_pictures_country ON pictures (country);
CREATE INDEX ix_pictures_case ON pictures (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX ix_pictures_sha256 ON pictures (sha256) WHERE status = 'ready';
-- Similar-picture search reads every ready hash: a narrow index-only scan instead of the table.
CREATE INDEX ix_pictures_phash ON pictures (phash) INCLUDE (id) WHERE status = 'ready';
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute("DROP TABLE pictures")
