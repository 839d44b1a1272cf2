import { defineRule } from '../src/engine/rule.js';

const DOCKERFILE = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "run", "start:prod"]\n';

export default defineRule({
  meta: {
    id: 'destructive-command',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'A deploy, release or start command wipes or rewinds the database (prisma migrate reset, alembic downgrade base, …).',
    help: 'Deploy with the forward-only command (`prisma migrate deploy`, `alembic upgrade head`); keep resets to scripts that only developers run, against local databases.',
    examples: {
      flagged: {
        files: {
          Dockerfile: DOCKERFILE,
          'package.json': '{\n  "scripts": {\n    "build": "next build",\n    "start:prod": "prisma db push --accept-data-loss && next start"\n  }\n}\n',
        },
      },
      safe: {
        files: {
          Dockerfile: DOCKERFILE,
          'package.json': '{\n  "scripts": {\n    "build": "next build",\n    "start:prod": "prisma migrate deploy && next start"\n  }\n}\n',
        },
      },
    },
    docs: `
Reports a command that wipes or rewinds a database — \`prisma migrate reset\`,
\`prisma db push --accept-data-loss\` or \`--force-reset\`, \`drizzle-kit push
--force\`, \`alembic downgrade base\` or \`-N\`, \`knex migrate:rollback --all\`,
\`knex seed:run\`, \`sequelize db:migrate:undo:all\` and \`db:drop\`, \`typeorm
schema:drop\`, \`schema:sync\` and \`migration:revert\`, \`mikro-orm
migration:fresh\`, \`flyway clean\`, \`liquibase drop-all\` and \`rollback\`,
golang-migrate \`down\` and \`drop\`, \`dbmate drop\` and \`rollback\`, \`goose
reset\`, \`dropdb\`, \`psql -c 'DROP …'\` — when a deploy reaches it.

droplint reads the project's entry points: package.json \`start\`, \`deploy\`,
\`release\` and \`build\` scripts (and \`start:prod\`…, with their \`pre\`/\`post\`
hooks), Dockerfile \`CMD\`/\`ENTRYPOINT\`/\`RUN\`, Procfile \`release\`/\`web\`,
\`fly.toml\` \`release_command\`, \`railway.toml\`/\`railway.json\` and
\`render.yaml\` commands, docker-compose \`command\`, and GitHub Actions jobs that
deploy (an \`environment\`, or a production secret such as \`DATABASE_URL\`). It
follows \`npm run x\`, \`yarn x\`, \`pnpm x\`, \`make x\`, \`sh x.sh\` and \`sh -c
"…"\` through \`&&\`, \`||\` and \`;\`, and the message names the chain. Whichever
of these files is linted, the whole project's entry points decide.

A command that no entry point reaches (a \`db:fresh\` script for developers) is
\`info\`. A command run against a throwaway database — a variable such as
\`DATABASE_URL\` pointing at \`localhost\`, a \`_test\` database or SQLite in memory
— is not reported; neither is text that only mentions a command (\`echo\`,
comments).

**Why it loses data.** Deploy commands run against production. A deploy that
re-created the database from \`init\` lost every row; a rollback after a failed
\`upgrade\` that runs \`alembic downgrade -1\` can reach a baseline that drops
everything.

**Safe alternative.** Deploy with the forward-only command (\`prisma migrate
deploy\`, \`alembic upgrade head\`, \`knex migrate:latest\`); keep resets in scripts
only developers run, against local databases.
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'destructive-command' || op.throwaway) return;
    const chain = op.deployChain;
    ctx.report({
      span: op.span,
      phase: op.phase,
      atMost: chain === null ? 'info' : undefined,
      object: null,
      message:
        chain === null
          ? `\`${op.command}\` ${op.effect}; no deploy entry point runs it (a developer command)`
          : `a deploy runs \`${op.command}\`, which ${op.effect}: ${chain.map((step) => `\`${step}\``).join(' → ')}`,
    });
  },
});
