import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from './run-cli.js';

const CLICKHOUSE = path.resolve('test/fixtures/clickhouse');

describe('dialect per file', () => {
  it('reads a ClickHouse folder without a setting, every statement understood', () => {
    // Null-engine tables and materialized views writing TO a table hold no rows; the rest is destructive.
    expect(lintJson(CLICKHOUSE, [], 1)).toEqual([
      // The down file removes what its up file created: info.
      'migrations/0001_events.down.sql:4:1 info[drop-table]',
      'migrations/0001_events.down.sql:5:1 info[drop-table]',
      'migrations/0003_cleanup.up.sql:1:43 error[drop-column]',
      'migrations/0003_cleanup.up.sql:2:43 error[drop-column]',
      'migrations/0003_cleanup.up.sql:3:43 error[drop-partition]',
      'migrations/0003_cleanup.up.sql:6:1 error[truncate-table]',
    ]);
  });

  it('reads a T-SQL script with GO batches and [brackets] as SQL Server', () => {
    const dir = project({
      'db/migrations/V3__orders.sql': [
        "IF OBJECT_ID(N'[dbo].[OrderNotes]', N'U') IS NOT NULL",
        '    DROP TABLE [dbo].[OrderNotes]',
        'GO',
        'CREATE NONCLUSTERED INDEX [IX_Orders_Customer] ON [dbo].[Orders] ([CustomerId]) WITH (ONLINE = ON)',
        'GO',
        'ALTER TABLE [dbo].[Orders] DROP COLUMN [LegacyCode], [LegacyNote]',
        'GO',
        "EXEC sp_rename N'dbo.Orders.Total', N'GrandTotal', N'COLUMN'",
        'GO',
        '',
      ].join('\n'),
    });
    expect(lintJson(dir, [], 1)).toEqual([
      'db/migrations/V3__orders.sql:2:5 error[drop-table]',
      'db/migrations/V3__orders.sql:6:28 error[drop-column]',
      'db/migrations/V3__orders.sql:6:54 error[drop-column]',
    ]);
  });

  it('reads a MySQL dump with backticks and ENGINE=InnoDB as MySQL', () => {
    const dir = project({
      'schema/V4__partitions.sql': [
        '/*!40101 SET NAMES utf8mb4 */;',
        'CREATE TABLE `metrics` (',
        '  `id` bigint NOT NULL AUTO_INCREMENT,',
        "  `note` varchar(255) DEFAULT \"n/a\" COMMENT 'it\\'s a note',",
        '  KEY `idx_note` (`note`)',
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
        'PARTITION BY RANGE (`id`) (PARTITION p0 VALUES LESS THAN (1000), PARTITION p1 VALUES LESS THAN MAXVALUE);',
        'ALTER TABLE `metrics` DROP PARTITION p0;',
        'DELETE FROM `metrics` WHERE 1;',
        '',
      ].join('\n'),
    });
    // `DELETE … WHERE 1` deletes every row, but of a table this same file created: nothing that existed before is lost.
    expect(lintJson(dir, [], 1)).toEqual(['schema/V4__partitions.sql:8:23 error[drop-partition]']);
  });

  it('applies [[overrides]]: dialect, rules, protected-tables and downgrade per file, later entries winning', () => {
    const dir = project({
      'droplint.toml': [
        'protected-tables = ["users"]',
        '[rules]',
        'drop-table = "warning"',
        '[[overrides]]',
        'files = ["analytics/**"]',
        'dialect = "clickhouse"',
        'protected-tables = []',
        '[overrides.rules]',
        'drop-partition = "info"',
        '[[overrides]]',
        'files = ["analytics/legacy/**"]',
        'downgrade = "error"',
        '[overrides.rules]',
        'drop-table = "off"',
        '',
      ].join('\n'),
      // Plain SQL with no sign of its dialect: only the override makes it ClickHouse.
      'analytics/0001_events.up.sql': 'ALTER TABLE users DROP PARTITION 202401;\nDROP TABLE users;\n',
      'analytics/legacy/0001_old.down.sql': 'ALTER TABLE old_events DROP COLUMN payload;\nDROP TABLE old_events;\n',
      'migrations/0001_users.up.sql': 'DROP TABLE users;\n',
    });
    expect(lintJson(dir, [], 1)).toEqual([
      'analytics/0001_events.up.sql:1:19 info[drop-partition]',
      'analytics/0001_events.up.sql:2:1 warning[drop-table]',
      'analytics/legacy/0001_old.down.sql:1:24 error[drop-column]',
      'migrations/0001_users.up.sql:1:1 warning[drop-table]',
      'migrations/0001_users.up.sql:1:1 error[protected-table]',
    ]);
  });

  it('--dialect beats [[overrides]] for raw SQL', () => {
    const dir = project({
      'droplint.toml': '[[overrides]]\nfiles = ["**/*.sql"]\ndialect = "clickhouse"\n',
      'migrations/V1__x.sql': 'ALTER TABLE t DROP PARTITION p1;\n',
    });
    // PostgreSQL has no DROP PARTITION: its parser stops at the partition's name, and the error says the statement mentions DROP.
    expect(lintJson(dir, [], 1)).toEqual(['migrations/V1__x.sql:1:15 error[drop-partition]']);
    expect(lintJson(dir, ['--dialect', 'postgresql'], 1)).toEqual(['migrations/V1__x.sql:1:30 error[parse-error]']);
  });

  it('rejects a malformed [[overrides]] entry naming the file and the key', () => {
    const bad = (toml: string): string => droplint(project({ 'droplint.toml': toml }), []).stderr.trim();
    expect(bad('[[overrides]]\ndialect = "clickhouse"\n')).toBe(
      'droplint: droplint.toml: [[overrides]] #1 needs "files": the globs of the files it applies to',
    );
    expect(bad('[[overrides]]\nfiles = ["a/**"]\n[[overrides]]\nfiles = ["b/**"]\ndialect = "oracle"\n')).toBe(
      'droplint: droplint.toml: [[overrides]] #2 "dialect" must be one of postgresql, cockroachdb, mysql, sqlite, sqlserver, clickhouse; got "oracle"',
    );
    expect(bad('[[overrides]]\nfiles = ["a/**"]\nmodels = []\n')).toBe(
      'droplint: droplint.toml: [[overrides]] #1 unknown key "models"; an entry takes files, dialect, rules, protected-tables, downgrade',
    );
    expect(bad('overrides = { files = ["a"] }\n')).toBe('droplint: droplint.toml: "overrides" must be an array of tables; got a table');
  });

  it('takes the dialect a per-database folder or file name gives: TypeORM folders, popx file names', () => {
    const dir = project({
      'src/migrations/mysql/1693840429259-Init.ts': [
        "import { MigrationInterface, QueryRunner } from 'typeorm'",
        '',
        'export class Init1693840429259 implements MigrationInterface {',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`ALTER TABLE \\`chat_flow\\` DROP COLUMN \\`apikeyid\\`;`)',
        '  }',
        '  public async down(): Promise<void> {}',
        '}',
        '',
      ].join('\n'),
      'persistence/migrations/20200830_remove_code.mysql.up.sql': 'ALTER TABLE `identities` DROP COLUMN `code`;\n',
      // PlanetScale speaks MySQL.
      'npm/migration/planetscale/1653746497237-ms_nocascade.ts':
        'export class ms1653746497237 {\n  async up(queryRunner) {\n    await queryRunner.query(`DROP TABLE \\`jackson_index\\``);\n  }\n  async down() {}\n}\n',
    });
    // Read as PostgreSQL, the backticks would be parse errors hiding the drops.
    expect(lintJson(dir, [], 1)).toEqual([
      'npm/migration/planetscale/1653746497237-ms_nocascade.ts:3:30 error[drop-table]',
      'persistence/migrations/20200830_remove_code.mysql.up.sql:1:26 error[drop-column]',
      'src/migrations/mysql/1693840429259-Init.ts:5:56 error[drop-column]',
    ]);
  });

  it('takes a PostgreSQL folder name as shown: a column added NOT NULL without a default there proves the table empty', () => {
    const migration = 'ALTER TABLE events DROP COLUMN config_id;\nALTER TABLE events ADD COLUMN entity_id INTEGER NOT NULL;\n';
    const dir = project({
      'store/migrate/postgres/0055_events.up.sql': migration,
      // Nothing names this one's dialect: it is PostgreSQL only by default, and MySQL would fill the new column.
      'store/migrate/any/0055_events.up.sql': migration,
    });
    expect(lintJson(dir, [], 1)).toEqual([
      'store/migrate/any/0055_events.up.sql:1:20 error[drop-column]',
      'store/migrate/postgres/0055_events.up.sql:1:20 info[drop-column]',
    ]);
  });

  it("reads a TS/JS migration's SQL in the dialect the SQL itself shows when the project declares none", () => {
    const dir = project({
      // TypeORM's generator for MySQL: backticks and ENGINE=InnoDB, the DataSource elsewhere in the package.
      'packages/analytics/migrations/1667995681714-fix_mrr.ts': [
        "import { MigrationInterface, QueryRunner } from 'typeorm'",
        '',
        'export class FixMrr1667995681714 implements MigrationInterface {',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        "    await queryRunner.query('CREATE TABLE `stats` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB')",
        "    await queryRunner.query('ALTER TABLE `revenue` DROP COLUMN `previous_mrr`')",
        '  }',
        "  public async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query('DROP TABLE `stats`')\n  }",
        '}',
        '',
      ].join('\n'),
      // No sign of another database: PostgreSQL, whose double quotes MySQL would read as strings.
      'migrations/20240101_drop.js': 'exports.up = (knex) => knex.raw(\'ALTER TABLE "users" DROP COLUMN "token"\');\nexports.down = () => {};\n',
    });
    expect(lintJson(dir, [], 1)).toEqual([
      'migrations/20240101_drop.js:1:54 error[drop-column]',
      'packages/analytics/migrations/1667995681714-fix_mrr.ts:6:52 error[drop-column]',
      'packages/analytics/migrations/1667995681714-fix_mrr.ts:9:30 info[drop-table]',
    ]);
  });
});
