import { describe, expect, it } from 'vitest';
import type { Diagnostic, LintResult } from '../../src/engine/diagnostic.js';
import { escapeData, escapeProperty, renderGithub } from '../../src/reporters/github.js';
import { diag } from './diagnostic.js';

function result(diagnostics: Diagnostic[], fileCount = 1): LintResult {
  return { diagnostics, fileCount, sources: new Map() };
}

describe('renderGithub', () => {
  it('writes one workflow command per diagnostic, help after an escaped newline, then a summary', () => {
    const out = renderGithub(
      result(
        [
          diag({
            rule: 'dynamic-operation',
            severity: 'warning',
            file: 'b.sql',
            line: 3,
            column: 1,
            endLine: 3,
            endColumn: 8,
            message: 'dynamic SQL',
            help: '',
          }),
          diag({
            file: 'prisma/migrations/1_init/migration.sql',
            line: 14,
            column: 5,
            endLine: 14,
            endColumn: 30,
            message: 'migration drops table "session"; all of its rows are lost',
            help: 'Back it up first.',
          }),
          diag({ rule: 'unused-suppression', severity: 'info', file: 'c.sql', message: 'nothing suppressed' }),
        ],
        3,
      ),
    );
    expect(out).toBe(
      [
        '::warning file=b.sql,line=3,col=1,endLine=3,endColumn=8,title=droplint(dynamic-operation)::dynamic SQL',
        '::notice file=c.sql,line=1,col=1,endLine=1,endColumn=2,title=droplint(unused-suppression)::nothing suppressed',
        '::error file=prisma/migrations/1_init/migration.sql,line=14,col=5,endLine=14,endColumn=30,title=droplint(drop-table)::migration drops table "session"; all of its rows are lost%0ABack it up first.',
        'droplint: 1 error, 1 warning, 1 info in 3 files',
        '',
      ].join('\n'),
    );
  });

  it('escapes %, CR and LF in messages and additionally : and , in file names', () => {
    const out = renderGithub(
      result([
        diag({
          file: 'odd:name,100%\r\n.sql',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 9,
          message: 'drops "a,b": 50%\r\nof rows',
          help: 'see: x, y',
        }),
      ]),
    );
    expect(out).toBe(
      '::error file=odd%3Aname%2C100%25%0D%0A.sql,line=2,col=7,endLine=2,endColumn=9,title=droplint(drop-table)::drops "a,b": 50%25%0D%0Aof rows%0Asee: x, y\n' +
        'droplint: 1 error, 0 warnings in 1 file\n',
    );
  });

  it('escapes % first, so an existing escape sequence is not decoded by the runner', () => {
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('%3A:')).toBe('%253A%3A');
  });

  it('prints only the summary when nothing is found', () => {
    expect(renderGithub(result([], 2))).toBe('droplint: 0 errors, 0 warnings in 2 files\n');
  });
});
