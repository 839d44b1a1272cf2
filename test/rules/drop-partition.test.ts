import rule from '../../rules/drop-partition.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    // PostgreSQL detaches partitions (they stay tables); ClickHouse keeps detached parts on disk.
    'ALTER TABLE events DETACH PARTITION events_2022;',
    { code: 'ALTER TABLE events DETACH PARTITION 202212;', dialect: 'clickhouse' },
    { code: 'ALTER TABLE events ON CLUSTER default DROP INDEX idx_name, DROP PROJECTION p;', dialect: 'clickhouse' },
    { code: 'ALTER TABLE events DELETE IN PARTITION 202212 WHERE project_id = 7;', dialect: 'clickhouse' },
    { code: 'ALTER TABLE events REORGANIZE PARTITION p0 INTO (PARTITION p0a VALUES LESS THAN (10));', dialect: 'mysql' },
    { code: 'ALTER TABLE events DROP PARTITION p2022;', dialect: 'mysql', filename: '0002_x.down.sql', downgrade: 'off' },
  ],
  invalid: [
    {
      code: 'ALTER TABLE events DROP PARTITION p2022, p2023;',
      dialect: 'mysql',
      errors: [
        { line: 1, column: 20, endColumn: 40, table: 'events', message: 'migration drops partition p2022 of table "events"; all of its rows are lost' },
        { line: 1, column: 42, endColumn: 47, table: 'events', message: /drops partition p2023 of table "events"/ },
      ],
    },
    {
      code: 'ALTER TABLE `events` TRUNCATE PARTITION p0;',
      dialect: 'mysql',
      errors: [{ line: 1, column: 22, table: 'events', message: /drops partition p0 / }],
    },
    {
      code: "ALTER TABLE events ON CLUSTER '{cluster}' DROP PARTITION toYYYYMM(now()) SETTINGS alter_sync = 2;",
      dialect: 'clickhouse',
      errors: [{ line: 1, column: 43, endColumn: 73, table: 'events', message: /drops partition toYYYYMM\(now\(\)\) of table "events"/ }],
    },
    { code: "ALTER TABLE events DROP PART 'all_1_1_0';", dialect: 'clickhouse', errors: [{ line: 1, column: 20, message: /drops partition 'all_1_1_0'/ }] },
    { code: 'ALTER TABLE events DROP DETACHED PARTITION 202201;', dialect: 'clickhouse', errors: [{ line: 1, column: 20, message: /drops partition 202201/ }] },
    {
      code: 'ALTER TABLE events DELETE IN PARTITION 202212 WHERE 1;',
      dialect: 'clickhouse',
      errors: [{ line: 1, column: 20, message: /drops partition 202212 of table "events"/ }],
    },
    {
      code: 'ALTER TABLE events CLEAR COLUMN payload IN PARTITION 202212;',
      dialect: 'clickhouse',
      errors: [{ line: 1, column: 20, message: /drops partition 202212 / }],
    },
    {
      code: 'ALTER TABLE events DROP PARTITION p0;',
      dialect: 'mysql',
      filename: '0002_x.down.sql',
      errors: [{ line: 1, column: 20, severity: 'warning', message: /^down migration drops partition p0/ }],
    },
  ],
});
