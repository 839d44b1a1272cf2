import rule from '../../rules/revision-graph.js';
import { testRule } from './rule-tester.js';

/**
 * A migration of `alembic/versions/`: `revision = "<id>"` is line 3 and
 * `down_revision = …` line 4. `down`: one parent, several (a merge), or null (a base).
 */
function rev(id: string, down: string | readonly string[] | null, labels?: readonly string[]): string {
  const parents = down === null ? 'None' : typeof down === 'string' ? `"${down}"` : `(${down.map((d) => `"${d}"`).join(', ')})`;
  const branch = labels ? `(${labels.map((l) => `"${l}",`).join(' ')})` : 'None';
  return [
    'from alembic import op',
    '',
    `revision = "${id}"`,
    `down_revision = ${parents}`,
    `branch_labels = ${branch}`,
    '',
    'def upgrade():',
    '    pass',
    '',
  ].join('\n');
}

const heads = (id: string, all: string): string =>
  `revision "${id}" is one of ${all.split(', ').length} heads (${all}): \`alembic upgrade head\` fails until they are merged`;
const broken = (down: string): string => `down_revision "${down}" names no revision in this folder: the chain is broken`;

testRule(rule, {
  valid: [
    { format: 'alembic', code: rev('1000', null) },
    { format: 'alembic', history: [rev('1000', null)], code: rev('2000', '1000') },
    // Two branches off 1000, merged by a revision with a tuple down_revision.
    { format: 'alembic', history: [rev('1000', null), rev('2000', '1000'), rev('3000', '1000')], code: rev('4000', ['2000', '3000']) },
    // The merged branches are no longer heads either.
    { format: 'alembic', history: [rev('1000', null), rev('2000', '1000'), rev('4000', ['2000', '3000'])], code: rev('3000', '1000') },
    // A labelled branch is meant to have its own head (`alembic upgrade heads`).
    { format: 'alembic', history: [rev('1000', null), rev('5000', null, ['reporting']), rev('5001', '5000')], code: rev('2000', '1000') },
    { format: 'alembic', history: [rev('1000', null), rev('5000', '1000', ['reporting'])], code: rev('2000', '1000') },
  ],
  invalid: [
    {
      // Two developers branched off 1000 and nobody merged.
      format: 'alembic',
      history: [rev('1000', null), rev('2000', '1000')],
      code: rev('3000', '1000'),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 18, severity: 'error', message: heads('3000', '2000, 3000') }],
    },
    {
      // Two heads under one label compete for `reporting@head`.
      format: 'alembic',
      history: [rev('1000', null), rev('5000', '1000', ['reporting']), rev('5001', '5000')],
      code: rev('5002', '5000'),
      errors: [{ line: 3, column: 1, message: heads('5002', '5001, 5002') }],
    },
    {
      // History rewritten: the parent is gone. The orphan is not also called a head.
      format: 'alembic',
      history: [rev('1000', null)],
      code: rev('2000', '9999'),
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 23, message: broken('9999') }],
    },
    {
      format: 'alembic',
      history: [rev('1000', null), rev('2000', '1000')],
      code: rev('3000', ['2000', '7777']),
      errors: [{ line: 4, column: 1, message: broken('7777') }],
    },
    {
      // A copied file that kept its id: both files declare 2000.
      format: 'alembic',
      history: [rev('1000', null), rev('2000', '1000')],
      code: rev('2000', '1000'),
      errors: [{ line: 3, column: 1, message: 'revision "2000" is also declared in alembic/versions/a1_history.py' }],
    },
  ],
});
