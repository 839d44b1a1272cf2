import rule from '../../rules/update-without-where.js';
import { upgrade } from './orm-migration.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    'UPDATE users SET email = NULL WHERE deleted_at IS NOT NULL;',
    // The value is computed from the column itself: nothing it held is replaced by something else.
    'UPDATE users SET email = lower(email);',
    'UPDATE counters SET n = coalesce(n, 0), updated = updated;',
    'UPDATE items SET position = position + 1 RETURNING id;',
    // A backfill of a column the same migration added: it held nothing before.
    "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';",
    'CREATE TABLE staging (id int, note text);\nUPDATE staging SET note = NULL;',
    // A table rebuilt by copy-then-swap: the column the copy leaves empty is filled afterwards.
    'CREATE TABLE galleries_new (id integer, folder_id integer, path text);\nINSERT INTO galleries_new (id, path) SELECT id, path FROM galleries;\nUPDATE galleries_new SET folder_id = (SELECT folders.id FROM folders WHERE folders.path = galleries_new.path);\nDROP TABLE galleries;\nALTER TABLE galleries_new RENAME TO galleries;',
    // An UPDATE … FROM writes only the rows it joins.
    'UPDATE users SET plan = p.name FROM plans p WHERE p.id = users.plan_id;',
    // Not an UPDATE statement.
    "INSERT INTO audit (note) VALUES ('UPDATE users SET email = NULL');",
    'ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE;',
    {
      format: 'alembic',
      code: upgrade('op.add_column("users", sa.Column("plan", sa.Text()))', 'op.execute("UPDATE users SET plan = \'free\'")'),
    },
    {
      // SQLAlchemy Core: an update with a where, or a value computed from a column.
      format: 'alembic',
      code: upgrade(
        'users = sa.table("users", sa.column("id"), sa.column("plan"), sa.column("n"))',
        'op.execute(users.update().where(users.c.id == 1).values(plan="free"))',
        'op.execute(sa.update(users).values(n=users.c.n + 1))',
        // SQL, not a value: the column set to itself (sqlalchemy-searchable's sync_trigger, to fire its triggers).
        'op.execute(users.update().values({"plan": sa.text("plan")}))',
      ),
    },
  ],
  invalid: [
    {
      code: 'UPDATE users SET email = NULL;',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 30,
          table: 'users',
          message: 'migration sets column "email" of every row of table "users" to NULL (UPDATE without WHERE); what it held is lost',
        },
      ],
    },
    {
      // Each column a statement overwrites; one whose value reads itself is not.
      code: "UPDATE `users` SET `status` = 'active', `score` = `score` * 2, `nickname` = `name` WHERE 1 = 1;",
      dialect: 'mysql',
      errors: [
        { line: 1, column: 1, message: /column "nickname" of every row of table "users" to `name` \(/ },
        { line: 1, column: 1, message: /column "status" of every row of table "users" to 'active' \(/ },
      ],
    },
    {
      // In the rebuilt table, a column the copy filled from the old one.
      code: 'CREATE TABLE galleries_new (id integer, path text);\nINSERT INTO galleries_new (id, path) SELECT id, path FROM galleries;\nUPDATE galleries_new SET path = NULL;\nDROP TABLE galleries;\nALTER TABLE galleries_new RENAME TO galleries;',
      errors: [{ line: 3, column: 1, message: /column "path" of every row of table "galleries_new" to NULL/ }],
    },
    {
      // The old values were copied into another column first: nothing is lost.
      code: 'ALTER TABLE users ADD COLUMN legacy_email text;\nUPDATE users SET legacy_email = email;\nUPDATE users SET email = NULL;',
      errors: [{ line: 3, column: 1, severity: 'info', message: /its values were copied into column "legacy_email" first/ }],
    },
    {
      format: 'alembic',
      code: upgrade('op.execute("UPDATE users SET plan = \'free\'")'),
      errors: [{ line: 7, column: 17, message: /upgrade\(\) sets column "plan" of every row of table "users" to 'free' \(/ }],
    },
    {
      // SQLAlchemy Core: an update with no where, of literals.
      format: 'alembic',
      code: upgrade(
        'users = sa.table("users", sa.column("plan"), sa.column("note"), sa.column("n"), sa.column("active"))',
        // A quote in the string is written as SQL writes it.
        'op.execute(users.update().values(plan=None, note="it\'s n/a"))',
        'op.execute(sa.update(users).values({"plan": "free", "n": 0}))',
        'op.execute(users.update().values(active=True))',
      ),
      errors: [
        {
          line: 8,
          column: 5,
          message: 'upgrade() sets column "note" of every row of table "users" to \'it\'\'s n/a\' (UPDATE without WHERE); what it held is lost',
        },
        { line: 8, column: 5, message: 'upgrade() sets column "plan" of every row of table "users" to NULL (UPDATE without WHERE); what it held is lost' },
        { line: 9, column: 5, message: /sets column "n" of every row of table "users" to 0 \(/ },
        { line: 9, column: 5, message: /sets column "plan" of every row of table "users" to 'free' \(/ },
        { line: 10, column: 5, message: /sets column "active" of every row of table "users" to TRUE \(/ },
      ],
    },
  ],
});
