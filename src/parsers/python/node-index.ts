import type { SyntaxNode } from 'tree-sitter';

export interface IndexedNode {
  readonly node: SyntaxNode;
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Nodes of one tree in source order (as one native query returns them), with
 * their type and offsets read once, to find those inside a node without
 * asking the binding again: each native call costs microseconds, each query
 * tens of them.
 */
export class NodeIndex {
  private readonly entries: readonly IndexedNode[];

  /** The nodes of these types under `root` (itself included), found by one native query. */
  static of(root: SyntaxNode, types: readonly string[]): NodeIndex {
    return new NodeIndex(root.descendantsOfType([...types]));
  }

  private constructor(nodes: readonly SyntaxNode[]) {
    this.entries = nodes.map((node) => ({ node, type: node.type, start: node.startIndex, end: node.endIndex }));
  }

  ofType(type: string): IndexedNode[] {
    return this.entries.filter((e) => e.type === type);
  }

  /** The indexed nodes inside `node` (itself included), outermost first. */
  *within(node: SyntaxNode): Generator<IndexedNode> {
    const start = node.startIndex;
    const end = node.endIndex;
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.entries.length && this.entries[i]!.start < end; i++) {
      const entry = this.entries[i]!;
      // An enclosing node may start where `node` does (`f(x).g` is inside `f(x).g()`); it ends later.
      if (entry.end <= end) yield entry;
    }
  }
}
