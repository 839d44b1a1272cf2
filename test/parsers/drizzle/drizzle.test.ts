/**
 * Drizzle folders as `drizzle-kit generate` writes them: `<out>/NNNN_name.sql`
 * with `<out>/meta/_journal.json` (order and dialect), and the newer
 * `<out>/<timestamp>_<name>/migration.sql` beside its `snapshot.json`.
 */
import { describe, expect, it } from 'vitest';
import { lintJson, project } from '../../cli/run-cli.js';

function journal(dialect: string, tags: readonly string[]): string {
  const entries = tags.map((tag, idx) => ({ idx, version: '7', when: 1717000000000 + idx, tag, breakpoints: true }));
  return `${JSON.stringify({ version: '7', dialect, entries }, null, 2)}\n`;
}

describe('Drizzle', () => {
  it('SQLite: a __new_ rebuild is no table drop, a column left out of the copy is; the journal sets dialect and order', () => {
    const dir = project({
      // Journal order, not name order: 0001 was renamed after it ran, and still comes first.
      'drizzle/meta/_journal.json': journal('sqlite', ['0001_init', '0000_rebuild_user']),
      'drizzle/0001_init.sql': 'CREATE TABLE `user` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`name` text,\n\t`email` text\n);\n',
      'drizzle/0000_rebuild_user.sql': [
        'PRAGMA foreign_keys=OFF;--> statement-breakpoint',
        'CREATE TABLE `__new_user` (',
        '\t`id` integer PRIMARY KEY NOT NULL,',
        '\t`name` text NOT NULL',
        ');',
        '--> statement-breakpoint',
        'INSERT INTO `__new_user`("id", "name") SELECT "id", "name" FROM `user`;--> statement-breakpoint',
        'DROP TABLE `user`;--> statement-breakpoint',
        'ALTER TABLE `__new_user` RENAME TO `user`;--> statement-breakpoint',
        'PRAGMA foreign_keys=ON;--> statement-breakpoint',
        'DROP TABLE `sessions`;',
        '',
      ].join('\n'),
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      // "email" is not copied into the rebuilt table.
      'drizzle/0000_rebuild_user.sql:2:1 error[drop-column]',
      // Created by no earlier migration in journal order.
      'drizzle/0000_rebuild_user.sql:11:1 error[drop-table]',
      'drizzle/0000_rebuild_user.sql:11:1 error[unmanaged-table-drop]',
    ]);
  });

  it('PostgreSQL: statement breakpoints, and the history across the folder', () => {
    const dir = project({
      'db/drizzle/meta/_journal.json': journal('postgresql', ['0000_init', '0001_cleanup']),
      'db/drizzle/0000_init.sql': 'CREATE TABLE "account" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"plan" text\n);\n',
      'db/drizzle/0001_cleanup.sql': 'ALTER TABLE "account" DROP COLUMN "plan";--> statement-breakpoint\nDROP TABLE "account";',
    });
    expect(lintJson(dir, ['.'], 1)).toEqual(['db/drizzle/0001_cleanup.sql:1:23 error[drop-column]', 'db/drizzle/0001_cleanup.sql:2:1 error[drop-table]']);
  });

  it('the folder layout: <out>/<timestamp>_<name>/migration.sql, ordered by folder', () => {
    const dir = project({
      'drizzle/20250101000000_init/migration.sql': 'CREATE TABLE "team" ("id" serial PRIMARY KEY);\n',
      'drizzle/20250101000000_init/snapshot.json': '{}\n',
      'drizzle/20250201000000_drop/migration.sql': 'DROP TABLE "team";\nDROP TABLE "billing";\n',
      'drizzle/20250201000000_drop/snapshot.json': '{}\n',
    });
    expect(lintJson(dir, ['.'], 1)).toEqual([
      'drizzle/20250201000000_drop/migration.sql:1:1 error[drop-table]',
      'drizzle/20250201000000_drop/migration.sql:2:1 error[drop-table]',
      'drizzle/20250201000000_drop/migration.sql:2:1 error[unmanaged-table-drop]',
    ]);
  });
});
