#!/usr/bin/env node
// Bundles the compiled CLI into dist/bundle/ so that a run loads a few files
// instead of ~90 modules (a one-file pre-commit run: ~170 ms -> ~110 ms).
// Heavy or native parts stay external and load only when a file needs them:
// tree-sitter (Python), libpg-query (WebAssembly), the LSP server's libraries,
// fast-glob and picomatch. Code splitting keeps `import()` lazy.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../dist/src/cli/bin.js', import.meta.url).pathname],
  outdir: new URL('../dist/bundle', import.meta.url).pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  external: [
    'tree-sitter',
    'tree-sitter-python',
    'libpg-query',
    'vscode-languageserver',
    'vscode-languageserver/*',
    'vscode-languageserver-textdocument',
    'fast-glob',
    'picomatch',
  ],
});
