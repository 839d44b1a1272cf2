// LSP latency: spawns `droplint lsp`, opens a 2,000-line migration, then
// edits it and times each didChange until its publishDiagnostics arrives.
// The server debounces changes by DEBOUNCE_MS (150 ms), so both the raw
// latency and the latency minus the debounce are reported.
//
//   node scripts/bench/lsp.mjs <file> [edits]
//
// Prints JSON: { lines, raw: [ms…], open: ms }.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [file, editsArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 7);
const text = readFileSync(file, 'utf8');
const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
const uri = pathToFileURL(file).href;
const projectRoot = pathToFileURL(path.dirname(path.dirname(path.dirname(file)))).href;
const languageId = file.endsWith('.py') ? 'python' : 'sql';
const comment = languageId === 'python' ? '#' : '--';

// DROPLINT_BENCH_SERVER_ARGS: extra node options for the server (e.g. --cpu-prof).
const nodeArgs = (process.env.DROPLINT_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
const server = spawn(process.execPath, [...nodeArgs, path.join(root, 'bin/droplint.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
const waiters = [];
let nextId = 1;
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const header = buffer.indexOf('\r\n\r\n');
    if (header < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())[1]);
    if (buffer.length < header + 4 + length) return;
    const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
    buffer = buffer.subarray(header + 4 + length);
    const at = performance.now();
    for (const w of [...waiters]) {
      if (w.test(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve({ message, at });
      }
    }
    // Answer server requests (configuration, registration…) with null.
    if (message.id !== undefined && message.method) send({ jsonrpc: '2.0', id: message.id, result: null });
  }
});
function send(message) {
  const body = Buffer.from(JSON.stringify(message));
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function waitFor(test) {
  return new Promise((resolve) => waiters.push({ test, resolve }));
}
const request = (method, params) => {
  const id = nextId++;
  const answer = waitFor((m) => m.id === id && !m.method);
  send({ jsonrpc: '2.0', id, method, params });
  return answer;
};
const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
const diagnosticsFor = (version) => waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version);

await request('initialize', { processId: process.pid, rootUri: projectRoot, workspaceFolders: [{ uri: projectRoot, name: 'bench' }], capabilities: {} });
notify('initialized', {});
let t0 = performance.now();
let version = 1;
let got = diagnosticsFor(version);
notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
const opened = await got;
const open = opened.at - t0;
const raw = [];
const line = Math.floor(lines / 2);
for (let i = 0; i < edits; i++) {
  version++;
  got = diagnosticsFor(version);
  t0 = performance.now();
  // Type a comment line in the middle of the file (incremental sync).
  notify('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${comment} edit ${i}\n` }],
  });
  const { at } = await got;
  raw.push(at - t0);
  await new Promise((r) => setTimeout(r, 50));
}
await request('shutdown', null);
notify('exit', null);
server.stdin.end();
process.stdout.write(`${JSON.stringify({ lines, open, raw, diagnostics: opened.message.params.diagnostics.length })}\n`);
