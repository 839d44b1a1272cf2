/**
 * The hook's `files` pattern selects what `droplint` at the repository root
 * lints (pre-commit names the files, and a named file is always linted).
 * pre-commit matches it with Python's `re`, so Python checks it here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const python = spawnSync('python3', ['--version']).status === 0;

/** The `files: |` block of .pre-commit-hooks.yaml, as YAML reads it (indentation removed). */
function filesPattern(): string {
  const lines = fs.readFileSync('.pre-commit-hooks.yaml', 'utf8').split('\n');
  const start = lines.findIndex((line) => /^\s+files: \|$/.test(line));
  const block = lines.slice(start + 1);
  const end = block.findIndex((line) => !line.startsWith('    ') && line.trim() !== '');
  return block
    .slice(0, end === -1 ? undefined : end)
    .map((line) => line.slice(4))
    .join('\n');
}

function matching(paths: readonly string[]): string[] {
  const script = 'import re, sys, json\nr = re.compile(sys.argv[1])\nprint(json.dumps([p for p in json.load(sys.stdin) if r.search(p)]))';
  const run = spawnSync('python3', ['-c', script, filesPattern()], { input: JSON.stringify(paths), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

describe.skipIf(!python)('.pre-commit-hooks.yaml files pattern', () => {
  it('takes the migration layouts and the .sql files of migrations-like folders, and nothing else', () => {
    const linted = [
      'alembic/versions/0001_init.py',
      'migrations/env.py',
      'prisma/migrations/20240101_init/migration.sql',
      'backend/V1__init.sql',
      'db/migration/U2__undo.sql',
      'db/R__views.sql',
      'internal/store/000001_users.up.sql',
      'internal/store/000001_users.down.sql',
      'diesel/2024-01-01_x/up.sql',
      'packages/db/migrations/0001_init.sql',
      'services/api/schema/tables.sql',
      'src/Migrations/001.sql',
      'supabase/migrations/20240101_init.sql',
      'synapse/storage/schema/main/delta/58/05cache_instance.sql.postgres',
      'synapse/storage/schema/main/delta/58/05cache_instance.sql.sqlite',
    ];
    const notLinted = [
      'tests/resources/hive/create.sql',
      'docker/mssql/init.sql',
      'analytics/macros/cleanup.sql',
      'db/seeds/demo.sql',
      'db/migrations/test/fixture.sql',
      'tests/db/schema.sql',
      'scripts/cleanup.sql',
      'app.sql',
      'mydb/x.sql',
      'db/x.sql.bak',
      'app/models.py',
      'README.md',
    ];
    expect(matching([...linted, ...notLinted])).toEqual(linted);
  });
});
