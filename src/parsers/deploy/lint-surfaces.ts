import path from 'node:path';
import { displayPath } from '../../display-path.js';
import { projectSurfaces } from '../../discover/surfaces.js';
import type { MigrationUnit } from '../../ir/unit.js';
import { deployUnits, readText, surfaceKind } from './project.js';

export interface SurfaceRequest {
  readonly cwd: string;
  /** The project root (the config's folder, else the working directory): its entry points decide what a deploy reaches. */
  readonly root: string;
  /** Absolute paths named on the command line that are files. */
  readonly namedFiles: readonly string[];
  /** Absolute paths of the folders walked. */
  readonly walked: readonly string[];
  /** Editors' open buffers, read instead of the files on disk. */
  readonly buffers?: ReadonlyMap<string, string>;
}

/**
 * The deploy surfaces among the linted paths, each as a unit of its
 * destructive commands. Nothing is read when no surface can be among them (a
 * pre-commit run on one migration).
 */
export async function surfaceUnits(request: SurfaceRequest): Promise<MigrationUnit[]> {
  const named = request.namedFiles.filter((file) => surfaceKind(file.split(path.sep).join('/')) !== null);
  if (named.length === 0 && request.walked.length === 0) return [];
  const files = [...new Set([...projectSurfaces(request.root), ...named])];
  const inside = (file: string): boolean => request.walked.some((folder) => !path.relative(folder, file).startsWith('..'));
  const read = (file: string): string | null => request.buffers?.get(file) ?? readText(file);
  return deployUnits(
    { root: request.root, files, read },
    (file) => named.includes(file) || inside(file),
    (file) => displayPath(request.cwd, file),
  );
}
