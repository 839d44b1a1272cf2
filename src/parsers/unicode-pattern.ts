/**
 * A regular expression written with Unicode property classes (`\p{L}`,
 * `\p{N}`), matched on ASCII text by its ASCII twin. V8 builds a property
 * class from ICU's tables when the expression is created and compiles it on
 * first use, ~0.5–1 ms each in a fresh process: a one-file run pays that for
 * every such expression it loads, where nearly every name it reads is ASCII.
 * The Unicode expression is made only for text that is not.
 *
 * The twin must match exactly what the Unicode expression matches on ASCII
 * text: `[A-Za-z]` for `\p{L}`, `[0-9]` for `\p{N}` (no other ASCII character
 * is a letter or a number), the rest alike.
 */
export class UnicodePattern {
  private unicode: RegExp | null = null;

  constructor(
    private readonly ascii: RegExp,
    private readonly unicodeSource: string,
  ) {}

  exec(text: string): RegExpExecArray | null {
    return this.for(text).exec(text);
  }

  test(text: string): boolean {
    return this.for(text).test(text);
  }

  /** Text with a character other than printable ASCII and tab or line breaks takes the Unicode expression (a control character gives both the same answer). */
  private for(text: string): RegExp {
    if (!NOT_PLAIN_ASCII.test(text)) return this.ascii;
    this.unicode ??= new RegExp(this.unicodeSource, 'u');
    return this.unicode;
  }
}

const NOT_PLAIN_ASCII = /[^\t\n\r\x20-\x7e]/;
