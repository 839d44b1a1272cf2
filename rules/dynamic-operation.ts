import { defineRule } from '../src/engine/rule.js';
import { actor } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'dynamic-operation',
    defaultSeverity: 'warning',
    downgradeSensitive: false,
    summary: 'A possibly destructive operation whose target cannot be known without running it.',
    help: 'Write the statement with literal table names so it can be reviewed, or suppress with a reason naming what it touches.',
    examples: {
      flagged: {
        files: {
          'migrations/V5__drop_old_partitions.sql':
            "DO $$\nDECLARE part text;\nBEGIN\n  FOR part IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'events_2019_%' LOOP\n    EXECUTE format('DROP TABLE %I', part);\n  END LOOP;\nEND $$;\n",
        },
      },
      safe: {
        files: {
          'migrations/V5__drop_old_partitions.sql':
            '-- droplint-ignore drop-table: 2019 partitions archived to cold storage (OPS-812)\nDROP TABLE "events_2019_01", "events_2019_02";\n',
        },
      },
    },
    docs: `
Reports SQL that is built at run time — \`EXECUTE 'DROP TABLE ' || name\` in
PL/pgSQL, \`EXEC(@sql)\`, \`PREPARE s FROM @q\`, \`DROP OWNED BY role\`, a table
name held in a variable, a Go template function on a line of its own whose
name says it destroys (\`{{ dropColumnIfNeeded "boards" "x" }}\`, which renders
SQL droplint cannot see) — and statements droplint cannot analyse that mention
DROP, TRUNCATE or DELETE.

SQL computed only from literals is read as SQL: \`EXECUTE 'DROP TABLE ' ||
'old_events'\` is a \`drop-table\` at the \`EXECUTE\`. In a function or procedure,
SQL computed from its parameters (\`'DROP SCHEMA ' || dest\`, \`quote_ident(dest)\`,
\`format('… %I …', dest)\`) is reported here once, at the \`EXECUTE\`, since the
routine outlives the migration and any caller may pass anything; and each call
the same file makes with literal arguments (\`SELECT f('public', 'tenant_a')\`,
\`CALL p(…)\`, \`PERFORM f(…)\`) is read with them: what that SQL does is
reported at the call, by the rules for it (\`drop-schema\`, \`drop-table\`, …). A
part that needs anything else (a loop variable, a parameter the body assigns)
stays dynamic.

**Why it matters.** droplint reads migrations without running them. When the
target is computed, neither droplint nor a reviewer can see what will be
destroyed; it would be wrong to say nothing.

**Safe alternative.** Spell out the statements with literal names. If the
dynamic form is needed (a loop over partitions, say), suppress with a reason
that names what it touches:

\`\`\`sql
-- droplint-ignore dynamic-operation: drops only the "events_2019_*" partitions
DO $$
DECLARE part text;
BEGIN
  FOR part IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'events_2019_%' LOOP
    EXECUTE format('DROP TABLE %I', part);
  END LOOP;
END $$;
\`\`\`
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'dynamic') return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: null,
      message: `${actor(ctx.unit, op)} runs ${op.description}; droplint cannot tell which tables it destroys`,
    });
  },
});
