/** Alembic migrations for rule tests: one with ORM models (`session.query(M)`, `M.__table__`), one whose upgrade() is given line by line. */
const ORM =
  'from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy import delete\nfrom sqlalchemy.orm import Session, declarative_base\nrevision = "b2"\ndown_revision = "a1"\nBase = declarative_base()\n\nclass Log(Base):\n    __tablename__ = "logs"\n    id = sa.Column(sa.Integer, primary_key=True)\n\ndef downgrade():\n    pass\n\n';
/** An Alembic migration with a `Log` model (table "logs") whose upgrade() is `body` (line 18). */
export const orm = (body: string): { format: 'alembic'; code: string } => ({
  format: 'alembic',
  code: `${ORM}def upgrade():\n    session = Session(bind=op.get_bind())\n${body}\n`,
});

/** An Alembic migration (revision "b2" after "a1") whose upgrade() body is `lines`, indented: its first line is line 7. */
export function upgrade(...lines: string[]): string {
  const head = ['from alembic import op', 'import sqlalchemy as sa', 'import json', 'revision = "b2"', 'down_revision = "a1"', 'def upgrade():'];
  return [...head, ...lines.map((l) => `    ${l}`), ''].join('\n');
}
