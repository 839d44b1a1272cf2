import path from 'node:path';
import type { Dialect } from '../../ir/unit.js';
import { dialectNamed } from '../typescript/declared-dialect.js';

/** What `<out>/meta/_journal.json` says: the dialect, and each migration's place (its `tag` is the file name). */
export interface Journal {
  readonly dialect: Dialect | null;
  readonly order: ReadonlyMap<string, number>;
}

export const JOURNAL = path.join('meta', '_journal.json');

/** Null when the text is no journal drizzle-kit wrote. */
export function parseJournal(text: string): Journal | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { entries?: unknown }).entries)) return null;
  const { dialect, entries } = json as { dialect?: unknown; entries: unknown[] };
  const order = new Map<string, number>();
  entries.forEach((entry, i) => {
    const { tag, idx } = (entry ?? {}) as { tag?: unknown; idx?: unknown };
    if (typeof tag === 'string') order.set(tag, typeof idx === 'number' ? idx : i);
  });
  return { dialect: typeof dialect === 'string' ? dialectNamed(dialect) : null, order };
}

/**
 * The key that sorts a journaled file: its journal index (padded, so that
 * names and numbers never interleave); a file the journal does not list comes
 * after, by name.
 */
export function journalOrderKey(journal: Journal, fileName: string): string {
  const idx = journal.order.get(fileName.replace(/\.sql$/, ''));
  return idx === undefined ? `~${fileName}` : String(idx).padStart(8, '0');
}
