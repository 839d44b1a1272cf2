import type { PyImport } from './python-facts.js';

/**
 * The import statements of a Python file, read from its text line by line
 * (parenthesised name lists and backslash continuations joined). Following a
 * package's imports visits hundreds of modules that define no model; reading
 * their imports this way spares a parse of each (parsing is most of the cost
 * of loading the models). Imports inside functions count too: Python runs
 * them when the function is called, as env.py's helpers are.
 */
export function scanImports(text: string): PyImport[] {
  const out: PyImport[] = [];
  for (const statement of importStatements(text)) {
    const from = /^from\s+(\.*)\s*([\w.]*)\s+import\s+(.+)$/s.exec(statement);
    if (from) {
      const list = from[3]!.replace(/[()]/g, ' ').trim();
      const star = list === '*';
      const names = star ? [] : list.split(',').flatMap((part) => aliased(part));
      out.push({ kind: 'from', level: from[1]!.length, module: from[2]!, names: names.map(([name, boundAs]) => ({ name, boundAs })), star, alias: null });
      continue;
    }
    const plain = /^import\s+(.+)$/s.exec(statement);
    if (!plain) continue;
    for (const part of plain[1]!.split(',')) {
      for (const [module, alias] of aliased(part))
        out.push({ kind: 'import', level: 0, module, names: [], star: false, alias: module === alias ? null : alias });
    }
  }
  return out;
}

/** `a.b as c` → [a.b, c]; `a.b` → [a.b, a.b]; anything else → none. */
function aliased(part: string): Array<[string, string]> {
  const m = /^\s*([A-Za-z_][\w.]*)(?:\s+as\s+([A-Za-z_]\w*))?\s*$/.exec(part);
  return m ? [[m[1]!, m[2] ?? m[1]!]] : [];
}

/** Each `import …` / `from … import …` statement as one line without comments. */
function* importStatements(text: string): Generator<string> {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.includes('import')) continue;
    let line = stripComment(lines[i]!).trim();
    // `if TYPE_CHECKING: import x` and `try: import x` put the statement after a colon.
    line = line.replace(/^(?:if\s.*|try|else|elif\s.*|except.*):\s*/, '');
    if (!/^(?:from|import)\s/.test(line)) continue;
    let statement = line;
    let open = depth(statement);
    while ((open > 0 || statement.endsWith('\\')) && i + 1 < lines.length) {
      statement = `${statement.replace(/\\$/, '')} ${stripComment(lines[++i]!).trim()}`;
      open = depth(statement);
    }
    yield statement.replace(/;.*$/, '').trim();
  }
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

function depth(s: string): number {
  return (s.match(/\(/g)?.length ?? 0) - (s.match(/\)/g)?.length ?? 0);
}
