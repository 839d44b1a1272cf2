import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatWithOptions } from 'node:util';
import {
  CodeActionKind,
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadConfig } from '../config/load.js';
import { fileSettings } from '../config/overrides.js';
import { DEFAULT_CONFIG, type LoadedConfig } from '../config/types.js';
import { hasLintableExtension, isSqlFileName } from '../discover/lintable.js';
import { surfaceKind } from '../parsers/deploy/project.js';
import { SCRIPT_EXTENSIONS } from '../discover/script-migrations.js';
import { displayPath } from '../display-path.js';
import { LOCK_FILE, readLockFile } from '../parsers/prisma/lock-file.js';
import { detectDialect } from '../parsers/sql/detect-dialect.js';
import { keepTrees } from '../parsers/python/python.js';
import { openProjectCache } from '../cache/location.js';
import { ParseCache } from '../parsers/parse-cache.js';
import { lintPaths } from '../pipeline.js';
import type { RuleRegistry } from '../engine/registry.js';
import { PositionMap, toLspDiagnostic } from './convert.js';
import { suppressionAction, type SuppressionLanguage } from './suppress.js';

/** How long a document must stay unchanged before it is linted again. */
export const DEBOUNCE_MS = 150;
/** Parse trees kept for incremental reparsing: the Python files edited last. */
const EDITED_FILES_KEPT = 16;

/**
 * `droplint lsp`: a language server on standard input and output. The
 * returned promise never settles: the process ends on the `exit` notification
 * (status 0 after `shutdown`, else 1) or when the client closes the stream.
 */
export function runLanguageServer(registry: RuleRegistry): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // Standard output carries the protocol: any stray console output goes to the client's log instead.
  const log = (...args: unknown[]): void => connection.console.log(formatWithOptions({ colors: false }, ...args));
  console.log = console.info = console.debug = log;
  console.warn = console.error = (...args: unknown[]) => connection.console.error(formatWithOptions({ colors: false }, ...args));
  // A bug must never take the server down while someone types.
  process.on('uncaughtException', (error) => connection.console.error(`droplint: internal error: ${describe(error)}`));
  process.on('unhandledRejection', (error) => connection.console.error(`droplint: internal error: ${describe(error)}`));

  new DroplintServer(connection, registry).listen();
  connection.listen();
  return new Promise<number>(() => {});
}

class DroplintServer {
  private readonly documents = new TextDocuments(TextDocument);
  private roots: string[] = [];
  /** Per document: the pending debounced lint. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per document: the latest lint asked for; an older one that finishes later is dropped. */
  private readonly generations = new Map<string, number>();
  /** Documents whose didOpen was just linted (TextDocuments reports the open as a change too). */
  private readonly justOpened = new Set<string>();
  /**
   * Documents droplint does not lint (a Python file that is no migration, a file
   * the config excludes): linted alone, without their folder, until they are.
   */
  private readonly notLinted = new Set<string>();
  /**
   * Per workspace folder: every lint reads the document's whole migration
   * folder for its history, but an edit changes one file: the others' parsed
   * units are reused. Behind each, the project's persistent cache, which the
   * command line shares: a server that starts in a project linted before
   * parses nothing it has not changed.
   */
  private readonly parseCaches = new Map<string, ParseCache>();
  /** Per workspace folder: the configuration error last shown, so that each is shown once. */
  private readonly shownConfigErrors = new Map<string, string>();

  private readonly knownRules: ReadonlySet<string>;
  private readonly unsuppressible: ReadonlySet<string>;

  constructor(
    private readonly connection: Connection,
    private readonly registry: RuleRegistry,
  ) {
    this.knownRules = new Set(registry.rules.map((rule) => rule.meta.id));
    this.unsuppressible = new Set([registry.suppression.unused.id, registry.suppression.invalid.id]);
    // The files being edited are parsed again after each edit: from their last tree, only what changed.
    keepTrees(EDITED_FILES_KEPT);
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    documents.onDidOpen(({ document }) => {
      this.justOpened.add(document.uri);
      this.schedule(document.uri, 0);
    });
    documents.onDidChangeContent(({ document }) => {
      if (this.justOpened.delete(document.uri)) return;
      this.schedule(document.uri, DEBOUNCE_MS);
    });
    documents.onDidSave(({ document }) => this.schedule(document.uri, 0));
    documents.onDidClose(({ document }) => {
      this.cancel(document.uri);
      this.justOpened.delete(document.uri);
      this.generations.delete(document.uri);
      this.notLinted.delete(document.uri);
      this.guard(() => connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));
    });
    connection.onCodeAction((params) => this.codeActions(params));
    connection.onShutdown(() => {
      for (const uri of [...this.timers.keys()]) this.cancel(uri);
    });
    documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = uris.map(filePath).filter((root): root is string => root !== null);
    if (this.roots.length === 0 && params.rootPath) this.roots = [path.resolve(params.rootPath)];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'droplint' },
    };
  }

  private schedule(uri: string, delay: number): void {
    this.cancel(uri);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lint(uri, generation);
      }, delay),
    );
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  /**
   * Lints the document's whole migration folder (so that history is known),
   * with every open buffer read instead of its file, and publishes the
   * document's own diagnostics.
   */
  private async lint(uri: string, generation: number): Promise<void> {
    const document = this.documents.get(uri);
    const file = filePath(uri);
    // Documents of the formats droplint reads; what lintPaths makes of each is its business.
    if (document === undefined || file === null || !(hasLintableExtension(file) || surfaceKind(file.split(path.sep).join('/')) !== null)) return;
    try {
      const version = document.version;
      const text = document.getText();
      const workspace = this.workspaceOf(file);
      const root = workspace ?? path.dirname(file);
      const alone = this.notLinted.has(uri);
      const config = this.config(root);
      const outcome = await lintPaths({
        registry: this.registry,
        cwd: root,
        paths: alone ? [file] : [migrationFolder(file), file],
        config,
        overrides: this.openBuffers(),
        parseCache: this.parseCacheOf(root, config.file),
        // What `droplint` at the workspace folder leaves out (a loose .sql file in tests/) gets no diagnostics here either.
        walkRoot: workspace ?? undefined,
      });
      this.parseCacheOf(root, config.file).disk?.save();
      if (this.generations.get(uri) !== generation) return;
      const shown = displayPath(root, file);
      const linted = outcome.result.sources.get(shown);
      if (linted === undefined) {
        this.notLinted.add(uri);
      } else if (alone) {
        // It has become a migration: lint it again with its history.
        this.notLinted.delete(uri);
        this.schedule(uri, 0);
        return;
      }
      const positions = new PositionMap(linted ?? text, text.charCodeAt(0) === 0xfeff && linted?.charCodeAt(0) !== 0xfeff ? 1 : 0);
      const diagnostics = outcome.result.diagnostics.filter((d) => d.file === shown).map((d) => toLspDiagnostic(d, positions));
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.connection.console.error(`droplint: cannot lint ${file}: ${describe(error)}`);
    }
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    try {
      const document = this.documents.get(params.textDocument.uri);
      const file = filePath(params.textDocument.uri);
      if (document === undefined || file === null) return [];
      const language = this.language(file, document.getText());
      if (language === null) return [];
      const actions: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        const action = await suppressionAction(document, diagnostic, language, this.unsuppressible);
        if (action !== null) actions.push(action);
      }
      return actions;
    } catch (error) {
      this.connection.console.error(`droplint: code actions failed: ${describe(error)}`);
      return [];
    }
  }

  /** How suppression comments are written in `file`, and the SQL dialect that lexes it, decided as the CLI does. */
  private language(file: string, text: string): SuppressionLanguage | null {
    if (file.endsWith('.py')) return { kind: 'python' };
    if (SCRIPT_EXTENSIONS.some((extension) => file.endsWith(extension))) return { kind: 'script' };
    if (!isSqlFileName(file)) return null;
    const loaded = this.config(this.rootOf(file), false);
    const settings = fileSettings(loaded.config, loaded.root).of(file);
    const prismaDir = prismaMigrationsDir(file);
    const declared = prismaDir === null || settings.dialectOverridden ? null : readLockFile(prismaDir).dialect;
    return { kind: 'sql', dialect: declared ?? settings.dialect ?? detectDialect(text) ?? 'postgresql' };
  }

  /**
   * The workspace configuration, read afresh each time (it is a few small
   * files, and so edits to it apply at once). An error is shown once and the
   * defaults are used.
   */
  private config(root: string, report = true): LoadedConfig {
    try {
      const config = loadConfig({ cwd: root, knownRules: this.knownRules });
      if (report) this.shownConfigErrors.delete(root);
      return config;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (report && this.shownConfigErrors.get(root) !== message) {
        this.shownConfigErrors.set(root, message);
        void this.connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Error,
          message: `droplint: ${message}; using the default settings until it is fixed`,
        });
      }
      return { config: DEFAULT_CONFIG, file: null, root };
    }
  }

  /** The innermost workspace folder holding `file`, else the file's own folder. */
  private parseCacheOf(root: string, configFile: string | null): ParseCache {
    let cache = this.parseCaches.get(root);
    if (cache === undefined) {
      cache = new ParseCache(undefined, undefined, openProjectCache({ cwd: root, env: process.env, configFile }));
      this.parseCaches.set(root, cache);
    }
    return cache;
  }

  private rootOf(file: string): string {
    return this.workspaceOf(file) ?? path.dirname(file);
  }

  /** The innermost workspace folder holding `file`, or null when none does. */
  private workspaceOf(file: string): string | null {
    let best: string | null = null;
    for (const root of this.roots) {
      const rel = path.relative(root, file);
      if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && (best === null || root.length > best.length)) best = root;
    }
    return best;
  }

  private openBuffers(): Map<string, string> {
    const buffers = new Map<string, string>();
    for (const document of this.documents.all()) {
      const file = filePath(document.uri);
      if (file !== null) buffers.set(file, document.getText());
    }
    return buffers;
  }

  private guard(action: () => unknown): void {
    try {
      const result = action();
      if (result instanceof Promise) result.catch((error: unknown) => this.connection.console.error(`droplint: ${describe(error)}`));
    } catch (error) {
      this.connection.console.error(`droplint: ${describe(error)}`);
    }
  }
}

/** The folder whose migrations form the document's history: Prisma's `migrations` folder, else the document's own. */
function migrationFolder(file: string): string {
  return prismaMigrationsDir(file) ?? path.dirname(file);
}

function prismaMigrationsDir(file: string): string | null {
  if (path.basename(file) !== 'migration.sql') return null;
  const dir = path.dirname(path.dirname(file));
  return statSync(path.join(dir, LOCK_FILE), { throwIfNoEntry: false })?.isFile() ? dir : null;
}

/** The absolute path of a `file:` URI; null for any other scheme (untitled buffers, …). */
function filePath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
