/**
 * A table-driven rule tester in the manner of ESLint's RuleTester: `valid`
 * code must give no finding of the rule, each `invalid` case exactly the
 * listed ones. Code goes through the real front-ends, so cases are migrations
 * as users write them.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/engine/diagnostic.js';
import { lint } from '../../src/engine/lint.js';
import type { Rule } from '../../src/engine/rule.js';
import type { DbObjectKind } from '../../src/engine/db-object.js';
import { compileTablePatterns } from '../../src/engine/table-pattern.js';
import type { Dialect, MigrationUnit } from '../../src/ir/unit.js';
import { modelsFromSources } from '../../src/models/load.js';
import { parsePythonFile } from '../../src/parsers/alembic/alembic-file.js';
import { parsePrismaMigration } from '../../src/parsers/prisma/prisma-file.js';
import { parseSqlFile } from '../../src/parsers/sql/sql-file.js';
import parseError from '../../rules/parse-error.js';
import { SUPPRESSION_RULES } from '../../rules/index.js';

export interface Case {
  readonly code: string;
  /** File name, which sets the phase (`0002_x.down.sql`) and the order. Default `V2__change.sql`. */
  readonly filename?: string;
  readonly dialect?: Dialect;
  /**
   * `prisma`: a `migrations/<folder>/migration.sql`, upgrade phase; `alembic`:
   * Python in `alembic/versions/` (or `alembic/env.py` with filename `env.py`).
   */
  readonly format?: 'sql' | 'prisma' | 'alembic';
  /** Earlier migrations of the same set, in order. */
  readonly history?: readonly string[];
  readonly protectedTables?: readonly string[];
  /**
   * ORM model files (Python source, read as `models/m<i>.py`) for rules that
   * compare the history with the models; absent: no models are known.
   */
  readonly models?: readonly string[];
  /** `unmodeled-tables` patterns. */
  readonly unmodeledTables?: readonly string[];
  readonly downgrade?: 'error' | 'warning' | 'info' | 'off';
}

export interface Expected {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message?: string | RegExp;
  readonly severity?: Diagnostic['severity'];
  readonly table?: string | null;
  /** The kind of database object the finding is about (JSON `object.kind`); null for none. */
  readonly kind?: DbObjectKind | null;
  readonly column_?: string | null;
}

export interface InvalidCase extends Case {
  readonly errors: readonly Expected[];
}

/** `alongside`: other rules to run too, for rules about their findings (suppressions). */
export async function runRule(rule: Rule, c: Case, alongside: readonly Rule[] = []): Promise<Diagnostic[]> {
  return (await lintCase(c, [rule, ...alongside])).filter((d) => d.rule === rule.meta.id);
}

/** Every diagnostic of `rules` for the case's last file, which is linted after its history. */
async function lintCase(c: Case, rules: readonly Rule[]): Promise<Diagnostic[]> {
  const dialect = c.dialect ?? 'postgresql';
  const units: MigrationUnit[] = [];
  const all = [...(c.history ?? []), c.code];
  for (const [i, code] of all.entries()) {
    const last = i === all.length - 1;
    if (c.format === 'alembic') {
      const name = last ? (c.filename ?? 'b2c3d4e5f6a7_change.py') : `a${i}_history.py`;
      const path = name === 'env.py' ? 'alembic/env.py' : `alembic/versions/${name}`;
      const unit = await parsePythonFile({ path, text: code }, dialect);
      if (unit === null) throw new Error(`not an Alembic migration or env.py: ${path}`);
      units.push(unit);
    } else if (c.format === 'prisma') {
      const folder = `2024010${i}000000_m${i}`;
      units.push(await parsePrismaMigration({ path: `prisma/migrations/${folder}/migration.sql`, text: code }, dialect, folder));
    } else {
      const name = last ? (c.filename ?? 'V2__change.sql') : `V1_${i}__history.sql`;
      units.push(await parseSqlFile({ path: `migrations/${name}`, text: code }, dialect));
    }
  }
  const reported = units[units.length - 1]!.file.path;
  return lint(units, rules, SUPPRESSION_RULES, {
    settings: {
      protectedTables: compileTablePatterns(c.protectedTables ?? []),
      models: c.models ? await modelsFromSources(c.models.map((text, i) => ({ path: `models/m${i}.py`, text }))) : null,
      unmodeledTables: compileTablePatterns(c.unmodeledTables ?? []),
    },
    overrides: {},
    downgrade: c.downgrade ?? 'warning',
    report: new Set([reported]),
  });
}

export function testRule(rule: Rule, cases: { valid: ReadonlyArray<string | Case>; invalid: readonly InvalidCase[] }, alongside: readonly Rule[] = []): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const v of cases.valid) {
        const c = typeof v === 'string' ? { code: v } : v;
        it(firstLine(c.code), async () => {
          // A valid case proves nothing if droplint cannot read it (squawk's test utilities assert the same).
          const all = await lintCase(c, [rule, ...alongside, ...(rule === parseError ? [] : [parseError])]);
          expect(all.filter((d) => d.rule === rule.meta.id || d.rule === parseError.meta.id)).toEqual([]);
        });
      }
    });
    if (cases.invalid.length > 0)
      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(firstLine(c.code), async () => {
            const got = await runRule(rule, c, alongside);
            expect(got.map(pick)).toEqual(c.errors.map((e) => expect.objectContaining(expected(e))));
            expect(got).toHaveLength(c.errors.length);
          });
        }
      });
  });
}

function pick(d: Diagnostic) {
  return {
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    message: d.message,
    severity: d.severity,
    table: d.table,
    column_: d.object?.column ?? null,
    kind: d.object?.kind ?? null,
  };
}

function expected(e: Expected): Record<string, unknown> {
  const out: Record<string, unknown> = { line: e.line, column: e.column };
  for (const key of ['endLine', 'endColumn', 'severity', 'table', 'column_', 'kind'] as const) if (e[key] !== undefined) out[key] = e[key];
  if (e.message !== undefined) out.message = typeof e.message === 'string' ? e.message : expect.stringMatching(e.message);
  return out;
}

function firstLine(code: string): string {
  // Name a case by its first statement, past comments, Prisma's warning header and Alembic's boilerplate.
  const boilerplate = /^\s*(Warnings|from |import |revision|down_revision|branch_labels|depends_on|def |#)/;
  const line = code.split('\n').find((l) => /^\s*[A-Za-z]{2,}\b(?!:)/.test(l) && !boilerplate.test(l)) ?? code;
  return line.trim().slice(0, 90);
}
