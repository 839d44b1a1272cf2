import type { SyntaxNode } from 'tree-sitter';
import type { Span } from '../../ir/operations.js';

/**
 * Calls in an Alembic `env.py` that overwrite `sqlalchemy.url` without first
 * honouring a URL the caller passed in (a test's temporary database in the
 * Config, `-x url=…`, a connection in `config.attributes`): the next
 * `downgrade base` then runs wherever the application settings point. Not
 * counted: a call guarded by a condition that consults the caller's URL (set
 * only when unset), and a value that consults it (`configured or settings.url`).
 */
export function unconditionalUrlOverrides(module: SyntaxNode): Span[] {
  const env = new EnvFile(module);
  return module
    .descendantsOfType('call')
    .filter((call) => {
      const value = urlValue(call);
      return value !== null && !env.guarded(call) && !env.consults(value, call);
    })
    .map((call) => ({ start: call.startIndex, end: call.endIndex }));
}

/** The value of `config.set_main_option("sqlalchemy.url", value)` or `set_section_option(s, "sqlalchemy.url", value)`. */
function urlValue(call: SyntaxNode): SyntaxNode | null {
  const method = call.childForFieldName('function')?.childForFieldName('attribute')?.text;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  const keyAt = method === 'set_main_option' ? 0 : method === 'set_section_option' ? 1 : -1;
  if (keyAt === -1) return null;
  const key = args[keyAt];
  if (!key || !/^[rbuRBU]?["']sqlalchemy\.url["']$/.test(key.text)) return null;
  return args[keyAt + 1] ?? null;
}

/** What reads the URL the caller configured. */
const CALLER_URL = /get_main_option|get_section_option|get_section\(|\.attributes|get_x_argument|x_arguments|\.cmd_opts/;

/** How many assignments deep a value is followed back (`url = u or settings.url; u = config.get_main_option(…)`). */
const MAX_DEPTH = 4;

class EnvFile {
  private readonly functions = new Map<string, SyntaxNode>();

  constructor(private readonly module: SyntaxNode) {
    for (const fn of module.descendantsOfType('function_definition')) {
      const name = fn.childForFieldName('name')?.text;
      if (name && fn.parent?.type === 'module') this.functions.set(name, fn);
    }
  }

  /** Inside an `if`/`while`/conditional expression whose condition consults the caller's URL. */
  guarded(call: SyntaxNode): boolean {
    for (let node: SyntaxNode = call, p = call.parent; p !== null; node = p, p = p.parent) {
      const condition = p.type === 'conditional_expression' ? p.namedChildren[1] : p.childForFieldName('condition');
      if (
        condition &&
        condition !== node &&
        /^(if_statement|elif_clause|while_statement|conditional_expression)$/.test(p.type) &&
        this.consults(condition, call)
      )
        return true;
    }
    return false;
  }

  /**
   * `node` reads the caller's URL: directly, through a name assigned from
   * something that does (before `at`, in its function or the module), or
   * through a function of this file that does.
   */
  consults(node: SyntaxNode, at: SyntaxNode, depth = 0): boolean {
    if (CALLER_URL.test(node.text)) return true;
    if (depth >= MAX_DEPTH) return false;
    const names = (node.type === 'identifier' ? [node] : node.descendantsOfType('identifier')).filter(isReference);
    return names.some((name) => {
      const fn = this.functions.get(name.text);
      if (fn && CALLER_URL.test(fn.text)) return true;
      return this.assignmentsTo(name.text, at).some((a) => this.consults(a.childForFieldName('right')!, a, depth + 1));
    });
  }

  private assignmentsTo(name: string, at: SyntaxNode): SyntaxNode[] {
    let scope = at.parent;
    while (scope !== null && scope.type !== 'function_definition') scope = scope.parent;
    const scopes = scope === null ? [this.module] : [scope, this.module];
    return scopes.flatMap((s) =>
      s
        .descendantsOfType('assignment')
        .filter((a) => a.startIndex < at.startIndex && a.childForFieldName('left')?.text === name && a.childForFieldName('right') !== null),
    );
  }
}

/** A name that refers to a variable or function, not an attribute name (`settings.url`) or a keyword (`url=…`). */
function isReference(identifier: SyntaxNode): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'attribute') return parent.childForFieldName('object')?.startIndex === identifier.startIndex;
  return parent?.type !== 'keyword_argument' || parent.childForFieldName('value')?.startIndex === identifier.startIndex;
}
