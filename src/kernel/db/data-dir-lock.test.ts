import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrator.ts';

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-data-'));
}

describe('embedded database folder', () => {
  it('refuses a second opener of the same folder with a clear message', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/déjà utilisé par un autre processus/);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('takes over the lock left by a process that died', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'guichet-titres.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'hier' }));
    const lock = lockDataDir(dir);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'guichet-titres.lock'))).toBe(false);
  });

  it('keeps data across a restart', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await migrate(first.db);
    await sql`insert into app_secrets (name, value) values ('temoin', 'persiste')`.execute(first.db);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    try {
      const rows = await sql<{ value: string }>`select value from app_secrets where name = 'temoin'`.execute(second.db);
      expect(rows.rows[0]?.value).toBe('persiste');
    } finally {
      await second.close();
    }
  });
});
