"""Rollups: room for in-place updates, and a queue of cases whose contribution is folded in bulk (imports).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rollup rows are updated far more often than inserted: free space per page keeps updates HOT.
    op.execute("ALTER TABLE rollups SET (fillfactor = 70)")
    # Cases written in bulk (imports, demo data) whose contribution is not in the rollups yet. While a case
    # is listed here, single-case changes leave its rollups alone; folding adds its state at that moment.
    op.execute("CREATE TABLE rollup_pending (seizure_id uuid PRIMARY KEY)")


def downgrade() -> None:
    op.execute("DROP TABLE rollup_pending")
    op.execute("ALTER TABLE rollups RESET (fillfactor)")
