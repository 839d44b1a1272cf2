/**
 * Just enough of the POSIX shell to find the simple commands of a command
 * line or script: words with their quotes removed and their spans, split at
 * `&&`, `||`, `;`, `|`, `&`, newlines and parentheses. Comments are dropped.
 * Expansions (`$VAR`, `$(…)`) stay inside their word: droplint does not run them.
 */

export interface Word {
  /** The word with its quotes and escapes removed. */
  readonly text: string;
  /** Offsets in the script text. */
  readonly start: number;
  readonly end: number;
  /**
   * Offset in the script of the word's `text[0]` when the text is the
   * script's characters unchanged (plain, or one quoted string without
   * escapes); null otherwise.
   */
  readonly exactAt: number | null;
}

export interface SimpleCommand {
  readonly words: readonly Word[];
  /** The operator before it: `||` makes it run when the command before fails. */
  readonly after: '&&' | '||' | ';' | '|' | '&' | null;
}

const SEPARATORS = ['&&', '||', ';', '|', '&', '\n', '(', ')'] as const;

export function splitCommands(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let after: SimpleCommand['after'] = null;
  let i = 0;
  const flush = (next: SimpleCommand['after']): void => {
    if (words.length > 0) commands.push({ words, after });
    words = [];
    after = next;
  };
  while (i < script.length) {
    const c = script[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '\\' && script[i + 1] === '\n') {
      i += 2;
    } else if (c === '#') {
      while (i < script.length && script[i] !== '\n') i++;
    } else {
      const separator = SEPARATORS.find((s) => script.startsWith(s, i));
      if (separator !== undefined) {
        flush(separator === '\n' || separator === '(' || separator === ')' ? ';' : separator);
        i += separator.length;
      } else {
        const word = readWord(script, i);
        words.push(word);
        i = word.end;
      }
    }
  }
  flush(null);
  return commands;
}

function readWord(script: string, start: number): Word {
  let text = '';
  let i = start;
  let exact = true;
  let quoted = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      quoted++;
      const close = findClose(script, i + 1, c);
      const body = script.slice(i + 1, close);
      if (c === '"' && body.includes('\\')) exact = false;
      text += c === '"' ? body.replace(/\\(["\\$`])/g, '$1') : body;
      i = Math.min(close + 1, script.length);
    } else if (c === '\\') {
      exact = false;
      text += script[i + 1] ?? '';
      i += 2;
    } else if (c === '$' && script[i + 1] === '(') {
      const close = findParen(script, i + 2);
      text += script.slice(i, close + 1);
      i = Math.min(close + 1, script.length);
    } else if (/[\s;&|()]/.test(c)) {
      break;
    } else {
      text += c;
      i++;
    }
  }
  // A word that is one quoted string maps to the text inside the quotes; a partly quoted one does not.
  const whollyQuoted = quoted === 1 && (script[start] === "'" || script[start] === '"') && i - start === text.length + 2;
  const plain = quoted === 0 && i - start === text.length;
  return { text, start, end: i, exactAt: exact && whollyQuoted ? start + 1 : exact && plain ? start : null };
}

function findClose(script: string, from: number, quote: string): number {
  for (let i = from; i < script.length; i++) {
    if (script[i] === '\\' && quote === '"') i++;
    else if (script[i] === quote) return i;
  }
  return script.length;
}

function findParen(script: string, from: number): number {
  let depth = 1;
  for (let i = from; i < script.length; i++) {
    if (script[i] === '(') depth++;
    else if (script[i] === ')' && --depth === 0) return i;
  }
  return script.length;
}
