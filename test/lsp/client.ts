/**
 * A minimal LSP client for the tests: it starts `node bin/droplint.js lsp`
 * and speaks JSON-RPC over the process's standard streams, with every wait
 * bounded so that a broken server fails the test instead of hanging it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
} from 'vscode-languageserver/node';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'bin', 'droplint.js');
export const WAIT_MS = 10_000;

/** A fresh folder under the system's temporary folder (its real path: URIs must match). */
export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
}

/**
 * Temporary workspaces and the clients started on them, for one test file:
 * all removed after each test.
 */
export function scratch(prefix: string): { workspace: (files: Record<string, string>) => string; track: (client: LspClient) => LspClient } {
  let clients: LspClient[] = [];
  let dirs: string[] = [];
  afterEach(() => {
    for (const client of clients) client.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    clients = [];
    dirs = [];
  });
  return {
    workspace(files) {
      const root = tempDir(prefix);
      dirs.push(root);
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), text);
      }
      return root;
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  stderr = '';
  private readonly listeners = new Set<() => void>();
  private readonly exited: Promise<number | null>;
  private versions = new Map<string, number>();

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        resolve(code);
        this.notify();
      }),
    );
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.notify();
    });
    this.connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      this.messages.push(params);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.listen();
  }

  static start(): LspClient {
    return new LspClient(spawn(process.execPath, [BIN, 'lsp'], { cwd: REPO, stdio: 'pipe' }));
  }

  async initialize(root: string): Promise<InitializeResult> {
    const result = await this.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: {} } },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return within(this.connection.sendRequest<T>(method, params), `${method} request`, this);
  }

  async open(file: string, text: string, languageId = 'sql'): Promise<number> {
    this.versions.set(file, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId, version: 1, text } });
    return 1;
  }

  /** Replaces the whole text, as a full-text change; returns the new version. */
  async change(file: string, text: string): Promise<number> {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends incremental changes (ranges in LSP positions); returns the new version. */
  async edit(file: string, changes: Array<{ range: unknown; text: string }>): Promise<number> {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(file), version }, contentChanges: changes });
    return version;
  }

  /** The diagnostics the server publishes for `file` at `version` (the first such publication after `since`). */
  async diagnostics(file: string, version: number, since = 0): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    const found = await this.until(
      () => this.published.slice(since).find((p) => p.uri === uri && p.version === version),
      `diagnostics for ${path.basename(file)} v${version}`,
    );
    return found.diagnostics;
  }

  codeActions(file: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range, context: { diagnostics } });
  }

  /** Resolves with `probe`'s first non-undefined value; rejects after WAIT_MS. */
  until<T>(probe: () => T | undefined, what: string, ms = WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; server stderr: ${this.stderr}`));
      }, ms);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** `shutdown` then `exit`; resolves with the exit status. */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    await this.connection.sendNotification('exit');
    return within(this.exited, 'the server to exit', this);
  }

  /** Ends the server if a test left it running. */
  dispose(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function within<T>(promise: Promise<T>, what: string, client: LspClient): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; server stderr: ${client.stderr}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
