import type Parser from 'tree-sitter';
import type { SyntaxNode } from 'tree-sitter';

/** The binding's node class, which the module exports beside the parser (its typings do not say so). */
type SyntaxNodeClass = new (...args: never[]) => SyntaxNode;

/**
 * Sets the grammar on the parser without tree-sitter's node classes. Given a
 * grammar's node types, tree-sitter makes one class of node per type, each
 * compiled with `new Function` and given getters for its fields: ~12 ms of
 * every run that reads Python, for getters droplint never uses (it asks
 * `childForFieldName`). Given none, it makes none, and droplint sets its own,
 * one per type id, made without compiling: each reads its `type` from the
 * binding once, then keeps it on the class, as tree-sitter's own do.
 */
export function setLanguageLight(parser: Parser, language: Parser.Language, treeSitter: typeof Parser): void {
  const syntaxNode = (treeSitter as unknown as { SyntaxNode: SyntaxNodeClass }).SyntaxNode;
  const light: Parser.Language & { nodeSubclasses?: SyntaxNodeClass[] } = { ...language, nodeTypeInfo: [] };
  parser.setLanguage(light);
  if (!('type' in syntaxNode.prototype) || light.nodeSubclasses === undefined) return;
  light.nodeSubclasses = light.nodeSubclasses.map(() => {
    const NodeOfType = class extends syntaxNode {};
    Object.defineProperty(NodeOfType.prototype, 'type', {
      configurable: true,
      get(this: SyntaxNode): string {
        // The binding's getter, with this node as `this`.
        const type = Reflect.get(syntaxNode.prototype, 'type', this) as string;
        Object.defineProperty(NodeOfType.prototype, 'type', { value: type, enumerable: true });
        return type;
      },
    });
    return NodeOfType;
  });
}
