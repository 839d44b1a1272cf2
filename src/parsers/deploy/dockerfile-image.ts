/**
 * Which repository file a path inside a Dockerfile's image is: a CMD or
 * ENTRYPOINT names its script as the image holds it (`/docker-entrypoint.sh`,
 * `/app/start.sh`), which the Dockerfile's COPY and ADD instructions put
 * there from the build context, or from another stage that did.
 */
import path from 'node:path';

interface Copy {
  /** Sources as written: paths in the build context, or in the stage named by `from`. */
  readonly sources: readonly string[];
  /** Absolute path in the image. */
  readonly dest: string;
  /** Whether `dest` is a folder the sources go into (`./`, `/app/`, several sources), not a file's new name. */
  readonly intoFolder: boolean;
  /** `--from=`: a stage's name or index, or an image's. */
  readonly from: string | null;
}

interface Stage {
  readonly name: string | null;
  workdir: string;
  readonly copies: Copy[];
}

/** Stages nest this deep at most (`COPY --from=a` of a file a copied `--from=b`). */
const MAX_DEPTH = 8;
const GLOB = /[*?[]/;

/**
 * The Dockerfile's stages as its instructions build them, for `lineOf` at a
 * line: a function from a path in the image (relative ones to that line's
 * WORKDIR) to the repository file it was copied from, when one exists (`exists`)
 * in a build context tried (the Dockerfile's folder, then the root).
 */
export class DockerImage {
  private readonly stages: Stage[] = [];
  /** The stage and WORKDIR each instruction line ran in. */
  private readonly at = new Map<number, { stage: number; workdir: string }>();

  constructor(
    instructions: ReadonlyArray<{ readonly line: number; readonly text: string }>,
    private readonly contexts: readonly string[],
    private readonly exists: (absPath: string) => boolean,
  ) {
    for (const { line, text } of instructions) this.apply(line, text);
  }

  /** The resolver for a command on `line`. */
  lineOf(line: number): (inImage: string) => string | null {
    const at = this.at.get(line);
    if (at === undefined) return () => null;
    return (inImage) => this.resolve(at.stage, path.posix.resolve(at.workdir, inImage), 0);
  }

  private apply(line: number, text: string): void {
    const [keyword = '', ...rest] = text.trim().split(/\s+/);
    const instruction = keyword.toUpperCase();
    if (instruction === 'FROM') {
      const [image = '', as, name] = rest.filter((word) => !word.startsWith('--'));
      const base = this.stageNamed(image);
      this.stages.push({
        name: as?.toUpperCase() === 'AS' && name !== undefined ? name : null,
        workdir: base?.workdir ?? '/',
        copies: [...(base?.copies ?? [])],
      });
    }
    const stage = this.stages.at(-1);
    if (stage === undefined) return;
    if (instruction === 'WORKDIR' && rest[0] !== undefined && !rest[0].includes('$')) stage.workdir = path.posix.resolve(stage.workdir, rest[0]);
    if (instruction === 'COPY' || instruction === 'ADD') {
      const copy = copyOf(rest, stage.workdir);
      if (copy !== null) stage.copies.push(copy);
    }
    this.at.set(line, { stage: this.stages.length - 1, workdir: stage.workdir });
  }

  private stageNamed(name: string): Stage | undefined {
    return /^\d+$/.test(name) ? this.stages[Number(name)] : this.stages.find((stage) => stage.name?.toLowerCase() === name.toLowerCase());
  }

  private resolve(stageIndex: number, inImage: string, depth: number): string | null {
    const stage = this.stages[stageIndex];
    if (stage === undefined || depth > MAX_DEPTH) return null;
    // The last copy to a path is what the image holds there.
    for (const copy of [...stage.copies].reverse()) {
      const source = copy.from === null ? null : this.stageNamed(copy.from);
      if (copy.from !== null && source === undefined) continue;
      for (const candidate of sourcesFor(copy, inImage)) {
        const found =
          source === undefined || source === null
            ? this.inContext(candidate)
            : this.resolve(this.stages.indexOf(source), path.posix.resolve('/', candidate), depth + 1);
        if (found !== null) return found;
      }
    }
    return null;
  }

  private inContext(relative: string): string | null {
    if (path.posix.isAbsolute(relative) || relative.split('/').includes('..')) return null;
    for (const context of this.contexts) {
      const file = path.join(context, relative);
      if (this.exists(file)) return file;
    }
    return null;
  }
}

/** `COPY [--from=x] [--chown=…] src… dest`, in shell or exec form; null for URLs, here-documents and globs only. */
function copyOf(words: readonly string[], workdir: string): Copy | null {
  let from: string | null = null;
  const operands: string[] = [];
  for (const word of words) {
    if (word.startsWith('--from=')) from = word.slice('--from='.length);
    else if (!word.startsWith('--')) operands.push(word);
  }
  const exec = execOperands(operands.join(' '));
  const all = exec ?? operands;
  if (all.length < 2) return null;
  const dest = all[all.length - 1]!;
  const sources = all.slice(0, -1).filter((source) => !GLOB.test(source) && !/^(https?:|<<)/.test(source));
  if (sources.length === 0 || dest.includes('$')) return null;
  const intoFolder = dest.endsWith('/') || dest === '.' || all.length > 2;
  return { sources, dest: path.posix.resolve(workdir, dest), intoFolder, from };
}

function execOperands(text: string): string[] | null {
  if (!text.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Where `inImage` came from in a copy's sources: a file copied to it, or into the folder it is in, or a folder's contents copied over it. */
function sourcesFor(copy: Copy, inImage: string): string[] {
  const candidates: string[] = [];
  for (const raw of copy.sources) {
    const source = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    if (inImage === copy.dest && !copy.intoFolder) candidates.push(source);
    if (!inImage.startsWith(`${copy.dest === '/' ? '' : copy.dest}/`)) continue;
    const rest = inImage.slice(copy.dest === '/' ? 1 : copy.dest.length + 1);
    // A folder's contents go into dest (`COPY server/ .`); a file goes into it under its own name.
    candidates.push(source === '.' || source === '' ? rest : `${source}/${rest}`);
    if (rest === path.posix.basename(source)) candidates.push(source);
  }
  return candidates;
}
