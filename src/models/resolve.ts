import { makeModelSet, type ModelSet, type ModelStyle, type ModelTable, type UnresolvedModel } from './model-set.js';
import type { ClassFact, PyFileFacts, TablenameFact } from './python-facts.js';

interface Entry {
  readonly fact: ClassFact;
  readonly file: string;
}

/** A table a class produces: a name, or a name droplint cannot compute. */
type Produced = { readonly name: string; readonly style: ModelStyle } | { readonly unresolved: true } | null;

/**
 * The tables the classes and `Table(…)` calls of a set of model files define,
 * with inheritance followed across the files (a base in `base.py` that
 * computes `__tablename__`, a Flask `db.Model` subclass of a subclass).
 *
 * Defaults applied when a class has no `__tablename__` of its own:
 * - SQLModel `table=True`: the class name lower-cased (SQLModel's own
 *   `__tablename__`), or what a base's `@declared_attr` computes; a subclass of
 *   a table class is not a new table.
 * - Flask-SQLAlchemy (`db.Model` anywhere among its bases): the class name in
 *   snake_case (`camel_to_snake_case`); an abstract class, or a subclass of a
 *   model without its own primary key (single-table inheritance), is no table.
 * - A base or mixin with `@declared_attr def __tablename__(cls)`: `return
 *   cls.__name__.lower()` (also `+ "s"`) is computed; any other body makes the
 *   class "unresolved", matched by its name (see makeModelSet).
 * - Anything else without `__tablename__` is not a table.
 */
export function resolveModels(
  source: string,
  facts: readonly PyFileFacts[],
  options: { readonly guessed?: boolean; readonly libraryTables?: readonly ModelTable[] } = {},
): ModelSet {
  const byName = new Map<string, Entry[]>();
  const entries: Entry[] = [];
  for (const file of facts) {
    for (const fact of file.classes) {
      const entry = { fact, file: file.path };
      entries.push(entry);
      const list = byName.get(fact.name);
      if (list) list.push(entry);
      else byName.set(fact.name, [entry]);
    }
  }

  const parents = (entry: Entry): Entry[] => entry.fact.bases.flatMap((b) => (byName.get(b.split('.').at(-1) ?? b) ?? []).filter((p) => p !== entry));

  /** Every class above `entry`, nearest first. */
  const ancestors = (entry: Entry): Entry[] => {
    const seen = new Set<Entry>([entry]);
    const out: Entry[] = [];
    let level = parents(entry);
    while (level.length > 0) {
      const next: Entry[] = [];
      for (const p of level) {
        if (seen.has(p)) continue;
        seen.add(p);
        out.push(p);
        next.push(...parents(p));
      }
      level = next;
    }
    return out;
  };

  const memo = new Map<Entry, Produced>();
  const produced = (entry: Entry): Produced => {
    if (memo.has(entry)) return memo.get(entry)!;
    memo.set(entry, null); // cycles: no table
    const result = produce(entry);
    memo.set(entry, result);
    return result;
  };

  const produce = (entry: Entry): Produced => {
    const c = entry.fact;
    if (c.abstract || c.ownTable || c.tablename?.kind === 'none') return null;
    const own = c.tablename;
    if (own?.kind === 'static') return { name: own.name, style: c.tableKeyword ? 'sqlmodel' : 'declarative' };
    if (own?.kind === 'dynamic') return { unresolved: true };
    // A class that computes `__tablename__` for others is their base or mixin, not a table.
    if (own?.kind === 'derived') return null;

    const above = ancestors(entry);
    const inherited = above.find((a) => a.fact.tablename !== null)?.fact.tablename ?? null;
    if (c.tableKeyword) {
      if (above.some((a) => a.fact.tableKeyword)) return null;
      if (inherited?.kind === 'derived') return derived(inherited, c.name, 'sqlmodel');
      if (inherited?.kind === 'static') return { name: inherited.name, style: 'sqlmodel' };
      return { name: c.name.toLowerCase(), style: 'sqlmodel' };
    }
    if (inherited?.kind === 'derived') return derived(inherited, c.name, 'declared-attr');
    if (c.flaskBase || above.some((a) => a.fact.flaskBase)) {
      const inheritsTable = parents(entry).some((p) => produced(p) !== null);
      if (inheritsTable && !c.primaryKey) return null;
      return { name: camelToSnakeCase(c.name), style: 'flask' };
    }
    // Columns on a class whose base comes from a library (neutron_lib's `BASEV2` names tables after their class): a
    // table whose name the library computes.
    if (
      c.columns &&
      above.every((a) => a.fact.tablename === null) &&
      c.bases.some((b) => b !== 'object' && (byName.get(b.split('.').at(-1) ?? b) ?? []).length === 0)
    )
      return { unresolved: true };
    return null;
  };

  const tables: ModelTable[] = [];
  const unresolved: UnresolvedModel[] = [];
  for (const entry of entries) {
    const result = produced(entry);
    if (result === null) continue;
    if ('unresolved' in result) unresolved.push({ className: entry.fact.name, file: entry.file, line: entry.fact.line });
    else
      tables.push({
        name: result.name,
        schema: entry.fact.schema ?? inheritedSchema(ancestors(entry)),
        style: result.style,
        file: entry.file,
        line: entry.fact.line,
        className: entry.fact.name,
      });
  }
  for (const file of facts) {
    for (const t of file.tables) tables.push({ name: t.name, schema: t.schema, style: 'table', file: file.path, line: t.line, className: null });
  }
  tables.push(...(options.libraryTables ?? []));
  return makeModelSet(
    source,
    facts.map((f) => f.path),
    tables,
    unresolved,
    options.guessed ?? false,
  );
}

function inheritedSchema(above: readonly Entry[]): string | null {
  return above.find((a) => a.fact.schema !== null)?.fact.schema ?? null;
}

function derived(fact: Extract<TablenameFact, { kind: 'derived' }>, className: string, style: ModelStyle): Produced {
  if (fact.derive === 'lower') return { name: className.toLowerCase(), style };
  if (fact.derive === 'lower-plural') return { name: `${className.toLowerCase()}s`, style };
  return { unresolved: true };
}

/** Flask-SQLAlchemy's `camel_to_snake_case`: `ProjectKeyword` → `project_keyword`, `HTTPResponse` → `http_response`. */
export function camelToSnakeCase(name: string): string {
  return name
    .replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, '_$1')
    .toLowerCase()
    .replace(/^_+/, '');
}
