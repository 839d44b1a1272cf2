import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Dialect } from '../ir/unit.js';
import { analyzeSql } from '../parsers/sql/analyze.js';
import { SOURCE } from './convert.js';

export const SUPPRESS_TITLE = 'Suppress with a droplint-ignore comment (add a reason)';

/**
 * The quick fix for one droplint diagnostic: a `droplint-ignore <rule>: TODO
 * reason` comment on a new line above the statement it is in, indented like
 * that line. A finding in SQL outside every statement (a Prisma `Warnings:`
 * header item) can only be silenced for the whole file: there the comment is
 * `droplint-ignore-file`, on the first line. Null for diagnostics no comment
 * can silence (those about suppression comments themselves).
 */
export async function suppressionAction(
  document: TextDocument,
  diagnostic: LspDiagnostic,
  language: SuppressionLanguage,
  unsuppressible: ReadonlySet<string>,
): Promise<CodeAction | null> {
  if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || unsuppressible.has(diagnostic.code)) return null;
  const line =
    language.kind === 'sql'
      ? await statementLine(document, diagnostic, language.dialect)
      : language.kind === 'script'
        ? await scriptStatementLine(document, diagnostic)
        : diagnostic.range.start.line;
  const comment = language.kind === 'sql' ? '--' : language.kind === 'script' ? '//' : '#';
  const edit =
    line === null
      ? suppressionEdit(document.getText(), 0, diagnostic.code, comment, 'file')
      : suppressionEdit(document.getText(), line, diagnostic.code, comment);
  return {
    title: SUPPRESS_TITLE,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [edit] } },
  };
}

/** How a document's comments are written, and for SQL, how it is lexed. */
export type SuppressionLanguage = { readonly kind: 'sql'; readonly dialect: Dialect } | { readonly kind: 'python' } | { readonly kind: 'script' };

/** Inserts the comment as a new line above 0-based `line`, with that line's indentation and the text's line ending. */
export function suppressionEdit(text: string, line: number, rule: string, comment: '--' | '#' | '//', scope: 'statement' | 'file' = 'statement'): TextEdit {
  const lineText = lineAt(text, line);
  const indent = /^[ \t]*/.exec(lineText)![0];
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const position = { line, character: 0 };
  return {
    range: { start: position, end: position },
    newText: `${indent}${comment} droplint-ignore${scope === 'file' ? '-file' : ''} ${rule}: TODO reason${eol}`,
  };
}

function lineAt(text: string, line: number): string {
  return text.split(/\r\n|\n|\r/)[line] ?? '';
}

/**
 * The 0-based line where the top-level statement holding the diagnostic
 * starts: a comment above a later line of a statement (the second clause of an
 * `ALTER TABLE`, a `DROP` inside a `DO` block) would cover nothing. Null when
 * it is in no statement (a comment header).
 */
async function statementLine(document: TextDocument, diagnostic: LspDiagnostic, dialect: Dialect): Promise<number | null> {
  const offset = document.offsetAt(diagnostic.range.start);
  const { statements } = await analyzeSql(document.getText(), { dialect, phase: 'none' });
  const statement = statements.find((s) => s.start <= offset && offset < Math.max(s.end, s.start + 1));
  return statement === undefined ? null : document.positionAt(statement.start).line;
}

/**
 * The 0-based line of the innermost TS/JS statement holding the diagnostic: a
 * finding in SQL inside a multi-line template literal needs its comment above
 * the call, not inside the string.
 */
async function scriptStatementLine(document: TextDocument, diagnostic: LspDiagnostic): Promise<number> {
  const offset = document.offsetAt(diagnostic.range.start);
  const { statementAt } = await import('../parsers/typescript/script-file.js');
  const start = statementAt(document.getText(), document.uri, offset);
  return start === null ? diagnostic.range.start.line : document.positionAt(start).line;
}
