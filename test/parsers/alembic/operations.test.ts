/**
 * The operations the Alembic front-end reads, each with the exact source text
 * under its span and where that span starts (`line:column`, 1-based, counted
 * by hand: the header below is lines 1-7, so a test's first line is line 8).
 */
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../src/ir/source-text.js';
import { parsePythonFile } from '../../../src/parsers/alembic/alembic-file.js';

const HEADER = [
  'from alembic import op',
  'import sqlalchemy as sa',
  'from sqlalchemy import text',
  '',
  'revision = "b2c3d4e5f6a7"',
  'down_revision = "a1b2c3d4e5f6"',
  '',
];

/** A migration whose code after the header is `lines` (line 8 onwards). */
function migration(...lines: string[]): string {
  return [...HEADER, ...lines, ''].join('\n');
}

type Op = Record<string, unknown>;

/** The operations of `code`, their spans replaced by `at` (line:column) and `text` (the source they cover). */
async function read(code: string): Promise<Op[]> {
  const unit = await parsePythonFile({ path: 'migrations/versions/b2c3d4e5f6a7_change.py', text: code }, 'postgresql');
  if (unit === null) throw new Error('not read as an Alembic migration');
  const lines = new LineIndex(code);
  return unit.operations.map(({ span, ...op }) => {
    const { line, column } = lines.position(span.start);
    return { ...op, at: `${line}:${column}`, text: code.slice(span.start, span.end) };
  });
}

const t = (name: string, schema: string | null = null) => ({ schema, name });

describe('op.* calls', () => {
  it('drop_table, positional or keyword, with its schema', async () => {
    const code = migration(
      'def upgrade():',
      '    op.drop_table("session")',
      '    op.drop_table(table_name="account", schema="auth")',
      '',
      'def downgrade():',
      '    pass',
    );
    expect(await read(code)).toEqual([
      { kind: 'drop-table', phase: 'upgrade', table: t('session'), at: '9:5', text: 'op.drop_table("session")' },
      { kind: 'drop-table', phase: 'upgrade', table: t('account', 'auth'), at: '10:5', text: 'op.drop_table(table_name="account", schema="auth")' },
    ]);
  });

  it('drop_column, positional or keyword, in downgrade()', async () => {
    const code = migration(
      'def upgrade():',
      '    pass',
      '',
      'def downgrade():',
      '    op.drop_column("users", "bio", schema="public")',
      '    op.drop_column(table_name="users", column_name="age")',
    );
    expect(await read(code)).toEqual([
      {
        kind: 'drop-column',
        phase: 'downgrade',
        table: t('users', 'public'),
        column: 'bio',
        at: '12:5',
        text: 'op.drop_column("users", "bio", schema="public")',
      },
      { kind: 'drop-column', phase: 'downgrade', table: t('users'), column: 'age', at: '13:5', text: 'op.drop_column(table_name="users", column_name="age")' },
    ]);
  });

  it('batch_alter_table under any alias; the alias ends with its block', async () => {
    const code = migration(
      'def upgrade():',
      '    with op.batch_alter_table("users", schema="app") as batch_op:',
      '        batch_op.drop_column("bio")',
      '        batch_op.alter_column("name", new_column_name="full_name", type_=sa.String(200))',
      '        batch_op.add_column(sa.Column("age", sa.Integer(), nullable=True))',
      '    with op.batch_alter_table("posts", recreate="always") as b:',
      '        b.drop_column(column_name="draft")',
      '    b.drop_column("late")',
    );
    const alter = 'batch_op.alter_column("name", new_column_name="full_name", type_=sa.String(200))';
    expect(await read(code)).toEqual([
      { kind: 'drop-column', phase: 'upgrade', table: t('users', 'app'), column: 'bio', at: '10:9', text: 'batch_op.drop_column("bio")' },
      { kind: 'rename-column', phase: 'upgrade', table: t('users', 'app'), column: 'name', newName: 'full_name', at: '11:9', text: alter },
      { kind: 'alter-column-type', phase: 'upgrade', table: t('users', 'app'), column: 'full_name', newType: 'sa.String(200)', at: '11:9', text: alter },
      {
        kind: 'add-column',
        phase: 'upgrade',
        table: t('users', 'app'),
        column: { name: 'age', type: 'sa.Integer()', withoutDefault: true },
        at: '12:9',
        text: 'batch_op.add_column(sa.Column("age", sa.Integer(), nullable=True))',
      },
      { kind: 'drop-column', phase: 'upgrade', table: t('posts'), column: 'draft', at: '14:9', text: 'b.drop_column(column_name="draft")' },
      // Outside its block `b` is no batch: a drop of a column of a table droplint cannot name.
      { kind: 'dynamic', phase: 'upgrade', description: 'drop_column() on a table named at run time', at: '15:5', text: 'b.drop_column("late")' },
    ]);
  });

  it('create_table with its columns, add_column, rename_table, alter_column; drop_index and drop_constraint lose no data', async () => {
    const code = migration(
      'def upgrade():',
      '    op.create_table(',
      '        "audit",',
      '        sa.Column("id", sa.Integer(), primary_key=True),',
      '        sa.Column("payload", sa.JSON()),',
      '        sa.PrimaryKeyConstraint("id"),',
      '    )',
      '    op.add_column("users", sa.Column("bio", sa.Text()))',
      '    op.rename_table("user", "users")',
      '    op.alter_column("users", "email", new_column_name="email_address", schema="app")',
      '    op.alter_column("users", "age", type_=sa.BigInteger(), existing_type=sa.Integer())',
      '    op.drop_index("ix_users_email", table_name="users")',
      '    op.drop_constraint("fk_user_org", "users", type_="foreignkey")',
    );
    expect(await read(code)).toEqual([
      {
        kind: 'create-table',
        phase: 'upgrade',
        table: t('audit'),
        columns: [
          { name: 'id', type: 'sa.Integer()' },
          { name: 'payload', type: 'sa.JSON()' },
        ],
        at: '9:5',
        text: code.slice(code.indexOf('op.create_table('), code.indexOf('    )\n') + 5),
      },
      {
        kind: 'add-column',
        phase: 'upgrade',
        table: t('users'),
        column: { name: 'bio', type: 'sa.Text()', withoutDefault: true },
        at: '15:5',
        text: 'op.add_column("users", sa.Column("bio", sa.Text()))',
      },
      { kind: 'rename-table', phase: 'upgrade', table: t('user'), newName: 'users', at: '16:5', text: 'op.rename_table("user", "users")' },
      {
        kind: 'rename-column',
        phase: 'upgrade',
        table: t('users', 'app'),
        column: 'email',
        newName: 'email_address',
        at: '17:5',
        text: 'op.alter_column("users", "email", new_column_name="email_address", schema="app")',
      },
      {
        kind: 'alter-column-type',
        phase: 'upgrade',
        table: t('users'),
        column: 'age',
        newType: 'sa.BigInteger()',
        at: '18:5',
        text: 'op.alter_column("users", "age", type_=sa.BigInteger(), existing_type=sa.Integer())',
      },
    ]);
  });

  it('create_table names the tables its foreign keys refer to', async () => {
    const code = migration(
      'def upgrade():',
      '    op.create_table(',
      '        "roles",',
      '        sa.Column("id", sa.Integer()),',
      '        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.users.id"), nullable=False),',
      '        sa.Column("owner_id", sa.Integer(), sa.ForeignKey(owner_column)),',
      '        sa.ForeignKeyConstraint(["event_id"], ["events.events.id"]),',
      '        schema="events",',
      '    )',
    );
    const [op] = await read(code);
    expect(op).toMatchObject({
      kind: 'create-table',
      references: [
        { table: t('users', 'users'), columns: ['id'] },
        { table: t('events', 'events'), columns: ['id'] },
      ],
    });
  });

  it('op imported under another name, or used as alembic.op', async () => {
    const code = [
      'import alembic',
      'from alembic import op as migrate',
      '',
      'revision = "c1"',
      'down_revision = None',
      '',
      'def upgrade():',
      '    migrate.drop_table("a")',
      '    alembic.op.drop_table("b")',
      '',
    ].join('\n');
    expect(await read(code)).toEqual([
      { kind: 'drop-table', phase: 'upgrade', table: t('a'), at: '8:5', text: 'migrate.drop_table("a")' },
      { kind: 'drop-table', phase: 'upgrade', table: t('b'), at: '9:5', text: 'alembic.op.drop_table("b")' },
    ]);
  });
});

describe('raw SQL inside Python strings', () => {
  it('is read by the SQL front-end and reported at its exact place in the string', async () => {
    const code = migration(
      'def upgrade():',
      '    op.execute("DROP TABLE logs")',
      '    op.execute(sa.text("TRUNCATE events"))',
      "    op.execute(text('DELETE FROM audit'))",
      '    conn = op.get_bind()',
      '    conn.execute(text("DROP TABLE t1"))',
      '    op.get_bind().execute(text("DROP TABLE t2"))',
      '    connection = op.get_bind()',
      '    connection.exec_driver_sql("DROP TABLE t3")',
      '    op.execute(',
      '        """',
      '        UPDATE users SET active = true;',
      '        DROP TABLE legacy;',
      '        """',
      '    )',
      '    op.execute("DROP TABLE " "ab")',
      '    op.execute("SELECT \'\\t\'; DROP TABLE \\"q\\"")',
    );
    expect(await read(code)).toEqual([
      { kind: 'drop-table', phase: 'upgrade', table: t('logs'), at: '9:17', text: 'DROP TABLE logs' },
      { kind: 'truncate', phase: 'upgrade', table: t('events'), at: '10:25', text: 'TRUNCATE events' },
      { kind: 'delete', phase: 'upgrade', table: t('audit'), hasWhere: false, at: '11:22', text: 'DELETE FROM audit' },
      { kind: 'drop-table', phase: 'upgrade', table: t('t1'), at: '13:24', text: 'DROP TABLE t1' },
      { kind: 'drop-table', phase: 'upgrade', table: t('t2'), at: '14:33', text: 'DROP TABLE t2' },
      { kind: 'drop-table', phase: 'upgrade', table: t('t3'), at: '16:33', text: 'DROP TABLE t3' },
      { kind: 'overwrite-column', phase: 'upgrade', table: t('users'), column: 'active', value: 'true', at: '19:9', text: 'UPDATE users SET active = true' },
      { kind: 'drop-table', phase: 'upgrade', table: t('legacy'), at: '20:9', text: 'DROP TABLE legacy' },
      // Implicit concatenation: the span runs from the first piece into the second.
      { kind: 'drop-table', phase: 'upgrade', table: t('ab'), at: '23:17', text: 'DROP TABLE " "ab' },
      // `\t` before the DROP is two characters of source for one of SQL: the column still lands on the D.
      { kind: 'drop-table', phase: 'upgrade', table: t('q'), at: '24:30', text: 'DROP TABLE \\"q\\"' },
    ]);
  });

  it('reports SQL held in a variable at the name in the call that runs it', async () => {
    const code = migration(
      'def upgrade():',
      '    sql = "DROP TABLE first"',
      '    op.execute(sql)',
      '    sql = "SELECT 1"',
      '    op.execute(sql)',
      '    if op.get_bind().dialect.name == "sqlite":',
      '        stmt = "DROP TABLE sqlite_only"',
      '    else:',
      '        stmt = "SELECT 2"',
      '    op.execute(stmt)',
    );
    expect(await read(code)).toEqual([
      // Names follow the code: the second op.execute(sql) runs the SELECT.
      { kind: 'drop-table', phase: 'upgrade', table: t('first'), at: '10:16', text: 'sql' },
      // Either statement may run: the value is not known, and one of them drops.
      { kind: 'dynamic', phase: 'upgrade', description: 'SQL built at run time (op.execute)', at: '17:5', text: 'op.execute(stmt)' },
    ]);
  });

  it('reads SQLAlchemy Core statements and drop_all()/create_all()', async () => {
    const code = migration(
      'users = sa.table("users", sa.column("id"), schema="app")',
      '',
      'def upgrade():',
      '    op.execute(users.delete().where(users.c.id == 1))',
      '    op.execute(sa.delete(users))',
      '    Base.metadata.drop_all(bind=op.get_bind())',
      '    meta = sa.MetaData()',
      '    meta.create_all(op.get_bind())',
      '    users_table = sa.Table("users", sa.MetaData())',
      '    users_table.drop(op.get_bind())',
      '    op.execute(users.update().values(active=False))',
      '    op.bulk_insert(users, [{"id": 1}])',
      '    count = op.get_bind().execute(sa.select(sa.func.count()).select_from(users)).scalar()',
    );
    // Line 20: a count reads; it destroys nothing.
    expect(await read(code)).toEqual([
      { kind: 'delete', phase: 'upgrade', table: t('users', 'app'), hasWhere: true, at: '11:5', text: 'op.execute(users.delete().where(users.c.id == 1))' },
      { kind: 'delete', phase: 'upgrade', table: t('users', 'app'), hasWhere: false, at: '12:5', text: 'op.execute(sa.delete(users))' },
      { kind: 'drop-all', phase: 'upgrade', target: 'Base.metadata', at: '13:5', text: 'Base.metadata.drop_all(bind=op.get_bind())' },
      { kind: 'create-all', phase: 'upgrade', target: 'meta', at: '15:5', text: 'meta.create_all(op.get_bind())' },
      { kind: 'drop-table', phase: 'upgrade', table: t('users'), at: '17:5', text: 'users_table.drop(op.get_bind())' },
      // An update with no where sets the column of every row.
      {
        kind: 'overwrite-column',
        phase: 'upgrade',
        table: t('users', 'app'),
        column: 'active',
        value: 'FALSE',
        at: '18:5',
        text: 'op.execute(users.update().values(active=False))',
      },
    ]);
  });
});

describe('dialect checks', () => {
  it("read each branch's SQL in the dialect it runs on", async () => {
    const code = migration(
      'def upgrade():',
      '    conn = op.get_bind()',
      '    if conn.dialect.name == "mysql":',
      '        op.execute("DROP TABLE IF EXISTS `legacy`")',
      '    elif conn.dialect.name == "mssql":',
      '        op.execute("DROP TABLE [legacy]")',
      '    else:',
      '        op.execute(\'DROP TABLE IF EXISTS "legacy"\')',
      '    op.execute("ALTER TABLE `t` ENGINE=InnoDB")',
      '    op.execute("DROP TABLE `x`")',
      '',
      'def downgrade():',
      '    if op.get_bind().dialect.name != "sqlite":',
      '        return',
      '    op.execute("DELETE FROM `cache`")',
    );
    const ops = await read(code);
    // The arms of the if/elif/else: one construct, three arms, which never both run.
    const arms0 = ops.slice(0, 3).map((op) => op.branch as string[]);
    const arms = arms0.map((branch) => branch.map((arm) => arm.split(':')));
    expect(arms.map((branch) => branch.map(([, arm]) => arm))).toEqual([['0'], ['1'], ['2']]);
    expect(new Set(arms.map((branch) => branch[0]![0])).size).toBe(1);
    expect(ops.filter((op) => op.kind !== 'unparsed')).toEqual([
      { kind: 'drop-table', phase: 'upgrade', table: t('legacy'), ifExists: true, at: '11:21', text: 'DROP TABLE IF EXISTS `legacy`', branch: arms0[0] },
      { kind: 'drop-table', phase: 'upgrade', table: t('legacy'), at: '13:21', text: 'DROP TABLE [legacy]', branch: arms0[1] },
      { kind: 'drop-table', phase: 'upgrade', table: t('legacy'), ifExists: true, at: '15:21', text: 'DROP TABLE IF EXISTS "legacy"', branch: arms0[2] },
      // After `if … != "sqlite": return`, the rest of downgrade() runs on SQLite only.
      { kind: 'delete', phase: 'downgrade', table: t('cache'), hasWhere: false, at: '22:17', text: 'DELETE FROM `cache`' },
    ]);
    // Line 16: MySQL-only SQL outside any check that destroys nothing is not reported; line 17
    // mentions DROP and cannot be read as PostgreSQL: reported where the reading stopped.
    expect(ops.filter((op) => op.kind === 'unparsed')).toEqual([
      expect.objectContaining({ kind: 'unparsed', phase: 'upgrade', reason: 'syntax error at or near "`"', mayBeDestructive: true, at: '17:28' }),
    ]);
  });
});

describe('names resolved statically', () => {
  it('module constants, tuples, loops over them (with unpacking) and f-strings over them', async () => {
    const code = migration(
      'TABLES = ["sessions", "accounts"]',
      'PAIRS = (("users", "bio"), ("posts", "draft"))',
      'PREFIX = "old"',
      '',
      'def upgrade():',
      '    for name in TABLES:',
      '        op.drop_table(name)',
      '    for table, column in PAIRS:',
      '        op.drop_column(table, column)',
      '    op.drop_table(f"{PREFIX}_events")',
      '    for name in reversed(TABLES):',
      '        op.execute(f"DROP TABLE {name}_archive")',
    );
    expect(await read(code)).toEqual([
      { kind: 'drop-table', phase: 'upgrade', table: t('sessions'), at: '14:9', text: 'op.drop_table(name)' },
      { kind: 'drop-table', phase: 'upgrade', table: t('accounts'), at: '14:9', text: 'op.drop_table(name)' },
      { kind: 'drop-column', phase: 'upgrade', table: t('users'), column: 'bio', at: '16:9', text: 'op.drop_column(table, column)' },
      { kind: 'drop-column', phase: 'upgrade', table: t('posts'), column: 'draft', at: '16:9', text: 'op.drop_column(table, column)' },
      { kind: 'drop-table', phase: 'upgrade', table: t('old_events'), at: '17:5', text: 'op.drop_table(f"{PREFIX}_events")' },
      { kind: 'drop-table', phase: 'upgrade', table: t('accounts_archive'), at: '19:22', text: 'DROP TABLE {name}_archive' },
      { kind: 'drop-table', phase: 'upgrade', table: t('sessions_archive'), at: '19:22', text: 'DROP TABLE {name}_archive' },
    ]);
  });

  it('comprehensions over constants, SQLAlchemy DDL constructs, drop_all() of listed tables', async () => {
    const code = migration(
      'from sqlalchemy.schema import CreateSequence, DropTable, Sequence',
      'LEGACY = ("jobs", "runs")',
      '',
      'def upgrade():',
      '    [op.drop_table(name) for name in LEGACY]',
      '    op.execute(CreateSequence(Sequence("task_id_seq")))',
      '    op.execute(DropTable(sa.table("old_jobs")))',
      '    op.execute(sa.DDL("TRUNCATE queue"))',
      '    Base.metadata.drop_all(op.get_bind(), tables=[sa.table("cache")])',
      '    Base.metadata.drop_all(op.get_bind(), tables=[sa.table("sessions")], checkfirst=False)',
    );
    expect(await read(code)).toEqual([
      { kind: 'drop-table', phase: 'upgrade', table: t('jobs'), at: '12:6', text: 'op.drop_table(name)' },
      { kind: 'drop-table', phase: 'upgrade', table: t('runs'), at: '12:6', text: 'op.drop_table(name)' },
      { kind: 'drop-table', phase: 'upgrade', table: t('old_jobs'), at: '14:5', text: 'op.execute(DropTable(sa.table("old_jobs")))' },
      { kind: 'truncate', phase: 'upgrade', table: t('queue'), at: '15:24', text: 'TRUNCATE queue' },
      // drop_all() checks that each table exists first, unless told not to.
      {
        kind: 'drop-table',
        phase: 'upgrade',
        table: t('cache'),
        ifExists: true,
        at: '16:5',
        text: 'Base.metadata.drop_all(op.get_bind(), tables=[sa.table("cache")])',
      },
      {
        kind: 'drop-table',
        phase: 'upgrade',
        table: t('sessions'),
        at: '17:5',
        text: 'Base.metadata.drop_all(op.get_bind(), tables=[sa.table("sessions")], checkfirst=False)',
      },
    ]);
  });

  it('a model of the same file names its table: Model.__tablename__, Model.__table__', async () => {
    const code = migration(
      'class Legacy(Base):',
      '    __tablename__ = "legacy_things"',
      '',
      'def downgrade():',
      '    op.drop_table(Legacy.__tablename__)',
      '    Legacy.__table__.drop(op.get_bind())',
    );
    expect(await read(code)).toEqual([
      { kind: 'drop-table', phase: 'downgrade', table: t('legacy_things'), at: '12:5', text: 'op.drop_table(Legacy.__tablename__)' },
      { kind: 'drop-table', phase: 'downgrade', table: t('legacy_things'), at: '13:5', text: 'Legacy.__table__.drop(op.get_bind())' },
    ]);
  });

  it('what cannot be resolved and may destroy data is dynamic, never silence', async () => {
    const code = migration(
      'def _drop(name):',
      '    op.drop_table(name)',
      '',
      'def upgrade():',
      '    _drop("x")',
      '    op.drop_table(get_table_name())',
      '    op.execute("DROP TABLE %s" % table_name)',
      '    op.execute(f"DELETE FROM {table} WHERE id > 5")',
      '    op.execute(build_sql())',
      '    op.drop_column("users", column_name)',
      '    conn = op.get_bind()',
      '    conn.execute(statement)',
      '    op.execute("UPDATE t SET a = %s" % value)',
    );
    const sqlAtRunTime = 'SQL built at run time (op.execute)';
    expect(await read(code)).toEqual([
      // A parameter is whatever the caller passes.
      { kind: 'dynamic', phase: 'upgrade', description: 'op.drop_table() on a table named at run time', at: '9:5', text: 'op.drop_table(name)' },
      { kind: 'dynamic', phase: 'upgrade', description: 'op.drop_table() on a table named at run time', at: '13:5', text: 'op.drop_table(get_table_name())' },
      { kind: 'dynamic', phase: 'upgrade', description: sqlAtRunTime, at: '14:5', text: 'op.execute("DROP TABLE %s" % table_name)' },
      // Line 15: a DELETE with a WHERE, of whatever table: no finding, as for a table it names.
      { kind: 'dynamic', phase: 'upgrade', description: sqlAtRunTime, at: '16:5', text: 'op.execute(build_sql())' },
      {
        kind: 'dynamic',
        phase: 'upgrade',
        description: 'op.drop_column() on a column named at run time',
        at: '17:5',
        text: 'op.drop_column("users", column_name)',
      },
      { kind: 'dynamic', phase: 'upgrade', description: 'SQL built at run time (conn.execute)', at: '19:5', text: 'conn.execute(statement)' },
      // Line 20: an UPDATE built with `%` destroys nothing visible.
    ]);
  });

  it('an f-string whose holes cannot change what it destroys is read as the SQL around them', async () => {
    const code = migration(
      'def upgrade():',
      '    for i in insp.get_indexes("secret"):',
      '        op.execute(f"ALTER TABLE secret DROP CONSTRAINT {i[\'name\']};")',
      '    op.execute(f"DELETE FROM audit WHERE id = {row_id}")',
      '    op.execute(f"DROP INDEX {name}; DROP TABLE legacy")',
      '    op.execute(f"ALTER TABLE users DROP COLUMN {col}")',
      '    op.execute(f"DELETE FROM audit WHERE {condition}")',
      '    op.execute(f"ALTER TABLE users {action}")',
      '    op.execute(f"DROP TABLE users_{suffix!s}")',
    );
    const sqlAtRunTime = 'SQL built at run time (op.execute)';
    expect(await read(code)).toEqual([
      // Line 10: a constraint's name changes no row.
      { kind: 'delete', phase: 'upgrade', table: t('audit'), hasWhere: true, at: '11:18', text: 'DELETE FROM audit WHERE id = {row_id}' },
      { kind: 'drop-table', phase: 'upgrade', table: t('legacy'), at: '12:37', text: 'DROP TABLE legacy' },
      // A hole that names what is dropped, stands for a clause, or is converted (`!s`) is dynamic, at its statement;
      // line 14, a DELETE with a WHERE, whatever its condition, is no finding.
      { kind: 'dynamic', phase: 'upgrade', description: sqlAtRunTime, at: '13:36', text: 'DROP COLUMN {col}' },
      { kind: 'dynamic', phase: 'upgrade', description: sqlAtRunTime, at: '15:36', text: '{action}' },
      { kind: 'dynamic', phase: 'upgrade', description: sqlAtRunTime, at: '16:18', text: 'DROP TABLE users_{suffix!s}' },
    ]);
  });
});

describe('phases', () => {
  it('are the enclosing function, or those of the functions that call a helper', async () => {
    const code = migration(
      'def _drop_legacy():',
      '    op.drop_table("legacy")',
      '',
      'def _only_down():',
      '    op.drop_column("users", "tmp")',
      '',
      'def upgrade():',
      '    _drop_legacy()',
      '    def inner():',
      '        op.drop_table("scratch")',
      '    inner()',
      '',
      'def downgrade():',
      '    _drop_legacy()',
      '    _only_down()',
      '',
      'def unused():',
      '    op.drop_table("orphan")',
      '',
      'def upgrade_analytics():',
      '    op.drop_table("events")',
    );
    expect(await read(code)).toEqual([
      { kind: 'drop-table', phase: 'upgrade', table: t('legacy'), at: '9:5', text: 'op.drop_table("legacy")' },
      { kind: 'drop-table', phase: 'downgrade', table: t('legacy'), at: '9:5', text: 'op.drop_table("legacy")' },
      { kind: 'drop-column', phase: 'downgrade', table: t('users'), column: 'tmp', at: '12:5', text: 'op.drop_column("users", "tmp")' },
      { kind: 'drop-table', phase: 'upgrade', table: t('scratch'), at: '17:9', text: 'op.drop_table("scratch")' },
      // Called from nowhere: it may still run (imported, called dynamically), in no known direction.
      { kind: 'drop-table', phase: 'none', table: t('orphan'), at: '25:5', text: 'op.drop_table("orphan")' },
      // Alembic's multi-database template calls upgrade_<engine>() through globals().
      { kind: 'drop-table', phase: 'upgrade', table: t('events'), at: '28:5', text: 'op.drop_table("events")' },
    ]);
  });
});

describe('what is not executed', () => {
  it('docstrings, comments, log messages, help text and unexecuted strings are no operations', async () => {
    const code = [
      '"""Drop the legacy tables.',
      '',
      'DROP TABLE users; TRUNCATE sessions;',
      '"""',
      'import logging',
      'from alembic import op',
      'import sqlalchemy as sa',
      '',
      'revision = "d4e5f6a7b8c9"',
      'down_revision = "c3d4e5f6a7b8"',
      'WARNING = "DROP TABLE users"',
      'log = logging.getLogger(__name__)',
      '',
      'def upgrade():',
      '    """DROP TABLE accounts -- not really."""',
      '    # op.drop_table("session")',
      '    log.info("DROP TABLE x")',
      '    parser.add_argument("--drop", help="drop all the tables")',
      '    print("TRUNCATE events")',
      '    op.drop_index("ix_users_email", table_name="users")',
      '    op.drop_constraint("fk_user_org", "users", type_="foreignkey")',
      '    session.delete(obj)',
      '    redis.delete("key")',
      '    sa.Enum("a", "b", name="mood").drop(op.get_bind())',
      '    op.execute("UPDATE users SET note = \'DROP TABLE x\' WHERE id = 1")',
      '',
      'def downgrade():',
      '    pass',
      '',
    ].join('\n');
    expect(await read(code)).toEqual([]);
  });

  it('what follows a raise, or an unnamed constraint drop in a try:, in the same block', async () => {
    const code = migration(
      'def upgrade():',
      '    try:',
      '        op.drop_constraint(None, "columns", type_="foreignkey")',
      '        op.drop_column("columns", "created_on")',
      '    except Exception:',
      '        op.drop_column("columns", "handled")',
      '    try:',
      '        op.drop_constraint("fk_named", "columns", type_="foreignkey")',
      '        op.drop_column("columns", "after_named")',
      '    except Exception:',
      '        pass',
      '    with op.batch_alter_table("metrics") as batch_op:',
      '        try:',
      '            batch_op.drop_constraint(constraint_name=None, type_="unique")',
      '            batch_op.drop_column("created_by_fk")',
      '        except Exception:',
      '            pass',
      '    op.drop_constraint(None, "outside", type_="foreignkey")',
      '    op.drop_column("outside", "owner_id")',
      '',
      'def downgrade():',
      '    if True:',
      '        raise NotImplementedError("irreversible")',
      '        op.drop_table("dead")',
      '    op.drop_table("kept")',
    );
    expect((await read(code)).map((op) => op.text)).toEqual([
      'op.drop_column("columns", "handled")',
      'op.drop_column("columns", "after_named")',
      'op.drop_column("outside", "owner_id")',
      'op.drop_table("kept")',
    ]);
  });
});

describe('syntax errors', () => {
  it('are reported at the error, and the rest of the file is still read', async () => {
    const code = migration('def upgrade():', '    op.drop_table("a"', '    op.drop_table("b")', '', 'def downgrade():', '    op.drop_table("c")');
    expect(await read(code)).toEqual([
      // The unclosed call swallows the rest of the file for tree-sitter; droplint reads on past it.
      { kind: 'unparsed', phase: 'none', reason: 'Python syntax error', mayBeDestructive: true, at: '9:5', text: 'op.drop_table("a"' },
      { kind: 'drop-table', phase: 'upgrade', table: t('b'), at: '10:5', text: 'op.drop_table("b")' },
      { kind: 'drop-table', phase: 'downgrade', table: t('c'), at: '13:5', text: 'op.drop_table("c")' },
    ]);
  });

  it('an error local to a line leaves the statements around it', async () => {
    const code = migration('def upgrade():', '    x = = 3', '    op.drop_table("b")', '', 'def downgrade():', '    pass');
    expect(await read(code)).toEqual([
      { kind: 'unparsed', phase: 'none', reason: 'Python syntax error', mayBeDestructive: false, at: '9:9', text: '=' },
      { kind: 'drop-table', phase: 'upgrade', table: t('b'), at: '10:5', text: 'op.drop_table("b")' },
    ]);
  });
});
