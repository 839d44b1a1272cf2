import type { TableRef } from '../ir/operations.js';

/**
 * `protected-tables` patterns: `user`, `auth_*`, `billing.*`, `public.user`,
 * `"User"`. A bare part matches case-insensitively, as SQL folds unquoted
 * names; a quoted part matches exactly. Without a schema part, any schema
 * matches; with one, a table written without a schema matches only `*`.
 */
export interface TableMatcher {
  /** The first pattern that matches the table, or null. */
  match(table: TableRef): string | null;
  /** The first pattern naming this schema explicitly (`billing.*`), or null. */
  matchSchema(schema: string): string | null;
  readonly isEmpty: boolean;
}

interface CompiledPattern {
  readonly source: string;
  /** Null when any schema matches, including none written. */
  readonly schema: RegExp | null;
  readonly table: RegExp;
}

export function compileTablePatterns(patterns: readonly string[]): TableMatcher {
  const compiled = patterns.map(compilePattern);
  return {
    isEmpty: compiled.length === 0,
    match(table) {
      for (const p of compiled) {
        if (!p.table.test(table.name)) continue;
        if (p.schema === null || (table.schema !== null && p.schema.test(table.schema))) return p.source;
      }
      return null;
    },
    matchSchema(schema) {
      return compiled.find((p) => p.schema !== null && p.schema.test(schema))?.source ?? null;
    },
  };
}

function compilePattern(source: string): CompiledPattern {
  const parts = splitParts(source.trim());
  const table = parts[parts.length - 1] ?? { text: '', quoted: false };
  const schema = parts.length >= 2 ? parts[parts.length - 2]! : null;
  const anySchema = schema === null || (!schema.quoted && schema.text === '*');
  return { source, schema: anySchema ? null : toRegExp(schema), table: toRegExp(table) };
}

function splitParts(pattern: string): Array<{ text: string; quoted: boolean }> {
  const parts: Array<{ text: string; quoted: boolean }> = [];
  let i = 0;
  while (i <= pattern.length) {
    if (pattern[i] === '"') {
      let text = '';
      i++;
      while (i < pattern.length) {
        if (pattern[i] === '"' && pattern[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (pattern[i] === '"') {
          i++;
          break;
        } else text += pattern[i++];
      }
      parts.push({ text, quoted: true });
    } else {
      const dot = pattern.indexOf('.', i);
      const end = dot === -1 ? pattern.length : dot;
      parts.push({ text: pattern.slice(i, end), quoted: false });
      i = end;
    }
    if (pattern[i] !== '.') break;
    i++;
  }
  return parts;
}

function toRegExp(part: { text: string; quoted: boolean }): RegExp {
  const body = part.text
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, part.quoted ? '' : 'i');
}
