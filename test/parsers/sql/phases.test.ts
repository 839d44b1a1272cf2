import { describe, expect, it } from 'vitest';
import { classifySqlFile } from '../../../src/parsers/sql/phases.js';

describe('classifySqlFile', () => {
  it('reads the phase from the name, then from a folder of undo scripts', () => {
    expect(classifySqlFile('db/migrations/0002_x.down.sql').phase).toBe('downgrade');
    expect(classifySqlFile('db/migrations/0002_x.up.sql').phase).toBe('upgrade');
    expect(classifySqlFile('db/migrations/0002_x.sql').phase).toBe('none');
    // `_down`/`-down` in a numbered series, paired with its `_up` file by their shared order key.
    expect(classifySqlFile('migrate/0021_add_internal_down.sql')).toMatchObject({ phase: 'downgrade', orderKey: '0021_add_internal 1' });
    expect(classifySqlFile('migrate/0021_add_internal_up.sql')).toMatchObject({ phase: 'upgrade', orderKey: '0021_add_internal 0' });
    expect(classifySqlFile('migrate/7-users-down.sql').phase).toBe('downgrade');
    // A stray dot before `.up.sql`: golang-migrate pairs the files by version all the same.
    expect(classifySqlFile('migrations/20240813211251_backup_flags..up.sql')).toMatchObject({ phase: 'upgrade', orderKey: '20240813211251_backup_flags 0' });
    expect(classifySqlFile('migrations/20240813211251_backup_flags.down.sql')).toMatchObject({ phase: 'downgrade', orderKey: '20240813211251_backup_flags 1' });
    expect(classifySqlFile('migrate/slow_down.sql').phase).toBe('none');
    expect(classifySqlFile('sqitch/revert/users.sql').phase).toBe('downgrade');
    expect(classifySqlFile('scripts/rollback_dbs/postgresql/1.15.0/1.15.0.sql').phase).toBe('downgrade');
    expect(classifySqlFile('db/Rollback/2.sql').phase).toBe('downgrade');
    // An up file says so itself; a folder merely named like a release is no undo.
    expect(classifySqlFile('db/rollback/2_x.up.sql').phase).toBe('upgrade');
    expect(classifySqlFile('db/rollouts/2.sql').phase).toBe('none');
    // Where the undo folder is: its upgrade is the file at the same path below a sibling folder.
    expect(classifySqlFile('sqitch/revert/users.sql').undoFolder).toBe(1);
    expect(classifySqlFile('db/rollback/2_x.up.sql').undoFolder).toBeNull();
  });

  it('puts a file in a release folder into the set above, ordered by release then file', () => {
    const a = classifySqlFile('init_dbs/clickhouse/1.9.0/14.sql');
    const b = classifySqlFile('init_dbs/clickhouse/1.10.0/2.sql');
    expect([a.versionFolder, b.versionFolder]).toEqual([true, true]);
    expect([a.orderKey, b.orderKey]).toEqual(['1.9.0/14 0', '1.10.0/2 0']);
    // An upgrade's folder named for the releases it goes between (Apollo's `delta/v210-v220/`).
    expect(classifySqlFile('delta/v210-v220/configdb-v210-v220.sql')).toMatchObject({ versionFolder: true, orderKey: 'v210-v220/configdb-v210-v220 0' });
    expect(classifySqlFile('v2/up.sql')).toMatchObject({ versionFolder: true, orderKey: 'v2/ 0', phase: 'upgrade' });
    expect(classifySqlFile('db/migrations/0001_init.sql')).toMatchObject({ versionFolder: false, orderKey: '0001_init 0' });
    expect(classifySqlFile('db/release-2/0001_init.sql').versionFolder).toBe(false);
    // bun: a `.tx.up.sql` pairs with its `.down.sql`.
    expect(classifySqlFile('pg/20220926100949_init.tx.up.sql')).toMatchObject({ phase: 'upgrade', orderKey: '20220926100949_init 0' });
    expect(classifySqlFile('pg/20220926100949_init.down.sql')).toMatchObject({ phase: 'downgrade', orderKey: '20220926100949_init 1' });
    // Diesel: one migration per folder, `<version>_<name>/up.sql` and `down.sql`; the version is up to the first `_`, dashes left out.
    expect(classifySqlFile('migrations/2020-01-13-025151_views/up.sql')).toMatchObject({ versionFolder: true, orderKey: '20200113025151_views/ 0' });
    expect(classifySqlFile('migrations/2020-01-13-025151_views/down.sql')).toMatchObject({ versionFolder: true, phase: 'downgrade' });
    // A lone up.sql in a folder named for no version stays in its own folder's set.
    expect(classifySqlFile('db/migrations/up.sql')).toMatchObject({ versionFolder: false, orderKey: ' 0' });
  });
});
