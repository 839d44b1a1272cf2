import path from 'node:path';
import type { SeveritySetting } from '../engine/diagnostic.js';
import { globMatcher } from '../globs.js';
import type { Dialect } from '../ir/unit.js';
import type { UserConfig } from './types.js';

/** The settings that apply to one file: the top level, then each matching `[[overrides]]` entry in order. */
export interface FileSettings {
  /** Which entries matched, as a key: files with the same key share every setting. */
  readonly key: string;
  readonly dialect: Dialect | null;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly protectedTables: readonly string[];
  readonly downgrade: SeveritySetting;
  /** An entry set the dialect: it also beats the one a format declares (a Prisma lock file). */
  readonly dialectOverridden: boolean;
}

/**
 * Resolves `[[overrides]]` per file. Later entries win: a key an entry sets
 * replaces the value before it, except `rules`, merged rule by rule.
 */
export function fileSettings(config: UserConfig, root: string): { readonly topLevel: FileSettings; readonly of: (absPath: string) => FileSettings } {
  const entries = (config.overrides ?? []).map((entry) => ({ entry, matches: globMatcher(entry.files) }));
  const base: FileSettings = {
    key: '',
    dialect: config.dialect,
    rules: config.rules,
    protectedTables: config.protectedTables,
    downgrade: config.downgrade,
    dialectOverridden: false,
  };
  if (entries.length === 0) return { topLevel: base, of: () => base };
  const byKey = new Map<string, FileSettings>([['', base]]);
  const of = (absPath: string): FileSettings => {
    const rel = path.relative(root, absPath).split(path.sep).join('/');
    const matched = rel.startsWith('../') || path.isAbsolute(rel) ? [] : entries.filter(({ matches }) => matches(rel));
    const key = matched.map(({ entry }) => entries.findIndex((e) => e.entry === entry)).join(',');
    let settings = byKey.get(key);
    if (settings === undefined) {
      settings = matched.reduce<FileSettings>(
        (acc, { entry }) => ({
          key,
          dialect: entry.dialect ?? acc.dialect,
          rules: entry.rules === undefined ? acc.rules : { ...acc.rules, ...entry.rules },
          protectedTables: entry.protectedTables ?? acc.protectedTables,
          downgrade: entry.downgrade ?? acc.downgrade,
          dialectOverridden: acc.dialectOverridden || entry.dialect !== undefined,
        }),
        base,
      );
      byKey.set(key, settings);
    }
    return settings;
  };
  return { topLevel: base, of };
}
