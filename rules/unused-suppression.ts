import { defineRule } from '../src/engine/rule.js';

/** Reported by the engine, which alone knows what each suppression matched. */
export default defineRule({
  meta: {
    id: 'unused-suppression',
    defaultSeverity: 'warning',
    downgradeSensitive: false,
    summary: 'A droplint-ignore comment suppresses nothing.',
    help: 'Remove the comment, or move it onto the line before the statement it is meant for.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__index.sql': '-- droplint-ignore drop-table: old cleanup\nCREATE INDEX "user_email_idx" ON "user" ("email");\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__drop_tmp.sql': '-- droplint-ignore drop-table: scratch table of V1, never read\nDROP TABLE "tmp_import";\n',
        },
      },
    },
    docs: `
Reports a \`droplint-ignore\` or \`droplint-ignore-file\` comment (or one of the
rule ids it lists) that suppressed no finding.

**Why it matters.** A stale suppression placed one statement off silently
waves through the next destructive statement someone adds there; one that
suppresses nothing is either misplaced or obsolete.

**Fix.** Put the comment on the line before the statement (other comments may
stand between) or at the end of its first line, or delete it.
`,
  },
});
