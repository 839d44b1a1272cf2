"""business and mapping schemas

Revision ID: 20260105_0001
Revises:
Create Date: 2026-01-05 10:02:11.000000
"""
from alembic import op
import sqlalchemy as sa

revision = "20260105_0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMAS = ("business", "mapping")


def upgrade() -> None:
    for schema in SCHEMAS:
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    op.create_table(
        "annuity_performance",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("plan_code", sa.String(32), nullable=False),
        schema="business",
    )


def downgrade() -> None:
    op.drop_table("annuity_performance", schema="business")
    for schema in SCHEMAS:
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
