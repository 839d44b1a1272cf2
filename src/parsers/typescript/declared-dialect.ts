import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dialect } from '../../ir/unit.js';

/** The drivers and database names the frameworks' configs use, and the SQL each speaks. */
const DIALECT_NAMES: Readonly<Record<string, Dialect>> = {
  pg: 'postgresql',
  'pg-native': 'postgresql',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  cockroachdb: 'cockroachdb',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  singlestore: 'mysql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  'better-sqlite3': 'sqlite',
  libsql: 'sqlite',
  turso: 'sqlite',
  mssql: 'sqlserver',
  tedious: 'sqlserver',
};

/** Config files where a framework declares its database, and the key that says which. */
const CONFIGS: ReadonlyArray<{ readonly files: readonly string[]; readonly key: RegExp }> = [
  { files: ['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs'], key: /\bclient\s*:\s*['"`]([\w-]+)['"`]/g },
  {
    files: [
      'ormconfig.json',
      'ormconfig.js',
      'ormconfig.ts',
      'data-source.ts',
      'data-source.js',
      'src/data-source.ts',
      'src/data-source.js',
      'src/db/data-source.ts',
    ],
    key: /["']?\btype["']?\s*:\s*['"`]([\w-]+)['"`]/g,
  },
  {
    files: ['config/config.json', 'config/config.js', 'config/database.json', 'config/database.js', '.sequelizerc'],
    key: /["']?\bdialect["']?\s*:\s*['"`]([\w-]+)['"`]/g,
  },
  { files: ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.json'], key: /["']?\bdialect["']?\s*:\s*['"`]([\w-]+)['"`]/g },
];

/** How far above a migrations folder its project's config may be. */
const MAX_LEVELS = 5;

/**
 * The dialect a project's framework config declares statically (a knexfile's
 * `client`, TypeORM's `type`, Sequelize's `dialect`, drizzle-kit's `dialect`),
 * looking upwards from `folder`; null when none does, or when the configs name
 * several databases (one per environment) or read it from the environment.
 */
export function declaredDialect(folder: string, read: (file: string) => string | null): Dialect | null {
  let dir = folder;
  for (let level = 0; level <= MAX_LEVELS; level++) {
    const found = new Set<Dialect>();
    for (const config of CONFIGS) {
      for (const name of config.files) {
        const text = read(path.join(dir, name));
        if (text === null) continue;
        for (const match of text.matchAll(config.key)) {
          const dialect = DIALECT_NAMES[match[1]!.toLowerCase()];
          if (dialect !== undefined) found.add(dialect);
        }
      }
    }
    if (found.size > 0) return found.size === 1 ? [...found][0]! : null;
    const parent = path.dirname(dir);
    if (parent === dir || read(path.join(dir, 'package.json')) !== null) break;
    dir = parent;
  }
  return null;
}

/** A file's text, or null when it cannot be read. */
export function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function dialectNamed(name: string): Dialect | null {
  return DIALECT_NAMES[name.toLowerCase()] ?? null;
}

/**
 * Modules whose import says which database a migration file speaks: Payload's
 * database adapters (its migrations import `sql` and their types from them),
 * and drizzle-orm's per-database cores.
 */
const ADAPTER_IMPORTS: ReadonlyArray<readonly [RegExp, Dialect]> = [
  [/^@payloadcms\/db-(?:d1-)?sqlite$|^drizzle-orm\/sqlite-core$/, 'sqlite'],
  [/^@payloadcms\/db-(?:vercel-)?postgres$|^drizzle-orm\/pg-core$/, 'postgresql'],
  [/^drizzle-orm\/mysql-core$/, 'mysql'],
];

/** A specifier a file imports or requires. */
const IMPORTED = /\bfrom\s*['"]([^'"\n]+)['"]|\brequire\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** The dialect a TS/JS migration's own imports name (see `ADAPTER_IMPORTS`); null when none or several do. */
export function importedDialect(text: string): Dialect | null {
  const found = new Set<Dialect>();
  for (const match of text.matchAll(IMPORTED)) {
    const specifier = match[1] ?? match[2]!;
    for (const [pattern, dialect] of ADAPTER_IMPORTS) if (pattern.test(specifier)) found.add(dialect);
  }
  return found.size === 1 ? [...found][0]! : null;
}
