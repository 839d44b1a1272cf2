/**
 * TS/JS migrations as people write them by hand: helpers, loops over
 * constant arrays, template literals, umzug's `{ context }`, values known only
 * at run time; and what is not a migration, or not a drop.
 */
import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from '../../cli/run-cli.js';

describe('TS/JS migrations written by hand', () => {
  it('follows helpers of the same file, loops over constant arrays, template literals with constant parts', () => {
    const dir = project({
      'migrations/20240101000000_legacy.ts': `import type { Knex } from 'knex';

const PREFIX = 'legacy';
const TABLES = ['audit', 'sessions'] as const;

async function dropLegacy(db: Knex, name: string): Promise<void> {
  await db.schema.dropTableIfExists(\`\${PREFIX}_\${name}\`);
}

export async function up(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await dropLegacy(knex, table);
  }
  await Promise.all(['a', 'b'].map((c) => knex.schema.alterTable('users', (t) => t.dropColumn(\`old_\${c}\`))));
}

export async function down(): Promise<void> {}
`,
    });
    const run = droplint(dir, ['--format', 'json', '.']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; line: number; message: string }> };
    expect(doc.diagnostics.map((d) => `${d.line} ${d.rule} ${d.message}`)).toEqual([
      '7 drop-table up() drops table "legacy_audit"; all of its rows are lost',
      '7 drop-table up() drops table "legacy_sessions"; all of its rows are lost',
      '14 drop-column up() drops column "old_a" of table "users"; its data is lost',
      '14 drop-column up() drops column "old_b" of table "users"; its data is lost',
    ]);
  });

  it('umzug: the handle bound through { context: queryInterface }, whatever it is named', () => {
    const dir = project({
      'src/migrations/2024.06.01T00.00.00.remove-cache.ts': `import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('cache');
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.createTable('cache', { id: {} });
};
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual(['src/migrations/2024.06.01T00.00.00.remove-cache.ts:5:9 error[drop-table]']);
  });

  it('a target known only at run time is a dynamic-operation; a run-time value in a WHERE is not', () => {
    const dir = project({
      'migrations/20240101000000_tenant.js': `exports.up = async (knex) => {
  await knex.schema.dropTable(\`\${process.env.TENANT}_cache\`);
  await knex.raw(\`DROP TABLE "\${process.env.TENANT}_events"\`);
  await knex.raw(\`DELETE FROM jobs WHERE id = \${process.env.JOB_ID}\`);
};
exports.down = async () => {};
`,
    });
    expect(lintJson(dir, ['.'], 0)).toEqual([
      'migrations/20240101000000_tenant.js:2:9 warning[dynamic-operation]',
      'migrations/20240101000000_tenant.js:3:19 warning[dynamic-operation]',
    ]);
  });

  it('a run-time part a statement cannot be read without may be any clause: dynamic; a constraint it names drops no data', () => {
    const dir = project({
      'src/migrations/1700000000000-Alter.ts': `import { MigrationInterface, QueryRunner } from 'typeorm';
export class Alter1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`ALTER TABLE "users" \${process.env.ACTION}\`);
    await queryRunner.query(\`ALTER TABLE "users" DROP CONSTRAINT \${process.env.NAME}\`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {}
}
`,
    });
    expect(lintJson(dir, ['.'], 0)).toEqual(['src/migrations/1700000000000-Alter.ts:4:50 warning[dynamic-operation]']);
  });

  it("a Sequelize model's destroy() of every row is a dynamic-operation: the model's table is not read", () => {
    const dir = project({
      'migrations/20240101000000-reset.js': `const db = require('../models');
module.exports = {
  up: async () => {
    await db.ChartCache.destroy({ truncate: true });
    await db.Session.destroy({ where: {} });
    await db.Token.destroy({ where: { revoked: true } });
  },
  down: async () => {},
};
`,
    });
    const run = droplint(dir, ['--format', 'json', '.']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; line: number; severity: string; message: string }> };
    expect(doc.diagnostics.map((d) => `${d.line} ${d.severity} ${d.rule} ${d.message}`)).toEqual([
      '4 warning dynamic-operation up() runs db.ChartCache.destroy(), which deletes every row of the table of a model droplint does not read; droplint cannot tell which tables it destroys',
      '5 warning dynamic-operation up() runs db.Session.destroy(), which deletes every row of the table of a model droplint does not read; droplint cannot tell which tables it destroys',
    ]);
  });

  it('takes only the branch a condition known here takes: a flag of the constant array a loop walks', () => {
    const dir = project({
      'migrations/20240101000000_flags.js': `const TABLES = [
  { name: 'activity_logs', truncate: true },
  { name: 'configs', truncate: false },
];
exports.up = async (knex) => {
  for (const { name, truncate } of TABLES) {
    if (truncate) {
      await knex.raw('TRUNCATE TABLE ??', [name]);
    } else {
      await knex.schema.alterTable(name, (t) => t.dropColumn('account_id'));
    }
    if (!truncate) await knex(name).del();
  }
};
exports.down = async () => {};
`,
    });
    const found = JSON.parse(droplint(dir, ['--format', 'json']).stdout) as { diagnostics: Array<{ line: number; message: string }> };
    expect(found.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '8: up() truncates table "activity_logs"; all of its rows are deleted',
      '10: up() drops column "account_id" of table "configs"; its data is lost',
      '12: up() deletes every row of table "configs" (DELETE without WHERE)',
    ]);
  });

  it('walks both branches of a condition on a name the file assigns: a flag set in a loop may hold another value', () => {
    const dir = project({
      'migrations/20240101000000_flag.js': `const TABLES = [{ name: 'a', legacy: true }];
exports.up = async (knex) => {
  let found = false;
  TABLES.forEach((t) => {
    if (t.legacy) found = true;
  });
  if (found) await knex.schema.dropTable('legacy');
};
exports.down = async () => {};
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual(['migrations/20240101000000_flag.js:7:20 error[drop-table]']);
  });

  it("reads Knex's identifier bindings (`??`) in place, counting value bindings (`?`) as positions", () => {
    const dir = project({
      'migrations/20240101000000_bindings.js': `const TABLE = 'logs';
exports.up = async (knex) => {
  await knex.raw('TRUNCATE TABLE ?? CASCADE', [TABLE]);
  await knex.raw('DELETE FROM jobs WHERE state = ? AND ?? IS NULL', ['done', 'finished_at']);
  await knex.raw('ALTER TABLE ?? DROP COLUMN ??', ['public.users', 'token']);
  await knex.raw('DROP TABLE ??', [process.env.TABLE]);
  await knex.raw('SELECT 1 WHERE 1 \\? 2 = ??', ['x']);
};
exports.down = async () => {};
`,
    });
    // Without the bindings, each \`??\` is a parse error: PostgreSQL has no such syntax.
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'migrations/20240101000000_bindings.js:3:19 error[truncate-table]',
      'migrations/20240101000000_bindings.js:5:34 error[drop-column]',
      'migrations/20240101000000_bindings.js:6:19 warning[dynamic-operation]',
    ]);
  });

  it('a run-time value written by a copy leaves the copy known: the table copied first is not lost', () => {
    const dir = project({
      'migrations/20240101000000_owner.js': `exports.up = async (knex) => {
  await knex.raw('ALTER TABLE "workspace" RENAME TO "temp_workspace"');
  await knex.raw('CREATE TABLE "workspace" ("id" text, "name" text, "createdBy" text)');
  await knex.raw(\`INSERT INTO "workspace" ("id", "name", "createdBy") SELECT "id", "name", '\${process.env.ADMIN_ID}' FROM "temp_workspace"\`);
  await knex.raw('DROP TABLE "temp_workspace"');
};
exports.down = async () => {};
`,
    });
    const run = droplint(dir, ['--format', 'json', '.']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; line: number; severity: string; message: string }> };
    expect(doc.diagnostics.map((d) => `${d.line} ${d.severity} ${d.rule} ${d.message}`)).toEqual([
      '5 info drop-table up() drops table "temp_workspace"; its values were copied into table "workspace" first',
    ]);
  });

  it('rows read before a delete of every row and inserted back: the delete is a warning, and the table is not empty after it', () => {
    const migration = (rows: string): string => `module.exports = {
  async up(queryInterface) {
    const saved = await queryInterface.sequelize.query('SELECT "Query".*, "Project".team_id FROM "Query" JOIN "Project" ON "Query".project_id = "Project".id', { type: 'SELECT' });
    let rows = [];
    if (saved.length > 0) rows = saved.map((q) => ({ ...q, team_id: q.team_id }));
    await queryInterface.bulkDelete('Query', null, {});
    await queryInterface.bulkInsert('Query', ${rows});
    await queryInterface.removeColumn('Query', 'project_id');
  },
  async down() {},
};
`;
    const severities = (rows: string): string[] => {
      const run = droplint(project({ 'migrations/20240101000000-team.js': migration(rows) }), ['--format', 'json', '.']);
      const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; line: number; severity: string; message: string }> };
      return doc.diagnostics.map((d) => `${d.line} ${d.severity} ${d.rule}${d.severity === 'warning' ? ` ${d.message}` : ''}`);
    };
    expect(severities('rows')).toEqual([
      '6 warning delete-without-where up() deletes every row of table "Query" (DELETE without WHERE); the migration then writes back into it rows it read from it before: droplint cannot tell whether every row and column goes back',
      '8 error drop-column',
    ]);
    // Rows written out in the file are the migration's own: the table holds nothing older when the column goes.
    expect(severities("[{ id: 1, name: 'default' }]")).toEqual(['6 error delete-without-where', '8 info drop-column']);
  });

  it('a migration for several databases: each helper named for one is read in its dialect, and columns another adds are no loss', () => {
    const dir = project({
      'src/migrations/1700000000000-Init.ts': `export class Init1700000000000 {
  async up(q) {
    switch (q.connection.options.type) {
      case 'postgres': return this.postgresUp(q);
      case 'mysql': return this.mysqlUp(q);
      case 'sqlite': return this.sqliteUp(q);
    }
  }
  async down(q) {}
  async postgresUp(q) {
    await q.query('CREATE TABLE "t" ("id" uuid PRIMARY KEY, "a" varchar)');
  }
  async mysqlUp(q) {
    await q.query('CREATE TABLE \\\`t\\\` (\\\`id\\\` varchar(36) PRIMARY KEY, \\\`a\\\` varchar(255))');
  }
  async sqliteUp(q) {
    await q.query('CREATE TABLE "t" ("id" varchar PRIMARY KEY, "a" varchar)');
  }
}
`,
      'src/migrations/1700000000001-Rebuild.ts': `export class Rebuild1700000000001 {
  async up(q) {
    if (q.connection.options.type === 'sqlite') await this.sqliteUp(q);
    else await this.postgresUp(q);
  }
  async down(q) {}
  async postgresUp(q) {
    await q.query('ALTER TABLE "t" ADD "c" varchar');
    await q.query('ALTER TABLE "t" DROP COLUMN "a"');
  }
  async sqliteUp(q) {
    await q.query('CREATE TABLE "temporary_t" ("id" varchar PRIMARY KEY NOT NULL, "a" varchar, "c" varchar)');
    await q.query('INSERT INTO "temporary_t"("id", "a") SELECT "id", "a" FROM "t"');
    await q.query('DROP TABLE "t"');
    await q.query('ALTER TABLE "temporary_t" RENAME TO "t"');
  }
}
`,
    });
    // No parse-error for the double-quoted SQL beside the MySQL helper's backticks; SQLite's rebuild does not lose "c",
    // which the PostgreSQL helper of the same migration adds.
    const run = droplint(dir, ['--format', 'json', '.']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; line: number; severity: string; message: string }> };
    expect(doc.diagnostics.map((d) => `${d.line} ${d.severity} ${d.rule} ${d.message}`)).toEqual([
      '9 error drop-column up() drops column "a" of table "t"; its data is lost',
      '14 info drop-table up() drops table "t"; its values were copied into table "temporary_t" first',
    ]);
  });

  it("what one database's helper adds is not another's: a column PostgreSQL's re-adds is still lost when MySQL's drops it", () => {
    const dir = project({
      'src/migrations/1700000000000-Init.ts': `export class Init1700000000000 {
  async up(q) { await this.postgresUp(q); await this.mysqlUp(q); }
  async down(q) {}
  async postgresUp(q) { await q.query('CREATE TABLE "activity" ("id" uuid PRIMARY KEY, "date" varchar)'); }
  async mysqlUp(q) { await q.query('CREATE TABLE \\\`activity\\\` (\\\`id\\\` varchar(36) PRIMARY KEY, \\\`date\\\` varchar(255))'); }
}
`,
      'src/migrations/1700000000001-DateType.ts': `export class DateType1700000000001 {
  async up(q) {
    if (q.connection.options.type === 'postgres') await this.postgresUp(q);
    else await this.mysqlUp(q);
  }
  async down(q) {}
  async postgresUp(q) {
    await q.query('ALTER TABLE "activity" DROP COLUMN "date"');
    await q.query('ALTER TABLE "activity" ADD "date" date');
  }
  async mysqlUp(q) {
    await q.query('ALTER TABLE \\\`activity\\\` DROP COLUMN \\\`date\\\`');
    await q.query('ALTER TABLE \\\`activity\\\` ADD \\\`date\\\` date');
  }
}
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'src/migrations/1700000000001-DateType.ts:8:43 error[drop-column]',
      'src/migrations/1700000000001-DateType.ts:12:45 error[drop-column]',
    ]);
  });

  it('comments and strings that mention drops are not drops; droplint-ignore works', () => {
    const dir = project({
      'migrations/20240101000000_notes.js': `// knex.schema.dropTable('users') would lose everything
exports.up = async (knex) => {
  const note = 'DROP TABLE users';
  console.log(note, "knex('users').del()");
  // droplint-ignore drop-table: emptied and archived by the 2024-05 export
  await knex.schema.dropTable('archive');
  await knex.schema.dropTable('tmp'); // droplint-ignore drop-table: scratch table
};
exports.down = async () => {};
`,
    });
    expect(lintJson(dir, ['.'], 0)).toEqual([]);
  });

  it('an imported helper given the handle, whose name says it drops, is a dynamic-operation', () => {
    const dir = project({
      'migrations/20240101000000_helpers.ts': `import type { Knex } from 'knex';
import { dropTenantTables, addIndexes } from '../lib/db-helpers';

export async function up(knex: Knex): Promise<void> {
  await dropTenantTables(knex);
  await addIndexes(knex);
}

export async function down(): Promise<void> {}
`,
    });
    expect(lintJson(dir, ['.'], 0)).toEqual(['migrations/20240101000000_helpers.ts:5:9 warning[dynamic-operation]']);
  });

  it("follows helpers imported from the project's own modules, and reports what they do at the call", () => {
    const dir = project({
      'src/db/helpers.ts': `import type { Knex } from 'knex';

export const ARCHIVED = ['old_orders', 'old_invoices'];

export async function dropArchived(knex: Knex): Promise<void> {
  for (const name of ARCHIVED) await knex.schema.dropTable(name);
}
`,
      'src/db/migrations/20240101000000_archive.ts': `import type { Knex } from 'knex';
import { dropArchived } from '../helpers';

export async function up(knex: Knex): Promise<void> {
  await dropArchived(knex);
}

export async function down(): Promise<void> {}
`,
    });
    const run = droplint(dir, ['--format', 'json', '.']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; rule: string; line: number; message: string }> };
    expect(doc.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([
      'src/db/migrations/20240101000000_archive.ts:5 drop-table up() drops table "old_invoices"; all of its rows are lost',
      'src/db/migrations/20240101000000_archive.ts:5 drop-table up() drops table "old_orders"; all of its rows are lost',
    ]);
  });

  it('application code is not a migration: outside migrations-like folders, or without up/down', () => {
    const dir = project({
      'src/services/sessions.ts': `export async function up(knex) { await knex('sessions').del(); }\n`,
      'src/db/session-store.ts': `export async function purge(knex) { await knex('sessions').del(); }\n`,
      'migrations/__tests__/20240101000000_fixture.js': `exports.up = (knex) => knex.schema.dropTable('users');\n`,
      'migrations/knexfile.d.ts': `export declare function up(): void;\n`,
    });
    expect(lintJson(dir, ['.'], 0)).toEqual([]);
  });

  it("the dialect comes from the knexfile's client: MySQL backticks are read as MySQL", () => {
    const files = {
      'migrations/20240101000000_drop.js': "exports.up = (knex) => knex.raw('ALTER TABLE `users` DROP COLUMN `nickname`');\nexports.down = () => {};\n",
    };
    expect(lintJson(project({ ...files, 'knexfile.js': "module.exports = { client: 'mysql2', connection: {} };\n" }), ['.'], 1)).toEqual([
      'migrations/20240101000000_drop.js:1:54 error[drop-column]',
    ]);
    // Without it, the SQL's own backticks say MySQL, as in a raw SQL file.
    expect(lintJson(project(files), ['.'], 1)).toEqual(['migrations/20240101000000_drop.js:1:54 error[drop-column]']);
    // A client the project declares beats what the SQL shows: PostgreSQL reads the backticks as an error, which may hide a drop.
    expect(lintJson(project({ ...files, 'knexfile.js': "module.exports = { client: 'pg', connection: {} };\n" }), ['.'], 1)).toEqual([
      'migrations/20240101000000_drop.js:1:46 error[parse-error]',
    ]);
  });

  it("the dialect comes from the database adapter the migration imports: Payload's D1 SQLite quotes with backticks", () => {
    const body = (from: string): string =>
      `import { MigrateUpArgs, MigrateDownArgs, sql } from '${from}'\n\n` +
      'export async function up({ db }: MigrateUpArgs): Promise<void> {\n' +
      '  await db.run(sql`CREATE TABLE \\`users_sessions\\` (\\`id\\` text PRIMARY KEY NOT NULL, FOREIGN KEY (\\`_parent_id\\`) REFERENCES \\`users\\`(\\`id\\`) ON DELETE cascade);`)\n' +
      '  await db.run(sql`ALTER TABLE \\`users\\` DROP COLUMN \\`salt\\`;`)\n' +
      '}\n\nexport async function down({ db }: MigrateDownArgs): Promise<void> {}\n';
    expect(lintJson(project({ 'src/migrations/20250929_111647.ts': body('@payloadcms/db-d1-sqlite') }), ['.'], 1)).toEqual([
      'src/migrations/20250929_111647.ts:5:42 error[drop-column]',
    ]);
    // An adapter droplint does not know says nothing: the SQL's own backticks decide (MySQL, which reads this drop alike).
    expect(lintJson(project({ 'src/migrations/20250929_111647.ts': body('@payloadcms/db-mongodb') }), ['.'], 1)).toEqual([
      'src/migrations/20250929_111647.ts:5:42 error[drop-column]',
    ]);
  });

  it('a syntax error is a parse-error, and the rest of the file is still read', () => {
    const dir = project({
      'migrations/20240101000000_broken.ts': `export async function up(knex) {
  await knex.schema.dropTable('users');
  const x = ;
}
export async function down() {}
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'migrations/20240101000000_broken.ts:2:9 error[drop-table]',
      'migrations/20240101000000_broken.ts:3:13 error[parse-error]',
    ]);
  });
});
