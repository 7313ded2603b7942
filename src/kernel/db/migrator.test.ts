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

  it('are numbered from 0001 without gaps', () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    migrations.forEach((migration, index) => expect(migration.version).toBe(index + 1));
  });

  it('refuses a gap in the numbering', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'select 1;');
    fs.writeFileSync(path.join(dir, '0003_c.sql'), 'select 1;');
    expect(() => readMigrations(dir)).toThrow(/non contiguës/);
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
