"""business and mapping schemas

Revision ID: 20260105_0001
Revises:
"""
from alembic import op

revision = "20260105_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE SCHEMA business")
    op.execute("CREATE SCHEMA mapping")


def downgrade():
    op.execute("DROP SCHEMA mapping CASCADE")
    op.execute("DROP SCHEMA business CASCADE")
