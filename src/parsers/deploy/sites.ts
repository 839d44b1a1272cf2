/**
 * A command site: a command line or script inside a deploy surface (a
 * package.json script, a Dockerfile CMD, a workflow step's `run`, a Makefile
 * target's recipe, a whole shell script), with the map from its text back to
 * the file, so that findings point at the command itself.
 */
import type { Span } from '../../ir/operations.js';

export interface Segment {
  /** Where a run of the site's text starts in the text and in the file; the run is the file's characters unchanged. */
  readonly textStart: number;
  readonly fileStart: number;
  readonly length: number;
}

export interface Site {
  /** Absolute path of the file it is in. */
  readonly file: string;
  /** What other sites call it by: `script:<folder>:<name>`, `make:<Makefile>:<target>`, `file:<path>`; null when nothing can call it. */
  readonly id: string | null;
  /** How a chain names it: `Dockerfile CMD`, `package.json script "start:prod"`. */
  readonly label: string;
  readonly text: string;
  readonly segments: readonly Segment[];
  /** The whole site in the file: where a finding goes when a command's words are not the file's characters. */
  readonly span: Span;
  /** A deploy, release, start or deploying CI job runs it. */
  readonly entry: boolean;
  /** Variables it runs with (a workflow's `env:`). */
  readonly env: ReadonlyMap<string, string>;
  /** The folder whose package.json and Makefile its `npm run x` and `make x` mean. */
  readonly dir: string;
  /** A Dockerfile's commands: the repository file a path in the image was copied from, or null. */
  readonly imageFile?: (inImage: string) => string | null;
}

/** The file span of `[start, end)` of a site's text, or the site's whole span when it cannot be mapped exactly. */
export function fileSpan(site: Site, start: number, end: number): Span {
  const at = (offset: number): number | null => {
    const segment = site.segments.find((s) => offset >= s.textStart && offset <= s.textStart + s.length);
    return segment === undefined ? null : segment.fileStart + (offset - segment.textStart);
  };
  const from = at(start);
  const to = at(end);
  return from !== null && to !== null && to >= from ? { start: from, end: to } : site.span;
}

/** A site whose text is a run of the file unchanged. */
export function exactSite(fields: Omit<Site, 'segments' | 'span' | 'env'> & { readonly fileStart: number; readonly env?: ReadonlyMap<string, string> }): Site {
  const { fileStart, env, ...rest } = fields;
  return {
    ...rest,
    env: env ?? new Map(),
    segments: [{ textStart: 0, fileStart, length: fields.text.length }],
    span: { start: fileStart, end: fileStart + fields.text.length },
  };
}
