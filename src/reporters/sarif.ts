import type { LintResult, Severity } from '../engine/diagnostic.js';
import type { RuleMeta } from '../engine/rule.js';
import { withFingerprints } from './fingerprint.js';

export interface SarifOptions {
  /** Every rule droplint knows, in `droplint rules` order (so `ruleIndex` is stable). */
  readonly rules: readonly RuleMeta[];
  /** droplint's version; passed in because reporters never read files. */
  readonly version: string;
}

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/droplint';
/** Versioned so that a future change of the key does not silently match old findings. */
export const FINGERPRINT_KEY = 'droplintFingerprint/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): one run,
 * every rule's documentation in the driver, one result per diagnostic.
 */
export function renderSarif(result: LintResult, options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, i) => [rule.id, i]));
  const results = withFingerprints(result).map(({ diagnostic: d, fingerprint }) => ({
    ruleId: d.rule,
    // A diagnostic from a rule outside the list (none today) still gets a valid result.
    ...(ruleIndex.has(d.rule) ? { ruleIndex: ruleIndex.get(d.rule)! } : {}),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(d.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  }));

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'droplint',
            version: options.version,
            informationUri: INFORMATION_URI,
            rules: options.rules.map(describeRule),
          },
        },
        // Left without a uri: it is the directory droplint ran in, and writing
        // it would make the report differ from machine to machine.
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The directory droplint was run in; result paths are relative to it.' } },
        },
        // Our columns count code points, not SARIF's default UTF-16 code units.
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function describeRule(rule: RuleMeta) {
  const docs = rule.docs.trim();
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: firstParagraph(docs) || rule.summary },
    help: { text: rule.help, markdown: docs },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  };
}

/**
 * Paths are already relative and `/`-separated; each segment is
 * percent-encoded so that spaces, `#`, `?` or `%` in a file name still make a
 * valid URI reference (and a `:` cannot pass for a scheme).
 */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * The docs' first paragraph as plain text, for viewers that do not render
 * markdown. A paragraph that ends with `:` introduces a code block; the block
 * is kept, or the description would stop mid-sentence.
 */
export function firstParagraph(markdown: string): string {
  const blocks = markdown.trim().split(/\n\s*\n/);
  const first = blocks[0] ?? '';
  const text = plain(
    first
      .split('\n')
      .map((line) => line.trim())
      .join(' '),
  );
  const next = blocks[1]?.trim() ?? '';
  if (text.endsWith(':') && next.startsWith('```')) {
    const code = next
      .split('\n')
      .slice(1)
      .filter((line) => !line.startsWith('```'));
    return [text, ...code].join('\n');
  }
  return text;
}

/** Inline markdown to plain text: code spans, bold and links lose their markers; code is kept as written. */
function plain(text: string): string {
  return text
    .split(/`([^`]*)`/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/(\*\*|__)(.+?)\1/g, '$2')))
    .join('');
}
