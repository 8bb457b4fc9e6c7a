"""Seizure cases, their history, rollups for analysis, watch lists with their hit outbox, import jobs.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STATUSES = "('draft', 'submitted', 'validated', 'returned')"

UPGRADE = f"""
CREATE TABLE seizures (
    id uuid PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    country char(2) NOT NULL,
    region text NOT NULL,
    rilo text NOT NULL,
    form text NOT NULL CHECK (form IN ('long', 'simplified')),
    status text NOT NULL CHECK (status IN {STATUSES}),
    seizure_date date NOT NULL,
    transport_mode text NOT NULL,
    detection_method text,
    concealment_method text,
    departure_country char(2),
    destination_country char(2),
    -- Denormalised from the content so that filters use GIN indexes instead of JSON paths.
    route_countries text[] NOT NULL DEFAULT '{{}}',
    headings text[] NOT NULL,
    commodity_types text[] NOT NULL,
    conveyance_ids text[] NOT NULL DEFAULT '{{}}',
    first_quantity double precision NOT NULL,
    first_unit text NOT NULL,
    content jsonb NOT NULL,
    content_hash text NOT NULL,
    search_text text NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_text)) STORED,
    external_id text,
    version bigint NOT NULL DEFAULT 1,
    return_reason text NOT NULL DEFAULT '',
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz,
    validated_at timestamptz,
    validated_by text NOT NULL DEFAULT '',
    CONSTRAINT uq_seizures_country_external_id UNIQUE (country, external_id)
);
CREATE INDEX ix_seizures_date ON seizures (seizure_date DESC, id DESC);
CREATE INDEX ix_seizures_country_date ON seizures (country, seizure_date DESC);
CREATE INDEX ix_seizures_status ON seizures (status) WHERE status <> 'validated';
CREATE INDEX ix_seizures_updated ON seizures (updated_at DESC, id DESC);
CREATE INDEX ix_seizures_quantity ON seizures (first_quantity DESC, id DESC);
CREATE INDEX ix_seizures_search ON seizures USING gin (search_vector);
CREATE INDEX ix_seizures_headings ON seizures USING gin (headings);
CREATE INDEX ix_seizures_commodity_types ON seizures USING gin (commodity_types);
CREATE INDEX ix_seizures_route_countries ON seizures USING gin (route_countries);
CREATE INDEX ix_seizures_conveyance_ids ON seizures USING gin (conveyance_ids);

CREATE TABLE commodity_lines (
    seizure_id uuid NOT NULL REFERENCES seizures (id) ON DELETE CASCADE,
    line_no smallint NOT NULL,
    heading text NOT NULL,
    commodity_type text NOT NULL,
    unit text NOT NULL,
    quantity double precision NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (seizure_id, line_no)
);
CREATE INDEX ix_commodity_lines_quantity ON commodity_lines (unit, quantity);

-- Reference numbers: country-year-sequence, allocated under a row lock.
CREATE TABLE reference_counters (
    country char(2) NOT NULL,
    year int NOT NULL,
    last bigint NOT NULL,
    PRIMARY KEY (country, year)
);

CREATE TABLE seizure_history (
    id bigserial PRIMARY KEY,
    seizure_id uuid NOT NULL,
    version bigint NOT NULL,
    action text NOT NULL,
    actor text NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    before jsonb NOT NULL DEFAULT '{{}}',
    after jsonb NOT NULL DEFAULT '{{}}',
    reason text NOT NULL DEFAULT ''
);
CREATE INDEX ix_seizure_history_seizure ON seizure_history (seizure_id, id DESC);

-- Analysis rollups: cases (unit '') and quantities (per unit) per dimension key and period.
-- grain: d day, w ISO week, m month, y year.
CREATE TABLE rollups (
    dim text NOT NULL,
    grain char(1) NOT NULL,
    period date NOT NULL,
    key text NOT NULL,
    unit text NOT NULL,
    cases bigint NOT NULL,
    quantity double precision NOT NULL,
    PRIMARY KEY (dim, grain, period, key, unit)
);

-- Adds (sign 1) or removes (sign -1) the contribution of cases to the rollups. Only submitted and
-- validated cases count. Called in the transaction that changes the cases, before and after the change.
CREATE FUNCTION seizure_rollup_apply(ids uuid[], sign int) RETURNS void LANGUAGE sql AS $fn$
WITH s AS (
    SELECT id, seizure_date AS d, country, region, transport_mode,
           coalesce(concealment_method, '') AS concealment, departure_country AS dep,
           destination_country AS dst
    FROM seizures
    WHERE id = ANY(ids) AND status IN ('submitted', 'validated')
),
lines AS (
    SELECT l.seizure_id, s.d, s.country, s.region, s.dep, s.dst, l.heading, l.commodity_type, l.unit,
           sum(l.quantity) AS q
    FROM commodity_lines l JOIN s ON s.id = l.seizure_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
),
facts (d, dim, key, unit, q, grains) AS (
    SELECT s.d, v.dim, v.key, '', 0::double precision, v.grains
    FROM s CROSS JOIN LATERAL (VALUES
        ('all', '*', 'dwmy'),
        ('country', s.country, 'dwmy'),
        ('region', s.region, 'dwmy'),
        ('transport_mode', s.transport_mode, 'dwmy'),
        ('route', CASE WHEN s.dep IS NOT NULL AND s.dst IS NOT NULL THEN s.dep || '>' || s.dst END, 'my'),
        ('mode_concealment', s.transport_mode || '|' || s.concealment, 'my'),
        ('country_mode', s.country || '|' || s.transport_mode, 'my'),
        ('region_mode', s.region || '|' || s.transport_mode, 'my')
    ) AS v (dim, key, grains)
    WHERE v.key IS NOT NULL
    UNION ALL
    -- A case counts once per heading and once per commodity type, whatever its number of lines.
    SELECT DISTINCT ON (seizure_id, v.dim, v.key) d, v.dim, v.key, '', 0::double precision, v.grains
    FROM lines CROSS JOIN LATERAL (VALUES
        ('heading', heading, 'dwmy'),
        ('commodity_type', commodity_type, 'dwmy'),
        ('country_heading', country || '|' || heading, 'my'),
        ('route_heading', CASE WHEN dep IS NOT NULL AND dst IS NOT NULL THEN heading || '|' || dep || '>' || dst END, 'my'),
        ('region_heading', region || '|' || heading, 'my')
    ) AS v (dim, key, grains)
    WHERE v.key IS NOT NULL
    UNION ALL
    SELECT d, v.dim, v.key, unit, q, 'dwmy'
    FROM lines CROSS JOIN LATERAL (VALUES
        ('all', '*'), ('heading', heading), ('commodity_type', commodity_type)
    ) AS v (dim, key)
),
deltas AS (
    SELECT f.dim, g.grain, date_trunc(g.field, f.d)::date AS period, f.key, f.unit,
           sign * count(*) AS cases, sign * sum(f.q) AS quantity
    FROM facts f
    JOIN (VALUES ('d', 'day'), ('w', 'week'), ('m', 'month'), ('y', 'year')) AS g (grain, field)
      ON strpos(f.grains, g.grain) > 0
    GROUP BY 1, 2, 3, 4, 5
)
INSERT INTO rollups AS r (dim, grain, period, key, unit, cases, quantity)
SELECT * FROM deltas
-- A fixed order keeps concurrent writers from deadlocking on the same rollup rows.
ORDER BY dim, grain, period, key, unit
ON CONFLICT (dim, grain, period, key, unit)
DO UPDATE SET cases = r.cases + excluded.cases, quantity = r.quantity + excluded.quantity;
$fn$;

CREATE TABLE watch_lists (
    id uuid PRIMARY KEY,
    owner_id text NOT NULL,
    owner_username text NOT NULL,
    owner_email text NOT NULL,
    -- The owner's visibility when the list was saved: their country, or every country for wco-admin.
    owner_country char(2) NOT NULL,
    owner_all_countries boolean NOT NULL,
    name text NOT NULL,
    criteria jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_watch_lists_owner ON watch_lists (owner_id, created_at DESC);

-- The outbox of watch-list hits: written with the change that causes them, mailed by the worker.
CREATE TABLE watch_hits (
    id uuid PRIMARY KEY,
    watch_list_id uuid NOT NULL REFERENCES watch_lists (id) ON DELETE CASCADE,
    seizure_id uuid NOT NULL,
    seizure_version bigint NOT NULL,
    reference text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    mailed_at timestamptz,
    mail_attempts int NOT NULL DEFAULT 0,
    CONSTRAINT uq_watch_hits_event UNIQUE (watch_list_id, seizure_id, seizure_version)
);
CREATE INDEX ix_watch_hits_list ON watch_hits (watch_list_id, created_at DESC, id DESC);
CREATE INDEX ix_watch_hits_unmailed ON watch_hits (created_at) WHERE mailed_at IS NULL;

CREATE TABLE import_jobs (
    id uuid PRIMARY KEY,
    country char(2) NOT NULL,
    created_by text NOT NULL,
    filename text NOT NULL,
    format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
    layout text NOT NULL CHECK (layout IN ('long', 'simplified')),
    submit boolean NOT NULL DEFAULT false,
    status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    object_key text NOT NULL,
    size_bytes bigint NOT NULL DEFAULT 0,
    rows_total bigint NOT NULL DEFAULT 0,
    rows_done bigint NOT NULL DEFAULT 0,
    rows_imported bigint NOT NULL DEFAULT 0,
    rows_unchanged bigint NOT NULL DEFAULT 0,
    rows_rejected bigint NOT NULL DEFAULT 0,
    failure text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
CREATE INDEX ix_import_jobs_country ON import_jobs (country, created_at DESC, id DESC);

CREATE TABLE import_errors (
    job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    col text NOT NULL,
    reason text NOT NULL,
    seq int NOT NULL,
    PRIMARY KEY (job_id, line, seq)
);
"""

DOWNGRADE = """
DROP TABLE import_errors;
DROP TABLE import_jobs;
DROP TABLE watch_hits;
DROP TABLE watch_lists;
DROP FUNCTION seizure_rollup_apply(uuid[], int);
DROP TABLE rollups;
DROP TABLE seizure_history;
DROP TABLE reference_counters;
DROP TABLE commodity_lines;
DROP TABLE seizures;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
