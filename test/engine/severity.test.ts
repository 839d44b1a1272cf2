import { describe, expect, it } from 'vitest';
import type { SeveritySetting } from '../../src/engine/diagnostic.js';
import type { RuleMeta } from '../../src/engine/rule.js';
import { resolveSeverity } from '../../src/engine/severity.js';

const meta = (id: string, defaultSeverity: RuleMeta['defaultSeverity'], downgradeSensitive: boolean): RuleMeta => ({
  id,
  defaultSeverity,
  downgradeSensitive,
  summary: '',
  docs: '',
  help: '',
  examples: { flagged: { files: {} }, safe: { files: {} } },
});
const dropTable = meta('drop-table', 'error', true);
const dropSchema = meta('drop-schema', 'error', false);

function severity(rule: RuleMeta, phase: 'upgrade' | 'downgrade' | 'none', downgrade: SeveritySetting, override?: SeveritySetting): SeveritySetting {
  return resolveSeverity(rule, phase, { downgrade, overrides: override === undefined ? {} : { [rule.id]: override } });
}

describe('resolveSeverity', () => {
  it('uses the default, or the override, outside downgrades', () => {
    expect(severity(dropTable, 'upgrade', 'warning')).toBe('error');
    expect(severity(dropTable, 'none', 'off')).toBe('error');
    expect(severity(dropTable, 'upgrade', 'warning', 'info')).toBe('info');
    expect(severity(dropTable, 'upgrade', 'warning', 'off')).toBe('off');
  });

  it('uses the downgrade setting in downgrades, for drop rules only', () => {
    expect(severity(dropTable, 'downgrade', 'warning')).toBe('warning');
    expect(severity(dropTable, 'downgrade', 'error')).toBe('error');
    expect(severity(dropTable, 'downgrade', 'off')).toBe('off');
    expect(severity(dropSchema, 'downgrade', 'warning')).toBe('error');
    expect(severity(dropSchema, 'downgrade', 'off')).toBe('error');
  });

  it("in a downgrade, the downgrade setting caps the rule's own severity but never raises it (README)", () => {
    expect(severity(dropTable, 'downgrade', 'warning', 'info')).toBe('info');
    expect(severity(dropTable, 'downgrade', 'error', 'warning')).toBe('warning');
    expect(severity(dropTable, 'downgrade', 'error', 'off')).toBe('off');
    expect(severity(dropTable, 'downgrade', 'warning', 'error')).toBe('warning');
    expect(severity(dropTable, 'downgrade', 'info', 'error')).toBe('info');
  });

  it("a finding's own cap lowers the rule's severity, never raises it, and the downgrade cap still applies", () => {
    const options = { overrides: {}, downgrade: 'warning' as const };
    expect(resolveSeverity(dropTable, 'upgrade', options, 'info')).toBe('info');
    expect(resolveSeverity(dropTable, 'upgrade', { ...options, overrides: { 'drop-table': 'warning' } }, 'error')).toBe('warning');
    expect(resolveSeverity(dropTable, 'upgrade', { ...options, overrides: { 'drop-table': 'off' } }, 'info')).toBe('off');
    expect(resolveSeverity(dropTable, 'downgrade', { ...options, downgrade: 'off' }, 'info')).toBe('off');
    expect(resolveSeverity(dropTable, 'downgrade', options, 'error')).toBe('warning');
  });
});
