#!/usr/bin/env node
'use strict';
// The CLI is one script, compiled with a V8 code cache (scripts/bundle.mjs
// says why): a one-file run is mostly start-up, and the cache spares V8
// parsing and compiling droplint again on every run. Two caches, whichever
// this Node can use (measured: docs/benchmark.md):
// - the one the build made for the script, which V8 accepts only from the
//   Node version that ran the build (`prepare` builds on install);
// - under any other Node that has it (22.1 and later), Node's compile cache
//   (module.enableCompileCache), which Node makes on the first run and keeps
//   per Node version; the script is then required as a module.
// bin/package.json makes this file CommonJS: an ES module entry would start
// Node's ESM loader (~5 ms) just to read it.
const { existsSync, readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const dir = path.join(__dirname, '..', 'dist', 'bundle');
const file = path.join(dir, 'cli-script.cjs');
const source = readFileSync(file, 'utf8');
// The script's last line names the cache made for it and the Node that made it; the file is missing if the build could not make one.
const [, cacheName, builtBy] = /\/\/ code-cache: (\S+) (\S+)\n$/.exec(source.slice(-120)) ?? [];
const cacheFile = cacheName === undefined ? undefined : path.join(dir, cacheName);
let factory;
// Node 22.1 and later; @types/node follows the oldest Node droplint runs on.
const { enableCompileCache } = /** @type {{ enableCompileCache?: () => unknown }} */ (Module);
if (builtBy !== process.version && typeof enableCompileCache === 'function') {
  enableCompileCache();
  factory = require(file);
} else {
  const cachedData = cacheFile !== undefined && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // A cache V8 rejects (other V8 flags) costs nothing but the compile it would have saved.
  factory = new (require('node:vm').Script)(source, { filename: file, cachedData }).runInThisContext();
}
const cli = factory(Module.createRequire(file), pathToFileURL(file).href);
cli.main(process.argv.slice(2), cli.processIo()).then((code) => {
  process.exitCode = code;
});
