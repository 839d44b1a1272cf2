import type { Diagnostic as LspDiagnostic, Position, Range } from 'vscode-languageserver/node';
import type { Diagnostic, Severity } from '../engine/diagnostic.js';
import { LineIndex } from '../ir/source-text.js';

/** LSP's DiagnosticSeverity values (the enum lives in the LSP library, loaded lazily). */
const SEVERITY: Readonly<Record<Severity, 1 | 2 | 3>> = { error: 1, warning: 2, info: 3 };

export const SOURCE = 'droplint';

/**
 * Maps droplint positions (1-based lines, 1-based columns counting code points)
 * to LSP positions (0-based lines, 0-based columns counting UTF-16 code units)
 * in the text droplint read.
 */
export class PositionMap {
  private readonly lines: LineIndex;

  /**
   * `text` is what droplint linted; `bom` is 1 when the editor's buffer starts
   * with a byte order mark that droplint dropped (it shifts line 1 by one unit).
   */
  constructor(
    private readonly text: string,
    private readonly bom: 0 | 1 = 0,
  ) {
    this.lines = new LineIndex(text);
  }

  position(line: number, column: number): Position {
    if (line > this.lines.lineCount) {
      const last = this.lines.lineCount;
      return { line: last - 1, character: this.lines.lineText(last).length + (last === 1 ? this.bom : 0) };
    }
    const start = this.lines.lineStart(line);
    const end = start + this.lines.lineText(line).length;
    let offset = start;
    // Counted as droplint counts (src/ir/source-text.ts): a low surrogate after
    // another unit of its line is part of the character before it.
    for (let counted = 1; counted < column && offset < end; counted++) {
      offset++;
      while (offset < end && isLowSurrogate(this.text.charCodeAt(offset))) offset++;
    }
    return { line: line - 1, character: offset - start + (line === 1 ? this.bom : 0) };
  }

  range(d: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
    return { start: this.position(d.line, d.column), end: this.position(d.endLine, d.endColumn) };
  }
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * One droplint diagnostic as an LSP diagnostic. Rules have no documentation
 * URLs (yet): `codeDescription` is only set when a rule's help is one, and
 * otherwise the help sentence follows the message.
 */
export function toLspDiagnostic(d: Diagnostic, positions: PositionMap): LspDiagnostic {
  const url = /^https?:\/\/\S+$/.test(d.help) ? d.help : null;
  const help = d.help.trim();
  return {
    range: positions.range(d),
    severity: SEVERITY[d.severity],
    source: SOURCE,
    code: d.rule,
    ...(url === null ? {} : { codeDescription: { href: url } }),
    message: url === null && help.length > 0 ? `${d.message}\n${help}` : d.message,
  };
}
