"""Keep case rows narrow: the content, search text and search vector go to TOAST storage.

Counts, facets and filters read many rows but none of those columns; with the wide columns inline a page
held about four cases, now it holds several times more. Existing rows move on their next rewrite
(VACUUM FULL seizures), new rows at once.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE seizures SET (toast_tuple_target = 256)")


def downgrade() -> None:
    op.execute("ALTER TABLE seizures RESET (toast_tuple_target)")
