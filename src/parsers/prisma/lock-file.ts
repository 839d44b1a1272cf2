import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { Dialect } from '../../ir/unit.js';

/** Prisma's `provider` names and the dialect of the SQL it writes. */
const PROVIDERS: Readonly<Record<string, Dialect>> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  cockroachdb: 'cockroachdb',
  mysql: 'mysql',
  sqlite: 'sqlite',
  sqlserver: 'sqlserver',
};

export type LockFileResult = { readonly dialect: Dialect; readonly problem: null } | { readonly dialect: null; readonly problem: string };

export const LOCK_FILE = 'migration_lock.toml';

/** Reads the `provider` of `<migrationsDir>/migration_lock.toml`. */
export function readLockFile(migrationsDir: string): LockFileResult {
  let text: string;
  try {
    text = readFileSync(path.join(migrationsDir, LOCK_FILE), 'utf8');
  } catch (error) {
    return { dialect: null, problem: `cannot read ${LOCK_FILE} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let provider: unknown;
  try {
    provider = (parseToml(text) as { provider?: unknown }).provider;
  } catch {
    return { dialect: null, problem: `${LOCK_FILE} is not valid TOML` };
  }
  if (typeof provider !== 'string') return { dialect: null, problem: `${LOCK_FILE} has no provider` };
  const dialect = PROVIDERS[provider];
  if (dialect === undefined) {
    return { dialect: null, problem: `${LOCK_FILE}: unknown provider "${provider}" (expected one of ${Object.keys(PROVIDERS).join(', ')})` };
  }
  return { dialect, problem: null };
}
