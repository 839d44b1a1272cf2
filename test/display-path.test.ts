import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../src/display-path.js';

describe('displayPath', () => {
  it('shows a path relative to the working directory, /-separated, as path.relative would', () => {
    const cwd = path.resolve('/srv/app/project');
    const cases: Array<[string, string]> = [
      [path.join(cwd, 'db', 'V1__init.sql'), 'db/V1__init.sql'],
      [path.join(cwd, 'V1.sql'), 'V1.sql'],
      // A sibling whose name starts with the working directory's: not below it.
      [path.resolve('/srv/app/project-b/V1.sql'), '../project-b/V1.sql'],
      [path.resolve('/srv/app/shared/V1__a.sql'), '../shared/V1__a.sql'],
      // A path not normalized still gets path.relative's answer.
      [`${cwd}${path.sep}db${path.sep}..${path.sep}..${path.sep}x.sql`, '../x.sql'],
    ];
    for (const [absPath, shown] of cases) expect(displayPath(cwd, absPath), absPath).toBe(shown);
  });
});
