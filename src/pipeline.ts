import { statSync } from 'node:fs';
import path from 'node:path';
import { compareText } from './compare.js';
import { fileSettings, type FileSettings } from './config/overrides.js';
import type { LoadedConfig } from './config/types.js';
import { displayPath } from './display-path.js';
import { globMatcher } from './globs.js';
import { discover, fileKind, type DiscoverOptions, type Discovery } from './discover/discover.js';
import { hasLintableExtension } from './discover/lintable.js';
import { historyFiles } from './discover/migration-sets.js';
import { compareDiagnostics, type Diagnostic, type LintResult, type SeveritySetting } from './engine/diagnostic.js';
import { lint } from './engine/lint.js';
import type { RuleRegistry } from './engine/registry.js';
import { compileTablePatterns } from './engine/table-pattern.js';
import { LineIndex } from './ir/source-text.js';
import type { Dialect, MigrationUnit } from './ir/unit.js';
import { loadModels, readText } from './models/load.js';
import type { ModelIndex } from './models/model-set.js';
import { FrontEnds, unreadableUnit } from './parsers/front-ends.js';
import { parseCached, type ParseCache } from './parsers/parse-cache.js';
import { surfaceUnits } from './parsers/deploy/lint-surfaces.js';
import { teardownUnits } from './parsers/teardown/lint-teardowns.js';
import { parseAll, parseThreads } from './parsers/parse-pool.js';
import { readSource } from './parsers/read-source.js';
import { expandPresets } from './presets/index.js';
import { ChangedSince } from './vcs/changed-since.js';

export interface LintRequest {
  readonly registry: RuleRegistry;
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
  /**
   * Editors: absolute path → text of an open buffer, read instead of the file
   * on disk. A buffer named in `paths` need not exist on disk yet.
   */
  readonly overrides?: ReadonlyMap<string, string>;
  /**
   * `--changed-since REF`: report only the files added, modified or renamed
   * since the git ref (history is still read in full), and run
   * `history-rewrite` on migrations that existed at the ref. Throws
   * `VcsError` (a usage error) outside a git work tree or for an unknown ref.
   */
  readonly changedSince?: string;
  /**
   * The language server: judge the files inside this folder as `droplint`
   * run there would, named ones too (see `DiscoverOptions.walkRoot`).
   */
  readonly walkRoot?: string;
  /** `--jobs`: how many threads parse files; default: decided by how much there is to parse and the CPUs. */
  readonly threads?: number;
  /**
   * A long-lived caller (the language server) passes the same cache to every
   * run, so that only the files whose text changed since are parsed again.
   * Behind it, the persistent cache (its `disk`) also keeps model facts; the
   * caller saves it.
   */
  readonly parseCache?: ParseCache;
}

export interface LintOutcome {
  readonly result: LintResult;
  /** Paths that could not be linted at all (not found): usage problems, exit status 2. */
  readonly problems: readonly string[];
}

/** discover → parse → history → rules: the whole run, without output. */
export async function lintPaths(request: LintRequest): Promise<LintOutcome> {
  const { cwd, config, registry } = request;
  const userConfig = config.config;
  const changes = request.changedSince === undefined ? null : ChangedSince.load(cwd, request.changedSince);
  const discoverOptions: DiscoverOptions = {
    cwd,
    root: config.root,
    include: userConfig.include,
    exclude: userConfig.exclude,
    // A file the configuration names in an `[[overrides]]` entry is a migration, wherever it lies.
    alwaysLint: (userConfig.overrides ?? []).flatMap((entry) => entry.files),
    walkRoot: request.walkRoot,
  };
  const paths = request.paths.length > 0 ? request.paths : ['.'];
  const discovery = request.stdin
    ? await stdinDiscovery(request.stdin.filename, discoverOptions)
    : await discoverWithBuffers(paths, discoverOptions, request.overrides);

  const walked = request.stdin ? [] : paths.map((p) => path.resolve(cwd, p)).filter(isFolder);
  const history = historyFiles(discovery.files, walked, cwd);
  const stdinPath = request.stdin ? path.resolve(cwd, request.stdin.filename) : null;

  const perFile = fileSettings(userConfig, path.resolve(cwd, config.root));
  const frontEnds = new FrontEnds(cwd, request.dialect ?? null, perFile.of);
  const toParse = [...discovery.files, ...history];
  const jobs = toParse.map((found) => {
    const buffer = request.overrides?.get(found.absPath);
    return frontEnds.job(found, found.absPath === stdinPath ? request.stdin!.text : buffer === undefined ? undefined : Buffer.from(buffer, 'utf8'));
  });
  const units: MigrationUnit[] = [];
  const parsed =
    request.parseCache === undefined
      ? (await parseAll(jobs, parseThreads(request.threads ?? null, jobs))).map((r) => r.unit)
      : await parseCached(jobs, request.parseCache, request.threads);
  // A Python file that is no Alembic migration or env.py is not droplint's to lint as a migration; it may be a test fixture.
  const otherPython: string[] = [];
  parsed.forEach((unit, i) => {
    if (unit !== null) units.push(changes === null ? unit : changes.annotate(toParse[i]!.absPath, unit));
    else if (i < discovery.files.length) otherPython.push(toParse[i]!.absPath);
  });
  // The history-only files are read, never reported; with --changed-since, neither are the unchanged ones.
  const reported = new Set(discovery.files.filter((f) => changes?.isReported(f.absPath) ?? true).map((f) => f.path));
  const ghosts =
    changes === null
      ? []
      : await changes.deletedUnits(
          {
            cwd,
            walked,
            root: path.resolve(cwd, config.root),
            include: userConfig.include,
            exclude: userConfig.exclude,
            read: new Set([...discovery.files, ...history].map((f) => f.absPath)),
          },
          (input) => frontEnds.parse(input),
        );
  // Deploy scripts and platform configs (read project-wide) and test fixtures, reported for the ones among the linted paths.
  if (!request.stdin && changes === null) {
    const root = path.resolve(cwd, config.root);
    const namedFiles = paths.map((p) => path.resolve(cwd, p)).filter((p) => !walked.includes(p));
    const surfaces = await surfaceUnits({ cwd, root, namedFiles, walked, buffers: request.overrides });
    const teardowns = teardownUnits({
      cwd,
      root,
      python: otherPython,
      wanted: (file) => namedFiles.includes(file) || walked.some((folder) => !path.relative(folder, file).startsWith('..')),
      walking: walked.length > 0,
      urlOverrides: units.flatMap((u) =>
        u.meta.format === 'alembic' && u.meta.role === 'env'
          ? u.meta.urlOverrides.map((span) => ({
              envFile: path.resolve(cwd, u.file.path),
              at: `${u.file.path}:${new LineIndex(u.file.text).position(span.start).line}`,
            }))
          : [],
      ),
      read: (file) => request.overrides?.get(file) ?? readSource(file).text,
    });
    for (const unit of [...surfaces, ...teardowns]) {
      units.push(unit);
      reported.add(unit.file.path);
    }
  }
  for (const [lockPath, problem] of frontEnds.lockProblems) {
    const unit = unreadableUnit({ path: displayPath(cwd, lockPath), text: readSource(lockPath).text }, problem);
    units.push(unit);
    reported.add(unit.file.path);
  }

  // ORM models, for table-without-model; not read when the rule is off. First answered from the cache alone, read only
  // if a rule asks for them: where the cache cannot answer (ModelIndex.mustLoad), the models are loaded and the
  // migrations linted again.
  const modelsOff = (request.ruleOverrides?.['table-without-model'] ?? userConfig.rules['table-without-model']) === 'off';
  const modelOptions = {
    cwd,
    root: config.root,
    globs: userConfig.models,
    units,
    read: (abs: string) => readText(abs, request.overrides),
    disk: request.parseCache?.disk ?? null,
    fromDisk: (abs: string) => request.overrides?.has(abs) !== true,
  };
  const unmodeledTables = compileTablePatterns(userConfig.unmodeledTables ?? []);
  const lintWith = (models: ModelIndex | null): Diagnostic[] => {
    const optionsFor = (settings: FileSettings) => ({
      settings: {
        protectedTables: compileTablePatterns([
          ...settings.protectedTables,
          ...expandPresets(userConfig.protectedPresets ?? []),
          ...(request.protectedTables ?? []),
        ]),
        models,
        unmodeledTables,
      },
      overrides: { ...settings.rules, ...request.ruleOverrides },
      downgrade: settings.downgrade,
    });
    const topLevel = optionsFor(perFile.topLevel);
    // Files that `[[overrides]]` entries match share one set of options per combination of entries.
    const byKey = new Map<string, ReturnType<typeof optionsFor>>();
    const forUnit = (unit: MigrationUnit): ReturnType<typeof optionsFor> => {
      const settings = perFile.of(path.resolve(cwd, unit.file.path));
      let options = byKey.get(settings.key);
      if (options === undefined) byKey.set(settings.key, (options = optionsFor(settings)));
      return options;
    };
    const lintOptions = { ...topLevel, ...(userConfig.overrides === undefined ? {} : { forUnit }) };
    const diagnostics = lint(units, registry.rules, registry.suppression, {
      ...lintOptions,
      report: history.length > 0 || changes !== null ? reported : undefined,
    });
    // Migrations deleted since --changed-since's ref are linted apart, by history-rewrite alone:
    // what their old text drops is no longer anyone's finding.
    if (ghosts.length > 0)
      diagnostics.push(
        ...lint(
          ghosts,
          registry.rules.filter((rule) => rule.meta.readsDeletedMigrations === true),
          registry.suppression,
          lintOptions,
        ),
      );
    return diagnostics;
  };
  const models = modelsOff ? null : await loadModels({ ...modelOptions, fromCacheOnly: true });
  let diagnostics = lintWith(models);
  if (models?.mustLoad?.() === true) diagnostics = lintWith(await loadModels(modelOptions));
  const linted = [...units.filter((u) => reported.has(u.file.path)), ...ghosts];
  const files = new Map(linted.map((u) => [u.file.path, u.file]));
  return {
    result: {
      diagnostics: diagnostics.sort(compareDiagnostics),
      fileCount: linted.length,
      skippedCount: discovery.skipped,
      sources: { get: (shown) => files.get(shown)?.text, keys: () => files.keys() },
    },
    problems: discovery.problems,
  };
}

/**
 * Standard input is linted exactly when the file it stands for would be if it
 * were named on the command line (so `exclude` and the extension still apply);
 * that file need not exist on disk yet (an editor's unsaved buffer).
 */
async function stdinDiscovery(filename: string, options: DiscoverOptions): Promise<Discovery> {
  const absPath = path.resolve(options.cwd, filename);
  const stats = statSync(absPath, { throwIfNoEntry: false });
  if (stats?.isDirectory()) return { files: [], problems: [`--stdin-filename names a folder, not a file: ${filename}`], skipped: 0 };
  if (stats !== undefined) return discover([filename], options);
  const rel = path.relative(path.resolve(options.cwd, options.root), absPath).split(path.sep).join('/');
  const excluded = options.exclude.length > 0 && !isOutside(rel) && globMatcher(options.exclude)(rel);
  if (excluded || !hasLintableExtension(absPath)) return { files: [], problems: [], skipped: 0 };
  return { files: [{ absPath, path: displayPath(options.cwd, absPath), kind: fileKind(absPath, null), prismaDir: null }], problems: [], skipped: 0 };
}

/** `discover`, except that an open buffer named in `paths` but not on disk is found as `--stdin-filename` would find it. */
async function discoverWithBuffers(paths: readonly string[], options: DiscoverOptions, buffers: ReadonlyMap<string, string> | undefined): Promise<Discovery> {
  const unsaved = (given: string): boolean => {
    const absPath = path.resolve(options.cwd, given);
    return buffers?.has(absPath) === true && statSync(absPath, { throwIfNoEntry: false }) === undefined;
  };
  if (!paths.some(unsaved)) return discover(paths, options);
  const parts = [
    await discover(
      paths.filter((given) => !unsaved(given)),
      options,
    ),
  ];
  for (const given of paths.filter(unsaved)) parts.push(await stdinDiscovery(given, options));
  const files = new Map(parts.flatMap((part) => part.files).map((file) => [file.absPath, file]));
  return {
    files: [...files.values()].sort((a, b) => compareText(a.path, b.path)),
    problems: parts.flatMap((part) => part.problems),
    skipped: parts.reduce((sum, part) => sum + part.skipped, 0),
  };
}

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

function isFolder(absPath: string): boolean {
  try {
    return statSync(absPath, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    // A link loop (ELOOP) or an unreadable parent: not a folder; discover reports it.
    return false;
  }
}
