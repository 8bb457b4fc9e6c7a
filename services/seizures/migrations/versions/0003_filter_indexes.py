"""Indexes for the common low-cardinality filters, so that combined filters intersect bitmaps before reading rows.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_seizures_transport_mode ON seizures (transport_mode)")
    op.execute("CREATE INDEX ix_seizures_region ON seizures (region)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_seizures_region")
    op.execute("DROP INDEX ix_seizures_transport_mode")
