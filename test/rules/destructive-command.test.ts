/**
 * destructive-command through the CLI: projects with deploy surfaces, linted
 * at their root (or one named file, as pre-commit passes it).
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/parsers/deploy/commands.js';
import { splitCommands } from '../../src/parsers/deploy/shell.js';
import { droplint, project } from '../cli/run-cli.js';

interface Found {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly message: string;
}

function lint(files: Record<string, string>, args: string[] = []): Found[] {
  const dir = project(files);
  const run = droplint(dir, ['--format', 'json', ...args]);
  expect(run.stderr).toBe('');
  const doc = JSON.parse(run.stdout) as { diagnostics: Array<Found & { rule: string }> };
  return doc.diagnostics.filter((d) => d.rule === 'destructive-command').map(({ file, line, severity, message }) => ({ file, line, severity, message }));
}

const pkg = (scripts: Record<string, string>): string => `${JSON.stringify({ name: 'app', scripts }, null, 2)}\n`;

describe('destructive-command', () => {
  it('reports a start script that pushes with data loss, naming the chain from the Dockerfile', () => {
    const found = lint({
      Dockerfile: 'FROM node:22\nCMD ["npm", "run", "serve"]\n',
      'package.json': pkg({ serve: 'prisma db push --accept-data-loss && node server.js' }),
    });
    expect(found).toEqual([
      {
        file: 'package.json',
        line: 4,
        severity: 'error',
        message:
          'a deploy runs `prisma db push --accept-data-loss`, which applies the schema even where that drops tables or columns: `Dockerfile CMD` → `npm run serve` → `prisma db push --accept-data-loss`',
      },
    ]);
  });

  it('follows pre/post hooks, yarn and pnpm scripts, make targets and shell scripts', () => {
    const found = lint({
      'package.json': pkg({ prestart: 'pnpm db:setup', start: 'node server.js', 'db:setup': 'make reset' }),
      Makefile: 'build:\n\tnpm run build\n\nreset:\n\t@sh scripts/reset.sh\n',
      'scripts/reset.sh': '#!/bin/sh\nset -e\n# prisma migrate reset would be wrong here\necho "prisma migrate reset"\nnpx prisma migrate reset --force\n',
    });
    expect(found).toEqual([
      expect.objectContaining({
        file: 'scripts/reset.sh',
        line: 5,
        severity: 'error',
        message: expect.stringContaining(
          '`package.json script "prestart"` → `pnpm run db:setup` → `make reset` → `sh scripts/reset.sh` → `prisma migrate reset --force`',
        ),
      }),
    ]);
  });

  it('reads every platform: Procfile, fly.toml, railway, render, compose', () => {
    const found = lint({
      Procfile: 'release: alembic downgrade base\nweb: gunicorn app:app\nworker: knex seed:run\n',
      'fly.toml': 'app = "x"\n\n[deploy]\n  release_command = "npx sequelize-cli db:migrate:undo:all"\n',
      'railway.json': '{\n  "deploy": {\n    "startCommand": "npx typeorm schema:drop -d dist/data-source.js && node dist/main.js"\n  }\n}\n',
      'render.yaml': 'services:\n  - type: web\n    name: api\n    preDeployCommand: flyway clean\n    startCommand: node server.js\n',
      'docker-compose.yml': 'services:\n  api:\n    image: app\n    command: sh -c "alembic upgrade head || alembic downgrade -1"\n',
    });
    // Sorted by file name in code-unit order: capitals first.
    expect(found.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual([
      'Procfile:1 error',
      'Procfile:3 info',
      'docker-compose.yml:4 error',
      'fly.toml:4 error',
      'railway.json:3 error',
      'render.yaml:4 error',
    ]);
  });

  it('tells a deploying workflow job from CI against a throwaway database', () => {
    const found = lint({
      '.github/workflows/deploy.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    services:',
        '      postgres:',
        '        image: postgres:16',
        '    env:',
        '      DATABASE_URL: postgresql://postgres:postgres@localhost:5432/app_test',
        '    steps:',
        '      - run: npx prisma migrate reset --force',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    environment: production',
        '    steps:',
        '      - name: migrate',
        '        run: |',
        '          npm ci',
        '          npx prisma migrate reset --force',
        '        env:',
        '          DATABASE_URL: ${{ secrets.DATABASE_URL }}',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([expect.objectContaining({ file: '.github/workflows/deploy.yml', line: 19, severity: 'error' })]);
  });

  it('is silent on text that only mentions a command, and on forward-only deploys', () => {
    expect(
      lint({
        'package.json': pkg({
          start: 'echo "never run prisma migrate reset" && prisma migrate deploy && node server.js',
          build: 'tsc # then knex seed:run by hand',
        }),
        Dockerfile: 'FROM node:22\n# RUN npx prisma migrate reset --force\nRUN npm ci\nCMD npm start\n',
      }),
    ).toEqual([]);
  });

  it('a developer script that no deploy reaches is info', () => {
    expect(lint({ 'package.json': pkg({ start: 'node server.js', 'db:fresh': 'prisma migrate reset --force && prisma db seed' }) })).toEqual([
      expect.objectContaining({ file: 'package.json', line: 5, severity: 'info', message: expect.stringContaining('no deploy entry point runs it') }),
    ]);
  });

  it('a script named on the command line (as pre-commit passes it) is judged by the whole project', () => {
    const files = { 'package.json': pkg({ start: 'sh scripts/start.sh' }), 'scripts/start.sh': 'drizzle-kit push --force\nnode dist/index.js\n' };
    expect(lint(files, ['scripts/start.sh'])).toEqual([expect.objectContaining({ file: 'scripts/start.sh', line: 1, severity: 'error' })]);
  });

  it('follows a Dockerfile ENTRYPOINT to the script a multi-stage build copied into the image', () => {
    const found = lint({
      'server/Dockerfile': [
        'FROM node:20-alpine AS builder',
        'WORKDIR /app/server',
        'COPY server/package*.json ./',
        'COPY server/ .',
        'RUN npm run build',
        '',
        'FROM node:20-alpine',
        'WORKDIR /app',
        'COPY --from=builder /app/server/dist ./dist',
        'COPY --from=builder /app/server/entrypoint.sh /entrypoint.sh',
        'ENTRYPOINT ["/entrypoint.sh"]',
        'CMD ["node", "dist/index.js"]',
        '',
      ].join('\n'),
      'server/entrypoint.sh': '#!/bin/sh\nset -e\nnpm run db:push -- --force\nexec "$@"\n',
      'server/package.json': pkg({ 'db:push': 'drizzle-kit push --config=drizzle.config.ts' }),
    });
    expect(found).toEqual([
      {
        file: 'server/package.json',
        line: 4,
        severity: 'error',
        message:
          'a deploy runs `drizzle-kit push --config=drizzle.config.ts --force`, which applies the schema without asking, statements that lose data included: `Dockerfile ENTRYPOINT` → `/entrypoint.sh` → `npm run db:push -- --force` → `drizzle-kit push --config=drizzle.config.ts --force`',
      },
    ]);
  });

  it('maps a script run by `sh -c` from the WORKDIR the build context was copied into', () => {
    const found = lint({
      'all.Dockerfile': [
        'FROM node:22 as base',
        'WORKDIR /app',
        'FROM base as builder',
        'COPY . .',
        'FROM base as console',
        'COPY --from=builder /app/start-console.sh ./',
        'ENTRYPOINT ["sh", "-c", "/app/start-console.sh"]',
        '',
      ].join('\n'),
      'start-console.sh': '#!/bin/sh\nif [ "$FORCE_UPDATE_DB" = "true" ]; then\n  prisma db push --accept-data-loss\nfi\nexec node server.js\n',
    });
    expect(found).toEqual([
      expect.objectContaining({
        file: 'start-console.sh',
        line: 3,
        severity: 'error',
        message: expect.stringContaining('`Dockerfile ENTRYPOINT` → `/app/start-console.sh` → `prisma db push --accept-data-loss`'),
      }),
    ]);
  });

  it('an absolute path is a file of the image, never of the repository by its name alone', () => {
    // The image's /entrypoint.sh is scripts/entry.sh; the root entrypoint.sh is not what the deploy runs.
    const found = lint({
      Dockerfile: 'FROM node:22\nCOPY scripts/entry.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
      'scripts/entry.sh': 'npx prisma migrate reset --force\nexec node server.js\n',
      'entrypoint.sh': 'npx drizzle-kit push --force\n',
    });
    expect(found).toEqual([
      expect.objectContaining({ file: 'scripts/entry.sh', line: 1, severity: 'error', message: expect.stringContaining('`/entrypoint.sh` → `prisma') }),
    ]);
  });

  it('ends where scripts call themselves passing words on (each pass a longer command line)', () => {
    const found = lint({ 'package.json': pkg({ start: 'npm run loop', loop: 'drizzle-kit push --force && npm run loop -- --again' }) });
    expect(found.map((f) => `${f.line} ${f.severity}`)).toEqual(['5 error']);
  });

  it('words after `npm run x --` reach only x, not its pre hook; without them the command is safe', () => {
    const found = lint({
      'package.json': pkg({
        start: 'npm run db -- --force && npm run safe && node server.js',
        predb: 'drizzle-kit push',
        db: 'drizzle-kit push',
        safe: 'drizzle-kit push',
      }),
    });
    expect(found.map((f) => `${f.line} ${f.severity} ${f.message.slice(f.message.indexOf('`package.json'))}`)).toEqual([
      '6 error `package.json script "start"` → `npm run db -- --force` → `drizzle-kit push --force`',
    ]);
  });
});

describe('the command recognizer', () => {
  const meaning = (line: string) => classify(splitCommands(line)[0]!.words).meaning;
  it.each([
    'prisma migrate reset --force',
    'prisma db push --force-reset',
    'npx drizzle-kit push --force',
    'pnpm dlx prisma@6.5.0 db push --accept-data-loss',
    'npx prisma@latest migrate reset --force',
    'alembic -c alembic.ini downgrade base',
    'poetry run alembic downgrade -2',
    'knex migrate:rollback --all',
    'knex migrate:down',
    'sequelize db:seed:undo:all',
    'npx sequelize-cli db:drop',
    'typeorm migration:revert',
    'npx mikro-orm migration:fresh',
    'mikro-orm schema:drop --run',
    'liquibase rollbackCount 3',
    'liquibase drop-all',
    'migrate -path db/migrations -database "$DATABASE_URL" down',
    'migrate -path db/migrations -database "$DATABASE_URL" down -all',
    'migrate -database x drop -f',
    'dbmate rollback',
    'goose postgres "$DSN" reset',
    'goose down-to 0',
    'dropdb app',
    'psql "$DATABASE_URL" -c "DROP SCHEMA public CASCADE"',
  ])('%s', (line) => {
    expect(meaning(line)).toMatchObject({ kind: 'destructive' });
  });

  it.each([
    'prisma migrate deploy',
    'prisma db push',
    'npx prisma@6.5.0 migrate deploy',
    'alembic upgrade head',
    'alembic downgrade abc123',
    'knex migrate:latest',
    'migrate -path x up',
    'migrate down 1',
    'goose up',
    'mikro-orm schema:drop',
    'echo prisma migrate reset',
    'psql -c "SELECT 1"',
  ])('not %s', (line) => {
    expect(meaning(line)).toBeNull();
  });

  it('sees through sh -c with its spans', () => {
    const [command] = splitCommands(`sh -c 'alembic downgrade base'`);
    expect(classify(command!.words).meaning).toMatchObject({ kind: 'shell', script: { text: 'alembic downgrade base', exactAt: 7 } });
  });
});
