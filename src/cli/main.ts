import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../config/types.js';
import type { LintResult } from '../engine/diagnostic.js';
import type { RuleRegistry } from '../engine/registry.js';
import { openProjectCache } from '../cache/location.js';
import { ParseCache, SourceChangedError } from '../parsers/parse-cache.js';
import { lintPaths } from '../pipeline.js';
import { renderText } from '../reporters/text.js';
import { VcsError } from '../vcs/git.js';
import { stdoutIsTty, stdWriter } from './std-streams.js';
import { HELP, parseCommandLine, UsageError, type Format, type LintArgs } from './args.js';
import { explainRule, listRules } from './rule-docs.js';

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly isTty: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Uint8Array;
}

/** The real process's streams, working directory and environment. */
export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    isTty: stdoutIsTty(),
    stdout: stdWriter(1),
    stderr: stdWriter(2),
    readStdin: () => readFileSync(0),
  };
}

/** Runs droplint with `argv` (without the node and script paths) and returns the exit status. */
export async function main(argv: readonly string[], io: Io, registry: RuleRegistry): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(HELP);
        return 0;
      case 'version':
        io.stdout(`${version()}\n`);
        return 0;
      case 'rules':
        io.stdout(listRules(registry.rules));
        return 0;
      case 'explain': {
        const text = explainRule(registry.rules, command.rule);
        if (text === null) throw new UsageError(`unknown rule "${command.rule}"; \`droplint rules\` lists them`);
        io.stdout(text);
        return 0;
      }
      case 'lint':
        return await runLint(command.options, io, registry);
      case 'lsp': {
        // Loaded here only, so that plain runs never pay for the LSP libraries.
        const { runLanguageServer } = await import('../lsp/server.js');
        return await runLanguageServer(registry);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof VcsError || error instanceof SourceChangedError) {
      io.stderr(`droplint: ${error.message}\n`);
      return 2;
    }
    io.stderr(`droplint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.DROPLINT_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    return 2;
  }
}

async function runLint(args: LintArgs, io: Io, registry: RuleRegistry): Promise<number> {
  const knownRules = new Set(registry.rules.map((r) => r.meta.id));
  for (const id of Object.keys(args.rules)) {
    if (!knownRules.has(id)) throw new UsageError(`--rule: unknown rule "${id}"; \`droplint rules\` lists them`);
  }
  const config = loadConfig({ cwd: io.cwd, configPath: args.config, knownRules });
  const disk = args.cache ? openProjectCache({ cwd: io.cwd, env: io.env, configFile: config.file, cacheDir: args.cacheDir }) : null;
  const outcome = await lintPaths({
    registry,
    cwd: io.cwd,
    paths: args.paths,
    config,
    dialect: args.dialect,
    protectedTables: args.protectedTables,
    ruleOverrides: args.rules,
    stdin: args.stdinFilename === undefined ? undefined : { text: io.readStdin(), filename: args.stdinFilename },
    changedSince: args.changedSince,
    threads: args.jobs,
    parseCache: disk === null ? undefined : new ParseCache(undefined, undefined, disk),
  });
  for (const problem of outcome.problems) io.stderr(`droplint: ${problem}\n`);

  const all = outcome.result.diagnostics;
  const shown: LintResult = args.quiet ? { ...outcome.result, diagnostics: all.filter((d) => d.severity === 'error') } : outcome.result;
  io.stdout(await render(args.format, shown, io, registry));
  // After the output: what the user waits for is printed first.
  disk?.save();

  if (outcome.problems.length > 0) return 2;
  if (all.some((d) => d.severity === 'error')) return 1;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  return args.maxWarnings !== undefined && warnings > args.maxWarnings ? 1 : 0;
}

/** Reporters other than text (what a pre-commit run prints) load when asked for: SARIF's and GitLab's fingerprints need node:crypto. */
async function render(format: Format, result: LintResult, io: Io, registry: RuleRegistry): Promise<string> {
  switch (format) {
    case 'text':
      return renderText(result, { color: useColor(io) });
    case 'json':
      return (await import('../reporters/json.js')).renderJson(result);
    case 'sarif':
      return (await import('../reporters/sarif.js')).renderSarif(result, { rules: registry.rules.map((rule) => rule.meta), version: version() });
    case 'github':
      return (await import('../reporters/github.js')).renderGithub(result);
    case 'gitlab':
      return (await import('../reporters/gitlab.js')).renderGitlab(result);
  }
}

function useColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTty;
}

/**
 * The version in droplint's own package.json, found by walking up from this
 * module: it sits at a different depth when built (dist/src/cli) than when
 * tests run the sources (src/cli).
 */
function version(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) throw new Error("cannot find droplint's package.json");
  }
}
