import type Parser from 'tree-sitter';
import type { SyntaxNode } from 'tree-sitter';

/** The binding's node class, which the module exports beside the parser (its typings do not say so). */
type SyntaxNodeClass = new (...args: never[]) => SyntaxNode;

/** The native binding's function that tree-sitter's own setLanguage asks the type names from. */
type TypeNames = (language: Parser.Language) => ReadonlyArray<string | undefined>;

/**
 * Sets the grammar on the parser without tree-sitter's node classes. Given a
 * grammar's node types, tree-sitter makes one class of node per type, each
 * compiled with `new Function` and given getters for its fields: ~12 ms of
 * every run that reads Python, for getters droplint never uses (it asks
 * `childForFieldName`). Given none, it makes none, and droplint sets its own,
 * one per type id, made without compiling, each with its type's name as
 * tree-sitter's own have. Should the binding not be found as expected,
 * tree-sitter makes its own.
 */
export function setLanguageLight(
  parser: Parser,
  language: Parser.Language,
  treeSitter: typeof Parser,
  loaded: Record<string, { exports?: unknown } | undefined>,
): void {
  const syntaxNode = (treeSitter as unknown as { SyntaxNode?: SyntaxNodeClass }).SyntaxNode;
  // The binding tree-sitter loaded, among the modules loaded: the one with the function its setLanguage calls.
  const binding = Object.values(loaded).find((m) => typeof (m?.exports as { getNodeTypeNamesById?: unknown } | undefined)?.getNodeTypeNamesById === 'function');
  const typeNames = (binding?.exports as { getNodeTypeNamesById: TypeNames } | undefined)?.getNodeTypeNamesById;
  if (syntaxNode === undefined || typeNames === undefined) {
    parser.setLanguage(language);
    return;
  }
  const light: Parser.Language & { nodeSubclasses?: SyntaxNodeClass[] } = { ...language, nodeTypeInfo: [] };
  parser.setLanguage(light);
  light.nodeSubclasses = typeNames(light).map((type) => {
    if (!type) return syntaxNode;
    const NodeOfType = class extends syntaxNode {};
    Object.defineProperty(NodeOfType.prototype, 'type', { value: type, enumerable: true });
    return NodeOfType;
  });
}
