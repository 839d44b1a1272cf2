import type { Operation, Phase, Span, TableRef } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';
import type { History } from '../history/replay.js';
import type { Severity } from './diagnostic.js';
import type { TableMatcher } from './table-pattern.js';
import type { ModelIndex } from '../models/model-set.js';

export interface RuleMeta {
  /** Stable id: never reused for another meaning. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** Findings in a downgrade phase take the `downgrade` severity (default: warning). */
  readonly downgradeSensitive: boolean;
  /** One line, for `droplint rules`. */
  readonly summary: string;
  /** Markdown for `droplint explain`: what it catches, why it loses data, the safe alternative. */
  readonly docs: string;
  /** One sentence shown with each finding: the safe alternative. */
  readonly help: string;
  /**
   * The docs' examples, run as tests (test/rules/docs-examples.test.ts) and
   * printed by `droplint explain`: `flagged` must give at least one finding of
   * this rule, `safe` none.
   */
  readonly examples: { readonly flagged: RuleExample; readonly safe: RuleExample };
  /**
   * The rule also reads migrations deleted since `--changed-since`'s ref
   * ("ghost" units, see MigrationUnit.vcs); every other rule sees only files on disk.
   */
  readonly readsDeletedMigrations?: boolean;
}

/**
 * A small project, linted as a user would lint it: its files are written to an
 * empty folder and droplint runs at its root.
 */
export interface RuleExample {
  /** Path (relative, `/`-separated) → text. May include a `droplint.toml`. */
  readonly files: Readonly<Record<string, string>>;
  /** Extra command-line options, e.g. `['--protected-table', 'session']`. */
  readonly args?: readonly string[];
  /**
   * Files committed to a git repository before `files` are written over them
   * (rules about changes since a ref: `args` names the ref as `HEAD`).
   */
  readonly committed?: Readonly<Record<string, string>>;
}

/** What a rule reports; the engine adds file, position, severity and suppression. */
export interface Finding {
  readonly span: Span;
  readonly phase: Phase;
  readonly message: string;
  /**
   * The most this finding can be, below the rule's configured severity: `info`
   * for what loses nothing that existed before (a downgrade undoing its own
   * upgrade, values copied first, a developer-only command). Never raises it.
   */
  readonly atMost?: Severity;
  readonly table?: TableRef | null;
  readonly schema?: string | null;
  readonly column?: string | null;
}

/** Settings rules read, derived from the configuration. */
export interface RuleSettings {
  readonly protectedTables: TableMatcher;
  /** ORM models per Alembic migration set (src/models/); absent or null when no models are known. */
  readonly models?: ModelIndex | null;
  /** `unmodeled-tables`: tables that need no model; absent means none. */
  readonly unmodeledTables?: TableMatcher;
}

export interface RuleContext {
  readonly unit: MigrationUnit;
  readonly settings: RuleSettings;
  readonly history: History;
  report(finding: Finding): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Called for every operation of every unit, in source order. */
  readonly operation?: (op: Operation, ctx: RuleContext) => void;
  /** Called once per unit, after its operations. */
  readonly unit?: (ctx: RuleContext) => void;
}

/** Identity helper that gives rule files their type without a cast. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
