import { describe, expect, it } from 'vitest';
import { hasLintableExtension } from '../../src/discover/lintable.js';
import { droplint, project } from '../cli/run-cli.js';

describe('which file names droplint reads', () => {
  it('needs a name before the extension', () => {
    expect(hasLintableExtension('m/V1__init.sql')).toBe(true);
    expect(hasLintableExtension('alembic/versions/a1_init.py')).toBe(true);
    expect(hasLintableExtension('m/.sql')).toBe(false);
    expect(hasLintableExtension('.py')).toBe(false);
    expect(hasLintableExtension('m/notes.sql.txt')).toBe(false);
  });

  it('reads the same history whether a migration is named or its folder walked (a file named `.sql` is in neither)', () => {
    const dir = project({
      'm/.sql': 'CREATE TABLE t (id int);\n',
      'm/V1__init.sql': 'CREATE TABLE u (id int);\n',
      'm/V2__drop.sql': 'DROP TABLE t;\n',
    });
    const rules = (args: string[]): string[] =>
      (JSON.parse(droplint(dir, ['--format', 'json', ...args]).stdout) as { diagnostics: Array<{ rule: string }> }).diagnostics.map((d) => d.rule);
    // `t` was created only by the hidden `.sql` file, which is no migration: its drop is unmanaged either way.
    expect(rules(['m'])).toEqual(['drop-table', 'unmanaged-table-drop']);
    expect(rules(['m/V2__drop.sql'])).toEqual(['drop-table', 'unmanaged-table-drop']);
  });
});
