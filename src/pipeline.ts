import path from 'node:path';
import type { LoadedConfig } from './config/types.js';
import { discover, type DiscoveredFile } from './discover/discover.js';
import type { LintResult, SeveritySetting } from './engine/diagnostic.js';
import { lint } from './engine/lint.js';
import { compileTablePatterns } from './engine/table-pattern.js';
import type { Dialect, MigrationUnit } from './ir/unit.js';
import { FrontEnds, unreadableUnit } from './parsers/front-ends.js';
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
    ? await discover([request.stdin.filename], discoverOptions).then((d) => stdinDiscovery(d.files, cwd, request.stdin!.filename))
    : await discover(request.paths.length > 0 ? request.paths : ['.'], discoverOptions);

  const frontEnds = new FrontEnds(request.dialect ?? userConfig.dialect ?? 'postgresql');
  const units: MigrationUnit[] = [];
  for (const found of discovery.files) {
    const read = request.stdin ? decodeSource(request.stdin.text) : readSource(found.absPath);
    const file = { path: found.path, text: read.text };
    units.push(read.problem === null ? await frontEnds.parse({ file, kind: found.kind, prismaDir: found.prismaDir }) : unreadableUnit(file, read.problem));
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

/** Standard input is linted as the named file, which need not exist on disk. */
function stdinDiscovery(found: DiscoveredFile[], cwd: string, filename: string): { files: DiscoveredFile[]; problems: string[] } {
  if (found.length > 0) return { files: found, problems: [] };
  const absPath = path.resolve(cwd, filename);
  return { files: [{ absPath, path: displayPath(cwd, absPath), kind: 'sql', prismaDir: null }], problems: [] };
}

export function displayPath(cwd: string, absPath: string): string {
  const rel = path.relative(cwd, absPath);
  const shown = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? absPath : rel;
  return shown.split(path.sep).join('/');
}
