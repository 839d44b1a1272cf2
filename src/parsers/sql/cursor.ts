import type { TableRef } from '../../ir/operations.js';
import type { Token } from './lexer.js';

/** A read position over one statement's tokens, with the lookahead the recognizers need. */
export class Cursor {
  /** Index of the statement's first token. */
  readonly from: number;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    public pos: number,
    readonly end: number,
  ) {
    this.from = pos;
  }

  /** The source range of the whole statement. */
  span(): { start: number; end: number } {
    return { start: this.tokens[this.from]!.start, end: this.tokens[this.end - 1]!.end };
  }

  /** Source range of tokens `[from, this.end)`. */
  spanFrom(from: number): { start: number; end: number } {
    return { start: this.tokens[from]!.start, end: this.tokens[this.end - 1]!.end };
  }

  isWordAt(i: number, value: string): boolean {
    const t = this.tokens[i];
    return i < this.end && t !== undefined && t.type === 'word' && t.value === value;
  }

  punctAt(i: number, value: string): boolean {
    const t = this.tokens[i];
    return i < this.end && t !== undefined && t.type === 'punct' && t.value === value;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  peek(ahead = 0): Token | undefined {
    const i = this.pos + ahead;
    return i < this.end ? this.tokens[i] : undefined;
  }

  /** The current token, which the caller has checked exists. */
  get current(): Token {
    return this.tokens[this.pos]!;
  }

  isWord(value: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.type === 'word' && t.value === value;
  }

  isPunct(value: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.type === 'punct' && t.value === value;
  }

  /** Consumes the words in order if they all come next. */
  accept(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!this.isWord(words[k]!, k)) return false;
    this.pos += words.length;
    return true;
  }

  acceptPunct(value: string): boolean {
    if (!this.isPunct(value)) return false;
    this.pos++;
    return true;
  }

  /** Consumes one of the words and returns it, or null. */
  acceptOneOf(words: ReadonlySet<string>): string | null {
    const t = this.peek();
    if (t?.type === 'word' && words.has(t.value)) {
      this.pos++;
      return t.value;
    }
    return null;
  }

  /** ClickHouse's `ON CLUSTER name` (a name, a string or a `{placeholder}`), skipped when next. */
  skipOnCluster(): void {
    if (this.accept('ON', 'CLUSTER')) this.pos++;
    // A templated migration's placeholder for the clause (bun's `?ON_CLUSTER`).
    else if (this.peek()?.type === 'param' && /^\?ON_CLUSTER$/i.test(this.peek()!.value)) this.pos++;
  }

  /** Skips a balanced `( … )` group when one starts at the cursor. */
  skipGroup(): void {
    if (this.isPunct('(')) this.pos = Math.min(this.end, this.closingParen(this.pos) + 1);
  }

  /** Index of the `)` closing the `(` at `open`, or `end` when unbalanced. */
  closingParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.end; i++) {
      const t = this.tokens[i]!;
      if (t.type !== 'punct') continue;
      if (t.value === '(') depth++;
      else if (t.value === ')' && --depth === 0) return i;
    }
    return this.end;
  }

  /** An identifier as written: quoted names unquoted, bare names with their case kept. */
  identifierAt(i: number): string | null {
    const t = this.tokens[i];
    if (t === undefined || i >= this.end) return null;
    if (t.type === 'ident') return t.value;
    if (t.type === 'word') return this.text.slice(t.start, t.end);
    // A placeholder the migration tool fills in (`${schema}`, ClickHouse's `{db:Identifier}`, bun's `?DB`, psql's `:schema`) stands for a name.
    if (t.type === 'param' && (t.value.startsWith('${') || t.value.startsWith('{') || /^(\?[A-Za-z_]|:"?[A-Za-z_])/.test(t.value))) return t.value;
    return null;
  }

  /** Reads `name`, `schema.name` or `db.schema.name`; null when no name is next. */
  readName(): { ref: TableRef; start: number; end: number } | null {
    const first = this.identifierAt(this.pos);
    if (first === null) return null;
    const startTok = this.current;
    const parts = [first];
    let last = startTok;
    this.pos++;
    while (this.isPunct('.') && this.identifierAt(this.pos + 1) !== null) {
      parts.push(this.identifierAt(this.pos + 1)!);
      last = this.tokens[this.pos + 1]!;
      this.pos += 2;
    }
    const name = parts[parts.length - 1]!;
    const schema = parts.length >= 2 ? parts[parts.length - 2]! : null;
    return { ref: { schema, name }, start: startTok.start, end: last.end };
  }

  /** Splits `[from, to)` at top-level commas. */
  splitCommas(from: number, to: number): Array<[number, number]> {
    const parts: Array<[number, number]> = [];
    let depth = 0;
    let start = from;
    for (let i = from; i < to; i++) {
      const t = this.tokens[i]!;
      if (t.type !== 'punct') continue;
      if (t.value === '(' || t.value === '[') depth++;
      else if (t.value === ')' || t.value === ']') depth--;
      else if (t.value === ',' && depth === 0) {
        parts.push([start, i]);
        start = i + 1;
      }
    }
    if (start < to) parts.push([start, to]);
    return parts;
  }

  /** Source text covered by tokens `[from, to)`. */
  textOf(from: number, to: number): string {
    if (from >= to) return '';
    return this.text.slice(this.tokens[from]!.start, this.tokens[to - 1]!.end);
  }
}
