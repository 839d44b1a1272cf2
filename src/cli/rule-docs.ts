import type { Rule } from '../engine/rule.js';

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
  return `# ${meta.id}\n\n${meta.summary}\n\nDefault severity: ${severity}\n${meta.docs.trimEnd()}\n`;
}
