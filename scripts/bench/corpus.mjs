// Deterministic benchmark corpus: Alembic autogenerate-style revision chains,
// Prisma migration folders (PostgreSQL and SQLite providers) and raw SQL
// files. Written once into a cache folder under the OS temp dir, keyed by
// generator version, seed and size.
//
// Mix (by file count): ~45% Alembic, ~35% Prisma (2/3 PostgreSQL, 1/3 SQLite),
// ~20% raw PostgreSQL SQL. Most migrations are small (1-8 operations); each
// project starts with a large initial schema and ~2% of later migrations are
// large too.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GENERATOR_VERSION = 1;

/** Small deterministic PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'user',
  'account',
  'order',
  'invoice',
  'payment',
  'product',
  'session',
  'team',
  'project',
  'task',
  'comment',
  'tag',
  'report',
  'event',
  'audit',
  'address',
  'customer',
  'item',
  'price',
  'plan',
  'subscription',
  'webhook',
  'token',
  'file',
  'message',
  'channel',
  'role',
  'permission',
  'setting',
  'note',
];
const COLS = [
  'name',
  'email',
  'status',
  'created_at',
  'updated_at',
  'title',
  'body',
  'amount',
  'currency',
  'owner_id',
  'parent_id',
  'slug',
  'description',
  'priority',
  'due_date',
  'archived',
  'metadata',
  'external_id',
  'score',
  'position',
  'color',
  'kind',
  'source',
  'locale',
  'timezone',
];

class Gen {
  constructor(random) {
    this.r = random;
  }
  int(lo, hi) {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick(items) {
    return items[Math.floor(this.r() * items.length)];
  }
  chance(p) {
    return this.r() < p;
  }
  hex(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.r() * 16)];
    return s;
  }
  table(i) {
    return `${this.pick(WORDS)}_${this.pick(WORDS)}${i === undefined ? '' : `_${i}`}`;
  }
  col() {
    return `${this.pick(COLS)}${this.chance(0.3) ? `_${this.int(1, 9)}` : ''}`;
  }
  /** How many operations a migration has: mostly small, sometimes large. */
  size(large) {
    if (large) return this.int(40, 160);
    const x = this.r();
    if (x < 0.55) return this.int(1, 2);
    if (x < 0.85) return this.int(3, 5);
    if (x < 0.98) return this.int(6, 12);
    return this.int(30, 80);
  }
}

// ---------------------------------------------------------------- Alembic

const SA_TYPES = [
  'sa.Integer()',
  'sa.BigInteger()',
  'sa.String(length=255)',
  'sa.Text()',
  'sa.Boolean()',
  'sa.DateTime(timezone=True)',
  'sa.Numeric(precision=12, scale=2)',
  'postgresql.JSONB(astext_type=sa.Text())',
  'sa.UUID()',
  'sa.Date()',
];

function saColumn(g, name) {
  const extra = g.chance(0.2) ? ", server_default=sa.text('now()')" : '';
  return `sa.Column('${name}', ${g.pick(SA_TYPES)}, nullable=${g.chance(0.6) ? 'False' : 'True'}${extra})`;
}

function alembicCreateTable(g, t) {
  const cols = [`    sa.Column('id', sa.Integer(), nullable=False)`];
  const n = g.int(3, 14);
  for (let i = 0; i < n; i++) cols.push(`    ${saColumn(g, `${g.col()}_${i}`)}`);
  if (g.chance(0.4)) cols.push(`    sa.ForeignKeyConstraint(['owner_id'], ['${g.table()}.id'], ondelete='CASCADE')`);
  cols.push(`    sa.PrimaryKeyConstraint('id')`);
  return [`    op.create_table('${t}',\n${cols.join(',\n')}\n    )`, `    op.drop_table('${t}')`];
}

function alembicOp(g, tables, created) {
  const t = tables.length ? g.pick(tables) : g.table();
  const x = g.r();
  if (x < 0.25) {
    const c = g.col();
    return [`    op.add_column('${t}', ${saColumn(g, c)})`, `    op.drop_column('${t}', '${c}')`];
  }
  if (x < 0.37) {
    const c = g.col();
    return [`    op.drop_column('${t}', '${c}')`, `    op.add_column('${t}', ${saColumn(g, c)})`];
  }
  if (x < 0.52) {
    const c = g.col();
    const ix = `ix_${t}_${c}`;
    return [
      `    op.create_index(op.f('${ix}'), '${t}', ['${c}'], unique=${g.chance(0.3) ? 'True' : 'False'})`,
      `    op.drop_index(op.f('${ix}'), table_name='${t}')`,
    ];
  }
  if (x < 0.64) {
    const c = g.col();
    return [
      `    op.alter_column('${t}', '${c}',\n               existing_type=sa.VARCHAR(length=255),\n               nullable=False)`,
      `    op.alter_column('${t}', '${c}',\n               existing_type=sa.VARCHAR(length=255),\n               nullable=True)`,
    ];
  }
  if (x < 0.76) {
    const a = g.col();
    const b = g.col();
    return [
      `    with op.batch_alter_table('${t}', schema=None) as batch_op:\n        batch_op.add_column(${saColumn(g, a)})\n        batch_op.drop_column('${b}')\n        batch_op.create_index(batch_op.f('ix_${t}_${a}'), ['${a}'], unique=False)`,
      `    with op.batch_alter_table('${t}', schema=None) as batch_op:\n        batch_op.drop_index(batch_op.f('ix_${t}_${a}'))\n        batch_op.add_column(${saColumn(g, b)})\n        batch_op.drop_column('${a}')`,
    ];
  }
  if (x < 0.86) {
    const c = g.col();
    return [`    op.execute("UPDATE ${t} SET ${c} = 'x' WHERE ${c} IS NULL")`, `    pass`];
  }
  if (x < 0.93) {
    const n = g.table(tables.length + created.length);
    created.push(n);
    return alembicCreateTable(g, n);
  }
  if (x < 0.97) {
    const fk = `fk_${t}_owner`;
    return [`    op.create_foreign_key('${fk}', '${t}', '${g.table()}', ['owner_id'], ['id'])`, `    op.drop_constraint('${fk}', '${t}', type_='foreignkey')`];
  }
  return [
    `    op.drop_table('${t}')`,
    `    op.create_table('${t}',\n    sa.Column('id', sa.INTEGER(), autoincrement=True, nullable=False),\n    sa.PrimaryKeyConstraint('id', name='${t}_pkey')\n    )`,
  ];
}

function alembicFile(g, rev, down, index, large) {
  const tables = [];
  const ups = [];
  const downs = [];
  const n = g.size(large);
  const created = [];
  for (let i = 0; i < n; i++) {
    let pair;
    if (large) {
      const t = g.table(index * 1000 + i);
      tables.push(t);
      pair = alembicCreateTable(g, t);
    } else {
      pair = alembicOp(
        g,
        WORDS.map((w) => `${w}s`),
        created,
      );
    }
    ups.push(pair[0]);
    downs.unshift(pair[1]);
  }
  const msg = `${g.pick(['add', 'drop', 'alter', 'update', 'create'])} ${g.pick(WORDS)} ${g.pick(COLS)}`;
  return `"""${msg}

Revision ID: ${rev}
Revises: ${down ?? ''}
Create Date: 2024-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')} 10:${String(index % 60).padStart(2, '0')}:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = '${rev}'
down_revision: Union[str, None] = ${down ? `'${down}'` : 'None'}
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
${ups.join('\n')}
    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
${downs.join('\n')}
    # ### end Alembic commands ###
`;
}

const ENV_PY = `from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
`;

// ---------------------------------------------------------------- SQL

const PG_TYPES = ['TEXT', 'INTEGER', 'BIGINT', 'BOOLEAN', 'DOUBLE PRECISION', 'DECIMAL(65,30)', 'TIMESTAMP(3)', 'JSONB', 'TEXT[]', 'VARCHAR(191)', 'UUID'];
const SQLITE_TYPES = ['TEXT', 'INTEGER', 'BOOLEAN', 'REAL', 'DATETIME', 'DECIMAL', 'BLOB'];

function prismaCreateTable(g, t, sqlite) {
  const cols = [sqlite ? '    "id" TEXT NOT NULL PRIMARY KEY' : '    "id" TEXT NOT NULL'];
  const n = g.int(3, 14);
  for (let i = 0; i < n; i++) {
    const dflt = g.chance(0.2) ? ' DEFAULT CURRENT_TIMESTAMP' : '';
    cols.push(`    "${g.col()}${i}" ${g.pick(sqlite ? SQLITE_TYPES : PG_TYPES)}${g.chance(0.3) ? '' : ' NOT NULL'}${dflt}`);
  }
  if (!sqlite) cols.push(`\n    CONSTRAINT "${t}_pkey" PRIMARY KEY ("id")`);
  return `-- CreateTable\nCREATE TABLE "${t}" (\n${cols.join(',\n')}\n);\n`;
}

function prismaPgOp(g, t) {
  const c = g.col();
  const x = g.r();
  if (x < 0.3) return `-- AlterTable\nALTER TABLE "${t}" ADD COLUMN "${c}" ${g.pick(PG_TYPES)};\n`;
  if (x < 0.45)
    return `/*\n  Warnings:\n\n  - You are about to drop the column \`${c}\` on the \`${t}\` table. All the data in the column will be lost.\n\n*/\n-- AlterTable\nALTER TABLE "${t}" DROP COLUMN "${c}";\n`;
  if (x < 0.6) return `-- CreateIndex\nCREATE ${g.chance(0.4) ? 'UNIQUE ' : ''}INDEX "${t}_${c}_idx" ON "${t}"("${c}");\n`;
  if (x < 0.7)
    return `-- AddForeignKey\nALTER TABLE "${t}" ADD CONSTRAINT "${t}_${c}_fkey" FOREIGN KEY ("${c}") REFERENCES "${g.table()}"("id") ON DELETE CASCADE ON UPDATE CASCADE;\n`;
  if (x < 0.78) return `-- AlterTable\nALTER TABLE "${t}" ALTER COLUMN "${c}" SET NOT NULL,\nALTER COLUMN "${c}" SET DATA TYPE ${g.pick(PG_TYPES)};\n`;
  if (x < 0.85) return `-- CreateEnum\nCREATE TYPE "${c}_kind" AS ENUM ('A', 'B', 'C');\n`;
  if (x < 0.9) return `-- DropIndex\nDROP INDEX "${t}_${c}_idx";\n`;
  if (x < 0.95) return prismaCreateTable(g, g.table(g.int(0, 9999)), false);
  return `/*\n  Warnings:\n\n  - You are about to drop the \`${t}\` table. If the table is not empty, all the data it contains will be lost.\n\n*/\n-- DropTable\nDROP TABLE "${t}";\n`;
}

function prismaSqliteOp(g, t) {
  const c = g.col();
  const x = g.r();
  if (x < 0.35) return `-- AlterTable\nALTER TABLE "${t}" ADD COLUMN "${c}" ${g.pick(SQLITE_TYPES)};\n`;
  if (x < 0.55) return `-- CreateIndex\nCREATE INDEX "${t}_${c}_idx" ON "${t}"("${c}");\n`;
  if (x < 0.65) return prismaCreateTable(g, g.table(g.int(0, 9999)), true);
  // RedefineTables, dropping a column or changing a type.
  const keep = ['id', 'name', 'createdAt'];
  const quoted = keep.map((k) => `"${k}"`).join(', ');
  const warn = g.chance(0.5)
    ? `/*\n  Warnings:\n\n  - You are about to drop the column \`${c}\` on the \`${t}\` table. All the data in the column will be lost.\n\n*/\n`
    : '';
  return `${warn}-- RedefineTables\nPRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE "new_${t}" (\n    "id" TEXT NOT NULL PRIMARY KEY,\n    "name" TEXT,\n    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\nINSERT INTO "new_${t}" (${quoted}) SELECT ${quoted} FROM "${t}";\nDROP TABLE "${t}";\nALTER TABLE "new_${t}" RENAME TO "${t}";\nPRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n`;
}

function prismaMigration(g, index, large, sqlite) {
  const parts = [];
  const n = g.size(large);
  for (let i = 0; i < n; i++) {
    if (large) parts.push(prismaCreateTable(g, `${g.pick(WORDS)}_${index}_${i}`, sqlite));
    else parts.push(sqlite ? prismaSqliteOp(g, `${g.pick(WORDS)}s`) : prismaPgOp(g, `${g.pick(WORDS)}s`));
  }
  return parts.join('\n');
}

function rawSqlStatement(g, t) {
  const c = g.col();
  const x = g.r();
  if (x < 0.2) return `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS ${c} ${g.pick(PG_TYPES)};`;
  if (x < 0.3) return `ALTER TABLE ${t} DROP COLUMN ${c};`;
  if (x < 0.42) return `CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_${t}_${c} ON ${t} (${c});`;
  if (x < 0.52) return `UPDATE ${t} SET ${c} = lower(${c}) WHERE ${c} <> lower(${c});`;
  if (x < 0.58) return `DELETE FROM ${t} WHERE created_at < now() - interval '90 days';`;
  if (x < 0.64) return `COMMENT ON COLUMN ${t}.${c} IS 'Do not DROP TABLE ${t}; it is referenced by ${g.pick(WORDS)}';`;
  if (x < 0.7)
    return `CREATE OR REPLACE FUNCTION touch_${t}() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;`;
  if (x < 0.75)
    return `DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = '${t}' AND column_name = '${c}') THEN\n    ALTER TABLE ${t} RENAME COLUMN ${c} TO ${c}_old;\n  END IF;\nEND\n$$;`;
  if (x < 0.8) return `ALTER TABLE ${t} ADD CONSTRAINT ${t}_${c}_check CHECK (${c} IS NOT NULL) NOT VALID;`;
  if (x < 0.85) return `INSERT INTO ${t} (${c}, created_at) SELECT ${c}, now() FROM ${g.pick(WORDS)}s WHERE ${c} IS NOT NULL;`;
  if (x < 0.9)
    return `CREATE TABLE IF NOT EXISTS ${t}_archive (\n  id bigserial PRIMARY KEY,\n  ${c} text,\n  created_at timestamptz NOT NULL DEFAULT now()\n);`;
  if (x < 0.94) return `DROP INDEX CONCURRENTLY IF EXISTS idx_${t}_${c};`;
  if (x < 0.97) return `TRUNCATE ${t}_staging;`;
  return `DROP TABLE IF EXISTS ${t}_old;`;
}

function rawSqlFile(g, index, large) {
  const lines = [`-- ${g.pick(['add', 'backfill', 'cleanup', 'index', 'alter'])} ${g.pick(WORDS)} (${index})`];
  const n = g.size(large);
  const tx = g.chance(0.5);
  if (tx) lines.push('BEGIN;');
  for (let i = 0; i < n; i++) {
    if (large) {
      lines.push(prismaCreateTable(g, `${g.pick(WORDS)}_${index}_${i}`, false).replace(/^-- CreateTable\n/, ''));
    } else {
      lines.push(rawSqlStatement(g, `${g.pick(WORDS)}s`));
    }
  }
  if (tx) lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- layout

/**
 * Writes the corpus (if not cached) and returns its description:
 * { dir, files: [{ path, kind, dialect }], bytes } with paths relative to dir.
 */
export function corpus(seed, size) {
  const dir = path.join(os.tmpdir(), `droplint-bench-v${GENERATOR_VERSION}-s${seed}-n${size}`);
  const manifest = path.join(dir, 'manifest.json');
  if (existsSync(manifest)) return { dir, ...JSON.parse(readFileSync(manifest, 'utf8')) };
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const g = new Gen(prng(seed));
  const files = [];
  let bytes = 0;
  const write = (rel, text, kind, dialect) => {
    const full = path.join(tmp, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    bytes += Buffer.byteLength(text);
    if (kind) files.push({ path: rel, kind, dialect });
  };

  const nAlembic = Math.round(size * 0.45);
  const nPrismaPg = Math.round(size * 0.235);
  const nPrismaSqlite = Math.round(size * 0.115);
  const nRaw = size - nAlembic - nPrismaPg - nPrismaSqlite;

  // Alembic: one long revision chain per project (up to 2,000 revisions).
  const alembicProjects = Math.max(1, Math.ceil(nAlembic / 2000));
  for (let p = 0, made = 0; p < alembicProjects; p++) {
    const count = Math.min(2000, nAlembic - made);
    const base = `alembic-${p}`;
    write(`${base}/alembic/env.py`, ENV_PY);
    write(`${base}/alembic.ini`, '[alembic]\nscript_location = alembic\nsqlalchemy.url = postgresql://localhost/app\n');
    let down = null;
    for (let i = 0; i < count; i++) {
      const rev = g.hex(12);
      const slug = `${g.pick(['add', 'drop', 'alter', 'create'])}_${g.pick(WORDS)}_${g.pick(COLS)}`;
      write(`${base}/alembic/versions/${rev}_${slug}.py`, alembicFile(g, rev, down, i, i === 0), 'alembic', 'python');
      down = rev;
    }
    made += count;
  }

  const prismaProjects = (n, sqlite, name) => {
    const projects = Math.max(1, Math.ceil(n / 500));
    for (let p = 0, made = 0; p < projects; p++) {
      const count = Math.min(500, n - made);
      const base = `${name}-${p}/prisma/migrations`;
      write(
        `${base}/migration_lock.toml`,
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${sqlite ? 'sqlite' : 'postgresql'}"\n`,
      );
      for (let i = 0; i < count; i++) {
        const stamp = `2024${String(1 + (Math.floor(i / 40) % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(100000 + i).slice(1)}0`;
        const folder = `${stamp}_${g.pick(['init', 'add', 'drop', 'change'])}_${g.pick(WORDS)}`;
        write(`${base}/${folder}/migration.sql`, prismaMigration(g, i, i === 0, sqlite), 'prisma', sqlite ? 'sqlite' : 'postgresql');
      }
      made += count;
    }
  };
  prismaProjects(nPrismaPg, false, 'prisma-pg');
  prismaProjects(nPrismaSqlite, true, 'prisma-sqlite');

  for (let i = 0; i < nRaw; i++) {
    const folder = `sql/${String(Math.floor(i / 500)).padStart(2, '0')}`;
    write(`${folder}/${String(i).padStart(5, '0')}_${g.pick(WORDS)}.sql`, rawSqlFile(g, i, i % 500 === 0), 'sql', 'postgresql');
  }

  const data = { seed, size, files, bytes };
  writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(data));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, ...data };
}

/** A 2,000-line Prisma (PostgreSQL) migration and an Alembic one, in small projects, for the LSP measurement. */
export function lspProject(seed) {
  const dir = path.join(os.tmpdir(), `droplint-bench-v${GENERATOR_VERSION}-s${seed}-lsp`);
  const done = path.join(dir, 'done');
  const sqlFile = path.join(dir, 'prisma/migrations/20240601000000_big/migration.sql');
  const pyFile = path.join(dir, 'alembic/versions/ffff00000000_big.py');
  if (existsSync(done)) return { dir, sqlFile, pyFile };
  rmSync(dir, { recursive: true, force: true });
  const g = new Gen(prng(seed + 7));
  const put = (full, text) => {
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  put(path.join(dir, 'prisma/migrations/migration_lock.toml'), 'provider = "postgresql"\n');
  for (let i = 0; i < 20; i++)
    put(path.join(dir, `prisma/migrations/202401${String(i + 10)}000000_m${i}/migration.sql`), prismaMigration(g, i, i === 0, false));
  let sql = '';
  for (let i = 0; sql.split('\n').length < 2000; i++) sql += `${prismaPgOp(g, `${g.pick(WORDS)}s`)}\n`;
  put(sqlFile, `${sql.split('\n').slice(0, 2000).join('\n')}\n`);
  let down = null;
  for (let i = 0; i < 20; i++) {
    const rev = `aaaa${String(i).padStart(8, '0')}`;
    put(path.join(dir, `alembic/versions/${rev}_m${i}.py`), alembicFile(g, rev, down, i, i === 0));
    down = rev;
  }
  let py = alembicFile(g, 'ffff00000000', down, 99, true);
  while (py.split('\n').length < 2000) py = alembicFile(g, 'ffff00000000', down, 99, true);
  put(pyFile, py);
  put(path.join(dir, 'alembic/env.py'), ENV_PY);
  writeFileSync(done, '');
  return { dir, sqlFile, pyFile };
}
