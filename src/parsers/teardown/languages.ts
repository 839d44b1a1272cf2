import type { TeardownLanguage } from './scan.js';

export const PYTHON: TeardownLanguage = {
  maybe: /drop_all|downgrade|DROP\s+(?:SCHEMA|DATABASE)/i,
  calls: [
    { pattern: /\b((?:[A-Za-z_][\w]*\.)*(?:metadata|db))\.drop_all\s*\(/, action: (m) => `${m[1]}.drop_all()` },
    { pattern: /\bdowngrade\s*\(\s*[^,()]+,\s*["'](base|-\d+)["']/, action: (m) => `downgrade(…, "${m[1]}")` },
    // A literal name only: a name built at run time is a schema or database the test made for itself.
    {
      // SQL that runs (`execute`, `text`, …), naming a literal schema or database: a name built at run time is one the test made for itself.
      pattern:
        /\b(?:execute|text|exec_driver_sql|executescript|run_sql)\s*\(\s*[rRbB]?["']([^"'\n{%]*\bDROP\s+(?:SCHEMA|DATABASE)\s+(?:IF\s+EXISTS\s+)?["`]?\w+["`]?(?:\s+CASCADE)?[^"'\n{%]*)["']/i,
      action: (m) => m[1]!.trim(),
      inString: true,
    },
    {
      pattern: /["']alembic["']\s*,\s*["']downgrade["']\s*,\s*["'](base|-\d+)["']|\balembic\s+downgrade\s+(base|-\d+)/,
      action: (m) => `alembic downgrade ${m[1] ?? m[2]}`,
      inString: true,
    },
  ],
  functionStart: /^\s*(?:async\s+)?def\s+\w+/,
  comment: /#/,
  blockQuotes: ['"""', "'''"],
};

export const JAVASCRIPT: TeardownLanguage = {
  maybe: /migrate reset|force-reset|accept-data-loss|force:\s*true|dropDatabase|synchronize\(\s*true|rollback\(|DROP\s+(?:SCHEMA|DATABASE)/i,
  calls: [
    {
      pattern: /["'`][^"'`\n]*\bprisma\s+(?:migrate\s+reset|db\s+push\b[^"'`\n]*--(?:force-reset|accept-data-loss))[^"'`\n]*["'`]/,
      action: (m) => m[0].slice(1, -1).trim(),
      inString: true,
    },
    // `match: /_test$/` is Sequelize's own guard: only a sync without it is reported.
    { pattern: /\.sync\(\s*\{(?![^}]*\bmatch\s*:)[^}]*\bforce\s*:\s*true[^}]*\}\s*\)/, action: () => 'sync({ force: true })' },
    { pattern: /\.dropDatabase\(\s*\)/, action: () => 'dropDatabase()' },
    { pattern: /\.synchronize\(\s*true\s*\)/, action: () => 'synchronize(true)' },
    { pattern: /\bmigrate\.rollback\([^)]*,\s*true\s*\)/, action: () => 'knex.migrate.rollback(…, true)' },
    {
      pattern:
        /(?:\b(?:query|raw|execute|exec|\$executeRawUnsafe|\$executeRaw)\s*\(\s*|\bsql)["'`]([^"'`\n$]*\bDROP\s+(?:SCHEMA|DATABASE)\s+(?:IF\s+EXISTS\s+)?["]?\w+["]?(?:\s+CASCADE)?[^"'`\n$]*)["'`]/i,
      action: (m) => m[1]!.trim(),
      inString: true,
    },
  ],
  functionStart: /\bfunction\b|=>\s*\{|^\s*(?:async\s+)?\w+\s*\([^)]*\)\s*\{/,
  comment: /\/\/|^\s*\*/,
  blockQuotes: [],
};
