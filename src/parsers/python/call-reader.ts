import type { SyntaxNode } from 'tree-sitter';
import { scanCall, type CallText, type SourceSpan } from './py-text.js';
import { UnicodePattern } from '../unicode-pattern.js';

/** A piece of a call (its callee, the receiver of a method, an argument): text first, node on demand. */
export interface Part extends SourceSpan {
  /** The syntax node of exactly this span; null only if the tree disagrees with the text. */
  node(): SyntaxNode | null;
}

/** A call: `callee(positional…, name=keyword…)`, and for a method call, its receiver and name. */
export interface Call {
  readonly callee: Part;
  /** `op` in `op.drop_table(…)`; null when the callee is not an attribute. */
  readonly receiver: Part | null;
  /** `drop_table` in `op.drop_table(…)`; '' when the callee is not an attribute. */
  readonly method: string;
  readonly positional: readonly Part[];
  readonly keyword: ReadonlyMap<string, Part>;
}

const IDENTIFIER = new UnicodePattern(/^[A-Za-z_][A-Za-z0-9_]*$/, String.raw`^[\p{L}_][\p{L}\p{N}_]*$`);
export const DOTTED_NAME = new UnicodePattern(
  /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/,
  String.raw`^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$`,
);
const METHOD = new UnicodePattern(/^([\s\S]*?\S)[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)$/, String.raw`^([\s\S]*?\S)[ \t]*\.[ \t]*([\p{L}_][\p{L}\p{N}_]*)$`);

export function isIdentifier(part: Part): boolean {
  return IDENTIFIER.test(part.text);
}

/**
 * Reads calls from the source text where it can (one string scan instead of a
 * native call per node, which costs microseconds each) and from the tree
 * where it cannot; both give the same parts.
 */
export class CallReader {
  constructor(
    private readonly module: SyntaxNode,
    private readonly source: string,
  ) {}

  /** The call whose node spans [start, end); `node` is that node, for the calls the text does not settle. */
  at(start: number, end: number, node: SyntaxNode): Call {
    const text = scanCall(this.source, start, end);
    return text === null ? this.ofTree(node) : this.fromText(text);
  }

  /** A call node's parts. */
  of(node: SyntaxNode): Call {
    return this.at(node.startIndex, node.endIndex, node);
  }

  /** The call a part is; null when it is no call (a name, a string, a sum). */
  asCall(part: Part): Call | null {
    const text = scanCall(this.source, part.start, part.end);
    // Text ending in `(…)` is a call only when what precedes is a name: not `a + f(x)`, `await f(x)`.
    if (text !== null && DOTTED_NAME.test(text.callee.text)) return this.fromText(text);
    const node = part.node();
    return node?.type === 'call' ? this.ofTree(node) : null;
  }

  /** A call split by `scanCall`, as parts. */
  fromText({ callee, positional, keyword }: CallText): Call {
    const method = METHOD.exec(callee.text);
    const receiverText = method?.[1];
    return {
      callee: this.part(callee),
      receiver: receiverText === undefined ? null : this.part({ start: callee.start, end: callee.start + receiverText.length, text: receiverText }),
      method: method?.[2] ?? '',
      positional: positional.map((p) => this.part(p)),
      keyword: new Map([...keyword].map(([name, p]) => [name, this.part(p)])),
    };
  }

  /** A call node's parts as the tree has them: what the text, where it settles the call, must agree with. */
  ofTree(node: SyntaxNode): Call {
    const fn = node.childForFieldName('function');
    const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    const positional: Part[] = [];
    const keyword = new Map<string, Part>();
    for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (name && value) keyword.set(name, nodePart(value));
      } else if (arg.type !== 'comment') positional.push(nodePart(arg));
    }
    return {
      callee: fn ? nodePart(fn) : { start: node.startIndex, end: node.startIndex, text: '', node: () => null },
      receiver: receiver ? nodePart(receiver) : null,
      method: receiver ? (fn!.childForFieldName('attribute')?.text ?? '') : '',
      positional,
      keyword,
    };
  }

  private part(span: SourceSpan): Part {
    return new TextPart(this.module, span.start, span.end, span.text);
  }
}

/** A part read from the text; its node is looked up once, when asked. */
class TextPart implements Part {
  private found: SyntaxNode | null | undefined;

  constructor(
    private readonly module: SyntaxNode,
    readonly start: number,
    readonly end: number,
    readonly text: string,
  ) {}

  node(): SyntaxNode | null {
    if (this.found === undefined) {
      const node = this.module.namedDescendantForIndex(this.start, this.end);
      this.found = node.startIndex === this.start && node.endIndex === this.end ? node : null;
    }
    return this.found;
  }
}

function nodePart(node: SyntaxNode): Part {
  return { start: node.startIndex, end: node.endIndex, text: node.text, node: () => node };
}
