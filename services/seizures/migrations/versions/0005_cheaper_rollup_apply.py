"""The same rollups for less work per case, so that folding an import costs about half as much.

- Each case's week, month and year are computed once from its date (plain date arithmetic) instead of a
  time-zone aware date_trunc per fact and grain.
- Commodity lines are read per case through the primary key.
- The distinct-per-case pass over heading and commodity-type facts only runs for cases with more than one
  commodity group; most cases have one.
- Sorting and grouping compare keys bytewise (COLLATE "C"); any fixed order keeps writers from deadlocking.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The facts of a case: (dim, key, unit, quantity) with the periods it counts in; NULL day and week mean the
# dimension keeps months and years only.
UPGRADE = """
CREATE OR REPLACE FUNCTION seizure_rollup_apply(ids uuid[], sign int) RETURNS void LANGUAGE sql AS $fn$
WITH s AS (
    SELECT id, country, region, transport_mode AS mode, coalesce(concealment_method, '') AS conc,
           CASE WHEN departure_country IS NOT NULL AND destination_country IS NOT NULL
                THEN departure_country || '>' || destination_country END AS route,
           seizure_date AS d,
           seizure_date - (extract(isodow FROM seizure_date)::int - 1) AS w,
           seizure_date - (extract(day FROM seizure_date)::int - 1) AS m,
           make_date(extract(year FROM seizure_date)::int, 1, 1) AS y
    FROM seizures
    WHERE id = ANY(ids) AND status IN ('submitted', 'validated')
),
lines AS (
    SELECT s.*, l.heading, l.commodity_type, l.unit, l.q, l.groups
    FROM s CROSS JOIN LATERAL (
        SELECT heading, commodity_type, unit, sum(quantity) AS q, count(*) OVER () AS groups
        FROM commodity_lines WHERE seizure_id = s.id GROUP BY 1, 2, 3
    ) AS l
),
line_facts AS (
    SELECT lines.id, lines.groups, v.dim, v.key, v.d, v.w, lines.m, lines.y
    FROM lines CROSS JOIN LATERAL (VALUES
        ('heading', heading, d, w),
        ('commodity_type', commodity_type, d, w),
        ('country_heading', country || '|' || heading, NULL, NULL),
        ('route_heading', heading || '|' || route, NULL, NULL),
        ('region_heading', region || '|' || heading, NULL, NULL)
    ) AS v (dim, key, d, w)
    WHERE v.key IS NOT NULL
),
facts (dim, key, unit, q, d, w, m, y) AS (
    SELECT v.dim, v.key, '', 0::double precision, v.d, v.w, s.m, s.y
    FROM s CROSS JOIN LATERAL (VALUES
        ('all', '*', s.d, s.w),
        ('country', s.country, s.d, s.w),
        ('region', s.region, s.d, s.w),
        ('transport_mode', s.mode, s.d, s.w),
        ('route', s.route, NULL, NULL),
        ('mode_concealment', s.mode || '|' || s.conc, NULL, NULL),
        ('country_mode', s.country || '|' || s.mode, NULL, NULL),
        ('region_mode', s.region || '|' || s.mode, NULL, NULL)
    ) AS v (dim, key, d, w)
    WHERE v.key IS NOT NULL
    UNION ALL
    -- A case counts once per heading and once per commodity type, whatever its number of lines.
    SELECT dim, key, '', 0, d, w, m, y FROM line_facts WHERE groups = 1
    UNION ALL
    SELECT DISTINCT ON (id, dim, key) dim, key, '', 0, d, w, m, y FROM line_facts WHERE groups > 1
    UNION ALL
    SELECT v.dim, v.key, unit, q, d, w, m, y
    FROM lines CROSS JOIN LATERAL (VALUES ('all', '*'), ('heading', heading), ('commodity_type', commodity_type))
        AS v (dim, key)
),
deltas AS (
    SELECT f.dim COLLATE "C" AS dim, g.grain, g.period, f.key COLLATE "C" AS key, f.unit COLLATE "C" AS unit,
           sign * count(*) AS cases, sign * sum(f.q) AS quantity
    FROM facts f CROSS JOIN LATERAL (VALUES ('d', f.d), ('w', f.w), ('m', f.m), ('y', f.y)) AS g (grain, period)
    WHERE g.period IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
)
INSERT INTO rollups AS r (dim, grain, period, key, unit, cases, quantity)
SELECT * FROM deltas
-- A fixed order keeps concurrent writers from deadlocking on the same rollup rows.
ORDER BY dim, grain, period, key, unit
ON CONFLICT (dim, grain, period, key, unit)
DO UPDATE SET cases = r.cases + excluded.cases, quantity = r.quantity + excluded.quantity;
$fn$;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    # Put back the 0001 definition (same results, more work), taken from that migration's text.
    path = Path(__file__).with_name("0001_seizures.py")
    spec = importlib.util.spec_from_file_location("cen_seizures_migration_0001", path)
    assert spec is not None and spec.loader is not None
    first = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(first)
    start = first.UPGRADE.index("CREATE FUNCTION seizure_rollup_apply")
    end = first.UPGRADE.index("$fn$;", start) + len("$fn$;")
    op.execute("CREATE OR REPLACE" + first.UPGRADE[start:end].removeprefix("CREATE"))
