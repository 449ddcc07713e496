import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Migration } from './migrations.ts';
import { applyMigrations, migrations, SchemaTooNewError } from './migrations.ts';
import { openSqliteStore } from './sqlite-store.ts';

const synthetic: Migration[] = [
  { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
  { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' },
  { version: 3, name: 'three', sql: 'CREATE TABLE b (z TEXT) STRICT;' },
];

function versions(db: Database.Database) {
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('applyMigrations', () => {
  it('numbers the migrations 1, 2, 3... with nothing skipped', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('applies every migration to a new database and records each', () => {
    const db = new Database(':memory:');
    expect(applyMigrations(db, synthetic)).toEqual([1, 2, 3]);
    expect(versions(db)).toEqual([
      { version: 1, name: 'one' },
      { version: 2, name: 'two' },
      { version: 3, name: 'three' },
    ]);
    db.prepare('INSERT INTO a (x, y) VALUES (1, ?)').run('y');
  });

  it('applies only the newer ones to a database that has some', () => {
    const db = new Database(':memory:');
    applyMigrations(db, synthetic.slice(0, 1));
    db.prepare('INSERT INTO a (x) VALUES (7)').run();
    expect(applyMigrations(db, synthetic)).toEqual([2, 3]);
    expect(db.prepare('SELECT x, y FROM a').all()).toEqual([{ x: 7, y: null }]);
  });

  it('does nothing the second time', () => {
    const db = new Database(':memory:');
    applyMigrations(db, synthetic);
    expect(applyMigrations(db, synthetic)).toEqual([]);
  });

  it('rolls back a migration that fails, leaving the earlier ones', () => {
    const db = new Database(':memory:');
    const broken = [
      ...synthetic.slice(0, 1),
      { version: 2, name: 'bad', sql: 'CREATE TABLE a (x);' },
    ];
    expect(() => applyMigrations(db, broken)).toThrow(/already exists/);
    expect(versions(db)).toEqual([{ version: 1, name: 'one' }]);
  });

  it('refuses a database written by a newer relay', () => {
    const db = new Database(':memory:');
    applyMigrations(db, synthetic);
    expect(() => applyMigrations(db, synthetic.slice(0, 2))).toThrow(SchemaTooNewError);
  });

  it('opens the real schema on disk, in WAL mode, and again after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-migrations-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'relay.sqlite');
    const store = openSqliteStore(path);
    store.createSubscription('s1', Buffer.alloc(32), 1);
    store.close();

    const reopened = openSqliteStore(path);
    expect(reopened.subscription('s1')).toMatchObject({ id: 's1' });
    reopened.close();

    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(versions(db)).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    db.close();
  });
});
