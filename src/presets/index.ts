/**
 * `protected-presets`: the tables that well-known libraries and tools own in
 * an application's database, as `protected-tables` patterns. Each list is
 * checked against the library's own schema, adapter source or documentation;
 * docs/presets.md records where each one comes from.
 *
 * Patterns follow `protected-tables`: a bare name matches case-insensitively
 * (so `User` also covers an adapter's `user`), `schema.*` covers a schema.
 */
export interface Preset {
  /** The name used in `protected-presets`. */
  readonly name: string;
  /** What owns the tables, for documentation and messages. */
  readonly owner: string;
  readonly tables: readonly string[];
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'better-auth',
    owner: 'Better Auth',
    // Core schema; `rateLimit` exists when rate limits are stored in the database.
    tables: ['user', 'session', 'account', 'verification', 'rateLimit'],
  },
  {
    name: 'next-auth',
    owner: 'Auth.js / NextAuth.js',
    // Prisma, Drizzle and Kysely adapters (`User`, …; bare names match any case),
    // the pg adapter's schema.sql, and the TypeORM adapter's entities.
    tables: ['User', 'Account', 'Session', 'VerificationToken', 'Authenticator', 'users', 'accounts', 'sessions', 'verification_token', 'verification_tokens'],
  },
  {
    name: 'lucia',
    owner: 'Lucia',
    // v3 (SQLite/MySQL docs: user, session; PostgreSQL docs: auth_user, user_session),
    // v2 (auth_user, user_key, user_session), v1 (auth_user, auth_key, auth_session).
    tables: ['user', 'session', 'auth_user', 'user_session', 'user_key', 'auth_key', 'auth_session'],
  },
  {
    name: 'django-auth',
    owner: 'Django (auth, contenttypes, sessions, admin, migrations)',
    tables: [
      'auth_user',
      'auth_group',
      'auth_permission',
      'auth_user_groups',
      'auth_user_user_permissions',
      'auth_group_permissions',
      'django_session',
      'django_content_type',
      'django_admin_log',
      'django_migrations',
    ],
  },
  { name: 'django-celery-beat', owner: 'django-celery-beat', tables: ['django_celery_beat_*'] },
  { name: 'django-celery-results', owner: 'django-celery-results', tables: ['django_celery_results_*'] },
  { name: 'celery', owner: "Celery's SQLAlchemy result backend", tables: ['celery_taskmeta', 'celery_tasksetmeta'] },
  { name: 'alembic', owner: 'Alembic', tables: ['alembic_version'] },
  { name: 'prisma', owner: 'Prisma Migrate', tables: ['_prisma_migrations'] },
  { name: 'flyway', owner: 'Flyway', tables: ['flyway_schema_history'] },
  { name: 'liquibase', owner: 'Liquibase', tables: ['databasechangelog', 'databasechangeloglock'] },
  { name: 'rails', owner: 'Rails (Active Record)', tables: ['schema_migrations', 'ar_internal_metadata'] },
  { name: 'supabase', owner: 'Supabase (Auth and Storage schemas)', tables: ['auth.*', 'storage.*'] },
];

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

/** The preset called `name`, or undefined. */
export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The `protected-tables` patterns of the named presets, in order, without repeats; unknown names are skipped (config validation reports them). */
export function expandPresets(names: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const name of names) for (const table of findPreset(name)?.tables ?? []) patterns.add(table);
  return [...patterns];
}
