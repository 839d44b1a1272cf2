/**
 * TS/JS migrations through the CLI, in the shapes the frameworks' own
 * generators write (`knex migrate:make`, `typeorm migration:generate`,
 * `sequelize-cli migration:generate`, `node-pg-migrate create`, Kysely's and
 * MikroORM's documented forms), with the destructive call added where a
 * developer would add it. The templates' own comments mention drops
 * (`await queryInterface.dropTable('users')` in Sequelize's): they are not drops.
 */
import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from '../../cli/run-cli.js';

describe('TS/JS migrations, as the generators write them', () => {
  it('Knex (migrate:make, JavaScript): exports.up/down, table builder callbacks, the history', () => {
    const dir = project({
      'migrations/20240101120000_create_users.js': `/**
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.up = function(knex) {
  return knex.schema.createTable('users', function (table) {
    table.increments('id');
    table.string('email');
    table.string('legacy_token');
  });
};

/**
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.down = function(knex) {
  return knex.schema.dropTable('users');
};
`,
      'migrations/20240201120000_drop_token.js': `/**
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.up = function(knex) {
  return knex.schema.alterTable('users', function (table) {
    table.dropColumn('legacy_token');
  }).dropTableIfExists('sessions');
};

/**
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.down = function(knex) {
  return knex.schema.alterTable('users', function (table) {
    table.string('legacy_token');
  });
};
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual(
      [
        // down() removes what its own up() created: nothing that existed before is lost.
        'migrations/20240101120000_create_users.js:18:10 info[drop-table]',
        'migrations/20240201120000_drop_token.js:7:5 error[drop-column]',
        // "sessions" was never created by this history: someone else's table.
        'migrations/20240201120000_drop_token.js:6:10 error[drop-table]',
        'migrations/20240201120000_drop_token.js:6:10 error[unmanaged-table-drop]',
      ].sort(byPosition),
    );
  });

  it('Knex (migrate:make -x ts): exported async functions, queries without where, raw SQL', () => {
    const dir = project({
      'db/migrations/20240301000000_cleanup.ts': `import type { Knex } from "knex";


export async function up(knex: Knex): Promise<void> {
  await knex("audit_log").del();
  await knex("sessions").where("expires_at", "<", knex.fn.now()).del();
  await knex("jobs").truncate();
  await knex.raw('ALTER TABLE "users" DROP COLUMN "nickname"');
}


export async function down(knex: Knex): Promise<void> {
}
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'db/migrations/20240301000000_cleanup.ts:5:9 error[delete-without-where]',
      'db/migrations/20240301000000_cleanup.ts:7:9 error[truncate-table]',
      'db/migrations/20240301000000_cleanup.ts:8:39 error[drop-column]',
    ]);
  });

  it('TypeORM (migration:generate): a class implementing MigrationInterface, queryRunner.query()', () => {
    const dir = project({
      'src/migrations/1712000000000-RemoveAge.ts': `import { MigrationInterface, QueryRunner } from "typeorm";

export class RemoveAge1712000000000 implements MigrationInterface {
    name = 'RemoveAge1712000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`ALTER TABLE "user" DROP COLUMN "age"\`);
        await queryRunner.query(\`DROP TABLE "photo"\`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`CREATE TABLE "photo" ("id" SERIAL NOT NULL, CONSTRAINT "PK_1" PRIMARY KEY ("id"))\`);
        await queryRunner.query(\`ALTER TABLE "user" ADD "age" integer NOT NULL\`);
    }

}
`,
      'src/migrations/1713000000000-Cleanup.ts': `import { MigrationInterface, QueryRunner, Table } from "typeorm";

export class Cleanup1713000000000 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.clearTable("logs");
        await queryRunner.dropColumn("post", "legacy");
        await queryRunner.dropTable(new Table({ name: "tmp" }));
    }

    public async down(queryRunner: QueryRunner): Promise<void> {}
}
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'src/migrations/1712000000000-RemoveAge.ts:7:53 error[drop-column]',
      // The set starts from an existing schema (its first migration alters a table it never created): said once, and no drop is judged unmanaged.
      'src/migrations/1712000000000-RemoveAge.ts:7:53 info[unmanaged-table-drop]',
      'src/migrations/1712000000000-RemoveAge.ts:8:34 error[drop-table]',
      'src/migrations/1713000000000-Cleanup.ts:5:15 error[truncate-table]',
      'src/migrations/1713000000000-Cleanup.ts:6:15 error[drop-column]',
      'src/migrations/1713000000000-Cleanup.ts:7:15 error[drop-table]',
    ]);
  });

  it('Sequelize (migration:generate): module.exports methods; the template comment is not a drop', () => {
    const dir = project({
      'migrations/20240401000000-remove-legacy.js': `'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    /**
     * Add altering commands here.
     *
     * Example:
     * await queryInterface.createTable('users', { id: Sequelize.INTEGER });
     */
    await queryInterface.removeColumn('Users', 'legacyId');
    await queryInterface.bulkDelete('Sessions', null, {});
    await queryInterface.bulkDelete('Tokens', { revoked: true }, {});
    await queryInterface.sequelize.query('TRUNCATE "Events"');
  },

  async down (queryInterface, Sequelize) {
    /**
     * Add reverting commands here.
     *
     * Example:
     * await queryInterface.dropTable('users');
     */
  }
};
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'migrations/20240401000000-remove-legacy.js:12:11 error[drop-column]',
      'migrations/20240401000000-remove-legacy.js:13:11 error[delete-without-where]',
      'migrations/20240401000000-remove-legacy.js:15:43 error[truncate-table]',
    ]);
  });

  it('node-pg-migrate (create, JavaScript and SQL): pgm calls, pgm.sql, -- Up/Down Migration sections', () => {
    const dir = project({
      'migrations/1714000000000_drop-columns.js': `/**
 * @type {import('node-pg-migrate').ColumnDefinitions | undefined}
 */
exports.shorthands = undefined;

/**
 * @param pgm {import('node-pg-migrate').MigrationBuilder}
 * @param run {() => void | undefined}
 * @returns {Promise<void> | void}
 */
exports.up = (pgm) => {
  pgm.dropColumns('accounts', ['nickname', 'avatar']);
  pgm.dropTable({ schema: 'billing', name: 'invoices' }, { ifExists: true });
  pgm.sql('DELETE FROM audit');
};

/**
 * @param pgm {import('node-pg-migrate').MigrationBuilder}
 * @param run {() => void | undefined}
 * @returns {Promise<void> | void}
 */
exports.down = (pgm) => {};
`,
      'migrations/1714000000001_sql-file.sql': `-- Up Migration
ALTER TABLE accounts DROP COLUMN phone;
-- Down Migration
ALTER TABLE accounts ADD COLUMN phone text;
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'migrations/1714000000000_drop-columns.js:12:3 error[drop-column]',
      'migrations/1714000000000_drop-columns.js:12:3 error[drop-column]',
      // The set starts from an existing schema: said once, on its first migration.
      'migrations/1714000000000_drop-columns.js:12:3 info[unmanaged-table-drop]',
      'migrations/1714000000000_drop-columns.js:13:3 error[drop-table]',
      // The first migration of its set: no history to say who owns "billing.invoices".
      'migrations/1714000000000_drop-columns.js:14:12 error[delete-without-where]',
      'migrations/1714000000001_sql-file.sql:2:22 error[drop-column]',
    ]);
  });

  it('node-pg-migrate (create -j ts): exported functions; a missing down is fine', () => {
    const dir = project({
      'migrations/1714000000002_types.ts': `import type { ColumnDefinitions, MigrationBuilder } from 'node-pg-migrate';

export const shorthands: ColumnDefinitions | undefined = undefined;

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.dropSchema('staging', { cascade: true });
}
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual(['migrations/1714000000002_types.ts:6:3 error[drop-schema]']);
  });

  it('Kysely: builder chains read to their end, sql`…` run through the SQL front-end', () => {
    const dir = project({
      'src/migrations/2024-05-01-cleanup.ts': `import { Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('person').dropColumn('nickname').execute()
  await db.deleteFrom('pet').execute()
  await db.deleteFrom('toy').where('broken', '=', true).execute()
  await sql\`TRUNCATE \${sql.table('events')}\`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pet_archive').ifExists().execute()
}
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'src/migrations/2024-05-01-cleanup.ts:4:9 error[drop-column]',
      'src/migrations/2024-05-01-cleanup.ts:5:9 error[delete-without-where]',
      'src/migrations/2024-05-01-cleanup.ts:7:13 error[truncate-table]',
      'src/migrations/2024-05-01-cleanup.ts:11:9 warning[drop-table]',
      // down() drops a table its up() did not create: a wrong name, or someone else's table (capped in a downgrade).
      'src/migrations/2024-05-01-cleanup.ts:11:9 warning[unmanaged-table-drop]',
    ]);
  });

  it('Kysely: every column of an alterTable().addColumn(…).addColumn(…) chain is added, so down() dropping them undoes up()', () => {
    const dir = project({
      'src/migrations/2024-06-01-billing.ts': `import { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('workspaces')
    .addColumn('plan', 'varchar', (col) => col)
    .addColumn('billing_email', 'varchar', (col) => col.notNull())
    .addColumn('trial_end_at', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('plan').execute()
  await db.schema.alterTable('workspaces').dropColumn('trial_end_at').dropColumn('billing_email').dropColumn('name').execute()
}
`,
    });
    const run = droplint(dir, ['--format', 'json', '.']);
    const found = (JSON.parse(run.stdout) as { diagnostics: Array<{ line: number; column: number; severity: string; message: string }> }).diagnostics.map(
      (d) => `${d.line}:${d.column} ${d.severity} ${d.message}`,
    );
    expect(found).toEqual([
      '13:9 info down() drops column "plan" of table "workspaces"; it undoes the upgrade, which added the column',
      // One statement's findings, by message.
      '14:9 info down() drops column "billing_email" of table "workspaces"; it undoes the upgrade, which added the column',
      // name was not added by up(): its values are lost (capped at warning in a downgrade).
      '14:9 warning down() drops column "name" of table "workspaces"; its data is lost',
      '14:9 info down() drops column "trial_end_at" of table "workspaces"; it undoes the upgrade, which added the column',
    ]);
  });

  it('Knex and Kysely: an update with no where writes its literal values on every row', () => {
    const dir = project({
      'db/migrations/20240302000000_reset.ts': `import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex("users").update({ email: null, score: knex.raw("score + 1") });
  await knex("users").update("plan", "free").whereNull("plan");
  await knex("users").where({ id: 1 }).update({ nickname: "x" });
  await knex("users").update("motto", "it's");
}

export async function down(knex: Knex): Promise<void> {}
`,
      'src/migrations/2024-05-02-reset.ts': `import { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable('person').set({ status: 'active' }).execute()
  await db.updateTable('person').set({ age: 0 }).where('id', '=', 1).execute()
}
`,
    });
    expect(lintJson(dir, ['.'], 0)).toEqual([
      'db/migrations/20240302000000_reset.ts:4:9 warning[update-without-where]',
      'db/migrations/20240302000000_reset.ts:7:9 warning[update-without-where]',
      'src/migrations/2024-05-02-reset.ts:4:9 warning[update-without-where]',
    ]);
    // A quote in the value is written as SQL writes it.
    const report = JSON.parse(droplint(dir, ['--format', 'json', 'db']).stdout) as { diagnostics: Array<{ line: number; message: string }> };
    expect(report.diagnostics.find((d) => d.line === 7)?.message).toBe(
      'up() sets column "motto" of every row of table "users" to \'it\'\'s\' (UPDATE without WHERE); what it held is lost',
    );
  });

  it('MikroORM (migration:create): this.addSql() in a class extending Migration', () => {
    const dir = project({
      'src/migrations/Migration20240601000000.ts': `import { Migration } from '@mikro-orm/migrations';

export class Migration20240601000000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(\`alter table "book" drop column "isbn";\`);
  }

  override async down(): Promise<void> {
    this.addSql(\`alter table "book" add column "isbn" varchar(13) null;\`);
  }

}
`,
    });
    expect(lintJson(dir, ['.'], 1)).toEqual(['src/migrations/Migration20240601000000.ts:6:37 error[drop-column]']);
  });

  it('db-migrate (create): db.runSql(), and methods bound to their arguments for async.series', () => {
    const template = (up: string, down: string): string => `'use strict';

var dbm;
var type;
var seed;

exports.setup = function(options, seedLink) {
  dbm = options.dbmigrate;
  type = dbm.dataType;
  seed = seedLink;
};

exports.up = function(db, callback) {
${up}
};

exports.down = function(db, callback) {
${down}
};

exports._meta = {
  "version": 1
};
`;
    const dir = project({
      'migrations/20200101000000-create-fields.js': template(
        `  async.series([
    db.createTable.bind(db, 'context_fields', { name: { type: 'string', primaryKey: true }, legacy: { type: 'text' } }),
    db.runSql.bind(db, 'CREATE TABLE client_metrics (id serial PRIMARY KEY, metrics json);'),
  ], callback);`,
        `  async.series([db.dropTable.bind(db, 'context_fields'), db.runSql.bind(db, 'DROP TABLE client_metrics;')], callback);`,
      ),
      'migrations/20211209000000-drop-metrics.js': template(
        `  async.series([
    db.runSql.bind(db, 'DELETE FROM context_fields;'),
    db.removeColumn.bind(db, 'context_fields', 'legacy'),
  ], function () {
    db.runSql('DROP TABLE client_metrics;', callback);
  });`,
        `  db.runSql('CREATE TABLE client_metrics (id serial PRIMARY KEY, metrics json);', callback);`,
      ),
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      // down() removes what its own up() made, with bound methods too.
      'migrations/20200101000000-create-fields.js:21:17 info[drop-table]',
      // Findings in SQL point into the string: the statement itself.
      'migrations/20200101000000-create-fields.js:21:78 info[drop-table]',
      'migrations/20211209000000-drop-metrics.js:15:25 error[delete-without-where]',
      // Its rows were deleted just before, where they are reported lost.
      'migrations/20211209000000-drop-metrics.js:16:5 info[drop-column]',
      'migrations/20211209000000-drop-metrics.js:18:16 error[drop-table]',
    ]);
  });
});

/** Sorts `file:line:col …` findings as the CLI does: by file, line, column, rule. */
function byPosition(a: string, b: string): number {
  const parse = (s: string): [string, number, number, string] => {
    const [file, line, rest] = s.split(':') as [string, string, string];
    const [col, rule] = rest.split(' ') as [string, string];
    return [file, Number(line), Number(col), rule];
  };
  const [fa, la, ca, ra] = parse(a);
  const [fb, lb, cb, rb] = parse(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb || (ra < rb ? -1 : ra > rb ? 1 : 0);
}
