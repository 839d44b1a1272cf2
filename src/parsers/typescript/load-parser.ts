import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as TS from 'typescript';

/** A TS/JS file as ESTree, with its comments and the first syntax error TypeScript found, if any. */
export interface ParsedScript {
  readonly program: TSESTree.Program;
  readonly comments: readonly TSESTree.Comment[];
  readonly error: { readonly start: number; readonly end: number; readonly message: string } | null;
}

interface Parser {
  parse(text: string, fileName: string): ParsedScript;
}

let parser: Parser | null = null;

/**
 * Parses a TS/JS file with TypeScript's own parser, converted to ESTree by
 * typescript-estree. Loaded on first use: a run without TS/JS migrations never
 * pays for it (TypeScript alone is ~9 MB of JavaScript).
 */
export function parseScript(text: string, fileName: string): ParsedScript {
  parser ??= loadParser();
  return parser.parse(text, fileName);
}

const require = createRequire(import.meta.url);

/**
 * Only the pieces a parse needs, not the package's entry point, which also
 * loads program and project-service support (~150 ms more). The package
 * exports only its entry point, so its files are required by path.
 */
function loadParser(): Parser {
  const ts = loadTypeScript();
  const estreeDir = path.dirname(require.resolve('@typescript-eslint/typescript-estree/package.json'));
  const estree = (file: string): unknown => require(path.join(estreeDir, 'dist', file));
  provideVersionCheck(path.join(estreeDir, 'dist', 'version-check.js'), ts.version);
  const { Converter } = estree('convert.js') as { Converter: new (ast: TS.SourceFile, options: object) => { convertProgram(): TSESTree.Program } };
  // Comments matter only to suppressions: their module is loaded when a file has one.
  const comments = (source: TS.SourceFile): TSESTree.Comment[] =>
    source.text.includes('droplint-ignore')
      ? (estree('convert-comments.js') as { convertComments: (ast: TS.SourceFile) => TSESTree.Comment[] }).convertComments(source)
      : [];
  let first = true;
  return {
    parse(text, fileName) {
      const kind = /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
      const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
      // Syntax errors are checked here, once; the converter is told not to throw on them.
      const program = new Converter(source, {
        allowInvalidAST: true,
        errorOnUnknownASTType: false,
        shouldPreserveNodeMaps: false,
        suppressDeprecatedPropertyWarnings: true,
      }).convertProgram();
      const diagnostic = (source as unknown as { parseDiagnostics?: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
      const error =
        diagnostic === undefined
          ? null
          : { start: diagnostic.start, end: diagnostic.start + diagnostic.length, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ') };
      const result = { program, comments: comments(source), error };
      if (first) {
        first = false;
        saveCodeCache();
      }
      return result;
    },
  };
}

/** The TypeScript versions typescript-estree asks about (its version-check.js). */
const ESTREE_VERSIONS = ['4.7', '4.8', '4.9', '5.0', '5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9', '6.0', '6.1'];

/**
 * typescript-estree's version-check.js, answered without semver: it loads
 * semver and matches TypeScript's version against 15 ranges (~20 ms, a tenth
 * of the parser's load) to learn which versions it is at least. Comparing
 * major and minor numbers answers the same (`>= X.Y.0-beta`, prereleases
 * included); installed in require's cache before the converter asks for it.
 */
function provideVersionCheck(file: string, version: string): void {
  if (require.cache[file] !== undefined) return;
  const [major, minor] = version.split('.').map(Number) as [number, number];
  const typescriptVersionIsAtLeast = Object.fromEntries(
    ESTREE_VERSIONS.map((v) => {
      const [M, m] = v.split('.').map(Number) as [number, number];
      return [v, major > M || (major === M && minor >= m)];
    }),
  );
  const module = new Module(file);
  module.filename = file;
  module.exports = { typescriptVersionIsAtLeast };
  module.loaded = true;
  require.cache[file] = module;
}

/** Set once TypeScript is compiled without a usable cache: writes one after the first parse. */
let saveCodeCache: () => void = () => {};

/**
 * TypeScript, compiled with a V8 code cache when one is at hand. Without one,
 * V8 parses and compiles its 9 MB on every run (~250 ms); with one, ~60 ms.
 * Node 20 caches no module's code, so the module is compiled here, as Node
 * would compile it, and put in require's cache for typescript-estree to find.
 * The cache sits beside the bundle and is named after TypeScript's version,
 * the source length and Node's version (V8 matches a cache to its source by
 * length, and rejects one made by another V8). It is written after the first
 * parse, so it holds the parser's compiled functions too; a run from the
 * sources (tests) neither reads nor writes one.
 */
function loadTypeScript(): typeof TS {
  const file = require.resolve('typescript');
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(here) !== 'bundle' || require.cache[file] !== undefined) return require('typescript') as typeof TS;
  const source = readFileSync(file, 'utf8');
  const version = (JSON.parse(readFileSync(path.join(path.dirname(file), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const cacheFile = path.join(here, `typescript-${version}-${source.length}-node${process.versions.node}.cache`);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  require.cache[file] = module;
  if (cachedData === undefined || script.cachedDataRejected === true) {
    saveCodeCache = () => {
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // A read-only installation: every run compiles TypeScript, nothing worse.
      }
    };
  }
  return module.exports as typeof TS;
}
