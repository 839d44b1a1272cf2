import { describe, expect, it } from 'vitest';
import { droplint, project } from '../cli/run-cli.js';

/** An Alembic revision; `labels` is the Python text of `branch_labels`. */
function revision(id: string, down: string | null, body: string, labels = 'None'): string {
  return [
    'from alembic import op',
    'import sqlalchemy as sa',
    'from app.migration import cli',
    `revision = "${id}"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    `branch_labels = ${labels}`,
    '',
    'def upgrade():',
    `    ${body}`,
    '',
  ].join('\n');
}

/**
 * OpenStack's layout: `versions/<release>/expand` and `…/contract`, which
 * Alembic reads as one history (several `version_locations`), the branches
 * labelled by constants of the project (`cli.EXPAND_BRANCH`).
 */
const RELEASES: Record<string, string> = {
  'app/migration/cli.py': 'EXPAND_BRANCH = "expand"\nCONTRACT_BRANCH = "contract"\n',
  'app/migration/alembic/versions/initial.py': revision(
    'base1',
    null,
    'op.create_table("ports", sa.Column("id", sa.Integer()), sa.Column("dns_name", sa.Text()))',
  ),
  'app/migration/alembic/versions/liberty/expand/e1_start.py': revision('e1', 'base1', 'pass', '(cli.EXPAND_BRANCH,)'),
  'app/migration/alembic/versions/liberty/contract/c1_start.py': revision('c1', 'base1', 'pass', '(cli.CONTRACT_BRANCH,)'),
  'app/migration/alembic/versions/newton/expand/e2_add.py': revision('e2', 'e1', 'op.add_column("ports", sa.Column("dns", sa.Text()))'),
  'app/migration/alembic/versions/newton/contract/c2_drop.py': revision('c2', 'c1', 'op.drop_column("ports", "dns_name")'),
};

interface Json {
  diagnostics: Array<{ file: string; line: number; rule: string; message: string }>;
}

function findings(files: Record<string, string>): string[] {
  const doc = JSON.parse(droplint(project(files), ['--format', 'json', '--no-cache']).stdout) as Json;
  return doc.diagnostics.map((d) => `${d.file.split('/').slice(-3).join('/')}:${d.line} ${d.rule}`);
}

describe('Alembic versions in several folders', () => {
  it('reads the folders below versions/ as one revision graph, whose branches a constant may label', () => {
    // The parents are in sibling folders, and the two heads belong to labelled branches: no revision-graph finding.
    expect(findings(RELEASES)).toEqual(['newton/contract/c2_drop.py:9 drop-column']);
  });

  it('keeps folders whose chains stand alone apart, even with the same revision ids', () => {
    // Prefect: one history per database, `versions/postgresql` and `versions/sqlite`, generated with the same ids.
    const files: Record<string, string> = {};
    for (const db of ['postgresql', 'sqlite']) {
      files[`app/alembic/versions/${db}/a1_init.py`] = revision('a1', null, 'op.create_table("flows", sa.Column("id", sa.Integer()))');
      files[`app/alembic/versions/${db}/a2_index.py`] = revision('a2', 'a1', 'pass');
    }
    expect(findings(files)).toEqual([]);
  });

  it('still reports a down_revision that no folder below versions/ declares', () => {
    const broken = { ...RELEASES, 'app/migration/alembic/versions/newton/expand/e2_add.py': revision('e2', 'e9', 'pass') };
    expect(findings(broken)).toEqual(['newton/contract/c2_drop.py:9 drop-column', 'newton/expand/e2_add.py:5 revision-graph']);
  });
});
