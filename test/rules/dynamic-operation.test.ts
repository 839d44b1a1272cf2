import rule from '../../rules/dynamic-operation.js';
import { orm } from './orm-migration.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    "DO $$ BEGIN EXECUTE 'GRANT SELECT ON ' || quote_ident(t) || ' TO reader'; END $$;",
    "DO $$ BEGIN RAISE NOTICE 'dropping nothing'; END $$;",
    'DROP TABLE "x";',
    // Resolved models are reported by their own rules; a filtered query of any model deletes what it selects.
    orm('    Log.__table__.drop(op.get_bind())'),
    orm('    session.query(Unknown).filter(Unknown.id == 1).delete()'),
  ],
  invalid: [
    {
      // A model droplint cannot resolve: never silent.
      ...orm('    Unknown.__table__.drop(op.get_bind())'),
      errors: [
        {
          line: 18,
          column: 5,
          message: 'upgrade() runs a DROP TABLE of the table of Unknown, a model droplint cannot resolve; droplint cannot tell which tables it destroys',
        },
      ],
    },
    {
      ...orm('    session.query(Unknown).delete()'),
      errors: [
        {
          line: 18,
          column: 5,
          message: 'upgrade() runs a DELETE through session.query(Unknown), of a model droplint cannot resolve; droplint cannot tell which tables it destroys',
        },
      ],
    },
    { ...orm('    session.execute(delete(Unknown))'), errors: [{ line: 18, column: 5, message: /a DELETE on a table named at run time/ }] },
    {
      code: "DO $$\nDECLARE r record;\nBEGIN\n  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'tmp' LOOP\n    EXECUTE 'DROP TABLE tmp.' || quote_ident(r.tablename);\n  END LOOP;\nEND $$;",
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 58,
          severity: 'warning',
          message: 'migration runs SQL built at run time (EXECUTE); droplint cannot tell which tables it destroys',
        },
      ],
    },
    {
      code: "CREATE FUNCTION purge(t text) RETURNS void AS $$\nBEGIN\n  EXECUTE format('TRUNCATE %I', t);\nEND;\n$$ LANGUAGE plpgsql;",
      errors: [{ line: 3, column: 3 }],
    },
    {
      code: 'DROP OWNED BY legacy_app;',
      errors: [
        { line: 1, column: 1, message: 'migration runs DROP OWNED, which drops every table the role owns; droplint cannot tell which tables it destroys' },
      ],
    },
    { code: 'EXEC sp_executesql @sql;', dialect: 'sqlserver', errors: [{ line: 1, column: 1 }] },
    { code: "SET @q = CONCAT('DROP TABLE ', @t);\nPREPARE stmt FROM @q;\nEXECUTE stmt;", dialect: 'mysql', errors: [{ line: 2, column: 1 }] },
  ],
});
