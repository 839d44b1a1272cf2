import { describe, expect, it } from 'vitest';
import { lintJson, project, write } from './run-cli.js';

const GOLANG_DOWN = 'DROP TABLE IF EXISTS "orders";\nDROP SCHEMA legacy CASCADE;\nALTER TABLE "users" DROP COLUMN "nickname";\n';
const DBMATE = ['-- migrate:up', 'ALTER TABLE "users" DROP COLUMN "bio";', '', '-- migrate:down', 'DROP TABLE "users_archive";', ''].join('\n');

describe('severities', () => {
  it('--rule drop-column=warn turns drop-column into a warning (exit 0)', () => {
    const dir = project({ 'migrations/V4__rm_bio.sql': 'ALTER TABLE "users" DROP COLUMN "bio";\n' });
    expect(lintJson(dir, [], 1)).toEqual(['migrations/V4__rm_bio.sql:1:21 error[drop-column]']);
    expect(lintJson(dir, ['--rule', 'drop-column=warn'], 0)).toEqual(['migrations/V4__rm_bio.sql:1:21 warning[drop-column]']);
    expect(lintJson(dir, ['--rule', 'drop-column=info'], 0)).toEqual(['migrations/V4__rm_bio.sql:1:21 info[drop-column]']);
    expect(lintJson(dir, ['--rule', 'drop-column=off'], 0)).toEqual([]);
  });

  it('`[rules] drop-table = "off"` in droplint.toml, and --rule over it', () => {
    const dir = project({
      'droplint.toml': '[rules]\ndrop-table = "off"\n',
      'migrations/V2__drop_legacy.sql': 'DROP TABLE "legacy";\nTRUNCATE "audit";\n',
    });
    expect(lintJson(dir, [], 1)).toEqual(['migrations/V2__drop_legacy.sql:2:1 error[truncate-table]']);
    expect(lintJson(dir, ['--rule', 'drop-table=error'], 1)).toEqual([
      'migrations/V2__drop_legacy.sql:1:1 error[drop-table]',
      'migrations/V2__drop_legacy.sql:2:1 error[truncate-table]',
    ]);
  });

  it('a *.down.sql file and a -- migrate:down section default to warning; drop-schema stays an error', () => {
    const dir = project({ 'db/000002_orders.down.sql': GOLANG_DOWN, 'db/20240105_users.sql': DBMATE });
    expect(lintJson(dir, [], 1)).toEqual([
      'db/000002_orders.down.sql:1:1 warning[drop-table]',
      'db/000002_orders.down.sql:2:1 error[drop-schema]',
      'db/000002_orders.down.sql:3:21 warning[drop-column]',
      'db/20240105_users.sql:2:21 error[drop-column]',
      'db/20240105_users.sql:5:1 warning[drop-table]',
      // Neither its upgrade nor an earlier migration of db/ created users_archive; capped like every destructive rule.
      'db/20240105_users.sql:5:1 warning[unmanaged-table-drop]',
    ]);
  });

  it('`downgrade = "error"` makes downgrade drops errors', () => {
    const dir = project({ 'droplint.toml': 'downgrade = "error"\n', 'db/000002_orders.down.sql': GOLANG_DOWN, 'db/20240105_users.sql': DBMATE });
    expect(lintJson(dir, [], 1)).toEqual([
      'db/000002_orders.down.sql:1:1 error[drop-table]',
      'db/000002_orders.down.sql:2:1 error[drop-schema]',
      'db/000002_orders.down.sql:3:21 error[drop-column]',
      'db/20240105_users.sql:2:21 error[drop-column]',
      'db/20240105_users.sql:5:1 error[drop-table]',
      'db/20240105_users.sql:5:1 error[unmanaged-table-drop]',
    ]);
  });

  it('`downgrade = "off"` silences downgrade drops but not drop-schema', () => {
    const dir = project({ 'droplint.toml': 'downgrade = "off"\n', 'db/000002_orders.down.sql': GOLANG_DOWN });
    expect(lintJson(dir, [], 1)).toEqual(['db/000002_orders.down.sql:2:1 error[drop-schema]']);
  });

  it('in a downgrade the downgrade setting caps a rule override, never raises it', () => {
    const dir = project({ 'db/000002_orders.down.sql': GOLANG_DOWN });
    expect(lintJson(dir, ['--rule', 'drop-column=info'], 1)).toContain('db/000002_orders.down.sql:3:21 info[drop-column]');
    expect(lintJson(dir, ['--rule', 'drop-column=off'], 1).filter((f) => f.includes('drop-column'))).toEqual([]);
    write(dir, 'droplint.toml', 'downgrade = "error"\n[rules]\ndrop-table = "warning"\n');
    expect(lintJson(dir, [], 1)).toEqual([
      'db/000002_orders.down.sql:1:1 warning[drop-table]',
      'db/000002_orders.down.sql:2:1 error[drop-schema]',
      'db/000002_orders.down.sql:3:21 error[drop-column]',
    ]);
  });

  it('a Flyway undo script (U…__) is a downgrade', () => {
    const dir = project({ 'sql/U3__add_orders.sql': 'DROP TABLE orders;\n' });
    expect(lintJson(dir, [], 0)).toEqual(['sql/U3__add_orders.sql:1:1 warning[drop-table]']);
  });
});
