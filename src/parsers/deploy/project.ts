/**
 * Reads a project's deploy surfaces (package.json scripts, Dockerfiles,
 * Procfile, platform configs, compose files, workflows, Makefiles and the
 * shell scripts they run), follows `npm run x`, `make x`, `sh x.sh` and
 * `sh -c "…"` from every deploy entry point, and turns each command that wipes
 * or rewinds a database into a `destructive-command` operation with the chain
 * that reaches it. Whichever surface is linted, the whole project is read:
 * what a deploy reaches is a fact about the project.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DestructiveCommandOp } from '../../ir/operations.js';
import type { MigrationUnit } from '../../ir/unit.js';
import { classify } from './commands.js';
import { splitCommands, type Word } from './shell.js';
import { fileSpan, type Site } from './sites.js';
import { dockerfileSites, makefileSites, packageJsonSites, procfileSites, railwayJsonSites, shellScriptSite, tomlSites } from './text-surfaces.js';
import { composeSites, renderSites, workflowSites } from './yaml-surfaces.js';

/** The surface a file is, by its name and place; null for any other file. */
export function surfaceKind(relPath: string): SurfaceKind | null {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (name === 'package.json') return 'package.json';
  if (name === 'Dockerfile' || name === 'Containerfile' || name.startsWith('Dockerfile.') || name.endsWith('.Dockerfile')) return 'dockerfile';
  if (name === 'Procfile') return 'procfile';
  if (name === 'fly.toml' || name === 'railway.toml') return 'toml';
  if (name === 'railway.json') return 'railway.json';
  if (name === 'render.yaml' || name === 'render.yml') return 'render';
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/.test(name)) return 'compose';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(relPath)) return 'workflow';
  if (name === 'Makefile' || name === 'makefile' || name === 'GNUmakefile') return 'makefile';
  if (/\.(sh|bash)$/.test(name)) return 'shell';
  return null;
}

export type SurfaceKind = 'package.json' | 'dockerfile' | 'procfile' | 'toml' | 'railway.json' | 'render' | 'compose' | 'workflow' | 'makefile' | 'shell';

export interface DeployProject {
  /** The project's root folder (absolute). */
  readonly root: string;
  /** Absolute paths of the project's surface files (shell scripts are read when something runs them, or when listed here). */
  readonly files: readonly string[];
  readonly read: (absPath: string) => string | null;
}

/** How many lists of words passed on (`npm run x -- --force`) one script is scanned with, at most. */
const MAX_ARGUMENT_LISTS = 4;

/** The database variables whose value tells a throwaway database from a real one. */
const DATABASE_VARIABLE = /(DATABASE|DB|POSTGRES|PG|MYSQL)_?(URL|URI|HOST|NAME|DSN)$|^PGHOST$|^PGDATABASE$/;
const THROWAWAY_VALUE = /localhost|127\.0\.0\.1|\[::1\]|_test\b|\btest_|:memory:|sqlite::memory|\/tmp\//i;

/** One unit per surface file of `wanted`, each holding the destructive commands in it. */
export async function deployUnits(
  project: DeployProject,
  wanted: (absPath: string) => boolean,
  display: (absPath: string) => string,
): Promise<MigrationUnit[]> {
  const sites = new Map<string, Site>();
  const all: Site[] = [];
  for (const file of project.files) {
    for (const site of await sitesOf(file, project)) {
      all.push(site);
      if (site.id === null) continue;
      sites.set(site.id, site);
      // `make` with no target runs the Makefile's first target.
      const makeDefault = `make:${file}:`;
      if (site.id.startsWith('make:') && !sites.has(makeDefault)) sites.set(makeDefault, site);
    }
  }
  const found = new Map<string, { site: Site; ops: DestructiveCommandOp[] }>();
  const record = (site: Site, op: DestructiveCommandOp): void => {
    const entry = found.get(site.file) ?? { site, ops: [] };
    if (!entry.ops.some((o) => o.span.start === op.span.start && o.span.end === op.span.end)) entry.ops.push(op);
    found.set(site.file, entry);
  };
  // Breadth first from the entry points, so each command is reported with its shortest chain; from what the
  // platform runs (a Dockerfile CMD, a Procfile) before the package.json scripts that are entry points themselves,
  // so that a chain starts where the deploy does.
  // A script reached with words appended to its command line is another command: it is scanned again.
  const reached = new Set<string>();
  const reachedSites = new Set<Site>();
  const argsSeen = new Map<Site, number>();
  const isScript = (site: Site): boolean => site.id?.startsWith('script:') === true;
  const queue: Array<Call & { chain: readonly string[] }> = all.filter((s) => s.entry && !isScript(s)).map((site) => ({ site, args: [], chain: [site.label] }));
  const scriptEntries = all.filter((s) => s.entry && isScript(s));
  const lookup = (id: string, file: string): Site | undefined => {
    if (!sites.has(id) && id.startsWith('file:')) {
      const text = project.read(file);
      if (text !== null) sites.set(id, shellScriptSite(file, text, project.root));
    }
    return sites.get(id);
  };
  while (queue.length > 0 || scriptEntries.length > 0) {
    if (queue.length === 0) {
      const site = scriptEntries.shift()!;
      queue.push({ site, args: [], chain: [site.label] });
    }
    const { site, args, chain } = queue.shift()!;
    const key = `${all.indexOf(site)}:${site.id ?? ''}\0${args.join('\0')}`;
    // Scripts that call one another in a cycle, passing words on, would make ever longer command lines.
    const passes = args.length === 0 ? 0 : (argsSeen.get(site) ?? 0);
    if (reached.has(key) || passes >= MAX_ARGUMENT_LISTS) continue;
    reached.add(key);
    reachedSites.add(site);
    if (args.length > 0) argsSeen.set(site, passes + 1);
    scan(
      site,
      withArgs(site.text, args),
      // The words passed on are in no file: a command that ends with them ends, in the file, where the text does.
      (i) => Math.min(i, site.text.length),
      chain,
      record,
      (targets, label) => {
        for (const target of targets(site, project.root, lookup)) queue.push({ ...target, chain: [...chain, label] });
      },
    );
  }
  // What no entry point reaches is a developer's command: reported without a chain.
  for (const site of all)
    if (!reachedSites.has(site))
      scan(
        site,
        site.text,
        (i) => i,
        null,
        record,
        () => {},
      );

  const units: MigrationUnit[] = [];
  for (const file of new Set([...project.files, ...[...found.keys()]])) {
    if (!wanted(file)) continue;
    const text = project.read(file);
    if (text === null) continue;
    const ops = (found.get(file)?.ops ?? []).sort((a, b) => a.span.start - b.span.start);
    units.push({
      file: { path: display(file), text },
      format: 'deploy',
      dialect: null,
      orderKey: path.basename(file),
      phases: ['none'],
      operations: ops,
      suppressions: [],
      meta: { format: 'deploy' },
    });
  }
  return units;
}

/** A site a command runs, and the words appended to its command line. */
interface Call {
  readonly site: Site;
  readonly args: readonly string[];
}

type Targets = (site: Site, root: string, lookup: (id: string, file: string) => Site | undefined) => Call[];

/**
 * A script's command line with the words its caller appended (`npm run x --
 * --force`): they go to its last command, after the text, so that every
 * offset of the text still maps to the file.
 */
function withArgs(text: string, args: readonly string[]): string {
  return args.length === 0 ? text : `${text} ${args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ')}`;
}

/** Scans one site's text (or a `sh -c` string inside it, `toSite` mapping its offsets to the site's text). */
function scan(
  site: Site,
  text: string,
  toSite: (offset: number) => number,
  chain: readonly string[] | null,
  record: (site: Site, op: DestructiveCommandOp) => void,
  follow: (targets: Targets, label: string) => void,
): void {
  for (const command of splitCommands(text)) {
    const { meaning, env } = classify(command.words);
    if (meaning === null) continue;
    if (meaning.kind === 'destructive') {
      const first = command.words[0]!;
      const last = command.words[command.words.length - 1]!;
      const vars = new Map([...site.env, ...env]);
      const throwaway = [...vars].some(([name, value]) => DATABASE_VARIABLE.test(name) && THROWAWAY_VALUE.test(value));
      record(site, {
        kind: 'destructive-command',
        span: fileSpan(site, toSite(first.start), toSite(last.end)),
        phase: 'none',
        command: meaning.command,
        effect: meaning.effect,
        deployChain: chain === null ? null : [...chain, meaning.command],
        throwaway,
      });
    } else if (meaning.kind === 'shell') {
      const inner: Word = meaning.script;
      if (inner.exactAt !== null) scan(site, inner.text, (i) => toSite(inner.exactAt! + i), chain, record, follow);
      else scan(site, inner.text, () => toSite(inner.start), chain, record, follow);
    } else if (meaning.kind === 'script') {
      const { name, args } = meaning;
      follow((from, root, lookup) => scriptTargets(from, root, name, args, lookup), meaning.label);
    } else if (meaning.kind === 'make') {
      const target = meaning.target;
      follow((from, root, lookup) => {
        const makefile = [path.join(from.dir, 'Makefile'), path.join(root, 'Makefile')].map((file) => lookup(`make:${file}:${target ?? ''}`, file));
        return makefile
          .filter((s): s is Site => s !== undefined)
          .slice(0, 1)
          .map((site) => ({ site, args: [] }));
      }, meaning.label);
    } else {
      const file = meaning.path;
      follow((from, root, lookup) => {
        // A path in a Dockerfile is one in the image: the file copied there, else (relative) one beside the
        // Dockerfile or at the root. Elsewhere an absolute path is no file of the repository.
        const copied = from.imageFile?.(file) ?? null;
        const candidates = [...(copied === null ? [] : [copied]), ...(path.isAbsolute(file) ? [] : [path.resolve(from.dir, file), path.resolve(root, file)])];
        return candidates
          .map((abs) => lookup(`file:${abs}`, abs))
          .filter((s): s is Site => s !== undefined)
          .slice(0, 1)
          .map((site) => ({ site, args: [] }));
      }, meaning.label);
    }
  }
}

/** `npm run x` runs `prex`, `x` and `postx` of the nearest package.json that has `x`; only `x` gets the words passed on. */
function scriptTargets(from: Site, root: string, name: string, args: readonly string[], lookup: (id: string, file: string) => Site | undefined): Call[] {
  for (const dir of [from.dir, root]) {
    const main = lookup(`script:${dir}:${name}`, path.join(dir, 'package.json'));
    if (main === undefined) continue;
    return [`pre${name}`, name, `post${name}`].flatMap((n) => {
      const site = lookup(`script:${dir}:${n}`, path.join(dir, 'package.json'));
      return site === undefined ? [] : [{ site, args: n === name ? args : [] }];
    });
  }
  return [];
}

async function sitesOf(file: string, project: DeployProject): Promise<Site[]> {
  const text = project.read(file);
  if (text === null) return [];
  const rel = path.relative(project.root, file).split(path.sep).join('/');
  switch (surfaceKind(rel)) {
    case 'package.json':
      return packageJsonSites(file, text);
    case 'dockerfile':
      return dockerfileSites(file, text, project.root, (abs) => project.read(abs) !== null);
    case 'procfile':
      return procfileSites(file, text);
    case 'toml':
      return tomlSites(file, text);
    case 'railway.json':
      return railwayJsonSites(file, text);
    case 'render':
      return renderSites(file, text);
    case 'compose':
      return composeSites(file, text);
    case 'workflow':
      return workflowSites(file, text);
    case 'makefile':
      return makefileSites(file, text);
    case 'shell':
      return [shellScriptSite(file, text, project.root)];
    case null:
      return [];
  }
}

/** Reads a file as text, or null when it cannot be read. */
export function readText(absPath: string): string | null {
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return null;
  }
}
