#!/usr/bin/env node
// Scaffolds a rule: `npm run new-rule -- <id> [error|warning|info]`. Writes
// rules/<id>.ts and test/rules/<id>.test.ts, registers the rule in
// rules/index.ts and adds its row to the README's rule table; the registry
// and docs-examples tests fail until the placeholders are replaced.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [id, severity = 'error'] = process.argv.slice(2);
if (!id || !/^[a-z]+(-[a-z]+)*$/.test(id) || !['error', 'warning', 'info'].includes(severity)) {
  console.error('usage: npm run new-rule -- <kebab-case-id> [error|warning|info]');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => `${root}${p}`;
if (existsSync(at(`rules/${id}.ts`))) {
  console.error(`rules/${id}.ts already exists`);
  process.exit(2);
}
const camel = id.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

writeFileSync(
  at(`rules/${id}.ts`),
  `import { defineRule } from '../src/engine/rule.js';
import { actor, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: '${id}',
    defaultSeverity: '${severity}',
    downgradeSensitive: false,
    summary: 'TODO: one line for \`droplint rules\`.',
    help: 'TODO: one sentence, the safe alternative.',
    // Run as tests (test/rules/docs-examples.test.ts) and shown by \`droplint explain\`.
    examples: {
      flagged: { files: { 'migrations/V2__TODO.sql': 'TODO: a migration this rule reports;\\n' } },
      safe: { files: { 'migrations/V2__TODO.sql': 'TODO: the safe alternative, which it accepts;\\n' } },
    },
    docs: \`
TODO: what it reports.

**Why it loses data.** TODO.

**Safe alternative.** TODO.
\`,
  },
  operation(op, ctx) {
    if (op.kind !== 'drop-table') return; // TODO: the operation kinds this rule reads
    ctx.report({ span: op.span, phase: op.phase, table: op.table, message: \`\${actor(ctx.unit, op.phase)} TODO \${tableName(op.table)}\` });
  },
});
`,
);

writeFileSync(
  at(`test/rules/${id}.test.ts`),
  `import rule from '../../rules/${id}.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: ['TODO: SQL the rule must accept'],
  invalid: [{ code: 'TODO: SQL the rule must report', errors: [{ line: 1, column: 1, message: 'TODO' }] }],
});
`,
);

const index = readFileSync(at('rules/index.ts'), 'utf8')
  .replace(/(import type \{ Rule \} from '..\/src\/engine\/rule.js';\n)/, `$1import ${camel} from './${id}.js';\n`)
  .replace(/(\n\];\n)/, `\n  ${camel},$1`);
writeFileSync(at('rules/index.ts'), index);

const readme = readFileSync(at('README.md'), 'utf8');
const rows = [...readme.matchAll(/^\| `[a-z-]+` \| .*$/gm)];
const last = rows[rows.length - 1];
writeFileSync(
  at('README.md'),
  `${readme.slice(0, last.index + last[0].length)}\n| \`${id}\` | ${severity} | TODO |${readme.slice(last.index + last[0].length)}`,
);

console.log(`created rules/${id}.ts and test/rules/${id}.test.ts; registered in rules/index.ts; README row added`);
