import { defineRule } from '../src/engine/rule.js';

/** Reported by the engine while it applies suppressions. */
export default defineRule({
  meta: {
    id: 'invalid-suppression',
    defaultSeverity: 'warning',
    downgradeSensitive: false,
    summary: 'A droplint-ignore comment has no reason, names an unknown rule, or stands where it cannot apply.',
    help: 'Write `droplint-ignore <rule>[, <rule>]: <why this is safe>` on the line before the statement.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__drop_tmp.sql': '-- droplint-ignore drop-table\nDROP TABLE "tmp_import";\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__drop_tmp.sql': '-- droplint-ignore drop-table: scratch table of V1, never read\nDROP TABLE "tmp_import";\n',
        },
      },
    },
    docs: `
A suppression must say which rules it silences and why (several rule ids are
separated by commas):

\`\`\`sql
-- droplint-ignore drop-column: "legacy_total" recomputed from invoice_lines since 3.1, archived in OPS-1234
ALTER TABLE "invoice" DROP COLUMN "legacy_total";
\`\`\`

Reported: a suppression without a reason (it still applies, so that adding one
is the only change needed), an unknown rule id, a \`droplint-ignore-file\` below
the first 10 lines, a \`droplint-ignore\` with no statement after it.

**Why it matters.** The reason is what the next reviewer reads instead of
re-deriving why dropping data was fine.
`,
  },
});
