import type { SyntaxNode } from 'tree-sitter';

/** `import a.b as c` / `from ..a import b as c, d` / `from a import *`. */
export interface PyImport {
  readonly kind: 'import' | 'from';
  /** Leading dots of a relative import; 0 for an absolute one. */
  readonly level: number;
  /** The dotted module after the dots; '' in `from . import x`. */
  readonly module: string;
  /** `from m import a as b`: the names and what they are bound to; empty for `import m` and `*`. */
  readonly names: ReadonlyArray<{ readonly name: string; readonly boundAs: string }>;
  readonly star: boolean;
  /** `import a.b as c`: `c`; null when `import a.b` binds `a`. */
  readonly alias: string | null;
  /** Where the statement starts: what a value read through it is reported at. */
  readonly at: number;
}

/** The module's import statements, at any depth (an import inside a function or a `try` binds too). */
export function readImports(module: SyntaxNode): PyImport[] {
  const out: PyImport[] = [];
  for (const node of [...module.descendantsOfType('import_statement'), ...module.descendantsOfType('import_from_statement')]) {
    if (node.type === 'import_statement') {
      for (const name of node.childrenForFieldName('name')) {
        const dotted = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
        if (!dotted) continue;
        const alias = name.type === 'aliased_import' ? (name.childForFieldName('alias')?.text ?? null) : null;
        out.push({ kind: 'import', level: 0, module: dotted.text.replace(/\s+/g, ''), names: [], star: false, alias, at: node.startIndex });
      }
      continue;
    }
    const source = node.childForFieldName('module_name');
    if (!source) continue;
    let level = 0;
    let moduleName = source.text;
    if (source.type === 'relative_import') {
      const prefix = source.namedChildren.find((c) => c.type === 'import_prefix')?.text ?? '';
      level = prefix.length;
      moduleName = source.namedChildren.find((c) => c.type === 'dotted_name')?.text ?? '';
    }
    const names: Array<{ name: string; boundAs: string }> = [];
    for (const name of node.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const n = name.childForFieldName('name')?.text;
        const a = name.childForFieldName('alias')?.text;
        if (n && a) names.push({ name: n, boundAs: a });
      } else names.push({ name: name.text, boundAs: name.text });
    }
    const star = node.namedChildren.some((c) => c.type === 'wildcard_import');
    out.push({ kind: 'from', level, module: moduleName.replace(/\s+/g, ''), names, star, alias: null, at: node.startIndex });
  }
  return out;
}
