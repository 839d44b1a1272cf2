import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'parse-error',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'A file or statement cannot be read or parsed; the rest of the file is still analysed.',
    help: 'Fix the syntax; until then droplint cannot see what this statement does.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__typo.sql': "DROP TABLE 'session;\n",
        },
      },
      safe: {
        files: {
          'migrations/V2__fixed.sql': 'CREATE TABLE "session_archive" (LIKE "session" INCLUDING ALL);\n',
        },
      },
    },
    docs: `
Reports a statement that no parser accepts (a typo, an unterminated string), a
file that cannot be read (permissions, not UTF-8, binary) and a broken Prisma
\`migration_lock.toml\`. Analysis resumes at the next statement.

**Why it matters.** What droplint cannot read, it cannot check: a statement it
skips silently could be the one that drops a table. When the unreadable
statement mentions DROP, TRUNCATE or DELETE the message says so.

**Safe alternative.** Fix the statement. If the SQL is valid for your database
but droplint rejects it, suppress with a reason and report the statement as a
droplint bug.
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'unparsed') return;
    const risk = op.mayBeDestructive ? '; the statement mentions DROP, TRUNCATE or DELETE and may destroy data' : '';
    ctx.report({ span: op.span, phase: op.phase, object: null, message: `cannot parse: ${op.reason}${risk}` });
  },
});
