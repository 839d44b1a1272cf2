import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/types.js';
import { compileTablePatterns } from '../../src/engine/table-pattern.js';
import { expandPresets, PRESET_NAMES } from '../../src/presets/index.js';
import { RULES } from '../../rules/index.js';
import { droplint, lintJson, project } from '../cli/run-cli.js';

/** Every preset's table list, as docs/presets.md gives it with its source. */
const EXPECTED: Record<string, string[]> = {
  'better-auth': ['user', 'session', 'account', 'verification', 'rateLimit'],
  'next-auth': [
    'User',
    'Account',
    'Session',
    'VerificationToken',
    'Authenticator',
    'users',
    'accounts',
    'sessions',
    'verification_token',
    'verification_tokens',
  ],
  lucia: ['user', 'session', 'auth_user', 'user_session', 'user_key', 'auth_key', 'auth_session'],
  'django-auth': [
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
  'django-celery-beat': ['django_celery_beat_*'],
  'django-celery-results': ['django_celery_results_*'],
  celery: ['celery_taskmeta', 'celery_tasksetmeta'],
  alembic: ['alembic_version'],
  prisma: ['_prisma_migrations'],
  flyway: ['flyway_schema_history'],
  liquibase: ['databasechangelog', 'databasechangeloglock'],
  rails: ['schema_migrations', 'ar_internal_metadata'],
  supabase: ['auth.*', 'storage.*'],
};

describe('presets', () => {
  it('has exactly the documented presets', () => {
    expect([...PRESET_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/presets.md'), 'utf8');
    for (const name of PRESET_NAMES) expect(doc).toContain(`## \`${name}\``);
  });

  for (const [name, tables] of Object.entries(EXPECTED)) {
    it(`expands ${name}`, () => {
      expect(expandPresets([name])).toEqual(tables);
    });
  }

  it('expands several presets in order, once each', () => {
    expect(expandPresets(['better-auth', 'lucia'])).toEqual([
      'user',
      'session',
      'account',
      'verification',
      'rateLimit',
      'auth_user',
      'user_session',
      'user_key',
      'auth_key',
      'auth_session',
    ]);
  });

  it('matches as protected-tables patterns do', () => {
    const nextAuth = compileTablePatterns(expandPresets(['next-auth']));
    // A bare name matches in any case: the Prisma adapter's "User" and the Drizzle adapter's "user".
    expect(nextAuth.match({ schema: null, name: 'user' })).toBe('User');
    expect(nextAuth.match({ schema: null, name: 'verificationToken' })).toBe('VerificationToken');
    expect(nextAuth.match({ schema: null, name: 'user_profile' })).toBeNull();
    const supabase = compileTablePatterns(expandPresets(['supabase']));
    expect(supabase.match({ schema: 'auth', name: 'users' })).toBe('auth.*');
    expect(supabase.match({ schema: null, name: 'users' })).toBeNull();
    expect(supabase.matchSchema('storage')).toBe('storage.*');
    const beat = compileTablePatterns(expandPresets(['django-celery-beat']));
    expect(beat.match({ schema: null, name: 'django_celery_beat_periodictask' })).toBe('django_celery_beat_*');
  });
});

describe('protected-presets in the configuration', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-presets-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const knownRules = new Set(RULES.map((r) => r.meta.id));
  const load = () => loadConfig({ cwd: tmp, knownRules });

  it('accepts known presets and unmodeled-tables', () => {
    fs.writeFileSync(path.join(tmp, 'droplint.toml'), 'protected-presets = ["better-auth", "django-auth"]\nunmodeled-tables = ["legacy_*"]\n');
    const { config } = load();
    expect(config.protectedPresets).toEqual(['better-auth', 'django-auth']);
    expect(config.unmodeledTables).toEqual(['legacy_*']);
  });

  it('rejects an unknown preset, naming the file and the key, with the closest name', () => {
    fs.writeFileSync(path.join(tmp, 'droplint.toml'), 'protected-presets = ["beter-auth"]\n');
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      `droplint.toml: "protected-presets" unknown preset "beter-auth" (did you mean "better-auth"?); known presets: ${PRESET_NAMES.join(', ')}`,
    );
  });

  it('rejects an unknown preset in pyproject.toml, without a guess when nothing is close', () => {
    fs.writeFileSync(path.join(tmp, 'pyproject.toml'), '[tool.droplint]\nprotected-presets = ["keycloak"]\n');
    expect(load).toThrow(`pyproject.toml: [tool.droplint] "protected-presets" unknown preset "keycloak"; known presets: ${PRESET_NAMES.join(', ')}`);
  });

  it('rejects a value that is not an array of strings', () => {
    fs.writeFileSync(path.join(tmp, 'droplint.toml'), 'protected-presets = "better-auth"\n');
    expect(load).toThrow('droplint.toml: "protected-presets" must be an array of strings; got "better-auth"');
  });
});

describe('protected-presets on the command line', () => {
  it('protects the preset tables, and --protected-table still adds to them', () => {
    const dir = project({
      'droplint.toml': 'protected-presets = ["better-auth"]\n',
      'migrations/V2__cleanup.sql': 'DROP TABLE "session";\nDROP TABLE "pinned_stocks";\nDROP TABLE "research_reports";\n',
    });
    const only = (findings: string[]) => findings.filter((f) => f.endsWith('[protected-table]'));
    expect(only(lintJson(dir, ['.'], 1))).toEqual(['migrations/V2__cleanup.sql:1:1 error[protected-table]']);
    expect(only(lintJson(dir, ['--protected-table', 'pinned_stocks', '.'], 1))).toEqual([
      'migrations/V2__cleanup.sql:1:1 error[protected-table]',
      'migrations/V2__cleanup.sql:2:1 error[protected-table]',
    ]);
  });

  it('exits 2 on an unknown preset', () => {
    const dir = project({ 'droplint.toml': 'protected-presets = ["nextauth"]\n', 'migrations/V1__a.sql': 'SELECT 1;\n' });
    const run = droplint(dir, ['.']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('droplint.toml: "protected-presets" unknown preset "nextauth" (did you mean "next-auth"?)');
  });
});
