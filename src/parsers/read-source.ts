import { readFileSync } from 'node:fs';

/** A file's text, or why it has none. */
export type ReadResult = { readonly text: string; readonly problem: null } | { readonly text: ''; readonly problem: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as a migration file must be: UTF-8 text, without NUL bytes. A BOM is dropped. */
export function decodeSource(bytes: Uint8Array): ReadResult {
  if (bytes.includes(0)) return { text: '', problem: 'binary file (contains NUL bytes); not a migration droplint can read' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { text: '', problem: 'not valid UTF-8 text; droplint reads migrations as UTF-8' };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, problem: null };
}

/** What the common read errors mean, for the user. */
const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file, or a broken symbolic link',
  ELOOP: 'symbolic link loop',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
};

export function readSource(absPath: string): ReadResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = READ_ERRORS[code];
    return { text: '', problem: why === undefined ? `cannot read file (${code})` : `cannot read file (${code}: ${why})` };
  }
  return decodeSource(bytes);
}
