import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-app.ts';
import { migrate, migrationStatus, readMigrations } from './migrator.ts';

describe('migrations', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('are numbered from 0001, each number used once, in increasing order', () => {
    const migrations = readMigrations();
    expect(migrations[0]?.version).toBe(1);
    migrations.slice(1).forEach((migration, index) => expect(migration.version).toBeGreaterThan(migrations[index]!.version));
  });

  it('refuses two migrations with the same number', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'select 1;');
    fs.writeFileSync(path.join(dir, '0001_b.sql'), 'select 1;');
    expect(() => readMigrations(dir)).toThrow(/Deux migrations/);
  });

  it('refuses a new migration numbered below one already applied', async () => {
    database = await openTestDatabase();
    const [first] = readMigrations();
    await migrate(database.db, [first!, { version: 3, name: 'c', sql: 'select 1', checksum: 'c' }]);
    await expect(migrate(database.db, [first!, { version: 2, name: 'b', sql: 'select 1', checksum: 'b' }, { version: 3, name: 'c', sql: 'select 1', checksum: 'c' }])).rejects.toThrow(/antérieure/);
  });

  it('apply once, then are a no-op, and report their status', async () => {
    database = await openTestDatabase();
    const first = await migrate(database.db);
    expect(first.length).toBe(readMigrations().length);
    expect(await migrate(database.db)).toEqual([]);
    expect(await migrationStatus(database.db)).toEqual({ applied: first.length, latest: first.length });
  });

  it('refuse to run when an applied migration was edited', async () => {
    database = await openTestDatabase();
    const migrations = readMigrations();
    await migrate(database.db, migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'autre' } : m));
    await expect(migrate(database.db, edited)).rejects.toThrow(/modifiée après application/);
  });
});
