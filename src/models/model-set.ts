import { normalSchema, type TableRef } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';
import { migrationSet } from '../history/replay.js';

/** How a model names its table. */
export type ModelStyle =
  /** A declarative class with `__tablename__ = "x"` (or `__tablename__: str = "x"`). */
  | 'declarative'
  /** `Table("x", metadata, …)`, `sa.Table(…)`, `db.Table(…)`. */
  | 'table'
  /** A SQLModel `table=True` class: `__tablename__`, else the class name lower-cased. */
  | 'sqlmodel'
  /** A Flask-SQLAlchemy `db.Model` subclass without `__tablename__`: the class name in snake_case. */
  | 'flask'
  /** A class whose base computes `__tablename__` (`@declared_attr`) from the class name. */
  | 'declared-attr';

/** A table an ORM model defines. */
export interface ModelTable {
  readonly name: string;
  /** The schema the model states (`__table_args__`, `schema=`), or null: then any schema matches. */
  readonly schema: string | null;
  readonly style: ModelStyle;
  /** The model file, as shown to the user. */
  readonly file: string;
  readonly line: number;
  /** The class, or null for a `Table(…)`. */
  readonly className: string | null;
}

/** A model class whose table name is computed by code droplint cannot evaluate. */
export interface UnresolvedModel {
  readonly className: string;
  readonly file: string;
  readonly line: number;
}

/** The models of one database: what the next autogenerate compares the database with. */
export interface ModelSet {
  /** Where the set came from: `models` in the config, or the `env.py` it was read from. */
  readonly source: string;
  /** The model files read, as shown to the user. */
  readonly files: readonly string[];
  readonly tables: readonly ModelTable[];
  readonly unresolved: readonly UnresolvedModel[];
  /**
   * Every model definition of the project, because env.py's metadata could not
   * be traced: more than autogenerate may compare with, and possibly not its
   * models at all (another ORM's project defines a few SQLAlchemy tables).
   */
  readonly guessed: boolean;
  /** Whether some model defines the table. */
  defines(table: TableRef): boolean;
}

/** The models known for each migration set: an input to rules, like `protected-tables`. */
export interface ModelIndex {
  /** The models of the database an Alembic migration belongs to, or null when none are known. */
  modelsFor(unit: MigrationUnit): ModelSet | null;
  /**
   * What was tried to find the models of the unit's set, where they had to be
   * guessed or are unknown; given only for the migration that carries the
   * set's note (its first revision), null for every other unit.
   */
  noteFor(unit: MigrationUnit): readonly string[] | null;
  /**
   * Whether a question went unanswered because the index answers from the
   * persistent cache alone (see LoadModelsOptions.fromCacheOnly) and the cache
   * could not: the models must be loaded, and whatever was decided without
   * them decided again.
   */
  mustLoad?(): boolean;
}

/**
 * Table names match as written or ignoring case (unquoted SQL names fold, and
 * the IR does not keep the quoting); a model that states a schema matches that
 * schema only (`public`, `dbo`, `main` and none are one), one that does not
 * matches any.
 */
export function makeModelSet(
  source: string,
  files: readonly string[],
  tables: readonly ModelTable[],
  unresolved: readonly UnresolvedModel[],
  guessed: boolean,
): ModelSet {
  const byName = new Map<string, ModelTable[]>();
  for (const t of tables) {
    const key = t.name.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(t);
    else byName.set(key, [t]);
  }
  const guesses = unresolved.map((u) => squash(u.className));
  return {
    source,
    files,
    tables,
    unresolved,
    guessed,
    defines(table) {
      const candidates = byName.get(table.name.toLowerCase()) ?? [];
      if (candidates.some((t) => t.schema === null || normalSchema(t.schema) === normalSchema(table.schema))) return true;
      return guesses.length > 0 && guessedBy(guesses, table.name);
    },
  };
}

/**
 * A class whose table name droplint cannot compute (a `@declared_attr` that
 * calls a helper, say) is taken to define a table whose name is the class
 * name in any case and separation, optionally plural: `ProjectKeyword`
 * covers `project_keyword`, `projectkeyword`, `project_keywords`.
 */
function guessedBy(guesses: readonly string[], tableName: string): boolean {
  const name = squash(tableName);
  return guesses.some((g) => name === g || name === `${g}s` || name === `${g}es` || (g.endsWith('y') && name === `${g.slice(0, -1)}ies`));
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** An index where one set of models (from `models` in the config) serves every Alembic migration set. */
export function configuredIndex(set: ModelSet): ModelIndex {
  return { modelsFor: (unit) => (unit.format === 'alembic' ? set : null), noteFor: () => null };
}

/**
 * An index with the models found for each migration set (key:
 * `migrationSet(unit)`), and the notes of what was tried, by the path of the
 * migration that carries them.
 */
export function perSetIndex(sets: ReadonlyMap<string, ModelSet>, notes: ReadonlyMap<string, readonly string[]>): ModelIndex {
  return {
    modelsFor: (unit) => (unit.format === 'alembic' ? (sets.get(migrationSet(unit)) ?? null) : null),
    noteFor: (unit) => (unit.format === 'alembic' ? (notes.get(unit.file.path) ?? null) : null),
  };
}
