import { defineRule } from '../src/engine/rule.js';

const GUARDED_CONFTEST = `import os
import re

import pytest
from sqlalchemy import create_engine

from app.models import Base


@pytest.fixture(scope="session")
def engine():
    url = os.environ["DATABASE_URL"]
    if re.search(r"railway\\\\.app|production", url) or not url.endswith("_test"):
        raise RuntimeError(f"refusing to drop tables on {url}")
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    yield engine
    Base.metadata.drop_all(engine)
`;

export default defineRule({
  meta: {
    id: 'unguarded-teardown',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'A test fixture drops everything against a database URL from the environment or settings, with no check that it is a test database.',
    help: 'Before dropping, refuse to run unless the URL names a test database (a `_test` name, localhost, SQLite in a temporary path), or use a throwaway database (testcontainers).',
    examples: {
      flagged: {
        files: {
          'tests/conftest.py': GUARDED_CONFTEST.replace(/ {4}if re\.search[^\n]*\n[^\n]*\n/, ''),
        },
      },
      safe: { files: { 'tests/conftest.py': GUARDED_CONFTEST } },
    },
    docs: `
Reports test fixtures and utilities that drop everything — \`metadata.drop_all()\`,
\`command.downgrade(cfg, "base")\` (or \`"-N"\`), \`DROP SCHEMA … CASCADE\` SQL,
\`subprocess.run([… "alembic", "downgrade", "base"])\`, and in Jest/Vitest set-up
files (the \`globalSetup\` and \`setupFiles\` their configs name)
\`execSync("prisma migrate reset …")\`, \`db push --force-reset\`,
\`sequelize.sync({ force: true })\`, \`dataSource.dropDatabase()\`,
\`synchronize(true)\`, \`knex.migrate.rollback(…, true)\` — when the database URL
comes from the environment or the application's settings and nothing checks it
first. It reads \`conftest.py\`, Python files below \`test\`/\`tests\` folders, and
application functions named for it (\`drop_tables()\`, \`reset_db()\`).

Not reported: a guard before the call (a condition on the URL, the database name
or the environment that raises, exits, skips or returns; an \`assert\` that the URL
is a test one; a helper such as \`ensure_test_database()\`), Sequelize's own
\`sync({ force: true, match: /_test$/ })\`, a throwaway database (testcontainers,
SQLite in memory or in a temporary path). A URL read from a variable named for
tests (\`TEST_DATABASE_URL\`, Flask's \`TestingConfig\`, an application factory given
the testing configuration: \`create_app("testing")\`, \`config_name="testing"\`) is
\`info\`. When the project's Alembic \`env.py\` also
overwrites the URL a caller passes (\`env-url-override\`), the message says so:
together they send a test's \`downgrade base\` to the application's database.

**Why it loses data.** A build platform ran a test phase with the production
\`DATABASE_URL\`, and the teardown's \`Base.metadata.drop_all()\` dropped every
table; a test suite's set-up ran \`DROP SCHEMA public CASCADE\` on production and
lost 1.15 million events; a teardown's \`downgrade base\` went to production
through an \`env.py\` that overwrote the URL.

**Safe alternative.** Check before you drop, as the fixed conftest below does,
or test against a throwaway database.
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'teardown' || op.guarded || op.database === 'throwaway') return;
    const source = op.database === 'test-variable' ? 'a database named by a test variable' : 'the database the environment or settings name';
    const override =
      op.urlOverride === null
        ? ''
        : `; and ${op.urlOverride} overwrites the URL a caller passes (env-url-override), so a migration run from a test reaches the application's database too`;
    ctx.report({
      span: op.span,
      phase: op.phase,
      atMost: op.database === 'test-variable' ? 'info' : undefined,
      object: null,
      message: `\`${op.action}\` drops everything in ${source}, with no check that it is a test database${override}`,
    });
  },
});
