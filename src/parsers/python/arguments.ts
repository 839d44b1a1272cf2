import type { SyntaxNode } from 'tree-sitter';
import type { Call, Part } from './call-reader.js';
import { evaluate, type PyValue, type Scope, UNKNOWN } from './values.js';

/**
 * Binds a helper's parameters in `scope` to the values a call passes, as
 * Python would: positional arguments in order (`*cols` spread when its list
 * is known), `*rest` gets what is left, keywords by name, then defaults
 * (read in the helper's module). What cannot be told stays unknown.
 */
export function bindArguments(fn: SyntaxNode, call: Call, value: (part: Part) => PyValue, scope: Scope, defaults: Scope): void {
  const positional: PyValue[] = [];
  // After a `*args` of unknown length, no later parameter's value can be told.
  let open = false;
  let keywordsOpen = false;
  for (const part of call.positional) {
    if (part.text.startsWith('**')) keywordsOpen = true;
    else if (part.text.startsWith('*')) {
      const inner = part.node()?.namedChildren[0];
      const spread = inner && !open ? value({ start: inner.startIndex, end: inner.endIndex, text: inner.text, node: () => inner }) : UNKNOWN;
      if (spread.kind === 'list') positional.push(...spread.items);
      else open = true;
    } else if (!open) positional.push(value(part));
  }
  let next = 0;
  let keywordOnly = false;
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const kind = parameter.type === 'typed_parameter' ? (parameter.namedChildren[0]?.type ?? '') : parameter.type;
    if (kind === 'list_splat_pattern') {
      const name = identifierIn(parameter);
      if (name) scope.bindValue(name, open ? UNKNOWN : { kind: 'list', items: positional.slice(next) });
      next = positional.length;
      keywordOnly = true;
      continue;
    }
    if (kind === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    const name = kind === 'dictionary_splat_pattern' ? null : identifierIn(parameter);
    if (name === null) {
      const rest = identifierIn(parameter);
      if (rest) scope.bindValue(rest, UNKNOWN);
      continue;
    }
    const keyword = call.keyword.get(name);
    const fallback = parameter.childForFieldName('value');
    if (!keywordOnly && next < positional.length) scope.bindValue(name, positional[next++]!);
    else if (keyword) scope.bindValue(name, value(keyword));
    else if (open || keywordsOpen || !fallback) scope.bindValue(name, UNKNOWN);
    else scope.bindValue(name, evaluate(fallback, defaults));
  }
}

function identifierIn(parameter: SyntaxNode): string | null {
  if (parameter.type === 'identifier') return parameter.text;
  const named = parameter.childForFieldName('name');
  if (named?.type === 'identifier') return named.text;
  const first = parameter.namedChildren[0];
  return first ? identifierIn(first) : null;
}
