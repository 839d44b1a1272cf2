// Every droplint a test starts (the CLI, the language server) keeps its
// persistent cache in one temporary folder for the whole run, never in the
// user's cache folder; the folder is removed at the end. Tests about the cache
// itself give their own folder.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'droplint-test-cache-'));
  process.env.DROPLINT_CACHE_DIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
