import type { Rule, RuleExample } from '../engine/rule.js';

/** `droplint rules`: one line per rule, aligned. */
export function listRules(rules: readonly Rule[]): string {
  const idWidth = Math.max(...rules.map((r) => r.meta.id.length));
  const lines = rules.map((r) => `${r.meta.id.padEnd(idWidth)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.summary}`);
  return `${lines.join('\n')}\n`;
}

/** `droplint explain <rule>`: the rule's documentation, or null for an unknown id. */
export function explainRule(rules: readonly Rule[], id: string): string | null {
  const rule = rules.find((r) => r.meta.id === id);
  if (rule === undefined) return null;
  const { meta } = rule;
  const severity = meta.downgradeSensitive ? `${meta.defaultSeverity} (in a downgrade: the \`downgrade\` setting, warning by default)` : meta.defaultSeverity;
  const examples = `\n## Example\n\n${showExample(meta.examples.flagged)}\n## Accepted instead\n\n${showExample(meta.examples.safe)}`;
  return `# ${meta.id}\n\n${meta.summary}\n\nDefault severity: ${severity}\n${meta.docs.trimEnd()}\n${examples}`;
}

const FENCE_LANGUAGES: Readonly<Record<string, string>> = { '.sql': 'sql', '.py': 'python', '.toml': 'toml', '.json': 'json' };

/** An example project as Markdown: the command, then each file (the committed state first, if any) in a fenced block. */
function showExample(example: RuleExample): string {
  const command = `\`droplint${example.args === undefined ? '' : ` ${example.args.join(' ')}`}\``;
  const show = (files: Readonly<Record<string, string>>, note: string): string =>
    Object.entries(files)
      .map(([name, text]) => {
        const language = FENCE_LANGUAGES[name.slice(name.lastIndexOf('.'))] ?? '';
        return `\`${name}\`${note}:\n\n\`\`\`${language}\n${text.trimEnd()}\n\`\`\`\n`;
      })
      .join('\n');
  const committed = example.committed === undefined ? '' : `${show(example.committed, ' (as committed at HEAD)')}\n`;
  return `${command} in a folder holding:\n\n${committed}${show(example.files, '')}`;
}
