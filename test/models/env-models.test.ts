/**
 * Models found from an Alembic env.py's `target_metadata`, without a `models`
 * setting: the module it is imported from, and what that package imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelFilesFromEnv } from '../../src/models/env-models.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { loadModels, readText } from '../../src/models/load.js';
import { readPythonFacts, type PyFileFacts } from '../../src/models/python-facts.js';
import { ModuleFinder } from '../../src/parsers/python/module-finder.js';
import { parsePythonFile } from '../../src/parsers/alembic/alembic-file.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-models-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

const ENV_HEAD = 'from logging.config import fileConfig\nfrom alembic import context\n';

/** The model files env.py leads to, relative to the project, sorted; null when they cannot be traced. */
async function modelFiles(dir: string, env = 'alembic/env.py'): Promise<string[] | null> {
  const envPath = path.join(dir, ...env.split('/'));
  const factsOf = async (abs: string): Promise<PyFileFacts | null> => {
    const text = readText(abs);
    return text === null ? null : readPythonFacts(abs, text);
  };
  const files = await modelFilesFromEnv(envPath, fs.readFileSync(envPath, 'utf8'), {
    factsOf,
    finder: new ModuleFinder(path.dirname(envPath)),
    walked: () => {},
  });
  return files.kind === 'traced' ? files.files.map((f) => path.relative(dir, f).split(path.sep).join('/')) : null;
}

describe('env.py target_metadata', () => {
  it('follows `from app.models import Base` into the package and the modules it imports', async () => {
    const dir = project({
      'alembic/env.py': `${ENV_HEAD}from app.models import Base\n\nconfig = context.config\ntarget_metadata = Base.metadata\n`,
      'app/__init__.py': '',
      'app/models/__init__.py': 'from .base import Base\nfrom .user import User\nfrom app.models.project import Project\n',
      'app/models/base.py': 'from sqlalchemy.orm import DeclarativeBase\n\nclass Base(DeclarativeBase):\n    pass\n',
      'app/models/user.py': 'from .base import Base\n\nclass User(Base):\n    __tablename__ = "users"\n',
      'app/models/project.py':
        'from app.models.base import Base\nfrom app.core.config import settings\n\nclass Project(Base):\n    __tablename__ = "projects"\n',
      'app/models/unused.py': 'class Unused(Base):\n    __tablename__ = "unused"\n',
      'app/core/config.py': 'settings = object()\n',
      'lib/other.py': 'class Other(Base):\n    __tablename__ = "other"\n',
    });
    // app/core/config.py is in the same top-level package and imported, so it is read (it defines nothing);
    // unused.py is never imported.
    expect(await modelFiles(dir)).toEqual([
      'app/__init__.py',
      'app/core/config.py',
      'app/models/__init__.py',
      'app/models/base.py',
      'app/models/project.py',
      'app/models/user.py',
    ]);
  });

  it('reads `from myapp.db import metadata` and a module that is not a package', async () => {
    const dir = project({
      'migrations/env.py': `${ENV_HEAD}from myapp.db import metadata\ntarget_metadata = metadata\n`,
      'myapp/db.py': 'from sqlalchemy import MetaData, Table\nmetadata = MetaData()\naudit = Table("audit_log", metadata)\n',
    });
    // myapp/ has no __init__.py: a namespace package, nothing to run for it.
    expect(await modelFiles(dir, 'migrations/env.py')).toEqual(['myapp/db.py']);
  });

  it('finds the package in a src/ layout, and `import app.models` with a dotted target', async () => {
    const dir = project({
      'db/migrations/env.py': `${ENV_HEAD}import shop.models\ntarget_metadata = shop.models.Base.metadata\n`,
      'src/shop/__init__.py': '',
      'src/shop/models.py': 'class Base(DeclarativeBase):\n    pass\n',
    });
    expect(await modelFiles(dir, 'db/migrations/env.py')).toEqual(['src/shop/__init__.py', 'src/shop/models.py']);
  });

  it('adds modules env.py imports from the same package for their side effects, and a list of metadata', async () => {
    const dir = project({
      'alembic/env.py': `${ENV_HEAD}from app.db.base_class import Base\nfrom app.billing import Ledger\nimport app.models.extra  # noqa\ntarget_metadata = [Base.metadata, Ledger.metadata]\n`,
      'app/db/base_class.py': 'class Base(DeclarativeBase):\n    pass\n',
      'app/billing.py': 'class Ledger(Base):\n    __tablename__ = "ledger"\n',
      'app/models/extra.py': 'class Extra(Base):\n    __tablename__ = "extra"\n',
    });
    expect(await modelFiles(dir)).toEqual(['app/billing.py', 'app/db/base_class.py', 'app/models/extra.py']);
  });

  it('reads every module of a folder whose package imports its modules by name', async () => {
    const dir = project({
      'alembic/env.py': `${ENV_HEAD}from app.models import Base\ntarget_metadata = Base.metadata\n`,
      'app/models/__init__.py':
        'import importlib, pkgutil\nfrom .base import Base\nfor m in pkgutil.iter_modules(__path__):\n    importlib.import_module(f"{__name__}.{m.name}")\n',
      'app/models/base.py': 'class Base(DeclarativeBase):\n    pass\n',
      'app/models/a.py': 'class A(Base):\n    __tablename__ = "a"\n',
      'app/models/b.py': 'class B(Base):\n    __tablename__ = "b"\n',
    });
    expect(await modelFiles(dir)).toEqual(['app/models/__init__.py', 'app/models/a.py', 'app/models/b.py', 'app/models/base.py']);
  });

  it("reads no migration of the Alembic environment below a folder it walks (Prefect's database package)", async () => {
    const dir = project({
      'app/db/migrations/env.py': `${ENV_HEAD}from app.db.models import Base\ntarget_metadata = Base.metadata\n`,
      'app/db/migrations/versions/a1_init.py': 'revision = "a1"\ndown_revision = None\n\ndef upgrade():\n    pass\n',
      'app/db/migrations/helpers.py': 'def batch():\n    pass\n',
      'app/db/__init__.py': '',
      'app/db/models.py': 'import importlib\n\nclass Base(DeclarativeBase):\n    pass\n\nfor name in ("a",):\n    importlib.import_module(name)\n',
      // A folder named versions elsewhere is the application's.
      'app/db/versions/v.py': 'class V(Base):\n    __tablename__ = "v"\n',
    });
    expect(await modelFiles(dir, 'app/db/migrations/env.py')).toEqual([
      'app/db/__init__.py',
      'app/db/migrations/env.py',
      'app/db/migrations/helpers.py',
      'app/db/models.py',
      'app/db/versions/v.py',
    ]);
  });

  it("reads every module of a package a module imports, when it imports modules by name through the project's helper", async () => {
    // Neutron's models/head.py: `utils.import_modules_recursively(os.path.dirname(models.__file__))`.
    const dir = project({
      'alembic/env.py': `${ENV_HEAD}from app.db.migration.models import head  # noqa\nfrom app.db.base import Base\ntarget_metadata = Base.metadata\n`,
      'app/db/base.py': 'class Base(DeclarativeBase):\n    pass\n',
      'app/db/migration/models/head.py':
        'import os.path\nfrom app.common import utils\nfrom app.db import models\n\nutils.import_modules_recursively(os.path.dirname(models.__file__))\n',
      'app/db/models/__init__.py': '',
      'app/db/models/agent.py': 'class Agent(Base):\n    __tablename__ = "agents"\n',
      'app/common/utils.py': 'def import_modules_recursively(topdir):\n    pass\n',
    });
    expect(await modelFiles(dir)).toEqual([
      'app/common/utils.py',
      'app/db/base.py',
      'app/db/migration/models/head.py',
      'app/db/models/__init__.py',
      'app/db/models/agent.py',
    ]);
  });

  it('takes the project modules env.py imports as the models of SQLModel.metadata', async () => {
    const dir = project({
      'alembic/env.py': `${ENV_HEAD}from sqlmodel import SQLModel\nfrom app import models  # noqa\ntarget_metadata = SQLModel.metadata\n`,
      'app/__init__.py': '',
      'app/models.py': 'from sqlmodel import SQLModel, Field\n\nclass Hero(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n',
    });
    expect(await modelFiles(dir)).toEqual(['app/__init__.py', 'app/models.py']);
  });

  it('gives up where the models are not named unambiguously', async () => {
    const cases: Record<string, string> = {
      none: `${ENV_HEAD}target_metadata = None\n`,
      missing: `${ENV_HEAD}config = context.config\n`,
      flask: `${ENV_HEAD}from flask import current_app\ntarget_metadata = current_app.extensions["migrate"].db.metadata\n`,
      call: `${ENV_HEAD}from app.models import get_metadata\ntarget_metadata = get_metadata()\n`,
      local: `${ENV_HEAD}from sqlalchemy.orm import declarative_base\nBase = declarative_base()\ntarget_metadata = Base.metadata\n`,
      library: `${ENV_HEAD}from somelib.models import Base\ntarget_metadata = Base.metadata\n`,
      conditional: `${ENV_HEAD}from app.models import Base, Other\ntarget_metadata = Base.metadata\nif context.get_x_argument():\n    target_metadata = Other.metadata\n`,
    };
    for (const [name, env] of Object.entries(cases)) {
      const dir = project({ 'alembic/env.py': env, 'app/models.py': 'class Base(DeclarativeBase):\n    pass\n' });
      expect(await modelFiles(dir), name).toBeNull();
    }
  });
});

describe('loadModels', () => {
  it('gives each Alembic set the models of its env.py, and none to a set without one', async () => {
    const dir = project({
      'svc/alembic/env.py': `${ENV_HEAD}from app.models import Base\ntarget_metadata = Base.metadata\n`,
      'svc/app/models.py': 'class Base(DeclarativeBase):\n    pass\n\nclass User(Base):\n    __tablename__ = "users"\n',
    });
    const migration = 'from alembic import op\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n';
    const units = [
      (await parsePythonFile({ path: 'svc/alembic/versions/a1_init.py', text: migration }, 'postgresql'))!,
      (await parsePythonFile({ path: 'other/versions/a1_init.py', text: migration }, 'postgresql'))!,
    ];
    const index = await loadModels({ cwd: dir, root: dir, globs: [], units, read: (abs) => readText(abs) });
    expect(index).not.toBeNull();
    expect(index!.modelsFor(units[0]!)?.tables.map((t) => t.name)).toEqual(['users']);
    expect(index!.modelsFor(units[0]!)?.source).toBe('svc/alembic/env.py');
    expect(index!.modelsFor(units[1]!)).toBeNull();
  });

  it('knows no models when neither the files env.py leads to nor the project define any, and says what it tried', async () => {
    const dir = project({
      'alembic/env.py': `${ENV_HEAD}from app.db import Base\ntarget_metadata = Base.metadata\n`,
      'app/db.py': 'class Base(DeclarativeBase):\n    pass\n',
    });
    const migration = 'from alembic import op\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    pass\n';
    const unit = (await parsePythonFile({ path: 'alembic/versions/a1_init.py', text: migration }, 'postgresql'))!;
    const index = await loadModels({ cwd: dir, root: dir, globs: [], units: [unit], read: (abs) => readText(abs) });
    expect(index!.modelsFor(unit)).toBeNull();
    expect(index!.noteFor(unit)).toEqual([
      "the 1 modules alembic/env.py's target_metadata leads to define no model",
      'found no SQLAlchemy, SQLModel or Flask-SQLAlchemy model in the project (the Python under .)',
    ]);
  });

  it('uses the models globs, relative to the config folder, for every Alembic set', async () => {
    const dir = project({
      'backend/app/models/user.py': 'class User(Base):\n    __tablename__ = "users"\n',
      'backend/app/models/notes.txt': 'class Note(Base):\n    __tablename__ = "notes"\n',
    });
    const migration = 'from alembic import op\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    pass\n';
    const unit = (await parsePythonFile({ path: 'migrations/versions/a1_init.py', text: migration }, 'postgresql'))!;
    const index = await loadModels({ cwd: dir, root: path.join(dir, 'backend'), globs: ['app/models/**/*.py'], units: [unit], read: (abs) => readText(abs) });
    expect(index!.modelsFor(unit)?.files).toEqual(['backend/app/models/user.py']);
    expect(index!.modelsFor(unit)?.tables.map((t) => t.name)).toEqual(['users']);
  });

  it("from the cache alone, reads a set's cached trace only when its models are asked for, checks it then, and says when it cannot answer", async () => {
    const dir = project({
      'alembic/env.py': `${ENV_HEAD}from app.models import Base\ntarget_metadata = Base.metadata\n`,
      'app/models.py': 'class Base(DeclarativeBase):\n    pass\n\nclass User(Base):\n    __tablename__ = "users"\n',
      // The project's root: the trace looks for modules no higher.
      'pyproject.toml': '[project]\nname = "app"\n',
    });
    // An hour old: the files' stamps and the folders' times are trusted, and the trace is kept.
    const then = new Date(Date.now() - 3_600_000);
    for (const name of ['.', ...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })]) fs.utimesSync(path.join(dir, name), then, then);
    const migration = (revision: string, down: string) =>
      `from alembic import op\nrevision = "${revision}"\ndown_revision = ${down}\n\ndef upgrade():\n    pass\n`;
    const units = [
      (await parsePythonFile({ path: 'alembic/versions/a1_init.py', text: migration('a1', 'None') }, 'postgresql'))!,
      (await parsePythonFile({ path: 'alembic/versions/b2_next.py', text: migration('b2', '"a1"') }, 'postgresql'))!,
    ];
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-models-cache-'));
    made.push(cache);
    const load = async (fromCacheOnly: boolean) => {
      const disk = DiskCache.open(cache)!;
      const index = await loadModels({ cwd: dir, root: dir, globs: [], units, read: (abs) => readText(abs), disk, fromDisk: () => true, fromCacheOnly });
      return { index: index!, disk };
    };
    // Without a cache, nothing to answer with but what asks nothing.
    const uncached = await loadModels({ cwd: dir, root: dir, globs: [], units, read: (abs) => readText(abs), fromCacheOnly: true });
    expect(uncached!.noteFor(units[1]!)).toBeNull();
    expect(uncached!.mustLoad?.()).toBe(false);
    expect(uncached!.modelsFor(units[1]!)).toBeNull();
    expect(uncached!.mustLoad?.()).toBe(true);
    // No trace cached yet: nothing to answer with.
    const cold = await load(true);
    expect(cold.index.modelsFor(units[1]!)).toBeNull();
    expect(cold.index.mustLoad?.()).toBe(true);
    const loaded = await load(false);
    expect(loaded.index.modelsFor(units[1]!)?.tables.map((t) => t.name)).toEqual(['users']);
    loaded.disk.save();

    const warm = await load(true);
    // The later revision carries no note: asking reads nothing.
    expect(warm.index.noteFor(units[1]!)).toBeNull();
    expect(warm.disk.stats.hits + warm.disk.stats.misses).toBe(0);
    expect(warm.index.modelsFor(units[1]!)?.tables.map((t) => t.name)).toEqual(['users']);
    expect(warm.disk.stats.hits).toBe(1);
    expect(warm.index.mustLoad?.()).toBe(false);

    fs.appendFileSync(path.join(dir, 'app/models.py'), '\nclass Post(Base):\n    __tablename__ = "posts"\n');
    const stale = await load(true);
    // The check the models needed finds models.py changed: no answer from the stale trace.
    expect(stale.index.modelsFor(units[1]!)).toBeNull();
    expect(stale.index.mustLoad?.()).toBe(true);
    // Loaded again: the models as they are now.
    (await load(false)).disk.save();
    const again = await load(true);
    expect(again.index.modelsFor(units[1]!)?.tables.map((t) => t.name)).toEqual(['users', 'posts']);
    expect(again.index.mustLoad?.()).toBe(false);
  });

  it('knows no models without Alembic migrations', async () => {
    expect(await loadModels({ cwd: os.tmpdir(), root: os.tmpdir(), globs: ['**/*.py'], units: [], read: () => null })).toBeNull();
  });
});
