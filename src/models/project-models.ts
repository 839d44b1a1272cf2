import path from 'node:path';
import type { ModelTable } from './model-set.js';
import { isDir, isFile, pythonFilesUnder } from './python-files.js';

/** How many Python files the search for a project's models looks at. */
const MAX_PROJECT_FILES = 20000;
/** How far above env.py the project's root is looked for. */
const MAX_LEVELS = 8;
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg'];

/**
 * The folder of the Python project that holds a migration set: the nearest
 * one above `start` with `pyproject.toml`, `setup.py` or `setup.cfg`, else
 * the root of its git work tree, else `start`'s parent. Small on purpose: it
 * only bounds the search for model definitions.
 */
export function projectRoot(start: string): string {
  let gitRoot: string | null = null;
  let dir = start;
  for (let i = 0; i < MAX_LEVELS; i++) {
    if (PROJECT_MARKERS.some((m) => isFile(path.join(dir, m)))) return dir;
    // `.git` is a file in a linked work tree or a submodule.
    if (gitRoot === null && (isDir(path.join(dir, '.git')) || isFile(path.join(dir, '.git')))) gitRoot = dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return gitRoot ?? path.dirname(start);
}

/** The project's Python files, tests, virtualenvs, installed packages and migration folders left out. */
export function projectPythonFiles(root: string): string[] {
  return pythonFilesUnder(root, MAX_PROJECT_FILES, { tests: false });
}

/**
 * Tables a library's own models put on the metadata of the `Base` it exports,
 * which the project's classes share: Flask-AppBuilder's security models.
 */
const LIBRARY_TABLES: Readonly<Record<string, readonly string[]>> = {
  flask_appbuilder: [
    'ab_user',
    'ab_role',
    'ab_permission',
    'ab_view_menu',
    'ab_permission_view',
    'ab_permission_view_role',
    'ab_user_role',
    'ab_register_user',
    'ab_group',
    'ab_group_role',
    'ab_user_group',
  ],
};

export function libraryTables(library: string | null): ModelTable[] {
  if (library === null) return [];
  return (LIBRARY_TABLES[library] ?? []).map((name) => ({ name, schema: null, style: 'table', file: library, line: 0, className: null }));
}
