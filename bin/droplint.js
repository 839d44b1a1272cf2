#!/usr/bin/env node
'use strict';
// The CLI is one script, compiled with a V8 code cache (scripts/bundle.mjs
// says why): a one-file run is mostly start-up, and the cache spares V8
// parsing and compiling droplint again on every run. V8 accepts a cache only
// from the Node version that made it:
// - under the Node that ran the build (`prepare` builds on install), the cache
//   the build made from a sample run;
// - under another, one this file makes beside the bundle after the first run
//   there, named after that Node's version, so that it holds what that run
//   compiled (Node's own compile cache, 22.1 and later, holds only what a
//   module's loading compiles: measured on Node 24, a warm one-file Alembic
//   run takes ~30 ms less with this one). Where the bundle's folder cannot be
//   written, the script is required as a module, under Node's compile cache.
// bin/package.json makes this file CommonJS: an ES module entry would start
// Node's ESM loader (~5 ms) just to read it.
const { accessSync, constants, existsSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const dir = path.join(__dirname, '..', 'dist', 'bundle');
const file = path.join(dir, 'cli-script.cjs');
// ASCII (scripts/bundle.mjs makes sure), so Latin-1 decodes it alike, and faster than UTF-8.
const source = readFileSync(file, 'latin1');
// The script's last line names the cache made for it and the Node that made it; the file is missing if the build could not make one.
const [, cacheName, builtBy] = /\/\/ code-cache: (\S+) (\S+)\n$/.exec(source.slice(-120)) ?? [];
const builtHere = builtBy === process.version;
const cacheFile =
  cacheName === undefined ? undefined : path.join(dir, builtHere ? cacheName : cacheName.replace(/\.cache$/, `.node${process.versions.node}.cache`));
// Node 22.1 and later, for the modules droplint requires; @types/node follows the oldest Node droplint runs on.
const { enableCompileCache } = /** @type {{ enableCompileCache?: () => unknown }} */ (Module);
if (typeof enableCompileCache === 'function') enableCompileCache();
const cachedData = cacheFile !== undefined && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
/** @type {import('node:vm').Script | undefined} */
let script;
let factory;
if (!builtHere && cachedData === undefined && !writable(dir)) {
  factory = require(file);
} else {
  // A cache V8 rejects (other V8 flags) costs nothing but the compile it would have saved.
  script = new (require('node:vm').Script)(source, { filename: file, cachedData });
  factory = script.runInThisContext();
}
const cli = factory(Module.createRequire(file), pathToFileURL(file).href);
cli.main(process.argv.slice(2), cli.processIo()).then((code) => {
  process.exitCode = code;
  if (script !== undefined && cacheFile !== undefined && !builtHere && (cachedData === undefined || script.cachedDataRejected === true))
    save(cacheFile, script);
  // Leaving at once spares Node's teardown, which runs a finalizer for every tree-sitter object the run made
  // (~10 ms of a one-file Alembic run). Everything is written by then: to a pipe or a file with writeSync, to a
  // terminal through process.stdout, whose writes are synchronous too except on Windows, where Node is left to
  // finish them.
  if (process.platform !== 'win32') process.exit(code);
});

/** Whether files can be made in `folder`. */
function writable(folder) {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The script's code cache as this run left it, written whole (a temporary file renamed): concurrent runs never leave a torn one. */
function save(target, compiled) {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, compiled.createCachedData());
    renameSync(temporary, target);
  } catch {
    // Not writable after all: the next run compiles as this one did.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}
