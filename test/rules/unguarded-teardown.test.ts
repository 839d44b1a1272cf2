/** unguarded-teardown through the CLI: test fixtures and set-up files in small projects, linted at their root. */
import { describe, expect, it } from 'vitest';
import { droplint, project } from '../cli/run-cli.js';

interface Found {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly message: string;
}

function lint(files: Record<string, string>): Found[] {
  const run = droplint(project(files), ['--format', 'json']);
  expect(run.stderr).toBe('');
  const doc = JSON.parse(run.stdout) as { diagnostics: Array<Found & { rule: string }> };
  return doc.diagnostics.filter((d) => d.rule === 'unguarded-teardown').map(({ file, line, severity, message }) => ({ file, line, severity, message }));
}

const conftest = (setup: string, teardown = '    Base.metadata.drop_all(engine)'): string =>
  `import os\n\nimport pytest\nfrom sqlalchemy import create_engine\n\nfrom app.models import Base\n\n\n@pytest.fixture(scope="session", autouse=True)\ndef database():\n${setup}\n    Base.metadata.create_all(engine)\n    yield\n${teardown}\n`;

const FROM_ENV = '    engine = create_engine(os.environ["DATABASE_URL"])';

describe('unguarded-teardown: Python', () => {
  it('reports drop_all in a conftest against the environment URL, at the call', () => {
    expect(lint({ 'tests/conftest.py': conftest(FROM_ENV) })).toEqual([
      {
        file: 'tests/conftest.py',
        line: 14,
        severity: 'error',
        message: '`Base.metadata.drop_all()` drops everything in the database the environment or settings name, with no check that it is a test database',
      },
    ]);
  });

  it.each([
    [
      'a condition that raises',
      '    url = os.environ["DATABASE_URL"]\n    if "test" not in url:\n        raise RuntimeError("not a test database")\n    engine = create_engine(url)',
    ],
    ['an assertion', '    url = os.environ["DATABASE_URL"]\n    assert url.endswith("_test"), url\n    engine = create_engine(url)'],
    ['a helper named for it', '    ensure_test_database()\n' + FROM_ENV],
    [
      'an environment check that exits',
      '    if os.environ.get("ENV") == "production":\n        pytest.exit("refusing to run against production")\n' + FROM_ENV,
    ],
  ])('accepts a guard: %s', (_, guard) => {
    expect(lint({ 'tests/conftest.py': conftest(guard) })).toEqual([]);
  });

  it.each([
    ['SQLite in memory', '    engine = create_engine("sqlite:///:memory:")'],
    [
      'testcontainers',
      '    from testcontainers.postgres import PostgresContainer\n    pg = PostgresContainer("postgres:16").start()\n    engine = create_engine(pg.get_connection_url())',
    ],
  ])('accepts a throwaway database: %s', (_, setup) => {
    expect(lint({ 'tests/conftest.py': conftest(setup) })).toEqual([]);
  });

  it.each([
    ['a variable', '    engine = create_engine(os.environ["TEST_DATABASE_URL"])'],
    ['a configuration', '    from app.configs.testing import TestingConfig\n    engine = create_engine(TestingConfig.SQLALCHEMY_DATABASE_URI)'],
    ["an application factory's testing configuration", '    app = create_app(config_name="testing", config_file="")\n    engine = db.engine'],
    ['an application factory given "testing"', "    app = create_app('testing')\n    engine = db.engine"],
  ])('a URL from %s named for tests is info', (_, setup) => {
    expect(lint({ 'tests/conftest.py': conftest(setup) })).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('downgrade to base in a teardown, with an env.py that overrides the URL: the message names the chain', () => {
    const found = lint({
      'tests/conftest.py': conftest('    cfg = Config("alembic.ini")\n    command.upgrade(cfg, "head")', '    command.downgrade(cfg, "base")').replace(
        'import pytest',
        'import pytest\nfrom alembic import command\nfrom alembic.config import Config',
      ),
      'migrations/env.py':
        'from alembic import context\n\nfrom app.settings import settings\n\nconfig = context.config\nconfig.set_main_option("sqlalchemy.url", settings.database_url)\n',
      'migrations/versions/a1_init.py':
        'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\n\n\ndef upgrade():\n    op.create_table("users")\n\n\ndef downgrade():\n    op.drop_table("users")\n',
    });
    expect(found).toEqual([
      expect.objectContaining({
        file: 'tests/conftest.py',
        line: 17,
        severity: 'error',
        message: expect.stringContaining('`downgrade(…, "base")` drops everything'),
      }),
    ]);
    expect(found[0]!.message).toContain('migrations/env.py:6 overwrites the URL a caller passes (env-url-override)');
  });

  it('reads app functions named for dropping everything, not other app code; never comments', () => {
    const app =
      'from app.db import db\n\n\ndef drop_tables():\n    db.drop_all()\n\n\ndef rebuild_index():\n    db.drop_all()  # no: the name says nothing of dropping\n\n# db.drop_all() in a comment\n';
    expect(lint({ 'app/manage.py': app })).toEqual([expect.objectContaining({ file: 'app/manage.py', line: 5, severity: 'error' })]);
  });
});

describe('unguarded-teardown: Jest and Vitest set-up files', () => {
  const jest = "module.exports = {\n  globalSetup: './test/global-setup.ts',\n  setupFiles: ['<rootDir>/test/env.ts'],\n};\n";
  it('reports a reset in the global set-up the config names', () => {
    const found = lint({
      'jest.config.js': jest,
      'test/global-setup.ts':
        "import { execSync } from 'node:child_process';\n\nexport default async () => {\n  execSync('npx prisma migrate reset --force --skip-seed', { stdio: 'inherit' });\n};\n",
      'test/env.ts': "process.env.TZ = 'UTC';\n",
    });
    expect(found).toEqual([
      expect.objectContaining({
        file: 'test/global-setup.ts',
        line: 4,
        severity: 'error',
        message: expect.stringContaining('`npx prisma migrate reset --force --skip-seed` drops everything'),
      }),
    ]);
  });

  it('accepts a reset given a local database in its own options or prefix, not one that keeps the environment', () => {
    const setup = (call: string): string =>
      `import { execaCommand } from 'execa'\n\nexport async function setup() {\n${call}\n}\n\nexport async function teardown() {}\n`;
    const lintSetup = (call: string) =>
      lint({ 'vitest.config.ts': "export default { test: { globalSetup: './tests/setup.ts' } };\n", 'tests/setup.ts': setup(call) });
    // The options give the command a SQLite file (epic-stack), or a server on localhost.
    expect(
      lintSetup(
        "  await execaCommand(\n    'npx prisma migrate reset --force --skip-seed',\n    {\n      stdio: 'inherit',\n      env: {\n        ...process.env,\n        DATABASE_URL: `file:${base}`,\n      },\n    },\n  )",
      ),
    ).toEqual([]);
    expect(lintSetup("  await execaCommand('DATABASE_URL=postgresql://app@localhost:5432/app npx prisma migrate reset --force')")).toEqual([]);
    // Options that pass the environment's own URL on, or a URL given to another call after this one, change nothing.
    expect(
      lintSetup(
        "  await execaCommand('npx prisma migrate reset --force', {\n    env: { DATABASE_URL: process.env.DATABASE_URL },\n  })\n  await seed({ DATABASE_URL: 'file:./seed.db' })",
      ),
    ).toEqual([expect.objectContaining({ file: 'tests/setup.ts', line: 4, severity: 'error' })]);
  });

  it("accepts a guard, Sequelize's match, and a file no config names", () => {
    expect(
      lint({
        'vitest.config.ts': "export default { test: { globalSetup: './test/setup.ts' } };\n",
        'test/setup.ts':
          "export async function setup() {\n  if (!process.env.DATABASE_URL?.includes('localhost')) throw new Error('tests need a local database');\n  await dataSource.dropDatabase();\n  await sequelize.sync({ force: true, match: /_test$/ });\n}\n",
        'scripts/other.ts': 'await dataSource.dropDatabase();\n',
      }),
    ).toEqual([]);
  });
});

describe('unguarded-teardown: SQL and text', () => {
  const fixture = (body: string): string =>
    `import os\n\nimport psycopg\n\n\ndef pytest_sessionstart(session):\n    conn = psycopg.connect(os.environ["DATABASE_URL"])\n${body}\n`;

  it('reports a drop of what the function created only if it existed already (IF NOT EXISTS), or in another function', () => {
    const files = {
      'tests/conftest.py': fixture(
        '    conn.execute("CREATE SCHEMA IF NOT EXISTS audit")\n    conn.execute("DROP SCHEMA audit CASCADE")\n\n\ndef pytest_sessionfinish(session):\n    conn.execute("DROP SCHEMA scratch CASCADE")\n\n\ndef pytest_configure(config):\n    conn.execute("CREATE SCHEMA scratch")',
      ),
    };
    expect(lint(files).map((f) => f.line)).toEqual([9, 13]);
  });

  it('reports DROP SCHEMA public CASCADE that a fixture executes', () => {
    expect(lint({ 'tests/conftest.py': fixture('    conn.execute("DROP SCHEMA public CASCADE")\n    conn.execute("CREATE SCHEMA public")') })).toEqual([
      expect.objectContaining({ line: 8, severity: 'error', message: expect.stringContaining('`DROP SCHEMA public CASCADE` drops everything') }),
    ]);
  });

  it.each([
    ['a schema the test named at run time', { 'tests/conftest.py': fixture('    conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")') }],
    ['SQL that only stands in a string', { 'tests/test_sql.py': fixture('    assert render() == "DROP DATABASE preview_pr_123"') }],
    ['a docstring', { 'tests/test_db.py': 'def test_drop():\n    """drop_db() uses metadata.drop_all() instead of downgrades."""\n    assert True\n' }],
    [
      'a database the same function created by name first: it drops only what it made',
      { 'tests/test_projects.py': fixture('    conn.execute("CREATE DATABASE `MyProject`")\n    conn.execute("DROP DATABASE MyProject")') },
    ],
  ])('not %s', (_, files) => {
    expect(lint(files)).toEqual([]);
  });
});
