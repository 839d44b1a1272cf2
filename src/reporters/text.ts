import { compareDiagnostics, type Diagnostic, type LintResult, type Severity } from '../engine/diagnostic.js';
import { LineIndex } from '../ir/source-text.js';

export interface TextOptions {
  readonly color: boolean;
}

const TAB = '    ';
/** Lines longer than this (in characters) are shown as a window around the span. */
const LONG_LINE = 200;
/** Characters of the line shown in a window. */
const WINDOW = 160;
/** Characters kept before the span when a window is cut. */
const CONTEXT = 40;

const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const SEVERITY_COLOR: Record<Severity, string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[34m',
};

/** Human-readable report in the style of rustc and ruff: header, code frame, help, then a summary. */
export function renderText(result: LintResult, options: TextOptions): string {
  const paint = (code: string, text: string): string => (options.color ? code + text + RESET : text);
  const indexes = new Map<string, LineIndex | null>();
  const indexOf = (file: string): LineIndex | null => {
    if (!indexes.has(file)) {
      const text = result.sources.get(file);
      indexes.set(file, text === undefined ? null : new LineIndex(text));
    }
    return indexes.get(file)!;
  };

  const blocks = groupBySpan([...result.diagnostics].sort(compareDiagnostics)).map((group) => renderGroup(group, indexOf(group[0]!.file), paint));
  return blocks.map((block) => block + '\n\n').join('') + summary(result) + '\n';
}

type Paint = (code: string, text: string) => string;

/**
 * Findings that share one span, in sorted order: one `drop_all(tables=[…])`
 * call drops many tables, and a drop may break several rules; each group is
 * shown under one code frame.
 */
function groupBySpan(diagnostics: readonly Diagnostic[]): Diagnostic[][] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = `${d.file}\u0000${d.line}:${d.column}:${d.endLine}:${d.endColumn}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()];
}

/** One header line per finding, then the shared code frame (underlined in the gravest finding's colour), then each distinct help. */
function renderGroup(group: readonly Diagnostic[], index: LineIndex | null, paint: Paint): string {
  const d = group[0]!;
  const lines = group.map(
    (g) => `${clean(g.file)}:${g.line}:${g.column}: ${paint(SEVERITY_COLOR[g.severity], g.severity)}[${paint(BOLD, clean(g.rule))}] ${clean(g.message)}`,
  );
  const pad = ' '.repeat(String(d.line).length);
  const gravest = group.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));

  if (index !== null && d.line >= 1 && d.line <= index.lineCount) {
    const frame = codeFrame(d, index.lineText(d.line));
    lines.push(paint(DIM, `${pad} |`));
    lines.push(paint(DIM, `${d.line} |`) + (frame.text === '' ? '' : ' ' + frame.text));
    lines.push(paint(DIM, `${pad} |`) + ' ' + ' '.repeat(frame.caretStart) + paint(SEVERITY_COLOR[gravest.severity], '^'.repeat(frame.caretWidth)));
  }
  for (const help of new Set(group.map((g) => g.help))) if (help !== '') lines.push(paint(DIM, `${pad} =`) + ` help: ${clean(help)}`);
  return lines.join('\n');
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

interface Frame {
  /** The line as displayed: tabs expanded, controls made visible, maybe cut. */
  readonly text: string;
  /** Display columns before the first caret. */
  readonly caretStart: number;
  readonly caretWidth: number;
}

function codeFrame(d: Diagnostic, line: string): Frame {
  // Diagnostic columns count code points, so the line is handled as an array of them.
  const chars = Array.from(line);
  const len = chars.length;
  const start = clamp(d.column - 1, 0, len);
  // A span that leaves the line is underlined to its end; one past the end is
  // kept so that a point at the end of the line still gets its caret.
  const rawEnd = d.endLine > d.line ? Infinity : d.endColumn - 1;
  const end = Math.max(Math.min(rawEnd, len), start + 1);

  let from = 0;
  let to = len;
  if (len > LONG_LINE) {
    from = Math.max(0, start - CONTEXT);
    to = Math.min(len, from + WINDOW);
    from = Math.max(0, Math.min(from, to - WINDOW));
  }
  const before = from > 0 ? '…' : '';
  const after = to < len ? '…' : '';

  const shown = chars.slice(from, to).map(display);
  // Every code point takes one column except the tab; the column one past the
  // end of the line is a virtual blank cell.
  const cellWidth = (i: number): number => (chars[i] === '\t' ? TAB.length : 1);
  let caretStart = before.length;
  for (let i = from; i < start; i++) caretStart += cellWidth(i);
  let caretWidth = 0;
  for (let i = start; i < Math.min(end, Math.max(to, start + 1)); i++) caretWidth += cellWidth(i);

  return { text: before + shown.join('') + after, caretStart, caretWidth: Math.max(caretWidth, 1) };
}

function display(char: string): string {
  if (char === '\t') return TAB;
  return clean(char);
}

/**
 * Control characters would move the cursor or, for ESC, start a terminal
 * sequence from file content; they are shown as one visible column instead.
 */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function summary(result: LintResult): string {
  const count = (severity: Severity): number => result.diagnostics.filter((d) => d.severity === severity).length;
  const files = plural(result.fileCount, 'file');
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'info'],
  ] as const;
  const found = parts.filter(([n]) => n > 0).map(([n, word]) => plural(n, word));
  const list = found.length === 1 ? found[0]! : `${found.slice(0, -1).join(', ')} and ${found.at(-1)!}`;
  const line = found.length === 0 ? `No problems found in ${files}.` : `Found ${list} in ${files}.`;
  return line + skippedNote(result.skippedCount ?? 0);
}

/** Says what was left out and how to lint it anyway, so that nothing is missed in silence. */
function skippedNote(skipped: number): string {
  if (skipped === 0) return '';
  const which = skipped === 1 ? '1 .sql file was' : `${skipped} .sql files were`;
  return (
    `\n${which} skipped: of no known migration layout, and not in a migrations folder (or a template).` +
    ' To lint one, name it on the command line, or match it with `include` or an `[[overrides]]` entry in the configuration.'
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
