#!/usr/bin/env node
'use strict';
// The CLI is one script compiled with the V8 code cache the build made for it
// (scripts/bundle.mjs says why): a one-file run is mostly start-up, and the
// cache spares V8 parsing and compiling droplint again on every run.
// bin/package.json makes this file CommonJS: an ES module entry would start
// Node's ESM loader (~5 ms) just to read it.
const { existsSync, readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const dir = path.join(__dirname, '..', 'dist', 'bundle');
const file = path.join(dir, 'cli-script.js');
const source = readFileSync(file, 'utf8');
// The script's last line names the cache made for it; the file is missing if the build could not make one.
const cacheName = /\/\/ code-cache: (\S+)\n$/.exec(source.slice(-100))?.[1];
const cacheFile = cacheName === undefined ? undefined : path.join(dir, cacheName);
const cachedData = cacheFile !== undefined && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
// A cache V8 rejects (another Node version, other V8 flags) costs nothing but the compile it would have saved.
const cli = new vm.Script(source, { filename: file, cachedData }).runInThisContext()(createRequire(file), pathToFileURL(file).href);
cli.main(process.argv.slice(2), cli.processIo()).then((code) => {
  process.exitCode = code;
});
