/**
 * The PostgreSQL grammar itself (libpg-query: PostgreSQL's own parser compiled
 * to WebAssembly), loaded only when a statement needs a verdict: the
 * recognizers understand every common shape without it.
 */
export interface GrammarVerdict {
  readonly valid: boolean;
  /** For an invalid statement: PostgreSQL's message and the offset it points at. */
  readonly message?: string;
  readonly offset?: number;
}

type LibPgQuery = typeof import('libpg-query');

let loading: Promise<LibPgQuery> | null = null;

async function load(): Promise<LibPgQuery> {
  loading ??= import('libpg-query').then(async (lib) => {
    await lib.loadModule();
    return lib;
  });
  return loading;
}

export async function checkPostgres(sql: string): Promise<GrammarVerdict> {
  const lib = await load();
  try {
    lib.parseSync(sql);
    return { valid: true };
  } catch (error) {
    const details = lib.hasSqlDetails(error) ? error.sqlDetails : undefined;
    // The token PostgreSQL quotes may span lines (an unclosed quote): a message is one line.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*[\r\n]+\s*/g, ' ');
    const cursor = details?.cursorPosition;
    return cursor !== undefined && cursor >= 0 ? { valid: false, message, offset: cursor } : { valid: false, message };
  }
}
