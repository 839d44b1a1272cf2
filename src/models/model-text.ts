import path from 'node:path';
import { DYNAMIC_IMPORT } from './python-facts.js';

/**
 * Words without which a Python file defines no table, no model class, nothing
 * a model class inherits its table from (`__tablename__`, a schema, being
 * abstract, a Flask-SQLAlchemy or SQLModel base, a primary key).
 */
const MODEL_WORDS =
  /__tablename__|__table__|__table_args__|__abstract__|\bTable\s*\(|Mapped\s*\[|mapped_column|declared_attr|primary_key|\.Model\b|\bSQLModel\b|table\s*=\s*True/;

/**
 * Whether a file reached by following imports can contribute to a set of
 * models: a package's `__init__.py` can (Python runs it and it often imports
 * the model modules), another module only if its text has one of the words
 * or loads modules by name. The other modules of a large application (its
 * services, settings, helpers: Polar's env.py reaches ~1,000 files, ~110 of
 * which define models) are neither parsed nor followed; a model module
 * imported only from such a module would be missed, which is not how
 * applications register their models.
 */
export function mayDefineModels(absPath: string, text: string): boolean {
  return path.basename(absPath) === '__init__.py' || MODEL_WORDS.test(text) || DYNAMIC_IMPORT.test(text);
}
