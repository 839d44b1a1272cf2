// Synthetic large projects for the "one changed migration" bench case, shaped
// like the real ones it stands in for (Polar, Dispatch: an Alembic chain whose
// env.py imports the application's models package, inside a package of many
// more modules that define no model; teable, documenso: a long Prisma
// history). Written once under the OS temp dir, keyed by generator version.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const VERSION = 2;
const REVISIONS = 300;
const MODELS = 150;
const OTHER_MODULES = 900;
const PRISMA_MIGRATIONS = 400;

/** The Alembic project's folder and its newest migration (relative). */
export function largeAlembicProject() {
  return cached(`alembic-v${VERSION}`, (dir) => {
    const files = {
      // A project's root, as every real one has: the module search stops there.
      'pyproject.toml': '[project]\nname = "app"\n',
      'migrations/env.py':
        'from logging.config import fileConfig\n\nfrom alembic import context\nfrom app.models import Base\nimport app.models  # noqa: F401\n\nconfig = context.config\ntarget_metadata = Base.metadata\n',
      'app/__init__.py': '',
      'app/models/base.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n',
      'app/models/__init__.py': `from .base import Base\n${range(MODELS)
        .map((i) => `from .m${i} import Model${i}\n`)
        .join('')}`,
    };
    for (const i of range(MODELS)) {
      // Each model module imports a few service modules, as real ones import settings, enums and helpers.
      files[`app/models/m${i}.py`] =
        `from sqlalchemy import ForeignKey, String\nfrom sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.core.s${i % OTHER_MODULES} import helper\nfrom app.core.s${(i * 7) % OTHER_MODULES} import other\nfrom .base import Base\n\n\nclass Model${i}(Base):\n    __tablename__ = "table_${i}"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n    name: Mapped[str] = mapped_column(String(200))\n` +
        (i > 0 ? `    parent_id: Mapped[int] = mapped_column(ForeignKey("table_${i - 1}.id"))\n` : '');
    }
    files['app/core/__init__.py'] = '';
    for (const i of range(OTHER_MODULES)) {
      files[`app/core/s${i}.py`] =
        `from app.core.s${(i + 1) % OTHER_MODULES} import helper as _next\n\n\ndef helper(value):\n    return _next(value) if value else value\n\n\ndef other():\n    return ${i}\n`;
    }
    for (const i of range(REVISIONS)) {
      const table = i % MODELS;
      const upgrade =
        i < MODELS
          ? `    op.create_table("table_${table}", sa.Column("id", sa.Integer(), nullable=False), sa.Column("name", sa.String(200)), sa.PrimaryKeyConstraint("id"))`
          : `    op.add_column("table_${table}", sa.Column("extra_${i}", sa.Text(), nullable=True))\n    op.create_index("ix_table_${table}_extra_${i}", "table_${table}", ["extra_${i}"])`;
      const downgrade =
        i < MODELS
          ? `    op.drop_table("table_${table}")`
          : `    op.drop_index("ix_table_${table}_extra_${i}", table_name="table_${table}")\n    op.drop_column("table_${table}", "extra_${i}")`;
      files[`migrations/versions/${rev(i)}_step_${i}.py`] =
        `"""step ${i}\n\nRevision ID: ${rev(i)}\nRevises: ${i === 0 ? '' : rev(i - 1)}\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = "${rev(i)}"\ndown_revision = ${i === 0 ? 'None' : `"${rev(i - 1)}"`}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n${downgrade}\n`;
    }
    write(dir, files);
    return `migrations/versions/${rev(REVISIONS - 1)}_step_${REVISIONS - 1}.py`;
  });
}

/** The Prisma project's folder and its newest migration (relative). */
export function largePrismaProject() {
  return cached(`prisma-v${VERSION}`, (dir) => {
    const files = { 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' };
    let last = '';
    for (const i of range(PRISMA_MIGRATIONS)) {
      const name = `${20240101000000 + i * 100}_step_${i}`;
      files[`prisma/migrations/${name}/migration.sql`] =
        i % 3 === 0
          ? `-- CreateTable\nCREATE TABLE "T${i}" (\n    "id" TEXT NOT NULL,\n    "name" TEXT,\n    CONSTRAINT "T${i}_pkey" PRIMARY KEY ("id")\n);\n`
          : `-- AlterTable\nALTER TABLE "T${i - (i % 3)}" ADD COLUMN "c${i}" TEXT;\n\n-- CreateIndex\nCREATE INDEX "T${i}_c_idx" ON "T${i - (i % 3)}"("c${i}");\n`;
      last = `prisma/migrations/${name}/migration.sql`;
    }
    write(dir, files);
    return last;
  });
}

function cached(name, generate) {
  const dir = path.join(os.tmpdir(), `droplint-bench-${name}`);
  const marker = path.join(dir, '.complete');
  if (!existsSync(marker)) {
    const temp = `${dir}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    const newest = generate(temp);
    writeFileSync(path.join(temp, '.complete'), newest);
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  }
  return { dir, file: readFileSync(marker, 'utf8') };
}

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function range(n) {
  return Array.from({ length: n }, (_, i) => i);
}

function rev(i) {
  return `r${String(i).padStart(4, '0')}`;
}
