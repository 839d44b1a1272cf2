/** Alembic migrations that use ORM models, for the rules that read SQLAlchemy's ORM (`session.query(M)`, `M.__table__`). */
const ORM =
  'from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy import delete\nfrom sqlalchemy.orm import Session, declarative_base\nrevision = "b2"\ndown_revision = "a1"\nBase = declarative_base()\n\nclass Log(Base):\n    __tablename__ = "logs"\n    id = sa.Column(sa.Integer, primary_key=True)\n\ndef downgrade():\n    pass\n\n';
/** An Alembic migration with a `Log` model (table "logs") whose upgrade() is `body` (line 18). */
export const orm = (body: string): { format: 'alembic'; code: string } => ({
  format: 'alembic',
  code: `${ORM}def upgrade():\n    session = Session(bind=op.get_bind())\n${body}\n`,
});
