/**
 * A real editor as the client: headless neovim starts `droplint lsp`, opens a
 * migration and writes down the diagnostics it received. They must be exactly
 * what `droplint --format json` reports for that file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO, tempDir } from './client.js';

/** `DROPLINT_NVIM`, else `nvim` on the PATH. */
const NVIM = process.env.DROPLINT_NVIM ?? onPath('nvim') ?? 'nvim';
const HAVE_NVIM = existsSync(NVIM);
/** How long neovim waits for diagnostics, and how long the test waits for neovim. */
const NVIM_WAIT_MS = 15_000;
const TEST_MS = 40_000;

// CI installs neovim (.ci/run): there, a missing editor is a failure, not a skip.
const needsNvim = HAVE_NVIM || process.env.CI !== undefined;

const INIT_LUA = String.raw`
local env = vim.env
local function finish(result)
  local file = io.open(env.DROPLINT_OUT, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.DROPLINT_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'droplint',
    cmd = { env.DROPLINT_NODE, env.DROPLINT_BIN, 'lsp' },
    root_dir = env.DROPLINT_ROOT,
  })
  if not client_id then return finish({ error = 'start_client failed' }) end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local received = vim.wait(tonumber(env.DROPLINT_WAIT), function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  if not received then return finish({ error = 'no diagnostics within ' .. env.DROPLINT_WAIT .. ' ms' }) end
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(out, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source, code = d.code or lsp.code,
    })
  end
  finish({ diagnostics = out })
end

vim.defer_fn(function()
  local ok, err = pcall(run)
  if not ok then finish({ error = tostring(err) }) end
end, 0)
`;

interface JsonDiagnostic {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  help: string;
}

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(needsNvim)('neovim as the LSP client', () => {
  it(
    'receives exactly the diagnostics droplint reports for the file',
    async () => {
      expect(HAVE_NVIM, `neovim not found at ${NVIM}`).toBe(true);
      const root = tempDir('droplint-nvim-');
      dirs.push(root);
      const files: Record<string, string> = {
        'migrations/V1__init.sql': 'CREATE TABLE "session" ("id" int, "token" text, "note" text);\n',
        // Non-ASCII before the findings: neovim's columns are bytes, droplint's
        // are characters and LSP's are UTF-16 code units.
        'migrations/V2__drop.sql': [
          '-- Sessions are now kept in Redis 🚀',
          'ALTER TABLE "session" DROP COLUMN "token", /* ünïcode 🚀 */ DROP COLUMN "note";',
          '/* 🚀 */ DROP TABLE "session";',
          'DELETE FROM "audit";',
          '',
        ].join('\n'),
      };
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), text);
      }
      const target = path.join(root, 'migrations/V2__drop.sql');
      const init = path.join(root, 'init.lua');
      const out = path.join(root, 'diagnostics.json');
      writeFileSync(init, INIT_LUA);

      const cli = spawnSync(process.execPath, [BIN, '--format', 'json'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
      const expected = (JSON.parse(cli.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics.filter((d) => d.file === 'migrations/V2__drop.sql');
      expect(expected.map((d) => d.rule)).toEqual(expect.arrayContaining(['drop-column', 'drop-column', 'drop-table', 'delete-without-where']));

      const status = await runNvim(['--headless', '--clean', '-u', init], {
        DROPLINT_NODE: process.execPath,
        DROPLINT_BIN: BIN,
        DROPLINT_ROOT: root,
        DROPLINT_FILE: target,
        DROPLINT_OUT: out,
        DROPLINT_WAIT: String(NVIM_WAIT_MS),
      });
      expect(existsSync(out), `neovim wrote no result (status ${status.code}); stderr: ${status.stderr}`).toBe(true);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics?: NvimDiagnostic[]; error?: string };
      expect(result.error).toBeUndefined();

      const lines = files['migrations/V2__drop.sql']!.split('\n');
      const byteColumn = (line: number, column: number): number => Buffer.byteLength([...lines[line - 1]!].slice(0, column - 1).join(''), 'utf8');
      const want = expected.map((d) => ({
        lnum: d.line - 1,
        col: byteColumn(d.line, d.column),
        end_lnum: d.endLine - 1,
        end_col: byteColumn(d.endLine, d.endColumn),
        severity: { error: 1, warning: 2, info: 3 }[d.severity],
        message: `${d.message}\n${d.help}`,
        source: 'droplint',
        code: d.rule,
      }));
      const got = [...(result.diagnostics ?? [])].sort((a, b) => a.lnum - b.lnum || a.col - b.col);
      expect(got).toEqual(want);
      // The columns really were converted: after the emoji, bytes, characters and code units all differ.
      expect(got.find((d) => d.code === 'drop-table')?.col).toBe(Buffer.byteLength('/* 🚀 */ '));
    },
    TEST_MS,
  );
});

/** Runs neovim with the repository as working directory, killing it if it outlives the test's budget. */
function runNvim(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(NVIM, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), NVIM_WAIT_MS + 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stderr: String(error) });
    });
  });
}

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, command))
    .find((file) => existsSync(file));
}
