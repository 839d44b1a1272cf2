import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'env-url-override',
    defaultSeverity: 'warning',
    downgradeSensitive: false,
    summary: 'Alembic env.py sets sqlalchemy.url unconditionally, ignoring the URL the caller passed.',
    help: 'Set sqlalchemy.url from the settings only when it is not set already (or honour config.attributes / -x url=…).',
    examples: {
      flagged: {
        files: {
          'migrations/env.py':
            'from alembic import context\n\nfrom app.models import Base\nfrom app.settings import settings\n\nconfig = context.config\nconfig.set_main_option("sqlalchemy.url", settings.database_url)\n',
          'migrations/versions/a1_init.py':
            'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    pass\n',
        },
      },
      safe: {
        files: {
          'migrations/env.py':
            'from alembic import context\n\nfrom app.models import Base\nfrom app.settings import settings\n\nconfig = context.config\nif not config.get_main_option("sqlalchemy.url"):\n    config.set_main_option("sqlalchemy.url", settings.database_url)\n',
          'migrations/versions/a1_init.py':
            'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    pass\n',
        },
      },
    },
    docs: `
Reports \`config.set_main_option("sqlalchemy.url", …)\` (or
\`set_section_option(…, "sqlalchemy.url", …)\`) in an Alembic \`env.py\` unless
it first honours a URL the caller passed: the call is guarded by a condition
that reads it (\`config.get_main_option("sqlalchemy.url")\`, \`config.attributes\`,
\`context.get_x_argument()\`), or the value it sets reads it. A guard on anything
else (an environment variable, a settings flag) still overwrites the caller's URL.

**Why it loses data.** Code that runs migrations programmatically — a test
fixture upgrading and downgrading a temporary database — passes the URL in the
Alembic config. An \`env.py\` that overwrites it with the application's settings
sends that \`downgrade base\` to whatever the settings point at. A test teardown
dropped the \`business\` and \`mapping\` schemas of a production database this way.

**Safe alternative.** Only fall back to the settings:

\`\`\`python
if not config.get_main_option("sqlalchemy.url"):
    config.set_main_option("sqlalchemy.url", get_settings().database_url)
\`\`\`

or read \`config.attributes.get("connection")\` / \`context.get_x_argument(as_dictionary=True).get("url")\` first.
`,
  },
  unit(ctx) {
    const meta = ctx.unit.meta;
    if (meta.format !== 'alembic' || meta.role !== 'env') return;
    for (const span of meta.urlOverrides) {
      ctx.report({
        span,
        phase: 'none',
        object: null,
        message:
          'env.py overwrites sqlalchemy.url without first checking for a URL passed by the caller: that URL is ignored, and `downgrade base` runs wherever the settings point',
      });
    }
  },
});
