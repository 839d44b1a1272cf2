/**
 * The deploy surfaces written in YAML: render.yaml services, docker-compose
 * services and GitHub Actions workflows. The `yaml` package is loaded only
 * when a project has one of them.
 */
import path from 'node:path';
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import type { Segment, Site } from './sites.js';

type Yaml = typeof import('yaml');
let yamlModule: Promise<Yaml> | undefined;

async function parseYaml(text: string): Promise<{ doc: Document; yaml: Yaml } | null> {
  yamlModule ??= import('yaml');
  const yaml = await yamlModule;
  const doc = yaml.parseDocument(text, { uniqueKeys: false });
  return doc.errors.length > 0 ? null : { doc, yaml };
}

/** render.yaml: each service's `startCommand`, `preDeployCommand` and `buildCommand`. */
export async function renderSites(file: string, text: string): Promise<Site[]> {
  const parsed = await parseYaml(text);
  if (parsed === null) return [];
  const { doc, yaml } = parsed;
  const services = doc.get('services');
  if (!yaml.isSeq(services)) return [];
  return services.items.flatMap((service) =>
    ['startCommand', 'preDeployCommand', 'buildCommand'].flatMap((key) => {
      const node = yaml.isMap(service) ? service.get(key, true) : undefined;
      return yaml.isScalar(node) ? scalarSite(file, text, node, `render.yaml ${key}`, true, new Map()) : [];
    }),
  );
}

/** docker-compose: each service's `command` and `entrypoint`, string or list. */
export async function composeSites(file: string, text: string): Promise<Site[]> {
  const parsed = await parseYaml(text);
  if (parsed === null) return [];
  const { doc, yaml } = parsed;
  const services = doc.get('services');
  if (!yaml.isMap(services)) return [];
  const name = path.basename(file);
  return services.items.flatMap((pair) => {
    const service = pair.value;
    if (!yaml.isMap(service)) return [];
    return ['command', 'entrypoint'].flatMap((key) => {
      const node: unknown = service.get(key, true);
      const label = `${name} ${String(yaml.isScalar(pair.key) ? pair.key.value : '')} ${key}`;
      if (yaml.isScalar(node)) return scalarSite(file, text, node, label, true, new Map());
      if (yaml.isSeq(node) && node.items.every((item) => yaml.isScalar(item))) {
        const items = node.items;
        const [start] = (node as YamlNode).range ?? [0, 0, 0];
        const end = ((node as YamlNode).range ?? [0, 0, 0])[1];
        return [
          { ...siteBase(file, label, true, new Map()), text: items.map((item) => quote(String(item.value))).join(' '), segments: [], span: { start, end } },
        ];
      }
      return [];
    });
  });
}

/**
 * GitHub Actions: every step's `run`. A job deploys when it names an
 * `environment` or reads a production secret such as `DATABASE_URL`; its
 * steps are entry points. Variables from the workflow's, job's and step's
 * `env` go with each step.
 */
export async function workflowSites(file: string, text: string): Promise<Site[]> {
  const parsed = await parseYaml(text);
  if (parsed === null) return [];
  const { doc, yaml } = parsed;
  const jobs = doc.get('jobs');
  if (!yaml.isMap(jobs)) return [];
  const workflowEnv = envOf(yaml, doc.get('env'));
  const name = `.github/workflows/${path.basename(file)}`;
  return jobs.items.flatMap((pair) => {
    const job = pair.value;
    if (!yaml.isMap(job)) return [];
    const jobName = String(yaml.isScalar(pair.key) ? pair.key.value : '');
    const range = (job as YamlNode).range ?? [0, 0, 0];
    const jobText = text.slice(range[0], range[2]);
    const deploys = job.has('environment') || /\bsecrets\.(?:[A-Z0-9_]*DATABASE_URL|[A-Z0-9_]*PROD[A-Z0-9_]*)\b/.test(jobText);
    const jobEnv = new Map([...workflowEnv, ...envOf(yaml, job.get('env'))]);
    // A job with service containers talks to them on localhost: its DATABASE_URL says so, or nothing does.
    const steps = job.get('steps');
    if (!yaml.isSeq(steps)) return [];
    return steps.items.flatMap((step) => {
      if (!yaml.isMap(step)) return [];
      const run = step.get('run', true);
      if (!yaml.isScalar(run)) return [];
      const env = new Map([...jobEnv, ...envOf(yaml, step.get('env'))]);
      return scalarSite(file, text, run, `${name} job "${jobName}"`, deploys, env);
    });
  });
}

function envOf(yaml: Yaml, node: unknown): Map<string, string> {
  const env = new Map<string, string>();
  if (yaml.isMap(node))
    for (const pair of node.items) if (yaml.isScalar(pair.key)) env.set(String(pair.key.value), yaml.isScalar(pair.value) ? String(pair.value.value) : '');
  return env;
}

function siteBase(file: string, label: string, entry: boolean, env: ReadonlyMap<string, string>) {
  return { file, id: null, label, entry, env, dir: path.dirname(file) };
}

function quote(word: string): string {
  return /[\s'"]/.test(word) ? `'${word.replace(/'/g, "'\\''")}'` : word;
}

/** A scalar's value as a site, its lines mapped back to the file where they are its characters unchanged. */
function scalarSite(file: string, text: string, node: Scalar, label: string, entry: boolean, env: ReadonlyMap<string, string>): Site[] {
  if (typeof node.value !== 'string') return [];
  const value = node.value;
  const [start, , end] = node.range ?? [0, 0, 0];
  const source = text.slice(start, end);
  const segments: Segment[] = [];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // Content lines follow the header line, each with the block's indentation before it.
    let fileAt = start + source.indexOf('\n') + 1;
    let textAt = 0;
    for (const line of value.split('\n')) {
      const sourceLine = text.slice(fileAt, text.indexOf('\n', fileAt) < 0 ? text.length : text.indexOf('\n', fileAt));
      const indent = sourceLine.length - sourceLine.trimStart().length;
      if (line.length > 0 && sourceLine.slice(indent) === line) segments.push({ textStart: textAt, fileStart: fileAt + indent, length: line.length });
      textAt += line.length + 1;
      fileAt += sourceLine.length + 1;
    }
  } else {
    const inner = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    if (text.slice(start + inner, start + inner + value.length) === value) segments.push({ textStart: 0, fileStart: start + inner, length: value.length });
  }
  return [{ ...siteBase(file, label, entry, env), text: value, segments, span: { start, end: end > start ? end : start + source.length } }];
}
