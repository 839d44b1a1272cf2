#!/usr/bin/env node
// Bundles the compiled code into dist/bundle/, so that a run loads a few files
// instead of ~90 modules. Heavy or native parts stay external and load only
// when a file needs them: tree-sitter (Python), libpg-query (WebAssembly), the
// LSP server's libraries, fast-glob and picomatch. TypeScript and
// typescript-estree are never bundled: src/parsers/typescript/load-parser.ts
// requires them at run time, only for TS/JS migrations.
//
// Two outputs: cli-script.cjs, what bin/droplint.js runs (the CLI as one
// script, with the V8 code cache of a sample run beside it; see below), and
// parse-worker.js, the parse pool's worker thread, an ES module.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';

const outdir = fileURLToPath(new URL('../dist/bundle', import.meta.url));
const compiled = (entry) => fileURLToPath(new URL(`../dist/src/${entry}`, import.meta.url));
const external = [
  'tree-sitter',
  'tree-sitter-python',
  'libpg-query',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageserver-textdocument',
  'fast-glob',
  'picomatch',
];

// Chunk names change with their content: a stale chunk would only take space.
// A stale code cache would be worse; it goes too, and is made again below.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [compiled('parsers/parse-worker.js')],
  entryNames: '[name]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  external,
});

// Most of a one-file run is start-up: without a cache, V8 parses the whole
// bundle and compiles each function it calls, on every run. Node 20 caches no
// module's code (module.enableCompileCache is Node 22), but vm.Script takes V8
// cached data, so the CLI is also built as one script,
// `(function (require, importMetaUrl) { … return module.exports; })`, which
// bin/droplint.js compiles with the cache made here (measured on Node 20: a
// one-file SQL run ~30 ms faster, an Alembic one ~80 ms).
// import() becomes require(): a vm.Script has no module loader to import()
// with, and requiring a CommonJS package skips the export scan Node's ESM
// loader runs over it (~10 ms for tree-sitter's binding alone).
const scriptFile = path.join(outdir, 'cli-script.cjs');
// The persistent cache keys what it keeps by this: a hash of droplint's
// compiled code and version, so that every build (not only every version)
// reads only what it wrote itself.
const buildId = hashBuild();
const script = await build({
  entryPoints: [fileURLToPath(new URL('../dist/bin/main.mjs', import.meta.url))],
  outfile: scriptFile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  supported: { 'dynamic-import': false },
  // The script sits beside bin.js, so URLs made from import.meta.url (parse-worker.js, package.json) resolve alike.
  define: { 'import.meta.url': 'importMetaUrl', DROPLINT_BUILD_ID: JSON.stringify(buildId) },
  // A script's value is its last expression, the function; required as a module (see bin/droplint.js), it is the module's export.
  banner: { js: "(typeof module === 'object' ? module : {}).exports = (function (require, importMetaUrl) {\nvar module = { exports: {} };" },
  footer: { js: 'return module.exports;\n})' },
  // Every run reads the whole script: without comments and indentation it is
  // ~30% smaller, and as ASCII bin/droplint.js decodes it as Latin-1, a copy,
  // where UTF-8 with a few `…` in comments took V8's slow path (~8 ms for 1 MB).
  minifyWhitespace: true,
  charset: 'ascii',
  legalComments: 'none',
  logLevel: 'warning',
  external,
});
// Any other import.meta property would be silently empty in a script.
if (script.warnings.some((warning) => warning.id === 'empty-import-meta')) throw new Error(`${scriptFile}: import.meta is empty in a script; give it a define`);

// esbuild gives each `import x from 'node:…'` its own copy of the builtin's
// exports (__toESM defines a getter per export: ~40 copies of node:path alone,
// ~2 ms of every run). A builtin is no ES module, so an object that inherits
// from it, with `default` set to it, reads the same.
const builtinInterop = /__toESM\((require\("node:[a-z_/]+"\)),1\)/g;
const bundled = readFileSync(scriptFile, 'utf8');
if (!builtinInterop.test(bundled)) throw new Error(`${scriptFile}: no import of a builtin through __toESM; update bundle.mjs`);
const body = bundled.replace(builtinInterop, 'Object.create($1,{default:{get(){return Object.getPrototypeOf(this)}}})');
// bin/droplint.js reads the script as Latin-1, which only ASCII decodes alike.
if ([...body].some((char) => char.charCodeAt(0) > 0x7f)) throw new Error(`${scriptFile}: not ASCII; bin/droplint.js reads it as Latin-1`);

// The cache holds what a sample run compiled: start-up, the SQL, Prisma,
// Alembic and TS/JS front-ends, the text reporter. It suits the Node that ran the build
// (`prepare` builds on install); under another version or other V8 flags, V8
// rejects it and the script compiles as if it had none. V8 matches a cache to
// its source by length alone, so the cache is named after the script's content
// and the script's last line names it: a script never meets another build's
// cache. droplint works without one, so a failed sample run is only a warning.
const cacheName = `cli-script.${createHash('sha256').update(body).digest('hex').slice(0, 16)}.cache`;
// The Node that made the cache is named too: under another, bin/droplint.js makes one of its own after a first run there.
const source = `${body}// code-cache: ${cacheName} ${process.version}\n`;
writeFileSync(scriptFile, source);
try {
  const compiledScript = new vm.Script(source, { filename: scriptFile });
  const cli = compiledScript.runInThisContext()(createRequire(scriptFile), pathToFileURL(scriptFile).href);
  const sample = mkdtempSync(path.join(tmpdir(), 'droplint-cache-'));
  try {
    writeSample(sample);
    // The cache goes in the sample's folder, removed below; the later runs compile its warm path too.
    const io = {
      cwd: sample,
      env: { DROPLINT_CACHE_DIR: path.join(sample, '.cache') },
      isTty: false,
      stdout: () => {},
      stderr: () => {},
      readStdin: () => new Uint8Array(),
    };
    for (const argv of [
      ['sql/V2__drop_email.sql'],
      ['alembic/versions/b2_add_posts.py'],
      ['prisma/migrations/20250102000000_drop/migration.sql'],
      ['knex/migrations/20250102000000_drop.ts'],
      ['.'],
    ]) {
      await cli.main(argv, io);
    }
    // A pre-commit hook's warm run: the migration's text changed, its history and env.py's models cached.
    const edited = readFileSync(path.join(sample, 'alembic', 'versions', 'b2_add_posts.py'));
    await cli.main(['--stdin', '--stdin-filename', 'alembic/versions/b2_add_posts.py'], {
      ...io,
      readStdin: () => Buffer.concat([edited, Buffer.from('# edited\n')]),
    });
  } finally {
    rmSync(sample, { recursive: true, force: true });
  }
  writeFileSync(path.join(outdir, cacheName), compiledScript.createCachedData());
} catch (error) {
  console.error(`droplint build: no code cache (${error instanceof Error ? error.message : String(error)}); runs will compile the CLI each time`);
}

/** Migrations of each kind a pre-commit run meets; the config file stops the upward search for one. */
function writeSample(dir) {
  const files = {
    'droplint.toml': 'protected-tables = ["session"]\n',
    'sql/V1__init.sql': 'CREATE TABLE "users" (\n  "id" SERIAL PRIMARY KEY,\n  "email" TEXT NOT NULL\n);\n',
    'sql/V2__drop_email.sql': 'CREATE TABLE "posts" ("id" SERIAL PRIMARY KEY, "title" TEXT);\nALTER TABLE "users" DROP COLUMN "email";\nDELETE FROM "posts";\n',
    'pyproject.toml': '[project]\nname = "app"\n',
    'alembic/env.py': 'from alembic import context\n\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\n',
    'app/__init__.py': '',
    'app/models.py':
      'from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n    bio = Column(String)\n',
    'alembic/versions/a1_init.py': alembic(
      'a1',
      'None',
      "    op.create_table('users', sa.Column('id', sa.Integer(), nullable=False))",
      "    op.drop_table('users')",
    ),
    'alembic/versions/b2_add_posts.py': alembic(
      'b2',
      "'a1'",
      "    op.create_table('posts',\n    sa.Column('id', sa.Integer(), nullable=False),\n    sa.Column('title', sa.String(length=200), nullable=True),\n    sa.PrimaryKeyConstraint('id')\n    )\n    op.add_column('users', sa.Column('bio', sa.Text(), nullable=True))",
      "    op.drop_column('users', 'bio')\n    op.drop_table('posts')",
    ),
    // The first TS/JS migration also writes TypeScript's own code cache beside the bundle (src/parsers/typescript/load-parser.ts).
    'knex/migrations/20250101000000_init.js':
      "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); t.string('email'); });\nexports.down = (knex) => knex.schema.dropTable('users');\n",
    'knex/migrations/20250102000000_drop.ts':
      "import type { Knex } from 'knex';\n\nexport async function up(knex: Knex): Promise<void> {\n  await knex.schema.alterTable('users', (t) => {\n    t.dropColumn('email');\n  });\n  await knex.raw('DELETE FROM sessions');\n}\n\nexport async function down(knex: Knex): Promise<void> {}\n",
    'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
    'prisma/migrations/20250101000000_init/migration.sql':
      '-- CreateTable\nCREATE TABLE "Invoice" (\n    "id" TEXT NOT NULL,\n    "taxRate" DECIMAL(65,30),\n    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")\n);\n',
    'prisma/migrations/20250102000000_drop/migration.sql':
      '/*\n  Warnings:\n\n  - You are about to drop the column `taxRate` on the `Invoice` table. All the data in the column will be lost.\n\n*/\n-- AlterTable\nALTER TABLE "Invoice" DROP COLUMN "taxRate";\n',
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function alembic(revision, downRevision, upgrade, downgrade) {
  return `"""${revision}\n\nRevision ID: ${revision}\nRevises: ${downRevision}\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '${revision}'\ndown_revision = ${downRevision}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n${downgrade}\n`;
}

/** sha256 of package.json's version and every compiled file of dist/ (src, rules, bin), in path order. */
function hashBuild() {
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  const hash = createHash('sha256').update(JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')).version);
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.m?js$/.test(name) && !name.startsWith(`bundle${path.sep}`))
    .sort();
  for (const name of files) hash.update(`\0${name}\0`).update(readFileSync(path.join(dist, name)));
  return hash.digest('hex').slice(0, 24);
}
