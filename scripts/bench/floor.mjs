// The parse floor: read every file of a benchmark corpus and parse it with the
// fastest parsers droplint uses (its own SQL front-end: lex + split +
// recognize; tree-sitter for Python), with no discovery, rules, history or
// output. Run as a whole process, like droplint:
//
//   node scripts/bench/floor.mjs <corpus-dir> [list-file]
//
// Prints the in-process time (ms) on stdout.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [dir, list] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const files = list
  ? readFileSync(list, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((p) => manifest.files.find((f) => f.path === p) ?? { path: p, dialect: 'postgresql' })
  : manifest.files;
const start = performance.now();
let parser = null;
let analyzeSql = null;
for (const file of files) {
  const text = readFileSync(path.join(dir, file.path), 'utf8');
  if (file.dialect === 'python') {
    if (!parser) {
      const [{ default: Parser }, { default: Python }] = await Promise.all([import('tree-sitter'), import('tree-sitter-python')]);
      parser = new Parser();
      parser.setLanguage(Python);
    }
    // As droplint reads it: in chunks (a plain string longer than 32 KiB is refused).
    parser.parse((index) => (index < text.length ? text.slice(index, index + 65536) : null));
  } else {
    // The built module, by URL: the scripts' type check reads sources, not dist/.
    analyzeSql ??= (await import(new URL('../../dist/src/parsers/sql/analyze.js', import.meta.url).href)).analyzeSql;
    await analyzeSql(text, { dialect: file.dialect, phase: 'upgrade' });
  }
}
process.stdout.write(`${(performance.now() - start).toFixed(1)}\n`);
