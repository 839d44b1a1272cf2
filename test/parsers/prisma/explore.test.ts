import { it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePrismaMigration } from '../../../src/parsers/prisma/prisma-file.js';

it('explore', async () => {
  for (const p of ['postgresql', 'cockroachdb', 'mysql', 'sqlite', 'sqlserver'] as const) {
    const dir = fileURLToPath(new URL(`../../fixtures/prisma/${p}/migrations/`, import.meta.url));
    for (const f of readdirSync(dir).filter((f) => !f.endsWith('.toml')).sort()) {
      const text = readFileSync(`${dir}${f}/migration.sql`, 'utf8');
      const u = await parsePrismaMigration({ path: `migrations/${f}/migration.sql`, text }, p, f);
      console.log(p, f);
      for (const op of u.operations) {
        const { span, ...rest } = op as any;
        console.log('   ', JSON.stringify(rest), '|', JSON.stringify(text.slice(span.start, span.end)));
      }
      for (const w of u.meta.format === 'prisma' ? u.meta.warnings : []) console.log('   W', w.kind, w.table, w.column, JSON.stringify(text.slice(w.span.start, w.span.end)));
    }
  }
});
