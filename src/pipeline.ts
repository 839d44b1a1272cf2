import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { LoadedConfig } from './config/types.js';
import { displayPath } from './display-path.js';
import { discover, LINTABLE_EXTENSIONS, type DiscoverOptions, type Discovery } from './discover/discover.js';
import type { LintResult, SeveritySetting } from './engine/diagnostic.js';
import { lint } from './engine/lint.js';
import { compileTablePatterns } from './engine/table-pattern.js';
import type { Dialect, MigrationUnit } from './ir/unit.js';
import { FrontEnds, unreadableUnit, type FileToParse } from './parsers/front-ends.js';
import { decodeSource, readSource } from './parsers/read-source.js';
import { RULES, SUPPRESSION_RULES } from '../rules/index.js';

export interface LintRequest {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly config: LoadedConfig;
  /** `--dialect`, over the config's. */
  readonly dialect?: Dialect | null;
  /** `--protected-table`, added to the config's list. */
  readonly protectedTables?: readonly string[];
  /** `--rule`, over the config's `[rules]`. */
  readonly ruleOverrides?: Readonly<Record<string, SeveritySetting>>;
  /** `--stdin --stdin-filename`: this text stands for that file. */
  readonly stdin?: { readonly text: Uint8Array; readonly filename: string };
}

export interface LintOutcome {
  readonly result: LintResult;
  /** Paths that could not be linted at all (not found): usage problems, exit status 2. */
  readonly problems: readonly string[];
}

/** discover → parse → history → rules: the whole run, without output. */
export async function lintPaths(request: LintRequest): Promise<LintOutcome> {
  const { cwd, config } = request;
  const userConfig = config.config;
  const discoverOptions = { cwd, root: config.root, include: userConfig.include, exclude: userConfig.exclude };
  const discovery = request.stdin
    ? await stdinDiscovery(request.stdin.filename, discoverOptions)
    : await discover(request.paths.length > 0 ? request.paths : ['.'], discoverOptions);

  const frontEnds = new FrontEnds(request.dialect ?? userConfig.dialect ?? 'postgresql');
  const units: MigrationUnit[] = [];
  for (const found of discovery.files) {
    const read = request.stdin ? decodeSource(request.stdin.text) : readSource(found.absPath);
    const file = { path: found.path, text: read.text };
    const input = { file, kind: found.kind, prismaDir: found.prismaDir };
    units.push(read.problem === null ? await parseSafely(frontEnds, input) : unreadableUnit(file, read.problem));
  }
  for (const [lockPath, problem] of frontEnds.lockProblems) {
    units.push(unreadableUnit({ path: displayPath(cwd, lockPath), text: readSource(lockPath).text }, problem));
  }

  const diagnostics = lint(units, RULES, SUPPRESSION_RULES, {
    settings: { protectedTables: compileTablePatterns([...userConfig.protectedTables, ...(request.protectedTables ?? [])]) },
    overrides: { ...userConfig.rules, ...request.ruleOverrides },
    downgrade: userConfig.downgrade,
  });
  return {
    result: { diagnostics, fileCount: units.length, sources: new Map(units.map((u) => [u.file.path, u.file.text])) },
    problems: discovery.problems,
  };
}

/**
 * A front-end bug on one file is that file's parse-error, not the end of the
 * run: the other files are still linted (contract section 1).
 */
async function parseSafely(frontEnds: FrontEnds, input: FileToParse): Promise<MigrationUnit> {
  try {
    return await frontEnds.parse(input);
  } catch (error) {
    return unreadableUnit(input.file, `droplint failed on this file (${error instanceof Error ? error.message : String(error)}); please report it`);
  }
}

/**
 * Standard input is linted exactly when the file it stands for would be if it
 * were named on the command line (so `exclude` and the extension still apply);
 * that file need not exist on disk yet (an editor's unsaved buffer).
 */
async function stdinDiscovery(filename: string, options: DiscoverOptions): Promise<Discovery> {
  const absPath = path.resolve(options.cwd, filename);
  const stats = statSync(absPath, { throwIfNoEntry: false });
  if (stats?.isDirectory()) return { files: [], problems: [`--stdin-filename names a folder, not a file: ${filename}`] };
  if (stats !== undefined) return discover([filename], options);
  const rel = path.relative(path.resolve(options.cwd, options.root), absPath).split(path.sep).join('/');
  const excluded = options.exclude.length > 0 && !isOutside(rel) && picomatch([...options.exclude], { dot: true })(rel);
  const name = path.basename(absPath);
  const lintable = LINTABLE_EXTENSIONS.some((extension) => name.length > extension.length && name.endsWith(extension));
  if (excluded || !lintable) return { files: [], problems: [] };
  return { files: [{ absPath, path: displayPath(options.cwd, absPath), kind: 'sql', prismaDir: null }], problems: [] };
}


function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}
