"""projects

Revision ID: c3a91f0e2b44
Revises:
Create Date: 2025-09-14 08:30:55.120934

"""
from alembic import op
import sqlalchemy as sa

revision = 'c3a91f0e2b44'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('projects',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_table('project_keywords',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('keyword', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id']),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_table('project_resource_mappings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('resource_type', sa.String(length=20), nullable=False),
        sa.Column('external_id', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_table('project_monthly_forecast',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('budget_hours', sa.Numeric(10, 2), nullable=True),
        sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('project_monthly_forecast')
    op.drop_table('project_resource_mappings')
    op.drop_table('project_keywords')
    op.drop_table('projects')
