/**
 * The models front-end: Python model files in, the tables they define out.
 * Files are parsed with tree-sitter, never imported.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSet } from '../../src/models/model-set.js';
import { readPythonFacts } from '../../src/models/python-facts.js';
import { camelToSnakeCase, resolveModels } from '../../src/models/resolve.js';

async function modelsOf(...sources: string[]): Promise<ModelSet> {
  const facts = [];
  for (const [i, text] of sources.entries()) facts.push(await readPythonFacts(`models/m${i}.py`, text));
  return resolveModels('test', facts);
}

/** `style schema.name` per table, in file order. */
async function tables(...sources: string[]): Promise<string[]> {
  return (await modelsOf(...sources)).tables.map((t) => `${t.style} ${t.schema === null ? '' : `${t.schema}.`}${t.name}`);
}

describe('declarative classes', () => {
  it('reads __tablename__, typed or not, with a schema from __table_args__ and module constants', async () => {
    const source = [
      'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
      '',
      'PREFIX = "app_"',
      '',
      'class Base(DeclarativeBase):',
      '    pass',
      '',
      'class Project(Base):',
      '    __tablename__ = "projects"',
      '    id: Mapped[int] = mapped_column(primary_key=True)',
      '',
      'class Keyword(Base):',
      "    __tablename__: str = 'project_keywords'",
      '    __table_args__ = (UniqueConstraint("keyword"), {"schema": "crm"})',
      '',
      'class User(Base):',
      '    __tablename__ = PREFIX + "users"',
      '',
    ].join('\n');
    // Base has no __tablename__ and no db.Model: it is the declarative base, no table.
    expect(await tables(source)).toEqual(['declarative projects', 'declarative crm.project_keywords', 'declarative app_users']);
    const set = await modelsOf(source);
    expect(set.tables.map((t) => [t.className, t.line])).toEqual([
      ['Project', 8],
      ['Keyword', 12],
      ['User', 16],
    ]);
  });

  it('computes a @declared_attr __tablename__ of a base in another file', async () => {
    const base = [
      'from sqlalchemy.orm import DeclarativeBase, declared_attr',
      '',
      'class Base(DeclarativeBase):',
      '    @declared_attr.directive',
      '    def __tablename__(cls) -> str:',
      '        return cls.__name__.lower()',
      '',
      'class PluralBase(DeclarativeBase):',
      '    @declared_attr',
      '    def __tablename__(cls):',
      '        return f"{cls.__name__.lower()}s"',
      '',
    ].join('\n');
    const models = [
      'from .base import Base, PluralBase',
      '',
      'class Widget(Base):',
      '    id = Column(Integer, primary_key=True)',
      '',
      'class Gadget(Base):',
      '    __tablename__ = "gadget_table"',
      '',
      'class Order(PluralBase):',
      '    id = Column(Integer, primary_key=True)',
      '',
      'class AbstractThing(Base):',
      '    __abstract__ = True',
      '',
    ].join('\n');
    expect(await tables(base, models)).toEqual(['declared-attr widget', 'declarative gadget_table', 'declared-attr orders']);
  });

  it('keeps a class whose computed name it cannot evaluate as unresolved, matched by its name', async () => {
    const set = await modelsOf(
      [
        'class Base(DeclarativeBase):',
        '    @declared_attr.directive',
        '    def __tablename__(cls) -> str:',
        '        return to_snake(cls.__name__)',
        '',
        'class ProjectKeyword(Base):',
        '    id = Column(Integer, primary_key=True)',
        '',
        'class Category(Base):',
        '    id = Column(Integer, primary_key=True)',
        '',
      ].join('\n'),
    );
    expect(set.tables).toEqual([]);
    expect(set.unresolved.map((u) => u.className)).toEqual(['ProjectKeyword', 'Category']);
    expect(set.defines({ schema: null, name: 'project_keyword' })).toBe(true);
    expect(set.defines({ schema: null, name: 'project_keywords' })).toBe(true);
    expect(set.defines({ schema: null, name: 'categories' })).toBe(true);
    expect(set.defines({ schema: null, name: 'project_resource_mappings' })).toBe(false);
  });
});

describe('Table(...)', () => {
  it('reads Table, sa.Table, sqlalchemy.Table and db.Table with a static name and schema', async () => {
    const source = [
      'import sqlalchemy as sa',
      'import sqlalchemy',
      'from sqlalchemy import Table as T, Column, Integer, MetaData',
      'from app.extensions import db',
      '',
      'metadata = MetaData()',
      'NAME = "audit_log"',
      'tags = T("tags", metadata, Column("id", Integer, primary_key=True))',
      'links = sa.Table("links", metadata, schema="crm")',
      'audit = sqlalchemy.Table(NAME, metadata)',
      'members = db.Table("members", db.Column("user_id", db.Integer))',
      '',
      'class Legacy(Base):',
      '    __table__ = sa.Table("legacy_orders", metadata, autoload_with=engine)',
      '',
    ].join('\n');
    // Legacy's table is its __table__: read once, as a Table(...).
    expect(await tables(source)).toEqual(['table tags', 'table crm.links', 'table audit_log', 'table members', 'table legacy_orders']);
  });
});

describe('SQLModel', () => {
  it('takes table=True classes: __tablename__, else the class name lower-cased', async () => {
    const source = [
      'from sqlmodel import Field, SQLModel',
      '',
      'class HeroBase(SQLModel):',
      '    name: str',
      '',
      'class Hero(HeroBase, table=True):',
      '    id: int | None = Field(default=None, primary_key=True)',
      '',
      'class TeamMember(SQLModel, table=True):',
      '    __tablename__ = "team_members"',
      '    id: int = Field(primary_key=True)',
      '',
      'class HeroPublic(HeroBase):',
      '    id: int',
      '',
      'class HeroWithTeam(Hero, table=True):',
      '    team: str',
      '',
    ].join('\n');
    // HeroBase and HeroPublic are plain pydantic models; a subclass of a table class is no new table.
    expect(await tables(source)).toEqual(['sqlmodel hero', 'sqlmodel team_members']);
  });
});

describe('Flask-SQLAlchemy', () => {
  it('names a db.Model subclass without __tablename__ in snake_case, as Flask-SQLAlchemy does', async () => {
    const source = [
      'from flask_sqlalchemy import SQLAlchemy',
      '',
      'db = SQLAlchemy()',
      '',
      'class ProjectMonthlyForecast(db.Model):',
      '    id = db.Column(db.Integer, primary_key=True)',
      '',
      'class HTTPLog(db.Model):',
      '    id = db.Column(db.Integer, primary_key=True)',
      '',
      'class Timestamped(db.Model):',
      '    __abstract__ = True',
      '',
      'class Invoice(Timestamped):',
      '    id = db.Column(db.Integer, primary_key=True)',
      '',
      'class Employee(db.Model):',
      '    id = db.Column(db.Integer, primary_key=True)',
      '',
      'class Manager(Employee):',
      '    level = db.Column(db.Integer)',
      '',
      'class Engineer(Employee):',
      '    id = db.Column(db.Integer, db.ForeignKey("employee.id"), primary_key=True)',
      '',
      'class Account(db.Model):',
      '    __tablename__ = "accounts"',
      '    id = db.Column(db.Integer, primary_key=True)',
      '',
    ].join('\n');
    // Timestamped is abstract; Manager has no primary key of its own: single-table inheritance, Employee's table.
    expect(await tables(source)).toEqual([
      'flask project_monthly_forecast',
      'flask http_log',
      'flask invoice',
      'flask employee',
      'flask engineer',
      'declarative accounts',
    ]);
  });

  it('converts names with camel_to_snake_case', () => {
    expect(camelToSnakeCase('ProjectResourceMapping')).toBe('project_resource_mapping');
    expect(camelToSnakeCase('HTTPResponse')).toBe('http_response');
    expect(camelToSnakeCase('ABTest')).toBe('ab_test');
    expect(camelToSnakeCase('Project2Keyword')).toBe('project2_keyword');
    expect(camelToSnakeCase('user')).toBe('user');
  });
});

describe('not models', () => {
  it('ignores other Tables, lightweight table(), strings, comments, plain classes and Django models', async () => {
    const source = [
      'from rich.table import Table',
      'from sqlalchemy.sql import table, column',
      'from django.db import models',
      'from pydantic import BaseModel',
      '',
      'report = Table("Results")',
      't = table("lightweight", column("id"))',
      'TEXT = "__tablename__ = \'fake\'"',
      '# __tablename__ = "commented"',
      '',
      'class Settings:',
      '    debug = True',
      '',
      'class Point(BaseModel):',
      '    x: int',
      '',
      'class Article(models.Model):',
      '    title = models.CharField(max_length=100)',
      '',
      'class Computed(Base):',
      '    __tablename__ = None',
      '',
    ].join('\n');
    expect(await tables(source)).toEqual([]);
  });
});

describe('broken files', () => {
  it('reads past a syntax error without crashing', async () => {
    const source = ['class Broken(Base:', '    __tablename__ = "broken"', '', 'class Fine(Base):', '    __tablename__ = "fine"', ''].join('\n');
    const names = (await modelsOf(source)).tables.map((t) => t.name);
    expect(names).toContain('fine');
  });

  it('survives an unterminated string and text that is not Python at all', async () => {
    await expect(modelsOf('class A(Base):\n    __tablename__ = "oops\n')).resolves.toBeDefined();
    await expect(modelsOf('\u0000\u0001 }}} ((( <html>')).resolves.toBeDefined();
    expect((await modelsOf('')).tables).toEqual([]);
  });
});

describe('matching', () => {
  it('matches names ignoring case, and schemas only when the model states one', async () => {
    const set = await modelsOf(
      [
        'class A(Base):',
        '    __tablename__ = "Invoice"',
        '',
        'class B(Base):',
        '    __tablename__ = "ledger"',
        '    __table_args__ = {"schema": "billing"}',
        '',
      ].join('\n'),
    );
    expect(set.defines({ schema: null, name: 'invoice' })).toBe(true);
    expect(set.defines({ schema: 'sales', name: 'invoice' })).toBe(true);
    expect(set.defines({ schema: 'billing', name: 'ledger' })).toBe(true);
    expect(set.defines({ schema: 'BILLING', name: 'LEDGER' })).toBe(true);
    expect(set.defines({ schema: null, name: 'ledger' })).toBe(false);
    expect(set.defines({ schema: 'public', name: 'ledger' })).toBe(false);
    expect(set.defines({ schema: null, name: 'invoices' })).toBe(false);
  });
});
