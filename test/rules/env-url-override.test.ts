import rule from '../../rules/env-url-override.js';
import { testRule } from './rule-tester.js';

const lines = (...l: string[]): string => [...l, ''].join('\n');

/** An env.py: the imports (lines 1-5), then `body` from line 6 on. */
function env(...body: string[]): { format: 'alembic'; filename: string; code: string } {
  return {
    format: 'alembic',
    filename: 'env.py',
    code: lines('import os', '', 'from alembic import context', 'from app.settings import get_settings', 'config = context.config', ...body),
  };
}

/** Alembic's own template: the URL comes from the configuration the caller built. */
const TEMPLATE = env(
  'target_metadata = None',
  '',
  'def run_migrations_offline():',
  '    url = config.get_main_option("sqlalchemy.url")',
  '    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)',
  '    with context.begin_transaction():',
  '        context.run_migrations()',
  '',
  'def run_migrations_online():',
  '    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.")',
  '    with connectable.connect() as connection:',
  '        context.configure(connection=connection, target_metadata=target_metadata)',
  '        with context.begin_transaction():',
  '            context.run_migrations()',
);

const MESSAGE =
  'env.py overwrites sqlalchemy.url without first checking for a URL passed by the caller: that URL is ignored, and `downgrade base` runs wherever the settings point';

testRule(rule, {
  valid: [
    TEMPLATE,
    // Set only when unset.
    env('if not config.get_main_option("sqlalchemy.url"):', '    config.set_main_option("sqlalchemy.url", get_settings().database_url)'),
    // The configured URL first, the settings as a fallback.
    env('url = config.get_main_option("sqlalchemy.url") or get_settings().database_url', 'config.set_main_option("sqlalchemy.url", url)'),
    // A URL passed programmatically in config.attributes (the incident's fix).
    env(
      'explicit = config.attributes.get("explicit_database_url")',
      'if explicit:',
      '    config.set_main_option("sqlalchemy.url", explicit)',
      'else:',
      '    config.set_main_option("sqlalchemy.url", get_settings().database_url)',
    ),
    // `alembic -x url=…`.
    env('x_url = context.get_x_argument(as_dictionary=True).get("url")', 'config.set_main_option("sqlalchemy.url", x_url or get_settings().database_url)'),
    // A helper of this file that honours the configured URL.
    env(
      'def get_url():',
      '    return config.get_main_option("sqlalchemy.url") or get_settings().database_url',
      '',
      'config.set_main_option("sqlalchemy.url", get_url())',
    ),
    // Another key.
    env('config.set_main_option("script_location", "migrations")'),
  ],
  invalid: [
    {
      // The env.py whose test teardown downgraded production (incident 001).
      ...env(
        'settings = get_settings()',
        'database_url = settings.get_database_connection_string()',
        '# CRITICAL FLAW: Overwrites whatever URL was passed programmatically',
        'config.set_main_option("sqlalchemy.url", database_url)',
      ),
      errors: [{ line: 9, column: 1, endLine: 9, endColumn: 55, severity: 'warning', message: MESSAGE }],
    },
    {
      // Guarded, but by something other than the caller's URL: a test that sets DATABASE_URL still loses.
      ...env('if os.environ.get("DATABASE_URL"):', '    config.set_main_option("sqlalchemy.url", os.environ["DATABASE_URL"])'),
      errors: [{ line: 7, column: 5, endColumn: 73, message: MESSAGE }],
    },
    {
      ...env(
        'def run_migrations_online():',
        '    config.set_main_option("sqlalchemy.url", get_settings().url)',
        '    connectable = engine_from_config(config.get_section(config.config_ini_section))',
      ),
      errors: [{ line: 7, column: 5, message: MESSAGE }],
    },
    {
      ...env('config.set_section_option(config.config_ini_section, "sqlalchemy.url", get_settings().url)'),
      errors: [{ line: 6, column: 1, message: MESSAGE }],
    },
  ],
});
