import { type Dirent, readdirSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../display-path.js';
import { type DiscoveredFile, fileKind } from './discover.js';
import { isFile } from './fs-probe.js';
import { hasLintableExtension } from './lintable.js';

/**
 * The other migrations of each set the requested files belong to, read for
 * history only: linting one new migration still needs to know what every
 * earlier one created. A set is a Prisma `migrations` folder, or the folder
 * holding SQL or Alembic files; sets already inside a walked folder are
 * complete and not read again.
 */
export function historyFiles(requested: readonly DiscoveredFile[], walkedFolders: readonly string[], cwd: string): DiscoveredFile[] {
  const known = new Set(requested.map((f) => f.absPath));
  const extra: DiscoveredFile[] = [];
  const seen = new Set<string>();
  for (const file of requested) {
    const setDir = file.prismaDir ?? path.dirname(file.absPath);
    if (seen.has(setDir) || walkedFolders.some((folder) => isInside(folder, setDir))) continue;
    seen.add(setDir);
    for (const member of setMembers(setDir, file.prismaDir !== null)) {
      if (known.has(member)) continue;
      known.add(member);
      extra.push({ absPath: member, path: displayPath(cwd, member), kind: fileKind(member, file.prismaDir), prismaDir: file.prismaDir });
    }
  }
  return extra;
}

function setMembers(setDir: string, prisma: boolean): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(setDir, { withFileTypes: true });
  } catch {
    return [];
  }
  if (prisma) {
    return entries
      .filter((e) => !e.isFile())
      .map((e) => path.join(setDir, e.name, 'migration.sql'))
      .filter(isFile);
  }
  // The listing tells files apart without a stat each; a symbolic link is followed.
  return entries
    .filter((e) => hasLintableExtension(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(path.join(setDir, e.name)))))
    .map((e) => path.join(setDir, e.name));
}

function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
