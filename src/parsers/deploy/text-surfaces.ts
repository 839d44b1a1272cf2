/**
 * The deploy surfaces read line by line or as JSON: package.json scripts,
 * Dockerfile instructions, Procfile processes, fly.toml / railway.toml /
 * railway.json commands, Makefile targets and shell scripts.
 */
import path from 'node:path';
import { DockerImage } from './dockerfile-image.js';
import { exactSite, type Segment, type Site } from './sites.js';

/** Scripts a deploy or a platform runs: `start`, `deploy`, `release`, `build` (also `start:prod`…), the platforms' build hooks, and their `pre`/`post` hooks. */
const ENTRY_SCRIPT = /^(?:(?:pre|post)?(?:start|deploy|release|build)(?::.*)?|heroku-postbuild|vercel-build|render-build|postinstall)$/;

export function packageJsonSites(file: string, text: string): Site[] {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
  } catch {
    return [];
  }
  if (typeof scripts !== 'object' || scripts === null) return [];
  const dir = path.dirname(file);
  const scriptsAt = text.search(/"scripts"\s*:/);
  const sites: Site[] = [];
  for (const [name, command] of Object.entries(scripts as Record<string, unknown>)) {
    if (typeof command !== 'string') continue;
    const key = new RegExp(`"${escapeRegExp(JSON.stringify(name).slice(1, -1))}"\\s*:\\s*"`, 'g');
    key.lastIndex = Math.max(scriptsAt, 0);
    const found = key.exec(text);
    const fileStart = found === null ? 0 : found.index + found[0].length;
    const raw = found === null ? '' : text.slice(fileStart, fileStart + command.length);
    const site = { file, id: `script:${dir}:${name}`, label: `package.json script "${name}"`, text: command, entry: ENTRY_SCRIPT.test(name), dir };
    // A script with escapes in its JSON string is found at its key, not at each word.
    sites.push(
      raw === command ? exactSite({ ...site, fileStart }) : { ...site, env: new Map(), segments: [], span: { start: fileStart, end: fileStart + raw.length } },
    );
  }
  return sites;
}

/**
 * Dockerfile `CMD`, `ENTRYPOINT` and `RUN`, in shell or exec form, continuation
 * lines joined. A script they name by its path in the image is the file the
 * Dockerfile copied there (`exists` tells which of the candidates in the build
 * context, the Dockerfile's folder or `root`, are files).
 */
export function dockerfileSites(file: string, text: string, root: string, exists: (absPath: string) => boolean): Site[] {
  const instructions: Array<{ line: number; text: string; segments: Segment[] }> = [];
  const lines = lineStarts(text);
  for (let n = 0; n < lines.length; n++) {
    const line = n;
    const segments: Segment[] = [];
    let joined = '';
    for (; n < lines.length; n++) {
      const part = lineAt(text, lines, n);
      const continued = /\\\s*$/.test(part);
      const body = continued ? part.replace(/\\\s*$/, '') : part;
      segments.push({ textStart: joined.length, fileStart: lines[n]!, length: body.length });
      joined += `${body}${continued ? ' ' : ''}`;
      if (!continued) break;
    }
    if (/^\s*(#|$)/.test(joined)) continue;
    instructions.push({ line, text: joined, segments });
  }
  const image = new DockerImage(instructions, [...new Set([path.dirname(file), root])], exists);
  const sites: Site[] = [];
  for (const { line, text: joined, segments: whole } of instructions) {
    const instruction = /^\s*(CMD|ENTRYPOINT|RUN)\s+/i.exec(joined);
    if (instruction === null) continue;
    const command = joined.slice(instruction[0].length);
    const segments = dropPrefix(whole, instruction[0].length);
    const start = segments[0]!.fileStart;
    const last = segments[segments.length - 1]!;
    const exec = execForm(command);
    sites.push({
      file,
      id: null,
      label: `Dockerfile ${instruction[1]!.toUpperCase()}`,
      text: exec ?? command,
      segments: exec === null ? segments : [],
      span: { start, end: last.fileStart + last.length },
      entry: true,
      env: new Map(),
      dir: path.dirname(file),
      imageFile: image.lineOf(line),
    });
  }
  return sites;
}

/** The segments of a joined text without its first `length` characters (an instruction's keyword). */
function dropPrefix(segments: readonly Segment[], length: number): Segment[] {
  return segments.flatMap((segment) => {
    if (segment.textStart + segment.length <= length) return [];
    const cut = Math.max(0, length - segment.textStart);
    return [{ textStart: segment.textStart + cut - length, fileStart: segment.fileStart + cut, length: segment.length - cut }];
  });
}

/** `["npm", "run", "start"]` as a command line; null for the shell form. */
function execForm(command: string): string | null {
  if (!command.trimStart().startsWith('[')) return null;
  try {
    const argv: unknown = JSON.parse(command);
    return Array.isArray(argv) && argv.every((a) => typeof a === 'string')
      ? argv.map((a) => (/[\s'"]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a)).join(' ')
      : null;
  } catch {
    return null;
  }
}

/** Procfile `release:` and `web:` run on every deploy; other process types are reported as developer commands. */
export function procfileSites(file: string, text: string): Site[] {
  return lineSites(file, text, /^([A-Za-z0-9_-]+):[ \t]*/, (name) => ({ label: `Procfile ${name}`, entry: name === 'release' || name === 'web' }));
}

/** fly.toml `release_command` and `[processes]`, railway.toml `startCommand`, `preDeployCommand`, `buildCommand`: one-line TOML strings. */
export function tomlSites(file: string, text: string): Site[] {
  const name = path.basename(file);
  return lineSites(
    file,
    text,
    /^[ \t]*(release_command|startCommand|preDeployCommand|buildCommand|cmd|app|web|worker|[A-Za-z0-9_-]+)[ \t]*=[ \t]*"/,
    (key, line) =>
      /^(release_command|startCommand|preDeployCommand|buildCommand|cmd)$/.test(key) || inProcesses(text, line)
        ? { label: `${name} ${key}`, entry: true }
        : null,
  ).map((site) => ({
    ...site,
    text: site.text.replace(/"\s*$/, ''),
    segments: site.segments.map((s) => ({ ...s, length: Math.min(s.length, site.text.replace(/"\s*$/, '').length) })),
  }));
}

function inProcesses(text: string, lineStart: number): boolean {
  const before = text.slice(0, lineStart);
  const table = /^\s*\[([^\]]+)\]\s*$/gm;
  let current = '';
  for (let m = table.exec(before); m !== null; m = table.exec(before)) current = m[1]!.trim();
  return current === 'processes';
}

/** railway.json `deploy.startCommand`, `deploy.preDeployCommand`, `build.buildCommand`. */
export function railwayJsonSites(file: string, text: string): Site[] {
  return lineSites(file, text, /"(startCommand|preDeployCommand|buildCommand)"\s*:\s*"/, (key) => ({ label: `railway.json ${key}`, entry: true })).map(
    (site) => {
      const end = site.text.indexOf('"');
      const body = end < 0 ? site.text : site.text.slice(0, end);
      return { ...site, text: body, segments: [{ ...site.segments[0]!, length: body.length }] };
    },
  );
}

/** Makefile targets: each target's recipe lines are one site that `make <target>` runs. */
export function makefileSites(file: string, text: string): Site[] {
  const sites: Site[] = [];
  const lines = lineStarts(text);
  for (let n = 0; n < lines.length; n++) {
    const target = /^([A-Za-z0-9_.\-/]+)\s*:(?!=)/.exec(lineAt(text, lines, n));
    if (target === null) continue;
    const segments: Segment[] = [];
    let recipe = '';
    for (n++; n < lines.length && /^\t/.test(lineAt(text, lines, n)); n++) {
      const line = lineAt(text, lines, n);
      const prefix = /^\t[@+-]*/.exec(line)![0].length;
      segments.push({ textStart: recipe.length, fileStart: lines[n]! + prefix, length: line.length - prefix });
      recipe += `${line.slice(prefix)}\n`;
    }
    n--;
    if (segments.length === 0) continue;
    const last = segments[segments.length - 1]!;
    sites.push({
      file,
      id: `make:${file}:${target[1]}`,
      label: `make ${target[1]}`,
      text: recipe,
      segments,
      span: { start: segments[0]!.fileStart, end: last.fileStart + last.length },
      entry: false,
      env: new Map(),
      dir: path.dirname(file),
    });
  }
  return sites;
}

/** A shell script is one site, run by the sites that name it. */
export function shellScriptSite(file: string, text: string, root: string): Site {
  return exactSite({
    file,
    id: `file:${file}`,
    label: path.relative(root, file).split(path.sep).join('/'),
    text,
    entry: false,
    dir: path.dirname(file),
    fileStart: 0,
  });
}

/** One site per line matching `head`, the command being the rest of the line; `classify` names it and says whether it is an entry point (null: not a command). */
function lineSites(file: string, text: string, head: RegExp, classify: (key: string, lineStart: number) => { label: string; entry: boolean } | null): Site[] {
  const sites: Site[] = [];
  const lines = lineStarts(text);
  for (let n = 0; n < lines.length; n++) {
    const line = lineAt(text, lines, n);
    const match = head.exec(line);
    if (match === null) continue;
    const kind = classify(match[1]!, lines[n]!);
    if (kind === null) continue;
    const at = match.index + match[0].length;
    sites.push(exactSite({ file, id: null, text: line.slice(at), dir: path.dirname(file), fileStart: lines[n]! + at, ...kind }));
  }
  return sites;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(text: string, starts: readonly number[], n: number): string {
  const end = n + 1 < starts.length ? starts[n + 1]! - 1 : text.length;
  return text.slice(starts[n], end).replace(/\r$/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
