/** Imports read from a file's text, for following a package without parsing every module. */
import { describe, expect, it } from 'vitest';
import { scanImports } from '../../src/models/import-scan.js';

describe('scanImports', () => {
  it('reads every form of import statement, also inside functions, across lines', () => {
    const text = [
      'import os, app.models as m  # comment',
      'from . import base',
      'from ..db import (',
      '    Base,  # the declarative base',
      '    metadata as md,',
      ')',
      'from app.kit import \\',
      '    helpers',
      'from app.all import *',
      'if TYPE_CHECKING: from app.types import T',
      '',
      'def provide():',
      '    from app.orm import Model',
      '    return Model',
      'x = "import nothing"',
    ].join('\n');
    expect(scanImports(text)).toEqual([
      { kind: 'import', level: 0, module: 'os', names: [], star: false, alias: null },
      { kind: 'import', level: 0, module: 'app.models', names: [], star: false, alias: 'm' },
      { kind: 'from', level: 1, module: '', names: [{ name: 'base', boundAs: 'base' }], star: false, alias: null },
      {
        kind: 'from',
        level: 2,
        module: 'db',
        names: [
          { name: 'Base', boundAs: 'Base' },
          { name: 'metadata', boundAs: 'md' },
        ],
        star: false,
        alias: null,
      },
      { kind: 'from', level: 0, module: 'app.kit', names: [{ name: 'helpers', boundAs: 'helpers' }], star: false, alias: null },
      { kind: 'from', level: 0, module: 'app.all', names: [], star: true, alias: null },
      { kind: 'from', level: 0, module: 'app.types', names: [{ name: 'T', boundAs: 'T' }], star: false, alias: null },
      { kind: 'from', level: 0, module: 'app.orm', names: [{ name: 'Model', boundAs: 'Model' }], star: false, alias: null },
    ]);
  });
});
