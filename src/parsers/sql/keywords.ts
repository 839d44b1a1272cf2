/**
 * The keyword sets the statement recognizers decide by: which statement heads
 * are harmless, which objects hold no rows, where a column's type ends.
 * Upper-case, as the lexer gives words.
 */

export const DESTRUCTIVE_WORDS = new Set(['DROP', 'TRUNCATE', 'DELETE']);
/** Statements `embedded` looks for inside others (and ALTER TABLE). */
export const EMBEDDED_VERBS = new Set([...DESTRUCTIVE_WORDS, 'EXEC', 'EXECUTE', 'PREPARE']);

/** Statement heads that are valid and cannot destroy table data by themselves. */
export const HARMLESS_HEADS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'VALUES', 'TABLE', 'SET', 'RESET', 'SHOW', 'BEGIN', 'START', 'COMMIT',
  'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE', 'GRANT', 'REVOKE', 'COMMENT', 'ANALYZE', 'ANALYSE',
  'VACUUM', 'CLUSTER', 'REINDEX', 'REFRESH', 'LOCK', 'NOTIFY', 'LISTEN', 'UNLISTEN', 'DISCARD', 'EXPLAIN',
  'DEALLOCATE', 'DECLARE', 'FETCH', 'CLOSE', 'MOVE', 'CALL', 'COPY', 'SECURITY', 'IMPORT', 'LOAD',
  'CHECKPOINT', 'PRAGMA', 'USE', 'REASSIGN', 'MERGE', 'REPLACE', 'UPSERT', 'OPTIMIZE', 'FLUSH', 'PRINT',
  'DBCC', 'BACKUP', 'RESTORE', 'DESCRIBE', 'DESC', 'ATTACH', 'DETACH', 'UNLOCK', 'HANDLER', 'CHECKSUM',
  'REPAIR', 'RAISERROR', 'THROW', 'WAITFOR', 'IF', 'WHILE', 'RETURN', 'BREAK', 'CONTINUE', 'TRY', 'CATCH',
  'KILL', 'INSTALL', 'UNINSTALL', 'GET', 'SIGNAL', 'RESIGNAL', 'RENAME', 'DENY', 'BULK', 'ENABLE',
  'DISABLE', 'SAVE', 'OPEN', 'CHECK', 'REVERT', 'GOTO',
]);

/** Object kinds whose DROP or CREATE loses no table rows. */
export const SCHEMA_OBJECTS = new Set([
  'INDEX', 'VIEW', 'TYPE', 'FUNCTION', 'PROCEDURE', 'ROUTINE', 'TRIGGER', 'SEQUENCE', 'EXTENSION', 'DOMAIN',
  'POLICY', 'RULE', 'ROLE', 'USER', 'GROUP', 'AGGREGATE', 'OPERATOR', 'COLLATION', 'CONVERSION', 'CAST',
  'PUBLICATION', 'SUBSCRIPTION', 'STATISTICS', 'SERVER', 'TABLESPACE', 'EVENT', 'LANGUAGE', 'TRANSFORM',
  'ACCESS', 'TEXT', 'MATERIALIZED', 'FOREIGN', 'CONSTRAINT', 'SYNONYM', 'LOGIN', 'ASSEMBLY', 'PARTITION',
  'FULLTEXT', 'SPATIAL', 'UNIQUE', 'CLUSTERED', 'NONCLUSTERED', 'DEFAULT', 'XML', 'CERTIFICATE', 'KEY',
  'MASTER', 'CREDENTIAL', 'MASK', 'OWNED', 'SCHEMA', 'DATABASE', 'TABLE', 'TEMPORARY', 'TEMP', 'UNLOGGED',
  'GLOBAL', 'LOCAL', 'OR', 'RECURSIVE', 'VIRTUAL', 'DEFINER', 'ALGORITHM', 'SQL', 'AUTHORIZATION', 'ROW',
  'TRUSTED', 'PROCEDURAL', 'DICTIONARY', 'NAMED', 'QUOTA', 'PROFILE', 'SETTINGS',
]);

const COLUMN_CONSTRAINT_WORDS = new Set([
  'NOT', 'NULL', 'DEFAULT', 'CONSTRAINT', 'PRIMARY', 'REFERENCES', 'UNIQUE', 'CHECK', 'COLLATE',
  'GENERATED', 'AUTO_INCREMENT', 'AUTOINCREMENT', 'IDENTITY', 'ON', 'COMMENT', 'CHARACTER', 'CHARSET',
  'AS', 'STORED', 'VIRTUAL', 'INVISIBLE', 'VISIBLE', 'KEY', 'FOREIGN', 'ROWGUIDCOL', 'SPARSE', 'MASKED',
  'COMPRESSION', 'STORAGE',
]);

export const TABLE_CONSTRAINT_HEADS = new Set([
  'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE', 'KEY', 'INDEX', 'FULLTEXT', 'SPATIAL',
  'LIKE', 'PERIOD', 'PROJECTION',
]);

export const TABLE_MODIFIERS = new Set(['GLOBAL', 'LOCAL', 'TEMPORARY', 'TEMP', 'UNLOGGED', 'VIRTUAL', 'CONSTRAINT']);
/** Words that can only start a statement, so they end one that has no `;` (T-SQL). */
export const NEXT_STATEMENT_HEADS = new Set(['DELETE', 'DROP', 'TRUNCATE', 'ALTER', 'CREATE', 'INSERT', 'UPDATE', 'EXEC', 'EXECUTE', 'MERGE', 'DECLARE', 'PRINT', 'GO']);

export const DROP_BEHAVIOUR = new Set(['CASCADE', 'RESTRICT']);
export const DELETE_MODIFIERS = new Set(['LOW_PRIORITY', 'QUICK', 'IGNORE']);
export const INSERT_MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE']);
/** SQLite's `INSERT OR REPLACE INTO …`. */
export const INSERT_CONFLICT = new Set(['REPLACE', 'IGNORE', 'ABORT', 'FAIL', 'ROLLBACK']);

/** Words after which DROP, TRUNCATE or DELETE name an event or privilege, not a statement. */
export const CLAUSE_BEFORE_VERB = new Set(['ON', 'FOR', 'OR', 'OF', 'AFTER', 'BEFORE', 'GRANT', 'REVOKE', 'DENY']);

/** What `ALTER TABLE … DROP <word>` drops when the word is not a column name. */
export const DROP_SUBJECTS = new Set([
  'CONSTRAINT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'CHECK', 'DEFAULT', 'PARTITION', 'PERIOD', 'SYSTEM',
]);

/** ALTER TABLE actions (PostgreSQL, SQLite) that change no rows. */
export const ALTER_TABLE_HARMLESS = new Set([
  'OWNER', 'SET', 'RESET', 'ENABLE', 'DISABLE', 'FORCE', 'NO', 'CLUSTER', 'INHERIT', 'NOT', 'OF', 'REPLICA',
  'ATTACH', 'DETACH', 'VALIDATE', 'REFRESH', 'SPLIT', 'MERGE',
]);

/** Words that end a column's type: its constraints, USING, MySQL's FIRST / AFTER, ClickHouse's CODEC, TTL, … */
export const TYPE_END_WORDS = new Set([...COLUMN_CONSTRAINT_WORDS, 'USING', 'FIRST', 'AFTER', 'CODEC', 'TTL', 'ALIAS', 'EPHEMERAL', 'MATERIALIZED']);
