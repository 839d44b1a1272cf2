import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';

describe('droplint lsp (command line)', () => {
  it('takes no arguments but the --stdio that editors pass', () => {
    expect(parseCommandLine(['lsp'])).toEqual({ kind: 'lsp' });
    expect(parseCommandLine(['lsp', '--stdio'])).toEqual({ kind: 'lsp' });
    expect(() => parseCommandLine(['lsp', '--socket=9000'])).toThrow(UsageError);
    expect(() => parseCommandLine(['lsp', 'migrations'])).toThrow(UsageError);
  });

  it('still lints a folder named lsp when asked to', () => {
    expect(parseCommandLine(['./lsp'])).toMatchObject({ kind: 'lint', options: { paths: ['./lsp'] } });
  });
});
